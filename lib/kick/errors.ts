import { ZodError } from 'zod';
import { KickErrorCodeSchema, KickErrorInfoSchema, type KickErrorCode, type KickErrorInfo } from './error-info';
import { KickError } from './kick-error';
import { t } from '@/lib/i18n/messages';

// The schemas live in ./error-info.ts, below this file and ./kick-error.ts (which takes their types and stays zod-free):
// the error's callers find all of it here.
export { KickError, KickErrorCodeSchema, KickErrorInfoSchema, type KickErrorCode, type KickErrorInfo };

export function isKickError(error: unknown, code?: KickErrorCode): error is KickError {
  return error instanceof KickError && (code === undefined || error.info.code === code);
}

/** Any thrown value as a KickErrorInfo, never exposing more than its message. */
export function toKickErrorInfo(error: unknown): KickErrorInfo {
  if (error instanceof KickError) return error.info;
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return { code: 'timeout', message: t('error.timeout') };
  if (error instanceof TypeError) return { code: 'network', message: t('error.network') };
  // Never a schema dump on a card: say which field, in a sentence.
  if (error instanceof ZodError) {
    const field = error.issues[0]?.path.join('.') || undefined;
    return { code: 'invalid_response', field, message: field ? t('error.unreadableField', { field }) : t('error.unreadable') };
  }
  return { code: 'server', message: error instanceof Error ? error.message : t('error.unexpected') };
}
