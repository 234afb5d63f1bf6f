import { browser } from 'wxt/browser';
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

/**
 * Runs in the tab (serialised by the browser, so nothing outside it is in scope, and its arguments are JSON: the
 * symbol's name, not the symbol): leaves the clock where the UI finds it.
 */
export function leaveLocale(meetingName: string, twelve: boolean): void {
  const key = Symbol.for(meetingName);
  const meeting = ((globalThis as unknown as Record<symbol, { hour12?: boolean } | undefined>)[key] ??= {});
  meeting.hour12 = twelve;
}

/**
 * Runs the card's UI script in one frame of a tab, in the content scripts' isolated world (the default world), where
 * the content script that asked picks it up; the viewer's clock goes first, so the UI has it when it starts.
 * `scripting` exists in Chrome MV3 and in Firefox MV2 since 102.
 */
export async function injectCardUi(tabId: number, frameId: number): Promise<void> {
  const target = { tabId, frameIds: [frameId] };
  await browser.scripting.executeScript({ target, func: leaveLocale, args: [CARD_UI_MEETING, viewerHour12()] });
  await browser.scripting.executeScript({ target, files: [CARD_UI_SCRIPT] });
}
