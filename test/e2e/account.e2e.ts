/// <reference types="chrome" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEED, type KickSim } from '../kick-sim/index';
import { evaluateInContentScript, getExtensionStorage, saveScreenshot, setExtensionStorage, waitForContentScript, type ExtensionSession } from './harness';
import { withExtensionBrowser } from './lifecycle';
import { chatroomOfSlug } from '../kick-sim/chat-feed';

let sim: KickSim;
let session: ExtensionSession;
let options: Page;

async function openKickTab(): Promise<Page> {
  const kick = await session.context.newPage();
  await kick.goto(`https://kick.com/${SEED.mainChannel}`);
  await waitForContentScript(kick);
  return kick;
}

/** How many of a part (by test id) the channel's card shows on that tab: hovers the name until the card is ready, counts, and closes it. */
async function partsOnChannelCard(kick: Page, testId: string): Promise<number> {
  await kick.bringToFront();
  const card = kick.locator('[data-kuc-card]');
  await kick.hover('#channel-username');
  await expect.poll(() => card.getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
  const count = await card.getByTestId(testId).count();
  await kick.mouse.move(4, 790);
  await expect.poll(() => card.count()).toBe(0);
  return count;
}

/** One stored setting, as the options page wrote it to `storage.sync`. */
const storedSetting = async (key: string) => ((await getExtensionStorage(session, 'sync')).settings as Record<string, unknown>)[key];

const popupState = async (popup: Page) => popup.getByTestId('popup-state').getAttribute('data-state');

async function openPopup(): Promise<Page> {
  const popup = await session.openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 380, height: 520 });
  return popup;
}

withExtensionBrowser((startedSim, startedSession) => {
  sim = startedSim;
  session = startedSession;
});

describe('popup and options, from nothing to a connected account', () => {
  it('popup says the extension is not configured, with the action to fix it', async () => {
    const popup = await openPopup();
    await expect.poll(() => popupState(popup)).toBe('not_configured');
    expect(await popup.getByTestId('popup-open-options').isVisible()).toBe(true);
    await saveScreenshot(popup, 'popup-not-configured');
    await popup.close();
  });

  it('options validates the Kick app inline and saves it explicitly', async () => {
    options = await session.openExtensionPage('options.html');
    expect(await options.getByTestId('opt-redirect-uri').textContent()).toBe(`https://${session.extensionId}.chromiumapp.org/`);
    await options.getByTestId('opt-save').click();
    expect(await options.getByText('Client ID is required.').isVisible()).toBe(true);
    expect(await options.getByText('Client secret is required.').isVisible()).toBe(true);
    await options.getByLabel('Client ID').fill('sim client id with spaces');
    await options.getByTestId('opt-save').click();
    await expect.poll(() => options.getByText(/characters Kick never uses/).count()).toBeGreaterThan(0);
    expect(await getExtensionStorage(session, 'local')).not.toHaveProperty('kickApp');

    await options.getByLabel('Client ID').fill(sim.app.clientId);
    await options.getByLabel('Client secret').fill(sim.app.clientSecret);
    expect(await options.getByTestId('opt-client-secret').getAttribute('type')).toBe('password');
    await options.getByTestId('opt-secret-toggle').click();
    expect(await options.getByTestId('opt-client-secret').getAttribute('type')).toBe('text');
    await options.getByTestId('opt-save').click();
    await expect.poll(() => options.getByTestId('opt-saved').textContent()).toMatch(/Saved/);
    expect((await getExtensionStorage(session, 'local')).kickApp).toMatchObject({ clientId: sim.app.clientId });
    // The secret went to the extension's own database, not to storage.local (issue #10, finding 9).
    expect(JSON.stringify(await getExtensionStorage(session, 'local'))).not.toContain(sim.app.clientSecret);
    expect((await getExtensionStorage(session, 'secrets')).kickClientSecret).toBe(sim.app.clientSecret);
    await expect.poll(() => options.getByTestId('opt-account').getAttribute('data-state')).toBe('disconnected');
    await saveScreenshot(options, 'options-saved');
  });

  it('popup now offers Connect', async () => {
    const popup = await openPopup();
    await expect.poll(() => popupState(popup)).toBe('disconnected');
    expect(await popup.getByTestId('popup-connect').isEnabled()).toBe(true);
    await saveScreenshot(popup, 'popup-disconnected');
    await popup.close();
  });

  it('connects through the simulated authorize page and shows the user in options and popup', async () => {
    sim.clearLog();
    await options.getByTestId('opt-connect').click();
    await expect.poll(() => options.getByTestId('opt-account').getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
    expect(await options.getByTestId('popup-user-name').textContent()).toBe(SEED.viewer.username);
    const authorize = sim.requests({ host: 'id', path: '/oauth/authorize' })[0]!;
    expect(authorize.query.code_challenge_method).toEqual(['S256']);
    expect(sim.requests({ host: 'id', path: '/oauth/token' })[0]!.form).toMatchObject({ grant_type: 'authorization_code', client_secret: '***' });
    const stored = (await getExtensionStorage(session, 'secrets')).kickAccount as { tokens: { accessToken: string } };
    expect(sim.tokenState(stored.tokens.accessToken)).toBe('active');

    const popup = await openPopup();
    await expect.poll(() => popupState(popup)).toBe('connected');
    expect(await popup.getByTestId('popup-user-id').textContent()).toBe(String(SEED.viewer.userId));
    // The options page asks only for what the cards use (channels and users come with the app token).
    expect(await popup.getByTestId('popup-scopes').textContent()).toBe('user:read');
    expect(await popup.getByTestId('popup-expires').textContent()).toMatch(/1 h 5\d min|2 h 0 min/);
    expect(await popup.getByTestId('popup-email').count()).toBe(0);
    await popup.getByTestId('popup-show-email').click();
    expect(await popup.getByTestId('popup-email').textContent()).toBe('subsam@example.com');
    await popup.getByTestId('popup-show-email').click();
    await saveScreenshot(popup, 'popup-connected');
    await popup.close();
  });

  it('refreshes now, rotating the refresh token', async () => {
    const popup = await openPopup();
    await expect.poll(() => popupState(popup)).toBe('connected');
    const before = ((await getExtensionStorage(session, 'secrets')).kickAccount as { tokens: { refreshToken: string } }).tokens.refreshToken;
    await popup.getByTestId('popup-refresh').click();
    await expect.poll(async () => ((await getExtensionStorage(session, 'secrets')).kickAccount as { tokens: { refreshToken: string } }).tokens.refreshToken).not.toBe(before);
    expect(sim.tokenState(before)).toBe('rotated');
    await popup.close();
  });

  it('shows reconnect needed with the reason when the refresh fails with invalid_grant', async () => {
    const { tokens } = (await getExtensionStorage(session, 'secrets')).kickAccount as { tokens: { refreshToken: string } };
    sim.revokeToken(tokens.refreshToken);
    const popup = await openPopup();
    await expect.poll(() => popupState(popup)).toBe('connected');
    await popup.getByTestId('popup-refresh').click();
    await expect.poll(() => popupState(popup)).toBe('reconnect_needed');
    expect(await popup.getByTestId('popup-reason').textContent()).toMatch(/Connect again/);
    await saveScreenshot(popup, 'popup-refresh-failed');
    // The options page follows without reopening.
    await expect.poll(() => options.getByTestId('opt-account').getAttribute('data-state')).toBe('reconnect_needed');
    await popup.getByTestId('popup-reconnect').click();
    await expect.poll(() => popupState(popup), { timeout: 20_000 }).toBe('connected');
    await popup.close();
  });

  it('renews a token Kick reports dead with one refresh, without bothering the user', async () => {
    const { tokens } = (await getExtensionStorage(session, 'secrets')).kickAccount as { tokens: { accessToken: string } };
    sim.revokeToken(tokens.accessToken);
    sim.clearLog();
    const popup = await openPopup();
    await expect.poll(() => popupState(popup)).toBe('connected');
    expect(sim.requests({ host: 'id', path: '/oauth/token' })).toHaveLength(1);
    await popup.close();
  });

  it('shows a revoked sign-in honestly, with Kick’s documented refusal', async () => {
    const { tokens } = (await getExtensionStorage(session, 'secrets')).kickAccount as { tokens: { accessToken: string; refreshToken: string } };
    sim.revokeToken(tokens.accessToken);
    sim.revokeToken(tokens.refreshToken);
    sim.clearLog();
    const popup = await openPopup();
    await expect.poll(() => popupState(popup)).toBe('reconnect_needed');
    expect(await popup.getByTestId('popup-reason').textContent()).toMatch(/Connect again/);
    // Kick answered the one generic body its docs define, once; nothing asked again.
    expect(sim.requests({ host: 'id', path: '/oauth/token' }).map((r) => r.status)).toEqual([400]);
    await saveScreenshot(popup, 'popup-revoked');
    await popup.getByTestId('popup-reconnect').click();
    await expect.poll(() => popupState(popup), { timeout: 20_000 }).toBe('connected');
    await popup.close();
  });

  it('keeps tokens and the app secret out of reach of the content script', async () => {
    const kick = await session.context.newPage();
    await kick.goto(`https://kick.com/${SEED.mainChannel}`);
    await waitForContentScript(kick);
    const local = await evaluateInContentScript<string>(kick, 'chrome.storage.local.get(null).then((v) => JSON.stringify(v), (e) => "denied: " + e.message)');
    expect(local).toMatch(/^denied/);
    // Sync too, since notes may be there (issue #25 item 8): the content script asks the background for its settings.
    const sync = await evaluateInContentScript<string>(kick, 'chrome.storage.sync.get(null).then((v) => "ok " + JSON.stringify(v), (e) => "denied: " + e.message)');
    expect(sync).toMatch(/^denied/);
    const session_ = await evaluateInContentScript<string>(kick, 'chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => "denied: " + e.message)');
    expect(session_).toMatch(/^denied/);
    // The secret store is the extension origin's IndexedDB: from kick.com the same name opens kick.com's own, empty one.
    const stores = await evaluateInContentScript<string[]>(kick, `new Promise((resolve) => {
      const request = indexedDB.open('kick-user-cards');
      request.onsuccess = () => { const names = [...request.result.objectStoreNames]; request.result.close(); resolve(names); };
      request.onerror = () => resolve(['error']);
    })`);
    expect(stores).toEqual([]);
    await kick.close();
  });

  it('a settings change reaches the next card on an open kick.com tab', async () => {
    const kick = await openKickTab();
    expect(await partsOnChannelCard(kick, 'card-bio')).toBe(1);

    await options.bringToFront();
    await options.getByTestId('opt-field-bio').uncheck();
    await options.getByTestId('opt-hover-delay').fill('0');
    await options.getByTestId('opt-hover-delay').blur();
    await expect.poll(() => storedSetting('hoverDelayMs')).toBe(0);
    expect(await partsOnChannelCard(kick, 'card-bio')).toBe(0);

    // Clear cache reports what it removed.
    await options.bringToFront();
    await options.getByTestId('opt-clear-cache').click();
    await expect.poll(() => options.getByTestId('opt-cleared').textContent()).toMatch(/Cleared [1-9]\d* cards?/);
    await options.getByTestId('opt-clear-cache').click();
    await expect.poll(() => options.getByTestId('opt-cleared').textContent()).toBe('Cleared 0 cards.');
    await kick.close();
  });

  it('turning the chat feed off in the options leaves the chat an open tab shows, and its cards list no messages', async () => {
    const kick = await openKickTab();
    const chatroomId = chatroomOfSlug(sim, SEED.mainChannel)!;
    await expect.poll(() => sim.pusher.subscribers(chatroomId), { timeout: 10_000 }).toBe(1);
    expect(await partsOnChannelCard(kick, 'card-chatlog')).toBe(1);

    await options.bringToFront();
    await options.getByTestId('opt-follow-chat').uncheck();
    await expect.poll(() => storedSetting('followChat')).toBe(false);
    // No tab shows a chat to follow: the subscription and the socket go.
    await expect.poll(() => sim.pusher.subscribers(chatroomId), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => sim.pusher.connections, { timeout: 10_000 }).toBe(0);
    expect(await partsOnChannelCard(kick, 'card-chatlog')).toBe(0);

    await options.bringToFront();
    await options.getByTestId('opt-follow-chat').check();
    await expect.poll(() => sim.pusher.subscribers(chatroomId), { timeout: 10_000 }).toBe(1);
    await kick.close();
  });

  it('a bad stored setting falls back to defaults and says so', async () => {
    await setExtensionStorage(session, 'sync', { settings: { hoverDelayMs: 'fast', theme: 'neon' } });
    const page = await session.openExtensionPage('options.html');
    await expect.poll(() => page.getByTestId('opt-settings-problem').count()).toBe(1);
    expect(await page.getByTestId('opt-hover-delay').inputValue()).toBe('300');
    await page.close();
  });

  it('disconnect revokes both tokens at Kick and forgets them', async () => {
    const { tokens } = (await getExtensionStorage(session, 'secrets')).kickAccount as { tokens: { accessToken: string; refreshToken: string } };
    sim.clearLog();
    const popup = await openPopup();
    await expect.poll(() => popupState(popup)).toBe('connected');
    await popup.getByTestId('popup-disconnect').click();
    await expect.poll(() => popupState(popup)).toBe('disconnected');
    expect(sim.requests({ host: 'id', path: '/oauth/revoke' }).map((r) => r.query.token_hint_type?.[0]).sort()).toEqual(['access_token', 'refresh_token']);
    expect(sim.tokenState(tokens.accessToken)).toBe('revoked');
    expect(sim.tokenState(tokens.refreshToken)).toBe('revoked');
    expect((await getExtensionStorage(session, 'secrets')).kickAccount).toBeUndefined();
    await popup.close();
  });

  it('tells in the popup when a kick.com tab layout is not recognised', async () => {
    const kick = await session.context.newPage();
    await kick.goto(`https://kick.com/${SEED.mainChannel}?empty=1`);
    await waitForContentScript(kick);
    const layoutKey = async () => {
      const stored = await getExtensionStorage(session, 'session');
      return Object.entries(stored).find(([k, v]) => k.startsWith('layout:') && (v as { url: string; recognised: boolean }).url.includes('empty=1') && !(v as { recognised: boolean }).recognised)?.[0];
    };
    await expect.poll(layoutKey, { timeout: 20_000, interval: 1000 }).toBeDefined();
    const tabId = (await layoutKey())!.split(':')[1];
    const popup = await session.context.newPage();
    await popup.goto(`${session.origin}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('popup-layout').textContent()).toMatch(/layout not recognised/);
    await saveScreenshot(popup, 'popup-layout-not-recognised');
    await popup.close();
    await kick.close();
  });

  it('shows connecting while the Kick sign-in window is open, then the account after Authorize', async () => {
    sim.authorize.mode = 'page';
    try {
      const popup = await openPopup();
      await expect.poll(() => popupState(popup)).toBe('disconnected');
      const authWindow = session.context.waitForEvent('page', { predicate: (p) => p.url().includes('/oauth/authorize'), timeout: 15_000 });
      await popup.getByTestId('popup-connect').click();
      const consent = await authWindow;
      await expect.poll(() => popupState(popup)).toBe('connecting');
      // A popup opened meanwhile asks the background, which knows a sign-in is under way.
      const second = await openPopup();
      await expect.poll(() => popupState(second)).toBe('connecting');
      await saveScreenshot(second, 'popup-connecting');
      await consent.locator('#authorize').click().catch(() => undefined); // Chrome closes the window on redirect
      await expect.poll(() => popupState(popup), { timeout: 20_000 }).toBe('connected');
      await expect.poll(() => popupState(second), { timeout: 20_000 }).toBe('connected');
      await second.close();
      await popup.close();
    } finally {
      sim.authorize.mode = 'approve';
    }
  });

  it('says clearly when the sign-in window is closed without finishing', async () => {
    const popup = await openPopup();
    await expect.poll(() => popupState(popup)).toBe('connected');
    await popup.getByTestId('popup-disconnect').click();
    await expect.poll(() => popupState(popup)).toBe('disconnected');
    sim.authorize.mode = 'page';
    try {
      const authWindow = session.context.waitForEvent('page', { predicate: (p) => p.url().includes('/oauth/authorize'), timeout: 15_000 });
      await popup.getByTestId('popup-connect').click();
      await (await authWindow).close();
      await expect.poll(() => popup.getByTestId('popup-action-error').textContent(), { timeout: 15_000 }).toMatch(/closed before finishing/);
      await expect.poll(() => popupState(popup)).toBe('disconnected');
    } finally {
      sim.authorize.mode = 'approve';
    }
    await popup.close();
  });

  it('never stores or logs a token where a content script could read it', async () => {
    const session_ = await getExtensionStorage(session, 'session');
    expect(JSON.stringify(session_)).not.toMatch(/uat_|urt_|sim-client-secret/);
  });
});
