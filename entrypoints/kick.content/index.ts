import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { answerSiteUserReads } from '@/lib/kick-web/site-user-read';
import { channelSlugFromPath, fetchWebProfile } from '@/lib/kick-web/web-reads';
import { sendToBackground as send } from '@/lib/messaging/send';
import { startChatWatch, type ChatWatch } from '@/lib/page/chat-watch';
import { createCardLoader } from '@/lib/page/card-data';
import { whenCardUiProvided } from '@/lib/page/card-ui-bridge';
import { createCardUiLoader } from '@/lib/page/card-ui-loader';
import { RequestBudget, TAB_LOOKUPS_PER_MINUTE } from '@/lib/rate/request-budget';
import { createCardStore, type CardStore } from '@/lib/page/card-store';
import { startHoverCards } from '@/lib/page/hover-cards';
import { startLayoutWatch } from '@/lib/page/layout-watch';
import { startWhenIdle } from '@/lib/page/start-when-idle';
import { askSettings, listenStoredChanges } from '@/lib/page/stored-changes';

export default defineContentScript({
  matches: ['https://kick.com/*', 'https://www.kick.com/*'],
  // WXT also posts "a script started" to the window, where kick.com's own scripts read it (with this extension's id);
  // the document event it dispatches as well is all a newer copy of this script needs to stop the old one.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const store = createCardStore();
    // Heard before asked, so a change made meanwhile is not lost to an older answer.
    let told = false;
    ctx.onInvalidated(
      listenStoredChanges({
        settings: (settings) => ((told = true), store.setState({ settings })),
        notes: () => store.setState((state) => ({ notesRevision: state.notesRevision + 1 })),
      }),
    );
    const settings = await askSettings(send);
    if (!told) store.setState({ settings });
    // Everything else waits for the page's idle time (issue #27: every kick.com page pays the start-up, a hover or not),
    // in three parts so that none holds the page's thread long: the cards' listeners (first of all at the first pointer
    // or key to reach the page: they are added to the document during that event's capture at the window, so that very
    // event reaches them: lib/page/start-when-idle.ts), following the chat, and the markup check with the popup's question.
    const ready = () => {
      // Only now is everything listening: E2E tests wait for this marker. It would announce the extension to kick.com, so only the E2E build sets it.
      if (__KUC_TEST_HOOKS__ && parts.every((part) => part.started)) document.documentElement.dataset.kickUserCards = 'ready';
    };
    const part = <T>(start: () => T, opts?: Parameters<typeof startWhenIdle>[1]) =>
      startWhenIdle(() => {
        const started = start();
        queueMicrotask(ready);
        return started;
      }, opts);
    const cards = part(() => startCards(ctx, store, () => chat.now()), { wakeOn: ['pointerover', 'focusin', 'keydown'] });
    const chat = part(() => {
      // Early, so the background follows this chat before the first card asks what was said (lib/page/chat-watch.ts).
      const watch = startChatWatch(send, { enabled: () => store.getState().settings.followChat });
      ctx.onInvalidated(() => watch.stop());
      return watch;
    });
    const checks = part(() => {
      ctx.onInvalidated(startLayoutWatch((report) => void send('reportLayout', report).catch(() => undefined)));
      ctx.onInvalidated(answerSiteUserReads());
    });
    const parts = [cards, chat, checks];
    ctx.onInvalidated(() => parts.forEach((part) => part.cancel()));
  },
});

/** How long the first card's data waits for its UI at most: far longer than the UI takes, so only a lost injection meets it. */
const CARD_UI_WAIT_MS = 400;

/** The cards: their listeners, the loader of their data, and the card UI's loader. */
function startCards(ctx: ContentScriptContext, store: CardStore, chat: () => ChatWatch): void {
  const loader = createCardLoader({
    budget: new RequestBudget(TAB_LOOKUPS_PER_MINUTE, 60_000),
    official: (username, forceRefresh) => send('getUserCard', { username, forceRefresh }),
    web: (username, channelSlug) =>
      fetchWebProfile(username, channelSlug, (answers) =>
        // Checking is pure and cheap: an answer lost to a worker stopped mid-flight is asked for once more.
        send('readWebProfile', answers).catch(() => send('readWebProfile', answers)),
      ).then((result) => {
        for (const failure of result.failures ?? []) void send('reportWebFailure', { part: failure.part, reason: failure.reason.slice(0, 200) }).catch(() => undefined);
        return result;
      }),
    channelSlug: () => channelSlugFromPath(location.pathname),
  });

  // The card's host is here from the start (an empty element); what it shows arrives with the card UI, below.
  const host = document.createElement('kick-user-cards');
  // Closed: page scripts must not read the card or click its buttons. The E2E build keeps it open for Playwright's locators.
  const shadow = host.attachShadow({ mode: __KUC_TEST_HOOKS__ ? 'open' : 'closed' });
  document.body.append(host);
  ctx.onInvalidated(() => host.remove());

  const cards = startHoverCards({
    store, loader, host,
    // The page's first card: its UI first, then its data (card-ui-loader.ts). `ui` exists before any reach for a name.
    beforeLoad: () => ui.settled(CARD_UI_WAIT_MS),
    onNavigate: (listener) => ctx.addEventListener(window, 'wxt:locationchange', listener),
    // Typing in the card, or something in the open card asks to stay (a moderator's Undo or armed ban: data-hold).
    typingInCard: () => (shadow.activeElement?.matches('input, textarea') ?? false) || shadow.querySelector('.kuc-card:not([hidden]) [data-hold]') !== null,
  });
  ctx.onInvalidated(() => cards.stop());

  const ui = createCardUiLoader({
    inject: () => send('loadCardUi', {}),
    whenProvided: whenCardUiProvided,
    // In a task of its own, not in the one that compiled and ran the injected script (issue #27: no long task).
    mount: (mount) =>
      void ctx.setTimeout(() => ctx.onInvalidated(mount(shadow, { store, ...cards.cardProps, chat: chat(), send, onOpenOptions: () => void send('openOptions', {}).catch(() => undefined) })), 0),
  });
  // The first reach for a name (a load starts at pointer enter, before the hover delay) brings the card UI in, and
  // follows the chat if idle time has not yet; a failed load is tried again at the next one.
  const stopBringing = store.subscribe((state) => {
    if (ui.mounted) stopBringing();
    else if (state.loads.size > 0 || state.open) {
      chat();
      void ui.ensure();
    }
  });
  ctx.onInvalidated(stopBringing);
}
