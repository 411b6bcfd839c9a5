/**
 * 权重总和计分排序法 (shared domain facts §5.2): per candidate RW = R × W per criterion, total = Σ RW,
 * ranked by total. Ties share a rank (1, 1, 3) and are listed; a tie is broken only by an explicit
 * tie-break criterion (higher score first).
 */
import { z } from 'zod';
import { CpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import type { Breakdown, FactorRef, Source, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { roundTo } from '../units/units.ts';
import {
  CRITERIA_SETS,
  type Criterion,
  SRC_WEIGHTED_SUM,
  WEIGHTED_SUM_SCORE_MAX,
  WEIGHTED_SUM_SCORE_MIN,
} from './criteria.ts';

export const screenCriterionSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  weight: z.number(),
});

export const screenCandidateSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  /** R per criterion id, 1–10. */
  scores: z.record(z.string(), z.number()),
});

/**
 * JSON input of the CLI command `screen`: either `criteria` (user-defined) or `criteriaSet` (a shipped
 * default: `audit-focus`, `option-screening`, `candidate-enterprises`).
 */
export const screenInputSchema = z.strictObject({
  criteria: z.array(screenCriterionSchema).min(1).optional(),
  criteriaSet: z.enum(['audit-focus', 'option-screening', 'candidate-enterprises']).optional(),
  candidates: z.array(screenCandidateSchema).min(1),
  /** Criterion id whose score breaks equal totals (higher first). */
  tieBreak: z.string().optional(),
});

export type ScreenInput = z.infer<typeof screenInputSchema>;

export interface ScoreTerm {
  criterionId: string;
  criterion: string;
  weight: number;
  score: number;
  /** RW = R × W. */
  product: number;
}

export interface RankedCandidate {
  id: string;
  name: string;
  /** 1-based; tied candidates share it (1, 1, 3). */
  rank: number;
  total: number;
  terms: ScoreTerm[];
  /** Ids of the other candidates with the same rank. */
  tiedWith: string[];
}

export interface TieGroup {
  ids: string[];
  total: number;
  /** The tie-break criterion that separated them, or null when they still share a rank. */
  brokenBy: string | null;
}

export interface WeightedSumRanking {
  criteria: Criterion[];
  ranking: RankedCandidate[];
  /** Every group of candidates with equal totals. */
  ties: TieGroup[];
  /** One readable line per candidate, e.g. `第1名 A：9×10 + 7×8 = 146`. */
  lines: string[];
}

/** Totals equal to 9 decimals are a tie (guards against binary noise such as 0.1 × 3). */
export function sameTotal(a: number, b: number): boolean {
  return roundTo(a, 9) === roundTo(b, 9);
}

export function requirePositiveWeight(value: number, field: string): number {
  if (!Number.isFinite(value)) throw new CpError('VALIDATION', `${field} must be a finite number`, { field });
  if (value < 0)
    throw new CpError('NEGATIVE_QUANTITY', `${field} must not be negative, got ${value}`, { field });
  if (value === 0) throw new CpError('VALIDATION', `${field} must be greater than 0`, { field });
  return value;
}

export function requireUniqueIds(items: readonly { id: string }[], path: string): void {
  const seen = new Set<string>();
  items.forEach((it, k) => {
    if (seen.has(it.id)) {
      throw new CpError('VALIDATION', `${path}.${k}.id: duplicate id "${it.id}"`, {
        field: `${path}.${k}.id`,
      });
    }
    seen.add(it.id);
  });
}

/** The RW terms of one candidate; every criterion needs a score of 1–10 and no unknown criterion may appear. */
function termsOf(
  criteria: readonly Criterion[],
  scores: Readonly<Record<string, number>>,
  path: string,
): ScoreTerm[] {
  const known = new Set(criteria.map((c) => c.id));
  for (const key of Object.keys(scores)) {
    if (!known.has(key)) {
      throw new CpError('VALIDATION', `${path}.${key}: unknown criterion "${key}"`, {
        field: `${path}.${key}`,
      });
    }
  }
  return criteria.map((c) => {
    const field = `${path}.${c.id}`;
    const score = scores[c.id];
    if (score === undefined) {
      throw new CpError('VALIDATION', `${field}: missing score for criterion "${c.name}"`, { field });
    }
    if (!Number.isFinite(score) || score < WEIGHTED_SUM_SCORE_MIN || score > WEIGHTED_SUM_SCORE_MAX) {
      throw new CpError(
        'VALIDATION',
        `${field}: score must be from ${WEIGHTED_SUM_SCORE_MIN} to ${WEIGHTED_SUM_SCORE_MAX}, got ${score}`,
        {
          field,
        },
      );
    }
    return { criterionId: c.id, criterion: c.name, weight: c.weight, score, product: score * c.weight };
  });
}

function fmt(n: number): string {
  return String(roundTo(n, 6));
}

/** `9×10 + 7×8 = 146` */
export function termsText(terms: readonly ScoreTerm[], total: number): string {
  return `${terms.map((t) => `${fmt(t.score)}×${fmt(t.weight)}`).join(' + ')} = ${fmt(total)}`;
}

/**
 * Ranks candidates by Σ R×W (facts §5.2).
 *
 * @throws CpError VALIDATION naming the field: missing or unknown criterion (`candidates.3.scores.xyz`), score
 *   outside 1–10, duplicate ids, unknown tie-break criterion, no criteria; NEGATIVE_QUANTITY for a negative weight.
 */
export function rankByWeightedSum(input: ScreenInput): Traced<WeightedSumRanking> {
  if (input.criteria !== undefined && input.criteriaSet !== undefined) {
    throw new CpError('VALIDATION', 'give either criteria or criteriaSet, not both', {
      field: 'criteriaSet',
    });
  }
  const set = input.criteriaSet === undefined ? undefined : CRITERIA_SETS[input.criteriaSet];
  const criteria: Criterion[] = set ? [...set.criteria] : (input.criteria ?? []);
  if (criteria.length === 0) {
    throw new CpError('VALIDATION', 'criteria: at least one criterion (or a criteriaSet) is required', {
      field: 'criteria',
    });
  }
  if (input.candidates.length === 0) {
    throw new CpError('VALIDATION', 'candidates: at least one candidate is required', {
      field: 'candidates',
    });
  }
  requireUniqueIds(criteria, 'criteria');
  criteria.forEach((c, k) => {
    requirePositiveWeight(c.weight, `criteria.${k}.weight`);
  });
  requireUniqueIds(input.candidates, 'candidates');
  const tieBreak = input.tieBreak;
  if (tieBreak !== undefined && !criteria.some((c) => c.id === tieBreak)) {
    throw new CpError('VALIDATION', `tieBreak: unknown criterion "${tieBreak}"`, { field: 'tieBreak' });
  }

  const scored = input.candidates.map((c, k) => {
    const terms = termsOf(criteria, c.scores, `candidates.${k}.scores`);
    const total = terms.reduce((s, t) => s + t.product, 0); // Σ RW
    const tb = tieBreak === undefined ? 0 : (c.scores[tieBreak] ?? 0);
    return { id: c.id, name: c.name, terms, total, tb, order: k };
  });
  // Highest total first; equal totals by the tie-break score when given; otherwise input order (stable).
  scored.sort((a, b) => {
    if (!sameTotal(a.total, b.total)) return b.total - a.total;
    if (tieBreak !== undefined && a.tb !== b.tb) return b.tb - a.tb;
    return a.order - b.order;
  });

  const ranking: RankedCandidate[] = [];
  scored.forEach((s, k) => {
    const prev = scored[k - 1];
    const prevRanked = ranking[k - 1];
    const shares =
      prev !== undefined &&
      prevRanked !== undefined &&
      sameTotal(prev.total, s.total) &&
      (tieBreak === undefined || prev.tb === s.tb);
    ranking.push({
      id: s.id,
      name: s.name,
      rank: shares && prevRanked ? prevRanked.rank : k + 1,
      total: s.total,
      terms: s.terms,
      tiedWith: [],
    });
  });
  for (const r of ranking) {
    r.tiedWith = ranking.filter((o) => o !== r && o.rank === r.rank).map((o) => o.id);
  }

  const ties: TieGroup[] = [];
  for (const r of ranking) {
    const group = ranking.filter((o) => sameTotal(o.total, r.total));
    if (group.length < 2 || group[0] !== r) continue;
    const separated = new Set(group.map((g) => g.rank)).size > 1;
    ties.push({
      ids: group.map((g) => g.id),
      total: r.total,
      brokenBy: separated ? (tieBreak ?? null) : null,
    });
  }

  const lines = ranking.map(
    (r) =>
      `第${r.rank}名${r.tiedWith.length > 0 ? '（并列）' : ''} ${r.name}：${termsText(r.terms, r.total)}`,
  );

  const weightSource: Source = set ? set.source : { document: '用户输入', status: 'user' };
  const factors: FactorRef[] = criteria.map((c) => ({
    id: `weight.${c.id}`,
    name: `权重 W：${c.name}`,
    value: c.weight,
    unit: '1',
    source: weightSource,
  }));
  const steps: Breakdown[] = ranking.map((r) => ({
    label: `${r.name}（第${r.rank}名）`,
    formula: 'Σ R × W',
    inputs: r.terms.map((t) => ({ name: `R ${t.criterion}`, value: t.score })),
    factors: [],
    result: r.total,
    notes: [termsText(r.terms, r.total), ...r.terms.map((t) => `${t.criterion}：RW = ${fmt(t.product)}`)],
  }));
  const notes: string[] = ties.map(
    (t) =>
      `并列（总分 ${fmt(t.total)}）：${t.ids.join('、')}${t.brokenBy ? `，按「${t.brokenBy}」得分排定先后` : '，名次并列'}`,
  );

  return traced(
    { criteria, ranking, ties, lines },
    {
      label: `权重总和计分排序${set ? `：${set.name}` : ''}`,
      formula: 'RW = R × W；总分 = Σ RW；按总分由高到低排序',
      clause: SRC_WEIGHTED_SUM,
      inputs: [
        { name: 'candidates', value: input.candidates.length },
        { name: 'tieBreak', value: tieBreak ?? null },
      ],
      factors,
      result: ranking[0]?.id ?? null,
      steps,
      notes,
    },
  );
}

/** Parses JSON with `screenInputSchema` (zod issues → CpError VALIDATION) and runs `rankByWeightedSum`. */
export function screenFromJson(json: unknown): Traced<WeightedSumRanking> {
  return rankByWeightedSum(parseInput(screenInputSchema, json, 'screen input'));
}
