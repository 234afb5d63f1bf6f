/**
 * The rate limiter's key for a client: its address alone. An Origin is no key, since outside a browser
 * anyone can send any (`moz-extension://*` admits every UUID): keyed by Origin + IP, a caller that changed
 * Origin each time got a fresh limit (issue #25). IPv6 is keyed by its /64, the prefix one subscriber
 * usually holds whole (RFC 6177), so walking the addresses inside it gets no fresh limit either.
 */
export function clientKey(address: string | null | undefined): string {
  if (!address) return '-';
  const mapped = /^(?:::ffff:)(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const groups = ipv6Groups(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address, normalised (no leading zeros, `::` expanded); null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const split = (part: string) => {
    const groups = part ? part.split(':') : [];
    // A dotted IPv4 tail (64:ff9b::192.0.2.1) fills the last two groups; only the /64 matters here.
    if (groups.at(-1)?.includes('.')) groups.splice(-1, 1, '0', '0');
    return groups;
  };
  const head = split(halves[0]!);
  const tail = halves.length === 2 ? split(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0 || (halves.length === 2 && fill === 0) || head.length + fill + tail.length !== 8) return null;
  const groups = [...head, ...Array<string>(fill).fill('0'), ...tail];
  return groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? groups.map((g) => parseInt(g, 16).toString(16)) : null;
}
