import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { SIM_REDIRECT_URI, startKickSim, type KickSim } from '../kick-sim/index';
import { s256 } from '../kick-sim/oauth-state';
import { startRelayServer, type RunningRelay } from '../../relay/node';
import type { RelayEnv, RelayOptions } from '../../relay/handler';
import { startWorkerRelay } from './workerd';

export const CHROME_ORIGIN = 'chrome-extension://cbcheimeidjhholbfobecagaibcflojo';
export const FIREFOX_ORIGIN = 'moz-extension://0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';

/** Where the relay runs: Node (relay/node.ts) or the Workers runtime (relay/worker.ts in Miniflare). */
export type RelayRuntime = 'node' | 'workerd';
export const RELAY_RUNTIMES: RelayRuntime[] = ['node', 'workerd'];

export interface RelayStartOptions extends RelayOptions {
  runtime?: RelayRuntime;
  /** Node only: TRUST_PROXY. */
  trustProxy?: boolean;
  /** workerd only: each line the Worker prints (Node's relay prints through console). */
  onOutput?: (line: string) => void;
}

/** The relay in front of the simulator's id.kick.com, configured as a real deployment would be. */
export function relayOnSim(sim: KickSim, env: Partial<RelayEnv> = {}, opts: RelayStartOptions = {}): Promise<RunningRelay> {
  const fullEnv: RelayEnv = {
    KICK_CLIENT_ID: sim.app.clientId,
    KICK_CLIENT_SECRET: sim.app.clientSecret,
    ALLOWED_ORIGINS: `${CHROME_ORIGIN},moz-extension://*`,
    ALLOWED_REDIRECT_URIS: SIM_REDIRECT_URI,
    KICK_ID_BASE: sim.origins.id,
    RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  };
  const { runtime = 'node', onOutput, ...nodeOpts } = opts;
  return runtime === 'workerd' ? startWorkerRelay(fullEnv, onOutput) : startRelayServer({ env: fullEnv, ...nodeOpts });
}

/** One simulator and one relay in front of it per test file; `onStart` receives both. */
export function withRelayOnSim(onStart: (sim: KickSim, relay: RunningRelay) => void): void {
  let sim: KickSim | undefined;
  let relay: RunningRelay | undefined;
  beforeAll(async () => {
    sim = await startKickSim();
    relay = await relayOnSim(sim);
    onStart(sim, relay);
  });
  afterAll(async () => {
    await relay?.close();
    await sim?.close();
  });
}

/** What Chrome's identity flow does: the authorize request, and the code from Kick's redirect. */
export async function authorizeOnSim(sim: KickSim, scope = 'user:read channel:read'): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL('/oauth/authorize', sim.origins.id);
  url.search = new URLSearchParams({
    client_id: sim.app.clientId,
    response_type: 'code',
    redirect_uri: SIM_REDIRECT_URI,
    state: 'st',
    scope,
    code_challenge: s256(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const res = await fetch(url, { redirect: 'manual' });
  const code = new URL(res.headers.get('location') ?? 'x:').searchParams.get('code');
  if (!code) throw new Error(`the simulator issued no code (${res.status})`);
  return { code, verifier };
}
