import { UsernameSchema } from '../messaging/protocol';
import type { SurfaceId } from '../settings/settings';

/**
 * THE registry of places kick.com shows a username (see shared/reference/kick-dom.md). Kick
 * changes its markup often, so every selector lives here and nowhere else. The real name comes
 * from `title` / `ntv-username` / the link, never from visible text other extensions rewrite.
 * Order matters: the first surface whose selector matches wins.
 */
export interface Surface {
  id: SurfaceId;
  /** What it is, for the layout report. */
  label: string;
  selector: string;
  readName(el: Element): string | null;
}

/** Paths on kick.com that are site routes, not channels. */
export const SITE_ROUTES = new Set([
  'categories', 'category', 'following', 'browse', 'search', 'settings', 'dashboard', 'terms-of-service', 'privacy-policy',
  'community-guidelines', 'dmca-policy', 'video', 'videos', 'clips', 'clip', 'auth', 'login', 'signup', 'subscriptions',
  'messages', 'notifications', 'api', 'help', 'careers', 'about', 'legal', 'kick-partner', 'stream', 'moderator', 'emotes',
]);

const attr = (name: string) => (el: Element) => el.getAttribute(name);
const atText = (el: Element) => {
  const text = el.textContent?.trim() ?? '';
  return text.startsWith('@') ? text.slice(1) : null;
};
const titleOrAtText = (el: Element) => el.getAttribute('title') ?? atText(el);

/** `/{slug}` of a link on kick.com (relative or absolute), or null for site routes and anything else. */
export function slugFromHref(href: string | null): string | null {
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href, 'https://kick.com/');
  } catch {
    return null;
  }
  if (url.hostname !== 'kick.com' && url.hostname !== 'www.kick.com') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length !== 1 || SITE_ROUTES.has(parts[0]!.toLowerCase())) return null;
  return decodeURIComponent(parts[0]!);
}

const linkSlug = (el: Element) => slugFromHref(el.getAttribute('href'));

export const SURFACES: readonly Surface[] = [
  {
    id: 'pinned',
    label: 'pinned message',
    selector: '#channel-chatroom > :has(+ #chatroom-messages) button[title], #channel-chatroom > :has(+ #chatroom-messages) [title]',
    readName: attr('title'),
  },
  {
    id: 'reply',
    label: 'reply header',
    selector: 'div[data-index] > .w-full:first-child [title], div[data-index] > .w-full:first-child span',
    readName: titleOrAtText,
  },
  {
    id: 'chat',
    label: 'chat username',
    selector: "div[data-index] button[data-prevent-expand='true'][title], div[data-index] .inline-flex > button[title]",
    readName: attr('title'),
  },
  { id: 'chat', label: 'NipahTV chat username', selector: '.ntv__chat-message__username[ntv-username]', readName: attr('ntv-username') },
  { id: 'mention', label: '@mention', selector: 'div[data-index] span.font-normal span, .ntv__chat-message span', readName: atText },
  {
    id: 'channelHeader',
    label: 'channel header',
    selector: '#channel-username, [data-testid="channel-header-username"]',
    readName: (el) => el.getAttribute('title') ?? el.textContent?.trim() ?? null,
  },
  {
    id: 'sidebar',
    label: 'sidebar channel',
    selector: '#sidebar-wrapper a[data-testid^="sidebar-following-channel-"], #sidebar-wrapper a[data-testid^="sidebar-recommended-channel-"]',
    readName: linkSlug,
  },
  { id: 'link', label: 'link to a channel', selector: 'a[href]', readName: linkSlug },
];

/** Chat message text, where a plain-text "@name" may sit (see lib/page/text-mention.ts). */
export const MESSAGE_TEXT_SELECTOR = 'div[data-index] span.font-normal, .ntv__chat-message';

export interface FoundName {
  element: Element;
  surface: Surface;
  username: string;
}

/** The username under `target`, if any: one `closest()` per surface, no per-row work. */
export function findName(target: EventTarget | null, enabled?: (id: SurfaceId) => boolean): FoundName | null {
  if (!(target instanceof Element)) return null;
  for (const surface of SURFACES) {
    if (enabled && !enabled(surface.id)) continue;
    const element = target.closest(surface.selector);
    if (!element) continue;
    const parsed = UsernameSchema.safeParse(surface.readName(element));
    if (parsed.success) return { element, surface, username: parsed.data };
  }
  return null;
}

/** How many names each surface shows right now, for the "layout recognised" report. */
export function countNames(root: ParentNode = document): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const surface of SURFACES) {
    if (surface.id === 'link') continue;
    let n = 0;
    for (const el of root.querySelectorAll(surface.selector)) if (UsernameSchema.safeParse(surface.readName(el)).success) n++;
    if (n) counts[surface.id] = (counts[surface.id] ?? 0) + n;
  }
  return counts;
}
