import { browser } from 'wxt/browser';
import { createAuthService, type AuthFlowLauncher } from '../auth/auth-service';
import { REFRESH_AHEAD_MS, REFRESH_ALARM, TokenManager } from '../auth/token-manager';
import { tokenStore } from '../auth/token-store';
import { SessionCache } from '../cache/ttl-cache';
import type { OfficialProfile } from '../cards/schema';
import { createKickApi } from '../kick/api-client';
import { HostCircuit } from '../kick/host-circuit';
import { KICK_ENDPOINTS, type KickEndpoints } from '../kick/endpoints';
import { createDirectTokenExchanger } from '../kick/token-exchange';
import { createCardLookup } from '../lookup/card-lookup';
import { getRedirectUri, loadAppConfig } from '../settings/app-config';
import { loadSettings } from '../settings/settings';

export const CARD_CACHE_PREFIX = 'card:';

/** Everything the background owns, built once and wired together. */
export function createBackgroundServices(opts: { endpoints?: KickEndpoints; launchAuthFlow: AuthFlowLauncher }) {
  const endpoints = opts.endpoints ?? KICK_ENDPOINTS;
  // One memory of Kick's Retry-After and failures per host, shared by every call to it.
  const circuit = new HostCircuit();
  const api = createKickApi(endpoints, circuit);
  const exchanger = async () => {
    const app = await loadAppConfig();
    return app ? createDirectTokenExchanger(endpoints, app, circuit) : null;
  };
  const tokens = new TokenManager({
    store: tokenStore,
    exchanger,
    clientId: async () => (await loadAppConfig())?.clientId ?? null,
    onTokensChanged: (set) => void scheduleRefresh(set.expiresAt),
  });
  let ttlMinutes = 10;
  void loadSettings().then(({ settings }) => (ttlMinutes = settings.cacheTtlMinutes));
  const cache = new SessionCache<OfficialProfile>({
    prefix: CARD_CACHE_PREFIX,
    ttlMs: () => ttlMinutes * 60_000,
    staleMs: 60 * 60_000,
    negativeTtlMs: 2 * 60_000,
    maxEntries: 500,
  });
  const cards = createCardLookup({ api, tokens, cache });
  const auth = createAuthService({
    endpoints,
    api,
    store: tokenStore,
    tokens,
    appConfig: loadAppConfig,
    exchanger,
    redirectUri: getRedirectUri,
    launchAuthFlow: opts.launchAuthFlow,
  });

  async function scheduleRefresh(expiresAt?: number) {
    const at = expiresAt ?? (await tokenStore.getAccount())?.tokens?.expiresAt;
    if (!at) return browser.alarms.clear(REFRESH_ALARM);
    await browser.alarms.create(REFRESH_ALARM, { when: Math.max(Date.now() + 30_000, at - REFRESH_AHEAD_MS) });
  }

  return {
    api,
    tokens,
    cache,
    cards,
    auth,
    scheduleRefresh,
    setCacheTtlMinutes: (minutes: number) => (ttlMinutes = minutes),
  };
}
export type BackgroundServices = ReturnType<typeof createBackgroundServices>;
