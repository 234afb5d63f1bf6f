import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchWebProfile, kickPath } from './web-profile';

function stubFetch() {
  const paths: string[] = [];
  vi.stubGlobal('fetch', (input: string) => {
    paths.push(input);
    return Promise.resolve(new Response('{}', { status: 404 }));
  });
  return paths;
}

afterEach(() => vi.unstubAllGlobals());

describe('kick.com paths', () => {
  it('never sends a dot-only segment, which the server would resolve to another resource', async () => {
    for (const name of ['.', '..', '...']) {
      const paths = stubFetch();
      await fetchWebProfile(name, 'streamer1');
      for (const path of paths) expect(path.split('/').some((segment) => /^\.+$/.test(segment)), path).toBe(false);
      vi.unstubAllGlobals();
    }
  });

  it('encodes each segment and refuses dot-only ones', () => {
    expect(kickPath('api', 'v2', 'channels', 'og-olga')).toBe('/api/v2/channels/og-olga');
    expect(kickPath('channels', 'a/b?c#d')).toBe('/channels/a%2Fb%3Fc%23d');
    for (const bad of ['.', '..', '', '%2e%2e']) expect(() => kickPath('channels', bad), bad).toThrow();
  });
});
