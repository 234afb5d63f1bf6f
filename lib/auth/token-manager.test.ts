import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type KickSim } from '../../test/kick-sim/index';
import { backgroundOnSim, storeConnectedAccount, withSimulator } from '../../test/support/background';
import { tokenStore } from './token-store';

let sim: KickSim;
withSimulator((started) => (sim = started));

const connectedWith = (opts: { expiresIn?: number } = {}) => storeConnectedAccount(sim, opts);

describe('token lifecycle', () => {
  it('shares one refresh between 10 concurrent callers', async () => {
    const { services } = await backgroundOnSim(sim);
    const first = await connectedWith({ expiresIn: 60 }); // inside the refresh-ahead window
    const tokens = await Promise.all(Array.from({ length: 10 }, () => services.tokens.userAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first.access_token);
    expect(sim.requests({ path: '/oauth/token' })).toHaveLength(1);
    expect(sim.tokenState(first.refresh_token)).toBe('rotated');
  });

  it('saves the rotated refresh token and never sends the old one again', async () => {
    const { services } = await backgroundOnSim(sim);
    const first = await connectedWith();
    await services.tokens.refresh();
    const afterFirst = (await tokenStore.getAccount())!.tokens!;
    expect(afterFirst.refreshToken).not.toBe(first.refresh_token);
    expect(afterFirst.lastRefreshedAt).toBeTypeOf('number');
    await services.tokens.refresh();
    const afterSecond = (await tokenStore.getAccount())!.tokens!;
    expect(sim.tokenState(afterFirst.refreshToken)).toBe('rotated');
    expect(sim.tokenState(afterSecond.refreshToken)).toBe('active');
    expect(sim.requests({ path: '/oauth/token' }).every((r) => r.status === 200)).toBe(true);
  });

  it('refreshes once on a 401 and retries the call once', async () => {
    const { services } = await backgroundOnSim(sim);
    const first = await connectedWith();
    sim.expireAccessToken(first.access_token);
    const me = await services.tokens.withUserToken((token) => services.api.me(token));
    expect(me?.name).toBe('subsam');
    expect(sim.requests({ path: '/public/v1/users' }).map((r) => r.status)).toEqual([401, 200]);
    expect(sim.requests({ path: '/oauth/token' })).toHaveLength(1);
  });

  it('moves to reconnect_needed with the reason on invalid_grant, keeping the user for display', async () => {
    const { services } = await backgroundOnSim(sim);
    const first = await connectedWith({ expiresIn: 60 });
    sim.revokeToken(first.refresh_token);
    await expect(services.tokens.userAccessToken()).rejects.toMatchObject({ info: { code: 'reconnect_needed' } });
    const account = await tokenStore.getAccount();
    expect(account).toMatchObject({ tokens: null, user: { name: 'subsam' }, reconnectReason: expect.stringMatching(/Connect again/) as string });
    expect(await services.auth.status()).toMatchObject({ state: 'reconnect_needed', user: { name: 'subsam' } });
  });

  it.each([
    ['Kick’s documented 400', 400, { error: 'Invalid request' }],
    ['a 401', 401, { error: 'Invalid request' }],
    ['an RFC-style invalid_grant', 400, { error: 'invalid_grant', error_description: 'expired' }],
  ])('reconnects at once when a refresh is refused with %s, and never retries it', async (_, status, body) => {
    const { services } = await backgroundOnSim(sim);
    await connectedWith({ expiresIn: 60 });
    sim.fault({ host: 'id', path: '/oauth/token', status, body: JSON.stringify(body) });
    await expect(services.tokens.userAccessToken()).rejects.toMatchObject({
      info: { code: 'reconnect_needed', message: 'Kick refused to renew this sign-in (it expired or was revoked). Connect again.' },
    });
    expect(await services.tokens.userAccessToken()).toBeNull();
    await expect(services.tokens.refresh()).rejects.toMatchObject({ info: { code: 'not_connected' } });
    expect(sim.requests({ path: '/oauth/token' })).toHaveLength(1);
  });

  it('works with reusable refresh tokens too (KickDevDocs PR #291), always keeping the newest pair', async () => {
    const { services } = await backgroundOnSim(sim);
    sim.behaviour.refreshTokens = 'reusable';
    const first = await connectedWith();
    const second = await services.tokens.refresh();
    expect(second.refreshToken).not.toBe(first.refresh_token);
    const third = await services.tokens.refresh();
    expect(sim.requests({ path: '/oauth/token' }).map((r) => r.status)).toEqual([200, 200]);
    expect((await tokenStore.getAccount())!.tokens!.refreshToken).toBe(third.refreshToken);
  });

  it('accepts expires_in as a string, as Kick’s docs show it', async () => {
    const { services } = await backgroundOnSim(sim);
    await connectedWith();
    const issued = sim.issueUserToken();
    sim.fault({ host: 'id', path: '/oauth/token', status: 200, body: JSON.stringify({ ...issued, expires_in: '7200' }), times: 1 });
    const set = await services.tokens.refresh();
    expect(set.expiresAt - Date.now()).toBeGreaterThan(7100_000);
  });

  it('keeps the tokens and reports the error when the refresh fails for a passing reason', async () => {
    const { services } = await backgroundOnSim(sim);
    const first = await connectedWith({ expiresIn: 60 });
    sim.fault({ host: 'id', path: '/oauth/token', status: 502, times: 1 });
    await expect(services.tokens.refresh()).rejects.toMatchObject({ info: { code: 'server', status: 502 } });
    expect((await tokenStore.getAccount())!.tokens!.refreshToken).toBe(first.refresh_token);
    // Asked again at once, the failure is answered from memory: Kick is given a few seconds.
    await expect(services.tokens.refresh()).rejects.toMatchObject({ info: { code: 'server', retryAfterSec: 5 } });
    expect(sim.requests({ path: '/oauth/token' })).toHaveLength(1);
    const later = Date.now() + 5_000;
    vi.spyOn(Date, 'now').mockImplementation(() => later);
    await expect(services.tokens.refresh()).resolves.toMatchObject({ accessToken: expect.any(String) as string });
  });

  it('uses an app token (client_credentials) when no account is connected, and caches it', async () => {
    const { services } = await backgroundOnSim(sim);
    const a = await services.tokens.appAccessToken();
    const b = await services.tokens.appAccessToken();
    expect(a).toBe(b);
    expect(sim.requests({ path: '/oauth/token' }).map((r) => r.form?.grant_type)).toEqual(['client_credentials']);
  });

  it('survives a corrupt stored account by treating it as absent', async () => {
    const { services } = await backgroundOnSim(sim);
    await fakeBrowser.storage.local.set({ kickAccount: { tokens: { accessToken: 42 } } });
    expect(await services.tokens.userAccessToken()).toBeNull();
    expect(await services.auth.status()).toEqual({ state: 'disconnected', appToken: true, via: 'own' });
  });
});
