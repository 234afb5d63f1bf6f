import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED, type KickSim } from '../kick-sim/index';
import { planRow } from '../kick-sim/chat-plan';
import { configureAccount, evaluateInContentScript, waitForContentScript, type ExtensionSession } from './harness';
import { withExtensionBrowser } from './lifecycle';
import { card, hoverAndWait } from './name-scenarios';

/**
 * A kick.com page that plants elements named like the globals the content script and its card UI once met on or read
 * (test/kick-sim/clobbering.ts): the cards still open, with kick.com's own reads. Issue #25, item 9.
 */

let sim: KickSim;
let session: ExtensionSession;
let page: Page;

withExtensionBrowser((startedSim, startedSession) => {
  sim = startedSim;
  session = startedSession;
});

describe('a page that clobbers the isolated world’s globals', () => {
  beforeAll(async () => {
    await configureAccount(session, sim, { connected: true });
    page = await session.context.newPage();
    await page.goto(`https://kick.com/${SEED.mainChannel}?clobber=1`);
    await waitForContentScript(page);
  });
  afterAll(() => page.close());

  it('reaches the content script’s world: its named globals are the page’s elements', async () => {
    // So the test below cannot pass because the planted elements missed the world the extension runs in.
    const seen = await evaluateInContentScript<Record<string, string>>(
      page,
      `({ meeting: String(globalThis['kick-user-cards:card-ui']), content: String(globalThis.content), fetch: String(globalThis.content?.fetch), browser: String(globalThis.browser), runtimeId: String(globalThis.browser?.runtime?.id) })`,
    );
    expect(seen).toEqual({ meeting: '[object HTMLDivElement]', content: '[object HTMLFormElement]', fetch: '[object HTMLInputElement]', browser: '[object HTMLFormElement]', runtimeId: 'clobbered-runtime' });
  });

  it('still opens the streamer’s card, with what kick.com’s own endpoint says (followers)', async () => {
    sim.clearLog();
    await hoverAndWait(page, '#channel-username', SEED.mainChannel);
    expect(await card(page).getByTestId('card-followers').textContent()).toBe('254.3K');
    // Read by the page's same-origin fetch, as before: not refused for want of the site's headers.
    expect(sim.requests({ host: 'web', path: new RegExp(`^/api/v2/channels/${SEED.mainChannel}$`) }).length).toBeGreaterThan(0);
  });

  it('opens a chat name’s card too', async () => {
    await page.mouse.move(4, page.viewportSize()!.height - 4);
    const who = planRow(4).who;
    await hoverAndWait(page, '#chatroom-messages div[data-index="4"] button[data-prevent-expand]', who);
    await expect.poll(() => card(page).getByTestId('card-name').textContent()).toContain(who);
  });
});
