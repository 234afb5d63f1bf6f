import { channelIdOf, findUserByChannelId, findUserByName, findUserBySlug, html, json, type SimContext, type SimReply } from './http-types';
import { channelPage, homePage, notFoundPage, type PageShell } from './pages';
import { parseVariant } from './variants';
import { withClobbering } from './clobbering';
import { recentMessagesJson } from './chat-feed';
import type { SimPusher } from './pusher';
import type { SimUser } from './types';

/**
 * kick.com: the site's pages (built from captured row shapes, see ./fixtures), its own /api/v2 endpoints and its
 * current-user endpoint /api/v1/user.
 * Pages: `/{slug}`, the popout chat `/popout/{slug}/chat` and the moderator view `/moderator/{slug}`, each in the
 * chat variant `?variant=` (./variants.ts); `?empty=1` is the old name of `?variant=unknown`; `?clobber=1` plants
 * elements named like the extension's globals (./clobbering.ts).
 * Like Kick's bot protection, the endpoints answer 403 unless the request comes from a page on the site.
 */

const SITE_ROUTES = new Set(['categories', 'following', 'browse', 'search', 'settings', 'dashboard', 'terms-of-service', 'api', 'popout', 'moderator']);

const SITE_HOSTS = new Set(['kick.com', 'www.kick.com']);
const onSite = (value: string | string[] | undefined): boolean => {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const parsed = new URL(value);
  return parsed.protocol === 'https:' && SITE_HOSTS.has(parsed.hostname);
};

/**
 * Whether a request looks like kick.com's own call from one of its pages, the same test for every browser.
 * Known (kick-dom.md, kick-api.md): Kick's bot protection answers these endpoints only from the page's
 * origin, and refuses servers. Guessed, since Kick does not publish how it tells: it reads what a
 * browser sends for a page's same-origin fetch, `Sec-Fetch-Site: same-origin`, a Referer on the site,
 * and (sent only on some requests) an Origin of the site. Cookies are not required: a first visit has
 * none. Chrome's content-script fetch and Firefox's `content.fetch` send all of these; Firefox's plain
 * content-script fetch sends no Referer (seen in this simulator's request log).
 */
function fromSitePage(ctx: SimContext): boolean {
  const { headers } = ctx;
  return headers['sec-fetch-site'] === 'same-origin' && onSite(headers.referer) && (headers.origin === undefined || onSite(headers.origin));
}

/** The social handles, as both kick.com answers below carry them (each says where it is documented): '' when unset. */
function socialHandles(user: SimUser) {
  const { instagram = '', twitter = '', youtube = '', discord = '', tiktok = '', facebook = '' } = user.socials;
  return { instagram, twitter, youtube, discord, tiktok, facebook };
}

function channelJson(user: SimUser) {
  const live = user.live;
  return {
    id: channelIdOf(user.userId),
    user_id: user.userId,
    slug: user.slug,
    is_banned: false,
    verified: user.verified,
    followers_count: user.followersCount,
    subscription_enabled: true,
    user: {
      id: user.userId,
      username: user.username,
      bio: user.bio,
      profile_pic: user.profilePicture || null,
      ...socialHandles(user),
    },
    banner_image: user.bannerPicture ? { url: user.bannerPicture } : null,
    livestream: live
      ? { id: user.userId * 10, is_live: true, session_title: live.title, viewer_count: live.viewerCount, created_at: live.startedAt,
          categories: [{ id: live.category.id, name: live.category.name }] }
      : null,
    // chatroom.id names the chat socket's channel (lib/chat-feed/): Pkkls/shoovy-farmer data/study/FINDINGS.md (2026-08-19,
    // "chatroom.id is 29834074"); a chatroom differs from its channel's id (nglmercer/kick-rust examples/debug/README.md).
    // guess: the offset; the real ids are unrelated numbers.
    chatroom: { id: user.userId + 900_000, created_at: user.channelCreatedAt },
  };
}

function channelUserJson(ctx: SimContext, channelSlug: string, username: string): SimReply {
  const channel = findUserBySlug(ctx.data, channelSlug);
  const user = findUserByName(ctx.data, username) ?? findUserBySlug(ctx.data, username);
  const relation = ctx.data.relations.find(
    (r) => r.channelSlug === channel?.slug && r.username.toLowerCase() === user?.username.toLowerCase(),
  );
  if (!channel || !user || !relation) return json(404, { message: 'Not found' });
  return json(200, {
    id: user.userId,
    username: user.username,
    slug: user.slug,
    profile_pic: user.profilePicture || null,
    is_staff: relation.isStaff ?? false,
    is_channel_owner: relation.isChannelOwner ?? false,
    is_moderator: relation.isModerator ?? false,
    badges: relation.badges,
    following_since: relation.followingSince ?? null,
    subscribed_for: relation.subscribedFor ?? 0,
    banned: relation.banned ?? null,
  });
}

/**
 * `GET /api/v1/user`: who is signed in on kick.com. The site's scripts send the `session_token` cookie as
 * `Authorization: Bearer` with credentials (Xzensi/NipahTV src/ContentScripts/page.ts, 2026-03-11; SevenTV/Extension
 * src/site/kick.com/KickSite.vue, 2024-10-09; BP602/KickTalk utils/services/kick/kickAPI.js getSelfInfo, 2025-09-16).
 * Signed in, the answer carries `id`, `username`, `bio`, `email`, the socials and `streamer_channel.{id,user_id,slug}`
 * (SevenTV useUserdata.ts types it; NipahTV src/Sites/Kick/KickNetworkInterface.ts, 2026-03-28, reads the channel
 * part; KickTalk src/preload/index.js reads `id` and `streamer_channel.{user_id,slug}`); other fields are left out.
 * Without a valid Bearer the answer is 200 `{}`: thened/KickSanitizer content.js (2026-08-16) saw `{}` for a page
 * request without it, and KickTalk treats an answer without `id` as signed out. That a browser signed out altogether
 * gets the same `{}` (and not a 401) is a guess. Who is signed in is decided by the test: `sim.signInOnSite(userId)`
 * answers a session token, which the test puts in the page's `session_token` cookie.
 */
function currentUserJson(ctx: SimContext): SimReply {
  const user = signedInUser(ctx);
  if (!user) return json(200, {});
  return json(200, {
    id: user.userId,
    username: user.username,
    bio: user.bio,
    email: user.email,
    ...socialHandles(user),
    streamer_channel: { id: channelIdOf(user.userId), user_id: user.userId, slug: user.slug },
  });
}

/** The signed-in viewer, by the session token the site's scripts send as a Bearer (see currentUserJson). */
function signedInUser(ctx: SimContext): SimUser | undefined {
  const token = /^Bearer (.+)$/.exec(ctx.headers.authorization ?? '')?.[1];
  const userId = token === undefined ? undefined : ctx.data.siteSessions.get(token);
  return userId === undefined ? undefined : ctx.data.users.get(userId);
}

/** The channel-wide roles of `user` in `channel` that let kick.com show them its moderator tools. */
const moderates = (ctx: SimContext, channel: SimUser, user: SimUser) =>
  ctx.data.relations.some((r) => r.channelSlug === channel.slug && r.username.toLowerCase() === user.username.toLowerCase() && (r.isModerator || r.isChannelOwner));

/**
 * `/api/v2/channels/{slug}/me`: the signed-in viewer's standing in the channel. Fields as Xzensi/NipahTV reads them
 * (src/Sites/Kick/KickNetworkInterface.ts, 2026-03-28): subscription, is_following, following_since, is_super_admin,
 * is_broadcaster, is_moderator, banned, celebrations; like the site's other calls it carries the session token as a
 * Bearer (NipahTV's page.ts sends it on every request). guess: signed out, kick.com answers 401 (NipahTV only knows it
 * fails).
 */
function channelMeJson(ctx: SimContext, channelSlug: string): SimReply {
  const channel = findUserBySlug(ctx.data, channelSlug);
  if (!channel) return json(404, { message: 'Not found' });
  const viewer = signedInUser(ctx);
  if (!viewer) return json(401, { message: 'Unauthenticated.' });
  const relation = ctx.data.relations.find((r) => r.channelSlug === channel.slug && r.username.toLowerCase() === viewer.username.toLowerCase());
  return json(200, {
    subscription: null,
    is_super_admin: false,
    is_following: Boolean(relation?.followingSince),
    following_since: relation?.followingSince ?? null,
    is_broadcaster: relation?.isChannelOwner ?? false,
    is_moderator: relation?.isModerator ?? false,
    leaderboards: [],
    banned: null,
    celebrations: [],
  });
}

/** guess: how many messages a page holds (NipahTV loads pages until its list is full, so a page is short). */
export const USER_MESSAGES_PAGE = 25;

/**
 * `/api/v2/channels/{channelId}/users/{userId}/messages?cursor=…`: one user's messages in a channel, for its moderators,
 * newest first. Source: Xzensi/NipahTV src/Sites/Kick/KickNetworkInterface.ts `getUserMessages` and
 * src/Core/Users/UserInfoModal.ts (HEAD aab495c, 2026-03-31): the first page is asked with cursor=0; the body is
 * `{ data: { messages, cursor } }`, a message `{ id, content, created_at, sender: { id, username, identity: { color,
 * badges } } }`, and a falsy cursor means there is no older page. The channel id is the channel's `id` from
 * `/api/v2/channels/{slug}` (NipahTV's channelData.channelId).
 * guess: the cursor's meaning (here the time in ms of the page's oldest message), newest-first order (kick.com's
 * channel history is newest first: BP602/KickTalk reverses it to show it, ChatProvider.jsx 2025-10-03), the `status`
 * object (KickTalk reads `status.code` from other /api/v2 answers), the message fields NipahTV does not read, and the
 * refusals: 401 signed out, 403 for a viewer who does not moderate the channel.
 */
function userMessagesJson(ctx: SimContext, channelId: string, userId: string): SimReply {
  const channel = findUserByChannelId(ctx.data, channelId);
  const user = ctx.data.users.get(Number(userId));
  if (!channel || !user) return json(404, { message: 'Not found' });
  const viewer = signedInUser(ctx);
  if (!viewer) return json(401, { message: 'Unauthenticated.' });
  if (!moderates(ctx, channel, viewer)) return json(403, { message: 'This action is unauthorized.' });
  const cursor = Number(ctx.url.searchParams.get('cursor') ?? '0');
  const theirs = ctx.data.history
    .filter((m) => m.channelSlug === channel.slug && m.username.toLowerCase() === user.username.toLowerCase() && (!cursor || Date.parse(m.createdAt) < cursor))
    .reverse();
  const page = theirs.slice(0, USER_MESSAGES_PAGE);
  return json(200, {
    status: { error: false, code: 200, message: 'SUCCESS' },
    data: {
      messages: page.map((m, i) => ({
        id: `sim-${Date.parse(m.createdAt)}-${i}`,
        chat_id: channel.userId + 900_000,
        user_id: user.userId,
        content: m.content,
        type: 'message',
        metadata: null,
        created_at: m.createdAt,
        sender: { id: user.userId, username: user.username, slug: user.slug, identity: { color: '#75FD46', badges: [] } },
      })),
      cursor: theirs.length > page.length ? String(Date.parse(page.at(-1)!.createdAt)) : null,
    },
  });
}

/**
 * `POST web.kick.com/api/v1/realtime/connection`: Kick's chat-socket negotiation, as kick.com's page makes it since
 * September 2026. Body and answer as jamezrin/lurkloot `packages/core/src/platforms/kick/realtime.ts` (2026-10) sends and
 * reads them: `{ client: { id, type: 'web' }, capabilities: { accepted_providers: [{ provider }] } }` in,
 * `{ data: { connections: [{ provider: 'pusher', credentials: { app_key, cluster } }] } }` out (SevenTV/chatterino7
 * `KickPusherManager.cpp`, 2026, builds its URL from the same key and cluster). guess: the rest of the answer, that an
 * anonymous request is answered, that it is CORS-open to kick.com's pages (kick.com's page calls it from another
 * origin) and refuses other origins (Kick's Centrifugo refuses extension origins: LurkLoot, 2026-10-09), and the 400
 * for a body that accepts no provider it offers. Only Pusher is offered here: the simulator has no Centrifugo.
 */
function realtimeConnectionJson(ctx: SimContext, pusher: SimPusher): SimReply {
  const cors = { 'access-control-allow-origin': 'https://kick.com', vary: 'Origin' };
  if (ctx.headers.origin !== undefined && !onSite(ctx.headers.origin)) return json(403, { message: 'Forbidden' });
  let accepted: unknown;
  try {
    accepted = (JSON.parse(ctx.body.toString('utf8')) as { capabilities?: { accepted_providers?: unknown } }).capabilities?.accepted_providers;
  } catch {
    return json(400, { message: 'Invalid JSON' }, cors);
  }
  if (!Array.isArray(accepted) || !accepted.some((p) => (p as { provider?: unknown } | null)?.provider === 'pusher'))
    return json(400, { message: 'No supported provider' }, cors);
  return json(200, { data: { connections: [{ provider: 'pusher', credentials: { app_key: pusher.key, cluster: 'us2' } }] } }, cors);
}

/** web.kick.com: the API kick.com's newer page code calls (only the chat-socket negotiation is simulated). */
export function handleWebApi(ctx: SimContext, pusher: SimPusher): SimReply | undefined {
  if (ctx.method === 'POST' && ctx.url.pathname === '/api/v1/realtime/connection') return realtimeConnectionJson(ctx, pusher);
  return undefined;
}

export function handleWeb(ctx: SimContext): SimReply | undefined {
  if (ctx.method !== 'GET') return undefined;
  const parts = ctx.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (ctx.url.pathname === '/api/v1/user') return fromSitePage(ctx) ? currentUserJson(ctx) : json(403, { message: 'Request blocked by security policy.' });
  if (parts[0] === 'api' && parts[1] === 'v2' && parts[2] === 'channels') {
    if (!fromSitePage(ctx)) return json(403, { message: 'Request blocked by security policy.' });
    if (parts.length === 4) {
      const user = findUserBySlug(ctx.data, parts[3]!);
      return user ? json(200, channelJson(user)) : json(404, { message: 'Not found' });
    }
    if (parts.length === 6 && parts[4] === 'users') return channelUserJson(ctx, parts[3]!, parts[5]!);
    if (parts.length === 5 && parts[4] === 'me') return channelMeJson(ctx, parts[3]!);
    if (parts.length === 7 && parts[4] === 'users' && parts[6] === 'messages') return userMessagesJson(ctx, parts[3]!, parts[5]!);
    if (parts.length === 5 && parts[4] === 'messages') return recentMessagesJson(ctx.data, parts[3]!);
    return json(404, { message: 'Not found' });
  }
  if (parts.length === 0) return html(homePage(ctx.data));
  const page: { slug: string; shell: PageShell } | undefined =
    parts.length === 1 && !SITE_ROUTES.has(parts[0]!) ? { slug: parts[0]!, shell: 'channel' } :
    parts.length === 3 && parts[0] === 'popout' && parts[2] === 'chat' ? { slug: parts[1]!, shell: 'popout' } :
    parts.length === 2 && parts[0] === 'moderator' ? { slug: parts[1]!, shell: 'moderator' } : undefined;
  const user = page && findUserBySlug(ctx.data, page.slug);
  if (page && user) {
    const variant = ctx.url.searchParams.get('empty') === '1' ? 'unknown' : parseVariant(ctx.url.searchParams.get('variant'));
    const built = channelPage(ctx.data, user, { variant, shell: page.shell });
    return html(ctx.url.searchParams.get('clobber') === '1' ? withClobbering(built) : built);
  }
  return html(notFoundPage(), 404);
}
