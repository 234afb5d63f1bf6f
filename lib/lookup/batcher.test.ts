import { describe, expect, it } from 'vitest';
import { KickError } from '../kick/errors';
import { Batcher } from './batcher';

function recorder(known: Set<string>, opts: { failOnUnknown?: boolean } = {}) {
  const batches: string[][] = [];
  const batcher = new Batcher<string, string>({
    maxBatch: 3,
    windowMs: 5,
    fetchBatch: (keys) => {
      batches.push(keys);
      if (opts.failOnUnknown && keys.some((k) => !known.has(k))) return Promise.reject(new KickError({ code: 'invalid_request', message: '400' }));
      return Promise.resolve(new Map(keys.filter((k) => known.has(k)).map((k) => [k, k.toUpperCase()])));
    },
    shouldSplit: (e) => e instanceof KickError && e.code === 'invalid_request',
    onSingleFailure: () => undefined,
  });
  return { batcher, batches };
}

describe('Batcher', () => {
  it('combines lookups in one window into batches of at most maxBatch', async () => {
    const { batcher, batches } = recorder(new Set(['a', 'b', 'c', 'd']));
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((k) => batcher.load(k)));
    expect(results).toEqual(['A', 'B', 'C', 'D']);
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('shares one request for the same key in flight', async () => {
    const { batcher, batches } = recorder(new Set(['a']));
    const [x, y] = await Promise.all([batcher.load('a'), batcher.load('a')]);
    expect(x).toBe('A');
    expect(y).toBe('A');
    expect(batches).toEqual([['a']]);
  });

  it('splits a batch that fails for one bad key, so the others still resolve', async () => {
    const { batcher, batches } = recorder(new Set(['a', 'c']), { failOnUnknown: true });
    const results = await Promise.all(['a', 'bad', 'c'].map((k) => batcher.load(k)));
    expect(results).toEqual(['A', undefined, 'C']);
    expect(batches[0]).toEqual(['a', 'bad', 'c']);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('rejects every waiter of a batch on an error it cannot split around', async () => {
    const batcher = new Batcher<string, string>({
      maxBatch: 5,
      windowMs: 1,
      fetchBatch: () => Promise.reject(new KickError({ code: 'rate_limited', message: 'slow down', retryAfterSec: 3 })),
      shouldSplit: () => false,
    });
    const results = await Promise.allSettled([batcher.load('a'), batcher.load('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
