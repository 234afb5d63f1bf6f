/** The browser's idle scheduling, as far as this needs it (a fake in unit tests). */
export interface IdleScheduler {
  request(run: () => void, timeoutMs: number): number;
  cancel(handle: number): void;
}

/** The browser's requestIdleCallback: `run` in the page's idle time, `timeout` ms after at the latest. */
export const browserIdle: IdleScheduler = {
  request: (run, timeout) => requestIdleCallback(run, { timeout }),
  cancel: (handle) => cancelIdleCallback(handle),
};

export interface Deferred<T> {
  /** What `start` returned: started here and now if the idle time has not come yet. */
  now(): T;
  /** Whether it has started. */
  readonly started: boolean;
  /** Never starts it, if it has not started yet. */
  cancel(): void;
}

/**
 * Starts what no card needs before the first reach for a name in the page's first idle period, or `timeoutMs` after at
 * the latest, or at the first of the `wakeOn` events (a pointer or a key reaching the page), so the content script's
 * start-up holds the page's thread for next to nothing (issue #27); `now()` starts it at once.
 */
export function startWhenIdle<T>(
  start: () => T,
  opts: {
    timeoutMs?: number;
    idle?: IdleScheduler;
    /**
     * Events that start it first, heard in their capture at `target` (the window): listeners `start` adds to the
     * document then hear that same event, since the document comes after the window in its path (DOM: each target's
     * listeners are read when the event reaches it).
     */
    wakeOn?: readonly string[];
    target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  } = {},
): Deferred<T> {
  const idle = opts.idle ?? browserIdle;
  const target = opts.target ?? globalThis;
  const wakeOn = opts.wakeOn ?? [];
  let result: { value: T } | undefined;
  let cancelled = false;
  const handle = idle.request(() => void (cancelled || result || run()), opts.timeoutMs ?? 2000);
  const wake = () => void (result || run());
  const unlisten = () => {
    for (const type of wakeOn) target.removeEventListener(type, wake, { capture: true });
  };
  for (const type of wakeOn) target.addEventListener(type, wake, { capture: true, passive: true });
  const run = (): T => {
    idle.cancel(handle);
    unlisten();
    result = { value: start() };
    return result.value;
  };
  return {
    now: () => (result ? result.value : run()),
    get started() {
      return result !== undefined;
    },
    cancel() {
      cancelled = true;
      idle.cancel(handle);
      unlisten();
    },
  };
}
