// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AuthStatus } from '@/lib/auth/status-schema';
import { loadConnectionMode } from '@/lib/settings/relay-config';
import { createAuthStore, type Send } from '@/lib/stores/auth-store';
import { PopupApp } from '@/components/popup/PopupApp';
import { AccountSection } from './AccountSection';
import { AppSection } from './AppSection';

const RELAY = { url: 'https://relay.example', clientId: 'public-id' };
const CONNECTED: AuthStatus = {
  state: 'connected',
  user: { userId: 1005, name: 'subsam' },
  token: { active: true, scopes: ['user:read'], checkedAt: 0 },
};

/** An auth store whose background answers `status` and records the actions asked of it. */
function storeWith(status: AuthStatus) {
  const asked: string[] = [];
  const send = ((name: string) => {
    asked.push(name);
    if (name === 'getAuthStatus') return Promise.resolve(status);
    if (name === 'getTabInfo') return Promise.reject(new Error('no tab'));
    return Promise.resolve({ ok: true });
  }) as Send;
  const auth = createAuthStore(send);
  return { auth, send, asked };
}

afterEach(cleanup);
beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.identity.getRedirectURL = () => 'https://cbcheimeidjhholbfobecagaibcflojo.chromiumapp.org/';
});

describe('with a relay in the build', () => {
  it('the popup offers “Connect with Kick” and says which way an account is connected', async () => {
    const disconnected = storeWith({ state: 'disconnected', appToken: false, via: 'relay' });
    await disconnected.auth.getState().load();
    const before = render(<PopupApp auth={disconnected.auth} send={disconnected.send} />);
    expect(before.getByTestId('popup-connect').textContent).toBe('Connect with Kick');
    before.unmount();

    for (const via of ['relay', 'own'] as const) {
      const connected = storeWith({ ...CONNECTED, via });
      await connected.auth.getState().load();
      const view = render(<PopupApp auth={connected.auth} send={connected.send} />);
      expect(view.getByTestId('popup-via').textContent).toBe(
        via === 'relay' ? 'Connected with Kick through this extension’s sign-in service.' : 'Connected through your own Kick app.',
      );
      view.unmount();
    }
  });

  it('options show no app fields until the user chooses their own app, which signs the account out first', async () => {
    const { auth, asked } = storeWith({ ...CONNECTED, via: 'relay' });
    await auth.getState().load();
    const view = render(<><AppSection auth={auth} relay={RELAY} /><AccountSection auth={auth} /></>);
    await waitFor(() => expect(view.getByTestId('opt-signin').dataset.mode).toBe('relay'));
    expect(view.queryByTestId('opt-client-secret')).toBeNull();
    expect(view.queryByTestId('opt-client-id')).toBeNull();
    expect(view.getByTestId('opt-relay-info').textContent).toContain('relay.example');
    expect(view.getByTestId('opt-connected-via').textContent).toContain('sign-in service');

    fireEvent.click(view.getByTestId('opt-use-own-app'));
    await waitFor(() => expect(view.getByTestId('opt-signin').dataset.mode).toBe('own'));
    expect(view.getByTestId('opt-client-secret')).toBeTruthy();
    expect(asked).toContain('disconnect');
    expect(await loadConnectionMode(RELAY)).toBe('own');
  });

  it('a build without a relay shows the app fields and no choice', () => {
    const { auth } = storeWith({ state: 'not_configured', via: 'own' });
    const view = render(<AppSection auth={auth} relay={null} />);
    expect(view.getByTestId('opt-client-secret')).toBeTruthy();
    expect(view.queryByTestId('opt-use-own-app')).toBeNull();
  });
});
