import { useEffect, useState } from 'react';
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
            ? `kick.com layout recognised: ${info.layout.namesSeen} names on this page.`
            : 'kick.com layout not recognised on this page: cards may not open. Kick may have changed its site.'}
        </div>
      )}
      {info.webFailures && (
        <div data-testid="popup-web-failures" data-count={info.webFailures.count}>
          {info.webFailures.count} read{info.webFailures.count === 1 ? '' : 's'} from kick.com failed on this tab, so cards lack some
          details (last: {info.webFailures.last.part === 'channel' ? 'channel details' : 'standing in this channel'}, {info.webFailures.last.reason}).
        </div>
      )}
      <div data-testid="popup-cached">{info.cachedCards} card{info.cachedCards === 1 ? '' : 's'} cached</div>
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
        <button type="button" className="btn" onClick={() => void load()}>Retry</button>
      </>
    );
  } else if (!status) {
    body = <p className="muted"><span className="spinner" /> Checking your Kick account…</p>;
  } else if (status.state === 'not_configured') {
    body = (
      <>
        <p>Add your Kick app in the options to connect an account. Cards still show what kick.com itself shows.</p>
        <button type="button" className="btn primary" data-testid="popup-open-options" onClick={openOptions}>Open options</button>
      </>
    );
  } else if (status.state === 'disconnected') {
    body = (
      <>
        <p>No Kick account connected.{status.appToken && status.via !== 'relay' ? ' Cards use your app’s token for public data.' : ''}</p>
        {status.appError && (
          <p className="error-text" role="alert" data-testid="popup-app-error">
            {status.appError} <button type="button" className="btn" onClick={openOptions}>Open options</button>
          </p>
        )}
        <button type="button" className="btn primary" data-testid="popup-connect" disabled={busy !== null} onClick={() => void connect()}>
          {status.via === 'relay' ? 'Connect with Kick' : 'Connect Kick account'}
        </button>
      </>
    );
  } else if (status.state === 'connecting') {
    body = <p aria-live="polite"><span className="spinner" /> Waiting for Kick: approve the sign-in in the window Kick opened.</p>;
  } else if (status.state === 'connected') {
    body = (
      <>
        <ConnectedAccount status={status} />
        <p className="muted" data-testid="popup-via" data-via={status.via ?? 'own'}>{connectedVia(status.via)}</p>
        <SiteAccountLine user={status.user} send={send} />
        <ModerationGrantLine enabled={moderatorActions} scopes={status.token.scopes} busy={busy !== null} onConnect={() => void connect()} />
        <div className="row">
          <button type="button" className="btn" data-testid="popup-refresh" disabled={busy !== null} onClick={() => void refreshNow()}>
            {busy === 'refresh' ? 'Refreshing…' : 'Refresh now'}
          </button>
          <button type="button" className="btn danger" data-testid="popup-disconnect" disabled={busy !== null} onClick={() => void disconnect()}>Disconnect</button>
        </div>
      </>
    );
  } else if (status.state === 'reconnect_needed') {
    body = (
      <>
        <p role="alert"><strong>Reconnect needed.</strong> <span data-testid="popup-reason">{status.reason}</span></p>
        <button type="button" className="btn primary" data-testid="popup-reconnect" disabled={busy !== null} onClick={() => void connect()}>Reconnect</button>
      </>
    );
  } else {
    body = (
      <>
        <p className="error-text" role="alert" data-testid="popup-error">{status.message}</p>
        <button type="button" className="btn" onClick={() => void load({ live: true })}>Retry</button>
      </>
    );
  }

  return (
    <main className="stack" style={{ width: 360, padding: 14 }} data-testid="popup-state" data-state={state}>
      <header className="row" style={{ justifyContent: 'space-between' }}>
        <h1 style={{ fontSize: 16 }}>Kick User Cards</h1>
        <button type="button" className="btn" onClick={openOptions} aria-label="Options">⚙</button>
      </header>
      {body}
      {actionError && <p className="error-text" role="alert" data-testid="popup-action-error">{actionError.message}</p>}
      <TabStatus send={send} />
    </main>
  );
}
