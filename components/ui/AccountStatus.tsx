import { useEffect, useState } from 'react';
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
          <div data-testid="popup-user-name" style={{ fontWeight: 700 }}>{user.name || '(no name on Kick)'}</div>
          <div className="muted">User id <span data-testid="popup-user-id">{user.userId}</span></div>
        </div>
      </div>
      {user.email && (
        <div className="row">
          <span className="muted">Email</span>
          {showEmail ? <span data-testid="popup-email">{user.email}</span> : <span className="muted">hidden</span>}
          <button type="button" className="btn" data-testid="popup-show-email" aria-pressed={showEmail} onClick={() => setShowEmail(!showEmail)}>
            {showEmail ? 'Hide' : 'Show'}
          </button>
        </div>
      )}
      <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px', margin: 0 }}>
        <dt className="muted">Token</dt>
        <dd style={{ margin: 0 }}><span className={`pill ${token.active ? 'good' : 'bad'}`}>{token.active ? 'Active' : 'Inactive'}</span></dd>
        <dt className="muted">Expires in</dt>
        <dd style={{ margin: 0 }} data-testid="popup-expires">{expiresIn === undefined ? 'unknown' : expiresIn <= 0 ? 'expired' : formatDuration(expiresIn)}</dd>
        <dt className="muted">Scopes</dt>
        <dd style={{ margin: 0 }} data-testid="popup-scopes">{token.scopes.join(', ') || 'none'}</dd>
        <dt className="muted">Last refreshed</dt>
        <dd style={{ margin: 0 }}>{token.lastRefreshedAt ? new Date(token.lastRefreshedAt).toLocaleString() : 'not yet'}</dd>
      </dl>
    </div>
  );
}

/** Which way the account is connected, in words for the popup and options. */
export function connectedVia(via: 'relay' | 'own' | undefined): string {
  return via === 'relay' ? 'Connected with Kick through this extension’s sign-in service.' : 'Connected through your own Kick app.';
}
