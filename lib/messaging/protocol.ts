import { z } from 'zod';
import { KickErrorInfoSchema } from '../kick/errors';
import { OfficialProfileSchema, WebProfileSchema } from '../cards/schema';
import { MAX_ANSWER_CHARS } from '../kick-web/answer-size';
import { AuthStatusSchema } from '../auth/status-schema';
import { UsernameSchema } from '../kick/username-schema';
import { RawSiteUserReadSchema, SiteAccountSchema } from '../kick-web/site-account';
import { MAX_IMPORT_CHARS, NotesFileSchema } from '../notes/notes-file';
import { NoteInputSchema, NoteSchema, NoteUserSchema } from '../notes/schema';
import { ModCapabilitySchema, ModerateInputSchema, ModerateResultSchema, ModLogListSchema } from '../moderation/schema';
import { SettingsSchema } from '../settings/settings';

/**
 * The one protocol between the extension's parts. Each message has a zod schema for what it
 * carries and what it answers; `lib/messaging/extension.ts` checks both on the receiving side.
 * `from` says who may send it: content scripts may only read card data, read and write the notes about one user at a
 * time, and report the layout and failed kick.com reads; token operations and the notes as a whole are for the
 * extension's own pages.
 */

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

export { UsernameSchema };

export const CardResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    profile: OfficialProfileSchema,
    fetchedAt: z.number(),
    stale: z.boolean(),
  }),
  z.object({ ok: z.literal(false), error: KickErrorInfoSchema }),
]);
export type CardResult = z.infer<typeof CardResultSchema>;

export const ActionResultSchema = z.discriminatedUnion('ok', [
  Ok,
  z.object({ ok: z.literal(false), error: KickErrorInfoSchema }),
]);
export type ActionResult = z.infer<typeof ActionResultSchema>;

/** Sent by a content script (the page's side): every field bounded, so a report cannot fill storage. */
const MAX_SURFACES = 20;
const count = z.number().int().nonnegative().max(1_000_000);
export const LayoutReportSchema = z.object({
  url: z.string().max(2048),
  recognised: z.boolean(),
  namesSeen: count,
  surfaces: z
    .record(z.string().max(40), count)
    .refine((r) => Object.keys(r).length <= MAX_SURFACES, `at most ${MAX_SURFACES} surfaces`),
});
export type LayoutReport = z.infer<typeof LayoutReportSchema>;

/** A kick.com read that failed in a tab: which part of the card it cost, and why in a few words. */
export const WebFailureReportSchema = z.object({
  part: z.enum(['channel', 'relation']),
  reason: z.string().max(200),
});
export type WebFailureReport = z.infer<typeof WebFailureReportSchema>;

export const WebFailureTallySchema = z.object({
  count: z.number().int().nonnegative(),
  last: WebFailureReportSchema.extend({ at: z.number() }),
});
export type WebFailureTally = z.infer<typeof WebFailureTallySchema>;

/** A kick.com answer's body as the page got it, unparsed; bounded as the page bounds it (web-reads.ts `getBody`). */
const AnswerBodySchema = z.string().max(MAX_ANSWER_CHARS, 'kick.com answer too large');
/** One kick.com read as the content script got it: the body (none: kick.com knows no such user), or why it failed. */
const RawReadSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), body: AnswerBodySchema.optional() }),
  z.object({ ok: z.literal(false), failure: WebFailureReportSchema }),
]);
/**
 * What a content script read from kick.com, for the background to parse and check: raw text, so zod and the parsing
 * stay off the page's thread (issue #12), and bounded, so a tab cannot hand the background more than that.
 */
export const WebAnswersSchema = z.object({ channelSlug: z.string().max(25).optional(), channel: RawReadSchema, relation: RawReadSchema });

export const WebResultSchema = z.object({
  state: z.enum(['ok', 'not_found', 'error']),
  profile: WebProfileSchema.optional(),
  failures: z.array(WebFailureReportSchema).optional(),
});

/** A moderator's page of a user's messages in this channel, as kick.com answered it: the body, unparsed and bounded. */
export const ChatHistoryAnswerSchema = z.object({ userId: z.number().int().positive(), body: AnswerBodySchema });

/** Checked: the messages (newest first, text as Kick wrote it, emotes as `[emote:id:name]`) and the cursor of the next older page. */
export const ChatHistorySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    messages: z.array(z.object({ text: z.string().max(500), at: z.string().max(40).optional() })).max(100),
    cursor: z.string().regex(/^[1-9]\d{0,19}$/).optional(),
  }),
  z.object({ ok: z.literal(false), reason: z.string().max(200) }),
]);
export type ChatHistory = z.infer<typeof ChatHistorySchema>;

/**
 * The chat a tab shows, for the background to follow on Kick's chat socket (lib/chat-feed/chat-feeds.ts), posted on a
 * port named CHAT_WATCH_PORT (./port-names.ts) that lives as long as the tab's page (lib/page/chat-watch.ts, lib/background/chat-watch-port.ts):
 * kick.com's answer about that channel (`/api/v2/channels/{slug}`, which names its chatroom), unparsed; none: no chat
 * here, or `reason` why kick.com did not say; `resumed`: the page had named it to a worker that has since stopped;
 * `realtime`: Kick's chat-socket negotiation as the page got it, unparsed (lib/chat-feed/realtime-negotiation.ts), when
 * it answered. The background answers each on the port with a ChatRecordAnswer.
 */
// Strict: naming no chat (an empty message) leaves the chat, so nothing else the port carries may pass for one.
export const WatchChatSchema = z.strictObject({
  channel: AnswerBodySchema.optional(),
  reason: z.string().max(300).optional(),
  resumed: z.boolean().optional(),
  realtime: AnswerBodySchema.optional(),
});
export type WatchChat = z.infer<typeof WatchChatSchema>;
/**
 * The background asks a page on its chat-watch port for Kick's recent messages of the chat, by the channel's id, when
 * the tab's record starts (lib/chat-feed/recent-messages.ts); the page answers with kick.com's body, unparsed, or why
 * it could not read it, naming the ask it answers.
 */
export interface AskRecent {
  recentOf: number;
  ask: number;
}
const askNumber = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const RecentMessagesBodySchema = z.union([
  z.strictObject({ ask: askNumber, recent: AnswerBodySchema }),
  z.strictObject({ ask: askNumber, recentFailed: z.string().max(300) }),
]);
export type RecentMessagesBody = z.infer<typeof RecentMessagesBodySchema>;

/** A message as recorded: Kick's text with emotes written `[emote:id:name]` (Kick's wire form), when Kick says it was sent, and whether Kick deleted it (its text then gone). */
const SeenMessageSchema = z.object({
  text: z.string().max(500),
  at: z.number(),
  deleted: z.boolean().optional(),
  /** Kick's id of the message (a UUID), for a moderator's delete on the card. */
  id: z.string().max(64).optional(),
});
export type SeenMessage = z.infer<typeof SeenMessageSchema>;
/**
 * One user's part of a chat's record (lib/chat-feed/chat-record.ts): their messages newest first, how many were seen
 * (more than it holds once old ones made room), since when the chat was followed, and whether nobody's messages were
 * missed or dropped since (so `seen` counts all of theirs).
 */
export const RecordViewSchema = z.object({
  messages: z.array(SeenMessageSchema).max(100),
  seen: z.number().int().nonnegative(),
  since: z.number(),
  complete: z.boolean(),
  /** Why Kick's recent messages from before the record started could not be read, when they could not. */
  earlierUnread: z.string().max(300).optional(),
  /** Kick banned them from this chat while it was followed (`at`: when heard), until a timeout's end or with none given. */
  banned: z.object({ at: z.number(), until: z.number().optional() }).optional(),
});
export type RecordView = z.infer<typeof RecordViewSchema>;
/**
 * Where the tab's chat record stands: `off` (no chat followed for this tab: not a channel's page, or the worker
 * restarted and forgot it), `connecting`, `live` (with the view), or `failed` (why; with what was recorded before).
 * `fromRecent`: Kick's chat socket is not bringing this chat (down, refused, or silent while the chat goes on), so the
 * record is kept from Kick's recent messages, last read at `at` (lib/chat-feed/chat-feeds.ts).
 */
export const ChatRecordAnswerSchema = z.object({
  status: z.enum(['off', 'connecting', 'live', 'failed']),
  reason: z.string().max(300).optional(),
  view: RecordViewSchema.optional(),
  fromRecent: z.object({ at: z.number() }).optional(),
});
export type ChatRecordAnswer = z.infer<typeof ChatRecordAnswerSchema>;

export const TabInfoSchema = z.object({
  layout: LayoutReportSchema.extend({ at: z.number() }).optional(),
  webFailures: WebFailureTallySchema.optional(),
  cachedCards: z.number().int().nonnegative(),
});

const NoteAnswerSchema = z.object({ note: NoteSchema.nullable() });

const UsageSchema = z.object({ bytes: z.number().int().nonnegative(), items: z.number().int().nonnegative(), largestItem: z.number().int().nonnegative() });
export const NotesOverviewSchema = z.object({
  notes: z.array(NoteSchema),
  /**
   * Where the notes are kept: sync storage while they fit its quota, local otherwise (lib/notes/storage-area.ts), or
   * the extension's own database on this device where the browser cannot keep storage from content scripts (Firefox).
   */
  area: z.enum(['sync', 'local', 'device']),
  usage: UsageSchema,
  quotas: z.object({ bytes: z.number(), bytesPerItem: z.number(), maxItems: z.number() }),
});

export const ImportResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), imported: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

export const protocol = {
  ping: { from: 'any', input: z.object({ nonce: z.string().max(100) }), output: z.object({ nonce: z.string(), version: z.string() }) },
  getUserCard: {
    from: 'any',
    input: z.object({ username: UsernameSchema, forceRefresh: z.boolean().optional() }),
    output: CardResultSchema,
  },
  reportLayout: { from: 'any', input: LayoutReportSchema, output: Ok },
  reportWebFailure: { from: 'any', input: WebFailureReportSchema, output: Ok },
  readWebProfile: { from: 'any', input: WebAnswersSchema, output: WebResultSchema },
  readChatHistory: { from: 'any', input: ChatHistoryAnswerSchema, output: ChatHistorySchema },
  /** From a kick.com tab: what its chat record holds about one user. */
  chatRecord: { from: 'any', input: z.object({ username: UsernameSchema }), output: ChatRecordAnswerSchema },
  /** A content script asks for the card's UI (entrypoints/card-ui/) in its own frame, on the first reach for a name. */
  loadCardUi: { from: 'any', input: Empty, output: ActionResultSchema },
  /** Content scripts cannot open the options page themselves. */
  openOptions: { from: 'any', input: Empty, output: Ok },
  getAuthStatus: { from: 'extension', input: z.object({ live: z.boolean().optional() }), output: AuthStatusSchema },
  connect: { from: 'extension', input: Empty, output: ActionResultSchema },
  disconnect: { from: 'extension', input: Empty, output: ActionResultSchema },
  refreshNow: { from: 'extension', input: Empty, output: ActionResultSchema },
  clearCache: { from: 'extension', input: Empty, output: z.object({ cleared: z.number().int().nonnegative() }) },
  getTabInfo: { from: 'extension', input: z.object({ tabId: z.number().int() }), output: TabInfoSchema },
  /** The settings a kick.com tab needs: the storage holding them is the extension's alone (lib/auth/storage-access.ts). */
  getPageSettings: { from: 'any', input: Empty, output: z.object({ settings: SettingsSchema }) },
  /**
   * The notes about one user. A content script names the user only (an id from it is refused): the background adds the
   * id it knows from Kick (lib/background/note-identity.ts).
   */
  getNote: { from: 'any', input: NoteUserSchema, output: NoteAnswerSchema },
  /** Both texts empty deletes the note; the answer is what is stored now. */
  saveNote: { from: 'any', input: NoteInputSchema, output: NoteAnswerSchema },
  deleteNote: { from: 'any', input: NoteUserSchema, output: Ok },
  listNotes: { from: 'extension', input: Empty, output: NotesOverviewSchema },
  exportNotes: { from: 'extension', input: Empty, output: NotesFileSchema },
  /** The file's text, checked in the background (lib/notes/notes-file.ts): all its notes or none. */
  importNotes: { from: 'extension', input: z.object({ text: z.string().max(MAX_IMPORT_CHARS) }), output: ImportResultSchema },
  /** From a card: whether it may offer moderator actions in the channel its tab shows (lib/moderation/). */
  moderation: { from: 'any', input: z.strictObject({ channel: ModerateInputSchema.shape.channel }), output: ModCapabilitySchema },
  /** From a card, on a trusted click: one moderator action, checked and sent to Kick by the background. */
  moderate: { from: 'any', input: ModerateInputSchema, output: ModerateResultSchema },
  listModLog: { from: 'extension', input: Empty, output: z.object({ entries: ModLogListSchema }) },
  clearModLog: { from: 'extension', input: Empty, output: Ok },
  /** Who is signed in on kick.com in that tab, asked of its content script (lib/kick-web/site-user-read.ts). */
  getSiteAccount: { from: 'extension', input: z.object({ tabId: z.number().int().nonnegative() }), output: SiteAccountSchema },
} as const satisfies Record<string, { from: 'any' | 'extension'; input: z.ZodType; output: z.ZodType }>;

export type MessageName = keyof typeof protocol;
export type MessageInput<K extends MessageName> = z.input<(typeof protocol)[K]['input']>;
export type MessageOutput<K extends MessageName> = z.output<(typeof protocol)[K]['output']>;

export type ProtocolMap = { [K in MessageName]: (data: MessageInput<K>) => MessageOutput<K> };

/**
 * Messages the background sends to one tab's content script (over `tabMessenger`, lib/messaging/send.ts): the content
 * script answers raw, and the background checks the answer with the output schema.
 */
export const tabProtocol = {
  readSiteUser: { input: Empty, output: RawSiteUserReadSchema },
  /**
   * What changed in the extension's storage that a kick.com tab cannot read itself (lib/background/page-updates.ts):
   * the settings as they are now, or that some note changed (the tab forgets the notes it was told about).
   */
  storedChanged: { input: z.object({ settings: SettingsSchema.optional(), notes: z.literal(true).optional() }), output: Ok },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type TabProtocolMap = {
  [K in keyof typeof tabProtocol]: (data: z.input<(typeof tabProtocol)[K]['input']>) => z.output<(typeof tabProtocol)[K]['output']>;
};
