import { createHistoryReader, type CheckHistory } from '../kick-web/chat-history';
import type { ChatHistory } from '../messaging/protocol';
import { channelSlugFromPath } from '../kick-web/web-reads';
import type { RecordView } from './chat-record';
import { startChatReader } from './chat-reader';

/** What a card asks of the page about the chat being watched (passed to the card UI as one object). */
export interface CardChat {
  /** This tab's record of their messages in this chat; undefined off a channel's page. */
  record(username: string): RecordView | undefined;
  /** A page of Kick's own history of their messages here, for a moderator of the channel; undefined for everyone else. */
  history(userId: number, cursor?: string): Promise<ChatHistory | undefined>;
}

/** Runs `run` at each later open of one card; returns its remover. How a card's parts read the page again at an open without rendering for it. */
export type WhenOpened = (run: () => void) => () => void;

/** Starts recording the chat; `check` is the background's check of a history answer (`readChatHistory`). */
export function startCardChat(check: CheckHistory): CardChat & { stop: () => void } {
  const reader = startChatReader();
  const read = createHistoryReader(check);
  return {
    record: (username) => reader.view(username),
    history(userId, cursor) {
      const slug = channelSlugFromPath(location.pathname);
      return slug ? read(slug, userId, cursor) : Promise.resolve(undefined);
    },
    stop: reader.stop,
  };
}
