// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatRecordAnswer } from '../messaging/protocol';
import type { SendToBackground } from '../messaging/send';
import { WebReadError } from '../kick-web/web-reads';
import { CHANNEL_RETRY_MS, startChatWatch, type ChatWatch } from './chat-watch';

let watch: ChatWatch | undefined;
afterEach(() => {
  watch?.stop();
  watch = undefined;
  history.replaceState(null, '', '/');
});

const LIVE: ChatRecordAnswer = { status: 'live', view: { messages: [{ text: 'hi', at: 1 }], seen: 1, since: 0, complete: true } };
function background(answers: ChatRecordAnswer[] = [LIVE]) {
  const calls: [string, unknown][] = [];
  const send = vi.fn((type: string, data: unknown) => {
    calls.push([type, data]);
    return Promise.resolve(type === 'chatRecord' ? (answers.shift() ?? LIVE) : { status: 'connecting' });
  }) as unknown as SendToBackground;
  return { send, calls };
}

describe('startChatWatch', () => {
  it('tells the background which chat the channel page shows, once, and asks it for a user’s part at an open', async () => {
    history.replaceState(null, '', '/streamer1');
    const { send, calls } = background();
    const read = vi.fn(() => Promise.resolve('{"chatroom":{"id":5}}'));
    watch = startChatWatch(send, { read });
    expect(watch.onChannel()).toBe(true);
    expect(await watch.record('cool_cat')).toEqual(LIVE);
    expect(await watch.record('cool_cat')).toEqual(LIVE);
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith('/api/v2/channels/streamer1');
    expect(calls).toEqual([['watchChat', { channel: '{"chatroom":{"id":5}}' }], ['chatRecord', { username: 'cool_cat' }], ['chatRecord', { username: 'cool_cat' }]]);
  });

  it('tells it again when the background forgot the tab (its worker restarted)', async () => {
    history.replaceState(null, '', '/streamer1');
    const { send, calls } = background([{ status: 'off' }, LIVE]);
    watch = startChatWatch(send, { read: () => Promise.resolve('{"chatroom":{"id":5}}') });
    expect(await watch.record('ann')).toEqual(LIVE);
    expect(calls.map(([type]) => type)).toEqual(['watchChat', 'chatRecord', 'watchChat', 'chatRecord']);
  });

  it('says why when kick.com would not say which chat it is, and asks kick.com again only after a while', async () => {
    history.replaceState(null, '', '/streamer1');
    let now = 1_000_000;
    const { send, calls } = background();
    const read = vi.fn((): Promise<string | undefined> => Promise.reject(new WebReadError('kick.com answered 403')));
    watch = startChatWatch(send, { read, now: () => now });
    expect(await watch.record('ann')).toEqual({ status: 'failed', reason: 'kick.com did not say which chat this is (kick.com answered 403)' });
    expect(read).toHaveBeenCalledTimes(1);
    now += CHANNEL_RETRY_MS;
    read.mockImplementation(() => Promise.resolve('{"chatroom":{"id":5}}'));
    expect(await watch.record('ann')).toEqual(LIVE);
    expect(read).toHaveBeenCalledTimes(2);
    expect(calls[0]).toEqual(['watchChat', { channel: '{"chatroom":{"id":5}}' }]);
  });

  it('off a channel page: no read, no record', async () => {
    history.replaceState(null, '', '/categories');
    const { send } = background();
    const read = vi.fn(() => Promise.resolve('{}'));
    watch = startChatWatch(send, { read });
    expect(watch.onChannel()).toBe(false);
    expect(await watch.record('ann')).toEqual({ status: 'off' });
    expect(read).not.toHaveBeenCalled();
  });
});
