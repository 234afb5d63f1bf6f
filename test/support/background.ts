import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { tokenStore } from '../../lib/auth/token-store';
import { createBackgroundServices } from '../../lib/background/services';
import { saveAppConfig } from '../../lib/settings/app-config';
import type { RelayConfig } from '../../lib/settings/relay-config';
import { SIM_REDIRECT_URI, startKickSim, type KickSim } from '../kick-sim/index';

/**
 * The background's real services pointed at the simulator, with `launchWebAuthFlow` played by a
 * function that performs the authorize request over HTTP and returns Kick's redirect, as Chrome does.
 */
export async function backgroundOnSim(sim: KickSim, opts: { configured?: boolean; relay?: RelayConfig | null } = {}) {
  fakeBrowser.identity.getRedirectURL = () => SIM_REDIRECT_URI;
  if (opts.configured ?? true)
    await saveAppConfig({ clientId: sim.app.clientId, clientSecret: sim.app.clientSecret, scopes: ['user:read', 'channel:read'] });
  const launches: string[] = [];
  const services = createBackgroundServices({
    endpoints: { idBase: sim.endpoints.idBase, apiBase: sim.endpoints.apiBase },
    // Unit tests never see a build's relay: only a test that names one gets one.
    relay: opts.relay ?? null,
    launchAuthFlow: async (url) => {
      launches.push(url);
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status !== 302) throw new Error(`Authorization page could not be loaded (${res.status}).`);
      return res.headers.get('location') ?? undefined;
    },
  });
  return { services, launches };
}

/** One simulator per test file, reset with the fake browser before each test; `onStart` receives it. */
export function withSimulator(onStart: (sim: KickSim) => void): void {
  let sim: KickSim | undefined;
  beforeAll(async () => {
    sim = await startKickSim();
    onStart(sim);
  });
  afterAll(() => sim?.close());
  beforeEach(() => {
    fakeBrowser.reset();
    sim?.reset();
  });
}

/** Stores a token set the simulator issued, as if the user had connected earlier. */
export async function storeConnectedAccount(sim: KickSim, opts: { expiresIn?: number; scopes?: string[]; userId?: number } = {}) {
  const userId = opts.userId ?? 1005;
  const issued = sim.issueUserToken({ expiresIn: opts.expiresIn, scopes: opts.scopes, userId });
  await tokenStore.setAccount({
    tokens: {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      expiresAt: Date.now() + issued.expires_in * 1000,
      scopes: issued.scope.split(' '),
      obtainedAt: Date.now(),
    },
    user: { userId, name: sim.users.get(userId)?.username ?? 'subsam' },
  });
  return issued;
}
