import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAPTURED_ESTABLISHED } from '../../test/kick-sim/fixtures/pusher-frames';
import { BACKOFF_MS, createChatSocket, HANDSHAKE_MS, KEEPALIVE_MS, REFUSED_RETRY_MS, SILENCE_MS, STABLE_MS, type SocketLike } from './pusher-socket';

afterEach(() => {
  vi.useRealTimers();
});

/** A socket that records what it was sent; the test plays the server. */
class FakeSocket implements SocketLike {
  readyState = 1;
  sent: string[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  receive(frame: string) {
    this.onmessage?.({ data: frame });
  }
}

function setup() {
  vi.useFakeTimers();
  const sockets: FakeSocket[] = [];
  const events = { message: vi.fn(), deleted: vi.fn(), banned: vi.fn(), live: vi.fn(), down: vi.fn() };
  const socket = createChatSocket(events, {
    connect: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    timers: { now: () => Date.now(), setTimeout, clearTimeout: (h) => clearTimeout(h as never), setInterval, clearInterval: (h) => clearInterval(h as never) },
  });
  return { sockets, events, socket };
}

describe('createChatSocket', () => {
  it('pings every 20 s while a chat is watched, so a service worker with the socket open is not stopped as idle', () => {
    const { sockets, socket } = setup();
    socket.watch(5);
    sockets[0]!.receive(CAPTURED_ESTABLISHED);
    expect(sockets[0]!.sent).toEqual(['{"event":"pusher:subscribe","data":{"auth":"","channel":"chatrooms.5.v2"}}']);
    vi.advanceTimersByTime(KEEPALIVE_MS);
    expect(sockets[0]!.sent.at(-1)).toBe('{"event":"pusher:ping","data":{}}');
    sockets[0]!.receive('{"event":"pusher:pong","data":{}}');
    vi.advanceTimersByTime(KEEPALIVE_MS);
    expect(sockets[0]!.sent.filter((f) => f.includes('pusher:ping'))).toHaveLength(2);
    // Pusher's own ping is answered.
    sockets[0]!.receive('{"event":"pusher:ping","data":{}}');
    expect(sockets[0]!.sent.at(-1)).toBe('{"event":"pusher:pong","data":{}}');
  });

  it('takes a socket that stopped answering for dead, and connects again after a backoff', () => {
    const { sockets, socket, events } = setup();
    socket.watch(5);
    sockets[0]!.receive(CAPTURED_ESTABLISHED);
    vi.advanceTimersByTime(SILENCE_MS + KEEPALIVE_MS);
    expect(events.down).toHaveBeenCalledWith('Kick’s chat feed stopped answering');
    expect(sockets[0]!.readyState).toBe(3);
    vi.advanceTimersByTime(BACKOFF_MS[0]);
    expect(sockets).toHaveLength(2);
  });

  it('says the feed did not answer when no handshake comes, instead of connecting for ever, and tries again', () => {
    const { sockets, socket, events } = setup();
    socket.watch(5);
    vi.advanceTimersByTime(HANDSHAKE_MS - 1);
    expect(events.down).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(events.down).toHaveBeenCalledWith('Kick’s chat feed did not answer');
    vi.advanceTimersByTime(BACKOFF_MS[0]);
    expect(sockets).toHaveLength(2);
    // This one answers: no timer is left to drop it.
    sockets[1]!.receive(CAPTURED_ESTABLISHED);
    vi.advanceTimersByTime(HANDSHAKE_MS);
    expect(events.down).toHaveBeenCalledTimes(1);
  });

  it('backs off more at each failed attempt, up to a minute', () => {
    const { sockets, socket } = setup();
    socket.watch(5);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = sockets.length;
      sockets.at(-1)!.onclose?.({ code: 1006 });
      let waited = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(500);
        waited += 500;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 5000, 15000, 60000, 60000, 60000]);
  });

  it('after a refusal, tries again only when asked and REFUSED_RETRY_MS have passed, then says nothing of the old refusal', () => {
    const { sockets, socket, events } = setup();
    socket.watch(5);
    sockets[0]!.receive('{"event":"pusher:error","data":{"code":4001,"message":"App key not in this cluster"}}');
    sockets[0]!.onclose?.({ code: 4001 });
    expect(events.down).toHaveBeenLastCalledWith('Kick’s chat feed refused the connection (4001: App key not in this cluster)');
    vi.advanceTimersByTime(REFUSED_RETRY_MS - 1);
    socket.retryIfRefused();
    socket.watch(6);
    expect(sockets).toHaveLength(1);
    expect(socket.refusal).toMatch(/refused/);
    vi.advanceTimersByTime(1);
    socket.retryIfRefused();
    expect(sockets).toHaveLength(2);
    expect(socket.refusal).toBeUndefined();
    sockets[1]!.receive(CAPTURED_ESTABLISHED);
    expect(sockets[1]!.sent).toHaveLength(2);
  });

  it('backs off from the start again only after a connection that stayed up', () => {
    const { sockets, socket } = setup();
    socket.watch(5);
    const dropAfter = (ms: number) => {
      const s = sockets.at(-1)!;
      s.receive(CAPTURED_ESTABLISHED);
      vi.advanceTimersByTime(ms);
      s.receive('{"event":"pusher:pong","data":{}}');
      s.onclose?.({ code: 1006 });
    };
    dropAfter(100);
    vi.advanceTimersByTime(BACKOFF_MS[0]);
    dropAfter(100);
    // Up a moment only: the next wait is longer.
    vi.advanceTimersByTime(BACKOFF_MS[1] - 1);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    dropAfter(STABLE_MS);
    vi.advanceTimersByTime(BACKOFF_MS[0]);
    expect(sockets).toHaveLength(4);
  });

  it('closes the socket and its timers when the last chat is left', () => {
    const { sockets, socket } = setup();
    socket.watch(5);
    sockets[0]!.receive(CAPTURED_ESTABLISHED);
    socket.unwatch(5);
    expect(sockets[0]!.sent.at(-1)).toBe('{"event":"pusher:unsubscribe","data":{"channel":"chatrooms.5.v2"}}');
    expect(sockets[0]!.readyState).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
