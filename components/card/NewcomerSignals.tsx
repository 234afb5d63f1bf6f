import { memo, useId } from 'react';
import { newcomerSignals } from '@/lib/cards/newcomer';
import type { UserCard } from '@/lib/cards/schema';
import type { ChatRecordAnswer } from '@/lib/messaging/protocol';

/** The newcomer signals in words; the exact moments show on hover and on focus, and are the signal's description. */
/**
 * A memo: a card opened again renders this again when `record` or `now` changed (CardLayer.tsx reads both at each open;
 * `now` moves on once a minute, so a window's edge is off by a minute at most, never ahead of the clock).
 */
export const NewcomerSignals = memo(function NewcomerSignals({ card, record: answer, now = Date.now() }: {
  card: UserCard;
  /** This tab's record, as the background answered at this open. */
  record?: ChatRecordAnswer;
  now?: number;
}) {
  // Unique among the kept cards (CardLayer.tsx): each description belongs to its own card's signal.
  const prefix = useId();
  const record = answer?.view;
  const only = record?.complete && record.seen === 1 ? record.messages[0] : undefined;
  const signals = newcomerSignals({
    channelCreatedAt: card.channelCreatedAt,
    followingSince: card.relation?.followingSince,
    channelSlug: card.relation?.channelSlug,
    onlyMessage: only && record && { at: only.at, since: record.since },
  }, now);
  if (!signals.length) return null;
  return (
    <ul className="signals" data-testid="card-newcomer">
      {signals.map((s) => (
        <li key={s.id} data-testid={`card-newcomer-${s.id}`}>
          <span tabIndex={0} aria-describedby={`${prefix}-signal-${s.id}`}>{s.text}</span>
          <span className="exact" role="tooltip" id={`${prefix}-signal-${s.id}`}>{s.detail}</span>
        </li>
      ))}
    </ul>
  );
});
