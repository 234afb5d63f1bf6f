// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { chatRow, currentIdentity } from '@/test/kick-sim/fixtures/chat-row';
import { chatroom, hiddenDuplicateChatroomAfter, mobileChatList } from '@/test/kick-sim/fixtures/chatroom';
import { kickUserCard } from '@/test/kick-sim/fixtures/kick-card';
import { modActions } from '@/test/kick-sim/fixtures/mod-actions';
import { ntvRow } from '@/test/kick-sim/fixtures/nipahtv';
import { giftedSubsNotice, kicksGiftRow, subscriptionNotice } from '@/test/kick-sim/fixtures/notices';
import { UKICK_FALLBACK_TITLE, UKICK_TITLE, ukickBlockButton } from '@/test/kick-sim/fixtures/ukick';
import { pinnedMessage } from '@/test/kick-sim/fixtures/pinned';
import { replyHeader } from '@/test/kick-sim/fixtures/reply-header';
import { sevenTvRow } from '@/test/kick-sim/fixtures/seventv';
import { titleEraIdentity } from '@/test/kick-sim/fixtures/title-era';
import { countNames, findName, MESSAGE_TEXT_SELECTOR, rewrittenText, shownChatLists, slugFromHref } from './surfaces';

// Every row below is a captured shape from test/kick-sim/fixtures (the same modules the simulated kick.com serves).
const row = (index: number, name: string, body = 'hello', extra: { reply?: string; title?: string } = {}) =>
  chatRow({
    index, time: '12:00 PM', body, modActions: modActions(), replyHeader: extra.reply,
    identity: extra.title ? titleEraIdentity(extra.title, '#fff', [], name) : currentIdentity(name, '#fff', ['moderator']),
  });

const FRAME = `
<nav id="sidebar-wrapper"><section><div>Following</div><button dir="ltr"><a id="side" data-testid="sidebar-following-channel-1" href="/cool-cat">Cool Cat</a></button></section></nav>
<h1 id="channel-username">streamer1</h1>
<a id="cat" href="/categories">Categories</a>
<a id="popout" href="/popout/streamer1/chat">Popout</a>
<a id="friend" href="/secondstreamer">friend</a>
<a id="offsite" href="https://example.com/streamer1">offsite</a>`;

function mount(rows: string[]) {
  document.body.innerHTML = FRAME + chatroom(pinnedMessage('streamer1', 'Welcome!'), rows.join(''));
}
const q = (selector: string) => document.querySelector(selector);
const at = (selector: string) => findName(q(selector));

describe('findName on the current layout (names are button text, no title)', () => {
  beforeEach(() => mount([row(1, 'ModMaria'), row(2, 'subsam', 'message', { reply: replyHeader('og_olga', 'earlier') })]));

  it('reads the chat name from the button text', () => {
    expect(at('[data-index="1"] button[data-prevent-expand]')).toMatchObject({ username: 'ModMaria', surface: { id: 'chat' } });
  });
  it('finds the name from an element inside the button', () => {
    q('[data-index="1"] button[data-prevent-expand]')!.innerHTML = '<span id="inner">ModMaria</span>';
    expect(at('#inner')?.username).toBe('ModMaria');
  });
  it('never opens on moderator action buttons', () => {
    for (const label of ['Delete', 'Timeout', 'Ban', 'Pin', 'Reply']) expect(at(`[data-index="1"] button[aria-label="${label}"]`)).toBeNull();
    // The Reply control carries the reply header's ArrowCurveLeft icon, but no "Replying to" text.
    expect(at('[data-index="1"] button[aria-label="Reply"] svg[data-ds-icon="ArrowCurveLeft"]')).toBeNull();
  });
  it('reads the replied-to name from the reply header text, and the sender from the name', () => {
    expect(at('[data-index="2"] svg[data-ds-icon="ArrowCurveLeft"]')).toMatchObject({ username: 'og_olga', surface: { id: 'reply' } });
    expect(at('[data-index="2"] button.text-xs span')?.username).toBe('og_olga');
    expect(at('[data-index="2"] button[data-prevent-expand]')?.username).toBe('subsam');
  });
  it('reads the pinned author from sent-by', () => {
    expect(at('[data-testid="sent-by"] button')).toMatchObject({ username: 'streamer1', surface: { id: 'pinned' } });
    expect(at('[data-testid="pinned-message-content"]')).toBeNull();
  });
  it('ignores message text, timestamps and the separator', () => {
    for (const s of ['[data-index="1"] span.font-normal', '[data-index="1"] .text-neutral', '[data-index="1"] [aria-hidden="true"]']) expect(at(s)).toBeNull();
  });
  it('reads the channel header, sidebar and channel links, but not site routes, popout links or other sites', () => {
    expect(at('#channel-username')).toMatchObject({ username: 'streamer1', surface: { id: 'channelHeader' } });
    expect(at('#side')).toMatchObject({ username: 'cool-cat', surface: { id: 'sidebar' } });
    expect(at('#friend')).toMatchObject({ username: 'secondstreamer', surface: { id: 'link' } });
    for (const id of ['#cat', '#popout', '#offsite']) expect(at(id)).toBeNull();
  });
  it('skips surfaces the user turned off', () => {
    const name = q('[data-index="1"] button[data-prevent-expand]');
    expect(findName(name, (id) => id !== 'chat')).toBeNull();
    expect(findName(q('[data-testid="sent-by"] button'), (id) => id !== 'chat')?.username).toBe('streamer1');
  });
  it('rejects names that are not Kick usernames', () => {
    q('[data-index="1"] button[data-prevent-expand]')!.textContent = '<img src=x>';
    expect(at('[data-index="1"] button[data-prevent-expand]')).toBeNull();
  });
  it('counts each surface for the layout report', () => {
    expect(countNames()).toMatchObject({ chat: 2, reply: 1, pinned: 1, channelHeader: 1, sidebar: 1 });
  });
});

describe('notices', () => {
  beforeEach(() => mount([subscriptionNotice(5, 'subsam', 3), giftedSubsNotice(13, 'vipvictor', ['og_olga', 'cool_cat']), kicksGiftRow(19, 'emoji_eve', '#fff', 100)]));

  it('reads the subscriber, the gifter and every recipient', () => {
    expect(at('[data-index="5"] button')).toMatchObject({ username: 'subsam', surface: { id: 'chat', label: 'notice name' } });
    const gift = [...document.querySelectorAll('[data-index="13"] button')].map((b) => findName(b)?.username);
    expect(gift).toEqual(['vipvictor', 'vipvictor', 'og_olga', 'vipvictor', 'cool_cat']);
  });
  it('reads the Kicks sender, never the amount (its title is a number)', () => {
    expect(at('[data-index="19"] button[data-prevent-expand]')?.username).toBe('emoji_eve');
    expect(at('[data-index="19"] [title="100"]')).toBeNull();
  });
});

describe('the layout before 2026-03-26 and other extensions', () => {
  it('title era: the title is the name, even when the visible text was rewritten (Enhancer)', () => {
    mount([row(1, 'Maria ✦', 'hi', { title: 'modmaria' })]);
    const found = at('[data-index="1"] button[title]')!;
    expect(found).toMatchObject({ username: 'modmaria', surface: { id: 'chat' } });
    expect(rewrittenText(found)).toBe('Maria ✦');
  });
  it('current layout: a rewritten text is all the page shows, so it is what is looked up', () => {
    mount([row(1, 'Nickname')]);
    const found = at('[data-index="1"] button[data-prevent-expand]')!;
    expect(found.username).toBe('Nickname');
    expect(rewrittenText(found)).toBeNull();
  });
  it('NipahTV: reads ntv-username, finds the cloned reply header and its message parts', () => {
    const header = replyHeader('og_olga', 'earlier');
    mount([ntvRow({
      index: 1, time: '12:00 PM', name: 'modmaria', visibleName: 'Maria ✦', color: '#fff', text: 'hey @vipvictor', modButtons: true,
      kickGroup: '<div class="group"></div>', reply: { headerInner: header.replace(/^<button[^>]*>|<\/button>$/g, ''), headerText: 'Replying to @og_olga: earlier' },
    })]);
    const found = at('.ntv__chat-message__username')!;
    expect(found).toMatchObject({ username: 'modmaria', surface: { id: 'chat' } });
    expect(rewrittenText(found)).toBe('Maria ✦');
    expect(at('.ntv__chat-message__attachment')).toMatchObject({ username: 'og_olga', surface: { id: 'reply' } });
    expect(at('.ntv__chat-message__mod-buttons button')).toBeNull();
    expect(q('.ntv__chat-message__part')!.matches(MESSAGE_TEXT_SELECTOR)).toBe(true);
  });
  it('7TV: plain-text mentions move to .seventv-text-token, names and 7TV badges stay as they are', () => {
    mount([sevenTvRow(row(1, 'modmaria', 'hey @vipvictor'), 'hey @vipvictor', '7TV Subscriber')]);
    expect(at('[data-index="1"] button[data-prevent-expand]')?.username).toBe('modmaria');
    expect(at('.seventv-chat-badge img')).toBeNull();
    expect(q('span.seventv-text-token')!.closest(MESSAGE_TEXT_SELECTOR)).not.toBeNull();
    expect((q('span.font-normal') as HTMLElement).style.display).toBe('none');
  });
});

describe('markup seen after 2026-08 (kick-dom.md, "Chat socket, 2026-09")', () => {
  const identity = (name: string, extra: Parameters<typeof currentIdentity>[3]) => currentIdentity(name, '#fff', ['subscriber'], extra);
  const rowWith = (index: number, name: string, extra: Parameters<typeof currentIdentity>[3]) =>
    chatRow({ index, time: '12:00 PM', body: 'hello', modActions: modActions(), identity: identity(name, extra) });

  it('finds an @mention in a gift’s own text, which is not Kick’s message span', () => {
    mount([kicksGiftRow(4, 'cool_cat', '#fff', 100, { message: 'thanks @og_olga for the hype' })]);
    const giftText = q('[data-index="4"] span.whitespace-pre-line')!;
    expect(giftText.closest('span.font-normal')).toBeNull();
    expect(giftText.closest(MESSAGE_TEXT_SELECTOR)).toBe(giftText);
    // The same text with the mention as an element of its own (as 7TV and others write it) is the mention surface.
    giftText.innerHTML = 'thanks <span id="m">@og_olga</span>';
    expect(at('#m')).toMatchObject({ username: 'og_olga', surface: { id: 'mention' } });
    expect(at('[data-index="4"] button[data-prevent-expand]')?.username).toBe('cool_cat');
  });

  it('reads the name beside a Level badge, and the badge is no name', () => {
    mount([rowWith(1, 'ModMaria', { level: 42 })]);
    expect(at('[data-index="1"] img[alt="Level 42"]')).toBeNull();
    const found = at('[data-index="1"] button[data-prevent-expand]')!;
    expect(found.username).toBe('ModMaria');
    expect(rewrittenText(found)).toBeNull();
    expect(countNames()).toMatchObject({ chat: 1 });
  });

  it('never takes uKick’s ✕ beside a name for a name, whatever its title says', () => {
    mount([rowWith(1, 'ModMaria', { after: ukickBlockButton('ModMaria', UKICK_FALLBACK_TITLE) }), rowWith(2, 'subsam', { after: ukickBlockButton('subsam', UKICK_TITLE) })]);
    expect(at('[data-index="1"] button.ukick-x-btn')).toBeNull();
    expect(at('[data-index="2"] button.ukick-x-btn')).toBeNull();
    expect(at('[data-index="1"] button[data-prevent-expand]')?.username).toBe('ModMaria');
    expect(countNames()).toMatchObject({ chat: 2 });
    // The layout before 2026-03-26 still reads its titled name.
    mount([row(3, 'og_olga', 'hi', { title: 'og_olga' })]);
    expect(at('[data-index="3"] div.inline-flex > button[title]')?.username).toBe('og_olga');
  });

  it('counts each name once: not again in the hidden copy after the live panel, nor in the 0×0 mobile list', () => {
    const rows = [row(1, 'ModMaria'), row(2, 'subsam', 'message', { reply: replyHeader('og_olga', 'earlier') })];
    mount(rows);
    document.body.insertAdjacentHTML('beforeend', hiddenDuplicateChatroomAfter() + mobileChatList());
    const [live, hidden, mobile] = [...document.querySelectorAll('#chatroom-messages')];
    mobile!.firstElementChild!.innerHTML = rows.join('');
    // happy-dom lays nothing out: the live list is given the size a browser gives it; the others have none.
    live!.getBoundingClientRect = () => new DOMRect(0, 0, 340, 600);
    expect(countNames()).toEqual({ pinned: 1, chat: 2, reply: 1, channelHeader: 1, sidebar: 1 });
    expect(hidden!.closest('[hidden]')).not.toBeNull();
    expect(shownChatLists()).toEqual([live]);
  });
});

describe("Kick's own card", () => {
  it('is never a surface, although its name link points at a channel', () => {
    mount([row(1, 'modmaria')]);
    document.body.insertAdjacentHTML('beforeend', kickUserCard('modmaria'));
    expect(at('#user-identity a[title="modmaria"]')).toBeNull();
    expect(countNames()).not.toHaveProperty('link');
  });
});

describe('slugFromHref', () => {
  it('accepts /{slug} on kick.com only', () => {
    expect(slugFromHref('/xqc')).toBe('xqc');
    expect(slugFromHref('https://www.kick.com/xqc')).toBe('xqc');
    expect(slugFromHref('/xqc/videos')).toBeNull();
    for (const route of ['/following', '/popout', '/moderator', '/kicks', '/discover', '/trending', '/en'])
      expect(slugFromHref(route)).toBeNull();
    expect(slugFromHref('https://evil.example/xqc')).toBeNull();
    expect(slugFromHref('javascript:alert(1)')).toBeNull();
  });
});

