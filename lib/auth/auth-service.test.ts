import { describe, expect, it } from 'vitest';
import { SEED, type KickSim } from '../../test/kick-sim/index';
import { backgroundOnSim, withSimulator } from '../../test/support/background';
import { tokenStore } from './token-store';
import { tokenRefusedAfterRefresh } from './token-manager';

let sim: KickSim;
withSimulator((started) => (sim = started));

describe('connect', () => {
  it('runs the whole OAuth 2.1 + PKCE round trip and saves the tokens and the connected user', async () => {
    const { services, launches } = await backgroundOnSim(sim);
    await services.auth.connect();
    const authorize = new URL(launches[0]!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('user:read channel:read');
    const account = await tokenStore.getAccount();
    expect(account?.user).toMatchObject({ userId: SEED.viewer.userId, name: SEED.viewer.username });
    expect(sim.tokenState(account!.tokens!.accessToken)).toBe('active');
    expect(sim.requests({ path: '/oauth/token' })[0]?.form).toMatchObject({ grant_type: 'authorization_code', client_secret: '***' });
    const status = await services.auth.status();
    expect(status).toMatchObject({ state: 'connected', user: { name: 'subsam' }, token: { active: true, scopes: ['user:read', 'channel:read'] } });
    // The 2026 introspection location, never the deprecated one.
    expect(sim.requests({ host: 'id', path: '/oauth/token/introspect' })).toHaveLength(1);
    expect(sim.requests({ host: 'api', path: '/public/v1/token/introspect' })).toHaveLength(0);
  });

  it('says clearly when the user denies access, and stores nothing', async () => {
    const { services } = await backgroundOnSim(sim);
    sim.authorize.mode = 'deny';
    await expect(services.auth.connect()).rejects.toMatchObject({ info: { code: 'cancelled', message: 'Access was denied on Kick.' } });
    expect(await tokenStore.getAccount()).toBeNull();
  });

  it('refuses a callback whose state does not match', async () => {
    const forged = await backgroundOnSim(sim);
    // A launcher that answers with a redirect for a different request.
    const { createAuthService } = await import('./auth-service');
    const auth = createAuthService({
      ...depsOf(forged.services),
      launchAuthFlow: () => Promise.resolve('https://cbcheimeidjhholbfobecagaibcflojo.chromiumapp.org/?code=abc&state=forged'),
    });
    await expect(auth.connect()).rejects.toMatchObject({ info: { code: 'state_mismatch' } });
  });

  it('says Kick refused the sign-in when the redirect URI is not registered, while the window still shows Kick’s error', async () => {
    const refused = await backgroundOnSim(sim);
    sim.app.redirectUris = ['https://someone-else.chromiumapp.org/'];
    const { createAuthService, signInRefused } = await import('./auth-service');
    // Like the browser's window on Kick's error page: it stays open until the user closes it.
    let closeWindow: (error: Error) => void = () => undefined;
    const auth = createAuthService({
      ...depsOf(refused.services),
      launchAuthFlow: () => new Promise<string>((_, reject) => (closeWindow = reject)),
    });
    const connect = auth.connect();
    await expect(connect).rejects.toMatchObject({ info: { code: 'invalid_request', message: signInRefused() } });
    expect(auth.isConnecting()).toBe(false);
    // (A probe from the test before may land here too: the success path does not wait for it.)
    expect(sim.requests({ host: 'id', path: '/oauth/authorize' }).map((r) => r.status)).toContain(400);
    closeWindow(new Error('The user did not approve access.'));
    expect(await tokenStore.getAccount()).toBeNull();
  });

  it('a window closed on a page Kick answered still reads as closed, not refused', async () => {
    const closed = await backgroundOnSim(sim);
    sim.authorize.mode = 'page';
    const { createAuthService } = await import('./auth-service');
    const auth = createAuthService({ ...depsOf(closed.services), launchAuthFlow: () => Promise.reject(new Error('The user did not approve access.')) });
    await expect(auth.connect()).rejects.toMatchObject({ info: { code: 'cancelled' } });
  });

  it('reports a wrong client secret as invalid_client', async () => {
    const { services } = await backgroundOnSim(sim);
    sim.app.clientSecret = 'rotated-by-the-user';
    await expect(services.auth.connect()).rejects.toMatchObject({ info: { code: 'invalid_client' } });
  });

  it('is not configured without a Kick app', async () => {
    const { services } = await backgroundOnSim(sim, { configured: false });
    expect(await services.auth.status()).toEqual({ state: 'not_configured', via: 'own' });
    await expect(services.auth.connect()).rejects.toMatchObject({ info: { code: 'not_configured' } });
  });
});

describe('disconnect', () => {
  it('revokes both tokens at Kick and forgets them', async () => {
    const { services } = await backgroundOnSim(sim);
    await services.auth.connect();
    const { tokens } = (await tokenStore.getAccount())!;
    await services.auth.disconnect();
    expect(sim.requests({ path: '/oauth/revoke' }).map((r) => r.query.token_hint_type?.[0]).sort()).toEqual(['access_token', 'refresh_token']);
    expect(sim.tokenState(tokens!.accessToken)).toBe('revoked');
    expect(sim.tokenState(tokens!.refreshToken)).toBe('revoked');
    expect(await tokenStore.getAccount()).toBeNull();
    expect(await services.auth.status()).toEqual({ state: 'disconnected', appToken: true, via: 'own' });
  });

  it('still forgets the tokens when the revoke fails', async () => {
    const { services } = await backgroundOnSim(sim);
    await services.auth.connect();
    sim.fault({ host: 'id', path: '/oauth/revoke', status: 500 });
    await services.auth.disconnect();
    expect(await tokenStore.getAccount()).toBeNull();
  });
});

describe('status', () => {
  it('refreshes once when Kick says the access token is dead, then reports connected', async () => {
    const { services } = await backgroundOnSim(sim);
    await services.auth.connect();
    const { tokens } = (await tokenStore.getAccount())!;
    sim.revokeToken(tokens!.accessToken);
    sim.clearLog();
    expect(await services.auth.status()).toMatchObject({ state: 'connected' });
    expect(sim.requests({ path: '/oauth/token' })).toHaveLength(1);
  });

  it.each(['inactive', '401'] as const)(
    'reports reconnect_needed with the reason when the whole grant is dead (introspection answers %s)',
    async (deadIntrospect) => {
      const { services } = await backgroundOnSim(sim);
      await services.auth.connect();
      const { tokens } = (await tokenStore.getAccount())!;
      sim.behaviour.deadIntrospect = deadIntrospect;
      sim.revokeToken(tokens!.accessToken);
      sim.revokeToken(tokens!.refreshToken);
      sim.clearLog();
      expect(await services.auth.status()).toMatchObject({ state: 'reconnect_needed', reason: expect.stringMatching(/Connect again/) as string });
      // At once and for good: a second look asks Kick nothing more.
      expect(sim.requests({ path: '/oauth/token' })).toHaveLength(1);
      expect(await services.auth.status()).toMatchObject({ state: 'reconnect_needed' });
      expect(sim.requests({ path: '/oauth/token' })).toHaveLength(1);
    },
  );

  it('says the app’s Client ID or secret is wrong when Kick refuses the app token', async () => {
    const { services } = await backgroundOnSim(sim);
    sim.app = { ...sim.app, clientSecret: 'rotated-on-kick' };
    expect(await services.auth.status()).toEqual({
      state: 'disconnected', appToken: false, appError: 'Kick refused the app’s Client ID or secret: check them in the options.', via: 'own',
    });
  });

  it('reports an error state with a readable message when Kick is down', async () => {
    const { services } = await backgroundOnSim(sim);
    await services.auth.connect();
    sim.fault({ host: 'id', path: '/oauth/token/introspect', status: 503 });
    expect(await services.auth.status()).toMatchObject({ state: 'error', message: 'Kick answered with an error (503).' });
  });
});

function depsOf(services: Awaited<ReturnType<typeof backgroundOnSim>>['services']) {
  return {
    endpoints: { idBase: sim.endpoints.idBase, apiBase: sim.endpoints.apiBase },
    api: services.api,
    store: tokenStore,
    tokens: services.tokens,
    appConfig: () => Promise.resolve({ clientId: sim.app.clientId, clientSecret: sim.app.clientSecret, scopes: ['user:read'] }),
    exchanger: async () => (await import('../kick/token-exchange')).createDirectTokenExchanger(
      { idBase: sim.endpoints.idBase, apiBase: sim.endpoints.apiBase }, sim.app),
    redirectUri: () => 'https://cbcheimeidjhholbfobecagaibcflojo.chromiumapp.org/',
  };
}

describe('a token Kick refuses while introspection calls it active (issue #25, item 6)', () => {
  const refusedTwice = () =>
    sim.fault({ host: 'api', path: '/public/v1/users', status: 401, body: JSON.stringify({ data: {}, message: 'Unauthorized' }), times: 2 });
  const refreshes = () => sim.requests({ host: 'id', path: '/oauth/token' }).filter((r) => r.form?.grant_type === 'refresh_token');

  it('gets one refresh, then Kick’s word is final: reconnect, not an error whose Retry asks the same again', async () => {
    const { services } = await backgroundOnSim(sim);
    await services.auth.connect();
    sim.clearLog();
    refusedTwice();
    const status = await services.auth.status({ live: true });
    expect(status).toMatchObject({ state: 'reconnect_needed', reason: tokenRefusedAfterRefresh(), user: { name: 'subsam' } });
    expect(refreshes()).toHaveLength(1);
    // The pair is dropped: asking again asks Kick nothing and says the same.
    sim.clearLog();
    expect(await services.auth.status({ live: true })).toMatchObject({ state: 'reconnect_needed' });
    expect(sim.requests({ host: 'api' })).toHaveLength(0);
    expect(sim.liveUserTokens('refresh')).toBe(0);
  });

  it('stays connected when the refresh was enough', async () => {
    const { services } = await backgroundOnSim(sim);
    await services.auth.connect();
    sim.fault({ host: 'api', path: '/public/v1/users', status: 401, body: JSON.stringify({ data: {}, message: 'Unauthorized' }), times: 1 });
    expect(await services.auth.status({ live: true })).toMatchObject({ state: 'connected' });
    expect(refreshes()).toHaveLength(1);
  });

  it('ends a card lookup that falls back on the user token the same way', async () => {
    const { services } = await backgroundOnSim(sim);
    await services.auth.connect();
    // The app token refused (its credentials revoked), the user token refused twice.
    sim.fault({ host: 'id', path: '/oauth/token', status: 400, body: JSON.stringify({ error: 'invalid_client' }), times: 1 });
    sim.fault({ host: 'api', path: '/public/v1/channels', status: 401, body: JSON.stringify({ data: {}, message: 'Unauthorized' }), times: 2 });
    await expect(services.cards.lookup('streamer1')).rejects.toMatchObject({ info: { code: 'reconnect_needed' } });
    expect((await tokenStore.getAccount())?.reconnectReason).toBe(tokenRefusedAfterRefresh());
  });
});
