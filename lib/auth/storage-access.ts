import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

/**
 * Chrome lets content scripts read `storage.local` and `storage.sync` by default. The tokens and the app secret are in
 * neither (lib/auth/secret-store.ts keeps them in the extension's IndexedDB), but settings of the account are in local
 * and the notes about users in sync or local (lib/notes/note-store.ts), so Chrome's two areas are restricted to the
 * extension's own pages and background: a content script gets its settings and one user's note by message only
 * (issue #25, item 8). Chrome has `setAccessLevel` since 102 (the manifest asks for 116); Firefox has it for
 * `storage.session` only (MDN, StorageArea.setAccessLevel), so there the notes live in the extension's IndexedDB
 * (lib/notes/note-places.ts).
 */
export type StorageProtection = 'restricted' | 'failed' | 'unsupported';
export interface AreaProtection {
  local: StorageProtection;
  sync: StorageProtection;
}

/** The weaker of the two areas' protection, for the options page. */
export const storageProtectionItem = storage.defineItem<StorageProtection | null>('local:storageProtection', { fallback: null });

type Restrictable = { setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

async function restrict(area: Restrictable): Promise<StorageProtection> {
  if (!area.setAccessLevel) return 'unsupported';
  return area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).then(
    () => 'restricted' as const,
    () => 'failed' as const,
  );
}

const weaker = (a: StorageProtection, b: StorageProtection): StorageProtection => (a === 'failed' || b === 'failed' ? 'failed' : a === 'unsupported' || b === 'unsupported' ? 'unsupported' : 'restricted');

export async function restrictStorageToExtensionPages(): Promise<AreaProtection> {
  const result: AreaProtection = {
    local: await restrict(browser.storage.local),
    sync: await restrict(browser.storage.sync),
  };
  // Recorded, not only logged: the options page tells the user when Chrome could not do it.
  await storageProtectionItem.setValue(weaker(result.local, result.sync));
  return result;
}
