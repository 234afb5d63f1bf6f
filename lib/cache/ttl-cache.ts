import { browser } from 'wxt/browser';

/**
 * A small cache in `storage.session`, so a restarted service worker and every tab share it while
 * the browser runs, and nothing outlives the session (or, given `area: memoryArea()`, in the worker's memory only:
 * private windows' cards, which must never reach storage). Entries are fresh for `ttlMs`, then served
 * stale (and revalidated by the caller) for `staleMs` more; "not found" answers are cached too,
 * for `negativeTtlMs`. Expired entries are deleted, and the oldest go when there are more than
 * `maxEntries` or they take more than `maxBytes`.
 */
export interface CacheEntry<V> {
  value: V | null;
  storedAt: number;
}

/** The part of a `storage` area the cache uses; `memoryArea()` plays it in memory. */
export interface CacheArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** An area that lives and dies with the worker: nothing written to it reaches the browser's storage. */
export function memoryArea(): CacheArea {
  const items = new Map<string, unknown>();
  return {
    get: (key) => Promise.resolve(Object.fromEntries(key === null ? items : items.has(key) ? [[key, items.get(key)]] : [])),
    set: (entries) => {
      for (const [k, v] of Object.entries(entries)) items.set(k, v);
      return Promise.resolve();
    },
    remove: (keys) => {
      for (const k of keys) items.delete(k);
      return Promise.resolve();
    },
  };
}

export interface CacheOptions {
  prefix: string;
  /** Where entries live; `storage.session` unless given. */
  area?: CacheArea;
  ttlMs: () => number;
  staleMs: number;
  negativeTtlMs: number;
  maxEntries: number;
  /** Bound on the entries' size as JSON: storage.session is shared (10 MB in Chrome) and a full one fails every write. */
  maxBytes?: number;
  now?: () => number;
}

const DEFAULT_MAX_BYTES = 2_000_000;

export type CacheHit<V> =
  | { state: 'fresh'; value: V | null; storedAt: number }
  | { state: 'stale'; value: V | null; storedAt: number }
  | { state: 'miss' };

export class SessionCache<V> {
  private readonly now: () => number;
  constructor(private readonly options: CacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Read at each use: the browser's area object, not one taken before a test replaced it. */
  private get area(): CacheArea {
    return this.options.area ?? browser.storage.session;
  }

  private storageKey(key: string) {
    return `${this.options.prefix}${key}`;
  }

  async get(key: string): Promise<CacheHit<V>> {
    const k = this.storageKey(key);
    const entry = (await this.area.get(k))[k] as CacheEntry<V> | undefined;
    if (!entry || typeof entry.storedAt !== 'number') return { state: 'miss' };
    const age = this.now() - entry.storedAt;
    const ttl = entry.value === null ? this.options.negativeTtlMs : this.options.ttlMs();
    if (age < ttl) return { state: 'fresh', value: entry.value, storedAt: entry.storedAt };
    if (entry.value !== null && age < ttl + this.options.staleMs) return { state: 'stale', value: entry.value, storedAt: entry.storedAt };
    return { state: 'miss' };
  }

  /**
   * `null` records "not found". A write that fails (storage full) evicts and tries once more, then
   * gives up quietly: the caller still has its fresh answer, only uncached.
   */
  async set(key: string, value: V | null): Promise<number> {
    const storedAt = this.now();
    const item = { [this.storageKey(key)]: { value, storedAt } satisfies CacheEntry<V> };
    try {
      await this.area.set(item);
    } catch {
      await this.evict(0.5).catch(() => undefined);
      await this.area.set(item).catch(() => undefined);
      return storedAt;
    }
    await this.evict().catch(() => undefined);
    return storedAt;
  }

  private async entries(): Promise<[string, CacheEntry<V>][]> {
    const all = await this.area.get(null);
    return Object.entries(all).filter(([k]) => k.startsWith(this.options.prefix)) as [string, CacheEntry<V>][];
  }

  private expired(entry: CacheEntry<V>): boolean {
    const age = this.now() - entry.storedAt;
    return entry.value === null ? age >= this.options.negativeTtlMs : age >= this.options.ttlMs() + this.options.staleMs;
  }

  /**
   * Deletes expired entries, then the oldest until both bounds hold, with a tenth to spare so
   * eviction does not run on every write. `shrinkTo` (a fraction) frees more after a failed write.
   */
  private async evict(shrinkTo = 1): Promise<void> {
    const entries = await this.entries();
    const expired = entries.filter(([, e]) => typeof e?.storedAt !== 'number' || this.expired(e)).map(([k]) => k);
    const live = entries.filter(([k]) => !expired.includes(k)).sort((a, b) => a[1].storedAt - b[1].storedAt);
    const maxEntries = Math.floor(this.options.maxEntries * shrinkTo);
    const maxBytes = Math.floor((this.options.maxBytes ?? DEFAULT_MAX_BYTES) * shrinkTo);
    // Each entry as it stands in storage's JSON: `"key":value`.
    const sizes = live.map(([k, e]) => JSON.stringify(k).length + 1 + JSON.stringify(e).length);
    let bytes = sizes.reduce((a, b) => a + b, 0);
    let drop = 0;
    if (live.length > maxEntries || bytes > maxBytes) {
      const spareEntries = maxEntries - Math.ceil(maxEntries / 10);
      const spareBytes = maxBytes - Math.ceil(maxBytes / 10);
      while (drop < live.length && (live.length - drop > spareEntries || bytes > spareBytes)) bytes -= sizes[drop++]!;
    }
    const remove = [...expired, ...live.slice(0, drop).map(([k]) => k)];
    if (remove.length) await this.area.remove(remove);
  }

  async size(): Promise<number> {
    return (await this.entries()).length;
  }

  /** Removes every entry and says how many there were. */
  async clear(): Promise<number> {
    const keys = (await this.entries()).map(([k]) => k);
    if (keys.length) await this.area.remove(keys);
    return keys.length;
  }
}
