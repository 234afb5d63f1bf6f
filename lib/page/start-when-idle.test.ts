// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { startWhenIdle, type IdleScheduler } from './start-when-idle';

/** An idle scheduler whose idle time comes when the test says. */
function fakeIdle() {
  const pending = new Map<number, { run: () => void; timeoutMs: number }>();
  let next = 1;
  const idle: IdleScheduler = {
    request: (run, timeoutMs) => (pending.set(next, { run, timeoutMs }), next++),
    cancel: (handle) => void pending.delete(handle),
  };
  const fire = () => {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) p.run();
  };
  return { idle, pending, fire };
}

describe('startWhenIdle', () => {
  it('starts nothing before the page is idle, then starts once', () => {
    const { idle, pending, fire } = fakeIdle();
    const start = vi.fn(() => 'watch');
    const later = startWhenIdle(start, { idle, timeoutMs: 1500 });
    expect(start).not.toHaveBeenCalled();
    expect(later.started).toBe(false);
    expect([...pending.values()][0]!.timeoutMs).toBe(1500);
    fire();
    expect(start).toHaveBeenCalledTimes(1);
    expect(later.now()).toBe('watch');
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('a reach for a name before the idle time starts it at once, and the idle time does not start it again', () => {
    const { idle, pending, fire } = fakeIdle();
    const start = vi.fn(() => ({ id: 1 }));
    const later = startWhenIdle(start, { idle });
    const first = later.now();
    expect(start).toHaveBeenCalledTimes(1);
    expect(pending.size).toBe(0);
    fire();
    expect(later.now()).toBe(first);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('cancelled (the extension went away) it never starts', () => {
    const { idle, pending } = fakeIdle();
    const start = vi.fn();
    const later = startWhenIdle(start, { idle });
    later.cancel();
    expect(pending.size).toBe(0);
    expect(start).not.toHaveBeenCalled();
  });
});

describe('startWhenIdle woken by the page’s events', () => {
  it('the first pointer or key starts it before the idle time, once, and the document’s new listeners hear that same event', () => {
    const { idle, pending } = fakeIdle();
    const heard: string[] = [];
    const onDocument = (e: Event) => heard.push(e.type);
    const later = startWhenIdle(() => document.addEventListener('pointerover', onDocument, { capture: true }), { idle, wakeOn: ['pointerover', 'keydown'] });
    try {
      expect(later.started).toBe(false);
      document.body.dispatchEvent(new Event('pointerover', { bubbles: true }));
      expect(later.started).toBe(true);
      expect(pending.size).toBe(0);
      // Heard by the listener start() added on the document during the window's capture of the same event.
      expect(heard).toEqual(['pointerover']);
      document.body.dispatchEvent(new Event('keydown', { bubbles: true }));
      document.body.dispatchEvent(new Event('pointerover', { bubbles: true }));
      expect(heard).toEqual(['pointerover', 'pointerover']);
    } finally {
      document.removeEventListener('pointerover', onDocument, { capture: true });
    }
  });

  it('started by the idle time or cancelled, it stops listening to the page', () => {
    const { idle, fire } = fakeIdle();
    const target = new EventTarget();
    const start = vi.fn();
    startWhenIdle(start, { idle, wakeOn: ['keydown'], target });
    fire();
    target.dispatchEvent(new Event('keydown'));
    expect(start).toHaveBeenCalledTimes(1);
    const other = vi.fn();
    startWhenIdle(other, { idle, wakeOn: ['keydown'], target }).cancel();
    target.dispatchEvent(new Event('keydown'));
    expect(other).not.toHaveBeenCalled();
  });
});
