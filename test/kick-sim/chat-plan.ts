import { CHATTERS } from './seed';

/**
 * Which kind of row the simulated chat shows at each position, shared by the page (which renders it) and the tests
 * (which know from it what each row should open). Rows repeat every `CHAT_CYCLE` positions.
 */
export const CHAT_CYCLE = 30;

export type RowKind = 'chat' | 'reply' | 'mention' | 'sub' | 'gift' | 'kicks';

export interface PlannedRow {
  kind: RowKind;
  /** The sender (or subscriber, gifter). */
  who: string;
  /** The replied-to, mentioned or gifted-to user. */
  other: string;
  text: string;
  moderatorBadge: boolean;
}

export function planRow(position: number): PlannedRow {
  const slot = position % CHAT_CYCLE;
  const who = CHATTERS[slot % CHATTERS.length]!;
  const other = CHATTERS[(slot * 7 + 3) % CHATTERS.length]!;
  const kind: RowKind =
    slot === 5 ? 'sub' : slot === 13 ? 'gift' : slot === 19 ? 'kicks' : slot % 7 === 3 ? 'reply' : slot % 5 === 1 ? 'mention' : 'chat';
  const text = kind === 'mention' ? `hey @${other} what do you think?` : `message ${slot}`;
  return { kind, who, other, text, moderatorBadge: slot % 3 === 0 };
}

/** The first position of a kind in the cycle, for tests that need one. */
export const firstOf = (kind: RowKind) => Array.from({ length: CHAT_CYCLE }, (_, i) => i).find((i) => planRow(i).kind === kind)!;
