import { z } from 'zod';

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
