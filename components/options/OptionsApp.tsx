import { useStore } from 'zustand';
import { messagesLang, t, textDir } from '@/lib/i18n/messages';
import type { AuthStore, Send } from '@/lib/stores/auth-store';
import type { SettingsStore } from '@/lib/stores/settings-store';
import { AboutSection } from './AboutSection';
import { AccountSection } from './AccountSection';
import { AppSection } from './AppSection';
import { CardsSection } from './CardsSection';
import { DataSection } from './DataSection';
import { ModerationSection } from './ModerationSection';
import { NotesSection } from './NotesSection';
import './options.css';

export function OptionsApp({ auth, settings, send }: { auth: AuthStore; settings: SettingsStore; send: Send }) {
  const problem = useStore(settings, (s) => s.problem);
  const savedAt = useStore(settings, (s) => s.savedAt);
  return (
    <main className="options stack" dir={textDir()} lang={messagesLang()}>
      <h1>{t('extName')}</h1>
      {problem && <p role="alert" className="card error-text" data-testid="opt-settings-problem">{problem}</p>}
      <AppSection auth={auth} />
      <AccountSection auth={auth} />
      <CardsSection settings={settings} />
      <DataSection settings={settings} send={send} />
      <ModerationSection settings={settings} auth={auth} send={send} />
      <NotesSection send={send} />
      <AboutSection />
      <p role="status" className="muted" data-testid="opt-settings-saved">{savedAt ? t('options.saved') : ''}</p>
    </main>
  );
}
