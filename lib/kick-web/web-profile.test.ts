import { describe, expect, it } from 'vitest';
import { WebChannelSchema, WebChannelUserSchema } from './schemas';
import { webProfileFrom } from './web-profile';

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
