// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { countNames, findName, slugFromHref } from './surfaces';

const KICK_FIXTURE = `
<nav id="sidebar-wrapper">
  <a id="side" data-testid="sidebar-following-channel-cool-cat" href="/cool-cat"><span>Cool Cat</span></a>
</nav>
<h1 id="channel-username" title="streamer1">streamer1</h1>
<a id="cat" href="/categories">Categories</a>
<a id="friend" href="/secondstreamer">friend</a>
<a id="offsite" href="https://example.com/streamer1">offsite</a>
<div id="channel-chatroom">
  <div class="pinned"><button id="pin" data-prevent-expand="true" title="streamer1">streamer1</button>: hi</div>
  <div id="chatroom-messages"><div class="no-scrollbar">
    <div data-index="1">
      <div class="w-full"><span id="reply" class="reply-author" title="og_olga">@og_olga</span> earlier</div>
      <div class="inline-flex"><div><span class="badge">sub</span></div>
        <button id="name" data-prevent-expand="true" title="modmaria" style="color:red">~MODMARIA~</button></div>
      <span class="font-normal">hey <span id="mention" class="mention">@vipvictor</span> and <span id="plain">plain</span></span>
    </div>
  </div>
  <div class="ntv__chat-message"><span id="ntv" class="ntv__chat-message__username" ntv-username="subsam">SUBSAM</span>: yo</div>
  </div>
</div>`;

beforeEach(() => {
  document.body.innerHTML = KICK_FIXTURE;
});
const at = (id: string) => findName(document.getElementById(id));

describe('findName on a current-Kick fixture', () => {
  it('reads the chat name from title, not the rewritten visible text', () => {
    expect(at('name')).toMatchObject({ username: 'modmaria', surface: { id: 'chat' } });
  });
  it('finds a name from a child of the name button', () => {
    const button = document.getElementById('name')!;
    button.innerHTML = '<span id="inner">x</span>';
    expect(at('inner')?.username).toBe('modmaria');
  });
  it('reads NipahTV rows from ntv-username', () => {
    expect(at('ntv')).toMatchObject({ username: 'subsam', surface: { id: 'chat' } });
  });
  it('reads @mentions, and ignores spans that are not mentions', () => {
    expect(at('mention')).toMatchObject({ username: 'vipvictor', surface: { id: 'mention' } });
    expect(at('plain')).toBeNull();
  });
  it('reads the reply header author', () => {
    expect(at('reply')).toMatchObject({ username: 'og_olga', surface: { id: 'reply' } });
  });
  it('reads the pinned message author', () => {
    expect(at('pin')).toMatchObject({ username: 'streamer1', surface: { id: 'pinned' } });
  });
  it('reads the channel header', () => {
    expect(at('channel-username')).toMatchObject({ username: 'streamer1', surface: { id: 'channelHeader' } });
  });
  it('reads sidebar links and channel links, but not site routes or other sites', () => {
    expect(at('side')).toMatchObject({ username: 'cool-cat', surface: { id: 'sidebar' } });
    expect(at('friend')).toMatchObject({ username: 'secondstreamer', surface: { id: 'link' } });
    expect(at('cat')).toBeNull();
    expect(at('offsite')).toBeNull();
  });
  it('skips surfaces the user turned off', () => {
    expect(findName(document.getElementById('name'), (id) => id !== 'chat')).toBeNull();
    expect(findName(document.getElementById('mention'), (id) => id !== 'chat')?.username).toBe('vipvictor');
  });
  it('rejects names that are not Kick usernames', () => {
    document.getElementById('name')!.setAttribute('title', '<img src=x>');
    expect(at('name')).toBeNull();
  });
});

describe('countNames', () => {
  it('counts each surface for the layout report', () => {
    expect(countNames()).toMatchObject({ chat: 2, mention: 1, reply: 1, pinned: 1, channelHeader: 1, sidebar: 1 });
  });
});

describe('slugFromHref', () => {
  it('accepts /{slug} on kick.com only', () => {
    expect(slugFromHref('/xqc')).toBe('xqc');
    expect(slugFromHref('https://www.kick.com/xqc')).toBe('xqc');
    expect(slugFromHref('/xqc/videos')).toBeNull();
    expect(slugFromHref('/following')).toBeNull();
    expect(slugFromHref('https://evil.example/xqc')).toBeNull();
    expect(slugFromHref('javascript:alert(1)')).toBeNull();
  });
});
