import { describe, expect, it } from 'vitest';
import { type KickSim } from '../../test/kick-sim/index';
import { backgroundOnSim, storeConnectedAccount, withSimulator } from '../../test/support/background';
import { tokenStore } from './token-store';

/**
 * Two operations on the account, interleaved deterministically: the first is held at the simulated
 * Kick (sim.hold) while the second runs to the end, then the first is let go.
 */
let sim: KickSim;
withSimulator((started) => (sim = started));

const storedTokens = async () => (await tokenStore.getAccount())?.tokens ?? null;

describe('one writer for the account', () => {
  it('a refresh that answers after a disconnect does not bring the account back, and its pair is revoked', async () => {
    const { services } = await backgroundOnSim(sim);
    await storeConnectedAccount(sim);
    // Kick has rotated the pair; its answer is still on the way when the user disconnects.
    const held = sim.hold({ host: 'id', path: '/oauth/token', holdAt: 'answer' });
    const refreshing = services.tokens.refresh();
    await held.arrived;
    await services.auth.disconnect();
    held.release();
    await expect(refreshing).rejects.toMatchObject({ info: { code: 'not_connected' } });
    expect(await tokenStore.getAccount()).toBeNull();
    expect(await services.auth.status()).toMatchObject({ state: 'disconnected' });
    // The pair Kick issued for the late refresh is dead too: nothing valid is left behind.
    await expect.poll(() => sim.requests({ path: '/oauth/revoke' }).length).toBe(4);
    const issued = sim.requests({ path: '/oauth/token' }).filter((r) => r.form?.grant_type === 'refresh_token');
    expect(issued).toHaveLength(1);
    expect(sim.liveUserTokens('refresh')).toBe(0);
    expect(sim.liveUserTokens('access')).toBe(0);
  });

  it('the popup’s status during a refresh patches only the user and never writes back old tokens', async () => {
    const { services } = await backgroundOnSim(sim);
    await storeConnectedAccount(sim);
    // Status is held at its users call (after it read the account), while a refresh completes.
    const held = sim.hold({ host: 'api', path: '/public/v1/users', holdAt: 'answer' });
    const status = services.auth.status({ live: true });
    await held.arrived;
    const fresh = await services.tokens.refresh();
    held.release();
    expect(await status).toMatchObject({ state: 'connected', user: { name: 'subsam' } });
    expect((await storedTokens())?.refreshToken).toBe(fresh.refreshToken);
    // And the next refresh works: the stored refresh token is the live one.
    await expect(services.tokens.refresh()).resolves.toMatchObject({ accessToken: expect.any(String) as string });
    expect(sim.requests({ path: '/oauth/token' }).map((r) => r.status)).toEqual([200, 200]);
  });

  it('a refresh whose answer comes after a new connection leaves the new connection alone', async () => {
    const { services } = await backgroundOnSim(sim);
    const old = await storeConnectedAccount(sim);
    const held = sim.hold({ host: 'id', path: '/oauth/token' });
    const refreshing = services.tokens.refresh();
    await held.arrived;
    await services.auth.disconnect();
    await services.auth.connect();
    const connected = await storedTokens();
    held.release();
    // The late refresh answers with the account as it is now.
    await expect(refreshing).resolves.toMatchObject({ refreshToken: connected!.refreshToken });
    expect(await storedTokens()).toEqual(connected);
    expect(sim.tokenState(connected!.refreshToken)).toBe('active');
    expect(sim.tokenState(old.refresh_token)).not.toBe('active');
  });

  it('a refused refresh after the account was replaced does not ask for a reconnect', async () => {
    const { services } = await backgroundOnSim(sim);
    const old = await storeConnectedAccount(sim);
    sim.revokeToken(old.refresh_token);
    const held = sim.hold({ host: 'id', path: '/oauth/token' });
    const refreshing = services.tokens.refresh();
    await held.arrived;
    const replacement = await storeConnectedAccount(sim);
    held.release();
    await expect(refreshing).resolves.toMatchObject({ refreshToken: replacement.refresh_token });
    const account = await tokenStore.getAccount();
    expect(account?.reconnectReason).toBeUndefined();
    expect(account?.tokens?.refreshToken).toBe(replacement.refresh_token);
  });
});
