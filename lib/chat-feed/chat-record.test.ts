import { describe, expect, it } from 'vitest';
import { BANS_KEPT, createChatRecord, PER_USER } from './chat-record';

const clock = (start = 1_000) => {
  let t = start;
  const now = () => t;
  return Object.assign(now, { tick: (ms: number) => (t += ms) });
};

describe('the chat record', () => {
  it('lists a user’s messages newest first, by name whatever its case, with when each was seen and Kick’s id (a moderator deletes by it)', () => {
    const now = clock();
    const record = createChatRecord(now);
    record.add('Cool_Cat', 'one', 'm1');
    now.tick(1000);
    record.add('cool_cat', 'two', 'm2');
    expect(record.view('COOL_CAT')).toEqual({
      messages: [{ text: 'two', at: 2000, id: 'm2' }, { text: 'one', at: 1000, id: 'm1' }],
      seen: 2,
      since: 1000,
      complete: true,
    });
    expect(record.view('nobody')).toMatchObject({ messages: [], seen: 0 });
  });

  it('finds a chat name (cool_cat) by its channel’s slug (cool-cat), as a card from a link asks', () => {
    const record = createChatRecord();
    record.add('cool_cat', 'meow', 'm1');
    expect(record.view('cool-cat').seen).toBe(1);
  });

  it('counts a message sent again (same id) once, and the same text in another message twice', () => {
    const record = createChatRecord();
    record.add('a', 'LUL', 'c0c85e41-2d34-45f4-9b57-bc7799245858');
    record.add('a', 'LUL', 'c0c85e41-2d34-45f4-9b57-bc7799245858');
    record.add('a', 'LUL', 'd1c85e41-2d34-45f4-9b57-bc7799245858');
    expect(record.view('a').seen).toBe(2);
  });

  it('counts a message sent again once also when it has made room for newer ones, among the last messages recorded', () => {
    const record = createChatRecord(Date.now, 3, 2000, 150_000, 10);
    const key = (i: number) => `message-id-${i}`;
    for (let i = 1; i <= 5; i++) record.add('a', `m${i}`, key(i));
    // m1 and m2 made room (3 a user), and are sent again: they are the same messages.
    record.add('a', 'm1', key(1));
    record.add('a', 'm2', key(2));
    expect(record.view('a').seen).toBe(5);
    expect(record.view('a').messages.map((m) => m.text)).toEqual(['m5', 'm4', 'm3']);
    // Beyond the last 10 messages recorded, a key is forgotten (the bound that keeps the check small).
    for (let i = 0; i < 10; i++) record.add('b', `x${i}`, `b${i}`);
    record.add('a', 'm1', key(1));
    expect(record.view('a').seen).toBe(6);
  });

  it('keeps the latest messages per user but counts all of them', () => {
    const record = createChatRecord(Date.now, 3);
    for (let i = 1; i <= 5; i++) record.add('a', `m${i}`, `m${i}`);
    expect(record.view('a')).toMatchObject({ seen: 5, complete: true });
    expect(record.view('a').messages.map((m) => m.text)).toEqual(['m5', 'm4', 'm3']);
    expect(PER_USER).toBeGreaterThan(3);
  });

  it('makes room by dropping the user least recently heard from, and then no longer calls any count complete', () => {
    const record = createChatRecord(Date.now, 10, 4);
    record.add('old', 'x', 'm1');
    record.add('kept', 'y', 'm2');
    record.add('kept', 'y2', 'm3');
    record.add('new', 'z', 'm4');
    expect(record.view('old').seen).toBe(1);
    record.add('new', 'z2', 'm5');
    expect(record.view('old').seen).toBe(0);
    expect(record.view('kept')).toMatchObject({ seen: 2, complete: false });
  });

  it('makes room the same way when the text held would pass its bound', () => {
    const record = createChatRecord(Date.now, 10, 100, 1000);
    record.add('old', 'x'.repeat(500), 'm1');
    record.add('new', 'y'.repeat(400), 'm2');
    expect(record.view('old').seen).toBe(1);
    record.add('new', 'z'.repeat(200), 'm3');
    expect(record.view('old').seen).toBe(0);
    expect(record.view('new')).toMatchObject({ seen: 2, complete: false });
  });

  it('shows a message Kick deleted as deleted, without its text, still counted; its characters no longer held', () => {
    const record = createChatRecord(Date.now, 10, 100, 1000);
    record.add('ann', 'x'.repeat(500), 'm1');
    record.add('ann', 'keep', 'm2');
    const before = record.view('ann');
    record.remove('m1');
    record.remove('m99');
    const after = record.view('ann');
    expect(after).not.toBe(before);
    expect(after.messages.map(({ text, deleted }) => ({ text, deleted }))).toEqual([{ text: 'keep', deleted: undefined }, { text: '', deleted: true }]);
    expect(after.seen).toBe(2);
    // 500 characters were freed: 900 more fit in the 1,000 without anyone making room.
    record.add('bob', 'y'.repeat(900), 'm3');
    expect(record.view('ann')).toMatchObject({ seen: 2, complete: true });
  });

  it('takes Kick’s recent messages from before it started: before each sender’s newer ones, once each, reaching back to the oldest', () => {
    const now = clock(10_000);
    const record = createChatRecord(now);
    // The socket brought two messages (one of them again in Kick's history below) before the page read the history.
    record.add('ann', 'live one', 'm3', 9_000);
    now.tick(1000);
    record.add('bob', 'live two', 'm4', 11_000);
    record.seed([
      { username: 'cara', text: 'before anyone', id: 'm0', at: 4_000 },
      { username: 'Ann', text: 'earlier', id: 'm1', at: 5_000 },
      { username: 'ann', text: 'live one', id: 'm3', at: 9_000 },
    ]);
    expect(record.view('ann')).toEqual({ messages: [{ text: 'live one', at: 9_000, id: 'm3' }, { text: 'earlier', at: 5_000, id: 'm1' }], seen: 2, since: 4_000, complete: true });
    expect(record.view('cara')).toMatchObject({ messages: [{ text: 'before anyone', at: 4_000 }], seen: 1 });
    // Every view says how far back the record now reaches, also for someone it has nothing of.
    expect(record.view('nobody')).toMatchObject({ seen: 0, since: 4_000 });
    // A message of the history sent again on the socket is not counted twice.
    record.add('cara', 'before anyone', 'm0', 4_000);
    expect(record.view('cara').seen).toBe(1);
  });

  it('says on every view why Kick’s recent messages could not be taken in, until it starts over', () => {
    const record = createChatRecord(clock(10_000));
    record.add('ann', 'hi', 'm1');
    const before = record.view('ann');
    record.earlierFailed('kick.com answered 500');
    expect(record.view('ann')).toEqual({ ...before, earlierUnread: 'kick.com answered 500' });
    expect(record.view('nobody').earlierUnread).toBe('kick.com answered 500');
    record.reset();
    expect(record.view('nobody')).not.toHaveProperty('earlierUnread');
  });

  it('puts a message from Kick’s history before one the socket brought in the same second (it was sent before)', () => {
    const record = createChatRecord(clock(10_000));
    record.add('ann', 'live', 'm3', 9_000);
    record.seed([{ username: 'ann', text: 'one', id: 'm1', at: 9_000 }, { username: 'ann', text: 'two', id: 'm2', at: 9_000 }]);
    expect(record.view('ann').messages.map((m) => m.text)).toEqual(['live', 'two', 'one']);
  });

  it('makes room for what it hears next by dropping first whom it knows only from Kick’s history', () => {
    const record = createChatRecord(clock(10_000), PER_USER, 3);
    record.add('ann', 'live', 'm2', 9_000);
    record.seed([{ username: 'old', text: 'history', id: 'm0', at: 1_000 }, { username: 'ann', text: 'history', id: 'm1', at: 2_000 }]);
    record.add('bob', 'new', 'm3', 10_000);
    expect(record.view('old').seen).toBe(0);
    expect(record.view('ann').seen).toBe(2);
    expect(record.view('bob').complete).toBe(false);
  });

  it('says who Kick banned or timed out, until when, also of someone it holds nothing of, until the ban is lifted', () => {
    const now = clock(5_000);
    const record = createChatRecord(now);
    record.add('bob', 'rude', 'm1');
    const before = record.view('bob');
    now.tick(1000);
    record.ban('Bob', 66_000);
    expect(record.view('bob')).toEqual({ ...before, banned: { at: 6_000, until: 66_000 } });
    // Their messages stay listed.
    expect(record.view('bob').messages).toEqual([{ text: 'rude', at: 5_000, id: 'm1' }]);
    record.ban('silent_sam', undefined);
    expect(record.view('silent_sam')).toMatchObject({ seen: 0, banned: { at: 6_000 } });
    expect(record.view('silent_sam').banned).not.toHaveProperty('until');
    record.ban('bob', null);
    expect(record.view('bob')).not.toHaveProperty('banned');
    expect(record.view('nobody')).not.toHaveProperty('banned');
  });

  it('keeps at most BANS_KEPT bans, the oldest going first', () => {
    const record = createChatRecord();
    for (let i = 0; i <= BANS_KEPT; i++) record.ban(`user${i}`, undefined);
    expect(record.view('user0')).not.toHaveProperty('banned');
    expect(record.view(`user${BANS_KEPT}`)).toHaveProperty('banned');
    // A view handed out before its ban made room does not keep saying so.
    const kept = createChatRecord();
    kept.add('first', 'hi', 'm1');
    kept.ban('first', undefined);
    expect(kept.view('first')).toHaveProperty('banned');
    for (let i = 1; i <= BANS_KEPT; i++) kept.ban(`user${i}`, undefined);
    expect(kept.view('first')).not.toHaveProperty('banned');
  });

  it('cuts a message to Kick’s 500 characters', () => {
    const record = createChatRecord();
    record.add('a', 'x'.repeat(2000), 'm1');
    expect(record.view('a').messages[0]!.text).toHaveLength(500);
  });

  it('starts over for a new chat', () => {
    const now = clock();
    const record = createChatRecord(now);
    record.add('a', 'x', 'm1');
    now.tick(5000);
    record.reset();
    expect(record.view('a')).toEqual({ messages: [], seen: 0, since: 6000, complete: true });
  });

  it('hands out the same view while nothing in it changed (no copy per card that asks)', () => {
    const record = createChatRecord(clock(), PER_USER, 3);
    record.add('a', 'one', 'm1');
    const first = record.view('A');
    expect(record.view('a')).toBe(first);
    // Someone else's message and one sent again change nothing of theirs.
    record.add('b', 'hi', 'm2');
    record.add('a', 'one', 'm1');
    expect(record.view('a')).toBe(first);
    // Their next message does.
    record.add('a', 'two', 'm3');
    const second = record.view('a');
    expect(second).not.toBe(first);
    expect(second.messages.map((m) => m.text)).toEqual(['two', 'one']);
    expect(first.messages.map((m) => m.text)).toEqual(['one']);
    // So does making room by dropping someone (no count is complete from then on), for everyone, the unrecorded too.
    const nobody = record.view('ghost');
    expect(record.view('other')).toBe(nobody);
    record.add('c', 'x', 'm4');
    expect(record.view('a')).not.toBe(second);
    expect(record.view('a').complete).toBe(false);
    expect(record.view('ghost')).not.toBe(nobody);
    expect(record.view('ghost')).toEqual({ messages: [], seen: 0, since: nobody.since, complete: false });
    // And a new chat.
    const before = record.view('c');
    record.reset();
    expect(record.view('c')).not.toBe(before);
    expect(record.view('c').seen).toBe(0);
  });
});
