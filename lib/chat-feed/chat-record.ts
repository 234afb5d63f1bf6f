/**
 * A record of who wrote what in one chat, kept by the background from Kick's chat socket (lib/chat-feed/chat-feeds.ts)
 * for the tabs that show it. Small strings only, bounded per user and in total; the users least recently heard from
 * go first.
 */

import type { RecordView, SeenMessage } from '../messaging/protocol';

export type { RecordView, SeenMessage };

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
 * (slugs write `_` as `-`, lib/kick/slug.ts; usernames have no `-`).
 */
const userKey = (name: string) => {
  const lower = name.toLowerCase();
  return lower.includes('_') ? lower.replaceAll('_', '-') : lower;
};

/** FNV-1a: Kick's message id as a number, so telling a message sent again from a new one costs no stored string. */
export function textKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Messages told apart from the same one sent again (guess: a socket that reconnects may be sent a message it had;
 * Pusher's protocol document promises no replay, so this only keeps a count from ever running twice): the keys of this
 * many messages last recorded, also of someone whose older messages made room (PER_USER); as many as the record holds.
 */
export const RECENT_MESSAGES = MAX_MESSAGES;

export function createChatRecord(now = Date.now, perUser = PER_USER, maxMessages = MAX_MESSAGES, maxChars = MAX_CHARS, recentRows = RECENT_MESSAGES) {
  let users = new Map<string, { messages: SeenMessage[]; seen: number }>();
  // The keys of the last `recentRows` messages recorded, as a set and in the order they came (a ring, oldest overwritten).
  const recent = new Set<number>();
  const ring = new Uint32Array(recentRows);
  // The messages of those keys, for a deletion to find (the ones that made room meanwhile are found, and are not shown).
  const byKey = new Map<number, { name: string; message: SeenMessage }>();
  let next = 0;
  let total = 0;
  let chars = 0;
  const count = (messages: readonly SeenMessage[], sign: 1 | -1) => {
    total += sign * messages.length;
    for (const m of messages) chars += sign * m.text.length;
  };
  let lossy = false;
  let since = now();
  // Views handed out, by user, while they stay true: a card asking again for someone who said nothing since gets the
  // same object, with no copy of their messages. Each entry goes at that user's next message, a deletion of one of
  // theirs, or when they leave the record; all go when `complete` or `since` change.
  const views = new Map<string, RecordView>();
  // Everyone not in the record shares one.
  let empty: RecordView | undefined;

  return {
    /**
     * Records a message unless one with the same `key` (Kick's message id, `textKey`) was among the last
     * RECENT_MESSAGES recorded.
     */
    add(username: string, text: string, key: number, at = now()): void {
      if (recent.has(key)) return;
      if (recent.size === ring.length) {
        recent.delete(ring[next]!);
        byKey.delete(ring[next]!);
      }
      recent.add(key);
      ring[next] = key;
      next = (next + 1) % ring.length;
      const name = userKey(username);
      const kept = text.slice(0, 500);
      let entry = users.get(name);
      if (entry) users.delete(name);
      else entry = { messages: [], seen: 0 };
      users.set(name, entry);
      views.delete(name);
      entry.seen++;
      const message: SeenMessage = { text: kept, at };
      byKey.set(key, { name, message });
      entry.messages.push(message);
      total++;
      chars += message.text.length;
      if (entry.messages.length > perUser) count(entry.messages.splice(0, 1), -1);
      if (total <= maxMessages && chars <= maxChars) return;
      for (const [old, e] of users) {
        if ((total <= maxMessages && chars <= maxChars) || old === name) break;
        users.delete(old);
        count(e.messages, -1);
        if (!lossy) {
          views.clear();
          empty = undefined;
        } else views.delete(old);
        lossy = true;
      }
    },
    /** Their messages, newest first; the same object as last time while nothing in it changed (do not change it). */
    view(username: string): RecordView {
      const name = userKey(username);
      const entry = users.get(name);
      if (!entry) return (empty ??= { messages: [], seen: 0, since, complete: !lossy });
      let view = views.get(name);
      if (!view) views.set(name, (view = { messages: [...entry.messages].reverse(), seen: entry.seen, since, complete: !lossy }));
      return view;
    },
    /** A message Kick says was deleted (by its `key`): kept, counted, and shown as deleted, without its text. */
    remove(key: number): void {
      const found = byKey.get(key);
      if (!found || found.message.deleted) return;
      // Its characters no longer count, if it is still held (one that made room was counted out with them).
      if (users.get(found.name)?.messages.includes(found.message)) chars -= found.message.text.length;
      found.message.deleted = true;
      found.message.text = '';
      views.delete(found.name);
    },
    /** Messages were missed (the chat's feed dropped for a while): the record no longer holds all of anyone's. */
    gap(): void {
      if (lossy) return;
      lossy = true;
      views.clear();
      empty = undefined;
    },
    /** A new chat (another channel): nothing recorded so far belongs to it. */
    reset(): void {
      users = new Map();
      // The ring's old keys need no clearing: each slot is written again before the set is full and one is read.
      recent.clear();
      byKey.clear();
      next = 0;
      views.clear();
      empty = undefined;
      total = chars = 0;
      lossy = false;
      since = now();
    },
  };
}
export type ChatRecord = ReturnType<typeof createChatRecord>;
