import { browser } from 'wxt/browser';
import { noteKey, NoteSchema, type Note, type NoteInput, type NoteUser } from './schema';
import { sizeInWords } from './notes-file';
import { t } from '@/lib/i18n/messages';
import { notesDatabase, storagePlaces, type NotePlaces, type NoteShelf } from './note-places';
import { chooseNotesArea, measure, NOTES_MAX_BYTES, syncQuotas, type NotesArea, type SyncQuotas, type Usage } from './storage-area';
import { NOTE_PREFIX, NOTES_AREA_KEY } from './storage-keys';

const storageKey = (user: NoteUser) => NOTE_PREFIX + noteKey(user);

type Entries = Record<string, Note>;

export interface NotesOverview {
  notes: Note[];
  /** `device`: the extension's own database, where the browser cannot keep sync storage from content scripts. */
  area: NotesArea | 'device';
  usage: Usage;
  quotas: SyncQuotas;
}

/** The notes would take more than NOTES_MAX_BYTES: said in words, and nothing was written. */
export class NotesFullError extends Error {
  constructor(readonly bytes: number) {
    super(t('notesFile.full', { size: sizeInWords(bytes), max: sizeInWords(NOTES_MAX_BYTES) }));
    this.name = 'NotesFullError';
  }
}

/**
 * The notes, owned by the background: one storage item per note, all in sync storage while they fit its quota and
 * all in local storage otherwise (./storage-area.ts decides; the options page says which), or all in the extension's
 * own database where the browser cannot keep those areas from content scripts (./note-places.ts). Writes run one at a time,
 * so a save, a delete and an import never interleave their read and write.
 */
export function createNoteStore(
  opts: {
    now?: () => number;
    quotas?: SyncQuotas;
    /** Where the notes may be kept (./note-places.ts); the storage areas as they are unless the background says. */
    places?: () => Promise<NotePlaces>;
    /** After every change that landed: the background tells kick.com tabs their cached notes are stale. */
    onChange?: () => void;
  } = {},
) {
  const now = opts.now ?? Date.now;
  const quotas = () => opts.quotas ?? syncQuotas(browser.storage.sync);
  let placed: Promise<NotePlaces> | undefined;
  /** The places, once the notes from any other place are gathered into them (never lost on the way: see gather). */
  const places = () =>
    (placed ??= (opts.places ? opts.places() : Promise.resolve(storagePlaces())).then(async (p) => {
      await gather(p).catch((error: unknown) => console.warn('[kick-user-cards] notes kept elsewhere could not be moved yet:', (error as Error).message));
      return p;
    }));
  const shelf = (p: NotePlaces, area: NotesArea): NoteShelf => (area === 'sync' && p.sync ? p.sync : p.local);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function currentArea(p: NotePlaces): Promise<NotesArea> {
    if (!p.sync) return 'local';
    return (await browser.storage.local.get(NOTES_AREA_KEY))[NOTES_AREA_KEY] === 'local' ? 'local' : 'sync';
  }

  /** Every valid note among an area's items, by storage key. */
  function notesIn(items: Record<string, unknown>): Entries {
    const notes: Entries = {};
    for (const [key, value] of Object.entries(items)) {
      if (!key.startsWith(NOTE_PREFIX)) continue;
      const parsed = NoteSchema.safeParse(value);
      if (parsed.success) notes[key] = parsed.data;
    }
    return notes;
  }
  const readNotes = async (p: NotePlaces, area: NotesArea) => notesIn(await shelf(p, area).get(null));

  /**
   * Applies `set` and `remove` to the notes, in the area they then belong in. Moving writes the new area before the
   * old one is emptied, so a failure midway leaves a copy, never none. A sync write the browser refuses (its quota,
   * or its write rate) moves the notes to local rather than lose the change.
   */
  async function commit(p: NotePlaces, set: Entries, remove: string[] = []): Promise<void> {
    const from = await currentArea(p);
    const syncItems = p.sync ? await p.sync.get(null) : {};
    const notes = from === 'sync' ? notesIn(syncItems) : await readNotes(p, 'local');
    const next: Entries = { ...notes };
    for (const key of remove) delete next[key];
    Object.assign(next, set);
    const after = measure(next).bytes;
    // Bounded here, for every writer; a change that shrinks them is always let through.
    if (after > NOTES_MAX_BYTES && after > measure(notes).bytes) throw new NotesFullError(after);
    // What else sync holds (the settings) shares its quota with the notes.
    const others = measure(Object.fromEntries(Object.entries(syncItems).filter(([key]) => !key.startsWith(NOTE_PREFIX))));
    const to = p.sync ? chooseNotesArea(from, measure(next), others, quotas()) : 'local';
    if (to !== from) return move(p, notes, next, from, to);
    try {
      if (Object.keys(set).length) await shelf(p, to).set(set);
      const gone = remove.filter((key) => !(key in set));
      if (gone.length) await shelf(p, to).remove(gone);
    } catch (error) {
      if (to === 'local') throw error;
      await move(p, notes, next, 'sync', 'local');
    }
  }

  async function move(p: NotePlaces, before: Entries, next: Entries, from: NotesArea, to: NotesArea): Promise<void> {
    try {
      await shelf(p, to).set(next);
    } catch (error) {
      if (to === 'local') throw error;
      return move(p, before, next, from, 'local');
    }
    await browser.storage.local.set({ [NOTES_AREA_KEY]: to });
    const old = Object.keys(before);
    if (from !== to && old.length) await shelf(p, from).remove(old);
  }

  /**
   * Notes an earlier version (or this one, before the browser's protection changed) kept elsewhere: in storage.sync or
   * storage.local, where Firefox's content scripts read them, when the notes now live in the extension's database; in
   * the database when they live in storage again. Written here first (the newer of two notes about one user wins), then
   * removed there, so a failure midway leaves a copy, never none.
   */
  async function gather(p: NotePlaces): Promise<void> {
    const elsewhere: NoteShelf[] = p.sync ? [notesDatabase()] : [browser.storage.sync, browser.storage.local];
    for (const other of elsewhere) {
      const found = notesIn(await other.get(null));
      const keys = Object.keys(found);
      if (keys.length === 0) continue;
      const here = await readNotes(p, await currentArea(p));
      const newer = Object.fromEntries(Object.entries(found).filter(([key, note]) => !here[key] || here[key].updatedAt < note.updatedAt));
      if (Object.keys(newer).length) await commit(p, newer);
      await other.remove(keys);
    }
    if (!p.sync) await browser.storage.local.remove(NOTES_AREA_KEY);
  }

  /**
   * The note about a user: under their id or their name; and, with no id given (a content script names the user only,
   * and the background may not know the id: lib/background/note-identity.ts), the newest note kept about that name.
   */
  async function find(p: NotePlaces, user: NoteUser): Promise<{ key: string; note: Note } | undefined> {
    const area = await currentArea(p);
    const keys = [storageKey(user), storageKey({ username: user.username })];
    const found = await shelf(p, area).get(keys);
    for (const key of keys) {
      const parsed = NoteSchema.safeParse(found[key]);
      if (parsed.success) return { key, note: parsed.data };
    }
    if (user.userId !== undefined) return undefined;
    const name = user.username.toLowerCase();
    const named = Object.entries(await readNotes(p, area))
      .filter(([, note]) => note.username.toLowerCase() === name)
      .sort(([, a], [, b]) => b.updatedAt - a.updatedAt)[0];
    return named && { key: named[0], note: named[1] };
  }

  const changed = <T>(value: T): T => {
    opts.onChange?.();
    return value;
  };

  return {
    /**
     * The note about a user. A note saved by username moves under the user id once the background knows it, so it
     * follows the user through a rename; one already kept under the id wins, and the older one stays for the options page.
     */
    get: (user: NoteUser): Promise<Note | null> =>
      serial(async () => {
        const p = await places();
        const hit = await find(p, user);
        if (!hit) return null;
        const idKey = storageKey(user);
        if (user.userId === undefined || hit.key === idKey) return hit.note;
        const moved = { ...hit.note, userId: user.userId };
        await commit(p, { [idKey]: moved }, [hit.key]);
        return changed(moved);
      }),

    /** Saves the nickname and note; both empty deletes the note. Answers what is stored now. */
    save: (input: NoteInput): Promise<Note | null> =>
      serial(async () => {
        const p = await places();
        const hit = await find(p, input);
        const key = storageKey(input);
        const stale = hit && hit.key !== key ? [hit.key] : [];
        if (input.nickname === '' && input.note === '') {
          await commit(p, {}, [key, ...stale]);
          return changed(null);
        }
        const userId = input.userId ?? hit?.note.userId;
        const note = NoteSchema.parse({ ...(userId !== undefined ? { userId } : {}), username: input.username, nickname: input.nickname, note: input.note, updatedAt: now() });
        await commit(p, { [storageKey(note)]: note }, stale.filter((k) => k !== storageKey(note)));
        return changed(note);
      }),

    remove: (user: NoteUser): Promise<void> =>
      serial(async () => {
        const p = await places();
        const hit = await find(p, user);
        await commit(p, {}, [storageKey(user), ...(hit ? [hit.key] : [])]);
        changed(undefined);
      }),

    /** Every note, newest first, with where they are kept and how much of sync storage's quota they would use. */
    list: (): Promise<NotesOverview> =>
      serial(async () => {
        const p = await places();
        const area = await currentArea(p);
        const notes = await readNotes(p, area);
        return { notes: Object.values(notes).sort((a, b) => b.updatedAt - a.updatedAt), area: p.sync ? area : 'device', usage: measure(notes), quotas: quotas() };
      }),

    /** Adds the notes (already checked, ./notes-file.ts), replacing the ones about the same users, in one write. */
    import: (notes: readonly Note[]): Promise<number> =>
      serial(async () => {
        const set: Entries = {};
        for (const note of notes) set[storageKey(note)] = note;
        await commit(await places(), set);
        return changed(notes.length);
      }),
  };
}
export type NoteStore = ReturnType<typeof createNoteStore>;
