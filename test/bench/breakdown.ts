import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Built by `wxt build --mode sizemap`: the production code plus a hidden source map (wxt.config.ts). */
export const SIZEMAP_PATH = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-sizemap');
export const SIZEMAP_CONTENT_SCRIPT = path.join(SIZEMAP_PATH, 'content-scripts/kick.js');
/** The card's UI script, injected on the first hover (entrypoints/card-ui/). */
export const SIZEMAP_CARD_UI = path.join(SIZEMAP_PATH, 'card-ui.js');

export interface ModuleShare {
  module: string;
  bytes: number;
  share: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One source-map line's segments as [generated column, source index or -1]; fields are VLQ deltas, the source index runs across lines. */
function segments(line: string, state: { source: number }): [number, number][] {
  const out: [number, number][] = [];
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of segment) {
      const digit = B64.indexOf(ch);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += fields[0]!;
    if (fields.length > 1) state.source += fields[1]!;
    out.push([column, fields.length > 1 ? state.source : -1]);
  }
  return out;
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

const readMap = (jsPath: string) => JSON.parse(readFileSync(`${jsPath}.map`, 'utf8')) as SourceMap;

/** Each generated line's segments, [generated column, source index or -1], in column order. */
function mappedLines(map: SourceMap): [number, number][][] {
  const state = { source: 0 };
  return map.mappings.split(';').map((line) => segments(line, state));
}

/**
 * Which module a place in a built script (0-based line and column, as a CPU profile gives a function's start) comes
 * from, by the script's source map (`<script>.map` beside it): the module of the last mapping at or before it.
 */
export function moduleLocator(jsPath: string): (line: number, column: number) => string {
  const map = readMap(jsPath);
  const lines = mappedLines(map);
  // Named once per source, not at every place asked about (a profile asks once per sample).
  const modules = map.sources.map(moduleOf);
  return (line, column) => {
    const segs = lines[line] ?? [];
    let [low, high] = [0, segs.length - 1];
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (segs[mid]![0] <= column) [found, low] = [mid, mid + 1];
      else high = mid - 1;
    }
    const source = found < 0 ? -1 : segs[found]![1];
    return source < 0 ? '(unmapped)' : modules[source]!;
  };
}

/** A package (zod by its file, the big one) or a project file. */
function moduleOf(source: string): string {
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)/.exec(source);
  if (!dep) return source.replace(/^(\.\.\/)+/, '');
  return dep[1] === 'zod' ? `zod/${dep[2]}` : dep[1]!;
}

/**
 * Minified bytes per module: each generated character goes to the source of the mapping it falls under.
 * Bytes with no mapping (the bundler's glue) are "(unmapped)".
 */
export function moduleBreakdown(jsPath = SIZEMAP_CONTENT_SCRIPT): { total: number; modules: ModuleShare[] } {
  const code = readFileSync(jsPath, 'utf8');
  const map = readMap(jsPath);
  const lines = code.split('\n');
  const bytes = new Map<string, number>();
  mappedLines(map).forEach((segs, i) => {
    const length = lines[i]?.length ?? 0;
    segs.forEach(([column, source], j) => {
      const end = j + 1 < segs.length ? segs[j + 1]![0] : length;
      const name = source < 0 ? '(unmapped)' : moduleOf(map.sources[source]!);
      bytes.set(name, (bytes.get(name) ?? 0) + end - column);
    });
  });
  const total = code.length;
  const modules = [...bytes].map(([module, n]) => ({ module, bytes: n, share: n / total })).sort((a, b) => b.bytes - a.bytes);
  return { total, modules };
}

/** Packages summed (zod's files into one line), for the bench table. */
export function packageTotals(modules: ModuleShare[]): ModuleShare[] {
  const sums = new Map<string, number>();
  const total = modules.reduce((n, m) => n + m.bytes, 0);
  for (const m of modules) {
    const key = m.module.startsWith('zod/') ? 'zod' : m.module;
    sums.set(key, (sums.get(key) ?? 0) + m.bytes);
  }
  return [...sums].map(([module, bytes]) => ({ module, bytes, share: bytes / total })).sort((a, b) => b.bytes - a.bytes);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const scripts = process.argv[2] && !process.argv[2].startsWith('--') ? { [process.argv[2]]: process.argv[2] } : { 'content script': SIZEMAP_CONTENT_SCRIPT, 'card UI (injected on first hover)': SIZEMAP_CARD_UI };
  for (const [name, file] of Object.entries(scripts)) {
    const { total, modules } = moduleBreakdown(file);
    console.log(`${name}: ${total} B minified`);
    for (const m of process.argv.includes('--files') ? modules : packageTotals(modules))
      console.log(`${String(m.bytes).padStart(7)} B ${(m.share * 100).toFixed(1).padStart(5)}%  ${m.module}`);
  }
}
