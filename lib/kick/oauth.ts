import * as oauth from 'oauth4webapi';
import { KickError } from './errors';
import type { KickEndpoints } from './endpoints';
import { t } from '@/lib/i18n/messages';

/** PKCE S256 and state come from oauth4webapi rather than hand-rolled crypto. */
export interface PkceSession {
  verifier: string;
  challenge: string;
  state: string;
}

export async function createPkceSession(): Promise<PkceSession> {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier), state: oauth.generateRandomState() };
}

export function buildAuthorizeUrl(
  endpoints: KickEndpoints,
  params: { clientId: string; redirectUri: string; scopes: string[]; pkce: PkceSession },
): string {
  const url = new URL(`${endpoints.idBase}/oauth/authorize`);
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('state', params.pkce.state);
  url.searchParams.set('scope', params.scopes.join(' '));
  url.searchParams.set('code_challenge', params.pkce.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.href;
}

/** Reads the redirect Kick sent back: a code for our state, or the reason there is none. */
export function parseAuthorizeCallback(callbackUrl: string, expectedState: string): string {
  const params = new URL(callbackUrl).searchParams;
  if (params.get('state') !== expectedState)
    throw new KickError({ code: 'state_mismatch', message: t('error.stateMismatch') });
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new KickError({
      code: 'cancelled',
      message: error === 'access_denied' ? t('error.accessDenied') : t('error.signInRefusedWhy', { reason: description ?? error }),
    });
  }
  const code = params.get('code');
  if (!code) throw new KickError({ code: 'invalid_response', field: 'code', message: t('error.noCode') });
  return code;
}
