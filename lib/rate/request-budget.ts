/**
 * A token bucket: `capacity` requests at once, refilled evenly over `periodMs`. Kick publishes no
 * rate limits and says it won't (KickDevDocs #311), so the extension bounds itself: whatever a page
 * does, a tab can only cause so many requests to Kick per minute.
 */
export class RequestBudget {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly periodMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.updatedAt) * this.capacity) / this.periodMs);
    this.updatedAt = t;
  }

  /** Spends one request if there is one. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** How long until the next request may be spent. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * this.periodMs) / this.capacity);
  }
}

/** New cards (lookups that reach Kick) one tab may cause per minute; cached cards are free. */
export const TAB_LOOKUPS_PER_MINUTE = 20;
