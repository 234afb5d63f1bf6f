/**
 * What each setting may be, as plain lists and ranges: the zod schemas (./settings-schema.ts) are built from them, and
 * the content script's zod-free check (./settings-page.ts) reads them (issue #12: zod was half the script). Below both,
 * with no imports, so neither needs the other.
 */

/** Where on kick.com cards may open (ids match lib/page/surfaces.ts). */
export const SURFACE_IDS = ['chat', 'mention', 'reply', 'pinned', 'channelHeader', 'sidebar', 'link'] as const;
/** Card sections the user can hide. */
export const CARD_FIELDS = ['banner', 'bio', 'live', 'followers', 'channelCreated', 'relation', 'badges', 'socials'] as const;
export const THEMES = ['auto', 'dark', 'light'] as const;
export const HOVER_DELAY_MS = { min: 0, max: 2000 } as const;
export const CACHE_TTL_MINUTES = { min: 1, max: 1440 } as const;
