import type { z } from 'zod';
import { HttpsUrlSchema, WebProfileSchema, type Role, type WebProfile } from '../cards/schema';
import { socialLinks } from '../cards/socials';
import { slugCandidates } from '../kick/slug';
import { isSiteRoute } from '../page/site-routes';
import { WebChannelSchema, WebChannelUserSchema, type WebChannel, type WebChannelUser } from './schemas';

export type WebSource = 'ok' | 'not_found' | 'error';
export interface WebResult {
  state: WebSource;
  profile?: WebProfile;
}

const TIMEOUT_MS = 6000;

async function getJson<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T> | 'not_found'> {
  // Absolute: in a Firefox content script a relative URL "is not a valid URL" (shared/reference/toolchain.md).
  const res = await fetch(new URL(path, location.origin).href, { credentials: 'include', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (res.status === 404) return 'not_found';
  if (!res.ok) throw new Error(`kick.com answered ${res.status}`);
  return schema.parse(await res.json());
}

const url = (value: string | null | undefined) => (value ? HttpsUrlSchema.safeParse(value).data : undefined);
const opt = <T>(value: T | null | undefined) => value ?? undefined;

function rolesOf(user: WebChannelUser): Role[] {
  const roles = new Set<Role>();
  if (user.is_channel_owner) roles.add('owner');
  if (user.is_moderator) roles.add('moderator');
  if (user.is_staff) roles.add('staff');
  for (const badge of user.badges ?? []) {
    const type = badge.type.toLowerCase();
    if (type === 'broadcaster') roles.add('owner');
    else if (type === 'moderator') roles.add('moderator');
    else if (type === 'vip') roles.add('vip');
    else if (type === 'og') roles.add('og');
    else if (type === 'subscriber' || type === 'sub_gifter') roles.add('subscriber');
    else if (type === 'staff') roles.add('staff');
    else if (type === 'founder') roles.add('founder');
    else if (type === 'verified') roles.add('verified');
  }
  return [...roles];
}

export function webProfileFrom(channel: WebChannel | undefined, relation: WebChannelUser | undefined, channelSlug: string | undefined): WebProfile {
  const user = channel?.user;
  const live = channel
    ? channel.livestream
      ? {
          isLive: channel.livestream.is_live ?? true,
          viewerCount: opt(channel.livestream.viewer_count),
          // Set freely by streamers: cut to what the card shows rather than fail the card.
          title: opt(channel.livestream.session_title)?.slice(0, 500),
          category: opt(channel.livestream.categories?.[0]?.name)?.slice(0, 200),
          startedAt: opt(channel.livestream.created_at),
        }
      : { isLive: false }
    : undefined;
  const profile = {
    userId: opt(user?.id ?? channel?.user_id ?? relation?.id),
    slug: opt(channel?.slug ?? relation?.slug),
    username: opt(user?.username ?? relation?.username),
    avatarUrl: url(user?.profile_pic ?? relation?.profile_pic),
    bannerUrl: url(channel?.banner_image?.url),
    bio: opt(user?.bio)?.slice(0, 5000),
    verified: opt(channel?.verified),
    followersCount: opt(channel?.followers_count),
    channelCreatedAt: opt(channel?.chatroom?.created_at),
    live,
    socials: user ? socialLinks(user) : undefined,
    relation:
      relation && channelSlug
        ? {
            channelSlug,
            followingSince: opt(relation.following_since),
            subscribedMonths: relation.subscribed_for ? relation.subscribed_for : undefined,
            badges: (relation.badges ?? []).map((b) => ({ type: b.type, text: b.text, count: opt(b.count) })),
            roles: rolesOf(relation),
            ban: relation.banned
              ? {
                  reason: opt(relation.banned.reason),
                  createdAt: opt(relation.banned.created_at),
                  expiresAt: opt(relation.banned.expires_at),
                  permanent: relation.banned.permanent ?? false,
                }
              : undefined,
          }
        : undefined,
  };
  return WebProfileSchema.parse(profile);
}

/**
 * The current channel's slug from a kick.com URL path: `/{slug}`, the popout chat `/popout/{slug}/chat` and the
 * moderator view `/moderator/{slug}` (kick-dom.md "channel of a page"). Site routes are no channel.
 */
export function channelSlugFromPath(pathname: string): string | undefined {
  const parts = pathname.split('/').filter(Boolean);
  const first = parts[0]?.toLowerCase();
  const slug = first === 'popout' || first === 'moderator' ? parts[1] : parts[0];
  if (first === 'popout' && parts[2]?.toLowerCase() !== 'chat') return undefined;
  if (!slug || isSiteRoute(slug)) return undefined;
  return /^[A-Za-z0-9_-]{1,25}$/.test(slug) ? slug.toLowerCase() : undefined;
}

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * A same-origin kick.com path from raw segments. Each is encoded, and an empty or dot-only segment
 * (also once percent-decoded) is refused: `/channels/streamer1/users/..` resolves to the channel itself.
 */
export function kickPath(...segments: string[]): string {
  for (const segment of segments) if (/^\.*$/.test(segment) || /^\.*$/.test(decoded(segment))) throw new Error(`unsafe path segment ${JSON.stringify(segment)}`);
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

async function fetchChannel(username: string): Promise<WebChannel | undefined> {
  for (const slug of slugCandidates(username)) {
    const answer = await getJson(kickPath('api', 'v2', 'channels', slug), WebChannelSchema);
    if (answer !== 'not_found') return answer;
  }
  return undefined;
}

async function fetchRelation(channelSlug: string, username: string): Promise<WebChannelUser | undefined> {
  const path = kickPath('api', 'v2', 'channels', channelSlug, 'users', username.toLowerCase());
  // The relation is a bonus: its failure must not cost the rest of the card.
  const answer = await getJson(path, WebChannelUserSchema).catch(() => 'not_found' as const);
  return answer === 'not_found' ? undefined : answer;
}

/**
 * What kick.com itself says about a user, read like the site does (same-origin). Optional
 * enrichment: any failure gives `error` and the card goes on without it.
 */
export async function fetchWebProfile(username: string, channelSlug: string | undefined): Promise<WebResult> {
  try {
    // Both requests at once: on a cold card they are on the critical path.
    const [channel, relation] = await Promise.all([fetchChannel(username), channelSlug ? fetchRelation(channelSlug, username) : undefined]);
    if (!channel && !relation) return { state: 'not_found' };
    return { state: 'ok', profile: webProfileFrom(channel, relation, channelSlug) };
  } catch {
    return { state: 'error' };
  }
}
