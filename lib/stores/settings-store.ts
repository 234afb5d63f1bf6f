import { createStore } from 'zustand/vanilla';
import { DEFAULT_SETTINGS, loadSettings, settingsItem, SettingsSchema, watchSettings, type Settings } from '../settings/settings';

export interface SettingsState {
  settings: Settings;
  problem: string | null;
  loaded: boolean;
  savedAt: number | null;
  error: string | null;
  load: () => Promise<void>;
  update: (patch: Partial<Settings>) => Promise<void>;
}

/** Settings apply as soon as they change (like the browser's own settings pages) and are validated first. */
export function createSettingsStore() {
  const store = createStore<SettingsState>((set, get) => ({
    settings: DEFAULT_SETTINGS,
    problem: null,
    loaded: false,
    savedAt: null,
    error: null,
    async load() {
      const { settings, problem } = await loadSettings();
      set({ settings, problem: problem ?? null, loaded: true });
    },
    async update(patch) {
      const next = SettingsSchema.safeParse({ ...get().settings, ...patch });
      if (!next.success) {
        set({ error: next.error.issues[0]?.message ?? 'Invalid value.' });
        return;
      }
      set({ settings: next.data, error: null });
      await settingsItem.setValue(next.data);
      set({ savedAt: Date.now(), problem: null });
    },
  }));
  watchSettings(({ settings, problem }) => store.setState({ settings, problem: problem ?? null }));
  return store;
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
