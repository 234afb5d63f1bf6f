import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import '@/components/ui/theme.css';
import { PopupApp } from '@/components/popup/PopupApp';
import { send } from '@/lib/messaging/extension';
import { AUTH_STORAGE_KEYS, createAuthStore } from '@/lib/stores/auth-store';

const auth = createAuthStore(send);
void auth.getState().load({ live: true });
// A change made by the background or the options page shows here without reopening.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && Object.keys(changes).some((k) => AUTH_STORAGE_KEYS.includes(k))) void auth.getState().load();
});

createRoot(document.getElementById('root')!).render(<PopupApp auth={auth} send={send} />);
