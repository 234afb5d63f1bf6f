import { z } from 'zod';

/**
 * Kick's official API answers, checked before use. Tolerant where Kick is known to vary
 * (`name` vs `username`, empty name/email/picture: KickDevDocs #325, #97), strict on the
 * types of the fields we read.
 */

const wrapped = <T extends z.ZodType>(data: T) => z.object({ data, message: z.string().optional() });
const text = z.string().nullish().transform((v) => v ?? '');

export const KickUserSchema = z
  .object({
    user_id: z.number().int().positive(),
    name: z.string().nullish(),
    username: z.string().nullish(),
    email: text,
    profile_picture: text,
  })
  .transform(({ user_id, name, username, email, profile_picture }) => ({
    userId: user_id,
    name: name || username || '',
    email,
    profilePicture: profile_picture,
  }));
export type KickUser = z.infer<typeof KickUserSchema>;
export const UsersResponseSchema = wrapped(z.array(KickUserSchema));

export const KickChannelSchema = z.object({
  broadcaster_user_id: z.number().int().positive(),
  slug: z.string().min(1),
  channel_description: text,
  banner_picture: text,
  stream_title: text,
  category: z.object({ id: z.number().optional(), name: text }).nullish(),
  stream: z
    .object({
      is_live: z.boolean(),
      start_time: z.string().nullish(),
      viewer_count: z.number().int().nonnegative().nullish(),
    })
    .nullish(),
});
export type KickChannel = z.infer<typeof KickChannelSchema>;
export const ChannelsResponseSchema = wrapped(z.array(KickChannelSchema));

export const IntrospectResponseSchema = wrapped(
  z.object({
    active: z.boolean(),
    client_id: z.string().optional(),
    exp: z.number().optional(),
    scope: z.string().optional(),
    token_type: z.string().optional(),
  }),
);
export type Introspection = z.infer<typeof IntrospectResponseSchema>['data'];

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  scope: z.string().optional().default(''),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
