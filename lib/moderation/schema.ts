import { z } from 'zod';
import { KickErrorInfoSchema } from '../kick/errors';
import { UsernameSchema } from '../kick/username-schema';
import { MAX_TIMEOUT_MINUTES, MIN_TIMEOUT_MINUTES } from './durations';

/** Kick's limit on a ban's reason (POST /public/v1/moderation/bans; kick-api.md "Moderation"). */
export const MOD_REASON_MAX = 100;

/** A chat message's id as Kick's socket and recent messages give it (UUIDs); only what a URL segment can hold safely. */
export const MessageIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a Kick message id');

/** One moderator action on one user: a timeout (Kick counts minutes), a ban, lifting either, or deleting a message. */
export const ModActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('timeout'), minutes: z.number().int().min(MIN_TIMEOUT_MINUTES).max(MAX_TIMEOUT_MINUTES) }),
  z.strictObject({ kind: z.literal('ban') }),
  z.strictObject({ kind: z.literal('unban') }),
  z.strictObject({ kind: z.literal('delete'), messageId: MessageIdSchema }),
]);
export type ModAction = z.infer<typeof ModActionSchema>;

/** A channel's slug as a page's URL names it (lib/kick-web/web-reads.ts channelSlugFromPath). */
const ChannelSlugSchema = z.string().regex(/^[a-z0-9_-]{1,25}$/, 'not a channel slug');

/**
 * What a card asks the background to do. The channel is the one the asking tab shows (checked against the tab's URL);
 * the target is named by the card's user id, which Kick's API needs (it has no username lookup, KickDevDocs #346).
 */
export const ModerateInputSchema = z.strictObject({
  channel: ChannelSlugSchema,
  userId: z.number().int().positive(),
  username: UsernameSchema,
  action: ModActionSchema,
  reason: z.string().trim().max(MOD_REASON_MAX).optional(),
  /** The Undo of the card's last action (an unban): said so in the log. */
  undo: z.boolean().optional(),
});
export type ModerateInput = z.infer<typeof ModerateInputSchema>;

/**
 * Why an action did not happen, for the card's words: `scope` (the token lacks Kick's moderation scope), `refused`
 * (Kick's generic refusal), `token` (Kick refused the token even after one refresh), `off` (moderator actions are off,
 * no account, or this tab does not show that channel), `guard` (the target may not be acted on from here: the
 * broadcaster, yourself), `busy` (too many actions from this tab), `kick` (rate limit, 5xx, network, timeout).
 */
export const RefusalSchema = z.enum(['scope', 'refused', 'token', 'off', 'guard', 'busy', 'kick']);
export type Refusal = z.infer<typeof RefusalSchema>;

export const ModerateResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), at: z.number(), until: z.number().optional() }),
  /** `channelRefused`: Kick's refusal made the background stop offering actions in this channel (ModCapability.refusedHere). */
  z.object({ ok: z.literal(false), refusal: RefusalSchema, error: KickErrorInfoSchema, channelRefused: z.boolean().optional() }),
]);
export type ModerateResult = z.infer<typeof ModerateResultSchema>;

/**
 * Whether a card on this tab may offer actions, as far as the background knows: the setting, the account, the scopes
 * Kick granted (each action needs its own), who the connected user is (never a target), and whether Kick refused this
 * account in this channel already (then the card offers nothing unless kick.com says the viewer moderates it).
 */
export const ModCapabilitySchema = z.discriminatedUnion('offer', [
  z.object({ offer: z.literal(false), why: z.enum(['off', 'not_connected', 'no_scope', 'not_this_channel']) }),
  z.object({ offer: z.literal(true), selfId: z.number().int().positive().optional(), ban: z.boolean(), del: z.boolean(), refusedHere: z.boolean() }),
]);
export type ModCapability = z.infer<typeof ModCapabilitySchema>;

/** One line of the options page's log of actions taken from the extension. */
export const ModLogEntrySchema = z.object({
  at: z.number(),
  channel: z.string().max(25),
  username: z.string().max(25),
  userId: z.number().int().positive(),
  action: ModActionSchema,
  undo: z.boolean().optional(),
  reason: z.string().max(MOD_REASON_MAX).optional(),
  /** Kick's answer: `ok`, or what it refused and why, in the words the card showed. */
  outcome: z.union([z.literal('ok'), z.object({ refusal: RefusalSchema, message: z.string().max(300), status: z.number().int().optional() })]),
});
export type ModLogEntry = z.infer<typeof ModLogEntrySchema>;

/** Kick's moderation scopes (KickDevDocs scopes.md): bans and timeouts, and deleting chat messages. */
export const MOD_SCOPES = { ban: 'moderation:ban', del: 'moderation:chat_message:manage' } as const;
export const MODERATOR_SCOPES: readonly string[] = [MOD_SCOPES.ban, MOD_SCOPES.del];

/** The options page's log of actions taken from the extension: the newest this many, oldest dropped first. */
export const MOD_LOG_MAX = 200;
export const ModLogListSchema = z.array(ModLogEntrySchema).max(MOD_LOG_MAX);
