import { z } from 'zod';

/** What the popup and options page show about the account, one state at a time. */
export const ConnectedUserSchema = z.object({
  userId: z.number().int().positive(),
  name: z.string(),
  avatarUrl: z.string().optional(),
  /** Only ever sent to the extension's own pages, shown on request, never logged. */
  email: z.string().optional(),
});
export type ConnectedUser = z.infer<typeof ConnectedUserSchema>;

export const TokenInfoSchema = z.object({
  active: z.boolean(),
  expiresAt: z.number().optional(),
  scopes: z.array(z.string()),
  lastRefreshedAt: z.number().optional(),
  checkedAt: z.number(),
});
export type TokenInfo = z.infer<typeof TokenInfoSchema>;

/** Which way the account connects: the build's token relay, or the user's own Kick app. */
const via = z.enum(['relay', 'own']).optional();

export const AuthStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not_configured'), via }),
  /** `appError`: Kick refused the app's own credentials (client_credentials), said in words. */
  z.object({ state: z.literal('disconnected'), appToken: z.boolean(), appError: z.string().optional(), via }),
  z.object({ state: z.literal('connecting'), via }),
  z.object({ state: z.literal('connected'), user: ConnectedUserSchema, token: TokenInfoSchema, via }),
  z.object({ state: z.literal('reconnect_needed'), reason: z.string(), user: ConnectedUserSchema.optional(), via }),
  z.object({ state: z.literal('error'), message: z.string(), user: ConnectedUserSchema.optional(), via }),
]);
export type AuthStatus = z.infer<typeof AuthStatusSchema>;
