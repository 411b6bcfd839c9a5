/**
 * 确定审核企业名单 (Jiangsu guideline 7.1.2): rank candidate enterprises by the four principles
 *   a) 环境影响突出 — large pollutant totals, high GHG intensity, high resource/energy use per unit product,
 *      located in a key region;
 *   b) 关键环境治理需求导向 — characteristic pollutants, heavy-metal totals, new pollutants;
 *   c) 可行性 — data completeness, willingness, capacity to change;
 *   d) 代表性 — size, location and process types spread across the industry;
 * each turned into a score R of 1–10 and combined by the weighted sum (facts §5.2).
 *
 * Representativeness depends on who is already on the list, so the ranking is a greedy selection: at each step
 * every remaining enterprise's d) score counts how often its size class, county and process type are already
 * covered, and the highest total is taken next (equal totals: input order). Deterministic.
 *
 * The mapping of the data to scores is cpaudit's (the guideline gives principles, not scores): see
 * `CANDIDATE_SCORING_RULES`.
 */
import { z } from 'zod';
import { CpError, requireNonNegative } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import type { Breakdown, FactorRef, Source, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { roundTo } from '../units/units.ts';
import {
  CANDIDATE_ENTERPRISE_CRITERIA,
  type Criterion,
  WEIGHTED_SUM_SCORE_MAX as R_MAX,
  WEIGHTED_SUM_SCORE_MIN as R_MIN,
} from './criteria.ts';
import {
  requirePositiveWeight,
  requireUniqueIds,
  type ScoreTerm,
  sameTotal,
  termsText,
} from './weighted-sum.ts';

const RULES_SOURCE: Source = {
  document: 'cpaudit 默认评分规则（江苏省《行业清洁生产审核技术指南》7.1.2 原则的量化）',
  status: 'unverified',
  note: 'The guideline states principles only; these numbers are cpaudit’s choice. Review them with the audit panel.',
};

const USER_SOURCE: Source = { document: '用户输入', status: 'user' };

/** How the 7.1.2 data become scores of 1–10. */
export const CANDIDATE_SCORING_RULES = {
  /** a) bonus added to the impact score for an enterprise in a key region (capped at 10). */
  keyRegionBonus: {
    id: 'scoring.candidates.key-region-bonus',
    name: '位于重点区域加分',
    value: 2,
    unit: '分',
    source: { ...RULES_SOURCE, clause: '7.1.2 a) 位于重点区域' },
  },
  /** b) points per governance flag: 1 + points × number of flags (0 → 1, 3 → 10). */
  governancePointsPerFlag: {
    id: 'scoring.candidates.governance-points',
    name: '每项关键环境治理需求得分',
    value: 3,
    unit: '分',
    source: { ...RULES_SOURCE, clause: '7.1.2 b) 特征污染物、重金属、新污染物' },
  },
  /** a) share of the candidates called "位列前…" in the reasons. */
  topShare: {
    id: 'scoring.candidates.top-share',
    name: '“位列前列”的比例',
    value: 0.2,
    unit: '1',
    source: { ...RULES_SOURCE, clause: '7.1.2 a) 排放总量大、强度高、消耗量大' },
  },
} as const satisfies Record<string, FactorRef>;

export const candidateEnterpriseSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Annual total of pollutant emissions (t/a). Compared only among the candidates. */
  pollutantLoad_t: z.number().optional(),
  /** GHG intensity, in one unit common to all candidates (e.g. tCO2/万元); only its rank is used. */
  ghgIntensity: z.number().optional(),
  /** Resource/energy use per unit product, in one unit common to all candidates; only its rank is used. */
  energyPerUnit: z.number().optional(),
  inKeyRegion: z.boolean().optional(),
  heavyMetals: z.boolean().optional(),
  characteristicPollutants: z.boolean().optional(),
  newPollutants: z.boolean().optional(),
  /** 0–1. */
  dataCompleteness: z.number(),
  /** 0–1. */
  willingness: z.number(),
  /** 0–1. */
  capacityToChange: z.number().optional(),
  sizeClass: z.string().min(1),
  county: z.string().min(1),
  processType: z.string().min(1),
});

export const candidateEnterprisesInputSchema = z.strictObject({
  enterprises: z.array(candidateEnterpriseSchema).min(1),
  /** Weights of the four principles; default equal (CANDIDATE_ENTERPRISE_CRITERIA). */
  weights: z
    .strictObject({
      impact: z.number().optional(),
      governance: z.number().optional(),
      feasibility: z.number().optional(),
      representativeness: z.number().optional(),
    })
    .optional(),
});

export type CandidateEnterprise = z.infer<typeof candidateEnterpriseSchema>;
export type CandidateEnterprisesInput = z.infer<typeof candidateEnterprisesInputSchema>;

const PRINCIPLE_IDS = ['impact', 'governance', 'feasibility', 'representativeness'] as const;
type PrincipleId = (typeof PRINCIPLE_IDS)[number];

interface PrincipleWeight extends Criterion {
  id: PrincipleId;
  /** The weight came from the input rather than the default set. */
  fromUser: boolean;
}

export interface RankedEnterprise {
  id: string;
  name: string;
  /** Position in the greedy selection, 1-based. */
  rank: number;
  total: number;
  scores: Record<PrincipleId, number>;
  terms: ScoreTerm[];
  /** Why, in Chinese (e.g. 污染物排放总量位列前20%, 位于重点区域). */
  reasons: string[];
  /** Other enterprises that had the same total when this one was taken (order then follows the input). */
  tiedAtSelection: string[];
}

export interface CandidateEnterpriseRanking {
  weights: Criterion[];
  ranking: RankedEnterprise[];
  lines: string[];
}

const METRICS = [
  { key: 'pollutantLoad_t', zh: '污染物排放总量' },
  { key: 'ghgIntensity', zh: '温室气体排放强度' },
  { key: 'energyPerUnit', zh: '单位产品资源能源消耗' },
] as const;

const DIMENSIONS = [
  { key: 'sizeClass', zh: '规模类型' },
  { key: 'county', zh: '县区' },
  { key: 'processType', zh: '工艺类型' },
] as const;

function pct(fraction: number): string {
  return `${roundTo(fraction * 100, 1)}%`;
}

function clampScore(x: number): number {
  return Math.min(R_MAX, Math.max(R_MIN, x));
}

function validate(e: CandidateEnterprise, k: number): void {
  const at = (f: string): string => `enterprises.${k}.${f}`;
  for (const m of METRICS) {
    const v = e[m.key];
    if (v !== undefined) requireNonNegative(v, at(m.key));
  }
  for (const f of ['dataCompleteness', 'willingness', 'capacityToChange'] as const) {
    const v = e[f];
    if (v === undefined) continue;
    requireNonNegative(v, at(f));
    if (v > 1) {
      throw new CpError('VALIDATION', `${at(f)} is a share from 0 to 1 (0.9 means 90%), got ${v}`, {
        field: at(f),
      });
    }
  }
  for (const d of DIMENSIONS) {
    if (e[d.key].trim() === '')
      throw new CpError('VALIDATION', `${at(d.key)} must not be empty`, { field: at(d.key) });
  }
}

interface StaticScores {
  impact: number;
  governance: number;
  feasibility: number;
  reasons: string[];
}

/** a), b), c): scores that do not depend on the selection order. */
function staticScores(all: readonly CandidateEnterprise[], e: CandidateEnterprise): StaticScores {
  const reasons: string[] = [];
  const rules = CANDIDATE_SCORING_RULES;

  // a) percentile rank among the candidates that report the metric: p = (below + ½·(equal − 1)) / (n − 1),
  // score 1 + 9p; one reporter alone is not comparable (p = ½).
  const metricScores: number[] = [];
  for (const m of METRICS) {
    const v = e[m.key];
    if (v === undefined) continue;
    const values = all.map((o) => o[m.key]).filter((x): x is number => x !== undefined);
    const n = values.length;
    const below = values.filter((x) => x < v).length;
    const equal = values.filter((x) => x === v).length;
    const above = values.filter((x) => x > v).length;
    const p = n > 1 ? (below + 0.5 * (equal - 1)) / (n - 1) : 0.5;
    metricScores.push(R_MIN + (R_MAX - R_MIN) * p);
    const position = above + 1;
    if (n < 2) reasons.push(`${m.zh}仅此一家填报，无从比较（按中间分计）`);
    else if (position <= Math.ceil(rules.topShare.value * n)) {
      reasons.push(`${m.zh}位列前${pct(rules.topShare.value)}（第${position}/${n}名）`);
    } else reasons.push(`${m.zh}第${position}/${n}名`);
  }
  let impact =
    metricScores.length === 0 ? R_MIN : metricScores.reduce((s, x) => s + x, 0) / metricScores.length;
  if (metricScores.length === 0) reasons.push('未提供排放总量、排放强度和单耗数据，环境影响按最低分计');
  if (e.inKeyRegion) {
    impact = clampScore(impact + rules.keyRegionBonus.value);
    reasons.push(`位于重点区域（+${rules.keyRegionBonus.value}分）`);
  }

  // b) 1 + points × flags.
  const flags = [
    e.heavyMetals ? '涉及重金属总量控制' : null,
    e.characteristicPollutants ? '涉及行业特征污染物管控' : null,
    e.newPollutants ? '涉及新污染物管控' : null,
  ].filter((x): x is string => x !== null);
  const governance = clampScore(R_MIN + rules.governancePointsPerFlag.value * flags.length);
  reasons.push(...(flags.length > 0 ? flags : ['未涉及特征污染物、重金属或新污染物管控需求']));

  // c) 1 + 9 × mean of the shares given.
  const shares = [
    e.dataCompleteness,
    e.willingness,
    ...(e.capacityToChange === undefined ? [] : [e.capacityToChange]),
  ];
  const feasibility = R_MIN + ((R_MAX - R_MIN) * shares.reduce((s, x) => s + x, 0)) / shares.length;
  reasons.push(
    `基础数据完备度${pct(e.dataCompleteness)}、配合意愿${pct(e.willingness)}` +
      (e.capacityToChange === undefined ? '（未评估整改条件）' : `、整改条件${pct(e.capacityToChange)}`),
  );
  return { impact, governance, feasibility, reasons };
}

/** d) 1 + 9 × mean over size class, county, process type of 1/(1 + number already selected with that value). */
function representativeness(
  e: CandidateEnterprise,
  covered: Readonly<Record<(typeof DIMENSIONS)[number]['key'], ReadonlyMap<string, number>>>,
): { score: number; reason: string } {
  const fresh: string[] = [];
  const seen: string[] = [];
  let sum = 0;
  for (const d of DIMENSIONS) {
    const value = e[d.key];
    const c = covered[d.key].get(value) ?? 0;
    sum += 1 / (1 + c);
    if (c === 0) fresh.push(`${d.zh}「${value}」`);
    else seen.push(`${d.zh}「${value}」已有${c}家`);
  }
  const score = R_MIN + ((R_MAX - R_MIN) * sum) / DIMENSIONS.length;
  const parts = [
    ...(fresh.length > 0 ? [`覆盖尚未入选的${fresh.join('、')}`] : []),
    ...(seen.length > 0 ? [`${seen.join('、')}入选`] : []),
  ];
  return { score, reason: parts.join('；') };
}

/**
 * Ranks candidate enterprises by the four principles of guideline 7.1.2, with the reasons per enterprise.
 *
 * @throws CpError VALIDATION (duplicate id, share outside 0–1, empty class) or NEGATIVE_QUANTITY (negative load,
 *   intensity, share or weight), naming `enterprises.3.willingness` style fields.
 */
export function rankCandidateEnterprises(
  input: CandidateEnterprisesInput,
): Traced<CandidateEnterpriseRanking> {
  const list = input.enterprises;
  if (list.length === 0) {
    throw new CpError('VALIDATION', 'enterprises: at least one enterprise is required', {
      field: 'enterprises',
    });
  }
  requireUniqueIds(list, 'enterprises');
  list.forEach(validate);
  const weights: PrincipleWeight[] = PRINCIPLE_IDS.map((id) => {
    const def = CANDIDATE_ENTERPRISE_CRITERIA.criteria.find((c) => c.id === id);
    const w = input.weights?.[id];
    return {
      id,
      name: def?.name ?? id,
      weight: w === undefined ? (def?.weight ?? 1) : requirePositiveWeight(w, `weights.${id}`),
      fromUser: w !== undefined,
    };
  });

  const base = list.map((e, order) => ({ e, order, s: staticScores(list, e) }));
  const covered = {
    sizeClass: new Map<string, number>(),
    county: new Map<string, number>(),
    processType: new Map<string, number>(),
  };
  const ranking: RankedEnterprise[] = [];
  const steps: Breakdown[] = [];
  let remaining = base;
  while (remaining.length > 0) {
    const evaluated = remaining.map((b) => {
      const rep = representativeness(b.e, covered);
      const scores: Record<PrincipleId, number> = {
        impact: b.s.impact,
        governance: b.s.governance,
        feasibility: b.s.feasibility,
        representativeness: rep.score,
      };
      const terms: ScoreTerm[] = weights.map((w) => {
        const score = scores[w.id];
        return { criterionId: w.id, criterion: w.name, weight: w.weight, score, product: score * w.weight };
      });
      const total = terms.reduce((s, t) => s + t.product, 0); // Σ RW
      return { ...b, rep, scores, terms, total };
    });
    let best = evaluated[0];
    for (const c of evaluated) {
      if (best === undefined || (!sameTotal(c.total, best.total) && c.total > best.total)) best = c;
    }
    if (best === undefined) break;
    const pick = best;
    const tied = evaluated.filter((c) => c !== pick && sameTotal(c.total, pick.total)).map((c) => c.e.id);
    const rank = ranking.length + 1;
    const reasons = [...pick.s.reasons, pick.rep.reason];
    ranking.push({
      id: pick.e.id,
      name: pick.e.name,
      rank,
      total: pick.total,
      scores: pick.scores,
      terms: pick.terms,
      reasons,
      tiedAtSelection: tied,
    });
    steps.push({
      label: `第${rank}位：${pick.e.name}`,
      formula: 'Σ R × W（R：环境影响、治理需求、可行性、代表性）',
      clause: CANDIDATE_ENTERPRISE_CRITERIA.source,
      inputs: pick.terms.map((t) => ({ name: `R ${t.criterion}`, value: roundTo(t.score, 6) })),
      factors: [],
      result: pick.total,
      notes: [
        termsText(pick.terms, pick.total),
        ...reasons,
        ...(tied.length > 0 ? [`与${tied.join('、')}总分相同，按输入顺序在先`] : []),
      ],
    });
    for (const d of DIMENSIONS) {
      const m = covered[d.key];
      m.set(pick.e[d.key], (m.get(pick.e[d.key]) ?? 0) + 1);
    }
    remaining = remaining.filter((b) => b.order !== pick.order);
  }

  const lines = ranking.map(
    (r) => `第${r.rank}位 ${r.name}（总分 ${roundTo(r.total, 2)}）：${r.reasons.join('；')}`,
  );
  const factors: FactorRef[] = [
    ...weights.map((w) => ({
      id: `weight.${w.id}`,
      name: `权重 W：${w.name}`,
      value: w.weight,
      unit: '1',
      source: w.fromUser ? USER_SOURCE : CANDIDATE_ENTERPRISE_CRITERIA.source,
    })),
    CANDIDATE_SCORING_RULES.keyRegionBonus,
    CANDIDATE_SCORING_RULES.governancePointsPerFlag,
    CANDIDATE_SCORING_RULES.topShare,
  ];
  return traced(
    { weights: weights.map((w) => ({ id: w.id, name: w.name, weight: w.weight })), ranking, lines },
    {
      label: '确定审核企业名单：候选企业排序',
      formula:
        '环境影响 = 均值(1 + 9 × 百分位) + 重点区域加分；治理需求 = 1 + 3 × 标志数；可行性 = 1 + 9 × 均值(完备度, 意愿, 整改条件)；' +
        '代表性 = 1 + 9 × 均值(1/(1 + 已入选同类数))；总分 = Σ R × W，逐位贪心选取',
      clause: CANDIDATE_ENTERPRISE_CRITERIA.source,
      inputs: [{ name: 'enterprises', value: list.length }],
      factors,
      result: ranking[0]?.id ?? null,
      steps,
    },
  );
}

/** Parses JSON with `candidateEnterprisesInputSchema` and runs `rankCandidateEnterprises`. */
export function candidateEnterprisesFromJson(json: unknown): Traced<CandidateEnterpriseRanking> {
  return rankCandidateEnterprises(
    parseInput(candidateEnterprisesInputSchema, json, 'candidate enterprises input'),
  );
}
