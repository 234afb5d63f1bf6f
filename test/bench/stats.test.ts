import { describe, expect, it } from 'vitest';
import { median, medianInterval, percentile, ratioInterval, t975 } from './stats';

describe('t975', () => {
  it('matches the tables of Student’s t to three decimals', () => {
    // Published 0.975 quantiles (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    const table: [number, number][] = [[1, 12.706], [4, 2.776], [6, 2.447], [9, 2.262], [14, 2.145], [19, 2.093], [29, 2.045], [59, 2.001], [100, 1.984]];
    for (const [df, t] of table) expect(t975(df)).toBeCloseTo(t, 2);
  });
});

describe('ratioInterval', () => {
  it('is the geometric mean ratio with an interval that holds it', () => {
    const pairs = [1.02, 0.98, 1.05, 1.01, 0.99, 1.03].map((r) => ({ with: 100 * r, without: 100 }));
    const { ratio, low, high, pairs: n } = ratioInterval(pairs);
    const logs = pairs.map((p) => Math.log(p.with / p.without));
    expect(ratio).toBeCloseTo(Math.exp(logs.reduce((a, b) => a + b) / logs.length), 10);
    expect(n).toBe(6);
    expect(low).toBeLessThan(ratio);
    expect(high).toBeGreaterThan(ratio);
    // Symmetric on the log scale.
    expect(Math.log(high / ratio)).toBeCloseTo(Math.log(ratio / low), 10);
  });

  it('narrows as identical pairs repeat', () => {
    const some = [1.1, 0.95, 1.02, 0.99].map((r) => ({ with: r, without: 1 }));
    const wide = ratioInterval(some);
    const narrow = ratioInterval([...some, ...some, ...some, ...some]);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });
});

describe('percentile', () => {
  it('is the nearest-rank percentile', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });
});

describe('medianInterval', () => {
  it('is the sign test’s order statistics: x(6) and x(15) of 20, covering 95.9%', () => {
    // Binomial(20, ½): P(X ≤ 5) = 0.0207 ≤ 0.025 < P(X ≤ 6) = 0.0577 (tables of the binomial distribution).
    const values = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1, unsorted on purpose
    const { low, high, coverage } = medianInterval(values);
    expect([low, high]).toEqual([6, 15]);
    expect(coverage).toBeCloseTo(1 - 2 * 0.020695, 4);
  });

  it('widens to the extremes for few values, and gives none below six', () => {
    // n = 6: P(X = 0) = 1/64 ≤ 0.025 < P(X ≤ 1) = 7/64.
    expect(medianInterval([3, 1, 2, 6, 5, 4])).toMatchObject({ low: 1, high: 6 });
    expect(medianInterval([1, 2, 3, 4, 5]).low).toBeNaN();
  });
});
