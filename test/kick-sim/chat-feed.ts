import { planRow } from './chat-plan';
import { chatMessageFrame, type SimSender } from './fixtures/pusher-frames';
import { findUserByName, findUserBySlug, json, type SimData, type SimReply } from './http-types';
import type { SimPusher } from './pusher';

/** The chatroom of a channel, as the simulated `/api/v2/channels/{slug}` names it (routes-web.ts `channelJson`). */
export const chatroomIdOf = (channelUserId: number) => channelUserId + 900_000;

/** The chatroom of the channel with this slug (the simulator's data, or a KickSim: both hold `users`); undefined: no such channel. */
export function chatroomOfSlug(data: Pick<SimData, 'users'>, slug: string): number | undefined {
  const channel = findUserBySlug(data, slug);
  return channel && chatroomIdOf(channel.userId);
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
  let input: { channel?: string; from?: number; count?: number; said?: { who: string; text: string } };
  try {
    input = JSON.parse(body.toString('utf8')) as typeof input;
  } catch {
    return json(400, { message: 'not JSON' });
  }
  const chatroomId = input.channel ? chatroomOfSlug(data, input.channel) : undefined;
  if (chatroomId === undefined) return json(404, { message: 'no such channel' });
  let sent = 0;
  if (input.said) sent += pusher.broadcast(chatroomId, chatMessageFrame(chatroomId, senderOf(data, input.said.who), input.said.text)) ? 1 : 0;
  const from = input.from ?? 0;
  for (let position = from; position < from + (input.count ?? 0); position++) {
    const row = planRow(position);
    if (row.kind !== 'chat' && row.kind !== 'mention' && row.kind !== 'reply') continue;
    const frame = chatMessageFrame(chatroomId, senderOf(data, row.who), row.text, row.kind === 'reply' ? { replyTo: senderOf(data, row.other) } : {});
    sent += pusher.broadcast(chatroomId, frame) ? 1 : 0;
  }
  return json(200, { sent });
}
