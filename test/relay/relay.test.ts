import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIREFOX_ADDON_ID } from '../../config/firefox';
import { SIM_REDIRECT_URI, startKickSim, type KickSim } from '../kick-sim/index';
import type { RunningRelay } from '../../relay/node';
import { MAX_BODY_BYTES, type RelayEnv } from '../../relay/handler';
import { authorizeOnSim, CHROME_ORIGIN, FIREFOX_ORIGIN, RELAY_RUNTIMES, relayOnSim, type RelayStartOptions } from './support';

let sim: KickSim;
/** Everything the relay printed: Node's through any console method, the Worker's from workerd's output. The log tests grep it. */
let printed: string[] = [];
const seen: string[] = [];

beforeAll(async () => {
  sim = await startKickSim();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const kickCalls = () => sim.requests({ host: 'id', method: 'POST' });
const tokenCalls = () => sim.requests({ host: 'id', path: '/oauth/token' });
const mozOrigin = (n: number) => `moz-extension://0b7c1d2e-3f40-4a5b-8c6d-${n.toString(16).padStart(12, '0')}`;

describe.each(RELAY_RUNTIMES)('the relay on %s', (runtime) => {
  let relay: RunningRelay | undefined;
  const start = (env: Partial<RelayEnv> = {}, opts: RelayStartOptions = {}) =>
    relayOnSim(sim, env, { runtime, onOutput: (line) => printed.push(line), ...opts });
  /** A relay with its own settings for one test, closed after it. */
  async function withRelay<T>(env: Partial<RelayEnv>, work: (base: string) => Promise<T>, opts: RelayStartOptions = {}): Promise<T> {
    const own = await start(env, opts);
    try {
      return await work(own.url);
    } finally {
      await own.close();
    }
  }
  beforeAll(async () => {
    relay = await start();
  });
  afterAll(() => relay?.close());
  const relayUrl = () => {
    if (!relay) throw new Error(`the relay on ${runtime} did not start`);
    return relay.url;
  };

  interface PostOptions {
    origin?: string | null;
    base?: string;
    contentType?: string;
    /** The caller's address: the socket's own on Node (any 127.x is loopback), CF-Connecting-IP as Cloudflare's edge sets it on Workers. */
    from?: string;
    headers?: Record<string, string>;
  }

  function post(path: string, fields: Record<string, string>, opts: PostOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded', ...opts.headers };
    if (opts.origin !== null) headers.origin = opts.origin ?? CHROME_ORIGIN;
    for (const value of Object.values(fields)) seen.push(value);
    const url = `${opts.base ?? relayUrl()}${path}`;
    const body = new URLSearchParams(fields).toString();
    if (opts.from && runtime === 'workerd') headers['cf-connecting-ip'] = opts.from;
    if (opts.from && runtime === 'node') return postFrom(url, headers, body, opts.from);
    return fetch(url, { method: 'POST', headers, body });
  }

  async function exchange(opts: PostOptions & { scope?: string } = {}) {
    const { code, verifier } = await authorizeOnSim(sim, opts.scope);
    seen.push(code, verifier);
    const res = await post('/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: SIM_REDIRECT_URI }, opts);
    const body = (await res.json()) as { access_token: string; refresh_token: string; error?: string; scopes?: string[] };
    if (res.ok) seen.push(body.access_token, body.refresh_token);
    return { res, body };
  }

  describe('what the relay forwards', () => {
    it('exchanges a code at Kick with the secret added, and answers with Kick’s tokens', async () => {
      const { res, body } = await exchange();
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(CHROME_ORIGIN);
      expect(res.headers.get('access-control-expose-headers')).toBe('retry-after, x-kick-relay');
      expect(res.headers.get('x-kick-relay')).toBeNull();
      expect(sim.tokenState(body.access_token)).toBe('active');
      const [call] = kickCalls();
      // The simulator redacts values it logs; the keys say what the relay sent, and the 200 that the secret was right.
      expect(Object.keys(call!.form ?? {}).sort()).toEqual(['client_id', 'client_secret', 'code', 'code_verifier', 'grant_type', 'redirect_uri']);
      expect(call!.form?.client_id).toBe(sim.app.clientId);
    });

    it('refreshes through Kick, which rotates the pair', async () => {
      const { body: first } = await exchange();
      const res = await post('/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token });
      const next = (await res.json()) as { access_token: string; refresh_token: string };
      seen.push(next.access_token, next.refresh_token);
      expect(res.status).toBe(200);
      expect(next.refresh_token).not.toBe(first.refresh_token);
      expect(sim.tokenState(first.refresh_token)).toBe('rotated');
      expect(sim.tokenState(next.access_token)).toBe('active');
      expect(Object.keys(kickCalls().at(-1)!.form ?? {}).sort()).toEqual(['client_id', 'client_secret', 'grant_type', 'refresh_token']);
    });

    it('revokes at Kick', async () => {
      const { body } = await exchange();
      const res = await post('/revoke', { token: body.refresh_token, token_hint_type: 'refresh_token' });
      expect(res.status).toBe(200);
      expect(sim.tokenState(body.refresh_token)).toBe('revoked');
      expect(kickCalls().at(-1)!.query.token).toEqual(['***']);
    });

    it('passes Kick’s refusal through as Kick said it', async () => {
      const res = await post('/token', { grant_type: 'refresh_token', refresh_token: 'never-issued' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'Invalid request' });
      expect(res.headers.get('x-kick-relay')).toBeNull();
      expect(kickCalls()).toHaveLength(1);
    });

    it('drops fields the caller adds, client credentials included', async () => {
      const { code, verifier } = await authorizeOnSim(sim);
      const res = await post('/token', {
        grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: SIM_REDIRECT_URI,
        client_id: 'someone-else', client_secret: 'guess', scope: 'channel:write',
      });
      expect(res.status).toBe(200);
      expect(kickCalls()[0]!.form?.client_id).toBe(sim.app.clientId);
      expect(Object.keys(kickCalls()[0]!.form ?? {})).not.toContain('scope');
    });

    it('serves a Firefox add-on (any moz-extension origin) and a caller with no Origin', async () => {
      const firefox = await exchange({ origin: FIREFOX_ORIGIN });
      expect(firefox.res.status).toBe(200);
      expect(firefox.res.headers.get('access-control-allow-origin')).toBe(FIREFOX_ORIGIN);
      const bare = await exchange({ origin: null });
      expect(bare.res.status).toBe(200);
      expect(bare.res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers a CORS preflight for an allowed origin only', async () => {
      const ok = await fetch(`${relayUrl()}/token`, { method: 'OPTIONS', headers: { origin: CHROME_ORIGIN, 'access-control-request-method': 'POST' } });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(CHROME_ORIGIN);
      const refused = await fetch(`${relayUrl()}/token`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('a 204 from Kick’s revoke is a plain “done”, passed on without a body', async () => {
      sim.fault({ host: 'id', path: '/oauth/revoke', status: 204, times: 1 });
      const res = await post('/revoke', { token: 'some-token', token_hint_type: 'access_token' });
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
    });
  });

  describe('what the relay refuses, sending nothing to Kick', () => {
    const refusals: { name: string; send: () => Promise<Response>; status: number; error: string }[] = [
      { name: 'client_credentials grant', status: 400, error: 'unsupported_grant_type', send: () => post('/token', { grant_type: 'client_credentials' }) },
      { name: 'password grant', status: 400, error: 'unsupported_grant_type', send: () => post('/token', { grant_type: 'password', username: 'a', password: 'b' }) },
      { name: 'no grant', status: 400, error: 'unsupported_grant_type', send: () => post('/token', { code: 'c' }) },
      {
        name: 'a web page’s origin', status: 403, error: 'origin_not_allowed',
        send: () => post('/token', { grant_type: 'refresh_token', refresh_token: 'r' }, { origin: 'https://evil.example' }),
      },
      {
        name: 'another Chrome extension', status: 403, error: 'origin_not_allowed',
        send: () => post('/token', { grant_type: 'refresh_token', refresh_token: 'r' }, { origin: 'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }),
      },
      {
        name: 'a redirect URI not on the allowlist', status: 400, error: 'redirect_uri_not_allowed',
        send: () => post('/token', { grant_type: 'authorization_code', code: 'c', code_verifier: 'v', redirect_uri: 'https://evil.example/cb' }),
      },
      {
        name: 'a code without its verifier', status: 400, error: 'invalid_request',
        send: () => post('/token', { grant_type: 'authorization_code', code: 'c', redirect_uri: SIM_REDIRECT_URI }),
      },
      { name: 'a refresh without a token', status: 400, error: 'invalid_request', send: () => post('/token', { grant_type: 'refresh_token' }) },
      { name: 'a revoke with an unknown hint', status: 400, error: 'invalid_request', send: () => post('/revoke', { token: 't', token_hint_type: 'id_token' }) },
      {
        name: 'a declared oversized body', status: 413, error: 'body_too_large',
        send: () => post('/token', { grant_type: 'refresh_token', refresh_token: 'x'.repeat(MAX_BODY_BYTES) }),
      },
      {
        name: 'a JSON body', status: 415, error: 'unsupported_media_type',
        send: () => post('/token', { grant_type: 'refresh_token', refresh_token: 'r' }, { contentType: 'application/json' }),
      },
      { name: 'an unknown path', status: 404, error: 'not_found', send: () => post('/oauth/token', { grant_type: 'refresh_token', refresh_token: 'r' }) },
      { name: 'GET', status: 405, error: 'method_not_allowed', send: () => fetch(`${relayUrl()}/token`, { headers: { origin: CHROME_ORIGIN } }) },
    ];

    for (const refusal of refusals) {
      it(`${refusal.name} → ${refusal.status} ${refusal.error}`, async () => {
        const res = await refusal.send();
        expect(res.status).toBe(refusal.status);
        expect(await res.json()).toEqual({ error: refusal.error });
        expect(res.headers.get('x-kick-relay')).toBe('refused');
        expect(sim.log).toEqual([]);
      });
    }

    it('a streamed body (no Content-Length) cut off past the limit → 413', async () => {
      const url = new URL(`${relayUrl()}/token`);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, path: '/token', method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: CHROME_ORIGIN, 'transfer-encoding': 'chunked' } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.write('grant_type=refresh_token&refresh_token=');
        for (let i = 0; i < 5; i++) req.write('y'.repeat(1024));
        req.end();
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({ error: 'body_too_large' });
      expect(sim.log).toEqual([]);
    });
  });

  describe('the rate limit: per client address, whatever Origin it sends', () => {
    const refresh = (base: string, opts: PostOptions = {}) =>
      post('/token', { grant_type: 'refresh_token', refresh_token: 'never-issued' }, { base, from: '127.0.0.1', ...opts });

    it('a client over its limit → 429 with Retry-After, and nothing reaches Kick', async () => {
      await withRelay({ RATE_LIMIT_PER_MINUTE: '2' }, async (base) => {
        expect((await refresh(base)).status).toBe(400);
        expect((await refresh(base)).status).toBe(400);
        sim.clearLog();
        const third = await refresh(base);
        expect(third.status).toBe(429);
        expect(await third.json()).toEqual({ error: 'rate_limited' });
        expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        expect(sim.log).toEqual([]);
      });
    });

    it('a new Origin on every request gets no fresh limit: 3 of 8 reach Kick under a limit of 3', async () => {
      await withRelay({ RATE_LIMIT_PER_MINUTE: '3' }, async (base) => {
        const statuses: number[] = [];
        for (let n = 0; n < 8; n++) statuses.push((await refresh(base, { origin: n % 2 ? mozOrigin(n) : n % 4 ? null : CHROME_ORIGIN })).status);
        expect(statuses).toEqual([400, 400, 400, 429, 429, 429, 429, 429]);
        expect(tokenCalls()).toHaveLength(3);
      });
    });

    it('another address has a limit of its own', async () => {
      await withRelay({ RATE_LIMIT_PER_MINUTE: '1' }, async (base) => {
        expect((await refresh(base)).status).toBe(400);
        expect((await refresh(base)).status).toBe(429);
        expect((await refresh(base, { from: runtime === 'node' ? '127.0.0.2' : '203.0.113.7' })).status).toBe(400);
      });
    });

    it('a caller’s own X-Forwarded-For is ignored unless the operator trusts a proxy', async () => {
      await withRelay({ RATE_LIMIT_PER_MINUTE: '1' }, async (base) => {
        const statuses: number[] = [];
        for (let n = 1; n <= 4; n++) statuses.push((await refresh(base, { headers: { 'x-forwarded-for': `198.51.100.${n}` } })).status);
        expect(statuses).toEqual([400, 429, 429, 429]);
      });
    });

    if (runtime === 'workerd') {
      it('IPv6 callers are limited by their /64: walking the addresses inside it gets no fresh limit', async () => {
        await withRelay({ RATE_LIMIT_PER_MINUTE: '1' }, async (base) => {
          expect((await refresh(base, { from: '2001:db8:1:2::1' })).status).toBe(400);
          expect((await refresh(base, { from: '2001:db8:1:2:ffff:1:2:3' })).status).toBe(429);
          expect((await refresh(base, { from: '2001:db8:1:3::1' })).status).toBe(400);
        });
      });
    }

    if (runtime === 'node') {
      it('behind a trusted proxy (TRUST_PROXY): the address the proxy appended to X-Forwarded-For is the client', async () => {
        await withRelay({ RATE_LIMIT_PER_MINUTE: '1' }, async (base) => {
          const via = (forwarded: string) => refresh(base, { headers: { 'x-forwarded-for': forwarded } });
          expect((await via('198.51.100.1')).status).toBe(400);
          expect((await via('198.51.100.1')).status).toBe(429);
          // The caller's own entries come first; the proxy appends the address it saw last.
          expect((await via('10.9.9.9, 198.51.100.1')).status).toBe(429);
          expect((await via('198.51.100.2')).status).toBe(400);
        }, { trustProxy: true });
      });
    }
  });

  describe('scopes: only what the extension asks for', () => {
    const liveTokens = () => sim.liveUserTokens('access') + sim.liveUserTokens('refresh');

    it('a code Kick granted chat:write for → revoked at Kick and refused (403 scope_not_allowed)', async () => {
      const { res, body } = await exchange({ scope: 'user:read chat:write channel:read' });
      expect(res.status).toBe(403);
      expect(body).toEqual({ error: 'scope_not_allowed', scopes: ['chat:write'] });
      expect(res.headers.get('x-kick-relay')).toBe('refused');
      expect(res.headers.get('access-control-allow-origin')).toBe(CHROME_ORIGIN);
      expect(liveTokens()).toBe(0);
      expect(sim.requests({ host: 'id', path: '/oauth/revoke' }).map((c) => c.query.token_hint_type)).toEqual(
        expect.arrayContaining([['refresh_token'], ['access_token']]),
      );
    });

    it('the four scopes the extension asks for are relayed', async () => {
      const { res, body } = await exchange({ scope: 'user:read channel:read moderation:ban moderation:chat_message:manage' });
      expect(res.status).toBe(200);
      expect(sim.tokenState(body.access_token)).toBe('active');
    });

    it('a refresh of a token with more scope → revoked and refused; nothing Kick would accept is left', async () => {
      const issued = sim.issueUserToken({ scopes: ['user:read', 'channel:write'] });
      seen.push(issued.access_token, issued.refresh_token);
      const res = await post('/token', { grant_type: 'refresh_token', refresh_token: issued.refresh_token });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'scope_not_allowed', scopes: ['channel:write'] });
      expect(sim.tokenState(issued.refresh_token)).toBe('rotated');
      expect(liveTokens()).toBe(0);
    });

    it('a token answer that names no scope is refused too, since nobody can say what it grants', async () => {
      sim.fault({ host: 'id', path: '/oauth/token', status: 200, body: JSON.stringify({ access_token: 'uat_unnamed', refresh_token: 'urt_unnamed', expires_in: 7200 }), times: 1 });
      const res = await post('/token', { grant_type: 'refresh_token', refresh_token: 'r' });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'scope_not_allowed' });
      expect(sim.requests({ host: 'id', path: '/oauth/revoke' })).toHaveLength(2);
    });
  });

  describe('when Kick fails', () => {
    it('passes a 5xx and a 429 (with Retry-After) through', async () => {
      sim.fault({ host: 'id', path: '/oauth/token', status: 503, times: 1 });
      expect((await post('/token', { grant_type: 'refresh_token', refresh_token: 'r' })).status).toBe(503);
      sim.fault({ host: 'id', path: '/oauth/token', status: 429, retryAfter: '17', times: 1 });
      const limited = await post('/token', { grant_type: 'refresh_token', refresh_token: 'r' });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('17');
    });

    it('gives up on a silent Kick after its timeout → 504 upstream_timeout', async () => {
      await withRelay({ UPSTREAM_TIMEOUT_MS: '300' }, async (base) => {
        sim.fault({ host: 'id', path: '/oauth/token', hang: true, times: 1 });
        const res = await post('/token', { grant_type: 'refresh_token', refresh_token: 'r' }, { base });
        expect(res.status).toBe(504);
        expect(await res.json()).toEqual({ error: 'upstream_timeout' });
      });
    });

    it('Kick unreachable → 502 upstream_unreachable', async () => {
      await withRelay({ KICK_ID_BASE: 'http://127.0.0.1:9' }, async (base) => {
        const res = await post('/token', { grant_type: 'refresh_token', refresh_token: 'r' }, { base });
        expect(res.status).toBe(502);
        expect(await res.json()).toEqual({ error: 'upstream_unreachable' });
      });
    });

    it('a 204 (no body) on a token call → 502 upstream_bad_answer, logged', async () => {
      sim.fault({ host: 'id', path: '/oauth/token', status: 204, times: 1 });
      printed = [];
      const res = await post('/token', { grant_type: 'refresh_token', refresh_token: 'r' });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({ error: 'upstream_bad_answer' });
      expect(res.headers.get('x-kick-relay')).toBe('refused');
      await vi.waitFor(() => expect(printed.map((l) => JSON.parse(l) as unknown)).toEqual([expect.objectContaining({ path: '/token', status: 502, outcome: 'upstream_bad_answer (204)' })]));
    });

    it('a 200 on a token call that is no token answer → 502 upstream_bad_answer (the relay cannot tell what it grants)', async () => {
      sim.fault({ host: 'id', path: '/oauth/token', status: 200, body: '<html>maintenance</html>', contentType: 'text/html', times: 1 });
      const res = await post('/token', { grant_type: 'refresh_token', refresh_token: 'r' });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({ error: 'upstream_bad_answer' });
    });

    it('an answer whose body stalls past the timeout → 504 upstream_timeout, logged', async () => {
      await withRelay({ UPSTREAM_TIMEOUT_MS: '300' }, async (base) => {
        sim.fault({ host: 'id', path: '/oauth/token', stallBody: true, times: 1 });
        printed = [];
        const res = await post('/token', { grant_type: 'refresh_token', refresh_token: sim.issueUserToken().refresh_token }, { base });
        expect(res.status).toBe(504);
        expect(await res.json()).toEqual({ error: 'upstream_timeout' });
        await vi.waitFor(() => expect(printed.map((l) => JSON.parse(l) as unknown)).toEqual([expect.objectContaining({ path: '/token', status: 504, outcome: 'upstream_timeout' })]));
      });
    });
  });

  describe('the relay’s log', () => {
    it('holds one line per request and no secret, code, verifier or token', async () => {
      printed = [];
      const { body } = await exchange();
      await post('/token', { grant_type: 'refresh_token', refresh_token: body.refresh_token });
      await post('/revoke', { token: body.access_token, token_hint_type: 'access_token' });
      await post('/token', { grant_type: 'authorization_code', code: 'code-for-evil', code_verifier: 'v'.repeat(43), redirect_uri: 'https://evil.example/cb' });
      await post(`/token/${body.access_token}`, { grant_type: 'refresh_token', refresh_token: body.refresh_token });
      await exchange({ scope: 'user:read chat:write' });
      await vi.waitFor(() => expect(printed).toHaveLength(6));
      const log = printed.join('\n');
      expect(log).toContain('redirect_uri_not_allowed');
      expect(log).toContain('scope_not_allowed (revoked)');
      for (const secret of [sim.app.clientSecret, ...seen.filter((v) => v.length >= 8 && !/^[a-z_:]+$/.test(v))])
        expect(log, `the log holds ${secret.slice(0, 4)}…`).not.toContain(secret);
    });
  });
});

describe('the Cloudflare Workers entry', () => {
  it('imports nothing from Node, so Workers can run it as it is', async () => {
    for (const file of ['relay/handler.ts', 'relay/worker.ts', 'relay/client-key.ts', 'relay/scope-check.ts']) {
      const source = await readFile(file, 'utf8');
      expect(source, file).not.toMatch(/from ['"](node:|fs|http|https|net|crypto|path|os)['"/]/);
      expect(source, file).not.toMatch(/\b(process|Buffer|require)\b[.(]/);
    }
  });

  it('wrangler.toml’s example allows both redirect URIs: Chrome’s and Firefox’s', async () => {
    const toml = await readFile('relay/wrangler.toml', 'utf8');
    const allowed = /^ALLOWED_REDIRECT_URIS\s*=\s*"([^"]*)"/m.exec(toml)?.[1]?.split(',');
    const firefox = `https://${createHash('sha1').update(FIREFOX_ADDON_ID).digest('hex')}.extensions.allizom.org/`;
    expect(allowed).toEqual([`${CHROME_ORIGIN.replace('chrome-extension://', 'https://')}.chromiumapp.org/`, firefox]);
  });
});

/** A POST from a given local address (Node's relay sees the socket's), answered as a Fetch Response. */
function postFrom(url: string, headers: Record<string, string>, body: string, localAddress: string): Promise<Response> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const answer = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) answer.set(name, [value].flat().join(', '));
        const status = res.statusCode ?? 0;
        resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: answer }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
