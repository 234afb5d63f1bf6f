import { browser } from 'wxt/browser';

/**
 * A small cache in `storage.session`, so a restarted service worker and every tab share it while
 * the browser runs, and nothing outlives the session. Entries are fresh for `ttlMs`, then served
 * stale (and revalidated by the caller) for `staleMs` more; "not found" answers are cached too,
 * for `negativeTtlMs`. The oldest entries go when there are more than `maxEntries`.
 */
export interface CacheEntry<V> {
  value: V | null;
  storedAt: number;
}

export interface CacheOptions {
  prefix: string;
  ttlMs: () => number;
  staleMs: number;
  negativeTtlMs: number;
  maxEntries: number;
  now?: () => number;
}

export type CacheHit<V> =
  | { state: 'fresh'; value: V | null; storedAt: number }
  | { state: 'stale'; value: V | null; storedAt: number }
  | { state: 'miss' };

export class SessionCache<V> {
  private readonly now: () => number;
  constructor(private readonly options: CacheOptions) {
    this.now = options.now ?? Date.now;
  }

  private storageKey(key: string) {
    return `${this.options.prefix}${key}`;
  }

  async get(key: string): Promise<CacheHit<V>> {
    const k = this.storageKey(key);
    const entry = (await browser.storage.session.get(k))[k] as CacheEntry<V> | undefined;
    if (!entry || typeof entry.storedAt !== 'number') return { state: 'miss' };
    const age = this.now() - entry.storedAt;
    const ttl = entry.value === null ? this.options.negativeTtlMs : this.options.ttlMs();
    if (age < ttl) return { state: 'fresh', value: entry.value, storedAt: entry.storedAt };
    if (entry.value !== null && age < ttl + this.options.staleMs) return { state: 'stale', value: entry.value, storedAt: entry.storedAt };
    return { state: 'miss' };
  }

  /** `null` records "not found". */
  async set(key: string, value: V | null): Promise<number> {
    const storedAt = this.now();
    await browser.storage.session.set({ [this.storageKey(key)]: { value, storedAt } satisfies CacheEntry<V> });
    await this.evict();
    return storedAt;
  }

  private async entries(): Promise<[string, CacheEntry<V>][]> {
    const all = await browser.storage.session.get(null);
    return Object.entries(all).filter(([k]) => k.startsWith(this.options.prefix)) as [string, CacheEntry<V>][];
  }

  private async evict(): Promise<void> {
    const entries = await this.entries();
    if (entries.length <= this.options.maxEntries) return;
    entries.sort((a, b) => a[1].storedAt - b[1].storedAt);
    // Drop a tenth at once so eviction does not run on every single write.
    const excess = entries.length - this.options.maxEntries + Math.ceil(this.options.maxEntries / 10);
    await browser.storage.session.remove(entries.slice(0, excess).map(([k]) => k));
  }

  async size(): Promise<number> {
    return (await this.entries()).length;
  }

  /** Removes every entry and says how many there were. */
  async clear(): Promise<number> {
    const keys = (await this.entries()).map(([k]) => k);
    if (keys.length) await browser.storage.session.remove(keys);
    return keys.length;
  }
}
