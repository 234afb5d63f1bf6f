import { describe, expect, it } from 'vitest';
import { UsernameSchema } from './protocol';

const ok = (name: string) => UsernameSchema.safeParse(name).success;

describe('UsernameSchema (Kick usernames and slugs)', () => {
  it('accepts the names and slugs Kick has', () => {
    for (const name of ['streamer1', 'og_olga', 'og-olga', 'cool_cat', 'cool-cat', 'averyveryverylongname2025', 'StreamerOne', 'x']) expect(ok(name), name).toBe(true);
  });

  it('rejects dot segments, which would climb kick.com URL paths', () => {
    for (const name of ['.', '..', '...', '.streamer1', 'streamer1.', 'a.b', './x']) expect(ok(name), name).toBe(false);
  });

  it('rejects names with nothing but punctuation, over 25 characters, or with other characters', () => {
    for (const name of ['_', '-', '__', '-_-', 'a'.repeat(26), 'streamer 1', 'a/b', 'a%2e', 'a?b', 'ünï', 'stre\u200Bamer1', ''])
      expect(ok(name), JSON.stringify(name)).toBe(false);
  });
});
