import { z } from 'zod';
import { CACHE_TTL_MINUTES, CARD_FIELDS, HOVER_DELAY_MS, SURFACE_IDS, THEMES } from './settings-choices';

/**
 * The settings' schemas, the source of their types. The checks the content script runs are in ./settings-page.ts,
 * zod-free; settings-page.test.ts checks that they decide exactly as SettingsSchema does.
 */

/** Where on kick.com cards may open (ids match lib/page/surfaces.ts). */
export const SurfaceIdSchema = z.enum(SURFACE_IDS);
export type SurfaceId = z.infer<typeof SurfaceIdSchema>;

/** Card sections the user can hide. */
export const CardFieldSchema = z.enum(CARD_FIELDS);
export type CardField = z.infer<typeof CardFieldSchema>;

export const ThemeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof ThemeSchema>;

export const SettingsSchema = z.object({
  hoverDelayMs: z.number().int().min(HOVER_DELAY_MS.min).max(HOVER_DELAY_MS.max),
  surfaces: z.record(SurfaceIdSchema, z.boolean()),
  fields: z.record(CardFieldSchema, z.boolean()),
  theme: ThemeSchema,
  cacheTtlMinutes: z.number().int().min(CACHE_TTL_MINUTES.min).max(CACHE_TTL_MINUTES.max),
  /** Follow the chat of the channel a tab shows on Kick's chat socket, for the card's "Their messages here" (lib/chat-feed/). */
  followChat: z.boolean().default(true),
  /**
   * Timeouts, bans and deletions from the card (lib/moderation/). Off by default: turning it on asks Kick for the
   * moderation scopes in a new grant.
   */
  moderatorActions: z.boolean().default(false),
});
export type Settings = z.infer<typeof SettingsSchema>;
