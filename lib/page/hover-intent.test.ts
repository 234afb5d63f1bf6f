import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoverIntent } from './hover-intent';

let events: string[];
let intent: HoverIntent<string>;
beforeEach(() => {
  vi.useFakeTimers();
  events = [];
  intent = new HoverIntent<string>({
    openDelayMs: () => 300,
    prefetch: (u) => events.push(`prefetch ${u}`),
    open: (a, u, via) => events.push(`open ${u} ${via}`),
    close: (r) => events.push(`close ${r}`),
  });
});
afterEach(() => vi.useRealTimers());

describe('HoverIntent', () => {
  it('prefetches on enter and opens only after the delay', () => {
    intent.enterName('a', 'alice');
    expect(events).toEqual(['prefetch alice']);
    vi.advanceTimersByTime(299);
    expect(events).toEqual(['prefetch alice']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['prefetch alice', 'open alice pointer']);
  });

  it('does not open when the pointer passes over quickly', () => {
    intent.enterName('a', 'alice');
    vi.advanceTimersByTime(100);
    intent.leaveName();
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['prefetch alice']);
  });

  it('stays open while the pointer moves from the name into the card', () => {
    intent.enterName('a', 'alice');
    vi.advanceTimersByTime(300);
    intent.leaveName();
    vi.advanceTimersByTime(150);
    intent.enterCard();
    vi.advanceTimersByTime(5000);
    expect(events).not.toContain('close left');
    intent.leaveCard();
    vi.advanceTimersByTime(299);
    expect(events).not.toContain('close left');
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toBe('close left');
  });

  it('closes on Esc at once', () => {
    intent.enterName('a', 'alice');
    vi.advanceTimersByTime(300);
    intent.dismiss('escape');
    expect(events.at(-1)).toBe('close escape');
    intent.dismiss('escape');
    expect(events.filter((e) => e.startsWith('close'))).toHaveLength(1);
  });

  it('shows one card at a time', () => {
    intent.enterName('a', 'alice');
    vi.advanceTimersByTime(300);
    intent.leaveName();
    intent.enterName('b', 'bob');
    vi.advanceTimersByTime(300);
    expect(events).toEqual(['prefetch alice', 'open alice pointer', 'prefetch bob', 'close replaced', 'open bob pointer']);
  });

  it('opens at once from the keyboard and ignores the pointer leaving', () => {
    intent.openNow('a', 'alice');
    intent.leaveName();
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(['prefetch alice', 'open alice keyboard']);
  });

  it('keeps a pointer-opened card while focus is inside it, whatever the pointer does, until focus leaves', () => {
    intent.enterName('a', 'alice');
    vi.advanceTimersByTime(300);
    intent.enterCard();
    intent.holdByFocus(true);
    intent.leaveCard();
    intent.enterName('b', 'bob');
    vi.advanceTimersByTime(5000);
    intent.leaveName();
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(['prefetch alice', 'open alice pointer']);
    intent.holdByFocus(false);
    vi.advanceTimersByTime(299);
    expect(events.at(-1)).toBe('open alice pointer');
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toBe('close left');
    // Held no more: the next name opens as usual.
    intent.enterName('b', 'bob');
    vi.advanceTimersByTime(300);
    expect(events.at(-1)).toBe('open bob pointer');
  });

  it('uses the current delay setting', () => {
    let delay = 300;
    const fast = new HoverIntent<string>({ openDelayMs: () => delay, prefetch: () => undefined, open: (_, u) => events.push(u), close: () => undefined });
    delay = 0;
    fast.enterName('a', 'zed');
    vi.advanceTimersByTime(0);
    expect(events).toEqual(['zed']);
  });
});
