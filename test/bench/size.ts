import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where `wxt build` (and `wxt zip`) write the production Chrome build. */
export const PRODUCTION_CHROME_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');

/**
 * What the content script costs every kick.com page: its script and its CSS, gzipped. Issue #12 asks for ≤ 30 kB;
 * this is the size reached so far (33.0 kB, from 62.9 kB before zod left the page; the page sends through
 * @webext-core/messaging, the project's fixed messaging library, which costs 0.8 kB of it) with 1.5% of room, so
 * growth fails `npm test` while the rest of the issue is open. Lower it as the script shrinks, never raise it quietly.
 * Issue #13's card notes and kick.com account read (+1.0 kB) fit by dropping @floating-ui/react-dom (−0.6 kB):
 * 33.4 kB (34,181 B) measured after them.
 */
export const CONTENT_SCRIPT_BUDGET_BYTES = 33.5 * 1024;

export interface ContentScriptSize {
  files: string[];
  raw: number;
  gzip: number;
}

/** gzip level 9 per file, summed: the figure `npm run bench` reports and the size test checks. */
export function contentScriptSize(buildDir = PRODUCTION_CHROME_DIR): ContentScriptSize {
  const dir = path.join(buildDir, 'content-scripts');
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f)).sort();
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}
