import { describe, expect, it } from 'vitest';
import { displayName, displayText, kickImageUrl, kickSlug } from './display';

describe('display strings', () => {
  it('strips bidi controls and zero-width characters from names', () => {
    expect(displayName('stre\u200Bamer1\u202Egnp.exe')).toBe('streamer1gnp.exe');
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\uFEFF', '\u061C', '\u00AD'])
      expect(displayName(`a${c}b`), `U+${c.codePointAt(0)!.toString(16)}`).toBe('ab');
    expect(displayName('Ünïcødé 日本語 مرحبا ✨')).toBe('Ünïcødé 日本語 مرحبا ✨');
    expect(displayName('\u200B\u202E ')).toBeUndefined();
  });

  it('keeps joiners in long text but not the controls that reorder it', () => {
    expect(displayText('family 👨\u200D👩\u200D👧 \u202Eevil\u202C ok\u0007')).toBe('family 👨\u200D👩\u200D👧 evil ok');
    expect(displayText('line one\nline two')).toBe('line one\nline two');
  });

  it('accepts only slugs Kick could have made', () => {
    expect(kickSlug('og-olga')).toBe('og-olga');
    expect(kickSlug('..')).toBeUndefined();
    expect(kickSlug('evil\u202Egnp')).toBeUndefined();
    expect(kickSlug(undefined)).toBeUndefined();
  });

  it('takes images only from Kick’s own hosts', () => {
    expect(kickImageUrl('https://files.kick.com/images/user/1/profile_image/conversion/a-fullsize.webp')).toBe(
      'https://files.kick.com/images/user/1/profile_image/conversion/a-fullsize.webp',
    );
    expect(kickImageUrl('https://kick.com/img/default-profile-pictures/default2.jpeg')).toBe('https://kick.com/img/default-profile-pictures/default2.jpeg');
    for (const bad of [
      'https://tracker.example/pixel.gif',
      'https://files.kick.com.evil.example/a.png',
      'https://evilfiles.kick.com/a.png',
      'https://kick.com/api/v2/channels/x',
      'http://files.kick.com/a.png',
      'https://user@files.kick.com/a.png',
      'https://files.kick.com:8443/a.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      '',
      undefined,
    ])
      expect(kickImageUrl(bad), bad).toBeUndefined();
  });
});
