import type { KickEndpoints } from './endpoints';
import { KickError, isKickError } from './errors';
import type { HostCircuit } from './host-circuit';
import { kickFetch, kickFetchRaw } from './http';
import { TokenResponseSchema, type TokenResponse } from './schemas';
import { t } from '@/lib/i18n/messages';

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

type Grant = 'authorization_code' | 'refresh_token' | 'client_credentials';

// Messages are read when a refusal happens (in the browser's UI language), not when this module loads.
const REFUSED: Record<Grant, { code: 'invalid_grant' | 'invalid_client'; message: () => string }> = {
  refresh_token: { code: 'invalid_grant', message: () => t('error.renewRefused') },
  client_credentials: { code: 'invalid_client', message: () => t('error.appRefused') },
  authorization_code: { code: 'invalid_client', message: () => t('error.codeRefused') },
};

/**
 * Kick answers every refused token request with the same `400 {"error": "Invalid request"}`
 * (KickDevDocs getting-started/generating-tokens-oauth2-flow.md), so only the grant that was asked
 * for can say what a refusal means. 400 and 401 are refusals; 429, 5xx and network errors stay as
 * they are, so callers retry those instead of asking the user to reconnect.
 */
export function refusalFor(grant: Grant, error: unknown): unknown {
  if (!isKickError(error) || (error.info.status !== 400 && error.info.status !== 401)) return error;
  const refused = REFUSED[grant];
  return new KickError({ code: refused.code, status: error.info.status, message: refused.message() });
}

export function createDirectTokenExchanger(
  endpoints: KickEndpoints,
  app: { clientId: string; clientSecret: string },
  circuit?: HostCircuit,
): TokenExchanger {
  const token = (grant: Grant, fields: Record<string, string>) =>
    kickFetch(TokenResponseSchema, {
      url: `${endpoints.idBase}/oauth/token`,
      method: 'POST',
      form: new URLSearchParams({ grant_type: grant, ...fields, client_id: app.clientId, client_secret: app.clientSecret }),
      circuit,
    }).catch((error: unknown) => {
      throw refusalFor(grant, error);
    });
  return {
    exchangeCode: ({ code, redirectUri, verifier }) =>
      token('authorization_code', { code, redirect_uri: redirectUri, code_verifier: verifier }),
    refresh: (refreshToken) => token('refresh_token', { refresh_token: refreshToken }),
    appToken: () => token('client_credentials', {}),
    async revoke(value, hint) {
      // The docs put the token in the query and mark the form Content-Type as required; public
      // clients send the same fields in the body too, so either reading of the docs is satisfied.
      // No circuit: a disconnect always tries to kill its tokens, whatever Kick said a moment ago.
      const url = new URL(`${endpoints.idBase}/oauth/revoke`);
      url.searchParams.set('token', value);
      url.searchParams.set('token_hint_type', hint);
      await kickFetchRaw({ url: url.href, method: 'POST', form: new URLSearchParams({ token: value, token_hint_type: hint }) });
    },
  };
}
