import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import {
  CACHE_TTL_MINUTES, CARD_FIELDS, DEFAULT_SETTINGS, HOVER_DELAY_MS, parseSettings, SURFACE_IDS, THEMES, type LoadedSettings,
} from './settings-page';

// The checks themselves live in ./settings-page.ts, zod-free for the content script; these schemas give the types.
export { DEFAULT_SETTINGS, parseSettings, type LoadedSettings };

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

/**
 * In `sync`, not `local`: the background restricts `local` (tokens, the app secret) to the
 * extension's own pages, while the content script must read these settings.
 */
export const settingsItem = storage.defineItem<unknown>('sync:settings', {
  version: 1,
  fallback: DEFAULT_SETTINGS,
});

export async function loadSettings(): Promise<LoadedSettings> {
  return parseSettings(await settingsItem.getValue());
}

export function watchSettings(onChange: (loaded: LoadedSettings) => void): () => void {
  return settingsItem.watch((value) => onChange(parseSettings(value)));
}
