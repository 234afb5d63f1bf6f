import { z } from 'zod';

/**
 * Kick's live chat as its own site receives it: Pusher's WebSocket protocol (version 7), one public channel per chat.
 * Sources (read 2026-12; the file /work notes name them in full):
 * - URL, key and cluster: SevenTV/chatterino7 `src/providers/kick/ws/KickPusherManager.cpp` (2026), reported working
 *   2026-08-19 (Pkkls/shoovy-farmer `data/study/FINDINGS.md`) and 2026-09-27 (Obiwayne/GiftDeck); the key changed in
 *   July 2024 (zSoulweaver/kient issue #17).
 * - Frames: Pusher's protocol document (pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol) and
 *   pusher-js (`src/core/connection/protocol/protocol.ts`, `connection_manager.ts`).
 * - Kick's events: a frame captured 2026-01-08 and an event dump of 2025-09-15 (test/kick-sim/fixtures/pusher-frames.ts
 *   quotes them).
 * Since 2026-09 kick.com's player may also use another socket (Centrifugo); Pusher was still offered in October 2026.
 */
export const PUSHER_APP_KEY = '32cbd69e4b950bf97679';
export const PUSHER_URL = `wss://ws-us2.pusher.com/app/${PUSHER_APP_KEY}?protocol=7&client=js&version=8.4.0&flash=false`;

/** The channel carrying a chatroom's messages: the chatroom's id, not the channel's (`.v2` is Kick's current payload). */
export const chatChannel = (chatroomId: number) => `chatrooms.${chatroomId}.v2`;
const CHANNEL = /^chatrooms\.(\d{1,15})\.v2$/;
export const chatroomOf = (channel: string | undefined): number | undefined => {
  const m = channel ? CHANNEL.exec(channel) : null;
  return m ? Number(m[1]) : undefined;
};

export const subscribeFrame = (chatroomId: number) => JSON.stringify({ event: 'pusher:subscribe', data: { auth: '', channel: chatChannel(chatroomId) } });
export const unsubscribeFrame = (chatroomId: number) => JSON.stringify({ event: 'pusher:unsubscribe', data: { channel: chatChannel(chatroomId) } });
export const PING_FRAME = JSON.stringify({ event: 'pusher:ping', data: {} });
export const PONG_FRAME = JSON.stringify({ event: 'pusher:pong', data: {} });

/** Every frame: an event name, its data (Pusher's own events and Kick's send it as a JSON string), a channel. */
const FrameSchema = z.object({ event: z.string().max(200), data: z.unknown().optional(), channel: z.string().max(200).optional() });

/** `data` as Pusher sends it: a JSON string, or (its own events, some servers) the object itself. */
function dataOf(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

const EstablishedSchema = z.object({ socket_id: z.string().max(100), activity_timeout: z.number().positive().max(3600).optional() });
const ErrorSchema = z.object({ code: z.number().int().nullish(), message: z.string().max(500).nullish() });

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,15}$/).transform(Number)]);
/** Kick's bounds for a name (lib/kick/username-schema.ts is stricter; a sender the card cannot look up is still recorded). */
const name = z.string().min(1).max(100);
/**
 * A chat message as Kick writes it, on its socket (below) and in a chat's recent messages (./recent-messages.ts): what
 * the record needs of it.
 */
export const KickMessageSchema = z.object({
  id: z.string().max(100),
  content: z.string().max(2000),
  created_at: z.string().max(50),
  sender: z.object({ id, username: name }),
});
/**
 * `App\Events\ChatMessageEvent`'s data (captured 2026-01-08). `type` is `message`, `reply` or `celebration` (a
 * subscription renewal with its own text); all three are the sender's words.
 */
const ChatMessageSchema = KickMessageSchema.extend({
  chatroom_id: id,
  type: z.string().max(50).optional(),
  sender: z.object({ id, username: name, slug: z.string().max(100).optional() }),
});
/** `App\Events\MessageDeletedEvent` (dump of 2025-09-15): the deleted message is `message.id`. */
const MessageDeletedSchema = z.object({ message: z.object({ id: z.string().max(100) }) });
/**
 * `App\Events\UserBannedEvent`: `{ id, user: { id, username, slug }, banned_by, permanent, duration, expires_at }`, a
 * timeout with `permanent: false`, `duration` in minutes and `expires_at` (StreamNook/StreamNook
 * `src-tauri/src/services/providers/kick.rs`, "CONFIRMED live", 2026-08; Xzensi/NipahTV
 * `src/Sites/Kick/KickEventService.ts`, 2024-11-03; a capture of 2023-12 in jaw-sh/stream-nexus `js/feed/kick.js`).
 * `App\Events\UserUnbannedEvent`: `{ id, user, unbanned_by, permanent }` (the same sources). Who acted is not read.
 */
const UserBannedSchema = z.object({
  user: z.object({ username: name }),
  permanent: z.boolean().optional(),
  expires_at: z.string().max(50).nullish(),
});
const UserUnbannedSchema = z.object({ user: z.object({ username: name }) });

export interface FeedMessage {
  id: string;
  userId: number;
  username: string;
  /** Kick's text, emotes written `[emote:id:name]` as Kick sends them. */
  text: string;
  /** When Kick says it was sent (epoch ms). */
  at: number;
}

export type FeedEvent =
  | { kind: 'connected'; activityTimeoutMs?: number }
  | { kind: 'subscribed'; chatroomId: number }
  | { kind: 'ping' }
  | { kind: 'pong' }
  | { kind: 'error'; code?: number; message?: string }
  | { kind: 'message'; chatroomId: number; message: FeedMessage }
  | { kind: 'deleted'; chatroomId: number; messageId: string }
  /** Kick banned someone from the chat (`until`: a timeout's end, epoch ms; none: for good), or lifted it. */
  | { kind: 'banned'; chatroomId: number; username: string; until?: number }
  | { kind: 'unbanned'; chatroomId: number; username: string }
  /** A frame that is not one of the above, or one of them in a shape Kick was not seen to send: nothing to do. */
  | { kind: 'ignored'; reason?: string };

/** A checked message as the record takes it; undefined when Kick's time for it is no time. */
export function feedMessageOf(data: z.infer<typeof KickMessageSchema>): FeedMessage | undefined {
  const at = Date.parse(data.created_at);
  return Number.isNaN(at) ? undefined : { id: data.id, userId: data.sender.id, username: data.sender.username, text: data.content, at };
}

/** One frame as received: checked with zod, never trusted (a reply on a channel not asked for is the caller's to drop). */
export function readFrame(text: unknown): FeedEvent {
  if (typeof text !== 'string' || text.length > 64 * 1024) return { kind: 'ignored', reason: 'not a frame' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'ignored', reason: 'not JSON' };
  }
  const frame = FrameSchema.safeParse(raw);
  if (!frame.success) return { kind: 'ignored', reason: 'not a Pusher frame' };
  const { event, channel } = frame.data;
  switch (event) {
    case 'pusher:connection_established': {
      const data = EstablishedSchema.safeParse(dataOf(frame.data.data));
      if (!data.success) return { kind: 'ignored', reason: 'a handshake without a socket id' };
      const timeout = data.data.activity_timeout;
      return { kind: 'connected', ...(timeout ? { activityTimeoutMs: timeout * 1000 } : {}) };
    }
    case 'pusher:ping':
      return { kind: 'ping' };
    case 'pusher:pong':
      return { kind: 'pong' };
    case 'pusher:error': {
      const data = ErrorSchema.safeParse(dataOf(frame.data.data));
      return { kind: 'error', ...(data.success ? { code: data.data.code ?? undefined, message: data.data.message ?? undefined } : {}) };
    }
    case 'pusher_internal:subscription_succeeded': {
      const chatroomId = chatroomOf(channel);
      return chatroomId === undefined ? { kind: 'ignored' } : { kind: 'subscribed', chatroomId };
    }
    case 'App\\Events\\ChatMessageEvent': {
      const chatroomId = chatroomOf(channel);
      const data = ChatMessageSchema.safeParse(dataOf(frame.data.data));
      if (chatroomId === undefined || !data.success) return { kind: 'ignored', reason: 'a chat message in an unknown shape' };
      const message = feedMessageOf(data.data);
      return message ? { kind: 'message', chatroomId, message } : { kind: 'ignored', reason: 'a chat message without a time' };
    }
    case 'App\\Events\\MessageDeletedEvent': {
      const chatroomId = chatroomOf(channel);
      const data = MessageDeletedSchema.safeParse(dataOf(frame.data.data));
      return chatroomId === undefined || !data.success ? { kind: 'ignored' } : { kind: 'deleted', chatroomId, messageId: data.data.message.id };
    }
    case 'App\\Events\\UserBannedEvent': {
      const chatroomId = chatroomOf(channel);
      const data = UserBannedSchema.safeParse(dataOf(frame.data.data));
      if (chatroomId === undefined || !data.success) return { kind: 'ignored', reason: 'a ban in an unknown shape' };
      const until = data.data.permanent === true || !data.data.expires_at ? NaN : Date.parse(data.data.expires_at);
      return { kind: 'banned', chatroomId, username: data.data.user.username, ...(Number.isNaN(until) ? {} : { until }) };
    }
    case 'App\\Events\\UserUnbannedEvent': {
      const chatroomId = chatroomOf(channel);
      const data = UserUnbannedSchema.safeParse(dataOf(frame.data.data));
      return chatroomId === undefined || !data.success ? { kind: 'ignored' } : { kind: 'unbanned', chatroomId, username: data.data.user.username };
    }
    default:
      return { kind: 'ignored' };
  }
}

/**
 * What Pusher's close codes ask of a client (its protocol document): 4000–4099 do not reconnect unchanged, 4100–4199
 * reconnect after backing off at least a second, 4200–4299 reconnect at once. Anything else (the network went away,
 * 1006) is treated as a backoff, as pusher-js does for 1002–1004.
 */
export function closeAction(code: number): 'refused' | 'backoff' | 'retry' {
  if (code >= 4000 && code < 4100) return 'refused';
  if (code >= 4200 && code < 4300) return 'retry';
  return 'backoff';
}
