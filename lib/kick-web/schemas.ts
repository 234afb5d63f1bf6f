import { z } from 'zod';

/**
 * kick.com's own (unofficial) endpoints, read same-origin from the page. Unsupported for outside
 * apps (KickDevDocs #354) and liable to change: every field is optional and checked.
 */
// A field of the wrong type is dropped (undefined), never fatal: kick.com changes without notice.
const str = z.string().nullish().catch(undefined);
const num = z.number().nullish().catch(undefined);
/** Counts shown on a card: a negative or fractional one becomes a whole number ≥ 0. */
const count = z
  .unknown()
  .transform((v) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : undefined))
  .optional();
const bool = z.boolean().nullish().catch(undefined);

export const WebChannelSchema = z.object({
  id: num,
  user_id: num,
  slug: str,
  verified: bool,
  followers_count: count,
  user: z
    .object({
      id: num,
      username: str,
      bio: str,
      profile_pic: str,
      instagram: str,
      twitter: str,
      youtube: str,
      discord: str,
      tiktok: str,
      facebook: str,
    })
    .nullish()
    .catch(undefined),
  banner_image: z.object({ url: str }).nullish().catch(undefined),
  livestream: z
    .object({
      is_live: bool,
      session_title: str,
      viewer_count: count,
      created_at: str,
      categories: z.array(z.object({ name: str })).nullish().catch(undefined),
    })
    .nullish()
    .catch(undefined),
  chatroom: z.object({ created_at: str }).nullish().catch(undefined),
});
export type WebChannel = z.infer<typeof WebChannelSchema>;

export const WebChannelUserSchema = z.object({
  id: num,
  username: str,
  slug: str,
  profile_pic: str,
  badges: z
    .array(z.object({ type: z.string().max(100), text: z.string().max(200), count: count }))
    .nullish()
    .catch(undefined),
  following_since: str,
  subscribed_for: count,
  is_channel_owner: bool,
  is_moderator: bool,
  is_staff: bool,
  banned: z
    .object({ reason: str, created_at: str, expires_at: str, permanent: bool })
    .nullish()
    .catch(undefined),
});
export type WebChannelUser = z.infer<typeof WebChannelUserSchema>;

/**
 * A page of one user's messages in a channel's chat, as kick.com shows it to the channel's moderators
 * (`/api/v2/channels/{channelId}/users/{userId}/messages?cursor=…`). Source: Xzensi/NipahTV
 * src/Sites/Kick/KickNetworkInterface.ts `getUserMessages` and src/Core/Users/UserInfoModal.ts (HEAD aab495c,
 * 2026-03-31; fixed for Kick's answer in 732600d, 2025-06-14): the body is `{ data: { messages, cursor } }`, each
 * message `{ id, content, created_at, sender: { id, username, identity } }`, and a falsy cursor means no older page.
 */
export const WebUserMessagesSchema = z.object({
  data: z.object({
    messages: z.array(z.object({ content: str, created_at: str, sender: z.object({ id: num }).nullish().catch(undefined) }).catch({})),
    cursor: z.union([z.string(), z.number()]).nullish().catch(undefined),
  }),
});
export type WebUserMessages = z.infer<typeof WebUserMessagesSchema>;
