import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { KickError } from '../kick/errors';
import { protocol, type MessageInput, type MessageName, type MessageOutput } from './protocol';
import { messenger, sendToBackground } from './send';

export interface SenderInfo {
  id?: string;
  url?: string;
  /**
   * The tab's URL as the browser reports it (the extension's host permission covers kick.com); `incognito`: the tab is in
   * a private window (Chrome and Firefox both say so on a content script's sender).
   */
  tab?: { id?: number; url?: string; incognito?: boolean };
  frameId?: number;
}

/** True when the message comes from one of this extension's own pages (popup, options), not a content script. */
export function isExtensionPage(sender: SenderInfo, extensionId = browser.runtime.id, baseUrl = extensionBaseUrl()): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(baseUrl);
}

function extensionBaseUrl(): string {
  return (browser.runtime.getURL as (path: string) => string)('/');
}

type Handler<K extends MessageName> = (
  data: z.output<(typeof protocol)[K]['input']>,
  sender: SenderInfo,
) => Promise<MessageOutput<K>> | MessageOutput<K>;
export type Handlers = { [K in MessageName]: Handler<K> };

function rejection(name: string, why: string): KickError {
  return new KickError({ code: 'rejected', message: `Message "${name}" rejected: ${why}` });
}

/**
 * Registers every handler of the protocol. Input is parsed with its schema before the handler
 * sees it, the sender is checked against the message's `from`, and the answer is parsed on the
 * way out too, so a handler bug surfaces as a clear error instead of a malformed reply.
 */
export function registerHandlers(
  handlers: Handlers,
  { isTrustedSender = (sender: SenderInfo) => isExtensionPage(sender) }: { isTrustedSender?: (sender: SenderInfo) => boolean } = {},
): () => void {
  const removers = (Object.keys(protocol) as MessageName[]).map((name) =>
    messenger.onMessage(name, async ({ data, sender }) => {
      const spec = protocol[name];
      if (spec.from === 'extension' && !isTrustedSender(sender)) throw rejection(name, 'only the extension pages may send it');
      const parsed = spec.input.safeParse(data ?? {});
      if (!parsed.success) throw rejection(name, parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; '));
      const handler = handlers[name] as (d: unknown, s: SenderInfo) => unknown;
      const answer = await handler(parsed.data, sender);
      return spec.output.parse(answer);
    }),
  );
  return () => removers.forEach((remove) => remove());
}

/** Sends a message (see sendToBackground: never hangs) and checks the answer with the protocol's schema, for the extension's own pages. */
export async function send<K extends MessageName>(name: K, data: MessageInput<K>): Promise<MessageOutput<K>> {
  return protocol[name].output.parse(await sendToBackground(name, data)) as MessageOutput<K>;
}

export function removeAllHandlers(): void {
  messenger.removeAllListeners();
}
