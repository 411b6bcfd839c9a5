/**
 * Evaluation of one enterprise against an industry 清洁生产评价指标体系 (guideline 7.2.1.3 a: 对照行业清洁生产评价
 * 指标体系 … 系统评估 … 清洁生产水平), by the 2013 通则 composite index (shared facts §4.1):
 *
 * - 5-1 membership: Y_gk(x_ij) = 100 if x_ij belongs to level g_k, else 0. Levels are nested: an indicator at Ⅰ also
 *   counts for Ⅱ and Ⅲ. Quantitative 'le' indicators belong to g_k when x ≤ benchmark_k, 'ge' when x ≥ benchmark_k;
 *   qualitative ones when the auditor states that level's requirement is met.
 * - 5-2 composite index: Y_gk = Σ_i w_i · Σ_j ω_ij · Y_gk(x_ij).
 * - 5-3 renormalisation: indicators that do not apply drop out and ω'_ij = ω_ij / Σ(applicable ω_ij) within the group.
 *   Shared weights (`0.8/n`) are split equally among the applicable members of their pool first. When a whole group
 *   does not apply, the same renormalisation is applied one level up: w'_i = w_i / Σ(applicable w_i). (The 通则 only
 *   states 5-3 for second-level weights; extending it to first-level weights is this project's choice, reported in
 *   the findings and the breakdown notes.)
 * - An applicable indicator without a value scores 0 for every level (never silently dropped) and a finding says so.
 * - Rating: Ⅰ if Y_Ⅰ ≥ 85 and every applicable 限定性指标 at Ⅰ; Ⅱ if Y_Ⅱ ≥ 85 and every applicable 限定性指标 at Ⅱ
 *   or better; Ⅲ if Y_Ⅲ = 100; otherwise not rated. Comparisons allow a floating tolerance of 1e-9.
 *
 * Linear in the number of indicators per call; the per-system preparation (validation, weight pools, benchmark
 * factor list) is done once and cached per system object.
 */
import { z } from 'zod';
import { CpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import type { FactorRef, InputRef, SourceStatus, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import {
  DEFAULT_LEVEL_NAMES,
  NOT_RATED_NAME,
  SRC_YGK_2013,
  YGK_MEMBERSHIP_SCORE,
  YGK_THRESHOLD_I,
  YGK_THRESHOLD_II,
  YGK_THRESHOLD_III,
  YGK_TOLERANCE,
} from './method.ts';
import { findIndicatorSystem } from './registry.ts';
import {
  EVAL_LEVEL_ROMAN,
  EVAL_LEVELS,
  type EvalLevel,
  type IndicatorGroup,
  type IndicatorSystem,
  type IndicatorValue,
  type IndicatorValues,
  indicatorSystemSchema,
  indicatorValuesSchema,
  type SystemIndicator,
  sharedPoolKey,
} from './schema.ts';

export type EvalGrade = EvalLevel | 'not-rated';

/** Per-level figures Ⅰ/Ⅱ/Ⅲ. */
export interface PerEvalLevel {
  I: number;
  II: number;
  III: number;
}

export interface IndicatorGap {
  /** The next better level with a benchmark. */
  toLevel: EvalLevel;
  /** Its benchmark (number, quantitative) or requirement text (qualitative). */
  required: number | string;
  /** How far the value is from it, in the indicator's unit (quantitative only). */
  difference: number | null;
  /** The difference as % of the enterprise's value (null when the value is 0 or qualitative). */
  differencePct: number | null;
  /** e.g. `单位产品每次清洗取水量 30 L/m² → Ⅱ级需 ≤24，差 6 L/m²（20%）`. */
  message: string;
}

export interface IndicatorEvaluation {
  groupId: string;
  indicatorId: string;
  name: string;
  kind: SystemIndicator['kind'];
  unit: string | null;
  limiting: boolean;
  /** Verification status of the indicator row. */
  status: SourceStatus;
  applicable: boolean;
  /** Applicable but no value supplied: scores 0 for every level. */
  missing: boolean;
  /** The value evaluated: a number, the levels stated as met, or null (not applicable or missing). */
  value: number | EvalLevel[] | null;
  /** Best level reached (nested), or null when below Ⅲ, missing or not applicable. */
  level: EvalLevel | null;
  /** ω'_ij after shared splits and renormalisation within the group (0 when not applicable). */
  weight: number;
  /** w'_i of its group after renormalisation among applicable groups. */
  groupWeight: number;
  /** w'_i · ω'_ij · Y_gk(x_ij): this indicator's share of Y_Ⅰ, Y_Ⅱ, Y_Ⅲ. */
  contribution: PerEvalLevel;
  /** The way to the next level; null at Ⅰ, when missing or not applicable. */
  gap: IndicatorGap | null;
}

export interface GroupEvaluation {
  groupId: string;
  name: string;
  /** w_i as published. */
  weight: number;
  /** w'_i used (0 when no indicator of the group applies). */
  effectiveWeight: number;
  applicable: boolean;
  /** This group's share of Y_Ⅰ, Y_Ⅱ, Y_Ⅲ. */
  contribution: PerEvalLevel;
}

export interface LimitingBlock {
  /** The grade that was not reached. */
  level: EvalLevel;
  /** True when Y for that level reached the threshold, i.e. the 限定性指标 alone blocked the grade. */
  scoreMet: boolean;
  indicators: { indicatorId: string; name: string; level: EvalLevel | null }[];
}

export interface EvaluationFinding {
  severity: 'warning' | 'info';
  code: 'missing-value' | 'group-not-applicable' | 'unverified-reference';
  indicatorId?: string;
  groupId?: string;
  message: string;
}

export interface EnterpriseEvaluation {
  systemId: string;
  systemName: string;
  systemStatus: SourceStatus;
  /** Y_Ⅰ, Y_Ⅱ, Y_Ⅲ (0–100). */
  Y: PerEvalLevel;
  grade: EvalGrade;
  /** e.g. `Ⅱ级 国内清洁生产先进水平`. */
  gradeName: string;
  indicators: IndicatorEvaluation[];
  groups: GroupEvaluation[];
  /** 限定性指标 below a grade better than the one reached. */
  limitingBlocks: LimitingBlock[];
  findings: EvaluationFinding[];
}

// ---------------------------------------------------------------------------------------------------------------
// Per-system preparation (cached)

interface CompiledIndicator {
  ind: SystemIndicator;
  group: IndicatorGroup;
  /** Fixed ω_ij, or -1 when the weight is shared. */
  fixed: number;
  /** Index of its shared pool within the group, or -1. */
  pool: number;
  /** Unit as printed in gap messages (`L/m²`). */
  unitDisplay: string;
}

interface CompiledGroup {
  group: IndicatorGroup;
  indicators: CompiledIndicator[];
  /** Total weight of each shared pool. */
  poolShares: number[];
}

interface CompiledSystem {
  system: IndicatorSystem;
  groups: CompiledGroup[];
  byId: Map<string, CompiledIndicator>;
  count: number;
  factors: FactorRef[];
}

const compiled = new WeakMap<IndicatorSystem, CompiledSystem>();

const RANK_NONE = 3;

/** Local aliases: module namespace getters are measurably slower in the per-indicator loop. */
const LEVELS: readonly EvalLevel[] = EVAL_LEVELS;
const ROMAN: Readonly<Record<EvalLevel, string>> = EVAL_LEVEL_ROMAN;

function opOf(direction: 'le' | 'ge' | undefined): string {
  return direction === 'ge' ? '≥' : '≤';
}

function compile(system: IndicatorSystem): CompiledSystem {
  const hit = compiled.get(system);
  if (hit) return hit;
  // Validate once: weight sums, benchmark order, unique ids (throws CpError VALIDATION naming the field).
  parseInput(indicatorSystemSchema, system, 'indicator system');
  const byId = new Map<string, CompiledIndicator>();
  const factors: FactorRef[] = [YGK_MEMBERSHIP_SCORE, YGK_THRESHOLD_I, YGK_THRESHOLD_II, YGK_THRESHOLD_III];
  const groups = system.groups.map((group): CompiledGroup => {
    const poolIndex = new Map<string, number>();
    const poolShares: number[] = [];
    const indicators = group.indicators.map((ind): CompiledIndicator => {
      let fixed = -1;
      let pool = -1;
      if (typeof ind.weight === 'number') {
        fixed = ind.weight;
      } else {
        const key = sharedPoolKey(ind.weight);
        const known = poolIndex.get(key);
        if (known === undefined) {
          pool = poolShares.length;
          poolIndex.set(key, pool);
          poolShares.push(ind.weight.shared);
        } else {
          pool = known;
        }
      }
      if (ind.kind === 'quantitative') {
        for (const level of LEVELS) {
          const b = ind.benchmarks[level];
          if (b === undefined) continue;
          factors.push({
            id: `${system.id}.${ind.id}.${level}`,
            name: `${ind.name} ${ROMAN[level]}级基准值（${opOf(ind.direction)}）`,
            value: b,
            unit: ind.unit,
            source: {
              ...system.source,
              clause: `${system.source.clause ?? ''} ${group.name}/${ind.name}`.trim(),
              status: ind.status,
            },
          });
        }
      }
      const c: CompiledIndicator = { ind, group, fixed, pool, unitDisplay: displayUnit(ind.unit ?? '') };
      byId.set(ind.id, c);
      return c;
    });
    return { group, indicators, poolShares };
  });
  const result: CompiledSystem = { system, groups, byId, count: byId.size, factors };
  compiled.set(system, result);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting of gaps

/** A number for a message: float noise removed, at most `digits` decimals. */
function fmt(v: number, digits = 4): string {
  if (Number.isInteger(v)) return String(v);
  const p = 10 ** digits;
  return String(Math.round(v * p) / p);
}

/** `L/m2` → `L/m²`, `m3` → `m³` for display. */
function displayUnit(unit: string): string {
  return unit.replace(/m([23])(?![0-9])/g, (_m, d: string) => (d === '2' ? 'm²' : 'm³'));
}

function quantitativeGap(
  ind: Extract<SystemIndicator, { kind: 'quantitative' }>,
  u: string,
  x: number,
  rank: number,
): IndicatorGap | null {
  // The next better level that has a benchmark: from below Ⅲ the loosest present level, else the next stricter.
  let target: EvalLevel | undefined;
  for (let k = rank - 1; k >= 0; k--) {
    const level = LEVELS[k];
    if (level !== undefined && ind.benchmarks[level] !== undefined) {
      target = level;
      break;
    }
  }
  if (target === undefined) return null;
  const b = ind.benchmarks[target];
  if (b === undefined) return null;
  const difference = ind.direction === 'le' ? x - b : b - x;
  const differencePct = x === 0 ? null : (difference / Math.abs(x)) * 100;
  const percentUnit = ind.unit === '%';
  const valueText = percentUnit ? `${fmt(x)}%` : `${fmt(x)} ${u}`;
  const diffText = percentUnit ? `${fmt(difference)} 个百分点` : `${fmt(difference)} ${u}`;
  const pctText = differencePct === null ? '' : `（${fmt(differencePct, 1)}%）`;
  return {
    toLevel: target,
    required: b,
    difference,
    differencePct,
    message: `${ind.name} ${valueText} → ${ROMAN[target]}级需 ${opOf(ind.direction)}${fmt(b)}，差 ${diffText}${pctText}`,
  };
}

function qualitativeGap(
  ind: Extract<SystemIndicator, { kind: 'qualitative' }>,
  rank: number,
): IndicatorGap | null {
  for (let k = rank - 1; k >= 0; k--) {
    const level = LEVELS[k];
    if (level === undefined) continue;
    const text = ind.benchmarks[level];
    if (text === undefined) continue;
    return {
      toLevel: level,
      required: text,
      difference: null,
      differencePct: null,
      message: `${ind.name} → ${ROMAN[level]}级需满足：${text}`,
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

function valueError(field: string, message: string): CpError {
  return new CpError('VALIDATION', `${field}: ${message}`, { field });
}

/** Best level reached (rank 0 = Ⅰ … 2 = Ⅲ, 3 = none) of an applicable indicator with a value (formula 5-1, nested). */
function rankOf(
  ind: SystemIndicator,
  v: IndicatorValue,
  field: string,
): { rank: number; value: number | EvalLevel[] } {
  if (ind.kind === 'quantitative') {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw valueError(
        field,
        `indicator "${ind.id}" (${ind.name}) is quantitative: a finite number in ${ind.unit} is expected`,
      );
    }
    for (let k = 0; k < LEVELS.length; k++) {
      const level = LEVELS[k];
      const b = level === undefined ? undefined : ind.benchmarks[level];
      if (b === undefined) continue;
      if (ind.direction === 'le' ? v <= b : v >= b) return { rank: k, value: v };
    }
    return { rank: RANK_NONE, value: v };
  }
  if (typeof v !== 'object' || !Array.isArray(v.meets)) {
    throw valueError(
      field,
      `indicator "${ind.id}" (${ind.name}) is qualitative: { meets: [levels met] } is expected`,
    );
  }
  let rank = RANK_NONE;
  const met: EvalLevel[] = [];
  for (const level of v.meets) {
    const k = LEVELS.indexOf(level);
    if (k < 0) throw valueError(field, `unknown level "${String(level)}" (expected I, II or III)`);
    if (ind.benchmarks[level] === undefined) {
      throw valueError(field, `indicator "${ind.id}" has no level ${level} requirement`);
    }
    if (!met.includes(level)) met.push(level);
    if (k < rank) rank = k;
  }
  return { rank, value: met };
}

/** The value given for an indicator id (own properties only: ids like "constructor" must not hit the prototype). */
function valueFor(values: IndicatorValues, id: string): IndicatorValue | undefined {
  return Object.hasOwn(values, id) ? values[id] : undefined;
}

const ZERO: PerEvalLevel = Object.freeze({ I: 0, II: 0, III: 0 });

function atLeast(y: number, threshold: number): boolean {
  return y >= threshold - YGK_TOLERANCE;
}

/** Rounds away binary noise of the weighted sums (reported figures only; the grade uses the tolerance). */
function clean(y: number): number {
  return Math.round(y * 1e9) / 1e9;
}

function gradeName(system: IndicatorSystem, grade: EvalGrade): string {
  if (grade === 'not-rated') return NOT_RATED_NAME;
  const names = system.levelNames ?? DEFAULT_LEVEL_NAMES;
  return `${ROMAN[grade]}级 ${names[grade]}`;
}

function inputValue(v: number | EvalLevel[] | null, applicable: boolean): InputRef['value'] {
  if (!applicable) return 'not-applicable';
  if (v === null || typeof v === 'number') return v;
  return `meets: ${v.join(',')}`;
}

/**
 * Evaluates an enterprise's indicator values against a system (formulas 5-1/5-2/5-3, grade rule in `method.ts`).
 * @param values `{ [indicatorId]: number (indicator's unit) | { meets: levels } | 'not-applicable' }`; an
 *   indicator absent from `values` is applicable and missing.
 * @throws CpError VALIDATION for an invalid system, an unknown indicator id, or a value of the wrong kind;
 *   NOT_COMPUTABLE when no indicator applies.
 */
export function evaluateEnterprise(
  system: IndicatorSystem,
  values: IndicatorValues,
): Traced<EnterpriseEvaluation> {
  const cs = compile(system);
  if (typeof values !== 'object' || values === null) {
    throw new CpError('VALIDATION', 'values must be an object keyed by indicator id', { field: 'values' });
  }
  for (const key of Object.keys(values)) {
    if (!cs.byId.has(key)) {
      throw new CpError('VALIDATION', `values.${key}: unknown indicator "${key}" in system ${system.id}`, {
        field: `values.${key}`,
      });
    }
  }

  // Pass 1: applicable weight per group (5-3), applicable first-level weight.
  const groupApplicableWeight: number[] = new Array(cs.groups.length);
  const poolCounts: number[][] = new Array(cs.groups.length);
  const groupDenominator: number[] = new Array(cs.groups.length);
  let applicableW = 0;
  let allGroupsApply = true;
  for (let gi = 0; gi < cs.groups.length; gi++) {
    const cg = cs.groups[gi];
    if (cg === undefined) continue;
    const counts = new Array<number>(cg.poolShares.length).fill(0);
    let sum = 0;
    let complete = true;
    for (const c of cg.indicators) {
      if (valueFor(values, c.ind.id) === 'not-applicable') {
        if (c.pool < 0) complete = false;
        continue;
      }
      if (c.pool < 0) sum += c.fixed;
      else counts[c.pool] = (counts[c.pool] ?? 0) + 1;
    }
    for (let p = 0; p < counts.length; p++) {
      if ((counts[p] ?? 0) > 0) sum += cg.poolShares[p] ?? 0;
      else complete = false;
    }
    groupApplicableWeight[gi] = sum;
    // 5-3 divides by Σ applicable ω; when nothing dropped out that sum is 1 (up to binary rounding): use 1.
    groupDenominator[gi] = complete ? 1 : sum;
    poolCounts[gi] = counts;
    if (sum > 0) applicableW += cg.group.weight;
    else allGroupsApply = false;
  }
  if (!(applicableW > 0)) {
    throw new CpError('NOT_COMPUTABLE', `no indicator of system ${system.id} applies to the enterprise`, {
      field: 'values',
    });
  }

  // Pass 2: membership, contributions, gaps.
  const indicators: IndicatorEvaluation[] = new Array(cs.count);
  const groups: GroupEvaluation[] = new Array(cs.groups.length);
  const inputs: InputRef[] = new Array(cs.count);
  const findings: EvaluationFinding[] = [];
  const notes: string[] = [];
  const limitingRanks: { c: CompiledIndicator; rank: number }[] = [];
  let yI = 0;
  let yII = 0;
  let yIII = 0;
  let n = 0;
  let unverified = 0;
  const score = YGK_MEMBERSHIP_SCORE.value;
  for (let gi = 0; gi < cs.groups.length; gi++) {
    const cg = cs.groups[gi];
    if (cg === undefined) continue;
    const gSum = groupApplicableWeight[gi] ?? 0;
    const counts = poolCounts[gi] ?? [];
    const groupApplies = gSum > 0;
    // Renormalise only when something dropped out, so published weights are reported unchanged otherwise
    // (Σ w_i is 1 only within the schema's tolerance in binary floating point).
    const wEff = !groupApplies ? 0 : allGroupsApply ? cg.group.weight : cg.group.weight / applicableW;
    const denominator = groupDenominator[gi] ?? gSum;
    let gI = 0;
    let gII = 0;
    let gIII = 0;
    if (!groupApplies) {
      findings.push({
        severity: 'info',
        code: 'group-not-applicable',
        groupId: cg.group.id,
        message: `一级指标"${cg.group.name}"的二级指标均不适用，其权重 ${cg.group.weight} 不计，其余一级指标权重按适用权重之和重新归一化`,
      });
      notes.push(`一级指标 ${cg.group.id} 不适用：w'_i = w_i / ${fmt(applicableW, 6)}`);
    } else if (denominator !== 1) {
      notes.push(`一级指标 ${cg.group.id}：部分二级指标不适用，ω'_ij = ω_ij / ${fmt(gSum, 6)}（公式5-3）`);
    }
    for (const c of cg.indicators) {
      const ind = c.ind;
      const field = `values.${ind.id}`;
      const raw = valueFor(values, ind.id);
      const applicable = raw !== 'not-applicable';
      let weight = 0;
      if (applicable) {
        const base = c.pool < 0 ? c.fixed : (cg.poolShares[c.pool] ?? 0) / (counts[c.pool] ?? 1);
        weight = base / denominator;
      }
      let rank = RANK_NONE;
      let value: number | EvalLevel[] | null = null;
      let missing = false;
      let gap: IndicatorGap | null = null;
      if (applicable) {
        if (raw === undefined) {
          missing = true;
          findings.push({
            severity: 'warning',
            code: 'missing-value',
            indicatorId: ind.id,
            message: `"${ind.name}"适用但未填报数据，按各级均不达标计（Y_gk = 0）`,
          });
        } else {
          const r = rankOf(ind, raw, field);
          rank = r.rank;
          value = r.value;
          if (rank > 0) {
            gap =
              ind.kind === 'quantitative' && typeof value === 'number'
                ? quantitativeGap(ind, c.unitDisplay, value, rank)
                : ind.kind === 'qualitative'
                  ? qualitativeGap(ind, rank)
                  : null;
          }
        }
        if (ind.status === 'unverified') unverified++;
        if (ind.limiting) limitingRanks.push({ c, rank });
      }
      const share = wEff * weight * score;
      const contribution: PerEvalLevel =
        rank === RANK_NONE
          ? ZERO
          : { I: rank <= 0 ? share : 0, II: rank <= 1 ? share : 0, III: rank <= 2 ? share : 0 };
      gI += contribution.I;
      gII += contribution.II;
      gIII += contribution.III;
      indicators[n] = {
        groupId: cg.group.id,
        indicatorId: ind.id,
        name: ind.name,
        kind: ind.kind,
        unit: ind.unit ?? null,
        limiting: ind.limiting,
        status: ind.status,
        applicable,
        missing,
        value,
        level: rank === RANK_NONE ? null : (LEVELS[rank] ?? null),
        weight,
        groupWeight: wEff,
        contribution,
        gap,
      };
      inputs[n] = { name: `${ind.id} ${ind.name}`, value: inputValue(value, applicable), unit: ind.unit };
      n++;
    }
    yI += gI;
    yII += gII;
    yIII += gIII;
    groups[gi] = {
      groupId: cg.group.id,
      name: cg.group.name,
      weight: cg.group.weight,
      effectiveWeight: wEff,
      applicable: groupApplies,
      contribution: { I: clean(gI), II: clean(gII), III: clean(gIII) },
    };
  }

  // Rating.
  let worstLimiting = 0;
  for (const l of limitingRanks) if (l.rank > worstLimiting) worstLimiting = l.rank;
  const grade: EvalGrade =
    atLeast(yI, YGK_THRESHOLD_I.value) && worstLimiting <= 0
      ? 'I'
      : atLeast(yII, YGK_THRESHOLD_II.value) && worstLimiting <= 1
        ? 'II'
        : atLeast(yIII, YGK_THRESHOLD_III.value)
          ? 'III'
          : 'not-rated';

  const limitingBlocks: LimitingBlock[] = [];
  const gradeRank = grade === 'not-rated' ? RANK_NONE : LEVELS.indexOf(grade);
  const checks: [EvalLevel, number, number][] = [
    ['I', yI, YGK_THRESHOLD_I.value],
    ['II', yII, YGK_THRESHOLD_II.value],
  ];
  for (const [level, y, threshold] of checks) {
    const k = LEVELS.indexOf(level);
    if (k >= gradeRank) continue;
    const below = limitingRanks.filter((l) => l.rank > k);
    if (below.length === 0) continue;
    limitingBlocks.push({
      level,
      scoreMet: atLeast(y, threshold),
      indicators: below.map((l) => ({
        indicatorId: l.c.ind.id,
        name: l.c.ind.name,
        level: l.rank === RANK_NONE ? null : (LEVELS[l.rank] ?? null),
      })),
    });
  }

  if (unverified > 0 || system.source.status === 'unverified') {
    findings.push({
      severity: 'info',
      code: 'unverified-reference',
      message: `指标体系"${system.name}"含未核实内容（本次适用的指标中 ${unverified} 项状态为 unverified），评价结果须待原文核对后方可作为正式结论`,
    });
  }

  const Y: PerEvalLevel = { I: clean(yI), II: clean(yII), III: clean(yIII) };
  const name = gradeName(system, grade);
  return traced<EnterpriseEvaluation>(
    {
      systemId: system.id,
      systemName: system.name,
      systemStatus: system.source.status,
      Y,
      grade,
      gradeName: name,
      indicators,
      groups,
      limitingBlocks,
      findings,
    },
    {
      label: `清洁生产评价指标体系综合评价：${system.name}`,
      formula:
        "Y_gk = Σ_i w'_i · Σ_j ω'_ij · Y_gk(x_ij)；Y_gk(x) = 100 若 x ∈ g_k（逐级包含）否则 0；ω'_ij = ω_ij / Σ适用ω_ij",
      clause: SRC_YGK_2013,
      inputs,
      // A copy of the cached list (the FactorRefs themselves are shared and must be treated as read-only).
      factors: cs.factors.slice(),
      result: grade,
      notes: [
        `Y_Ⅰ = ${fmt(Y.I, 6)}，Y_Ⅱ = ${fmt(Y.II, 6)}，Y_Ⅲ = ${fmt(Y.III, 6)}`,
        `等级：${name}`,
        ...notes,
        ...findings.map((f) => f.message),
      ],
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// JSON entry point

export const evaluationInputSchema = z
  .object({
    system: indicatorSystemSchema.optional(),
    systemId: z.string().min(1).optional(),
    values: indicatorValuesSchema,
  })
  .refine((v) => (v.system === undefined) !== (v.systemId === undefined), {
    message: 'give exactly one of system (inline) or systemId (built-in)',
    path: ['systemId'],
  });

export type EvaluationInput = z.output<typeof evaluationInputSchema>;

/** Parses `{ system? | systemId?, values }` and evaluates. Throws UNKNOWN_REFERENCE for an unknown systemId. */
export function evaluateFromJson(json: unknown): Traced<EnterpriseEvaluation> {
  const input = parseInput(evaluationInputSchema, json, 'evaluation input');
  let system = input.system;
  if (system === undefined) {
    const id = input.systemId ?? '';
    system = findIndicatorSystem(id);
    if (system === undefined) {
      throw new CpError('UNKNOWN_REFERENCE', `unknown indicator system "${id}"`, { field: 'systemId' });
    }
  }
  return evaluateEnterprise(system, input.values);
}
