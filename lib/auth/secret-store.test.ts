import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type KickSim } from '../../test/kick-sim/index';
import { backgroundOnSim, withSimulator } from '../../test/support/background';
import { loadAppConfig } from '../settings/app-config';
import { secretStore } from './secret-store';
import { tokenStore } from './token-store';

let sim: KickSim;
withSimulator((started) => (sim = started));

describe('secrets at rest', () => {
  it('keeps tokens and the client secret out of storage.local, which Firefox content scripts can read', async () => {
    const { services } = await backgroundOnSim(sim);
    await services.auth.connect();
    await services.tokens.appAccessToken();
    const account = await tokenStore.getAccount();
    const appToken = await tokenStore.getAppToken();
    const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
    for (const secret of [account!.tokens!.accessToken, account!.tokens!.refreshToken, appToken!.accessToken, sim.app.clientSecret])
      expect(local).not.toContain(secret);
    expect(local).toContain(sim.app.clientId);
    expect(await secretStore.get('kickClientSecret')).toBe(sim.app.clientSecret);
  });

  it('moves what earlier versions kept in storage.local, once, and removes it there', async () => {
    const tokens = { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000, scopes: ['user:read'], obtainedAt: 1 };
    await fakeBrowser.storage.local.set({
      kickAccount: { tokens, user: { userId: 1005, name: 'subsam' } },
      kickAppToken: { accessToken: 'app', expiresAt: Date.now() + 1000, clientId: 'id' },
      kickApp: { clientId: 'id', clientSecret: 'the-secret', scopes: ['user:read'] },
    });
    expect((await tokenStore.getAccount())?.tokens).toEqual(tokens);
    expect(await loadAppConfig()).toEqual({ clientId: 'id', clientSecret: 'the-secret', scopes: ['user:read'] });
    expect(await fakeBrowser.storage.local.get(['kickAccount', 'kickAppToken'])).toEqual({});
    expect(await fakeBrowser.storage.local.get('kickApp')).toEqual({ kickApp: { clientId: 'id', scopes: ['user:read'] } });
  });

  it('tells the popup and options page that something changed, without saying what', async () => {
    const before = (await fakeBrowser.storage.local.get('kickSecretsRev')).kickSecretsRev as number | undefined;
    await secretStore.set('kickAppToken', { accessToken: 'x', expiresAt: 1, clientId: 'id' });
    const after = (await fakeBrowser.storage.local.get('kickSecretsRev')).kickSecretsRev as number;
    expect(after).toBe((before ?? 0) + 1);
  });
});
