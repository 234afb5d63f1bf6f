import { useStore } from 'zustand';
import { t, type MessageKey } from '@/lib/i18n/messages';
import type { SettingsStore } from '@/lib/stores/settings-store';
import { CardFieldSchema, SurfaceIdSchema, type Theme } from '@/lib/settings/settings';

const SURFACE_LABELS = (id: string) => t(`cards.surface.${id}` as MessageKey & `cards.surface.${string}`);
const FIELD_LABELS = (id: string) => t(`cards.field.${id}` as MessageKey & `cards.field.${string}`);

function CheckboxGroup<K extends string>(props: {
  legend: string;
  ids: readonly K[];
  labels: (id: string) => string;
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
          {props.labels(id)}
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
      <h2 id="cards-h">{t('cards.title')}</h2>
      <div className="field">
        <label htmlFor="hover-delay">{t('cards.delay')}</label>
        <input id="hover-delay" data-testid="opt-hover-delay" type="number" min={0} max={2000} step={50} defaultValue={settings.hoverDelayMs} key={settings.hoverDelayMs}
          onBlur={(e) => void update({ hoverDelayMs: Number(e.target.value) })} />
        <span className="muted">{t('cards.keyboard')}</span>
      </div>
      <div className="field">
        <label htmlFor="theme">{t('cards.theme')}</label>
        <select id="theme" data-testid="opt-theme" value={settings.theme} onChange={(e) => void update({ theme: e.target.value as Theme })}>
          <option value="auto">{t('cards.themeAuto')}</option>
          <option value="dark">{t('cards.themeDark')}</option>
          <option value="light">{t('cards.themeLight')}</option>
        </select>
      </div>
      <CheckboxGroup legend={t('cards.surfaces')} ids={SurfaceIdSchema.options} labels={SURFACE_LABELS} testId="opt-surface" values={settings.surfaces}
        onChange={(surfaces) => void update({ surfaces })} />
      <CheckboxGroup legend={t('cards.fields')} ids={CardFieldSchema.options} labels={FIELD_LABELS} testId="opt-field" values={settings.fields}
        onChange={(fields) => void update({ fields })} />
      <label className="row">
        <input type="checkbox" data-testid="opt-follow-chat" checked={settings.followChat} onChange={(e) => void update({ followChat: e.target.checked })} />
        <span>
          {t('cards.followChat')}
          <span className="muted"> {t('cards.followChatNote')}</span>
        </span>
      </label>
      {error && <p className="error-text" role="alert" data-testid="opt-settings-error">{error}</p>}
    </section>
  );
}
