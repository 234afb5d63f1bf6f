// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayoutReport } from '../messaging/protocol';
import { startLayoutWatch } from './layout-watch';

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

const chat = (rows: string) => {
  document.body.innerHTML = `<div id="channel-chatroom"><div id="chatroom-messages"><div class="no-scrollbar">${rows}</div></div></div>`;
};

describe('layout watch', () => {
  it('reports a recognised chat with per-surface counts', () => {
    chat(`<div data-index="1"><div class="inline-flex"><div></div><button data-prevent-expand="true" title="modmaria">m</button></div></div>`);
    stop = startLayoutWatch((r) => reports.push(r));
    expect(reports).toEqual([expect.objectContaining({ recognised: true, namesSeen: 1, surfaces: { chat: 1 } })]);
  });

  it('reports "not recognised" only after the grace period of rows without names', () => {
    chat(`<div data-index="1"><span class="x-name">someone</span>: hi</div>`);
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

  it('recovers when names appear again', () => {
    chat(`<div data-index="1"><span>someone</span></div>`);
    stop = startLayoutWatch((r) => reports.push(r), { intervalMs: 1000, graceMs: 2000 });
    vi.advanceTimersByTime(3000);
    expect(reports.at(-1)?.recognised).toBe(false);
    chat(`<div data-index="2"><div class="inline-flex"><button data-prevent-expand="true" title="subsam">s</button></div></div>`);
    vi.advanceTimersByTime(1000);
    expect(reports.at(-1)).toMatchObject({ recognised: true, namesSeen: 1 });
  });
});
