/**
 * `npm run demo`: the simulated Kick and Chromium with the built extension (headful when a display
 * exists, else headless), saving screenshots of a card, the popup and the options page under
 * test/demo/artifacts/ (git-ignored), then a card and the popup in each translated language (a headless Chromium
 * per language, its UI in that language). With a display, the first browser stays open until Ctrl+C.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startKickSim, SEED } from '../kick-sim/index';
import { configureAccount, launchWithExtension, setExtensionStorage, waitForContentScript } from '../e2e/harness';
import { DEFAULT_SETTINGS } from '../../lib/settings/settings-page';
import { chatNameSelector } from '../e2e/page-selectors';

const OUT = path.resolve(import.meta.dirname, 'artifacts');
const headful = Boolean(process.env.DISPLAY);

const sim = await startKickSim({ httpsPort: Number(process.env.KICK_SIM_PORT ?? 0) });
const session = await launchWithExtension(sim, { headless: !headful });
await mkdir(OUT, { recursive: true });
await configureAccount(session, sim, { connected: true });

const kick = await session.context.newPage();
await kick.goto(`https://kick.com/${SEED.mainChannel}`);
await waitForContentScript(kick);
for (const [name, selector] of [
  ['card-streamer', '#channel-username'],
  ['card-subscriber', chatNameSelector('subsam')],
  ['card-hostile', chatNameSelector('hostile_hank')],
] as const) {
  await kick.mouse.move(4, 790);
  await kick.waitForTimeout(400);
  await kick.hover(selector);
  await kick.locator('[data-kuc-card][data-state="ready"]').waitFor({ timeout: 10_000 });
  await kick.screenshot({ path: path.join(OUT, `${name}.png`) });
}

// A moderator's card: connected as the broadcaster with the moderation scopes, "Moderator actions" on, in both themes.
await configureAccount(session, sim, {
  connected: true,
  as: { userId: SEED.streamer.userId, name: SEED.streamer.username, scopes: ['user:read', 'channel:read', 'moderation:ban', 'moderation:chat_message:manage'] },
});
for (const theme of ['dark', 'light'] as const) {
  await setExtensionStorage(session, 'sync', { settings: { ...DEFAULT_SETTINGS, moderatorActions: true, theme } });
  await kick.reload();
  await waitForContentScript(kick);
  await kick.mouse.move(4, 790);
  await kick.hover(chatNameSelector('vipvictor'));
  await kick.locator('[data-kuc-card][data-state="ready"] [data-testid="card-mod"][data-armed]').waitFor({ timeout: 10_000 });
  await kick.waitForTimeout(400);
  await kick.screenshot({ path: path.join(OUT, `card-moderator-${theme}.png`) });
  await kick.click('[data-testid="card-mod-ban"]');
  await kick.locator('[data-testid="card-mod-confirm"]').waitFor({ timeout: 5_000 });
  await kick.screenshot({ path: path.join(OUT, `card-moderator-ban-${theme}.png`) });
}
await setExtensionStorage(session, 'sync', { settings: { ...DEFAULT_SETTINGS, moderatorActions: true } });

const popup = await session.openExtensionPage('popup.html');
await popup.setViewportSize({ width: 380, height: 480 });
await popup.locator('[data-state="connected"]').waitFor({ timeout: 10_000 });
await popup.screenshot({ path: path.join(OUT, 'popup.png') });
const options = await session.openExtensionPage('options.html');
await options.locator('[data-testid="opt-account"][data-state="connected"]').waitFor({ timeout: 10_000 });
await options.screenshot({ path: path.join(OUT, 'options.png'), fullPage: true });

// Issue #26: the streamer's card and the popup with Chromium's UI in each language (Arabic lays them out right to left).
for (const lang of ['es-419', 'pt-BR', 'tr', 'ar']) {
  const other = await launchWithExtension(sim, { lang });
  await configureAccount(other, sim, { connected: true });
  const page = await other.context.newPage();
  await page.goto(`https://kick.com/${SEED.mainChannel}`);
  await waitForContentScript(page);
  await page.hover('#channel-username');
  await page.locator('[data-kuc-card][data-state="ready"]').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(OUT, `card-${lang}.png`) });
  const languagePopup = await other.openExtensionPage('popup.html');
  await languagePopup.setViewportSize({ width: 380, height: 480 });
  await languagePopup.locator('[data-state="connected"]').waitFor({ timeout: 10_000 });
  await languagePopup.screenshot({ path: path.join(OUT, `popup-${lang}.png`) });
  await other.close();
}

console.log(`Screenshots saved in ${path.relative(process.cwd(), OUT)}/`);
if (headful) {
  console.log('Chromium stays open on the simulated kick.com; press Ctrl+C to stop.');
  process.on('SIGINT', () => void session.close().then(() => sim.close()).then(() => process.exit(0)));
} else {
  await session.close();
  await sim.close();
}
