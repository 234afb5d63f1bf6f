import { createRoot, type Root } from 'react-dom/client';
import { CardLayer } from '@/components/card/CardLayer';
import '@/components/card/card.css';
import { answerSiteUserReads } from '@/lib/kick-web/site-user-read';
import { channelSlugFromPath, fetchWebProfile } from '@/lib/kick-web/web-reads';
import { sendToBackground as send } from '@/lib/messaging/send';
import { createCardLoader } from '@/lib/page/card-data';
import { RequestBudget, TAB_LOOKUPS_PER_MINUTE } from '@/lib/rate/request-budget';
import { createCardStore } from '@/lib/page/card-store';
import { startHoverCards } from '@/lib/page/hover-cards';
import { startLayoutWatch } from '@/lib/page/layout-watch';
import { loadSettingsFromPage, watchSettingsFromPage } from '@/lib/settings/settings-page';

export default defineContentScript({
  matches: ['https://kick.com/*', 'https://www.kick.com/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const store = createCardStore();
    store.setState({ settings: (await loadSettingsFromPage()).settings });
    watchSettingsFromPage(({ settings }) => store.setState({ settings }));

    const loader = createCardLoader({
      budget: new RequestBudget(TAB_LOOKUPS_PER_MINUTE, 60_000),
      official: (username, forceRefresh) => send('getUserCard', { username, forceRefresh }),
      web: (username, channelSlug) =>
        fetchWebProfile(username, channelSlug, (answers) => send('readWebProfile', answers)).then((result) => {
          for (const failure of result.failures ?? []) void send('reportWebFailure', { part: failure.part, reason: failure.reason.slice(0, 200) }).catch(() => undefined);
          return result;
        }),
      channelSlug: () => channelSlugFromPath(location.pathname),
    });

    let root: Root | undefined;
    const ui = await createShadowRootUi(ctx, {
      name: 'kick-user-cards',
      // Closed: page scripts must not read the card or click its buttons. The E2E build keeps it open for Playwright's locators.
      mode: __KUC_TEST_HOOKS__ ? 'open' : 'closed',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount(container, _shadow, host) {
        const cards = startHoverCards({
          store,
          loader,
          host,
          onNavigate: (listener) => ctx.addEventListener(window, 'wxt:locationchange', listener),
        });
        ctx.onInvalidated(() => cards.stop());
        root = createRoot(container);
        root.render(
          <CardLayer store={store} {...cards.cardProps} onOpenOptions={() => void send('openOptions', {}).catch(() => undefined)} />,
        );
      },
      onRemove() {
        root?.unmount();
      },
    });
    ui.mount();

    const stopWatch = startLayoutWatch((report) => void send('reportLayout', report).catch(() => undefined));
    ctx.onInvalidated(stopWatch);
    ctx.onInvalidated(answerSiteUserReads());
    // Only now is everything listening: E2E tests wait for this marker. It would announce the extension to kick.com, so only the E2E build sets it.
    if (__KUC_TEST_HOOKS__) document.documentElement.dataset.kickUserCards = 'ready';
  },
});
