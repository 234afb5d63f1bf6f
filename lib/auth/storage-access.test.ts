import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { restrictStorageToExtensionPages, storageProtectionItem } from './storage-access';

type Restrictable = { setAccessLevel?: (o: unknown) => Promise<void> };

describe('storage access levels', () => {
  it('restricts storage.local and storage.sync, and records the weaker, so the options page can say when it could not', async () => {
    const local = fakeBrowser.storage.local as unknown as Restrictable;
    const sync = fakeBrowser.storage.sync as unknown as Restrictable;
    const asked: unknown[] = [];
    local.setAccessLevel = () => Promise.reject(new Error('not supported'));
    sync.setAccessLevel = (o) => (asked.push(o), Promise.resolve());
    expect(await restrictStorageToExtensionPages()).toEqual({ local: 'failed', sync: 'restricted' });
    expect(asked).toEqual([{ accessLevel: 'TRUSTED_CONTEXTS' }]);
    expect(await storageProtectionItem.getValue()).toBe('failed');
    local.setAccessLevel = () => Promise.resolve();
    expect(await restrictStorageToExtensionPages()).toEqual({ local: 'restricted', sync: 'restricted' });
    expect(await storageProtectionItem.getValue()).toBe('restricted');
    delete local.setAccessLevel;
    delete sync.setAccessLevel;
    expect(await restrictStorageToExtensionPages()).toEqual({ local: 'unsupported', sync: 'unsupported' });
  });
});
