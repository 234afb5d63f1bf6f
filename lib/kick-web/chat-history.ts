import type { ChatHistory, MessageInput } from '../messaging/protocol';
import { getJson, kickPath, reasonOf, WebReadError } from './web-reads';

/**
 * The page's half of Kick's own per-user chat history, which kick.com shows a channel's moderators
 * (`/api/v2/channels/{channelId}/users/{userId}/messages?cursor=…`, paged; source in ./schemas.ts). Read same-origin
 * like the other kick.com reads, only when `/api/v2/channels/{slug}/me` says the signed-in viewer moderates the
 * channel (is_moderator, is_broadcaster or is_super_admin: the fields NipahTV reads before showing its history,
 * src/Sites/Kick/KickNetworkInterface.ts, 2026-03-28), and checked in the background (./chat-history-check.ts).
 * Optional: for everyone else the card keeps this tab's own record, and a failure says why.
 */

export type CheckHistory = (input: MessageInput<'readChatHistory'>) => Promise<ChatHistory>;

export function createHistoryReader(check: CheckHistory) {
  // Per channel, once per page: its id when the viewer moderates it, else undefined (signed out, kick.com refuses /me).
  const channels = new Map<string, Promise<number | undefined>>();
  const moderated = async (slug: string) => {
    const me = (await getJson(kickPath('api', 'v2', 'channels', slug, 'me')).catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!(me?.is_moderator === true || me?.is_broadcaster === true || me?.is_super_admin === true)) return undefined;
    const id = ((await getJson(kickPath('api', 'v2', 'channels', slug))) as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new WebReadError('kick.com answered in an unexpected shape');
    return id;
  };

  /** A page of their messages (`cursor`: from the page before); undefined when the viewer does not moderate the channel. */
  return async (channelSlug: string, userId: number, cursor = '0'): Promise<ChatHistory | undefined> => {
    let job = channels.get(channelSlug);
    if (!job) channels.set(channelSlug, (job = moderated(channelSlug)));
    try {
      const channelId = await job;
      if (channelId === undefined) return undefined;
      // NipahTV asks for the newest page with cursor=0; the background hands out only digits.
      const answer = await getJson(`${kickPath('api', 'v2', 'channels', String(channelId), 'users', String(userId), 'messages')}?cursor=${encodeURIComponent(cursor)}`);
      return answer === 'not_found' ? { ok: false, reason: 'kick.com answered 404' } : await check({ userId, answer });
    } catch (error) {
      // A channel read that failed is tried again by the next card.
      if (channels.get(channelSlug) === job) void job.catch(() => channels.delete(channelSlug));
      return { ok: false, reason: reasonOf(error) };
    }
  };
}
export type HistoryReader = ReturnType<typeof createHistoryReader>;
