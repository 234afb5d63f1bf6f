import { z } from 'zod';
import { UsernameSchema } from '../kick/username-schema';

/**
 * A private note and nickname the user keeps about a Kick user (issue #13). Stored in the browser by the
 * background (./note-store.ts), never sent anywhere; shown only on our card, never written into kick.com's page.
 */

/** Short enough to sit beside a name on the card. */
export const NICKNAME_MAX = 40;
/** A few paragraphs; also keeps one note well under sync storage's 8 kB per item (./storage-area.ts). */
export const NOTE_MAX = 1000;

const NO_LINE_BREAKS = /^[^\r\n\u2028\u2029]*$/;

export const NoteTextSchema = z.object({
  nickname: z.string().trim().max(NICKNAME_MAX).regex(NO_LINE_BREAKS, 'a nickname is one line'),
  note: z.string().trim().max(NOTE_MAX),
});

/** Who a note is about: the user id when a card knew it (it survives renames), the username always. */
export const NoteUserSchema = z.object({ userId: z.number().int().positive().optional(), username: UsernameSchema });
export type NoteUser = z.infer<typeof NoteUserSchema>;

export const NoteSchema = NoteUserSchema.extend(NoteTextSchema.shape)
  .extend({ updatedAt: z.number().int().nonnegative() })
  .refine((n) => n.nickname !== '' || n.note !== '', 'a note needs a nickname or a text');
export type Note = z.infer<typeof NoteSchema>;

export const NoteInputSchema = NoteUserSchema.extend(NoteTextSchema.shape);
export type NoteInput = z.infer<typeof NoteInputSchema>;

/**
 * Where a note lives: `id:<userId>` once the user id is known, else the lowercased username (Kick names are
 * case-insensitive). A username holds no `:`, so the two never collide.
 */
export const noteKey = (user: NoteUser): string => (user.userId !== undefined ? `id:${user.userId}` : user.username.toLowerCase());
