import type { KickEndpoints } from './endpoints';
import type { HostCircuit } from './host-circuit';
import { kickFetch, kickFetchRaw } from './http';
import { ChannelsResponseSchema, IntrospectResponseSchema, UsersResponseSchema, type Introspection, type KickChannel, type KickUser } from './schemas';

/** Kick's documented maximum of ids (or slugs) in one request (kick-api.md). */
export const KICK_MAX_BATCH = 50;
/**
 * Slugs per channels request: with 50 slugs about half came back with bad data (KickDevDocs #321),
 * so the extension asks for at most 25 at once.
 */
export const KICK_MAX_SLUG_BATCH = 25;
/** A longer slug makes Kick refuse the whole request with 400 (kick-api.md, channels). */
export const KICK_MAX_SLUG_LENGTH = 25;

function withRepeated(base: string, name: string, values: (string | number)[]): string {
  const url = new URL(base);
  for (const value of values) url.searchParams.append(name, String(value));
  return url.href;
}

/** The official endpoints the cards and the account pages use, one function per call. */
export function createKickApi(endpoints: KickEndpoints, circuit?: HostCircuit) {
  return {
    /** Unknown slugs are simply missing from the answer (KickDevDocs #231). A user token needs channel:read. */
    channelsBySlug(token: string, slugs: string[]): Promise<KickChannel[]> {
      return kickFetch(ChannelsResponseSchema, { url: withRepeated(`${endpoints.apiBase}/channels`, 'slug', slugs), token, scope: 'channel:read', circuit }).then(
        (r) => r.data,
      );
    },
    usersById(token: string, ids: number[]): Promise<KickUser[]> {
      return kickFetch(UsersResponseSchema, { url: withRepeated(`${endpoints.apiBase}/users`, 'id', ids), token, scope: 'user:read', circuit }).then(
        (r) => r.data,
      );
    },
    /** The token's own user (no id). */
    async me(token: string): Promise<KickUser | undefined> {
      const answer = await kickFetch(UsersResponseSchema, { url: `${endpoints.apiBase}/users`, token, scope: 'user:read', circuit });
      return answer.data[0];
    },
    /**
     * A timeout (`duration` in minutes) or, without one, a permanent ban (POST /moderation/bans; kick-api.md
     * "Moderation"). No `moderator_user_id`: Kick acts as the token's owner, and a client that sent one saw Kick act
     * twice. The 200 answer says nothing the card uses (no ban id, no expiry), so its body is not read.
     */
    async ban(token: string, body: { broadcaster_user_id: number; user_id: number; duration?: number; reason?: string }): Promise<void> {
      await kickFetchRaw({ url: `${endpoints.apiBase}/moderation/bans`, method: 'POST', token, json: body, scope: 'moderation:ban', circuit });
    },
    /** Lifts a ban or ends a timeout (DELETE /moderation/bans, with a JSON body). */
    async unban(token: string, body: { broadcaster_user_id: number; user_id: number }): Promise<void> {
      await kickFetchRaw({ url: `${endpoints.apiBase}/moderation/bans`, method: 'DELETE', token, json: body, scope: 'moderation:ban', circuit });
    },
    /** Deletes one chat message (DELETE /chat/{message_id}; 204 in kick4j's PR #25). */
    async deleteMessage(token: string, messageId: string): Promise<void> {
      const url = `${endpoints.apiBase}/chat/${encodeURIComponent(messageId)}`;
      await kickFetchRaw({ url, method: 'DELETE', token, scope: 'moderation:chat_message:manage', circuit });
    },
    /** The 2026 location on id.kick.com; the old /public/v1/token/introspect is deprecated. */
    async introspect(token: string): Promise<Introspection> {
      const answer = await kickFetch(IntrospectResponseSchema, { url: `${endpoints.idBase}/oauth/token/introspect`, method: 'POST', token, circuit });
      return answer.data;
    },
  };
}
export type KickApi = ReturnType<typeof createKickApi>;
