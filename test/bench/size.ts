import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where `wxt build` (and `wxt zip`) write the production Chrome build. */
export const PRODUCTION_CHROME_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');

/**
 * What the content script costs every kick.com page: its script, gzipped. Issue #12 asks for ≤ 30 kB. Since the card's
 * UI is injected only on the first reach for a name (entrypoints/card-ui/), the script measures 10.1 kB; the budget
 * keeps it near that (room for issue #13's chat record), so growth fails `npm test`. Never raise it quietly.
 */
export const CONTENT_SCRIPT_BUDGET_BYTES = 12 * 1024;

/**
 * The card's UI script (Preact, floating-ui, the card, its CSS), which a page loads on the first hover only. Held to
 * the 30 kB issue #12 set for everything the page used to load at start (21.1 kB measured before issue #13's
 * sections).
 */
export const CARD_UI_BUDGET_BYTES = 30 * 1024;

export interface ScriptSize {
  files: string[];
  raw: number;
  gzip: number;
}
export type ContentScriptSize = ScriptSize;

function gzipSizes(dir: string, files: string[]): ScriptSize {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

/** gzip level 9 per file, summed: the figure `npm run bench` reports and the size test checks. */
export function contentScriptSize(buildDir = PRODUCTION_CHROME_DIR): ScriptSize {
  const dir = path.join(buildDir, 'content-scripts');
  return gzipSizes(dir, readdirSync(dir).filter((f) => /\.(js|css)$/.test(f)).sort());
}

/** The injected card UI script (lib/background/card-ui-injection.ts), gzip level 9. */
export function cardUiSize(buildDir = PRODUCTION_CHROME_DIR): ScriptSize {
  return gzipSizes(buildDir, ['card-ui.js']);
}
