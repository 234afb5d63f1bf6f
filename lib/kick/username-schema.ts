import { z } from 'zod';
import { USERNAME_CHARS, USERNAME_HAS_ALNUM, USERNAME_MAX } from './username';

/**
 * A Kick username, or a channel slug read from a link. Kick publishes no username rules, so this is
 * the narrowest set the evidence supports:
 * - at most 25 characters: Kick's docs cap a channel slug at 25 (KickDevDocs, "GET /public/v1/channels",
 *   see shared/reference/kick-api.md), and `averyveryverylongname2025` is 25;
 * - letters, digits and `_` in usernames (KickTalk's mention pattern `@[a-zA-Z0-9_]{3,}` in
 *   BP602/KickTalk utils/constants.js; public Kick validators say the same), plus `-`, which slugs use
 *   where the username has `_` (`og_olga` → `og-olga`);
 * - no `.` at all, so no path segment built from a name can be `.` or `..`;
 * - at least one letter or digit. The minimum length is a guess (public validators say 2 or 3; we take 1,
 *   since a too-short name risks nothing, only a missing card).
 */
export const UsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(USERNAME_MAX)
  .regex(USERNAME_CHARS, 'not a Kick username')
  .regex(USERNAME_HAS_ALNUM, 'not a Kick username');
