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
    press: (keys) => page.keyboard.press(keys),
    mouseMove: (x, y) => page.mouse.move(x, y),
    close: () => page.close(),
  };
}

/** The shared scenarios' view of the Chromium harness (harness.ts): same build, same launch. */
export async function launchChromium(sim: KickSim): Promise<BrowserDriver> {
  const session = await launchWithExtension(sim);
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
    getStorage: (area) => getExtensionStorage(session, area),
    setStorage: (area, values) => setExtensionStorage(session, area, values),
    close: () => session.close(),
  };
}
