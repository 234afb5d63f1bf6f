import { afterAll, beforeAll } from 'vitest';
import { startKickSim, type KickSim } from '../kick-sim/index';
import { launchWithExtension, type ExtensionSession, type LaunchOptions } from './harness';

/** One simulator and one Chromium with the extension per test file; `onStart` receives both. */
export function withExtensionBrowser(onStart: (sim: KickSim, session: ExtensionSession) => void, options: LaunchOptions = {}): void {
  let sim: KickSim | undefined;
  let session: ExtensionSession | undefined;
  beforeAll(async () => {
    sim = await startKickSim();
    session = await launchWithExtension(sim, options);
    onStart(sim, session);
  });
  afterAll(async () => {
    await session?.close();
    await sim?.close();
  });
}
