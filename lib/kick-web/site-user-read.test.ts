import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { tabMessenger } from '../messaging/send';
import { toSiteAccount } from './site-account';
import { answerSiteUserReads, readSiteUser } from './site-user-read';

const user = { id: 1004, username: 'vipvictor', email: 'victor@example.com', streamer_channel: { id: 501004, user_id: 1004, slug: 'vipvictor' } };
const answer = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'application/json' } });

let cookie = '';
beforeEach(() => {
  vi.stubGlobal('location', new URL('https://kick.com/streamer1'));
  vi.stubGlobal('document', { get cookie() { return cookie; } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  cookie = '';
});

describe('reading who is signed in on kick.com (content script)', () => {
  it('asks kick.com’s current-user endpoint as the site does: same-origin, cookies, session token as Bearer', async () => {
    cookie = 'kuc_probe=1; session_token=123%7Cabc; XSRF-TOKEN=x';
    const fetch = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(answer(200, JSON.stringify(user))));
    vi.stubGlobal('fetch', fetch);
    const read = await readSiteUser();
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://kick.com/api/v1/user');
    expect(init).toMatchObject({ credentials: 'include', headers: { accept: 'application/json', authorization: 'Bearer 123|abc' } });
    expect(toSiteAccount(read)).toEqual({ state: 'signed_in', userId: 1004, username: 'vipvictor' });
  });

  it('never hands the account’s email over', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(answer(200, JSON.stringify(user))));
    expect(JSON.stringify(await readSiteUser())).not.toContain('victor@example.com');
  });

  it('sends no Authorization without a session cookie, and passes kick.com’s status on', async () => {
    const fetch = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(answer(200, '{}')));
    vi.stubGlobal('fetch', fetch);
    expect(await readSiteUser()).toEqual({ status: 200, value: {} });
    expect(fetch.mock.calls[0]![1].headers).toEqual({ accept: 'application/json' });
    vi.stubGlobal('fetch', () => Promise.resolve(answer(403, '{"message":"blocked"}')));
    expect(await readSiteUser()).toEqual({ status: 403, value: undefined });
  });

  it('says the read failed when kick.com cannot be reached or answers garbage', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await readSiteUser()).toEqual({ status: 0, error: 'kick.com could not be read' });
    vi.stubGlobal('fetch', () => Promise.resolve(answer(200, '<html>')));
    expect(await readSiteUser()).toEqual({ status: 0, error: 'kick.com could not be read' });
  });

  it('answers the background’s question for this tab, and only while listening', async () => {
    fakeBrowser.reset();
    // WXT's test setup stubs `chrome` with the fake browser; unstubAllGlobals above took it away.
    vi.stubGlobal('chrome', fakeBrowser);
    vi.stubGlobal('fetch', () => Promise.resolve(answer(200, '{}')));
    const stop = answerSiteUserReads();
    try {
      await expect(tabMessenger.sendMessage('readSiteUser', {})).resolves.toEqual({ status: 200, value: {} });
    } finally {
      stop();
    }
    await expect(tabMessenger.sendMessage('readSiteUser', {})).rejects.toThrow();
  });
});
