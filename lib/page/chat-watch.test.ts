// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebReadError } from '../kick-web/web-reads';
import type { ChatRecordAnswer, RecentMessagesBody, WatchChat } from '../messaging/protocol';
import type { SendToBackground } from '../messaging/send';
import { CHANNEL_RETRY_MS, liveChatSlug, startChatWatch, type ChatWatch, type WatchPort } from './chat-watch';

let watch: ChatWatch | undefined;
afterEach(() => {
  watch?.stop();
  watch = undefined;
  history.replaceState(null, '', '/');
  vi.useRealTimers();
});

const LIVE: ChatRecordAnswer = { status: 'live', view: { messages: [{ text: 'hi', at: 1 }], seen: 1, since: 0, complete: true } };

/** A background: what the page says on its ports, and the answers to `chatRecord` (one per question, then LIVE). */
function background(answers: ChatRecordAnswer[] = []) {
  const said: WatchChat[] = [];
  // Kick's recent messages handed over, as the page read them.
  const recents: RecentMessagesBody[] = [];
  const asked: string[] = [];
  const ports: { port: WatchPort; close(): void; push(m: unknown): void }[] = [];
  const connect = (): WatchPort => {
    const message: ((m: unknown) => void)[] = [];
    const disconnect: (() => void)[] = [];
    const port: WatchPort = {
      postMessage(m) {
        if ('recent' in m || 'recentFailed' in m) return void recents.push(m);
        said.push(m);
        queueMicrotask(() => message.forEach((l) => l({ status: m.channel ? 'connecting' : 'off' })));
      },
      onMessage: { addListener: (l) => void message.push(l) },
      onDisconnect: { addListener: (l) => void disconnect.push(l) },
      disconnect: () => undefined,
    };
    ports.push({ port, close: () => disconnect.forEach((l) => l()), push: (m) => message.forEach((l) => l(m)) });
    return port;
  };
  const send = vi.fn((type: string, data: { username: string }) => {
    asked.push(`${type} ${data.username}`);
    return Promise.resolve(answers.shift() ?? LIVE);
  }) as unknown as SendToBackground;
  return { send, connect, said, asked, recents, ports };
}
const flush = () => new Promise((r) => setTimeout(r, 0));
/** Kick's chat-socket negotiation not answering: the background keeps the known key. */
const unanswered = () => Promise.resolve(undefined);

describe('liveChatSlug', () => {
  it('is the channel of a page that shows its live chat, not of its videos or clips', () => {
    expect(['/streamer1', '/popout/streamer1/chat', '/moderator/streamer1', '/streamer1/videos/abc', '/streamer1/clips/x', '/categories'].map(liveChatSlug))
      .toEqual(['streamer1', 'streamer1', 'streamer1', undefined, undefined, undefined]);
  });
});

describe('startChatWatch', () => {
  it('reads Kick’s recent messages when the background asks, and hands them over on the port that asked', async () => {
    history.replaceState(null, '', '/streamer1');
    const bg = background();
    const recent = '{"data":{"messages":[]}}';
    const read = vi.fn((path: string) => Promise.resolve(path === '/api/v2/channels/77/messages' ? recent : '{"id":77,"chatroom":{"id":5}}'));
    watch = startChatWatch(bg.send, { later: (run) => run(), read, connect: bg.connect, negotiate: unanswered });
    await flush();
    expect(bg.said).toEqual([{ channel: '{"id":77,"chatroom":{"id":5}}' }]);
    // An ask in another shape reads nothing.
    for (const odd of [{ recentOf: -1, ask: 1 }, { recentOf: '77', ask: 1 }, { recentOf: 1.5, ask: 1 }, { recentOf: 77 }, { recentOf: 77, ask: 0 }]) bg.ports[0]!.push(odd);
    bg.ports[0]!.push({ recentOf: 77, ask: 3 });
    await flush();
    expect(read.mock.calls.map(([path]) => path)).toEqual(['/api/v2/channels/streamer1', '/api/v2/channels/77/messages']);
    expect(bg.recents).toEqual([{ ask: 3, recent }]);
    // The asks were no answers: a card's question still gets its own.
    expect(await watch.record('cool_cat')).toEqual(LIVE);
  });

  it('says why it could not read Kick’s recent messages, so the card can', async () => {
    history.replaceState(null, '', '/streamer1');
    const bg = background();
    const answers: Record<string, Promise<string | undefined>> = {
      '/api/v2/channels/streamer1': Promise.resolve('{"id":77,"chatroom":{"id":5}}'),
      '/api/v2/channels/77/messages': Promise.reject(new WebReadError('kick.com answered 500', 500)),
      '/api/v2/channels/78/messages': Promise.resolve(undefined),
    };
    void answers['/api/v2/channels/77/messages']!.catch(() => undefined);
    watch = startChatWatch(bg.send, { later: (run) => run(), read: (path) => answers[path]!, connect: bg.connect, negotiate: unanswered });
    await flush();
    bg.ports[0]!.push({ recentOf: 77, ask: 1 });
    bg.ports[0]!.push({ recentOf: 78, ask: 2 });
    await flush();
    expect(bg.recents).toEqual([{ ask: 1, recentFailed: 'kick.com answered 500' }, { ask: 2, recentFailed: 'kick.com knows no such channel' }]);
  });

  it('names the channel page’s chat to the background on its port, once, and asks for a user’s part at an open', async () => {
    history.replaceState(null, '', '/streamer1');
    const bg = background();
    const read = vi.fn(() => Promise.resolve('{"chatroom":{"id":5}}'));
    watch = startChatWatch(bg.send, { later: (run) => run(), read, connect: bg.connect, negotiate: unanswered });
    expect(watch.onChannel()).toBe(true);
    expect(await watch.record('cool_cat')).toEqual(LIVE);
    expect(await watch.record('cool_cat')).toEqual(LIVE);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith('/api/v2/channels/streamer1');
    expect(bg.said).toEqual([{ channel: '{"chatroom":{"id":5}}' }]);
    expect(bg.asked).toEqual(['chatRecord cool_cat', 'chatRecord cool_cat']);
    expect(bg.ports).toHaveLength(1);
  });

  it('names it again, as resumed, on a new port when the background closed the last one (its worker stopped)', async () => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/streamer1');
    const bg = background();
    watch = startChatWatch(bg.send, { later: (run) => run(), read: () => Promise.resolve('{"chatroom":{"id":5}}'), connect: bg.connect, negotiate: unanswered });
    await vi.advanceTimersByTimeAsync(0);
    bg.ports[0]!.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(bg.ports).toHaveLength(2);
    expect(bg.said).toEqual([{ channel: '{"chatroom":{"id":5}}' }, { channel: '{"chatroom":{"id":5}}', resumed: true }]);
    // A port that closes again at once is opened again later and later: a socket that stays down is not retried in a loop.
    bg.ports[1]!.close();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(bg.ports).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(bg.ports).toHaveLength(3);
  });

  it('names it again at once when a card finds the background does not know it', async () => {
    history.replaceState(null, '', '/streamer1');
    const bg = background([{ status: 'off' }]);
    watch = startChatWatch(bg.send, { later: (run) => run(), read: () => Promise.resolve('{"chatroom":{"id":5}}'), connect: bg.connect, negotiate: unanswered });
    expect(await watch.record('ann')).toEqual(LIVE);
    expect(bg.said).toEqual([{ channel: '{"chatroom":{"id":5}}' }, { channel: '{"chatroom":{"id":5}}', resumed: true }]);
    expect(bg.asked).toEqual(['chatRecord ann', 'chatRecord ann']);
  });

  it('says why when kick.com would not say which chat it is, tells the background so, and asks kick.com again only after a while', async () => {
    history.replaceState(null, '', '/streamer1');
    let now = 1_000_000;
    const bg = background();
    const read = vi.fn((): Promise<string | undefined> => Promise.reject(new WebReadError('kick.com answered 403')));
    watch = startChatWatch(bg.send, { later: (run) => run(), read, now: () => now, connect: bg.connect, negotiate: unanswered });
    const reason = 'kick.com did not say which chat this is (kick.com answered 403)';
    expect(await watch.record('ann')).toEqual({ status: 'failed', reason });
    await flush();
    // The background leaves whatever chat this tab showed before.
    expect(bg.said).toEqual([{ reason }]);
    expect(read).toHaveBeenCalledTimes(1);
    now += CHANNEL_RETRY_MS;
    read.mockImplementation(() => Promise.resolve('{"chatroom":{"id":5}}'));
    expect(await watch.record('ann')).toEqual(LIVE);
    expect(read).toHaveBeenCalledTimes(2);
    expect(bg.said.at(-1)).toEqual({ channel: '{"chatroom":{"id":5}}' });
  });

  it('turned off in the options: names no chat, leaves the one it named, and names it again once turned on', async () => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/streamer1');
    let on = false;
    const bg = background();
    const read = vi.fn(() => Promise.resolve('{"chatroom":{"id":5}}'));
    watch = startChatWatch(bg.send, { later: (run) => run(), read, connect: bg.connect, negotiate: unanswered, enabled: () => on });
    await vi.advanceTimersByTimeAsync(1000);
    expect(watch.onChannel()).toBe(false);
    expect(await watch.record('ann')).toEqual({ status: 'off' });
    expect(read).not.toHaveBeenCalled();
    expect(bg.ports).toHaveLength(0);
    on = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(bg.said).toEqual([{ channel: '{"chatroom":{"id":5}}' }]);
    on = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(bg.said).toEqual([{ channel: '{"chatroom":{"id":5}}' }, {}]);
  });

  it('off a channel’s live chat: no read, no record; leaving a channel for such a page tells the background', async () => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/streamer1');
    const bg = background();
    const read = vi.fn(() => Promise.resolve('{"chatroom":{"id":5}}'));
    watch = startChatWatch(bg.send, { later: (run) => run(), read, connect: bg.connect, negotiate: unanswered });
    await vi.advanceTimersByTimeAsync(0);
    history.replaceState(null, '', '/streamer1/videos/abc');
    await vi.advanceTimersByTimeAsync(1000);
    expect(watch.onChannel()).toBe(false);
    expect(await watch.record('ann')).toEqual({ status: 'off' });
    expect(bg.said).toEqual([{ channel: '{"chatroom":{"id":5}}' }, {}]);
    expect(read).toHaveBeenCalledTimes(1);
  });
});
