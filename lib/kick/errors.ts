import { z, ZodError } from 'zod';
import { KickError } from './kick-error';

/**
 * Every failure the extension can meet while talking to Kick, as plain data so it can cross
 * the messaging boundary and be shown to the user as is.
 */
export const KickErrorCodeSchema = z.enum([
  'unauthorized', // 401: token expired or revoked
  'forbidden', // 403: usually a missing scope (see missingScope)
  'not_found', // 404 or unknown slug
  'rate_limited', // 429 (see retryAfterSec)
  'server', // 5xx
  'network', // fetch failed
  'timeout', // no answer in time
  'invalid_response', // body did not match the schema (see field)
  'invalid_request', // 400 from Kick
  'invalid_client', // wrong client id / secret
  'invalid_grant', // used/expired code or refresh token
  'not_configured', // no Kick app saved in options
  'not_connected', // needs a user token
  'reconnect_needed', // refresh failed for good
  'cancelled', // user closed the authorize window or denied access
  'state_mismatch', // OAuth state did not round-trip
  'rejected', // message refused at the messaging boundary
]);
export type KickErrorCode = z.infer<typeof KickErrorCodeSchema>;

export const KickErrorInfoSchema = z.object({
  code: KickErrorCodeSchema,
  message: z.string(),
  status: z.number().int().optional(),
  retryAfterSec: z.number().nonnegative().optional(),
  missingScope: z.string().optional(),
  field: z.string().optional(),
});
export type KickErrorInfo = z.infer<typeof KickErrorInfoSchema>;

export { KickError };

export function isKickError(error: unknown, code?: KickErrorCode): error is KickError {
  return error instanceof KickError && (code === undefined || error.info.code === code);
}

/** Any thrown value as a KickErrorInfo, never exposing more than its message. */
export function toKickErrorInfo(error: unknown): KickErrorInfo {
  if (error instanceof KickError) return error.info;
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return { code: 'timeout', message: 'Kick did not answer in time.' };
  if (error instanceof TypeError) return { code: 'network', message: 'Could not reach Kick. Check your connection.' };
  // Never a schema dump on a card: say which field, in a sentence.
  if (error instanceof ZodError) {
    const field = error.issues[0]?.path.join('.') || undefined;
    return { code: 'invalid_response', field, message: `Kick sent data the extension could not read${field ? ` (field "${field}")` : ''}.` };
  }
  return { code: 'server', message: error instanceof Error ? error.message : 'Unexpected error.' };
}
