/** The few statistics the benchmark prints. */

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Student's t for a two-sided 95% interval (the 0.975 quantile) with `df` degrees of freedom. */
export function t975(df: number): number {
  if (!(df >= 1)) return NaN;
  // Exact to three decimals where the expansion below is not.
  const small = [12.706, 4.303, 3.182, 2.776, 2.571];
  if (df <= small.length) return small[Math.floor(df) - 1]!;
  // Cornish-Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5).
  const x = 1.959963984540054;
  const g1 = (x ** 3 + x) / 4;
  const g2 = (5 * x ** 5 + 16 * x ** 3 + 3 * x) / 96;
  const g3 = (3 * x ** 7 + 19 * x ** 5 + 17 * x ** 3 - 15 * x) / 384;
  const g4 = (79 * x ** 9 + 776 * x ** 7 + 1482 * x ** 5 - 1920 * x ** 3 - 945 * x) / 92160;
  return x + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

export interface RatioInterval {
  /** Geometric mean of the pairs' ratios. */
  ratio: number;
  low: number;
  high: number;
  pairs: number;
}

/**
 * The ratio with/without and its 95% interval from paired runs: the mean of log(with/without) ± t·s/√n, exponentiated.
 * Pairing (each pair run back to back) removes the machine's slow drift; the log makes a ratio symmetric.
 */
export function ratioInterval(pairs: readonly { with: number; without: number }[]): RatioInterval {
  const logs = pairs.map((p) => Math.log(p.with / p.without));
  const n = logs.length;
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = t975(n - 1) * (sd / Math.sqrt(n));
  return { ratio: Math.exp(mean), low: Math.exp(mean - half), high: Math.exp(mean + half), pairs: n };
}

export interface MedianInterval {
  low: number;
  high: number;
  /** The interval's exact coverage (at least 0.95 when `n` allows it; NaN when too few values give any). */
  coverage: number;
}

/**
 * A distribution-free 95% interval for the median: the order statistics x(k) and x(n−k+1), with k the largest rank
 * such that P(Binomial(n, ½) < k) ≤ 0.025 (the sign test's interval; e.g. Conover, Practical Nonparametric Statistics,
 * 3rd ed., §3.2). Opens' CPU times are skewed (a slow open now and then), so no normal approximation is assumed.
 */
export function medianInterval(values: readonly number[]): MedianInterval {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  // P(X ≤ j) for X ~ Binomial(n, ½), summed from the binomial coefficients.
  let coefficient = 1;
  let below = 0;
  let k = 0;
  for (let j = 0; j < n; j++) {
    below += coefficient / 2 ** n;
    if (below > 0.025) break;
    k = j + 1; // P(X < k) = P(X ≤ j) ≤ 0.025
    coefficient = (coefficient * (n - j)) / (j + 1);
  }
  if (k === 0) return { low: NaN, high: NaN, coverage: NaN };
  let tail = 0;
  coefficient = 1;
  for (let j = 0; j < k; j++) {
    tail += coefficient / 2 ** n;
    coefficient = (coefficient * (n - j)) / (j + 1);
  }
  return { low: sorted[k - 1]!, high: sorted[n - k]!, coverage: 1 - 2 * tail };
}
