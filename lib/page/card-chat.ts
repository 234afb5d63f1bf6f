import { createHistoryReader, type CheckHistory } from '../kick-web/chat-history';
import type { ChatHistory, ChatRecordAnswer } from '../messaging/protocol';
import type { ChatWatch } from './chat-watch';

/** What the content script hands the card UI about the chat being watched: this tab's record of it (./chat-watch.ts). */
export type ChatRecordSource = Pick<ChatWatch, 'onChannel' | 'record' | 'channel'>;

/** What a card asks of the page about the chat being watched (passed to the card's components as one object). */
export interface CardChat extends ChatRecordSource {
  /** A page of Kick's own history of their messages here, for a moderator of the channel; undefined for everyone else. */
  history(userId: number, cursor?: string): Promise<ChatHistory | undefined>;
  /** Whether kick.com says the signed-in viewer moderates this page's channel; undefined: signed out, or unknown. */
  moderates(): Promise<boolean | undefined>;
}

/** Runs `run` at each later open of one card; returns its remover. How a card's parts read the page again at an open without rendering for it. */
export type WhenOpened = (run: () => void) => () => void;

/** Two answers that show the same: the card keeps the first, and renders nothing for the second (issue #12's cached open). */
export function sameRecord(a: ChatRecordAnswer | undefined, b: ChatRecordAnswer): boolean {
  if (!a || a.status !== b.status || a.reason !== b.reason || a.fromRecent?.at !== b.fromRecent?.at) return false;
  const [x, y] = [a.view, b.view];
  if (!x || !y) return x === y;
  if (x.seen !== y.seen || x.since !== y.since || x.complete !== y.complete || x.messages.length !== y.messages.length) return false;
  if (x.banned?.at !== y.banned?.at || x.banned?.until !== y.banned?.until || x.earlierUnread !== y.earlierUnread) return false;
  // A deletion changes no count: each message's state is compared (at most 100).
  return x.messages.every((m, i) => m.at === y.messages[i]!.at && !m.deleted === !y.messages[i]!.deleted);
}

/**
 * The card UI's half: Kick's history for moderators, read only once a card asks (the card UI comes with the first card,
 * so this code is not in the content script every kick.com page loads); `check` is the background's check of a history
 * answer (`readChatHistory`).
 */
export function withHistory(source: ChatRecordSource, check: CheckHistory): CardChat {
  const read = createHistoryReader(check);
  return {
    onChannel: () => source.onChannel(),
    record: (username) => source.record(username),
    channel: () => source.channel(),
    history(userId, cursor) {
      const slug = source.channel();
      return slug ? read(slug, userId, cursor) : Promise.resolve(undefined);
    },
    moderates() {
      const slug = source.channel();
      return slug ? read.moderates(slug) : Promise.resolve(undefined);
    },
  };
}
