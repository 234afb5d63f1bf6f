import { afterAll, beforeAll } from 'vitest';
import { startKickSim, type KickSim } from '../kick-sim/index';
import { launchChromium } from './chromium-driver';
import type { BrowserDriver } from './driver';
import { moderationScenarios } from './moderation-scenarios';
import { notesScenarios, userScenarios } from './scenarios';

// The scenarios firefox.e2e.ts runs, in Chromium: one behaviour, proven in both browsers.
let sim: KickSim | undefined;
let driver: BrowserDriver | undefined;
beforeAll(async () => {
  sim = await startKickSim();
  driver = await launchChromium(sim);
});
afterAll(async () => {
  await driver?.close();
  await sim?.close();
});

userScenarios(() => driver!);
notesScenarios(() => driver!);
moderationScenarios(() => driver!);
