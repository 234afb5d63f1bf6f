import { createHistoryReader, type CheckHistory } from '../kick-web/chat-history';
import type { ChatHistory } from '../messaging/protocol';
import { channelSlugFromPath } from '../kick-web/web-reads';
import type { RecordView } from './chat-record';
import { startChatReader } from './chat-reader';

/** What the content script hands the card UI about the chat being watched: this tab's record of it. */
export interface ChatRecordSource {
  /** This tab's record of their messages in this chat; undefined off a channel's page. */
  record(username: string): RecordView | undefined;
}

/** What a card asks of the page about the chat being watched (passed to the card's components as one object). */
export interface CardChat extends ChatRecordSource {
  /** A page of Kick's own history of their messages here, for a moderator of the channel; undefined for everyone else. */
  history(userId: number, cursor?: string): Promise<ChatHistory | undefined>;
}

/** Runs `run` at each later open of one card; returns its remover. How a card's parts read the page again at an open without rendering for it. */
export type WhenOpened = (run: () => void) => () => void;

/** The content script's half: starts recording the chat, from page load on (every row counts). */
export function startChatRecord(): ChatRecordSource & { stop: () => void } {
  const reader = startChatReader();
  return { record: (username) => reader.view(username), stop: reader.stop };
}

/**
 * The card UI's half: Kick's history for moderators, read only once a card asks (the card UI comes with the first card,
 * so this code is not in the content script every kick.com page loads); `check` is the background's check of a history
 * answer (`readChatHistory`).
 */
export function withHistory(source: ChatRecordSource, check: CheckHistory): CardChat {
  const read = createHistoryReader(check);
  return {
    record: (username) => source.record(username),
    history(userId, cursor) {
      const slug = channelSlugFromPath(location.pathname);
      return slug ? read(slug, userId, cursor) : Promise.resolve(undefined);
    },
  };
}
