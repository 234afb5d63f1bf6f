import { useEffect, useState } from 'react';
import { messagesLang, plural, t, textDir } from '@/lib/i18n/messages';
import { useStore } from 'zustand';
import { browser } from 'wxt/browser';
import { ConnectedAccount, connectedVia } from '@/components/ui/AccountStatus';
import { ModerationGrantLine, useModeratorActionsSetting } from '@/components/ui/ModerationGrant';
import { SiteAccountLine } from './SiteAccountLine';
import { popupTabId } from './tab';
import type { AuthStore } from '@/lib/stores/auth-store';
import type { Send } from '@/lib/stores/auth-store';
import type { MessageOutput } from '@/lib/messaging/protocol';

type TabInfo = MessageOutput<'getTabInfo'>;

function TabStatus({ send }: { send: Send }) {
  const [info, setInfo] = useState<TabInfo | null>(null);
  useEffect(() => {
    void popupTabId()
      .then((id) => (id === undefined ? null : send('getTabInfo', { tabId: id })))
      .then(setInfo)
      .catch(() => setInfo(null));
  }, [send]);
  if (!info) return null;
  return (
    <section className="stack muted" style={{ borderTop: '1px solid var(--border)', paddingTop: 10, fontSize: 13 }}>
      {info.layout && (
        <div data-testid="popup-layout">
          {info.layout.recognised
            ? plural('popup.layoutOk', info.layout.namesSeen)
            : t('popup.layoutUnknown')}
        </div>
      )}
      {info.webFailures && (
        <div data-testid="popup-web-failures" data-count={info.webFailures.count}>
          {plural('popup.webFailures', info.webFailures.count, {
            part: t(info.webFailures.last.part === 'channel' ? 'popup.partChannel' : 'popup.partStanding'),
            reason: info.webFailures.last.reason,
          })}
        </div>
      )}
      <div data-testid="popup-cached">{plural('popup.cached', info.cachedCards)}</div>
    </section>
  );
}

export function PopupApp({ auth, send }: { auth: AuthStore; send: Send }) {
  const status = useStore(auth, (s) => s.status);
  const moderatorActions = useModeratorActionsSetting();
  const busy = useStore(auth, (s) => s.busy);
  const actionError = useStore(auth, (s) => s.actionError);
  const loadError = useStore(auth, (s) => s.loadError);
  const { connect, disconnect, refreshNow, load } = auth.getState();
  const openOptions = () => void browser.runtime.openOptionsPage();

  let body: React.ReactNode;
  const state = loadError ? 'error' : (status?.state ?? 'loading');
  if (loadError) {
    body = (
      <>
        <p className="error-text" role="alert" data-testid="popup-error">{loadError}</p>
        <button type="button" className="btn" onClick={() => void load()}>{t('common.retry')}</button>
      </>
    );
  } else if (!status) {
    body = <p className="muted"><span className="spinner" /> {t('popup.checking')}</p>;
  } else if (status.state === 'not_configured') {
    body = (
      <>
        <p>{t('popup.notConfigured')}</p>
        <button type="button" className="btn primary" data-testid="popup-open-options" onClick={openOptions}>{t('common.openOptions')}</button>
      </>
    );
  } else if (status.state === 'disconnected') {
    body = (
      <>
        <p>{t('popup.noAccount')}{status.appToken && status.via !== 'relay' ? ` ${t('popup.appToken')}` : ''}</p>
        {status.appError && (
          <p className="error-text" role="alert" data-testid="popup-app-error">
            {status.appError} <button type="button" className="btn" onClick={openOptions}>{t('common.openOptions')}</button>
          </p>
        )}
        <button type="button" className="btn primary" data-testid="popup-connect" disabled={busy !== null} onClick={() => void connect()}>
          {t(status.via === 'relay' ? 'account.connectRelay' : 'account.connect')}
        </button>
      </>
    );
  } else if (status.state === 'connecting') {
    body = <p aria-live="polite"><span className="spinner" /> {t('account.waiting')}</p>;
  } else if (status.state === 'connected') {
    body = (
      <>
        <ConnectedAccount status={status} />
        <p className="muted" data-testid="popup-via" data-via={status.via ?? 'own'}>{connectedVia(status.via)}</p>
        <SiteAccountLine user={status.user} send={send} />
        <ModerationGrantLine enabled={moderatorActions} scopes={status.token.scopes} busy={busy !== null} onConnect={() => void connect()} />
        <div className="row">
          <button type="button" className="btn" data-testid="popup-refresh" disabled={busy !== null} onClick={() => void refreshNow()}>
            {t(busy === 'refresh' ? 'account.refreshing' : 'account.refresh')}
          </button>
          <button type="button" className="btn danger" data-testid="popup-disconnect" disabled={busy !== null} onClick={() => void disconnect()}>{t('account.disconnect')}</button>
        </div>
      </>
    );
  } else if (status.state === 'reconnect_needed') {
    body = (
      <>
        <p role="alert"><strong>{t('account.reconnectNeeded')}</strong> <span data-testid="popup-reason">{status.reason}</span></p>
        <button type="button" className="btn primary" data-testid="popup-reconnect" disabled={busy !== null} onClick={() => void connect()}>{t('account.reconnect')}</button>
      </>
    );
  } else {
    body = (
      <>
        <p className="error-text" role="alert" data-testid="popup-error">{status.message}</p>
        <button type="button" className="btn" onClick={() => void load({ live: true })}>{t('common.retry')}</button>
      </>
    );
  }

  return (
    <main className="stack" dir={textDir()} lang={messagesLang()} style={{ width: 360, padding: 14 }} data-testid="popup-state" data-state={state}>
      <header className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ fontSize: 16 }}>{t('extName')}</h1>
        <button type="button" className="btn" onClick={openOptions} aria-label={t('popup.options')}>⚙</button>
      </header>
      {body}
      {actionError && <p className="error-text" role="alert" data-testid="popup-action-error">{actionError.message}</p>}
      <TabStatus send={send} />
    </main>
  );
}
