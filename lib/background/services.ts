import { browser } from 'wxt/browser';
import { createAuthService, type AuthFlowLauncher } from '../auth/auth-service';
import { REFRESH_AHEAD_MS, REFRESH_ALARM, TokenManager } from '../auth/token-manager';
import { tokenStore } from '../auth/token-store';
import { memoryArea, SessionCache, type CacheOptions } from '../cache/ttl-cache';
import type { OfficialProfile } from '../cards/schema';
import { createKickApi } from '../kick/api-client';
import { HostCircuit } from '../kick/host-circuit';
import { KICK_ENDPOINTS, type KickEndpoints } from '../kick/endpoints';
import { toKickErrorInfo } from '../kick/errors';
import { createRelayTokenExchanger } from '../kick/relay-exchange';
import { createDirectTokenExchanger } from '../kick/token-exchange';
import { createCardLookup } from '../lookup/card-lookup';
import { createNoteStore } from '../notes/note-store';
import type { NotePlaces } from '../notes/note-places';
import { getRedirectUri, loadAppConfig } from '../settings/app-config';
import { BUILD_RELAY, loadConnectionMode, RELAY_SCOPES, type RelayConfig } from '../settings/relay-config';
import { loadSettings } from '../settings/settings';
import { createModLog } from '../moderation/mod-log';
import { createModeration } from '../moderation/moderation-service';
import { MODERATOR_SCOPES } from '../moderation/schema';

export const CARD_CACHE_PREFIX = 'card:';
/** A scheduled refresh that failed for a passing reason is tried again after this, doubling up to the cap. */
const REFRESH_RETRY_MS = 30_000;
const REFRESH_RETRY_CAP_MS = 30 * 60_000;
const PASSING_FAILURES = ['network', 'timeout', 'server', 'rate_limited'];

/** Everything the background owns, built once and wired together. */
export function createBackgroundServices(opts: {
  endpoints?: KickEndpoints;
  launchAuthFlow: AuthFlowLauncher;
  /** The token relay; the build's (WXT_KICK_RELAY_URL) unless a test names one, or null for none. */
  relay?: RelayConfig | null;
  /** Where the notes are kept (lib/notes/note-places.ts); the storage areas as they are unless given. */
  notePlaces?: () => Promise<NotePlaces>;
  onNotesChanged?: () => void;
}) {
  const endpoints = opts.endpoints ?? KICK_ENDPOINTS;
  const relay = opts.relay === undefined ? BUILD_RELAY : opts.relay;
  // One memory of Retry-After and failures per host (Kick's and the relay's), shared by every call to it.
  const circuit = new HostCircuit();
  const api = createKickApi(endpoints, circuit);
  const relayExchanger = relay ? createRelayTokenExchanger(relay.url, circuit) : null;
  const connectionMode = () => loadConnectionMode(relay);
  const moderatorActions = async () => (await loadSettings()).settings.moderatorActions;
  // The moderation scopes are asked for only while "Moderator actions" is on (lib/moderation/), on either app.
  const appConfig = async () => {
    const app = relay && (await connectionMode()) === 'relay' ? { clientId: relay.clientId, scopes: RELAY_SCOPES } : await loadAppConfig();
    return app && (await moderatorActions()) ? { ...app, scopes: [...new Set([...app.scopes, ...MODERATOR_SCOPES])] } : app;
  };
  const exchanger = async () => {
    if (relayExchanger && (await connectionMode()) === 'relay') return relayExchanger;
    const app = await loadAppConfig();
    return app ? createDirectTokenExchanger(endpoints, app, circuit) : null;
  };
  const tokens = new TokenManager({
    store: tokenStore,
    exchanger,
    clientId: async () => (await appConfig())?.clientId ?? null,
    onTokensChanged: (set) => void scheduleRefresh(set.expiresAt),
  });
  let ttlMinutes = 10;
  void loadSettings().then(({ settings }) => (ttlMinutes = settings.cacheTtlMinutes));
  const cacheOptions: CacheOptions = {
    prefix: CARD_CACHE_PREFIX,
    ttlMs: () => ttlMinutes * 60_000,
    staleMs: 60 * 60_000,
    negativeTtlMs: 2 * 60_000,
    maxEntries: 500,
  };
  const cache = new SessionCache<OfficialProfile>(cacheOptions);
  // Private windows' cards: in this worker's memory only, never in storage, dropped with their last tab (handlers.ts).
  const privateCache = new SessionCache<OfficialProfile>({ ...cacheOptions, area: memoryArea() });
  const cards = createCardLookup({ api, tokens, cache, privateCache });
  const modLog = createModLog();
  const moderation = createModeration({
    api,
    tokens,
    store: tokenStore,
    channelOwner: async (slug, inPrivate) => (await cards.lookup(slug, { inPrivate })).profile.userId,
    enabled: moderatorActions,
    log: modLog,
  });
  const auth = createAuthService({
    endpoints,
    api,
    store: tokenStore,
    tokens,
    appConfig,
    connectionMode,
    exchanger,
    redirectUri: getRedirectUri,
    launchAuthFlow: opts.launchAuthFlow,
  });

  async function scheduleRefresh(expiresAt?: number) {
    const at = expiresAt ?? (await tokenStore.getAccount())?.tokens?.expiresAt;
    if (!at) return browser.alarms.clear(REFRESH_ALARM);
    await browser.alarms.create(REFRESH_ALARM, { when: Math.max(Date.now() + 30_000, at - REFRESH_AHEAD_MS) });
  }

  let refreshFailures = 0;
  /**
   * The alarm's refresh. A passing failure (relay or Kick down, slow, 429, 5xx) tries again with
   * back-off, at least as late as Retry-After; the host circuit meanwhile answers other callers
   * from memory. A refused grant is not retried: TokenManager has already asked for a reconnect.
   */
  async function refreshOnSchedule(): Promise<void> {
    try {
      await tokens.refresh();
      refreshFailures = 0;
    } catch (error) {
      const info = toKickErrorInfo(error);
      if (PASSING_FAILURES.includes(info.code)) {
        refreshFailures++;
        const backoff = Math.min(REFRESH_RETRY_CAP_MS, REFRESH_RETRY_MS * 2 ** (refreshFailures - 1));
        await browser.alarms.create(REFRESH_ALARM, { when: Date.now() + Math.max(backoff, (info.retryAfterSec ?? 0) * 1000) });
      }
      throw error;
    }
  }

  return {
    api,
    tokens,
    cache,
    privateCache,
    cards,
    auth,
    notes: createNoteStore({ places: opts.notePlaces, onChange: opts.onNotesChanged }),
    moderation,
    modLog,
    scheduleRefresh,
    refreshOnSchedule,
    setCacheTtlMinutes: (minutes: number) => (ttlMinutes = minutes),
  };
}
export type BackgroundServices = ReturnType<typeof createBackgroundServices>;
