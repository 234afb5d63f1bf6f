import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SIM_REDIRECT_URI, type KickSim } from '../kick-sim/index';
import type { RunningRelay } from '../../relay/node';
import { MAX_BODY_BYTES } from '../../relay/handler';
import { authorizeOnSim, CHROME_ORIGIN, FIREFOX_ORIGIN, relayOnSim, withRelayOnSim } from './support';

let sim: KickSim;
let relay: RunningRelay;
/** Everything the relay printed, through any console method: the log test greps it. */
let printed: string[] = [];
const seen: string[] = [];

withRelayOnSim((startedSim, startedRelay) => {
  sim = startedSim;
  relay = startedRelay;
});
beforeEach(() => {
  sim.reset();
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
});
afterEach(() => vi.restoreAllMocks());

function post(path: string, fields: Record<string, string>, opts: { origin?: string | null; base?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded' };
  if (opts.origin !== null) headers.origin = opts.origin ?? CHROME_ORIGIN;
  for (const value of Object.values(fields)) seen.push(value);
  return fetch(`${opts.base ?? relay.url}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
}

async function exchange(opts: { origin?: string | null } = {}) {
  const { code, verifier } = await authorizeOnSim(sim);
  seen.push(code, verifier);
  const res = await post('/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: SIM_REDIRECT_URI }, opts);
  const body = (await res.json()) as { access_token: string; refresh_token: string };
  if (res.ok) seen.push(body.access_token, body.refresh_token);
  return { res, body };
}

const kickCalls = () => sim.requests({ host: 'id', method: 'POST' });

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
    const ok = await fetch(`${relay.url}/token`, { method: 'OPTIONS', headers: { origin: CHROME_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(CHROME_ORIGIN);
    const refused = await fetch(`${relay.url}/token`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
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
    { name: 'GET', status: 405, error: 'method_not_allowed', send: () => fetch(`${relay.url}/token`, { headers: { origin: CHROME_ORIGIN } }) },
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
    const url = new URL(`${relay.url}/token`);
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

  it('a client over its rate limit → 429 with Retry-After; other clients are not affected', async () => {
    const limited = await relayOnSim(sim, { RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const refresh = (origin: string) => post('/token', { grant_type: 'refresh_token', refresh_token: 'never-issued' }, { origin, base: limited.url });
      expect((await refresh(CHROME_ORIGIN)).status).toBe(400);
      expect((await refresh(CHROME_ORIGIN)).status).toBe(400);
      sim.clearLog();
      const third = await refresh(CHROME_ORIGIN);
      expect(third.status).toBe(429);
      expect(await third.json()).toEqual({ error: 'rate_limited' });
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(sim.log).toEqual([]);
      expect((await refresh(FIREFOX_ORIGIN)).status).toBe(400);
    } finally {
      await limited.close();
    }
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
    const impatient = await relayOnSim(sim, { UPSTREAM_TIMEOUT_MS: '300' });
    try {
      sim.fault({ host: 'id', path: '/oauth/token', hang: true, times: 1 });
      const res = await post('/token', { grant_type: 'refresh_token', refresh_token: 'r' }, { base: impatient.url });
      expect(res.status).toBe(504);
      expect(await res.json()).toEqual({ error: 'upstream_timeout' });
    } finally {
      await impatient.close();
    }
  });

  it('Kick unreachable → 502 upstream_unreachable', async () => {
    const nowhere = await relayOnSim(sim, { KICK_ID_BASE: 'http://127.0.0.1:9' });
    try {
      const res = await post('/token', { grant_type: 'refresh_token', refresh_token: 'r' }, { base: nowhere.url });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({ error: 'upstream_unreachable' });
    } finally {
      await nowhere.close();
    }
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
    expect(printed).toHaveLength(5);
    expect(printed.join('\n')).toContain('redirect_uri_not_allowed');
    const log = printed.join('\n');
    for (const secret of [sim.app.clientSecret, ...seen.filter((v) => v.length >= 8 && !/^[a-z_:]+$/.test(v))])
      expect(log, `the log holds ${secret.slice(0, 4)}…`).not.toContain(secret);
  });
});

describe('the Cloudflare Workers entry', () => {
  it('imports nothing from Node, so Workers can run it as it is', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const file of ['relay/handler.ts', 'relay/worker.ts']) {
      const source = await readFile(file, 'utf8');
      expect(source, file).not.toMatch(/from ['"](node:|fs|http|https|net|crypto|path|os)['"/]/);
      expect(source, file).not.toMatch(/\b(process|Buffer|require)\b[.(]/);
    }
  });

  it('exports { fetch(request, env) } that relays a refresh, as Workers calls it', async () => {
    const worker = (await import('../../relay/worker')).default;
    const issued = sim.issueUserToken();
    seen.push(issued.access_token, issued.refresh_token);
    const res = await worker.fetch(
      new Request('https://relay.example.workers.dev/token', {
        method: 'POST',
        headers: { origin: CHROME_ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': '203.0.113.9' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: issued.refresh_token }).toString(),
      }),
      { KICK_CLIENT_ID: sim.app.clientId, KICK_CLIENT_SECRET: sim.app.clientSecret, ALLOWED_ORIGINS: CHROME_ORIGIN, ALLOWED_REDIRECT_URIS: SIM_REDIRECT_URI, KICK_ID_BASE: sim.origins.id },
    );
    expect(res.status).toBe(200);
    expect(sim.tokenState(issued.refresh_token)).toBe('rotated');
    const next = (await res.json()) as { access_token: string; refresh_token: string };
    seen.push(next.access_token, next.refresh_token);
  });
});
