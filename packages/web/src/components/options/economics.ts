/**
 * Pure helpers of the economics form (no React): the core's economics input from the form's values (percentages
 * to fractions, empty fields left to the core's defaults) and the figures read back from the core's result.
 * Nothing is computed here: the core computes, this only maps fields.
 */
export interface EconomicsForm {
  investmentBasis: 'planned' | 'actual';
  annualNetSavings_wanYuan?: number | null;
  depreciationYears_a?: number | null;
  incomeTax_percent?: number | null;
  discount_percent?: number | null;
  projectLife_a?: number | null;
  salvageValue_wanYuan?: number | null;
  costClass?: 'medium' | 'higher' | 'high' | null;
  benchmark_percent?: number | null;
}

/** The figures of the core's `OptionEconomics` this view shows, read defensively from JSON. */
export interface EconomicsFigures {
  payback_a: number | null;
  paybackNote: string;
  npv_wanYuan: number | null;
  npvr: number | null;
  irr: number | null;
  irrReason: string | null;
  feasible: boolean | null;
  reasons: string[];
}

export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

export function readEconomics(result: unknown): EconomicsFigures {
  const r = obj(result);
  const payback = obj(r.payback);
  const irr = obj(r.irr);
  const decision = obj(r.decision);
  return {
    payback_a: num(payback.years_a),
    paybackNote: typeof payback.note === 'string' ? payback.note : '',
    npv_wanYuan: num(r.npv_wanYuan),
    npvr: num(obj(r.npvr).value_fraction),
    irr: num(irr.value_fraction),
    irrReason: typeof irr.reason === 'string' ? irr.reason : null,
    feasible: typeof decision.feasible === 'boolean' ? decision.feasible : null,
    reasons: Array.isArray(decision.reasons) ? decision.reasons.filter((x) => typeof x === 'string') : [],
  };
}

export const pct = (f: number | null | undefined) =>
  f === null || f === undefined ? undefined : Math.round(f * 1e6) / 1e4;
export const frac = (p: number | null | undefined) => (p === null || p === undefined ? undefined : p / 100);

/** The core's input from the form (fractions from percentages; empty fields left out so the core's defaults apply). */
export function toInput(v: EconomicsForm): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const put = (k: string, x: unknown) => {
    if (x !== null && x !== undefined) input[k] = x;
  };
  put('annualNetSavings_wanYuan', v.annualNetSavings_wanYuan);
  put('depreciationYears_a', v.depreciationYears_a);
  put('incomeTaxRate_fraction', frac(v.incomeTax_percent));
  put('discountRate_fraction', frac(v.discount_percent));
  put('projectLife_a', v.projectLife_a);
  put('salvageValue_wanYuan', v.salvageValue_wanYuan);
  put('costClass', v.costClass);
  put('benchmarkRate_fraction', frac(v.benchmark_percent));
  return input;
}
