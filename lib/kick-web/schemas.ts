import { z } from 'zod';

/**
 * kick.com's own (unofficial) endpoints, read same-origin from the page. Unsupported for outside
 * apps (KickDevDocs #354) and liable to change: every field is optional and checked.
 */
const str = z.string().nullish();
const num = z.number().nullish();

export const WebChannelSchema = z.object({
  id: num,
  user_id: num,
  slug: str,
  verified: z.boolean().nullish(),
  followers_count: num,
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
    .nullish(),
  banner_image: z.object({ url: str }).nullish(),
  livestream: z
    .object({
      is_live: z.boolean().nullish(),
      session_title: str,
      viewer_count: num,
      created_at: str,
      categories: z.array(z.object({ name: str })).nullish(),
    })
    .nullish(),
  chatroom: z.object({ created_at: str }).nullish(),
});
export type WebChannel = z.infer<typeof WebChannelSchema>;

export const WebChannelUserSchema = z.object({
  id: num,
  username: str,
  slug: str,
  profile_pic: str,
  badges: z.array(z.object({ type: z.string(), text: z.string(), count: z.number().int().nullish() })).nullish(),
  following_since: str,
  subscribed_for: num,
  is_channel_owner: z.boolean().nullish(),
  is_moderator: z.boolean().nullish(),
  is_staff: z.boolean().nullish(),
  banned: z
    .object({ reason: str, created_at: str, expires_at: str, permanent: z.boolean().nullish() })
    .nullish(),
});
export type WebChannelUser = z.infer<typeof WebChannelUserSchema>;
