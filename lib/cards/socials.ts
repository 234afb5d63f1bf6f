import type { SocialLink, SocialNetwork } from './schema';

/**
 * Kick stores socials as handles (sometimes as pasted URLs). A link is only ever built to the
 * network's own https site; anything else (javascript:, http:, other hosts) is dropped.
 */
const SITES: Record<SocialNetwork, { hosts: string[]; url: (handle: string) => string }> = {
  instagram: { hosts: ['instagram.com'], url: (h) => `https://instagram.com/${h}` },
  twitter: { hosts: ['x.com', 'twitter.com'], url: (h) => `https://x.com/${h}` },
  youtube: { hosts: ['youtube.com'], url: (h) => `https://youtube.com/@${h}` },
  discord: { hosts: ['discord.gg', 'discord.com'], url: (h) => `https://discord.gg/${h}` },
  tiktok: { hosts: ['tiktok.com'], url: (h) => `https://tiktok.com/@${h}` },
  facebook: { hosts: ['facebook.com'], url: (h) => `https://facebook.com/${h}` },
};
const HANDLE = /^@?([A-Za-z0-9_.-]{1,64})$/;

const onHost = (hostname: string, hosts: string[]) => hosts.some((h) => hostname === h || hostname.endsWith(`.${h}`));

export function socialLink(network: SocialNetwork, raw: string | null | undefined): SocialLink | null {
  const value = raw?.trim();
  if (!value) return null;
  const site = SITES[network];
  const handle = HANDLE.exec(value);
  if (handle) return { network, handle: handle[1]!, url: site.url(handle[1]!) };
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' && !url.username && !url.password && onHost(url.hostname, site.hosts)) {
      const path = url.pathname.split('/').filter(Boolean).at(-1) ?? url.hostname;
      return { network, handle: path.replace(/^@/, ''), url: url.href };
    }
  } catch {
    /* neither a handle nor a URL */
  }
  return null;
}

export function socialLinks(values: Partial<Record<SocialNetwork, string | null | undefined>>): SocialLink[] {
  return (Object.keys(SITES) as SocialNetwork[]).flatMap((network) => {
    const link = socialLink(network, values[network]);
    return link ? [link] : [];
  });
}
