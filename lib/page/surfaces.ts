import { kickUsername } from '../kick/username';
import type { SurfaceId } from '../settings/settings';
import { isSiteRoute, SITE_ROUTES } from './site-routes';

export { SITE_ROUTES };

/**
 * THE registry of places kick.com shows a username. Kick changes its markup often, so every selector lives here and
 * nowhere else; each one follows a captured row shape in test/kick-sim/fixtures/ (sources in kick-dom.md).
 * Since 2026-03-26 Kick's chat name is the button's own text: no `title` (NipahTV a36ada3, social_stream 75879b5). Where the page still carries the real name
 * beside a visible text that another extension may rewrite (`title` in the older layout, NipahTV's `ntv-username`),
 * that attribute wins. Order matters: the first surface whose selector matches wins.
 */
export interface Surface {
  id: SurfaceId;
  /** What it is, for the layout report. */
  label: string;
  selector: string;
  readName(el: Element): string | null;
  /** The element's visible text is the name (so a rewrite of that text can be told apart from the name looked up). */
  textIsName?: boolean;
}

/** Kick's own user card (a portal opened by clicking a name): never ours to cover. Older layout: `.user-profile`. */
export const KICK_CARD_SELECTOR = '#user-identity, .base-floating-card.user-profile';

const text = (el: Element) => el.textContent?.trim() ?? '';
const withoutAt = (s: string) => (s.startsWith('@') ? s.slice(1) : s);
const titleOrText = (el: Element) => el.getAttribute('title') ?? withoutAt(text(el));
const atText = (el: Element) => {
  const t = text(el);
  return t.startsWith('@') ? t.slice(1) : null;
};
/** Reply headers say "Replying to @name: …" (S3, S4); their inner markup was never captured, so read the text. */
const REPLYING_TO = /^Replying to\s+@?([A-Za-z0-9_]+)/i;
const repliedTo = (el: Element) => REPLYING_TO.exec(text(el))?.[1] ?? null;

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
  if (parts.length !== 1 || isSiteRoute(parts[0]!)) return null;
  return decodeURIComponent(parts[0]!);
}

const linkSlug = (el: Element) => slugFromHref(el.getAttribute('href'));

/** A chat row: Kick's virtualiser slot (`#chatroom-messages > div > div[data-index]`). */
const ROW = '[data-index]';
/**
 * Kick's own message text in a row (kick-dom.md S1, S2). 7TV hides it and NipahTV hides the `.group` holding it, but
 * both leave it in the row with Kick's text and emote spans (`span[data-emote-id][data-emote-name]`), so it reads the
 * same under either.
 */
const KICK_TEXT = 'span.font-normal';
/** The text a sender writes with a gift: not in Kick's message span (kick-dom.md, "Chat socket, 2026-09"). */
const GIFT_TEXT = 'span.whitespace-pre-line';
/**
 * Kick's name button; before 2026-03-26 one with a `title`. A titled button beside a name of today's layout is not a name
 * but another extension's (uKick's ✕ "Block this channel", test/kick-sim/fixtures/ukick.ts), so the older form counts
 * only in a name block that has no name of today's.
 */
const CHAT_NAME = ['button[data-prevent-expand]', 'div.inline-flex:not(:has(> button[data-prevent-expand])) > button[title]'];
const NTV_NAME = ['.ntv__chat-message__username[ntv-username]'];
/** The parts as one selector for chat rows. */
const inRows = (parts: readonly string[]) => parts.map((part) => `${ROW} ${part}`).join(', ');

export const SURFACES: readonly Surface[] = [
  {
    id: 'pinned',
    label: 'pinned message',
    selector: '[data-testid="pinned-message-modal"] [data-testid="sent-by"] button',
    readName: titleOrText,
    textIsName: true,
  },
  {
    id: 'reply',
    label: 'reply header',
    // The header holds Kick's ArrowCurveLeft icon; NipahTV clones the header, icon included, into its own row.
    selector: `${ROW} :has(> svg[data-ds-icon="ArrowCurveLeft"])`,
    readName: repliedTo,
  },
  {
    id: 'chat',
    label: 'chat username',
    // Current layout: the name button's text. Before 2026-03-26: `div.inline-flex > button[title]`. Moderator action
    // buttons in the same row carry neither `data-prevent-expand` nor a `title`.
    selector: inRows(CHAT_NAME),
    readName: titleOrText,
    textIsName: true,
  },
  { id: 'chat', label: 'NipahTV chat username', selector: NTV_NAME[0]!, readName: (el) => el.getAttribute('ntv-username'), textIsName: true },
  {
    id: 'chat',
    label: 'notice name',
    // Sub and gift notices are border-l-4 cards whose names are plain buttons (no data-prevent-expand).
    selector: `${ROW} [class*="border-l-4"] button`,
    readName: (el) => withoutAt(text(el)),
    textIsName: true,
  },
  {
    id: 'mention',
    label: '@mention',
    // Kick writes mentions as plain text (lib/page/text-mention.ts); an element whose whole text is "@name" counts too.
    selector: `${ROW} ${KICK_TEXT} span, ${ROW} ${GIFT_TEXT} span, ${ROW} .seventv-text-token span, .ntv__chat-message__part`,
    readName: atText,
  },
  // No capture shows the element's tag, only the id (egekocabas/kick-viewer-count-extension).
  { id: 'channelHeader', label: 'channel header', selector: '#channel-username', readName: (el) => withoutAt(text(el)), textIsName: true },
  {
    id: 'sidebar',
    label: 'sidebar channel',
    selector: '#sidebar-wrapper a[data-testid^="sidebar-following-channel-"], #sidebar-wrapper a[data-testid^="sidebar-recommended-channel-"]',
    readName: linkSlug,
  },
  { id: 'link', label: 'link to a channel', selector: 'a[href]', readName: linkSlug },
];

/**
 * Chat message text, where a plain-text "@name" may sit: Kick's own, a gift's, 7TV's replacement (Kick's is hidden),
 * NipahTV's.
 */
export const MESSAGE_TEXT_SELECTOR = `${ROW} ${KICK_TEXT}, ${ROW} ${GIFT_TEXT}, ${ROW} .seventv-text-token, .ntv__chat-message__part`;

/** Kick's chat list, and what hides a copy of it: React's streamed `div[hidden]`, or an inline `display:none`. */
const CHAT_LIST = '#chatroom-messages';
const HIDDEN = '[hidden], [style*="display:none"], [style*="display: none"]';

/**
 * The chat lists the viewer sees. Since 2026-08 kick.com's page holds more than one `#chatroom-messages` (kick-dom.md,
 * "Chat socket, 2026-09"): the hidden server-rendered copy of the panel, now after the live one, and a 0×0 one for the
 * mobile layout. They hold nothing or the same chat again, never names to count. When no list has a size (the chat
 * is collapsed), every list that is not hidden counts, so the report still describes the page.
 */
export function shownChatLists(root: ParentNode = document): Element[] {
  const lists = [...root.querySelectorAll(CHAT_LIST)].filter((list) => !list.closest(HIDDEN));
  const sized = lists.filter((list) => {
    const box = list.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  });
  return sized.length ? sized : lists;
}

/** Is this element in a hidden copy of the page, or in a chat list the viewer does not see? */
function unseen(el: Element, shown: readonly Element[]): boolean {
  if (el.closest(HIDDEN)) return true;
  const list = el.closest(CHAT_LIST);
  return list !== null && !shown.includes(list);
}

export interface FoundName {
  element: Element;
  surface: Surface;
  username: string;
}

/** The username under `target`, if any: one `closest()` per surface, no per-row work. Never inside Kick's own card. */
export function findName(target: EventTarget | null, enabled?: (id: SurfaceId) => boolean): FoundName | null {
  if (!(target instanceof Element) || target.closest(KICK_CARD_SELECTOR)) return null;
  for (const surface of SURFACES) {
    if (enabled && !enabled(surface.id)) continue;
    const element = target.closest(surface.selector);
    if (!element) continue;
    const username = kickUsername(surface.readName(element));
    if (username) return { element, surface, username };
  }
  return null;
}

/**
 * The name as the page shows it, when that differs from the name looked up (another extension rewrote the text but
 * the page kept the real name in `title` / `ntv-username`), so the card can say whom it is about.
 */
export function rewrittenText(found: FoundName): string | null {
  if (!found.surface.textIsName) return null;
  const shown = withoutAt(text(found.element));
  return shown && shown.toLowerCase() !== found.username.toLowerCase() ? shown : null;
}

/** Does this chat row show a name the registry recognises (a sender, notice name or reply header)? */
export function rowHasName(row: Element): boolean {
  for (const surface of SURFACES) {
    if (surface.id !== 'chat' && surface.id !== 'reply') continue;
    for (const el of row.querySelectorAll(surface.selector)) if (kickUsername(surface.readName(el))) return true;
  }
  return false;
}

/** How many names each surface shows right now, for the "layout recognised" report: each once, as the viewer sees it. */
export function countNames(root: ParentNode = document): Record<string, number> {
  const counts: Record<string, number> = {};
  const shown = shownChatLists(root);
  for (const surface of SURFACES) {
    if (surface.id === 'link') continue;
    let n = 0;
    for (const el of root.querySelectorAll(surface.selector))
      if (!el.closest(KICK_CARD_SELECTOR) && kickUsername(surface.readName(el)) && !unseen(el, shown)) n++;
    if (n) counts[surface.id] = (counts[surface.id] ?? 0) + n;
  }
  return counts;
}
