import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, MAX_IMPORT_NOTES, NOTES_FILE_FORMAT, parseNotesFile, toNotesFile } from './notes-file';
import type { Note } from './schema';

const maria: Note = { userId: 1003, username: 'modmaria', nickname: 'Maria the mod', note: 'Kind.\nBans spam fast.', updatedAt: 1_700_000_000_000 };
const olga: Note = { username: 'og_olga', nickname: '', note: 'Met at the 2023 meetup', updatedAt: 1_700_000_000_001 };
const file = (notes: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ format: NOTES_FILE_FORMAT, version: 1, notes, ...extra });

describe('the notes export file', () => {
  it('round-trips: what is exported is imported unchanged', () => {
    const text = JSON.stringify(toNotesFile([maria, olga], new Date('2026-01-02T03:04:05Z')));
    expect(JSON.parse(text)).toMatchObject({ format: 'kick-user-cards-notes', version: 1, exportedAt: '2026-01-02T03:04:05.000Z' });
    expect(parseNotesFile(text)).toEqual({ ok: true, notes: [maria, olga] });
  });

  it('says the file is not JSON', () => {
    expect(parseNotesFile('{"format": ')).toMatchObject({ ok: false, reason: expect.stringMatching(/^The file is not valid JSON \(/) as string });
  });

  it('says the file is something else, or another version', () => {
    expect(parseNotesFile(JSON.stringify({ notes: [] }))).toEqual({ ok: false, reason: 'This is not a Kick User Cards notes file (its "format" is not "kick-user-cards-notes").' });
    expect(parseNotesFile('[1,2]')).toMatchObject({ ok: false, reason: expect.stringContaining('not a Kick User Cards notes file') as string });
    expect(parseNotesFile(file([], { version: 2 }))).toEqual({ ok: false, reason: 'This notes file is version 2; this version of the extension reads version 1.' });
    expect(parseNotesFile(file([], { notes: 'x' }))).toEqual({ ok: false, reason: 'The file has no list of notes ("notes" is not a list).' });
  });

  it('names the invalid entry and what is wrong with it', () => {
    expect(parseNotesFile(file([maria, { ...olga, nickname: 'x'.repeat(41) }]))).toEqual({
      ok: false, reason: 'Note 2 is invalid: nickname: Too big: expected string to have <=40 characters.',
    });
    expect(parseNotesFile(file([{ ...maria, username: '../etc' }]))).toMatchObject({ ok: false, reason: expect.stringMatching(/^Note 1 is invalid: username: not a Kick username/) as string });
    expect(parseNotesFile(file([{ ...maria, nickname: '', note: '' }]))).toEqual({ ok: false, reason: 'Note 1 is invalid: a note needs a nickname or a text.' });
    expect(parseNotesFile(file([{ ...maria, nickname: 'two\nlines' }]))).toEqual({ ok: false, reason: 'Note 1 is invalid: nickname: a nickname is one line.' });
  });

  it('refuses two notes about the same user', () => {
    expect(parseNotesFile(file([maria, olga, { ...maria, username: 'maria_renamed' }]))).toEqual({
      ok: false, reason: 'Notes 1 and 3 are about the same user (maria_renamed).',
    });
    expect(parseNotesFile(file([olga, { ...olga, username: 'OG_OLGA' }]))).toMatchObject({ ok: false, reason: expect.stringMatching(/^Notes 1 and 2/) as string });
  });

  it('refuses a file too large or with too many notes', () => {
    expect(parseNotesFile(' '.repeat(MAX_IMPORT_BYTES + 1))).toEqual({
      ok: false, reason: 'The file is too large: more than 8 MB (at most 8 MB, counted in bytes: letters outside plain English take 2 to 4 bytes each).',
    });
    const many = Array.from({ length: MAX_IMPORT_NOTES + 1 }, (_, i) => ({ ...olga, username: `u${i}` }));
    expect(parseNotesFile(file(many))).toEqual({ ok: false, reason: `The file holds ${MAX_IMPORT_NOTES + 1} notes; at most ${MAX_IMPORT_NOTES} can be imported.` });
  });

  it('counts the file in bytes, as storage does: a file of fewer characters than the limit but more bytes is refused in words', () => {
    // 3 million characters of Japanese, 3 UTF-8 bytes each: 8.6 MB, inside a limit counted in characters (issue #25, item 10).
    const text = file([{ ...olga, note: 'あ'.repeat(1000) }], { padding: 'あ'.repeat(3_000_000) });
    expect(text.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(parseNotesFile(text)).toEqual({
      ok: false, reason: 'The file is too large: 8.6 MB (at most 8 MB, counted in bytes: letters outside plain English take 2 to 4 bytes each).',
    });
  });
});
