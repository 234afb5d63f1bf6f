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

function CheckboxGroup<K extends string>(props: {
  legend: string;
  ids: readonly K[];
  labels: Record<string, string>;
  testId: string;
  values: Record<K, boolean>;
  onChange: (values: Record<K, boolean>) => void;
}) {
  return (
    <fieldset className="stack">
      <legend>{props.legend}</legend>
      {props.ids.map((id) => (
        <label key={id} className="row">
          <input type="checkbox" data-testid={`${props.testId}-${id}`} checked={props.values[id]}
            onChange={(e) => props.onChange({ ...props.values, [id]: e.target.checked })} />
          {props.labels[id]}
        </label>
      ))}
    </fieldset>
  );
}

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
      <CheckboxGroup legend="Show cards on" ids={SurfaceIdSchema.options} labels={SURFACE_LABELS} testId="opt-surface" values={settings.surfaces}
        onChange={(surfaces) => void update({ surfaces })} />
      <CheckboxGroup legend="Show on the card" ids={CardFieldSchema.options} labels={FIELD_LABELS} testId="opt-field" values={settings.fields}
        onChange={(fields) => void update({ fields })} />
      <label className="row">
        <input type="checkbox" data-testid="opt-follow-chat" checked={settings.followChat} onChange={(e) => void update({ followChat: e.target.checked })} />
        <span>
          Their messages on the card: follow the chat of the channel a tab shows, on Kick’s chat socket
          <span className="muted"> (run by Pusher for Kick; it is told only which public chat, and can tell the extension is in use)</span>
        </span>
      </label>
      {error && <p className="error-text" role="alert" data-testid="opt-settings-error">{error}</p>}
    </section>
  );
}
