import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { KickSim } from '../kick-sim/index';
import type { BrowserDriver, UiPage } from './driver';
import { getExtensionStorage, launchWithExtension, setExtensionStorage } from './harness';

function uiPage(page: Page): UiPage {
  return {
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => unknown, arg) as never,
    click: (selector) => page.click(selector),
    fill: (selector, value) => page.fill(selector, value),
    hover: (selector) => page.hover(selector),
    focus: (selector) => page.focus(selector),
    mouseMove: (x, y) => page.mouse.move(x, y),
    press: (key, modifier) => page.keyboard.press(modifier ? `${modifier}+${key}` : key),
    type: (text) => page.keyboard.type(text),
    setInputFile: (selector, { name, text }) => page.setInputFiles(selector, { name, mimeType: 'application/json', buffer: Buffer.from(text) }),
    async download(selector) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
    },
    close: () => page.close(),
  };
}

/** The shared scenarios' view of the Chromium harness (harness.ts): same build, same launch. */
export async function launchChromium(sim: KickSim): Promise<BrowserDriver> {
  let session = await launchWithExtension(sim);
  return {
    browser: 'chromium',
    sim,
    showsRefusedSignIn: false,
    redirectUri: `https://${session.extensionId}.chromiumapp.org/`,
    async openKick(path) {
      const page = await session.context.newPage();
      await page.goto(`https://kick.com${path}`);
      // The content script's shadow host exists only once its listeners do (mounted in one go).
      await page.waitForFunction(() => document.querySelector('kick-user-cards') !== null, undefined, { timeout: 15_000 });
      return uiPage(page);
    },
    async openExtensionPage(file) {
      const page = await session.context.newPage();
      await page.goto(`${session.origin}/${file}`);
      await page.waitForFunction(() => document.querySelector('[data-testid]') !== null, undefined, { timeout: 15_000 });
      return uiPage(page);
    },
    async nextPage(match) {
      return uiPage(await session.context.waitForEvent('page', { predicate: (p) => match.test(p.url()), timeout: 15_000 }));
    },
    // Playwright's CSS reaches into open shadow roots.
    inCard: (selector) => selector,
    async restart() {
      // Closing the context closes the browser, which writes its storage out; the profile directory stays.
      await session.context.close();
      session = await launchWithExtension(sim, { userDataDir: session.userDataDir });
    },
    getStorage: (area) => getExtensionStorage(session, area),
    setStorage: (area, values) => setExtensionStorage(session, area, values),
    close: () => session.close(),
  };
}
