import type { Note } from './schema';

/** The notes whose username, nickname or text contain every word of `query`, ignoring case. */
export function searchNotes(notes: readonly Note[], query: string): Note[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...notes];
  return notes.filter((n) => {
    const text = `${n.username}\n${n.nickname}\n${n.note}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
