import { describe, expect, it, vi } from 'vitest';
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

  describe('settled: what the first card\'s data waits for', () => {
    it('is nothing once the UI is in', async () => {
      const t = setUp([{ ok: true }]);
      await t.loader.ensure();
      expect(t.loader.settled(400)).toBeUndefined();
    });

    it('brings the UI in and settles once it is in', async () => {
      const t = setUp([{ ok: true }]);
      await t.loader.settled(400);
      expect(t.injections()).toBe(1);
      expect(t.loader.mounted).toBe(true);
    });

    it('settles when the injection fails, and the next one tries again', async () => {
      const t = setUp([{ ok: false, error: { message: 'No tab with id: 3' } }, { ok: true }]);
      await t.loader.settled(400);
      expect(t.loader.mounted).toBe(false);
      await t.loader.settled(400);
      expect(t.injections()).toBe(2);
      expect(t.loader.mounted).toBe(true);
    });

    it('settles after its cap when the injection never answers', async () => {
      vi.useFakeTimers();
      try {
        const loader = createCardUiLoader({ inject: () => new Promise(() => undefined), whenProvided: () => undefined, mount: () => undefined });
        let settled = false;
        void loader.settled(400)!.then(() => (settled = true));
        await vi.advanceTimersByTimeAsync(399);
        expect(settled).toBe(false);
        await vi.advanceTimersByTimeAsync(1);
        expect(settled).toBe(true);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
