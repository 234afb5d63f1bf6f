import { afterAll, beforeAll } from 'vitest';
import { startKickSim, type KickSim } from '../kick-sim/index';
import type { BrowserDriver } from './driver';
import { launchFirefox } from './firefox-harness';
import { moderationScenarios } from './moderation-scenarios';
import { notesScenarios, userScenarios } from './scenarios';

// Firefox ESR with the Firefox build, against the simulator on 127.0.0.1:443 (see firefox-harness.ts).
let sim: KickSim | undefined;
let driver: BrowserDriver | undefined;
beforeAll(async () => {
  sim = await startKickSim({ httpsPort: 443 });
  driver = await launchFirefox(sim);
  // The user registered this browser's redirect URI on the Kick app, beside Chrome's.
  sim.app.redirectUris.push(driver.redirectUri);
});
afterAll(async () => {
  await driver?.close();
  await sim?.close();
});

userScenarios(() => driver!);
notesScenarios(() => driver!);
moderationScenarios(() => driver!);
