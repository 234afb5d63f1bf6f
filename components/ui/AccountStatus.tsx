import { useEffect, useState } from 'react';
import { intlLocale, t } from '@/lib/i18n/messages';
import type { AuthStatus } from '@/lib/auth/status-schema';
import { formatDuration } from '@/lib/cards/format';
import { Avatar } from './Avatar';

type Connected = Extract<AuthStatus, { state: 'connected' }>;

/** The connected user and what Kick says about the token, shared by the popup and the options page. */
export function ConnectedAccount({ status }: { status: Connected }) {
  const [showEmail, setShowEmail] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const { user, token } = status;
  const expiresIn = token.expiresAt ? token.expiresAt - now : undefined;
  return (
    <div className="stack">
      <div className="row">
        <Avatar url={user.avatarUrl} name={user.name || String(user.userId)} />
        <div>
          <div data-testid="popup-user-name" style={{ fontWeight: 700 }}>{user.name || t('account.noName')}</div>
          <div className="muted">{t('account.userId')} <span data-testid="popup-user-id">{user.userId}</span></div>
        </div>
      </div>
      {user.email && (
        <div className="row">
          <span className="muted">{t('account.email')}</span>
          {showEmail ? <span data-testid="popup-email">{user.email}</span> : <span className="muted">{t('account.hidden')}</span>}
          <button type="button" className="btn" data-testid="popup-show-email" aria-pressed={showEmail} onClick={() => setShowEmail(!showEmail)}>
            {t(showEmail ? 'account.hide' : 'account.show')}
          </button>
        </div>
      )}
      <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px', margin: 0 }}>
        <dt className="muted">{t('account.token')}</dt>
        <dd style={{ margin: 0 }}><span className={`pill ${token.active ? 'good' : 'bad'}`}>{t(token.active ? 'account.active' : 'account.inactive')}</span></dd>
        <dt className="muted">{t('account.expiresIn')}</dt>
        <dd style={{ margin: 0 }} data-testid="popup-expires">{expiresIn === undefined ? t('account.unknown') : expiresIn <= 0 ? t('account.expired') : formatDuration(expiresIn)}</dd>
        <dt className="muted">{t('account.scopes')}</dt>
        <dd style={{ margin: 0 }} data-testid="popup-scopes">{token.scopes.join(', ') || t('account.none')}</dd>
        <dt className="muted">{t('account.lastRefreshed')}</dt>
        <dd style={{ margin: 0 }}>{token.lastRefreshedAt ? new Date(token.lastRefreshedAt).toLocaleString(intlLocale()) : t('account.notYet')}</dd>
      </dl>
    </div>
  );
}

/** Which way the account is connected, in words for the popup and options. */
export function connectedVia(via: 'relay' | 'own' | undefined): string {
  return t(via === 'relay' ? 'account.viaRelay' : 'account.viaOwn');
}
