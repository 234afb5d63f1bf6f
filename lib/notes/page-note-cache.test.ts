import { describe, expect, it } from 'vitest';
import { createPageNoteCache, forgetPageNotes } from './page-note-cache';

describe('the notes a kick.com tab remembers', () => {
  it('forgets them all when the background says a note changed', () => {
    const cache = createPageNoteCache<string | null>();
    cache.set('id:1', 'likes speedruns');
    cache.set('id:2', null);
    expect(cache.get('id:1')).toBe('likes speedruns');
    expect(cache.has('id:2')).toBe(true);
    forgetPageNotes();
    expect(cache.has('id:1')).toBe(false);
    expect(cache.has('id:2')).toBe(false);
    cache.set('id:1', 'again');
    forgetPageNotes();
    expect(cache.has('id:1')).toBe(false);
  });

  it('holds at most its limit, the least recently set going first', () => {
    const cache = createPageNoteCache<number>(2, () => undefined);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
  });
});
