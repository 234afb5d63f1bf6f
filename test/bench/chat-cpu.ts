/**
 * `npx tsx test/bench/chat-cpu.ts [extension dir…]`: what the extension itself costs a fast chat, which `npm run bench`
 * (a ratio of the whole page's task time) cannot tell from noise. For each build it loads (default: the production
 * build), in Debian's headless Chromium against the simulated Kick:
 * - extension CPU per 1,000-row burst: a CDP Profiler profile (50 µs sampling) over 5 bursts of 1,000 rows (20 per
 *   frame, as run.ts appends them) plus 2 s after the last one, so idle-time work is counted too. "self" counts the
 *   samples of functions whose script URL starts with chrome-extension://; "inclusive" also counts what they called
 *   (DOM calls, builtins), i.e. every sample with such a function anywhere on its stack. Both are shares of the busy
 *   (non-idle) samples times the main thread's own CPU time over the same span (CDP Performance metrics in thread
 *   ticks): a sample's wall-clock delta would also count time the thread waited for a core, which on a busy machine
 *   is most of it.
 * - heap after 10,000 rows: page JSHeapUsedSize after two GCs (the content script's isolated world lives in the same
 *   heap), against the same page without the extension, measured the way run.ts measures it.
 * A measurement, not a test: it prints its figures and exits 0.
 */
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { startKickSim, type KickSim } from '../kick-sim/index';
import { CHROMIUM_PATH, chromiumArgs, PRODUCTION_EXTENSION_PATH } from '../e2e/harness';

const BURSTS = 5;
const ROWS = 1000;
const SAMPLE_US = 50;

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

async function launch(sim: KickSim, extension: string | null): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kuc-cpu-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(sim, extension !== null, extension ?? undefined),
    viewport: { width: 1280, height: 800 },
  });
  return { context, close: async () => { await context.close(); await rm(dir, { recursive: true, force: true }); } };
}

async function openChannel(context: BrowserContext, withExtension: boolean): Promise<Page> {
  const page = await context.newPage();
  await page.goto('https://kick.com/streamer1');
  if (withExtension) await page.waitForFunction(() => document.querySelector('kick-user-cards') !== null, undefined, { timeout: 15_000 });
  // Start-up work (first layout checks) is not the chat's.
  await page.waitForTimeout(2500);
  return page;
}

const burst = (page: Page, rows: number) =>
  page.evaluate(async (n) => {
    const sim = (window as unknown as { __sim: { appendRows(k: number): number } }).__sim;
    for (let i = 0; i < n; i += 20) {
      sim.appendRows(20);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
  }, rows);

/** Milliseconds of samples in extension code: own frames only, and with everything they called. */
function extensionTime(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isExt = (n: ProfileNode) => n.callFrame.url.startsWith('chrome-extension://');
  const underExt = new Map<number, boolean>();
  const inExt = (id: number): boolean => {
    const known = underExt.get(id);
    if (known !== undefined) return known;
    const p = parent.get(id);
    const v = isExt(byId.get(id)!) || (p !== undefined && inExt(p));
    underExt.set(id, v);
    return v;
  };
  let self = 0;
  let inclusive = 0;
  let busy = 0;
  const byFunction = new Map<string, number>();
  profile.samples.forEach((id) => {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    busy++;
    const dt = 1;
    if (isExt(node)) self += dt;
    if (inExt(id)) {
      inclusive += dt;
      // Where the time went: the function itself, or what an extension function called.
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      const key = `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber}:${columnNumber}` : '(native)'}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
    }
  });
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 8);
  // Shares of the thread's busy samples; the caller turns them into time.
  return { self: self / busy, inclusive: inclusive / busy, top: top.map(([f, n]): [string, number] => [f, n / busy]) };
}

/** The renderer main thread's CPU time so far, in ms (CDP Performance metrics in thread ticks). */
async function threadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

async function cpuPerBurst(page: Page): Promise<{ self: number; inclusive: number; thread: number; top: [string, number][] }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
  await burst(page, 100); // warm-up, not profiled
  await page.waitForTimeout(1000);
  const before = await threadMs(cdp);
  await cdp.send('Profiler.start');
  for (let i = 0; i < BURSTS; i++) await burst(page, ROWS);
  await page.waitForTimeout(2000);
  const { profile } = await cdp.send('Profiler.stop');
  const perBurst = ((await threadMs(cdp)) - before) / BURSTS;
  const t = extensionTime(profile as never);
  await cdp.detach();
  return { self: t.self * perBurst, inclusive: t.inclusive * perBurst, thread: perBurst, top: t.top.map(([f, share]) => [f, share * perBurst]) };
}

async function heapAfterRows(page: Page, rows: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await page.evaluate((n) => (window as unknown as { __sim: { appendRows(k: number): number } }).__sim.appendRows(n), rows);
  await page.waitForTimeout(2000);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 100) / 100;
const ms = (v: number) => Math.round(v * 100) / 100;

async function main() {
  const builds = process.argv.slice(2).map((p) => path.resolve(p));
  if (builds.length === 0) builds.push(PRODUCTION_EXTENSION_PATH);
  const sim = await startKickSim();
  try {
    const none = await launch(sim, null);
    const baseHeap = await heapAfterRows(await openChannel(none.context, false), 10_000);
    await none.close();
    const rows: Record<string, string | number>[] = [];
    for (const build of builds) {
      const s = await launch(sim, build);
      const cpu = await cpuPerBurst(await openChannel(s.context, true));
      await s.close();
      const h = await launch(sim, build);
      const heap = await heapAfterRows(await openChannel(h.context, true), 10_000);
      await h.close();
      if (cpu.top.length) console.log(`${path.relative(process.cwd(), build)}: heaviest per 1,000 rows\n${cpu.top.map(([f, t]) => `  ${ms(t)} ms  ${f}`).join('\n')}`);
      rows.push({
        build: path.relative(process.cwd(), build),
        'page thread CPU / 1,000 rows (ms)': ms(cpu.thread),
        'ext CPU / 1,000 rows, self (ms)': ms(cpu.self),
        'ext CPU / 1,000 rows, inclusive (ms)': ms(cpu.inclusive),
        'heap after 10,000 rows (MB)': mb(heap),
        'vs no extension (MB)': mb(heap - baseHeap),
      });
    }
    console.log(`no extension: heap after 10,000 rows ${mb(baseHeap)} MB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    console.table(rows);
  } finally {
    await sim.close();
  }
}

await main();
