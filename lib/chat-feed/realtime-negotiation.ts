import { z } from 'zod';
import { jsonOf, notJson } from '../kick-web/web-reads';
import { t } from '@/lib/i18n/messages';

/**
 * Which chat socket Kick offers, asked the way kick.com's own page asks since September 2026, so the background can
 * follow the Pusher key and cluster Kick names instead of trusting the one written into ./pusher-frames.ts (Kick
 * changed it once already, July 2024: zSoulweaver/kient issue #17).
 *
 * The page (lib/page/chat-watch.ts `negotiate`, which has no zod) POSTs `https://web.kick.com/api/v1/realtime/connection`,
 * accepting Pusher only, and hands the answer over unparsed with the chat it names; `pusherUrlOf` reads it here. Sources:
 * - jamezrin/lurkloot `packages/core/src/platforms/kick/realtime.ts` (commit 02b4de5, 2026-10; dated 2026-10-04 in
 *   ../shared/reference/kick-dom.md): the request body `{ client: { id, type: 'web' }, capabilities: {
 *   accepted_providers: [{ provider }] } }`, the answer `data.connections[]` of `{ provider, credentials }`, Pusher's
 *   `credentials.app_key` and `credentials.cluster` (alphanumeric; cluster defaulting to us2), Centrifugo's
 *   `credentials.url`; "a host whose sockets carry an extension origin accepts only Pusher, which Kick's Centrifugo
 *   refuses".
 * - SevenTV/chatterino7 `src/providers/kick/ws/KickPusherManager.cpp` (commit 63eed9b, 2026): builds
 *   `wss://ws-{cluster}.pusher.com/app/{appKey}?protocol=7&client=js&version=8.4.0&flash=false` from the negotiated
 *   key and cluster, and falls back to the known URL when either is not a plain token.
 * guess: that the endpoint answers a kick.com page's anonymous request (LurkLoot sends the session's Bearer when it has
 * one); nothing is lost when it does not: the known key is used.
 *
 * Not built: a Centrifugo client (what kick.com's own page uses). It would take, per LurkLoot and chatterino7
 * `KickCentrifugoManager.cpp`: accepting `centrifugo` here; a token from `POST web.kick.com/api/v1/realtime/auth/connection`
 * (`{ client_id }` → `data.token`) refreshed before its `ttl`; the JSON protocol (`{connect:{token,name:'js'},id}`,
 * `{subscribe:{channel},id}`, `{}` heartbeats answered with `{}`, newline-separated replies); and unwrapping
 * `push.pub.data.{event,data}` into the same events ./pusher-frames.ts reads (kick-dom.md "Chat socket, 2026-09").
 * Above all it needs a kick.com origin: Kick's Centrifugo refuses `chrome-extension://`, `moz-extension://` and `null`
 * origins with 403 (LurkLoot, 2026-10-09), so the socket could not live in the background as Pusher's does; it would
 * have to run in a kick.com page (the content script's world, one socket per tab instead of one per browser) and
 * forward events to the background. Until then, when Pusher goes quiet the record falls back to Kick's recent
 * messages (./chat-feeds.ts).
 */

const token = (max: number) => z.string().regex(/^[A-Za-z0-9-]+$/).max(max);
const PusherConnectionSchema = z.object({
  provider: z.literal('pusher'),
  credentials: z.object({ app_key: token(64), cluster: token(20).optional().catch(undefined) }),
});
const NegotiationSchema = z.object({ data: z.object({ connections: z.array(z.unknown()).max(20) }) });

/** Pusher's URL for a key and cluster, as kick.com's pusher-js opens it (./pusher-frames.ts PUSHER_URL). */
export const pusherUrl = (key: string, cluster = 'us2') => `wss://ws-${cluster}.pusher.com/app/${key}?protocol=7&client=js&version=8.4.0&flash=false`;

/** The Pusher URL a negotiation answer names, or why it names none (the caller keeps the known key). */
export function pusherUrlOf(body: string): { url: string; key: string } | { reason: string } {
  const json = jsonOf(body);
  if (!json) return { reason: notJson() };
  const parsed = NegotiationSchema.safeParse(json.value);
  if (!parsed.success) return { reason: t('kickWeb.negotiationShape') };
  for (const entry of parsed.data.data.connections) {
    const pusher = PusherConnectionSchema.safeParse(entry);
    if (pusher.success) return { url: pusherUrl(pusher.data.credentials.app_key, pusher.data.credentials.cluster), key: pusher.data.credentials.app_key };
  }
  return { reason: t('kickWeb.negotiationNoSocket') };
}
