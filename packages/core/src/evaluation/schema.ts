/**
 * The JSON import format of an industry 清洁生产评价指标体系 (indicator system), and its types.
 *
 * A system is data: first-level groups (一级指标, weight w_i) of second-level indicators (二级指标, weight ω_ij),
 * each with level benchmarks Ⅰ/Ⅱ/Ⅲ. The method is the 2013 《清洁生产评价指标体系编制通则》（试行稿） composite
 * index (formulas 5-1/5-2/5-3, see `method.ts`). The schema checks what the method needs to be meaningful:
 * - Σ w_i = 1 (±1e-6);
 * - within each group, Σ ω_ij = 1 (±1e-6) once shared weights are resolved: indicators with
 *   `{ shared: s, splitAmongApplicable: true }` form a pool worth s in total, split equally among the pool's applicable
 *   indicators (the 电镀 2015 metals carry 0.8/n, n = number of plating metals in use);
 * - benchmarks ordered with the direction: for 'le' (smaller is better) Ⅰ ≤ Ⅱ ≤ Ⅲ, for 'ge' Ⅰ ≥ Ⅱ ≥ Ⅲ. Equal
 *   benchmarks on adjacent levels are accepted (published tables repeat a value across levels); a reversed order is not.
 */
import { z } from 'zod';

export const EVAL_LEVELS = ['I', 'II', 'III'] as const;
export type EvalLevel = (typeof EVAL_LEVELS)[number];

/** Roman numerals as printed in the indicator tables. */
export const EVAL_LEVEL_ROMAN: Readonly<Record<EvalLevel, string>> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ' };

/** Tolerance of the weight sums (Σ w_i = 1, Σ ω_ij = 1). */
export const INDICATOR_WEIGHT_SUM_TOLERANCE = 1e-6;

const levelSchema = z.enum(EVAL_LEVELS);

const sourceStatusSchema = z.enum([
  'seed',
  'verified-page',
  'verified-cross-checked',
  'code-only',
  'unverified',
  'user',
]);

const sourceSchema = z.object({
  document: z.string().min(1),
  clause: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  status: sourceStatusSchema,
  note: z.string().optional(),
});

const sharedWeightSchema = z.object({
  /** Total weight of the pool, split equally among its applicable indicators. */
  shared: z.number().gt(0).lte(1),
  splitAmongApplicable: z.literal(true),
  /** Pool name; indicators with the same pool (default: the same `shared` value) split one weight. */
  pool: z.string().min(1).optional(),
});

const weightSchema = z.union([z.number().gt(0).lte(1), sharedWeightSchema]);

const indicatorCommon = {
  id: z.string().min(1),
  name: z.string().min(1),
  weight: weightSchema,
  /** 限定性指标 (marked * in the tables). */
  limiting: z.boolean(),
  /** Verification status of this row (see the shared grading of evidence). */
  status: sourceStatusSchema,
  note: z.string().optional(),
};

const quantitativeIndicatorSchema = z.object({
  ...indicatorCommon,
  kind: z.literal('quantitative'),
  /** Unit the benchmarks and the enterprise value are expressed in (e.g. `L/m2`, `%`). */
  unit: z.string().min(1),
  /** 'le': value ≤ benchmark meets the level (consumption, generation); 'ge': value ≥ benchmark (rates). */
  direction: z.enum(['le', 'ge']),
  benchmarks: z.object({
    I: z.number().finite().optional(),
    II: z.number().finite().optional(),
    III: z.number().finite().optional(),
  }),
});

const qualitativeIndicatorSchema = z.object({
  ...indicatorCommon,
  kind: z.literal('qualitative'),
  unit: z.string().optional(),
  direction: z.enum(['le', 'ge']).optional(),
  /** Requirement text per level; the auditor states which levels' requirements are met. */
  benchmarks: z.object({
    I: z.string().min(1).optional(),
    II: z.string().min(1).optional(),
    III: z.string().min(1).optional(),
  }),
});

const indicatorSchema = z.discriminatedUnion('kind', [
  quantitativeIndicatorSchema,
  qualitativeIndicatorSchema,
]);

const groupSchema = z.object({
  id: z.string().min(1),
  /** 一级指标 name. */
  name: z.string().min(1),
  /** w_i. */
  weight: z.number().gt(0).lte(1),
  indicators: z.array(indicatorSchema).min(1),
});

/** GB/T 4754-2017: a section letter, or a 2-, 3- or 4-digit division/group/class code. */
const industryCodeSchema = z.string().regex(/^(?:[A-T]|\d{2}|\d{3}|\d{4})$/, 'GB/T 4754-2017 code expected');

type GroupJson = z.output<typeof groupSchema>;

/** The pool key of a shared weight: its `pool` name, else its total. */
export function sharedPoolKey(w: { shared: number; pool?: string | undefined }): string {
  return w.pool ?? `shared:${w.shared}`;
}

function checkGroupWeights(group: GroupJson, gi: number, ctx: z.RefinementCtx): void {
  let fixed = 0;
  const pools = new Map<string, number>();
  group.indicators.forEach((ind, ii) => {
    if (typeof ind.weight === 'number') {
      fixed += ind.weight;
      return;
    }
    const key = sharedPoolKey(ind.weight);
    const seen = pools.get(key);
    if (seen !== undefined && seen !== ind.weight.shared) {
      ctx.addIssue({
        code: 'custom',
        path: ['groups', gi, 'indicators', ii, 'weight', 'shared'],
        message: `shared weight pool "${key}" has two totals (${seen} and ${ind.weight.shared})`,
      });
    }
    pools.set(key, ind.weight.shared);
  });
  let total = fixed;
  for (const s of pools.values()) total += s;
  if (Math.abs(total - 1) > INDICATOR_WEIGHT_SUM_TOLERANCE) {
    ctx.addIssue({
      code: 'custom',
      path: ['groups', gi, 'indicators'],
      message: `second-level weights of group "${group.id}" sum to ${Number(total.toPrecision(12))}, expected 1 (shared pools counted once)`,
    });
  }
}

function checkBenchmarks(group: GroupJson, gi: number, ctx: z.RefinementCtx): void {
  group.indicators.forEach((ind, ii) => {
    const path = ['groups', gi, 'indicators', ii, 'benchmarks'];
    const present = EVAL_LEVELS.filter((l) => ind.benchmarks[l] !== undefined);
    if (present.length === 0) {
      ctx.addIssue({ code: 'custom', path, message: `indicator "${ind.id}" has no benchmark for any level` });
      return;
    }
    if (ind.kind !== 'quantitative') return;
    // Ⅰ is the strictest level: 'le' needs b_I ≤ b_II ≤ b_III, 'ge' needs b_I ≥ b_II ≥ b_III.
    for (let k = 1; k < present.length; k++) {
      const stricter = present[k - 1];
      const looser = present[k];
      if (stricter === undefined || looser === undefined) continue;
      const a = ind.benchmarks[stricter];
      const b = ind.benchmarks[looser];
      if (a === undefined || b === undefined) continue;
      const ok = ind.direction === 'le' ? a <= b : a >= b;
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, looser],
          message: `indicator "${ind.id}" (${ind.direction === 'le' ? '≤' : '≥'}): level ${stricter} benchmark ${a} must be at least as strict as level ${looser} benchmark ${b}`,
        });
      }
    }
  });
}

export const indicatorSystemSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** GB/T 4754-2017 codes the system applies to. */
    industry: z.array(industryCodeSchema).min(1),
    year: z.number().int().min(1990).max(2100),
    version: z.string().optional(),
    issuer: z.string().min(1),
    source: sourceSchema,
    method: z.literal('ygk-2013'),
    /** Level names printed by this system (some say 基本水平 for Ⅲ); defaults in `method.ts`. */
    levelNames: z.object({ I: z.string().min(1), II: z.string().min(1), III: z.string().min(1) }).optional(),
    groups: z.array(groupSchema).min(1),
  })
  .superRefine((sys, ctx) => {
    const groupIds = new Set<string>();
    const indicatorIds = new Set<string>();
    let w = 0;
    sys.groups.forEach((g, gi) => {
      if (groupIds.has(g.id)) {
        ctx.addIssue({ code: 'custom', path: ['groups', gi, 'id'], message: `duplicate group id "${g.id}"` });
      }
      groupIds.add(g.id);
      g.indicators.forEach((ind, ii) => {
        if (indicatorIds.has(ind.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['groups', gi, 'indicators', ii, 'id'],
            message: `duplicate indicator id "${ind.id}"`,
          });
        }
        indicatorIds.add(ind.id);
      });
      w += g.weight;
      checkGroupWeights(g, gi, ctx);
      checkBenchmarks(g, gi, ctx);
    });
    if (Math.abs(w - 1) > INDICATOR_WEIGHT_SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['groups'],
        message: `first-level weights sum to ${Number(w.toPrecision(12))}, expected 1`,
      });
    }
  });

export type IndicatorSystem = z.output<typeof indicatorSystemSchema>;
export type IndicatorGroup = IndicatorSystem['groups'][number];
export type SystemIndicator = IndicatorGroup['indicators'][number];
export type IndicatorWeight = SystemIndicator['weight'];
export type SharedWeight = Exclude<IndicatorWeight, number>;
export type QuantitativeIndicator = Extract<SystemIndicator, { kind: 'quantitative' }>;
export type QualitativeIndicator = Extract<SystemIndicator, { kind: 'qualitative' }>;

/** What the auditor reports for one indicator: a number (quantitative, in the indicator's unit), the levels whose
 * requirements are met (qualitative), or 'not-applicable' (formula 5-3 renormalises the remaining weights). */
export const indicatorValueSchema = z.union([
  z.number().finite(),
  z.object({ meets: z.array(levelSchema) }),
  z.literal('not-applicable'),
]);
export type IndicatorValue = z.output<typeof indicatorValueSchema>;

export const indicatorValuesSchema = z.record(z.string().min(1), indicatorValueSchema);
export type IndicatorValues = z.output<typeof indicatorValuesSchema>;
