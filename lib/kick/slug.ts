/**
 * Slugs are lowercase, and a username with `_` usually has a slug with `-` (kick-dom.md): try that
 * first, since it is the common case, then the name as written.
 */
export function slugCandidates(username: string): string[] {
  const slug = username.toLowerCase();
  const dashed = usualSlug(slug);
  return dashed === slug ? [slug] : [dashed, slug];
}

/** The slug a username usually has: lowercase, `_` written as `-`. */
export const usualSlug = (username: string) => username.toLowerCase().replaceAll('_', '-');
