import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { distributionOf, quantileSorted } from './distribution.ts';

describe('distributionOf', () => {
  it('matches a distribution computed by hand (Hyndman & Fan 7, as numpy.percentile gives 14/20/30/40/46)', () => {
    const d = distributionOf([30, 20, 10, 40, 50]);
    expect(d).toMatchObject({ count: 5, min: 10, max: 50, mean: 30 });
    // h = 4p: p10 → 10 + 0.4·10; p90 → 40 + 0.6·10.
    expect(d.quantiles.p10).toBeCloseTo(14, 12);
    expect(d.quantiles.p25).toBe(20);
    expect(d.quantiles.p50).toBe(30);
    expect(d.quantiles.p75).toBe(40);
    expect(d.quantiles.p90).toBeCloseTo(46, 12);
    // w = 4: 10 → bin 0, 20 → ⌊10/4⌋ = 2, 30 → 5, 40 → 7, 50 (the maximum) → the last bin.
    expect(d.histogram.map((b) => b.count)).toEqual([1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
    expect(d.histogram[0]).toEqual({ from: 10, to: 14, count: 1 });
    expect(d.histogram[9]).toEqual({ from: 46, to: 50, count: 1 });
  });

  it('one value, equal values, none', () => {
    expect(distributionOf([7])).toMatchObject({
      count: 1,
      min: 7,
      max: 7,
      mean: 7,
      quantiles: { p10: 7, p50: 7, p90: 7 },
      histogram: [{ from: 7, to: 7, count: 1 }],
    });
    expect(distributionOf([3, 3, 3]).histogram).toEqual([{ from: 3, to: 3, count: 3 }]);
    expect(distributionOf([])).toMatchObject({ count: 0, min: null, mean: null, histogram: [] });
  });

  it('refuses what is not a finite number, bad bins and p outside [0, 1]', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof CpError ? [e.code, e.field] : e;
      }
      return 'no error';
    };
    expect(err(() => distributionOf([1, Number.NaN]))).toEqual(['VALIDATION', 'values']);
    expect(err(() => distributionOf([1], 0))).toEqual(['VALIDATION', 'bins']);
    expect(err(() => quantileSorted([1, 2], 1.5))).toEqual(['VALIDATION', 'p']);
  });

  it('counts every value when the span is a few subnormals or overflows (found by the property below in CI)', () => {
    const tiny = distributionOf([5e-324, 0]);
    expect(tiny.histogram.reduce((s, b) => s + b.count, 0)).toBe(2);
    expect(tiny.histogram[0]?.count).toBe(1);
    expect(tiny.histogram[9]).toEqual({ from: 5e-324, to: 5e-324, count: 1 });
    const huge = distributionOf([-1.7e308, 0, 1.7e308], 2);
    expect(huge.histogram).toEqual([
      { from: -1.7e308, to: 0, count: 1 },
      { from: 0, to: 1.7e308, count: 2 },
    ]);
    expect(huge.mean).toBeCloseTo(0, 0);
    // b − a overflows here; p90 was Infinity before the interpolation on halves.
    const wide = distributionOf([-2e307, 1.7976931348623121e308]);
    expect(wide.quantiles.p90).toBeCloseTo(0.1 * -2e307 + 0.9 * 1.7976931348623121e308, -300);
    expect(wide.histogram.every((b) => Number.isFinite(b.from) && Number.isFinite(b.to))).toBe(true);
  });

  it('quantiles are ordered within [min, max]; the bins hold every value once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 200 }),
        (xs) => {
          const d = distributionOf(xs);
          const q = d.quantiles;
          const chain = [d.min, q.p10, q.p25, q.p50, q.p75, q.p90, d.max] as number[];
          expect(d.mean).toBeGreaterThanOrEqual(d.min as number);
          expect(d.mean).toBeLessThanOrEqual(d.max as number);
          for (let i = 1; i < d.histogram.length; i++)
            expect(d.histogram[i]?.from).toBeGreaterThanOrEqual(d.histogram[i - 1]?.from as number);
          for (let i = 1; i < chain.length; i++)
            expect(chain[i]).toBeGreaterThanOrEqual(chain[i - 1] as number);
          expect(d.histogram.reduce((s, b) => s + b.count, 0)).toBe(xs.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
