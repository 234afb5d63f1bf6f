import { describe, expect, it } from 'vitest';
import { UsernameSchema } from '../messaging/protocol';
import { kickUsername } from './username';

// The page checks names with kickUsername, the background with UsernameSchema: a name one accepts and the other refuses
// would open cards that always fail, or hide names the background would serve.
describe('kickUsername', () => {
  const samples: unknown[] = [
    'streamer1', 'og_olga', 'og-olga', ' padded ', '\tTabbed\n', 'x', 'a'.repeat(25), 'a'.repeat(26), ` ${'a'.repeat(25)} `,
    '.', '..', 'a.b', '_', '-', '-_-', '', '   ', 'streamer 1', 'a/b', 'a%2e', 'ünï', 'stre\u200Bamer1', '\u00A0nbsp\u00A0', '\uFEFFbom',
    null, undefined, 42, {}, ['streamer1'],
  ];
  for (let i = 0; i < 200; i++) samples.push(Array.from({ length: i % 30 }, (_, j) => ' _-.aZ9é\u200B'[(i * 7 + j * 13) % 12]).join(''));

  it('agrees with UsernameSchema on every sample, trimmed value included', () => {
    for (const value of samples) expect(kickUsername(value), JSON.stringify(value)).toBe(UsernameSchema.safeParse(value).data);
  });
});
