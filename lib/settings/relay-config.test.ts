import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveAppConfig } from './app-config';
import { loadConnectionMode, relayConfigFrom, saveConnectionMode } from './relay-config';

const RELAY = { url: 'https://relay.example', clientId: 'public-id' };

describe('relayConfigFrom (build environment)', () => {
  it('needs both the relay URL and the public client id', () => {
    expect(relayConfigFrom({})).toBeNull();
    expect(relayConfigFrom({ WXT_KICK_RELAY_URL: 'https://relay.example/' })).toBeNull();
    expect(relayConfigFrom({ WXT_KICK_RELAY_URL: 'https://relay.example/', WXT_KICK_CLIENT_ID: ' id ' })).toEqual({ url: 'https://relay.example', clientId: 'id' });
  });

  it('refuses plain http except on this machine', () => {
    expect(() => relayConfigFrom({ WXT_KICK_RELAY_URL: 'http://relay.example', WXT_KICK_CLIENT_ID: 'id' })).toThrow(/https/);
    expect(relayConfigFrom({ WXT_KICK_RELAY_URL: 'http://127.0.0.1:8787', WXT_KICK_CLIENT_ID: 'id' })?.url).toBe('http://127.0.0.1:8787');
    expect(() => relayConfigFrom({ WXT_KICK_RELAY_URL: 'relay', WXT_KICK_CLIENT_ID: 'id' })).toThrow(/not a URL/);
  });
});

describe('loadConnectionMode', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is the user’s own app in a build without a relay, whatever was chosen', async () => {
    await saveConnectionMode('relay');
    expect(await loadConnectionMode(null)).toBe('own');
  });

  it('is the relay by default, and follows the user’s choice', async () => {
    expect(await loadConnectionMode(RELAY)).toBe('relay');
    await saveConnectionMode('own');
    expect(await loadConnectionMode(RELAY)).toBe('own');
    await saveConnectionMode('relay');
    expect(await loadConnectionMode(RELAY)).toBe('relay');
  });

  it('keeps an app saved before the relay existed, until the user chooses', async () => {
    await saveAppConfig({ clientId: 'mine', clientSecret: 'my-secret', scopes: ['user:read'] });
    expect(await loadConnectionMode(RELAY)).toBe('own');
    await saveConnectionMode('relay');
    expect(await loadConnectionMode(RELAY)).toBe('relay');
  });
});
