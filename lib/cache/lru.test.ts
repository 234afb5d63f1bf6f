import { describe, expect, it } from 'vitest';
import { LruMap } from './lru';

describe('LruMap', () => {
  it('holds at most `max` entries, dropping the least recently used', () => {
    const lru = new LruMap<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) lru.set(k, i);
    expect([...lru.keys()]).toEqual(['b', 'c', 'd']);
    expect(lru.size).toBe(3);
    expect(lru.get('a')).toBeUndefined();
  });

  it('counts a read or an overwrite as a use', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1).set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect([...lru.keys()]).toEqual(['a', 'c']);
    lru.set('a', 10).set('d', 4);
    expect([...lru.entries()]).toEqual([['a', 10], ['d', 4]]);
  });

  it('peeks without counting a use, deletes and clears', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1).set('b', 2);
    expect(lru.peek('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.has('a')).toBe(false);
    expect(lru.delete('b')).toBe(true);
    expect(lru.size).toBe(1);
    lru.clear();
    expect(lru.size).toBe(0);
  });

  it('stays bounded over many keys', () => {
    const lru = new LruMap<number, object>(100);
    for (let i = 0; i < 10_000; i++) lru.set(i, {});
    expect(lru.size).toBe(100);
    expect(lru.has(9_999) && lru.has(9_900) && !lru.has(9_899)).toBe(true);
  });

  it('refuses a bound that is not a positive integer', () => {
    for (const max of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => new LruMap(max), String(max)).toThrow(RangeError);
  });
});
