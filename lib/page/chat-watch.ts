import { channelSlugFromPath, getBody, kickPath, reasonOf } from '../kick-web/web-reads';
import type { ChatRecordAnswer } from '../messaging/protocol';
import type { SendToBackground } from '../messaging/send';

/**
 * The page's side of the chat record (issue #13), at no cost per chat message (issue #12): it tells the background
 * which chat the tab shows, by kick.com's answer about the channel (which names its chatroom, read same-origin like
 * the other kick.com reads), once per channel; the background follows that chat on Kick's socket
 * (lib/chat-feed/chat-feeds.ts). A card asks for one user's part when it opens.
 */
export interface ChatWatch {
  /** Whether this page shows a channel's chat (the card keeps room for the list while it asks). */
  onChannel(): boolean;
  /** This tab's record of their messages here. */
  record(username: string): Promise<ChatRecordAnswer>;
  stop(): void;
}

/** A channel whose answer could not be read is asked for again at a card's open, but not more often than this. */
export const CHANNEL_RETRY_MS = 60_000;

export function startChatWatch(ask: SendToBackground, opts: { now?: () => number; read?: (path: string) => Promise<string | undefined> } = {}): ChatWatch {
  const now = opts.now ?? Date.now;
  const read = opts.read ?? ((path: string) => getBody(path));
  let slug: string | undefined;
  /** The channel's answer as read (sent again when the background forgot the tab), or why it could not be read. */
  let channel: Promise<{ body: string } | { reason: string; at: number }> | undefined;
  let stopped = false;

  const watch = (force = false) => {
    const next = channelSlugFromPath(location.pathname);
    if (!force && next === slug && channel) return channel;
    slug = next;
    if (!slug) {
      channel = undefined;
      void ask('watchChat', {}).catch(() => undefined);
      return undefined;
    }
    const path = kickPath('api', 'v2', 'channels', slug);
    const reading = read(path).then(
      (body): { body: string } | { reason: string; at: number } => (body === undefined ? { reason: 'kick.com knows no such channel', at: now() } : { body }),
      (error: unknown) => ({ reason: `kick.com did not say which chat this is (${reasonOf(error)})`, at: now() }),
    );
    channel = reading;
    void reading.then((got) => {
      if (!stopped && channel === reading && 'body' in got) void ask('watchChat', { channel: got.body }).catch(() => undefined);
    });
    return reading;
  };
  void watch();
  const timer = setInterval(() => {
    // Kick changes channels without loading a page: the address says when (checked like the layout watch, not per message).
    if (channelSlugFromPath(location.pathname) !== slug) void watch();
  }, 1000);

  return {
    onChannel: () => channelSlugFromPath(location.pathname) !== undefined,
    async record(username) {
      let reading = watch();
      if (!reading) return { status: 'off' };
      let got = await reading;
      if ('reason' in got) {
        if (now() - got.at < CHANNEL_RETRY_MS) return { status: 'failed', reason: got.reason };
        reading = watch(true)!;
        got = await reading;
        if ('reason' in got) return { status: 'failed', reason: got.reason };
      }
      const answer = await ask('chatRecord', { username });
      if (answer.status !== 'off') return answer;
      // The background forgot the tab (its worker restarted, or it saw the tab load): tell it again.
      await ask('watchChat', { channel: got.body });
      return ask('chatRecord', { username });
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
