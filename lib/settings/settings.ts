import { z } from 'zod';
import { storage } from 'wxt/utils/storage';

/** Where on kick.com cards may open (ids match lib/page/surfaces.ts). */
export const SurfaceIdSchema = z.enum(['chat', 'mention', 'reply', 'pinned', 'channelHeader', 'sidebar', 'link']);
export type SurfaceId = z.infer<typeof SurfaceIdSchema>;

/** Card sections the user can hide. */
export const CardFieldSchema = z.enum(['banner', 'bio', 'live', 'followers', 'channelCreated', 'relation', 'badges', 'socials']);
export type CardField = z.infer<typeof CardFieldSchema>;

export const ThemeSchema = z.enum(['auto', 'dark', 'light']);
export type Theme = z.infer<typeof ThemeSchema>;

const allTrue = <T extends string>(ids: readonly T[]) => Object.fromEntries(ids.map((id) => [id, true])) as Record<T, boolean>;

export const SettingsSchema = z.object({
  hoverDelayMs: z.number().int().min(0).max(2000),
  surfaces: z.record(SurfaceIdSchema, z.boolean()),
  fields: z.record(CardFieldSchema, z.boolean()),
  theme: ThemeSchema,
  cacheTtlMinutes: z.number().int().min(1).max(1440),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  hoverDelayMs: 300,
  surfaces: allTrue(SurfaceIdSchema.options),
  fields: allTrue(CardFieldSchema.options),
  theme: 'auto',
  cacheTtlMinutes: 10,
};

/**
 * In `sync`, not `local`: the background restricts `local` (tokens, the app secret) to the
 * extension's own pages, while the content script must read these settings.
 */
export const settingsItem = storage.defineItem<unknown>('sync:settings', {
  version: 1,
  fallback: DEFAULT_SETTINGS,
});

export interface LoadedSettings {
  settings: Settings;
  /** Set when the stored value was unusable and defaults were used instead. */
  problem?: string;
}

/** Reads settings; a bad stored value falls back to the defaults and says so instead of breaking the page. */
export function parseSettings(raw: unknown): LoadedSettings {
  if (raw === null || raw === undefined) return { settings: DEFAULT_SETTINGS };
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return { settings: parsed.data };
  // Keep every field that is still valid on its own; only the broken ones go back to defaults.
  const stored = typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    const field = schema.safeParse(stored[key]);
    if (field.success) merged[key] = field.data;
  }
  return {
    settings: SettingsSchema.parse(merged),
    problem: 'Some stored settings were invalid and were reset to their defaults.',
  };
}

export async function loadSettings(): Promise<LoadedSettings> {
  return parseSettings(await settingsItem.getValue());
}

export function watchSettings(onChange: (loaded: LoadedSettings) => void): () => void {
  return settingsItem.watch((value) => onChange(parseSettings(value)));
}
