import { describe, expect, it } from 'vitest';
import { mergeCard } from './merge';
import { webProfileFrom } from '../kick-web/web-profile';
import type { OfficialProfile } from './schema';

const official: OfficialProfile = {
  userId: 7, slug: 'cool-cat', name: 'cool_cat', avatarUrl: 'https://files.kick.com/a.webp',
  bannerUrl: 'https://files.kick.com/b.webp', channelDescription: 'from the API', live: { isLive: false },
};

describe('mergeCard', () => {
  it('builds a card from the official API alone', () => {
    const card = mergeCard('cool_cat', { state: 'ok', profile: official }, { state: 'error' });
    expect(card).toMatchObject({ displayName: 'cool_cat', bio: 'from the API', socials: [], sources: { official: 'ok', web: 'error' } });
    expect(card.followersCount).toBeUndefined();
  });

  it('builds a card from kick.com alone when the API is not connected', () => {
    const web = webProfileFrom(
      { slug: 'cool-cat', followers_count: 12, verified: true, user: { id: 7, username: 'cool_cat', bio: 'web bio', twitter: 'coolcat' }, livestream: null },
      undefined,
      undefined,
    );
    const card = mergeCard('cool_cat', { state: 'error', error: { code: 'not_configured', message: 'x' } }, { state: 'ok', profile: web });
    expect(card).toMatchObject({
      userId: 7, displayName: 'cool_cat', bio: 'web bio', followersCount: 12, verified: true, live: { isLive: false },
      socials: [{ network: 'twitter', url: 'https://x.com/coolcat' }], sources: { official: 'error', web: 'ok' },
    });
  });

  it('prefers the official identity and live status, and takes the rest from kick.com', () => {
    const web = webProfileFrom(
      { slug: 'cool-cat', followers_count: 99, user: { id: 7, username: 'old_name', bio: 'web bio', profile_pic: 'https://files.kick.com/old.webp' },
        livestream: { is_live: true, viewer_count: 3 } },
      { badges: [{ type: 'moderator', text: 'Moderator' }], is_moderator: true, following_since: '2024-01-01T00:00:00Z', subscribed_for: 5 },
      'streamer1',
    );
    const card = mergeCard('cool_cat', { state: 'ok', profile: official }, { state: 'ok', profile: web });
    expect(card.displayName).toBe('cool_cat');
    expect(card.avatarUrl).toBe('https://files.kick.com/a.webp');
    expect(card.live).toEqual({ isLive: false });
    expect(card.bio).toBe('web bio');
    expect(card.relation).toMatchObject({ channelSlug: 'streamer1', roles: ['moderator'], subscribedMonths: 5 });
  });

  it('drops hostile URLs from kick.com and keeps hostile text as plain strings', () => {
    const web = webProfileFrom(
      {
        slug: 'hank', banner_image: { url: 'javascript:alert(1)' },
        user: { id: 9, username: 'hank', bio: '<img src=x onerror=alert(1)>', profile_pic: 'http://insecure.example/a.png', instagram: 'javascript:alert(1)' },
      },
      undefined,
      undefined,
    );
    const card = mergeCard('hank', { state: 'skipped' }, { state: 'ok', profile: web });
    expect(card.bannerUrl).toBeUndefined();
    expect(card.avatarUrl).toBeUndefined();
    expect(card.socials).toEqual([]);
    expect(card.bio).toBe('<img src=x onerror=alert(1)>');
  });

  it('reads roles, bans and subscription from the channel relation', () => {
    const web = webProfileFrom(undefined, {
      badges: [{ type: 'vip', text: 'VIP' }, { type: 'og', text: 'OG' }, { type: 'subscriber', text: 'Sub', count: 3 }],
      banned: { reason: 'Spam', expires_at: '2026-12-01T00:00:00Z', permanent: false },
    }, 'streamer1');
    expect(web.relation).toMatchObject({ roles: ['vip', 'og', 'subscriber'], ban: { reason: 'Spam', permanent: false } });
  });

  it("shows no picture for Kick's default avatar and banner, falling back to kick.com's real ones", () => {
    const placeholders: OfficialProfile = {
      ...official,
      avatarUrl: 'https://kick.com/img/default-profile-pictures/default2.jpeg',
      bannerUrl: 'https://kick.com/img/default-banner-pictures/default2.jpeg',
    };
    const alone = mergeCard('cool_cat', { state: 'ok', profile: placeholders }, { state: 'error' });
    expect(alone.avatarUrl).toBeUndefined();
    expect(alone.bannerUrl).toBeUndefined();
    const web = webProfileFrom({ slug: 'cool-cat', user: { id: 7, profile_pic: 'https://files.kick.com/real.webp' } }, undefined, undefined);
    expect(mergeCard('cool_cat', { state: 'ok', profile: placeholders }, { state: 'ok', profile: web }).avatarUrl).toBe('https://files.kick.com/real.webp');
  });
});

describe('merge keeps display strings honest', () => {
  it('shows names without format characters, slugs only if valid, images only from Kick', () => {
    const card = mergeCard(
      'streamer1',
      { state: 'ok', profile: { userId: 1, slug: 'streamer1', name: 'stre\u200Bamer1\u202Egnp.exe', avatarUrl: 'https://tracker.example/a.png' } },
      { state: 'ok', profile: { slug: '..', bannerUrl: 'https://cdn.example/b.png', bio: 'hi \u202Eereht', live: { isLive: true, title: 'go\u2067 now' } } },
    );
    expect(card.displayName).toBe('streamer1gnp.exe');
    expect(card.slug).toBe('streamer1');
    expect(card.avatarUrl).toBeUndefined();
    expect(card.bannerUrl).toBeUndefined();
    expect(card.bio).toBe('hi ereht');
    expect(card.live?.title).toBe('go now');
  });

  it('drops a slug that is not Kick’s', () => {
    const card = mergeCard('hank', { state: 'skipped' }, { state: 'ok', profile: { slug: 'a/../b', username: '\u200B' } });
    expect(card.slug).toBeUndefined();
    expect(card.displayName).toBeUndefined();
  });
});
