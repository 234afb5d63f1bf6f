import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCycle, findCycles, importGraph, specifiersIn, type ImportGraph } from './import-graph';

// Issue #27, "The house": no import circles. What counts as an import (types included) is said in ./import-graph.ts.
const root = path.resolve(import.meta.dirname, '../..');
const scanned = ['lib', 'components', 'entrypoints'] as const;

describe('the import graph of lib/, components/ and entrypoints/', () => {
  const graph = importGraph(root, scanned);

  it('has no circle: every import runs one way', () => {
    const cycles = findCycles(graph);
    expect(cycles.map(describeCycle).join('\n\n'), 'files that import each other, directly or round a loop').toBe('');
  });

  it('sees the imports the project actually makes', () => {
    // Guards the check itself: an alias that stopped resolving would leave a graph with no edges, and no circles.
    expect(graph.get('lib/kick/http.ts')).toContain('lib/kick/host-circuit.ts');
    expect(graph.get('entrypoints/background.ts')?.some((file) => file.startsWith('lib/background/'))).toBe(true);
    expect([...graph.values()].flat().length).toBeGreaterThan(200);
  });
});

describe('specifiersIn', () => {
  it('reads values, types, re-exports, side effects and dynamic imports alike', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import { type C } from '@/lib/c';",
      "import './d';",
      "export { e } from './e';",
      "export type { F } from './f';",
      "export * from './g';",
      "const h = () => import('./h');",
      "type I = typeof import('./i');",
      "import j = require('./j');",
      "const notAnImport = 'from ./k';",
    ].join('\n');
    expect(specifiersIn('x.ts', source)).toEqual(['./a', './b', '@/lib/c', './d', './e', './f', './g', './h', './i', './j']);
  });

  it('parses JSX in .tsx files', () => {
    expect(specifiersIn('x.tsx', "import { A } from './a';\nexport const b = <A>{'x'}</A>;")).toEqual(['./a']);
  });
});

describe('findCycles', () => {
  const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

  it('finds nothing in a graph that runs one way', () => {
    expect(findCycles(graphOf({ top: ['mid', 'low'], mid: ['low'], low: [] }))).toEqual([]);
  });

  it('reports each circle once, with its files and the imports inside it', () => {
    const cycles = findCycles(
      graphOf({
        protocol: ['account', 'low'],
        account: ['protocol', 'reads'],
        reads: ['protocol'],
        errors: ['kickError'],
        kickError: ['errors'],
        low: [],
        self: ['self'],
      }),
    );
    expect(cycles).toEqual([
      { files: ['account', 'protocol', 'reads'], edges: [['account', 'protocol'], ['account', 'reads'], ['protocol', 'account'], ['reads', 'protocol']] },
      { files: ['errors', 'kickError'], edges: [['errors', 'kickError'], ['kickError', 'errors']] },
      { files: ['self'], edges: [['self', 'self']] },
    ]);
  });

  it('follows a long chain without overflowing the stack', () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 20_000; i++) edges[`m${i}`] = [`m${i + 1}`];
    edges['m20000'] = ['m0'];
    expect(findCycles(graphOf(edges))[0]?.files).toHaveLength(20_001);
  });
});
