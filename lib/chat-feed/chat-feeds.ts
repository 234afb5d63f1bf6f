import { z } from 'zod';
import { jsonOf, NOT_JSON } from '../kick-web/web-reads';
import type { ChatRecordAnswer } from '../messaging/protocol';
import { createChatRecord, textKey, type ChatRecord } from './chat-record';
import type { FeedMessage } from './pusher-frames';
import { createChatSocket, type ChatSocketEvents, type SocketLike } from './pusher-socket';

/**
 * The background's record of the chats kick.com tabs show (issue #13's "their messages in this chat", issue #12's
 * chat that costs the page nothing): each tab names its chat, the background follows it on Kick's chat socket and
 * keeps one bounded record per chat, shared by the tabs that show it and dropped when the last one leaves. The page
 * reads no chat row at all; a card asks for one user's part of the record when it opens.
 */

/** The part of kick.com's channel answer that names its chat (`chatroom.id`; test/kick-sim/routes-web.ts cites samples). */
const ChannelChatSchema = z.object({ chatroom: z.object({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }) });

/** Which chat a channel answer names, or why none. */
export function chatroomOfChannel(body: string): { chatroomId: number } | { reason: string } {
  const json = jsonOf(body);
  if (!json) return { reason: NOT_JSON };
  const parsed = ChannelChatSchema.safeParse(json.value);
  return parsed.success ? { chatroomId: parsed.data.chatroom.id } : { reason: 'kick.com did not say which chat this channel has' };
}

interface Chat {
  tabs: Set<number>;
  /** Made when Kick's socket confirms the subscription: the record reaches back to then. */
  record?: ChatRecord;
  /** Why it is not live now (the socket dropped or was refused); the record so far stays. */
  down?: string;
}

export function createChatFeeds(opts: { connect?: (url: string) => SocketLike; url?: string; now?: () => number; timers?: NonNullable<Parameters<typeof createChatSocket>[1]>['timers'] } = {}) {
  const now = opts.now ?? Date.now;
  const chats = new Map<number, Chat>();
  const tabs = new Map<number, { chatroomId?: number; reason?: string }>();

  const events: ChatSocketEvents = {
    message(chatroomId, message: FeedMessage) {
      // Kick's message id tells a message sent again on a resubscription from a new one.
      chats.get(chatroomId)?.record?.add(message.username, message.text, textKey(message.id), message.at);
    },
    deleted(chatroomId, messageId) {
      chats.get(chatroomId)?.record?.remove(textKey(messageId));
    },
    live(chatroomId, resumed) {
      const chat = chats.get(chatroomId);
      if (!chat) return;
      chat.down = undefined;
      if (!chat.record) chat.record = createChatRecord(now);
      // Messages sent while the socket was down were never seen: the record no longer holds all of theirs.
      else if (resumed) chat.record.gap();
    },
    down(reason) {
      for (const chat of chats.values()) chat.down = reason;
    },
  };
  const socket = createChatSocket(events, { connect: opts.connect, url: opts.url, timers: opts.timers });

  const leave = (tabId: number) => {
    const chatroomId = tabs.get(tabId)?.chatroomId;
    tabs.delete(tabId);
    if (chatroomId === undefined) return;
    const chat = chats.get(chatroomId);
    chat?.tabs.delete(tabId);
    if (chat && !chat.tabs.size) {
      chats.delete(chatroomId);
      socket.unwatch(chatroomId);
    }
  };

  const answer = (tabId: number, username?: string): ChatRecordAnswer => {
    const tab = tabs.get(tabId);
    if (!tab) return { status: 'off' };
    if (tab.chatroomId === undefined) return tab.reason ? { status: 'failed', reason: tab.reason } : { status: 'off' };
    const chat = chats.get(tab.chatroomId);
    if (!chat) return { status: 'off' };
    socket.retryIfRefused();
    const view = chat.record && username !== undefined ? chat.record.view(username) : undefined;
    const shown = view && { ...view, messages: view.messages.slice(0, 100) };
    if (chat.down) return { status: 'failed', reason: chat.down, ...(shown ? { view: shown } : {}) };
    if (!chat.record || !socket.isLive(tab.chatroomId)) return { status: 'connecting', ...(shown ? { view: shown } : {}) };
    return { status: 'live', ...(shown ? { view: shown } : {}) };
  };

  return {
    /** The tab shows this chat (a channel answer), or none; a tab showing the chat it already showed keeps its record. */
    watch(tabId: number, channel: string | undefined): ChatRecordAnswer {
      const named = channel === undefined ? undefined : chatroomOfChannel(channel);
      const chatroomId = named && 'chatroomId' in named ? named.chatroomId : undefined;
      if (tabs.get(tabId)?.chatroomId !== chatroomId || chatroomId === undefined) leave(tabId);
      tabs.set(tabId, { chatroomId, reason: named && 'reason' in named ? named.reason : undefined });
      if (chatroomId !== undefined) {
        let chat = chats.get(chatroomId);
        if (!chat) chats.set(chatroomId, (chat = { tabs: new Set() }));
        chat.tabs.add(tabId);
        socket.watch(chatroomId);
        if (socket.refusal) chat.down = socket.refusal;
      }
      return answer(tabId);
    },
    /** The tab closed or began loading another page. */
    leave,
    /** What the tab's chat record holds about one user. */
    view: (tabId: number, username: string) => answer(tabId, username),
    /** For tests and the tab info: how many chats are followed. */
    get watching() {
      return chats.size;
    },
  };
}
export type ChatFeeds = ReturnType<typeof createChatFeeds>;
