// Unit tests run in Node, which has no IndexedDB: the secret store gets an in-memory one, emptied
// before each test like fakeBrowser's storage. Imported late, so WXT's fake browser is in place
// before the storage module reads it.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { useLocale } from './i18n';

beforeEach(async () => {
  useLocale('en', 'en-US');
  const { secretStore } = await import('../../lib/auth/secret-store');
  await secretStore.reset();
});
