import { LruMap } from '../cache/lru';
import type { ChatHistory, MessageInput } from '../messaging/protocol';
import { getBody, getJson, kickPath, reasonOf, sessionHeaders, WebReadError } from './web-reads';

/**
 * The page's half of Kick's own per-user chat history, which kick.com shows a channel's moderators
 * (`/api/v2/channels/{channelId}/users/{userId}/messages?cursor=…`, paged; source in ./schemas.ts). Read same-origin
 * with the site's session token, as the site's own calls are (web-reads.ts `sessionHeaders`), and only when
 * `/api/v2/channels/{slug}/me` says the signed-in viewer moderates the channel (is_moderator, is_broadcaster or
 * is_super_admin: what NipahTV reads before showing its history, src/Sites/Kick/KickNetworkInterface.ts, 2026-03-28);
 * checked in the background (./chat-history-check.ts). Optional: everyone else keeps this tab's own record, and a
 * failure says why.
 */

export type CheckHistory = (input: MessageInput<'readChatHistory'>) => Promise<ChatHistory>;

/** A user's newest page is read again after this, like a card (lib/page/card-data.ts); older pages only on request. */
export const HISTORY_TTL_MS = 60_000;

export function createHistoryReader(check: CheckHistory, now = Date.now) {
  // Per channel, once per page: its id when the viewer moderates it, else undefined (signed out, or /me says no or fails).
  const channels = new Map<string, Promise<number | undefined>>();
  // Newest pages by channel and user, the least recently read first; failures are not kept.
  const newest = new LruMap<string, { at: number; page: Promise<ChatHistory | undefined> }>(50);
  const moderated = async (slug: string) => {
    // Signed out (no session token for the site's calls), nobody moderates anything: no need to ask.
    const session = await sessionHeaders();
    if (!session.authorization) return undefined;
    const me = (await getJson(kickPath('api', 'v2', 'channels', slug, 'me'), { session }).catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!(me?.is_moderator === true || me?.is_broadcaster === true || me?.is_super_admin === true)) return undefined;
    const id = ((await getJson(kickPath('api', 'v2', 'channels', slug))) as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new WebReadError('kick.com answered in an unexpected shape');
    return id;
  };

  /** A page of their messages (`cursor`: from the page before); undefined when the viewer does not moderate the channel. */
  const read = async (channelSlug: string, userId: number, cursor: string): Promise<ChatHistory | undefined> => {
    let job = channels.get(channelSlug);
    if (!job) channels.set(channelSlug, (job = moderated(channelSlug)));
    try {
      const channelId = await job;
      if (channelId === undefined) return undefined;
      // NipahTV asks for the newest page with cursor=0; the background hands out only digits.
      const path = kickPath('api', 'v2', 'channels', String(channelId), 'users', String(userId), 'messages');
      const body = await getBody(`${path}?cursor=${encodeURIComponent(cursor)}`, { session: await sessionHeaders() });
      return body === undefined ? { ok: false, reason: 'kick.com answered 404' } : await check({ userId, body });
    } catch (error) {
      // A channel read that failed is tried again by the next card.
      if (channels.get(channelSlug) === job) void job.catch(() => channels.delete(channelSlug));
      return { ok: false, reason: reasonOf(error) };
    }
  };
  return (channelSlug: string, userId: number, cursor?: string): Promise<ChatHistory | undefined> => {
    if (cursor) return read(channelSlug, userId, cursor);
    const key = `${channelSlug}/${userId}`;
    const kept = newest.get(key);
    if (kept && now() - kept.at < HISTORY_TTL_MS) return kept.page;
    const page = read(channelSlug, userId, '0');
    newest.set(key, { at: now(), page });
    void page.then((p) => p?.ok === false && newest.delete(key));
    return page;
  };
}
export type HistoryReader = ReturnType<typeof createHistoryReader>;
