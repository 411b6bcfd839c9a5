/**
 * The distribution of one indicator's values across peers (benchmarking): count, min, max, mean, sample quantiles
 * and a histogram of equal-width bins.
 *
 * Quantiles: Hyndman, R. J. & Fan, Y. (1996), "Sample quantiles in statistical packages", The American
 * Statistician 50(4), 361–365, definition 7 — with the values sorted x₀ ≤ … ≤ x₍ₙ₋₁₎ and h = (n − 1)·p,
 *     Q(p) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋)
 * (linear interpolation between order statistics; the default of R's `quantile` and NumPy's `percentile`, and
 * Excel's PERCENTILE.INC). Mean: the arithmetic mean Σx / n.
 *
 * Histogram: `bins` bins of width w = (max − min) / bins from min; a value x falls in bin ⌊(x − min) / w⌋, the
 * maximum in the last bin (so every bin is [from, to) but the last, [from, to]). All values equal: one bin.
 */
import { CpError } from '../errors.ts';

export const DISTRIBUTION_QUANTILES = { p10: 0.1, p25: 0.25, p50: 0.5, p75: 0.75, p90: 0.9 } as const;
export type DistributionQuantile = keyof typeof DISTRIBUTION_QUANTILES;

export interface Distribution {
  /** Values counted (finite numbers). */
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  quantiles: Record<DistributionQuantile, number | null>;
  histogram: { from: number; to: number; count: number }[];
}

/** Hyndman & Fan definition 7 on values already sorted ascending (none empty). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new CpError('VALIDATION', 'quantile of no values', { field: 'values' });
  if (!(p >= 0 && p <= 1)) throw new CpError('VALIDATION', `p: ${p} is not within [0, 1]`, { field: 'p' });
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  const t = h - lo;
  const d = b - a;
  // b − a overflows only for values near ±1.8e308: interpolate on halves then (same Q(p), no Infinity).
  if (Number.isFinite(d)) return a + t * d;
  const half = t * (b / 2 - a / 2);
  return a + half + half;
}

/** The distribution of `values` (any order; every value must be a finite number). */
export function distributionOf(values: readonly number[], bins = 10): Distribution {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new CpError('VALIDATION', `bins: ${bins} is not a positive integer`, { field: 'bins' });
  }
  for (const v of values) {
    if (!Number.isFinite(v))
      throw new CpError('VALIDATION', `values: ${v} is not a finite number`, { field: 'values' });
  }
  const n = values.length;
  if (n === 0) {
    return {
      count: 0,
      min: null,
      max: null,
      mean: null,
      quantiles: { p10: null, p25: null, p50: null, p75: null, p90: null },
      histogram: [],
    };
  }
  const sorted = [...values].sort((a, b) => a - b);
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  let sum = 0;
  for (const v of sorted) sum += v;
  // Σx overflows only for values near ±1.8e308: the mean is then Σ(x / n), which cannot.
  let mean = sum / n;
  if (!Number.isFinite(mean)) {
    mean = 0;
    for (const v of sorted) mean += v / n;
  }
  const quantiles = {} as Record<DistributionQuantile, number>;
  for (const [k, p] of Object.entries(DISTRIBUTION_QUANTILES)) {
    quantiles[k as DistributionQuantile] = quantileSorted(sorted, p);
  }
  let histogram: Distribution['histogram'];
  if (min === max) {
    histogram = [{ from: min, to: max, count: n }];
  } else {
    // The span is computed halved when max − min overflows (values near ±1.8e308), and the bin of x is found from
    // the fraction (x − min) / span rather than through the width: w = span / bins underflows to 0 for a span of a
    // few subnormals (e.g. [0, 5e-324]), which made (x − min) / w NaN and lost the value.
    const halved = !Number.isFinite(max - min);
    const span = halved ? max / 2 - min / 2 : max - min;
    const offset = (v: number) => (halved ? v / 2 - min / 2 : v - min);
    const edge = (i: number) => {
      // Divide first for a large span (span · i could overflow), multiply first for a small one (span / bins
      // could underflow).
      const step = span >= 1 ? (span / bins) * i : (span * i) / bins;
      return Math.min(max, halved ? min + step + step : min + step);
    };
    histogram = Array.from({ length: bins }, (_, i) => ({
      from: edge(i),
      to: i === bins - 1 ? max : edge(i + 1),
      count: 0,
    }));
    for (const v of sorted) {
      const i = Math.min(Math.floor((offset(v) / span) * bins), bins - 1);
      (histogram[i] as { count: number }).count++;
    }
  }
  return { count: n, min, max, mean, quantiles, histogram };
}
