/**
 * Discounted cash-flow arithmetic for the feasibility analysis (facts §5.1): NPV, exact IRR, the manual's
 * trial interpolation, and the static payback of a cash-flow series.
 *
 * A series is `flows[0..n]` in 万元: flows[0] is the year-0 flow (−I), flows[j] the net cash flow of year j.
 */

/** NPV(r) = Σ_{j=0..n} flows[j] / (1+r)^j (facts §5.1, with flows[0] = −I), by Horner's rule in x = 1/(1+r). */
export function npvAt(flows: readonly number[], rate: number): number {
  const x = 1 / (1 + rate);
  let p = 0;
  for (let j = flows.length - 1; j >= 0; j--) p = p * x + (flows[j] ?? 0);
  return p;
}

/** dNPV/dr = Σ −j · flows[j] / (1+r)^(j+1). */
function npvDerivativeAt(flows: readonly number[], rate: number): number {
  const x = 1 / (1 + rate);
  let d = 0;
  let xp = x; // x^(j+1)
  for (let j = 1; j < flows.length; j++) {
    xp *= x;
    d -= j * (flows[j] ?? 0) * xp;
  }
  return d;
}

/** Number of sign changes in the series, zeros skipped (Descartes: an upper bound on the number of IRRs). */
export function signChanges(flows: readonly number[]): number {
  let last = 0;
  let changes = 0;
  for (const f of flows) {
    const s = Math.sign(f);
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

/** Search grid for brackets: close to −100%, every 0.5 point from −95% to 100%, then ×1.1 up to 10^6. */
function searchGrid(): number[] {
  const grid = [-0.999999, -0.99999, -0.9999, -0.999, -0.99, -0.98, -0.97, -0.96];
  for (let k = -190; k <= 200; k++) grid.push(k / 200);
  for (let r = 1.1; r < 1e6; r *= 1.1) grid.push(r);
  grid.push(1e6);
  return grid;
}
const GRID = searchGrid();

/** Bracket width at which a root is accepted (brief: exact to 1e-10; we go two orders further). */
export const IRR_TOLERANCE = 1e-12;

/**
 * Safeguarded Newton inside a sign-change bracket [a, b]: Newton steps while they stay inside the bracket,
 * bisection otherwise. Returns once the bracket is narrower than `IRR_TOLERANCE`, or once a Newton step is
 * shorter than it and a sign change across [x − tol, x + tol] confirms the root.
 */
function refineRoot(flows: readonly number[], a0: number, b0: number): number {
  // The tolerance is relative to the discount factor 1 + r: near r = −100 % (a tiny cash flow against a large
  // investment) an absolute 1e-12 on r is a large relative error on 1 + r, and so on NPV. Floor: a few ulps of r.
  const tolAt = (r: number) => Math.max(IRR_TOLERANCE * Math.min(1, 1 + r), 4 * Number.EPSILON * Math.abs(r));
  let a = a0;
  let b = b0;
  let fa = npvAt(flows, a);
  let x = (a + b) / 2;
  for (let k = 0; k < 400; k++) {
    const fx = npvAt(flows, x);
    if (fx === 0) return x;
    if (Math.sign(fx) === Math.sign(fa)) {
      a = x;
      fa = fx;
    } else {
      b = x;
    }
    if (b - a <= tolAt(a)) break;
    const d = npvDerivativeAt(flows, x);
    const newton = d === 0 ? Number.NaN : x - fx / d;
    if (newton > a && newton < b) {
      const tol = tolAt(newton);
      if (Math.abs(newton - x) < tol) {
        const lo = npvAt(flows, Math.max(a, newton - tol));
        const hi = npvAt(flows, Math.min(b, newton + tol));
        if (lo === 0 || hi === 0 || Math.sign(lo) !== Math.sign(hi)) return newton;
      }
      x = newton;
    } else {
      x = (a + b) / 2;
    }
  }
  const mid = (a + b) / 2;
  return Math.abs(npvAt(flows, x)) < Math.abs(npvAt(flows, mid)) ? x : mid;
}

export type IrrSolution =
  | { status: 'unique'; rate: number; note?: string }
  | { status: 'none'; reason: string }
  | { status: 'multiple'; rates: number[]; reason: string };

/**
 * The exact internal rate of return: the rate(s) r > −1 with NPV(r) = 0 (facts §5.1 defines IRR as the rate at
 * which NPV = 0). Brackets every sign change of NPV on a grid over (−100%, 10^8 %], refines each to
 * `IRR_TOLERANCE`. Never throws: "no IRR" and "several IRRs" are answers with a reason.
 */
export function solveIrr(flows: readonly number[]): IrrSolution {
  const changes = signChanges(flows);
  if (changes === 0) {
    const anyPositive = flows.some((f) => f > 0);
    return {
      status: 'none',
      reason: anyPositive
        ? '现金流无负值（无投资支出），内部收益率无定义'
        : '无正现金流：投资无法回收，内部收益率不存在',
    };
  }
  const roots: number[] = [];
  let prevR = GRID[0] ?? -0.999999;
  let prevV = npvAt(flows, prevR);
  if (prevV === 0) roots.push(prevR);
  for (let k = 1; k < GRID.length; k++) {
    const r = GRID[k] ?? prevR;
    const v = npvAt(flows, r);
    if (v === 0) roots.push(r);
    else if (prevV !== 0 && Math.sign(v) !== Math.sign(prevV)) roots.push(refineRoot(flows, prevR, r));
    prevR = r;
    prevV = v;
  }
  if (roots.length === 0) {
    return {
      status: 'none',
      reason:
        changes === 1
          ? '内部收益率超出可求解范围（−99.9999% 至 10^8 %）'
          : '现金流多次变号，在 −99.9999% 至 10^8 % 范围内净现值不为零，内部收益率不存在',
    };
  }
  if (roots.length > 1) {
    return {
      status: 'multiple',
      rates: roots,
      reason: `现金流多次变号，存在${roots.length}个内部收益率，内部收益率判据不适用，以净现值判断`,
    };
  }
  const rate = roots[0] ?? Number.NaN;
  return changes === 1
    ? { status: 'unique', rate }
    : {
        status: 'unique',
        rate,
        note: '非常规现金流（多次变号），在搜索范围内只找到一个内部收益率',
      };
}

export interface Interpolation {
  i1: number;
  i2: number;
  npv1: number;
  npv2: number;
  value: number;
}

/**
 * The manual's trial interpolation (facts §5.1): IRR ≈ i1 + NPV1·(i2 − i1)/(NPV1 + |NPV2|), with NPV1 > 0 at i1
 * and NPV2 < 0 at i2. i1 and i2 are the multiples of `step` just below and above the exact IRR. Written as
 * NPV1 − NPV2 in the denominator so that it also holds when the signs are the other way round.
 */
export function manualInterpolation(flows: readonly number[], irr: number, step: number): Interpolation {
  const k = Math.floor(irr / step);
  const i1 = k * step;
  const i2 = (k + 1) * step;
  const npv1 = npvAt(flows, i1);
  const npv2 = npvAt(flows, i2);
  const value = npv1 === npv2 ? i1 : i1 + (npv1 * (i2 - i1)) / (npv1 - npv2);
  return { i1, i2, npv1, npv2, value };
}

/**
 * Static payback of a series (静态投资回收期): the first year k whose cumulative flow reaches 0, interpolated
 * within the year: (k − 1) + (−S_{k−1}) / flows[k]. `null` when the investment is never recovered.
 */
export function seriesPayback(flows: readonly number[]): number | null {
  let cumulative = flows[0] ?? 0;
  if (cumulative >= 0) return 0;
  for (let k = 1; k < flows.length; k++) {
    const f = flows[k] ?? 0;
    const next = cumulative + f;
    if (next >= 0 && f > 0) return k - 1 + -cumulative / f;
    cumulative = next;
  }
  return null;
}
