import { describe, expect, it, vi } from 'vitest';
import type { AuthStatus } from '../auth/status-schema';
import { createAuthStore, type Send } from './auth-store';

const connected: AuthStatus = {
  state: 'connected', user: { userId: 1, name: 'subsam' }, token: { active: true, scopes: ['user:read'], checkedAt: 0 },
};

function fakeSend(answers: Record<string, unknown>) {
  return vi.fn((name: string) => {
    const answer = answers[name];
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }) as unknown as Send & ReturnType<typeof vi.fn>;
}

describe('auth store', () => {
  it('loads the status from the background', async () => {
    const store = createAuthStore(fakeSend({ getAuthStatus: connected }));
    await store.getState().load();
    expect(store.getState().status).toEqual(connected);
  });

  it('shows connecting while the connect runs, then the new status', async () => {
    let finish!: (v: unknown) => void;
    const send = vi.fn((name: string) => (name === 'connect' ? new Promise((r) => (finish = r)) : Promise.resolve(connected))) as unknown as Send;
    const store = createAuthStore(send);
    const running = store.getState().connect();
    expect(store.getState().status).toEqual({ state: 'connecting' });
    expect(store.getState().busy).toBe('connect');
    finish({ ok: true });
    await running;
    expect(store.getState()).toMatchObject({ busy: null, status: connected, actionError: null });
  });

  it('keeps a failed action error for display', async () => {
    const store = createAuthStore(fakeSend({
      refreshNow: { ok: false, error: { code: 'reconnect_needed', message: 'Connect again.' } },
      getAuthStatus: { state: 'reconnect_needed', reason: 'Connect again.' },
    }));
    await store.getState().refreshNow();
    expect(store.getState().actionError).toEqual({ code: 'reconnect_needed', message: 'Connect again.' });
    expect(store.getState().status).toMatchObject({ state: 'reconnect_needed' });
  });

  it('goes back to the previous state, not "connecting", when a connect fails', async () => {
    const disconnected: AuthStatus = { state: 'disconnected', appToken: false };
    let finish!: (v: unknown) => void;
    const send = vi.fn((name: string) =>
      name === 'connect' ? new Promise((r) => (finish = r)) : new Promise(() => undefined), // status never answers
    ) as unknown as Send;
    const store = createAuthStore(send);
    store.setState({ status: disconnected });
    void store.getState().connect();
    expect(store.getState().status).toEqual({ state: 'connecting' });
    finish({ ok: false, error: { code: 'cancelled', message: 'The Kick sign-in window was closed before finishing.' } });
    await vi.waitFor(() => expect(store.getState().busy).toBeNull());
    expect(store.getState()).toMatchObject({ status: disconnected, actionError: { code: 'cancelled' } });
  });

  it('says so when the background does not answer, instead of spinning', async () => {
    const store = createAuthStore(fakeSend({ getAuthStatus: new Error('did not answer in time') }));
    await store.getState().load();
    expect(store.getState().loadError).toMatch(/did not answer in time/);
  });
});
