import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED, type KickSim } from '../kick-sim/index';
import { cardThroughCdp, configureAccount, PRODUCTION_EXTENSION_PATH, waitForContentScript, type ExtensionSession } from './harness';
import { withExtensionBrowser } from './lifecycle';

/**
 * What kick.com's own scripts can do to the extension, in the package users install (the production
 * build, not the E2E one with its hooks): drive the cards with made-up events, read the card, or learn
 * from <html> that the extension is there and whom the user looked at. Issue #10, finding 6.
 */

let sim: KickSim;
let session: ExtensionSession;
let page: Page;

withExtensionBrowser(
  (startedSim, startedSession) => {
    sim = startedSim;
    session = startedSession;
  },
  { build: 'production' },
);

/** Lookups the content script or the background sent about users: Kick's API and kick.com's own channel endpoints. */
const lookups = () => [...sim.requests({ host: 'api' }), ...sim.requests({ host: 'web', path: /^\/api\/v2\// })];

describe('the production build, seen from the page', () => {
  beforeAll(async () => {
    await configureAccount(session, sim, { connected: true });
    page = await session.context.newPage();
    await page.goto(`https://kick.com/${SEED.mainChannel}`);
    await waitForContentScript(page);
    // The page's own start-up reads are over before a test counts lookups: the channel, then Kick's recent messages once
    // the background follows its chat (lib/page/chat-watch.ts).
    const startedUp = () => sim.requests({ host: 'web', path: /^\/api\/v2\/channels\/\d+\/messages$/ }).length > 0;
    for (let i = 0; i < 100 && !startedUp(); i++) await page.waitForTimeout(100);
    if (!startedUp()) throw new Error('the page did not read Kick’s recent messages at start-up');
  });
  afterAll(() => page.close());

  it('ships no test hook in the content script or the card UI it loads', () => {
    const dir = path.join(PRODUCTION_EXTENSION_PATH, 'content-scripts');
    const code = [
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(path.join(dir, f), 'utf8')),
      readFileSync(path.join(PRODUCTION_EXTENSION_PATH, 'card-ui.js'), 'utf8'),
    ].join('\n');
    expect(code.length).toBeGreaterThan(1000);
    expect(code).toContain('kuc-card');
    for (const hook of ['data-kick-user-cards', 'kickUserCards', 'data-kuc-', 'kucLastOpen', 'kucCard']) expect(code, hook).not.toContain(hook);
  });

  it('ignores 2,000 page-made hovers, focus and key presses: no card, no lookup', async () => {
    sim.clearLog();
    const dispatched = await page.evaluate(() => {
      // Every element that could be a name, so no selector change on the simulated page can make this pass by missing them.
      const targets = [...document.querySelectorAll('button, a[href], h1, span')];
      let n = 0;
      for (let i = 0; i < 2000; i++) {
        const el = targets[i % targets.length]!;
        const r = el.getBoundingClientRect();
        const at = { bubbles: true, composed: true, clientX: r.left + 2, clientY: r.top + 2 };
        el.dispatchEvent(new PointerEvent('pointerover', at));
        el.dispatchEvent(new PointerEvent('pointermove', at));
        n++;
      }
      for (const el of targets.slice(0, 50)) {
        el.dispatchEvent(new FocusEvent('focus', { composed: true }));
        el.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true, composed: true }));
      }
      return { n, targets: targets.length };
    });
    expect(dispatched.n).toBe(2000);
    expect(dispatched.targets).toBeGreaterThan(10);
    // Longer than the hover delay (300 ms) and a lookup round trip.
    await page.waitForTimeout(1500);
    expect(await cardThroughCdp(page)).toBeNull();
    expect(lookups().map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('opens a card for a real hover, which the page cannot read', async () => {
    sim.clearLog();
    await page.hover('#channel-username');
    await expect.poll(async () => (await cardThroughCdp(page))?.state, { timeout: 10_000 }).toBe('ready');
    const card = (await cardThroughCdp(page))!;
    expect(card.shadowRootType).toBe('closed');
    expect(card.username).toBe(SEED.streamer.username);
    expect(card.text).toContain(SEED.streamer.username);
    expect(lookups().length).toBeGreaterThan(0);

    const seen = await page.evaluate(() => {
      const host = document.querySelector('kick-user-cards');
      return {
        host: host !== null,
        shadowRoot: host?.shadowRoot === null ? null : 'readable',
        // Nothing of the card leaks into the light DOM either.
        cardNodes: document.querySelectorAll('.kuc-card, [data-testid^="card-"]').length,
        hostText: host?.textContent ?? '',
      };
    });
    expect(seen).toEqual({ host: true, shadowRoot: null, cardNodes: 0, hostText: '' });
  });

  it('leaves no data-* hook of ours on <html>, <body> or the shadow host', async () => {
    const added = await page.evaluate(async () => {
      // Whatever the simulated page itself serves on <html>/<body> is not ours: compare with its HTML.
      const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      const names = (el: Element | null) => (el ? [...el.attributes].map((a) => a.name) : []);
      const servedNames = new Set([...names(served.documentElement).map((n) => `html ${n}`), ...names(served.body).map((n) => `body ${n}`)]);
      const now = [
        ...names(document.documentElement).map((n) => `html ${n}`),
        ...names(document.body).map((n) => `body ${n}`),
        ...names(document.querySelector('kick-user-cards')).map((n) => `kick-user-cards ${n}`),
      ];
      return now.filter((a) => !servedNames.has(a));
    });
    expect(added.filter((a) => / data-/.test(a))).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('[data-kuc-card], [data-kuc-last-open], [data-kick-user-cards]').length)).toBe(0);
  });
});
