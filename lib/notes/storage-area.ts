/**
 * Sync storage or local storage for the notes: sync when they fit its quota (so they follow the user's browser
 * profile), local otherwise. Pure, so the decision is tested without a browser (the fake one enforces no quota).
 */

export type NotesArea = 'sync' | 'local';

export interface SyncQuotas {
  /** All of storage.sync, keys included. */
  bytes: number;
  bytesPerItem: number;
  maxItems: number;
}

/**
 * Chrome's published storage.sync limits (developer.chrome.com/docs/extensions/reference/api/storage, "sync"),
 * which Firefox also enforces since 79 (MDN, storage.sync); used when the browser does not expose the constants.
 */
export const DEFAULT_SYNC_QUOTAS: SyncQuotas = { bytes: 102_400, bytesPerItem: 8_192, maxItems: 512 };

export function syncQuotas(sync: { QUOTA_BYTES?: number; QUOTA_BYTES_PER_ITEM?: number; MAX_ITEMS?: number }): SyncQuotas {
  const pick = (value: number | undefined, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback);
  return {
    bytes: pick(sync.QUOTA_BYTES, DEFAULT_SYNC_QUOTAS.bytes),
    bytesPerItem: pick(sync.QUOTA_BYTES_PER_ITEM, DEFAULT_SYNC_QUOTAS.bytesPerItem),
    maxItems: pick(sync.MAX_ITEMS, DEFAULT_SYNC_QUOTAS.maxItems),
  };
}

const encoder = new TextEncoder();

/** What one item costs in storage.sync: its key plus its value's JSON, in UTF-8 bytes (how Chrome counts the quota). */
export const itemBytes = (key: string, value: unknown): number => encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;

/**
 * The most the notes may take together, in bytes as browsers count their storage (itemBytes). Chrome's storage.local,
 * where they go once sync cannot hold them, has a quota of 10 MB (QUOTA_BYTES 10,485,760, developer.chrome.com/docs/
 * extensions/reference/api/storage, "local"), shared with the extension's other items: the notes get 8 MB of it, and
 * the same bound holds wherever they are kept, so an import is refused in words before a browser refuses it in its own.
 */
export const NOTES_MAX_BYTES = 8 * 1024 * 1024;

export interface Usage {
  bytes: number;
  items: number;
  largestItem: number;
}

export function measure(items: Record<string, unknown>): Usage {
  let bytes = 0;
  let largestItem = 0;
  for (const [key, value] of Object.entries(items)) {
    const size = itemBytes(key, value);
    bytes += size;
    largestItem = Math.max(largestItem, size);
  }
  return { bytes, items: Object.keys(items).length, largestItem };
}

/**
 * The notes leave sync above 90% of its byte quota, and come back only below 70%: the rest is room for the settings
 * beside them, and the gap stops a note that grows and shrinks around one line from moving everything each time.
 */
export const LEAVE_SYNC_AT = 0.9;
export const BACK_TO_SYNC_AT = 0.7;

/**
 * Where the notes belong, given their own usage (`notes`), what else is in storage.sync (`others`, the settings) and
 * where they are now. Any item over the per-item limit, or too many items, means local.
 */
export function chooseNotesArea(current: NotesArea, notes: Usage, others: Usage, quotas: SyncQuotas): NotesArea {
  const share = current === 'sync' ? LEAVE_SYNC_AT : BACK_TO_SYNC_AT;
  const fits =
    notes.largestItem <= quotas.bytesPerItem &&
    notes.items + others.items <= Math.floor(quotas.maxItems * share) &&
    notes.bytes + others.bytes <= Math.floor(quotas.bytes * share);
  return fits ? 'sync' : 'local';
}
