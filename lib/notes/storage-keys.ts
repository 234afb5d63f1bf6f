/** Where notes live in extension storage; no zod here, so the card's UI on kick.com can watch them (page-note-cache.ts). */

/** Storage keys of notes: `note:id:<userId>` or `note:<lowercased username>` (see noteKey in ./schema.ts). */
export const NOTE_PREFIX = 'note:';
/** Which area holds the notes now; in storage.local, beside the other things only the extension reads. */
export const NOTES_AREA_KEY = 'notesArea';

/** Does a storage change touch the notes (a note, or the area they live in)? */
export const touchesNotes = (changedKeys: string[]) => changedKeys.some((key) => key.startsWith(NOTE_PREFIX) || key === NOTES_AREA_KEY);
