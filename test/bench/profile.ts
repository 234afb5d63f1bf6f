import type { CDPSession } from 'playwright-core';

/**
 * The extension's own CPU on the page, read from a CDP `Profiler` profile of the page's main thread (the page and
 * every content script share that thread and V8 isolate) and, for script compilation, which happens before any of the
 * script's functions is on the stack, from a trace of the same span.
 */

export interface ProfileNode {
  id: number;
  /** Line and column (0-based) of the function's start in its script, as CDP gives them. */
  callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ExtensionTime {
  /** Samples whose innermost frame is a function of one of the extension's scripts. */
  ownMs: number;
  /** Samples in the browser's own functions (DOM, V8 built-ins, extension APIs: frames with no script) called by the extension's functions. */
  builtinsMs: number;
  totalMs: number;
  /** Profile span and sample count, to judge resolution. */
  spanMs: number;
  samples: number;
}

/** A frame of a script loaded from somewhere (a page, an extension), as opposed to the browser's own code ('' or `extensions::…`). */
const fromScript = (url: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(url);

/**
 * Time of the samples the extension is responsible for: the innermost frame that belongs to a script is one of the
 * extension's (its URL starts with `origin/`, so a script it injects later counts too). Frames with no script (the
 * DOM, built-ins, '(program)', '(idle)', '(garbage collector)') count only when the extension's function called
 * them; samples with no script frame at all (idle, GC, style and layout outside JS, compiling a whole script) are
 * nobody's. A sample lasts until the next one (as DevTools reads `timeDeltas`): wall time, so a busy machine
 * that pre-empts the page's thread stretches it.
 */
export function extensionTime(profile: CpuProfile, origin: string): ExtensionTime {
  // The wall half of extensionCpuTime, which counts each sample the same way (no tasks: no CPU weighting to do).
  const { wall, spanMs, samples } = extensionCpuTime(profile, origin, []);
  return { ...wall, spanMs, samples };
}

/** A profile node the extension answers for: its own function, or a browser function one of its functions called. */
interface Owner {
  who: 'own' | 'builtin';
  /** The extension's function: the node itself, or the innermost script frame above the browser function. */
  fn: ProfileNode['callFrame'];
}

/** Whose each profile node is: the extension's (see Owner), or nobody's (null). */
function ownerOfNodes(profile: CpuProfile, origin: string): Map<number, Owner | null> {
  const prefix = `${origin}/`;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const owner = new Map<number, Owner | null>();
  for (const node of profile.nodes) {
    let current: ProfileNode | undefined = node;
    while (current && !fromScript(current.callFrame.url)) current = byId.get(parent.get(current.id) ?? -1);
    const ours = current?.callFrame.url.startsWith(prefix) ?? false;
    owner.set(node.id, !ours || !current ? null : { who: current === node ? 'own' : 'builtin', fn: current.callFrame });
  }
  return owner;
}

/** Each sample's time (µs, Chrome's monotonic clock): `timeDeltas` add up from the profile's start. */
function sampleStamps(profile: CpuProfile): number[] {
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas ?? []) stamps.push((t += delta));
  return stamps;
}

/** 100 µs between samples: fine enough for a budget of 1 ms, coarse enough not to slow the page much. */
export const SAMPLING_INTERVAL_US = 100;

/** Profiles the page's main thread while `action` runs. */
export async function profileDuring<T>(cdp: CDPSession, action: () => Promise<T>): Promise<{ profile: CpuProfile; result: T }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await cdp.send('Profiler.start');
  try {
    const result = await action();
    const { profile } = await cdp.send('Profiler.stop');
    return { profile, result };
  } catch (error) {
    await cdp.send('Profiler.stop').catch(() => undefined);
    throw error;
  }
}

/** The fields of a Chrome trace event (the JSON trace format, as CDP `Tracing.dataCollected` reports them) read here. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Start, µs on Chrome's monotonic clock (the profile's clock too). */
  ts: number;
  /** Wall duration of a complete ('X') event, µs. */
  dur?: number;
  /** Thread CPU time of a complete event, µs. */
  tdur?: number;
  args?: {
    name?: string;
    fileName?: string;
    data?: { url?: string; frame?: string; processId?: number; frames?: { frame: string; processId: number; isOutermostMainFrame?: boolean; parent?: string }[] };
  };
}

/** One top-level task of the page's main thread: wall span and the thread's CPU time in it, µs. */
export interface MainThreadTask {
  start: number;
  end: number;
  cpu: number;
}

/** Names of the main thread's task events: `RunTask` (devtools.timeline) wraps `ThreadControllerImpl::RunTask` (toplevel). */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * The renderer processes that hosted the traced page's main frame: the one named when tracing started, and any a
 * navigation committed the frame to later (a cross-site navigation may swap the process).
 */
export function pageProcesses(events: TraceEvent[]): Set<number> {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? [];
  const main = started.find((f) => f.isOutermostMainFrame) ?? started.find((f) => !f.parent);
  if (!main) throw new Error('the trace does not say which process renders the page (no TracingStartedInBrowser frames)');
  const pids = new Set([main.processId]);
  for (const e of events) {
    const data = e.args?.data;
    if (e.name === 'FrameCommittedInBrowser' && data?.frame === main.frame && data.processId !== undefined) pids.add(data.processId);
  }
  return pids;
}

/** The page's main threads (`CrRendererMain` of the page's processes), as `pid:tid`. */
function mainThreadIds(events: TraceEvent[]): Set<string> {
  const pids = pageProcesses(events);
  return new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pids.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
}

/**
 * The top-level tasks of the page's main thread (`CrRendererMain` of the page's processes), sorted and not
 * overlapping: nested task events (a task inside a task's nested run loop, or the `toplevel` event inside the
 * devtools one) are part of the outer one, whose CPU time includes theirs.
 */
export function mainThreadTasks(events: TraceEvent[]): MainThreadTask[] {
  const mainThreads = mainThreadIds(events);
  if (!mainThreads.size) throw new Error('the trace names no main thread (CrRendererMain) of the page’s renderer');
  const all = events
    .filter((e) => e.ph === 'X' && TASK_EVENTS.has(e.name) && mainThreads.has(`${e.pid}:${e.tid}`) && e.dur !== undefined)
    .map((e) => ({ start: e.ts, end: e.ts + e.dur!, cpu: Math.min(e.tdur ?? e.dur!, e.dur!) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const tasks: MainThreadTask[] = [];
  for (const task of all) if (!tasks.length || task.start >= tasks.at(-1)!.end) tasks.push(task);
  return tasks;
}

/**
 * The page's main-thread tasks that ran an idle callback (`requestIdleCallback`: the trace's `FireIdleCallback`),
 * where the content script does what can wait for the page to be idle (lib/page/start-when-idle.ts).
 */
export function idleCallbackTasks(tasks: MainThreadTask[], events: TraceEvent[]): MainThreadTask[] {
  const pids = pageProcesses(events);
  const fired = events.filter((e) => e.name === 'FireIdleCallback' && (e.ph === 'X' || e.ph === 'B') && pids.has(e.pid)).map((e) => e.ts);
  return tasks.filter((task) => fired.some((ts) => task.start <= ts && ts < task.end));
}

/**
 * The profile with only the samples taken inside `tasks` ('inside') or only those outside them ('outside'); the others
 * go to the root, which is nobody's, so every reading of the profile sees the chosen part alone.
 */
export function profilePart(profile: CpuProfile, tasks: MainThreadTask[], keep: 'inside' | 'outside'): CpuProfile {
  const root = profile.nodes[0]?.id ?? 0;
  const stamps = sampleStamps(profile);
  const inside = (t: number) => tasks.some((task) => task.start <= t && t < task.end);
  return { ...profile, samples: (profile.samples ?? []).map((id, i) => (inside(stamps[i]!) === (keep === 'inside') ? id : root)) };
}

/** Which clock a figure is read on: the thread's CPU time, or wall time. */
export type Clock = 'cpu' | 'wall';

export interface CompileTime {
  cpuMs: number;
  wallMs: number;
}

/** A compile time on one clock. */
export const compileMs = (compile: CompileTime, clock: Clock) => (clock === 'cpu' ? compile.cpuMs : compile.wallMs);

/**
 * Time V8 spent compiling the extension's scripts in the page's renderer, CPU (the trace's thread time) and wall: a
 * script is compiled before its first function runs, so no profile sample can name it.
 */
export function compileTime(events: TraceEvent[], origin: string): CompileTime {
  const pids = pageProcesses(events);
  const prefix = `${origin}/`;
  const compiles = events
    .filter((e) => e.ph === 'X' && (e.name === 'v8.compile' || e.name === 'v8.compileModule') && pids.has(e.pid))
    .filter((e) => (e.args?.data?.url ?? e.args?.fileName ?? '').startsWith(prefix));
  return { cpuMs: compiles.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000, wallMs: compiles.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000 };
}

export interface Split {
  ownMs: number;
  builtinsMs: number;
  totalMs: number;
}

export interface ExtensionCpuTime {
  /** CPU time: each sample's wall span weighted by the CPU share of the main-thread task(s) it overlaps. */
  cpu: Split;
  /** The same samples at wall time, as `extensionTime` counts them. */
  wall: Split;
  /**
   * Wall time of the extension's samples past the end of the task each was taken in (or of a sample taken in no task):
   * counted as no CPU. It comes from gaps in sampling (the sampler, on a busy machine, is late too): the sample's span
   * then runs into idle time or later tasks, whose work no sample saw.
   */
  outsideTaskMs: number;
  /** The page's main thread over the profile's span: CPU time of its tasks and their wall time, to judge how much the machine pre-empted it. */
  thread: { cpuMs: number; wallMs: number };
  spanMs: number;
  samples: number;
}

/**
 * The extension's share of the page's main thread in CPU time. The profile says whose code ran when (samples, as
 * `extensionTime` reads them: each lasts until the next); the trace says how much of each main-thread task's wall time
 * the thread was on a CPU (`tdur / dur`). A sample counts for its span within the task it was taken in, weighted by
 * that task's CPU share, so the samples of a task sum to its CPU time, and time the thread spent pre-empted (runnable
 * but not running, on a busy machine) is shared out in proportion instead of being charged to whichever sample it fell
 * in. A span past its task's end (idle time, or a later task no sample saw) weighs nothing, nor does a sample taken
 * outside every task.
 */
export function extensionCpuTime(
  profile: CpuProfile,
  origin: string,
  tasks: MainThreadTask[],
  /** Told each sample's CPU time (ms) with the extension function it goes to (a built-in's time goes to its caller). */
  charge?: (fn: ProfileNode['callFrame'], cpuMs: number) => void,
): ExtensionCpuTime {
  const owner = ownerOfNodes(profile, origin);
  const stamps = sampleStamps(profile);
  const samples = profile.samples ?? [];
  const cpu = { own: 0, builtin: 0 };
  const wall = { own: 0, builtin: 0 };
  let outside = 0;
  let k = 0; // the first task not over before the current sample (samples and tasks are both in time order)
  samples.forEach((id, i) => {
    const owned = owner.get(id);
    if (!owned) return;
    const { who } = owned;
    const [from, to] = [stamps[i]!, i + 1 < stamps.length ? stamps[i + 1]! : profile.endTime];
    while (k < tasks.length && tasks[k]!.end <= from) k++;
    const next = tasks[k];
    const task = next && next.start <= from ? next : undefined;
    const inTask = task ? Math.min(to, task.end) - from : 0;
    const cpuUs = task && inTask > 0 ? (inTask * task.cpu) / (task.end - task.start) : 0;
    cpu[who] += cpuUs;
    if (charge && cpuUs > 0) charge(owned.fn, cpuUs / 1000);
    wall[who] += to - from;
    outside += to - from - inTask;
  });
  const thread = { cpu: 0, wall: 0 };
  for (const task of tasks) {
    const overlap = Math.min(profile.endTime, task.end) - Math.max(profile.startTime, task.start);
    if (overlap <= 0 || task.end <= task.start) continue;
    thread.wall += overlap;
    thread.cpu += (overlap * task.cpu) / (task.end - task.start);
  }
  const split = (t: { own: number; builtin: number }): Split => ({ ownMs: t.own / 1000, builtinsMs: t.builtin / 1000, totalMs: (t.own + t.builtin) / 1000 });
  return {
    cpu: split(cpu), wall: split(wall), outsideTaskMs: outside / 1000, thread: { cpuMs: thread.cpu / 1000, wallMs: thread.wall / 1000 },
    spanMs: (profile.endTime - profile.startTime) / 1000, samples: samples.length,
  };
}

/** Trace categories: the main thread's tasks with their CPU time, thread names, idle callbacks, and V8's compile events. */
const TRACE_CATEGORIES = ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'toplevel', 'v8', '__metadata'];

/**
 * Profiles the page's main thread while `action` runs, inside a trace of the same span (the trace starts first and
 * ends last, so every task the profile sees is in it): the profile says whose code ran, the trace how much CPU time
 * the thread had meanwhile and what compiling cost.
 */
export async function profileWithTrace<T>(cdp: CDPSession, action: () => Promise<T>): Promise<{ profile: CpuProfile; events: TraceEvent[]; result: T }> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReportEvents' });
  let profiled: { profile: CpuProfile; result: T };
  try {
    profiled = await profileDuring(cdp, action);
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  return { ...profiled, events };
}

/** The main-thread tasks in which the extension's code ran during one span, and how long the longest held the thread. */
export interface ExtensionTasks {
  /** The tasks the extension's code ran in (a sample of its own or of what it called, or a compile of its script), longest first. */
  tasks: MainThreadTask[];
  /** Their wall times, ms. */
  durationsMs: number[];
  /**
   * The longest of them, ms (0: none), the extension's part of it (its samples' time within it, plus compiling), and the
   * thread's CPU time in it (the trace's tdur): what wall time adds to it is time the thread waited for a core.
   */
  longest: { ms: number; extensionMs: number; cpuMs: number };
  /** The longest of them by the thread's CPU time, ms. */
  longestCpuMs: number;
}

/**
 * What a viewer feels of the extension (issue #27): not its total, but the longest stretch it holds the page's thread.
 * A task counts when one of the extension's samples (as `extensionCpuTime` reads them) or a compile of one of its
 * scripts falls in it; its whole wall duration counts, the page's part included, since that is the frame it delays.
 */
export function extensionTasks(profile: CpuProfile, origin: string, tasks: MainThreadTask[], events: TraceEvent[]): ExtensionTasks {
  const owner = ownerOfNodes(profile, origin);
  const stamps = sampleStamps(profile);
  const samples = profile.samples ?? [];
  const inTask = new Map<MainThreadTask, number>();
  const taskAt = (t: number) => tasks.find((task) => task.start <= t && t < task.end);
  const add = (task: MainThreadTask | undefined, us: number) => task && inTask.set(task, (inTask.get(task) ?? 0) + us);
  samples.forEach((id, i) => {
    if (!owner.get(id)) return;
    const from = stamps[i]!;
    const to = i + 1 < stamps.length ? stamps[i + 1]! : profile.endTime;
    const task = taskAt(from);
    add(task, task ? Math.min(to, task.end) - from : 0);
  });
  const pids = pageProcesses(events);
  for (const e of events) {
    if (e.ph !== 'X' || (e.name !== 'v8.compile' && e.name !== 'v8.compileModule') || !pids.has(e.pid)) continue;
    if ((e.args?.data?.url ?? e.args?.fileName ?? '').startsWith(`${origin}/`)) add(taskAt(e.ts), e.dur ?? 0);
  }
  const ran = [...inTask.keys()].sort((a, b) => b.end - b.start - (a.end - a.start));
  const top = ran[0];
  return {
    tasks: ran,
    durationsMs: ran.map((t) => (t.end - t.start) / 1000),
    longest: top ? { ms: (top.end - top.start) / 1000, extensionMs: Math.min(inTask.get(top)!, top.end - top.start) / 1000, cpuMs: top.cpu / 1000 } : { ms: 0, extensionMs: 0, cpuMs: 0 },
    longestCpuMs: Math.max(0, ...ran.map((t) => t.cpu / 1000)),
  };
}

/**
 * What one main-thread task was made of, for a developer's look (BENCH_TASKS=1): the trace's complete events on the
 * page's main threads inside it, wall ms by name, nested ones counted in their parents too, largest first.
 */
export function taskParts(task: MainThreadTask, events: TraceEvent[]): [name: string, ms: number][] {
  const mainThreads = mainThreadIds(events);
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || TASK_EVENTS.has(e.name) || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    if (e.ts < task.start || e.ts + e.dur > task.end) continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

/**
 * The samples taken in one main-thread task, wall µs by the frame `pick` charges each to (undefined: none), largest
 * first: BENCH_TASKS's look into a long task.
 */
function taskSamplesBy(profile: CpuProfile, task: MainThreadTask, pick: (node: ProfileNode, parentOf: (node: ProfileNode) => ProfileNode | undefined) => ProfileNode | undefined): [fn: ProfileNode['callFrame'], us: number][] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = (node: ProfileNode) => byId.get(parent.get(node.id) ?? -1);
  const stamps = sampleStamps(profile);
  // By function, not by node: one function reached along two paths is two nodes.
  const sums = new Map<string, [fn: ProfileNode['callFrame'], us: number]>();
  (profile.samples ?? []).forEach((id, i) => {
    const from = stamps[i]!;
    if (from < task.start || from >= task.end) return;
    const fn = pick(byId.get(id)!, parentOf)?.callFrame;
    if (!fn) return;
    const key = `${fn.functionName}@${fn.url}:${fn.lineNumber}:${fn.columnNumber}`;
    const to = Math.min(i + 1 < stamps.length ? stamps[i + 1]! : profile.endTime, task.end);
    sums.set(key, [fn, (sums.get(key)?.[1] ?? 0) + to - from]);
  });
  return [...sums.values()].sort((a, b) => b[1] - a[1]);
}

/**
 * Where the extension's code was entered in one main-thread task: each sample goes to the outermost of the
 * extension's frames on its stack (the callback the page's thread ran: a timer, an observer, an event listener).
 */
export function taskEntries(profile: CpuProfile, origin: string, task: MainThreadTask): [fn: ProfileNode['callFrame'], us: number][] {
  return taskSamplesBy(profile, task, (node, parentOf) => {
    let entry: ProfileNode | undefined;
    for (let n: ProfileNode | undefined = node; n; n = parentOf(n)) if (n.callFrame.url.startsWith(`${origin}/`)) entry = n;
    return entry;
  });
}

/** The samples in one task by their innermost frame (self time), the page's and the browser's included. */
export const taskSelf = (profile: CpuProfile, task: MainThreadTask) => taskSamplesBy(profile, task, (node) => node);
