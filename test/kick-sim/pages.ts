import { CHAT_CYCLE } from './chat-plan';
import { kickEmote } from './fixtures/chat-row';
import { chatroom, hiddenDuplicateChatroom, hiddenDuplicateChatroomAfter, mobileChatList } from './fixtures/chatroom';
import { esc } from './fixtures/html';
import { kickUserCard } from './fixtures/kick-card';
import { pinnedMessage } from './fixtures/pinned';
import type { SimData } from './http-types';
import { MAIN_CHANNEL } from './seed';
import type { SimUser } from './types';
import { renderRow, type Variant } from './variants';

/**
 * kick.com's pages, assembled from the captured row shapes in ./fixtures (each names its source) plus a page frame
 * of our own: the sidebar (`#sidebar-wrapper a[data-testid^="sidebar-…-channel-"]`), the channel header
 * (`h1#channel-username`) and directory cards (`[data-testid="livestream-results-card"]`) follow kick-dom.md's
 * selectors (sixem/kick-enhancer, egekocabas/kick-viewer-count-extension); everything else in the frame is layout.
 */

const safeJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

// Our own styling: Kick's Tailwind classes mean nothing here, so rows flow instead of being translated absolutely.
const STYLE = `
  body { margin:0; background:#0b0e0f; color:#e9eaeb; font:14px/1.4 system-ui, sans-serif; }
  a { color:#53fc18; text-decoration:none; }
  .layout { display:grid; grid-template-columns: 220px 1fr 340px; height:100vh; }
  .popout { height:100vh; }
  #sidebar-wrapper { background:#191b1f; padding:8px; overflow:auto; }
  #sidebar-wrapper a { display:block; padding:4px 6px; color:#e9eaeb; }
  #sidebar-wrapper button { display:block; width:100%; text-align:left; }
  main { padding:16px; overflow:auto; }
  aside, .popout { background:#191b1f; display:flex; flex-direction:column; height:100vh; min-height:0; }
  #channel-chatroom { display:flex; flex-direction:column; height:100%; min-height:0; }
  #channel-chatroom > div:first-child { flex:1; min-height:0; display:flex; flex-direction:column; }
  #channel-chatroom > div:first-child > div:last-child { flex:1; min-height:0; display:flex; flex-direction:column; }
  #chatroom-messages { flex:1; overflow-y:auto; min-height:0; }
  [data-testid="pinned-message-modal"] { padding:6px 8px; background:#24272c; }
  [data-index] { padding:2px 8px; }
  .inline-flex { display:inline-flex; gap:4px; align-items:center; }
  button { background:none; border:0; color:inherit; cursor:pointer; padding:0; font:inherit; }
  .font-bold { font-weight:700; }
  [data-testid^="identity-badge-"] { display:inline-block; width:12px; height:12px; background:#53fc18; border-radius:3px; }
  [style*="--chatroom-mod-actions-display"] button, .ntv__chat-message__mod-buttons button { width:14px; height:14px; margin-right:2px; background:#444; border-radius:3px; }
  [class*="border-l-4"] { border-left:4px solid; padding:6px 8px; margin:2px 0; background:#24272c; }
  .text-xs { font-size:12px; color:#9aa0a6; display:flex; align-items:center; gap:4px; }
  svg[data-ds-icon] { width:14px; height:14px; background:#9aa0a6; }
  .ntv__chat-message > .group { display:none; }
  .ntv__chat-message__username { font-weight:700; cursor:pointer; }
  .seventv-chat-badge { display:inline-block; width:12px; height:12px; background:#29b6f6; border-radius:3px; }
  [data-testid="livestream-results-card"] { display:inline-block; width:200px; margin:8px; background:#24272c; padding:8px; }
  .spacer { height: 1400px; }
`;

/**
 * The sidebar: sections of `button[dir="ltr"] > a[data-testid="sidebar-{following|recommended}-channel-{n}"]`, the
 * suffix a position, not the slug. Source: thened/KickSanitizer tests/test.js ("Real markup, captured live
 * 2026-08-16", reduced by its author to the link text). guess: `#sidebar-wrapper` around it (kick-dom.md, from
 * sixem/kick-enhancer's selectors) and the site links below.
 */
function sidebar(data: SimData): string {
  const users = [...data.users.values()].filter((u) => u.username);
  const section = (title: string, kind: string, list: typeof users) =>
    `<section><div>${title}</div>${list.map((u, i) => `<button dir="ltr"><a data-testid="sidebar-${kind}-channel-${i + 1}" href="/${esc(u.slug)}">${esc(u.username)}</a></button>`).join('')}</section>`;
  return `<nav id="sidebar-wrapper">${section('Following', 'following', users.slice(0, 5))}${section('Recommended', 'recommended', users.slice(5, 9))}
    <hr><a href="/categories">Categories</a><a href="/following">Following</a><a href="/search?q=x">Search</a></nav>`;
}

function directory(data: SimData): string {
  return [...data.users.values()].filter((u) => u.live).map((u) =>
    `<div data-testid="livestream-results-card"><a data-testid="media-card-thumbnail" href="/${esc(u.slug)}">
       <img alt="" width="180" height="100" src="https://files.kick.com/images/thumb/${u.userId}.png"></a>
       <div><a href="/${esc(u.slug)}">${esc(u.username)}</a> · ${esc(u.live!.title)}</div></div>`).join('');
}

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="en" class="dark"><head><meta charset="utf-8"><title>${esc(title)} | Kick</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function homePage(data: SimData): string {
  return shell('Kick', `<div class="layout">${sidebar(data)}<main><h1>Live channels</h1>${directory(data)}
    <p>Also: <a href="/${MAIN_CHANNEL}">${MAIN_CHANNEL}</a>, <a href="/browse">Browse</a>, <a href="/terms-of-service">Terms</a></p></main></div>`);
}

export function notFoundPage(): string {
  return shell('Not found', '<main><h1>Oops, something went wrong</h1></main>');
}

/**
 * Drives the simulated chat like Kick's virtualiser: rows are cloned from the rendered cycle, at most 200 stay
 * mounted, the oldest are unmounted (destroyed, not reused: thened/KickSanitizer filters/mirror.js, "The virtualiser
 * destroys and re-creates rows", 2026-08-17), and `data-index` values are recycled (Kick reuses its row slots;
 * steveseguin/social_stream sources/kick.js: "starts reusing those row slots around 270-299").
 * guess: 200, how many rows Kick keeps mounted (no source gives the number; Kick mounts what the viewport shows and
 * some more). `say(who, text)` appends one message a test writes (`[emote:id:name]` as an emote), stamped with the
 * current clock time as Kick's rows are.
 */
function chatScript(templates: string[], kickCard: string, said: string, emote: string): string {
  return `(() => {
  const MAX_ROWS = 200, INDEX_SLOTS = 300;
  const element = (html) => { const t = document.createElement('template'); t.innerHTML = html; return t.content.firstElementChild; };
  const templates = ${safeJson(templates)}.map(element);
  const kickCard = ${safeJson(kickCard)};
  const said = ${safeJson(said)}, emote = ${safeJson(emote)};
  // One pass, so what a test writes is never taken for a placeholder.
  const fill = (html, values) => html.replace(/__[A-Z]+__/g, (k) => values[k] ?? k);
  let next = 0;
  // The live list comes first: the hidden server-rendered copy of #channel-chatroom holds no list (before the live panel)
  // or an empty one (after it, since 2026-08). A 0×0 mobile list after the live one (variant after-2026-08) mirrors it.
  const list = () => document.querySelector('#chatroom-messages > div');
  const mirrors = () => [...document.querySelectorAll('#chatroom-messages > div')].slice(1);
  function append(rows) {
    const container = list();
    const frag = document.createDocumentFragment();
    for (const row of rows) {
      row.setAttribute('data-index', String(next % INDEX_SLOTS));
      frag.append(row);
      next++;
    }
    const copies = mirrors().map((mirror) => [mirror, frag.cloneNode(true)]);
    container.append(frag);
    for (const [mirror, copy] of copies) mirror.append(copy);
    for (const each of [container, ...mirrors()]) while (each.children.length > MAX_ROWS) each.firstElementChild.remove();
    return next;
  }
  function appendRows(n) {
    return append(Array.from({ length: n }, (_, k) => templates[(next + k) % templates.length].cloneNode(true)));
  }
  function say(who, text) {
    const body = text.split(/(\\[emote:\\d+:[\\w!-]*\\])/).map((part) => {
      const m = /^\\[emote:(\\d+):([\\w!-]*)\\]$/.exec(part);
      return m ? fill(emote, { __ID__: m[1], __NAME__: m[2] }) : escape(part);
    }).join('');
    const time = new Date().toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });
    return append([element(fill(said, { __WHO__: escape(who), __TEXT__: escape(text), __BODY__: body, __TIME__: time }))]);
  }
  // Kick opens its own user card on a click on one of its name buttons.
  const KICK_NAMES = '[data-index] button[data-prevent-expand], [data-index] div.inline-flex > button[title], [data-index] [class*="border-l-4"] button, [data-testid="sent-by"] button';
  const escape = (s) => s.replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  document.addEventListener('click', (e) => {
    const name = e.target instanceof Element && !e.target.closest('#user-identity') && e.target.closest(KICK_NAMES);
    if (e.target instanceof Element && e.target.closest('#user-identity')) return;
    document.getElementById('user-identity')?.remove();
    if (!name) return;
    const who = name.getAttribute('title') || name.textContent.trim();
    document.body.insertAdjacentHTML('beforeend', kickCard.split('__NAME__').join(escape(who)));
  });
  // What the page drew, sent on the simulated chat socket too (chat-feed.ts), as Kick's server sends every message to
  // every viewer; the promise settles once the simulator sent it.
  const channelSlug = (() => {
    const parts = location.pathname.split('/').filter(Boolean);
    return parts[0] === 'popout' || parts[0] === 'moderator' ? parts[1] : parts[0];
  })();
  const broadcast = (body) =>
    fetch('/__sim/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: channelSlug, ...body }) })
      .then(() => undefined, () => undefined);
  window.__sim = {
    appendRows(n) {
      const from = next;
      const to = appendRows(n);
      return broadcast({ from, count: n }).then(() => to);
    },
    say(who, text) {
      const to = say(who, text);
      return broadcast({ said: { who, text } }).then(() => to);
    },
    clearChat() { for (const each of [list(), ...mirrors()]) each.replaceChildren(); },
    rowCount() { return list().children.length; },
  };
  appendRows(30);
})();`;
}

export type PageShell = 'channel' | 'popout' | 'moderator';

function chatPanel(channel: SimUser): string {
  const owner = channel.username || channel.slug;
  return chatroom(pinnedMessage(owner, 'Welcome to the stream!'));
}

export function channelPage(data: SimData, channel: SimUser, opts: { variant: Variant; shell: PageShell }): string {
  const templates = Array.from({ length: CHAT_CYCLE }, (_, i) => renderRow(opts.variant, i, 0));
  const said = renderRow(opts.variant, 0, 0, { who: '__WHO__', text: '__TEXT__', body: '__BODY__', time: '__TIME__' });
  const script = `<script>${chatScript(templates, kickUserCard('__NAME__'), said, kickEmote('__ID__', '__NAME__'))}</script>`;
  const owner = channel.username || channel.slug;
  // guess: no public capture of the popout chat or the moderator view's page frame; their chat panel is the channel's.
  if (opts.shell === 'popout') return shell(channel.slug, `${hiddenDuplicateChatroom()}<div class="popout">${chatPanel(channel)}</div>${script}`);
  const main =
    opts.shell === 'moderator'
      ? `<main><h2>Mod view: ${esc(owner)}</h2><section data-panel="mod-actions"><p>Recent actions</p></section></main>`
      : `<main>
  <div><img alt="" width="48" height="48" src="https://files.kick.com/images/avatar/${channel.userId}.png">
    <h1 id="channel-username">${esc(owner)}</h1><!-- guess: the tag; only the id is known -->
    <p data-testid="livestream-title">${esc(channel.live ? channel.live.title : 'Offline')}</p></div>
  <p>Friends: <a href="/${esc(MAIN_CHANNEL)}">${esc(MAIN_CHANNEL)}</a> · <a href="/secondstreamer">secondstreamer</a> ·
     <a href="/categories">Categories</a> · <a href="/following">Following</a></p>
  <section>${directory(data)}</section>
  <div class="spacer"></div>
</main>`;
  // Since 2026-08 the hidden copy follows the live panel, and a 0×0 mobile list exists (fixtures/chatroom.ts).
  if (opts.variant === 'after-2026-08')
    return shell(channel.slug, `<div class="layout">${sidebar(data)}${main}<aside>${chatPanel(channel)}</aside></div>${hiddenDuplicateChatroomAfter()}${mobileChatList()}${script}`);
  return shell(channel.slug, `${hiddenDuplicateChatroom()}<div class="layout">${sidebar(data)}${main}<aside>${chatPanel(channel)}</aside></div>${script}`);
}
