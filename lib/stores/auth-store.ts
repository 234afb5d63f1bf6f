import { SECRETS_REVISION_KEY } from '../auth/secret-store';
import { CONNECTION_MODE_KEY } from '../settings/relay-config';
import { createStore } from 'zustand/vanilla';
import type { AuthStatus } from '../auth/status-schema';
import type { KickErrorInfo } from '../kick/errors';
import type { MessageInput, MessageName, MessageOutput } from '../messaging/protocol';
import { t } from '@/lib/i18n/messages';

export type Send = <K extends MessageName>(name: K, data: MessageInput<K>) => Promise<MessageOutput<K>>;

export interface AuthState {
  status: AuthStatus | null;
  /** The action under way, for disabled buttons and spinners. */
  busy: 'connect' | 'disconnect' | 'refresh' | null;
  /** The last action's failure, shown inline until the next action. */
  actionError: KickErrorInfo | null;
  loadError: string | null;
  load: (opts?: { live?: boolean }) => Promise<void>;
  connect: () => Promise<void>;
  disconnect: () => Promise<void>;
  refreshNow: () => Promise<void>;
}

/** Account state for the popup and options page, always re-read from the background (the owner of the token). */
export function createAuthStore(send: Send) {
  return createStore<AuthState>((set, get) => {
    const run = async (busy: NonNullable<AuthState['busy']>, name: 'connect' | 'disconnect' | 'refreshNow') => {
      const before = get().status;
      set({ busy, actionError: null, ...(busy === 'connect' ? { status: { state: 'connecting' } } : {}) });
      // A failed action goes back to the state it started from, so "connecting" never outlives its error.
      const fail = (actionError: KickErrorInfo) => set({ actionError, status: before });
      try {
        const result = await send(name, {});
        if (!result.ok) fail(result.error);
      } catch (error) {
        fail({ code: 'network', message: error instanceof Error ? error.message : String(error) });
      } finally {
        set({ busy: null });
        await get().load({ live: busy !== 'disconnect' });
      }
    };
    return {
      status: null,
      busy: null,
      actionError: null,
      loadError: null,
      async load(opts = {}) {
        try {
          const status = await send('getAuthStatus', { live: opts.live });
          // While our own connect is running the background may briefly report the old state.
          if (get().busy === 'connect' && status.state !== 'connected') return;
          set({ status, loadError: null });
        } catch (error) {
          set({ loadError: t('state.backgroundNoAnswer', { reason: error instanceof Error ? error.message : String(error) }) });
        }
      },
      connect: () => run('connect', 'connect'),
      disconnect: () => run('disconnect', 'disconnect'),
      refreshNow: () => run('refresh', 'refreshNow'),
    };
  });
}
export type AuthStore = ReturnType<typeof createAuthStore>;

/**
 * storage.local keys (the app, the way of connecting) whose change means the account status may have changed (written by the
 * background or the other page); the secrets themselves live in IndexedDB, which bumps the revision.
 */
export const AUTH_STORAGE_KEYS = ['kickApp', SECRETS_REVISION_KEY, CONNECTION_MODE_KEY];
