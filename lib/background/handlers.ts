import { browser } from 'wxt/browser';
import { toKickErrorInfo } from '../kick/errors';
import type { Handlers } from '../messaging/extension';
import type { LayoutReport, WebFailureTally } from '../messaging/protocol';
import type { BackgroundServices } from './services';

const layoutKey = (tabId: number) => `layout:${tabId}`;
const webFailuresKey = (tabId: number) => `webFailures:${tabId}`;

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
  // Reports arrive in bursts (two reads per card): one at a time, so no count is lost between read and write.
  let tallying: Promise<unknown> = Promise.resolve();
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
    async reportWebFailure(report, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: true };
      const key = webFailuresKey(tabId);
      const next = tallying.then(async () => {
        const before = (await browser.storage.session.get(key))[key] as WebFailureTally | undefined;
        const tally: WebFailureTally = { count: (before?.count ?? 0) + 1, last: { ...report, at: Date.now() } };
        await browser.storage.session.set({ [key]: tally });
      });
      tallying = next.catch(() => undefined);
      await next;
      return { ok: true };
    },
    async openOptions() {
      await browser.runtime.openOptionsPage();
      return { ok: true };
    },
    async getTabInfo({ tabId }) {
      const [key, failuresKey] = [layoutKey(tabId), webFailuresKey(tabId)];
      const stored = await browser.storage.session.get([key, failuresKey]);
      const layout = stored[key] as (LayoutReport & { at: number }) | undefined;
      const webFailures = stored[failuresKey] as WebFailureTally | undefined;
      return { layout, webFailures, cachedCards: await services.cache.size() };
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
