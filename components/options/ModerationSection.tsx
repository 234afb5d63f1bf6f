import { useCallback, useEffect, useState } from 'react';
import { intlLocale, parts, t } from '@/lib/i18n/messages';
import { useStore } from 'zustand';
import { browser } from 'wxt/browser';
import { ModerationGrantLine } from '@/components/ui/ModerationGrant';
import { SECRETS_REVISION_KEY } from '@/lib/auth/secret-store';
import { longDuration } from '@/lib/moderation/durations';
import type { ModLogEntry } from '@/lib/moderation/schema';
import type { AuthStore, Send } from '@/lib/stores/auth-store';
import type { SettingsStore } from '@/lib/stores/settings-store';

function actionText(entry: ModLogEntry): string {
  const a = entry.action;
  const what = a.kind === 'timeout' ? t('modOptions.timeout', { length: longDuration(a.minutes) }) : t(a.kind === 'ban' ? 'mod.ban' : a.kind === 'unban' ? 'mod.unban' : 'modOptions.delete');
  return entry.undo ? `${what} (Undo)` : what;
}

/**
 * "Moderator actions" (lib/moderation/): the switch, what Kick granted for it, and the log of what was done from the
 * extension (the newest 200, kept in this browser only).
 */
export function ModerationSection({ settings: store, auth, send }: { settings: SettingsStore; auth: AuthStore; send: Send }) {
  const on = useStore(store, (s) => s.settings.moderatorActions);
  const status = useStore(auth, (s) => s.status);
  const busy = useStore(auth, (s) => s.busy);
  const [log, setLog] = useState<ModLogEntry[] | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => {
    send('listModLog', {}).then(({ entries }) => setLog(entries), (e: Error) => setError(t('modOptions.readFailed', { reason: e.message })));
  }, [send]);
  useEffect(() => {
    load();
    // Each action the background logs bumps the secret store's revision (lib/auth/secret-store.ts).
    const onChanged = (changes: Record<string, unknown>, area: string) => area === 'local' && SECRETS_REVISION_KEY in changes && load();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [load]);
  const clear = () => send('clearModLog', {}).then(() => setLog([]), (e: Error) => setError(t('modOptions.clearFailed', { reason: e.message })));

  return (
    <section className="card stack" aria-labelledby="mod-h" data-testid="opt-moderation">
      <h2 id="mod-h">{t('mod.label')}</h2>
      <label className="row">
        <input type="checkbox" data-testid="opt-moderator-actions" checked={on} onChange={(e) => void store.getState().update({ moderatorActions: e.target.checked })} />
        <span>{t('modOptions.toggle')}</span>
      </label>
      <p className="muted">
        {parts('modOptions.about', { ban: <code>moderation:ban</code>, manage: <code>moderation:chat_message:manage</code>, api: <code>api.kick.com</code> })}
      </p>
      {on && status?.state === 'connected' && (
        <ModerationGrantLine enabled={on} scopes={status.token.scopes} busy={busy !== null} onConnect={() => void auth.getState().connect()} />
      )}
      {on && status && status.state !== 'connected' && <p className="muted" data-testid="opt-mod-connect-first">{t('modOptions.connectFirst')}</p>}
      <h3>{t('modOptions.log')}</h3>
      {error && <p className="error-text" role="alert">{error}</p>}
      {log && log.length === 0 && <p className="muted" data-testid="opt-mod-log-empty">{t('modOptions.empty')}</p>}
      {log && log.length > 0 && (
        <>
          <div style={{ maxHeight: 320, overflow: 'auto' }}>
            <table className="mod-log" data-testid="opt-mod-log">
              <thead>
                <tr><th>{t('modOptions.time')}</th><th>{t('modOptions.channel')}</th><th>{t('modOptions.user')}</th><th>{t('modOptions.action')}</th><th>{t('mod.reason')}</th><th>{t('modOptions.answer')}</th></tr>
              </thead>
              <tbody>
                {log.map((entry, i) => (
                  <tr key={`${entry.at}-${i}`} data-testid="opt-mod-log-row">
                    <td>{new Date(entry.at).toLocaleString(intlLocale())}</td>
                    <td><bdi>{entry.channel}</bdi></td>
                    <td><bdi>{entry.username}</bdi></td>
                    <td>{actionText(entry)}</td>
                    <td dir="auto">{entry.reason ?? ''}</td>
                    <td className={entry.outcome === 'ok' ? 'ok-text' : 'error-text'}>{entry.outcome === 'ok' ? t('modOptions.done') : entry.outcome.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <button type="button" className="btn" data-testid="opt-mod-log-clear" onClick={() => void clear()}>{t('modOptions.clear')}</button>
          </div>
        </>
      )}
    </section>
  );
}
