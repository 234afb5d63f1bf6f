import { browser } from 'wxt/browser';
import { z } from 'zod';
import { PAGE_MESSAGES_MEETING } from '../i18n/messages';
import { CARD_UI_MEETING } from '../page/card-ui-bridge';

/** Where WXT writes the unlisted script `entrypoints/card-ui/` (see wxt.config.ts, issue #12). */
export const CARD_UI_SCRIPT = '/card-ui.js';

let hour12: boolean | undefined;
/**
 * Whether the viewer's locale writes a 12-hour clock. Asked here, once per worker, because the first Intl formatter a
 * page builds costs it 40–66 ms (lib/cards/format.ts): the worker pays that, off the page's thread.
 */
export function viewerHour12(): boolean {
  return (hour12 ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hour12 === true);
}

/** The default locale's file (wxt.config.ts default_locale): it names every message; a translation may leave some out. */
const MessageFile = z.record(z.string(), z.object({ message: z.string() }));
const readMessageNames = async (): Promise<string[]> =>
  Object.keys(MessageFile.parse(await (await fetch('/_locales/en/messages.json')).json()));

let messages: Promise<Record<string, string>> | undefined;
/**
 * Every message in the language the browser picked for the extension, by name, as getMessage gives them here (read
 * once per worker): a page is handed them with the card UI, so its first card does not wait on the browser for them
 * (lib/i18n/messages.ts). Empty when they cannot be read; the page asks getMessage then, as before.
 */
export function pageMessages(): Promise<Record<string, string>> {
  return (messages ??= readMessageNames()
    .then((names) => Object.fromEntries(names.map((name) => [name, browser.i18n.getMessage(name as never)])))
    .catch(() => {
      messages = undefined;
      return {};
    }));
}

/**
 * Runs in the tab (serialised by the browser, so nothing outside it is in scope, and its arguments are JSON: the
 * symbols' names, not the symbols): leaves the clock where the UI finds it, and the messages where lib/i18n/messages.ts
 * reads them.
 */
export function leaveLocale(meetingName: string, twelve: boolean, messagesName?: string, texts?: Record<string, string>): void {
  const global = globalThis as unknown as Record<symbol, unknown>;
  const meeting = (global[Symbol.for(meetingName)] ??= {}) as { hour12?: boolean };
  meeting.hour12 = twelve;
  if (messagesName && texts && Object.keys(texts).length) global[Symbol.for(messagesName)] = texts;
}

/**
 * Runs the card's UI script in one frame of a tab, in the content scripts' isolated world (the default world), where
 * the content script that asked picks it up; the viewer's clock and the messages go first, so the UI has them when it
 * starts.
 * `scripting` exists in Chrome MV3 and in Firefox MV2 since 102.
 */
export async function injectCardUi(tabId: number, frameId: number): Promise<void> {
  const target = { tabId, frameIds: [frameId] };
  await browser.scripting.executeScript({ target, func: leaveLocale, args: [CARD_UI_MEETING, viewerHour12(), PAGE_MESSAGES_MEETING, await pageMessages()] });
  await browser.scripting.executeScript({ target, files: [CARD_UI_SCRIPT] });
}
