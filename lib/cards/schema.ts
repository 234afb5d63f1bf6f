import { z } from 'zod';

/**
 * The shapes a user card is built from. The background answers with an `OfficialProfile`
 * (official API), the content script reads a `WebProfile` (kick.com's own endpoints, same-origin),
 * and `lib/cards/merge.ts` folds both into the `UserCard` the UI renders. Every field is optional
 * so the card degrades field by field.
 */

/** Only https URLs survive; anything else (javascript:, data:, http:) becomes undefined. */
export const HttpsUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .transform((value, ctx) => {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' && !url.username && !url.password) return url.href;
    } catch {
      /* fall through */
    }
    ctx.addIssue({ code: 'custom', message: 'not an https URL' });
    return z.NEVER;
  });

export const LiveStatusSchema = z.object({
  isLive: z.boolean(),
  viewerCount: z.number().int().nonnegative().optional(),
  title: z.string().max(500).optional(),
  category: z.string().max(200).optional(),
  startedAt: z.string().optional(),
});
export type LiveStatus = z.infer<typeof LiveStatusSchema>;

/** What the official API tells about one username (via channels by slug, then users by id). */
export const OfficialProfileSchema = z.object({
  userId: z.number().int().positive(),
  slug: z.string().min(1),
  name: z.string().optional(),
  avatarUrl: HttpsUrlSchema.optional(),
  bannerUrl: HttpsUrlSchema.optional(),
  channelDescription: z.string().max(5000).optional(),
  live: LiveStatusSchema.optional(),
});
export type OfficialProfile = z.infer<typeof OfficialProfileSchema>;

export const SocialNetworkSchema = z.enum(['instagram', 'twitter', 'youtube', 'discord', 'tiktok', 'facebook']);
export type SocialNetwork = z.infer<typeof SocialNetworkSchema>;

export const SocialLinkSchema = z.object({
  network: SocialNetworkSchema,
  handle: z.string(),
  url: HttpsUrlSchema,
});
export type SocialLink = z.infer<typeof SocialLinkSchema>;

export const RoleSchema = z.enum(['owner', 'moderator', 'vip', 'og', 'subscriber', 'staff', 'founder', 'verified']);
export type Role = z.infer<typeof RoleSchema>;

export const BadgeSchema = z.object({ type: z.string(), text: z.string(), count: z.number().int().optional() });
export type Badge = z.infer<typeof BadgeSchema>;

export const BanSchema = z.object({
  reason: z.string().optional(),
  createdAt: z.string().optional(),
  expiresAt: z.string().optional(),
  permanent: z.boolean(),
});

/** The user's standing in the channel being watched (kick.com's own endpoint). */
export const ChannelRelationSchema = z.object({
  channelSlug: z.string(),
  followingSince: z.string().optional(),
  subscribedMonths: z.number().int().nonnegative().optional(),
  badges: z.array(BadgeSchema),
  roles: z.array(RoleSchema),
  ban: BanSchema.optional(),
});
export type ChannelRelation = z.infer<typeof ChannelRelationSchema>;

/** What kick.com's own (unofficial) endpoints add. */
export const WebProfileSchema = z.object({
  userId: z.number().int().positive().optional(),
  slug: z.string().optional(),
  username: z.string().optional(),
  avatarUrl: HttpsUrlSchema.optional(),
  bannerUrl: HttpsUrlSchema.optional(),
  bio: z.string().max(5000).optional(),
  verified: z.boolean().optional(),
  followersCount: z.number().int().nonnegative().optional(),
  channelCreatedAt: z.string().optional(),
  live: LiveStatusSchema.optional(),
  socials: z.array(SocialLinkSchema).optional(),
  relation: ChannelRelationSchema.optional(),
});
export type WebProfile = z.infer<typeof WebProfileSchema>;

export const SourceStateSchema = z.enum(['ok', 'not_found', 'error', 'skipped']);

/** The one model the card renders. */
export const UserCardSchema = z.object({
  username: z.string(),
  slug: z.string().optional(),
  userId: z.number().int().positive().optional(),
  displayName: z.string().optional(),
  avatarUrl: z.string().optional(),
  bannerUrl: z.string().optional(),
  bio: z.string().optional(),
  verified: z.boolean().optional(),
  live: LiveStatusSchema.optional(),
  followersCount: z.number().int().nonnegative().optional(),
  channelCreatedAt: z.string().optional(),
  socials: z.array(SocialLinkSchema),
  relation: ChannelRelationSchema.optional(),
  sources: z.object({ official: SourceStateSchema, web: SourceStateSchema }),
});
export type UserCard = z.infer<typeof UserCardSchema>;
