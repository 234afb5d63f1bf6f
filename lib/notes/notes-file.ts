import { z } from 'zod';
import { noteKey, NoteSchema, type Note } from './schema';

/** The export file: versioned, so a later format can still read this one or refuse it by name. */
export const NOTES_FILE_FORMAT = 'kick-user-cards-notes';
export const NOTES_FILE_VERSION = 1;
export const NOTES_FILE_NAME = 'kick-user-cards-notes.json';
/** Far more than anyone keeps; bounds what an import can write (local storage holds 10 MB in Chrome). */
export const MAX_IMPORT_NOTES = 5000;
/** A full file of MAX_IMPORT_NOTES notes at their longest stays below this (characters of the file). */
export const MAX_IMPORT_CHARS = 8 * 1024 * 1024;

export const NotesFileSchema = z.object({
  format: z.literal(NOTES_FILE_FORMAT),
  version: z.literal(NOTES_FILE_VERSION),
  exportedAt: z.string().optional(),
  notes: z.array(NoteSchema).max(MAX_IMPORT_NOTES),
});
export type NotesFile = z.infer<typeof NotesFileSchema>;

export function toNotesFile(notes: readonly Note[], now = new Date()): NotesFile {
  return { format: NOTES_FILE_FORMAT, version: NOTES_FILE_VERSION, exportedAt: now.toISOString(), notes: [...notes] };
}

export type ParsedNotesFile = { ok: true; notes: Note[] } | { ok: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const issueText = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

/**
 * Reads an export file, all or nothing: the notes when every one is valid, or one sentence saying exactly why the
 * file is refused (not JSON, not this format, which entry is wrong and how, too large, two entries for one user).
 */
export function parseNotesFile(text: string): ParsedNotesFile {
  if (text.length > MAX_IMPORT_CHARS) return { ok: false, reason: `The file is too large (at most ${MAX_IMPORT_CHARS / 1024 / 1024} MB).` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `The file is not valid JSON (${(error as Error).message}).` };
  }
  if (!isRecord(data) || data.format !== NOTES_FILE_FORMAT)
    return { ok: false, reason: `This is not a Kick User Cards notes file (its "format" is not "${NOTES_FILE_FORMAT}").` };
  if (data.version !== NOTES_FILE_VERSION)
    return { ok: false, reason: `This notes file is version ${JSON.stringify(data.version)}; this version of the extension reads version ${NOTES_FILE_VERSION}.` };
  if (!Array.isArray(data.notes)) return { ok: false, reason: 'The file has no list of notes ("notes" is not a list).' };
  if (data.notes.length > MAX_IMPORT_NOTES) return { ok: false, reason: `The file holds ${data.notes.length} notes; at most ${MAX_IMPORT_NOTES} can be imported.` };
  const notes: Note[] = [];
  const seen = new Map<string, number>();
  for (const [index, entry] of data.notes.entries()) {
    const parsed = NoteSchema.safeParse(entry);
    if (!parsed.success) return { ok: false, reason: `Note ${index + 1} is invalid: ${issueText(parsed.error.issues)}.` };
    const key = noteKey(parsed.data);
    const first = seen.get(key);
    if (first !== undefined) return { ok: false, reason: `Notes ${first + 1} and ${index + 1} are about the same user (${parsed.data.username}).` };
    seen.set(key, index);
    notes.push(parsed.data);
  }
  const file = NotesFileSchema.safeParse({ ...data, notes });
  if (!file.success) return { ok: false, reason: `The file is not a valid notes file: ${issueText(file.error.issues)}.` };
  return { ok: true, notes };
}
