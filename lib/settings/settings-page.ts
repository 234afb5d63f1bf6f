import { CACHE_TTL_MINUTES, CARD_FIELDS, HOVER_DELAY_MS, SURFACE_IDS, THEMES } from './settings-choices';
import type { CardField, Settings, SurfaceId, Theme } from './settings-schema';
import { t } from '@/lib/i18n/messages';

/**
 * The settings as the content script needs them, without zod (issue #12: zod was half the script). The schemas in
 * ./settings-schema.ts are built from the same lists (./settings-choices.ts) and stay the source of the types;
 * settings-page.test.ts checks that parseSettings here decides exactly as SettingsSchema does.
 */

const allTrue = <T extends string>(ids: readonly T[]) => Object.fromEntries(ids.map((id) => [id, true])) as Record<T, boolean>;

export const DEFAULT_SETTINGS: Settings = {
  hoverDelayMs: 300,
  surfaces: allTrue<SurfaceId>(SURFACE_IDS),
  fields: allTrue<CardField>(CARD_FIELDS),
  theme: 'auto',
  cacheTtlMinutes: 10,
  followChat: true,
  moderatorActions: false,
};

export interface LoadedSettings {
  settings: Settings;
  /** Set when the stored value was unusable and defaults were used instead. */
  problem?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const intIn = ({ min, max }: { min: number; max: number }) => (value: unknown) =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;

/** A flag for every id and nothing else, as zod's record over an enum demands. */
function flags<T extends string>(ids: readonly T[], value: unknown): Record<T, boolean> | undefined {
  if (!isRecord(value) || Object.keys(value).length !== ids.length) return undefined;
  const out = {} as Record<T, boolean>;
  for (const id of ids) {
    const flag = Object.hasOwn(value, id) ? value[id] : undefined;
    if (typeof flag !== 'boolean') return undefined;
    out[id] = flag;
  }
  return out;
}

/** A flag added after the first settings were stored: absent means its default, not a broken value. */
const laterFlag = (key: 'followChat' | 'moderatorActions') => (value: unknown) =>
  value === undefined ? DEFAULT_SETTINGS[key] : typeof value === 'boolean' ? value : undefined;

/** Each field's check: its value when valid, else undefined. */
const FIELDS: { [K in keyof Settings]: (value: unknown) => Settings[K] | undefined } = {
  hoverDelayMs: intIn(HOVER_DELAY_MS),
  surfaces: (value) => flags(SURFACE_IDS, value),
  fields: (value) => flags(CARD_FIELDS, value),
  theme: (value) => (THEMES as readonly unknown[]).includes(value) ? (value as Theme) : undefined,
  cacheTtlMinutes: intIn(CACHE_TTL_MINUTES),
  followChat: laterFlag('followChat'),
  moderatorActions: laterFlag('moderatorActions'),
};

/** Reads settings; a bad stored value falls back to the defaults and says so instead of breaking the page. */
export function parseSettings(raw: unknown): LoadedSettings {
  if (raw === null || raw === undefined) return { settings: DEFAULT_SETTINGS };
  // Keep every field that is still valid on its own; only the broken ones go back to defaults.
  const stored = typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const settings = { ...DEFAULT_SETTINGS } as Record<keyof Settings, unknown>;
  let broken = !isRecord(raw);
  for (const key of Object.keys(FIELDS) as (keyof Settings)[]) {
    const value = FIELDS[key](stored[key]);
    if (value === undefined) broken = true;
    else settings[key] = value;
  }
  return broken
    ? { settings: settings as Settings, problem: t('state.settingsReset') }
    : { settings: settings as Settings };
}
