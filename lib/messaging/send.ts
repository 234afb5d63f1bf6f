import { KickError } from '../kick/kick-error';
import type { MessageInput, MessageName, MessageOutput } from './protocol';

/**
 * The sending half of @webext-core/messaging 4's wire format (`{ id, type, data, timestamp }` out, `{ res }` or
 * `{ err }` back), written out so the content script carries 300 bytes instead of the library and its error
 * serialiser (issue #12). The background still receives with the library (registerHandlers); the round trip is
 * tested against it in extension.test.ts, and the library's version is pinned.
 */
let nextId = Math.floor(Math.random() * 1e4);

interface Reply {
  res?: unknown;
  err?: { message?: string; name?: string };
}

function post(type: string, data: unknown): Promise<unknown> {
  const message = { id: nextId++, type, data, timestamp: Date.now() };
  return new Promise((resolve, reject) =>
    chrome.runtime.sendMessage(message, (reply?: Reply) => {
      if (chrome.runtime.lastError) return reject(new Error(chrome.runtime.lastError.message));
      if (reply == null) return reject(new Error('No response'));
      if (reply.err != null) return reject(Object.assign(new Error(reply.err.message), { name: reply.err.name ?? 'Error' }));
      resolve(reply.res);
    }),
  );
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** Connecting waits for the user in Kick's authorize window. */
const TIMEOUTS: Partial<Record<MessageName, number>> = { connect: 10 * 60_000 };

/**
 * Sends a message and waits for the background's answer. Never hangs: a background that does not answer
 * (killed, updating) rejects after a timeout with a readable error.
 *
 * The content script uses this as is: `registerHandlers` parses every answer with the protocol's schema before it
 * leaves the background, and only this extension can answer `runtime.sendMessage`, so a second parse on the page
 * would only cost zod's weight on every kick.com page. Extension pages use `send` (./extension.ts), which parses again.
 */
export async function sendToBackground<K extends MessageName>(name: K, data: MessageInput<K>): Promise<MessageOutput<K>> {
  const timeoutMs = TIMEOUTS[name] ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new KickError({ code: 'timeout', message: `The extension's background did not answer "${name}" in time.` })),
      timeoutMs,
    );
  });
  try {
    return (await Promise.race([post(name, data), timeout])) as MessageOutput<K>;
  } finally {
    clearTimeout(timer);
  }
}
