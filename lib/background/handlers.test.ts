import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type KickSim } from '../../test/kick-sim/index';
import { backgroundOnSim, withSimulator } from '../../test/support/background';
import { REFRESH_AHEAD_MS, REFRESH_ALARM } from '../auth/token-manager';
import { tokenStore } from '../auth/token-store';
import { createHandlers } from './handlers';

let sim: KickSim;
withSimulator((started) => (sim = started));

describe('background handlers', () => {
  it('answers Kick failures as data, never as a thrown error', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    sim.fault({ host: 'api', path: '/public/v1/channels', status: 503 });
    await expect(handlers.getUserCard({ username: 'streamer1' }, {})).resolves.toEqual({
      ok: false, error: { code: 'server', status: 503, message: 'Kick answered with an error (503).' },
    });
    sim.fault({ host: 'id', path: '/oauth/token', status: 503 });
    await expect(handlers.connect({}, {})).resolves.toMatchObject({ ok: false, error: { code: 'server', status: 503 } });
  });

  it('keeps the layout report per tab and counts cached cards', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    await handlers.getUserCard({ username: 'streamer1' }, {});
    await handlers.reportLayout({ url: 'https://kick.com/streamer1', recognised: false, namesSeen: 0, surfaces: {} }, { tab: { id: 7 } });
    const info = await handlers.getTabInfo({ tabId: 7 }, {});
    expect(info).toMatchObject({ layout: { recognised: false, url: 'https://kick.com/streamer1' }, cachedCards: 1 });
    expect((await handlers.getTabInfo({ tabId: 8 }, {})).layout).toBeUndefined();
    expect(await handlers.clearCache({}, {})).toEqual({ cleared: 1 });
  });

  it('counts failed kick.com reads per tab, also when they arrive together', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    await Promise.all([
      handlers.reportWebFailure({ part: 'channel', reason: 'kick.com answered 403' }, { tab: { id: 7 } }),
      handlers.reportWebFailure({ part: 'relation', reason: 'kick.com answered 403' }, { tab: { id: 7 } }),
      handlers.reportWebFailure({ part: 'channel', reason: 'kick.com did not answer in time' }, { tab: { id: 9 } }),
    ]);
    expect((await handlers.getTabInfo({ tabId: 7 }, {})).webFailures).toMatchObject({ count: 2, last: { part: 'relation' } });
    expect((await handlers.getTabInfo({ tabId: 9 }, {})).webFailures).toMatchObject({ count: 1, last: { reason: 'kick.com did not answer in time' } });
    expect((await handlers.getTabInfo({ tabId: 8 }, {})).webFailures).toBeUndefined();
  });

  it('schedules the refresh alarm five minutes before the token expires', async () => {
    const { services } = await backgroundOnSim(sim);
    const expiresAt = Date.now() + 7_200_000;
    await tokenStore.setAccount({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt, scopes: [], obtainedAt: Date.now() } });
    await services.scheduleRefresh();
    const alarm = await fakeBrowser.alarms.get(REFRESH_ALARM);
    expect(alarm?.scheduledTime).toBe(expiresAt - REFRESH_AHEAD_MS);
    await tokenStore.clearAccount();
    await services.scheduleRefresh();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeUndefined();
  });
});
