import { chatroomIdOf } from './chat-feed';
import { messageDeletedFrame, userBannedFrame, userUnbannedFrame } from './fixtures/pusher-frames';
import { json, type SimContext, type SimReply } from './http-types';
import type { TokenRecord } from './oauth-state';
import type { SimUser } from './types';

/**
 * Kick's moderation endpoints (api.kick.com/public/v1), as ../shared/reference/kick-api.md "Moderation" gathers them:
 * KickEngineering/KickDevDocs apis/moderation.md and scopes.md (c8a086c, 2026-06-23; endpoints added 2025-05-21/23,
 * PR #174), with the fields four client libraries send: Scorfly/gokick moderation.go (53e177d), Bukk94/KickLib
 * Api/Moderation.cs + Models/v1/Moderation/BanUserPayload.cs (82d382b), TeksuSiK/kick4j
 * moderation/PostModerationBansRequest.java (fd2afa2, 2026-07-25), betterKickAPI kick.py.
 * - POST /moderation/bans `{broadcaster_user_id, user_id, duration?, reason?}`: `duration` in minutes, 1–10080, makes a
 *   timeout; none, a permanent ban; `reason` ≤ 100 characters. 200 `{"data":{},"message":"OK"}`.
 * - DELETE /moderation/bans `{broadcaster_user_id, user_id}`: lifts a ban or ends a timeout; 200, same envelope.
 * - DELETE /chat/{message_id}: 204 (kick4j PR #25).
 * - Scopes `moderation:ban`, `moderation:chat_message:manage`, user tokens only (scopes.md); 403 without.
 * - Kick's generic "Invalid request" when the target is already banned, is a moderator of the channel, or the token's
 *   owner is neither the broadcaster nor a moderator there (a third-party bot's notes; KickDevDocs #420, 2026-09-13:
 *   actions are recorded as the token's owner). guess: its status (400 here) and body wrapping (as #289's 401).
 * - guess: an unban of someone not banned is refused the same way; a deleted or unknown message id answers 404.
 * Each success is announced on the chatroom's socket as kick.com's own moderation is (fixtures/pusher-frames.ts:
 * UserBannedEvent, UserUnbannedEvent, MessageDeletedEvent).
 */

const refused = () => json(400, { data: {}, message: 'Invalid request' });
const forbidden = () => json(403, { data: {}, message: 'Forbidden' });
const ok = () => json(200, { data: {}, message: 'OK' });

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Whether `user` may moderate `channel`: its broadcaster, or a moderator of it. */
function moderates(ctx: SimContext, channel: SimUser, userId: number | undefined): boolean {
  if (userId === undefined) return false;
  if (channel.userId === userId) return true;
  const user = ctx.data.users.get(userId);
  return Boolean(user && ctx.data.relations.some((r) => r.channelSlug === channel.slug && r.username.toLowerCase() === user.username.toLowerCase() && (r.isModerator || r.isChannelOwner)));
}

function body(ctx: SimContext): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(ctx.body.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const banKey = (channel: SimUser, userId: number) => `${channel.userId}:${userId}`;

/** A ban in force now (a timeout that ended is none). */
function bannedNow(ctx: SimContext, key: string): boolean {
  const ban = ctx.data.bans.get(key);
  if (ban?.until !== undefined && ban.until <= Date.now()) ctx.data.bans.delete(key);
  return ctx.data.bans.has(key);
}

function bans(ctx: SimContext, token: TokenRecord, lift: boolean): SimReply {
  if (token.type !== 'user' || !token.scopes.includes('moderation:ban')) return forbidden();
  const input = body(ctx);
  if (!input || !isInt(input.broadcaster_user_id) || !isInt(input.user_id)) return refused();
  const channel = ctx.data.users.get(input.broadcaster_user_id);
  const target = ctx.data.users.get(input.user_id);
  if (!channel || !target || !moderates(ctx, channel, token.userId)) return refused();
  const key = banKey(channel, target.userId);
  const chatroom = chatroomIdOf(channel.userId);
  const sender = { id: target.userId, username: target.username || target.slug };
  if (lift) {
    if (!bannedNow(ctx, key)) return refused();
    ctx.data.bans.delete(key);
    ctx.pusher?.broadcast(chatroom, userUnbannedFrame(chatroom, sender));
    return ok();
  }
  const { duration, reason } = input;
  if (duration !== undefined && (!isInt(duration) || duration > 10_080)) return refused();
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > 100)) return refused();
  if (moderates(ctx, channel, target.userId) || bannedNow(ctx, key)) return refused();
  const until = duration === undefined ? undefined : Date.now() + duration * 60_000;
  ctx.data.bans.set(key, until === undefined ? {} : { until });
  ctx.pusher?.broadcast(chatroom, userBannedFrame(chatroom, sender, until === undefined ? undefined : new Date(until)));
  return ok();
}

function deleteMessage(ctx: SimContext, token: TokenRecord, messageId: string): SimReply {
  if (token.type !== 'user' || !token.scopes.includes('moderation:chat_message:manage')) return forbidden();
  for (const [chatroom, messages] of ctx.data.chats) {
    const index = messages.findIndex((m) => m.id === messageId);
    if (index === -1) continue;
    const channel = ctx.data.users.get(chatroom - chatroomIdOf(0));
    if (!channel || !moderates(ctx, channel, token.userId)) return refused();
    messages.splice(index, 1);
    ctx.pusher?.broadcast(chatroom, messageDeletedFrame(chatroom, messageId));
    return { status: 204 };
  }
  return json(404, { data: {}, message: 'Not Found' });
}

/** The moderation routes, once the bearer is known to be a live token (routes-api.ts authenticates it). */
export function moderationRoute(ctx: SimContext, path: string): ((token: TokenRecord) => SimReply) | undefined {
  if (path === '/public/v1/moderation/bans' && (ctx.method === 'POST' || ctx.method === 'DELETE')) return (t) => bans(ctx, t, ctx.method === 'DELETE');
  const message = /^\/public\/v1\/chat\/([^/]+)$/.exec(path);
  if (message && ctx.method === 'DELETE') return (t) => deleteMessage(ctx, t, decodeURIComponent(message[1]!));
  return undefined;
}
