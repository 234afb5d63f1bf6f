/**
 * Slugs are lowercase, and a username with `_` usually has a slug with `-`: try that first, since
 * an unknown slug costs a whole batch (Kick answers 400 for all of it), then the name as written.
 */
export function slugCandidates(username: string): string[] {
  const slug = username.toLowerCase();
  const dashed = slug.replace(/_/g, '-');
  return dashed === slug ? [slug] : [dashed, slug];
}
