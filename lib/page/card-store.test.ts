import { describe, expect, it } from 'vitest';
import { KEPT_MAX, withKept } from './card-store';

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
