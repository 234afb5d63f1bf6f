import { useEffect, useState } from 'react';
import { parts } from '@/lib/i18n/messages';
import type { ConnectedUser } from '@/lib/auth/status-schema';
import { otherSiteAccount, type SiteAccount } from '@/lib/kick-web/site-account';
import type { Send } from '@/lib/stores/auth-store';
import { popupTabId } from './tab';

/**
 * "Connected as X; kick.com is signed in as Y" when the account the extension uses is not the one signed in on the
 * kick.com tab (issue #13). Nothing when they match, when nobody is signed in there, or when it cannot be told.
 */
export function SiteAccountLine({ user, send }: { user: ConnectedUser; send: Send }) {
  const [site, setSite] = useState<SiteAccount>();
  useEffect(() => {
    let live = true;
    void popupTabId()
      .then((tabId) => (tabId === undefined ? undefined : send('getSiteAccount', { tabId })))
      .then((answer) => live && setSite(answer), () => undefined);
    return () => void (live = false);
  }, [send]);
  const other = otherSiteAccount({ userId: user.userId, name: user.name }, site);
  if (!other) return null;
  return (
    <p role="note" data-testid="popup-site-account" style={{ margin: 0, padding: '6px 8px', borderRadius: 6, background: 'var(--surface)' }}>
      {parts('popup.siteAccount', { me: <strong><bdi>{user.name || String(user.userId)}</bdi></strong>, other: <strong><bdi>{other}</bdi></strong> })}
    </p>
  );
}
