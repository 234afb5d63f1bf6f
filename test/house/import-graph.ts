/**
 * The extension's own import graph, read with the TypeScript compiler (no bundler, no type checking), and the circles
 * in it. Issue #27 ("The house"): imports run one way, from `entrypoints/` down to `lib/kick/`; a schema two modules
 * need belongs below both.
 *
 * What counts as an import of one source file by another:
 * - `import … from 'x'`, `import 'x'`, `import type … from 'x'` and type-only specifiers: a type borrowed upward
 *   still ties the lower floor to the upper one, so types count like values;
 * - `export … from 'x'` and `export type … from 'x'`;
 * - `import('x')`, as a call or as a type (`typeof import('x')`), and `import x = require('x')`.
 * Specifiers resolve the way `tsc` resolves them, through the project's tsconfig (relative paths and the `@/`, `~/`
 * aliases WXT declares). Packages in node_modules and files outside the scanned folders are not nodes; tests
 * (`*.test.ts(x)`) are left out, since nothing imports them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The module specifiers one file names, in source order (see the header for which syntax counts). */
export function specifiersIn(fileName: string, sourceText: string): string[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, false, scriptKind(fileName));
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node)) {
      const ref = node.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) found.push(ref.expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) found.push(first.text);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) found.push(arg.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scriptKind(fileName: string): ts.ScriptKind {
  return fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

/** Every .ts/.tsx under the given folders of `root`, tests left out; paths relative to `root`, with `/`. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  for (const folder of folders) {
    for (const entry of readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
      files.push(toRelative(root, path.join(entry.parentPath, entry.name)));
    }
  }
  return files.sort();
}

/** The project's compiler options, from its tsconfig (which extends WXT's generated one with the path aliases). */
export function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
  if (!parsed.options.paths) throw new Error(`${configPath} declares no path aliases: has \`wxt prepare\` run?`);
  return parsed.options;
}

/** file → the scanned files it imports (each once); imports of anything else are dropped. */
export type ImportGraph = Map<string, string[]>;

export function importGraph(root: string, folders: readonly string[]): ImportGraph {
  const options = compilerOptions(root);
  const files = sourceFiles(root, folders);
  const nodes = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const absolute = path.join(root, file);
    const targets = new Set<string>();
    for (const specifier of specifiersIn(file, readFileSync(absolute, 'utf8'))) {
      const resolved = ts.resolveModuleName(specifier, absolute, options, ts.sys).resolvedModule;
      if (!resolved) continue;
      const target = toRelative(root, resolved.resolvedFileName);
      if (nodes.has(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

function toRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** One circle: a strongly connected component of the graph, with the imports that run inside it. */
export interface ImportCycle {
  files: string[];
  edges: [from: string, to: string][];
}

/**
 * The strongly connected components with more than one file, or one file that imports itself (Tarjan's algorithm,
 * iterative so a deep chain cannot overflow the stack). Sorted, so a report reads the same run to run.
 */
export function findCycles(graph: ImportGraph): ImportCycle[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;

  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; child: number }[] = [{ node: start, child: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.node) ?? [];
      if (frame.child < targets.length) {
        const target = targets[frame.child++]!;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, child: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }

  return components
    .filter((files) => files.length > 1 || (graph.get(files[0]!) ?? []).includes(files[0]!))
    .map((files) => {
      const members = new Set(files);
      const edges = files
        .sort()
        .flatMap((from) => (graph.get(from) ?? []).filter((to) => members.has(to)).map((to): [string, string] => [from, to]));
      return { files, edges };
    })
    .sort((a, b) => a.files[0]!.localeCompare(b.files[0]!));
}

/** A cycle as lines a reader can follow: its files, then each import inside it. */
export function describeCycle(cycle: ImportCycle): string {
  return [`${cycle.files.length} files: ${cycle.files.join(', ')}`, ...cycle.edges.map(([from, to]) => `  ${from} → ${to}`)].join('\n');
}
