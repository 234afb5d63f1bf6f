import { RequestBudget, TAB_LOOKUPS_PER_MINUTE } from './request-budget';

/**
 * One request budget per tab, so a page (or a bug) in one tab cannot spend Kick's patience for
 * every tab. Forgotten when the tab closes; a sender without a tab shares one budget.
 */
export class TabBudgets {
  private budgets = new Map<number, RequestBudget>();

  constructor(
    private readonly perMinute = TAB_LOOKUPS_PER_MINUTE,
    private readonly now: () => number = Date.now,
  ) {}

  of(tabId: number | undefined): RequestBudget {
    const key = tabId ?? -1;
    let budget = this.budgets.get(key);
    if (!budget) this.budgets.set(key, (budget = new RequestBudget(this.perMinute, 60_000, this.now)));
    return budget;
  }

  forget(tabId: number): void {
    this.budgets.delete(tabId);
  }

  get size(): number {
    return this.budgets.size;
  }
}
