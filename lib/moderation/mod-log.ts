import { secretStore } from '../auth/secret-store';
import { MOD_LOG_MAX, ModLogEntrySchema, type ModLogEntry } from './schema';


/**
 * In the extension origin's IndexedDB with the tokens (lib/auth/secret-store.ts), which no content script can open in
 * either browser (Firefox's storage.local it could read): nothing on kick.com learns whom the user timed out. Never
 * synced: a log of one browser's actions.
 */
const logItem = {
  getValue: () => secretStore.get('moderationLog'),
  setValue: (value: unknown) => secretStore.set('moderationLog', value),
};

/** What is stored, read entry by entry: one unreadable line is dropped, not the log. */
function parseLog(raw: unknown): ModLogEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = ModLogEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export function createModLog(item: { getValue(): Promise<unknown>; setValue(value: unknown): Promise<void> } = logItem) {
  // Writes one at a time, each on a fresh read, so two actions finishing together both stay in the log.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    /** Newest first. */
    list: async (): Promise<ModLogEntry[]> => parseLog(await item.getValue()),
    add: (entry: ModLogEntry) =>
      serial(async () => {
        const log = parseLog(await item.getValue());
        log.unshift(ModLogEntrySchema.parse(entry));
        await item.setValue(log.slice(0, MOD_LOG_MAX));
      }),
    clear: () => serial(() => item.setValue([])),
  };
}
export type ModLog = ReturnType<typeof createModLog>;
