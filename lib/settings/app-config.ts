import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { browser } from 'wxt/browser';

/** The user's own Kick app (see README: Kick's token endpoint needs the secret even with PKCE). */
export const KICK_SCOPES = [
  { id: 'user:read', required: true, unlocks: 'Names and avatars by user id, and your own account.' },
  { id: 'channel:read', required: true, unlocks: 'Channel details: banner, description, live status, stream title.' },
  { id: 'channel:write', required: false, unlocks: 'Not used by the cards.' },
  { id: 'chat:write', required: false, unlocks: 'Not used by the cards.' },
  { id: 'events:subscribe', required: false, unlocks: 'Not used by the cards.' },
  { id: 'moderation:ban', required: false, unlocks: 'Not used by the cards.' },
] as const;
export const DEFAULT_SCOPES = ['user:read', 'channel:read'];

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
  scopes: z.array(z.string().regex(/^[a-z:_]+$/)).min(1).default(DEFAULT_SCOPES),
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

export const appConfigItem = storage.defineItem<AppConfig | null>('local:kickApp', { version: 1, fallback: null });

/** The saved app, or null when none is saved or the stored value is unusable. */
export async function loadAppConfig(): Promise<AppConfig | null> {
  const parsed = AppConfigSchema.safeParse(await appConfigItem.getValue());
  return parsed.success ? parsed.data : null;
}

export function getRedirectUri(): string {
  return browser.identity.getRedirectURL();
}
