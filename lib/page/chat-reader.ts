import { channelSlugFromPath } from '../kick-web/web-reads';
import { createChatRecord, textKey, type ChatRecord, type RecordView } from './chat-record';
import { rowMessage } from './surfaces';

/**
 * Feeds the chat record from Kick's chat list. The hot path costs next to nothing per row: one MutationObserver on
 * the list (no subtree) only queues the rows added; they are read in batches when the browser is idle, and at once
 * when a card asks. A row that left the page meanwhile still holds its text. Measured by `npm run bench`
 * ('extension CPU, 1,000-row burst', which profiles the idle time after a burst too).
 */

/** The list's row containers (kick-dom.md); the hidden server-rendered copy of the chat has none. */
const LISTS = '#chatroom-messages > div';

/** Kick's message text, emotes written as Kick writes them in a message (`[emote:id:name]`). */
export function messageText(el: Element): string {
  // Most messages are plain text: one read, no walk.
  if (!el.firstElementChild) return el.textContent ?? '';
  let out = '';
  for (const node of el.childNodes) {
    if (!(node instanceof Element)) out += node.nodeType === Node.TEXT_NODE ? node.textContent : '';
    else {
      const id = node.getAttribute('data-emote-id');
      out += id ? `[emote:${id}:${node.getAttribute('data-emote-name')}]` : messageText(node);
    }
  }
  return out;
}

/**
 * What tells a message re-rendered by the virtualiser from a new one with the same text (chat-record.ts `add` looks it
 * up among the last rows read): the whole row's text, which holds Kick's clock time wherever the layout puts it (kick-dom.md).
 * Reading the time's own span instead was tried and is slower on rows the reader meets for the first time, as every
 * chat row is: each element it touches costs a new wrapper in the content script's world, a text read costs none
 * (2.7 against 6.6 µs a row with the sender's lookup, fresh rows in Chromium; the issue #13 note has the figures).
 */
export const rowKey = (row: Element) => textKey(row.textContent ?? '');

/** Kick's clock time right before the sender's name ("04:16 AM", "14:05"; kick-dom.md, test/kick-sim/fixtures/chat-row.ts). */
const CLOCK_BEFORE_NAME = /(\d{1,2}):(\d{2})(?:\s*([AP])M)?\s*$/i;
/** How far ahead of this computer's clock Kick's time may be and still be today's (lib/cards/newcomer.ts CLOCK_SKEW_MS). */
const CLOCK_AHEAD_MS = 5 * 60_000;

/**
 * When Kick says the message was sent: the row's clock time before the sender's name, on the day it was seen (the day
 * before when that time is still ahead: a chat read across midnight); undefined when no time precedes the name or the
 * name cannot be found in the row's text (a nickname another extension wrote over it). Minutes only, as Kick shows
 * them. That Kick writes the viewer's local time is a guess (the captured rows show a time, not its zone; format.ts's
 * clock makes the same one). A row that was on the page before this tab read it (Kick's recent messages, shown as a
 * channel opens) is told by this time.
 */
export function sentAt(rowText: string, username: string, seenAt: number): number | undefined {
  const name = rowText.indexOf(username);
  if (name < 4) return undefined;
  const clock = CLOCK_BEFORE_NAME.exec(rowText.slice(Math.max(0, name - 12), name));
  if (!clock) return undefined;
  // One date built per clock time shown and minute seen in, not per row: a burst's rows share a few of each.
  const seenMinute = Math.floor(seenAt / 60_000);
  if (seenMinute !== datesMinute) [dates, datesMinute] = [new Map<string, number | undefined>(), seenMinute];
  if (dates.has(clock[0])) return dates.get(clock[0]);
  const sent = dateOf(clock, seenAt);
  dates.set(clock[0], sent);
  return sent;
}

/** The dates built in the minute `datesMinute`, by clock text (at most the 1,440 a day has). */
let dates = new Map<string, number | undefined>();
let datesMinute = NaN;

function dateOf(clock: RegExpExecArray, seenAt: number): number | undefined {
  let hours = Number(clock[1]);
  const minutes = Number(clock[2]);
  if (minutes > 59 || hours > 23 || (clock[3] && (hours < 1 || hours > 12))) return undefined;
  if (clock[3]) hours = (hours % 12) + (clock[3].toUpperCase() === 'P' ? 12 : 0);
  const day = new Date(seenAt);
  day.setHours(hours, minutes, 0, 0);
  if (day.getTime() > seenAt + CLOCK_AHEAD_MS) day.setDate(day.getDate() - 1);
  return day.getTime();
}

export function readRow(record: ChatRecord, row: Node, at: number): void {
  const message = row.nodeType === Node.ELEMENT_NODE && rowMessage(row as Element);
  const text = message && messageText(message.text).trim();
  if (!text) return;
  const whole = row.textContent ?? '';
  record.add(message.username, text, textKey(whole), sentAt(whole, message.username, at) ?? at);
}

/**
 * The observer's side of the reader: keeps each mutation's list of added rows (a record's NodeList is static: kept as it
 * came, not copied) and when it came. Called about once per frame of a fast chat, with a record per row unmounted too:
 * one clock read per call, no closure or tuple per record.
 */
export function createRowQueue(now: () => number) {
  let lists: ArrayLike<Node>[] = [];
  let times: number[] = [];
  return {
    /** Queues the rows these mutations added; true if any. */
    take(mutations: readonly MutationRecord[]): boolean {
      let at = -1;
      for (let i = 0; i < mutations.length; i++) {
        const added = mutations[i]!.addedNodes;
        if (!added.length) continue;
        if (at < 0) at = now();
        lists.push(added);
        times.push(at);
      }
      return at >= 0;
    },
    push(rows: ArrayLike<Node>): void {
      lists.push(rows);
      times.push(now());
    },
    /** Hands every queued row to `read` in order, and forgets them. */
    drain(read: (row: Node, at: number) => void): void {
      const [l, t] = [lists, times];
      lists = [];
      times = [];
      for (let i = 0; i < l.length; i++) for (let j = 0, rows = l[i]!; j < rows.length; j++) read(rows[j]!, t[i]!);
    },
    clear(): void {
      lists = [];
      times = [];
    },
  };
}

export function startChatReader(now = Date.now, record: ChatRecord = createChatRecord(now)) {
  const queue = createRowQueue(now);
  const lists = new Set<Element>();
  let path = location.pathname;
  let channel = channelSlugFromPath(path);
  let idle = 0;
  const read = (row: Node, at: number) => readRow(record, row, at);
  /**
   * Rows queued before a navigation belong to the chat left behind: dropped, with the record, as soon as the address
   * says so, and before any row of the new chat is queued (checked as rows come, not when they are read, which would
   * drop the new chat's first rows too). One string comparison while the address stays the same.
   */
  const checkChannel = () => {
    if (location.pathname === path) return;
    path = location.pathname;
    const slug = channelSlugFromPath(path);
    if (slug === channel) return;
    channel = slug;
    record.reset();
    queue.clear();
  };

  const flush = () => {
    idle = 0;
    checkChannel();
    queue.drain(read);
  };
  const idleCallbacks = typeof requestIdleCallback === 'function';
  const schedule = () => {
    idle ||= idleCallbacks ? requestIdleCallback(flush, { timeout: 2000 }) : window.setTimeout(flush, 200);
  };
  // Most records are the virtualiser unmounting a row: nothing to read there.
  const observer = new MutationObserver((mutations) => {
    checkChannel();
    if (queue.take(mutations)) schedule();
  });
  // Kick mounts a new list on navigation and when the chat is reopened: look for it every few seconds.
  const attach = () => {
    checkChannel();
    for (const list of document.querySelectorAll(LISTS))
      if (!lists.has(list)) {
        lists.add(list);
        observer.observe(list, { childList: true });
        queue.push([...list.children]);
        schedule();
      }
    for (const list of lists) if (!list.isConnected) lists.delete(list);
  };
  attach();
  const timer = setInterval(attach, 3000);

  return {
    /** Their messages in this chat, pending rows read first; undefined off a channel's page. */
    view(username: string): RecordView | undefined {
      flush();
      return channel ? record.view(username) : undefined;
    },
    stop: () => {
      clearInterval(timer);
      observer.disconnect();
      // A read still scheduled would run after the page (or the extension) let go of the reader.
      if (idle) (idleCallbacks ? cancelIdleCallback : clearTimeout)(idle);
      idle = 0;
      queue.clear();
    },
  };
}
