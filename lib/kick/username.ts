/**
 * Kick's username rules without zod: the content script checks every name it sees with this, and zod is half
 * its size (issue #12). `UsernameSchema` (./username-schema.ts) is built from the same rules, and
 * username.test.ts checks both agree.
 */
export const USERNAME_MAX = 25;
export const USERNAME_CHARS = /^[A-Za-z0-9_-]+$/;
export const USERNAME_HAS_ALNUM = /[A-Za-z0-9]/;

/** The name, trimmed, if it could be a Kick username or slug (see UsernameSchema for why these rules); otherwise undefined. */
export function kickUsername(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  return name.length >= 1 && name.length <= USERNAME_MAX && USERNAME_CHARS.test(name) && USERNAME_HAS_ALNUM.test(name) ? name : undefined;
}
