import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { ConnectedUserSchema } from './status-schema';

/**
 * The connected account, persisted as ONE storage item so a token set is always replaced whole:
 * a service worker killed mid-write leaves either the old complete set or the new one.
 */
export const TokenSetSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
  scopes: z.array(z.string()),
  obtainedAt: z.number(),
  lastRefreshedAt: z.number().optional(),
});
export type TokenSet = z.infer<typeof TokenSetSchema>;

export const AccountSchema = z.object({
  tokens: TokenSetSchema.nullable(),
  user: ConnectedUserSchema.optional(),
  /** Set when a refresh failed for good: the user must connect again. */
  reconnectReason: z.string().optional(),
});
export type Account = z.infer<typeof AccountSchema>;

export const AppTokenSchema = z.object({ accessToken: z.string().min(1), expiresAt: z.number(), clientId: z.string() });
export type AppToken = z.infer<typeof AppTokenSchema>;

const accountItem = storage.defineItem<unknown>('local:kickAccount', { version: 1, fallback: null });
const appTokenItem = storage.defineItem<unknown>('local:kickAppToken', { version: 1, fallback: null });

function parseOrWarn<T>(schema: z.ZodType<T>, raw: unknown, what: string): T | null {
  if (raw === null || raw === undefined) return null;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Never print the value: it may hold tokens.
  console.warn(`[kick-user-cards] stored ${what} is unreadable and was ignored`);
  return null;
}

export const tokenStore = {
  async getAccount(): Promise<Account | null> {
    return parseOrWarn(AccountSchema, await accountItem.getValue(), 'account');
  },
  async setAccount(account: Account): Promise<void> {
    await accountItem.setValue(AccountSchema.parse(account));
  },
  async clearAccount(): Promise<void> {
    await accountItem.removeValue();
  },
  async getAppToken(): Promise<AppToken | null> {
    return parseOrWarn(AppTokenSchema, await appTokenItem.getValue(), 'app token');
  },
  async setAppToken(token: AppToken): Promise<void> {
    await appTokenItem.setValue(token);
  },
  async clearAppToken(): Promise<void> {
    await appTokenItem.removeValue();
  },
};
export type TokenStore = typeof tokenStore;
