import { browser, type Browser } from 'wxt/browser';
import type { ChatFeeds } from '../chat-feed/chat-feeds';
import { CHAT_WATCH_PORT } from '../messaging/port-names';
import { RecentMessagesBodySchema, WatchChatSchema, type AskRecent } from '../messaging/protocol';

type Port = Browser.runtime.Port;

/**
 * Which chat each kick.com page shows, for as long as it shows it: a page names its chat on a port (lib/page/chat-watch.ts)
 * and the port's end is the page's end (reload, another site, a closed or discarded tab), so the background follows a
 * chat exactly as long as a page shows it, whatever the browser says about the tab. Each message is checked with zod
 * and answered on the port with where the tab's record stands.
 */
export function acceptChatWatchPorts(feeds: ChatFeeds, onConnect: (listener: (port: Port) => void) => void = (l) => browser.runtime.onConnect.addListener(l)): void {
  // The port that speaks for each tab now: a page that replaced another in the tab may connect before the old one's end is heard.
  const current = new Map<number, Port>();
  feeds.onRecentWanted((tabId, ask) => current.get(tabId)?.postMessage(ask satisfies AskRecent));
  onConnect((port) => {
    const tabId = port.sender?.tab?.id;
    // Only a content script in a tab's top frame names a chat (frames and extension pages have none).
    if (port.name !== CHAT_WATCH_PORT || tabId === undefined || (port.sender?.frameId ?? 0) !== 0) return;
    current.set(tabId, port);
    port.onMessage.addListener((message: unknown) => {
      if (current.get(tabId) !== port) return;
      // Kick's recent messages, asked for above: taken into the record, with no answer.
      const recent = RecentMessagesBodySchema.safeParse(message);
      if (recent.success) {
        const { data } = recent;
        return void feeds.recent(tabId, data.ask, 'recent' in data ? { body: data.recent } : { failed: data.recentFailed });
      }
      const parsed = WatchChatSchema.safeParse(message);
      if (!parsed.success) return;
      const { channel, reason, resumed, realtime } = parsed.data;
      port.postMessage(feeds.watch(tabId, channel, { reason, resumed, realtime, private: port.sender?.tab?.incognito === true }));
    });
    port.onDisconnect.addListener(() => {
      if (current.get(tabId) !== port) return;
      current.delete(tabId);
      feeds.leave(tabId);
    });
  });
}
