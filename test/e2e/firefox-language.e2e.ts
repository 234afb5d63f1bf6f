import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED, startKickSim, type KickSim } from '../kick-sim/index';
import type { BrowserDriver } from './driver';
import { launchFirefox } from './firefox-harness';
import { englishIn, messagesOf } from './locale-messages';
import { openCard } from './scenarios';

/**
 * Issue #26 in Firefox: one language (Arabic, the right-to-left one), one card. Firefox ESR ships en-US only and
 * ignores `intl.locale.requested` without the language's pack (measured: `getUILanguage()` stays `en-US`); Debian's
 * firefox-esr-l10n-ar installs it where every profile finds it (.ci/run installs it).
 */
const LANGPACK = '/usr/lib/firefox-esr/browser/extensions/langpack-ar@firefox-esr.mozilla.org.xpi';
const ar = messagesOf('ar');

let sim: KickSim | undefined;
let driver: BrowserDriver | undefined;
beforeAll(async () => {
  if (!existsSync(LANGPACK)) throw new Error(`No Arabic language pack for Firefox ESR at ${LANGPACK}: apt-get install -y firefox-esr-l10n-ar.`);
  sim = await startKickSim({ httpsPort: 443 });
  driver = await launchFirefox(sim, { lang: 'ar' });
  const token = sim.issueUserToken({ userId: 1005, scopes: ['user:read', 'channel:read'] });
  await driver.setStorage('local', { kickApp: { clientId: sim.app.clientId, scopes: ['user:read', 'channel:read'] } });
  await driver.setStorage('secrets', {
    kickClientSecret: sim.app.clientSecret,
    kickAccount: {
      tokens: { accessToken: token.access_token, refreshToken: token.refresh_token, expiresAt: Date.now() + token.expires_in * 1000, scopes: token.scope.split(' '), obtainedAt: Date.now() },
      user: { userId: 1005, name: 'subsam' },
    },
  });
});
afterAll(async () => {
  await driver?.close();
  await sim?.close();
});

it('shows a card in Arabic, right to left, with Arabic counts and dates', async () => {
  const page = await driver!.openKick(`/${SEED.mainChannel}`);
  const card = await openCard(page, '#channel-username', 'streamer1');
  expect(card.state).toBe('ready');
  const seen = await page.evaluate(() => {
    const el = document.querySelector('kick-user-cards')!.shadowRoot!.querySelector<HTMLElement>('[data-kuc-card]')!;
    const labels = [...el.querySelectorAll('[aria-label],[title]')].map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`);
    return {
      ui: navigator.language,
      text: [el.innerText, ...labels].join('\n'),
      lang: el.getAttribute('lang'),
      direction: getComputedStyle(el).direction,
      followers: new Intl.NumberFormat('ar', { notation: 'compact', maximumFractionDigits: 1 }).format(254_300),
      created: new Intl.DateTimeFormat('ar', { month: 'short', year: 'numeric' }).format(new Date('2022-11-02T18:30:00Z')),
    };
  }, undefined);
  expect(seen.ui).toBe('ar');
  expect(englishIn(seen.text)).toEqual([]);
  expect(seen.text).toContain(ar.card_followers!.message);
  expect(seen.lang).toBe('ar');
  expect(seen.direction).toBe('rtl');
  expect(card.parts['card-followers']).toBe(seen.followers);
  expect(card.parts['card-channel-created']).toContain(seen.created);
  expect(seen.created).not.toBe('Nov 2022');
  await page.close();
});
