import { z } from 'zod';
import { intlLocale, messagesLang, t } from '@/lib/i18n/messages';
import { noteKey, NoteSchema, type Note } from './schema';

/** The export file: versioned, so a later format can still read this one or refuse it by name. */
export const NOTES_FILE_FORMAT = 'kick-user-cards-notes';
export const NOTES_FILE_VERSION = 1;
export const NOTES_FILE_NAME = 'kick-user-cards-notes.json';
/** Far more than anyone keeps; bounds how many notes an import can write. */
export const MAX_IMPORT_NOTES = 5000;
/**
 * The largest file an import reads, in bytes of its UTF-8 text (what the file's size says), not characters: a name
 * or note in another script than Latin takes 2 to 4 bytes a character, and browser storage counts bytes
 * (./storage-area.ts). Characters were counted before, so a file inside the limit could still fail on Chrome's quota
 * with its raw error (issue #25, item 10). What the notes may take once stored is bounded too: NOTES_MAX_BYTES.
 */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
/** The same bound on the text's length, for the message that carries it: no text of MAX_IMPORT_BYTES has more characters. */
export const MAX_IMPORT_CHARS = MAX_IMPORT_BYTES;

const encoder = new TextEncoder();
export const utf8Bytes = (text: string): number => encoder.encode(text).length;
/** 8 MB, 1.5 MB, 120 kB: sizes as the user reads them (1 MB = 1024 × 1024 bytes, as the file dialogs of most systems say). */
export function sizeInWords(bytes: number): string {
  const [n, unit] = bytes >= 1024 * 1024 ? [Number((bytes / 1024 / 1024).toFixed(1)), 'megabyte'] : [Math.max(1, Math.ceil(bytes / 1024)), 'kilobyte'];
  // Other languages write the number and unit their way (1,5 MB; 8 ميغابايت); English keeps its short form.
  if (messagesLang() !== 'en') return new Intl.NumberFormat(intlLocale(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(n);
  return `${n} ${unit === 'megabyte' ? 'MB' : 'kB'}`;
}
/** Said before an import and when a file is refused: the limit, in bytes, and why a short file can weigh more. */
export const importLimitWords = () => t('notesFile.limit', { size: sizeInWords(MAX_IMPORT_BYTES) });

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
  // A text has at least as many UTF-8 bytes as UTF-16 characters: one too long in characters needs no counting.
  const bytes = text.length > MAX_IMPORT_BYTES ? Infinity : utf8Bytes(text);
  if (bytes > MAX_IMPORT_BYTES)
    return {
      ok: false,
      reason: bytes === Infinity
        ? t('notesFile.tooLargeOver', { size: sizeInWords(MAX_IMPORT_BYTES), limit: importLimitWords() })
        : t('notesFile.tooLarge', { size: sizeInWords(bytes), limit: importLimitWords() }),
    };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: t('notesFile.notJson', { reason: (error as Error).message }) };
  }
  if (!isRecord(data) || data.format !== NOTES_FILE_FORMAT)
    return { ok: false, reason: t('notesFile.notNotes', { format: NOTES_FILE_FORMAT }) };
  if (data.version !== NOTES_FILE_VERSION)
    return { ok: false, reason: t('notesFile.version', { version: JSON.stringify(data.version), supported: NOTES_FILE_VERSION }) };
  if (!Array.isArray(data.notes)) return { ok: false, reason: t('notesFile.noList') };
  if (data.notes.length > MAX_IMPORT_NOTES) return { ok: false, reason: t('notesFile.tooMany', { count: data.notes.length, max: MAX_IMPORT_NOTES }) };
  const notes: Note[] = [];
  const seen = new Map<string, number>();
  for (const [index, entry] of data.notes.entries()) {
    const parsed = NoteSchema.safeParse(entry);
    if (!parsed.success) return { ok: false, reason: t('notesFile.invalidNote', { index: index + 1, reason: issueText(parsed.error.issues) }) };
    const key = noteKey(parsed.data);
    const first = seen.get(key);
    if (first !== undefined) return { ok: false, reason: t('notesFile.duplicate', { first: first + 1, second: index + 1, name: parsed.data.username }) };
    seen.set(key, index);
    notes.push(parsed.data);
  }
  const file = NotesFileSchema.safeParse({ ...data, notes });
  if (!file.success) return { ok: false, reason: t('notesFile.invalid', { reason: issueText(file.error.issues) }) };
  return { ok: true, notes };
}
