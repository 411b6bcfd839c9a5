/**
 * Traceability: every figure cpaudit computes carries the inputs, factors and clause that produced it.
 * A `Breakdown` is plain JSON so it can be stored with an audit, returned by the API, printed by the CLI
 * and written into a report's annex.
 */

/** How well a reference value is evidenced (see shared domain facts: grading of evidence). */
export type SourceStatus =
  /** The seed documents themselves (the Jiangsu guideline, the Guangdong form): authoritative here. */
  | 'seed'
  /** An official or re-posted page shows the value. */
  | 'verified-page'
  /** A code value that agrees with an independent page. */
  | 'verified-cross-checked'
  /** Seen only in public source code, not on an official page. */
  | 'code-only'
  /** Recollection or arithmetic without a public source: check before relying on it. */
  | 'unverified'
  /** Entered by a user of the platform (their own measurement or a document they cite). */
  | 'user';

export interface Source {
  /** The document, e.g. `GB/T 2589-2008 表A.1` or `广东省强制性清洁生产审核绩效表 注13`. */
  document: string;
  /** Clause, table or footnote within the document. */
  clause?: string;
  url?: string;
  status: SourceStatus;
  note?: string;
}

/** A reference value used in a calculation: what it is, its value and unit, where it comes from. */
export interface FactorRef {
  /** Stable id within its table, e.g. `gbt2589.crude-oil` or `grid.mee-nbs.national-average.2023`. */
  id: string;
  name: string;
  value: number;
  unit: string;
  source: Source;
}

export interface InputRef {
  name: string;
  value: number | string | boolean | null;
  unit?: string;
}

/** How a result was produced. Nested `steps` explain the parts of a composite result. */
export interface Breakdown {
  /** What was computed, in words (Chinese term first where there is one). */
  label: string;
  /** The formula in readable form, e.g. `E_CO2 = Q_elec × EF_grid`. */
  formula?: string;
  /** The clause implemented. */
  clause?: Source;
  inputs: InputRef[];
  factors: FactorRef[];
  result: number | string | boolean | null;
  unit?: string;
  steps?: Breakdown[];
  notes?: string[];
}

/** A value together with its explanation. */
export interface Traced<T> {
  value: T;
  breakdown: Breakdown;
}

function asScalar(v: unknown): Breakdown['result'] {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null ? v : null;
}

export function traced<T>(
  value: T,
  breakdown: Omit<Breakdown, 'result'> & { result?: Breakdown['result'] },
): Traced<T> {
  const result = breakdown.result !== undefined ? breakdown.result : asScalar(value);
  return { value, breakdown: { ...breakdown, result } };
}
