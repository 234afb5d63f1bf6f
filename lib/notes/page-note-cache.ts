import { LruMap } from '../cache/lru';

/**
 * The notes a kick.com tab has already asked the background for, so opening the same user's card again costs no
 * message and no second render (issue #12's cached open). Any change to the stored notes, from this tab, another one
 * or the options page, empties it: the next card asks again. The tab cannot watch the notes' storage (it is the
 * extension's alone, issue #25 item 8): the background tells it (lib/page/stored-changes.ts), and the card UI calls
 * forgetPageNotes. Bounded like the page's card cache.
 */
export function createPageNoteCache<T>(limit = 200, watch: (onChange: () => void) => void = watchNotes) {
  const known = new LruMap<string, T>(limit);
  let watching = false;
  return {
    has: (key: string) => known.has(key),
    // A read is not a use: the least recently set goes first.
    get: (key: string) => known.peek(key),
    set(key: string, value: T): void {
      if (!watching) {
        watching = true;
        watch(() => known.clear());
      }
      known.set(key, value);
    },
  };
}

const forgetters = new Set<() => void>();
function watchNotes(onChange: () => void): void {
  forgetters.add(onChange);
}

/** Some note changed: every cache of this script forgets what it was told. */
export function forgetPageNotes(): void {
  for (const forget of forgetters) forget();
}
