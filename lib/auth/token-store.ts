import { z } from 'zod';
import { secretStore } from './secret-store';
import { ConnectedUserSchema } from './status-schema';

/**
 * The connected account, persisted as ONE record (in the secret store, lib/auth/secret-store.ts) so
 * a token set is always replaced whole: a service worker killed mid-write leaves either the old
 * complete set or the new one.
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


function parseOrWarn<T>(schema: z.ZodType<T>, raw: unknown, what: string): T | null {
  if (raw === null || raw === undefined) return null;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Never print the value: it may hold tokens.
  console.warn(`[kick-user-cards] stored ${what} is unreadable and was ignored`);
  return null;
}

/** What a change of the account decides: the account to store (`null` removes it; absent leaves it) and its result. */
export interface AccountChange<T> {
  next?: Account | null;
  result: T;
}

/**
 * Changes of the account run one at a time, each on a fresh read. The decision is a plain function
 * of what is stored *now*, so no network wait sits between the read and the write: an operation
 * that waited on Kick (a refresh, the popup's status) applies its answer here, where it can see
 * that someone else changed the account meanwhile. The service worker is the only writer, so an
 * in-memory queue is enough.
 */
let queue: Promise<unknown> = Promise.resolve();

async function readAccount(): Promise<Account | null> {
  return parseOrWarn(AccountSchema, await secretStore.get('kickAccount'), 'account');
}

export const tokenStore = {
  getAccount: readAccount,
  change<T>(decide: (current: Account | null) => AccountChange<T>): Promise<T> {
    const run = queue.then(async () => {
      const { next, result } = decide(await readAccount());
      if (next === null) await secretStore.remove('kickAccount');
      else if (next !== undefined) await secretStore.set('kickAccount', AccountSchema.parse(next));
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  },
  /** Replaces the account whole (a new connection); in the queue like every other change. */
  setAccount(account: Account): Promise<void> {
    return tokenStore.change(() => ({ next: account, result: undefined }));
  },
  clearAccount(): Promise<void> {
    return tokenStore.change(() => ({ next: null, result: undefined }));
  },
  async getAppToken(): Promise<AppToken | null> {
    return parseOrWarn(AppTokenSchema, await secretStore.get('kickAppToken'), 'app token');
  },
  async setAppToken(token: AppToken): Promise<void> {
    await secretStore.set('kickAppToken', token);
  },
  async clearAppToken(): Promise<void> {
    await secretStore.remove('kickAppToken');
  },
};
export type TokenStore = typeof tokenStore;
