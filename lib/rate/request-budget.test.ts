import { describe, expect, it } from 'vitest';
import { RequestBudget } from './request-budget';

describe('RequestBudget', () => {
  it('allows a burst of its capacity, then refills evenly', () => {
    let t = 0;
    const budget = new RequestBudget(3, 60_000, () => t);
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
    expect(budget.waitMs()).toBe(20_000);
    t = 19_999;
    expect(budget.take()).toBe(false);
    t = 20_000;
    expect(budget.take()).toBe(true);
    t = 10 * 60_000;
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
  });
});
