/// <reference types="chrome" />
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED, type KickSim } from '../kick-sim/index';
import type { Variant } from '../kick-sim/variants';
import { configureAccount, getExtensionStorage, waitForContentScript, type ExtensionSession } from './harness';
import { withExtensionBrowser } from './lifecycle';
import { card, closeCard, expectNoCard, hoverAndWait, hoverMentionAndWait, targetsFor } from './name-scenarios';

/**
 * Every kind of name, on every page variant the simulated kick.com serves (captured row shapes, see
 * test/kick-sim/fixtures): Kick's current layout on the channel page, the popout chat and the moderator view; the
 * layout before 2026-03-26; rows rebuilt by NipahTV, rendered by 7TV, and names rewritten by Enhancer.
 */

let sim: KickSim;
let session: ExtensionSession;

withExtensionBrowser((startedSim, startedSession) => {
  sim = startedSim;
  session = startedSession;
});

const PAGES: { title: string; path: string; variant: Variant; thorough?: boolean }[] = [
  { title: 'current layout, channel page', path: `/${SEED.mainChannel}`, variant: 'current', thorough: true },
  { title: 'current layout, popout chat', path: `/popout/${SEED.mainChannel}/chat`, variant: 'current' },
  { title: 'current layout, moderator view', path: `/moderator/${SEED.mainChannel}`, variant: 'current' },
  { title: 'layout before 2026-03-26 (title on names)', path: `/${SEED.mainChannel}?variant=title`, variant: 'title' },
  { title: 'names rewritten by Enhancer', path: `/${SEED.mainChannel}?variant=rewritten`, variant: 'rewritten' },
  { title: 'rows rebuilt by NipahTV', path: `/${SEED.mainChannel}?variant=nipahtv`, variant: 'nipahtv' },
  { title: 'rows rendered by 7TV', path: `/${SEED.mainChannel}?variant=seventv`, variant: 'seventv' },
  { title: 'details seen after 2026-08 (Level badges, gift text, uKick, hidden and 0×0 lists)', path: `/${SEED.mainChannel}?variant=after-2026-08`, variant: 'after-2026-08' },
];

beforeAll(async () => {
  await configureAccount(session, sim, { connected: true });
});

describe.each(PAGES)('$title', ({ path, variant, thorough }) => {
  let page: Page;
  const targets = targetsFor(variant, { thorough });

  beforeAll(async () => {
    page = await session.context.newPage();
    await page.goto(`https://kick.com${path}`);
    await waitForContentScript(page);
  });
  afterAll(() => page.close());
  beforeEach(() => closeCard(page));

  it.each(targets.names)('opens the right card on the $what', async ({ selector, username, rewritten }) => {
    await hoverAndWait(page, selector, username);
    // The card names whom it looked up only when the page showed another text for the name.
    expect(await card(page).getByTestId('card-looked-up').count()).toBe(rewritten ? 1 : 0);
    if (rewritten) expect(await card(page).getByTestId('card-looked-up').textContent()).toBe(`Looked up @${username}`);
  });

  it('opens the right card on a plain-text @mention', async () => {
    await hoverMentionAndWait(page, targets.mention.textSelector, targets.mention.username);
  });

  it('opens no card on moderator actions or the Kicks amount', async () => {
    for (const { selector } of targets.noNames) await expectNoCard(page, selector);
  });

  it('never covers Kick’s own card, and nothing inside it opens ours', async () => {
    const { selector, username } = targets.kickCardName;
    await hoverAndWait(page, selector, username);
    await page.click(selector);
    await expect.poll(() => page.locator('#user-identity').isVisible()).toBe(true);
    await expect.poll(() => card(page).count()).toBe(0);
    await expectNoCard(page, `#user-identity a[title="${username}"]`);
    await page.keyboard.press('Escape');
    await page.mouse.click(4, page.viewportSize()!.height - 4);
  });

  it('reports the layout as recognised', async () => {
    const report = async () => {
      const stored = await getExtensionStorage(session, 'session');
      const mine = Object.entries(stored).find(([k, v]) => k.startsWith('layout:') && (v as { url: string }).url === `https://kick.com${path}`);
      return (mine?.[1] as { recognised: boolean; surfaces: Record<string, number> } | undefined) ?? null;
    };
    await expect.poll(report, { timeout: 10_000 }).not.toBeNull();
    const seen = (await report())!;
    expect(seen.recognised).toBe(true);
    expect(seen.surfaces.chat).toBeGreaterThan(0);
    expect(seen.surfaces.reply).toBeGreaterThan(0);
    expect(seen.surfaces.pinned).toBe(1);
    // Each name once, as the viewer sees it: the names of the live list, not again those of its hidden or 0×0 copies.
    const live = await page.evaluate(() => {
      const list = document.querySelector('#chatroom-messages')!;
      return {
        chat: list.querySelectorAll('[data-index] button[data-prevent-expand], [data-index] div.inline-flex > button[title]:not(.ukick-x-btn), [data-index] [class*="border-l-4"] button, .ntv__chat-message__username').length,
        reply: list.querySelectorAll('[data-index] :has(> svg[data-ds-icon="ArrowCurveLeft"]):not([aria-label])').length,
      };
    });
    if (variant !== 'nipahtv') expect({ chat: seen.surfaces.chat, reply: seen.surfaces.reply }).toEqual(live);
  });
});
