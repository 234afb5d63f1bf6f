import { browser } from 'wxt/browser';
import { REFRESH_ALARM } from '@/lib/auth/token-manager';
import { createHandlers } from '@/lib/background/handlers';
import { speakZodInUiLanguage } from '@/lib/i18n/zod-language';
import { acceptChatWatchPorts } from '@/lib/background/chat-watch-port';
import { createBackgroundServices } from '@/lib/background/services';
import { registerHandlers } from '@/lib/messaging/extension';
import { watchSettings } from '@/lib/settings/settings';
import { restrictStorageToExtensionPages } from '@/lib/auth/storage-access';
import { privateNotePlaces } from '@/lib/notes/note-places';
import { tellKickTabs } from '@/lib/background/page-updates';

export default defineBackground(() => {
  speakZodInUiLanguage();
  // Before any note is read: where the notes may be kept depends on it (lib/notes/note-places.ts).
  const protection = restrictStorageToExtensionPages();
  const services = createBackgroundServices({
    launchAuthFlow: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
    notePlaces: () => privateNotePlaces(protection),
    onNotesChanged: () => void tellKickTabs({ notes: true }),
  });
  const handlers = createHandlers(services);
  registerHandlers(handlers);
  browser.tabs.onRemoved.addListener((tabId) => void handlers.forgetTab(tabId));
  acceptChatWatchPorts(handlers.chats);
  watchSettings(({ settings }) => {
    services.setCacheTtlMinutes(settings.cacheTtlMinutes);
    // kick.com tabs cannot watch the settings' storage: they are told.
    void tellKickTabs({ settings });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== REFRESH_ALARM) return;
    services.refreshOnSchedule().catch((error: unknown) => console.warn('[kick-user-cards] scheduled token refresh failed:', (error as Error).message));
  });
  void services.scheduleRefresh();
});
