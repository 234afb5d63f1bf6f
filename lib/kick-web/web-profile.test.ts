// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebChannelSchema, WebChannelUserSchema } from './schemas';
import { buildWebProfile, webProfileFrom } from './web-profile';
import { fetchWebProfile as fetchRaw, kickPath } from './web-reads';

/** The content script's reads with the background's checks, called directly instead of over messaging. */
const fetchWebProfile = (username: string, channelSlug: string | undefined) => fetchRaw(username, channelSlug, (answers) => Promise.resolve(buildWebProfile(answers)));

function stubFetch() {
  const paths: string[] = [];
  vi.stubGlobal('fetch', (input: string) => {
    paths.push(new URL(input).pathname);
    return Promise.resolve(new Response('{}', { status: 404 }));
  });
  return paths;
}

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://kick.com/streamer1');
});
afterEach(() => vi.unstubAllGlobals());

describe('kick.com paths', () => {
  it('never sends a dot-only segment, which the server would resolve to another resource', async () => {
    for (const name of ['.', '..', '...']) {
      const paths = stubFetch();
      await fetchWebProfile(name, 'streamer1');
      for (const path of paths) expect(path.split('/').some((segment) => /^\.+$/.test(segment)), path).toBe(false);
      vi.unstubAllGlobals();
    }
  });

  it('requests absolute kick.com URLs, which Firefox content scripts need', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', (input: string) => {
      urls.push(input);
      return Promise.resolve(new Response('{}', { status: 404 }));
    });
    await fetchWebProfile('og_olga', 'streamer1');
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^https:\/\/kick\.com\/api\/v2\/channels\//);
  });

  it('encodes each segment and refuses dot-only ones', () => {
    expect(kickPath('api', 'v2', 'channels', 'og-olga')).toBe('/api/v2/channels/og-olga');
    expect(kickPath('channels', 'a/b?c#d')).toBe('/channels/a%2Fb%3Fc%23d');
    for (const bad of ['.', '..', '', '%2e%2e']) expect(() => kickPath('channels', bad), bad).toThrow();
  });
});

/** kick.com's own answers drift without notice: odd fields cost that field, never the card. */
describe('tolerant reading of kick.com answers', () => {
  it('clamps odd counts, cuts a 2,000-character title and drops fields of the wrong type', () => {
    const channel = WebChannelSchema.parse({
      slug: 'streamer1',
      followers_count: -12.7,
      verified: 'yes',
      user: { id: 1001, username: 'streamer1', bio: 42 },
      banner_image: 'not an object',
      livestream: { is_live: true, session_title: 't'.repeat(2000), viewer_count: 3.6, categories: 'Just Chatting' },
      chatroom: { created_at: '2022-11-02T18:30:00Z' },
    });
    const relation = WebChannelUserSchema.parse({ subscribed_for: 2.4, badges: [{ type: 'vip', text: 'VIP', count: -1 }], banned: 'no' });
    const profile = webProfileFrom(channel, relation, 'streamer1');
    expect(profile).toMatchObject({ followersCount: 0, username: 'streamer1', channelCreatedAt: '2022-11-02T18:30:00Z', live: { isLive: true, viewerCount: 4 } });
    expect(profile.verified).toBeUndefined();
    expect(profile.bio).toBeUndefined();
    expect(profile.live?.title).toHaveLength(500);
    expect(profile.relation).toMatchObject({ subscribedMonths: 2, badges: [{ type: 'vip', count: 0 }], roles: ['vip'] });
  });
});
