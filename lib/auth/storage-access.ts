import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

/**
 * Chrome lets content scripts read `storage.local` by default. The tokens and the app secret are
 * not there (lib/auth/secret-store.ts keeps them in the extension's IndexedDB), but settings of the
 * account are, so Chrome's storage.local is restricted to the extension's own pages too. Chrome
 * has `setAccessLevel` since 102 (the manifest asks for 116); Firefox has none, and
 * there the protection is the secret store alone.
 */
export type StorageProtection = 'restricted' | 'failed' | 'unsupported';

export const storageProtectionItem = storage.defineItem<StorageProtection | null>('local:storageProtection', { fallback: null });

export async function restrictLocalStorageToExtensionPages(): Promise<StorageProtection> {
  const local = browser.storage.local as { setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };
  let result: StorageProtection = 'unsupported';
  if (local.setAccessLevel) {
    result = await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).then(
      () => 'restricted' as const,
      () => 'failed' as const,
    );
  }
  // Recorded, not only logged: the options page tells the user when Chrome could not do it.
  await storageProtectionItem.setValue(result);
  return result;
}
