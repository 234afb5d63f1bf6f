import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildWebProfile } from './web-profile';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../background/handlers';
import type { BackgroundServices } from '../background/services';
import { registerHandlers } from '../messaging/extension';
import { sendToBackground } from '../messaging/send';
import { MAX_ANSWER_CHARS } from './answer-size';
import { fetchWebProfile as fetchRaw, pageFetch, sessionHeaders, type WebAnswers } from './web-reads';

/** The content script's reads with the background's checks, called directly instead of over messaging. */
const fetchWebProfile = (username: string, channelSlug: string | undefined) => fetchRaw(username, channelSlug, (answers) => Promise.resolve(buildWebProfile(answers)));

const channel = { slug: 'streamer1', followers_count: 10, user: { id: 1, username: 'streamer1' }, chatroom: { created_at: '2022-11-01T00:00:00Z' } };
const relation = { id: 1, username: 'streamer1', following_since: '2023-01-01T00:00:00Z', is_channel_owner: true };

function answer(status: number, body: unknown = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(() => {
  vi.stubGlobal('location', new URL('https://kick.com/streamer1'));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('kick.com reads', () => {
  it('asks the page’s own origin with absolute URLs, which a Firefox content script needs', async () => {
    const fetch = vi.fn((url: string, _init: RequestInit) => Promise.resolve(answer(200, url.endsWith('/users/streamer1') ? relation : channel)));
    vi.stubGlobal('fetch', fetch);
    const result = await fetchWebProfile('streamer1', 'streamer1');
    expect(fetch.mock.calls.map(([url]) => url).sort()).toEqual([
      'https://kick.com/api/v2/channels/streamer1',
      'https://kick.com/api/v2/channels/streamer1/users/streamer1',
    ]);
    expect(fetch.mock.calls[0]![1]).toMatchObject({ credentials: 'include' });
    expect(result).toMatchObject({ state: 'ok', profile: { followersCount: 10, relation: { roles: ['owner'] } } });
    expect(result.failures).toBeUndefined();
  });

  it('prefers the page’s fetch in Firefox (content.fetch), so the request carries the page’s Referer', async () => {
    const own = vi.fn(() => Promise.resolve(answer(404)));
    const plain = vi.fn(() => Promise.resolve(answer(404)));
    vi.stubGlobal('content', { fetch: own });
    vi.stubGlobal('fetch', plain);
    await pageFetch(true)('https://kick.com/api/v2/channels/nobody', {});
    expect(own).toHaveBeenCalled();
    expect(plain).not.toHaveBeenCalled();
  });

  it('never takes `content` from the page: in Chrome, and in Firefox when it is no function (DOM clobbering)', async () => {
    const plain = vi.fn(() => Promise.resolve(answer(404)));
    vi.stubGlobal('fetch', plain);
    // What <form name="content"><input name="fetch"></form> is to a Chrome content script's global object.
    vi.stubGlobal('content', { fetch: { tagName: 'INPUT' } });
    expect(await fetchWebProfile('nobody', undefined)).toEqual({ state: 'not_found' });
    await pageFetch(true)('https://kick.com/api/v2/channels/nobody', {});
    expect(plain).toHaveBeenCalledTimes(2);
    // In the Chrome build, not even a working one: Chrome's own fetch already goes out as the site's.
    const own = vi.fn(() => Promise.resolve(answer(404)));
    vi.stubGlobal('content', { fetch: own });
    await pageFetch(false)('https://kick.com/api/v2/channels/nobody', {});
    expect(own).not.toHaveBeenCalled();
  });

  it('keeps the channel when only the relation fails, and says which read failed and why', async () => {
    vi.stubGlobal('fetch', (url: string) => Promise.resolve(url.includes('/users/') ? answer(403) : answer(200, channel)));
    const result = await fetchWebProfile('streamer1', 'streamer1');
    expect(result).toMatchObject({ state: 'ok', profile: { followersCount: 10 }, failures: [{ part: 'relation', reason: 'kick.com answered 403' }] });
  });

  it('reports a channel read that cannot be sent, instead of swallowing it', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('/api/v2/channels/x is not a valid URL.')));
    const result = await fetchWebProfile('x', undefined);
    expect(result).toEqual({ state: 'error', failures: [{ part: 'channel', reason: 'the request could not be sent' }] });
  });

  it('names an answer of an unexpected shape', async () => {
    // Odd fields are tolerated one by one (web-profile.test.ts); an answer that is not an object at all is not.
    vi.stubGlobal('fetch', () => Promise.resolve(answer(200, ['not', 'a', 'channel'])));
    const result = await fetchWebProfile('x', undefined);
    expect(result.failures).toEqual([{ part: 'channel', reason: 'kick.com answered in an unexpected shape' }]);
  });

  it('names a body that is not JSON as such: a page answered with a 200 is not a request that failed', async () => {
    vi.stubGlobal('fetch', (url: string) =>
      Promise.resolve(url.includes('/users/') ? answer(200, relation) : new Response('<!DOCTYPE html><title>Just a moment...</title>', { status: 200 })));
    const result = await fetchWebProfile('streamer1', 'streamer1');
    expect(result.failures).toEqual([{ part: 'channel', reason: 'kick.com answered with something other than JSON' }]);
    expect(result).toMatchObject({ state: 'ok', profile: { relation: { roles: ['owner'] } } });
  });

  it('a user kick.com does not know is not a failure', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(answer(404)));
    expect(await fetchWebProfile('ghost', 'streamer1')).toEqual({ state: 'not_found' });
  });

  it('refuses an answer too large to hand to the background, and says so', async () => {
    const huge = { ...channel, user: { ...channel.user, bio: 'x'.repeat(MAX_ANSWER_CHARS) } };
    vi.stubGlobal('fetch', () => Promise.resolve(answer(200, huge)));
    const result = await fetchWebProfile('streamer1', undefined);
    expect(result).toEqual({ state: 'error', failures: [{ part: 'channel', reason: 'kick.com answered with more data than a card can use' }] });
  });

  it('wakes the background only when there is an answer to check', async () => {
    const build = vi.fn(() => Promise.resolve({ state: 'ok' as const }));
    vi.stubGlobal('fetch', () => Promise.resolve(answer(404)));
    expect(await fetchRaw('ghost', 'streamer1', build)).toEqual({ state: 'not_found' });
    vi.stubGlobal('fetch', () => Promise.resolve(answer(500)));
    expect(await fetchRaw('ghost', 'streamer1', build)).toEqual({
      state: 'error',
      failures: [{ part: 'channel', reason: 'kick.com answered 500' }, { part: 'relation', reason: 'kick.com answered 500' }],
    });
    expect(build).not.toHaveBeenCalled();
    vi.stubGlobal('fetch', (url: string) => Promise.resolve(url.includes('/users/') ? answer(404) : answer(200, channel)));
    await fetchRaw('streamer1', 'streamer1', build);
    // The bodies as kick.com sent them: the background parses them.
    expect(build).toHaveBeenCalledWith({ channelSlug: 'streamer1', channel: { ok: true, body: JSON.stringify(channel) }, relation: { ok: true, body: undefined } });
  });
});

describe('kick.com answers checked in the background', () => {
  let unregister = () => undefined as void;
  beforeEach(() => {
    fakeBrowser.reset();
    // The file's afterEach unstubs every global, the fake `chrome` that messaging uses included.
    vi.stubGlobal('chrome', fakeBrowser);
  });
  afterEach(() => unregister());

  it('arrive over messaging raw and come back as the same profile as a check on the spot', async () => {
    unregister = registerHandlers(createHandlers({} as BackgroundServices), { isTrustedSender: () => false });
    vi.stubGlobal('fetch', (url: string) => Promise.resolve(url.endsWith('/users/streamer1') ? answer(200, relation) : answer(200, channel)));
    const overMessaging = await fetchRaw('streamer1', 'streamer1', (answers) => sendToBackground('readWebProfile', answers));
    expect(overMessaging).toEqual(JSON.parse(JSON.stringify(await fetchWebProfile('streamer1', 'streamer1'))));
    expect(overMessaging).toMatchObject({ state: 'ok', profile: { followersCount: 10, relation: { roles: ['owner'] } } });
  });

  it('accept a read with no answer as the browser delivers it: without its undefined value', async () => {
    unregister = registerHandlers(createHandlers({} as BackgroundServices), { isTrustedSender: () => false });
    // Runtime messaging is JSON: `{ ok: true, body: undefined }` (a 404) arrives as `{ ok: true }`.
    const delivered = JSON.parse(JSON.stringify({ channelSlug: 'streamer1', channel: { ok: true, body: JSON.stringify(channel) }, relation: { ok: true, body: undefined } })) as WebAnswers;
    await expect(sendToBackground('readWebProfile', delivered)).resolves.toMatchObject({ state: 'ok', profile: { followersCount: 10 } });
  });

  it('are refused beyond the size a page may send', async () => {
    unregister = registerHandlers(createHandlers({} as BackgroundServices), { isTrustedSender: () => false });
    // A body of `chars` characters; one over what the page would pass on (its body's bound) is refused.
    const body = (chars: number) => JSON.stringify({ ...channel, bio: 'x'.repeat(chars - JSON.stringify({ ...channel, bio: '' }).length) });
    expect(body(MAX_ANSWER_CHARS + 1)).toHaveLength(MAX_ANSWER_CHARS + 1);
    const read = (chars: number) => sendToBackground('readWebProfile', { channel: { ok: true, body: body(chars) }, relation: { ok: true } });
    await expect(read(MAX_ANSWER_CHARS + 1)).rejects.toThrow(/rejected: .*too large/);
    await expect(read(MAX_ANSWER_CHARS)).resolves.toMatchObject({ state: 'ok', profile: { followersCount: 10 } });
  });
});


describe('the site’s session token, sent the way kick.com’s own calls send it', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('comes from the async Cookie Store where the browser has one, without touching document.cookie', async () => {
    vi.stubGlobal('cookieStore', { get: (name: string) => Promise.resolve(name === 'session_token' ? { value: '123%7Cabc' } : null) });
    vi.stubGlobal('document', {
      get cookie(): string {
        throw new Error('document.cookie blocks the page’s thread');
      },
    });
    expect(await sessionHeaders()).toEqual({ authorization: 'Bearer 123|abc' });
  });

  it('comes from document.cookie where there is no Cookie Store (Firefox), and is absent when signed out', async () => {
    vi.stubGlobal('cookieStore', undefined);
    vi.stubGlobal('document', { cookie: 'theme=dark; session_token=9%7Cxyz; XSRF-TOKEN=x' });
    expect(await sessionHeaders()).toEqual({ authorization: 'Bearer 9|xyz' });
    vi.stubGlobal('document', { cookie: 'theme=dark' });
    expect(await sessionHeaders()).toEqual({});
    vi.stubGlobal('cookieStore', { get: () => Promise.resolve(null) });
    expect(await sessionHeaders()).toEqual({});
  });

  it('reads document.cookie when `cookieStore` is a page element named so (DOM clobbering), not the element', async () => {
    vi.stubGlobal('cookieStore', { get: { tagName: 'INPUT' } });
    vi.stubGlobal('document', { cookie: 'session_token=9%7Cxyz' });
    expect(await sessionHeaders()).toEqual({ authorization: 'Bearer 9|xyz' });
  });
});
