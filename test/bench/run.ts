/**
 * `npm run bench`: how fast and cheap the cards are, measured in real Chromium against the
 * simulated Kick. A benchmark, not a test: it prints a table, writes test/bench/results.json and
 * exits 0 whatever the figures (a crash is still a failure).
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { moduleBreakdown, moduleLocator, packageTotals, SIZEMAP_CARD_UI, SIZEMAP_CONTENT_SCRIPT, SIZEMAP_PATH } from './breakdown';
import { addSyntheticUsers, appendNamedRows, CHANNEL, closeCard, hoverUntilShown, nameCentre, waitReady } from './cards';
import { writeEmptyExtension } from './empty-extension';
import {
  compileMs, compileTime, extensionCpuTime, extensionTasks, idleCallbackTasks, mainThreadTasks, profilePart, profileWithTrace, taskEntries, taskParts, taskSelf, SAMPLING_INTERVAL_US, type Clock, type CompileTime, type ExtensionCpuTime,
  type CpuProfile, type ExtensionTasks, type MainThreadTask, type ProfileNode, type TraceEvent,
} from './profile';
import { CARD_UI_BUDGET_BYTES, CONTENT_SCRIPT_BUDGET_BYTES, cardUiSize, contentScriptSize } from './size';
import { openCpuRow, type OpenCpuModules, type StartupModules } from './readme-table';
import { median, medianInterval, percentile, ratioInterval } from './stats';
import { startKickSim, type KickSim } from '../kick-sim/index';
import { chatMessageFrame } from '../kick-sim/fixtures/pusher-frames';
import { readFrame } from '../../lib/chat-feed/pusher-frames';
import { createChatRecord } from '../../lib/chat-feed/chat-record';
import {
  EXTENSION_PATH, PRODUCTION_EXTENSION_PATH, configureAccount, lastOpenTiming, launchWithExtension, sendFromPage, type ExtensionSession, type OpenTiming,
} from '../e2e/harness';

const USERS = ['modmaria', 'vipvictor', 'og_olga', 'subsam', 'bannedbob', 'staffsteve', 'cool_cat', 'nopicnick', 'hostile_hank', 'emoji_eve'];
/** Alternating with/without bursts for the ratio's interval (BENCH_PAIRS to change). */
const PAIRS = Number(process.env.BENCH_PAIRS ?? 24);
/** Odd, and enough that one slow burst does not move the median much (the bursts of one run of 5 read 4.3 to 11.5 ms). */
const PROFILED_BURSTS = 9;
/** Profiled after each burst too: work the extension defers to idle time belongs to the burst. */
const IDLE_AFTER_BURST_MS = 2500;
const STARTUP_LOADS = Number(process.env.BENCH_LOADS ?? 10);
/** Issue #27: what every kick.com page pays for the content script, CPU over an empty content script's. */
const STARTUP_BUDGET_MS = 5;
/** Page loads per side for the heap after 10,000 rows. */
const HEAP_LOADS = 2;
const OPENS = Number(process.env.BENCH_OPENS ?? 20);
const EVENING_OPENS = 200;
/** Issue #12's goal for the content script, gzip. */
const SIZE_GOAL_BYTES = 30 * 1024;
const DELAY_MS = 300;

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const mb = (bytes: number) => round(bytes / 1048576, 2);
const signed = (n: number, d = 2) => `${n >= 0 ? '+' : '−'}${round(Math.abs(n), d)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const channelUrl = `https://kick.com/${CHANNEL}`;

/** How every "extension CPU" figure reads a profile and its trace (profile.ts, extensionCpuTime). */
const CPU_METHOD =
  `CDP Profiler samples (${SAMPLING_INTERVAL_US} µs) whose innermost script frame is one of the extension's scripts (any URL under its chrome-extension:// origin, so a script it injects later counts), ` +
  `plus the browser functions (no script frame) they call; idle, GC, (program) and the page's own code excluded. A sample lasts until the next one. ` +
  `CPU: a sample counts for its span within the page's main-thread task it was taken in, weighted by that task's CPU share (thread time tdur / wall dur), from a trace of the same span ` +
  `(CDP Tracing, outermost RunTask events of the renderer's CrRendererMain; profile and trace share Chrome's monotonic clock), so a task's samples add up to its CPU time; ` +
  `a span past its task's end (a gap in sampling) or a sample outside every task counts 0 (raw: outsideTaskMs); ` +
  `wall: the same samples unweighted, which also counts the time a busy machine kept the thread off the CPU`;

/** A CPU figure with its wall-time twin: "CPU x ms; wall y ms". */
const cpuAndWall = (cpu: string, wall: string) => `CPU ${cpu}; wall ${wall}`;

interface Figure {
  figure: string;
  value: string;
  budget: string;
  holds: boolean | null;
  how: string;
  raw?: unknown;
}
const figures: Figure[] = [];
/** Where the content script's start-up CPU went, by module (startupAndHeap). */
let startupModules: StartupModules | undefined;
/** The table's order: what the page pays at rest, in a chat burst, per card, then the rest. */
const ORDER = [
  'content script size', 'content script start-up', 'content script, at idle time', 'page heap, 10,000 rows', 'chat burst cost', 'extension CPU, 1,000-row burst', 'per-row work',
  'CPU per open, first', 'CPU per open, fresh', 'CPU per open, cached', 'longest task, first', 'longest task, fresh', 'longest task, cached', 'hover → card, cold', 'hover → card, cached', 'requests',
  `page heap, ${EVENING_OPENS} card opens`, 'service worker', 'background, 1,000 chat messages',
];
const rank = (figure: string) => (ORDER.includes(figure) ? ORDER.indexOf(figure) : ORDER.length);

async function openChannel(session: ExtensionSession, withExtension: boolean): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await session.context.newPage();
  await page.goto(channelUrl);
  if (withExtension) await waitReady(page);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

/** Main-thread time to append `rows` chat rows in frames of 20, as a fast chat does. */
async function chatBurst(page: Page, cdp: CDPSession, rows: number): Promise<number> {
  const before = await taskSeconds(cdp);
  await page.evaluate(async (n) => {
    const sim = (window as unknown as { __sim: { appendRows(k: number): number } }).__sim;
    for (let i = 0; i < n; i += 20) {
      sim.appendRows(20);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
  }, rows);
  return (await taskSeconds(cdp)) - before;
}

async function rowWork(page: Page, cdp: CDPSession): Promise<{ listeners: number; nodes: number }> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.querySelector("#chatroom-messages [data-index]:last-child")' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId!, depth: -1, pierce: true });
  const nodes = await page.evaluate(() => document.querySelector('#chatroom-messages [data-index]:last-child')!.querySelectorAll('*').length);
  return { listeners: listeners.length, nodes };
}

/** The page's JS heap (page and content scripts share the isolate) after two full collections. */
async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

/** 1. Start-up cost against an empty content script, and the heap at rest after 10,000 rows (production build). */
async function startupAndHeap(sim: KickSim): Promise<void> {
  const emptyDir = await writeEmptyExtension();
  // The sizemap build is the production build's code, plus hidden source maps the browser never reads: the start-up's
  // CPU can be told by module (issue #27).
  const real = await launchWithExtension(sim, { extensionPath: SIZEMAP_PATH });
  await configureAccount(real, sim, { connected: true });
  const empty = await launchWithExtension(sim, { extensionPath: emptyDir });
  const none = await launchWithExtension(sim, { withExtension: false });

  // Long enough for the page's first idle time, when the content script starts what waited (lib/page/start-when-idle.ts,
  // at most 2 s after it started).
  const WINDOW_MS = 3000;
  type Load = { compile: CompileTime; js: ExtensionCpuTime; idle: ExtensionCpuTime; idleTasks: ExtensionTasks };
  const startup = { real: [] as Load[], empty: [] as Load[] };
  const byModule = { startup: new Map<string, number>(), idle: new Map<string, number>() };
  const add = (part: keyof typeof byModule, module: string, ms: number) => byModule[part].set(module, (byModule[part].get(module) ?? 0) + ms);
  const moduleOf = moduleOfFunction(real.origin, SIZEMAP_PATH);
  for (let i = 0; i < STARTUP_LOADS; i++) {
    for (const [name, session] of i % 2 ? ([['empty', empty], ['real', real]] as const) : ([['real', real], ['empty', empty]] as const)) {
      const page = await session.context.newPage();
      const cdp = await session.context.newCDPSession(page);
      const { profile, events } = await profileWithTrace(cdp, async () => {
        await page.goto(channelUrl);
        await sleep(WINDOW_MS);
      });
      if (name === 'real') await waitReady(page); // it was ready within the window; fail loudly if not
      const compile = compileTime(events, session.origin);
      const tasks = mainThreadTasks(events);
      const idle = idleCallbackTasks(tasks, events);
      // BENCH_FUNCTIONS=1: by function (minified name and column) within each module, to see where a module's time goes.
      const where = (fn: ProfileNode['callFrame']) => (process.env.BENCH_FUNCTIONS ? `${moduleOf(fn)} ${fn.functionName || '(anonymous)'}@${fn.columnNumber}` : moduleOf(fn));
      const charge = (part: keyof typeof byModule) => (name === 'real' ? (fn: ProfileNode['callFrame'], ms: number) => add(part, where(fn), ms) : undefined);
      if (name === 'real') add('startup', '(compiling the scripts)', compile.cpuMs);
      startup[name].push({
        compile,
        js: extensionCpuTime(profilePart(profile, idle, 'outside'), session.origin, tasks, charge('startup')),
        idle: extensionCpuTime(profilePart(profile, idle, 'inside'), session.origin, tasks, charge('idle')),
        idleTasks: extensionTasks(profilePart(profile, idle, 'inside'), session.origin, idle, events),
      });
      if (name === 'real') printLongTasks('idle', startup.real.at(-1)!.idleTasks.tasks, profile, events, real.origin, moduleOf);
      await cdp.detach();
      await page.close();
    }
  }
  const costOf = (runs: Load[], clock: Clock) => median(runs.map((r) => compileMs(r.compile, clock) + r.js[clock].totalMs));
  const describe = (clock: Clock) => {
    const [realCost, emptyCost] = [costOf(startup.real, clock), costOf(startup.empty, clock)];
    const compile = median(startup.real.map((r) => compileMs(r.compile, clock)));
    const js = median(startup.real.map((r) => r.js[clock].totalMs));
    return `${round(realCost)} ms vs ${round(emptyCost, 2)} ms for an empty content script (${signed(realCost - emptyCost, 1)} ms; compile ${round(compile)}, JS ${round(js)})`;
  };
  const added = costOf(startup.real, 'cpu') - costOf(startup.empty, 'cpu');
  figures.push({
    figure: 'content script start-up', value: cpuAndWall(describe('cpu'), describe('wall')),
    budget: `≤ ${STARTUP_BUDGET_MS} ms CPU over the empty content script (median)`, holds: added <= STARTUP_BUDGET_MS,
    how: `${STARTUP_LOADS} loads of the channel page per side in fresh tabs, alternating with a generated MV3 extension whose content script (same matches, document_idle) is empty; ` +
      `from navigation until ${WINDOW_MS} ms after the load event. Compile: the trace's v8.compile events for the extension's scripts in the page's renderer, thread time for CPU and dur for wall (a script compiles before any of its functions is on the stack); ` +
      `JS (its functions, the top-level run, main() and its async steps, the replies to what idle time started included), outside the tasks in which the page ran an idle callback (the trace's FireIdleCallback; profile.ts idleCallbackTasks): ${CPU_METHOD}. ` +
      'Medians of compile + JS; production code (the sizemap build: the same code with hidden source maps, which tell the time by module)',
    raw: startup,
  });
  const idleCpu = startup.real.map((r) => r.idle.cpu.totalMs);
  const idleLongest = startup.real.map((r) => r.idleTasks.longest);
  const worst = idleLongest.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, extensionMs: 0 });
  figures.push({
    figure: 'content script, at idle time', value: `CPU median ${round(median(idleCpu), 2)} ms (max ${round(Math.max(...idleCpu), 2)}); longest task ${round(worst.ms, 1)} ms (the extension's part ${round(worst.extensionMs, 1)} ms)`,
    budget: 'longest task ≤ 16 ms', holds: worst.ms <= 16,
    how: `the same loads: the extension's CPU inside the page's idle-callback tasks (following the chat, the first check of the markup: lib/page/start-when-idle.ts), and the longest of those tasks with its whole wall duration (profile.ts extensionTasks); the browser gives an idle callback the time no frame needs`,
    raw: { idleCpu, idleLongest },
  });
  startupModules = { loads: STARTUP_LOADS, modules: meanByModule(byModule.startup, STARTUP_LOADS), idle: meanByModule(byModule.idle, STARTUP_LOADS) };

  const heaps = { real: [] as number[], empty: [] as number[], none: [] as number[] };
  for (let i = 0; i < HEAP_LOADS; i++) {
    for (const [name, session] of [['none', none], ['real', real], ['empty', empty]] as const) {
      const page = await session.context.newPage();
      await page.goto(channelUrl);
      if (name === 'real') await waitReady(page);
      await sleep(500);
      await page.evaluate((n) => (window as unknown as { __sim: { appendRows(k: number): number } }).__sim.appendRows(n), 10_000);
      const cdp = await session.context.newCDPSession(page);
      heaps[name].push(await heapUsed(cdp));
      await cdp.detach();
      await page.close();
    }
  }
  const [h, e, n] = [median(heaps.real), median(heaps.empty), median(heaps.none)];
  figures.push({
    figure: 'page heap, 10,000 rows', value: `${signed(mb(h - n))} MB (${mb(h)} vs ${mb(n)} MB; an empty content script: ${signed(mb(e - n))} MB)`,
    budget: '≤ +0.8 MB', holds: h - n <= 0.8 * 1048576,
    how: `page JSHeapUsedSize (page and content scripts share the heap) after two forced GCs, 10,000 rows appended to a freshly loaded channel page; median of ${HEAP_LOADS} loads per side; production build vs no extension (and vs the empty content script, for what any content script costs)`,
    raw: heaps,
  });
  for (const s of [real, empty, none]) await s.close();
  await rm(emptyDir, { recursive: true, force: true });
}

/** 2. Chat burst: main-thread time with vs without the production build, and the extension's own share of it. */
async function chatBurstCost(sim: KickSim): Promise<void> {
  // Both browsers stay open and their bursts alternate (ABBA), so drift in the machine's load hits both alike.
  const sides = [] as { withExtension: boolean; session: ExtensionSession; page: Page; cdp: CDPSession }[];
  for (const withExtension of [false, true]) {
    const session = await launchWithExtension(sim, { withExtension, build: 'production' });
    if (withExtension) await configureAccount(session, sim, { connected: true });
    const { page, cdp } = await openChannel(session, withExtension);
    await chatBurst(page, cdp, 100); // warm-up
    sides.push({ withExtension, session, page, cdp });
  }
  // Let page start-up settle (the content script's first layout checks) so both sides measure the same thing.
  await sleep(2500);
  const pairs: { with: number; without: number }[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const pair = { with: NaN, without: NaN };
    for (const side of i % 2 ? [...sides].reverse() : sides) pair[side.withExtension ? 'with' : 'without'] = await chatBurst(side.page, side.cdp, 1000);
    pairs.push(pair);
  }
  const [without, withExt] = [sides[0]!, sides[1]!];
  const ci = ratioInterval(pairs);
  figures.push({
    figure: 'chat burst cost', value: `${round(ci.ratio, 3)}× (95% CI ${round(ci.low, 3)}–${round(ci.high, 3)}×, ${ci.pairs} pairs; median ${round(median(pairs.map((p) => p.with)) * 1000)} vs ${round(median(pairs.map((p) => p.without)) * 1000)} ms)`,
    budget: '≤ 1.05× (point estimate)', holds: ci.ratio <= 1.05,
    how: `CDP TaskDuration (renderer main thread) while appending 1,000 rows (20 per frame), production build vs no extension, two browsers open side by side after 2.5 s of settling; ${ci.pairs} pairs run back to back in alternating order; ratio = geometric mean of the pairs' with/without, interval = mean log ratio ± t(0.975, n−1)·s/√n, exponentiated`,
    raw: pairs,
  });

  const [baselineWork, work] = [await rowWork(without.page, without.cdp), await rowWork(withExt.page, withExt.cdp)];
  const extraListeners = work.listeners - baselineWork.listeners;
  const extraNodes = work.nodes - baselineWork.nodes;
  figures.push({
    figure: 'per-row work', value: `${extraListeners} listeners, ${extraNodes} nodes`, budget: '0 and 0', holds: extraListeners === 0 && extraNodes === 0,
    how: 'DOMDebugger.getEventListeners (depth -1) and descendant count on the newest chat row, with vs without', raw: { work, baselineWork },
  });

  const own: ExtensionCpuTime[] = [];
  // The burst and what follows it: work the extension puts off to idle time would be the burst's too. (The chat record
  // is kept in the background from Kick's chat socket, lib/chat-feed/; the simulator sends the burst's messages there.)
  const burstAndIdle = async () => {
    await chatBurst(withExt.page, withExt.cdp, 1000);
    await sleep(IDLE_AFTER_BURST_MS);
  };
  for (let i = 0; i < PROFILED_BURSTS; i++) {
    const { profile, events } = await profileWithTrace(withExt.cdp, burstAndIdle);
    own.push(extensionCpuTime(profile, withExt.session.origin, mainThreadTasks(events)));
  }
  const [cpu, wall] = [own.map((t) => t.cpu.totalMs), own.map((t) => t.wall.totalMs)];
  const spread = (ms: number[]) => `median ${round(median(ms), 2)} ms (max ${round(Math.max(...ms), 2)})`;
  figures.push({
    figure: 'extension CPU, 1,000-row burst', value: `${cpuAndWall(spread(cpu), spread(wall))}; ${PROFILED_BURSTS} bursts`,
    budget: '≤ 1 ms CPU (median)', holds: median(cpu) <= 1,
    how: `a whole 1,000-row burst and the ${IDLE_AFTER_BURST_MS / 1000} s after it on the production build, after the ratio runs, ${PROFILED_BURSTS} times: ${CPU_METHOD}. ` +
      `raw has each burst's figures and the main thread's CPU and wall time over the span (thread), to see how much the machine pre-empted it`,
    raw: own,
  });
  for (const side of sides) await side.session.close();
}

/** Opens a card as a user would and reads the E2E build's timing record: null when it did not end with data. */
async function timedOpen(page: Page, username: string): Promise<OpenTiming | null> {
  await closeCard(page, true);
  const { status } = await hoverUntilShown(page, username);
  const t = await lastOpenTiming(page);
  return status === 'ready' && t ? t : null;
}

/**
 * Records the time of every animation frame in the page's own world (the timestamp requestAnimationFrame callbacks
 * get, which is the `document.timeline.currentTime` the card's hook records in the frame that shows it).
 */
const recordFrames = (page: Page) =>
  // A string: tsx would wrap a named inner function in a helper the page does not have.
  page.evaluate(`{
    const frames = (window.__benchFrames = []);
    requestAnimationFrame(function tick(t) {
      frames.push(t);
      if (frames.length > 4000) frames.splice(0, 2000);
      requestAnimationFrame(tick);
    });
  }`);

/**
 * Which frame after the end of the hover delay showed the card: 1 when it is the first frame to begin after the delay
 * ended. A timer ends the delay at no particular point of a frame, so the next frame may begin up to a frame later,
 * which is why the budget is counted in frames (issue #12: "≤ 1 frame after the delay").
 */
async function framesAfterDelay(page: Page, t: OpenTiming): Promise<number> {
  const frames = await page.evaluate(() => (window as unknown as { __benchFrames: number[] }).__benchFrames.slice());
  if (!frames.includes(t.frame)) throw new Error(`the card's frame (${t.frame}) is not one the page recorded`);
  return frames.filter((f) => f > t.intentEnd && f <= t.frame).length;
}

/** 3. Hover timings and requests, with a connected account (E2E build: same code plus the timing hook). */
async function hoverTimings(sim: KickSim, session: ExtensionSession): Promise<void> {
  const { page } = await openChannel(session, true);
  await page.evaluate(() => (window as unknown as { __sim: { appendRows(k: number): number } }).__sim.appendRows(40));
  await recordFrames(page);
  sim.clearLog();
  const cached: number[] = [];
  const cachedFrames: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = await timedOpen(page, USERS[i % USERS.length]!);
    if (t && i >= USERS.length) {
      cached.push(t.shown - t.intentEnd);
      cachedFrames.push(await framesAfterDelay(page, t));
    }
  }
  const official = sim.requests({ host: 'api' });
  const web = sim.requests({ host: 'web', path: /^\/api\/v2\// });
  const lookups = official.filter((r) => r.path === '/public/v1/channels').reduce((n, r) => n + (r.query.slug?.length ?? 0), 0);
  // 0: the frame was begun (its vsync time) before the delay ended, but its rendering had not yet run.
  const inFrame = (n: number) => cachedFrames.filter((f) => Math.max(f, 1) === n).length;
  figures.push({
    figure: 'hover → card, cached',
    value: `frame after the delay: p95 ${percentile(cachedFrames, 95)} (1st ${inFrame(1)} of ${cachedFrames.length}, 2nd ${inFrame(2)}); ` +
      `delay end → placed: median ${round(median(cached))} ms, p95 ${round(percentile(cached, 95))} ms`,
    budget: '≤ 1 frame after the delay (p95)', holds: cachedFrames.length > 0 && percentile(cachedFrames, 95) <= 1,
    how: `end of the ${DELAY_MS} ms hover delay → the frame whose layout places the card with data, counted among the frames the page's own ` +
      `requestAnimationFrame saw begin after the delay (1 = the first; 0 = the frame begun just before the delay ended, rendered after it); ms: to the E2E hook, which runs from the ResizeObserver callback ` +
      `after that frame's layout (components/card/card-position.ts; until 2026-11-23 it ran at the render's commit, before the frame); 40 repeat hovers over 10 users`,
    raw: { ms: cached, frames: cachedFrames },
  });
  figures.push({
    figure: 'requests', value: `${official.length} official (${lookups} slug lookups), ${web.length} kick.com`,
    budget: '≤ 1 lookup per user', holds: lookups <= USERS.length, how: '50 hovers over 10 distinct users, counted in the simulator log',
    raw: { official: official.map((r) => `${r.method} ${r.path}`), web: web.map((r) => r.path) },
  });

  sim.latencyMs = 100;
  const cold: number[] = [];
  const coldAfterIntent: number[] = [];
  const extPage = await session.openExtensionPage('options.html');
  for (let i = 0; i < 20; i++) {
    await sendFromPage(extPage, 'clearCache', {});
    await page.reload();
    await waitReady(page);
    const t = await timedOpen(page, USERS[i % USERS.length]!);
    if (t) {
      cold.push(t.shown - t.entered);
      coldAfterIntent.push(t.shown - t.intentEnd);
    }
  }
  sim.latencyMs = 0;
  figures.push({
    figure: 'hover → card, cold', value: `p95 ${round(percentile(cold, 95))} ms from pointer enter (median ${round(median(cold))}); after the delay p95 ${round(percentile(coldAfterIntent, 95))} ms`,
    budget: `≤ delay + 120 ms p95 (${DELAY_MS + 120} ms)`, holds: percentile(cold, 95) <= DELAY_MS + 120,
    how: '20 hovers after clearing both caches, simulator adds 100 ms to every answer, prefetch on', raw: { cold, coldAfterIntent },
  });
  await extPage.close();
  await page.close();
}

/**
 * 4. The extension's CPU per card open, profiled from pointer enter until the card is shown with data. Each round is a
 * fresh tab (its own request budget): the first open there (a user cached nowhere), a fresh one (another such user),
 * then the first user again (cached). E2E build: the production code plus the hook that says when the card is shown.
 */
async function cpuPerOpen(session: ExtensionSession, users: string[]): Promise<OpenCpuModules> {
  type Open = ExtensionCpuTime & { compile: CompileTime };
  const runs = { first: [] as Open[], fresh: [] as Open[], cached: [] as Open[], notReady: [] as string[] };
  const held = { first: [] as ExtensionTasks[], fresh: [] as ExtensionTasks[], cached: [] as ExtensionTasks[] };
  const byModule = { first: new Map<string, number>(), fresh: new Map<string, number>(), cached: new Map<string, number>() };
  const moduleOf = moduleOfFunction(session.origin, EXTENSION_PATH);
  for (let i = 0; i < OPENS; i++) {
    const [a, b] = [users[2 * i]!, users[2 * i + 1]!];
    const page = await session.context.newPage();
    await page.goto(channelUrl);
    await waitReady(page);
    await appendNamedRows(page, [b, a]);
    const cdp = await session.context.newCDPSession(page);
    await sleep(500); // start-up's last steps are not part of an open
    for (const [kind, user] of [['first', a], ['fresh', b], ['cached', a]] as const) {
      const at = await nameCentre(page, user);
      const { profile, events, result } = await profileWithTrace(cdp, () => hoverUntilShown(page, user, at));
      if (result.status !== 'ready') runs.notReady.push(`${kind} ${user}: ${result.status}`);
      const add = (module: string, ms: number) => byModule[kind].set(module, (byModule[kind].get(module) ?? 0) + ms);
      const compile = compileTime(events, session.origin);
      // Compiling a script happens before any of its functions runs, so no function owns it.
      add('(compiling the scripts)', compile.cpuMs);
      const tasks = mainThreadTasks(events);
      runs[kind].push({ ...extensionCpuTime(profile, session.origin, tasks, (fn, ms) => add(moduleOf(fn), ms)), compile });
      held[kind].push(extensionTasks(profile, session.origin, tasks, events));
      printLongTasks(kind, held[kind].at(-1)!.tasks, profile, events, session.origin, moduleOf);
      await closeCard(page, true);
    }
    await cdp.detach();
    await page.close();
  }
  // Issue #27's decision: the measured floors of the design (the lean content script issue's figures).
  const budgets = { first: 40, fresh: 8, cached: 3 };
  const what = { first: 'the first card on a freshly loaded page', fresh: 'another user, cached nowhere', cached: 'a user opened a moment before (in the page’s memory)' };
  for (const kind of ['first', 'fresh', 'cached'] as const) {
    const describe = (clock: Clock) => {
      const compileOf = (t: Open) => compileMs(t.compile, clock);
      const total = runs[kind].map((t) => t[clock].totalMs + compileOf(t));
      const part = (f: (t: Open) => number) => round(median(runs[kind].map(f)), 2);
      const parts = `own ${part((t) => t[clock].ownMs)}, built-ins ${part((t) => t[clock].builtinsMs)}, compile ${part(compileOf)}`;
      const ci = medianInterval(total);
      const interval = `95% CI of the median ${round(ci.low, 2)}–${round(ci.high, 2)}`;
      return { median: median(total), text: `median ${round(median(total), 2)} ms (${interval}; ${parts}; p95 ${round(percentile(total, 95), 2)})` };
    };
    const [cpu, wall] = [describe('cpu'), describe('wall')];
    figures.push({
      figure: `CPU per open, ${kind}`, value: cpuAndWall(cpu.text, wall.text),
      budget: `≤ ${budgets[kind]} ms CPU (median)`, holds: cpu.median <= budgets[kind],
      how: `${what[kind]}: from just before the pointer enters the name until the card is shown with data (${DELAY_MS} ms hover delay included): ${CPU_METHOD}; ` +
        `plus the trace's v8.compile events for the extension's scripts in the page's renderer (thread time for CPU, dur for wall); ` +
        `style, layout and paint outside JS are not in a JS profile; median of ${OPENS} opens, each round in a fresh tab, with the sign test's distribution-free 95% interval of the median (stats.ts medianInterval); E2E build${runs.notReady.length ? `; ${runs.notReady.length} opens ended without data` : ''}`,
      raw: kind === 'first' ? { times: runs.first, notReady: runs.notReady } : runs[kind],
    });
  }
  // Issue #27: what a viewer feels is the longest stretch the extension holds the page's thread, not its total.
  for (const kind of ['first', 'fresh', 'cached'] as const) {
    const longest = held[kind].map((t) => t.longest);
    const worst = longest.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, extensionMs: 0, cpuMs: 0 });
    const worstCpu = Math.max(...held[kind].map((t) => t.longestCpuMs));
    const over = (ms: number) => held[kind].reduce((n, t) => n + t.durationsMs.filter((d) => d > ms).length, 0);
    const [over16, over50] = [over(16), over(50)];
    figures.push({
      figure: `longest task, ${kind}`,
      value: `longest ${round(worst.ms, 1)} ms (the extension's part ${round(worst.extensionMs, 1)} ms, the thread's CPU ${round(worst.cpuMs, 1)} ms); median of each open's longest ${round(median(longest.map((l) => l.ms)), 1)} ms; ` +
        `longest by the thread's CPU time ${round(worstCpu, 1)} ms; ` +
        `tasks over 16 ms: ${over16}, over 50 ms: ${over50}, in ${held[kind].length} opens`,
      budget: 'longest ≤ 16 ms, none over 50 ms',
      holds: worst.ms <= 16 && over50 === 0,
      how: `${what[kind]}: the page's main-thread tasks (trace, outermost RunTask of CrRendererMain) in which one of the extension's profile samples or a compile of its scripts fell, ` +
        'each with its whole wall duration (the frame it delays); the extension\'s part is its samples\' time in that task plus compiling, and the thread\'s CPU its trace tdur: ' +
        'on a 2-core machine the wall time beyond it is time the thread waited for a core (profile.ts extensionTasks)',
      // The tasks themselves are BENCH_TASKS's (a developer's look), not a figure's.
      raw: held[kind].map(({ durationsMs, longest, longestCpuMs }) => ({ durationsMs, longest, longestCpuMs })),
    });
  }
  return { opens: OPENS, first: meanByModule(byModule.first, OPENS), fresh: meanByModule(byModule.fresh, OPENS), cached: meanByModule(byModule.cached, OPENS) };
}

/** Each module's ms summed over `runs` runs, as a mean per run with its share of the whole, largest first. */
function meanByModule(summed: Map<string, number>, runs: number): { module: string; ms: number; share: number }[] {
  const total = [...summed.values()].reduce((a, b) => a + b, 0);
  return [...summed].map(([module, ms]) => ({ module, ms: ms / runs, share: ms / total })).sort((a, b) => b.ms - a.ms);
}

/**
 * The source module of an extension function in a profile, from the source map beside its script in `buildDir` (the
 * E2E build has hidden ones, wxt.config.ts).
 */
function moduleOfFunction(origin: string, buildDir: string): (fn: ProfileNode['callFrame']) => string {
  const locators = new Map<string, ((line: number, column: number) => string) | null>();
  return (fn) => {
    const file = fn.url.slice(origin.length + 1);
    if (!locators.has(file)) {
      try {
        locators.set(file, moduleLocator(path.join(buildDir, file)));
      } catch {
        locators.set(file, null);
      }
    }
    const locate = locators.get(file);
    return locate ? locate(fn.lineNumber ?? 0, fn.columnNumber ?? 0) : `${file} (no source map)`;
  };
}

/**
 * A developer's look at what each long task the extension ran in was made of (BENCH_TASKS=8: those over 8 ms; unset,
 * nothing): the trace's events by name, where the extension's code was entered (which callback), and its functions by
 * self time.
 */
function printLongTasks(label: string, ran: MainThreadTask[], profile: CpuProfile, events: TraceEvent[], origin: string, moduleOf: (fn: ProfileNode['callFrame']) => string): void {
  if (!process.env.BENCH_TASKS) return;
  const name = (fn: ProfileNode['callFrame']) => `${fn.url.startsWith(origin) ? moduleOf(fn) : fn.url ? 'page' : ''} ${fn.functionName || '(anonymous)'}`;
  for (const task of ran.filter((t) => (t.end - t.start) / 1000 > (Number(process.env.BENCH_TASKS) || 16))) {
    console.log(`${label} task ${round((task.end - task.start) / 1000, 1)} ms (CPU ${round(task.cpu / 1000, 1)}):`, taskParts(task, events).slice(0, 14).map(([n, v]) => `${n} ${round(v, 1)}`).join(', '));
    console.log('  entered at', taskEntries(profile, origin, task).slice(0, 4).map(([fn, us]) => `${name(fn)} ${round(us / 1000, 1)}`).join(', '));
    console.log('  self', taskSelf(profile, task).slice(0, 12).map(([fn, us]) => `${name(fn)} ${round(us / 1000, 1)}`).join(', '));
  }
}

/**
 * 5. The long evening: 200 card opens of different users in one tab, then the page's heap, against the same 200 hovers
 * without the extension. The tab's request budget (20 new cards a minute) refuses most of them when opened back to back:
 * those cards show the rate-limit error, and the figure says how many had data.
 */
async function longEvening(sim: KickSim, session: ExtensionSession, users: string[]): Promise<void> {
  const none = await launchWithExtension(sim, { withExtension: false });
  const sides = { with: session, without: none };
  const heap = { with: [] as number[], without: [] as number[] };
  const outcomes: Record<string, number> = {};
  const started = Date.now();
  for (const side of ['without', 'with'] as const) {
    const withExtension = side === 'with';
    const page = await sides[side].context.newPage();
    await page.goto(channelUrl);
    if (withExtension) await waitReady(page);
    const cdp = await sides[side].context.newCDPSession(page);
    await sleep(500);
    heap[side].push(await heapUsed(cdp));
    for (const [i, user] of users.entries()) {
      await appendNamedRows(page, [user]);
      const at = await nameCentre(page, user);
      if (withExtension) {
        const { status } = await hoverUntilShown(page, user, at);
        const limited = status === 'error' && (await page.evaluate(() => document.querySelector('kick-user-cards')?.shadowRoot?.querySelector('[data-kuc-card]')?.textContent ?? '')).includes('Too many requests');
        const outcome = limited ? 'rate-limited' : status;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        await closeCard(page, true);
      } else {
        await page.mouse.move(at.x, at.y);
        await page.mouse.move(4, 790);
      }
      if (i + 1 === 20) heap[side].push(await heapUsed(cdp));
    }
    heap[side].push(await heapUsed(cdp));
    await cdp.detach();
    await page.close();
  }
  await none.close();
  const seconds = round((Date.now() - started) / 1000, 0);
  const delta = heap.with.at(-1)! - heap.without.at(-1)!;
  const outcomeText = Object.entries(outcomes).map(([k, v]) => `${v} ${k}`).join(', ');
  figures.push({
    figure: `page heap, ${EVENING_OPENS} card opens`, value: `${signed(mb(delta))} MB (${mb(heap.with.at(-1)!)} vs ${mb(heap.without.at(-1)!)} MB; ${outcomeText})`,
    budget: '≤ +2 MB', holds: delta <= 2 * 1048576,
    how: `${EVENING_OPENS} different (synthetic) users, each a new chat row hovered until its card was shown, then Esc, in one tab; page JSHeapUsedSize after two forced GCs vs the same rows and hovers without the extension. ` +
      `Opened back to back (both sides took ${seconds} s), so the tab's budget of 20 new cards a minute refused most: "rate-limited" cards show that error, only "ready" ones hold data in the page's bounded card cache (200 entries). ` +
      `Heap at 0, 20 and ${EVENING_OPENS} opens is in raw. E2E build (its hook says when a card is shown)`,
    raw: { heap, outcomes },
  });
}

/** 6. Service worker: answer a cached card right after the worker was stopped. */
async function serviceWorkerWake(session: ExtensionSession): Promise<void> {
  const extPage = await session.openExtensionPage('options.html');
  await sendFromPage(extPage, 'getUserCard', { username: 'modmaria' });
  const cdp = await session.context.newCDPSession(extPage);
  const swTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await sleep(200);
    const ms = await extPage.evaluate(async () => {
      const t0 = performance.now();
      await new Promise((resolve) => chrome.runtime.sendMessage({ id: 1, type: 'getUserCard', data: { username: 'modmaria' }, timestamp: Date.now() }, resolve));
      return performance.now() - t0;
    });
    swTimes.push(ms);
  }
  figures.push({
    figure: 'service worker', value: `median ${round(median(swTimes))} ms, p95 ${round(percentile(swTimes, 95))} ms`, budget: 'median reported', holds: null,
    how: 'getUserCard (cached in storage.session) from an extension page right after ServiceWorker.stopAllWorkers, 10 runs', raw: swTimes,
  });
}

function scriptSizeFigures(): void {
  const size = contentScriptSize(PRODUCTION_EXTENSION_PATH);
  figures.push({
    figure: 'content script size', value: `${round(size.gzip / 1024)} kB gzip (${round(size.raw / 1024)} kB raw)`,
    budget: `≤ ${round(SIZE_GOAL_BYTES / 1024)} kB (issue #12)`, holds: size.gzip <= SIZE_GOAL_BYTES,
    how: `gzip -9 of ${size.files.join(', ')} in .output/chrome-mv3, summed (kB = 1,024 B): what every kick.com page loads; npm test's size check (test/e2e/size.e2e.ts) fails above ${round(CONTENT_SCRIPT_BUDGET_BYTES / 1024)} kB`,
    raw: size,
  });
  const ui = cardUiSize(PRODUCTION_EXTENSION_PATH);
  figures.push({
    figure: 'card UI size', value: `${round(ui.gzip / 1024)} kB gzip (${round(ui.raw / 1024)} kB raw)`,
    budget: `≤ ${round(CARD_UI_BUDGET_BYTES / 1024)} kB`, holds: ui.gzip <= CARD_UI_BUDGET_BYTES,
    how: 'gzip -9 of card-ui.js in .output/chrome-mv3: injected into a tab on the first hover or keyboard open only (lib/background/card-ui-injection.ts); npm test checks the same budget',
    raw: ui,
  });
}

/**
 * What the chat record costs where it is kept now, the background (lib/chat-feed/): each of Kick's chat frames checked
 * and recorded, measured in this Node process (the same code the worker runs; not the browser's worker itself, whose
 * CPU the page's profile does not hold).
 */
function feedCost(): void {
  const frames = Array.from({ length: 1000 }, (_, i) => chatMessageFrame(5, { id: i % 50, username: `chatter_${i % 50}` }, `message number ${i} with an emote [emote:37226:KEKW]`));
  const runs: number[] = [];
  for (let r = 0; r < 41; r++) {
    const record = createChatRecord();
    const t0 = performance.now();
    for (const text of frames) {
      const frame = readFrame(text);
      if (frame.kind === 'message') record.add(frame.message.username, frame.message.text, frame.message.id, frame.message.at);
    }
    runs.push(performance.now() - t0);
  }
  figures.push({
    figure: 'background, 1,000 chat messages', value: `median ${round(median(runs), 2)} ms (p95 ${round(percentile(runs, 95), 2)}; first run ${round(runs[0]!, 2)})`,
    budget: 'reported (not the page\'s thread)', holds: null,
    how: '1,000 ChatMessageEvent frames in the captured shape (test/kick-sim/fixtures/pusher-frames.ts), 50 senders: readFrame (JSON, zod) and the record\'s add, 41 runs in Node; wall time',
    raw: runs,
  });
}

/** The stages, by the names BENCH_ONLY takes. */
const STAGES = ['size', 'startup', 'burst', 'hover', 'opens', 'evening', 'sw', 'feed'] as const;
type Stage = (typeof STAGES)[number];

/** BENCH_ONLY=burst,opens runs those stages only (a developer's quick look); unset, all of them. */
function stagesToRun(only: string | undefined): Set<Stage> {
  if (!only?.trim()) return new Set(STAGES);
  const names = only.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(STAGES as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`BENCH_ONLY: no stage ${unknown.join(', ')} (stages: ${STAGES.join(', ')})`);
  return new Set(names as Stage[]);
}

async function main() {
  const started = Date.now();
  const selected = stagesToRun(process.env.BENCH_ONLY);
  const partial = selected.size < STAGES.length;
  const sim: KickSim = await startKickSim();
  const stage = async (name: Stage, run: () => Promise<void> | void) => {
    if (!selected.has(name)) return;
    const t0 = Date.now();
    await run();
    console.info(`${name}: ${round((Date.now() - t0) / 1000, 0)} s`);
  };
  const perOpenUsers = addSyntheticUsers(sim, 'benchopen', 2 * OPENS);
  let openCpuModules: OpenCpuModules | undefined;
  const eveningUsers = addSyntheticUsers(sim, 'benchevening', EVENING_OPENS);

  await stage('size', scriptSizeFigures);
  await stage('startup', () => startupAndHeap(sim));
  await stage('burst', () => chatBurstCost(sim));
  await stage('feed', feedCost);
  if (['hover', 'opens', 'evening', 'sw'].some((name) => selected.has(name as Stage))) {
    const session = await launchWithExtension(sim, { build: 'e2e' });
    await configureAccount(session, sim, { connected: true });
    await stage('hover', () => hoverTimings(sim, session));
    await stage('opens', async () => {
      openCpuModules = await cpuPerOpen(session, perOpenUsers);
    });
    await stage('evening', () => longEvening(sim, session, eveningUsers));
    await stage('sw', () => serviceWorkerWake(session));
    await session.close();
  }
  await sim.close();

  // Shares from the source map of the sizemap build (same code as production, plus the map): minified bytes before gzip.
  const modules = selected.has('size') ? sizeBreakdown() : {};
  console.log(`\nkick-user-cards benchmark (${round((Date.now() - started) / 1000, 0)} s${partial ? `; only ${[...selected].join(', ')}` : ''})\n`);
  figures.sort((a, b) => rank(a.figure) - rank(b.figure));
  console.table(figures.map(({ figure, value, budget, holds }) => ({ figure, value, budget, holds: holds === null ? '—' : holds ? 'yes' : 'NO' })));
  if (startupModules) {
    console.log(`\ncontent script start-up by module: mean ms of CPU per page load over ${startupModules.loads} loads\n`);
    console.table(startupModules.modules.slice(0, process.env.BENCH_FUNCTIONS ? 40 : 15).map(({ module, ms, share }) => ({ module, ms: round(ms, 2), share: `${round(share * 100, 0)}%` })));
    console.log('\nand at idle time\n');
    console.table(startupModules.idle.slice(0, 10).map(({ module, ms, share }) => ({ module, ms: round(ms, 2), share: `${round(share * 100, 0)}%` })));
  }
  if (openCpuModules) {
    console.log(`\nCPU per open by module: mean ms per open over ${openCpuModules.opens} opens (a browser function's time goes to the module that called it)\n`);
    console.table(openCpuModules.first.slice(0, 15).map(({ module }) => ({ module, ...openCpuRow(openCpuModules!, module) })));
  }
  // A partial run never replaces the full results test/bench/README.md's tables come from.
  const out = path.resolve(import.meta.dirname, partial ? 'results.partial.json' : 'results.json');
  await writeFile(
    out,
    JSON.stringify(
      { at: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}`, ...(partial ? { only: [...selected] } : {}), figures, ...modules, ...(startupModules ? { startupModules } : {}), ...(openCpuModules ? { openCpuModules } : {}) },
      null,
      2,
    ),
  );
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

/** The content script's and card UI's minified bytes by module, printed and returned for results.json. */
function sizeBreakdown() {
  const breakdown = moduleBreakdown(SIZEMAP_CONTENT_SCRIPT);
  const packages = packageTotals(breakdown.modules);
  const uiBreakdown = moduleBreakdown(SIZEMAP_CARD_UI);
  const uiPackages = packageTotals(uiBreakdown.modules);
  console.log('\ncontent script, minified bytes by module (source map of the sizemap build)\n');
  console.table(packages.map((m) => ({ module: m.module, bytes: m.bytes, share: `${round(m.share * 100)}%` })));
  console.log('\ncard UI (injected on first hover), minified bytes by module\n');
  console.table(uiPackages.map((m) => ({ module: m.module, bytes: m.bytes, share: `${round(m.share * 100)}%` })));
  return {
    contentScriptModules: { total: breakdown.total, packages, files: breakdown.modules },
    cardUiModules: { total: uiBreakdown.total, packages: uiPackages, files: uiBreakdown.modules },
  };
}

await main();
