import { browser } from 'wxt/browser';
import { toKickErrorInfo } from '../kick/errors';
import type { Handlers } from '../messaging/extension';
import type { LayoutReport } from '../messaging/protocol';
import type { BackgroundServices } from './services';

const layoutKey = (tabId: number) => `layout:${tabId}`;

async function action(run: () => Promise<void>) {
  try {
    await run();
    return { ok: true as const };
  } catch (error) {
    return { ok: false as const, error: toKickErrorInfo(error) };
  }
}

/** The background's answer to every message of the protocol. Kick failures come back as data, never as a throw. */
export function createHandlers(services: BackgroundServices): Handlers {
  return {
    ping: ({ nonce }) => ({ nonce, version: browser.runtime.getManifest().version }),
    async getUserCard({ username, forceRefresh }) {
      try {
        return { ok: true, ...(await services.cards.lookup(username, { forceRefresh })) };
      } catch (error) {
        return { ok: false, error: toKickErrorInfo(error) };
      }
    },
    async reportLayout(report, sender) {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) await browser.storage.session.set({ [layoutKey(tabId)]: { ...report, at: Date.now() } });
      return { ok: true };
    },
    async openOptions() {
      await browser.runtime.openOptionsPage();
      return { ok: true };
    },
    async getTabInfo({ tabId }) {
      const key = layoutKey(tabId);
      const layout = (await browser.storage.session.get(key))[key] as (LayoutReport & { at: number }) | undefined;
      return { layout, cachedCards: await services.cache.size() };
    },
    getAuthStatus: ({ live }) => services.auth.status({ live }),
    connect: () => action(async () => {
      await services.auth.connect();
      await services.scheduleRefresh();
    }),
    disconnect: () => action(async () => {
      await services.auth.disconnect();
      await services.scheduleRefresh();
    }),
    refreshNow: () => action(() => services.auth.refreshNow()),
    clearCache: async () => ({ cleared: await services.cache.clear() }),
  };
}
