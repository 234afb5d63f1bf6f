import { describe, expect, it } from 'vitest';
import { chooseNotesArea, DEFAULT_SYNC_QUOTAS, itemBytes, measure, syncQuotas, type Usage } from './storage-area';

const q = DEFAULT_SYNC_QUOTAS;
const usage = (bytes: number, items = 1, largestItem = Math.min(bytes, 1000)): Usage => ({ bytes, items, largestItem });
const none = usage(0, 0, 0);

describe('sync or local storage for the notes', () => {
  it('counts an item as its key plus its JSON, in UTF-8 bytes', () => {
    expect(itemBytes('note:x', { a: 'é' })).toBe('note:x'.length + '{"a":"é"}'.length + 1);
    expect(measure({ a: 1, bb: 'xyz' })).toEqual({ bytes: 1 + 1 + 2 + 5, items: 2, largestItem: 7 });
  });

  it('keeps notes in sync while they fit, and moves them to local above 90% of the byte quota', () => {
    expect(chooseNotesArea('sync', usage(50_000, 40), usage(800), q)).toBe('sync');
    expect(chooseNotesArea('sync', usage(Math.floor(q.bytes * 0.9) - 800, 80), usage(800), q)).toBe('sync');
    expect(chooseNotesArea('sync', usage(Math.floor(q.bytes * 0.9) - 799, 80), usage(800), q)).toBe('local');
  });

  it('comes back to sync only well below the limit, so one note growing and shrinking does not move everything', () => {
    expect(chooseNotesArea('local', usage(Math.floor(q.bytes * 0.8), 80), none, q)).toBe('local');
    expect(chooseNotesArea('local', usage(Math.floor(q.bytes * 0.7), 80), none, q)).toBe('sync');
  });

  it('goes local for one item over the per-item limit or too many items, whatever the total', () => {
    expect(chooseNotesArea('sync', usage(9000, 1, q.bytesPerItem + 1), none, q)).toBe('local');
    expect(chooseNotesArea('sync', usage(20_000, Math.floor(q.maxItems * 0.9) + 1, 100), none, q)).toBe('local');
    expect(chooseNotesArea('sync', usage(20_000, Math.floor(q.maxItems * 0.9) - 1, 100), usage(10, 1), q)).toBe('sync');
  });

  it('reads the quotas the browser gives, and Chrome’s published ones when it gives none', () => {
    expect(syncQuotas({})).toEqual({ bytes: 102_400, bytesPerItem: 8_192, maxItems: 512 });
    expect(syncQuotas({ QUOTA_BYTES: 1000, QUOTA_BYTES_PER_ITEM: 100, MAX_ITEMS: 5 })).toEqual({ bytes: 1000, bytesPerItem: 100, maxItems: 5 });
  });
});
