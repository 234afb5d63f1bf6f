import { z } from 'zod';
import { MAX_ANSWER_CHARS } from './answer-size';
import { t } from '@/lib/i18n/messages';

/**
 * Who is signed in on kick.com, from kick.com's own current-user endpoint `GET https://kick.com/api/v1/user`, which the
 * site's scripts call same-origin with the `session_token` cookie as a Bearer token:
 * - Xzensi/NipahTV src/Sites/Kick/KickNetworkInterface.ts (2026-03-28) reads `username` and
 *   `streamer_channel.{id,user_id,slug}`, and src/ContentScripts/page.ts (2026-03-11) sends `Authorization: Bearer
 *   <session_token cookie>` with credentials;
 * - SevenTV/Extension src/site/kick.com/composable/useUserdata.ts (2024-10-09) types the answer
 *   `{ id, username, bio, email, streamer_channel: { slug }, … }` and KickSite.vue uses `id` as the Kick user id;
 * - BP602/KickTalk utils/services/kick/kickAPI.js (2025-09-16, getSelfInfo) sends the same Bearer, and
 *   src/preload/index.js treats an answer without `id` as signed out;
 * - thened/KickSanitizer content.js (2026-08-16) found it answering `{}` to a page's request without that header.
 * So: `{}` (any answer without an id) means nobody is signed in. A 401 is read the same way, a guess (no source shows
 * one). The content script reads the endpoint only when the popup asks (./site-user-read.ts); this side checks it.
 */

/** What the content script hands over: kick.com's status and parsed answer (email dropped), or why the read failed. */
export const RawSiteUserReadSchema = z
  .object({ status: z.number().int().min(0).max(999), value: z.unknown().optional(), error: z.string().max(200).optional() })
  .refine((read) => JSON.stringify(read).length <= MAX_ANSWER_CHARS + 1024, 'kick.com answer too large');
export type RawSiteUserRead = z.infer<typeof RawSiteUserReadSchema>;

const SiteUserAnswerSchema = z.object({
  id: z.number().int().positive(),
  username: z.string().trim().min(1).max(100),
});

export const SiteAccountSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed_in'), userId: z.number().int().positive(), username: z.string() }),
  z.object({ state: z.literal('signed_out') }),
  z.object({ state: z.literal('unknown'), reason: z.string().max(200) }),
]);
export type SiteAccount = z.infer<typeof SiteAccountSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** kick.com's answer, checked: who is signed in there, nobody, or why it cannot be told. */
export function toSiteAccount(raw: unknown): SiteAccount {
  const read = RawSiteUserReadSchema.safeParse(raw);
  if (!read.success) return { state: 'unknown', reason: t('kickWeb.tabShape') };
  const { status, value, error } = read.data;
  if (error) return { state: 'unknown', reason: error };
  if (status === 401) return { state: 'signed_out' };
  if (status !== 200) return { state: 'unknown', reason: `kick.com answered ${status}` };
  if (isRecord(value) && value.id === undefined) return { state: 'signed_out' };
  const user = SiteUserAnswerSchema.safeParse(value);
  if (!user.success) return { state: 'unknown', reason: t('kickWeb.shape') };
  return { state: 'signed_in', userId: user.data.id, username: user.data.username };
}

/**
 * The kick.com account's name when it is not the connected one; undefined when they are the same, or when either is
 * unknown or nobody is signed in on kick.com (nothing worth saying). Same account: equal user ids (a renamed account is
 * still the same), or equal names ignoring case (Kick's names are case-insensitive).
 */
export function otherSiteAccount(connected: { userId?: number; name: string } | undefined, site: SiteAccount | undefined): string | undefined {
  if (!connected || site?.state !== 'signed_in') return undefined;
  const same = connected.userId === site.userId || connected.name.toLowerCase() === site.username.toLowerCase();
  return same ? undefined : site.username;
}
