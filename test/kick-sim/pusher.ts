import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PUSHER_APP_KEY } from '../../lib/chat-feed/pusher-frames';

/**
 * Kick's chat socket (Pusher protocol 7 at ws-us2.pusher.com, key 32cbd69e4b950bf97679), as much of it as a chat
 * viewer uses: the handshake, public channel subscriptions, ping/pong, and Kick's events broadcast to a chatroom's
 * channel. Sources: lib/chat-feed/pusher-frames.ts and test/kick-sim/fixtures/pusher-frames.ts.
 * Kick's real page gets its chat from this socket too; the simulated page draws its rows itself and has the simulator
 * broadcast the same messages here (pages.ts `/__sim/chat`), so what the page shows and what the socket sends agree.
 *
 * Kick leaving Pusher (issue #25; ../../../shared/reference/kick-dom.md "Chat socket, 2026-09"), played three ways:
 * `silence()`: connections and subscriptions still answered, Kick's events no longer published (guess: how Kick would
 * stop, since its own page reads Centrifugo since 2026-09 while Pusher still carried the chat in October); `refuse()`:
 * every connection refused; `moveKey()`: the app key changes (as it did in July 2024, zSoulweaver/kient issue #17), the
 * old one refused like any wrong key, and the realtime negotiation (routes-web.ts) names the new one.
 */
export const PUSHER_HOST = 'ws-us2.pusher.com';

export interface SimPusher {
  /** Sends a frame to every connection subscribed to that chatroom's channel; how many got it. */
  broadcast(chatroomId: number, frame: string): number;
  /** Connections subscribed to a chatroom now. */
  subscribers(chatroomId: number): number;
  /** Connections open now. */
  readonly connections: number;
  /** Closes every connection with this code (4200: "reconnect now", 4100: "back off", 4001: "refused"). */
  dropAll(code: number, reason?: string): void;
  /** The next `times` connections are refused with this code, as Pusher refuses a wrong key (4001). */
  refuse(code: number, times?: number): void;
  /** While on, nothing is published to subscribers (broadcast sends no frame); connections, pings and subscriptions still answer. */
  silence(on: boolean): void;
  /** The app key clients must connect with (the known one until moveKey); the negotiation names it. */
  readonly key: string;
  /** Kick moves its chat to another app key: connections with the old one are refused (4001). */
  moveKey(key: string): void;
  /** Frames clients sent, newest last (subscribe, unsubscribe, ping), for tests. */
  readonly received: { event: string; channel?: string }[];
  reset(): void;
}

export function createSimPusher(): SimPusher & { upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean } {
  const server = new WebSocketServer({ noServer: true });
  const channels = new Map<WebSocket, Set<string>>();
  const received: { event: string; channel?: string }[] = [];
  let refusals: { code: number; times: number } | undefined;
  let silent = false;
  let key = PUSHER_APP_KEY;
  let socketIds = 0;

  server.on('connection', (ws) => {
    if (refusals && refusals.times > 0) {
      refusals.times--;
      // The code and "App key … not in this cluster": zSoulweaver/kient issue #17 (2024-07-18). guess: the rest of the
      // text, and that Pusher refuses other codes the same way (its protocol document says it closes with the code).
      ws.send(JSON.stringify({ event: 'pusher:error', data: { code: refusals.code, message: 'App key 32cbd69e4b950bf97679 not in this cluster. Did you forget to specify the cluster?' } }));
      ws.close(refusals.code, 'refused');
      return;
    }
    channels.set(ws, new Set());
    // As the live server answered on 2026-10-07 (fixtures/pusher-frames.ts CAPTURED_ESTABLISHED); the id's digits are made up.
    ws.send(JSON.stringify({ event: 'pusher:connection_established', data: JSON.stringify({ socket_id: `${++socketIds}.${1000 + socketIds}`, activity_timeout: 120 }) }));
    ws.on('message', (raw) => {
      let frame: { event?: string; data?: { channel?: string } };
      try {
        frame = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.concat(Array.isArray(raw) ? raw : [Buffer.from(raw)]).toString('utf8')) as typeof frame;
      } catch {
        return;
      }
      const channel = typeof frame.data?.channel === 'string' ? frame.data.channel : undefined;
      received.push({ event: String(frame.event), ...(channel ? { channel } : {}) });
      if (frame.event === 'pusher:ping') ws.send(JSON.stringify({ event: 'pusher:pong', data: {} }));
      else if (frame.event === 'pusher:subscribe' && channel) {
        channels.get(ws)?.add(channel);
        // pusher-js src/core/channels/channel.ts reads this event by name; guess: its data for a public channel, '{}'.
        ws.send(JSON.stringify({ event: 'pusher_internal:subscription_succeeded', data: '{}', channel }));
      } else if (frame.event === 'pusher:unsubscribe' && channel) channels.get(ws)?.delete(channel);
    });
    ws.on('close', () => channels.delete(ws));
  });

  const subscribed = (chatroomId: number) => [...channels].filter(([, set]) => set.has(`chatrooms.${chatroomId}.v2`)).map(([ws]) => ws);

  return {
    upgrade(req, socket, head) {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      if (host !== PUSHER_HOST) return false;
      const path = new URL(req.url ?? '/', 'https://sim.invalid').pathname;
      if (path !== `/app/${key}`) {
        // Pusher answers a wrong key on the socket itself: an error event, then a 4001 close.
        server.handleUpgrade(req, socket, head, (ws) => {
          ws.send(JSON.stringify({ event: 'pusher:error', data: { code: 4001, message: 'App key not in this cluster' } }));
          ws.close(4001, 'refused');
        });
        return true;
      }
      server.handleUpgrade(req, socket, head, (ws) => server.emit('connection', ws, req));
      return true;
    },
    broadcast(chatroomId, frame) {
      if (silent) return 0;
      const to = subscribed(chatroomId);
      for (const ws of to) ws.send(frame);
      return to.length;
    },
    subscribers: (chatroomId) => subscribed(chatroomId).length,
    get connections() {
      return channels.size;
    },
    dropAll(code, reason = 'simulated') {
      for (const ws of [...channels.keys()]) ws.close(code, reason);
    },
    refuse(code, times = 1) {
      refusals = { code, times };
    },
    silence(on) {
      silent = on;
    },
    get key() {
      return key;
    },
    moveKey(next) {
      key = next;
    },
    received,
    reset() {
      refusals = undefined;
      silent = false;
      key = PUSHER_APP_KEY;
      received.length = 0;
      for (const ws of [...channels.keys()]) ws.terminate();
      channels.clear();
    },
  };
}
