import type { z } from 'zod';
import { HttpsUrlSchema, WebProfileSchema, type Role, type WebProfile } from '../cards/schema';
import { socialLinks } from '../cards/socials';
import { slugCandidates } from '../kick/slug';
import { isSiteRoute } from '../page/site-routes';
import { WebChannelSchema, WebChannelUserSchema, type WebChannel, type WebChannelUser } from './schemas';

export type WebSource = 'ok' | 'not_found' | 'error';
/** Which read failed: the channel (followers, channel age, bio, socials) or the user's standing in this channel. */
export type WebReadPart = 'channel' | 'relation';
export interface WebReadFailure {
  part: WebReadPart;
  reason: string;
}
export interface WebResult {
  state: WebSource;
  profile?: WebProfile;
  /** Reads that failed, also when the rest of the profile came through. */
  failures?: WebReadFailure[];
}

const TIMEOUT_MS = 6000;

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The page's own fetch where the browser offers one. A Firefox content script's plain fetch sends no
 * Referer, while `content.fetch` goes out exactly like the site's calls (same-origin, Referer,
 * cookies); Chrome's content-script fetch already does (both checked against the simulator's log).
 */
function pageFetch(): Fetch {
  const page = (globalThis as { content?: { fetch?: Fetch } }).content;
  const own = page?.fetch;
  return own ? (input, init) => own.call(page, input, init) : (input, init) => fetch(input, init);
}

class WebReadError extends Error {}

/** Why a read failed, in words for the card and the popup (never a URL or a body). */
function reasonOf(error: unknown): string {
  if (error instanceof WebReadError) return error.message;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'kick.com did not answer in time';
  if (error instanceof Error && error.name === 'ZodError') return 'kick.com answered in an unexpected shape';
  return 'the request could not be sent';
}

async function getJson<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T> | 'not_found'> {
  // Absolute: a Firefox content script does not resolve relative URLs against the page.
  const res = await pageFetch()(new URL(path, location.origin).href, {
    credentials: 'include',
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (res.status === 404) return 'not_found';
  if (!res.ok) throw new WebReadError(`kick.com answered ${res.status}`);
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
  const answer = await getJson(path, WebChannelUserSchema);
  return answer === 'not_found' ? undefined : answer;
}

type Read<T> = { ok: true; value: T | undefined } | { ok: false; failure: WebReadFailure };
const settle = <T>(part: WebReadPart, job: Promise<T | undefined>): Promise<Read<T>> =>
  job.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, failure: { part, reason: reasonOf(error) } }));

/**
 * What kick.com itself says about a user, read like the site does (same-origin). Optional
 * enrichment: a failed read costs only its own part of the card, and says which and why.
 */
export async function fetchWebProfile(username: string, channelSlug: string | undefined): Promise<WebResult> {
  // Both requests at once: on a cold card they are on the critical path.
  const [channel, relation] = await Promise.all([
    settle('channel', fetchChannel(username)),
    channelSlug ? settle('relation', fetchRelation(channelSlug, username)) : ({ ok: true, value: undefined } as const),
  ]);
  const failures = [channel, relation].flatMap((r) => (r.ok ? [] : [r.failure]));
  const channelValue = channel.ok ? channel.value : undefined;
  const relationValue = relation.ok ? relation.value : undefined;
  const withFailures = failures.length ? { failures } : {};
  if (!channelValue && !relationValue) return { state: channel.ok ? 'not_found' : 'error', ...withFailures };
  try {
    return { state: 'ok', profile: webProfileFrom(channelValue, relationValue, channelSlug), ...withFailures };
  } catch (error) {
    return { state: 'error', failures: [...failures, { part: 'channel', reason: reasonOf(error) }] };
  }
}
