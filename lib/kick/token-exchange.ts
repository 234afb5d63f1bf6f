import type { KickEndpoints } from './endpoints';
import { kickFetch, kickFetchRaw } from './http';
import { TokenResponseSchema, type TokenResponse } from './schemas';

/**
 * The few calls that need the app's client secret. Kick requires the secret even with PKCE
 * (KickDevDocs #413), so they sit behind this one interface: a token relay that holds the secret
 * server-side could replace `createDirectTokenExchanger` without touching anything else.
 */
export interface TokenExchanger {
  exchangeCode(input: { code: string; redirectUri: string; verifier: string }): Promise<TokenResponse>;
  refresh(refreshToken: string): Promise<TokenResponse>;
  appToken(): Promise<TokenResponse>;
  revoke(token: string, hint: 'access_token' | 'refresh_token'): Promise<void>;
}

export function createDirectTokenExchanger(endpoints: KickEndpoints, app: { clientId: string; clientSecret: string }): TokenExchanger {
  const token = (fields: Record<string, string>) =>
    kickFetch(TokenResponseSchema, {
      url: `${endpoints.idBase}/oauth/token`,
      method: 'POST',
      form: new URLSearchParams({ ...fields, client_id: app.clientId, client_secret: app.clientSecret }),
    });
  return {
    exchangeCode: ({ code, redirectUri, verifier }) =>
      token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }),
    refresh: (refreshToken) => token({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    appToken: () => token({ grant_type: 'client_credentials' }),
    async revoke(value, hint) {
      const url = new URL(`${endpoints.idBase}/oauth/revoke`);
      url.searchParams.set('token', value);
      url.searchParams.set('token_hint_type', hint);
      await kickFetchRaw({ url: url.href, method: 'POST' });
    },
  };
}
