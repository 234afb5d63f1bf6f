import { useEffect, useState } from 'react';
import { intlLocale, parts, t } from '@/lib/i18n/messages';
import { useStore } from 'zustand';
import { AppConfigSchema, DEFAULT_SCOPES, getRedirectUri, KICK_SCOPES, loadAppConfig, saveAppConfig } from '@/lib/settings/app-config';
import { BUILD_RELAY, loadConnectionMode, saveConnectionMode, type ConnectionMode, type RelayConfig } from '@/lib/settings/relay-config';
import type { AuthStore } from '@/lib/stores/auth-store';

type Errors = Partial<Record<'clientId' | 'clientSecret' | 'scopes', string>>;

/**
 * How this browser signs in. A build with a relay connects with one click ("Connect with Kick") and
 * keeps the user's own app as an advanced choice; a build without one needs the user's own app.
 */
export function AppSection({ auth, relay = BUILD_RELAY }: { auth: AuthStore; relay?: RelayConfig | null }) {
  const [mode, setMode] = useState<ConnectionMode | null>(relay ? null : 'own');
  const [switching, setSwitching] = useState(false);
  const status = useStore(auth, (s) => s.status);

  useEffect(() => {
    if (relay) void loadConnectionMode(relay).then(setMode);
  }, [relay]);

  if (!relay) return <OwnAppSection />;

  // The account's tokens belong to the app that issued them: switching signs out first, so they are revoked, not orphaned.
  const choose = async (own: boolean) => {
    setSwitching(true);
    try {
      if (status?.state === 'connected' || status?.state === 'reconnect_needed' || status?.state === 'error') await auth.getState().disconnect();
      const next: ConnectionMode = own ? 'own' : 'relay';
      await saveConnectionMode(next);
      setMode(next);
    } finally {
      setSwitching(false);
    }
  };

  return (
    <>
      <section className="card stack" aria-labelledby="signin-h" data-testid="opt-signin" data-mode={mode ?? 'loading'}>
        <h2 id="signin-h">{t('app.signIn')}</h2>
        {mode === 'relay' && (
          <p data-testid="opt-relay-info">
            {parts('app.relayInfo', { connect: <strong>{t('account.connectRelay')}</strong>, host: <code>{new URL(relay.url).host}</code> })}
          </p>
        )}
        <label className="row">
          <input type="checkbox" data-testid="opt-use-own-app" checked={mode === 'own'} disabled={mode === null || switching}
            onChange={(e) => void choose(e.target.checked)} />
          <span>{t(status?.state === 'connected' ? 'app.useOwnDisconnects' : 'app.useOwn')}</span>
        </label>
      </section>
      {mode === 'own' && <OwnAppSection />}
    </>
  );
}

/** The user's own Kick app: credentials, the redirect URI to register, and the scopes to ask for. */
function OwnAppSection() {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [scopes, setScopes] = useState<string[]>(DEFAULT_SCOPES);
  const [reveal, setReveal] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const redirectUri = getRedirectUri();

  useEffect(() => {
    void loadAppConfig().then((app) => {
      if (!app) return;
      setClientId(app.clientId);
      setClientSecret(app.clientSecret);
      setScopes(app.scopes);
    });
  }, []);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const parsed = AppConfigSchema.safeParse({ clientId, clientSecret, scopes });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Errors;
        next[key] ??= key === 'scopes' ? t('app.chooseScope') : issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    await saveAppConfig(parsed.data);
    setSaved(t('app.savedAt', { time: new Date().toLocaleTimeString(intlLocale()) }));
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(redirectUri);
      setCopied(t('app.copied'));
    } catch {
      setCopied(t('app.copyFailed'));
    }
  };

  return (
    <section className="card stack" aria-labelledby="app-h">
      <h2 id="app-h">{t('app.title')}</h2>
      <p className="muted">
        {parts('app.intro', { link: <a href="https://kick.com/settings/developer" target="_blank" rel="noopener noreferrer">{t('app.devSettings')}</a> })}
      </p>
      <div className="stack">
        <span>{t('app.redirect')}</span>
        <div className="row">
          <code data-testid="opt-redirect-uri" style={{ userSelect: 'all', wordBreak: 'break-all' }}>{redirectUri}</code>
          <button type="button" className="btn" data-testid="opt-copy-redirect" onClick={() => void copy()}>{t('app.copy')}</button>
          <span role="status" className="ok-text">{copied}</span>
        </div>
      </div>
      <form className="stack" onSubmit={(e) => void save(e)} noValidate>
        <div className="field">
          <label htmlFor="client-id">{t('app.clientId')}</label>
          <input id="client-id" data-testid="opt-client-id" value={clientId} autoComplete="off" spellCheck={false}
            aria-invalid={Boolean(errors.clientId)} aria-describedby={errors.clientId ? 'client-id-err' : undefined}
            onChange={(e) => setClientId(e.target.value)} />
          {errors.clientId && <span id="client-id-err" className="error-text" role="alert">{errors.clientId}</span>}
        </div>
        <div className="field">
          <label htmlFor="client-secret">{t('app.clientSecret')}</label>
          <div className="row">
            <input id="client-secret" data-testid="opt-client-secret" type={reveal ? 'text' : 'password'} value={clientSecret} autoComplete="off" spellCheck={false}
              aria-invalid={Boolean(errors.clientSecret)} aria-describedby={errors.clientSecret ? 'client-secret-err' : undefined}
              onChange={(e) => setClientSecret(e.target.value)} />
            <button type="button" className="btn" data-testid="opt-secret-toggle" aria-pressed={reveal} onClick={() => setReveal(!reveal)}>
              {t(reveal ? 'account.hide' : 'account.show')}
            </button>
          </div>
          {errors.clientSecret && <span id="client-secret-err" className="error-text" role="alert">{errors.clientSecret}</span>}
        </div>
        <fieldset className="stack">
          <legend>{t('app.scopes')}</legend>
          {KICK_SCOPES.map((scope) => (
            <label key={scope.id} className="row">
              <input type="checkbox" data-testid={`opt-scope-${scope.id}`} checked={scope.required || scopes.includes(scope.id)} disabled={scope.required}
                onChange={(e) => setScopes(e.target.checked ? [...scopes, scope.id] : scopes.filter((s) => s !== scope.id))} />
              <span><code>{scope.id}</code> <span className="muted">{t(`app.unlocks.${scope.id.replace(':', '_') as 'user_read' | 'channel_read'}`)}</span></span>
            </label>
          ))}
          {errors.scopes && <span className="error-text" role="alert">{errors.scopes}</span>}
        </fieldset>
        <div className="row">
          <button type="submit" className="btn primary" data-testid="opt-save">{t('common.save')}</button>
          <span role="status" className="ok-text" data-testid="opt-saved">{saved}</span>
        </div>
      </form>
    </section>
  );
}
