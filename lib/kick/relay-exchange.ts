import { KickError, isKickError, toKickErrorInfo, type KickErrorInfo } from './errors';
import type { HostCircuit } from './host-circuit';
import { errorFromResponse, DEFAULT_TIMEOUT_MS } from './http';
import { TokenResponseSchema, type TokenResponse } from './schemas';
import { refusalFor, type TokenExchanger } from './token-exchange';
import { t } from '@/lib/i18n/messages';

/** Marks the relay's own answers (relay/handler.ts REFUSAL_HEADER); Kick's pass through it without. */
const REFUSAL_HEADER = 'x-kick-relay';
const TRANSIENT = new Set(['network', 'timeout', 'server', 'rate_limited']);

/** The sentence that opens every "the relay is down" message. */
export const relayUnreachable = () => t('error.relayDown');

/** Down, slow, overloaded or rate limited: the user can only wait, and cards go on with kick.com's own data. */
function unreachable(info: KickErrorInfo): KickError {
  const wait = info.retryAfterSec ? t('error.relayRetryIn', { s: info.retryAfterSec }) : t('error.relayRetrySoon');
  return new KickError({ ...info, message: `${relayUnreachable()} ${wait} ${t('error.relayCardsGoOn')}` });
}

/** The relay's refusal of a token for scopes it does not relay (relay/scope-check.ts), in words, naming them. */
function scopeRefusal(scopes: unknown): string {
  const named = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string' && /^[a-z_:]{1,40}$/.test(s)) : [];
  const which = named.length > 0 ? ` (${named.join(', ')})` : '';
  return t('error.relayScopes', { which });
}

/**
 * The token calls through the relay (relay/README.md): no client secret here, the relay adds it.
 * Kick's answers come back as Kick sent them, so a refusal means what it means for a direct call;
 * the relay's own refusals and failures get their own words. The relay's host has its own entry
 * in the host circuit, so its failures make refreshes back off without blocking Kick's API.
 */
export function createRelayTokenExchanger(relayUrl: string, circuit?: HostCircuit, opts: { timeoutMs?: number } = {}): TokenExchanger {
  const base = relayUrl.replace(/\/+$/, '');
  const host = new URL(base).host;

  type Grant = 'authorization_code' | 'refresh_token';

  /** Kick's refusal of a grant, in the words of this way of connecting. */
  function refused(grant: Grant | undefined, error: KickError): unknown {
    if (!grant) return error;
    const mapped = refusalFor(grant, error);
    if (grant === 'authorization_code' && mapped !== error && isKickError(mapped))
      return new KickError({ ...mapped.info, message: t('error.relayCodeRefused') });
    return mapped;
  }

  async function post(path: '/token' | '/revoke', form: URLSearchParams, grant?: Grant): Promise<Response> {
    const useCircuit = grant !== undefined;
    let res: Response;
    try {
      if (useCircuit) circuit?.check(host);
      res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      const info = toKickErrorInfo(error);
      // A circuit refusal was recorded when it started; a fresh failure is recorded now.
      if (!(isKickError(error) && useCircuit)) circuit?.record(host, info);
      throw unreachable(info);
    }
    if (res.ok) {
      circuit?.record(host);
      return res;
    }
    const body = (await res.clone().json().catch(() => null)) as { error?: unknown; scopes?: unknown } | null;
    const relayCode = res.headers.get(REFUSAL_HEADER) === 'refused' ? (typeof body?.error === 'string' ? body.error : 'unknown') : undefined;
    // Kick granted more than the relay relays: the relay has already revoked the tokens, so this sign-in is over.
    if (relayCode === 'scope_not_allowed') throw new KickError({ code: 'invalid_grant', status: res.status, message: scopeRefusal(body?.scopes) });
    // 429 and 5xx from the relay itself (rate limit, Kick unreachable) are passing failures like Kick's own.
    if (relayCode && res.status < 500 && res.status !== 429) {
      throw new KickError({
        code: 'invalid_request',
        status: res.status,
        message: t('error.relayRefused', { code: relayCode }),
      });
    }
    const error = await errorFromResponse(res);
    circuit?.record(host, error.info);
    if (TRANSIENT.has(error.info.code)) throw unreachable(error.info);
    throw refused(grant, error);
  }

  async function token(grant: Grant, fields: Record<string, string>): Promise<TokenResponse> {
    const res = await post('/token', new URLSearchParams({ grant_type: grant, ...fields }), grant);
    const parsed = TokenResponseSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new KickError({ code: 'invalid_response', message: t('error.relayUnreadable') });
    return parsed.data;
  }

  return {
    exchangeCode: ({ code, redirectUri, verifier }) => token('authorization_code', { code, redirect_uri: redirectUri, code_verifier: verifier }),
    refresh: (refreshToken) => token('refresh_token', { refresh_token: refreshToken }),
    // The relay refuses client_credentials on purpose (an app token anyone could get is nobody's):
    // TokenManager.withPublicToken then reads public data with the user's own token.
    appToken: () => Promise.reject(new KickError({ code: 'not_configured', message: t('error.relayNoAppToken') })),
    async revoke(value, hint) {
      // No circuit, as for direct revokes: a disconnect always tries to kill its tokens.
      await post('/revoke', new URLSearchParams({ token: value, token_hint_type: hint }));
    },
  };
}
