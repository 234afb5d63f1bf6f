// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '@/lib/background/handlers';
import type { BackgroundServices } from '@/lib/background/services';
import { registerHandlers, send } from '@/lib/messaging/extension';
import { createNoteStore } from '@/lib/notes/note-store';
import { NOTES_FILE_FORMAT } from '@/lib/notes/notes-file';
import { NotesSection } from './NotesSection';

let unregister = () => undefined as void;
beforeEach(async () => {
  fakeBrowser.reset();
  // The real background handlers and note store, over the fake browser's messaging and storage.
  let now = 1_700_000_000_000;
  const services = { notes: createNoteStore({ now: () => (now += 1000) }) } as unknown as BackgroundServices;
  unregister = registerHandlers(createHandlers(services, { isTrustedSender: () => true }), { isTrustedSender: () => true });
  await send('saveNote', { username: 'modmaria', userId: 1002, nickname: 'Maria the mod', note: 'Kind.\nBans spam fast.' });
  await send('saveNote', { username: 'og_olga', nickname: '', note: 'Met at the meetup' });
});
afterEach(() => {
  cleanup();
  unregister();
});

const rows = (view: ReturnType<typeof render>) => view.queryAllByTestId('opt-note').map((row) => row.dataset.username);
const pick = (input: HTMLElement, name: string, text: string) =>
  fireEvent.change(input, { target: { files: [new File([text], name, { type: 'application/json' })] } });

describe('the options page’s notes', () => {
  it('lists the notes, says where they are kept, and searches them', async () => {
    const view = render(<NotesSection send={send} />);
    await waitFor(() => expect(rows(view)).toEqual(['og_olga', 'modmaria']));
    expect(view.getByTestId('opt-notes-area').dataset.area).toBe('sync');
    expect(view.getByTestId('opt-notes-area').textContent).toMatch(/^Kept in sync storage/);
    fireEvent.input(view.getByTestId('opt-notes-search'), { target: { value: 'SPAM' } });
    expect(rows(view)).toEqual(['modmaria']);
    fireEvent.input(view.getByTestId('opt-notes-search'), { target: { value: 'meetup olga' } });
    expect(rows(view)).toEqual(['og_olga']);
  });

  it('edits a note in place', async () => {
    const view = render(<NotesSection send={send} />);
    await waitFor(() => expect(rows(view)).toHaveLength(2));
    const maria = view.getAllByTestId('opt-note').find((r) => r.dataset.username === 'modmaria')!;
    fireEvent.click(within(maria).getByTestId('opt-note-edit'));
    fireEvent.input(within(maria).getByTestId('opt-note-nickname'), { target: { value: 'Maria' } });
    fireEvent.click(within(maria).getByTestId('opt-note-save'));
    await waitFor(() => expect(within(view.getAllByTestId('opt-note')[0]!).getByTestId('opt-note-nickname-text').textContent).toBe('Nickname: Maria'));
    expect((await send('getNote', { username: 'modmaria', userId: 1002 })).note).toMatchObject({ nickname: 'Maria', note: 'Kind.\nBans spam fast.' });
  });

  it('deletes a note, and Undo brings it back exactly', async () => {
    const before = (await send('getNote', { username: 'og_olga' })).note;
    const view = render(<NotesSection send={send} />);
    await waitFor(() => expect(rows(view)).toHaveLength(2));
    fireEvent.click(within(view.getAllByTestId('opt-note').find((r) => r.dataset.username === 'og_olga')!).getByTestId('opt-note-delete'));
    await waitFor(() => expect(rows(view)).toEqual(['modmaria']));
    expect(view.getByTestId('opt-notes-message').textContent).toContain('Deleted the note about og_olga.');
    fireEvent.click(view.getByTestId('opt-notes-undo'));
    await waitFor(() => expect(rows(view)).toEqual(['og_olga', 'modmaria']));
    expect((await send('getNote', { username: 'og_olga' })).note).toEqual(before);
  });

  it('imports a valid file and says how many; a bad file changes nothing and says why', async () => {
    const view = render(<NotesSection send={send} />);
    await waitFor(() => expect(rows(view)).toHaveLength(2));
    const stored = await fakeBrowser.storage.sync.get(null);
    pick(view.getByTestId('opt-notes-import'), 'broken.json', '{"format": "kick-user-cards-notes", ');
    await waitFor(() => expect(view.getByRole('alert').textContent).toMatch(/^Nothing was imported: The file is not valid JSON/));
    const invalid = { format: NOTES_FILE_FORMAT, version: 1, notes: [{ username: 'a1', nickname: 'A', note: '', updatedAt: 1 }, { username: 'b 2', nickname: 'B', note: '', updatedAt: 1 }] };
    pick(view.getByTestId('opt-notes-import'), 'invalid.json', JSON.stringify(invalid));
    await waitFor(() => expect(view.getByRole('alert').textContent).toBe('Nothing was imported: Note 2 is invalid: username: not a Kick username.'));
    expect(await fakeBrowser.storage.sync.get(null)).toEqual(stored);
    const good = { format: NOTES_FILE_FORMAT, version: 1, notes: [{ username: 'vipvictor', nickname: 'Victor', note: '', updatedAt: 5 }] };
    pick(view.getByTestId('opt-notes-import'), 'good.json', JSON.stringify(good));
    await waitFor(() => expect(view.getByTestId('opt-notes-message').textContent).toBe('Imported 1 note from good.json.'));
    await waitFor(() => expect(rows(view)).toEqual(['og_olga', 'modmaria', 'vipvictor']));
  });

  it('says the import limit in bytes, and refuses a file over it in those words, whatever its count of characters', async () => {
    const view = render(<NotesSection send={send} />);
    await waitFor(() => expect(rows(view)).toHaveLength(2));
    expect(view.getByTestId('opt-notes-import-limit').textContent).toBe(
      'An import file may be at most 8 MB, counted in bytes: letters outside plain English take 2 to 4 bytes each; all your notes together may take 8 MB of the browser’s storage.',
    );
    // 3 million characters, 8.6 MB: under a limit of 8 MB counted in characters (issue #25, item 10).
    pick(view.getByTestId('opt-notes-import'), 'kana.json', JSON.stringify({ format: NOTES_FILE_FORMAT, version: 1, notes: [], padding: 'あ'.repeat(3_000_000) }));
    await waitFor(() =>
      expect(view.getByRole('alert').textContent).toBe(
        'Nothing was imported: the file is too large: 8.6 MB (at most 8 MB, counted in bytes: letters outside plain English take 2 to 4 bytes each).',
      ),
    );
  });
});
