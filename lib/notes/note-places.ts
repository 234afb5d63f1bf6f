import { createStore, delMany, entries, getMany, setMany, type UseStore } from 'idb-keyval';
import { browser } from 'wxt/browser';
import type { AreaProtection } from '../auth/storage-access';

/** A place notes can be kept: the part of a storage area's API the note store uses. */
export interface NoteShelf {
  /** Every item (null), or those of the keys that exist. */
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/**
 * Where the notes may be kept: sync storage while they fit (so they follow the browser profile) and local storage
 * otherwise, or, with no `sync`, one place only.
 */
export interface NotePlaces {
  sync?: NoteShelf;
  local: NoteShelf;
}

/** The browser's storage areas, as they are: for tests, and for the background once Chrome has restricted them. */
export const storagePlaces = (): NotePlaces => ({ sync: browser.storage.sync, local: browser.storage.local });

/**
 * The extension origin's own IndexedDB, a database of its own (idb-keyval opens one object store per database, and
 * `kick-user-cards` holds the secrets). A content script runs in kick.com's origin and cannot open it. One `set` is one
 * transaction: all of it lands or none.
 */
export function notesDatabase(name = 'kick-user-cards-notes'): NoteShelf {
  let db: UseStore | undefined;
  const store = () => (db ??= createStore(name, 'notes'));
  return {
    async get(keys) {
      if (keys === null) return Object.fromEntries((await entries<string, unknown>(store())).map(([k, v]) => [k, v]));
      const values = await getMany(keys, store());
      return Object.fromEntries(keys.flatMap((key, i) => (values[i] === undefined ? [] : [[key, values[i]]])));
    },
    set: (items) => setMany(Object.entries(items), store()),
    remove: (keys) => delMany(keys, store()),
  };
}

/**
 * Where the notes are out of a content script's reach (issue #25, item 8): Chrome's storage areas once both are
 * restricted to the extension (lib/auth/storage-access.ts), else, as in Firefox, where content scripts read both, the
 * extension's IndexedDB, on this device only (sync storage cannot be restricted there).
 */
export async function privateNotePlaces(protection: Promise<AreaProtection>): Promise<NotePlaces> {
  const { local, sync } = await protection;
  return local === 'restricted' && sync === 'restricted' ? storagePlaces() : { local: notesDatabase() };
}
