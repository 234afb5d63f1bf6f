import { useStore } from 'zustand';
import { t } from '@/lib/i18n/messages';
import { ConnectedAccount, connectedVia } from '@/components/ui/AccountStatus';
import type { AuthStore } from '@/lib/stores/auth-store';

export function AccountSection({ auth }: { auth: AuthStore }) {
  const status = useStore(auth, (s) => s.status);
  const busy = useStore(auth, (s) => s.busy);
  const actionError = useStore(auth, (s) => s.actionError);
  const loadError = useStore(auth, (s) => s.loadError);
  const { connect, disconnect } = auth.getState();
  return (
    <section className="card stack" aria-labelledby="account-h" data-testid="opt-account" data-state={status?.state ?? 'loading'}>
      <h2 id="account-h">{t('options.account')}</h2>
      {loadError && <p className="error-text" role="alert">{loadError}</p>}
      {status?.state === 'not_configured' && <p className="muted">{t('options.saveAppFirst')}</p>}
      {status?.state === 'connecting' && <p><span className="spinner" /> {t('options.waiting')}</p>}
      {status?.state === 'connected' && <ConnectedAccount status={status} />}
      {status?.state === 'connected' && <p className="muted" data-testid="opt-connected-via">{connectedVia(status.via)}</p>}
      {status?.state === 'reconnect_needed' && <p role="alert">{t('options.reconnectNeeded', { reason: status.reason })}</p>}
      {status?.state === 'error' && <p className="error-text" role="alert">{status.message}</p>}
      {status?.state === 'disconnected' && <p className="muted">{t('options.noAccount')}</p>}
      {status?.state === 'disconnected' && status.appError && <p className="error-text" role="alert" data-testid="opt-app-error">{status.appError}</p>}
      <div className="row">
        {status && status.state !== 'connected' && status.state !== 'not_configured' && (
          <button type="button" className="btn primary" data-testid="opt-connect" disabled={busy !== null || status.state === 'connecting'} onClick={() => void connect()}>
            {t(status.state === 'reconnect_needed' ? 'account.reconnect' : status.via === 'relay' ? 'account.connectRelay' : 'account.connect')}
          </button>
        )}
        {status?.state === 'connected' && (
          <button type="button" className="btn danger" data-testid="opt-disconnect" disabled={busy !== null} onClick={() => void disconnect()}>{t('account.disconnect')}</button>
        )}
      </div>
      {actionError && <p className="error-text" role="alert" data-testid="opt-action-error">{actionError.message}</p>}
    </section>
  );
}
