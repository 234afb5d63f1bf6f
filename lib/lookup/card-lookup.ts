import type { OfficialProfile } from '../cards/schema';
import { OfficialProfileSchema } from '../cards/schema';
import type { SessionCache } from '../cache/ttl-cache';
import { KickError, isKickError } from '../kick/errors';
import { KICK_MAX_BATCH, type KickApi } from '../kick/api-client';
import type { KickChannel, KickUser } from '../kick/schemas';
import type { TokenManager } from '../auth/token-manager';
import { Batcher } from './batcher';
import { slugCandidates } from '../kick/slug';

export { slugCandidates };

export interface CardLookupResult {
  profile: OfficialProfile;
  fetchedAt: number;
  stale: boolean;
}

export function profileFrom(channel: KickChannel, user: KickUser | undefined): OfficialProfile {
  const optional = (s: string | undefined) => (s ? s : undefined);
  const live = channel.stream
    ? {
        isLive: channel.stream.is_live,
        viewerCount: channel.stream.is_live ? (channel.stream.viewer_count ?? undefined) : undefined,
        title: channel.stream.is_live ? optional(channel.stream_title) : undefined,
        category: channel.stream.is_live ? optional(channel.category?.name) : undefined,
        startedAt: channel.stream.is_live ? (channel.stream.start_time ?? undefined) : undefined,
      }
    : undefined;
  // safeParse per field: a hostile or broken URL drops that field, not the card.
  const url = (value: string) => (OfficialProfileSchema.shape.avatarUrl.safeParse(value || undefined).data ?? undefined);
  return OfficialProfileSchema.parse({
    userId: channel.broadcaster_user_id,
    slug: channel.slug,
    name: optional(user?.name),
    avatarUrl: url(user?.profilePicture ?? ''),
    bannerUrl: url(channel.banner_picture),
    channelDescription: optional(channel.channel_description.slice(0, 5000)),
    live,
  });
}

export interface CardLookupDeps {
  api: KickApi;
  tokens: TokenManager;
  cache: SessionCache<OfficialProfile>;
  windowMs?: number;
}

/**
 * username → OfficialProfile: channels by slug (batched; an unknown slug is split out of the
 * batch), then users by id (batched) for the display name and avatar; cached with
 * stale-while-revalidate, "not found" cached too, the same username in flight shared.
 */
export function createCardLookup(deps: CardLookupDeps) {
  const channels = new Batcher<string, KickChannel>({
    maxBatch: KICK_MAX_BATCH,
    windowMs: deps.windowMs,
    fetchBatch: async (slugs) => {
      const list = await deps.tokens.withAnyToken((token) => deps.api.channelsBySlug(token, slugs));
      return new Map(list.map((c) => [c.slug.toLowerCase(), c]));
    },
    shouldSplit: (error) => isKickError(error, 'invalid_request'),
    onSingleFailure: () => undefined,
  });
  const users = new Batcher<number, KickUser>({
    maxBatch: KICK_MAX_BATCH,
    windowMs: deps.windowMs,
    fetchBatch: async (ids) => {
      const list = await deps.tokens.withAnyToken((token) => deps.api.usersById(token, ids));
      return new Map(list.map((u) => [u.userId, u]));
    },
  });
  const pending = new Map<string, Promise<CardLookupResult>>();

  async function fetchProfile(username: string): Promise<OfficialProfile | null> {
    let channel: KickChannel | undefined;
    for (const slug of slugCandidates(username)) {
      channel = await channels.load(slug);
      if (channel) break;
    }
    if (!channel) return null;
    let user: KickUser | undefined;
    try {
      user = await users.load(channel.broadcaster_user_id);
    } catch (error) {
      // The channel alone still makes a card; a missing scope or a hiccup only costs name/avatar.
      if (!isKickError(error) || ['not_configured', 'reconnect_needed'].includes(error.code)) throw error;
    }
    return profileFrom(channel, user);
  }

  function refresh(key: string): Promise<CardLookupResult> {
    let job = pending.get(key);
    if (!job) {
      job = fetchProfile(key)
        .then(async (profile) => {
          const fetchedAt = await deps.cache.set(key, profile);
          if (!profile) throw new KickError({ code: 'not_found', message: `No Kick channel named "${key}".` });
          return { profile, fetchedAt, stale: false };
        })
        .finally(() => pending.delete(key));
      pending.set(key, job);
    }
    return job;
  }

  return {
    async lookup(username: string, { forceRefresh = false } = {}): Promise<CardLookupResult> {
      const key = username.toLowerCase();
      if (!forceRefresh) {
        const hit = await deps.cache.get(key);
        if (hit.state !== 'miss') {
          if (hit.value === null) throw new KickError({ code: 'not_found', message: `No Kick channel named "${username}".` });
          if (hit.state === 'stale') refresh(key).catch(() => undefined);
          return { profile: hit.value, fetchedAt: hit.storedAt, stale: hit.state === 'stale' };
        }
      }
      return refresh(key);
    },
    stats: () => ({ channelCalls: channels.calls, userCalls: users.calls }),
  };
}
export type CardLookup = ReturnType<typeof createCardLookup>;
