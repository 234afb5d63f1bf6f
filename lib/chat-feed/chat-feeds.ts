import { z } from 'zod';
import { jsonOf, NOT_JSON } from '../kick-web/web-reads';
import type { ChatRecordAnswer } from '../messaging/protocol';
import { createChatRecord, type ChatRecord } from './chat-record';
import type { FeedMessage } from './pusher-frames';
import { createChatSocket, type ChatSocketEvents, type SocketLike } from './pusher-socket';
import { recentMessagesOf } from './recent-messages';

/**
 * The background's record of the chats kick.com tabs show (issue #13's "their messages in this chat", issue #12's
 * chat that costs the page nothing): each tab names its chat, the background follows it on Kick's chat socket and
 * keeps one bounded record per chat, shared by the tabs that show it and dropped when the last one leaves. The page
 * reads no chat row at all; a card asks for one user's part of the record when it opens.
 */

const positiveId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/**
 * The parts of kick.com's channel answer that name its chat (`chatroom.id`; test/kick-sim/routes-web.ts cites samples)
 * and the channel (`id`, by which kick.com gives the chat's recent messages: ./recent-messages.ts). Without the
 * channel's id the chat is still followed, from the moment it is.
 */
const ChannelChatSchema = z.object({ id: positiveId.optional().catch(undefined), chatroom: z.object({ id: positiveId }) });

/** Which chat a channel answer names (and which channel, when it says), or why none. */
export function chatroomOfChannel(body: string): { chatroomId: number; channelId?: number } | { reason: string } {
  const json = jsonOf(body);
  if (!json) return { reason: NOT_JSON };
  const parsed = ChannelChatSchema.safeParse(json.value);
  if (!parsed.success) return { reason: 'kick.com did not say which chat this channel has' };
  const { id: channelId, chatroom } = parsed.data;
  return { chatroomId: chatroom.id, ...(channelId === undefined ? {} : { channelId }) };
}

/**
 * The tabs of one browsing profile that show a chat, and their record. A private (incognito) window's tabs keep a
 * record of their own: Chrome runs one worker for both kinds of window ("spanning", the manifest's default), and
 * without this a normal window's card would show what was recorded while only a private window watched the chat.
 */
interface Share {
  tabs: Set<number>;
  /** Made when Kick's socket confirms the subscription, or when this share joins a chat already confirmed. */
  record?: ChatRecord;
  /** A tab asked for it again after the worker that followed it stopped: its record starts with a gap. */
  resumed?: boolean;
  /**
   * Kick's recent messages are awaited from this tab, as the answer to this ask (a number of its own, so an answer to an
   * earlier ask, say for the chat the tab showed before, is never taken for this one); taken once.
   */
  asked?: { tabId: number; ask: number };
}

interface Chat {
  /** The channel's id, by which kick.com gives the chat's recent messages; unknown when its answer did not say. */
  channelId?: number;
  /** By whether the tabs are private ones. */
  shares: Map<boolean, Share>;
  /** Kick's socket confirmed the subscription: a share that joins later starts its record at once. */
  confirmed?: boolean;
  /** Why it is not live now (the socket dropped or was refused); the records so far stay. */
  down?: string;
}

/** Reasons as far as the protocol carries them (ChatRecordAnswerSchema). */
const REASON_MAX = 300;

export function createChatFeeds(opts: { connect?: (url: string) => SocketLike; url?: string; now?: () => number; timers?: NonNullable<Parameters<typeof createChatSocket>[1]>['timers'] } = {}) {
  const now = opts.now ?? Date.now;
  const chats = new Map<number, Chat>();
  const tabs = new Map<number, { chatroomId?: number; reason?: string; private: boolean }>();
  // Why the socket is down now, for chats added before it is up again; undefined while it is up or coming up.
  let down: string | undefined;

  const events: ChatSocketEvents = {
    message(chatroomId, message: FeedMessage) {
      // Kick's message id tells a message sent again on a resubscription from a new one.
      for (const share of sharesOf(chatroomId)) share.record?.add(message.username, message.text, message.id, message.at);
    },
    deleted(chatroomId, messageId) {
      for (const share of sharesOf(chatroomId)) share.record?.remove(messageId);
    },
    banned(chatroomId, username, until) {
      for (const share of sharesOf(chatroomId)) share.record?.ban(username, until);
    },
    live(chatroomId, resumed) {
      down = undefined;
      const chat = chats.get(chatroomId);
      if (!chat) return;
      chat.down = undefined;
      chat.confirmed = true;
      for (const share of chat.shares.values()) {
        if (!share.record) startRecord(share, chat.channelId);
        // Messages sent while the socket was down were never seen: the record no longer holds all of theirs.
        else if (resumed) share.record.gap();
      }
    },
    down(reason) {
      down = reason;
      for (const chat of chats.values()) chat.down = reason;
    },
  };
  const sharesOf = (chatroomId: number) => chats.get(chatroomId)?.shares.values() ?? [];
  // Told which tab to ask for a chat's recent messages (lib/background/chat-watch-port.ts asks on that tab's port).
  const recentWanted = new Set<(tabId: number, ask: { recentOf: number; ask: number }) => void>();
  let asks = 0;
  /**
   * Asks a tab of the share for Kick's recent messages: the one that joined last (an earlier one may be a page going
   * away), and again of another when the asked one leaves or names the chat anew (a reload) before it answered.
   */
  const askRecent = (share: Share, channelId: number | undefined) => {
    const tabId = [...share.tabs].at(-1);
    share.asked = undefined;
    if (channelId === undefined || tabId === undefined || !share.record) return;
    share.asked = { tabId, ask: ++asks };
    for (const wanted of recentWanted) wanted(tabId, { recentOf: channelId, ask: share.asked.ask });
  };
  const startRecord = (share: Share, channelId: number | undefined) => {
    share.record = createChatRecord(now);
    // Followed again after the worker restarted: what was said before is not in this record.
    if (share.resumed) share.record.gap();
    // From here on the socket brings what is said (or the record marks a gap when it comes back): Kick's recent
    // messages, read from now, reach back from here.
    askRecent(share, channelId);
  };
  const socket = createChatSocket(events, { connect: opts.connect, url: opts.url, timers: opts.timers });

  /**
   * The tab no longer shows this chat: a share's record is dropped with the last of its tabs, and the chat, with its
   * subscription, with the last tab of all.
   */
  const release = (tabId: number, chatroomId: number | undefined, inPrivate: boolean) => {
    const chat = chatroomId === undefined ? undefined : chats.get(chatroomId);
    const share = chat?.shares.get(inPrivate);
    share?.tabs.delete(tabId);
    if (share?.asked?.tabId === tabId) askRecent(share, chat?.channelId);
    if (chatroomId === undefined || !chat || !share || share.tabs.size) return;
    chat.shares.delete(inPrivate);
    if (chat.shares.size) return;
    chats.delete(chatroomId);
    socket.unwatch(chatroomId);
  };
  const leave = (tabId: number) => {
    const tab = tabs.get(tabId);
    if (tab) release(tabId, tab.chatroomId, tab.private);
    tabs.delete(tabId);
  };

  const answer = (tabId: number, username?: string): ChatRecordAnswer => {
    const tab = tabs.get(tabId);
    if (!tab) return { status: 'off' };
    if (tab.chatroomId === undefined) return tab.reason ? { status: 'failed', reason: tab.reason.slice(0, REASON_MAX) } : { status: 'off' };
    const chat = chats.get(tab.chatroomId);
    const record = chat?.shares.get(tab.private)?.record;
    if (!chat) return { status: 'off' };
    socket.retryIfRefused();
    const view = record && username !== undefined ? record.view(username) : undefined;
    const shown = view ? { view: { ...view, messages: view.messages.slice(0, 100) } } : {};
    if (chat.down) return { status: 'failed', reason: chat.down.slice(0, REASON_MAX), ...shown };
    if (!record || !socket.isLive(tab.chatroomId)) return { status: 'connecting', ...shown };
    return { status: 'live', ...shown };
  };

  return {
    /**
     * The tab shows this chat (a channel answer), or none (`reason`: why kick.com did not say which); a tab showing the
     * chat it already showed keeps its record. `resumed`: the tab had named it to a worker that has since stopped.
     * `private`: the tab is in a private (incognito) window, whose tabs share a record of their own (Share).
     */
    watch(tabId: number, channel: string | undefined, opts: { reason?: string; resumed?: boolean; private?: boolean } = {}): ChatRecordAnswer {
      const named = channel === undefined ? undefined : chatroomOfChannel(channel);
      const chatroomId = named && 'chatroomId' in named ? named.chatroomId : undefined;
      const channelId = named && 'chatroomId' in named ? named.channelId : undefined;
      const before = tabs.get(tabId);
      // A tab stays in its window: the first word on whether it is private holds.
      const inPrivate = before?.private ?? opts.private === true;
      // The new chat first, then the old one left: the last tab moving to another chat keeps the socket open.
      if (chatroomId !== undefined) {
        let chat = chats.get(chatroomId);
        if (!chat) chats.set(chatroomId, (chat = { shares: new Map(), ...(down ? { down } : {}) }));
        chat.channelId ??= channelId;
        let share = chat.shares.get(inPrivate);
        if (!share) chat.shares.set(inPrivate, (share = { tabs: new Set(), resumed: opts.resumed }));
        // Named anew by the tab asked for Kick's recent messages: a new page (a reload), which knows nothing of the ask.
        if (share.asked?.tabId === tabId) share.tabs.delete(tabId);
        share.tabs.add(tabId);
        if (chat.confirmed && !share.record) startRecord(share, chat.channelId);
        else if (share.asked?.tabId === tabId) askRecent(share, chat.channelId);
        // A socket refused or down says why (events.down, or `down` above) before it answers.
        socket.watch(chatroomId);
      }
      if (before?.chatroomId !== chatroomId) release(tabId, before?.chatroomId, inPrivate);
      tabs.set(tabId, { chatroomId, reason: named && 'reason' in named ? named.reason : opts.reason, private: inPrivate });
      return answer(tabId);
    },
    /** The tab closed, or its page went away (its port to the background closed). */
    leave,
    /** Calls `wanted` with the tab to ask for a chat's recent messages (when a record starts) and the ask to make of it. */
    onRecentWanted(wanted: (tabId: number, ask: { recentOf: number; ask: number }) => void): void {
      recentWanted.add(wanted);
    },
    /**
     * Kick's recent messages of the tab's chat as the tab read them (`{ body }`), or why it could not (`{ failed }`), in
     * answer to `ask`: taken into its record if that is the ask its share awaits from this tab; anything else is
     * dropped. A record that could not take them says why on every view. Returns why nothing was taken.
     */
    recent(tabId: number, ask: number, read: { body: string } | { failed: string }): string | undefined {
      const tab = tabs.get(tabId);
      const share = tab?.chatroomId === undefined ? undefined : chats.get(tab.chatroomId)?.shares.get(tab.private);
      if (!share?.record || share.asked?.tabId !== tabId || share.asked.ask !== ask) return 'not asked for';
      share.asked = undefined;
      const got = 'body' in read ? recentMessagesOf(read.body) : { reason: read.failed };
      if ('reason' in got) {
        share.record.earlierFailed(got.reason);
        return got.reason;
      }
      share.record.seed(got.messages);
      return undefined;
    },
    /** What the tab's chat record holds about one user. */
    view: (tabId: number, username: string) => answer(tabId, username),
    /** For tests and the tab info: how many chats are followed. */
    get watching() {
      return chats.size;
    },
  };
}
export type ChatFeeds = ReturnType<typeof createChatFeeds>;
