/**
 * Combines lookups that arrive within a short window into one call of up to `maxBatch` keys,
 * shares one promise per key in flight, and, when a whole batch fails in a way `shouldSplit`
 * recognises (Kick's 400 for one unknown slug), splits it so the bad key fails alone.
 */
export interface BatcherOptions<K, V> {
  fetchBatch: (keys: K[]) => Promise<Map<K, V>>;
  maxBatch: number;
  windowMs?: number;
  /** A batch error after which each half is tried on its own. */
  shouldSplit?: (error: unknown) => boolean;
  /** What a single key that still fails with a splittable error resolves to. */
  onSingleFailure?: (key: K, error: unknown) => V | undefined;
}

interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

export class Batcher<K, V> {
  private queue = new Map<K, Waiter<V>[]>();
  private inFlight = new Map<K, Promise<V | undefined>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Number of fetchBatch calls made, for tests and the benchmark. */
  calls = 0;

  constructor(private readonly options: BatcherOptions<K, V>) {}

  load(key: K): Promise<V | undefined> {
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    const promise = new Promise<V | undefined>((resolve, reject) => {
      const waiters = this.queue.get(key) ?? [];
      waiters.push({ resolve, reject });
      this.queue.set(key, waiters);
    }).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    if (this.queue.size >= this.options.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs ?? 10);
    return promise;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const entries = [...this.queue.entries()];
    this.queue.clear();
    for (let i = 0; i < entries.length; i += this.options.maxBatch) void this.run(entries.slice(i, i + this.options.maxBatch));
  }

  private async run(entries: [K, Waiter<V>[]][]): Promise<void> {
    const keys = entries.map(([key]) => key);
    try {
      this.calls++;
      const results = await this.options.fetchBatch(keys);
      for (const [key, waiters] of entries) for (const w of waiters) w.resolve(results.get(key));
    } catch (error) {
      if (this.options.shouldSplit?.(error)) {
        if (entries.length > 1) {
          const half = Math.ceil(entries.length / 2);
          await Promise.all([this.run(entries.slice(0, half)), this.run(entries.slice(half))]);
          return;
        }
        const [key, waiters] = entries[0]!;
        const onSingleFailure = this.options.onSingleFailure;
        if (onSingleFailure) {
          for (const w of waiters) w.resolve(onSingleFailure(key, error));
          return;
        }
      }
      for (const [, waiters] of entries) for (const w of waiters) w.reject(error);
    }
  }
}
