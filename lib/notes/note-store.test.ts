import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createNoteStore } from './note-store';
import { NOTES_AREA_KEY } from './storage-keys';
import { DEFAULT_SYNC_QUOTAS } from './storage-area';
import { notesDatabase } from './note-places';

const clock = () => {
  let t = 1_000;
  return () => ++t;
};

beforeEach(() => fakeBrowser.reset());

describe('the note store', () => {
  it('saves a note in sync storage under the user id and answers it back', async () => {
    const notes = createNoteStore({ now: clock() });
    const saved = await notes.save({ userId: 1003, username: 'modmaria', nickname: ' Maria ', note: 'line 1\nline 2' });
    expect(saved).toEqual({ userId: 1003, username: 'modmaria', nickname: 'Maria', note: 'line 1\nline 2', updatedAt: 1001 });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({ 'note:id:1003': saved });
    expect(await notes.get({ userId: 1003, username: 'modmaria' })).toEqual(saved);
    expect(await notes.get({ userId: 1004, username: 'modmaria' })).toBeNull();
  });

  it('keys a note by lowercased username until a card knows the id, then moves it under the id', async () => {
    const notes = createNoteStore({ now: clock() });
    await notes.save({ username: 'OG_Olga', nickname: 'Olga', note: '' });
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual(['note:og_olga']);
    expect(await notes.get({ username: 'og_olga' })).toMatchObject({ nickname: 'Olga' });
    expect(await notes.get({ userId: 1006, username: 'og_olga' })).toMatchObject({ userId: 1006, nickname: 'Olga' });
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual(['note:id:1006']);
  });

  it('saving with the id replaces the note kept by name; both texts empty deletes it', async () => {
    const notes = createNoteStore({ now: clock() });
    await notes.save({ username: 'og_olga', nickname: 'Olga', note: '' });
    await notes.save({ userId: 1006, username: 'og_olga', nickname: 'Olga 2', note: '' });
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual(['note:id:1006']);
    expect(await notes.save({ userId: 1006, username: 'og_olga', nickname: '', note: '' })).toBeNull();
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('deletes a note found by name or by id', async () => {
    const notes = createNoteStore({ now: clock() });
    await notes.save({ username: 'og_olga', nickname: 'Olga', note: '' });
    await notes.remove({ userId: 1006, username: 'OG_OLGA' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('leaves the settings beside the notes alone', async () => {
    await fakeBrowser.storage.sync.set({ settings: { theme: 'dark' } });
    const notes = createNoteStore({ now: clock() });
    await notes.save({ userId: 1, username: 'a1', nickname: 'A', note: '' });
    await notes.remove({ userId: 1, username: 'a1' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({ settings: { theme: 'dark' } });
  });

  it('moves every note to local storage when they outgrow sync, and says so', async () => {
    const quotas = { ...DEFAULT_SYNC_QUOTAS, bytes: 1000 };
    const notes = createNoteStore({ now: clock(), quotas });
    await notes.save({ userId: 1, username: 'a1', nickname: '', note: 'x'.repeat(300) });
    expect((await notes.list()).area).toBe('sync');
    await notes.save({ userId: 2, username: 'a2', nickname: '', note: 'y'.repeat(700) });
    const overview = await notes.list();
    expect(overview.area).toBe('local');
    expect(overview.notes.map((n) => n.username)).toEqual(['a2', 'a1']);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual(['note:id:1', 'note:id:2', NOTES_AREA_KEY]);
    // Back to sync once they fit well within it again.
    await notes.remove({ userId: 2, username: 'a2' });
    expect((await notes.list()).area).toBe('sync');
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual(['note:id:1']);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([NOTES_AREA_KEY]);
  });

  it('keeps the change in local storage when sync refuses the write', async () => {
    const notes = createNoteStore({ now: clock() });
    await notes.save({ userId: 1, username: 'a1', nickname: 'A', note: '' });
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    await notes.save({ userId: 2, username: 'a2', nickname: 'B', note: '' });
    const overview = await notes.list();
    expect(overview.area).toBe('local');
    expect(overview.notes.map((n) => n.nickname).sort()).toEqual(['A', 'B']);
  });

  it('imports notes in one write, replacing those about the same users', async () => {
    const notes = createNoteStore({ now: clock() });
    await notes.save({ userId: 1, username: 'a1', nickname: 'old', note: '' });
    await notes.save({ userId: 3, username: 'a3', nickname: 'kept', note: '' });
    const imported = await notes.import([
      { userId: 1, username: 'a1', nickname: 'new', note: '', updatedAt: 5 },
      { username: 'b2', nickname: '', note: 'by name', updatedAt: 6 },
    ]);
    expect(imported).toBe(2);
    expect((await notes.list()).notes.map((n) => n.nickname || n.note).sort()).toEqual(['by name', 'kept', 'new']);
  });

  it('runs writes one at a time, so concurrent saves all land', async () => {
    const notes = createNoteStore({ now: clock() });
    await Promise.all(Array.from({ length: 10 }, (_, i) => notes.save({ userId: i + 1, username: `u${i}`, nickname: `n${i}`, note: '' })));
    expect((await notes.list()).notes).toHaveLength(10);
  });

  it('skips what is not a valid note in storage rather than fail the whole list', async () => {
    await fakeBrowser.storage.sync.set({ 'note:id:9': { username: '../x', nickname: 'x', note: '', updatedAt: 1 } });
    const notes = createNoteStore({ now: clock() });
    expect((await notes.list()).notes).toEqual([]);
  });

  it('refuses in words, writing nothing, notes that would take more bytes than the bound (however few characters)', async () => {
    const notes = createNoteStore({ now: clock() });
    await notes.save({ username: 'og_olga', nickname: 'Olga', note: '' });
    const before = { sync: await fakeBrowser.storage.sync.get(null), local: await fakeBrowser.storage.local.get(null) };
    // 1,000 characters a note, each a control character JSON writes as \u0001: 6 bytes in storage. 1,500 of them: 8.7 MB.
    const heavy = Array.from({ length: 1500 }, (_, i) => ({ username: `user${i}`, nickname: '', note: '\u0001'.repeat(1000), updatedAt: i }));
    await expect(notes.import(heavy)).rejects.toThrow(
      /^Your notes would take 8\.7 MB of the browser's storage, and they may take at most 8 MB \(counted in bytes.*Nothing was changed\.$/,
    );
    expect({ sync: await fakeBrowser.storage.sync.get(null), local: await fakeBrowser.storage.local.get(null) }).toEqual(before);
    // A change that frees room is never refused.
    await expect(notes.save({ username: 'og_olga', nickname: '', note: '' })).resolves.toBeNull();
  });

  it('finds the newest note kept about a name when no id is given', async () => {
    const notes = createNoteStore({ now: clock() });
    await notes.save({ userId: 1003, username: 'ModMaria', nickname: 'Maria', note: '' });
    expect(await notes.get({ username: 'modmaria' })).toMatchObject({ userId: 1003, nickname: 'Maria' });
    expect(await notes.get({ username: 'someone_else' })).toBeNull();
  });
});

describe('the note store where storage cannot be kept from content scripts (Firefox)', () => {
  const inDatabase = () => ({ local: notesDatabase(`notes-test-${Math.random()}`) });

  it('keeps the notes in the extension’s database, never in storage.sync or storage.local', async () => {
    const changes = vi.fn();
    const notes = createNoteStore({ now: clock(), places: () => Promise.resolve(inDatabase()), onChange: changes });
    const saved = await notes.save({ userId: 1003, username: 'modmaria', nickname: 'Maria', note: 'kind' });
    expect(await notes.get({ userId: 1003, username: 'modmaria' })).toEqual(saved);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await notes.list()).toMatchObject({ area: 'device', notes: [saved], usage: { items: 1 } });
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('moves the notes an earlier version kept in storage.sync and storage.local into it, losing none', async () => {
    const older = { userId: 1003, username: 'modmaria', nickname: 'Maria', note: 'old', updatedAt: 5 };
    const olga = { username: 'og_olga', nickname: 'Olga', note: '', updatedAt: 6 };
    await fakeBrowser.storage.sync.set({ 'note:id:1003': older, settings: { theme: 'dark' } });
    await fakeBrowser.storage.local.set({ 'note:og_olga': olga, [NOTES_AREA_KEY]: 'local', other: 1 });
    const places = inDatabase();
    const notes = createNoteStore({ now: clock(), places: () => Promise.resolve(places) });
    expect((await notes.list()).notes).toEqual([olga, older]);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({ settings: { theme: 'dark' } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ other: 1 });
    expect(Object.keys(await places.local.get(null)).sort()).toEqual(['note:id:1003', 'note:og_olga']);
  });

  it('leaves the notes where they were when moving them fails, and tries again at the next start', async () => {
    await fakeBrowser.storage.sync.set({ 'note:og_olga': { username: 'og_olga', nickname: 'Olga', note: '', updatedAt: 6 } });
    const broken = { get: () => Promise.resolve({}), set: () => Promise.reject(new Error('disk full')), remove: () => Promise.resolve() };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await createNoteStore({ places: () => Promise.resolve({ local: broken }) }).list();
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual(['note:og_olga']);
  });
});
