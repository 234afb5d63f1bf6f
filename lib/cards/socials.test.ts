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
    expect(socialLinks({ youtube: 'yt_channel', instagram: 'javascript:x', twitter: 'tw' }).map((l) => l.network)).toEqual(['twitter', 'youtube']);
  });
});

describe('social links are rebuilt from the handle', () => {
  it('drops the networks’ own redirectors', () => {
    expect(socialLink('youtube', 'https://www.youtube.com/redirect?q=https%3A%2F%2Fevil.example')).toBeNull();
    expect(socialLink('facebook', 'https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example')).toBeNull();
    expect(socialLink('facebook', 'https://facebook.com/l.php?u=https%3A%2F%2Fevil.example')).toBeNull();
    expect(socialLink('instagram', 'https://l.instagram.com/?u=https%3A%2F%2Fevil.example')).toBeNull();
    expect(socialLink('twitter', 'https://t.co/abc')).toBeNull();
  });

  it('keeps only the handle of a pasted URL: no query, fragment or extra path', () => {
    expect(socialLink('tiktok', 'https://www.tiktok.com/@hank?x=https://evil.example#y')).toEqual({ network: 'tiktok', handle: 'hank', url: 'https://tiktok.com/@hank' });
    expect(socialLink('instagram', 'https://www.instagram.com/someone/?next=https://evil.example')?.url).toBe('https://instagram.com/someone');
    expect(socialLink('youtube', 'https://youtube.com/@streamer1/videos')?.url).toBe('https://youtube.com/@streamer1');
    expect(socialLink('discord', 'https://discord.com/invite/abc123')?.url).toBe('https://discord.gg/abc123');
    expect(socialLink('twitter', 'https://twitter.com/coolcat')?.url).toBe('https://x.com/coolcat');
  });

  it('drops handles that break the network’s handle rules', () => {
    expect(socialLink('twitter', 'a_much_too_long_handle')).toBeNull();
    expect(socialLink('twitter', 'has.dot')).toBeNull();
    expect(socialLink('instagram', '..')).toBeNull();
    expect(socialLink('instagram', 'x'.repeat(31))).toBeNull();
    expect(socialLink('tiktok', 'x'.repeat(25))).toBeNull();
    expect(socialLink('facebook', 'abc')).toBeNull();
    expect(socialLink('youtube', 'ab')).toBeNull();
    expect(socialLink('twitter', 'cool\u202Ecat')).toBeNull();
  });
});
