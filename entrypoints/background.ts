import { browser } from 'wxt/browser';
import { REFRESH_ALARM } from '@/lib/auth/token-manager';
import { createHandlers } from '@/lib/background/handlers';
import { acceptChatWatchPorts } from '@/lib/background/chat-watch-port';
import { createBackgroundServices } from '@/lib/background/services';
import { registerHandlers } from '@/lib/messaging/extension';
import { watchSettings } from '@/lib/settings/settings';
import { restrictLocalStorageToExtensionPages } from '@/lib/auth/storage-access';

export default defineBackground(() => {
  void restrictLocalStorageToExtensionPages();
  const services = createBackgroundServices({
    launchAuthFlow: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
  });
  const handlers = createHandlers(services);
  registerHandlers(handlers);
  browser.tabs.onRemoved.addListener((tabId) => void handlers.forgetTab(tabId));
  acceptChatWatchPorts(handlers.chats);
  watchSettings(({ settings }) => services.setCacheTtlMinutes(settings.cacheTtlMinutes));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== REFRESH_ALARM) return;
    services.refreshOnSchedule().catch((error: unknown) => console.warn('[kick-user-cards] scheduled token refresh failed:', (error as Error).message));
  });
  void services.scheduleRefresh();
});
