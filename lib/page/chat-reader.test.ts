// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://kick.com/streamer1", "settings": {"enableJavaScriptEvaluation": true}}
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_CYCLE, planRow } from '@/test/kick-sim/chat-plan';
import type { SimData } from '@/test/kick-sim/http-types';
import { channelPage } from '@/test/kick-sim/pages';
import { MAIN_CHANNEL, seedUsers } from '@/test/kick-sim/seed';
import type { Variant } from '@/test/kick-sim/variants';
import { mountSimPage } from '@/test/support/sim-page-dom';
import { chatRow, currentIdentity } from '@/test/kick-sim/fixtures/chat-row';
import { modActions } from '@/test/kick-sim/fixtures/mod-actions';
import { createChatRecord } from './chat-record';
import { createRowQueue, readRow, sentAt, startChatReader } from './chat-reader';

interface Sim {
  appendRows(n: number): number;
  say(who: string, text: string): number;
}

/** The simulator's channel page (rows built from the captured shapes, test/kick-sim/fixtures), its chat script running. */
function load(variant: Variant): Sim {
  const users = seedUsers();
  const html = channelPage({ users: new Map(users.map((u) => [u.userId, u])) } as unknown as SimData, users.find((u) => u.slug === MAIN_CHANNEL)!, { variant, shell: 'channel' });
  return mountSimPage<Sim>(html);
}

const delivered = () => new Promise((r) => setTimeout(r, 0));
let stop = () => undefined as void;
afterEach(() => stop());

describe('the chat reader', () => {
  it.each(['current', 'title', 'rewritten', 'nipahtv', 'seventv'] as const)('%s: keeps what a user wrote after the rows left the virtualised list', async (variant) => {
    const sim = load(variant);
    const reader = startChatReader();
    stop = reader.stop;
    sim.say('newbie_nora', 'hello [emote:39284:vibePlz] <b>not markup</b>');
    sim.say('newbie_nora', 'second');
    await delivered();
    sim.appendRows(250);
    await delivered();
    expect(document.body.textContent).not.toContain('not markup');
    const view = reader.view('Newbie_Nora')!;
    expect(view.messages.map((m) => m.text)).toEqual(['second', 'hello [emote:39284:vibePlz] <b>not markup</b>']);
    expect(view).toMatchObject({ seen: 2, complete: true });
  });

  it('records chat messages only: no sub or gift notice, no Kicks gift (a name button but no text)', () => {
    load('current');
    const reader = startChatReader();
    stop = reader.stop;
    const plan = Array.from({ length: CHAT_CYCLE }, (_, i) => planRow(i));
    const isNotice = (kind: string) => ['sub', 'gift', 'kicks'].includes(kind);
    for (const who of new Set(plan.filter((r) => isNotice(r.kind)).map((r) => r.who))) {
      const chatTexts = plan.filter((r) => r.who === who && !isNotice(r.kind)).map((r) => r.text);
      expect(reader.view(who)!.messages.map((m) => m.text).sort(), who).toEqual(chatTexts.sort());
    }
  });

  it('reads nothing from rows it does not recognise', () => {
    load('unknown');
    const reader = startChatReader();
    stop = reader.stop;
    for (let i = 0; i < 10; i++) expect(reader.view(planRow(i).who)!.seen).toBe(0);
  });

  it('counts a row the virtualiser re-creates once', async () => {
    const sim = load('current');
    const reader = startChatReader();
    stop = reader.stop;
    sim.say('newbie_nora', 'only once');
    await delivered();
    const row = [...document.querySelectorAll('#chatroom-messages [data-index]')].at(-1)!;
    row.remove();
    document.querySelector('#chatroom-messages > div')!.append(row.cloneNode(true));
    await delivered();
    expect(reader.view('newbie_nora')!.seen).toBe(1);
  });

  it('starts over in another channel’s chat, and has nothing to say off a channel page', async () => {
    const sim = load('current');
    const reader = startChatReader();
    stop = reader.stop;
    sim.say('newbie_nora', 'here');
    await delivered();
    expect(reader.view('newbie_nora')!.seen).toBe(1);
    history.pushState(null, '', '/secondstreamer');
    expect(reader.view('newbie_nora')!.seen).toBe(0);
    history.pushState(null, '', '/following');
    expect(reader.view('newbie_nora')).toBeUndefined();
    history.pushState(null, '', '/streamer1');
  });

  it('keeps the first rows of the chat it navigated to, read after the navigation, and drops the rows of the one it left', async () => {
    const sim = load('current');
    const reader = startChatReader();
    stop = reader.stop;
    sim.say('newbie_nora', 'left behind');
    await delivered(); // queued, not yet read
    history.pushState(null, '', '/secondstreamer');
    sim.say('newbie_nora', 'in the new chat');
    sim.say('cool_cat', 'me too');
    await delivered(); // queued after the navigation: the reader has not read anything yet
    expect(reader.view('newbie_nora')!.messages.map((m) => m.text)).toEqual(['in the new chat']);
    expect(reader.view('cool_cat')!.seen).toBe(1);
    history.pushState(null, '', '/streamer1');
  });

  it('reads nothing more once stopped, not even rows it had queued (no read is left scheduled)', async () => {
    const sim = load('current');
    const record = createChatRecord();
    let added = 0;
    const counting = { ...record, add: (...args: Parameters<typeof record.add>) => (added++, record.add(...args)) };
    const reader = startChatReader(Date.now, counting);
    reader.view('anyone'); // the rows already there are read
    const before = added;
    sim.say('newbie_nora', 'queued, then stopped');
    await delivered(); // the observer has queued the row and scheduled a read
    reader.stop();
    await new Promise((r) => setTimeout(r, 400)); // past the fallback read's 200 ms
    expect(added).toBe(before);
  });

  it('stops watching the list when stopped', async () => {
    const sim = load('current');
    const reader = startChatReader();
    reader.stop();
    sim.say('newbie_nora', 'after the end');
    await delivered();
    expect(reader.view('newbie_nora')!.seen).toBe(0);
  });
});

describe('the observer’s row queue', () => {
  it('keeps the rows each callback added, stamped once per callback, and skips records that added none', async () => {
    let clock = 100;
    let reads = 0;
    const queue = createRowQueue(() => (reads++, clock));
    const list = document.createElement('div');
    document.body.append(list);
    const calls: boolean[] = [];
    const observer = new MutationObserver((mutations) => calls.push(queue.take(mutations)));
    observer.observe(list, { childList: true });
    const rows = ['a', 'b', 'c'].map((t) => Object.assign(document.createElement('p'), { textContent: t }));
    list.append(rows[0]!);
    list.append(rows[1]!);
    await delivered();
    clock = 200;
    rows[0]!.remove();
    await delivered();
    list.append(rows[2]!);
    rows[1]!.remove();
    await delivered();
    observer.disconnect();
    expect(calls).toEqual([true, false, true]);
    expect(reads).toBe(2);
    const read: [string, number][] = [];
    queue.drain((row, at) => read.push([row.textContent!, at]));
    // A row unmounted before the read is still read (kept in its record's list).
    expect(read).toEqual([['a', 100], ['b', 100], ['c', 200]]);
    queue.drain(() => read.push(['again', 0]));
    expect(read).toHaveLength(3);
  });
});

describe('telling a re-rendered row from a new message', () => {
  /** A current-layout row (test/kick-sim/fixtures/chat-row.ts, from captured markup), as a detached element. */
  const row = (time: string, body: string, extra: { modActions?: string } = {}) => {
    const slot = document.createElement('div');
    slot.innerHTML = chatRow({ index: 1, time, identity: currentIdentity('cool_cat', '#fff'), body, ...extra });
    return slot.firstElementChild!;
  };

  it('dates a message by Kick’s clock before the sender’s name, to the minute, on the day it was seen', () => {
    const seen = new Date(2026, 11, 2, 14, 5, 40).getTime();
    const at = (h: number, m: number, dayBack = 0) => new Date(2026, 11, 2 - dayBack, h, m).getTime();
    expect(sentAt('04:16 AMcool_cat:\u00a0hi', 'cool_cat', seen)).toBe(at(4, 16));
    expect(sentAt('2:05 PMcool_cat:\u00a0hi', 'cool_cat', seen)).toBe(at(14, 5));
    expect(sentAt('12:30 AMcool_cat: hi', 'cool_cat', seen)).toBe(at(0, 30));
    expect(sentAt('12:30 PMcool_cat: hi', 'cool_cat', seen)).toBe(at(12, 30));
    expect(sentAt('13:59cool_cat: hi', 'cool_cat', seen)).toBe(at(13, 59));
    // Ahead of the clock by more than a few minutes: yesterday's (read across midnight).
    expect(sentAt('11:58 PMcool_cat: hi', 'cool_cat', seen)).toBe(at(23, 58, 1));
    expect(sentAt('2:09 PMcool_cat: hi', 'cool_cat', seen)).toBe(at(14, 9));
    // No time before the name (timestamps hidden), one only in the message, a name not in the text, or no clock at all.
    for (const text of ['cool_cat: meet at 14:05', 'cool_cat: hi', '04:16 AMsomeone_else: hi', '25:16cool_cat: hi', '13:05 PMcool_cat: hi'])
      expect(sentAt(text, 'cool_cat', seen), text).toBeUndefined();
  });

  it('counts the same text at the same time once, at another time or with another text again', () => {
    const record = createChatRecord();
    for (const r of [row('04:16 AM', 'LUL'), row('04:16 AM', 'LUL'), row('04:16 AM', 'nice one'), row('04:17 AM', 'LUL')]) readRow(record, r, 0);
    expect(record.view('cool_cat').messages.map((m) => m.text)).toEqual(['LUL', 'nice one', 'LUL']);
  });

  it('finds the time behind a moderator’s action buttons, and without a time uses the whole row', () => {
    const record = createChatRecord();
    readRow(record, row('9:05 PM', 'gg', { modActions: modActions() }), 0);
    readRow(record, row('9:05 PM', 'gg', { modActions: modActions() }), 0);
    readRow(record, row('', 'gg'), 0);
    readRow(record, row('', 'gg'), 0);
    expect(record.view('cool_cat').seen).toBe(2);
  });
});

