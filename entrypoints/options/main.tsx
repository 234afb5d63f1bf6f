import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import '@/components/ui/theme.css';
import { OptionsApp } from '@/components/options/OptionsApp';
import { t } from '@/lib/i18n/messages';
import { send } from '@/lib/messaging/extension';
import { AUTH_STORAGE_KEYS, createAuthStore } from '@/lib/stores/auth-store';
import { createSettingsStore } from '@/lib/stores/settings-store';

// index.html's <title> is the English one, for the moment before this runs.
document.title = t('options.pageTitle');
const auth = createAuthStore(send);
const settings = createSettingsStore();
void auth.getState().load({ live: true });
void settings.getState().load();
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && Object.keys(changes).some((k) => AUTH_STORAGE_KEYS.includes(k))) void auth.getState().load();
});

createRoot(document.getElementById('root')!).render(<OptionsApp auth={auth} settings={settings} send={send} />);
