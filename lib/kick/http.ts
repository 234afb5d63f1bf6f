import type { z } from 'zod';
import { KickError, toKickErrorInfo } from './errors';
import type { HostCircuit } from './host-circuit';
import { t } from '@/lib/i18n/messages';

export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_AFTER_S = 30;

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number {
  if (!header) return DEFAULT_RETRY_AFTER_S;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_S : Math.max(0, Math.ceil((date - now) / 1000));
}

export interface KickRequest {
  url: string;
  method?: 'GET' | 'POST' | 'DELETE';
  token?: string;
  form?: URLSearchParams;
  /** A JSON body (the moderation endpoints); not with `form`. */
  json?: unknown;
  timeoutMs?: number;
  /** Scope named in the error when Kick answers 403. */
  scope?: string;
  /** Honours Kick's Retry-After and recent failures of this host (none: always ask). */
  circuit?: HostCircuit;
}

/** Maps a non-2xx answer to the typed error the UI knows how to explain. */
export async function errorFromResponse(res: Response, scope?: string): Promise<KickError> {
  const status = res.status;
  let oauthError: string | undefined;
  try {
    const body = (await res.clone().json()) as { error?: unknown };
    if (typeof body.error === 'string') oauthError = body.error;
  } catch {
    /* not JSON: the status says enough */
  }
  if (oauthError === 'invalid_grant') return new KickError({ code: 'invalid_grant', status, message: t('error.grantGone') });
  if (oauthError === 'invalid_client') return new KickError({ code: 'invalid_client', status, message: t('error.appCredentials') });
  if (status === 401) return new KickError({ code: 'unauthorized', status, message: t('error.tokenDead') });
  if (status === 403)
    return new KickError({ code: 'forbidden', status, missingScope: scope, message: scope ? t('error.missingScope', { scope }) : t('error.forbidden') });
  if (status === 404) return new KickError({ code: 'not_found', status, message: t('error.notFound') });
  if (status === 429) {
    const retryAfterSec = parseRetryAfter(res.headers.get('retry-after'));
    return new KickError({ code: 'rate_limited', status, retryAfterSec, message: t('error.rateLimited', { s: retryAfterSec }) });
  }
  if (status === 400) return new KickError({ code: 'invalid_request', status, message: t('error.invalidRequest') });
  return new KickError({ code: 'server', status, message: t('error.server', { status }) });
}

/** The first failing path of a zod error, for an "invalid response" message that says which field. */
export function firstIssuePath(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.path.join('.') || '(root)' : '(root)';
}

/** One request to Kick: timeout, typed errors, and the answer checked with a zod schema. */
export async function kickFetch<T extends z.ZodType>(schema: T, request: KickRequest): Promise<z.output<T>> {
  const res = await kickFetchRaw(request);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new KickError({ code: 'invalid_response', message: t('error.notJson') });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const field = firstIssuePath(parsed.error);
    throw new KickError({ code: 'invalid_response', field, message: t('error.unexpectedField', { field }) });
  }
  return parsed.data;
}

/** The response of a successful request, for endpoints whose body is not JSON (revoke answers "OK"). */
export async function kickFetchRaw(request: KickRequest): Promise<Response> {
  const host = new URL(request.url).host;
  request.circuit?.check(host);
  try {
    const res = await send(request);
    request.circuit?.record(host);
    return res;
  } catch (error) {
    if (error instanceof KickError) request.circuit?.record(host, error.info);
    throw error;
  }
}

async function send(request: KickRequest): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers,
      body: request.json !== undefined ? JSON.stringify(request.json) : request.form?.toString(),
      signal: AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    throw new KickError(toKickErrorInfo(error));
  }
  if (!res.ok) throw await errorFromResponse(res, request.scope);
  return res;
}
