import { browser } from 'wxt/browser';
import { channelSlugFromPath, getBody, kickPath, postAsSite, reasonOf } from '../kick-web/web-reads';
import { CHAT_WATCH_PORT } from '../messaging/port-names';
import type { AskRecent, ChatRecordAnswer, RecentMessagesBody, WatchChat } from '../messaging/protocol';
import type { SendToBackground } from '../messaging/send';
import { t } from '@/lib/i18n/messages';
import { browserIdle } from './start-when-idle';

/**
 * The page's side of the chat record (issue #13), at no cost per chat message (issue #12): it tells the background
 * which chat the tab shows, by kick.com's answer about the channel (which names its chatroom, read same-origin like
 * the other kick.com reads), once per channel, on a port that lives as long as this page (lib/background/chat-watch-port.ts);
 * the background follows that chat on Kick's socket (lib/chat-feed/chat-feeds.ts). A card asks for one user's part
 * when it opens.
 */
export interface ChatWatch {
  /** Whether this page shows a channel's live chat, and the options allow following it (the card keeps room for the list while it asks). */
  onChannel(): boolean;
  /** This tab's record of their messages here. */
  record(username: string): Promise<ChatRecordAnswer>;
  /**
   * The channel the page belongs to (its address's slug), whether or not it shows its live chat: for the card UI, which
   * then needs no copy of the address's rules.
   */
  channel(): string | undefined;
  stop(): void;
}

/** What the watch needs of a runtime port (the browser's; a fake in unit tests). */
export interface WatchPort {
  postMessage(message: WatchChat | RecentMessagesBody): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/**
 * Kick's chat-socket negotiation, as kick.com's own page has made it since September 2026, accepting Pusher only (the
 * extension speaks no other; the request and its sources are in lib/chat-feed/realtime-negotiation.ts, which reads the
 * answer in the background). The answer unparsed, or undefined when it failed: the known key is used then.
 */
export const NEGOTIATION_URL = 'https://web.kick.com/api/v1/realtime/connection';
const negotiate = (): Promise<string | undefined> =>
  postAsSite(NEGOTIATION_URL, JSON.stringify({ client: { id: crypto.randomUUID(), type: 'web' }, capabilities: { accepted_providers: [{ provider: 'pusher' }] } })).catch(
    () => undefined,
  );

/** A channel whose answer could not be read is asked for again at a card's open, but not more often than this. */
export const CHANNEL_RETRY_MS = 60_000;
/**
 * A port the background closed (its worker stopped: Chrome stops an idle one after 30 s, so also while Kick's socket is
 * down) is opened again after this, doubling while ports keep closing within a minute of opening, to 5 minutes: how
 * often a page retries a socket that stays down.
 */
export const RECONNECT_MS = [1_000, 30_000, 5 * 60_000] as const;
const STEADY_MS = 60_000;

/**
 * The channel whose live chat the page shows: a channel's page, its popout chat, its moderator view; not its videos or
 * clips (`/{slug}/videos/…`), whose chat is a replay.
 */
export function liveChatSlug(pathname: string): string | undefined {
  const parts = pathname.split('/').filter(Boolean);
  const first = parts[0]?.toLowerCase();
  const length = first === 'popout' ? 3 : first === 'moderator' ? 2 : 1;
  return parts.length === length ? channelSlugFromPath(pathname) : undefined;
}

export function startChatWatch(
  ask: SendToBackground,
  opts: {
    now?: () => number;
    read?: (path: string) => Promise<string | undefined>;
    negotiate?: () => Promise<string | undefined>;
    connect?: () => WatchPort;
    enabled?: () => boolean;
    /** Runs what can wait for the page's idle time (the browser's requestIdleCallback; at once in unit tests). */
    later?: (run: () => void) => void;
  } = {},
): ChatWatch {
  const now = opts.now ?? Date.now;
  // Handing Kick's answers over (a structured clone of a channel's or its messages' JSON) is bookkeeping, not a frame's
  // work: it waits for idle time, a second at most (issue #27).
  const later = opts.later ?? ((run: () => void) => void browserIdle.request(run, 1000));
  // Off in the options: no chat is named, so none is followed (a chat followed until then is left within a second).
  const enabled = opts.enabled ?? (() => true);
  const shown = () => (enabled() ? liveChatSlug(location.pathname) : undefined);
  const read = opts.read ?? ((path: string) => getBody(path));
  const connect = opts.connect ?? ((): WatchPort => browser.runtime.connect({ name: CHAT_WATCH_PORT }));
  let slug: string | undefined;
  /** The channel's answer as read, or why it could not be read. */
  let channel: Promise<{ body: string } | { reason: string; at: number }> | undefined;
  let stopped = false;
  // Once per page, with the first chat named, and handed over with every chat the page names.
  let negotiation: Promise<string | undefined> | undefined;

  // The port, what was last said on it (said again on a new port), and the answers awaited, oldest first.
  let port: WatchPort | undefined;
  let said: WatchChat | undefined;
  const waiting: ((answer: ChatRecordAnswer) => void)[] = [];
  let openedAt = 0;
  let closes = 0;
  let reopen: ReturnType<typeof setTimeout> | undefined;
  const open = (): WatchPort | undefined => {
    if (port || stopped) return port;
    try {
      port = connect();
    } catch {
      // The extension was reloaded or removed: this page's script is an orphan now.
      return undefined;
    }
    const mine = port;
    openedAt = now();
    mine.onMessage.addListener((message) => {
      const asked = message as Partial<AskRecent> | null;
      // Not an answer: the background's record of the chat started, and takes Kick's recent messages of it, as read here.
      if (asked?.recentOf !== undefined) {
        const { recentOf, ask } = asked;
        if ([recentOf, ask].every((n) => Number.isSafeInteger(n) && n! > 0)) tellRecent(mine, recentOf, ask!);
        return;
      }
      waiting.shift()?.(message as ChatRecordAnswer);
    });
    mine.onDisconnect.addListener(() => {
      if (port !== mine) return;
      port = undefined;
      for (const settle of waiting.splice(0)) settle({ status: 'off' });
      if (stopped || !said) return;
      closes = now() - openedAt >= STEADY_MS ? 0 : closes + 1;
      reopen = setTimeout(() => {
        reopen = undefined;
        if (!port && said) void tell({ ...said, resumed: true });
      }, RECONNECT_MS[Math.min(Math.max(closes - 1, 0), RECONNECT_MS.length - 1)]);
    });
    return mine;
  };
  /**
   * Kick's recent messages of the chat, read like the other kick.com reads (same-origin; the route and its sources are in
   * lib/chat-feed/recent-messages.ts) and handed over unparsed on the port that asked; optional: a failed read leaves the
   * record starting when it started, and the card says why.
   */
  const tellRecent = (asking: WatchPort, channelId: number, ask: number) => {
    const reply = (message: RecentMessagesBody) => {
      if (port === asking) asking.postMessage(message);
    };
    later(() =>
      void read(kickPath('api', 'v2', 'channels', String(channelId), 'messages')).then(
        (body) => later(() => reply(body === undefined ? { ask, recentFailed: t('kickWeb.noChannel') } : { ask, recent: body })),
        (error: unknown) => reply({ ask, recentFailed: reasonOf(error) }),
      ),
    );
  };
  /** Names the chat to the background (on a new port if need be); settles with its answer. */
  const tell = (message: WatchChat): Promise<ChatRecordAnswer> => {
    said = message;
    const p = open();
    if (!p) return Promise.resolve({ status: 'off' });
    return new Promise((resolve) => {
      waiting.push(resolve);
      p.postMessage(message);
    });
  };

  const watch = (force = false) => {
    const next = shown();
    if (!force && next === slug && (channel || !slug)) return channel;
    slug = next;
    if (!slug) {
      channel = undefined;
      if (said) void tell({});
      return undefined;
    }
    const path = kickPath('api', 'v2', 'channels', slug);
    const reading = read(path).then(
      (body): { body: string } | { reason: string; at: number } => (body === undefined ? { reason: t('kickWeb.noChannel'), at: now() } : { body }),
      (error: unknown) => ({ reason: t('kickWeb.whichChat', { reason: reasonOf(error) }), at: now() }),
    );
    channel = reading;
    negotiation ??= (opts.negotiate ?? negotiate)();
    void Promise.all([reading, negotiation]).then(([got, realtime]) =>
      later(() => {
        // A channel that could not be read still says so: the background stops following the chat shown before it.
        if (!stopped && channel === reading) void tell('body' in got ? { channel: got.body, ...(realtime === undefined ? {} : { realtime }) } : { reason: got.reason });
      }),
    );
    return reading;
  };
  void watch();
  const timer = setInterval(() => {
    // Kick changes channels without loading a page: the address says when (checked like the layout watch, not per message).
    if (shown() !== slug) void watch();
  }, 1000);

  return {
    onChannel: () => shown() !== undefined,
    channel: () => channelSlugFromPath(location.pathname),
    async record(username) {
      let reading = watch();
      if (!reading) return { status: 'off' };
      let got = await reading;
      if ('reason' in got) {
        if (now() - got.at < CHANNEL_RETRY_MS) return { status: 'failed', reason: got.reason };
        reading = watch(true)!;
        got = await reading;
        if ('reason' in got) return { status: 'failed', reason: got.reason };
      }
      const answer = await ask('chatRecord', { username });
      if (answer.status !== 'off') return answer;
      // The background does not know this tab's chat (its worker stopped, and this page's port has not been opened
      // again yet): named again at once, on a new port, and asked again once it answered.
      if (reopen) clearTimeout(reopen);
      reopen = undefined;
      const realtime = await negotiation;
      const told = await tell({ channel: got.body, ...(realtime === undefined ? {} : { realtime }), resumed: said !== undefined });
      return told.status === 'off' ? told : ask('chatRecord', { username });
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      if (reopen) clearTimeout(reopen);
      port?.disconnect();
      port = undefined;
    },
  };
}
