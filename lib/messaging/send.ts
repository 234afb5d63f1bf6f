import { defineExtensionMessaging } from '@webext-core/messaging';
import { KickError } from '../kick/kick-error';
import type { MessageInput, MessageName, MessageOutput, ProtocolMap, TabProtocolMap } from './protocol';
import { t } from '@/lib/i18n/messages';

/** The one messenger of every context; zod-free, so the content script can use it without the schemas (issue #12). */
export const messenger = defineExtensionMessaging<ProtocolMap>();
/** The background's questions to one tab's content script (tabProtocol in ./protocol.ts). */
export const tabMessenger = defineExtensionMessaging<TabProtocolMap>();

const DEFAULT_TIMEOUT_MS = 20_000;
/** Connecting waits for the user in Kick's authorize window. */
const TIMEOUTS: Partial<Record<MessageName, number>> = {
  connect: 10 * 60_000,
  // Injecting the card's UI takes milliseconds; a lost answer is tried again at the next hover (lib/page/card-ui-loader.ts).
  loadCardUi: 5_000,
};

/**
 * Sends a message and waits for the background's answer. Never hangs: a background that does not answer
 * (killed, updating) rejects after a timeout with a readable error.
 *
 * The content script uses this as is: `registerHandlers` parses every answer with the protocol's schema before it
 * leaves the background, and only this extension can answer `runtime.sendMessage`, so a second parse on the page
 * would only cost zod's weight on every kick.com page. Extension pages use `send` (./extension.ts), which parses again.
 */
export type SendToBackground = typeof sendToBackground;

export async function sendToBackground<K extends MessageName>(name: K, data: MessageInput<K>): Promise<MessageOutput<K>> {
  const timeoutMs = TIMEOUTS[name] ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new KickError({ code: 'timeout', message: t('kickWeb.backgroundSilent', { name }) })),
      timeoutMs,
    );
  });
  try {
    const sending = (messenger.sendMessage as (n: K, d: MessageInput<K>) => Promise<MessageOutput<K>>)(name, data);
    return await Promise.race([sending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
