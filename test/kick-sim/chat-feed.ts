import { planRow } from './chat-plan';
import { chatMessageData, messageFrame, recentMessageJson, userBannedFrame, type ChatMessageData, type SimSender } from './fixtures/pusher-frames';
import { findUserByChannelId, findUserByName, findUserBySlug, json, type SimData, type SimReply } from './http-types';
import type { SimPusher } from './pusher';

/** The chatroom of a channel, as the simulated `/api/v2/channels/{slug}` names it (routes-web.ts `channelJson`). */
export const chatroomIdOf = (channelUserId: number) => channelUserId + 900_000;

/** The chatroom of the channel with this slug (the simulator's data, or a KickSim: both hold `users`); undefined: no such channel. */
export function chatroomOfSlug(data: Pick<SimData, 'users'>, slug: string): number | undefined {
  const channel = findUserBySlug(data, slug);
  return channel && chatroomIdOf(channel.userId);
}

/** How many rows the simulated page draws when it opens (pages.ts `appendRows(30)`): the chat's scrollback. */
export const SCROLLBACK_ROWS = 30;

/**
 * A chat's messages as kick.com keeps them, oldest first: what the simulated page draws when it opens (its scrollback,
 * stamped a few seconds apart before the chat was first used here) and then every message sent on the socket, with
 * the same ids (guess: Kick's history and its socket name a message alike; both carry Kick's message UUIDs).
 */
function chatOf(data: SimData, chatroomId: number): ChatMessageData[] {
  let chat = data.chats.get(chatroomId);
  if (!chat) {
    const start = Date.now() - SCROLLBACK_ROWS * 5_000;
    chat = [];
    for (let position = 0; position < SCROLLBACK_ROWS; position++) {
      const message = plannedMessage(data, chatroomId, position, {
        at: new Date(start + position * 5_000),
        id: `00000000-0000-4000-9000-${String(chatroomId).padStart(7, '0')}${String(position).padStart(5, '0')}`,
      });
      if (message) chat.push(message);
    }
    data.chats.set(chatroomId, chat);
  }
  return chat;
}

/** guess: how many messages the recent-messages answer holds (a 2026 client's notes say 25; no capture shows more). */
export const RECENT_MESSAGES = 25;

/**
 * `GET /api/v2/channels/{channelId}/messages`: a chat's latest messages, newest first, in the shape of the capture of
 * 2023-12-29 (lib/chat-feed/recent-messages.ts names it and the other sources). A chatroom's id or an unknown id
 * answers no messages (2026 client notes: "user_id/chatroom.id both return HTTP 200 with zero messages"), a slug 500.
 * guess: `cursor` (the oldest message's time in µs, or null), and `pinned_message` always null here.
 */
export function recentMessagesJson(data: SimData, channelId: string): SimReply {
  // StreamNook's kick.rs: "the slug form returns a 500".
  if (!/^\d+$/.test(channelId)) return json(500, { message: 'Server Error' });
  const channel = findUserByChannelId(data, channelId);
  const chat = channel ? chatOf(data, chatroomIdOf(channel.userId)) : [];
  const latest = chat.slice(-RECENT_MESSAGES).reverse();
  const oldest = latest.at(-1);
  return json(200, {
    status: { error: false, code: 200, message: 'SUCCESS' },
    data: {
      messages: latest.map((m) => recentMessageJson(m, Number(channelId))),
      cursor: oldest && chat.length > latest.length ? String(Date.parse(oldest.created_at) * 1000) : null,
      pinned_message: null,
    },
  });
}

/** The message the simulated page's row at `position` (chat-plan.ts) is, if it is someone's message (not a notice). */
function plannedMessage(data: SimData, chatroomId: number, position: number, opts: { at?: Date; id?: string } = {}): ChatMessageData | undefined {
  const row = planRow(position);
  if (row.kind !== 'chat' && row.kind !== 'mention' && row.kind !== 'reply') return undefined;
  return chatMessageData(chatroomId, senderOf(data, row.who), row.text, { ...opts, ...(row.kind === 'reply' ? { replyTo: senderOf(data, row.other) } : {}) });
}

/** A sender's id: the seeded user's, else a stable made-up one (the bench's synthetic chatters have no account here). */
function senderOf(data: SimData, username: string): SimSender {
  const user = findUserByName(data, username) ?? findUserBySlug(data, username);
  if (user) return { id: user.userId, username: user.username || username };
  let h = 7;
  for (const c of username) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return { id: 50_000_000 + h, username };
}

/**
 * The simulated page's chat, sent on the chat socket as Kick sends it (test driver, not a Kick endpoint): the page
 * posts what it just drew to `/__sim/chat` (pages.ts), and each row that is someone's message goes out as a
 * ChatMessageEvent. Notices (subs, gifts, Kicks) are other events on Kick's socket, which the extension does not follow.
 */
export function handleSimChat(data: SimData, pusher: SimPusher, body: Buffer): SimReply {
  let input: { channel?: string; from?: number; count?: number; said?: { who: string; text: string }; banned?: { who: string; minutes?: number } };
  try {
    input = JSON.parse(body.toString('utf8')) as typeof input;
  } catch {
    return json(400, { message: 'not JSON' });
  }
  const chatroomId = input.channel ? chatroomOfSlug(data, input.channel) : undefined;
  if (chatroomId === undefined) return json(404, { message: 'no such channel' });
  const chat = chatOf(data, chatroomId);
  let sent = 0;
  // Kept as kick.com keeps its chat (for its recent messages), then sent on the socket.
  const send = (message: ChatMessageData) => {
    chat.push(message);
    if (chat.length > 1000) chat.splice(0, chat.length - 1000);
    sent += pusher.broadcast(chatroomId, messageFrame(message)) ? 1 : 0;
  };
  if (input.said) send(chatMessageData(chatroomId, senderOf(data, input.said.who), input.said.text));
  // A moderator's ban (`minutes`: a timeout), as Kick sends it on the socket.
  if (input.banned) {
    const until = input.banned.minutes === undefined ? undefined : new Date(Date.now() + input.banned.minutes * 60_000);
    sent += pusher.broadcast(chatroomId, userBannedFrame(chatroomId, senderOf(data, input.banned.who), until)) ? 1 : 0;
  }
  const from = input.from ?? 0;
  for (let position = from; position < from + (input.count ?? 0); position++) {
    const message = plannedMessage(data, chatroomId, position);
    if (message) send(message);
  }
  return json(200, { sent });
}
