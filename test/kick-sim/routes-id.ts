import { randomBytes } from 'node:crypto';
import { html, json, type SimContext, type SimReply } from './http-types';
import { KNOWN_SCOPES, s256 } from './oauth-state';

/** id.kick.com: OAuth 2.1 authorization code + PKCE, refresh with rotation, client credentials, revoke, introspect. */

const invalidRequest = () => json(400, { error: 'Invalid request' });
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
    scopes: (q.get('scope') ?? '').split(' ').filter(Boolean),
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
  if (!String(ctx.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
    return json(400, { error: 'invalid_request', error_description: 'form body required' });
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  ctx.form = form;
  const { app, oauth } = ctx.data;
  const grant = form.get('grant_type');
  if (!grant) return json(400, { error: 'invalid_request' });
  if (form.get('client_id') !== app.clientId || form.get('client_secret') !== app.clientSecret)
    return json(401, { error: 'invalid_client' });

  if (grant === 'authorization_code') {
    const code = oauth.codes.get(form.get('code') ?? '');
    const verifier = form.get('code_verifier');
    if (!verifier || !form.get('redirect_uri')) return json(400, { error: 'invalid_request' });
    if (!code || code.used || code.expiresAt < Date.now()) return json(400, { error: 'invalid_grant' });
    code.used = true;
    if (code.clientId !== app.clientId || code.redirectUri !== form.get('redirect_uri') || s256(verifier) !== code.challenge)
      return json(400, { error: 'invalid_grant' });
    return json(200, oauth.issueUserTokens(app.clientId, code.userId, code.scopes));
  }
  if (grant === 'refresh_token') {
    const rotated = oauth.rotate(form.get('refresh_token') ?? '');
    return rotated ? json(200, rotated) : json(400, { error: 'invalid_grant' });
  }
  if (grant === 'client_credentials') return json(200, oauth.issueAppToken(app.clientId));
  return json(400, { error: 'unsupported_grant_type' });
}

function revoke(ctx: SimContext): SimReply {
  const tokenValue = ctx.url.searchParams.get('token');
  if (!tokenValue) return invalidRequest();
  ctx.data.oauth.revoke(tokenValue);
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'OK' };
}

export function bearer(ctx: SimContext): string | undefined {
  const header = ctx.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

export function introspect(ctx: SimContext): SimReply {
  const tokenValue = bearer(ctx);
  const record = tokenValue ? ctx.data.oauth.activeAccess(tokenValue) : undefined;
  if (!record) {
    ctx.auth = tokenValue ? 'invalid' : 'none';
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
