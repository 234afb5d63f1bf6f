import { answerSiteUserReads } from '@/lib/kick-web/site-user-read';
import { channelSlugFromPath, fetchWebProfile } from '@/lib/kick-web/web-reads';
import { sendToBackground as send } from '@/lib/messaging/send';
import { startChatWatch } from '@/lib/page/chat-watch';
import { createCardLoader } from '@/lib/page/card-data';
import { whenCardUiProvided } from '@/lib/page/card-ui-bridge';
import { createCardUiLoader } from '@/lib/page/card-ui-loader';
import { RequestBudget, TAB_LOOKUPS_PER_MINUTE } from '@/lib/rate/request-budget';
import { createCardStore } from '@/lib/page/card-store';
import { startHoverCards } from '@/lib/page/hover-cards';
import { startLayoutWatch } from '@/lib/page/layout-watch';
import { askSettings, listenStoredChanges } from '@/lib/page/stored-changes';

export default defineContentScript({
  matches: ['https://kick.com/*', 'https://www.kick.com/*'],
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
    // As soon as the settings say whether to, so the background starts following this chat early (lib/page/chat-watch.ts).
    const chat = startChatWatch(send, { enabled: () => store.getState().settings.followChat });
    ctx.onInvalidated(() => chat.stop());

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
      onNavigate: (listener) => ctx.addEventListener(window, 'wxt:locationchange', listener),
      // Typing in the card, or something in the open card asks to stay (a moderator's Undo or armed ban: data-hold).
      typingInCard: () => (shadow.activeElement?.matches('input, textarea') ?? false) || shadow.querySelector('.kuc-card:not([hidden]) [data-hold]') !== null,
    });
    ctx.onInvalidated(() => cards.stop());

    const ui = createCardUiLoader({
      inject: () => send('loadCardUi', {}),
      whenProvided: whenCardUiProvided,
      mount: (mount) => ctx.onInvalidated(mount(shadow, { store, ...cards.cardProps, chat, send, onOpenOptions: () => void send('openOptions', {}).catch(() => undefined) })),
    });
    // The first reach for a name (a load starts at pointer enter, before the hover delay) brings the card UI in; a
    // failed load is tried again at the next one.
    const stopBringing = store.subscribe((state) => {
      if (ui.mounted) stopBringing();
      else if (state.loads.size > 0 || state.open) void ui.ensure();
    });
    ctx.onInvalidated(stopBringing);

    const stopWatch = startLayoutWatch((report) => void send('reportLayout', report).catch(() => undefined));
    ctx.onInvalidated(stopWatch);
    ctx.onInvalidated(answerSiteUserReads());
    // Only now is everything listening: E2E tests wait for this marker. It would announce the extension to kick.com, so only the E2E build sets it.
    if (__KUC_TEST_HOOKS__) document.documentElement.dataset.kickUserCards = 'ready';
  },
});
