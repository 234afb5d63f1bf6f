/// <reference types="chrome" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SEED, startKickSim, type KickSim } from '../kick-sim/index';
import { englishIn, messagesOf } from './locale-messages';
import { configureAccount, launchWithExtension, saveScreenshot, waitForContentScript, type ExtensionSession } from './harness';

/**
 * Issue #26 in a real browser: Chromium with its UI in each language (Debian's chromium-l10n gives it the locales;
 * `--lang` plus `LANGUAGE` pick one, test/e2e/harness.ts). Per language: the popup, the options page and a card
 * speak it with no English message left, count and date the language's way, and in Arabic lay out right to left.
 */

/** What a viewer reads in an element: its rendered text and the labels, titles and placeholders inside it. */
const readable = (root: Locator) =>
  root.evaluate((el: HTMLElement) => {
    const texts = [el.innerText];
    for (const e of el.querySelectorAll('*'))
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = e.getAttribute(a);
        if (v) texts.push(v);
      }
    return texts.join('\n');
  });
const direction = (root: Locator) => root.evaluate((el) => getComputedStyle(el).direction);

/** Chromium's locale, the locale file it picks (es-419 has none of its own: Chrome falls back to es) and its `lang`. */
const LANGUAGES = [
  { ui: 'es-419', file: 'es', lang: 'es', dir: 'ltr' },
  { ui: 'pt-BR', file: 'pt_BR', lang: 'pt-BR', dir: 'ltr' },
  { ui: 'tr', file: 'tr', lang: 'tr', dir: 'ltr' },
  { ui: 'ar', file: 'ar', lang: 'ar', dir: 'rtl' },
] as const;

let sim: KickSim;
beforeAll(async () => {
  sim = await startKickSim();
});
afterAll(() => sim?.close());

describe.each(LANGUAGES)('Chromium in $ui', ({ ui, file, lang, dir }) => {
  let session: ExtensionSession;
  const own = messagesOf(file);
  /** Intl in the browser itself, in the UI's locale: what the card should write. */
  const intl = (page: Page, what: 'count' | 'monthYear', value: number | string) =>
    page.evaluate(
      ([locale, kind, v]) =>
        kind === 'count'
          ? new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(v as number)
          : new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' }).format(new Date(v)),
      [ui, what, value] as const,
    );

  beforeAll(async () => {
    session = await launchWithExtension(sim, { lang: ui });
    await configureAccount(session, sim, { connected: true });
  });
  afterAll(() => session?.close());

  it(`picks locales/${file}.yml, and Chrome keeps the leading punctuation of the fragments`, async () => {
    const worker = await session.serviceWorker();
    const got = await worker.evaluate(() => ({
      ui: chrome.i18n.getUILanguage(),
      lang: chrome.i18n.getMessage('lang'),
      gaps: chrome.i18n.getMessage('chat_gaps'),
      latestShown: chrome.i18n.getMessage('chat_latestShown_other'),
      name: chrome.i18n.getMessage('extName'),
    }));
    // The browser runs in the language asked for. Which region it names is its own: Debian's Chromium 156 reports
    // es-419 for --lang=es-419, its Chromium 150 (what bookworm's mirror served on 2026-12-07) es-MX.
    expect(got.ui.split('-')[0]).toBe(ui.split('-')[0]);
    expect(got.lang).toBe(lang);
    // chat.gaps and chat.latestShown are appended to a sentence: their leading ", " / "، " must reach the page.
    expect(got.gaps).toBe(own.chat_gaps!.message);
    expect(got.gaps).toMatch(/^[,،] /);
    expect(got.latestShown).toBe(own.chat_latestShown_other!.message);
    expect(got.latestShown).toMatch(/^[,،;؛] /);
    expect(got.name).toBe(own.extName!.message);
  });

  it('shows a card in the language, with its counts and dates', async () => {
    const page = await session.context.newPage();
    try {
      await page.goto(`https://kick.com/${SEED.mainChannel}`);
      await waitForContentScript(page);
      await page.hover('#channel-username');
      const card = page.locator('[data-kuc-card]');
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
      const text = await readable(card);
      expect(englishIn(text)).toEqual([]);
      expect(text).toContain(own.card_followers!.message);
      const followers = await intl(page, 'count', 254_300);
      expect(await card.getByTestId('card-followers').textContent()).toBe(followers);
      expect(followers).not.toBe('254.3K');
      const created = await intl(page, 'monthYear', '2022-11-02T18:30:00Z');
      expect(created).not.toBe('Nov 2022');
      const age = await page.evaluate(
        ([locale, since]) => {
          // lib/cards/format.ts formatAge's whole years, as Intl words them in the locale.
          const years = Math.floor(Math.floor((Date.now() - Date.parse(since)) / 86_400_000 / 30.44) / 12);
          return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-years, 'year');
        },
        [ui, '2022-11-02T18:30:00Z'] as const,
      );
      expect(await card.getByTestId('card-channel-created').textContent()).toBe(`${created} (${age})`);
      expect(await card.getAttribute('lang')).toBe(lang);
      expect(await direction(card)).toBe(dir);
      await saveScreenshot(page, `language-card-${ui}`);
    } finally {
      await page.close();
    }
  });

  it('shows the popup in the language', async () => {
    const popup = await session.openExtensionPage('popup.html');
    try {
      const root = popup.locator('[data-testid="popup-state"]');
      await root.and(popup.locator('[data-state="connected"]')).waitFor({ timeout: 10_000 });
      expect(englishIn(await readable(root))).toEqual([]);
      expect(await direction(root)).toBe(dir);
      expect(await root.getAttribute('lang')).toBe(lang);
    } finally {
      await popup.close();
    }
  });

  it('shows the options page in the language', async () => {
    const options = await session.openExtensionPage('options.html');
    try {
      await options.locator('[data-testid="opt-account"][data-state="connected"]').waitFor({ timeout: 10_000 });
      const root = options.locator('main.options');
      expect(englishIn(await readable(root))).toEqual([]);
      expect(await options.title()).toBe(own.options_pageTitle!.message);
      expect(await direction(root)).toBe(dir);
    } finally {
      await options.close();
    }
  });
});
