/**
 * Kick answers "no picture" with a picture: its default avatar since 2025-04 (KickDevDocs #97,
 * #199: `https://kick.com/img/default-profile-pictures/default2.jpeg`) and a default banner for
 * channels without one or offline (#308, #396: `https://kick.com/img/default-banner-pictures/default2.jpeg`;
 * #250: `https://files.kick.com/images/channel/<id>/banner_image/default-banner-2.jpg`). A card
 * treats these as no picture, so it shows initials and no banner instead of Kick's placeholder.
 */
const DEFAULT_PATHS = [/^\/img\/default-(profile|banner)-pictures\//i, /\/banner_image\/default-banner(-\d+)?\.[a-z]+$/i];

export function isKickDefaultImage(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  if (host !== 'kick.com' && host !== 'www.kick.com' && host !== 'files.kick.com') return false;
  return DEFAULT_PATHS.some((pattern) => pattern.test(parsed.pathname));
}

/** The URL when it is a real picture, undefined for Kick's placeholders. */
export function realPicture(url: string | undefined): string | undefined {
  return url && !isKickDefaultImage(url) ? url : undefined;
}
