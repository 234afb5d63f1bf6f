/// <reference types="chrome" />
import { describe, expect, it } from 'vitest';
import { type KickSim } from '../kick-sim/index';
import { sendFromPage, waitForContentScript, type ExtensionSession } from './harness';
import { withExtensionBrowser } from './lifecycle';
import { SEED } from '../kick-sim/seed';

describe('the production build in real Chromium', () => {
  let sim: KickSim;
  let session: ExtensionSession;

  withExtensionBrowser((startedSim, startedSession) => {
    sim = startedSim;
    session = startedSession;
  });

  it('loads with the fixed key, so the OAuth redirect URI is stable', async () => {
    expect(session.extensionId).toBe('cbcheimeidjhholbfobecagaibcflojo');
    const worker = await session.serviceWorker();
    const manifest: { manifest_version: number; permissions?: string[]; host_permissions?: string[]; web_accessible_resources?: unknown } = await worker.evaluate(
      () => chrome.runtime.getManifest() as never,
    );
    expect(manifest.manifest_version).toBe(3);
    // scripting and kick.com: the card's UI is injected into kick.com tabs on the first hover (issue #12); kick.com was
    // already granted through the content script, so the install prompt asks for nothing new.
    expect([...(manifest.permissions ?? [])].sort()).toEqual(['alarms', 'identity', 'scripting', 'storage']);
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual(['https://api.kick.com/*', 'https://id.kick.com/*', 'https://kick.com/*', 'https://www.kick.com/*']);
    // Nothing a page could fetch to tell the extension is installed (the card's CSS travels inside its script).
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  it('answers ping from an extension page over the typed protocol', async () => {
    const page = await session.openExtensionPage('popup.html');
    const answer = await sendFromPage<{ nonce: string; version: string }>(page, 'ping', { nonce: 'e2e' });
    expect(answer.err).toBeUndefined();
    expect(answer.res).toEqual({ nonce: 'e2e', version: '0.1.0' });
    const rejected = await sendFromPage(page, 'ping', { nonce: 42 });
    expect(rejected.err?.message).toMatch(/"ping" rejected: nonce/);
    await page.close();
  });

  it('injects the content script on a kick.com channel page served by the simulator', async () => {
    const page = await session.context.newPage();
    await page.goto(`https://kick.com/${SEED.mainChannel}`);
    await waitForContentScript(page);
    expect(sim.requests({ host: 'web', path: `/${SEED.mainChannel}` }).length).toBeGreaterThan(0);
    await page.close();
  });
});
