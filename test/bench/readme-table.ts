import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The benchmark's tables in test/bench/README.md (the benchmark's own page; the project README links to it), written
 * from test/bench/results.json between the `bench:table` markers, so the figures there are the ones a run measured and
 * never typed by hand. `npm run bench` calls this last; `npm run bench:readme` redoes it from the last results.
 */
export const BENCH_README = path.resolve(import.meta.dirname, 'README.md');
const RESULTS = path.resolve(import.meta.dirname, 'results.json');
export const START = '<!-- bench:table (written by test/bench/readme-table.ts from results.json; do not edit) -->';
export const END = '<!-- /bench:table -->';

interface Modules {
  total: number;
  packages: { module: string; bytes: number; share: number }[];
}

type ModuleMs = { module: string; ms: number; share: number }[];

/** Where a card open's CPU time went, by source module: mean ms per open over `opens` opens (test/bench/run.ts). */
export interface OpenCpuModules {
  opens: number;
  first: ModuleMs;
  fresh: ModuleMs;
  cached: ModuleMs;
}

/** Where the content script's start-up CPU went, by source module: mean ms per page load over `loads` loads. */
export interface StartupModules {
  loads: number;
  /** Before the page's first idle time. */
  modules: ModuleMs;
  /** In the page's idle-callback tasks (what waited: lib/page/start-when-idle.ts). */
  idle: ModuleMs;
}

type OpenKind = 'first' | 'fresh' | 'cached';

/** One module's line of the open-CPU table: its mean ms per open and share, for each kind of open. */
export function openCpuRow(m: OpenCpuModules, module: string): Record<OpenKind, string> {
  const cell = (kind: OpenKind) => {
    const entry = m[kind].find((e) => e.module === module);
    return entry ? `${entry.ms.toFixed(2)} ms (${(entry.share * 100).toFixed(0)}%)` : '—';
  };
  return { first: cell('first'), fresh: cell('fresh'), cached: cell('cached') };
}

interface Results {
  at: string;
  machine: string;
  figures: { figure: string; value: string; budget: string; holds: boolean | null }[];
  contentScriptModules?: Modules;
  cardUiModules?: Modules;
  startupModules?: StartupModules;
  openCpuModules?: OpenCpuModules;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function renderTables(results: Results, topModules = 12): string {
  const lines = [
    `Run of ${results.at.slice(0, 10)} (${results.machine}).`,
    '',
    '| figure | measured | budget | holds |',
    '|---|---|---|---|',
    ...results.figures.map((f) => `| ${cell(f.figure)} | ${cell(f.value)} | ${cell(f.budget)} | ${f.holds === null ? '—' : f.holds ? 'yes' : 'no'} |`),
  ];
  const tables: [string, Modules | undefined][] = [
    ['Content script', results.contentScriptModules],
    ['Card UI, injected on the first hover', results.cardUiModules],
  ];
  for (const [name, modules] of tables) {
    if (!modules) continue;
    lines.push('', `${name} by module (minified bytes from the source map, ${modules.total} B in all):`, '', '| module | bytes | share |', '|---|---|---|');
    for (const m of modules.packages.slice(0, topModules)) lines.push(`| ${cell(m.module)} | ${m.bytes} | ${(m.share * 100).toFixed(1)}% |`);
    const rest = modules.packages.slice(topModules);
    if (rest.length) lines.push(`| ${rest.length} others | ${rest.reduce((n, m) => n + m.bytes, 0)} | ${(rest.reduce((n, m) => n + m.share, 0) * 100).toFixed(1)}% |`);
  }
  const startup = results.startupModules;
  if (startup) {
    lines.push(
      '',
      `Content script start-up by module, mean ms of CPU per page load over ${startup.loads} loads (the profile of the start-up above; a browser function's time goes to the module that called it):`,
      '',
      '| module | CPU | share |',
      '|---|---|---|',
    );
    const rows = (modules: ModuleMs) => modules.slice(0, topModules).map((m) => `| ${cell(m.module)} | ${m.ms.toFixed(2)} ms | ${(m.share * 100).toFixed(0)}% |`);
    lines.push(...rows(startup.modules));
    if (startup.idle.length) {
      lines.push('', 'And in the page\'s idle time, what waited for it (lib/page/start-when-idle.ts):', '', '| module | CPU | share |', '|---|---|---|', ...rows(startup.idle));
    }
  }
  const opens = results.openCpuModules;
  if (opens) {
    lines.push(
      '',
      `CPU per card open by module, mean ms per open over ${opens.opens} opens of each kind (the profile of the opens above; a browser function's time goes to the module that called it):`,
      '',
      '| module | first | fresh | cached |',
      '|---|---|---|---|',
    );
    for (const { module } of opens.first.slice(0, topModules)) {
      const row = openCpuRow(opens, module);
      lines.push(`| ${cell(module)} | ${row.first} | ${row.fresh} | ${row.cached} |`);
    }
  }
  return lines.join('\n');
}

export function updateReadme(readme: string, tables: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`test/bench/README.md has no ${START} … ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${tables}\n${readme.slice(end)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.env.BENCH_ONLY?.trim()) console.log('BENCH_ONLY: a partial run (results.partial.json); test/bench/README.md left as it is');
  else {
    const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Results;
    writeFileSync(BENCH_README, updateReadme(readFileSync(BENCH_README, 'utf8'), renderTables(results)));
    console.log(`${path.relative(process.cwd(), BENCH_README)} benchmark tables written from ${path.relative(process.cwd(), RESULTS)}`);
  }
}
