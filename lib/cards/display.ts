import { kickUsername } from '../kick/username';

/**
 * Text and images from Kick are written by users. Format characters (Unicode category Cf: bidi
 * embeddings and isolates U+202A–U+202E, U+2066–U+2069, marks U+200E/U+200F/U+061C, zero-width
 * U+200B–U+200D, U+FEFF, soft hyphen…) let a name read as something else (`stre\u200Bamer1\u202Egnp.exe`
 * shows as "streamer1exe.png"), so names lose all of them. Long text (bios) keeps ZWJ/ZWNJ, which
 * emoji sequences and scripts such as Persian need, and loses the bidi controls that reorder what
 * follows; the UI also isolates every such run (`<bdi>`, `dir="auto"`).
 */
const FORMAT = /[\p{Cf}\p{Cc}]/gu;
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Controls other than tab and newline, which bios use.
const CONTROLS = /(?![\t\n])\p{Cc}/gu;

/** A name as the card shows it: no format or control characters; undefined when nothing is left. */
export function displayName(value: string | undefined): string | undefined {
  const clean = value?.replace(FORMAT, '').trim();
  return clean ? clean : undefined;
}

/** Longer text (bio, stream title): no bidi controls or control characters. */
export function displayText(value: string | undefined): string | undefined {
  const clean = value?.replace(BIDI_CONTROLS, '').replace(CONTROLS, '').trim();
  return clean ? clean : undefined;
}

/** A slug only if it is one Kick could have made (it ends up in links and in the clipboard). */
export function kickSlug(value: string | undefined): string | undefined {
  return kickUsername(value);
}

/**
 * Images come only from Kick's own hosts, so a profile cannot make the card load a tracker or an
 * arbitrary site. Kick serves profile pictures and banners from files.kick.com and its default
 * pictures from kick.com/img/ (`https://kick.com/img/default-profile-pictures/default2.jpeg`, KickDevDocs
 * #97/#199, see shared/reference/kick-api.md). Any other host is dropped and the card shows initials.
 */
export function kickImageUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  if (url.hostname === 'files.kick.com') return url.href;
  if ((url.hostname === 'kick.com' || url.hostname === 'www.kick.com') && url.pathname.startsWith('/img/')) return url.href;
  return undefined;
}
