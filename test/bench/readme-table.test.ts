import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_README, END, START, renderTables, updateReadme } from './readme-table';

const root = path.resolve(import.meta.dirname, '../..');

describe('the benchmark table writer', () => {
  it('writes into the benchmark page, which holds exactly one marker block, and leaves the project README alone', () => {
    expect(path.relative(root, BENCH_README)).toBe(path.join('test', 'bench', 'README.md'));
    const page = readFileSync(BENCH_README, 'utf8');
    expect(page.split(START)).toHaveLength(2);
    expect(page.split(END)).toHaveLength(2);
    expect(page.indexOf(START)).toBeLessThan(page.indexOf(END));
    // `npm run bench` ends by rewriting the tables: a stray block in README.md would be left stale.
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).not.toContain('bench:table');
    expect(readme).toContain('(test/bench/README.md)');
  });

  it('replaces only what lies between the markers', () => {
    const tables = renderTables({
      at: '2026-12-07T19:00:00.000Z',
      machine: 'linux x64, node v20',
      figures: [{ figure: 'content script size', value: 'a | b', budget: '≤ 30 kB', holds: true }],
    });
    const page = `# Benchmark\n\nbefore\n\n${START}\nold figures\n${END}\n\nafter\n`;
    const written = updateReadme(page, tables);
    expect(written).toBe(`# Benchmark\n\nbefore\n\n${START}\n${tables}\n${END}\n\nafter\n`);
    expect(written).toContain('| content script size | a \\| b | ≤ 30 kB | yes |');
    expect(() => updateReadme('# no markers\n', tables)).toThrow(/test\/bench\/README\.md has no/);
  });

  it('writes the start-up by module, largest first, as the run measured it', () => {
    const tables = renderTables({
      at: '2026-12-07T19:00:00.000Z',
      machine: 'linux x64, node v20',
      figures: [],
      startupModules: { loads: 10, modules: [{ module: 'wxt', ms: 1.234, share: 0.6 }, { module: 'lib/page/surfaces.ts', ms: 0.8, share: 0.4 }], idle: [{ module: 'lib/page/chat-watch.ts', ms: 2, share: 1 }] },
    });
    expect(tables).toContain('Content script start-up by module, mean ms of CPU per page load over 10 loads');
    expect(tables).toContain('| wxt | 1.23 ms | 60% |\n| lib/page/surfaces.ts | 0.80 ms | 40% |');
    expect(tables).toContain('idle time, what waited for it (lib/page/start-when-idle.ts):\n\n| module | CPU | share |\n|---|---|---|\n| lib/page/chat-watch.ts | 2.00 ms | 100% |');
  });
});
