/**
 * The token relay: adds this app's client secret to Kick's code and refresh grants (and revoke),
 * because Kick's token endpoint requires the secret even with PKCE (KickDevDocs #413), and a secret
 * shipped in an extension is not secret. Written against the Fetch API only, so the same file runs
 * on Cloudflare Workers (relay/worker.ts) and on Node (relay/node.ts).
 *
 * It stores nothing: no database, no cache of answers, and its only memory is the rate limiter's
 * request counts, keyed by the client's address (client-key.ts). It never logs a body, a query or a token.
 */

import { clientKey } from './client-key';
import { scopesBeyondAllowed } from './scope-check';

export interface RelayEnv {
  KICK_CLIENT_ID?: string;
  KICK_CLIENT_SECRET?: string;
  /** Comma-separated exact origins, e.g. `chrome-extension://<id>`; `moz-extension://*` admits any Firefox add-on origin (see relay/README.md). */
  ALLOWED_ORIGINS?: string;
  /** Comma-separated redirect URIs a code exchange may name (those registered on the Kick app). */
  ALLOWED_REDIRECT_URIS?: string;
  /** Where Kick's OAuth server is; only tests point it elsewhere. */
  KICK_ID_BASE?: string;
  /** Requests per client address (an IPv6 /64) per minute. */
  RATE_LIMIT_PER_MINUTE?: string;
  UPSTREAM_TIMEOUT_MS?: string;
}

export const MAX_BODY_BYTES = 4096;
/** Set on the relay's own answers, so a client never mistakes them for Kick's (which pass through without it). */
export const REFUSAL_HEADER = 'x-kick-relay';
const DEFAULT_RATE_LIMIT = 30;
const DEFAULT_TIMEOUT_MS = 10_000;
const WINDOW_MS = 60_000;
/** Past this many tracked clients the oldest windows are dropped, so a flood of IPs cannot grow memory without bound. */
const MAX_TRACKED_CLIENTS = 10_000;

/** The one line logged per request: what was asked and how it ended, never what was sent. */
export interface RelayLogLine {
  method: string;
  path: string;
  status: number;
  outcome: string;
  ms: number;
}

export interface RelayOptions {
  now?: () => number;
  fetch?: typeof fetch;
  log?: (line: RelayLogLine) => void;
}

type Refusal = { status: number; error: string; headers?: Record<string, string>; detail?: Record<string, unknown>; outcome?: string };

/** Statuses whose answer has no body (Fetch's "null body status"): a Response with one cannot even be built. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The relay's own answer: JSON, marked with REFUSAL_HEADER, never cached. */
function refusalResponse(r: Refusal, cors: Record<string, string>): Response {
  return new Response(JSON.stringify({ error: r.error, ...r.detail }), {
    status: r.status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', [REFUSAL_HEADER]: 'refused', ...cors, ...r.headers },
  });
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function originAllowed(origin: string, allowed: string[]): boolean {
  return allowed.some((entry) => entry === origin || (entry === 'moz-extension://*' && /^moz-extension:\/\/[0-9a-f-]{36}$/i.test(origin)));
}

/** Fixed one-minute windows per client: enough to stop a loop or a scraper, with memory bounded by MAX_TRACKED_CLIENTS. */
class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  /** Seconds to wait, or 0 when this request may go. */
  take(key: string, limit: number, now: number): number {
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      this.windows.delete(key);
      if (this.windows.size >= MAX_TRACKED_CLIENTS) this.windows.delete(this.windows.keys().next().value!);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > limit ? Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)) : 0;
  }
}

/** Reads at most `max` bytes; null when the body is larger. */
async function readBounded(request: Request, max: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

const ROUTES: Record<string, string> = { '/token': '/oauth/token', '/revoke': '/oauth/revoke' };

/**
 * Checks a form and builds what goes to Kick. Only the named fields are forwarded, so a caller
 * can neither add its own client credentials nor smuggle other parameters.
 */
function upstreamRequest(path: string, form: URLSearchParams, env: RelayEnv, allowedRedirects: string[]): { query?: URLSearchParams; form: URLSearchParams } | Refusal {
  const credentials = { client_id: env.KICK_CLIENT_ID!, client_secret: env.KICK_CLIENT_SECRET! };
  const need = (...names: string[]) => {
    const out: Record<string, string> = {};
    for (const name of names) {
      const value = form.get(name);
      if (!value) return null;
      out[name] = value;
    }
    return out;
  };
  if (path === '/revoke') {
    const fields = need('token', 'token_hint_type');
    if (!fields || !['access_token', 'refresh_token'].includes(fields.token_hint_type!)) return { status: 400, error: 'invalid_request' };
    // Kick's docs put the token in the query; the form carries it too, as for direct revokes.
    return { query: new URLSearchParams(fields), form: new URLSearchParams({ ...fields, ...credentials }) };
  }
  const grant = form.get('grant_type');
  if (grant === 'authorization_code') {
    const fields = need('code', 'code_verifier', 'redirect_uri');
    if (!fields) return { status: 400, error: 'invalid_request' };
    if (!allowedRedirects.includes(fields.redirect_uri!)) return { status: 400, error: 'redirect_uri_not_allowed' };
    return { form: new URLSearchParams({ grant_type: grant, ...fields, ...credentials }) };
  }
  if (grant === 'refresh_token') {
    const fields = need('refresh_token');
    if (!fields) return { status: 400, error: 'invalid_request' };
    return { form: new URLSearchParams({ grant_type: grant, ...fields, ...credentials }) };
  }
  // client_credentials included: an app token through a public relay would be anyone's app token.
  return { status: 400, error: 'unsupported_grant_type' };
}

export function createRelay(options: RelayOptions = {}) {
  const now = options.now ?? Date.now;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const log = options.log ?? ((line: RelayLogLine) => console.info(JSON.stringify(line)));
  const limiter = new RateLimiter();

  async function handle(request: Request, env: RelayEnv, address: string | null, cors: Record<string, string>): Promise<{ response: Response; outcome: string }> {
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    const corsOk = 'access-control-allow-origin' in cors;
    const refuse = (r: Refusal) => ({ response: refusalResponse(r, cors), outcome: r.outcome ?? r.error });

    if (!env.KICK_CLIENT_ID || !env.KICK_CLIENT_SECRET) return refuse({ status: 500, error: 'relay_not_configured' });
    const upstreamPath = ROUTES[url.pathname];
    if (!upstreamPath) return refuse({ status: 404, error: 'not_found' });
    // A browser page always sends Origin on a cross-origin POST, so any web page is stopped here.
    // A request without Origin comes from outside a browser, where an Origin could be forged anyway:
    // the redirect URI allowlist and PKCE are what guard those (relay/README.md, "Origins, and why Firefox is allowed
    // by pattern").
    if (origin !== null && !corsOk) return refuse({ status: 403, error: 'origin_not_allowed' });
    if (request.method === 'OPTIONS') {
      return {
        response: new Response(null, {
          status: 204,
          headers: { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, accept', 'access-control-max-age': '600' },
        }),
        outcome: 'preflight',
      };
    }
    if (request.method !== 'POST') return refuse({ status: 405, error: 'method_not_allowed', headers: { allow: 'POST, OPTIONS' } });

    const limit = Number(env.RATE_LIMIT_PER_MINUTE) > 0 ? Number(env.RATE_LIMIT_PER_MINUTE) : DEFAULT_RATE_LIMIT;
    const wait = limiter.take(clientKey(address), limit, now());
    if (wait > 0) return refuse({ status: 429, error: 'rate_limited', headers: { 'retry-after': String(wait) } });

    if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded'))
      return refuse({ status: 415, error: 'unsupported_media_type' });
    const body = await readBounded(request, MAX_BODY_BYTES);
    if (body === null) return refuse({ status: 413, error: 'body_too_large' });
    const built = upstreamRequest(url.pathname, new URLSearchParams(body), env, list(env.ALLOWED_REDIRECT_URIS));
    if ('error' in built) return refuse(built);

    const answer = await askKick(upstreamPath, built, env);
    if ('error' in answer) return refuse(answer);
    if (url.pathname === '/token' && answer.status >= 200 && answer.status < 300) {
      const refusal = await policeScope(answer.body, env);
      if (refusal) return refuse(refusal);
    }
    const headers: Record<string, string> = { 'cache-control': 'no-store', ...cors };
    for (const name of ['content-type', 'retry-after']) {
      const value = answer.headers.get(name);
      if (value) headers[name] = value;
    }
    return { response: new Response(answer.body, { status: answer.status, headers }), outcome: 'forwarded' };
  }

  /**
   * One call to Kick, its body read under the same deadline: a Kick that sends its headers and then
   * stalls is as silent as one that sends nothing. An answer that cannot be passed on (a null-body
   * status where a body is due) is a failure of Kick's, like an unreachable Kick.
   */
  async function askKick(
    upstreamPath: string,
    built: { query?: URLSearchParams; form: URLSearchParams },
    env: RelayEnv,
  ): Promise<{ status: number; headers: Headers; body: ArrayBuffer | null } | Refusal> {
    const target = new URL(upstreamPath, env.KICK_ID_BASE || 'https://id.kick.com');
    if (built.query) target.search = built.query.toString();
    try {
      const upstream = await send(target.href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: built.form.toString(),
        signal: AbortSignal.timeout(Number(env.UPSTREAM_TIMEOUT_MS) > 0 ? Number(env.UPSTREAM_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS),
        redirect: 'manual',
      });
      if (NULL_BODY_STATUSES.has(upstream.status)) {
        await upstream.body?.cancel();
        // A revoke has nothing to say back: Kick's 204 there is a plain "done". A token call without a body is broken.
        if (upstreamPath === '/oauth/revoke' && upstream.status === 204) return { status: 204, headers: upstream.headers, body: null };
        return { status: 502, error: 'upstream_bad_answer', outcome: `upstream_bad_answer (${upstream.status})` };
      }
      return { status: upstream.status, headers: upstream.headers, body: await upstream.arrayBuffer() };
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      return name === 'TimeoutError' || name === 'AbortError' ? { status: 504, error: 'upstream_timeout' } : { status: 502, error: 'upstream_unreachable' };
    }
  }

  /**
   * A token answer for scopes beyond scope-check.ts's list is revoked at Kick (both tokens) and refused,
   * so nobody leaves with it; one the relay cannot read is refused too, since it cannot say what it grants.
   */
  async function policeScope(body: ArrayBuffer | null, env: RelayEnv): Promise<Refusal | null> {
    type TokenAnswer = { access_token?: unknown; refresh_token?: unknown; scope?: unknown } | null;
    let answer: TokenAnswer = null;
    try {
      answer = JSON.parse(new TextDecoder().decode(body ?? new ArrayBuffer(0))) as TokenAnswer;
    } catch {
      /* answered below */
    }
    if (!answer || typeof answer !== 'object' || typeof answer.access_token !== 'string')
      return { status: 502, error: 'upstream_bad_answer', outcome: 'upstream_bad_answer (token)' };
    const beyond = scopesBeyondAllowed(answer.scope);
    if (beyond && beyond.length === 0) return null;
    const tokens: [unknown, 'access_token' | 'refresh_token'][] = [[answer.refresh_token, 'refresh_token'], [answer.access_token, 'access_token']];
    const revoked = await Promise.all(
      tokens
        .filter((t): t is [string, 'access_token' | 'refresh_token'] => typeof t[0] === 'string' && t[0] !== '')
        .map(async ([token, hint]) => {
          const built = upstreamRequest('/revoke', new URLSearchParams({ token, token_hint_type: hint }), env, []);
          if ('error' in built) return false;
          const answered = await askKick(ROUTES['/revoke']!, built, env);
          return !('error' in answered) && answered.status >= 200 && answered.status < 300;
        }),
    );
    return {
      status: 403,
      error: 'scope_not_allowed',
      detail: beyond ? { scopes: beyond } : {},
      // The operator learns whether Kick confirmed the revokes (it answers 200 even for a dead token: KickDevDocs #94).
      outcome: revoked.every(Boolean) ? 'scope_not_allowed (revoked)' : 'scope_not_allowed (revoke failed)',
    };
  }

  function corsFor(request: Request, env: RelayEnv): Record<string, string> {
    const origin = request.headers.get('origin');
    // Retry-After and the refusal marker are not CORS-safelisted: without exposing them the extension could not read them.
    return origin !== null && originAllowed(origin, list(env.ALLOWED_ORIGINS))
      ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': `retry-after, ${REFUSAL_HEADER}`, vary: 'Origin' }
      : { vary: 'Origin' };
  }

  const logLine = (method: string, path: string, status: number, outcome: string, started: number) =>
    // Only a known path is logged: anything else is the caller's text, which may hold anything.
    log({ method, path: path in ROUTES ? path : '(other)', status, outcome, ms: now() - started });

  return {
    /**
     * One request, answered and logged whatever happens inside: a failure nobody foresaw is a logged
     * 500 in the relay's own words, never a thrown error that leaves the platform to answer (or die).
     * `clientAddress` is what the platform says the caller's address is (worker.ts, node.ts): the rate limit's key.
     */
    async fetch(request: Request, env: RelayEnv, clientAddress: string | null = null): Promise<Response> {
      const started = now();
      const cors = corsFor(request, env);
      let answered: { response: Response; outcome: string };
      try {
        answered = await handle(request, env, clientAddress, cors);
      } catch (error) {
        // The error's name only: its message may quote what it choked on.
        const name = error instanceof Error ? error.name : typeof error;
        answered = { response: refusalResponse({ status: 500, error: 'relay_error' }, cors), outcome: `relay_error (${name})` };
      }
      logLine(request.method, new URL(request.url).pathname, answered.response.status, answered.outcome, started);
      return answered.response;
    },

    /**
     * A request the platform could not even turn into a Request (node.ts: a method Fetch forbids, a bad
     * Host): answered in the relay's words and logged like any other.
     */
    refuse(method: string, refusal: Refusal): Response {
      logLine(method, '(other)', refusal.status, refusal.outcome ?? refusal.error, now());
      return refusalResponse(refusal, {});
    },
  };
}
