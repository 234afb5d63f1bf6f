import { describe, expect, it } from 'vitest';
import type { ChatRecordAnswer } from '../messaging/protocol';
import { sameRecord } from './card-chat';

const live = (messages: { text: string; at: number; deleted?: boolean }[], extra: Partial<NonNullable<ChatRecordAnswer['view']>> = {}): ChatRecordAnswer => ({
  status: 'live',
  view: { messages, seen: messages.length, since: 1, complete: true, ...extra },
});

describe('sameRecord', () => {
  it('takes two answers that show the same as the same, so the card keeps the first and renders nothing', () => {
    expect(sameRecord(live([{ text: 'a', at: 5 }]), live([{ text: 'a', at: 5 }]))).toBe(true);
    expect(sameRecord({ status: 'connecting' }, { status: 'connecting' })).toBe(true);
  });

  it('tells apart a new message, a deletion, a drop, a new start and another status or reason', () => {
    const base = live([{ text: 'a', at: 5 }]);
    expect(sameRecord(undefined, base)).toBe(false);
    expect(sameRecord(base, live([{ text: 'b', at: 6 }, { text: 'a', at: 5 }]))).toBe(false);
    expect(sameRecord(base, live([{ text: '', at: 5, deleted: true }]))).toBe(false);
    expect(sameRecord(base, live([{ text: 'a', at: 5 }], { complete: false }))).toBe(false);
    expect(sameRecord(base, live([{ text: 'a', at: 5 }], { since: 2 }))).toBe(false);
    expect(sameRecord(base, { ...base, status: 'failed', reason: 'x' })).toBe(false);
    expect(sameRecord({ status: 'failed', reason: 'x' }, { status: 'failed', reason: 'y' })).toBe(false);
    expect(sameRecord(base, { status: 'live' })).toBe(false);
  });

  it('tells apart a ban, a timeout’s end, and a ban lifted', () => {
    const banned = live([{ text: 'a', at: 5 }], { banned: { at: 9 } });
    expect(sameRecord(live([{ text: 'a', at: 5 }]), banned)).toBe(false);
    expect(sameRecord(banned, live([{ text: 'a', at: 5 }], { banned: { at: 9, until: 20 } }))).toBe(false);
    expect(sameRecord(banned, live([{ text: 'a', at: 5 }]))).toBe(false);
    expect(sameRecord(banned, live([{ text: 'a', at: 5 }], { banned: { at: 9 } }))).toBe(true);
    expect(sameRecord(live([{ text: 'a', at: 5 }]), live([{ text: 'a', at: 5 }], { earlierUnread: 'kick.com answered 500' }))).toBe(false);
  });
});
