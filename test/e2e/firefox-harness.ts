import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { FIREFOX_ADDON_ID } from '../../config/firefox';
import type { KickSim } from '../kick-sim/index';
import type { BrowserDriver, StorageArea, UiPage } from './driver';
import { notesDatabaseExpression, secretStoreExpression } from './secret-store-access';
import { KICK_HOSTS } from './harness';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/**
 * The Firefox build under test: the E2E build (`npm run build:e2e`, open shadow root and test hooks,
 * like Chromium's); FIREFOX_EXTENSION_PATH points the suite at another one.
 */
export const FIREFOX_EXTENSION_PATH = process.env.FIREFOX_EXTENSION_PATH ?? path.resolve(import.meta.dirname, '../../.output/firefox-mv2-e2e');
/**
 * Firefox gives each install a random internal UUID; pinning it (pref extensions.webextensions.uuids,
 * keyed by the add-on id in config/firefox.ts) makes popup and options reachable by URL.
 */
export const FIREFOX_INTERNAL_UUID = '0de57559-53a2-46b0-b04e-10fec5a2c4a8';
export const FIREFOX_ORIGIN = `moz-extension://${FIREFOX_INTERNAL_UUID}`;
/** Firefox's `identity.getRedirectURL()`: the SHA-1 of the add-on id under extensions.allizom.org. */
export const FIREFOX_REDIRECT_URI = `https://${createHash('sha1').update(FIREFOX_ADDON_ID).digest('hex')}.extensions.allizom.org/`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

function uiPage(page: Page, downloads: string): UiPage {
  return {
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => unknown, arg) as never,
    click: (selector) => page.click(selector),
    async fill(selector, value) {
      await page.focus(selector);
      await page.$eval(selector, (el) => (el as HTMLInputElement).select());
      await page.keyboard.press('Backspace');
      if (value) await page.keyboard.type(value);
    },
    hover: (selector) => page.hover(selector),
    focus: (selector) => page.focus(selector),
    mouseMove: (x, y) => page.mouse.move(x, y),
    async press(key, modifier) {
      if (modifier) await page.keyboard.down(modifier);
      await page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
      if (modifier) await page.keyboard.up(modifier);
    },
    type: (text) => page.keyboard.type(text),
    async setInputFile(selector, { name, text }) {
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'kuc-upload-')), name);
      await writeFile(file, text);
      const input = (await page.$(selector)) as ElementHandle<HTMLInputElement> | null;
      if (!input) throw new Error(`No ${selector}`);
      await input.uploadFile(file);
    },
    async download(selector) {
      // Firefox saves downloads straight into `downloads` (the prefs in launchFirefox); the new file is this one.
      const before = new Set(await readdir(downloads));
      await page.click(selector);
      // Firefox may write under a temporary name (seen: `pyf97eFB.json` beside its `.part`) and rename the file when
      // done: the download is the one new file, with no `.part` left, and the same name a moment later.
      const done = async () => {
        const files = await readdir(downloads);
        const fresh = files.filter((f) => !before.has(f));
        return !files.some((f) => f.endsWith('.part')) && fresh.length === 1 ? fresh[0] : undefined;
      };
      const name = await until('the download to finish', async () => {
        const first = await done();
        await sleep(150);
        return first && first === (await done()) ? first : undefined;
      });
      return { name, text: await readFile(path.join(downloads, name), 'utf8') };
    },
    close: () => page.close(),
  };
}

/**
 * Debian's firefox-esr with the Firefox build installed as a temporary add-on, over WebDriver BiDi.
 * kick.com's hosts resolve to loopback (network.dns.localDomains has no port, so the simulator must
 * listen on 443), and the session accepts its self-signed certificate, also for the add-on's own requests.
 */
export interface FirefoxOptions {
  /**
   * The UI language (pref `intl.locale.requested`, e.g. `es-ES`). Firefox only takes a locale it has: ESR ships en-US
   * alone, so another needs its language pack (Debian's `firefox-esr-l10n-<lang>`); without one it stays English.
   */
  lang?: string;
}

export async function launchFirefox(sim: KickSim, opts: FirefoxOptions = {}): Promise<BrowserDriver> {
  if (sim.httpsPort !== 443) throw new Error('Firefox maps kick.com to loopback without a port: start the simulator on 443.');
  if (!existsSync(path.join(FIREFOX_EXTENSION_PATH, 'manifest.json'))) throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_PATH}: run \`npm run build:e2e\`.`);
  if (!existsSync(FIREFOX_PATH)) throw new Error(`Firefox not found at ${FIREFOX_PATH}: apt-get install -y firefox-esr.`);
  // Our own profile and download folder, kept across restart() and removed by close().
  const profile = await mkdtemp(path.join(tmpdir(), 'kuc-firefox-'));
  const downloads = await mkdtemp(path.join(tmpdir(), 'kuc-downloads-'));
  const start = async (): Promise<Browser> => {
    const started = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      userDataDir: profile,
      // ESR's BiDi refuses to navigate to moz-extension:// pages without system access; a test-only flag.
      args: ['--remote-allow-system-access'],
      // Setting a viewport uses a BiDi command ESR lacks; the default window is big enough.
      defaultViewport: null,
      extraPrefsFirefox: {
        'network.dns.localDomains': KICK_HOSTS.join(','),
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_INTERNAL_UUID }),
        // A temporary add-on is uninstalled when Firefox closes, and its storage with it; an installed add-on keeps
        // its storage. These keep it for the temporary one, so restart() is a restart and not a reinstall.
        'extensions.webextensions.keepStorageOnUninstall': true,
        'extensions.webextensions.keepUuidOnUninstall': true,
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        ...(opts.lang && { 'intl.locale.requested': opts.lang }),
      },
    });
    const installed = await started.installExtension(FIREFOX_EXTENSION_PATH);
    if (installed !== FIREFOX_ADDON_ID) throw new Error(`Installed add-on ${installed}, expected ${FIREFOX_ADDON_ID}`);
    return started;
  };
  let browser = await start();

  /** goto() on moz-extension:// may never resolve in ESR: navigate, then poll for the page. */
  async function openExtensionUrl(url: string, ready: string): Promise<Page> {
    const page = await browser.newPage();
    page.goto(url).catch(() => undefined);
    await until(`${url} to render`, () => page.evaluate(ready));
    return page;
  }

  // A static file of the add-on is an extension page that runs none of the add-on's code:
  // storage can be read and written there without the popup or options reacting.
  let storagePage: Page | undefined;
  const storage = async () =>
    (storagePage ??= await openExtensionUrl(`${FIREFOX_ORIGIN}/icon/16.png`, `typeof browser === 'object' && !!browser.storage`));
  const area = (a: StorageArea) => JSON.stringify(a);

  return {
    browser: 'firefox',
    sim,
    showsRefusedSignIn: true,
    redirectUri: FIREFOX_REDIRECT_URI,
    async openKick(pagePath) {
      const page = await browser.newPage();
      await page.goto(`https://kick.com${pagePath}`);
      // The content script's shadow host exists only once its listeners do (mounted in one go).
      await until('the content script on kick.com', () => page.evaluate(() => document.querySelector('kick-user-cards') !== null));
      return uiPage(page, downloads);
    },
    async openExtensionPage(file) {
      return uiPage(await openExtensionUrl(`${FIREFOX_ORIGIN}/${file}`, `document.readyState === 'complete' && !!document.querySelector('[data-testid]')`), downloads);
    },
    async nextPage(match) {
      // waitForTarget also answers with windows already open, such as an earlier sign-in window.
      const before = new Set(browser.targets());
      const target = await browser.waitForTarget((t) => !before.has(t) && match.test(t.url()), { timeout: 15_000 });
      const page = await target.page();
      if (!page) throw new Error(`No page for ${target.url()}`);
      return uiPage(page, downloads);
    },
    async getStorage(a) {
      const expression = a === 'secrets' ? secretStoreExpression(null) : a === 'notes' ? notesDatabaseExpression(null) : `browser.storage[${area(a)}].get(null)`;
      return (await storage()).evaluate(expression) as Promise<Record<string, unknown>>;
    },
    async setStorage(a, values) {
      const db = a === 'secrets' ? secretStoreExpression(values) : a === 'notes' ? notesDatabaseExpression(values) : undefined;
      await (await storage()).evaluate(db ?? `browser.storage[${area(a)}].set(${JSON.stringify(values)})`);
    },
    // puppeteer's `pierce/` reaches into open shadow roots.
    inCard: (selector) => `pierce/${selector}`,
    async restart() {
      await browser.close();
      storagePage = undefined;
      browser = await start();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
      await rm(downloads, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
