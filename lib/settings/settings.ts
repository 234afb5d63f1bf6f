import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, parseSettings, type LoadedSettings } from './settings-page';

// The settings in one place for the extension's own pages and the background: the schemas (./settings-schema.ts) and
// the checks (./settings-page.ts, zod-free for the content script) sit below this file, which adds the storage item.
export {
  CardFieldSchema, SettingsSchema, SurfaceIdSchema, ThemeSchema, type CardField, type Settings, type SurfaceId, type Theme,
} from './settings-schema';
export { DEFAULT_SETTINGS, parseSettings, type LoadedSettings };

/**
 * In `sync`, so they follow the user's browser profile. The background restricts `sync` to the extension's own pages
 * where the browser allows it (notes may be there too): the content script asks the background for them
 * (`getPageSettings`) and is told when they change.
 */
export const settingsItem = storage.defineItem<unknown>('sync:settings', {
  version: 1,
  fallback: DEFAULT_SETTINGS,
});

export async function loadSettings(): Promise<LoadedSettings> {
  return parseSettings(await settingsItem.getValue());
}

export function watchSettings(onChange: (loaded: LoadedSettings) => void): () => void {
  return settingsItem.watch((value) => onChange(parseSettings(value)));
}
