import { LruMap } from '../cache/lru';
import type { ChatHistory, MessageInput } from '../messaging/protocol';
import { getBody, getJson, kickPath, reasonOf, sessionHeaders, WebReadError } from './web-reads';
import { t } from '@/lib/i18n/messages';

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
/** Whether the viewer moderates a channel is asked again after this: a sign-in, or a role given or taken, shows by then. */
export const MODERATOR_CHECK_TTL_MS = 5 * 60_000;

export function createHistoryReader(check: CheckHistory, now = Date.now) {
  // Per channel: its id when the viewer moderates it, else undefined (/me says no or refuses); failed checks are not kept.
  const channels = new Map<string, { at: number; job: Promise<number | undefined> }>();
  // Newest pages by channel and user, the least recently read first; failures are not kept.
  const newest = new LruMap<string, { at: number; page: Promise<ChatHistory | undefined> }>(50);
  const moderated = async (slug: string, session: Record<string, string>) => {
    let me: Record<string, unknown> | undefined;
    try {
      me = (await getJson(kickPath('api', 'v2', 'channels', slug, 'me'), { session })) as Record<string, unknown> | undefined;
    } catch (error) {
      // Refused: the session is not one kick.com takes, so no moderator. Any other failure says nothing either way.
      if (error instanceof WebReadError && (error.status === 401 || error.status === 403)) return undefined;
      throw new WebReadError(t('kickWeb.modUnknown', { reason: reasonOf(error) }));
    }
    if (!(me?.is_moderator === true || me?.is_broadcaster === true || me?.is_super_admin === true)) return undefined;
    const id = ((await getJson(kickPath('api', 'v2', 'channels', slug))) as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new WebReadError(t('kickWeb.shape'));
    return id;
  };

  /**
   * The channel's check, asked again after MODERATOR_CHECK_TTL_MS; undefined when signed out (no session token for the
   * site's calls): then nobody moderates anything, with no need to ask, nor to remember.
   */
  const standing = async (channelSlug: string) => {
    const session = await sessionHeaders();
    if (!session.authorization) return undefined;
    let entry = channels.get(channelSlug);
    if (!entry || now() - entry.at >= MODERATOR_CHECK_TTL_MS) channels.set(channelSlug, (entry = { at: now(), job: moderated(channelSlug, session) }));
    return { entry, session };
  };
  /** A page of their messages (`cursor`: from the page before); undefined when the viewer does not moderate the channel. */
  const read = async (channelSlug: string, userId: number, cursor: string): Promise<ChatHistory | undefined> => {
    const known = await standing(channelSlug);
    if (!known) return undefined;
    const { entry, session } = known;
    const { job } = entry;
    try {
      const channelId = await job;
      if (channelId === undefined) return undefined;
      // NipahTV asks for the newest page with cursor=0; the background hands out only digits.
      const path = kickPath('api', 'v2', 'channels', String(channelId), 'users', String(userId), 'messages');
      const body = await getBody(`${path}?cursor=${encodeURIComponent(cursor)}`, { session });
      return body === undefined ? { ok: false, reason: 'kick.com answered 404' } : await check({ userId, body });
    } catch (error) {
      // A check or channel read that failed is tried again by the next card.
      if (channels.get(channelSlug) === entry) void job.catch(() => channels.delete(channelSlug));
      return { ok: false, reason: reasonOf(error) };
    }
  };
  /**
   * Whether kick.com says the signed-in viewer moderates the channel (the same answer the history waits on): undefined
   * when signed out on kick.com or when it could not tell.
   */
  const moderates = async (channelSlug: string): Promise<boolean | undefined> => {
    const entry = (await standing(channelSlug))?.entry;
    if (!entry) return undefined;
    const { job } = entry;
    try {
      return (await job) !== undefined;
    } catch {
      if (channels.get(channelSlug) === entry) channels.delete(channelSlug);
      return undefined;
    }
  };
  const history = (channelSlug: string, userId: number, cursor?: string): Promise<ChatHistory | undefined> => {
    if (cursor) return read(channelSlug, userId, cursor);
    const key = `${channelSlug}/${userId}`;
    const kept = newest.get(key);
    if (kept && now() - kept.at < HISTORY_TTL_MS) return kept.page;
    const page = read(channelSlug, userId, '0');
    newest.set(key, { at: now(), page });
    void page.then((p) => p?.ok === false && newest.delete(key));
    return page;
  };
  return Object.assign(history, { moderates });
}
export type HistoryReader = ReturnType<typeof createHistoryReader>;
