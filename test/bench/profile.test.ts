import { describe, expect, it } from 'vitest';
import { extensionTime, type CpuProfile, type ProfileNode } from './profile';

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
