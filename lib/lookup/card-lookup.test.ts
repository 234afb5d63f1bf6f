import { describe, expect, it } from 'vitest';
import { SEED, type KickSim } from '../../test/kick-sim/index';
import { backgroundOnSim, storeConnectedAccount, withSimulator } from '../../test/support/background';
import { slugCandidates } from './card-lookup';

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

  it('batches 10 concurrent lookups into one channels call and one users call', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    const results = await Promise.all(TEN.map((name) => services.cards.lookup(name)));
    expect(results.map((r) => r.profile.userId).sort()).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1010, 1014]);
    const channelCalls = sim.requests({ path: '/public/v1/channels' });
    const userCalls = sim.requests({ path: '/public/v1/users' });
    expect(channelCalls).toHaveLength(1);
    expect(channelCalls[0]!.query.slug).toHaveLength(10);
    expect(userCalls.map((c) => c.query.id!.length)).toEqual([10]);
    console.info(`10 distinct lookups: ${channelCalls.length} channels request, ${userCalls.length} users request`);
  });

  it('splits a batch around an unknown slug, which Kick answers with 400 for the whole request', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    const names = [...TEN.slice(0, 9), 'ghost'];
    const results = await Promise.allSettled(names.map((name) => services.cards.lookup(name)));
    expect(results.slice(0, 9).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[9]).toMatchObject({ status: 'rejected', reason: { info: { code: 'not_found' } } });
    const channelCalls = sim.requests({ path: '/public/v1/channels' });
    expect(channelCalls[0]!.status).toBe(400);
    // Binary splitting: log2(10) rounds of two calls at most, plus the first.
    expect(channelCalls.length).toBeLessThanOrEqual(9);
    expect(sim.requests({ path: '/public/v1/users' }).flatMap((c) => c.query.id)).toHaveLength(9);
    console.info(`10 lookups with one unknown: ${channelCalls.length} channels requests (${channelCalls.filter((c) => c.status === 400).length} answered 400), ${sim.requests({ path: '/public/v1/users' }).length} users requests`);
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

  it('drops hostile URLs and keeps the rest of the profile', async () => {
    const { services } = await backgroundOnSim(sim);
    await connected();
    const { profile } = await services.cards.lookup(SEED.hostile.username);
    expect(profile.bannerUrl).toBeUndefined();
    expect(profile.avatarUrl).toBeUndefined(); // http:, not https:
    expect(profile.channelDescription).toContain('<img src=x');
  });

  it('still makes a card from the channel when the users call is forbidden', async () => {
    const { services } = await backgroundOnSim(sim);
    await storeConnectedAccount(sim, { scopes: ['channel:read'] });
    const { profile } = await services.cards.lookup('streamer1');
    expect(profile).toMatchObject({ slug: 'streamer1', name: undefined });
  });
});

describe('slugCandidates', () => {
  it('lowercases and tries `-` for `_` first', () => {
    expect(slugCandidates('Cool_Cat')).toEqual(['cool-cat', 'cool_cat']);
    expect(slugCandidates('Plain')).toEqual(['plain']);
  });
});
