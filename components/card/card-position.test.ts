import { beforeEach, describe, expect, it, vi } from 'vitest';

// revealCard remembers, per page (module), whether a card was shown: each test starts from a fresh page.
let revealCard: typeof import('./card-position').revealCard;
beforeEach(async () => {
  vi.resetModules();
  ({ revealCard } = await import('./card-position'));
});

describe('revealCard', () => {
  it("shows the page's first card in the next frame, not in the one that placed it", () => {
    const frames: (() => void)[] = [];
    const show = vi.fn();
    revealCard(show, (run) => frames.push(run));
    expect(show).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(show).toHaveBeenCalledOnce();
  });

  it('shows every later card at once, in the frame that placed it', () => {
    const frames: (() => void)[] = [];
    revealCard(() => undefined, (run) => frames.push(run));
    const show = vi.fn();
    revealCard(show, (run) => frames.push(run));
    expect(show).toHaveBeenCalledOnce();
    expect(frames).toHaveLength(1);
  });
});
