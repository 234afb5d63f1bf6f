import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SEED, startKickSim, type KickSim } from '../../test/kick-sim/index';
import { chatMessageFrame, messageDeletedFrame, userBannedFrame, userUnbannedFrame } from '../../test/kick-sim/fixtures/pusher-frames';
import { chatroomOfChannel, createChatFeeds, RECENT_REFRESH_MS, type ChatFeeds } from './chat-feeds';
import { PUSHER_URL } from './pusher-frames';
import type { SocketLike } from './pusher-socket';

// The real protocol over real loopback: the simulator's Pusher (test/kick-sim/pusher.ts) on its HTTPS port.
let sim: KickSim;
beforeAll(async () => {
  sim = await startKickSim();
});
afterAll(() => sim.close());

const opened: WebSocket[] = [];
const urls: string[] = [];
const connect = (url: string) => {
  urls.push(url);
  const ws = new WebSocket(url.replace('wss://ws-us2.pusher.com', `wss://127.0.0.1:${sim.httpsPort}`), { headers: { host: 'ws-us2.pusher.com' }, rejectUnauthorized: false });
  opened.push(ws);
  return ws as unknown as SocketLike;
};
let feeds: ChatFeeds | undefined;
afterEach(() => {
  for (const tab of [1, 2, 3]) feeds?.leave(tab);
  feeds = undefined;
  sim.reset();
  opened.length = 0;
  urls.length = 0;
});

const channel = (chatroomId: number) => JSON.stringify({ id: 1, slug: 'x', chatroom: { id: chatroomId, created_at: '2024-01-01' } });
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};
/** A kick.com read as the page makes it (same-origin: the simulator refuses anything else). */
const readAsSite = async (path: string) =>
  (await fetch(`${sim.endpoints.webBase}${path}`, { headers: { 'sec-fetch-site': 'same-origin', referer: `https://kick.com/${SEED.mainChannel}` } })).text();
const say = (chatroomId: number, username: string, text: string, id?: string) =>
  sim.pusher.broadcast(chatroomId, chatMessageFrame(chatroomId, { id: 9, username }, text, id ? { id } : {}));

describe('chatroomOfChannel', () => {
  it('reads the chatroom kick.com names for a channel, and says why not', () => {
    expect(chatroomOfChannel(channel(77))).toEqual({ chatroomId: 77, channelId: 1 });
    // The channel's id only serves Kick's recent messages: without it (or in another shape) the chat is still named.
    expect(chatroomOfChannel('{"id":"1","chatroom":{"id":77}}')).toEqual({ chatroomId: 77 });
    expect(chatroomOfChannel('<html>')).toEqual({ reason: 'kick.com answered with something other than JSON' });
    expect(chatroomOfChannel('{"chatroom":null}')).toEqual({ reason: 'kick.com did not say which chat this channel has' });
  });
});

describe('createChatFeeds', () => {
  it('follows a tab’s chat on the socket and keeps who said what, newest first', async () => {
    feeds = createChatFeeds({ connect, url: PUSHER_URL });
    expect(feeds.watch(1, channel(500))).toEqual({ status: 'connecting' });
    await until(() => sim.pusher.subscribers(500) === 1, 'the subscription');
    await until(() => feeds!.view(1, 'ann').status === 'live', 'live');
    say(500, 'ann', 'first');
    say(500, 'bob', 'hi');
    say(500, 'ann', '<b>second</b>');
    await until(() => feeds!.view(1, 'ann').view?.seen === 2, 'two messages');
    const { view } = feeds.view(1, 'Ann');
    expect(view?.messages.map((m) => m.text)).toEqual(['<b>second</b>', 'first']);
    expect(view?.complete).toBe(true);
    expect(feeds.view(1, 'bob').view?.seen).toBe(1);
    // A chat the tab did not ask for is not subscribed to, so nothing of it is recorded.
    expect(say(501, 'ann', 'elsewhere')).toBe(0);
    expect(sim.pusher.received).toContainEqual({ event: 'pusher:subscribe', channel: 'chatrooms.500.v2' });
    expect(sim.pusher.received.filter((f) => f.channel === 'chatrooms.501.v2')).toEqual([]);
  });

  it('marks a message Kick deleted', async () => {
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(550));
    await until(() => feeds!.view(1, 'x').status === 'live', 'live');
    say(550, 'ann', 'rude words', 'm-rude');
    say(550, 'ann', 'sorry', 'm-sorry');
    await until(() => feeds!.view(1, 'ann').view?.seen === 2, 'the messages');
    sim.pusher.broadcast(550, messageDeletedFrame(550, 'm-rude'));
    await until(() => feeds!.view(1, 'ann').view?.messages[1]?.deleted === true, 'the deletion');
    expect(feeds.view(1, 'ann').view?.messages.map(({ text, deleted }) => ({ text, deleted }))).toEqual([{ text: 'sorry', deleted: undefined }, { text: '', deleted: true }]);
  });

  it('tells the record whom Kick banned or timed out in the chat, and when it lifted it', async () => {
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(630));
    await until(() => feeds!.view(1, 'x').status === 'live', 'live');
    const until_ = new Date(Date.now() + 10 * 60_000);
    sim.pusher.broadcast(630, userBannedFrame(630, { id: 3, username: 'bad_bob' }, until_));
    await until(() => feeds!.view(1, 'bad_bob').view?.banned !== undefined, 'the timeout');
    expect(feeds.view(1, 'bad_bob').view?.banned?.until).toBe(until_.getTime());
    sim.pusher.broadcast(630, userUnbannedFrame(630, { id: 3, username: 'bad_bob' }));
    await until(() => feeds!.view(1, 'bad_bob').view?.banned === undefined, 'the lifting');
  });

  it('shares one subscription between tabs, and lets go when the last tab leaves', async () => {
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(600));
    feeds.watch(2, channel(600));
    await until(() => feeds!.view(2, 'x').status === 'live', 'live');
    expect(sim.pusher.subscribers(600)).toBe(1);
    feeds.leave(1);
    expect(feeds.watching).toBe(1);
    feeds.leave(2);
    expect(feeds.watching).toBe(0);
    await until(() => sim.pusher.connections === 0, 'the socket to close');
    expect(feeds.view(2, 'x')).toEqual({ status: 'off' });
  });

  it('keeps a private window’s record apart from a normal window’s on one subscription, and drops it with its last tab', async () => {
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(610), { private: true });
    await until(() => feeds!.view(1, 'x').status === 'live', 'live');
    say(610, 'ann', 'said while only a private window watched');
    await until(() => feeds!.view(1, 'ann').view?.seen === 1, 'the private record');
    // A normal window joins the same chat: one subscription, but a record of its own that starts now.
    expect(feeds.watch(2, channel(610))).toMatchObject({ status: 'live' });
    expect(sim.pusher.subscribers(610)).toBe(1);
    expect(feeds.view(2, 'ann').view?.seen).toBe(0);
    say(610, 'ann', 'said to both');
    await until(() => feeds!.view(1, 'ann').view?.seen === 2 && feeds!.view(2, 'ann').view?.seen === 1, 'both records');
    expect(feeds.view(2, 'ann').view?.messages.map((m) => m.text)).toEqual(['said to both']);
    // The private window's last tab goes: its record goes with it, the normal one and the subscription stay.
    feeds.leave(1);
    expect(sim.pusher.subscribers(610)).toBe(1);
    expect(feeds.watch(3, channel(610), { private: true })).toMatchObject({ status: 'live' });
    expect(feeds.view(3, 'ann').view?.seen).toBe(0);
    expect(feeds.view(2, 'ann').view?.seen).toBe(1);
  });

  it('asks one tab for Kick’s recent messages once its record starts, and takes them in before what the socket brought', async () => {
    feeds = createChatFeeds({ connect });
    const asks: [number, { recentOf: number; ask: number }][] = [];
    feeds.onRecentWanted((tab, ask) => asks.push([tab, ask]));
    // The simulated channel of the seed's main channel: its chat has the scrollback the simulated page draws.
    const main = JSON.parse(await readAsSite(`/api/v2/channels/${SEED.mainChannel}`)) as { id: number; chatroom: { id: number } };
    feeds.watch(1, JSON.stringify(main));
    expect(feeds.recent(1, 1, { body: '{"data":{"messages":[]}}' })).toBe('not asked for');
    await until(() => asks.length === 1, 'the ask');
    expect(asks).toEqual([[1, { recentOf: main.id, ask: expect.any(Number) as number }]]);
    const { ask } = asks[0]![1];
    // An answer to another ask, or from another tab, is no answer to this one.
    expect(feeds.recent(1, ask + 1, { body: '{"data":{"messages":[]}}' })).toBe('not asked for');
    expect(feeds.recent(2, ask, { body: '{"data":{"messages":[]}}' })).toBe('not asked for');
    // Said after the record started: the socket brings it, and Kick's recent messages hold it too.
    await fetch(`${sim.endpoints.webBase}/__sim/chat`, { method: 'POST', body: JSON.stringify({ channel: SEED.mainChannel, said: { who: 'og_olga', text: 'just now' } }) });
    await until(() => feeds!.view(1, 'og_olga').view?.seen === 1, 'the live message');
    const recent = await readAsSite(`/api/v2/channels/${main.id}/messages`);
    expect(feeds.recent(1, ask, { body: recent })).toBeUndefined();
    // og_olga wrote rows 2, 12 and 22 of the page's scrollback (test/kick-sim/chat-plan.ts), then the message above; Kick
    // answers its latest 25 messages, which reach back to row 3 of the 27 messages drawn.
    const { view } = feeds.view(1, 'og_olga');
    expect(view?.messages.map((m) => m.text)).toEqual(['just now', 'message 22', 'message 12']);
    expect(view?.seen).toBe(3);
    expect(view?.complete).toBe(true);
    expect(view!.since).toBeLessThan(Date.now() - 100_000);
    // Taken once: the same answer again changes nothing; a second tab on the same chat is not asked.
    expect(feeds.recent(1, ask, { body: recent })).toBe('not asked for');
    feeds.watch(2, JSON.stringify(main));
    expect(asks).toHaveLength(1);
    expect(feeds.view(2, 'og_olga').view?.seen).toBe(3);
  });

  it('says on every view why it took nothing from an answer it cannot read, or a read that failed, and keeps following', async () => {
    feeds = createChatFeeds({ connect });
    const asks = new Map<number, number>();
    feeds.onRecentWanted((tab, { ask }) => asks.set(tab, ask));
    feeds.watch(1, JSON.stringify({ id: 1, chatroom: { id: 620 } }));
    feeds.watch(2, JSON.stringify({ id: 2, chatroom: { id: 621 } }));
    await until(() => asks.size === 2, 'the asks');
    expect(feeds.recent(1, asks.get(1)!, { body: '<html>' })).toBe('kick.com answered with something other than JSON');
    expect(feeds.view(1, 'x')).toMatchObject({ status: 'live', view: { earlierUnread: 'kick.com answered with something other than JSON' } });
    expect(feeds.recent(2, asks.get(2)!, { failed: 'kick.com answered 500' })).toBe('kick.com answered 500');
    expect(feeds.view(2, 'anyone').view?.earlierUnread).toBe('kick.com answered 500');
  });

  it('takes no answer to an ask about the chat a tab showed before, and asks again when the asked tab goes or loads anew', async () => {
    feeds = createChatFeeds({ connect });
    const asks: [number, number, number][] = [];
    feeds.onRecentWanted((tab, { recentOf, ask }) => asks.push([tab, recentOf, ask]));
    const empty = { body: '{"data":{"messages":[]}}' };
    // Tab 1 is asked about channel 1, then shows channel 2 before it answered: the late answer is not channel 2's.
    feeds.watch(1, JSON.stringify({ id: 1, chatroom: { id: 640 } }));
    await until(() => asks.length === 1, 'the first ask');
    feeds.watch(1, JSON.stringify({ id: 2, chatroom: { id: 641 } }));
    await until(() => asks.length === 2, 'the second ask');
    expect(asks.map(([tab, of]) => [tab, of])).toEqual([[1, 1], [1, 2]]);
    expect(feeds.recent(1, asks[0]![2], empty)).toBe('not asked for');
    // Tabs 2 and 3 show channel 3; the one asked (the last to join) closes before it answers: the other is asked.
    feeds.watch(2, JSON.stringify({ id: 3, chatroom: { id: 642 } }));
    feeds.watch(3, JSON.stringify({ id: 3, chatroom: { id: 642 } }));
    await until(() => asks.length === 3, 'the third ask');
    const [asked] = asks[2]!;
    feeds.leave(asked);
    expect(asks[3]?.slice(0, 2)).toEqual([asked === 3 ? 2 : 3, 3]);
    // The asked tab names its chat anew (a reload's new page, which knows nothing of the ask): it is asked again.
    const [again, , ask] = asks[3]!;
    feeds.watch(again, JSON.stringify({ id: 3, chatroom: { id: 642 } }));
    expect(asks[4]?.slice(0, 2)).toEqual([again, 3]);
    expect(feeds.recent(again, ask, empty)).toBe('not asked for');
    expect(feeds.recent(again, asks[4]![2], empty)).toBeUndefined();
  });

  it('a record a tab asks for again after the worker stopped says it is not complete (what was said before is missing)', async () => {
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(560), { resumed: true });
    await until(() => feeds!.view(1, 'x').status === 'live', 'live');
    expect(feeds.view(1, 'x').view?.complete).toBe(false);
  });

  it('the only tab moving to another chat keeps the socket: no new connection, no "connecting" for a handshake', async () => {
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(570));
    await until(() => feeds!.view(1, 'x').status === 'live', 'live');
    feeds.watch(1, channel(571));
    await until(() => feeds!.view(1, 'x').status === 'live' && sim.pusher.subscribers(570) === 0, 'the move');
    expect(opened).toHaveLength(1);
  });

  it('a chat named while the socket is down says why at once', async () => {
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(580));
    await until(() => feeds!.view(1, 'x').status === 'live', 'live');
    sim.pusher.refuse(4100, 100);
    sim.pusher.dropAll(4100, 'over capacity');
    await until(() => feeds!.view(1, 'x').status === 'failed', 'the drop');
    expect(feeds.watch(2, channel(581))).toEqual({ status: 'failed', reason: 'Kick’s chat feed closed (4100)' });
  });

  it('a tab that moves to another chat starts a new record; one that says it shows no chat leaves', async () => {
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(700));
    await until(() => feeds!.view(1, 'x').status === 'live', 'live');
    say(700, 'ann', 'old chat');
    await until(() => feeds!.view(1, 'ann').view?.seen === 1, 'the message');
    feeds.watch(1, channel(701));
    await until(() => feeds!.view(1, 'ann').status === 'live', 'the new chat');
    expect(feeds.view(1, 'ann').view?.seen).toBe(0);
    await until(() => sim.pusher.subscribers(700) === 0, 'the old chat to be left');
    expect(feeds.watch(1, undefined)).toEqual({ status: 'off' });
    expect(feeds.watch(1, '{"nope":1}')).toEqual({ status: 'failed', reason: 'kick.com did not say which chat this channel has' });
    expect(feeds.watch(1, undefined, { reason: 'kick.com answered 403' })).toEqual({ status: 'failed', reason: 'kick.com answered 403' });
  });

  it('reconnects and subscribes again after Pusher closes with 4200, and says messages may have been missed', async () => {
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(800));
    await until(() => feeds!.view(1, 'x').status === 'live', 'live');
    say(800, 'ann', 'before', 'm-1');
    await until(() => feeds!.view(1, 'ann').view?.seen === 1, 'the message');
    sim.pusher.dropAll(4200, 'reconnect');
    await until(() => opened.length === 2 && feeds!.view(1, 'ann').status === 'live' && sim.pusher.subscribers(800) === 1, 'the second connection');
    // The same message sent again (Kick's id) is not counted twice.
    say(800, 'ann', 'before', 'm-1');
    say(800, 'ann', 'after', 'm-2');
    await until(() => feeds!.view(1, 'ann').view?.messages[0]?.text === 'after', 'the new message');
    expect(feeds.view(1, 'ann').view).toMatchObject({ seen: 2, complete: false });
  });

  it('stops at a refusal (4001) and says why, without trying again in a loop', async () => {
    sim.pusher.refuse(4001, 5);
    feeds = createChatFeeds({ connect });
    feeds.watch(1, channel(900));
    await until(() => feeds!.view(1, 'x').status === 'failed', 'the refusal');
    expect(feeds.view(1, 'x').reason).toMatch(/^Kick’s chat feed refused the connection \(4001: App key .* not in this cluster/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(opened).toHaveLength(1);
    // Another chat named meanwhile says the same at once, and opens nothing.
    expect(feeds.watch(2, channel(901))).toEqual({ status: 'failed', reason: feeds.view(1, 'x').reason });
    expect(opened).toHaveLength(1);
  });

  describe('without Pusher (issue #25)', () => {
    const main = async () => JSON.parse(await readAsSite(`/api/v2/channels/${SEED.mainChannel}`)) as { id: number; chatroom: { id: number } };
    const chatSays = (who: string, text: string) =>
      fetch(`${sim.endpoints.webBase}/__sim/chat`, { method: 'POST', body: JSON.stringify({ channel: SEED.mainChannel, said: { who, text } }) });
    /** Answers every ask for Kick's recent messages as the page does (a same-origin read); the reads made so far. */
    const answering = (f: ChatFeeds) => {
      const reads: number[] = [];
      f.onRecentWanted((tab, { recentOf, ask }) => {
        reads.push(ask);
        void readAsSite(`/api/v2/channels/${recentOf}/messages`).then((body) => f.recent(tab, ask, { body }));
      });
      return reads;
    };

    it('refused: keeps the record from Kick’s recent messages, reads them again at a card’s open at most every 10 s, and says so', async () => {
      sim.pusher.refuse(4001, 100);
      let clock = Date.now();
      feeds = createChatFeeds({ connect, now: () => clock });
      const reads = answering(feeds);
      await chatSays('rita_r', 'before the page');
      feeds.watch(1, JSON.stringify(await main()));
      // Read at once when the socket is refused, though it never confirmed the chat.
      await until(() => feeds!.view(1, 'rita_r').view?.seen === 1, 'the recent messages');
      const first = await feeds.open(1, 'rita_r');
      expect(first).toMatchObject({ status: 'failed', fromRecent: { at: clock } });
      expect(first.reason).toMatch(/^Kick’s chat feed refused the connection \(4001/);
      expect(first.view?.messages.map((m) => m.text)).toEqual(['before the page']);
      await chatSays('rita_r', 'while refused');
      // Within 10 s of the last read: nothing read again.
      clock += RECENT_REFRESH_MS - 1;
      expect((await feeds.open(1, 'rita_r')).view?.messages.map((m) => m.text)).toEqual(['before the page']);
      expect(reads).toHaveLength(1);
      clock += 1;
      const refreshed = await feeds.open(1, 'rita_r');
      expect(reads).toHaveLength(2);
      expect(refreshed).toMatchObject({ status: 'failed', fromRecent: { at: clock } });
      expect(refreshed.view?.messages.map((m) => m.text)).toEqual(['while refused', 'before the page']);
      // The ids stay Kick's: the same message read again is not counted twice.
      expect(refreshed.view?.seen).toBe(2);
      expect(opened).toHaveLength(1);
    });

    it('silent: a live socket that stops publishing is told from a quiet chat by a read, and the card lists what it missed', async () => {
      let clock = Date.now();
      feeds = createChatFeeds({ connect, now: () => clock });
      const reads = answering(feeds);
      feeds.watch(1, JSON.stringify(await main()));
      await until(() => feeds!.view(1, 'x').status === 'live' && reads.length === 1, 'live, and the first read');
      await until(() => feeds!.view(1, 'og_olga').view!.seen > 0, 'the first read taken');
      // A quiet chat: a card's open after 10 s reads once to look, and finds nothing the socket missed.
      clock += RECENT_REFRESH_MS;
      const quiet = await feeds.open(1, 'sid_s');
      expect(reads).toHaveLength(2);
      expect(quiet).toEqual({ status: 'live', view: expect.objectContaining({ seen: 0 }) as object });
      sim.pusher.silence(true);
      await chatSays('sid_s', 'unheard on the socket');
      // Heard from within 10 s: not read again.
      expect((await feeds.open(1, 'sid_s')).view?.seen).toBe(0);
      clock += RECENT_REFRESH_MS;
      const silent = await feeds.open(1, 'sid_s');
      expect(reads).toHaveLength(3);
      expect(silent).toMatchObject({ status: 'live', fromRecent: { at: clock } });
      expect(silent.view?.messages.map((m) => m.text)).toEqual(['unheard on the socket']);
      // The socket brings the chat again: the card no longer says it comes from Kick's recent messages.
      sim.pusher.silence(false);
      say((await main()).chatroom.id, 'sid_s', 'heard again');
      await until(() => feeds!.view(1, 'sid_s').view?.seen === 2, 'the socket’s message');
      expect((await feeds.open(1, 'sid_s')).fromRecent).toBeUndefined();
    });

    it('moving key: connects where Kick’s negotiation says Pusher is, and moves there after a refusal of the known key', async () => {
      sim.pusher.moveKey('0123456789abcdef0123');
      const negotiation = await (
        await fetch(`${sim.origins.webapi}/api/v1/realtime/connection`, {
          method: 'POST',
          headers: { origin: 'https://kick.com', 'content-type': 'application/json' },
          body: JSON.stringify({ client: { id: 'test', type: 'web' }, capabilities: { accepted_providers: [{ provider: 'pusher' }] } }),
        })
      ).text();
      feeds = createChatFeeds({ connect });
      // Named without a negotiation: the known key, refused now.
      feeds.watch(1, channel(960));
      await until(() => feeds!.view(1, 'x').status === 'failed', 'the refusal');
      expect(urls).toEqual([PUSHER_URL]);
      // Another page names its chat with Kick's answer: the new key is tried at once, not in 5 minutes.
      feeds.watch(2, channel(961), { realtime: negotiation });
      await until(() => feeds!.view(1, 'x').status === 'live' && feeds!.view(2, 'x').status === 'live', 'both chats live on the new key');
      expect(urls).toEqual([PUSHER_URL, 'wss://ws-us2.pusher.com/app/0123456789abcdef0123?protocol=7&client=js&version=8.4.0&flash=false']);
      // A working connection stays where it is whatever a later answer says.
      feeds.watch(3, channel(962), { realtime: negotiation.replace('0123456789abcdef0123', 'fedcba9876543210fedc') });
      await until(() => feeds!.view(3, 'x').status === 'live', 'the third chat');
      expect(urls).toHaveLength(2);
    });
  });
});
