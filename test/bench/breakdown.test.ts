import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleBreakdown, moduleLocator } from './breakdown';

/*
 * A two-line script and its map, written by hand. Line 0: columns 0–9 from src/a.ts, 10–19 from
 * node_modules/preact/dist/preact.mjs, 20 on from src/a.ts again; line 1: column 0 unmapped, 5 on from the package.
 * VLQ: "A" 0, "C" +1, "D" −1, "K" +5, "U" +10.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'kuc-breakdown-'));
const script = path.join(dir, 'built.js');
writeFileSync(script, `${'a'.repeat(25)}\n${'b'.repeat(8)}`);
writeFileSync(`${script}.map`, JSON.stringify({ version: 3, sources: ['../src/a.ts', '../node_modules/preact/dist/preact.mjs'], mappings: 'AAAA,UCAA,UDAA;A,KCAA' }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('moduleLocator', () => {
  const locate = moduleLocator(script);

  it('names the module of the last mapping at or before a place', () => {
    expect(locate(0, 0)).toBe('src/a.ts');
    expect(locate(0, 9)).toBe('src/a.ts');
    expect(locate(0, 10)).toBe('preact');
    expect(locate(0, 19)).toBe('preact');
    expect(locate(0, 24)).toBe('src/a.ts');
    expect(locate(1, 6)).toBe('preact');
  });

  it('says a place is unmapped when its mapping names no source, or no mapping comes before it', () => {
    expect(locate(1, 2)).toBe('(unmapped)');
    expect(locate(7, 0)).toBe('(unmapped)');
  });

  it('agrees with moduleBreakdown on the bytes of each module', () => {
    expect(moduleBreakdown(script).modules).toEqual([
      { module: 'src/a.ts', bytes: 15, share: 15 / 34 },
      { module: 'preact', bytes: 13, share: 13 / 34 },
      { module: '(unmapped)', bytes: 5, share: 5 / 34 },
    ]);
  });
});
