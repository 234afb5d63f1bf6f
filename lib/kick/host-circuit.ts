import { KickError, type KickErrorInfo } from './errors';
import { t } from '@/lib/i18n/messages';

/** After a 5xx, timeout or network failure, wait this long before asking that host again, doubling up to the cap. */
const FAILURE_BACKOFF_MS = 5_000;
const FAILURE_BACKOFF_CAP_MS = 60_000;

interface Block {
  until: number;
  error: KickErrorInfo;
  failures: number;
}

/**
 * Remembers, per Kick host, that it asked us to wait: a 429 with Retry-After blocks the host until
 * then, and a 5xx, timeout or network failure blocks it briefly (growing with each failure in a
 * row). While blocked, calls are answered from memory with the same error and no request is sent,
 * so hovers and Retry clicks cannot hammer Kick (the first version sent 5 requests for 5 hovers
 * inside a `Retry-After: 60` window). Kept in the service worker's memory: a restarted worker
 * forgets, and at worst asks once more.
 */
export class HostCircuit {
  private blocks = new Map<string, Block>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Throws the remembered error while `host` is blocked. */
  check(host: string): void {
    const block = this.blocks.get(host);
    if (!block || this.now() >= block.until) return;
    const waitSec = Math.max(1, Math.ceil((block.until - this.now()) / 1000));
    const error = block.error;
    throw new KickError(
      error.code === 'rate_limited'
        ? { ...error, retryAfterSec: waitSec, message: t('error.rateLimited', { s: waitSec }) }
        : { ...error, retryAfterSec: waitSec, message: `${error.message} Trying Kick again in ${waitSec} s.` },
    );
  }

  /** Records how a request to `host` ended. */
  record(host: string, error?: KickErrorInfo): void {
    if (!error) {
      this.blocks.delete(host);
      return;
    }
    const previous = this.blocks.get(host);
    if (error.code === 'rate_limited') {
      this.blocks.set(host, { until: this.now() + (error.retryAfterSec ?? 30) * 1000, error, failures: previous?.failures ?? 0 });
    } else if (error.code === 'server' || error.code === 'timeout' || error.code === 'network') {
      const failures = (previous?.failures ?? 0) + 1;
      const wait = Math.min(FAILURE_BACKOFF_CAP_MS, FAILURE_BACKOFF_MS * 2 ** (failures - 1));
      this.blocks.set(host, { until: this.now() + wait, error, failures });
    }
  }
}
