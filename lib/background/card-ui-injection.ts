import { browser } from 'wxt/browser';

/** Where WXT writes the unlisted script `entrypoints/card-ui/` (see wxt.config.ts, issue #12). */
export const CARD_UI_SCRIPT = '/card-ui.js';

/**
 * Runs the card's UI script in one frame of a tab, in the content scripts' isolated world (the default world), where
 * the content script that asked picks it up. `scripting` exists in Chrome MV3 and in Firefox MV2 since 102.
 */
export async function injectCardUi(tabId: number, frameId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [CARD_UI_SCRIPT] });
}
