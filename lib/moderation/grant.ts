import { MODERATOR_SCOPES } from './schema';

/**
 * What Kick granted of the moderation scopes, in the token's own words (introspection's `scope`, or the token answer's):
 * Kick's consent screen lets a user untick scopes (KickDevDocs #16), so asking is not having.
 */
export type ModerationGrant =
  | { state: 'off' }
  | { state: 'granted' }
  /** Some or none of them: the actions that need a missing one are not offered. */
  | { state: 'missing'; missing: string[] };

export function moderationGrant(enabled: boolean, granted: readonly string[]): ModerationGrant {
  if (!enabled) return { state: 'off' };
  const missing = MODERATOR_SCOPES.filter((scope) => !granted.includes(scope));
  return missing.length === 0 ? { state: 'granted' } : { state: 'missing', missing };
}
