import { z } from 'zod';

/**
 * Kick's official API answers, checked before use. Tolerant where Kick is known to vary
 * (`name` vs `username`, empty name/email/picture: KickDevDocs #325, #97), strict on the
 * types of the fields we read.
 */

const wrapped = <T extends z.ZodType>(data: T) => z.object({ data, message: z.string().optional() });
const text = z.string().nullish().catch(null).transform((v) => v ?? '');

/**
 * A list whose items are checked one by one: an item that does not parse is dropped, not the
 * whole answer (one drifted channel must not cost the other 24 cards of its batch).
 */
export function lenientList<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).transform((items) =>
    items.flatMap((raw) => {
      const parsed = item.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    }),
  );
}

/** A count shown on a card: anything but a finite number becomes unknown, the rest a whole number ≥ 0. */
const count = z.unknown().transform((v) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : undefined))
  .optional();

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
export const UsersResponseSchema = wrapped(lenientList(KickUserSchema));

export const KickChannelSchema = z.object({
  broadcaster_user_id: z.number().int().positive(),
  slug: z.string().min(1),
  channel_description: text,
  banner_picture: text,
  stream_title: text,
  // Missing with a user token (KickDevDocs #200); id 0 and empty name when offline (#308).
  category: z.object({ id: z.number().optional(), name: text }).nullish().catch(null),
  stream: z
    .object({
      is_live: z.boolean(),
      start_time: z.string().nullish().catch(null),
      viewer_count: count,
    })
    .nullish()
    .catch(null),
});
export type KickChannel = z.infer<typeof KickChannelSchema>;
export const ChannelsResponseSchema = wrapped(lenientList(KickChannelSchema));

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

/**
 * Kick's docs show `"expires_in": ""` (a string) in their examples while real answers are numbers
 * (kick-api.md). A numeric string counts; an empty or unusable one falls back to an hour, a guess
 * that errs short so the token is renewed early rather than used after it died.
 */
const DEFAULT_EXPIRES_IN_S = 3600;
const expiresIn = z
  .union([z.number(), z.string()])
  .optional()
  .transform((v) => {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : DEFAULT_EXPIRES_IN_S;
  });

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
  expires_in: expiresIn,
  scope: z.string().nullish().transform((v) => v ?? ''),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
