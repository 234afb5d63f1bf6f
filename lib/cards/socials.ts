import type { SocialLink, SocialNetwork } from './schema';

/**
 * Kick stores socials as handles, sometimes as pasted URLs. Every link is rebuilt from a handle that
 * follows the network's own rules, on the network's own https site: a pasted URL gives only its
 * handle (its query, fragment and other path segments are dropped), so the networks' redirectors
 * (`youtube.com/redirect?q=…`, `l.facebook.com/l.php?u=…`, `l.instagram.com/?u=…`, `t.co/…`) never
 * become a link, nor do javascript:, http: or other hosts.
 *
 * Handle rules, from each network's published username rules where one exists: X 1–15 of
 * letters, digits, `_`; Instagram up to 30 of letters, digits, `.`, `_`; TikTok 2–24 of letters,
 * digits, `.`, `_`; YouTube handles 3–30 of letters, digits, `.`, `_`, `-`; Facebook usernames at
 * least 5 of letters, digits, `.`. Discord invite codes (2–32 of letters, digits, `-`) are a guess.
 */
interface Site {
  /** Hostnames a pasted URL may have (exact, or `www.`/`m.` of them). */
  hosts: string[];
  /** The handle in a pasted URL's path segments, if the path is a profile. */
  fromPath: (segments: string[]) => string | undefined;
  handle: RegExp;
  url: (handle: string) => string;
}

const first = (segments: string[]) => segments[0];
const at = (segments: string[]) => (segments[0]?.startsWith('@') ? segments[0].slice(1) : undefined);

const SITES: Record<SocialNetwork, Site> = {
  instagram: { hosts: ['instagram.com'], fromPath: first, handle: /^[A-Za-z0-9._]{1,30}$/, url: (h) => `https://instagram.com/${h}` },
  twitter: { hosts: ['x.com', 'twitter.com'], fromPath: first, handle: /^[A-Za-z0-9_]{1,15}$/, url: (h) => `https://x.com/${h}` },
  youtube: { hosts: ['youtube.com'], fromPath: at, handle: /^[A-Za-z0-9._-]{3,30}$/, url: (h) => `https://youtube.com/@${h}` },
  discord: {
    hosts: ['discord.gg', 'discord.com'],
    fromPath: (s) => (s[0] === 'invite' ? s[1] : s.length === 1 ? s[0] : undefined),
    handle: /^[A-Za-z0-9-]{2,32}$/,
    url: (h) => `https://discord.gg/${h}`,
  },
  tiktok: { hosts: ['tiktok.com'], fromPath: at, handle: /^[A-Za-z0-9._]{2,24}$/, url: (h) => `https://tiktok.com/@${h}` },
  facebook: {
    hosts: ['facebook.com'],
    fromPath: first,
    // Not a page such as l.php, profile.php or sharer.php: those carry their target in the query.
    handle: /^(?!.*\.php$)[A-Za-z0-9.]{5,50}$/,
    url: (h) => `https://facebook.com/${h}`,
  },
};

const onHost = (hostname: string, hosts: string[]) => hosts.some((h) => hostname === h || hostname === `www.${h}` || hostname === `m.${h}`);

function handleOf(site: Site, value: string): string | undefined {
  if (!value.includes('/') && !value.includes(':')) return value.replace(/^@/, '');
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' || url.username || url.password || url.port || !onHost(url.hostname, site.hosts)) return undefined;
    return site.fromPath(url.pathname.split('/').filter(Boolean));
  } catch {
    return undefined;
  }
}

export function socialLink(network: SocialNetwork, raw: string | null | undefined): SocialLink | null {
  const value = raw?.trim();
  if (!value) return null;
  const site = SITES[network];
  const handle = handleOf(site, value);
  // A handle must have a letter or digit: "." or ".." would be a path, not a profile.
  if (!handle || !site.handle.test(handle) || !/[A-Za-z0-9]/.test(handle)) return null;
  return { network, handle, url: site.url(handle) };
}

export function socialLinks(values: Partial<Record<SocialNetwork, string | null | undefined>>): SocialLink[] {
  return (Object.keys(SITES) as SocialNetwork[]).flatMap((network) => {
    const link = socialLink(network, values[network]);
    return link ? [link] : [];
  });
}
