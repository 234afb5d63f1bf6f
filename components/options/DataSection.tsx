import { useState } from 'react';
import { useStore } from 'zustand';
import type { Send } from '@/lib/stores/auth-store';
import type { SettingsStore } from '@/lib/stores/settings-store';

export function DataSection({ settings: store, send }: { settings: SettingsStore; send: Send }) {
  const ttl = useStore(store, (s) => s.settings.cacheTtlMinutes);
  const [cleared, setCleared] = useState<string | null>(null);
  const clear = async () => {
    try {
      const { cleared: n } = await send('clearCache', {});
      setCleared(`Cleared ${n} card${n === 1 ? '' : 's'}.`);
    } catch (error) {
      setCleared(`Could not clear the cache: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <section className="card stack" aria-labelledby="data-h">
      <h2 id="data-h">Data</h2>
      <div className="field">
        <label htmlFor="cache-ttl">Keep cards fresh for (minutes)</label>
        <input id="cache-ttl" data-testid="opt-cache-ttl" type="number" min={1} max={1440} defaultValue={ttl} key={ttl}
          onBlur={(e) => void store.getState().update({ cacheTtlMinutes: Number(e.target.value) })} />
      </div>
      <div className="row">
        <button type="button" className="btn" data-testid="opt-clear-cache" onClick={() => void clear()}>Clear cache</button>
        <span role="status" data-testid="opt-cleared">{cleared}</span>
      </div>
    </section>
  );
}
