/**
 * A record of who wrote what in one chat, kept by the background from Kick's chat socket (lib/chat-feed/chat-feeds.ts)
 * for the tabs that show it. Small strings only, bounded per user and in total; the users least recently heard from
 * go first.
 */

/** A message as recorded: Kick's text with emotes written `[emote:id:name]` (Kick's own wire form), and when. */
export interface SeenMessage {
  text: string;
  /** When Kick says it was sent. */
  at: number;
  /** A moderator (or Kick's own moderation) deleted it: its text is no longer shown. */
  deleted?: boolean;
}

export interface RecordView {
  /** Newest first. */
  messages: SeenMessage[];
  /** How many of their messages this tab saw; more than `messages` holds once old ones made room. */
  seen: number;
  /** When this tab started recording this chat. */
  since: number;
  /** Nobody's messages were dropped to make room, so `seen` counts all of theirs since `since`. */
  complete: boolean;
}

/**
 * Kept per user (the card lists these), in all, and characters in all: the text bound keeps a full record near 0.5 MB
 * of V8 heap whatever the messages' length (measured in Node: 0.52 MB full of 100-character messages, 0.34 MB of
 * 500-character ones).
 */
export const PER_USER = 25;
export const MAX_MESSAGES = 2000;
export const MAX_CHARS = 150_000;

/**
 * One key for a user whichever way the page names them: a chat row says `cool_cat`, a link to their channel `cool-cat`
 * (slugs write `_` as `-`, lib/kick/slug.ts; usernames have no `-`).
 */
const userKey = (name: string) => {
  const lower = name.toLowerCase();
  return lower.includes('_') ? lower.replaceAll('_', '-') : lower;
};

/** FNV-1a: a row's text as a number, so telling a re-rendered row from a new message costs no stored string. */
export function textKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Rows told apart from messages drawn again: the keys of this many rows last read. The virtualiser draws old rows again
 * when the list is scrolled back, also rows of someone whose older messages made room for newer ones (PER_USER), so the
 * check cannot rest on the messages kept; as many as the record holds in all.
 */
export const RECENT_ROWS = MAX_MESSAGES;

export function createChatRecord(now = Date.now, perUser = PER_USER, maxMessages = MAX_MESSAGES, maxChars = MAX_CHARS, recentRows = RECENT_ROWS) {
  let users = new Map<string, { messages: SeenMessage[]; seen: number }>();
  // The keys of the last `recentRows` rows recorded, as a set and in the order they came (a ring, oldest overwritten).
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
  // Views handed out, by user, while they stay true: a card opened again for someone who said nothing since gets the
  // same object, and its parts that show it are not rendered again (issue #12's cached open). Each entry goes at that
  // user's next message or when they leave the record; all go when `complete` or `since` change.
  const views = new Map<string, RecordView>();
  // Everyone not in the record shares one.
  let empty: RecordView | undefined;

  return {
    /**
     * Records a message unless a row with the same `key` (the row's whole text: name, message and Kick's clock time,
     * chat-reader.ts `rowKey`) was among the last RECENT_ROWS recorded, as the virtualiser re-creates rows while the list
     * scrolls. The same text in the same minute counts once.
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
