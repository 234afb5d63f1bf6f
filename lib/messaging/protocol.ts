import { z } from 'zod';
import { KickErrorInfoSchema } from '../kick/errors';
import { OfficialProfileSchema, WebProfileSchema } from '../cards/schema';
import { MAX_ANSWER_CHARS } from '../kick-web/web-reads';
import { AuthStatusSchema } from '../auth/status-schema';
import { USERNAME_CHARS, USERNAME_HAS_ALNUM, USERNAME_MAX } from '../kick/username';

/**
 * The one protocol between the extension's parts. Each message has a zod schema for what it
 * carries and what it answers; `lib/messaging/extension.ts` checks both on the receiving side.
 * `from` says who may send it: content scripts may only read card data and report the layout and failed kick.com reads,
 * token operations are for the extension's own pages.
 */

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

/**
 * A Kick username, or a channel slug read from a link. Kick publishes no username rules, so this is
 * the narrowest set the evidence supports:
 * - at most 25 characters: Kick's docs cap a channel slug at 25 (KickDevDocs, "GET /public/v1/channels",
 *   see shared/reference/kick-api.md), and `averyveryverylongname2025` is 25;
 * - letters, digits and `_` in usernames (KickTalk's mention pattern `@[a-zA-Z0-9_]{3,}` in
 *   BP602/KickTalk utils/constants.js; public Kick validators say the same), plus `-`, which slugs use
 *   where the username has `_` (`og_olga` → `og-olga`);
 * - no `.` at all, so no path segment built from a name can be `.` or `..`;
 * - at least one letter or digit. The minimum length is a guess (public validators say 2 or 3; we take 1,
 *   since a too-short name risks nothing, only a missing card).
 */
export const UsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(USERNAME_MAX)
  .regex(USERNAME_CHARS, 'not a Kick username')
  .regex(USERNAME_HAS_ALNUM, 'not a Kick username');

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

/** One kick.com read as the content script got it: the answer unchecked, or why it failed (lib/kick-web/web-reads.ts). */
const RawReadSchema = z.discriminatedUnion('ok', [
  // Optional: an undefined answer (kick.com knows no such user) loses its key on the way through runtime messaging.
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), failure: WebFailureReportSchema }),
]);
/**
 * What a content script read from kick.com, for the background to check: raw, so zod stays off the page (issue #12),
 * and bounded as the page bounds each answer's body, so a tab cannot hand the background more than that.
 */
export const WebAnswersSchema = z
  .object({ channelSlug: z.string().max(25).optional(), channel: RawReadSchema, relation: RawReadSchema })
  .refine((answers) => JSON.stringify(answers).length <= 2 * MAX_ANSWER_CHARS + 1024, 'kick.com answers too large');

export const WebResultSchema = z.object({
  state: z.enum(['ok', 'not_found', 'error']),
  profile: WebProfileSchema.optional(),
  failures: z.array(WebFailureReportSchema).optional(),
});

export const TabInfoSchema = z.object({
  layout: LayoutReportSchema.extend({ at: z.number() }).optional(),
  webFailures: WebFailureTallySchema.optional(),
  cachedCards: z.number().int().nonnegative(),
});

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
} as const satisfies Record<string, { from: 'any' | 'extension'; input: z.ZodType; output: z.ZodType }>;

export type MessageName = keyof typeof protocol;
export type MessageInput<K extends MessageName> = z.input<(typeof protocol)[K]['input']>;
export type MessageOutput<K extends MessageName> = z.output<(typeof protocol)[K]['output']>;

export type ProtocolMap = { [K in MessageName]: (data: MessageInput<K>) => MessageOutput<K> };
