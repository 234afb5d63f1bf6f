import { describe, expect, it } from 'vitest';
import type { CardUiMount } from './card-ui-bridge';
import { createCardUiLoader } from './card-ui-loader';

type Answer = { ok: boolean; error?: { message: string } } | 'lost';

/** `answers`: what each injection answers; `runs`: whether the injected script runs (and provides its mount function). */
function setUp(answers: Answer[], runs = true) {
  let provide: ((mount: CardUiMount) => void) | undefined;
  const mounted: CardUiMount[] = [];
  const warnings: string[] = [];
  let injections = 0;
  const mountFn: CardUiMount = () => () => undefined;
  const loader = createCardUiLoader({
    inject: () => {
      injections++;
      const answer = answers.shift() ?? { ok: true };
      if ((answer === 'lost' || answer.ok) && runs) provide?.(mountFn);
      return answer === 'lost' ? Promise.reject(new Error('The extension’s background did not answer in time.')) : Promise.resolve(answer);
    },
    whenProvided: (use) => (provide = use),
    mount: (m) => mounted.push(m),
    warn: (m) => warnings.push(m),
  });
  return { loader, mounted, warnings, injections: () => injections, mountFn };
}

describe('card UI loader', () => {
  it('injects once for any number of callers and mounts once', async () => {
    const t = setUp([{ ok: true }]);
    const results = await Promise.all([t.loader.ensure(), t.loader.ensure(), t.loader.ensure()]);
    expect(results).toEqual([true, true, true]);
    await t.loader.ensure();
    expect(t.injections()).toBe(1);
    expect(t.mounted).toEqual([t.mountFn]);
    expect(t.loader.mounted).toBe(true);
  });

  it('mounts when the script ran even though the background’s answer was lost (worker stopped mid-flight)', async () => {
    const t = setUp(['lost']);
    await expect(t.loader.ensure()).resolves.toBe(true);
    expect(t.mounted).toEqual([t.mountFn]);
    expect(t.warnings).toEqual([]);
  });

  it('says why a failed injection failed, and tries again on the next call', async () => {
    const t = setUp([{ ok: false, error: { message: 'No tab with id: 3' } }, { ok: true }]);
    await expect(t.loader.ensure()).resolves.toBe(false);
    expect(t.warnings).toEqual(['the card could not be loaded: No tab with id: 3']);
    expect(t.loader.mounted).toBe(false);
    await expect(t.loader.ensure()).resolves.toBe(true);
    expect(t.injections()).toBe(2);
    expect(t.mounted).toHaveLength(1);
  });

  it('fails clearly when the injected script left nothing to mount', async () => {
    const t = setUp([{ ok: true }], false);
    await expect(t.loader.ensure()).resolves.toBe(false);
    expect(t.warnings[0]).toContain('left nothing to mount');
    expect(t.mounted).toEqual([]);
  });
});
