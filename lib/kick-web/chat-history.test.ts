import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatHistorySchema } from '../messaging/protocol';
import { createHistoryReader, HISTORY_TTL_MS, MODERATOR_CHECK_TTL_MS } from './chat-history';
import { checkChatHistory } from './chat-history-check';

const json = (status: number, body: unknown = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const message = (content: unknown, created_at: unknown, senderId: unknown = 7) => ({ id: 'x', content, created_at, sender: { id: senderId, username: 'u' } });

describe('a moderator’s history page, checked in the background', () => {
  it('keeps their messages newest first, text as text, emotes as Kick’s tokens, and the next cursor', () => {
    const answer = {
      status: { code: 200 },
      data: {
        messages: [
          message('older [emote:1:Kappa]', '2026-11-22T10:00:00Z'),
          message('<img src=x onerror=alert(1)>', '2026-11-22T11:00:00Z'),
          message('someone else', '2026-11-22T12:00:00Z', 8),
          message('\u202Eflipped', 'not a date'),
        ],
        cursor: 1763805600000,
      },
    };
    const checked = checkChatHistory({ userId: 7, body: JSON.stringify(answer) });
    expect(checked).toEqual({
      ok: true,
      messages: [
        { text: '<img src=x onerror=alert(1)>', at: '2026-11-22T11:00:00.000Z' },
        { text: 'older [emote:1:Kappa]', at: '2026-11-22T10:00:00.000Z' },
        { text: 'flipped' },
      ],
      cursor: '1763805600000',
    });
    expect(ChatHistorySchema.parse(checked)).toEqual(checked);
  });

  it('reads a falsy or odd cursor as no older page (NipahTV’s reading), and drops empty or wrongly typed messages', () => {
    for (const cursor of [null, 0, '0', '', 'abc', -5, 1.5, undefined])
      expect(checkChatHistory({ userId: 7, body: JSON.stringify({ data: { messages: [], cursor } }) })).toEqual({ ok: true, messages: [] });
    const odd = { data: { messages: [message('', '2026-11-22T10:00:00Z'), message(42, '2026-11-22T10:00:00Z'), 'text', null, message('kept', null)] } };
    expect(checkChatHistory({ userId: 7, body: JSON.stringify(odd) })).toEqual({ ok: true, messages: [{ text: 'kept' }] });
  });

  it('says an answer of another shape is one, and a body that is not JSON is none', () => {
    for (const answer of [null, [], { messages: [] }, { data: { messages: 'no' } }])
      expect(checkChatHistory({ userId: 7, body: JSON.stringify(answer) })).toEqual({ ok: false, reason: 'kick.com answered in an unexpected shape' });
    for (const body of ['', '<!DOCTYPE html><title>Just a moment...</title>', '{"data":'])
      expect(checkChatHistory({ userId: 7, body })).toEqual({ ok: false, reason: 'kick.com answered with something other than JSON' });
  });

  it('cuts what a card shows: 500 characters a message, 100 messages a page', () => {
    const many = { data: { messages: Array.from({ length: 150 }, (_, i) => message('y'.repeat(900), new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString())) } };
    const checked = checkChatHistory({ userId: 7, body: JSON.stringify(many) });
    expect(checked.ok && checked.messages.length).toBe(100);
    expect(checked.ok && checked.messages[0]!.text.length).toBe(500);
  });
});

describe('the page’s history read', () => {
  let fetch: ReturnType<typeof vi.fn<(url: string, init: RequestInit) => Promise<Response>>>;
  const routes: Record<string, () => Response> = {};
  const read = () => createHistoryReader((input) => Promise.resolve(checkChatHistory(input)));
  beforeEach(() => {
    vi.stubGlobal('location', new URL('https://kick.com/moderator/streamer1'));
    vi.stubGlobal('document', { cookie: 'theme=dark; session_token=123%7Csecret' });
    fetch = vi.fn((url: string, _init: RequestInit) => Promise.resolve((routes[url] ?? (() => json(404)))()));
    vi.stubGlobal('fetch', fetch);
    for (const k of Object.keys(routes)) delete routes[k];
  });
  afterEach(() => vi.unstubAllGlobals());
  const urls = () => fetch.mock.calls.map(([url]) => url);

  it('asks /me once per channel, and reads nothing more for a viewer who does not moderate it', async () => {
    routes['https://kick.com/api/v2/channels/streamer1/me'] = () => json(200, { is_moderator: false, is_broadcaster: false });
    const history = read();
    expect(await history('streamer1', 7)).toBeUndefined();
    expect(await history('streamer1', 8)).toBeUndefined();
    expect(urls()).toEqual(['https://kick.com/api/v2/channels/streamer1/me']);
  });

  it('takes a refused /me as not a moderator', async () => {
    routes['https://kick.com/api/v2/channels/streamer1/me'] = () => json(401, { message: 'Unauthenticated.' });
    expect(await read()('streamer1', 7)).toBeUndefined();
  });

  it('asks nothing at all when the page holds no session token: signed out, nobody moderates', async () => {
    vi.stubGlobal('document', { cookie: 'theme=dark' });
    routes['https://kick.com/api/v2/channels/streamer1/me'] = () => json(200, { is_moderator: true });
    expect(await read()('streamer1', 7)).toBeUndefined();
    expect(urls()).toEqual([]);
  });

  it('for a moderator, reads the channel’s id once and pages by the cursor it was given', async () => {
    routes['https://kick.com/api/v2/channels/streamer1/me'] = () => json(200, { is_moderator: true });
    routes['https://kick.com/api/v2/channels/streamer1'] = () => json(200, { id: 501001, slug: 'streamer1' });
    routes['https://kick.com/api/v2/channels/501001/users/7/messages?cursor=0'] = () => json(200, { data: { messages: [message('new', '2026-11-22T12:00:00Z')], cursor: '123' } });
    routes['https://kick.com/api/v2/channels/501001/users/7/messages?cursor=123'] = () => json(200, { data: { messages: [message('old', '2026-11-22T10:00:00Z')], cursor: null } });
    const history = read();
    expect(await history('streamer1', 7)).toEqual({ ok: true, messages: [{ text: 'new', at: '2026-11-22T12:00:00.000Z' }], cursor: '123' });
    expect(await history('streamer1', 7, '123')).toEqual({ ok: true, messages: [{ text: 'old', at: '2026-11-22T10:00:00.000Z' }] });
    expect(urls().filter((u) => u.endsWith('/streamer1') || u.endsWith('/me'))).toHaveLength(2);
    // As the site asks about its viewer: the session token as a Bearer on /me and the history, not on the public channel.
    const bearer = fetch.mock.calls.map(([url, init]) => [url.replace('https://kick.com/api/v2/channels/', ''), (init.headers as Record<string, string>).authorization]);
    expect(bearer).toEqual([
      ['streamer1/me', 'Bearer 123|secret'],
      ['streamer1', undefined],
      ['501001/users/7/messages?cursor=0', 'Bearer 123|secret'],
      ['501001/users/7/messages?cursor=123', 'Bearer 123|secret'],
    ]);
  });

  it('reads a user’s newest page again only after a minute, and never keeps a failure', async () => {
    let t = 0;
    const history = createHistoryReader((input) => Promise.resolve(checkChatHistory(input)), () => t);
    routes['https://kick.com/api/v2/channels/streamer1/me'] = () => json(200, { is_moderator: true });
    routes['https://kick.com/api/v2/channels/streamer1'] = () => json(200, { id: 501001 });
    const page = 'https://kick.com/api/v2/channels/501001/users/7/messages?cursor=0';
    routes[page] = () => json(500);
    expect(await history('streamer1', 7)).toEqual({ ok: false, reason: 'kick.com answered 500' });
    routes[page] = () => json(200, { data: { messages: [message('hi', '2026-11-22T12:00:00Z')], cursor: null } });
    expect(await history('streamer1', 7)).toMatchObject({ ok: true });
    t += HISTORY_TTL_MS - 1;
    await history('streamer1', 7);
    expect(urls().filter((u) => u === page)).toHaveLength(2);
    t += 1;
    await history('streamer1', 7);
    expect(urls().filter((u) => u === page)).toHaveLength(3);
  });

  it('does not take a /me that failed for a “no”: the card says why, and the next card asks again', async () => {
    for (const failed of [() => json(429), () => json(502), () => new Response('<!DOCTYPE html>', { status: 200 })]) {
      routes['https://kick.com/api/v2/channels/streamer1/me'] = failed;
      const history = read();
      const answer = await history('streamer1', 7);
      expect(answer?.ok).toBe(false);
      expect(answer?.ok === false && answer.reason).toMatch(/^could not tell whether you moderate this channel: kick\.com answered/);
      routes['https://kick.com/api/v2/channels/streamer1/me'] = () => json(200, { is_moderator: false });
      expect(await history('streamer1', 8)).toBeUndefined();
    }
  });

  it('asks again after a sign-in, and after a while in any case (a role given or taken)', async () => {
    let t = 0;
    const history = createHistoryReader((input) => Promise.resolve(checkChatHistory(input)), () => t);
    vi.stubGlobal('document', { cookie: 'theme=dark' });
    expect(await history('streamer1', 7)).toBeUndefined();
    // Signed in through Kick's own sign-in, without a reload.
    vi.stubGlobal('document', { cookie: 'session_token=123%7Csecret' });
    routes['https://kick.com/api/v2/channels/streamer1/me'] = () => json(200, { is_moderator: false });
    expect(await history('streamer1', 8)).toBeUndefined();
    expect(urls()).toEqual(['https://kick.com/api/v2/channels/streamer1/me']);
    // Made a moderator meanwhile: seen at the first card after MODERATOR_CHECK_TTL_MS.
    routes['https://kick.com/api/v2/channels/streamer1/me'] = () => json(200, { is_moderator: true });
    routes['https://kick.com/api/v2/channels/streamer1'] = () => json(200, { id: 501001 });
    routes['https://kick.com/api/v2/channels/501001/users/10/messages?cursor=0'] = () => json(200, { data: { messages: [], cursor: null } });
    t += MODERATOR_CHECK_TTL_MS - 1;
    expect(await history('streamer1', 9)).toBeUndefined();
    t += 1;
    expect(await history('streamer1', 10)).toEqual({ ok: true, messages: [] });
  });

  it('says why a moderator’s read failed, and tries a failed channel read again on the next card', async () => {
    routes['https://kick.com/api/v2/channels/streamer1/me'] = () => json(200, { is_broadcaster: true });
    routes['https://kick.com/api/v2/channels/streamer1'] = () => json(200, { id: 'not a number' });
    const history = read();
    expect(await history('streamer1', 7)).toEqual({ ok: false, reason: 'kick.com answered in an unexpected shape' });
    routes['https://kick.com/api/v2/channels/streamer1'] = () => json(200, { id: 501001 });
    routes['https://kick.com/api/v2/channels/501001/users/7/messages?cursor=0'] = () => json(403, { message: 'This action is unauthorized.' });
    expect(await history('streamer1', 7)).toEqual({ ok: false, reason: 'kick.com answered 403' });
  });
});
