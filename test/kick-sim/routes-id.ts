import { randomBytes } from 'node:crypto';
import { html, json, type SimContext, type SimReply } from './http-types';
import { KNOWN_SCOPES, s256 } from './oauth-state';

/**
 * id.kick.com: OAuth 2.1 authorization code + PKCE, refresh, client credentials, revoke, introspect.
 * Source for every answer here, unless a comment says otherwise: KickEngineering/KickDevDocs
 * getting-started/generating-tokens-oauth2-flow.md (commit c8a086c, 2026-06-23), which documents one
 * error answer for every endpoint of this host: 400 {"error": "Invalid request"}.
 */

const invalidRequest = () => json(400, { error: 'Invalid request' });

/**
 * A refused token request. Kick's docs give only the generic 400; the `rfc` variant answers with
 * RFC 6749 codes instead (a guess at a future Kick, kept so the extension is proven against both).
 */
function tokenError(ctx: SimContext, rfc: { status: number; error: string }): SimReply {
  return ctx.data.behaviour.tokenErrors === 'rfc' ? json(rfc.status, { error: rfc.error }) : invalidRequest();
}
const pendingConsents = new Map<string, URLSearchParams>();

function checkAuthorize(ctx: SimContext, q: URLSearchParams): string | undefined {
  const { app } = ctx.data;
  if (q.get('client_id') !== app.clientId) return 'unknown client_id';
  if (q.get('response_type') !== 'code') return 'response_type must be code';
  const redirect = q.get('redirect_uri');
  if (!redirect || !app.redirectUris.includes(redirect)) return 'redirect_uri not registered';
  if (!q.get('state')) return 'state required';
  if (!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256') return 'PKCE S256 required';
  const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.includes(s))) return 'unknown scope';
  return undefined;
}

function redirectWith(q: URLSearchParams, params: Record<string, string>): SimReply {
  const target = new URL(q.get('redirect_uri')!);
  for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
  target.searchParams.set('state', q.get('state')!);
  return { status: 302, headers: { location: target.href, 'cache-control': 'no-store' } };
}

function approve(ctx: SimContext, q: URLSearchParams): SimReply {
  const code = ctx.data.oauth.issueCode({
    clientId: q.get('client_id')!,
    redirectUri: q.get('redirect_uri')!,
    challenge: q.get('code_challenge')!,
    // Kick's consent screen lets the user untick scopes (KickDevDocs #16): the code carries what was left ticked.
    scopes: (q.get('scope') ?? '').split(' ').filter((s) => s && !ctx.data.authorize.untick?.includes(s)),
    userId: ctx.data.authorize.userId,
  });
  return redirectWith(q, { code });
}

const deny = (q: URLSearchParams) =>
  redirectWith(q, { error: 'access_denied', error_description: 'The user denied the request' });

function consentPage(id: string, q: URLSearchParams): SimReply {
  const scopes = (q.get('scope') ?? '').split(' ').map((s) => `<li>${s.replace(/[^a-z:_]/g, '')}</li>`).join('');
  return html(`<!doctype html><html><head><title>Authorize app - Kick (simulated)</title></head>
<body style="background:#0b0e0f;color:#fff;font-family:sans-serif">
<h1>Authorize this app?</h1><ul>${scopes}</ul>
<form method="post" action="/oauth/authorize/decide">
<input type="hidden" name="request" value="${id}">
<button name="decision" value="approve" id="authorize">Authorize</button>
<button name="decision" value="deny" id="deny">Deny</button>
</form></body></html>`);
}

function authorize(ctx: SimContext): SimReply {
  const q = ctx.url.searchParams;
  if (checkAuthorize(ctx, q)) return invalidRequest();
  if (ctx.data.authorize.mode === 'deny') return deny(q);
  if (ctx.data.authorize.mode === 'page') {
    const id = randomBytes(9).toString('base64url');
    pendingConsents.set(id, q);
    return consentPage(id, q);
  }
  return approve(ctx, q);
}

function decide(ctx: SimContext): SimReply {
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  const q = pendingConsents.get(form.get('request') ?? '');
  if (!q) return invalidRequest();
  pendingConsents.delete(form.get('request')!);
  return form.get('decision') === 'approve' ? approve(ctx, q) : deny(q);
}

function token(ctx: SimContext): SimReply {
  // The docs mark Content-Type: application/x-www-form-urlencoded as required on every token call.
  if (!String(ctx.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return tokenError(ctx, { status: 400, error: 'invalid_request' });
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  ctx.form = form;
  const { app, oauth } = ctx.data;
  const grant = form.get('grant_type');
  if (!grant) return tokenError(ctx, { status: 400, error: 'invalid_request' });
  // The secret is required even with PKCE (KickDevDocs #413, open).
  if (form.get('client_id') !== app.clientId || form.get('client_secret') !== app.clientSecret)
    return tokenError(ctx, { status: 401, error: 'invalid_client' });

  if (grant === 'authorization_code') {
    const code = oauth.codes.get(form.get('code') ?? '');
    const verifier = form.get('code_verifier');
    if (!verifier || !form.get('redirect_uri')) return tokenError(ctx, { status: 400, error: 'invalid_request' });
    if (!code || code.used || code.expiresAt < Date.now()) return tokenError(ctx, { status: 400, error: 'invalid_grant' });
    code.used = true;
    if (code.clientId !== app.clientId || code.redirectUri !== form.get('redirect_uri') || s256(verifier) !== code.challenge)
      return tokenError(ctx, { status: 400, error: 'invalid_grant' });
    return json(200, oauth.issueUserTokens(app.clientId, code.userId, code.scopes));
  }
  if (grant === 'refresh_token') {
    // Since KickDevDocs PR #291 ("make refresh tokens reusable/flexible", answering issue #52) the old
    // refresh token may stay valid: `reusable` keeps it alive, `rotate` kills it with its access token.
    const rotated = oauth.refresh(form.get('refresh_token') ?? '', { keepOld: ctx.data.behaviour.refreshTokens === 'reusable' });
    return rotated ? json(200, rotated) : tokenError(ctx, { status: 400, error: 'invalid_grant' });
  }
  if (grant === 'client_credentials') return json(200, oauth.issueAppToken(app.clientId));
  return tokenError(ctx, { status: 400, error: 'unsupported_grant_type' });
}

/**
 * The token comes in the query (docs example); Kick answers 200 whatever the token is, even an
 * unknown or dead one (KickDevDocs #94, staff), so a revoke can never confirm itself. Content-Type
 * is marked required by the docs; what Kick answers without it is not documented (guess: the generic 400).
 */
function revoke(ctx: SimContext): SimReply {
  if (!String(ctx.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return invalidRequest();
  const tokenValue = ctx.url.searchParams.get('token') ?? new URLSearchParams(ctx.body.toString('utf8')).get('token');
  if (!tokenValue) return invalidRequest();
  ctx.data.oauth.revoke(tokenValue);
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'OK' };
}

export function bearer(ctx: SimContext): string | undefined {
  const header = ctx.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/**
 * The 2026-01-15 location (changelog.md). A dead token gets `{active: false}`; the deprecated
 * /public/v1 endpoint answered 401 instead (kick-api.md), and `deadIntrospect: '401'` does that here too.
 */
export function introspect(ctx: SimContext): SimReply {
  const tokenValue = bearer(ctx);
  const record = tokenValue ? ctx.data.oauth.activeAccess(tokenValue) : undefined;
  if (!record) {
    ctx.auth = tokenValue ? 'invalid' : 'none';
    if (ctx.data.behaviour.deadIntrospect === '401') return json(401, { data: {}, message: 'Unauthorized' });
    return json(200, { data: { active: false }, message: 'OK' });
  }
  ctx.auth = record.type;
  return json(200, {
    data: {
      active: true,
      client_id: record.clientId,
      exp: Math.floor(record.expiresAt / 1000),
      scope: record.scopes.join(' '),
      token_type: record.type,
    },
    message: 'OK',
  });
}

export function handleId(ctx: SimContext): SimReply | undefined {
  const path = ctx.url.pathname;
  if (ctx.method === 'GET' && path === '/oauth/authorize') return authorize(ctx);
  if (ctx.method === 'POST' && path === '/oauth/authorize/decide') return decide(ctx);
  if (ctx.method === 'POST' && path === '/oauth/token') return token(ctx);
  if (ctx.method === 'POST' && path === '/oauth/revoke') return revoke(ctx);
  if (ctx.method === 'POST' && path === '/oauth/token/introspect') return introspect(ctx);
  return undefined;
}
