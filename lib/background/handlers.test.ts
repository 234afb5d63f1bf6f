import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type KickSim } from '../../test/kick-sim/index';
import { backgroundOnSim, withSimulator } from '../../test/support/background';
import { REFRESH_AHEAD_MS, REFRESH_ALARM } from '../auth/token-manager';
import { tokenStore } from '../auth/token-store';
import { createHandlers } from './handlers';
import { protocol } from '../messaging/protocol';
import { TAB_LOOKUPS_PER_MINUTE } from '../rate/request-budget';

let sim: KickSim;
withSimulator((started) => (sim = started));

describe('background handlers', () => {
  it('answers Kick failures as data, never as a thrown error', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    sim.fault({ host: 'api', path: '/public/v1/channels', status: 503 });
    await expect(handlers.getUserCard({ username: 'streamer1' }, tab(1))).resolves.toEqual({
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

  it('obeys Kick’s Retry-After: no request to Kick until it has passed, cached cards still served', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    await handlers.getUserCard({ username: 'streamer1' }, tab(1));
    sim.clearLog();
    sim.fault({ host: 'api', path: '/public/v1/channels', status: 429, retryAfter: '60' });
    const first = await handlers.getUserCard({ username: 'modmaria' }, tab(1));
    expect(first).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSec: 60 } });
    // Five more hovers and ten Retry clicks inside the window: answered from memory.
    for (const name of ['vipvictor', 'subsam', 'og_olga', 'staffsteve', 'cool_cat'])
      expect(await handlers.getUserCard({ username: name }, tab(1))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    for (let i = 0; i < 10; i++) await handlers.getUserCard({ username: 'modmaria', forceRefresh: true }, tab(1));
    expect(sim.requests({ host: 'api' })).toHaveLength(1);
    expect(await handlers.getUserCard({ username: 'streamer1' }, tab(1))).toMatchObject({ ok: true, profile: { slug: 'streamer1' } });
    const later = Date.now() + 61_000;
    vi.spyOn(Date, 'now').mockImplementation(() => later);
    sim.clearFaults();
    expect(await handlers.getUserCard({ username: 'modmaria' }, tab(1))).toMatchObject({ ok: true });
  });

  it('remembers a 5xx briefly instead of asking again on every hover', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    await services.tokens.appAccessToken();
    sim.clearLog();
    sim.fault({ host: 'api', path: '/public/v1/channels', status: 502 });
    for (const name of ['streamer1', 'modmaria', 'subsam']) await handlers.getUserCard({ username: name }, tab(1));
    expect(sim.requests({ host: 'api' })).toHaveLength(1);
  });

  it('honours a content script’s forced refresh only for a card older than 30 s; the extension’s pages always', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services, { isTrustedSender: (s) => s.url === 'options' });
    await handlers.getUserCard({ username: 'streamer1' }, tab(1));
    sim.clearLog();
    for (let i = 0; i < 5; i++) await handlers.getUserCard({ username: 'streamer1', forceRefresh: true }, tab(1));
    expect(sim.requests({ host: 'api' })).toHaveLength(0);
    await handlers.getUserCard({ username: 'streamer1', forceRefresh: true }, { url: 'options' });
    expect(sim.requests({ host: 'api', path: '/public/v1/channels' })).toHaveLength(1);
    const later = Date.now() + 31_000;
    vi.spyOn(Date, 'now').mockImplementation(() => later);
    await handlers.getUserCard({ username: 'streamer1', forceRefresh: true }, tab(1));
    expect(sim.requests({ host: 'api', path: '/public/v1/channels' })).toHaveLength(2);
  });

  it('bounds the new cards one tab can cause per minute, whatever the page does', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    const names = Array.from({ length: TAB_LOOKUPS_PER_MINUTE + 10 }, (_, i) => `user${i}`);
    for (const name of names) sim.addUser({ username: name });
    const answers = await Promise.all(names.map(async (username) => handlers.getUserCard({ username }, tab(3))));
    expect(answers.filter((a) => a.ok)).toHaveLength(TAB_LOOKUPS_PER_MINUTE);
    expect(answers.find((a) => !a.ok)).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/Too many new cards from this tab/) as string } });
    // Another tab has its own budget, and cached cards cost nothing.
    expect(await handlers.getUserCard({ username: names.at(-1)! }, tab(4))).toMatchObject({ ok: true });
    expect(await handlers.getUserCard({ username: names[0]! }, tab(3))).toMatchObject({ ok: true });
    const channelSlugs = sim.requests({ host: 'api', path: '/public/v1/channels' }).flatMap((r) => r.query.slug);
    expect(channelSlugs).toHaveLength(TAB_LOOKUPS_PER_MINUTE + 1);
  });

  it('answers within its deadline while a slow lookup goes on into the cache', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services, { lookupDeadlineMs: 200 });
    await services.tokens.appAccessToken();
    sim.fault({ host: 'api', path: '/public/v1/channels', delayMs: 600, times: 1 });
    const started = Date.now();
    expect(await handlers.getUserCard({ username: 'streamer1' }, tab(1))).toEqual({
      ok: false, error: { code: 'timeout', message: 'Kick is slow to answer; the card will be ready on the next hover.' },
    });
    expect(Date.now() - started).toBeLessThan(550);
    await expect.poll(async () => (await services.cache.get('streamer1')).state, { timeout: 3000 }).toBe('fresh');
    expect(await handlers.getUserCard({ username: 'streamer1' }, tab(1))).toMatchObject({ ok: true });
  });

  it('refuses oversized layout reports at the boundary and forgets a closed tab', async () => {
    const huge = { url: 'https://kick.com/x', recognised: true, namesSeen: 1, surfaces: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`s${i}`, 1])) };
    expect(protocol.reportLayout.input.safeParse(huge).success).toBe(false);
    expect(protocol.reportLayout.input.safeParse({ ...huge, surfaces: { ['x'.repeat(10_000)]: 1 } }).success).toBe(false);
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    await handlers.reportLayout({ url: 'https://kick.com/x', recognised: true, namesSeen: 1, surfaces: { chat: 1 } }, tab(9));
    expect(await fakeBrowser.storage.session.get('layout:9')).not.toEqual({});
    await handlers.forgetTab(9);
    expect(await fakeBrowser.storage.session.get('layout:9')).toEqual({});
  });

  it('keeps private windows’ cards apart: never in storage, not served or counted in a normal window, gone with their last tab', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    // Tabs 21 and 22 are in a private window, 7 in a normal one (the popup asks the browser which).
    // The fake browser's tabs never say they are private; `tabs.get` is typed with its callback form too, hence the lint exception.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation((id: number) => Promise.resolve({ id, incognito: id === 21 || id === 22 } as never));
    expect(await handlers.getUserCard({ username: 'streamer1' }, privateTab(21))).toMatchObject({ ok: true, profile: { slug: 'streamer1' } });
    expect(Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => k.startsWith('card:'))).toEqual([]);
    expect(await handlers.getTabInfo({ tabId: 7 }, {})).toMatchObject({ cachedCards: 0 });
    expect(await handlers.getTabInfo({ tabId: 21 }, {})).toMatchObject({ cachedCards: 1 });

    // The normal window asks Kick itself, and its answer is its own.
    sim.clearLog();
    expect(await handlers.getUserCard({ username: 'streamer1' }, tab(7))).toMatchObject({ ok: true, stale: false });
    expect(sim.requests({ host: 'api' }).length).toBeGreaterThan(0);
    expect(await handlers.getTabInfo({ tabId: 7 }, {})).toMatchObject({ cachedCards: 1 });

    // The other private tab is served from the private cache, and it stays until the last private tab closes.
    sim.clearLog();
    expect(await handlers.getUserCard({ username: 'streamer1' }, privateTab(22))).toMatchObject({ ok: true });
    expect(sim.requests({ host: 'api' })).toHaveLength(0);
    await handlers.forgetTab(21);
    expect(await services.privateCache.size()).toBe(1);
    await handlers.forgetTab(22);
    expect(await services.privateCache.size()).toBe(0);
    expect(await services.cache.size()).toBe(1);
  });

  it('empties both caches from the options page and counts only the normal windows’ cards', async () => {
    const { services } = await backgroundOnSim(sim);
    const handlers = createHandlers(services);
    await handlers.getUserCard({ username: 'streamer1' }, privateTab(21));
    await handlers.getUserCard({ username: 'modmaria' }, privateTab(21));
    await handlers.getUserCard({ username: 'streamer1' }, tab(7));
    expect(await handlers.clearCache({}, {})).toEqual({ cleared: 1 });
    expect(await services.privateCache.size()).toBe(0);
  });

  it('injects the card UI into the frame that asked, and refuses a sender with no tab', async () => {
    const { services } = await backgroundOnSim(sim);
    const injected: [number, number][] = [];
    const handlers = createHandlers(services, { injectCardUi: (tabId, frameId) => Promise.resolve(void injected.push([tabId, frameId])) });
    await expect(handlers.loadCardUi({}, { ...tab(4), frameId: 2 })).resolves.toEqual({ ok: true });
    await expect(handlers.loadCardUi({}, tab(5))).resolves.toEqual({ ok: true });
    await expect(handlers.loadCardUi({}, { url: 'chrome-extension://x/options.html' })).resolves.toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(injected).toEqual([[4, 2], [5, 0]]);
    const failing = createHandlers(services, { injectCardUi: () => Promise.reject(new Error('No tab with id: 9')) });
    await expect(failing.loadCardUi({}, tab(9))).resolves.toMatchObject({ ok: false });
    expect(JSON.stringify(await failing.loadCardUi({}, tab(9)))).toContain('No tab with id: 9');
  });
});

function tab(id: number) {
  return { tab: { id }, url: `https://kick.com/streamer1#${id}` };
}

function privateTab(id: number) {
  return { tab: { id, incognito: true }, url: `https://kick.com/streamer1#${id}` };
}
