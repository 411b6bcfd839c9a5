/**
 * 清洁生产目标完成情况: completion of cleaner-production targets.
 *
 * Targets per Jiangsu guideline 7.2.3 (quantifiable, near-term and medium/long-term, types a–e), reported in
 * Appendix B table 7.3 (审核目标完成情况: 污染物减排 / 温室气体减排 / 资源能源利用 / 清洁生产水平提升) and in the
 * Guangdong form's 本轮清洁生产目标完成情况 (指标名称（单位）, 审核前, 审核后, 近期目标值; note [11]).
 *
 * Completion (the seed documents ask for it without a formula; this is cpaudit's definition):
 *   decrease: 完成率 = (基准值 − 实际值) / (基准值 − 目标值) × 100%
 *   increase: 完成率 = (实际值 − 基准值) / (目标值 − 基准值) × 100%
 * A percent target ("COD 下降 10%") sets 目标值 = 基准值 × (1 ∓ 10/100) and is then assessed the same way.
 */
import { z } from 'zod';
import { CpError, requireNonNegative } from '../errors.ts';
import { SRC_GD_FORM, SRC_JS_GUIDELINE } from '../reference/source.ts';
import { parseInput } from '../reference/zod.ts';
import type { Breakdown, Source, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { roundTo } from '../units/units.ts';

export const SRC_TARGETS: Source = {
  ...SRC_JS_GUIDELINE('7.2.3 确定清洁生产目标；附录B 7.3 审核目标完成情况'),
  note:
    '完成率 = 实际变化量 / 计划变化量 × 100% is cpaudit’s definition: the guideline and the Guangdong form ask for ' +
    'the completion of each target without printing a formula.',
};

export const SRC_GD_TARGET_TABLE: Source = SRC_GD_FORM('本轮清洁生产目标完成情况（注[11]）');

export type TargetType = 'pollutant' | 'ghg' | 'resource-energy' | 'cp-level' | 'other';

/** Row labels of Appendix B table 7.3, in its order; `other` (guideline 7.2.3.4 e) is added after them. */
export const TARGET_TYPE_ZH: Readonly<Record<TargetType, string>> = {
  pollutant: '污染物减排',
  ghg: '温室气体减排',
  'resource-energy': '资源能源利用',
  'cp-level': '清洁生产水平提升',
  other: '其他',
};

const TABLE_ORDER: readonly TargetType[] = ['pollutant', 'ghg', 'resource-energy', 'cp-level'];

export const targetSchema = z.strictObject({
  id: z.string().min(1),
  type: z.enum(['pollutant', 'ghg', 'resource-energy', 'cp-level', 'other']),
  /** e.g. `COD排放量`, `单位产品综合能耗`, `达到二级水平的企业数量`. */
  indicator: z.string().min(1),
  /** Unit of baseline, actual and level targets, e.g. `t/a`, `kgce/t`, `家`, `%`. */
  unit: z.string().min(1),
  /**
   * `absolute` and `intensity`: nearTerm/longTerm are target levels in `unit` (intensity: a per-unit indicator,
   * its unit has a `/`); `percent`: nearTerm/longTerm are planned changes in % of the baseline (10 = 10%).
   */
  kind: z.enum(['absolute', 'intensity', 'percent']),
  direction: z.enum(['decrease', 'increase']),
  /** 审核前 / 基准值. */
  baseline: z.number(),
  /** 近期目标. */
  nearTerm: z.number(),
  /** 中远期目标. */
  longTerm: z.number().optional(),
  /** 审核后 / 实际值; absent → not yet assessed. */
  actual: z.number().optional(),
  /** Decimals in the texts; default: 1, more for values below 1. */
  decimals: z.number().int().min(0).max(6).optional(),
});

export const targetsInputSchema = z.strictObject({ targets: z.array(targetSchema).min(1) });

export type Target = z.infer<typeof targetSchema>;
export type TargetsInput = z.infer<typeof targetsInputSchema>;

export type TargetStatus = 'met' | 'not-met' | 'worse' | 'not-assessed';

const STATUS_ZH: Readonly<Record<TargetStatus, string>> = {
  met: '已完成',
  'not-met': '未完成',
  worse: '未完成（较审核前恶化）',
  'not-assessed': '尚未评估',
};

export interface HorizonAssessment {
  horizon: 'near' | 'long';
  /** The target level in `unit` (for percent targets: computed from the baseline). */
  target: number;
  /** For percent targets: the planned change in % of the baseline. */
  plannedChange_percent: number | null;
  /** Achieved change / planned change × 100; null when not assessed. Can exceed 100 or be negative. */
  completion_percent: number | null;
  status: TargetStatus;
  statusZh: string;
  text: string;
}

export interface TargetRow {
  id: string;
  type: TargetType;
  typeZh: string;
  indicator: string;
  unit: string;
  kind: Target['kind'];
  direction: Target['direction'];
  baseline: number;
  actual: number | null;
  /** Change from the baseline in the target's direction (positive = improvement), in `unit`. */
  achievedChange: number | null;
  /** The same in % of the baseline; null when the baseline is 0 or not assessed. */
  achievedChange_percent: number | null;
  near: HorizonAssessment;
  long: HorizonAssessment | null;
  /** 清洁生产目标 column text. */
  targetText: string;
  /** 目标完成情况 column text, e.g. `COD排放量由12.0 t/a降至10.5 t/a，目标10.8 t/a，完成率125.0%，已完成`. */
  completionText: string;
  /** Row of the Guangdong form table 本轮清洁生产目标完成情况. */
  gdForm: { indicator: string; before: number; after: number | null; nearTermTarget: number };
  notes: string[];
}

export interface TargetSummaryRow {
  type: TargetType;
  typeZh: string;
  targetText: string;
  completionText: string;
  count: number;
  /** Counted on the near-term targets. */
  met: number;
  notMet: number;
  notAssessed: number;
}

export interface TargetCompletion {
  rows: TargetRow[];
  /** Appendix B table 7.3: the four fixed rows, then 其他 when there are such targets. */
  summary: TargetSummaryRow[];
  /** e.g. `共5项目标，近期目标已完成3项，未完成1项，尚未评估1项`. */
  overview: string;
}

/** Relative tolerance for "reached the target": guards `12 × 0.9` style binary noise. */
const REACHED_TOLERANCE = 1e-9;

/** Units of counted things: whole counts print without decimals (`3 家`). */
const COUNT_UNITS: ReadonlySet<string> = new Set(['家', '个', '项', '台', '套', '件', '次', '人']);

function autoDecimals(values: readonly number[], unit: string): number {
  if (COUNT_UNITS.has(unit.trim()) && values.every((v) => Number.isInteger(v))) return 0;
  const nonzero = values.filter((v) => v !== 0).map((v) => Math.abs(v));
  if (nonzero.length === 0) return 1;
  const m = Math.min(...nonzero);
  return m >= 1 ? 1 : Math.min(6, 1 - Math.floor(Math.log10(m)));
}

function fixed(value: number, digits: number): string {
  return roundTo(value, digits).toFixed(digits);
}

function pctText(p: number): string {
  return `${roundTo(p, 2)}%`;
}

function verbTowards(from: number, to: number, direction: Target['direction']): string {
  if (to < from) return '降至';
  if (to > from) return direction === 'increase' ? '提高至' : '升至';
  return '保持';
}

/** The target level of one horizon, validated against the baseline and direction. */
function targetLevel(
  t: Target,
  raw: number,
  field: string,
): { level: number; planned_percent: number | null } {
  if (t.kind === 'percent') {
    if (!Number.isFinite(raw) || raw <= 0) {
      throw new CpError(
        'VALIDATION',
        `${field}: a percent target is a positive change in % of the baseline (10 means ${t.direction === 'decrease' ? '下降' : '提高'}10%), got ${raw}`,
        { field },
      );
    }
    if (t.direction === 'decrease' && raw > 100) {
      throw new CpError('VALIDATION', `${field}: a reduction cannot exceed 100%, got ${raw}`, { field });
    }
    const change = (t.baseline * raw) / 100;
    const level = t.direction === 'decrease' ? t.baseline - change : t.baseline + change;
    if (level === t.baseline) {
      throw new CpError(
        'VALIDATION',
        `${field}: the baseline is 0, so a ${raw}% change plans no change: completion is undefined (division by zero); set an absolute target`,
        { field },
      );
    }
    return { level, planned_percent: raw };
  }
  requireNonNegative(raw, field);
  if (raw === t.baseline) {
    throw new CpError(
      'VALIDATION',
      `${field}: the target equals the baseline (${raw} ${t.unit}): the planned change is zero and the completion rate is undefined (division by zero)`,
      { field },
    );
  }
  if (t.direction === 'decrease' && raw > t.baseline) {
    throw new CpError(
      'VALIDATION',
      `${field}: a decrease target (${raw}) must be below the baseline (${t.baseline})`,
      {
        field,
      },
    );
  }
  if (t.direction === 'increase' && raw < t.baseline) {
    throw new CpError(
      'VALIDATION',
      `${field}: an increase target (${raw}) must be above the baseline (${t.baseline})`,
      { field },
    );
  }
  return { level: raw, planned_percent: null };
}

function assess(
  t: Target,
  horizon: HorizonAssessment['horizon'],
  raw: number,
  field: string,
): Omit<HorizonAssessment, 'text'> & { level: number } {
  const { level, planned_percent } = targetLevel(t, raw, field);
  if (t.actual === undefined) {
    return {
      horizon,
      target: level,
      level,
      plannedChange_percent: planned_percent,
      completion_percent: null,
      status: 'not-assessed',
      statusZh: STATUS_ZH['not-assessed'],
    };
  }
  // decrease: (baseline − actual)/(baseline − target); increase: (actual − baseline)/(target − baseline).
  const completion = ((t.actual - t.baseline) / (level - t.baseline)) * 100;
  const reached = completion >= 100 * (1 - REACHED_TOLERANCE);
  const status: TargetStatus = reached ? 'met' : completion < 0 ? 'worse' : 'not-met';
  return {
    horizon,
    target: level,
    level,
    plannedChange_percent: planned_percent,
    completion_percent: completion,
    status,
    statusZh: STATUS_ZH[status],
  };
}

/** Denominators of annual totals (`t/a`), which are not intensities. */
const PER_TIME: ReadonlySet<string> = new Set(['a', '年', 'yr', 'd', '天', 'h', '小时']);

function requireTarget(t: Target, k: number): void {
  const at = (f: string): string => `targets.${k}.${f}`;
  requireNonNegative(t.baseline, at('baseline'));
  if (t.actual !== undefined) requireNonNegative(t.actual, at('actual'));
  const slash = t.unit.lastIndexOf('/');
  const per = slash < 0 ? '' : t.unit.slice(slash + 1).trim();
  if (t.kind === 'intensity' && (per === '' || PER_TIME.has(per))) {
    throw new CpError(
      'VALIDATION',
      `${at('unit')}: an intensity target is per unit of product or output (kgce/t, m3/t, tCO2/万元), got "${t.unit}"`,
      { field: at('unit') },
    );
  }
}

/**
 * Completion of one target, near term and (when set) long term.
 * @param index position in a batch, used in field paths (`targets.3.nearTerm`); 0 for a single target.
 * @throws CpError VALIDATION when a target equals its baseline (division by zero), lies on the wrong side of it,
 *   or is a malformed percent; NEGATIVE_QUANTITY for a negative baseline, actual or level.
 */
export function assessTarget(t: Target, index = 0): Traced<TargetRow> {
  requireTarget(t, index);
  const at = (f: string): string => `targets.${index}.${f}`;
  const near = assess(t, 'near', t.nearTerm, at('nearTerm'));
  const long = t.longTerm === undefined ? null : assess(t, 'long', t.longTerm, at('longTerm'));
  const d =
    t.decimals ??
    autoDecimals(
      [t.baseline, ...(t.actual === undefined ? [] : [t.actual]), near.level, ...(long ? [long.level] : [])],
      t.unit,
    );
  const u = t.unit;
  // `12.0 t/a` (Latin unit, spaced as in the report examples), `3家`, `85.0%`.
  const sep = /^[A-Za-z]/.test(u) ? ' ' : '';
  const n = (v: number): string => `${fixed(v, d)}${sep}${u}`;
  const dirWord = t.direction === 'decrease' ? '下降' : '提高';

  const achievedChange =
    t.actual === undefined
      ? null
      : t.direction === 'decrease'
        ? t.baseline - t.actual
        : t.actual - t.baseline;
  const achievedChange_percent =
    achievedChange === null || t.baseline === 0 ? null : (achievedChange / t.baseline) * 100;

  const targetPhrase = (h: { level: number; plannedChange_percent: number | null }): string =>
    h.plannedChange_percent === null
      ? n(h.level)
      : `${dirWord}${pctText(h.plannedChange_percent)}（${n(h.level)}）`;
  const completionPhrase = (h: Omit<HorizonAssessment, 'text'>): string =>
    h.completion_percent === null ? h.statusZh : `完成率${fixed(h.completion_percent, 1)}%，${h.statusZh}`;

  // 清洁生产目标 text.
  const verbTarget = t.direction === 'decrease' ? '降至' : '提高至';
  let targetText: string;
  if (t.kind === 'percent') {
    targetText = `${t.indicator}较审核前（${n(t.baseline)}）${long ? '近期' : ''}${targetPhrase(near)}${
      long ? `，中远期${targetPhrase(long)}` : ''
    }`;
  } else {
    targetText = `${t.indicator}${long ? '近期' : ''}由${n(t.baseline)}${verbTarget}${n(near.level)}${
      long ? `，中远期${verbTarget}${n(long.level)}` : ''
    }`;
  }

  // 目标完成情况 text.
  let nearText: string;
  if (t.actual === undefined) {
    nearText = `${t.indicator}审核前${n(t.baseline)}，目标${targetPhrase(near)}，${STATUS_ZH['not-assessed']}`;
  } else {
    const moved =
      achievedChange_percent === null || t.actual === t.baseline
        ? ''
        : `（${t.actual < t.baseline ? '下降' : '上升'}${fixed(Math.abs(achievedChange_percent), 1)}%）`;
    nearText =
      `${t.indicator}由${n(t.baseline)}${verbTowards(t.baseline, t.actual, t.direction)}` +
      `${t.actual === t.baseline ? '' : n(t.actual)}${t.kind === 'percent' ? moved : ''}，` +
      `目标${targetPhrase(near)}，${completionPhrase(near)}`;
  }
  const longText = long ? `中远期目标${targetPhrase(long)}，${completionPhrase(long)}` : null;
  const completionText = longText ? `${nearText}；${longText}` : nearText;

  const notes: string[] = [];
  if (long && Math.abs(long.level - t.baseline) < Math.abs(near.level - t.baseline)) {
    notes.push('中远期目标不如近期目标严格，请核对');
  }

  const toHorizon = (
    h: Omit<HorizonAssessment, 'text'> & { level: number },
    text: string,
  ): HorizonAssessment => ({
    horizon: h.horizon,
    target: h.target,
    plannedChange_percent: h.plannedChange_percent,
    completion_percent: h.completion_percent,
    status: h.status,
    statusZh: h.statusZh,
    text,
  });
  const row: TargetRow = {
    id: t.id,
    type: t.type,
    typeZh: TARGET_TYPE_ZH[t.type],
    indicator: t.indicator,
    unit: u,
    kind: t.kind,
    direction: t.direction,
    baseline: t.baseline,
    actual: t.actual ?? null,
    achievedChange,
    achievedChange_percent,
    near: toHorizon(near, nearText),
    long: long && longText ? toHorizon(long, longText) : null,
    targetText,
    completionText,
    gdForm: {
      indicator: `${t.indicator}（${u}）`,
      before: t.baseline,
      after: t.actual ?? null,
      nearTermTarget: near.level,
    },
    notes,
  };

  const formula =
    t.direction === 'decrease'
      ? '完成率 = (基准值 − 实际值) / (基准值 − 目标值) × 100%'
      : '完成率 = (实际值 − 基准值) / (目标值 − 基准值) × 100%';
  const horizonStep = (h: HorizonAssessment): Breakdown => ({
    label: `${h.horizon === 'near' ? '近期' : '中远期'}目标完成率`,
    formula:
      t.kind === 'percent'
        ? `目标值 = 基准值 × (1 ${t.direction === 'decrease' ? '−' : '+'} p/100)；${formula}`
        : formula,
    clause: SRC_TARGETS,
    inputs: [
      { name: '基准值', value: t.baseline, unit: u },
      { name: '目标值', value: h.target, unit: u },
      ...(h.plannedChange_percent === null ? [] : [{ name: 'p', value: h.plannedChange_percent, unit: '%' }]),
      { name: '实际值', value: t.actual ?? null, unit: u },
    ],
    factors: [],
    result: h.completion_percent,
    unit: '%',
    notes: [h.text],
  });
  return traced(row, {
    label: `清洁生产目标完成情况：${t.indicator}`,
    formula,
    clause: SRC_TARGETS,
    inputs: [
      { name: 'type', value: t.type },
      { name: 'kind', value: t.kind },
      { name: 'direction', value: t.direction },
      { name: 'baseline', value: t.baseline, unit: u },
      { name: 'nearTerm', value: t.nearTerm, unit: t.kind === 'percent' ? '%' : u },
      ...(t.longTerm === undefined
        ? []
        : [{ name: 'longTerm', value: t.longTerm, unit: t.kind === 'percent' ? '%' : u }]),
      { name: 'actual', value: t.actual ?? null, unit: u },
    ],
    factors: [],
    result: row.near.completion_percent,
    steps: [horizonStep(row.near), ...(row.long ? [horizonStep(row.long)] : [])],
    notes,
  });
}

/**
 * Completion of every target, one row each, and the summary by type (Appendix B table 7.3).
 * @throws CpError as `assessTarget`, with the batch index in the field path; VALIDATION for duplicate ids.
 */
export function targetCompletion(input: TargetsInput): Traced<TargetCompletion> {
  if (input.targets.length === 0) {
    throw new CpError('VALIDATION', 'targets: at least one target is required', { field: 'targets' });
  }
  const seen = new Set<string>();
  input.targets.forEach((t, k) => {
    if (seen.has(t.id)) {
      throw new CpError('VALIDATION', `targets.${k}.id: duplicate id "${t.id}"`, {
        field: `targets.${k}.id`,
      });
    }
    seen.add(t.id);
  });
  const results = input.targets.map((t, k) => assessTarget(t, k));
  const rows = results.map((r) => r.value);

  const extra: TargetType[] = rows.some((r) => r.type === 'other') ? ['other'] : [];
  const types: TargetType[] = [...TABLE_ORDER, ...extra];
  const summary: TargetSummaryRow[] = types.map((type) => {
    const of = rows.filter((r) => r.type === type);
    return {
      type,
      typeZh: TARGET_TYPE_ZH[type],
      targetText: of.length === 0 ? '—' : of.map((r) => r.targetText).join('；'),
      completionText: of.length === 0 ? '—' : of.map((r) => r.completionText).join('；'),
      count: of.length,
      met: of.filter((r) => r.near.status === 'met').length,
      notMet: of.filter((r) => r.near.status === 'not-met' || r.near.status === 'worse').length,
      notAssessed: of.filter((r) => r.near.status === 'not-assessed').length,
    };
  });
  const met = summary.reduce((s, r) => s + r.met, 0);
  const notMet = summary.reduce((s, r) => s + r.notMet, 0);
  const notAssessed = summary.reduce((s, r) => s + r.notAssessed, 0);
  const overview =
    `共${rows.length}项目标，近期目标已完成${met}项，未完成${notMet}项` +
    (notAssessed > 0 ? `，尚未评估${notAssessed}项` : '');

  return traced(
    { rows, summary, overview },
    {
      label: '清洁生产目标完成情况（附录B 表7.3）',
      formula: '完成率 = 实际变化量 / 计划变化量 × 100%；实际值达到目标值即已完成',
      clause: SRC_TARGETS,
      inputs: [{ name: 'targets', value: rows.length }],
      factors: [],
      result: overview,
      steps: results.map((r) => r.breakdown),
      notes: [
        `广东省绩效表对应栏目：${SRC_GD_TARGET_TABLE.clause ?? ''}（指标名称（单位）、审核前、审核后、近期目标值）`,
      ],
    },
  );
}

/** Parses JSON with `targetsInputSchema` (zod issues → CpError VALIDATION) and runs `targetCompletion`. */
export function targetsFromJson(json: unknown): Traced<TargetCompletion> {
  return targetCompletion(parseInput(targetsInputSchema, json, 'targets input'));
}
