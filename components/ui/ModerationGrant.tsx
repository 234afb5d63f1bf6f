import { useEffect, useState } from 'react';
import { parts, t } from '@/lib/i18n/messages';
import { moderationGrant } from '@/lib/moderation/grant';
import { loadSettings, watchSettings } from '@/lib/settings/settings';

/** The "Moderator actions" setting, kept current (the popup has no settings store of its own). */
export function useModeratorActionsSetting(): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    void loadSettings().then(({ settings }) => setOn(settings.moderatorActions));
    return watchSettings(({ settings }) => setOn(settings.moderatorActions));
  }, []);
  return on;
}

/**
 * Whether the connected token can do what "Moderator actions" needs, for the popup and the options page: which
 * moderation scopes Kick granted, and "Connect again" (a new grant that asks for them) when one is missing.
 */
export function ModerationGrantLine({ enabled, scopes, busy, onConnect }: { enabled: boolean; scopes: readonly string[]; busy: boolean; onConnect: () => void }) {
  const grant = moderationGrant(enabled, scopes);
  if (grant.state === 'off') return null;
  return (
    <div className="stack" data-testid="mod-grant" data-state={grant.state}>
      {grant.state === 'granted' ? (
        <p className="ok-text" style={{ margin: 0 }}>{t('grant.granted')}</p>
      ) : (
        <>
          <p role="status" style={{ margin: 0 }}>
            {parts(grant.missing.length < 2 ? 'grant.missingOne' : 'grant.missing', {
              scopes: <span data-testid="mod-grant-missing">{grant.missing.join(', ')}</span>,
            })}
          </p>
          <button type="button" className="btn primary" data-testid="mod-grant-connect" disabled={busy} onClick={onConnect}>
            {t('grant.connect')}
          </button>
        </>
      )}
    </div>
  );
}
