import type { Browser } from '@wxt-dev/browser';

/**
 * The extension API, for every build (wxt.config.ts puts this module in place of `@wxt-dev/browser`, behind
 * `wxt/browser`). WXT's own pick reads `globalThis.browser` first, and Chrome gives a content script's isolated world no
 * `browser` of its own: there the name is the page's, so a `<form name="browser">` holding `<input name="runtime"
 * id="x">` passed WXT's test and stood in for the API (issue #25, item 9; test/e2e/page-clobbering.e2e.ts). Each browser's
 * own binding instead, which the page cannot shadow: Chrome's `chrome`, Firefox's `browser`, both own properties of
 * the script's global.
 */
const own = globalThis as unknown as { browser?: typeof Browser; chrome?: typeof Browser };

export const browser: typeof Browser = (import.meta.env.FIREFOX ? own.browser : own.chrome) as typeof Browser;
export type { Browser };
