import { describe, expect, it } from 'vitest';
import { CAPTURED_ESTABLISHED, CAPTURED_MESSAGE, chatMessageFrame, messageDeletedFrame, userBannedFrame, userUnbannedFrame } from '../../test/kick-sim/fixtures/pusher-frames';
import { closeAction, readFrame, subscribeFrame } from './pusher-frames';

describe('readFrame', () => {
  it('reads the chat message frame captured on kick.com (2026-01-08)', () => {
    expect(readFrame(CAPTURED_MESSAGE)).toEqual({
      kind: 'message',
      chatroomId: 332923,
      message: { id: 'c0c85e41-2d34-45f4-9b57-bc7799245858', userId: 2789967, username: 'virtualmeal', text: 'corsette is crazy', at: Date.parse('2026-01-08T10:12:23Z') },
    });
  });

  it('reads the handshake as the live server sent it (2026-10-07), with its activity timeout', () => {
    expect(readFrame(CAPTURED_ESTABLISHED)).toEqual({ kind: 'connected', activityTimeoutMs: 120_000 });
  });

  it('reads a ban, a timeout with its end, and a ban lifted, by the user’s name', () => {
    const user = { id: 5, username: 'Bad_Bob' };
    const until = new Date('2026-12-02T20:05:00Z');
    expect(readFrame(userBannedFrame(7, user))).toEqual({ kind: 'banned', chatroomId: 7, username: 'Bad_Bob' });
    expect(readFrame(userBannedFrame(7, user, until))).toEqual({ kind: 'banned', chatroomId: 7, username: 'Bad_Bob', until: until.getTime() });
    expect(readFrame(userUnbannedFrame(7, user))).toEqual({ kind: 'unbanned', chatroomId: 7, username: 'Bad_Bob' });
    // A timeout whose end is no time is a ban with no end given.
    expect(readFrame(userBannedFrame(7, user, until).replace(/expires_at\\":\\"[^\\]+/, 'expires_at\\":\\"later'))).toEqual({ kind: 'banned', chatroomId: 7, username: 'Bad_Bob' });
    expect(readFrame(userBannedFrame(7, user).replace('Bad_Bob', ''))).toMatchObject({ kind: 'ignored' });
  });

  it('reads a reply as its sender’s message and a deletion by the deleted message’s id', () => {
    const reply = readFrame(chatMessageFrame(7, { id: 1, username: 'a_b' }, 'yes', { replyTo: { id: 2, username: 'c' } }));
    expect(reply).toMatchObject({ kind: 'message', chatroomId: 7, message: { username: 'a_b', text: 'yes', userId: 1 } });
    expect(readFrame(messageDeletedFrame(7, 'm-1'))).toEqual({ kind: 'deleted', chatroomId: 7, messageId: 'm-1' });
  });

  it('keeps hostile text as it came (the card renders it as text)', () => {
    const text = '<img src=x onerror=alert(1)> [emote:1:x] "\u202e';
    expect(readFrame(chatMessageFrame(7, { id: 1, username: 'x' }, text))).toMatchObject({ message: { text } });
  });

  it('ignores what is not a frame, a message in another shape, and events it does not follow', () => {
    expect(readFrame('not json').kind).toBe('ignored');
    expect(readFrame(42).kind).toBe('ignored');
    expect(readFrame('x'.repeat(70_000)).kind).toBe('ignored');
    const bad = JSON.stringify({ event: 'App\\Events\\ChatMessageEvent', data: JSON.stringify({ id: 'x', content: 5 }), channel: 'chatrooms.1.v2' });
    expect(readFrame(bad)).toEqual({ kind: 'ignored', reason: 'a chat message in an unknown shape' });
    // The 2023 channel (no .v2) carries another payload: not read.
    const old = JSON.parse(CAPTURED_MESSAGE) as Record<string, unknown>;
    expect(readFrame(JSON.stringify({ ...old, channel: 'chatrooms.332923' })).kind).toBe('ignored');
    expect(readFrame(JSON.stringify({ event: 'App\\Events\\GiftedSubscriptionsEvent', data: '{}', channel: 'chatroom_1' })).kind).toBe('ignored');
    const noTime = chatMessageFrame(7, { id: 1, username: 'x' }, 'hi').replace(/created_at\\":\\"[^\\]+/, 'created_at\\":\\"soon');
    expect(readFrame(noTime)).toEqual({ kind: 'ignored', reason: 'a chat message without a time' });
  });

  it('reads Pusher’s error with its code, and its pings', () => {
    expect(readFrame(JSON.stringify({ event: 'pusher:error', data: { code: 4001, message: 'App key not in this cluster' } }))).toEqual({ kind: 'error', code: 4001, message: 'App key not in this cluster' });
    expect(readFrame('{"event":"pusher:ping","data":{}}')).toEqual({ kind: 'ping' });
  });

  it('subscribes as Kick’s own page does', () => {
    expect(subscribeFrame(332923)).toBe('{"event":"pusher:subscribe","data":{"auth":"","channel":"chatrooms.332923.v2"}}');
  });
});

describe('closeAction', () => {
  it('follows Pusher’s close code ranges', () => {
    expect([4001, 4099, 4100, 4199, 4200, 4299, 1006, 1000].map(closeAction)).toEqual(['refused', 'refused', 'backoff', 'backoff', 'retry', 'retry', 'backoff', 'backoff']);
  });
});
