import { HttpsUrlSchema, WebProfileSchema, type Role, type WebProfile } from '../cards/schema';
import { socialLinks } from '../cards/socials';
import { WebChannelSchema, WebChannelUserSchema, type WebChannel, type WebChannelUser } from './schemas';
import { failuresOf, jsonOf, notJson, type RawRead, type WebAnswers, type WebReadFailure, type WebReadPart, type WebResult } from './web-reads';
import { t } from '@/lib/i18n/messages';

/**
 * The background's half of kick.com's own endpoints: the content script fetched them (./web-reads.ts) and sends the
 * answers' bodies here, where they are parsed, zod checks them and the profile is built; zod and the parsing stay out
 * of every kick.com page (issue #12).
 */

export type { WebReadFailure, WebReadPart, WebResult, WebSource } from './web-reads';


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

type Read<T> = { ok: true; value: T | undefined } | { ok: false; failure: WebReadFailure };

function check<T>(part: WebReadPart, read: RawRead, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): Read<T> {
  if (!read.ok) return read;
  if (read.body === undefined) return { ok: true, value: undefined };
  const json = jsonOf(read.body);
  if (!json) return { ok: false, failure: { part, reason: notJson() } };
  const parsed = schema.safeParse(json.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, failure: { part, reason: t('kickWeb.shape') } };
}

/**
 * Checks what the content script read from kick.com and builds the profile. A failed read or an answer of the
 * wrong shape costs only its own part of the card, and says which and why.
 */
export function buildWebProfile({ channelSlug, channel: channelRead, relation: relationRead }: WebAnswers): WebResult {
  const channel = check<WebChannel>('channel', channelRead, WebChannelSchema);
  const relation = check<WebChannelUser>('relation', relationRead, WebChannelUserSchema);
  const failures = failuresOf([channel, relation]);
  const channelValue = channel.ok ? channel.value : undefined;
  const relationValue = relation.ok ? relation.value : undefined;
  const withFailures = failures.length ? { failures } : {};
  if (!channelValue && !relationValue) return { state: channel.ok ? 'not_found' : 'error', ...withFailures };
  try {
    return { state: 'ok', profile: webProfileFrom(channelValue, relationValue, channelSlug), ...withFailures };
  } catch (error) {
    const reason = error instanceof Error && error.name === 'ZodError' ? t('kickWeb.shape') : t('kickWeb.notSent');
    return { state: 'error', failures: [...failures, { part: 'channel', reason }] };
  }
}
