// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayoutReport } from '../messaging/protocol';
import { renderRow } from '@/test/kick-sim/variants';
import { chatroom, hiddenDuplicateChatroomAfter, mobileChatList } from '@/test/kick-sim/fixtures/chatroom';
import { SAMPLE_ROWS, startLayoutWatch } from './layout-watch';

let reports: LayoutReport[];
let stop: () => void;
beforeEach(() => {
  vi.useFakeTimers();
  reports = [];
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

// Rows from the simulated kick.com's variants: the captured current layout, or a shape no registry has seen.
const chat = (rows: string) => {
  document.body.innerHTML = chatroom('', rows);
};
const currentRow = (position: number) => renderRow('current', position);
const unknownRow = (position: number) => renderRow('unknown', position);

describe('layout watch', () => {
  it('reports a recognised chat with per-surface counts', () => {
    chat(currentRow(0) + currentRow(3));
    stop = startLayoutWatch((r) => reports.push(r));
    expect(reports).toEqual([expect.objectContaining({ recognised: true, namesSeen: 3, surfaces: { chat: 2, reply: 1 } })]);
  });

  it('reports "not recognised" only after the grace period of rows without names', () => {
    chat(unknownRow(0));
    stop = startLayoutWatch((r) => reports.push(r), { intervalMs: 1000, graceMs: 5000 });
    expect(reports.at(-1)).toMatchObject({ recognised: true, namesSeen: 0 });
    vi.advanceTimersByTime(4000);
    expect(reports.at(-1)?.recognised).toBe(true);
    vi.advanceTimersByTime(2000);
    expect(reports.at(-1)).toMatchObject({ recognised: false, namesSeen: 0 });
    const count = reports.length;
    vi.advanceTimersByTime(10_000);
    expect(reports).toHaveLength(count); // no repeat while nothing changes
  });

  it('says so within seconds by default when rows of an unseen shape arrive', () => {
    chat(unknownRow(0) + unknownRow(1));
    stop = startLayoutWatch((r) => reports.push(r));
    vi.advanceTimersByTime(8000);
    expect(reports.at(-1)).toMatchObject({ recognised: false });
  });

  it('notices when most rows take a shape it has never seen, even if some still match', () => {
    chat([0, 1, 2, 3, 4, 6, 7].map(unknownRow).join('') + currentRow(8) + currentRow(9) + currentRow(10));
    stop = startLayoutWatch((r) => reports.push(r), { intervalMs: 1000, graceMs: 2000 });
    vi.advanceTimersByTime(3000);
    expect(reports.at(-1)).toMatchObject({ recognised: false, surfaces: { chat: 3, reply: 1 } });
  });

  it('stays recognised when a few rows have no name (dividers, notices without names)', () => {
    chat([0, 1, 2, 4, 6].map(currentRow).join('') + unknownRow(7));
    stop = startLayoutWatch((r) => reports.push(r), { intervalMs: 1000, graceMs: 2000 });
    vi.advanceTimersByTime(5000);
    expect(reports.at(-1)?.recognised).toBe(true);
  });

  it('judges a full chat by its newest rows, where a new shape shows first', () => {
    // The oldest rows of an unseen shape, the newest SAMPLE_ROWS recognised: recognised; then the newest turn unseen.
    const rows = (shape: (i: number) => string, from: number, n: number) => Array.from({ length: n }, (_, i) => shape(from + i)).join('');
    chat(rows(unknownRow, 0, 60) + rows(currentRow, 60, SAMPLE_ROWS));
    stop = startLayoutWatch((r) => reports.push(r), { intervalMs: 1000, settledMs: 1000, graceMs: 2000 });
    vi.advanceTimersByTime(5000);
    expect(reports.at(-1)?.recognised).toBe(true);
    chat(rows(currentRow, 0, 60) + rows(unknownRow, 60, SAMPLE_ROWS));
    vi.advanceTimersByTime(5000);
    expect(reports.at(-1)?.recognised).toBe(false);
  });

  it('judges the list the viewer sees, not the hidden copy or the 0×0 mobile list after it (since 2026-08)', () => {
    chat(Array.from({ length: 10 }, (_, i) => currentRow(i)).join(''));
    document.body.insertAdjacentHTML('beforeend', hiddenDuplicateChatroomAfter() + mobileChatList());
    const [live, , mobile] = [...document.querySelectorAll('#chatroom-messages')];
    // Whatever the 0×0 list holds (guess: fixtures/chatroom.ts), even rows of a shape never seen, and more of them.
    mobile!.firstElementChild!.innerHTML = Array.from({ length: 20 }, (_, i) => unknownRow(i)).join('');
    live!.getBoundingClientRect = () => new DOMRect(0, 0, 340, 600);
    stop = startLayoutWatch((r) => reports.push(r), { intervalMs: 1000, graceMs: 2000 });
    vi.advanceTimersByTime(5000);
    expect(reports.at(-1)).toMatchObject({ recognised: true, surfaces: { chat: 10, reply: 1 } });
  });

  it('counts the page’s names again once a page checked before its chat mounted shows some', () => {
    document.body.innerHTML = '';
    stop = startLayoutWatch((r) => reports.push(r), { settledMs: 1000 });
    expect(reports.at(-1)).toMatchObject({ recognised: true, namesSeen: 0 });
    chat(currentRow(0) + currentRow(3));
    vi.advanceTimersByTime(1000);
    expect(reports.at(-1)).toMatchObject({ recognised: true, namesSeen: 3, surfaces: { chat: 2, reply: 1 } });
  });

  it('counts rows that lost data-index by the list structure', () => {
    chat('<div><span>someone</span>: hi</div>');
    stop = startLayoutWatch((r) => reports.push(r), { intervalMs: 1000, graceMs: 2000 });
    vi.advanceTimersByTime(3000);
    expect(reports.at(-1)?.recognised).toBe(false);
  });

  it('recovers when names appear again', () => {
    chat(unknownRow(1));
    stop = startLayoutWatch((r) => reports.push(r), { intervalMs: 1000, graceMs: 2000 });
    vi.advanceTimersByTime(3000);
    expect(reports.at(-1)?.recognised).toBe(false);
    chat(currentRow(2));
    vi.advanceTimersByTime(1000);
    expect(reports.at(-1)).toMatchObject({ recognised: true, namesSeen: 1 });
  });
});
