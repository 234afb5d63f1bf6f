import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import type { ChatFeeds } from '../chat-feed/chat-feeds';
import { CHAT_WATCH_PORT } from '../messaging/port-names';
import { acceptChatWatchPorts } from './chat-watch-port';

function fakePort(tabId: number | undefined, { name = CHAT_WATCH_PORT, frameId = 0, incognito = false } = {}) {
  const message: ((m: unknown) => void)[] = [];
  const disconnect: (() => void)[] = [];
  const posted: unknown[] = [];
  const port = {
    name,
    sender: tabId === undefined ? {} : { tab: { id: tabId, incognito }, frameId },
    postMessage: (m: unknown) => void posted.push(m),
    onMessage: { addListener: (l: (m: unknown) => void) => void message.push(l) },
    onDisconnect: { addListener: (l: () => void) => void disconnect.push(l) },
  } as unknown as Browser.runtime.Port;
  return { port, posted, say: (m: unknown) => message.forEach((l) => l(m)), close: () => disconnect.forEach((l) => l()) };
}

function setup() {
  const watch = vi.fn(() => ({ status: 'connecting' as const }));
  const leave = vi.fn();
  const recent = vi.fn();
  let wantRecent!: (tabId: number, ask: { recentOf: number; ask: number }) => void;
  const onRecentWanted = (ask: typeof wantRecent) => void (wantRecent = ask);
  let accept!: (port: Browser.runtime.Port) => void;
  acceptChatWatchPorts({ watch, leave, recent, onRecentWanted } as unknown as ChatFeeds, (listener) => (accept = listener));
  return { feeds: { watch, leave, recent }, accept: (p: ReturnType<typeof fakePort>) => accept(p.port), wantRecent: (tab: number, channel: number) => wantRecent(tab, { recentOf: channel, ask: 4 }) };
}

describe('acceptChatWatchPorts', () => {
  it('follows the chat a tab’s page names, answers on the port, and leaves it when the page goes', () => {
    const { feeds, accept } = setup();
    const page = fakePort(7);
    accept(page);
    page.say({ channel: '{"chatroom":{"id":5}}' });
    expect(feeds.watch).toHaveBeenCalledWith(7, '{"chatroom":{"id":5}}', { reason: undefined, resumed: undefined, private: false });
    expect(page.posted).toEqual([{ status: 'connecting' }]);
    page.close();
    expect(feeds.leave).toHaveBeenCalledWith(7);
  });

  it('says whether the tab is in a private window, so its record is kept apart', () => {
    const { feeds, accept } = setup();
    const page = fakePort(7, { incognito: true });
    accept(page);
    page.say({ channel: '{"chatroom":{"id":5}}' });
    expect(feeds.watch).toHaveBeenCalledWith(7, '{"chatroom":{"id":5}}', { reason: undefined, resumed: undefined, private: true });
  });

  it('asks the tab’s current page for Kick’s recent messages, and hands what it sends to the record without an answer', () => {
    const { feeds, accept, wantRecent } = setup();
    const old = fakePort(7);
    const page = fakePort(7);
    accept(old);
    accept(page);
    wantRecent(7, 500);
    wantRecent(8, 500);
    expect(page.posted).toEqual([{ recentOf: 500, ask: 4 }]);
    expect(old.posted).toEqual([]);
    page.say({ ask: 4, recent: '{"data":{"messages":[]}}' });
    expect(feeds.recent).toHaveBeenCalledWith(7, 4, { body: '{"data":{"messages":[]}}' });
    page.say({ ask: 4, recentFailed: 'kick.com answered 500' });
    expect(feeds.recent).toHaveBeenLastCalledWith(7, 4, { failed: 'kick.com answered 500' });
    // Neither named a chat nor answered.
    expect(feeds.watch).not.toHaveBeenCalled();
    expect(page.posted).toHaveLength(1);
    // Too long, or from a page the tab no longer shows: dropped (a too long one is no naming of a chat either).
    old.say({ ask: 4, recent: '{}' });
    page.say({ ask: 4, recent: 'x'.repeat(256 * 1024 + 1) });
    page.say({ ask: 4, recentFailed: 'x'.repeat(301) });
    // Naming no ask, it answers none.
    page.say({ recent: '{}' });
    expect(feeds.recent).toHaveBeenCalledTimes(2);
    expect(feeds.watch).not.toHaveBeenCalled();
  });

  it('checks what a page says, and hears no frame, extension page or other port', () => {
    const { feeds, accept } = setup();
    const page = fakePort(7);
    accept(page);
    page.say({ channel: 5 });
    page.say({ reason: 'x'.repeat(301) });
    for (const other of [fakePort(8, { frameId: 2 }), fakePort(undefined), fakePort(9, { name: 'other' })]) {
      accept(other);
      other.say({ channel: '{}' });
      other.close();
    }
    expect(feeds.watch).not.toHaveBeenCalled();
    expect(feeds.leave).not.toHaveBeenCalled();
  });

  it('an old page’s end heard after the new page in the tab connected does not leave the new page’s chat', () => {
    const { feeds, accept } = setup();
    const old = fakePort(7);
    accept(old);
    const next = fakePort(7);
    accept(next);
    old.close();
    expect(feeds.leave).not.toHaveBeenCalled();
    old.say({ channel: '{}' });
    expect(feeds.watch).not.toHaveBeenCalled();
    next.close();
    expect(feeds.leave).toHaveBeenCalledWith(7);
  });
});
