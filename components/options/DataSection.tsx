import { useState } from 'react';
import { plural, t } from '@/lib/i18n/messages';
import { useStore } from 'zustand';
import type { Send } from '@/lib/stores/auth-store';
import type { SettingsStore } from '@/lib/stores/settings-store';

export function DataSection({ settings: store, send }: { settings: SettingsStore; send: Send }) {
  const ttl = useStore(store, (s) => s.settings.cacheTtlMinutes);
  const [cleared, setCleared] = useState<string | null>(null);
  const clear = async () => {
    try {
      const { cleared: n } = await send('clearCache', {});
      setCleared(plural('data.cleared', n));
    } catch (error) {
      setCleared(t('data.clearFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };
  return (
    <section className="card stack" aria-labelledby="data-h">
      <h2 id="data-h">{t('data.title')}</h2>
      <div className="field">
        <label htmlFor="cache-ttl">{t('data.ttl')}</label>
        <input id="cache-ttl" data-testid="opt-cache-ttl" type="number" min={1} max={1440} defaultValue={ttl} key={ttl}
          onBlur={(e) => void store.getState().update({ cacheTtlMinutes: Number(e.target.value) })} />
      </div>
      <div className="row">
        <button type="button" className="btn" data-testid="opt-clear-cache" onClick={() => void clear()}>{t('data.clear')}</button>
        <span role="status" data-testid="opt-cleared">{cleared}</span>
      </div>
    </section>
  );
}
