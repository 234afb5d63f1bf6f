import { describe, expect, it } from 'vitest';
import { createCardStore } from '@/lib/page/card-store';
import { KEPT_MAX, keepCards, withKept } from './kept-cards';

describe('withKept', () => {
  it('updates the slot of a user opened again (any letter case), in place', () => {
    const kept = withKept(withKept([], { username: 'Maria', openedAt: 1 }), { username: 'victor', openedAt: 2 });
    expect(withKept(kept, { username: 'maria', openedAt: 3 })).toEqual([{ username: 'maria', openedAt: 3 }, { username: 'victor', openedAt: 2 }]);
  });

  it('adds a slot until there are KEPT_MAX, then gives the slot of the card opened longest ago', () => {
    let kept: ReturnType<typeof withKept> = [];
    for (let i = 0; i < KEPT_MAX; i++) kept = withKept(kept, { username: `u${i}`, openedAt: 10 + i });
    expect(kept).toHaveLength(KEPT_MAX);
    // u0 opened again: u1 is now the oldest.
    kept = withKept(kept, { username: 'u0', openedAt: 20 });
    kept = withKept(kept, { username: 'new', openedAt: 21 });
    expect(kept.map((k) => k.username)).toEqual(['u0', 'new', ...Array.from({ length: KEPT_MAX - 2 }, (_, i) => `u${i + 2}`)]);
  });

  it('leaves the list it was given as it was', () => {
    const kept = [{ username: 'a', openedAt: 1 }];
    withKept(kept, { username: 'b', openedAt: 2 });
    expect(kept).toEqual([{ username: 'a', openedAt: 1 }]);
  });
});

describe('keepCards', () => {
  const anchor = {} as Element;
  it('adds each open to the store’s kept cards, in the same notification, and stops when told', () => {
    const store = createCardStore();
    const seen: (readonly { username: string }[] | undefined)[] = [];
    const stop = keepCards(store);
    // A listener that subscribed before: zustand tells it again once kept follows, so no render misses it.
    store.subscribe((s) => seen.push(s.kept));
    store.setState({ open: { anchor, username: 'a', via: 'pointer', openedAt: 1 } });
    expect(store.getState().kept).toEqual([{ username: 'a', openedAt: 1 }]);
    store.setState({ open: null });
    store.setState({ open: { anchor, username: 'b', via: 'pointer', openedAt: 2 } });
    expect(store.getState().kept?.map((k) => k.username)).toEqual(['a', 'b']);
    expect(seen.at(-1)?.map((k) => k.username)).toEqual(['a', 'b']);
    stop();
    store.setState({ open: { anchor, username: 'c', via: 'pointer', openedAt: 3 } });
    expect(store.getState().kept?.map((k) => k.username)).toEqual(['a', 'b']);
  });

  it('keeps the card already open when the card UI mounts', () => {
    const store = createCardStore();
    store.setState({ open: { anchor, username: 'early', via: 'keyboard', openedAt: 5 } });
    keepCards(store)();
    expect(store.getState().kept).toEqual([{ username: 'early', openedAt: 5 }]);
  });
});
