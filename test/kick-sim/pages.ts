import type { SimData } from './http-types';
import { CHATTERS, MAIN_CHANNEL } from './seed';
import type { SimUser } from './types';

/**
 * HTML pages shaped like kick.com's markup as described in shared/reference/kick-dom.md: chat rows
 * `div[data-index]` with the name in `button[data-prevent-expand][title]`, NipahTV rows, the pinned
 * message before `#chatroom-messages`, sidebar links, directory cards and links to `/{slug}`.
 * The channel header name is `#channel-username` (also `data-testid="channel-header-username"`).
 */

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const safeJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

const STYLE = `
  body { margin:0; background:#0b0e0f; color:#e9eaeb; font:14px/1.4 system-ui, sans-serif; }
  a { color:#53fc18; text-decoration:none; }
  .layout { display:grid; grid-template-columns: 220px 1fr 340px; height:100vh; }
  #sidebar-wrapper { background:#191b1f; padding:8px; overflow:auto; }
  #sidebar-wrapper a { display:block; padding:4px 6px; color:#e9eaeb; }
  main { padding:16px; overflow:auto; }
  #channel-chatroom { background:#191b1f; display:flex; flex-direction:column; height:100vh; }
  #chatroom-messages { flex:1; overflow-y:auto; }
  .pinned { padding:6px 8px; background:#24272c; }
  [data-index] { padding:2px 8px; }
  .inline-flex { display:inline-flex; gap:4px; align-items:center; }
  button[data-prevent-expand] { background:none; border:0; color:inherit; font-weight:700; cursor:pointer; padding:0; font:inherit; font-weight:700; }
  .badge { font-size:10px; background:#333; padding:0 3px; border-radius:3px; }
  .mention { font-weight:600; color:#fff; background:#2b2f35; border-radius:3px; padding:0 2px; }
  .w-full { font-size:12px; color:#9aa0a6; }
  .ntv__chat-message { padding:2px 8px; }
  .ntv__chat-message__username { font-weight:700; color:#f5a; cursor:pointer; }
  [data-testid="livestream-results-card"] { display:inline-block; width:200px; margin:8px; background:#24272c; padding:8px; }
  .spacer { height: 1400px; }
`;

function sidebar(data: SimData): string {
  const users = [...data.users.values()].filter((u) => u.username);
  const following = users.slice(0, 5).map((u) =>
    `<a data-testid="sidebar-following-channel-${esc(u.slug)}" href="/${esc(u.slug)}"><span>${esc(u.username)}</span></a>`);
  const recommended = users.slice(5, 9).map((u) =>
    `<a data-testid="sidebar-recommended-channel-${esc(u.slug)}" href="/${esc(u.slug)}"><span>${esc(u.username)}</span></a>`);
  return `<nav id="sidebar-wrapper"><h3>Following</h3>${following.join('')}<h3>Recommended</h3>${recommended.join('')}
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

/** Script that drives the simulated chat: rows are virtualised like Kick's (at most 200 mounted). */
function chatScript(chatters: { username: string; color: string }[], emptyChat: boolean): string {
  return `(() => {
  const chatters = ${safeJson(chatters)};
  const emptyChat = ${emptyChat ? 'true' : 'false'};
  const MAX_ROWS = 200;
  let next = 0;
  const list = () => document.querySelector('#chatroom-messages > .no-scrollbar');
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  };
  function row(i) {
    const who = chatters[i % chatters.length];
    const other = chatters[(i * 7 + 3) % chatters.length];
    if (emptyChat) return el('div', { 'data-index': String(i) }, el('span', { class: 'x-name' }, who.username), ': message ' + i);
    const r = el('div', { 'data-index': String(i) });
    if (i % 7 === 3) r.append(el('div', { class: 'w-full' }, 'Replying to ', el('span', { class: 'reply-author', title: other.username }, '@' + other.username), ': earlier message'));
    const badges = el('div', { class: 'badges' });
    if (i % 3 === 0) badges.append(el('span', { class: 'badge' }, 'sub'));
    // Every ninth row shows a name rewritten by "another extension"; the title keeps the real one.
    const visible = i % 9 === 4 ? '~' + who.username.toUpperCase() + '~' : who.username;
    const name = el('button', { 'data-prevent-expand': 'true', title: who.username, style: 'color:' + who.color }, visible);
    r.append(el('div', { class: 'inline-flex' }, badges, name), ': ');
    const text = el('span', { class: 'font-normal' }, 'message ' + i + ' ');
    if (i % 5 === 1) text.append('hey ', el('span', { class: 'mention' }, '@' + other.username), ' what do you think?');
    // Some mentions are plain text, with no element of their own.
    else if (i % 6 === 2) text.append('thanks @' + other.username + ', for the raid');
    r.append(text);
    return r;
  }
  function appendRows(n) {
    const container = list();
    const frag = document.createDocumentFragment();
    for (let k = 0; k < n; k++) frag.append(row(next++));
    container.append(frag);
    while (container.children.length > MAX_ROWS) container.firstElementChild.remove();
    return next;
  }
  // Kick's own user card opens on click of a name (kick-dom.md: #user-identity, .base-floating-card.user-profile).
  document.addEventListener('click', (e) => {
    const name = e.target instanceof Element && e.target.closest('button[data-prevent-expand][title]');
    document.getElementById('user-identity')?.remove();
    if (!name) return;
    const card = el('div', { id: 'user-identity', class: 'base-floating-card user-profile',
      style: 'position:fixed;left:300px;top:200px;width:280px;padding:16px;background:#24272c;border:1px solid #444;z-index:50' },
      el('strong', {}, name.getAttribute('title')), ' (Kick’s own card)');
    document.body.append(card);
  });
  window.__sim = {
    appendRows,
    clearChat() { list().replaceChildren(); },
    rowCount() { return list().children.length; },
  };
  appendRows(30);
})();`;
}

const COLORS = ['#ff6b6b', '#4ecdc4', '#ffe66d', '#a29bfe', '#fd79a8', '#00cec9', '#fab1a0', '#81ecec', '#74b9ff', '#55efc4'];

export function channelPage(data: SimData, channel: SimUser, opts: { emptyChat: boolean }): string {
  const chatters = CHATTERS.map((username, i) => ({ username, color: COLORS[i % COLORS.length]! }));
  const ntvRows = ['modmaria', 'subsam', 'cool_cat'].map((name, i) =>
    `<div class="ntv__chat-message"><span class="ntv__chat-message__username" ntv-username="${esc(name)}">${esc(name.toUpperCase())}</span>: nipah row ${i}</div>`).join('');
  const owner = channel.username || channel.slug;
  const body = `<div class="layout">${sidebar(data)}
<main>
  <div data-testid="channel-header"><img alt="" width="48" height="48" src="https://files.kick.com/images/avatar/${channel.userId}.png">
    <h1 id="channel-username" data-testid="channel-header-username" title="${esc(owner)}">${esc(owner)}</h1>
    <p>${esc(channel.live ? channel.live.title : 'Offline')}</p></div>
  <p>Friends: <a href="/${esc(MAIN_CHANNEL)}">${esc(MAIN_CHANNEL)}</a> · <a href="/secondstreamer">secondstreamer</a> ·
     <a href="/categories">Categories</a> · <a href="/following">Following</a></p>
  <section>${directory(data)}</section>
  <div class="spacer"></div>
</main>
<aside id="channel-chatroom">
  <div class="pinned" data-testid="pinned-message">Pinned by <button data-prevent-expand="true" title="${esc(owner)}">${esc(owner)}</button>: Welcome to the stream!</div>
  <div id="chatroom-messages"><div class="no-scrollbar">${opts.emptyChat ? '' : ''}</div><div class="ntv-rows">${opts.emptyChat ? '' : ntvRows}</div></div>
  <div id="chatroom-footer"><div data-testid="chat-input" contenteditable="true">Send a message</div></div>
</aside></div>
<script>${chatScript(chatters, opts.emptyChat)}</script>`;
  return shell(channel.slug, body);
}
