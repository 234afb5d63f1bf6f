import { memo, useCallback, useEffect, useState } from 'react';
import { formatClock, formatDayClock, formatNearClock } from '@/lib/cards/format';
import type { CardChat, WhenOpened } from '@/lib/page/card-chat';
import type { ChatHistory, ChatRecordAnswer, RecordView } from '@/lib/messaging/protocol';
import { plural, t } from '@/lib/i18n/messages';
import { MessageText } from './MessageText';
import { fromUserOnStillCard } from './mod-guard';
import type { CardModeration } from './use-moderation';

/**
 * "Their messages in this chat" (issue #13): Kick's own history when the viewer moderates the channel, else what this
 * tab saw; newest first, with a count, saying which source it is and how far back it reaches. Without a `userId` (the
 * card still loading) it shows this tab's record only.
 */
/** Messages built when the card opens; the list shows about three. */
const FIRST_RENDERED = 10;

/**
 * A memo: a card opened again renders this again only when `record` changed (the card reads it at each open, and the
 * record answers the same while they said nothing: lib/page/card-chat.ts `sameRecord`). Kick's history is asked again at
 * each open through `whenOpened`, with no render of its own.
 */
export const ChatLog = memo(function ChatLog({ userId, chat, record: answer, whenOpened, mod }: {
  userId?: number;
  chat: CardChat;
  /** This tab's record of their messages, as the background answered at this open (undefined: not yet). */
  record?: ChatRecordAnswer;
  /** Runs a callback at each later open of this card; returns its remover (CardLayer.tsx). */
  whenOpened?: WhenOpened;
  /** A moderator who may delete messages (moderation:chat_message:manage): each listed message of the socket's gets 🗑. */
  mod?: Pick<CardModeration, 'act'>;
}) {
  // Messages this card deleted (shown struck through as Kick shows them to moderators), and the last refusal.
  const [removed, setRemoved] = useState<ReadonlySet<string>>(() => new Set());
  const [removing, setRemoving] = useState<string | null>(null);
  const [refused, setRefused] = useState('');
  const remove = (id: string) => (e: React.MouseEvent) => {
    if (!mod || removing || !fromUserOnStillCard(e)) return;
    setRemoving(id);
    setRefused('');
    mod.act({ kind: 'delete', messageId: id }).then(
      (result) => (result.ok ? setRemoved((s) => new Set(s).add(id)) : setRefused(result.error.message)),
      (error: unknown) => setRefused(error instanceof Error ? error.message : String(error)),
    ).finally(() => setRemoving(null));
  };
  // Kick's history as loaded so far (pages appended), or its last failure; null: none (not a moderator, or not yet).
  const [all, setAll] = useState(false);
  const showAll = () => setAll(true);
  const [kick, setKick] = useState<(ChatHistory & { ok: true }) | { ok: false; reason: string; last?: ChatHistory & { ok: true } } | null>(null);
  const more = useCallback(
    (before?: ChatHistory & { ok: true }) => {
      if (userId !== undefined)
        void chat.history(userId, before?.cursor).then((page) => {
          if (page) setKick(page.ok ? { ...page, messages: [...(before?.messages ?? []), ...page.messages] } : { ...page, last: before });
        });
    },
    [chat, userId],
  );
  useEffect(() => {
    more();
    return whenOpened?.(() => more());
  }, [more, whenOpened]);

  if (!chat.onChannel() || answer?.status === 'off') return null;
  const record = answer?.view;
  const fromKick = kick?.ok ? kick : kick?.last;
  const list: { text: string; at?: number; deleted?: boolean; id?: string }[] = fromKick
    ? fromKick.messages.map((m) => ({ text: m.text, at: m.at ? Date.parse(m.at) : undefined }))
    : (record?.messages ?? []);
  const oldest = list.at(-1)?.at;
  // Three lines show at a time: the rest is built when the list is scrolled or focused, not on every open.
  const shown = all ? list : list.slice(0, FIRST_RENDERED);
  return (
    // Nothing to list: one line, so an empty section does not make a card taller (card-design.md).
    <section className={`chatlog${list.length === 0 && !record?.banned ? ' empty' : ''}`} data-testid="card-chatlog" data-source={fromKick ? 'kick' : 'tab'}>
      <h3>
        {t('chat.title')} {(fromKick || record) && <span data-testid="card-chatlog-count">({fromKick ? `${list.length}${fromKick.cursor ? '+' : ''}` : record!.seen})</span>}
      </h3>
      {record?.banned && (
        <p className="banned" data-testid="card-chatlog-banned">
          {banText(record.banned)}
        </p>
      )}
      <p data-testid="card-chatlog-source">
        {fromKick
          ? oldest
            ? t(fromKick.cursor ? 'chat.kickBackMore' : 'chat.kickBack', { date: formatDayClock(oldest) })
            : t(fromKick.cursor ? 'chat.kickMore' : 'chat.kick')
          : recordSource(answer)}
      </p>
      {list.length > 0 && (
        // Focusable, so the keyboard reaches and scrolls it; Esc still closes the card.
        <ol tabIndex={0} aria-label={t('chat.listLabel')} data-testid="card-chatlog-list" onScroll={showAll} onFocus={showAll}>
          {shown.map((m, i) => (
            <ChatLine key={i} text={m.text} at={m.at} deleted={m.deleted} withDay={!!fromKick}
              removed={m.id !== undefined && removed.has(m.id)} onRemove={mod && m.id && !m.deleted ? remove(m.id) : undefined} busy={removing === m.id} />
          ))}
        </ol>
      )}
      {refused && <p role="status" className="mod-refused" data-testid="card-chatlog-mod-error">{refused}</p>}
      {kick?.ok && kick.cursor && (
        <button type="button" className="link-button" data-testid="card-chatlog-older" onClick={() => more(kick)}>
          {t('chat.older')}
        </button>
      )}
      {kick?.ok === false && <p data-testid="card-chatlog-error">{t('chat.kickFailed', { reason: kick.reason })}</p>}
    </section>
  );
});

/** One message: a memo, so a card opened again re-renders only the lines that changed (issue #12, cached opens). */
const ChatLine = memo(function ChatLine({ text, at, deleted, withDay, removed, onRemove, busy }: {
  text: string;
  at?: number;
  deleted?: boolean;
  withDay: boolean;
  /** Deleted from this card: still shown, struck through, as Kick shows a deleted message to its moderators. */
  removed?: boolean;
  onRemove?: (e: React.MouseEvent) => void;
  busy?: boolean;
}) {
  return (
    <li>
      {at && <time dateTime={new Date(at).toISOString()}>{(withDay ? formatDayClock : formatClock)(at)}</time>}{' '}
      {deleted ? (
        <i className="deleted" data-testid="card-chatlog-deleted">{t('chat.deletedByKick')}</i>
      ) : removed ? (
        <s className="removed" data-testid="card-chatlog-removed"><MessageText text={text} /> {t('chat.deleted')}</s>
      ) : (
        <MessageText text={text} />
      )}
      {onRemove && !removed && (
        <button type="button" className="chat-delete" data-testid="card-chatlog-delete" aria-label={t('chat.delete')} title={t('chat.delete')}
          aria-disabled={busy || undefined} onClick={onRemove}>🗑</button>
      )}
    </li>
  );
});

/** What Kick's chat said of a ban while the record was kept: a timeout has an end, a ban none (or none given). */
function banText({ at, until }: NonNullable<RecordView['banned']>): string {
  return until === undefined ? t('chat.banned', { at: formatNearClock(at) }) : t('chat.timedOut', { at: formatNearClock(at), until: formatNearClock(until) });
}

/** Where this tab's record comes from and how far back it reaches, or why there is none. */
function recordSource(answer: ChatRecordAnswer | undefined): string {
  // Not answered yet (the first open's answer comes a moment after): nothing said, rather than "connecting" for a blink.
  if (!answer) return '';
  const record = answer.view;
  if (record && answer.fromRecent) return recentSource(answer, record, answer.fromRecent.at);
  const reach = record
    ? [
        t('chat.recorded', { time: formatClock(record.since), more: (record.complete ? '' : t('chat.gaps')) + latestShown(record) }),
        record.earlierUnread && t('chat.earlierUnread', { reason: bare(record.earlierUnread) }),
      ]
    : [];
  if (answer.status === 'failed') return sentences(...reach, notFollowed(answer));
  if (!record || answer.status === 'connecting') return sentences(...reach, t('chat.connecting'));
  return sentences(...reach);
}

/**
 * The socket does not bring the chat, so the record is kept from Kick's recent messages (lib/chat-feed/chat-feeds.ts):
 * when they were last read, how far back the record reaches, and why the socket is not used.
 */
function recentSource(answer: ChatRecordAnswer, record: RecordView, at: number): string {
  const why = answer.status === 'failed' ? notFollowed(answer) : t(answer.status === 'connecting' ? 'chat.socketNotYet' : 'chat.socketNot');
  return sentences(
    t('chat.recent', { why: bare(why), at: formatClock(at), since: formatClock(record.since), more: latestShown(record) }),
    record.earlierUnread && t('chat.recentUnread', { reason: bare(record.earlierUnread) }),
  );
}

/** A reason from elsewhere, to be set inside a sentence: without its own full stop. */
const bare = (reason: string) => reason.replace(/\.$/, '');
const notFollowed = (answer: ChatRecordAnswer) => t('chat.notFollowed', { reason: answer.reason ? bare(answer.reason) : t('chat.noReason') });
/** "; the latest 2 shown", when the record holds fewer than it saw. */
const latestShown = (record: RecordView) => (record.seen > record.messages.length ? plural('chat.latestShown', record.messages.length) : '');
/** Whole sentences, joined by a space. */
function sentences(...parts: (string | false | 0 | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

/** The section's place in a loading card, so the card keeps its size (chat-log.css) without building the list twice. */
export function ChatLogSpace({ chat }: { chat: CardChat }) {
  return chat.onChannel() ? <section className="chatlog" aria-hidden="true" /> : null;
}
