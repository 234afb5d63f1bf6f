import { findUserBySlug, json, wrapped, type SimContext, type SimReply } from './http-types';
import type { TokenRecord } from './oauth-state';
import { bearer, introspect } from './routes-id';
import type { SimUser } from './types';
import { moderationRoute } from './routes-moderation';

/**
 * api.kick.com/public/v1: users, channels, livestreams, with Kick's bearer and scope rules.
 * Sources: KickEngineering/KickDevDocs apis/users.md, apis/channels.md (commit c8a086c, 2026-06-23;
 * the field lists come from the swagger they embed) and the issues named beside each behaviour.
 */

// Errors come wrapped like answers (KickDevDocs #289: `{"data": {}, "message": "Unauthorized"}`).
const unauthorized = () => json(401, { data: {}, message: 'Unauthorized' });
// Guess: 403 and 400 bodies follow the same wrapping as #289's 401.
const forbidden = () => json(403, { data: {}, message: 'Forbidden' });
const invalidRequest = () => json(400, { data: {}, message: 'Invalid parameters or mixed parameter types' });
const MAX_IDS = 50;
/** A slug longer than this makes the whole request invalid (kick-api.md, channels). */
const MAX_SLUG_LENGTH = 25;

/** What Kick sends instead of an empty picture since 2025-04 (KickDevDocs #97, #199). */
export const DEFAULT_PROFILE_PICTURE = 'https://kick.com/img/default-profile-pictures/default2.jpeg';
/** The banner of a channel that never set one, and of offline channels (KickDevDocs #308, #396). */
export const DEFAULT_BANNER_PICTURE = 'https://kick.com/img/default-banner-pictures/default2.jpeg';

function authenticate(ctx: SimContext): TokenRecord | undefined {
  const tokenValue = bearer(ctx);
  const record = tokenValue ? ctx.data.oauth.activeAccess(tokenValue) : undefined;
  ctx.auth = record ? record.type : tokenValue ? 'invalid' : 'none';
  return record;
}

function toUserItem(user: SimUser, self: boolean) {
  // `name` may be empty for Google sign-ups (#325); email only for the token's own user.
  return { user_id: user.userId, name: user.username, email: self ? user.email : '', profile_picture: user.profilePicture || DEFAULT_PROFILE_PICTURE };
}

/**
 * One channel. Offline channels look like #308 (zero start time, empty category, default banner).
 * With a *user* token Kick leaves out description, banner, title and category (#200, open since
 * 2025-06): `userToken` plays that bug, which is why the extension asks with its app token.
 */
function toChannelItem(user: SimUser, userToken: boolean) {
  const live = user.live;
  const item: Record<string, unknown> = {
    broadcaster_user_id: user.userId,
    slug: user.slug,
    channel_description: user.bio,
    banner_picture: user.bannerPicture || DEFAULT_BANNER_PICTURE,
    stream_title: live?.title ?? '',
    category: live ? { id: live.category.id, name: live.category.name, thumbnail: 'https://files.kick.com/images/category.webp' } : { id: 0, name: '', thumbnail: '' },
    active_subscribers_count: 10,
    active_gifted_subscribers_count: 2,
    canceled_subscribers_count: 1,
    stream: {
      is_live: Boolean(live),
      is_mature: false,
      language: 'en',
      start_time: live?.startedAt ?? '0001-01-01T00:00:00Z',
      viewer_count: live?.viewerCount ?? 0,
      thumbnail: live ? 'https://files.kick.com/images/stream-thumb.webp' : '',
      url: live ? `https://kick.com/${user.slug}` : '',
      key: '',
      custom_tags: [],
    },
  };
  if (userToken) for (const field of ['channel_description', 'banner_picture', 'stream_title', 'category']) delete item[field];
  return item;
}

function ids(values: string[]): number[] | undefined {
  const parsed = values.map(Number);
  return parsed.every((n) => Number.isInteger(n) && n > 0) ? parsed : undefined;
}

function users(ctx: SimContext, token: TokenRecord): SimReply {
  if (token.type === 'user' && !token.scopes.includes('user:read')) return forbidden();
  const wanted = ctx.url.searchParams.getAll('id');
  if (wanted.length === 0) {
    if (token.userId === undefined) return invalidRequest();
    const self = ctx.data.users.get(token.userId);
    return wrapped(self ? [toUserItem(self, true)] : []);
  }
  const list = ids(wanted);
  if (!list || list.length > MAX_IDS) return invalidRequest();
  const found = list.map((id) => ctx.data.users.get(id)).filter((u): u is SimUser => Boolean(u));
  return wrapped(found.map((u) => toUserItem(u, u.userId === token.userId)));
}

function channels(ctx: SimContext, token: TokenRecord): SimReply {
  // An app token needs no scope; a user token needs channel:read (scopes/scopes.md).
  if (token.type === 'user' && !token.scopes.includes('channel:read')) return forbidden();
  const item = (u: SimUser) => toChannelItem(u, token.type === 'user');
  const q = ctx.url.searchParams;
  const byId = q.getAll('broadcaster_user_id');
  const bySlug = q.getAll('slug');
  if (byId.length && bySlug.length) return invalidRequest();
  if (byId.length) {
    const list = ids(byId);
    if (!list || list.length > MAX_IDS) return invalidRequest();
    return wrapped(list.map((id) => ctx.data.users.get(id)).filter((u): u is SimUser => Boolean(u)).map(item));
  }
  if (bySlug.length) {
    if (bySlug.length > MAX_IDS || bySlug.some((s) => s.length > MAX_SLUG_LENGTH)) return invalidRequest();
    // An unknown slug is simply left out of a 200 answer (Kick staff on KickDevDocs #231).
    const found = bySlug.map((slug) => findUserBySlug(ctx.data, slug)).filter((u): u is SimUser => Boolean(u));
    return wrapped(found.map(item));
  }
  if (token.userId === undefined) return invalidRequest();
  const self = ctx.data.users.get(token.userId);
  return wrapped(self ? [item(self)] : []);
}

function liveItem(user: SimUser) {
  const live = user.live!;
  return {
    broadcaster_user_id: user.userId,
    channel_id: user.userId,
    slug: user.slug,
    stream_title: live.title,
    viewer_count: live.viewerCount,
    started_at: live.startedAt,
    language: 'en',
    has_mature_content: false,
    thumbnail: 'https://files.kick.com/images/stream-thumb.webp',
    category: { id: live.category.id, name: live.category.name, thumbnail: '' },
  };
}

function livestreams(ctx: SimContext, param: string, max: number): SimReply {
  const wanted = ctx.url.searchParams.getAll(param);
  const list = wanted.length ? ids(wanted) : [...ctx.data.users.keys()];
  if (!list || list.length > max) return invalidRequest();
  return wrapped(list.map((id) => ctx.data.users.get(id)).filter((u): u is SimUser => Boolean(u?.live)).map(liveItem));
}

export function handleApi(ctx: SimContext): SimReply | undefined {
  const path = ctx.url.pathname.replace(/\/+$/, '');
  // Deprecated since 2026-01-15 but still answering, so tests can prove the extension does not use it.
  if (ctx.method === 'POST' && path === '/public/v1/token/introspect') return introspect(ctx);
  const moderation = moderationRoute(ctx, path);
  if (moderation) {
    const token = authenticate(ctx);
    return token ? moderation(token) : unauthorized();
  }
  if (ctx.method !== 'GET') return undefined;
  const routes: Record<string, (token: TokenRecord) => SimReply> = {
    '/public/v1/users': (t) => users(ctx, t),
    '/public/v1/channels': (t) => channels(ctx, t),
    '/public/v1/livestreams': () => livestreams(ctx, 'broadcaster_user_id', MAX_IDS),
    '/public/v1/users/livestreams': () => livestreams(ctx, 'user_id', 100),
  };
  const route = routes[path];
  if (!route) return undefined;
  const token = authenticate(ctx);
  return token ? route(token) : unauthorized();
}
