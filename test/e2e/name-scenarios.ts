import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { CHAT_CYCLE, firstOf, planRow } from '../kick-sim/chat-plan';
import { isRewrittenSlot, type Variant } from '../kick-sim/variants';
import { SEED } from '../kick-sim/index';

/** Where each kind of name sits on a simulated kick.com page, and whose card it must open. Shared by the E2E files. */

export const card = (page: Page) => page.locator('[data-kuc-card]');

export { chatNameSelector } from './page-selectors';

export async function hoverAndWait(page: Page, selector: string, username: string): Promise<void> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.hover(selector);
  await expect.poll(() => card(page).getAttribute('data-username'), { timeout: 10_000 }).toBe(username);
  await expect.poll(() => card(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
}

/** Bottom of the sidebar (or the popout's corner): nothing there opens a card. */
export async function closeCard(page: Page): Promise<void> {
  await page.mouse.move(4, page.viewportSize()!.height - 4);
  await expect.poll(() => card(page).count(), { timeout: 5000 }).toBe(0);
}

/** Rests on an element twice the hover delay (300 ms) and checks that no card opened. */
export async function expectNoCard(page: Page, selector: string): Promise<void> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.hover(selector);
  await page.waitForTimeout(600);
  expect(await card(page).count()).toBe(0);
}

/** The screen position of the first plain-text "@name" inside `textSelector`. */
export async function mentionTarget(page: Page, textSelector: string) {
  await page.locator(textSelector).scrollIntoViewIfNeeded();
  return page.evaluate((sel) => {
    const container = document.querySelector(sel)!;
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const at = text.indexOf('@');
      if (at < 0) continue;
      let end = at + 1;
      while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, end);
      const r = range.getBoundingClientRect();
      return { name: text.slice(at + 1, end), x: r.left + r.width / 2, y: r.top + r.height / 2, right: r.right };
    }
    return null;
  }, textSelector);
}

export async function hoverMentionAndWait(page: Page, textSelector: string, username: string) {
  const target = await mentionTarget(page, textSelector);
  expect(target?.name).toBe(username);
  await page.mouse.move(target!.x, target!.y, { steps: 3 });
  await expect.poll(() => card(page).getAttribute('data-username'), { timeout: 10_000 }).toBe(username);
  await expect.poll(() => card(page).getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
  return target!;
}

export interface NameTarget {
  what: string;
  selector: string;
  username: string;
  /** The page shows another text than the name (rewritten by another extension): the card says whom it looked up. */
  rewritten?: boolean;
}

export interface VariantTargets {
  names: NameTarget[];
  mention: { textSelector: string; username: string };
  /** Elements that are no names: moderator actions, the Kicks amount (`title="100"`). */
  noNames: { what: string; selector: string }[];
  /** A name Kick itself opens its card for on click. */
  kickCardName: { selector: string; username: string };
}

/** Rows of the live chat list; after 2026-08 the page holds a 0×0 mobile copy of them too (the sim's `aside` frames the live one). */
const liveList = (variant: Variant) => (variant === 'after-2026-08' ? 'aside #chatroom-messages' : '#chatroom-messages');
const positions = Array.from({ length: CHAT_CYCLE }, (_, i) => i);

/**
 * The rows and elements each scenario uses on a page of `variant` (rows 0..29 are on the page after load).
 * `thorough`: also the markup every page shares (all moderator actions, gift cards), checked on one page only.
 */
export function targetsFor(variant: Variant, { thorough = false } = {}): VariantTargets {
  const row = (position: number) => `${liveList(variant)} [data-index="${position}"]`;
  const rewrites = variant === 'rewritten' || variant === 'nipahtv';
  const chat = positions.find((p) => planRow(p).kind === 'chat' && isRewrittenSlot(p) === rewrites)!;
  const reply = firstOf('reply');
  const mention = firstOf('mention');
  const sub = firstOf('sub');
  const gift = firstOf('gift');
  const kicks = firstOf('kicks');
  const nameIn = (p: number) =>
    variant === 'nipahtv' ? `${row(p)} .ntv__chat-message__username` :
    variant === 'title' || variant === 'rewritten' ? `${row(p)} div.inline-flex > button[title]` :
    `${row(p)} button[data-prevent-expand]`;
  // The Reply action carries the same icon: the header is the one without an aria-label.
  const replyHeader = variant === 'nipahtv' ? `${row(reply)} .ntv__chat-message__attachment` : `${row(reply)} :has(> svg[data-ds-icon="ArrowCurveLeft"]):not([aria-label])`;
  const late = variant === 'after-2026-08';
  const text =
    late ? `${row(kicks)} span.whitespace-pre-line` :
    variant === 'nipahtv' ? `${row(mention)} .ntv__chat-message__part` :
    variant === 'seventv' ? `${row(mention)} span.seventv-text-token` :
    `${row(mention)} span.font-normal`;
  return {
    names: [
      { what: 'chat name', selector: nameIn(chat), username: planRow(chat).who, rewritten: rewrites },
      { what: 'sub notice name', selector: `${row(sub)} [class*="border-l-4"] button`, username: planRow(sub).who },
      ...(thorough ? [{ what: 'gift recipient', selector: `${row(gift)} [class*="border-l-4"] span > button:last-child >> nth=0`, username: planRow(gift).other }] : []),
      { what: 'pinned author', selector: '[data-testid="pinned-message-modal"] [data-testid="sent-by"] button', username: SEED.mainChannel },
      { what: 'reply header', selector: replyHeader, username: planRow(reply).other },
    ],
    // After 2026-08 the new place for one: a gift's own text (fixtures/notices.ts).
    mention: { textSelector: text, username: planRow(late ? kicks : mention).other },
    // Each check waits out the hover delay, so one action per page unless thorough (the buttons are the same).
    noNames: [
      ...(thorough ? ['Delete', 'Timeout', 'Ban', 'Pin', 'Reply'] : ['Ban']).map((label) => ({
        what: `moderator action ${label}`,
        selector: variant === 'nipahtv' ? `${row(chat)} .ntv__chat-message__mod-buttons button[aria-label="${label}"]` : `${row(chat)} button[aria-label="${label}"]`,
      })),
      // NipahTV rebuilds the Kicks row as text (Kick's, with the amount, stays hidden).
      ...(variant === 'nipahtv' ? [] : [{ what: 'Kicks amount', selector: `${row(kicks)} [title="100"]` }]),
      ...(late
        ? [
            { what: 'uKick’s ✕ beside a name', selector: `${row(chat)} button.ukick-x-btn` },
            { what: 'Level badge', selector: `${row(chat)} [data-testid="identity-badge-level"] img` },
          ]
        : []),
    ],
    kickCardName: { selector: `${row(sub)} [class*="border-l-4"] button`, username: planRow(sub).who },
  };
}
