import { describe, expect, it } from 'vitest';
import type { Note } from './schema';
import { searchNotes } from './search';

const notes: Note[] = [
  { userId: 1002, username: 'modmaria', nickname: 'Maria the mod', note: 'Kind.\nBans spam fast.', updatedAt: 2 },
  { username: 'og_olga', nickname: '', note: 'Met at the meetup', updatedAt: 1 },
];
const names = (query: string) => searchNotes(notes, query).map((n) => n.username);

describe('searching the notes', () => {
  it('finds by username, nickname or note text, ignoring case', () => {
    expect(names('OLGA')).toEqual(['og_olga']);
    expect(names('the mod')).toEqual(['modmaria']);
    expect(names('spam')).toEqual(['modmaria']);
    expect(names('meetup')).toEqual(['og_olga']);
  });
  it('wants every word, and lists everything for an empty query', () => {
    expect(names('maria meetup')).toEqual([]);
    expect(names('  ')).toEqual(['modmaria', 'og_olga']);
  });
});
