import { realPicture } from '../kick/default-images';
import type { KickErrorInfo } from '../kick/errors';
import { displayName, displayText, kickImageUrl, kickSlug } from './display';
import type { LiveStatus, OfficialProfile, UserCard, WebProfile } from './schema';

export type OfficialPart = { state: 'ok'; profile: OfficialProfile } | { state: 'not_found' | 'error' | 'skipped'; error?: KickErrorInfo };
export type WebPart = { state: 'ok'; profile: WebProfile } | { state: 'not_found' | 'error' | 'skipped' };

/**
 * The one place both sources meet. The official API wins for identity, pictures and live status
 * (it is the supported source); kick.com's own endpoints add what the API lacks (bio, socials,
 * followers, the viewer's standing in this channel). Every field stays optional. Display strings
 * and images are cleaned here, once, for both sources (see ./display.ts).
 */
export function mergeCard(username: string, official: OfficialPart, web: WebPart): UserCard {
  const o = official.state === 'ok' ? official.profile : undefined;
  const w = web.state === 'ok' ? web.profile : undefined;
  const pick = <T>(a: T | undefined, b: T | undefined) => (a !== undefined && a !== '' ? a : b);
  return {
    username,
    slug: pick(kickSlug(o?.slug), kickSlug(w?.slug)),
    userId: pick(o?.userId, w?.userId),
    displayName: pick(displayName(o?.name), displayName(w?.username)),
    avatarUrl: pick(realPicture(kickImageUrl(o?.avatarUrl)), realPicture(kickImageUrl(w?.avatarUrl))),
    bannerUrl: pick(realPicture(kickImageUrl(o?.bannerUrl)), realPicture(kickImageUrl(w?.bannerUrl))),
    bio: pick(displayText(w?.bio), displayText(o?.channelDescription)),
    verified: w?.verified,
    live: cleanLive(pick(o?.live, w?.live)),
    followersCount: w?.followersCount,
    channelCreatedAt: w?.channelCreatedAt,
    socials: w?.socials ?? [],
    relation: w?.relation && {
      ...w.relation,
      badges: w.relation.badges.map((b) => ({ ...b, text: displayName(b.text) ?? '' })),
      ban: w.relation.ban && { ...w.relation.ban, reason: displayText(w.relation.ban.reason) },
    },
    sources: { official: official.state, web: web.state },
  };
}

function cleanLive(live: LiveStatus | undefined): LiveStatus | undefined {
  return live && { ...live, title: displayText(live.title), category: displayName(live.category) };
}

/** Whether there is anything to show at all. */
export function hasIdentity(card: UserCard): boolean {
  return card.sources.official === 'ok' || card.sources.web === 'ok';
}
