import { plural, t } from '@/lib/i18n/messages';

/**
 * Timeout lengths as a moderator picks them on the card. Kick counts a timeout in whole minutes, 1 to 10080 (7 days:
 * POST /public/v1/moderation/bans, ../shared/reference/kick-api.md "Moderation"). No zod here: the card UI parses what
 * is typed, and the background checks the number again with the protocol's schema.
 */

export const MIN_TIMEOUT_MINUTES = 1;
export const MAX_TIMEOUT_MINUTES = 10_080;

/**
 * The one-click timeouts (card-design.md: 1m takes Twitch's 1 s purge's place, Kick's floor; 10 minutes is the common
 * default of FFZ, BTTV and 7TV; 1h and 1d appear in every anchor's list; four stay readable in 320 px).
 */
export const PRESET_MINUTES = [1, 10, 60, 1440] as const;

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10_080, mo: 43_200 };

export type ParsedDuration = { ok: true; minutes: number } | { ok: false; reason: 'empty' | 'format' | 'range' };

/**
 * `90`, `90m`, `2h`, `3d`, `1w`: FFZ's grammar `(\d+)(mo|d|h|m|s)?` without seconds, which Kick cannot take. A bare
 * number means minutes, Kick's unit; `mo` is understood only to be refused as too long.
 */
export function parseDuration(text: string): ParsedDuration {
  const trimmed = text.trim().toLowerCase();
  if (!trimmed) return { ok: false, reason: 'empty' };
  const match = /^(\d{1,7})\s*(mo|w|d|h|m)?$/.exec(trimmed);
  if (!match) return { ok: false, reason: 'format' };
  const minutes = Number(match[1]) * UNIT_MINUTES[match[2] ?? 'm']!;
  if (minutes < MIN_TIMEOUT_MINUTES || minutes > MAX_TIMEOUT_MINUTES) return { ok: false, reason: 'range' };
  return { ok: true, minutes };
}

/** The parts of a length, largest unit first: 90 → 1 h 30 min; 1440 → 1 d. */
export function durationParts(minutes: number): { days: number; hours: number; minutes: number } {
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

/** A button's short label, as 7TV, BTTV and KickTalk write them: `1m`, `10m`, `1h`, `1d`, `1h30m`. */
export function shortDuration(minutes: number): string {
  const p = durationParts(minutes);
  return [p.days && t('duration.d', { n: p.days }), p.hours && t('duration.h', { n: p.hours }), p.minutes && t('duration.m', { n: p.minutes })].filter(Boolean).join('');
}

/** A length in words, for a button's accessible name and the status line: `10 minutes`, `1 hour 30 minutes`. */
export function longDuration(minutes: number): string {
  const p = durationParts(minutes);
  return [p.days && plural('duration.days', p.days), p.hours && plural('duration.hours', p.hours), p.minutes && plural('duration.minutes', p.minutes)].filter(Boolean).join(' ');
}
