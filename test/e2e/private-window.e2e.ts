/// <reference types="chrome" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED, type KickSim } from '../kick-sim/index';
import { configureAccount, getExtensionStorage, sendFromPage, waitForContentScript, type ExtensionSession } from './harness';
import { withExtensionBrowser } from './lifecycle';
import { closeCard, hoverAndWait, targetsFor } from './name-scenarios';

/**
 * Private (incognito) windows in real Chromium: a card looked up in one is never written to storage, never served or
 * counted in a normal window, and goes when the last private tab does (issue #25, item 7).
 *
 * How the test gets a private window: Chromium runs an extension in incognito only when the user allows it on
 * chrome://extensions. That page's own API (`chrome.developerPrivate`, available to the page, not to extensions) does
 * what its toggle does. An unpacked extension allowed anew is reloaded, and Chromium then disables one loaded with
 * `--load-extension` ("unsupportedDeveloperExtension") unless developer mode is on, so the test turns that on first. The
 * private window is opened by the extension's own page (`windows.create({ incognito: true })`); Playwright's persistent
 * context lists its tab among its pages.
 */

let sim: KickSim;
let session: ExtensionSession;
let ext: Page;

withExtensionBrowser((startedSim, startedSession) => {
  sim = startedSim;
  session = startedSession;
});

async function allowInPrivateWindows(): Promise<void> {
  const settings = await session.context.newPage();
  await settings.goto('chrome://extensions/');
  await settings.evaluate(async (id) => {
    const dev = (chrome as unknown as { developerPrivate: {
      updateProfileConfiguration(c: { inDeveloperMode: boolean }): Promise<void>;
      updateExtensionConfiguration(c: { extensionId: string; incognitoAccess: boolean }): Promise<void>;
    } }).developerPrivate;
    await dev.updateProfileConfiguration({ inDeveloperMode: true });
    await dev.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true });
  }, session.extensionId);
  await settings.close();
  // The extension reloads: its pages answer again once it is back, and say whether it may run in private windows.
  await expect
    .poll(
      async () => {
        const page = await session.context.newPage();
        try {
          await page.goto(`${session.origin}/popup.html`);
          return await page.evaluate(() => chrome.extension.isAllowedIncognitoAccess());
        } catch {
          return false;
        } finally {
          await page.close();
        }
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

async function openPrivateWindow(path: string): Promise<Page> {
  const url = `https://kick.com${path}`;
  const before = new Set(session.context.pages());
  await ext.evaluate((u) => chrome.windows.create({ incognito: true, url: u }).then(() => undefined), url);
  let page: Page | undefined;
  await expect.poll(() => (page = session.context.pages().find((p) => !before.has(p) && p.url().startsWith('https://kick.com'))) !== undefined, { timeout: 15_000 }).toBe(true);
  await page!.waitForLoadState();
  await waitForContentScript(page!);
  return page!;
}

/** The kick.com tabs as the browser lists them to the extension (which sees private ones once allowed there). */
const kickTabs = () => ext.evaluate(() => chrome.tabs.query({ url: 'https://kick.com/*' }).then((tabs) => tabs.map((t) => ({ id: t.id!, incognito: t.incognito, url: t.url }))));
const cachedCards = async (tabId: number) => (await sendFromPage<{ cachedCards: number }>(ext, 'getTabInfo', { tabId })).res?.cachedCards;
/** The card lookups that reached Kick's API (its channels endpoint, which every new card asks). */
const askedKick = () => sim.requests({ host: 'api', path: /^\/public\/v1\/channels/ });
const storedCards = async () => Object.keys(await getExtensionStorage(session, 'session')).filter((k) => k.startsWith('card:'));

const target = targetsFor('current').names.find((n) => n.what === 'chat name')!;

describe('a private window’s cards', () => {
  it('are looked up there but never stored, served or counted in a normal window, and go with its last tab', async () => {
    await allowInPrivateWindows();
    ext = await session.openExtensionPage('options.html');
    await configureAccount(session, sim, { connected: true });
    const inPrivate = await openPrivateWindow(`/${SEED.mainChannel}`);
    expect(await ext.evaluate(() => chrome.extension.inIncognitoContext)).toBe(false);
    const [privateTab] = (await kickTabs()).filter((t) => t.incognito);
    expect(privateTab).toBeDefined();

    sim.clearLog();
    await hoverAndWait(inPrivate, target.selector, target.username);
    expect(askedKick().length).toBeGreaterThan(0);
    expect(await storedCards()).toEqual([]);
    expect(await cachedCards(privateTab!.id)).toBeGreaterThan(0);
    await closeCard(inPrivate);

    // A normal window: nothing cached for it, and the same name is asked of Kick again.
    const normal = await session.context.newPage();
    await normal.goto(`https://kick.com/${SEED.mainChannel}`);
    await waitForContentScript(normal);
    const normalTab = (await kickTabs()).find((t) => !t.incognito)!;
    expect(await cachedCards(normalTab.id)).toBe(0);
    sim.clearLog();
    await hoverAndWait(normal, target.selector, target.username);
    expect(askedKick().length).toBeGreaterThan(0);
    expect(await storedCards()).toContain(`card:${target.username.toLowerCase()}`);
    expect(await cachedCards(normalTab.id)).toBe((await storedCards()).length);
    await closeCard(normal);

    // The private window closes; a new one starts with nothing cached and asks Kick again.
    await inPrivate.close();
    await expect.poll(async () => (await kickTabs()).filter((t) => t.incognito).length).toBe(0);
    const again = await openPrivateWindow(`/${SEED.mainChannel}`);
    const [againTab] = (await kickTabs()).filter((t) => t.incognito);
    expect(await cachedCards(againTab!.id)).toBe(0);
    sim.clearLog();
    await hoverAndWait(again, target.selector, target.username);
    expect(askedKick().length).toBeGreaterThan(0);
    expect(await cachedCards(againTab!.id)).toBeGreaterThan(0);
    expect(await cachedCards(normalTab.id)).toBe((await storedCards()).length);
    await again.close();
    await normal.close();
  });
});
