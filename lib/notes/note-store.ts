import { browser } from 'wxt/browser';
import { noteKey, NoteSchema, type Note, type NoteInput, type NoteUser } from './schema';
import { sizeInWords } from './notes-file';
import { chooseNotesArea, measure, NOTES_MAX_BYTES, syncQuotas, type NotesArea, type SyncQuotas, type Usage } from './storage-area';
import { NOTE_PREFIX, NOTES_AREA_KEY } from './storage-keys';

const storageKey = (user: NoteUser) => NOTE_PREFIX + noteKey(user);

type Area = Pick<typeof browser.storage.local, 'get' | 'set' | 'remove'>;
type Entries = Record<string, Note>;

export interface NotesOverview {
  notes: Note[];
  area: NotesArea;
  usage: Usage;
  quotas: SyncQuotas;
}

/** The notes would take more than NOTES_MAX_BYTES: said in words, and nothing was written. */
export class NotesFullError extends Error {
  constructor(readonly bytes: number) {
    super(
      `Your notes would take ${sizeInWords(bytes)} of the browser's storage, and they may take at most ${sizeInWords(NOTES_MAX_BYTES)} ` +
        '(counted in bytes: letters outside plain English take 2 to 4 bytes each). Nothing was changed.',
    );
    this.name = 'NotesFullError';
  }
}

/**
 * The notes, owned by the background: one storage item per note, all in sync storage while they fit its quota and
 * all in local storage otherwise (./storage-area.ts decides; the options page says which). Writes run one at a time,
 * so a save, a delete and an import never interleave their read and write.
 */
export function createNoteStore(opts: { now?: () => number; quotas?: SyncQuotas } = {}) {
  const now = opts.now ?? Date.now;
  const quotas = () => opts.quotas ?? syncQuotas(browser.storage.sync);
  const areas: Record<NotesArea, Area> = { sync: browser.storage.sync, local: browser.storage.local };
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function currentArea(): Promise<NotesArea> {
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
  const readNotes = async (area: NotesArea) => notesIn(await areas[area].get(null));

  /**
   * Applies `set` and `remove` to the notes, in the area they then belong in. Moving writes the new area before the
   * old one is emptied, so a failure midway leaves a copy, never none. A sync write the browser refuses (its quota,
   * or its write rate) moves the notes to local rather than lose the change.
   */
  async function commit(set: Entries, remove: string[] = []): Promise<void> {
    const from = await currentArea();
    const syncItems = await areas.sync.get(null);
    const notes = from === 'sync' ? notesIn(syncItems) : await readNotes('local');
    const next: Entries = { ...notes };
    for (const key of remove) delete next[key];
    Object.assign(next, set);
    const after = measure(next).bytes;
    // Bounded here, for every writer; a change that shrinks them is always let through.
    if (after > NOTES_MAX_BYTES && after > measure(notes).bytes) throw new NotesFullError(after);
    // What else sync holds (the settings) shares its quota with the notes.
    const others = measure(Object.fromEntries(Object.entries(syncItems).filter(([key]) => !key.startsWith(NOTE_PREFIX))));
    const to = chooseNotesArea(from, measure(next), others, quotas());
    if (to !== from) return move(notes, next, from, to);
    try {
      if (Object.keys(set).length) await areas[to].set(set);
      const gone = remove.filter((key) => !(key in set));
      if (gone.length) await areas[to].remove(gone);
    } catch (error) {
      if (to === 'local') throw error;
      await move(notes, next, 'sync', 'local');
    }
  }

  async function move(before: Entries, next: Entries, from: NotesArea, to: NotesArea): Promise<void> {
    try {
      await areas[to].set(next);
    } catch (error) {
      if (to === 'local') throw error;
      return move(before, next, from, 'local');
    }
    await browser.storage.local.set({ [NOTES_AREA_KEY]: to });
    const old = Object.keys(before);
    if (from !== to && old.length) await areas[from].remove(old);
  }

  async function find(user: NoteUser): Promise<{ key: string; note: Note } | undefined> {
    const area = await currentArea();
    const keys = [storageKey(user), storageKey({ username: user.username })];
    const found = await areas[area].get(keys);
    for (const key of keys) {
      const parsed = NoteSchema.safeParse(found[key]);
      if (parsed.success) return { key, note: parsed.data };
    }
    return undefined;
  }

  return {
    /**
     * The note about a user. A note saved by username moves under the user id once a card knows it, so it follows
     * the user through a rename; one already kept under the id wins, and the older one stays for the options page.
     */
    get: (user: NoteUser): Promise<Note | null> =>
      serial(async () => {
        const hit = await find(user);
        if (!hit) return null;
        const idKey = storageKey(user);
        if (user.userId === undefined || hit.key === idKey) return hit.note;
        const moved = { ...hit.note, userId: user.userId };
        await commit({ [idKey]: moved }, [hit.key]);
        return moved;
      }),

    /** Saves the nickname and note; both empty deletes the note. Answers what is stored now. */
    save: (input: NoteInput): Promise<Note | null> =>
      serial(async () => {
        const hit = await find(input);
        const key = storageKey(input);
        const stale = hit && hit.key !== key ? [hit.key] : [];
        if (input.nickname === '' && input.note === '') {
          await commit({}, [key, ...stale]);
          return null;
        }
        const userId = input.userId ?? hit?.note.userId;
        const note = NoteSchema.parse({ ...(userId !== undefined ? { userId } : {}), username: input.username, nickname: input.nickname, note: input.note, updatedAt: now() });
        await commit({ [storageKey(note)]: note }, stale.filter((k) => k !== storageKey(note)));
        return note;
      }),

    remove: (user: NoteUser): Promise<void> =>
      serial(async () => {
        const hit = await find(user);
        await commit({}, [storageKey(user), ...(hit ? [hit.key] : [])]);
      }),

    /** Every note, newest first, with where they are kept and how much of sync storage's quota they would use. */
    list: (): Promise<NotesOverview> =>
      serial(async () => {
        const area = await currentArea();
        const notes = await readNotes(area);
        return { notes: Object.values(notes).sort((a, b) => b.updatedAt - a.updatedAt), area, usage: measure(notes), quotas: quotas() };
      }),

    /** Adds the notes (already checked, ./notes-file.ts), replacing the ones about the same users, in one write. */
    import: (notes: readonly Note[]): Promise<number> =>
      serial(async () => {
        const set: Entries = {};
        for (const note of notes) set[storageKey(note)] = note;
        await commit(set);
        return notes.length;
      }),
  };
}
export type NoteStore = ReturnType<typeof createNoteStore>;
