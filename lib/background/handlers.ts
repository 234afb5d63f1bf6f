import { browser } from 'wxt/browser';
import { KickError } from '../kick/errors';
import type { Handlers } from '../messaging/extension';

const pending = (name: string) => () => {
  throw new KickError({ code: 'server', message: `${name} is not available yet.` });
};

export function createHandlers(): Handlers {
  return {
    ping: ({ nonce }) => ({ nonce, version: browser.runtime.getManifest().version }),
    getUserCard: pending('getUserCard'),
    reportLayout: () => ({ ok: true }),
    getAuthStatus: () => ({ state: 'not_configured' }),
    connect: pending('connect'),
    disconnect: pending('disconnect'),
    refreshNow: pending('refreshNow'),
    clearCache: () => ({ cleared: 0 }),
    getTabInfo: () => ({ cachedCards: 0 }),
  };
}
