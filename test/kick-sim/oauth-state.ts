import { createHash, randomBytes } from 'node:crypto';

/** The simulator's memory of codes and tokens, with Kick's rules (single-use codes, rotating refresh tokens). */
export const KNOWN_SCOPES = [
  'user:read', 'channel:read', 'channel:write', 'chat:write', 'streamkey:read', 'events:subscribe',
  'moderation:ban', 'moderation:chat_message:manage', 'kicks:read',
];

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  userId: number;
  expiresAt: number;
  used: boolean;
}

export type TokenStatus = 'active' | 'expired' | 'revoked' | 'rotated';
export interface TokenRecord {
  kind: 'access' | 'refresh';
  type: 'user' | 'app';
  clientId: string;
  userId?: number;
  scopes: string[];
  expiresAt: number;
  status: TokenStatus;
  /** The access token issued together with a refresh token (dies with it on rotation). */
  pair?: string;
}

export const USER_TOKEN_TTL_S = 7200;
export const APP_TOKEN_TTL_S = 60 * 24 * 3600;
const REFRESH_TTL_S = 30 * 24 * 3600;

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

const random = (prefix: string) => `${prefix}_${randomBytes(18).toString('base64url')}`;

export class OAuthState {
  codes = new Map<string, AuthCode>();
  tokens = new Map<string, TokenRecord>();

  issueCode(code: Omit<AuthCode, 'expiresAt' | 'used'>): string {
    const value = random('code');
    this.codes.set(value, { ...code, expiresAt: Date.now() + 60_000, used: false });
    return value;
  }

  issueUserTokens(clientId: string, userId: number, scopes: string[], expiresIn = USER_TOKEN_TTL_S) {
    const access = random('uat');
    const refresh = random('urt');
    const now = Date.now();
    this.tokens.set(access, { kind: 'access', type: 'user', clientId, userId, scopes, expiresAt: now + expiresIn * 1000, status: 'active' });
    this.tokens.set(refresh, { kind: 'refresh', type: 'user', clientId, userId, scopes, expiresAt: now + REFRESH_TTL_S * 1000, status: 'active', pair: access });
    return { access_token: access, token_type: 'Bearer', refresh_token: refresh, expires_in: expiresIn, scope: scopes.join(' ') };
  }

  issueAppToken(clientId: string) {
    const access = random('aat');
    this.tokens.set(access, { kind: 'access', type: 'app', clientId, scopes: [], expiresAt: Date.now() + APP_TOKEN_TTL_S * 1000, status: 'active' });
    return { access_token: access, token_type: 'Bearer', expires_in: APP_TOKEN_TTL_S, scope: '' };
  }

  /** The live record of a token, with expiry applied. */
  lookup(token: string): TokenRecord | undefined {
    const record = this.tokens.get(token);
    if (record && record.status === 'active' && record.expiresAt <= Date.now()) record.status = 'expired';
    return record;
  }

  activeAccess(token: string): TokenRecord | undefined {
    const record = this.lookup(token);
    return record && record.kind === 'access' && record.status === 'active' ? record : undefined;
  }

  /**
   * A new pair for a live refresh token. Rotating (the default) kills the old refresh token and its
   * access token as the new pair is born; `keepOld` leaves both alive (Kick's "reusable" tokens).
   */
  refresh(refreshToken: string, { keepOld = false } = {}) {
    const record = this.lookup(refreshToken);
    if (!record || record.kind !== 'refresh' || record.status !== 'active' || record.userId === undefined) return undefined;
    if (keepOld) return this.issueUserTokens(record.clientId, record.userId, record.scopes);
    record.status = 'rotated';
    if (record.pair) {
      const pair = this.tokens.get(record.pair);
      if (pair && pair.status === 'active') pair.status = 'rotated';
    }
    return this.issueUserTokens(record.clientId, record.userId, record.scopes);
  }

  revoke(token: string): void {
    const record = this.tokens.get(token);
    if (record && record.status === 'active') record.status = 'revoked';
  }

  expire(token: string): void {
    const record = this.tokens.get(token);
    if (record) record.expiresAt = Date.now() - 1;
  }

  clear(): void {
    this.codes.clear();
    this.tokens.clear();
  }
}
