/// <reference types="chrome" />
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generate } from 'selfsigned';
import { SEED, SIM_REDIRECT_URI, startKickSim, type KickSim } from '../kick-sim/index';
import { startRelayServer, type RunningRelay } from '../../relay/node';
import type { RelayLogLine } from '../../relay/handler';
import { BUILDS, getExtensionStorage, launchWithExtension, saveScreenshot, type ExtensionSession } from './harness';

/**
 * Issue #14: the build made with WXT_KICK_RELAY_URL=https://relay.test (npm run build:e2e) connects
 * through the relay on Node (TLS, mapped to relay.test) in front of the simulated Kick, with no app
 * of the user's and no client secret in the extension.
 */
const CHROME_ORIGIN = 'chrome-extension://cbcheimeidjhholbfobecagaibcflojo';

let sim: KickSim;
let relay: RunningRelay;
let session: ExtensionSession;
const relayLog: RelayLogLine[] = [];
/** Every token the extension held during these tests, for the log check. */
const seenTokens = new Set<string>();

beforeAll(async () => {
  sim = await startKickSim();
  sim.authorize = { mode: 'page', userId: SEED.viewer.userId };
  const pems = await generate([{ name: 'commonName', value: 'relay.test' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
  relay = await startRelayServer({
    env: {
      KICK_CLIENT_ID: sim.app.clientId,
      KICK_CLIENT_SECRET: sim.app.clientSecret,
      ALLOWED_ORIGINS: CHROME_ORIGIN,
      ALLOWED_REDIRECT_URIS: SIM_REDIRECT_URI,
      KICK_ID_BASE: sim.origins.id,
    },
    tls: { key: pems.private, cert: pems.cert },
    log: (line) => relayLog.push(line),
  });
  session = await launchWithExtension(sim, { build: 'relay', extraHostRules: [`MAP relay.test 127.0.0.1:${relay.port}`] });
});
afterAll(async () => {
  await session?.close();
  await relay?.close();
  await sim?.close();
});

const popupState = (popup: Page) => popup.getByTestId('popup-state').getAttribute('data-state');
async function storedAccount() {
  const account = (await getExtensionStorage(session, 'secrets')).kickAccount as { tokens: { accessToken: string; refreshToken: string } } | undefined;
  if (account) for (const token of [account.tokens.accessToken, account.tokens.refreshToken]) seenTokens.add(token);
  return account;
}
const forwarded = (p: string) => relayLog.filter((l) => l.path === p && l.outcome === 'forwarded').length;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('one-click connect through the relay (Chromium)', () => {
  it('the built files hold the relay and the public client id, and no client secret', async () => {
    expect(session.origin).toBe(CHROME_ORIGIN);
    const text = (await Promise.all((await filesUnder(BUILDS.relay)).map((f) => readFile(f, 'latin1')))).join('\n');
    expect(text).toContain('https://relay.test');
    expect(text).toContain(sim.app.clientId);
    expect(text).not.toContain(sim.app.clientSecret);
  });

  it('a new user clicks Connect with Kick, approves on Kick’s page, and sees the account, typing nothing', async () => {
    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popupState(popup)).toBe('disconnected');
    expect(await popup.getByTestId('popup-connect').textContent()).toBe('Connect with Kick');
    const consentOpened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes('/oauth/authorize'), timeout: 20_000 });
    await popup.getByTestId('popup-connect').click();
    const consent = await consentOpened;
    // Chrome closes the sign-in window on Kick's redirect, which can interrupt the click.
    await consent.locator('#authorize').click().catch(() => undefined);
    await expect.poll(() => popupState(popup), { timeout: 20_000 }).toBe('connected');
    expect(await popup.getByTestId('popup-user-name').textContent()).toBe(SEED.viewer.username);
    expect(await popup.getByTestId('popup-via').getAttribute('data-via')).toBe('relay');
    expect(await popup.getByTestId('popup-scopes').textContent()).toBe('user:read, channel:read');
    expect(sim.requests({ host: 'id', path: '/oauth/token' })[0]!.form).toMatchObject({ grant_type: 'authorization_code', client_secret: '***' });
    expect(forwarded('/token')).toBe(1);
    expect(sim.tokenState((await storedAccount())!.tokens.accessToken)).toBe('active');
    await saveScreenshot(popup, 'popup-connected-relay');
    await popup.close();
  });

  it('options show Connect with Kick, no app fields, and the advanced choice', async () => {
    const options = await session.openExtensionPage('options.html');
    await expect.poll(() => options.getByTestId('opt-signin').getAttribute('data-mode')).toBe('relay');
    expect(await options.getByTestId('opt-client-secret').count()).toBe(0);
    expect(await options.getByTestId('opt-use-own-app').isChecked()).toBe(false);
    await expect.poll(() => options.getByTestId('opt-connected-via').textContent()).toContain('sign-in service');
    await options.close();
  });

  it('refresh through the relay rotates the pair', async () => {
    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popupState(popup)).toBe('connected');
    const before = (await storedAccount())!.tokens.refreshToken;
    await popup.getByTestId('popup-refresh').click();
    await expect.poll(async () => (await storedAccount())!.tokens.refreshToken).not.toBe(before);
    expect(sim.tokenState(before)).toBe('rotated');
    expect(forwarded('/token')).toBe(2);
    await popup.close();
  });

  it('a 429 through the relay reads “not reachable” with Kick’s own wait (Retry-After crosses CORS)', async () => {
    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popupState(popup)).toBe('connected');
    sim.fault({ host: 'id', path: '/oauth/token', status: 429, retryAfter: '3', times: 1 });
    await popup.getByTestId('popup-refresh').click();
    await expect.poll(() => popup.getByTestId('popup-action-error').textContent()).toMatch(/^The sign-in service is not reachable\. Trying again in 3 s\./);
    await popup.close();
    // The host circuit holds the relay for those 3 s; the next test needs it asked again.
    await new Promise((resolve) => setTimeout(resolve, 3_100));
  });

  it('a relay answering 503 reads “the sign-in service is not reachable” and keeps the account', async () => {
    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popupState(popup)).toBe('connected');
    const before = (await storedAccount())!.tokens.refreshToken;
    sim.fault({ host: 'id', path: '/oauth/token', status: 503, times: 1 });
    await popup.getByTestId('popup-refresh').click();
    await expect.poll(() => popup.getByTestId('popup-action-error').textContent()).toContain('The sign-in service is not reachable');
    expect((await storedAccount())!.tokens.refreshToken).toBe(before);
    await saveScreenshot(popup, 'popup-relay-unreachable');
    await popup.close();
  });

  it('extension storage holds the tokens and no client secret', async () => {
    const local = await getExtensionStorage(session, 'local');
    const secrets = await getExtensionStorage(session, 'secrets');
    expect(secrets.kickAccount).toBeDefined();
    expect(secrets.kickClientSecret).toBeUndefined();
    expect(JSON.stringify({ local, secrets })).not.toContain(sim.app.clientSecret);
  });

  it('disconnect revokes both tokens through the relay', async () => {
    const { tokens } = (await storedAccount())!;
    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popupState(popup)).toBe('connected');
    await popup.getByTestId('popup-disconnect').click();
    await expect.poll(() => popupState(popup)).toBe('disconnected');
    // The two revokes go out together: either may land first.
    await expect.poll(() => [sim.tokenState(tokens.refreshToken), sim.tokenState(tokens.accessToken)]).toEqual(['revoked', 'revoked']);
    await expect.poll(() => forwarded('/revoke')).toBe(2);
    await popup.close();
  });

  it('the relay’s log holds no secret or token', () => {
    const text = JSON.stringify(relayLog);
    expect(relayLog.length).toBeGreaterThanOrEqual(5);
    expect(seenTokens.size).toBeGreaterThanOrEqual(4);
    expect(text).not.toContain(sim.app.clientSecret);
    for (const token of seenTokens) expect(text).not.toContain(token);
  });
});
