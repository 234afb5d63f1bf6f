/**
 * Slugs are lowercase, and a username with `_` usually has a slug with `-` (kick-dom.md): try that
 * first, since it is the common case, then the name as written.
 */
export function slugCandidates(username: string): string[] {
  const slug = username.toLowerCase();
  const dashed = slug.replace(/_/g, '-');
  return dashed === slug ? [slug] : [dashed, slug];
}
