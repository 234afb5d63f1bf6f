import { browser } from 'wxt/browser';
import { touchesNotes } from './storage-keys';

/**
 * The notes a kick.com tab has already asked the background for, so opening the same user's card again costs no
 * message and no second render (issue #12's cached open). Any change to the stored notes, from this tab, another one
 * or the options page, empties it: the next card asks again. Bounded like the page's card cache.
 */
export function createPageNoteCache<T>(limit = 200, watch: (onChange: () => void) => void = watchNotes) {
  const known = new Map<string, T>();
  let watching = false;
  return {
    has: (key: string) => known.has(key),
    get: (key: string) => known.get(key),
    set(key: string, value: T): void {
      if (!watching) {
        watching = true;
        watch(() => known.clear());
      }
      known.delete(key);
      known.set(key, value);
      if (known.size > limit) known.delete(known.keys().next().value!);
    },
  };
}

function watchNotes(onChange: () => void): void {
  browser.storage.onChanged.addListener((changes) => {
    if (touchesNotes(Object.keys(changes))) onChange();
  });
}
