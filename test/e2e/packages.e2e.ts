import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIREFOX_ADDON_ID } from '../../config/firefox';
import { readZip } from '../support/zip';

// `npm test` builds with `npm run zip`, so the store packages are checked on every run.
const root = path.resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const zipOf = (kind: string) => path.join(root, '.output', `kick-user-cards-${version}-${kind}.zip`);

describe('store packages', () => {
  it.each(['chrome', 'firefox', 'sources'])('the %s zip is there, named with package.json’s version', (kind) => {
    expect(existsSync(zipOf(kind)), `${zipOf(kind)}: run \`npm run zip\``).toBe(true);
  });

  it('the Firefox package declares no data collection and a real, stable add-on id', () => {
    const manifest = JSON.parse(readZip(zipOf('firefox')).get('manifest.json')!().toString('utf8')) as {
      version: string;
      browser_specific_settings: { gecko: { id: string; data_collection_permissions?: { required: string[] } } };
    };
    const gecko = manifest.browser_specific_settings.gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(gecko.id).toBe(FIREFOX_ADDON_ID);
    expect(gecko.id).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$|^[\w.-]+@[\w.-]+$/);
    expect(gecko.id).not.toMatch(/@(example\.(org|com|net)|localhost)$/);
    expect(manifest.version).toBe(version);
  });

  it('both packages carry every icon size, and the Chrome one its fixed key', () => {
    for (const kind of ['chrome', 'firefox']) {
      const entries = readZip(zipOf(kind));
      const manifest = JSON.parse(entries.get('manifest.json')!().toString('utf8')) as { icons: Record<string, string>; key?: string; version: string };
      expect(manifest.version).toBe(version);
      for (const file of Object.values(manifest.icons)) expect(entries.has(file), `${kind}: ${file}`).toBe(true);
      if (kind === 'chrome') expect(manifest.key).toBeTruthy();
    }
  });

  it('the sources zip builds the add-on and leaks no test key, log or artifact', () => {
    const names = [...readZip(zipOf('sources')).keys()];
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'config/firefox.ts', 'entrypoints/background.ts', 'README.md'])
      expect(names, needed).toContain(needed);
    expect(names.filter((n) => /certs\/|artifacts\/|\.log$|\.pem$|\.key$|node_modules\/|\.output\//.test(n))).toEqual([]);
  });
});
