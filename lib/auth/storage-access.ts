import { browser } from 'wxt/browser';

/**
 * Chrome lets content scripts read `storage.local` by default, and that is where the tokens and
 * the app secret live. Restricting it to trusted contexts keeps them with the background and the
 * extension's pages only. Firefox has no setAccessLevel: there the content script could read
 * them (it never does), which the README states.
 */
export function restrictLocalStorageToExtensionPages(): void {
  const local = browser.storage.local as { setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };
  local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch((error: unknown) =>
    console.warn('[kick-user-cards] could not restrict storage.local:', error instanceof Error ? error.message : error),
  );
}
