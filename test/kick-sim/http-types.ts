import type { IncomingHttpHeaders } from 'node:http';
import type { ChatMessageData } from './fixtures/pusher-frames';
import type { OAuthState } from './oauth-state';
import type { SimPusher } from './pusher';
import type { SimApp, SimChatMessage, SimRelation, SimUser, VHost } from './types';

export interface SimContext {
  vhost: VHost;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  data: SimData;
  /** Filled by handlers so the log can say how the request was authenticated. */
  auth: 'none' | 'user' | 'app' | 'invalid';
  form?: URLSearchParams;
  /** Kick's chat socket, for the events an API call causes (a ban, a deletion: routes-moderation.ts). */
  pusher?: SimPusher;
}

/**
 * Where Kick's behaviour is documented one way but may differ, or has changed, the simulator can
 * play each version. The defaults are what Kick's docs and issues say today (see each route).
 */
export interface SimBehaviour {
  /** `kick`: every token failure is 400 {"error":"Invalid request"} (docs); `rfc`: RFC 6749 codes (a guess, second variant). */
  tokenErrors: 'kick' | 'rfc';
  /**
   * `rotate`: the old pair dies at refresh; `reusable`: it lives on (KickDevDocs PR #291). Rotate is
   * the default because it is the stricter one: a client that reuses a refresh token fails at once.
   */
  refreshTokens: 'rotate' | 'reusable';
  /** What introspection answers for a dead token: `{active:false}` (2026 endpoint) or 401 (the deprecated one). */
  deadIntrospect: 'inactive' | '401';
}

export const DEFAULT_BEHAVIOUR: SimBehaviour = { tokenErrors: 'kick', refreshTokens: 'rotate', deadIntrospect: 'inactive' };

export interface SimData {
  behaviour: SimBehaviour;
  users: Map<number, SimUser>;
  relations: SimRelation[];
  /** Chat messages kick.com keeps, newest last. */
  history: SimChatMessage[];
  /** Each chat's messages by chatroom id, oldest first, as its recent messages answer them (chat-feed.ts). */
  chats: Map<number, ChatMessageData[]>;
  app: SimApp;
  authorize: { mode: 'approve' | 'deny' | 'page'; userId: number; /** Scopes the user unticks on Kick's consent screen. */ untick?: string[] };
  oauth: OAuthState;
  /** Who is signed in on kick.com itself, by the `session_token` the site sends as Bearer (routes-web.ts, /api/v1/user). */
  siteSessions: Map<string, number>;
  /** Bans and timeouts in force, by `${channel user id}:${user id}`; `until` absent: permanent (routes-moderation.ts). */
  bans: Map<string, { until?: number }>;
}

export interface SimReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): SimReply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

export const html = (body: string, status = 200): SimReply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});

export const wrapped = (data: unknown): SimReply => json(200, { data, message: 'OK' });

/** A channel's id, as the simulated `/api/v2/channels/{slug}` gives it (routes-web.ts `channelJson`). guess: the offset; real ids are unrelated numbers. */
export const channelIdOf = (userId: number) => userId + 500_000;

/** The user whose channel has this id (as a URL segment); undefined: no such channel. */
export function findUserByChannelId(data: Pick<SimData, 'users'>, channelId: string) {
  for (const user of data.users.values()) if (String(channelIdOf(user.userId)) === channelId) return user;
  return undefined;
}

export function findUserBySlug(data: Pick<SimData, 'users'>, slug: string) {
  const wanted = slug.toLowerCase();
  for (const user of data.users.values()) if (user.slug.toLowerCase() === wanted) return user;
  return undefined;
}

export function findUserByName(data: SimData, name: string) {
  const wanted = name.toLowerCase();
  for (const user of data.users.values()) if (user.username.toLowerCase() === wanted) return user;
  return undefined;
}
