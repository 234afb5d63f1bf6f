import { describe, expect, it } from 'vitest';
import { socialLink, socialLinks } from './socials';

describe('social links', () => {
  it('turns handles into links on the network own site', () => {
    expect(socialLink('twitter', '@coolcat')).toEqual({ network: 'twitter', handle: 'coolcat', url: 'https://x.com/coolcat' });
    expect(socialLink('youtube', 'streamer1')?.url).toBe('https://youtube.com/@streamer1');
    expect(socialLink('discord', 'abc123')?.url).toBe('https://discord.gg/abc123');
  });
  it('keeps pasted https URLs on the right site', () => {
    expect(socialLink('instagram', 'https://www.instagram.com/someone/')?.handle).toBe('someone');
  });
  it('drops javascript:, http:, other hosts and markup', () => {
    expect(socialLink('instagram', 'javascript:alert(1)')).toBeNull();
    expect(socialLink('twitter', 'http://evil.example/x')).toBeNull();
    expect(socialLink('twitter', 'https://evil.example/x')).toBeNull();
    expect(socialLink('youtube', '"><img src=x onerror=alert(1)>')).toBeNull();
    expect(socialLink('facebook', 'https://user:pw@facebook.com/x')).toBeNull();
    expect(socialLink('tiktok', '')).toBeNull();
  });
  it('lists only the valid ones, in a stable order', () => {
    expect(socialLinks({ youtube: 'yt', instagram: 'javascript:x', twitter: 'tw' }).map((l) => l.network)).toEqual(['twitter', 'youtube']);
  });
});
