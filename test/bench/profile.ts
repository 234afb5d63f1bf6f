import type { CDPSession } from 'playwright-core';

/**
 * The extension's own CPU on the page, read from a CDP `Profiler` profile of the page's main thread (the page and
 * every content script share that thread and V8 isolate) and, for script compilation, which happens before any of the
 * script's functions is on the stack, from a trace of the same span.
 */

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
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
  const prefix = `${origin}/`;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const owner = new Map<number, 'own' | 'builtin' | null>();
  for (const node of profile.nodes) {
    let current: ProfileNode | undefined = node;
    while (current && !fromScript(current.callFrame.url)) current = byId.get(parent.get(current.id) ?? -1);
    const ours = current?.callFrame.url.startsWith(prefix) ?? false;
    owner.set(node.id, !ours ? null : current === node ? 'own' : 'builtin');
  }
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const delta of deltas) stamps.push((t += delta));
  let own = 0;
  let builtins = 0;
  samples.forEach((id, i) => {
    const duration = (i + 1 < stamps.length ? stamps[i + 1]! : profile.endTime) - stamps[i]!;
    const who = owner.get(id);
    if (who === 'own') own += duration;
    else if (who === 'builtin') builtins += duration;
  });
  return { ownMs: own / 1000, builtinsMs: builtins / 1000, totalMs: (own + builtins) / 1000, spanMs: (profile.endTime - profile.startTime) / 1000, samples: samples.length };
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

interface TraceEvent {
  name: string;
  ph: string;
  tdur?: number;
  args?: { data?: { url?: string }; fileName?: string };
}

/**
 * Main-thread CPU time (the trace's thread time, not wall time) V8 spent compiling the extension's scripts while
 * `action` ran: a script is compiled before its first function runs, so no profile sample can name it.
 */
export async function compileTimeDuring<T>(cdp: CDPSession, origin: string, action: () => Promise<T>): Promise<{ compileMs: number; result: T }> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['v8'] }, transferMode: 'ReportEvents' });
  let result: T;
  try {
    result = await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  const prefix = `${origin}/`;
  const compileUs = events
    .filter((e) => e.ph === 'X' && (e.name === 'v8.compile' || e.name === 'v8.compileModule'))
    .filter((e) => (e.args?.data?.url ?? e.args?.fileName ?? '').startsWith(prefix))
    .reduce((sum, e) => sum + (e.tdur ?? 0), 0);
  return { compileMs: compileUs / 1000, result };
}
