import { describe, expect, it } from 'vitest';
import { SEED, type KickSim } from '../../test/kick-sim/index';
import { backgroundOnSim, storeConnectedAccount, withSimulator } from '../../test/support/background';
import { slugCandidates } from './card-lookup';
import { tokenStore } from '../auth/token-store';
import { isKickError } from '../kick/errors';

let sim: KickSim;
withSimulator((started) => (sim = started));

const connected = () => storeConnectedAccount(sim);

const TEN = ['streamer1', 'modmaria', 'vipvictor', 'og_olga', 'subsam', 'bannedbob', 'staffsteve', 'cool_cat', 'nopicnick', 'secondstreamer'];

describe('card lookups', () => {
  it('maps channel and user into one official profile', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    const { profile, stale } = await services.cards.lookup('streamer1');
    expect(stale).toBe(false);
    expect(profile).toMatchObject({
      userId: 1001, slug: 'streamer1', name: 'streamer1',
      avatarUrl: 'https://files.kick.com/images/user/1001/profile_image/conversion/avatar-fullsize.webp',
      live: { isLive: true, viewerCount: 12_345, title: 'Ranked grind until diamond', category: 'Just Chatting' },
    });
  });

  it('batches 10 concurrent lookups into one channels call and one users call, with the app token', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    const results = await Promise.all(TEN.map((name) => services.cards.lookup(name)));
    expect(results.map((r) => r.profile.userId).sort()).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1010, 1014]);
    const channelCalls = sim.requests({ path: '/public/v1/channels' });
    const userCalls = sim.requests({ path: '/public/v1/users' });
    expect(channelCalls).toHaveLength(1);
    expect(channelCalls[0]!.query.slug).toHaveLength(10);
    // Public data goes through the app token even when connected (#200: user tokens lose fields).
    expect(channelCalls[0]!.auth).toBe('app');
    expect(userCalls.map((c) => c.query.id!.length)).toEqual([10]);
    console.info(`10 distinct lookups: ${channelCalls.length} channels request, ${userCalls.length} users request`);
  });

  it('asks for at most 25 slugs at once (#321)', async () => {
    const { services } = await backgroundOnSim(sim);
    const names = Array.from({ length: 30 }, (_, i) => `user${i}`);
    for (const name of names) sim.addUser({ username: name });
    await Promise.all(names.map((name) => services.cards.lookup(name)));
    expect(sim.requests({ path: '/public/v1/channels' }).map((c) => c.query.slug!.length)).toEqual([25, 5]);
  });

  it('gives an unknown name beside known ones a not-found answer, from one 200 (#231)', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    const names = [...TEN.slice(0, 9), 'ghost'];
    const results = await Promise.allSettled(names.map((name) => services.cards.lookup(name)));
    expect(results.slice(0, 9).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[9]).toMatchObject({ status: 'rejected', reason: { info: { code: 'not_found' } } });
    const channelCalls = sim.requests({ path: '/public/v1/channels' });
    expect(channelCalls.map((c) => c.status)).toEqual([200]);
    expect(sim.requests({ path: '/public/v1/users' }).flatMap((c) => c.query.id)).toHaveLength(9);
  });

  it('never caches a token, network, 5xx or 429 failure as not found, and never splits on them', async () => {
    const faults = [
      // Kick's generic token refusal: once split and cached as "not found" by the old lookup.
      { host: 'id' as const, path: '/oauth/token', status: 400, body: JSON.stringify({ error: 'Invalid request' }) },
      { host: 'id' as const, path: '/oauth/token', status: 500 },
      { host: 'id' as const, path: '/oauth/token', status: 429, retryAfter: '1' },
      { host: 'api' as const, path: '/public/v1/channels', status: 503 },
      { host: 'api' as const, path: '/public/v1/channels', status: 429, retryAfter: '1' },
      { host: 'api' as const, path: '/public/v1/channels', status: 401 },
    ];
    for (const fault of faults) {
      // Fresh services (no memory of the round before) and no app token, so the token endpoint is on the path.
      const { services } = await backgroundOnSim(sim);
      await tokenStore.clearAppToken();
      await services.cache.clear();
      sim.clearLog();
      const off = sim.fault(fault);
      const settled = await Promise.allSettled(['streamer1', 'modmaria'].map((name) => services.cards.lookup(name)));
      off();
      for (const result of settled) {
        expect(result.status).toBe('rejected');
        expect(isKickError((result as PromiseRejectedResult).reason, 'not_found')).toBe(false);
      }
      // No binary split of a failed batch: one channels request (two when a 401 renews the app token once).
      expect(sim.requests({ path: '/public/v1/channels' }).length).toBeLessThanOrEqual(2);
      expect(await services.cache.size()).toBe(0);
    }
    // Once the failure clears, the same names give real cards.
    const { services } = await backgroundOnSim(sim);
    const { profile } = await services.cards.lookup('streamer1');
    expect(profile.slug).toBe('streamer1');
  });

  it('splits a batch only when /channels itself refuses it as invalid', async () => {
    const { services } = await backgroundOnSim(sim);
    // Kick refuses a request for invalid parameters (kick-api.md); the simulator plays it once.
    sim.fault({ host: 'api', path: '/public/v1/channels', status: 400, times: 1 });
    const results = await Promise.all(['streamer1', 'modmaria', 'subsam'].map((name) => services.cards.lookup(name)));
    expect(results.map((r) => r.profile.slug)).toEqual(['streamer1', 'modmaria', 'subsam']);
    expect(sim.requests({ path: '/public/v1/channels' }).map((c) => c.status)).toEqual([400, 200, 200]);
  });

  it('falls back to the user token when the app token is refused, and names the missing scope', async () => {
    const { services } = await backgroundOnSim(sim);
    await storeConnectedAccount(sim, { scopes: ['user:read'] });
    sim.fault({ host: 'id', path: '/oauth/token', status: 400, body: JSON.stringify({ error: 'Invalid request' }) });
    await expect(services.cards.lookup('streamer1')).rejects.toMatchObject({
      info: { code: 'forbidden', missingScope: 'channel:read', message: 'The token lacks the "channel:read" scope.' },
    });
    expect(sim.requests({ path: '/public/v1/channels' }).map((c) => c.auth)).toEqual(['user']);
  });

  it('skips slugs Kick could never have (over 25 characters) without asking', async () => {
    const { services } = await backgroundOnSim(sim);
    await expect(services.cards.lookup('a'.repeat(26))).rejects.toMatchObject({ info: { code: 'not_found' } });
    expect(sim.requests({ path: '/public/v1/channels' })).toHaveLength(0);
  });

  it('answers repeat lookups from the cache without any request', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    await services.cards.lookup('modmaria');
    sim.clearLog();
    const again = await services.cards.lookup('MODMARIA');
    expect(again.profile.name).toBe('modmaria');
    expect(sim.log).toHaveLength(0);
  });

  it('shares one request for the same name in flight', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    await Promise.all([services.cards.lookup('subsam'), services.cards.lookup('subsam'), services.cards.lookup('SubSam')]);
    expect(sim.requests({ path: '/public/v1/channels' })).toHaveLength(1);
  });

  it('caches not found, and says not_found', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    await expect(services.cards.lookup('nobody_here')).rejects.toMatchObject({ info: { code: 'not_found' } });
    const calls = sim.requests({ path: '/public/v1/channels' }).length;
    expect(calls).toBe(2); // nobody-here, then nobody_here
    await expect(services.cards.lookup('nobody_here')).rejects.toMatchObject({ info: { code: 'not_found' } });
    expect(sim.requests({ path: '/public/v1/channels' })).toHaveLength(calls);
  });

  it('uses an app token when no account is connected', async () => {
    const { services } = await backgroundOnSim(sim);
    const { profile } = await services.cards.lookup(SEED.secondStreamer.username);
    expect(profile.name).toBe('secondstreamer');
    expect(sim.requests({ path: '/public/v1/channels' })[0]!.auth).toBe('app');
  });

  it('says not_configured when there is neither an app nor an account', async () => {
    const { services } = await backgroundOnSim(sim, { configured: false });
    await expect(services.cards.lookup('streamer1')).rejects.toMatchObject({ info: { code: 'not_configured' } });
    expect(sim.log).toHaveLength(0);
  });

  it('passes a rate limit through with its retry time', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    sim.fault({ host: 'api', path: '/public/v1/channels', status: 429, retryAfter: '9' });
    await expect(services.cards.lookup('streamer1')).rejects.toMatchObject({ info: { code: 'rate_limited', retryAfterSec: 9 } });
  });

  it('makes a card from a channel whose title is 2,000 characters long, cut to 500', async () => {
    const { services } = await backgroundOnSim(sim);
    sim.users.get(SEED.streamer.userId)!.live!.title = 'x'.repeat(2000);
    const { profile } = await services.cards.lookup('streamer1');
    expect(profile.live?.title).toHaveLength(500);
  });

  it('drops hostile URLs and keeps the rest of the profile', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    const { profile } = await services.cards.lookup(SEED.hostile.username);
    expect(profile.bannerUrl).toBeUndefined();
    expect(profile.avatarUrl).toBeUndefined(); // http:, not https:
    expect(profile.channelDescription).toContain('<img src=x');
  });

  it('still makes a card from the channel when the users call fails', async () => {
    const { services } = await backgroundOnSim(sim);
    sim.fault({ host: 'api', path: '/public/v1/users', status: 403 });
    const { profile } = await services.cards.lookup('streamer1');
    expect(profile).toMatchObject({ slug: 'streamer1', name: undefined, live: { isLive: true } });
  });
});

describe('slugCandidates', () => {
  it('lowercases and tries `-` for `_` first', () => {
    expect(slugCandidates('Cool_Cat')).toEqual(['cool-cat', 'cool_cat']);
    expect(slugCandidates('Plain')).toEqual(['plain']);
  });
});
