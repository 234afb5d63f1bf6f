import { useStore } from 'zustand';
import type { SettingsStore } from '@/lib/stores/settings-store';
import { CardFieldSchema, SurfaceIdSchema, type Theme } from '@/lib/settings/settings';

const SURFACE_LABELS: Record<string, string> = {
  chat: 'Chat usernames', mention: '@mentions in messages', reply: 'Reply headers', pinned: 'Pinned message',
  channelHeader: 'Channel page header', sidebar: 'Sidebar channels', link: 'Other links to channels',
};
const FIELD_LABELS: Record<string, string> = {
  banner: 'Banner', bio: 'Bio', live: 'Live status', followers: 'Followers', channelCreated: 'Channel creation date',
  relation: 'Follow age and subscription in this channel', badges: 'Badges and roles', socials: 'Social links',
};

export function CardsSection({ settings: store }: { settings: SettingsStore }) {
  const settings = useStore(store, (s) => s.settings);
  const error = useStore(store, (s) => s.error);
  const { update } = store.getState();
  return (
    <section className="card stack" aria-labelledby="cards-h">
      <h2 id="cards-h">Cards</h2>
      <div className="field">
        <label htmlFor="hover-delay">Hover delay before a card opens (ms)</label>
        <input id="hover-delay" data-testid="opt-hover-delay" type="number" min={0} max={2000} step={50} defaultValue={settings.hoverDelayMs} key={settings.hoverDelayMs}
          onBlur={(e) => void update({ hoverDelayMs: Number(e.target.value) })} />
        <span className="muted">Keyboard: focus a name and press Alt+↓ to open its card; Esc closes it.</span>
      </div>
      <div className="field">
        <label htmlFor="theme">Theme</label>
        <select id="theme" data-testid="opt-theme" value={settings.theme} onChange={(e) => void update({ theme: e.target.value as Theme })}>
          <option value="auto">Follow kick.com</option>
          <option value="dark">Dark</option>
          <option value="light">Light</option>
        </select>
      </div>
      <fieldset className="stack">
        <legend>Show cards on</legend>
        {SurfaceIdSchema.options.map((id) => (
          <label key={id} className="row">
            <input type="checkbox" data-testid={`opt-surface-${id}`} checked={settings.surfaces[id]}
              onChange={(e) => void update({ surfaces: { ...settings.surfaces, [id]: e.target.checked } })} />
            {SURFACE_LABELS[id]}
          </label>
        ))}
      </fieldset>
      <fieldset className="stack">
        <legend>Show on the card</legend>
        {CardFieldSchema.options.map((id) => (
          <label key={id} className="row">
            <input type="checkbox" data-testid={`opt-field-${id}`} checked={settings.fields[id]}
              onChange={(e) => void update({ fields: { ...settings.fields, [id]: e.target.checked } })} />
            {FIELD_LABELS[id]}
          </label>
        ))}
      </fieldset>
      {error && <p className="error-text" role="alert" data-testid="opt-settings-error">{error}</p>}
    </section>
  );
}
