/**
 * A record of who wrote what in one chat, kept by the background from Kick's chat socket (lib/chat-feed/chat-feeds.ts)
 * for the tabs that show it. Small strings only, bounded per user and in total; the users least recently heard from
 * go first.
 */

import { LruMap } from '../cache/lru';
import { usualSlug } from '../kick/slug';
import type { RecordView, SeenMessage } from '../messaging/protocol';

export type { RecordView, SeenMessage };
type Ban = NonNullable<RecordView['banned']>;

/** Bans kept per chat: a ban of someone the record holds nothing of costs a key and two numbers. */
export const BANS_KEPT = 500;

/**
 * Kept per user (the card lists these), in all, and characters in all: the text bound keeps a full record near 0.5 MB
 * of V8 heap whatever the messages' length (measured in Node: 0.52 MB full of 100-character messages, 0.34 MB of
 * 500-character ones).
 */
export const PER_USER = 25;
export const MAX_MESSAGES = 2000;
export const MAX_CHARS = 150_000;

/**
 * One key for a user whichever way they are named: the chat says `cool_cat`, a link to their channel `cool-cat`
 * (usernames have no `-`, so the usual slug tells no two users apart).
 */
const userKey = usualSlug;

/**
 * Messages told apart from the same one sent again (guess: a socket that reconnects may be sent a message it had;
 * Pusher's protocol document promises no replay, so this only keeps a count from ever running twice): the ids of this
 * many messages last recorded, also of someone whose older messages made room (PER_USER); as many as the record holds.
 * Kick's ids themselves (36-character UUIDs), not a hash of them: a collision would lose a message silently.
 */
export const RECENT_MESSAGES = MAX_MESSAGES;

/** A message as held: what a card is shown, and Kick's id (for a deletion to find it, and a moderator's delete; never shown). */
type HeldMessage = SeenMessage & { id: string; seeded?: boolean };

export function createChatRecord(now = Date.now, perUser = PER_USER, maxMessages = MAX_MESSAGES, maxChars = MAX_CHARS, recentIds = RECENT_MESSAGES) {
  let users = new Map<string, { messages: HeldMessage[]; seen: number }>();
  // Bans heard while the record was kept, by user, also of someone it holds nothing of; the oldest go past BANS_KEPT.
  const bans = new LruMap<string, Ban>(BANS_KEPT);
  // The ids of the last `recentIds` messages recorded, as a set and in the order they came (a ring, oldest overwritten).
  const recent = new Set<string>();
  const ring: string[] = [];
  // The messages still held, by id, for a deletion to find; each goes when its message makes room.
  const held = new Map<string, { name: string; message: HeldMessage }>();
  let next = 0;
  let total = 0;
  let chars = 0;
  const drop = (messages: readonly HeldMessage[]) => {
    total -= messages.length;
    for (const m of messages) {
      chars -= m.text.length;
      held.delete(m.id);
    }
  };
  let lossy = false;
  let since = now();
  // Why Kick's recent messages could not be taken in (./recent-messages.ts), said on every view.
  let earlierUnread: string | undefined;
  const whole = () => ({ since, complete: !lossy, ...(earlierUnread === undefined ? {} : { earlierUnread }) });
  // Views handed out, by user, while they stay true: a card asking again for someone who said nothing since gets the
  // same object, with no copy of their messages. Each entry goes at that user's next message, a deletion of one of
  // theirs, or when they leave the record; all go when `complete` or `since` change.
  const views = new Map<string, RecordView>();
  // Everyone not in the record shares one.
  let empty: RecordView | undefined;
  /** Every view handed out stops being true (what all of them say changed). */
  const forgetViews = () => {
    views.clear();
    empty = undefined;
  };
  const remember = (id: string) => {
    if (ring.length === recentIds) recent.delete(ring[next]!);
    recent.add(id);
    ring[next] = id;
    next = (next + 1) % recentIds;
  };
  /** Holds a message of theirs at `index` (the end: their newest), their oldest making room past PER_USER. */
  const hold = (name: string, entry: { messages: HeldMessage[] }, m: { text: string; at: number; id: string }, index = entry.messages.length, seeded = false) => {
    const message: HeldMessage = { text: m.text.slice(0, 500), at: m.at, id: m.id, ...(seeded ? { seeded } : {}) };
    entry.messages.splice(index, 0, message);
    held.set(m.id, { name, message });
    total++;
    chars += message.text.length;
    if (entry.messages.length > perUser) drop(entry.messages.splice(0, 1));
  };
  /** Within its bounds again, by dropping the users least recently heard from (never `keep`, who was just heard). */
  const fit = (keep?: string) => {
    for (const [old, e] of users) {
      if ((total <= maxMessages && chars <= maxChars) || old === keep) break;
      users.delete(old);
      drop(e.messages);
      if (!lossy) {
        forgetViews();
      } else views.delete(old);
      lossy = true;
    }
  };

  return {
    /** Records a message unless one with the same id was among the last RECENT_MESSAGES recorded. */
    add(username: string, text: string, id: string, at = now()): void {
      if (recent.has(id)) return;
      remember(id);
      const name = userKey(username);
      let entry = users.get(name);
      if (entry) users.delete(name);
      else entry = { messages: [], seen: 0 };
      users.set(name, entry);
      views.delete(name);
      entry.seen++;
      hold(name, entry, { text, at, id });
      fit(name);
    },
    /**
     * Kick's own recent messages from before the record started (./recent-messages.ts), oldest first: each
     * goes before what the record holds of its sender, unless the record has it already (the page reads them once the
     * socket confirmed the chat, so they overlap what it brought, and Kick's latest messages leave none out between).
     * The record then reaches back to the oldest of them. Someone heard of only here counts as least recently heard.
     */
    seed(messages: readonly { username: string; text: string; id: string; at: number }[]): void {
      const older = new Map<string, { messages: HeldMessage[]; seen: number }>();
      let oldest = since;
      for (const m of messages) {
        if (recent.has(m.id)) continue;
        remember(m.id);
        const name = userKey(m.username);
        let entry = users.get(name) ?? older.get(name);
        if (!entry) older.set(name, (entry = { messages: [], seen: 0 }));
        views.delete(name);
        entry.seen++;
        // Before the first that is newer, or of the same second but not of these: one the socket brought was sent after
        // every message it did not bring (Kick's times are to the second), so a sender's messages keep their order.
        // One taken from an earlier read of them, of the same second, was sent before: a read again after the socket went
        // quiet (./chat-feeds.ts) lists what is new after what it listed before.
        const at = entry.messages.findIndex((h) => h.at > m.at || (h.at === m.at && !h.seeded));
        hold(name, entry, m, at === -1 ? undefined : at, true);
        oldest = Math.min(oldest, m.at);
      }
      if (older.size) users = new Map([...older, ...users]);
      if (oldest < since) {
        since = oldest;
        forgetViews();
      }
      fit();
    },
    /** Whether a message with this id was among the last RECENT_MESSAGES recorded (from the socket or Kick's recent messages). */
    heard: (id: string): boolean => recent.has(id),
    /** Their messages, newest first; the same object as last time while nothing in it changed (do not change it). */
    view(username: string): RecordView {
      const name = userKey(username);
      const entry = users.get(name);
      const banned = bans.peek(name);
      if (!entry) return banned ? { messages: [], seen: 0, ...whole(), banned } : (empty ??= { messages: [], seen: 0, ...whole() });
      let view = views.get(name);
      if (!view) {
        const messages = entry.messages.map(({ text, at, deleted, id }): SeenMessage => (deleted ? { text, at, deleted, id } : { text, at, id })).reverse();
        views.set(name, (view = { messages, seen: entry.seen, ...whole(), ...(banned ? { banned } : {}) }));
      }
      return view;
    },
    /** A message Kick says was deleted: still counted, shown as deleted, without its text (nothing if it made room already). */
    remove(id: string): void {
      const found = held.get(id);
      if (!found || found.message.deleted) return;
      chars -= found.message.text.length;
      found.message.deleted = true;
      found.message.text = '';
      views.delete(found.name);
    },
    /** Kick's recent messages could not be read or taken in: every view says why (the record starts when it started). */
    earlierFailed(reason: string): void {
      earlierUnread = reason.slice(0, 300);
      forgetViews();
    },
    /** Kick banned them from this chat (`until`: a timeout's end), or lifted it (`null`); their messages stay listed. */
    ban(username: string, until: number | undefined | null): void {
      const name = userKey(username);
      if (until === null) bans.delete(name);
      else {
        // The oldest ban makes room: its user's view, if one is kept, goes with it.
        if (!bans.has(name) && bans.size >= BANS_KEPT) views.delete(bans.keys().next().value!);
        bans.set(name, { at: now(), ...(until === undefined ? {} : { until }) });
      }
      views.delete(name);
    },
    /** Messages were missed (the chat's feed dropped for a while): the record no longer holds all of anyone's. */
    gap(): void {
      if (lossy) return;
      lossy = true;
      forgetViews();
    },
    /** A new chat (another channel): nothing recorded so far belongs to it. */
    reset(): void {
      users = new Map();
      recent.clear();
      ring.length = 0;
      held.clear();
      next = 0;
      forgetViews();
      total = chars = 0;
      bans.clear();
      earlierUnread = undefined;
      lossy = false;
      since = now();
    },
  };
}
export type ChatRecord = ReturnType<typeof createChatRecord>;
