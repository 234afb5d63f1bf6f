import { realPicture } from '../kick/default-images';
import type { KickErrorInfo } from '../kick/errors';
import type { OfficialProfile, UserCard, WebProfile } from './schema';

export type OfficialPart = { state: 'ok'; profile: OfficialProfile } | { state: 'not_found' | 'error' | 'skipped'; error?: KickErrorInfo };
export type WebPart = { state: 'ok'; profile: WebProfile } | { state: 'not_found' | 'error' | 'skipped' };

/**
 * The one place both sources meet. The official API wins for identity, pictures and live status
 * (it is the supported source); kick.com's own endpoints add what the API lacks (bio, socials,
 * followers, the viewer's standing in this channel). Every field stays optional.
 */
export function mergeCard(username: string, official: OfficialPart, web: WebPart): UserCard {
  const o = official.state === 'ok' ? official.profile : undefined;
  const w = web.state === 'ok' ? web.profile : undefined;
  const pick = <T>(a: T | undefined, b: T | undefined) => (a !== undefined && a !== '' ? a : b);
  return {
    username,
    slug: pick(o?.slug, w?.slug),
    userId: pick(o?.userId, w?.userId),
    displayName: pick(pick(o?.name, w?.username), undefined),
    avatarUrl: pick(realPicture(o?.avatarUrl), realPicture(w?.avatarUrl)),
    bannerUrl: pick(realPicture(o?.bannerUrl), realPicture(w?.bannerUrl)),
    bio: pick(w?.bio, o?.channelDescription),
    verified: w?.verified,
    live: pick(o?.live, w?.live),
    followersCount: w?.followersCount,
    channelCreatedAt: w?.channelCreatedAt,
    socials: w?.socials ?? [],
    relation: w?.relation,
    sources: { official: official.state, web: web.state },
  };
}

/** Whether there is anything to show at all. */
export function hasIdentity(card: UserCard): boolean {
  return card.sources.official === 'ok' || card.sources.web === 'ok';
}
