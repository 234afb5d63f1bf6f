import { describe, expect, it } from 'vitest';
import { clientKey } from '../../relay/client-key';

describe('the rate limit’s key for a client address', () => {
  it('is an IPv4 address as it is, also when Node writes it IPv4-mapped', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('is an IPv6 address’s /64, however it is written', () => {
    const key = clientKey('2001:db8:0:7::1');
    expect(key).toBe('2001:db8:0:7::/64');
    for (const same of ['2001:0db8:0000:0007:ffff:ffff:ffff:ffff', '2001:db8::7:1:2:3:4', '[2001:db8:0:7::abcd]', '2001:db8:0:7::1%eth0', '2001:db8:0:7:0:0:192.0.2.1'])
      expect(clientKey(same), same).toBe(key);
    expect(clientKey('2001:db8:0:8::1')).not.toBe(key);
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('is the text itself for anything else, and one shared key for no address', () => {
    expect(clientKey('not-an-address')).toBe('not-an-address');
    expect(clientKey('1::2::3')).toBe('1::2::3');
    expect(clientKey(null)).toBe('-');
    expect(clientKey('')).toBe('-');
  });
});
