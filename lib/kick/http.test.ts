import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKickSim, type KickSim } from '../../test/kick-sim/index';
import { createKickApi } from './api-client';
import { parseRetryAfter } from './http';

let sim: KickSim;
let api: ReturnType<typeof createKickApi>;
let token: string;
beforeAll(async () => {
  sim = await startKickSim();
  api = createKickApi({ idBase: sim.endpoints.idBase, apiBase: sim.endpoints.apiBase });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  token = sim.issueUserToken().access_token;
});

describe('Kick API errors become typed, readable errors', () => {
  it.each([
    [401, 'unauthorized'],
    [404, 'not_found'],
    [500, 'server'],
    [503, 'server'],
  ])('%i → %s', async (status, code) => {
    sim.fault({ host: 'api', path: '/public/v1/channels', status });
    await expect(api.channelsBySlug(token, ['streamer1'])).rejects.toMatchObject({ info: { code, status } });
  });

  it('names the missing scope on 403', async () => {
    const noUserRead = sim.issueUserToken({ scopes: ['channel:read'] }).access_token;
    await expect(api.usersById(noUserRead, [1001])).rejects.toMatchObject({
      info: { code: 'forbidden', missingScope: 'user:read', message: 'The token lacks the "user:read" scope.' },
    });
  });

  it('honours Retry-After on 429', async () => {
    sim.fault({ host: 'api', path: '/public/v1/channels', status: 429, retryAfter: '42' });
    await expect(api.channelsBySlug(token, ['streamer1'])).rejects.toMatchObject({ info: { code: 'rate_limited', retryAfterSec: 42 } });
  });

  it('says which field drifted when the answer itself does not match', async () => {
    sim.fault({ host: 'api', path: '/public/v1/channels', body: JSON.stringify({ data: { broadcaster_user_id: 1 } }) });
    await expect(api.channelsBySlug(token, ['streamer1'])).rejects.toMatchObject({
      info: { code: 'invalid_response', field: 'data', message: 'Kick sent unexpected data (field "data").' },
    });
  });

  it('drops one drifted item of a list, not the list', async () => {
    const good = { broadcaster_user_id: 1001, slug: 'streamer1', stream: { is_live: true, viewer_count: -3.5 }, stream_title: 7 };
    sim.fault({ host: 'api', path: '/public/v1/channels', body: JSON.stringify({ data: [{ broadcaster_user_id: 'one', slug: 'x' }, good] }) });
    const list = await api.channelsBySlug(token, ['x', 'streamer1']);
    expect(list.map((c) => c.slug)).toEqual(['streamer1']);
    // Odd display fields are tolerated: a negative fractional count clamps, a non-string title is dropped.
    expect(list[0]).toMatchObject({ stream: { is_live: true, viewer_count: 0 }, stream_title: '' });
  });

  it('reports malformed JSON as an invalid response', async () => {
    sim.fault({ host: 'api', path: '/public/v1/users', body: '{"data":[' });
    await expect(api.me(token)).rejects.toMatchObject({ info: { code: 'invalid_response', message: 'Kick sent a response that is not valid JSON.' } });
  });

  it('times out instead of hanging', async () => {
    sim.fault({ host: 'id', path: '/oauth/token/introspect', hang: true });
    const { kickFetch } = await import('./http');
    const { IntrospectResponseSchema } = await import('./schemas');
    const started = Date.now();
    await expect(
      kickFetch(IntrospectResponseSchema, { url: `${sim.endpoints.idBase}/oauth/token/introspect`, method: 'POST', token, timeoutMs: 300 }),
    ).rejects.toMatchObject({ info: { code: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports an unreachable host as a network error', async () => {
    const offline = createKickApi({ idBase: 'http://127.0.0.1:1', apiBase: 'http://127.0.0.1:1/public/v1' });
    await expect(offline.me(token)).rejects.toMatchObject({ info: { code: 'network' } });
  });

  it('never puts the token in an error message', async () => {
    sim.fault({ host: 'api', path: '/public/v1/users', status: 401 });
    const error = (await api.me(token).catch((e: unknown) => e)) as Error;
    expect(JSON.stringify({ message: error.message, ...(error as unknown as { info: object }).info })).not.toContain(token);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, HTTP dates, and falls back to 30 s', () => {
    expect(parseRetryAfter('5')).toBe(5);
    expect(parseRetryAfter(new Date(1_000_000 + 12_000).toUTCString(), 1_000_000)).toBe(12);
    expect(parseRetryAfter(null)).toBe(30);
    expect(parseRetryAfter('soon')).toBe(30);
  });
});

describe('tolerant user schema', () => {
  it('accepts name or username, and empty name, email and picture', async () => {
    sim.fault({
      host: 'api', path: '/public/v1/users',
      body: JSON.stringify({ data: [{ user_id: 1, username: 'legacy', email: null, profile_picture: '' }, { user_id: 2, name: '', email: '' }], message: 'OK' }),
    });
    await expect(api.usersById(token, [1, 2])).resolves.toEqual([
      { userId: 1, name: 'legacy', email: '', profilePicture: '' },
      { userId: 2, name: '', email: '', profilePicture: '' },
    ]);
  });
});
