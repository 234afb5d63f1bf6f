import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { memoryArea, SessionCache } from './ttl-cache';

let now = 1_000_000;
const cache = (maxEntries = 10, maxBytes?: number) =>
  new SessionCache<{ n: number; pad?: string }>({ prefix: 'c:', ttlMs: () => 1000, staleMs: 5000, negativeTtlMs: 200, maxEntries, maxBytes, now: () => now });

beforeEach(() => {
  fakeBrowser.reset();
  now = 1_000_000;
});

describe('SessionCache', () => {
  it('is fresh within the TTL, stale within the stale window, then a miss', async () => {
    const c = cache();
    await c.set('a', { n: 1 });
    expect(await c.get('a')).toMatchObject({ state: 'fresh', value: { n: 1 } });
    now += 1500;
    expect(await c.get('a')).toMatchObject({ state: 'stale', value: { n: 1 } });
    now += 5000;
    expect(await c.get('a')).toEqual({ state: 'miss' });
  });

  it('caches not-found answers for a shorter time and never serves them stale', async () => {
    const c = cache();
    await c.set('ghost', null);
    expect(await c.get('ghost')).toMatchObject({ state: 'fresh', value: null });
    now += 300;
    expect(await c.get('ghost')).toEqual({ state: 'miss' });
  });

  it('lives in storage.session, so a new instance (a restarted worker) sees it', async () => {
    await cache().set('a', { n: 1 });
    expect(await cache().get('a')).toMatchObject({ state: 'fresh' });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('in a memory area, writes nothing to storage, is seen by no other instance, and keeps its bounds', async () => {
    const area = memoryArea();
    const c = new SessionCache<{ n: number }>({ prefix: 'c:', ttlMs: () => 1000, staleMs: 5000, negativeTtlMs: 200, maxEntries: 10, area, now: () => now });
    for (let i = 0; i < 12; i++) {
      now += 1;
      await c.set(`k${i}`, { n: i });
    }
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await cache().get('k11')).toEqual({ state: 'miss' });
    expect(await c.get('k11')).toMatchObject({ state: 'fresh', value: { n: 11 } });
    expect(await c.get('k0')).toEqual({ state: 'miss' });
    expect(await c.size()).toBeLessThanOrEqual(10);
    expect(await c.clear()).toBeGreaterThan(0);
    expect(await c.size()).toBe(0);
  });

  it('stays bounded, dropping the oldest entries', async () => {
    const c = cache(10);
    for (let i = 0; i < 25; i++) {
      now += 1;
      await c.set(`k${i}`, { n: i });
    }
    expect(await c.size()).toBeLessThanOrEqual(10);
    expect(await c.get('k24')).toMatchObject({ state: 'fresh' });
    expect(await c.get('k0')).toEqual({ state: 'miss' });
  });

  it('clears only its own entries and says how many', async () => {
    const c = cache();
    await c.set('a', { n: 1 });
    await c.set('b', null);
    await fakeBrowser.storage.session.set({ 'layout:1': { x: 1 } });
    expect(await c.clear()).toBe(2);
    expect(await c.size()).toBe(0);
    expect(await fakeBrowser.storage.session.get('layout:1')).toEqual({ 'layout:1': { x: 1 } });
  });

  it('stays bounded in bytes too', async () => {
    const c = cache(1000, 20_000);
    for (let i = 0; i < 40; i++) {
      now += 1;
      await c.set(`k${i}`, { n: i, pad: 'x'.repeat(1000) });
    }
    const stored = Object.entries(await fakeBrowser.storage.session.get(null));
    expect(stored.reduce((n, [k, v]) => n + JSON.stringify(k).length + 1 + JSON.stringify(v).length, 0)).toBeLessThanOrEqual(20_000);
    expect(stored.length).toBeLessThan(20);
    expect(await c.get('k39')).toMatchObject({ state: 'fresh' });
  });

  it('deletes expired entries instead of keeping them', async () => {
    const c = cache();
    await c.set('old', { n: 1 });
    await c.set('ghost', null);
    now += 7000;
    await c.set('new', { n: 2 });
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['c:new']);
  });

  it('gives back the fresh answer uncached when storage is full, and frees room', async () => {
    const c = cache();
    for (let i = 0; i < 8; i++) await c.set(`k${i}`, { n: i });
    const set = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
    let failures = 2;
    fakeBrowser.storage.session.set = (items: Record<string, unknown>) =>
      failures-- > 0 ? Promise.reject(new Error('QUOTA_BYTES quota exceeded')) : set(items);
    await expect(c.set('x', { n: 99 })).resolves.toBeTypeOf('number');
    expect(await c.size()).toBeLessThanOrEqual(5);
    fakeBrowser.storage.session.set = set;
  });
});
