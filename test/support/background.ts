import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundServices } from '../../lib/background/services';
import { appConfigItem } from '../../lib/settings/app-config';
import { SIM_REDIRECT_URI, type KickSim } from '../kick-sim/index';

/**
 * The background's real services pointed at the simulator, with `launchWebAuthFlow` played by a
 * function that performs the authorize request over HTTP and returns Kick's redirect, as Chrome does.
 */
export async function backgroundOnSim(sim: KickSim, opts: { configured?: boolean } = {}) {
  fakeBrowser.identity.getRedirectURL = () => SIM_REDIRECT_URI;
  if (opts.configured ?? true)
    await appConfigItem.setValue({ clientId: sim.app.clientId, clientSecret: sim.app.clientSecret, scopes: ['user:read', 'channel:read'] });
  const launches: string[] = [];
  const services = createBackgroundServices({
    endpoints: { idBase: sim.endpoints.idBase, apiBase: sim.endpoints.apiBase },
    launchAuthFlow: async (url) => {
      launches.push(url);
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status !== 302) throw new Error(`Authorization page could not be loaded (${res.status}).`);
      return res.headers.get('location') ?? undefined;
    },
  });
  return { services, launches };
}
