import { z } from 'zod';
import { jsonOf, notJson } from '../kick-web/web-reads';
import type { ChatRecordAnswer } from '../messaging/protocol';
import { createChatRecord, type ChatRecord } from './chat-record';
import type { FeedMessage } from './pusher-frames';
import { createChatSocket, type ChatSocketEvents, type SocketLike } from './pusher-socket';
import { pusherUrlOf } from './realtime-negotiation';
import { recentMessagesOf } from './recent-messages';

/**
 * The background's record of the chats kick.com tabs show (issue #13's "their messages in this chat", issue #12's
 * chat that costs the page nothing): each tab names its chat, the background follows it on Kick's chat socket and
 * keeps one bounded record per chat, shared by the tabs that show it and dropped when the last one leaves. The page
 * reads no chat row at all; a card asks for one user's part of the record when it opens.
 *
 * The record degrades rather than vanish when the socket does not bring the chat (issue #25: Kick moved its own page to
 * another socket in September 2026 and may stop publishing on Pusher): it starts from Kick's recent messages when the
 * socket confirms the chat, goes down or is refused, or when a card opens while it has done neither; and while the
 * socket is down, refused or silent, a card's open reads them again (RECENT_REFRESH_MS), so the card still lists what
 * someone said among the last 25 messages, and says where that comes from (`fromRecent`).
 */

/** A card opened while the socket does not bring the chat reads Kick's recent messages again, at most this often per record. */
export const RECENT_REFRESH_MS = 10_000;
/** How long such an open waits for that read before it answers with what the record holds. */
export const RECENT_WAIT_MS = 3_000;
/** A chat named this long ago that the socket has neither confirmed nor given up on: a card's open starts its record. */
export const UNCONFIRMED_MS = 5_000;

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
  if (!json) return { reason: notJson() };
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
  /**
   * Made when Kick's socket confirms the subscription, goes down or is refused, when this share joins a chat already
   * confirmed or down, or at a card's open once UNCONFIRMED_MS passed without either.
   */
  record?: ChatRecord;
  /** A tab asked for it again after the worker that followed it stopped: its record starts with a gap. */
  resumed?: boolean;
  /**
   * Kick's recent messages are awaited from this tab, as the answer to this ask (a number of its own, so an answer to an
   * earlier ask, say for the chat the tab showed before, is never taken for this one); taken once.
   */
  asked?: { tabId: number; ask: number };
  /** When Kick's recent messages were last asked for (the refresh bound counts from the ask, so a failing read is bounded too). */
  askedAt?: number;
  /** When they were last taken in. */
  readAt?: number;
  /** The record was kept while the socket did not bring the chat: read again when the socket confirms it, to close the gap. */
  offline?: boolean;
  /** Card opens waiting for the ask in flight (RECENT_WAIT_MS at most). */
  waiting: (() => void)[];
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
  /** When a tab first named it. */
  namedAt: number;
  /** When the socket last confirmed it or brought one of its messages. */
  heardAt?: number;
  /**
   * Kick's time of the newest message in a read of its recent messages made while the socket was live: any message
   * after it should have come on the socket too.
   */
  baseline?: number;
  /**
   * A read made while the socket was live held messages after `baseline` that the socket never brought: Kick no longer
   * publishes this chat there (or not all of it). Until the socket brings a message again.
   */
  silent?: boolean;
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
      const chat = chats.get(chatroomId);
      if (chat) {
        chat.heardAt = now();
        chat.silent = undefined;
      }
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
      chat.heardAt = now();
      // Reads before this connection do not say what it should have brought.
      chat.baseline = chat.silent = undefined;
      for (const share of chat.shares.values()) {
        if (!share.record) startRecord(share, chat);
        else {
          // Messages sent while the socket was down were never seen: the record no longer holds all of theirs.
          if (resumed) share.record.gap();
          // Kept from Kick's recent messages until now: read once more, so nothing falls between them and the socket.
          if (share.offline) askRecent(share, chat.channelId);
          share.offline = false;
        }
      }
    },
    down(reason) {
      down = reason;
      for (const chat of chats.values()) {
        chat.down = reason;
        // Degrade, not vanish: without the socket, the record is kept from Kick's recent messages.
        for (const share of chat.shares.values()) {
          if (!share.record) startRecord(share, chat);
          share.offline = true;
        }
      }
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
    if (channelId === undefined || tabId === undefined || !share.record) return settle(share);
    share.asked = { tabId, ask: ++asks };
    share.askedAt = now();
    for (const wanted of recentWanted) wanted(tabId, { recentOf: channelId, ask: share.asked.ask });
  };
  /** The card opens waiting for a read of Kick's recent messages stop waiting (it came, failed, or cannot come). */
  const settle = (share: Share) => {
    for (const done of share.waiting.splice(0)) done();
  };
  const startRecord = (share: Share, chat: Chat) => {
    share.record = createChatRecord(now);
    // Followed again after the worker restarted: what was said before is not in this record.
    if (share.resumed) share.record.gap();
    share.offline = !chat.confirmed || chat.down !== undefined;
    // From here on the socket brings what is said (or the record marks a gap when it comes back, or is kept from
    // Kick's recent messages while it does not): Kick's recent messages, read from now, reach back from here.
    askRecent(share, chat.channelId);
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
    settle(share);
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
    const readAt = chat.shares.get(tab.private)?.readAt;
    const live = record !== undefined && socket.isLive(tab.chatroomId);
    // What the card lists comes from Kick's recent messages, not the socket: it says so.
    const fromRecent = view && readAt !== undefined && (!live || chat.silent) ? { fromRecent: { at: readAt } } : {};
    const shown = view ? { view: { ...view, messages: view.messages.slice(0, 100) }, ...fromRecent } : {};
    if (chat.down) return { status: 'failed', reason: chat.down.slice(0, REASON_MAX), ...shown };
    if (!live) return { status: 'connecting', ...shown };
    return { status: 'live', ...shown };
  };

  /**
   * A card opened: while the socket does not bring the chat (down, refused, not confirming it, or quiet for
   * RECENT_REFRESH_MS, which a read tells from silence), Kick's recent messages are read again through the tab, at
   * most once per RECENT_REFRESH_MS per record, and the answer waits for them (RECENT_WAIT_MS at most).
   */
  const open = async (tabId: number, username: string): Promise<ChatRecordAnswer> => {
    const tab = tabs.get(tabId);
    const chat = tab?.chatroomId === undefined ? undefined : chats.get(tab.chatroomId);
    const share = chat?.shares.get(tab!.private);
    if (!chat || !share || tab?.chatroomId === undefined) return answer(tabId, username);
    const t = now();
    const bringing = socket.isLive(tab.chatroomId) && !chat.silent && t - (chat.heardAt ?? 0) < RECENT_REFRESH_MS;
    if (!share.record) {
      // Named a while ago, and the socket neither confirmed the chat nor gave up on it: silent before it began.
      if (t - chat.namedAt >= UNCONFIRMED_MS) startRecord(share, chat);
    } else if (!bringing && !share.asked && (share.askedAt === undefined || t - share.askedAt >= RECENT_REFRESH_MS)) askRecent(share, chat.channelId);
    if (share.asked) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        share.waiting.push(resolve);
        timer = setTimeout(resolve, RECENT_WAIT_MS);
      });
      clearTimeout(timer);
    }
    return answer(tabId, username);
  };

  return {
    /**
     * The tab shows this chat (a channel answer), or none (`reason`: why kick.com did not say which); a tab showing the
     * chat it already showed keeps its record. `resumed`: the tab had named it to a worker that has since stopped.
     * `private`: the tab is in a private (incognito) window, whose tabs share a record of their own (Share).
     * `realtime`: Kick's chat-socket negotiation as the page read it (./realtime-negotiation.ts).
     */
    watch(tabId: number, channel: string | undefined, opts: { reason?: string; resumed?: boolean; private?: boolean; realtime?: string } = {}): ChatRecordAnswer {
      const named = channel === undefined ? undefined : chatroomOfChannel(channel);
      const chatroomId = named && 'chatroomId' in named ? named.chatroomId : undefined;
      // Where Kick says Pusher is now (else the known key): before the socket is asked to watch, so it opens there.
      const endpoint = chatroomId !== undefined && opts.realtime !== undefined ? pusherUrlOf(opts.realtime) : undefined;
      if (endpoint && 'url' in endpoint) socket.useUrl(endpoint.url);
      const channelId = named && 'chatroomId' in named ? named.channelId : undefined;
      const before = tabs.get(tabId);
      // A tab stays in its window: the first word on whether it is private holds.
      const inPrivate = before?.private ?? opts.private === true;
      // The new chat first, then the old one left: the last tab moving to another chat keeps the socket open.
      if (chatroomId !== undefined) {
        let chat = chats.get(chatroomId);
        if (!chat) chats.set(chatroomId, (chat = { shares: new Map(), namedAt: now(), ...(down ? { down } : {}) }));
        chat.channelId ??= channelId;
        let share = chat.shares.get(inPrivate);
        if (!share) chat.shares.set(inPrivate, (share = { tabs: new Set(), resumed: opts.resumed, waiting: [] }));
        // Named anew by the tab asked for Kick's recent messages: a new page (a reload), which knows nothing of the ask.
        if (share.asked?.tabId === tabId) share.tabs.delete(tabId);
        share.tabs.add(tabId);
        // Confirmed already, or the socket is down: the record starts now (for a down socket, from Kick's recent messages).
        if ((chat.confirmed || chat.down !== undefined) && !share.record) startRecord(share, chat);
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
      try {
        const got = 'body' in read ? recentMessagesOf(read.body) : { reason: read.failed };
        if ('reason' in got) {
          share.record.earlierFailed(got.reason);
          return got.reason;
        }
        const chat = chats.get(tab!.chatroomId!)!;
        if (socket.isLive(tab!.chatroomId!)) {
          // Messages after the last read made while the socket was live that it never brought: it is silent here.
          const { baseline } = chat;
          if (baseline !== undefined && got.messages.some((m) => m.at > baseline && !share.record!.heard(m.id))) chat.silent = true;
          chat.baseline = Math.max(baseline ?? 0, ...got.messages.map((m) => m.at));
        }
        share.record.seed(got.messages);
        share.readAt = now();
        return undefined;
      } finally {
        settle(share);
      }
    },
    /** What the tab's chat record holds about one user. */
    view: (tabId: number, username: string) => answer(tabId, username),
    /** The same, for a card that opens: read afresh from Kick's recent messages first when the socket does not bring the chat. */
    open,
    /** For tests and the tab info: how many chats are followed. */
    get watching() {
      return chats.size;
    },
  };
}
export type ChatFeeds = ReturnType<typeof createChatFeeds>;
