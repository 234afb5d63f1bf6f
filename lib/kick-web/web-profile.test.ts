// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchWebProfile, kickPath } from './web-profile';

function stubFetch() {
  const paths: string[] = [];
  vi.stubGlobal('fetch', (input: string) => {
    paths.push(new URL(input).pathname);
    return Promise.resolve(new Response('{}', { status: 404 }));
  });
  return paths;
}

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://kick.com/streamer1');
});
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

  it('requests absolute kick.com URLs, which Firefox content scripts need', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', (input: string) => {
      urls.push(input);
      return Promise.resolve(new Response('{}', { status: 404 }));
    });
    await fetchWebProfile('og_olga', 'streamer1');
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^https:\/\/kick\.com\/api\/v2\/channels\//);
  });

  it('encodes each segment and refuses dot-only ones', () => {
    expect(kickPath('api', 'v2', 'channels', 'og-olga')).toBe('/api/v2/channels/og-olga');
    expect(kickPath('channels', 'a/b?c#d')).toBe('/channels/a%2Fb%3Fc%23d');
    for (const bad of ['.', '..', '', '%2e%2e']) expect(() => kickPath('channels', bad), bad).toThrow();
  });
});
