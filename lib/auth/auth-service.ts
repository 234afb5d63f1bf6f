import { KickError, isKickError, toKickErrorInfo } from '../kick/errors';
import type { KickApi } from '../kick/api-client';
import { buildAuthorizeUrl, createPkceSession, parseAuthorizeCallback } from '../kick/oauth';
import type { KickEndpoints } from '../kick/endpoints';
import type { TokenExchanger } from '../kick/token-exchange';
import type { AppConfig } from '../settings/app-config';
import type { AuthStatus, ConnectedUser } from './status-schema';
import { authorizeStatus } from './authorize-probe';
import { tokenSetFrom, type TokenManager } from './token-manager';
import type { TokenStore } from './token-store';
import { t } from '@/lib/i18n/messages';

/** Opens Kick's authorize page and resolves with the URL Kick redirected to (browser.identity in the extension). */
export type AuthFlowLauncher = (authorizeUrl: string) => Promise<string | undefined>;

export interface AuthServiceDeps {
  endpoints: KickEndpoints;
  api: KickApi;
  store: TokenStore;
  tokens: TokenManager;
  /** The app to sign in with: the user's own, or the relay's public client id (no secret either way). */
  appConfig: () => Promise<Pick<AppConfig, 'clientId' | 'scopes'> | null>;
  /** Which way the account connects, for the status; absent means the user's own app. */
  connectionMode?: () => Promise<'relay' | 'own'>;
  exchanger: () => Promise<TokenExchanger | null>;
  redirectUri: () => string;
  launchAuthFlow: AuthFlowLauncher;
  /** Kick's HTTP status for the authorize URL (see authorize-probe.ts). */
  probeAuthorize?: (authorizeUrl: string) => Promise<number | undefined>;
  now?: () => number;
}

export const signInRefused = () => t('error.signInRefused');

function userFrom(u: { userId: number; name: string; email: string; profilePicture: string }): ConnectedUser {
  return { userId: u.userId, name: u.name, avatarUrl: u.profilePicture.startsWith('https://') ? u.profilePicture : undefined, email: u.email || undefined };
}

/** Connect, disconnect, refresh and the honest status of the account, for the popup and options page. */
export function createAuthService(deps: AuthServiceDeps) {
  const now = deps.now ?? Date.now;
  let connecting: Promise<void> | null = null;

  async function requireApp(): Promise<{ app: Pick<AppConfig, 'clientId' | 'scopes'>; exchanger: TokenExchanger }> {
    const [app, exchanger] = await Promise.all([deps.appConfig(), deps.exchanger()]);
    if (!app || !exchanger) throw new KickError({ code: 'not_configured', message: t('error.enterApp') });
    return { app, exchanger };
  }

  async function doConnect(): Promise<void> {
    const { app, exchanger } = await requireApp();
    const pkce = await createPkceSession();
    const redirectUri = deps.redirectUri();
    const authorizeUrl = buildAuthorizeUrl(deps.endpoints, { clientId: app.clientId, redirectUri, scopes: app.scopes, pkce });
    let callback: string | undefined;
    const flow = deps.launchAuthFlow(authorizeUrl);
    // Kick's error page keeps the window open with nothing to approve: say so now, not when it is closed.
    const refused = (deps.probeAuthorize ?? authorizeStatus)(authorizeUrl).then((status) => status === 400, () => false);
    const refusal = new KickError({ code: 'invalid_request', message: signInRefused() });
    flow.catch(() => undefined); // a refusal returns while the window is still open
    try {
      callback = await Promise.race([flow, refused.then((no) => (no ? Promise.reject(refusal) : flow))]);
    } catch (error) {
      if (error === refusal || (await refused)) throw refusal;
      const message = error instanceof Error ? error.message : String(error);
      if (/closed|cancel|did not approve/i.test(message)) throw new KickError({ code: 'cancelled', message: t('error.windowClosed') });
      throw new KickError({ code: 'network', message: t('error.cannotOpen', { reason: message }) });
    }
    if (!callback) throw new KickError({ code: 'cancelled', message: t('error.windowClosed') });
    const code = parseAuthorizeCallback(callback, pkce.state);
    const answer = await exchanger.exchangeCode({ code, redirectUri, verifier: pkce.verifier });
    const tokens = tokenSetFrom(answer, now());
    // Connecting again while connected (a new grant, e.g. for the moderation scopes) replaces the pair: the old one is
    // revoked, not left live at Kick.
    const before = await deps.store.change((current) => ({ next: { tokens }, result: current }));
    if (before?.tokens && before.tokens.refreshToken !== tokens.refreshToken)
      void Promise.allSettled([exchanger.revoke(before.tokens.refreshToken, 'refresh_token'), exchanger.revoke(before.tokens.accessToken, 'access_token')]);
    const me = await deps.api.me(tokens.accessToken).catch(() => undefined);
    if (me) await patchUser(userFrom(me));
  }

  const service = {
    isConnecting: () => connecting !== null,

    /** Single-flight: a second Connect while the window is open joins the first. */
    connect(): Promise<void> {
      connecting ??= doConnect().finally(() => {
        connecting = null;
      });
      return connecting;
    },

    /**
     * Revokes both tokens at Kick, and forgets them even when the revoke fails. A refresh still at
     * Kick meanwhile finds the account gone when it answers and revokes the pair it got.
     */
    async disconnect(): Promise<void> {
      const account = await deps.store.change((current) => ({ next: null, result: current }));
      const exchanger = await deps.exchanger().catch(() => null);
      if (!account?.tokens || !exchanger) return;
      await Promise.allSettled([
        exchanger.revoke(account.tokens.refreshToken, 'refresh_token'),
        exchanger.revoke(account.tokens.accessToken, 'access_token'),
      ]);
    },

    async refreshNow(): Promise<void> {
      await deps.tokens.refresh();
    },

    /** One answer for the popup: introspection (active, expiry, scopes) plus the connected user, and which way it connects. */
    async status(opts: { live?: boolean } = {}): Promise<AuthStatus> {
      const [status, via] = await Promise.all([statusOf(opts), deps.connectionMode?.() ?? Promise.resolve('own' as const)]);
      return { ...status, via };
    },
  };

  async function statusOf({ live = false }: { live?: boolean }): Promise<AuthStatus> {
    if (connecting) return { state: 'connecting' };
    const app = await deps.appConfig();
    if (!app) return { state: 'not_configured' };
    const account = await deps.store.getAccount();
    if (account?.reconnectReason && !account.tokens) return { state: 'reconnect_needed', reason: account.reconnectReason, user: account.user };
    if (!account?.tokens) return disconnectedStatus();
    try {
      let token = (await deps.tokens.userAccessToken())!;
      let info = await introspectOrDead(token);
      // A dead access token may only have died early: one refresh, then Kick's word is final.
      if (!info.active) {
        token = (await deps.tokens.refresh()).accessToken;
        info = await introspectOrDead(token);
      }
      const current = await deps.store.getAccount();
      if (!info.active) return { state: 'reconnect_needed', reason: t('error.tokenInactive'), user: current?.user };
      let user = current?.user;
      if (live || !user) {
        // Introspection may call a token active that the API refuses (revoked at Kick meanwhile, or Kick's lag): one
        // refresh, then Kick's word is final (reconnect), not an error whose Retry asks the same again.
        const me = await deps.tokens.withUserToken((t) => deps.api.me(t));
        if (me) {
          user = userFrom(me);
          await patchUser(user);
        }
      }
      if (!user) return { state: 'error', message: t('error.noOwner') };
      return {
        state: 'connected',
        user,
        token: {
          active: true,
          expiresAt: info.exp ? info.exp * 1000 : current?.tokens?.expiresAt,
          scopes: (info.scope ?? current?.tokens?.scopes.join(' ') ?? '').split(' ').filter(Boolean),
          lastRefreshedAt: current?.tokens?.lastRefreshedAt,
          checkedAt: now(),
        },
      };
    } catch (error) {
      if (isKickError(error, 'reconnect_needed')) return { state: 'reconnect_needed', reason: error.message, user: account.user };
      return { state: 'error', message: toKickErrorInfo(error).message, user: account.user };
    }
  }

  /** Sets the connected user on the account as stored now, never writing back tokens read earlier. */
  function patchUser(user: ConnectedUser): Promise<void> {
    return deps.store.change((current) => ({ next: current?.tokens ? { ...current, user } : undefined, result: undefined }));
  }

  /** Introspection, with the deprecated endpoint's 401 for a dead token read as `active: false`. */
  async function introspectOrDead(token: string): Promise<{ active: boolean; exp?: number; scope?: string }> {
    try {
      return await deps.api.introspect(token);
    } catch (error) {
      if (isKickError(error, 'unauthorized')) return { active: false };
      throw error;
    }
  }

  /** Not connected: whether the app's own token works, so a wrong Client ID or secret shows up here. */
  async function disconnectedStatus(): Promise<AuthStatus> {
    try {
      await deps.tokens.appAccessToken();
      return { state: 'disconnected', appToken: true };
    } catch (error) {
      if (isKickError(error, 'invalid_client')) return { state: 'disconnected', appToken: false, appError: error.message };
      return { state: 'disconnected', appToken: (await deps.store.getAppToken()) !== null };
    }
  }

  return service;
}
export type AuthService = ReturnType<typeof createAuthService>;
