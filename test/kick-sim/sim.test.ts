import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, SIM_REDIRECT_URI, startKickSim, type KickSim } from './index';
import { USER_MESSAGES_PAGE } from './routes-web';
import { chatroomOfSlug } from './chat-feed';
import { channelIdOf } from './http-types';
import { s256 } from './oauth-state';

let sim: KickSim;
beforeAll(async () => {
  sim = await startKickSim();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const VERIFIER = 'v'.repeat(64);

function authorizeUrl(overrides: Record<string, string> = {}) {
  const url = new URL(`${sim.endpoints.idBase}/oauth/authorize`);
  const params = {
    client_id: sim.app.clientId, response_type: 'code', redirect_uri: SIM_REDIRECT_URI, state: 'st-1',
    scope: 'user:read channel:read', code_challenge: s256(VERIFIER), code_challenge_method: 'S256', ...overrides,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url;
}

async function codeFromAuthorize(): Promise<string> {
  const res = await fetch(authorizeUrl(), { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(location.origin + location.pathname).toBe(SIM_REDIRECT_URI);
  expect(location.searchParams.get('state')).toBe('st-1');
  return location.searchParams.get('code')!;
}

const exchange = (code: string, verifier = VERIFIER) =>
  fetch(`${sim.endpoints.idBase}/oauth/token`, form({
    grant_type: 'authorization_code', code, client_id: sim.app.clientId, client_secret: sim.app.clientSecret,
    redirect_uri: SIM_REDIRECT_URI, code_verifier: verifier,
  }));

describe('simulated id.kick.com', () => {
  it('redirects with a code and the state when the request is valid', async () => {
    expect(await codeFromAuthorize()).toMatch(/^code_/);
  });

  it.each([
    ['unregistered redirect_uri', { redirect_uri: 'https://evil.example/cb' }],
    ['missing state', { state: '' }],
    ['plain PKCE', { code_challenge_method: 'plain' }],
    ['unknown client', { client_id: 'nope' }],
    ['unknown scope', { scope: 'user:read admin' }],
  ])('answers 400 without redirecting for %s', async (_, overrides) => {
    const res = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.json()).toEqual({ error: 'Invalid request' });
  });

  it('redirects with access_denied when the user denies', async () => {
    sim.authorize.mode = 'deny';
    const res = await fetch(authorizeUrl(), { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('checks the PKCE verifier and lets a code be used once', async () => {
    const wrong = await exchange(await codeFromAuthorize(), 'w'.repeat(64));
    expect(wrong.status).toBe(400);
    const code = await codeFromAuthorize();
    const ok = await exchange(code);
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 7200, scope: 'user:read channel:read' });
    expect((await exchange(code)).status).toBe(400);
  });

  const withoutSecret = async () => fetch(`${sim.endpoints.idBase}/oauth/token`, form({
    grant_type: 'authorization_code', code: await codeFromAuthorize(), client_id: sim.app.clientId,
    redirect_uri: SIM_REDIRECT_URI, code_verifier: VERIFIER,
  }));

  it('requires the client secret even with PKCE, refusing with the one documented error body', async () => {
    const res = await withoutSecret();
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Invalid request' });
  });

  it('answers RFC 6749 error codes only in its second, rfc variant', async () => {
    sim.behaviour.tokenErrors = 'rfc';
    const res = await withoutSecret();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client' });
  });

  const refreshWith = (refreshToken: string) =>
    fetch(`${sim.endpoints.idBase}/oauth/token`, form({
      grant_type: 'refresh_token', refresh_token: refreshToken, client_id: sim.app.clientId, client_secret: sim.app.clientSecret,
    }));

  it('rotates refresh tokens by default: the old refresh and access tokens die', async () => {
    const first = sim.issueUserToken();
    const second = (await (await refreshWith(first.refresh_token)).json()) as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(sim.tokenState(first.refresh_token)).toBe('rotated');
    expect(sim.tokenState(first.access_token)).toBe('rotated');
    const again = await refreshWith(first.refresh_token);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'Invalid request' });
  });

  it('keeps the old refresh token alive in the reusable variant (KickDevDocs PR #291)', async () => {
    sim.behaviour.refreshTokens = 'reusable';
    const first = sim.issueUserToken();
    const second = (await (await refreshWith(first.refresh_token)).json()) as { refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(sim.tokenState(first.refresh_token)).toBe('active');
    expect((await refreshWith(first.refresh_token)).status).toBe(200);
    expect(sim.tokenState(second.refresh_token)).toBe('active');
  });

  it('revokes with the documented Content-Type and answers 200 even for unknown tokens', async () => {
    const user = sim.issueUserToken();
    const revoke = (token: string, init: RequestInit) => fetch(`${sim.endpoints.idBase}/oauth/revoke?token=${token}&token_hint_type=access_token`, init);
    expect((await revoke(user.access_token, { method: 'POST' })).status).toBe(400);
    expect(sim.tokenState(user.access_token)).toBe('active');
    const ok = await revoke(user.access_token, form({ token: user.access_token, token_hint_type: 'access_token' }));
    expect(ok.status).toBe(200);
    expect(sim.tokenState(user.access_token)).toBe('revoked');
    expect((await revoke('never-issued', form({}))).status).toBe(200);
  });

  it('answers introspection of a dead token with active:false, or 401 in the deprecated variant', async () => {
    const user = sim.issueUserToken();
    sim.revokeToken(user.access_token);
    const ask = () => fetch(`${sim.endpoints.idBase}/oauth/token/introspect`, { method: 'POST', ...bearer(user.access_token) });
    expect(await (await ask()).json()).toEqual({ data: { active: false }, message: 'OK' });
    sim.behaviour.deadIntrospect = '401';
    expect((await ask()).status).toBe(401);
  });

  it('issues app tokens, revokes, and introspects at the 2026 location', async () => {
    const app = (await (await fetch(`${sim.endpoints.idBase}/oauth/token`, form({
      grant_type: 'client_credentials', client_id: sim.app.clientId, client_secret: sim.app.clientSecret,
    }))).json()) as { access_token: string; refresh_token?: string };
    expect(app.refresh_token).toBeUndefined();
    const introspect = async (token: string) =>
      (await (await fetch(`${sim.endpoints.idBase}/oauth/token/introspect`, { method: 'POST', ...bearer(token) })).json()) as { data: Record<string, unknown> };
    expect((await introspect(app.access_token)).data).toMatchObject({ active: true, token_type: 'app' });
    const user = sim.issueUserToken();
    expect((await introspect(user.access_token)).data).toMatchObject({ active: true, token_type: 'user', scope: 'user:read channel:read' });
    const revoked = await fetch(`${sim.endpoints.idBase}/oauth/revoke?token=${user.access_token}&token_hint_type=access_token`, form({}));
    expect(await revoked.text()).toBe('OK');
    expect((await introspect(user.access_token)).data).toEqual({ active: false });
  });

  it('never logs secrets, codes or tokens', async () => {
    await exchange(await codeFromAuthorize());
    const logged = JSON.stringify(sim.log);
    expect(logged).not.toContain(sim.app.clientSecret);
    expect(logged).not.toContain(VERIFIER);
    expect(sim.requests({ path: '/oauth/token' })[0]?.form).toMatchObject({ client_secret: '***', code: '***', code_verifier: '***' });
  });
});

describe('simulated api.kick.com', () => {
  const api = (path: string, token?: string) => fetch(`${sim.endpoints.apiBase}${path}`, token ? bearer(token) : {});
  const appToken = async () =>
    ((await (await fetch(`${sim.endpoints.idBase}/oauth/token`, form({
      grant_type: 'client_credentials', client_id: sim.app.clientId, client_secret: sim.app.clientSecret,
    }))).json()) as { access_token: string }).access_token;

  it('answers 401 without a valid token and 403 without the scope, wrapped like answers (#289)', async () => {
    const none = await api('/users');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ data: {}, message: 'Unauthorized' });
    const t = sim.issueUserToken();
    sim.expireAccessToken(t.access_token);
    expect((await api('/users', t.access_token)).status).toBe(401);
    const noScope = sim.issueUserToken({ scopes: ['channel:read'] });
    expect((await api('/users', noScope.access_token)).status).toBe(403);
    const noChannelScope = sim.issueUserToken({ scopes: ['user:read'] });
    expect((await api('/channels?slug=streamer1', noChannelScope.access_token)).status).toBe(403);
  });

  it('returns the token user with email, others without, and the default picture for none (#97)', async () => {
    const t = sim.issueUserToken({ userId: SEED.viewer.userId });
    const self = (await (await api('/users', t.access_token)).json()) as { data: { user_id: number; email: string }[] };
    expect(self.data).toHaveLength(1);
    expect(self.data[0]).toMatchObject({ user_id: SEED.viewer.userId, email: 'subsam@example.com' });
    const others = (await (await api(`/users?id=${SEED.streamer.userId}&id=${SEED.emptyName.userId}&id=${SEED.noPicture.userId}&id=999999`, t.access_token)).json()) as {
      data: { user_id: number; name: string; email: string; profile_picture: string }[];
    };
    expect(others.data.map((u) => u.user_id)).toEqual([SEED.streamer.userId, SEED.emptyName.userId, SEED.noPicture.userId]);
    expect(others.data.every((u) => u.email === '')).toBe(true);
    expect(others.data[1]!.name).toBe('');
    expect(others.data[2]!.profile_picture).toBe('https://kick.com/img/default-profile-pictures/default2.jpeg');
  });

  it('lets an app token look users up by id (#325)', async () => {
    const app = await appToken();
    const res = (await (await api(`/users?id=${SEED.streamer.userId}`, app)).json()) as { data: { user_id: number }[] };
    expect(res.data.map((u) => u.user_id)).toEqual([SEED.streamer.userId]);
  });

  it('leaves unknown slugs out of a 200 answer (#231) and refuses only invalid requests', async () => {
    const app = await appToken();
    const mixed = (await (await api('/channels?slug=streamer1&slug=nobody-here&slug=cool-cat', app)).json()) as { data: { slug: string }[] };
    expect(mixed.data.map((c) => c.slug)).toEqual(['streamer1', 'cool-cat']);
    expect(await (await api('/channels?slug=nobody-here', app)).json()).toEqual({ data: [], message: 'OK' });
    const byId = (await (await api('/channels?broadcaster_user_id=1001&broadcaster_user_id=424242', app)).json()) as { data: unknown[] };
    expect(byId.data).toHaveLength(1);
    expect((await api('/channels?slug=streamer1&broadcaster_user_id=1001', app)).status).toBe(400);
    expect((await api(`/channels?slug=${'a'.repeat(26)}`, app)).status).toBe(400);
    const many = Array.from({ length: 51 }, (_, i) => `broadcaster_user_id=${i + 1}`).join('&');
    expect((await api(`/channels?${many}`, app)).status).toBe(400);
  });

  it('shapes offline channels like #308 and drops fields for user tokens like #200', async () => {
    const app = await appToken();
    const offline = (await (await api(`/channels?slug=${SEED.noPicture.username}`, app)).json()) as { data: Record<string, unknown>[] };
    expect(offline.data[0]).toMatchObject({
      banner_picture: 'https://kick.com/img/default-banner-pictures/default2.jpeg',
      category: { id: 0, name: '', thumbnail: '' },
      stream: { is_live: false, start_time: '0001-01-01T00:00:00Z', viewer_count: 0 },
    });
    const user = sim.issueUserToken();
    const viaUser = (await (await api('/channels?slug=streamer1', user.access_token)).json()) as { data: Record<string, unknown>[] };
    expect(viaUser.data[0]).toHaveProperty('stream');
    for (const field of ['channel_description', 'banner_picture', 'stream_title', 'category']) expect(viaUser.data[0]).not.toHaveProperty(field);
  });

  it('lists only live users', async () => {
    const t = sim.issueUserToken();
    const res = (await (await api(`/users/livestreams?user_id=1001&user_id=1002&user_id=1014`, t.access_token)).json()) as { data: { broadcaster_user_id: number }[] };
    expect(res.data.map((d) => d.broadcaster_user_id)).toEqual([1001, 1014]);
  });
});

describe('simulated kick.com', () => {
  it('answers its own endpoints only to same-origin page requests', async () => {
    const url = `${sim.endpoints.webBase}/api/v2/channels/${SEED.mainChannel}`;
    const page = { 'sec-fetch-site': 'same-origin', referer: `https://kick.com/${SEED.mainChannel}` };
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(403);
    expect((await fetch(url, { headers: { ...page, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(url, { headers: { ...page, referer: 'https://evil.example/kick.com' } })).status).toBe(403);
    const ok = await fetch(url, { headers: page });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ slug: 'streamer1', verified: true, user: { username: 'streamer1' } });
    const rel = await fetch(`${sim.endpoints.webBase}/api/v2/channels/${SEED.mainChannel}/users/${SEED.subscriber.username}`, { headers: page });
    expect(await rel.json()).toMatchObject({ subscribed_for: 14, badges: [{ type: 'subscriber' }] });
  });

  it('answers a chat’s latest messages by the channel’s id, newest first, in the captured shape; a slug 500, a chatroom’s id none', async () => {
    const page = { 'sec-fetch-site': 'same-origin', referer: `https://kick.com/${SEED.mainChannel}` };
    const channelId = channelIdOf(SEED.streamer.userId);
    const read = async (id: string | number) => fetch(`${sim.endpoints.webBase}/api/v2/channels/${id}/messages`, { headers: page });
    const body = (await (await read(channelId)).json()) as { status: unknown; data: { messages: { content: string; created_at: string; chat_id: number; metadata: unknown; sender: { username: string } }[]; cursor: string | null; pinned_message: null } };
    expect(body.status).toEqual({ error: false, code: 200, message: 'SUCCESS' });
    // The page's scrollback: 30 rows, 27 of them messages (test/kick-sim/chat-plan.ts), the latest 25 answered.
    expect(body.data.messages).toHaveLength(25);
    expect(body.data.messages[0]).toMatchObject({ content: 'message 29', chat_id: channelId, sender: { username: 'emoji_eve' } });
    expect(typeof body.data.messages[0]!.metadata).toBe('string');
    const times = body.data.messages.map((m) => Date.parse(m.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.data.cursor).toMatch(/^\d+$/);
    expect((await read(SEED.mainChannel)).status).toBe(500);
    const byChatroom = (await (await read(chatroomOfSlug(sim, SEED.mainChannel)!)).json()) as { data: { messages: unknown[] } };
    expect(byChatroom.data.messages).toEqual([]);
    expect((await fetch(`${sim.endpoints.webBase}/api/v2/channels/${channelId}/messages`)).status).toBe(403);
  });

  it('tells the signed-in viewer (the session token the site sends as Bearer) their standing in a channel, and refuses when signed out', async () => {
    const url = `${sim.endpoints.webBase}/api/v2/channels/${SEED.mainChannel}/me`;
    const page = { 'sec-fetch-site': 'same-origin', referer: `https://kick.com/${SEED.mainChannel}` };
    expect((await fetch(url, { headers: page })).status).toBe(401);
    const mod = await fetch(url, { headers: { ...page, authorization: `Bearer ${sim.signInOnSite(SEED.moderator.userId)}` } });
    expect(await mod.json()).toMatchObject({ is_moderator: true, is_broadcaster: false, is_following: true });
    const viewer = await fetch(url, { headers: { ...page, authorization: `Bearer ${sim.signInOnSite(SEED.subscriber.userId)}` } });
    expect(await viewer.json()).toMatchObject({ is_moderator: false, is_broadcaster: false });
  });

  it('pages one user’s messages in a channel, newest first, for the channel’s moderators only', async () => {
    const channelId = channelIdOf(SEED.streamer.userId);
    const url = (cursor: string) => `${sim.endpoints.webBase}/api/v2/channels/${channelId}/users/${SEED.vip.userId}/messages?cursor=${cursor}`;
    const page = { 'sec-fetch-site': 'same-origin', referer: `https://kick.com/moderator/${SEED.mainChannel}` };
    expect((await fetch(url('0'), { headers: page })).status).toBe(401);
    expect((await fetch(url('0'), { headers: { ...page, authorization: `Bearer ${sim.signInOnSite(SEED.subscriber.userId)}` } })).status).toBe(403);
    expect((await fetch(url('0'), { headers: { ...page, authorization: 'Bearer not-a-session' } })).status).toBe(401);
    const asMod = { headers: { ...page, authorization: `Bearer ${sim.signInOnSite(SEED.moderator.userId)}` } };
    type Page = { data: { messages: { content: string; created_at: string; sender: { id: number } }[]; cursor: string | null } };
    const first = (await (await fetch(url('0'), asMod)).json()) as Page;
    expect(first.data.messages).toHaveLength(USER_MESSAGES_PAGE);
    expect(first.data.messages[0]!.content).toBe('Earlier message 30');
    expect(first.data.messages.every((m) => m.sender.id === SEED.vip.userId)).toBe(true);
    const times = first.data.messages.map((m) => Date.parse(m.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(first.data.cursor).toMatch(/^\d+$/);
    const second = (await (await fetch(url(first.data.cursor!), asMod)).json()) as Page;
    expect(second.data.messages.map((m) => m.content)).toEqual(['Earlier message 5', 'Earlier message 4', 'Earlier message 3', 'Earlier message 2', 'Earlier message 1']);
    expect(second.data.cursor).toBeNull();
  });

  it('says who is signed in on kick.com to the session token sent as Bearer, and {} to anyone else', async () => {
    const url = `${sim.endpoints.webBase}/api/v1/user`;
    const page = { 'sec-fetch-site': 'same-origin', referer: `https://kick.com/${SEED.mainChannel}` };
    const token = sim.signInOnSite(1004);
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    const signedIn = await fetch(url, { headers: { ...page, authorization: `Bearer ${token}` } });
    expect(await signedIn.json()).toMatchObject({ id: 1004, username: 'og_olga', streamer_channel: { user_id: 1004, slug: 'og-olga' } });
    expect(await (await fetch(url, { headers: page })).json()).toEqual({});
    expect(await (await fetch(url, { headers: { ...page, authorization: 'Bearer 1004|forged' } })).json()).toEqual({});
    sim.reset();
    expect(await (await fetch(url, { headers: { ...page, authorization: `Bearer ${token}` } })).json()).toEqual({});
  });

  // The markup itself is checked against the captured shapes in pages.test.ts; this is about routing.
  it('serves the channel page, the popout chat and the moderator view, in the chat variant asked for', async () => {
    for (const path of [`/${SEED.mainChannel}`, `/popout/${SEED.mainChannel}/chat`, `/moderator/${SEED.mainChannel}`]) {
      const res = await fetch(`${sim.endpoints.webBase}${path}?variant=nipahtv`);
      expect(res.status).toBe(200);
      const page = await res.text();
      for (const marker of ['id="channel-chatroom"', 'id="chatroom-messages"', 'data-testid="pinned-message-modal"', 'ntv__chat-message__username'])
        expect(page).toContain(marker);
    }
    expect((await fetch(`${sim.endpoints.webBase}/popout/${SEED.mainChannel}/videos`)).status).toBe(404);
    expect((await fetch(`${sim.endpoints.webBase}/popout`)).status).toBe(404);
  });
});

describe('fault injection', () => {
  it('applies status, Retry-After and a count', async () => {
    const t = sim.issueUserToken();
    sim.fault({ host: 'api', path: '/public/v1/users', status: 429, retryAfter: '7', times: 1 });
    const limited = await fetch(`${sim.endpoints.apiBase}/users`, bearer(t.access_token));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await fetch(`${sim.endpoints.apiBase}/users`, bearer(t.access_token))).status).toBe(200);
  });

  it('serves malformed bodies and hangs until closed', async () => {
    sim.fault({ host: 'api', path: /channels/, body: '{"data": [' });
    const t = sim.issueUserToken();
    const res = await fetch(`${sim.endpoints.apiBase}/channels?slug=streamer1`, bearer(t.access_token));
    await expect(res.json()).rejects.toThrow();
    sim.fault({ host: 'id', path: '/oauth/token/introspect', hang: true });
    const hung = fetch(`${sim.endpoints.idBase}/oauth/token/introspect`, { method: 'POST', signal: AbortSignal.timeout(200) });
    await expect(hung).rejects.toThrow();
  });
});

describe('HTTPS host routing', () => {
  it('routes by Host on the TLS port with a certificate for the Kick hosts', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = https.request(
        { host: '127.0.0.1', port: sim.httpsPort, path: '/public/v1/users', servername: 'api.kick.com', headers: { host: 'api.kick.com' }, ca: sim.certPem },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(`${res.statusCode} ${text}`));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('401 {"data":{},"message":"Unauthorized"}');
  });
});
