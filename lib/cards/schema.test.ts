import { describe, expect, it } from 'vitest';
import { HttpsUrlSchema, OfficialProfileSchema } from './schema';

describe('HttpsUrlSchema', () => {
  it('keeps https URLs, normalised', () => {
    expect(HttpsUrlSchema.parse(' https://files.kick.com/a b.webp ')).toBe('https://files.kick.com/a%20b.webp');
  });
  it.each(['javascript:alert(1)', 'http://files.kick.com/a.png', 'data:image/png;base64,AAAA', '//files.kick.com/a.png', 'https://user:pw@files.kick.com/a', 'not a url', ''])(
    'refuses %j',
    (value) => {
      expect(HttpsUrlSchema.safeParse(value).success).toBe(false);
    },
  );
  it('drops a bad picture without losing the profile only where the caller asks field by field', () => {
    expect(OfficialProfileSchema.safeParse({ userId: 1, slug: 'a', avatarUrl: 'javascript:x' }).success).toBe(false);
    expect(OfficialProfileSchema.parse({ userId: 1, slug: 'a' })).toEqual({ userId: 1, slug: 'a' });
  });
});
