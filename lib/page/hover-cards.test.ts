// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardLoader, LoadState } from './card-data';
import { createCardStore, LOADS_MAX } from './card-store';
import { startHoverCards } from './hover-cards';

// The selector registry changes with kick.com; these tests are about the listeners, so any element with id "name" is a name.
vi.mock('./surfaces', () => ({
  MESSAGE_TEXT_SELECTOR: 'span.font-normal',
  rewrittenText: () => null,
  findName: (target: EventTarget | null) => {
    const name = target instanceof Element ? (target.id === 'name' ? 'modmaria' : target.getAttribute('data-name')) : null;
    return name ? { element: target, surface: { id: 'chat' }, username: name } : null;
  },
}));

/** What a real user's input looks like to a listener: the browser marks it trusted, a page's dispatchEvent cannot. */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

function setup(beforeLoad?: () => Promise<unknown> | undefined) {
  document.body.innerHTML = '<button id="name">modmaria</button><div id="host"></div>';
  const store = createCardStore();
  const load = vi.fn((): Promise<LoadState> => Promise.resolve({ status: 'error', error: { code: 'network', message: 'x' } }));
  const loader = { cached: () => undefined, load, clear: () => undefined } as unknown as CardLoader;
  const cards = startHoverCards({ store, loader, host: document.getElementById('host')!, onNavigate: () => undefined, beforeLoad });
  return { store, load, cards, name: document.getElementById('name')! };
}

describe('hover cards listen only to the user', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ignores page-made pointer, keyboard and focus events: no lookup, no card', () => {
    const { store, load, cards, name } = setup();
    for (let i = 0; i < 2000; i++) name.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    name.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 1, clientY: 1 }));
    name.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    name.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'ArrowDown', altKey: true }));
    vi.advanceTimersByTime(2000);
    expect(load).not.toHaveBeenCalled();
    expect(store.getState().open).toBeNull();
    cards.stop();
  });

  it('does open for the same events when the browser made them', () => {
    const { store, load, cards, name } = setup();
    name.dispatchEvent(trusted(new PointerEvent('pointerover', { bubbles: true })));
    vi.advanceTimersByTime(400);
    expect(load).toHaveBeenCalledTimes(1);
    expect(store.getState().open?.username).toBe('modmaria');
    cards.stop();
  });

  it('lets no page-made Escape, click or focus change close a card the user opened', () => {
    const { store, cards, name } = setup();
    name.dispatchEvent(trusted(new KeyboardEvent('keydown', { bubbles: true, key: 'ArrowDown', altKey: true })));
    expect(store.getState().open?.via).toBe('keyboard');
    document.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'Escape' }));
    name.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    name.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: document.body }));
    vi.advanceTimersByTime(1000);
    expect(store.getState().open?.username).toBe('modmaria');
    cards.stop();
  });
});

describe("a card's data and what it waits for", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is asked only once what the load waits for (the card UI coming in) has settled, as it loads', async () => {
    let arrived!: () => void;
    const { store, load, cards, name } = setup(() => new Promise<void>((resolve) => (arrived = resolve)));
    name.dispatchEvent(trusted(new PointerEvent('pointerover', { bubbles: true })));
    await vi.advanceTimersByTimeAsync(100);
    expect(load).not.toHaveBeenCalled();
    expect(store.getState().loads.get('modmaria')?.status).toBe('loading');
    arrived();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledOnce();
    cards.stop();
  });

  it('is asked all the same when what it waited for failed', async () => {
    const { load, cards, name } = setup(() => Promise.reject(new Error('no card UI')));
    name.dispatchEvent(trusted(new PointerEvent('pointerover', { bubbles: true })));
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledOnce();
    cards.stop();
  });

  it('is asked in the next task when nothing is waited for (the card UI is in)', () => {
    const beforeLoad = vi.fn(() => undefined);
    const { load, cards, name } = setup(beforeLoad);
    name.dispatchEvent(trusted(new PointerEvent('pointerover', { bubbles: true })));
    expect(load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(beforeLoad).toHaveBeenCalledOnce();
    expect(load).toHaveBeenCalledOnce();
    cards.stop();
  });
});

describe('hover cards in a long session', () => {
  it('keeps the load states of a bounded number of names: 2,000 names hovered', async () => {
    const { store, cards } = setup();
    const names = Array.from({ length: 2000 }, (_, i) => {
      const el = document.createElement('button');
      el.setAttribute('data-name', `user${i}`);
      document.body.append(el);
      return el;
    });
    for (const el of names) el.dispatchEvent(trusted(new PointerEvent('pointerover', { bubbles: true })));
    await Promise.resolve();
    const loads: unknown = store.getState().loads;
    const count = loads instanceof Map ? loads.size : Object.keys(loads as object).length;
    expect(count).toBeLessThanOrEqual(100);
    expect(count).toBeLessThanOrEqual(LOADS_MAX);
    expect(count).toBeGreaterThan(0);
    cards.stop();
  });
});
