import { t } from '@/lib/i18n/messages';
import { formatExact } from './format';

/**
 * Newcomer signals (issue #13): a fact of the card's data that says someone is new here, in words, with the exact
 * moment behind it for hover and focus. No score and no guess: a signal is shown only when its data says so.
 */

export const DAY_MS = 86_400_000;
/** "Created in the last 7 days" and "followed in the last day" include the boundary itself. */
export const NEW_CHANNEL_MS = 7 * DAY_MS;
export const NEW_FOLLOW_MS = DAY_MS;
/** Kick's clock and this computer's may differ a little: a moment this far ahead still counts as now. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface NewcomerInput {
  /** When their channel was created (kick.com's chatroom.created_at). */
  channelCreatedAt?: string;
  /** When they followed the channel being watched, and its slug. */
  followingSince?: string;
  channelSlug?: string;
  /**
   * This tab's chat record: their only message seen (when it was sent, to Kick's minute), and since when the tab has read
   * the chat. Only when it counted all of theirs.
   */
  onlyMessage?: { at: number; since: number };
}

export interface NewcomerSignal {
  id: 'channel' | 'follow' | 'first-message';
  text: string;
  /** The exact moments, and what the signal rests on. */
  detail: string;
}

/** The moment of `iso` when it lies within `windowMs` before `now` (small clock skew allowed), else null. */
function within(iso: string | undefined, windowMs: number, now: number): number | null {
  const t = Date.parse(iso ?? '');
  return !Number.isNaN(t) && now - t >= -CLOCK_SKEW_MS && now - t <= windowMs ? t : null;
}

export function newcomerSignals(input: NewcomerInput, now = Date.now(), format: (ms: number) => string = formatExact): NewcomerSignal[] {
  const signals: NewcomerSignal[] = [];
  const created = within(input.channelCreatedAt, NEW_CHANNEL_MS, now);
  if (created !== null) signals.push({ id: 'channel', text: t('newcomer.channel'), detail: t('newcomer.channelDetail', { at: format(created) }) });
  const followed = input.channelSlug ? within(input.followingSince, NEW_FOLLOW_MS, now) : null;
  if (followed !== null) signals.push({ id: 'follow', text: t('newcomer.follow', { channel: input.channelSlug! }), detail: t('newcomer.followDetail', { at: format(followed) }) });
  const only = input.onlyMessage;
  // Sent before the tab began reading (Kick's recent messages, on the page as the channel opened) is no first message
  // "since you opened it". Kick's clock shows minutes: a message in the minute the tab began counts.
  if (only && only.at >= only.since - 60_000)
    signals.push({
      id: 'first-message',
      text: t('newcomer.first'),
      detail: t('newcomer.firstDetail', { at: format(only.at), since: format(only.since) }),
    });
  return signals;
}
