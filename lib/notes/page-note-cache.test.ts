import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createPageNoteCache } from './page-note-cache';

describe('the notes a kick.com tab remembers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('forgets them all when a note changes anywhere, or the area they live in', async () => {
    const cache = createPageNoteCache<string | null>();
    cache.set('id:1', 'likes speedruns');
    cache.set('id:2', null);
    await fakeBrowser.storage.sync.set({ settings: { theme: 'dark' } });
    expect(cache.get('id:1')).toBe('likes speedruns');
    expect(cache.has('id:2')).toBe(true);
    await fakeBrowser.storage.sync.set({ 'note:id:3': { note: 'x' } });
    expect(cache.has('id:1')).toBe(false);
    expect(cache.has('id:2')).toBe(false);
    cache.set('id:1', 'again');
    await fakeBrowser.storage.local.set({ notesArea: 'local' });
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
