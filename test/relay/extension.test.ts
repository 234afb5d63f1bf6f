import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REFRESH_ALARM } from '../../lib/auth/token-manager';
import { secretStore } from '../../lib/auth/secret-store';
import { tokenStore } from '../../lib/auth/token-store';
import { isKickError, type KickErrorInfo } from '../../lib/kick/errors';
import { HostCircuit } from '../../lib/kick/host-circuit';
import { createRelayTokenExchanger, relayUnreachable } from '../../lib/kick/relay-exchange';
import { RELAY_SCOPES, saveConnectionMode } from '../../lib/settings/relay-config';
import { DEFAULT_SETTINGS, settingsItem } from '../../lib/settings/settings';
import { MODERATOR_SCOPES } from '../../lib/moderation/schema';
import { ALLOWED_SCOPES } from '../../relay/scope-check';
import { SIM_REDIRECT_URI } from '../kick-sim/index';
import type { KickSim } from '../kick-sim/index';
import { backgroundOnSim, storeConnectedAccount } from '../support/background';
import type { RunningRelay } from '../../relay/node';
import { authorizeOnSim, relayOnSim, withRelayOnSim } from './support';

let sim: KickSim;
let relay: RunningRelay;

withRelayOnSim((startedSim, startedRelay) => {
  sim = startedSim;
  relay = startedRelay;
});
beforeEach(() => {
  fakeBrowser.reset();
  sim.reset();
});

const throughRelay = (url = relay.url) => backgroundOnSim(sim, { configured: false, relay: { url, clientId: sim.app.clientId } });
/** The KickError info a promise rejects with (the test fails if it resolves). */
async function failure(work: Promise<unknown>): Promise<KickErrorInfo> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  if (!isKickError(error)) throw new Error(`expected a KickError, got ${String(error)}`);
  return error.info;
}

const tokenCalls = () => sim.requests({ host: 'id', path: '/oauth/token' });

/** Everything the extension keeps: storage.local as text, and each secret-store entry. */
async function everythingStored(): Promise<string> {
  const local = JSON.stringify(await fakeBrowser.storage.local.get(null));
  const secrets = await Promise.all((['kickAccount', 'kickAppToken', 'kickClientSecret'] as const).map((k) => secretStore.get(k)));
  return `${local}\n${JSON.stringify(secrets)}`;
}

describe('connecting through the relay', () => {
  it('connects a new user with no app of their own, and keeps no client secret', async () => {
    const { services } = await throughRelay();
    expect(await services.auth.status()).toMatchObject({ state: 'disconnected', via: 'relay' });
    await services.auth.connect();
    const status = await services.auth.status({ live: true });
    expect(status).toMatchObject({ state: 'connected', via: 'relay', user: { name: 'subsam' } });
    expect(tokenCalls().map((c) => c.form?.grant_type)).toEqual(['authorization_code']);
    expect(tokenCalls()[0]!.form?.client_secret).toBe('***');
    const stored = await everythingStored();
    expect(stored).toContain((await tokenStore.getAccount())!.tokens!.refreshToken);
    expect(stored).not.toContain(sim.app.clientSecret);
    expect(await secretStore.get('kickClientSecret')).toBeUndefined();
  });

  it('asks Kick for channel:read, since public data is read with the user’s token', async () => {
    const { services, launches } = await throughRelay();
    await services.auth.connect();
    expect(new URL(launches[0]!).searchParams.get('scope')).toBe('user:read channel:read');
  });

  it('refreshes through the relay, rotating the pair', async () => {
    const { services } = await throughRelay();
    const issued = await storeConnectedAccount(sim);
    await services.auth.refreshNow();
    const after = (await tokenStore.getAccount())!.tokens!;
    expect(after.refreshToken).not.toBe(issued.refresh_token);
    expect(sim.tokenState(issued.refresh_token)).toBe('rotated');
    expect(sim.tokenState(after.accessToken)).toBe('active');
  });

  it('revokes both tokens through the relay on disconnect', async () => {
    const { services } = await throughRelay();
    const issued = await storeConnectedAccount(sim);
    await services.auth.disconnect();
    expect(sim.tokenState(issued.refresh_token)).toBe('revoked');
    expect(sim.tokenState(issued.access_token)).toBe('revoked');
    expect(await tokenStore.getAccount()).toBeNull();
  });

  it('reads public data with the user token, never asking the relay for an app token', async () => {
    const { services } = await throughRelay();
    await storeConnectedAccount(sim);
    expect(await services.tokens.withPublicToken((_token, kind) => Promise.resolve(kind))).toBe('user');
    expect(tokenCalls()).toEqual([]);
  });

  it('a refresh Kick refuses (its generic 400, passed through) asks for a reconnect', async () => {
    const { services } = await throughRelay();
    const issued = await storeConnectedAccount(sim);
    sim.revokeToken(issued.refresh_token);
    await expect(services.auth.refreshNow()).rejects.toMatchObject({ info: { code: 'reconnect_needed' } });
    expect(await services.auth.status()).toMatchObject({ state: 'reconnect_needed', via: 'relay' });
  });

  it('the user’s own app, when chosen, is used instead (the BYO path)', async () => {
    const { services } = await backgroundOnSim(sim, { relay: { url: 'http://127.0.0.1:9', clientId: 'relay-app' } });
    await saveConnectionMode('own');
    await services.auth.connect();
    expect(await services.auth.status()).toMatchObject({ state: 'connected', via: 'own' });
    expect(tokenCalls()).toHaveLength(1);
  });
});

describe('when Kick granted more than the extension uses (the relay revokes and refuses it)', () => {
  it('the extension asks for nothing the relay would refuse', () => {
    for (const scope of [...RELAY_SCOPES, ...MODERATOR_SCOPES]) expect(ALLOWED_SCOPES).toContain(scope);
  });

  it('with moderator actions on, a relay sign-in asks Kick for the moderation scopes and the relay hands the tokens over', async () => {
    const { services, launches } = await throughRelay();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, moderatorActions: true });
    await services.auth.connect();
    expect(new URL(launches.at(-1)!).searchParams.get('scope')!.split(' ')).toEqual(['user:read', 'channel:read', ...MODERATOR_SCOPES]);
    expect((await tokenStore.getAccount())?.tokens?.scopes).toEqual(['user:read', 'channel:read', ...MODERATOR_SCOPES]);
    expect(await services.moderation.capability('streamer1', { tab: { id: 1, url: 'https://kick.com/streamer1' } })).toMatchObject({ offer: true, ban: true, del: true });
  });

  it('a refresh: the account asks for a reconnect, in words that name the scope, and no token is left alive', async () => {
    const { services } = await throughRelay();
    await storeConnectedAccount(sim, { scopes: ['user:read', 'channel:read', 'chat:write'] });
    const refused = await failure(services.auth.refreshNow());
    expect(refused.code).toBe('reconnect_needed');
    const status = await services.auth.status();
    expect(status).toMatchObject({ state: 'reconnect_needed', via: 'relay' });
    const reason = status.state === 'reconnect_needed' ? status.reason : '';
    expect(reason).toContain('Kick granted permissions the extension does not use (chat:write)');
    expect(reason).toContain('Connect again');
    expect((await tokenStore.getAccount())?.tokens ?? null).toBeNull();
    expect(sim.liveUserTokens('access') + sim.liveUserTokens('refresh')).toBe(0);
  });

  it('a sign-in: the code exchange fails with the same words, and the relay kept nothing alive', async () => {
    const { code, verifier } = await authorizeOnSim(sim, 'user:read channel:read channel:write');
    const exchanger = createRelayTokenExchanger(relay.url, new HostCircuit());
    const refused = await failure(exchanger.exchangeCode({ code, verifier, redirectUri: SIM_REDIRECT_URI }));
    expect(refused.code).toBe('invalid_grant');
    expect(refused.message).toContain('(channel:write)');
    expect(refused.message).toContain('revoked it');
    expect(sim.liveUserTokens('access') + sim.liveUserTokens('refresh')).toBe(0);
  });
});

describe('when the relay fails', () => {
  it('down: the plain message, the tokens kept, and a retry scheduled with back-off', async () => {
    const { services } = await throughRelay('http://127.0.0.1:9');
    const issued = await storeConnectedAccount(sim);
    const before = Date.now();
    const down = await failure(services.refreshOnSchedule());
    expect(down.code).toBe('network');
    expect(down.message).toContain(relayUnreachable());
    expect((await tokenStore.getAccount())!.tokens!.refreshToken).toBe(issued.refresh_token);
    const first = (await fakeBrowser.alarms.get(REFRESH_ALARM))!.scheduledTime;
    expect(first).toBeGreaterThanOrEqual(before + 30_000);
    expect((await failure(services.refreshOnSchedule())).message).toContain(relayUnreachable());
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))!.scheduledTime).toBeGreaterThanOrEqual(before + 60_000);
  });

  it('answering 5xx: the popup’s status says so, and the next refresh waits instead of asking again', async () => {
    const { services } = await throughRelay();
    const issued = await storeConnectedAccount(sim, { expiresIn: 60 });
    sim.fault({ host: 'id', path: '/oauth/token', status: 503 });
    const status = await services.auth.status();
    expect(status).toMatchObject({ state: 'error', via: 'relay' });
    expect(status.state === 'error' && status.message).toContain(relayUnreachable());
    expect(tokenCalls()).toHaveLength(1);
    const waited = await failure(services.auth.refreshNow());
    expect(waited.code).toBe('server');
    expect(waited.message).toContain(relayUnreachable());
    expect(tokenCalls()).toHaveLength(1);
    expect((await tokenStore.getAccount())!.tokens!.refreshToken).toBe(issued.refresh_token);
  });

  it('rate limiting this client (429): the plain message with the relay’s wait', async () => {
    const limited = await relayOnSim(sim, { RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const exchanger = createRelayTokenExchanger(limited.url, new HostCircuit());
      await expect(exchanger.refresh('never-issued')).rejects.toMatchObject({ info: { code: 'invalid_grant' } });
      const limitedInfo = await failure(exchanger.refresh('never-issued'));
      expect(limitedInfo.code).toBe('rate_limited');
      expect(limitedInfo.message).toContain(relayUnreachable());
      expect(limitedInfo.retryAfterSec).toBeGreaterThan(0);
      expect(tokenCalls()).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it('slow: gives up after its timeout with the plain message', async () => {
    sim.fault({ host: 'id', path: '/oauth/token', hang: true, times: 1 });
    const exchanger = createRelayTokenExchanger(relay.url, new HostCircuit(), { timeoutMs: 300 });
    const slow = await failure(exchanger.refresh('r'));
    expect(slow.code).toBe('timeout');
    expect(slow.message).toContain(relayUnreachable());
  });

  it('a relay that refuses the request itself (wrong URL) keeps the tokens: no reconnect for the relay’s own refusal', async () => {
    const { services } = await throughRelay(`${relay.url}/wrong-prefix`);
    const issued = await storeConnectedAccount(sim);
    const refused = await failure(services.auth.refreshNow());
    expect(refused.code).toBe('invalid_request');
    expect(refused.message).toContain('not_found');
    expect((await tokenStore.getAccount())!.tokens!.refreshToken).toBe(issued.refresh_token);
    expect(tokenCalls()).toEqual([]);
  });
});
