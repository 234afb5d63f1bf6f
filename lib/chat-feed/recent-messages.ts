import { z } from 'zod';
import { jsonOf, notJson } from '../kick-web/web-reads';
import { feedMessageOf, KickMessageSchema, type FeedMessage } from './pusher-frames';

/**
 * Kick's own recent messages of a chat: what kick.com's page shows as the chat's scrollback when a channel opens, which
 * Kick's chat socket never sends (it carries new messages only). The page reads them same-origin once the background's
 * record of the chat has started (lib/page/chat-watch.ts), so the record reaches back past the moment it was opened.
 *
 * `GET /api/v2/channels/{channelId}/messages`, `channelId` being the channel's `id` in `/api/v2/channels/{slug}` (not its
 * chatroom's id, for which the route answers no messages). Sources:
 * - StreamNook/StreamNook `src-tauri/src/services/providers/kick.rs` (`chat_history`; its comments say "confirmed live
 *   2026-08-25"): the numeric channel id, `data.messages`, newest first, each read like a socket message.
 * - KickTalkOrg/KickTalk `utils/services/kick/kickAPI.js` `getInitialChatroomMessages` (2025-04-29; repository 2026-01-12)
 *   and fabston/yapp-chat `lib/kick.js` (an MV3 extension reading it with kick.com's access): `data.messages`,
 *   `data.pinned_message`; `metadata` comes as a JSON string.
 * - jaw-sh/stream-nexus `js/feed/kick.js`: an answer captured 2023-12-29, `{ status: { error, code, message }, data: {
 *   messages: [{ id, chat_id, user_id, content, type, metadata, created_at, sender: { id, slug, username, identity } }],
 *   cursor, pinned_message } }`.
 * - 25 messages an answer: notes of a 2026 client (no repository known) and the simulator's guess.
 * Since 2026 kick.com's page itself reads `web.kick.com/api/v1/chat/{id}/history` (SysAdminDoc/kick-focus RESEARCH.md,
 * 2026-08-21; KickEngineering/KickDevDocs issue #385, 2026-06-02), another origin whose answer no capture shows; this
 * route still answered in August 2026 (StreamNook). Optional, like every kick.com read: a failure only leaves the record
 * starting when it was opened.
 */

/** One message, read as a socket message is (all its types are the sender's words), with an id to tell it by. */
const RecentMessageSchema = KickMessageSchema.extend({ id: z.string().min(1).max(100) });
/** Kick answers about 25; more than this is not an answer this route gives. */
const MAX_RECENT = 200;
const RecentMessagesSchema = z.object({ data: z.object({ messages: z.array(z.unknown()).max(MAX_RECENT) }) });

/**
 * The messages of an answer, oldest first, or why there are none. A message in a shape Kick was not seen to send is
 * left out, and the rest kept: one odd entry costs only itself.
 */
export function recentMessagesOf(body: string): { messages: FeedMessage[] } | { reason: string } {
  const json = jsonOf(body);
  if (!json) return { reason: notJson() };
  const parsed = RecentMessagesSchema.safeParse(json.value);
  if (!parsed.success) return { reason: 'kick.com answered its recent messages in an unexpected shape' };
  const messages: FeedMessage[] = [];
  for (const entry of parsed.data.data.messages) {
    const m = RecentMessageSchema.safeParse(entry);
    const message = m.success ? feedMessageOf(m.data) : undefined;
    if (message) messages.push(message);
  }
  // Kick lists them newest first, and its times are to the second: reversed before the (stable) sort, messages of one
  // second keep the order they were sent in.
  return { messages: messages.reverse().sort((a, b) => a.at - b.at) };
}
