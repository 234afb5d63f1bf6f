import type { SimChatMessage, SimRelation, SimUser } from './types';

/**
 * The simulator's deterministic data set: ordinary users plus the edge cases Kick is known for
 * (empty names from Google sign-ups #325, empty pictures #97, `_` vs `-` slugs, hostile text).
 */
const FILES = 'https://files.kick.com/images';
const pic = (id: number) => `${FILES}/user/${id}/profile_image/conversion/avatar-fullsize.webp`;
const banner = (id: number) => `${FILES}/channel/${id}/banner_image/banner.webp`;

function user(partial: Partial<SimUser> & { userId: number; username: string }): SimUser {
  return {
    slug: partial.username.toLowerCase(),
    email: `${partial.username.toLowerCase()}@example.com`,
    profilePicture: pic(partial.userId),
    bannerPicture: banner(partial.userId),
    bio: `Hi, I am ${partial.username}.`,
    verified: false,
    followersCount: 100 + partial.userId % 1000,
    channelCreatedAt: '2023-03-14T10:00:00Z',
    socials: {},
    ...partial,
  };
}

/** A chat message that would run script if a card rendered it as markup. */
export const HOSTILE_MESSAGE = '<img src=x onerror="window.__pwned=3">**not bold**';

export const HOSTILE_BIO = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>**bold** & "quotes"';

export function seedUsers(): SimUser[] {
  return [
    user({
      userId: 1001,
      username: 'streamer1',
      verified: true,
      followersCount: 254_300,
      bio: 'Variety streamer. Live most days at 18:00 UTC.',
      socials: { instagram: 'streamer1', twitter: 'streamer1', youtube: 'streamer1', discord: 'streamer1', tiktok: 'streamer1' },
      channelCreatedAt: '2022-11-02T18:30:00Z',
      live: {
        viewerCount: 12_345,
        title: 'Ranked grind until diamond',
        category: { id: 15, name: 'Just Chatting' },
        startedAt: '2026-11-23T01:00:00Z',
      },
    }),
    user({ userId: 1002, username: 'modmaria', followersCount: 87 }),
    user({ userId: 1003, username: 'vipvictor', followersCount: 1_204 }),
    user({ userId: 1004, username: 'og_olga', slug: 'og-olga' }),
    user({ userId: 1005, username: 'subsam' }),
    user({ userId: 1006, username: 'bannedbob', bio: '' }),
    user({ userId: 1007, username: 'staffsteve', verified: true }),
    user({ userId: 1008, username: 'cool_cat', slug: 'cool-cat', socials: { twitter: 'coolcat' } }),
    user({ userId: 1009, username: '', slug: 'googlegrace', email: '' }),
    user({ userId: 1010, username: 'nopicnick', profilePicture: '', bannerPicture: '' }),
    user({
      userId: 1011,
      username: 'hostile_hank',
      slug: 'hostile-hank',
      bio: HOSTILE_BIO,
      bannerPicture: 'javascript:alert(1)',
      profilePicture: 'http://files.kick.com/images/insecure.webp',
      socials: {
        instagram: 'javascript:alert(1)', twitter: 'http://evil.example/x', youtube: '"><img src=x onerror=alert(1)>',
        // The networks' own redirectors, and a real profile URL carrying a redirect in its query.
        facebook: 'https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example', discord: 'https://www.youtube.com/redirect?q=https://evil.example',
        tiktok: 'https://www.tiktok.com/@hank?redirect=https://evil.example',
      },
    }),
    user({ userId: 1012, username: 'averyveryverylongname2025', followersCount: 3 }),
    user({ userId: 1013, username: 'emoji_eve', slug: 'emoji-eve', bio: 'Ünïcødé bio ✨ 日本語 مرحبا' }),
    user({ userId: 1014, username: 'secondstreamer', followersCount: 9_870, live: {
      viewerCount: 321, title: 'Chill coding', category: { id: 28, name: 'Software Development' }, startedAt: '2026-11-23T02:30:00Z' } }),
  ];
}

export const MAIN_CHANNEL = 'streamer1';

export function seedRelations(): SimRelation[] {
  const c = MAIN_CHANNEL;
  return [
    { channelSlug: c, username: 'streamer1', badges: [{ type: 'broadcaster', text: 'Broadcaster' }], isChannelOwner: true },
    { channelSlug: c, username: 'modmaria', followingSince: '2023-05-01T12:00:00Z', badges: [{ type: 'moderator', text: 'Moderator' }], isModerator: true },
    { channelSlug: c, username: 'vipvictor', followingSince: '2024-01-10T12:00:00Z', badges: [{ type: 'vip', text: 'VIP' }] },
    { channelSlug: c, username: 'og_olga', followingSince: '2022-12-01T12:00:00Z', badges: [{ type: 'og', text: 'OG' }] },
    { channelSlug: c, username: 'subsam', followingSince: '2025-02-02T12:00:00Z', subscribedFor: 14,
      badges: [{ type: 'subscriber', text: 'Subscriber', count: 14 }] },
    { channelSlug: c, username: 'bannedbob', followingSince: '2025-06-01T12:00:00Z', badges: [],
      banned: { reason: 'Spam', created_at: '2026-11-23T00:00:00Z', expires_at: '2026-11-30T00:00:00Z', permanent: false } },
    { channelSlug: c, username: 'staffsteve', badges: [{ type: 'staff', text: 'Staff' }], isStaff: true },
    { channelSlug: c, username: 'hostile_hank', followingSince: '2026-01-01T00:00:00Z', badges: [{ type: '<b>x</b>', text: '<script>alert(1)</script>' }] },
  ];
}

/** Names tests refer to, so a seed change shows up as a compile error, not a silent mismatch. */
export const SEED = {
  mainChannel: MAIN_CHANNEL,
  streamer: { userId: 1001, username: 'streamer1' },
  moderator: { userId: 1002, username: 'modmaria' },
  vip: { userId: 1003, username: 'vipvictor' },
  og: { userId: 1004, username: 'og_olga' },
  subscriber: { userId: 1005, username: 'subsam', months: 14 },
  banned: { userId: 1006, username: 'bannedbob' },
  staff: { userId: 1007, username: 'staffsteve' },
  underscore: { userId: 1008, username: 'cool_cat', slug: 'cool-cat' },
  emptyName: { userId: 1009, slug: 'googlegrace' },
  noPicture: { userId: 1010, username: 'nopicnick' },
  hostile: { userId: 1011, username: 'hostile_hank', slug: 'hostile-hank' },
  longName: { userId: 1012, username: 'averyveryverylongname2025' },
  unicode: { userId: 1013, username: 'emoji_eve' },
  secondStreamer: { userId: 1014, username: 'secondstreamer' },
  /** The user that "logs in" at the simulated authorize page by default. */
  viewer: { userId: 1005, username: 'subsam' },
} as const;

/** Users who write in the simulated chat, in rotation. */
export const CHATTERS = ['modmaria', 'vipvictor', 'og_olga', 'subsam', 'bannedbob', 'staffsteve', 'cool_cat', 'nopicnick', 'hostile_hank', 'emoji_eve'];

/**
 * kick.com's history of the main channel's chat: 30 messages by the VIP (more than one page, see routes-web.ts), an
 * emote and a hostile text among them, and a few by others, so a user's history can be told from the channel's.
 * Newest last, seven minutes apart, ending 2026-11-22 20:00 UTC.
 */
export function seedHistory(): SimChatMessage[] {
  const end = Date.parse('2026-11-22T20:00:00Z');
  const texts = Array.from({ length: 30 }, (_, i) => `Earlier message ${i + 1}`);
  texts[27] = 'Nice [emote:39284:vibePlz] play';
  texts[28] = HOSTILE_MESSAGE;
  const messages = texts.map((content) => ({ username: 'vipvictor', content }));
  messages.splice(10, 0, { username: 'modmaria', content: 'Welcome everyone' }, { username: 'subsam', content: 'hello' });
  return messages.map((m, i) => ({ channelSlug: MAIN_CHANNEL, ...m, createdAt: new Date(end - (messages.length - 1 - i) * 7 * 60_000).toISOString() }));
}
