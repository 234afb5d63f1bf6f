import { clear, createStore, del, get, set, type UseStore } from 'idb-keyval';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

/**
 * Where the tokens and the app's client secret live: the extension origin's IndexedDB. A content
 * script runs in kick.com's origin, so in neither browser can it open this database, whereas it can
 * read `storage.local` in Firefox (which has no `setAccessLevel`) and in a Chrome whose
 * `setAccessLevel` failed. The background, the popup and the options page share the origin.
 */
/** `moderationLog`: not a secret, but private (lib/moderation/mod-log.ts). */
export type SecretKey = 'kickAccount' | 'kickAppToken' | 'kickClientSecret' | 'moderationLog';

let db: UseStore | undefined;
// Opened on first use, not at import: the content script imports modules that import this one.
const store = () => (db ??= createStore('kick-user-cards', 'secrets'));

/**
 * IndexedDB has no change events across pages, so every write bumps this (a number, no secret in
 * it) in storage.local, which the popup and options page watch to refresh what they show.
 */
export const SECRETS_REVISION_KEY = 'kickSecretsRev';
const revision = storage.defineItem<number>(`local:${SECRETS_REVISION_KEY}`, { fallback: 0 });
const bump = async () => revision.setValue((await revision.getValue()) + 1);

/**
 * Versions before this one kept the account and the app token in storage.local and the secret
 * inside `kickApp` there: moved here once, on first use, and removed from storage.local.
 */
let migrated: Promise<void> | undefined;
async function migrateFromStorageLocal(): Promise<void> {
  const legacy = await browser.storage.local.get(['kickAccount', 'kickAppToken', 'kickApp']);
  const kickApp = legacy.kickApp as { clientSecret?: unknown } | null | undefined;
  const moves: [SecretKey, unknown][] = [
    ['kickAccount', legacy.kickAccount],
    ['kickAppToken', legacy.kickAppToken],
    ['kickClientSecret', kickApp?.clientSecret],
  ];
  for (const [key, value] of moves) if (value !== undefined && value !== null && (await get(key, store())) === undefined) await set(key, value, store());
  if (legacy.kickAccount !== undefined || legacy.kickAppToken !== undefined) await browser.storage.local.remove(['kickAccount', 'kickAppToken']);
  if (kickApp && 'clientSecret' in kickApp) {
    const { clientSecret: _secret, ...rest } = kickApp;
    await browser.storage.local.set({ kickApp: rest });
  }
}
const ready = () => (migrated ??= migrateFromStorageLocal().catch(() => undefined));

export const secretStore = {
  async get(key: SecretKey): Promise<unknown> {
    await ready();
    return get(key, store());
  },
  async set(key: SecretKey, value: unknown): Promise<void> {
    await ready();
    await set(key, value, store());
    await bump();
  },
  async remove(key: SecretKey): Promise<void> {
    await ready();
    await del(key, store());
    await bump();
  },
  /** Every secret gone, and the migration to run again (tests start from a clean browser). */
  async reset(): Promise<void> {
    migrated = undefined;
    await clear(store());
  },
};
