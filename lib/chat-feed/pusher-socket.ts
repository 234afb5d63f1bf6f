import { closeAction, PING_FRAME, PONG_FRAME, PUSHER_URL, readFrame, subscribeFrame, unsubscribeFrame, type FeedMessage } from './pusher-frames';
// `t` here is the socket's timers.
import { t as say } from '@/lib/i18n/messages';

/** What the socket needs of a WebSocket (the browser's; the `ws` package's in unit tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type ChatroomState = { state: 'connecting' } | { state: 'live'; since: number } | { state: 'failed'; reason: string };

export interface ChatSocketEvents {
  message(chatroomId: number, message: FeedMessage): void;
  /** Kick deleted a message (a moderator, or its own moderation). */
  deleted(chatroomId: number, messageId: string): void;
  /** Kick banned someone from the chat (`until`: a timeout's end), or (`until` null) lifted it. */
  banned(chatroomId: number, username: string, until: number | undefined | null): void;
  /** A chatroom's subscription is (again) live; `resumed`: after a drop, so messages sent meanwhile were missed. */
  live(chatroomId: number, resumed: boolean): void;
  /** The socket went down or was refused; what the chatrooms show until it is live again. */
  down(reason: string): void;
}

/**
 * A ping at least this often while any chat is watched. Pusher asks for one only after 120 s of silence, but Chrome
 * stops an extension's service worker after 30 s without an event, and a WebSocket's traffic counts as one from
 * Chrome 116 ("Use WebSockets in service workers", developer.chrome.com/docs/extensions/how-to/web-platform/websockets,
 * which pings every 20 s). segelferd/kick-alert (2026) left the worker for an offscreen document because its socket
 * dropped when the worker slept: it did not ping.
 */
export const KEEPALIVE_MS = 20_000;
/** No frame for this long (two pings unanswered): the connection is dead even if the socket does not know it yet. */
export const SILENCE_MS = 50_000;
export const BACKOFF_MS = [1_000, 2_000, 5_000, 15_000, 60_000] as const;
/** No handshake this long after connecting: the card stops saying "connecting" and says the feed did not answer. */
export const HANDSHAKE_MS = 10_000;
/** A refused connection (4000–4099) is tried again only when a chat is watched anew, and not more often than this. */
export const REFUSED_RETRY_MS = 5 * 60_000;
/** A connection up this long counts as a success: the next failure backs off from the start again. */
export const STABLE_MS = 60_000;
/** Pusher's error message, as far as a card shows it. */
const MESSAGE_MAX = 120;

interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}
const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/**
 * One connection to Kick's chat socket for every chat watched (a socket per browser, as pusher-js keeps one per page),
 * open only while some chat is watched; reconnects as Pusher's close codes ask, and subscribes again to every chat.
 */
export function createChatSocket(events: ChatSocketEvents, opts: { connect?: (url: string) => SocketLike; url?: string; timers?: Timers } = {}) {
  const connect = opts.connect ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  // The URL the next connection opens: the known key's until Kick's negotiation names another (useUrl).
  let url = opts.url ?? PUSHER_URL;
  /** The URL the current (or last) connection was opened with. */
  let openedUrl = url;
  const t = opts.timers ?? realTimers;
  const watched = new Set<number>();
  /** Chatrooms whose subscription Pusher confirmed on the current connection. */
  const live = new Set<number>();
  /** Chatrooms that were live on an earlier connection: their next subscription resumes after a gap. */
  const dropped = new Set<number>();
  let socket: SocketLike | undefined;
  let established = false;
  let lastFrame = 0;
  let keepalive: unknown;
  let retry: unknown;
  let handshake: unknown;
  let attempts = 0;
  let establishedAt = 0;
  let refusedAt: number | undefined;
  let refusal: string | undefined;

  const send = (frame: string) => {
    if (socket && established && socket.readyState === 1) socket.send(frame);
  };

  const stopTimers = () => {
    if (keepalive !== undefined) t.clearInterval(keepalive);
    if (retry !== undefined) t.clearTimeout(retry);
    if (handshake !== undefined) t.clearTimeout(handshake);
    keepalive = retry = handshake = undefined;
  };

  /** Lets go of the socket (its handlers first, so its own close is not heard) and of every timer. */
  const shut = () => {
    stopTimers();
    const was = socket;
    socket = undefined;
    established = false;
    if (!was) return;
    was.onopen = was.onmessage = was.onclose = was.onerror = null;
    if (was.readyState < 2) was.close(1000);
  };

  const lose = (reason: string, asked: 'refused' | 'backoff' | 'retry') => {
    // Refused at a URL Kick has since moved away from (useUrl): the new one is tried at once, not in REFUSED_RETRY_MS.
    const action = asked === 'refused' && openedUrl !== url ? 'retry' : asked;
    // A server that takes the connection and drops it at once is not retried at once, again and again.
    if (established && t.now() - establishedAt >= STABLE_MS) attempts = 0;
    for (const id of live) dropped.add(id);
    live.clear();
    shut();
    if (!watched.size) return;
    events.down(reason);
    if (action === 'refused') {
      refusedAt = t.now();
      refusal = reason;
      return;
    }
    const delay = action === 'retry' && attempts === 0 ? 0 : BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length - 1)]!;
    attempts++;
    retry = t.setTimeout(() => {
      retry = undefined;
      open();
    }, delay);
  };

  function open() {
    if (socket || !watched.size) return;
    if (retry !== undefined) t.clearTimeout(retry);
    retry = undefined;
    refusedAt = undefined;
    let s: SocketLike;
    openedUrl = url;
    try {
      s = connect(url);
    } catch (error) {
      lose(say('chatFeed.openFailed', { reason: (error instanceof Error ? error.message : String(error)).slice(0, MESSAGE_MAX) }), 'backoff');
      return;
    }
    socket = s;
    lastFrame = t.now();
    s.onmessage = (event) => {
      lastFrame = t.now();
      const frame = readFrame(event.data);
      switch (frame.kind) {
        case 'connected':
          established = true;
          establishedAt = t.now();
          if (handshake !== undefined) t.clearTimeout(handshake);
          handshake = undefined;
          refusal = undefined;
          for (const id of watched) send(subscribeFrame(id));
          return;
        case 'ping':
          send(PONG_FRAME);
          return;
        case 'subscribed':
          if (!watched.has(frame.chatroomId) || live.has(frame.chatroomId)) return;
          live.add(frame.chatroomId);
          events.live(frame.chatroomId, dropped.delete(frame.chatroomId));
          return;
        case 'message':
          if (live.has(frame.chatroomId)) events.message(frame.chatroomId, frame.message);
          return;
        case 'deleted':
          if (live.has(frame.chatroomId)) events.deleted(frame.chatroomId, frame.messageId);
          return;
        case 'banned':
        case 'unbanned':
          if (live.has(frame.chatroomId)) events.banned(frame.chatroomId, frame.username, frame.kind === 'banned' ? frame.until : null);
          return;
        case 'error':
          // Pusher sends its error, then closes with the same code: the close decides.
          if (frame.code !== undefined && frame.code >= 4000 && frame.code < 4100)
            refusal = say('chatFeed.refusedWhy', { reason: `${frame.code}${frame.message ? `: ${frame.message.slice(0, MESSAGE_MAX)}` : ''}` });
          return;
        default:
          return;
      }
    };
    s.onclose = (event) => {
      const action = closeAction(event.code);
      lose(action === 'refused' ? (refusal ?? say('chatFeed.refusedWhy', { reason: event.code })) : say('chatFeed.closed', { reason: event.code }), action);
    };
    s.onerror = () => undefined;
    keepalive = t.setInterval(() => {
      if (t.now() - lastFrame > SILENCE_MS) lose(say('chatFeed.silent'), 'backoff');
      else send(PING_FRAME);
    }, KEEPALIVE_MS);
    handshake = t.setTimeout(() => {
      handshake = undefined;
      if (socket === s && !established) lose(say('chatFeed.noAnswer'), 'backoff');
    }, HANDSHAKE_MS);
  }

  return {
    /** Starts (or keeps) receiving a chatroom's messages. */
    watch(chatroomId: number): void {
      if (watched.has(chatroomId)) return;
      watched.add(chatroomId);
      if (socket) return send(subscribeFrame(chatroomId));
      if (retry !== undefined) return;
      // Refused where the socket is still to connect; a URL Kick has named since (useUrl) is tried at once.
      if (refusedAt !== undefined && openedUrl === url && t.now() - refusedAt < REFUSED_RETRY_MS) return events.down(refusal ?? say('chatFeed.refused'));
      open();
    },
    unwatch(chatroomId: number): void {
      if (!watched.delete(chatroomId)) return;
      live.delete(chatroomId);
      dropped.delete(chatroomId);
      send(unsubscribeFrame(chatroomId));
      if (watched.size) return;
      // Nothing left to watch: no socket, no timers (the service worker may sleep).
      shut();
      attempts = 0;
    },
    /**
     * Where Kick's negotiation (./realtime-negotiation.ts) says Pusher is now. A connection that works where it is stays
     * (moving would drop every chat's subscription for nothing); one refused, failing or not yet established moves.
     */
    useUrl(next: string): void {
      if (next === url) return;
      url = next;
      if (!watched.size || (socket && established)) return;
      if (socket) shut();
      if (retry !== undefined) t.clearTimeout(retry);
      retry = undefined;
      open();
    },
    /** A refused connection is tried again once REFUSED_RETRY_MS have passed, when a card asks (not on a timer). */
    retryIfRefused(): void {
      if (refusedAt === undefined || socket || !watched.size || t.now() - refusedAt < REFUSED_RETRY_MS) return;
      open();
    },
    /** Why chatrooms are not live, when the socket is down or refused; undefined while it is up or coming up. */
    get refusal() {
      return refusedAt !== undefined ? refusal : undefined;
    },
    isLive: (chatroomId: number) => live.has(chatroomId),
  };
}
export type ChatSocket = ReturnType<typeof createChatSocket>;
