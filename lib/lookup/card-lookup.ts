import type { OfficialProfile } from '../cards/schema';
import { OfficialProfileSchema } from '../cards/schema';
import type { SessionCache } from '../cache/ttl-cache';
import { KickError, isKickError } from '../kick/errors';
import { KICK_MAX_BATCH, KICK_MAX_SLUG_BATCH, KICK_MAX_SLUG_LENGTH, type KickApi } from '../kick/api-client';
import type { KickChannel, KickUser } from '../kick/schemas';
import type { TokenManager } from '../auth/token-manager';
import { Batcher } from './batcher';
import { slugCandidates } from '../kick/slug';
import { t } from '@/lib/i18n/messages';

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
        // Streamers set titles freely: a long one is cut to what the card shows, never fatal.
        title: channel.stream.is_live ? optional(channel.stream_title.slice(0, 500)) : undefined,
        category: channel.stream.is_live ? optional(channel.category?.name.slice(0, 200)) : undefined,
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
  /**
   * Private (incognito) windows' cards: kept in memory, apart from `cache`. Chrome and Firefox run one background for
   * both kinds of window ("spanning") and `storage.session` is shared by both, so without this a card looked up in a
   * private window was served, and counted, in a normal one until the browser quit.
   */
  privateCache: SessionCache<OfficialProfile>;
  windowMs?: number;
}

/** A 400 from /channels itself (not from the token endpoint or anything else on the way). */
class ChannelsRejected extends KickError {}

/**
 * username → OfficialProfile: channels by slug (batched, at most 25 a request), then users by id
 * (batched) for the display name and avatar, both with the app token first; cached with
 * stale-while-revalidate, the same username in flight shared. "Not found" is cached only when Kick
 * answered 200 without that slug (KickDevDocs #231): a token, network, 5xx or 429 failure never is.
 */
export function createCardLookup(deps: CardLookupDeps) {
  const channels = new Batcher<string, KickChannel>({
    maxBatch: KICK_MAX_SLUG_BATCH,
    windowMs: deps.windowMs,
    fetchBatch: async (slugs) => {
      const list = await deps.tokens.withPublicToken((token) =>
        deps.api.channelsBySlug(token, slugs).catch((error: unknown) => {
          throw isKickError(error, 'invalid_request') ? new ChannelsRejected(error.info) : error;
        }),
      );
      return new Map(list.map((c) => [c.slug.toLowerCase(), c]));
    },
    // Kick refuses a whole request only for invalid parameters; split so one odd slug fails alone.
    shouldSplit: (error) => error instanceof ChannelsRejected,
  });
  const users = new Batcher<number, KickUser>({
    maxBatch: KICK_MAX_BATCH,
    windowMs: deps.windowMs,
    fetchBatch: async (ids) => {
      const list = await deps.tokens.withPublicToken((token) => deps.api.usersById(token, ids));
      return new Map(list.map((u) => [u.userId, u]));
    },
  });
  // By window kind and username: a lookup lands in its own kind's cache only.
  const pending = new Map<string, Promise<CardLookupResult>>();

  /** null: Kick answered and has no such channel. */
  async function fetchProfile(username: string): Promise<OfficialProfile | null> {
    const candidates = slugCandidates(username).filter((slug) => slug.length <= KICK_MAX_SLUG_LENGTH);
    // No slug Kick could have: nothing to ask, and nothing Kick said to cache.
    if (candidates.length === 0) throw new KickError({ code: 'not_found', message: `No Kick channel can be named "${username}".` });
    let channel: KickChannel | undefined;
    for (const slug of candidates) {
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

  function refresh(key: string, cache: SessionCache<OfficialProfile>, job: string): Promise<CardLookupResult> {
    let work = pending.get(job);
    if (!work) {
      work = fetchProfile(key)
        .then(async (profile) => {
          const fetchedAt = await cache.set(key, profile);
          if (!profile) throw new KickError({ code: 'not_found', message: `No Kick channel named "${key}".` });
          return { profile, fetchedAt, stale: false };
        })
        .finally(() => pending.delete(job));
      pending.set(job, work);
    }
    return work;
  }

  return {
    /**
     * `forceMinAgeMs`: a forced refresh of an entry younger than this is answered from the cache
     * (a Retry click or a page cannot make Kick answer the same question twice in a row).
     * `budget`: asked before a lookup would reach Kick; false answers rate_limited without asking.
     * `inPrivate`: for a private window's tab: read and written in `privateCache` only.
     */
    async lookup(
      username: string,
      {
        forceRefresh = false,
        forceMinAgeMs = 0,
        budget,
        inPrivate = false,
      }: { forceRefresh?: boolean; forceMinAgeMs?: number; budget?: { take(): boolean; waitMs(): number }; inPrivate?: boolean } = {},
    ): Promise<CardLookupResult> {
      const key = username.toLowerCase();
      const cache = inPrivate ? deps.privateCache : deps.cache;
      const job = `${inPrivate ? 'private' : 'normal'}:${key}`;
      const hit = await cache.get(key);
      const tooYoung = hit.state === 'fresh' && Date.now() - hit.storedAt < forceMinAgeMs;
      if (hit.state !== 'miss' && (!forceRefresh || tooYoung)) {
        if (hit.value === null) throw new KickError({ code: 'not_found', message: t('error.noChannel', { name: username }) });
        if (hit.state === 'stale' && !pending.has(job) && (!budget || budget.take())) refresh(key, cache, job).catch(() => undefined);
        return { profile: hit.value, fetchedAt: hit.storedAt, stale: hit.state === 'stale' };
      }
      if (!pending.has(job) && budget && !budget.take()) {
        const waitSec = Math.max(1, Math.ceil(budget.waitMs() / 1000));
        throw new KickError({
          code: 'rate_limited',
          retryAfterSec: waitSec,
          message: t('error.cardsTooMany', { s: waitSec }),
        });
      }
      return refresh(key, cache, job);
    },
    stats: () => ({ channelCalls: channels.calls, userCalls: users.calls }),
  };
}
export type CardLookup = ReturnType<typeof createCardLookup>;
