import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { restrictLocalStorageToExtensionPages, storageProtectionItem } from './storage-access';

type Local = { setAccessLevel?: (o: unknown) => Promise<void> };

describe('storage.local access level', () => {
  it('records whether Chrome restricted storage.local, so the options page can say when it could not', async () => {
    const local = fakeBrowser.storage.local as unknown as Local;
    local.setAccessLevel = () => Promise.reject(new Error('not supported'));
    expect(await restrictLocalStorageToExtensionPages()).toBe('failed');
    expect(await storageProtectionItem.getValue()).toBe('failed');
    local.setAccessLevel = () => Promise.resolve();
    expect(await restrictLocalStorageToExtensionPages()).toBe('restricted');
    delete local.setAccessLevel;
    expect(await restrictLocalStorageToExtensionPages()).toBe('unsupported');
  });
});
