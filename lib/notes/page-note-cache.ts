import { browser } from 'wxt/browser';
import { LruMap } from '../cache/lru';
import { touchesNotes } from './storage-keys';

/**
 * The notes a kick.com tab has already asked the background for, so opening the same user's card again costs no
 * message and no second render (issue #12's cached open). Any change to the stored notes, from this tab, another one
 * or the options page, empties it: the next card asks again. Bounded like the page's card cache.
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

function watchNotes(onChange: () => void): void {
  browser.storage.onChanged.addListener((changes) => {
    if (touchesNotes(Object.keys(changes))) onChange();
  });
}
