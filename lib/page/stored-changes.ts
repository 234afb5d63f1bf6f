import type { SendToBackground } from '../messaging/send';
import { tabMessenger } from '../messaging/send';
import type { Settings } from '../settings/settings';
import { DEFAULT_SETTINGS, parseSettings } from '../settings/settings-page';

/**
 * The tab's settings, asked of the background: the storage that holds them is the extension's alone
 * (lib/auth/storage-access.ts, issue #25 item 8). The defaults when it cannot answer, so the cards still work.
 */
export function askSettings(send: SendToBackground): Promise<Settings> {
  return send('getPageSettings', {}).then(
    ({ settings }) => parseSettings(settings).settings,
    () => DEFAULT_SETTINGS,
  );
}

/** Hears what the background says changed (lib/background/page-updates.ts): new settings, or that a note changed. */
export function listenStoredChanges(on: { settings: (settings: Settings) => void; notes: () => void }): () => void {
  return tabMessenger.onMessage('storedChanged', ({ data }) => {
    if (data.settings) on.settings(parseSettings(data.settings).settings);
    if (data.notes) on.notes();
    return { ok: true as const };
  });
}
