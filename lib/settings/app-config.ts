import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { browser } from 'wxt/browser';
import { secretStore } from '../auth/secret-store';

/** The user's own Kick app (see README: Kick's token endpoint needs the secret even with PKCE). */
/**
 * Only what the cards use. Channels and users by id are read with the app token, which needs no
 * scope (KickDevDocs #325, scopes/scopes.md); the user token only has to say who is connected.
 * `channel:read` lets the user token stand in when the app token is refused.
 */
export const KICK_SCOPES = [
  { id: 'user:read', required: true, unlocks: 'Your own account: name, avatar and id in the popup. Required.' },
  { id: 'channel:read', required: false, unlocks: 'Lets your account load channel details if Kick refuses the app’s own token. Optional.' },
] as const;
export const DEFAULT_SCOPES = ['user:read'];
const KNOWN_SCOPES: readonly string[] = KICK_SCOPES.map((s) => s.id);

const credential = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(200, `${label} is too long.`)
    .regex(/^[A-Za-z0-9._~-]+$/, `${label} has characters Kick never uses; paste it again from Kick's developer settings.`);

export const AppConfigSchema = z.object({
  clientId: credential('Client ID'),
  clientSecret: credential('Client secret'),
  // Scopes saved by older versions that the cards never used are dropped; user:read is always asked for.
  scopes: z
    .array(z.string())
    .default(DEFAULT_SCOPES)
    .transform((scopes) => [...new Set(['user:read', ...scopes.filter((s) => KNOWN_SCOPES.includes(s))])]),
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

/** What storage.local keeps of the app: no secret (that is in lib/auth/secret-store.ts). */
const StoredAppSchema = AppConfigSchema.omit({ clientSecret: true });
const appConfigItem = storage.defineItem<unknown>('local:kickApp', { version: 1, fallback: null });

/** The saved app, or null when none is saved or the stored value is unusable. */
export async function loadAppConfig(): Promise<AppConfig | null> {
  const [stored, clientSecret] = await Promise.all([appConfigItem.getValue(), secretStore.get('kickClientSecret')]);
  const parsed = AppConfigSchema.safeParse(stored && typeof stored === 'object' ? { ...stored, clientSecret } : null);
  return parsed.success ? parsed.data : null;
}

/** Saves a checked app: the secret first, so a saved client id never points at a missing secret. */
export async function saveAppConfig(config: AppConfig): Promise<void> {
  await secretStore.set('kickClientSecret', config.clientSecret);
  await appConfigItem.setValue(StoredAppSchema.parse(config));
}

export function getRedirectUri(): string {
  return browser.identity.getRedirectURL();
}
