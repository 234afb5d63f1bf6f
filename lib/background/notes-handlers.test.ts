import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerHandlers, send } from '../messaging/extension';
import { sendToBackground } from '../messaging/send';
import { createNoteStore } from '../notes/note-store';
import { NOTES_FILE_FORMAT } from '../notes/notes-file';
import { createHandlers } from './handlers';
import { SessionCache } from '../cache/ttl-cache';
import type { OfficialProfile } from '../cards/schema';
import type { BackgroundServices } from './services';

/** The card cache as the background fills it from Kick's API: what it knows of user ids. */
const cardCache = () => new SessionCache<OfficialProfile>({ prefix: 'card:', ttlMs: () => 60_000, staleMs: 60_000, negativeTtlMs: 60_000, maxEntries: 10 });

/**
 * The handlers with only what notes and the site account need: the real note store on the fake browser's storage, and
 * a card cache in which Kick said modmaria is user 1003.
 */
function register(opts: { trusted: boolean; readSiteUser?: (tabId: number) => Promise<unknown> }) {
  const cache = cardCache();
  seeded = cache.set('modmaria', { userId: 1003, slug: 'modmaria' });
  const services = { notes: createNoteStore(), cache } as unknown as BackgroundServices;
  return registerHandlers(createHandlers(services, { isTrustedSender: () => opts.trusted, readSiteUser: opts.readSiteUser }), {
    isTrustedSender: () => opts.trusted,
  });
}

let unregister: () => void = () => undefined;
let seeded: Promise<unknown> = Promise.resolve();
beforeEach(() => fakeBrowser.reset());
afterEach(() => unregister());

describe('notes over the protocol', () => {
  it('lets a content script read, save and delete the note about one user, named by username: the id is the background’s', async () => {
    unregister = register({ trusted: false });
    await seeded;
    const { note } = await sendToBackground('saveNote', { username: 'modmaria', nickname: 'Maria', note: 'kind' });
    expect(note).toMatchObject({ userId: 1003, username: 'modmaria', nickname: 'Maria', note: 'kind' });
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual(['note:id:1003']);
    await expect(sendToBackground('getNote', { username: 'modmaria' })).resolves.toEqual({ note });
    await expect(sendToBackground('deleteNote', { username: 'modmaria' })).resolves.toEqual({ ok: true });
    await expect(sendToBackground('getNote', { username: 'modmaria' })).resolves.toEqual({ note: null });
  });

  it('refuses a content script’s user id, so a page cannot move a note onto another user (issue #25, item 8)', async () => {
    unregister = register({ trusted: false });
    await sendToBackground('saveNote', { username: 'og_olga', nickname: 'Olga', note: '' });
    for (const [name, data] of [
      ['getNote', { username: 'og_olga', userId: 999 }],
      ['deleteNote', { username: 'og_olga', userId: 999 }],
      ['saveNote', { username: 'og_olga', userId: 999, nickname: 'Olga', note: '' }],
    ] as const)
      await expect(sendToBackground(name, data)).rejects.toThrow(/rejected: a kick.com page names the user, not their id/);
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toEqual(['note:og_olga']);
    // A user the background knows nothing of keeps a note by name; the id-keyed one of a known user is found by name.
    await expect(sendToBackground('getNote', { username: 'og_olga' })).resolves.toMatchObject({ note: { username: 'og_olga', nickname: 'Olga' } });
    expect((await sendToBackground('getNote', { username: 'og_olga' })).note?.userId).toBeUndefined();
  });

  it('refuses an oversized or multi-line nickname, an oversized note and a bad username at the boundary', async () => {
    unregister = register({ trusted: false });
    const user = { username: 'modmaria', note: '' };
    await expect(sendToBackground('saveNote', { ...user, nickname: 'x'.repeat(41) })).rejects.toThrow(/rejected: nickname: Too big/);
    await expect(sendToBackground('saveNote', { ...user, nickname: 'a\nb' })).rejects.toThrow(/rejected: nickname: a nickname is one line/);
    await expect(sendToBackground('saveNote', { username: 'modmaria', nickname: '', note: 'x'.repeat(1001) })).rejects.toThrow(/rejected: note: Too big/);
    await expect(sendToBackground('getNote', { username: '../x' })).rejects.toThrow(/rejected: username/);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('keeps the list, export and import for the extension’s own pages', async () => {
    unregister = register({ trusted: false });
    for (const name of ['listNotes', 'exportNotes'] as const) await expect(sendToBackground(name, {})).rejects.toThrow(/only the extension pages/);
    await expect(sendToBackground('importNotes', { text: '{}' })).rejects.toThrow(/only the extension pages/);
    await expect(sendToBackground('getSiteAccount', { tabId: 1 })).rejects.toThrow(/only the extension pages/);
  });

  it('answers an import the notes cannot hold with the reason in words, not the browser’s error', async () => {
    unregister = register({ trusted: true });
    // Two files, each well inside the file's bound (4.3 MB: 750 notes of 1,000 characters JSON writes in 6 bytes each), and
    // together more than the notes may take.
    const heavy = (from: number) => Array.from({ length: 750 }, (_, i) => ({ username: `user${from + i}`, nickname: '', note: '\u0001'.repeat(1000), updatedAt: i }));
    const file = (notes: unknown[]) => JSON.stringify({ format: NOTES_FILE_FORMAT, version: 1, notes });
    await expect(send('importNotes', { text: file(heavy(0)) })).resolves.toEqual({ ok: true, imported: 750 });
    const result = await send('importNotes', { text: file(heavy(750)) });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^Your notes would take 8\.\d MB .* may take at most 8 MB/) as string });
    expect((await send('listNotes', {})).notes).toHaveLength(750);
  });

  it('exports a file that imports back to the same notes, and says where they are kept', async () => {
    unregister = register({ trusted: true });
    await send('saveNote', { username: 'modmaria', userId: 1003, nickname: 'Maria', note: 'line 1\nline 2' });
    await send('saveNote', { username: 'og_olga', nickname: '', note: 'by name' });
    const file = await send('exportNotes', {});
    expect(file).toMatchObject({ format: NOTES_FILE_FORMAT, version: 1 });
    const before = await send('listNotes', {});
    expect(before).toMatchObject({ area: 'sync', usage: { items: 2 } });
    await send('deleteNote', { username: 'modmaria', userId: 1003 });
    await send('deleteNote', { username: 'og_olga' });
    await expect(send('importNotes', { text: JSON.stringify(file) })).resolves.toEqual({ ok: true, imported: 2 });
    expect((await send('listNotes', {})).notes).toEqual(before.notes);
  });

  it('a malformed import changes nothing and says why', async () => {
    unregister = register({ trusted: true });
    await send('saveNote', { username: 'modmaria', userId: 1003, nickname: 'Maria', note: '' });
    const stored = await fakeBrowser.storage.sync.get(null);
    const bad = JSON.stringify({ format: NOTES_FILE_FORMAT, version: 1, notes: [{ username: 'a1', nickname: 'ok', note: '', updatedAt: 1 }, { username: 'b2', nickname: 'x'.repeat(41), note: '', updatedAt: 1 }] });
    await expect(send('importNotes', { text: bad })).resolves.toEqual({ ok: false, reason: 'Note 2 is invalid: nickname: Too big: expected string to have <=40 characters.' });
    await expect(send('importNotes', { text: 'not json' })).resolves.toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) as string });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual(stored);
  });
});

describe('which account kick.com is signed in as', () => {
  it('asks the tab’s content script and checks its answer', async () => {
    const readSiteUser = vi.fn(() => Promise.resolve({ status: 200, value: { id: 1004, username: 'vipvictor' } }));
    unregister = register({ trusted: true, readSiteUser });
    await expect(send('getSiteAccount', { tabId: 7 })).resolves.toEqual({ state: 'signed_in', userId: 1004, username: 'vipvictor' });
    expect(readSiteUser).toHaveBeenCalledWith(7);
  });

  it('cannot tell when no kick.com page answers in that tab', async () => {
    unregister = register({ trusted: true, readSiteUser: () => Promise.reject(new Error('No response')) });
    await expect(send('getSiteAccount', { tabId: 7 })).resolves.toEqual({ state: 'unknown', reason: 'no answer from a kick.com page in this tab' });
  });
});
