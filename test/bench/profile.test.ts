import { describe, expect, it } from 'vitest';
import { compileTime, extensionCpuTime, extensionTasks, extensionTime, idleCallbackTasks, mainThreadTasks, profilePart, taskEntries, taskSelf, type CpuProfile, type MainThreadTask, type ProfileNode, type TraceEvent } from './profile';

const EXT = 'chrome-extension://abc';
const node = (id: number, functionName: string, url: string, children: number[] = []): ProfileNode => ({ id, callFrame: { functionName, url }, children });

/**
 * (root)
 * ├─ (program) 2, (idle) 3, (garbage collector) 4
 * ├─ page listener (kick.com) 5 ─ querySelectorAll 6 ─ extension handler 7 ─ getBoundingClientRect 8
 * ├─ extension timer 9 ─ extensions::sendRequest 10 ─ native send 11
 * ├─ another extension's script 12, a script the extension injected later 13
 * └─ evaluate (no script: a test tool) 14
 */
const nodes = [
  node(1, '(root)', '', [2, 3, 4, 5, 9, 12, 13, 14]),
  node(2, '(program)', ''),
  node(3, '(idle)', ''),
  node(4, '(garbage collector)', ''),
  node(5, 'onMessage', 'https://kick.com/streamer1', [6]),
  node(6, 'querySelectorAll', '', [7]),
  node(7, 'onPointerOver', `${EXT}/content-scripts/kick.js`, [8]),
  node(8, 'getBoundingClientRect', ''),
  node(9, 'tick', `${EXT}/content-scripts/kick.js`, [10]),
  node(10, 'sendRequest', 'extensions::sendRequest', [11]),
  node(11, 'send', ''),
  node(12, 'main', 'chrome-extension://other/content.js'),
  node(13, 'render', `${EXT}/card-ui.js`),
  node(14, 'evaluate', ''),
];

/** One sample per entry, each lasting `ms` (the next sample comes `ms` later). */
function profileOf(samples: [id: number, ms: number][]): CpuProfile {
  const timeDeltas = samples.map((_, i) => (i === 0 ? 0 : samples[i - 1]![1] * 1000));
  const end = samples.reduce((t, [, ms]) => t + ms * 1000, 0);
  return { nodes, startTime: 0, endTime: end, samples: samples.map(([id]) => id), timeDeltas };
}

describe('extensionTime', () => {
  it('counts the extension’s functions as its own and what they call as built-ins', () => {
    const t = extensionTime(profileOf([[7, 1], [8, 2], [9, 0.5], [10, 0.25], [11, 0.25], [13, 4]]), EXT);
    expect(t.ownMs).toBeCloseTo(1 + 0.5 + 4);
    expect(t.builtinsMs).toBeCloseTo(2 + 0.25 + 0.25);
    expect(t.totalMs).toBeCloseTo(8);
    expect(t.samples).toBe(6);
  });

  it('leaves the page, other extensions, test tools, idle, GC and (program) out', () => {
    const t = extensionTime(profileOf([[2, 5], [3, 5], [4, 5], [5, 5], [6, 5], [12, 5], [14, 5]]), EXT);
    expect(t.totalMs).toBe(0);
    expect(t.spanMs).toBe(35);
  });

  it('gives each sample the time until the next one, the last one until the end', () => {
    const profile: CpuProfile = { nodes, startTime: 1000, endTime: 10_000, samples: [2, 7, 2], timeDeltas: [500, 1500, 3000] };
    // Samples at 1.5, 3 and 6 ms: the extension's runs from 3 to 6 ms.
    expect(extensionTime(profile, EXT).ownMs).toBeCloseTo(3);
  });
});

describe('extensionCpuTime', () => {
  // Samples every 1 ms from t = 0: the extension's handler (7) from 0 to 4 ms, then the page (5) from 4 to 8 ms.
  const profile: CpuProfile = { nodes, startTime: 0, endTime: 8000, samples: [7, 7, 7, 7, 5, 5, 5, 5], timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000] };

  it('counts a task’s samples at the task’s CPU share: a task that had the CPU half its time gives half', () => {
    const t = extensionCpuTime(profile, EXT, [{ start: 0, end: 8000, cpu: 4000 }]);
    expect(t.wall.totalMs).toBeCloseTo(4);
    expect(t.cpu.ownMs).toBeCloseTo(2);
    expect(t.cpu.totalMs).toBeCloseTo(2);
    expect(t.thread).toEqual({ cpuMs: 4, wallMs: 8 });
  });

  it('makes a task’s samples add up to its CPU time, each at the share of the task it was taken in', () => {
    // A task from 0 to 2 ms at full CPU, then one from 2 to 4 ms that had the CPU a quarter of its time.
    const two: CpuProfile = { nodes, startTime: 0, endTime: 4000, samples: [7, 7, 9, 10], timeDeltas: [0, 1000, 1000, 1000] };
    const tasks: MainThreadTask[] = [{ start: 0, end: 2000, cpu: 2000 }, { start: 2000, end: 4000, cpu: 500 }];
    const t = extensionCpuTime(two, EXT, tasks);
    expect(t.cpu.ownMs).toBeCloseTo(2 + 0.25);
    expect(t.cpu.builtinsMs).toBeCloseTo(0.25);
    expect(t.cpu.totalMs).toBeCloseTo(2000 / 1000 + 500 / 1000);
    expect(t.wall.totalMs).toBeCloseTo(4);
  });

  it('charges a sample nothing past the end of its task: idle time, or a later task no sample saw', () => {
    // The task ends at 3 ms; the extension's fourth sample lasts until 4 ms, through idle time and another task.
    const t = extensionCpuTime(profile, EXT, [{ start: 0, end: 3000, cpu: 3000 }, { start: 3500, end: 3900, cpu: 400 }]);
    expect(t.cpu.totalMs).toBeCloseTo(3);
    expect(t.outsideTaskMs).toBeCloseTo(1);
    expect(t.wall.totalMs).toBeCloseTo(4);
  });

  it('charges nothing for a sample taken outside every task', () => {
    const t = extensionCpuTime(profile, EXT, [{ start: 500, end: 8000, cpu: 7500 }]);
    expect(t.cpu.totalMs).toBeCloseTo(3);
    expect(t.outsideTaskMs).toBeCloseTo(1);
  });

  it('agrees with extensionTime on wall time and on who owns a sample', () => {
    const mixed = profileOf([[7, 1], [8, 2], [9, 0.5], [10, 0.25], [11, 0.25], [13, 4], [5, 3], [12, 1]]);
    const wall = extensionTime(mixed, EXT);
    const t = extensionCpuTime(mixed, EXT, [{ start: 0, end: mixed.endTime, cpu: mixed.endTime }]);
    expect(t.wall).toEqual({ ownMs: wall.ownMs, builtinsMs: wall.builtinsMs, totalMs: wall.totalMs });
    expect(t.cpu.ownMs).toBeCloseTo(wall.ownMs);
    expect(t.cpu.builtinsMs).toBeCloseTo(wall.builtinsMs);
  });
});

describe('extensionCpuTime, charged by function', () => {
  it('charges each sample’s CPU time to the extension’s function, a built-in’s to the function that called it', () => {
    const mixed = profileOf([[7, 1], [8, 2], [9, 0.5], [10, 0.25], [11, 0.25], [13, 4], [5, 3], [12, 1]]);
    const charged = new Map<string, number>();
    const t = extensionCpuTime(mixed, EXT, [{ start: 0, end: mixed.endTime, cpu: mixed.endTime / 2 }], (fn, ms) =>
      charged.set(fn.functionName, (charged.get(fn.functionName) ?? 0) + ms),
    );
    // Half the CPU share: onPointerOver 1 + getBoundingClientRect 2, tick 0.5 + sendRequest 0.25 + send 0.25, render 4.
    expect([...charged.keys()].sort()).toEqual(['onPointerOver', 'render', 'tick']);
    expect(charged.get('onPointerOver')).toBeCloseTo(1.5);
    expect(charged.get('tick')).toBeCloseTo(0.5);
    expect(charged.get('render')).toBeCloseTo(2);
    expect([...charged.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(t.cpu.totalMs);
  });
});

describe('mainThreadTasks and compileTime', () => {
  const PAGE = 10;
  const NEXT = 30;
  const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name } });
  const task = (pid: number, tid: number, name: string, ts: number, dur: number, tdur: number): TraceEvent => ({ name, ph: 'X', pid, tid, ts, dur, tdur });
  const compile = (pid: number, url: string, tdur: number): TraceEvent => ({ name: 'v8.compile', ph: 'X', pid, tid: pid, ts: 5, dur: 2 * tdur, tdur, args: { data: { url } } });
  const events: TraceEvent[] = [
    { name: 'TracingStartedInBrowser', ph: 'I', pid: 1, tid: 1, ts: 0, args: { data: { frames: [{ frame: 'F', processId: PAGE, isOutermostMainFrame: true }, { frame: 'G', processId: 20, parent: 'F' }] } } },
    meta(PAGE, PAGE, 'CrRendererMain'), meta(PAGE, 11, 'Compositor'), meta(20, 20, 'CrRendererMain'), meta(NEXT, NEXT, 'CrRendererMain'), meta(1, 1, 'CrBrowserMain'),
    // The devtools event wraps the toplevel one; a nested run loop's task sits inside the outer task.
    task(PAGE, PAGE, 'RunTask', 100, 50, 20), task(PAGE, PAGE, 'ThreadControllerImpl::RunTask', 101, 48, 19), task(PAGE, PAGE, 'RunTask', 120, 10, 5),
    task(PAGE, PAGE, 'ThreadControllerImpl::RunTask', 200, 10, 12),
    task(PAGE, 11, 'RunTask', 300, 10, 10), task(20, 20, 'RunTask', 400, 10, 10), task(1, 1, 'RunTask', 500, 10, 10),
    // A navigation commits the main frame to another process, whose tasks are the page's too.
    { name: 'FrameCommittedInBrowser', ph: 'I', pid: 1, tid: 1, ts: 550, args: { data: { frame: 'F', processId: NEXT } } },
    task(NEXT, NEXT, 'RunTask', 600, 40, 10),
    compile(PAGE, `${EXT}/content-scripts/kick.js`, 300), compile(NEXT, `${EXT}/card-ui.js`, 200), compile(PAGE, 'https://kick.com/app.js', 1000),
    compile(40, `${EXT}/background.js`, 5000),
  ];

  it('keeps the outermost tasks of the page’s main threads, CPU capped at wall', () => {
    expect(mainThreadTasks(events)).toEqual([{ start: 100, end: 150, cpu: 20 }, { start: 200, end: 210, cpu: 10 }, { start: 600, end: 640, cpu: 10 }]);
  });

  it('fails loudly when the trace does not name the page’s process', () => {
    expect(() => mainThreadTasks(events.slice(1))).toThrow(/which process renders the page/);
  });

  it('counts compiling the extension’s scripts in the page’s processes only, CPU and wall', () => {
    expect(compileTime(events, EXT)).toEqual({ cpuMs: 0.5, wallMs: 1 });
  });
});

describe('extensionTasks', () => {
  const trace = (extra: TraceEvent[] = []): TraceEvent[] => [
    { name: 'TracingStartedInBrowser', ph: 'I', pid: 1, tid: 1, ts: 0, args: { data: { frames: [{ frame: 'F', processId: 7, isOutermostMainFrame: true }] } } },
    ...extra,
  ];
  // Three tasks: 0–20 ms (the thread on a core for 12 of them), 30–34 ms, 40–100 ms.
  const tasks: MainThreadTask[] = [{ start: 0, end: 20_000, cpu: 12_000 }, { start: 30_000, end: 34_000, cpu: 4_000 }, { start: 40_000, end: 100_000, cpu: 60_000 }];

  it('finds the longest task the extension ran in, with its part of it and its CPU time, and leaves the page’s own tasks out', () => {
    // The extension runs 5 ms in the first task and 1 ms in the second; the long third task is the page's alone.
    const profile = profileOf([[7, 5], [5, 15], [2, 10], [9, 1], [2, 9], [5, 60]]);
    const t = extensionTasks(profile, EXT, tasks, trace());
    expect(t.tasks).toEqual([tasks[0], tasks[1]]);
    expect(t.durationsMs).toEqual([20, 4]);
    expect(t.longest).toEqual({ ms: 20, extensionMs: 5, cpuMs: 12 });
    expect(t.longestCpuMs).toBe(12);
  });

  it('counts a task in which only one of the extension’s scripts was compiled', () => {
    const profile = profileOf([[2, 100]]);
    const compile: TraceEvent = { name: 'v8.compile', ph: 'X', pid: 7, tid: 1, ts: 41_000, dur: 3_000, tdur: 3_000, args: { data: { url: `${EXT}/card-ui.js` } } };
    const elsewhere: TraceEvent = { ...compile, ts: 1_000, args: { data: { url: 'https://kick.com/app.js' } } };
    const t = extensionTasks(profile, EXT, tasks, trace([compile, elsewhere]));
    expect(t.durationsMs).toEqual([60]);
    expect(t.longest).toEqual({ ms: 60, extensionMs: 3, cpuMs: 60 });
  });

  it('says none when the extension did not run', () => {
    expect(extensionTasks(profileOf([[5, 50]]), EXT, tasks, trace()).longest).toEqual({ ms: 0, extensionMs: 0, cpuMs: 0 });
  });
});

describe('the start-up and what waited for idle time', () => {
  const started: TraceEvent = { name: 'TracingStartedInBrowser', ph: 'I', pid: 1, tid: 1, ts: 0, args: { data: { frames: [{ frame: 'F', processId: 7, isOutermostMainFrame: true }] } } };
  // Three tasks: 0–20 ms, 30–34 ms, 40–100 ms; the page ran an idle callback in the second.
  const tasks: MainThreadTask[] = [{ start: 0, end: 20_000, cpu: 20_000 }, { start: 30_000, end: 34_000, cpu: 4_000 }, { start: 40_000, end: 100_000, cpu: 60_000 }];
  const fired = (pid: number, ts: number): TraceEvent => ({ name: 'FireIdleCallback', ph: 'X', pid, tid: 1, ts, dur: 1_000 });

  it('finds the tasks that ran an idle callback, in the page’s process only', () => {
    expect(idleCallbackTasks(tasks, [started, fired(7, 31_000), fired(40, 50_000)])).toEqual([tasks[1]]);
    expect(idleCallbackTasks(tasks, [started])).toEqual([]);
  });

  it('splits the extension’s time into what ran in those tasks and the rest, losing nothing', () => {
    // The extension: 5 ms in the first task, 1 ms in the idle one, 2 ms in the third.
    const profile = profileOf([[7, 5], [5, 15], [2, 10], [9, 1], [2, 9], [7, 2], [5, 58]]);
    const idle = [tasks[1]!];
    const all = extensionCpuTime(profile, EXT, tasks).cpu.totalMs;
    const before = extensionCpuTime(profilePart(profile, idle, 'outside'), EXT, tasks).cpu.totalMs;
    const later = extensionCpuTime(profilePart(profile, idle, 'inside'), EXT, tasks).cpu.totalMs;
    expect([all, before, later]).toEqual([8, 7, 1]);
  });
});

describe("BENCH_TASKS's look into one task", () => {
  // One task, 0–10 ms; the samples after it are not its.
  const task: MainThreadTask = { start: 0, end: 10_000, cpu: 10_000 };
  const profile = profileOf([[8, 2], [7, 1], [11, 3], [9, 1], [5, 3], [9, 4]]);
  const named = (rows: [ProfileNode['callFrame'], number][]) => rows.map(([fn, us]) => [fn.functionName, us / 1000]);

  it('says through which of its callbacks the extension was entered, the calls it made counted in them', () => {
    // getBoundingClientRect under the page's listener goes to the extension's handler; the native send to the timer.
    expect(named(taskEntries(profile, EXT, task))).toEqual([['tick', 4], ['onPointerOver', 3]]);
  });

  it('gives every function its self time, the page’s and the browser’s too, within the task only', () => {
    expect(named(taskSelf(profile, task))).toEqual([['send', 3], ['onMessage', 3], ['getBoundingClientRect', 2], ['onPointerOver', 1], ['tick', 1]]);
  });
});
