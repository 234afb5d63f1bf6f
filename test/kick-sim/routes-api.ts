import { findUserBySlug, json, wrapped, type SimContext, type SimReply } from './http-types';
import type { TokenRecord } from './oauth-state';
import { bearer, introspect } from './routes-id';
import type { SimUser } from './types';

/** api.kick.com/public/v1: users, channels, livestreams, with Kick's bearer and scope rules. */

const unauthorized = () => json(401, { message: 'Unauthorized' });
const forbidden = () => json(403, { message: 'Forbidden' });
const invalidRequest = () => json(400, { message: 'Invalid request' });
const MAX_IDS = 50;

function authenticate(ctx: SimContext): TokenRecord | undefined {
  const tokenValue = bearer(ctx);
  const record = tokenValue ? ctx.data.oauth.activeAccess(tokenValue) : undefined;
  ctx.auth = record ? record.type : tokenValue ? 'invalid' : 'none';
  return record;
}

function toUserItem(user: SimUser, self: boolean) {
  return { user_id: user.userId, name: user.username, email: self ? user.email : '', profile_picture: user.profilePicture };
}

function toChannelItem(user: SimUser) {
  const live = user.live;
  return {
    broadcaster_user_id: user.userId,
    slug: user.slug,
    channel_description: user.bio,
    banner_picture: user.bannerPicture,
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
  const q = ctx.url.searchParams;
  const byId = q.getAll('broadcaster_user_id');
  const bySlug = q.getAll('slug');
  if (byId.length && bySlug.length) return invalidRequest();
  if (byId.length) {
    const list = ids(byId);
    if (!list || list.length > MAX_IDS) return invalidRequest();
    return wrapped(list.map((id) => ctx.data.users.get(id)).filter((u): u is SimUser => Boolean(u)).map(toChannelItem));
  }
  if (bySlug.length) {
    if (bySlug.length > MAX_IDS || bySlug.some((s) => s.length > 25)) return invalidRequest();
    const found = bySlug.map((slug) => findUserBySlug(ctx.data, slug));
    // Kick fails the whole request on one unknown slug, it does not return a partial list.
    if (found.some((u) => !u)) return invalidRequest();
    return wrapped((found as SimUser[]).map(toChannelItem));
  }
  if (token.userId === undefined) return invalidRequest();
  const self = ctx.data.users.get(token.userId);
  return wrapped(self ? [toChannelItem(self)] : []);
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
