import { KickError, isKickError } from '../kick/errors';
import type { TokenExchanger } from '../kick/token-exchange';
import type { TokenResponse } from '../kick/schemas';
import type { Account, TokenStore, TokenSet } from './token-store';
import { t } from '@/lib/i18n/messages';

/** Refresh this long before expiry, so a card never waits on an expired token. */
export const REFRESH_AHEAD_MS = 5 * 60_000;
export const REFRESH_ALARM = 'kick-token-refresh';
/** Kick's API refused the user's token with 401, then again once it was renewed. */
export const tokenRefusedAfterRefresh = () => t('error.tokenRefusedAfterRefresh');

export function tokenSetFrom(answer: TokenResponse, now: number, previous?: TokenSet): TokenSet {
  if (!answer.refresh_token) throw new KickError({ code: 'invalid_response', field: 'refresh_token', message: t('error.noRefreshToken') });
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: now + answer.expires_in * 1000,
    scopes: answer.scope.split(' ').filter(Boolean),
    obtainedAt: previous?.obtainedAt ?? now,
    lastRefreshedAt: previous ? now : undefined,
  };
}

export interface TokenManagerDeps {
  store: TokenStore;
  /** The current app's exchanger, or null when no app is configured. */
  exchanger: () => Promise<TokenExchanger | null>;
  clientId: () => Promise<string | null>;
  now?: () => number;
  onTokensChanged?: (tokens: TokenSet) => void;
}

export type TokenKind = 'user' | 'app';

/** Whether a refresh's answer was applied, or what the account had become when it came. */
type RefreshOutcome = { applied: true } | { applied: false; current: Account | null };

/**
 * Owns the token lifecycle: refresh ahead of expiry and once on 401, single-flight so concurrent
 * callers share one refresh, rotation (the new pair is saved before anything else happens, and an
 * old refresh token is never sent twice), and `reconnect needed` when Kick refuses the grant.
 */
export class TokenManager {
  private refreshing: Promise<TokenSet> | null = null;
  private appTokenFetch: Promise<string> | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: TokenManagerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** A user access token that is valid for a while, or null when no account is connected. */
  async userAccessToken(): Promise<string | null> {
    const account = await this.deps.store.getAccount();
    if (!account?.tokens) return null;
    if (account.tokens.expiresAt - this.now() > REFRESH_AHEAD_MS) return account.tokens.accessToken;
    return (await this.refresh()).accessToken;
  }

  /** Single-flight: every caller during one refresh gets the same promise. */
  refresh(): Promise<TokenSet> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<TokenSet> {
    const account = await this.deps.store.getAccount();
    if (!account?.tokens) throw new KickError({ code: 'not_connected', message: 'No Kick account is connected.' });
    const exchanger = await this.deps.exchanger();
    if (!exchanger) throw new KickError({ code: 'not_configured', message: t('error.setUpApp') });
    const sent = account.tokens.refreshToken;
    // While Kick answers, the account may change (disconnect, a new connection): the answer is
    // applied only if the stored refresh token is still the one sent.
    const stillSent = (current: Account | null): current is Account & { tokens: TokenSet } => current?.tokens?.refreshToken === sent;
    let answer: TokenResponse;
    try {
      answer = await exchanger.refresh(sent);
    } catch (error) {
      // Refused (Kick's generic 400, or 401): reconnect at once. No retry can fix a refused grant,
      // and the tokens are dropped so nothing sends that refresh token again.
      if (isKickError(error, 'invalid_grant') || isKickError(error, 'invalid_client')) {
        const reason = error.message;
        const outcome = await this.deps.store.change<RefreshOutcome>((current) =>
          stillSent(current)
            ? { next: { user: current.user, tokens: null, reconnectReason: reason }, result: { applied: true } }
            : { result: { applied: false, current } },
        );
        if (outcome.applied) throw new KickError({ code: 'reconnect_needed', message: reason });
        return this.currentOr(outcome.current);
      }
      throw error;
    }
    const tokens = tokenSetFrom(answer, this.now(), account.tokens);
    const outcome = await this.deps.store.change<RefreshOutcome>((current) =>
      stillSent(current)
        ? { next: { ...current, tokens, reconnectReason: undefined }, result: { applied: true } }
        : { result: { applied: false, current } },
    );
    if (outcome.applied) {
      this.deps.onTokensChanged?.(tokens);
      return tokens;
    }
    // Nobody will ever use this pair: the account was disconnected or replaced meanwhile.
    void Promise.allSettled([exchanger.revoke(tokens.refreshToken, 'refresh_token'), exchanger.revoke(tokens.accessToken, 'access_token')]);
    return this.currentOr(outcome.current);
  }

  /** What a refresh that lost the race answers: the account's tokens as they are now. */
  private currentOr(current: Account | null): TokenSet {
    if (current?.tokens) return current.tokens;
    throw new KickError({ code: 'not_connected', message: 'The Kick account was disconnected while its token was being renewed.' });
  }

  /**
   * Runs `call` with a user token; on 401 refreshes once and retries once. A 401 on the renewed token is Kick's final
   * word (revoked or rotated at Kick, whatever introspection says): the account needs a reconnect, and says so
   * everywhere, instead of a Retry that would ask the same again.
   */
  async withUserToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.userAccessToken();
    if (!token) throw new KickError({ code: 'not_connected', message: 'No Kick account is connected.' });
    try {
      return await call(token);
    } catch (error) {
      if (!isKickError(error, 'unauthorized')) throw error;
      const fresh = await this.refresh();
      try {
        return await call(fresh.accessToken);
      } catch (again) {
        if (!isKickError(again, 'unauthorized')) throw again;
        throw await this.refusedForGood(fresh);
      }
    }
  }

  /** Kick refused a freshly renewed token: its pair is dropped (and revoked) and the account asks for a reconnect. */
  private async refusedForGood(refused: TokenSet): Promise<KickError> {
    const reason = tokenRefusedAfterRefresh();
    const dropped = await this.deps.store.change((current) =>
      current?.tokens?.accessToken === refused.accessToken
        ? { next: { user: current.user, tokens: null, reconnectReason: reason }, result: true }
        : { result: false },
    );
    if (dropped) {
      const exchanger = await this.deps.exchanger().catch(() => null);
      void exchanger?.revoke(refused.refreshToken, 'refresh_token').catch(() => undefined);
    }
    return new KickError({ code: 'reconnect_needed', message: reason });
  }

  /** An app (client_credentials) token for public data when no account is connected. */
  async appAccessToken(forceNew = false): Promise<string> {
    const clientId = await this.deps.clientId();
    if (!clientId) throw new KickError({ code: 'not_configured', message: t('error.setUpAppOfficial') });
    const stored = await this.deps.store.getAppToken();
    if (!forceNew && stored && stored.clientId === clientId && stored.expiresAt - this.now() > REFRESH_AHEAD_MS) return stored.accessToken;
    this.appTokenFetch ??= (async () => {
      const exchanger = await this.deps.exchanger();
      if (!exchanger) throw new KickError({ code: 'not_configured', message: t('error.setUpApp') });
      const answer = await exchanger.appToken();
      await this.deps.store.setAppToken({ accessToken: answer.access_token, expiresAt: this.now() + answer.expires_in * 1000, clientId });
      return answer.access_token;
    })().finally(() => {
      this.appTokenFetch = null;
    });
    return this.appTokenFetch;
  }

  /** Runs `call` with the app token; on 401 gets a new one and retries once. */
  private async withAppToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.appAccessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!isKickError(error, 'unauthorized')) throw error;
      return call(await this.appAccessToken(true));
    }
  }

  /**
   * Public data (channels, users by id) goes through the app token even when an account is
   * connected: a user token needs `channel:read` and gets channels without description, banner,
   * title and category (KickDevDocs #200), while an app token needs no scope and can look users up
   * too (#325). The user token is the fallback when the app token cannot be had or is refused.
   */
  async withPublicToken<T>(call: (token: string, kind: TokenKind) => Promise<T>): Promise<T> {
    try {
      return await this.withAppToken((token) => call(token, 'app'));
    } catch (error) {
      const appUnusable = isKickError(error) && ['not_configured', 'invalid_client', 'unauthorized', 'forbidden'].includes(error.code);
      if (!appUnusable || !(await this.deps.store.getAccount())?.tokens) throw error;
      return this.withUserToken((token) => call(token, 'user'));
    }
  }
}
