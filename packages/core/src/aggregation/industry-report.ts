/**
 * Appendix B tables 7.2 (绩效评估) and 7.3 (审核目标完成情况) of the Jiangsu 《行业清洁生产审核技术指南》.
 */
import { CpError } from '../errors.ts';
import { SRC_JS_GUIDELINE } from '../reference/source.ts';
import {
  TARGET_TYPE_ZH,
  type TargetCompletion,
  type TargetsInput,
  type TargetType,
  targetCompletion,
} from '../targets/index.ts';
import type { Breakdown, FactorRef, InputRef, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { convertValue } from '../units/units.ts';
import { carriersToStandardCoal } from './energy-link.ts';
import type { CpOption, OptionStatus } from './option.ts';
import {
  combineTotals,
  type MoneyBucket,
  type OtherTotal,
  pollutant,
  type ScanResult,
  saving,
  scanOptions,
} from './scan.ts';
import {
  type AggregationSettingsInput,
  resolveSettings,
  thresholdFactor,
  waterDensityFactor,
} from './settings.ts';
import {
  TABLE72_COLUMNS,
  TABLE72_ENVIRONMENTAL_CELLS,
  TABLE72_SAVING_CELLS,
  type Table72ColumnKey,
} from './tables.ts';

export interface Table72Cell {
  key: string;
  /** The label of the cell; `printedLabel` is what the blank form prints there (`…`) when it differs. */
  label: string;
  printedLabel?: string;
  value: number;
  unit: string;
}

export interface Table72 {
  columns: typeof TABLE72_COLUMNS;
  /** 方案个数（个）. */
  optionCount: Record<Table72ColumnKey, number>;
  /** 投资金额（万元）. */
  investment_wanYuan: Record<Table72ColumnKey, number>;
  /** 经济效益（万元/年）. */
  economicBenefit_wanYuanPerYear: Record<Table72ColumnKey, number>;
  /** 环境效益, printed order, t/a. */
  environmentalBenefits: Table72Cell[];
  /** 其他污染物减排量: pollutant, quantity per year in its unit. */
  otherPollutants: OtherTotal[];
  /** 资源能源节约情况, printed order and units. */
  resourceEnergySavings: Table72Cell[];
  /** 其他 (resources). */
  otherResources: OtherTotal[];
  /** How 节综合能耗 was obtained. */
  comprehensiveEnergy: {
    given_tce: number;
    computed_tce: number;
    optionsGiven: number;
    optionsComputed: number;
  };
  /** Options in no column: pending no/low-cost ones, and by status those neither implemented nor pending. */
  notInTable: { pendingNoLowCost: MoneyBucket; byStatus: Record<OptionStatus, number> };
}

/** A precomputed row entry of table 7.3 (when the targets are not computed by the targets module). */
export interface Table73Entry {
  type: TargetType;
  /** 清洁生产目标, e.g. `COD排放量较审核前削减10%`. */
  target: string;
  /** 目标完成情况, e.g. `削减12.5%，已完成`. */
  completion: string;
}

/** One printed row of table 7.3: 类型, 清洁生产目标, 目标完成情况 (several targets of a type joined by `；`). */
export interface Table73Row {
  type: TargetType;
  label: string;
  target: string;
  completion: string;
  count: number;
}

export interface Table73 {
  /** 污染物减排, 温室气体减排, 资源能源利用, 清洁生产水平提升, then 其他 when there are such targets. */
  rows: Table73Row[];
  /** The targets module's result when `targets` were given. */
  completion: TargetCompletion | null;
}

export interface IndustryReportInput {
  options: readonly CpOption[];
  /** Targets assessed by the targets module (guideline 7.2.3; 完成率 as defined there). */
  targets?: TargetsInput['targets'];
  /** Or precomputed table 7.3 entries (texts). Not both. */
  targetRows?: readonly Table73Entry[];
  settings?: AggregationSettingsInput;
}

export interface IndustryReport {
  table72: Table72;
  table73: Table73;
}

const CLAUSE_72 = SRC_JS_GUIDELINE('附录B 7.2 绩效评估（表）');
const CLAUSE_73 = SRC_JS_GUIDELINE('附录B 7.3 审核目标完成情况（表）');

function byColumn(scan: ScanResult, pick: (b: MoneyBucket) => number): Record<Table72ColumnKey, number> {
  const a = pick(scan.noLowImplemented);
  const b = pick(scan.midHighImplemented);
  const c = pick(scan.midHighPending);
  return {
    'no-low-implemented': a,
    'mid-high-implemented': b,
    'mid-high-pending': c,
    'source-substitution': pick(scan.byClass['source-substitution']),
    'process-innovation': pick(scan.byClass['process-innovation']),
    'end-of-pipe': pick(scan.byClass['end-of-pipe']),
    'environmental-management': pick(scan.byClass['environmental-management']),
    // 总计 = 已实施无/低费 + 中/高费已实施 + 中/高费待实施 (the class columns re-split the implemented ones).
    total: a + b + c,
  };
}

/** Notes and inputs that say how the options were read (shared with the Guangdong form). */
export function scanExplanation(scan: ScanResult): {
  inputs: InputRef[];
  notes: string[];
  factors: FactorRef[];
} {
  const s = scan.settings;
  const inputs: InputRef[] = [
    { name: 'options', value: scan.optionCount },
    { name: 'settings.noLowCostBelow_wanYuan', value: s.noLowCostBelow_wanYuan, unit: '万元' },
    { name: 'settings.implementedStatuses', value: s.implementedStatuses.join(',') },
    { name: 'settings.pendingStatuses', value: s.pendingStatuses.join(',') },
    { name: 'settings.useActualWhenImplemented', value: s.useActualWhenImplemented },
    { name: 'settings.benefitsFrom', value: s.benefitsFrom },
    { name: 'implemented options using actual benefits', value: scan.implementedActual },
    { name: 'implemented options using expected benefits', value: scan.implementedExpectedCount },
  ];
  const notes: string[] = [
    `无/低费: planned investment < ${s.noLowCostBelow_wanYuan} 万元, else 中/高费 (${scan.costClassOverrides} option(s) set their own cost class)`,
    `type → class: ${Object.entries(s.typeClass)
      .map(([t, c]) => `${t}→${c}`)
      .join(', ')}`,
  ];
  if (scan.implementedExpectedCount > 0) {
    const more = scan.implementedExpectedCount - scan.implementedExpected.length;
    notes.push(
      `implemented options without actual benefits (expected benefits used): ${scan.implementedExpected.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    );
  }
  if (scan.negativeLines > 0) notes.push(`${scan.negativeLines} benefit line(s) are negative (an increase)`);
  const factors: FactorRef[] = [thresholdFactor(s)];
  if (scan.waterVolumeLines > 0) {
    factors.push(waterDensityFactor(s));
    notes.push(
      `${scan.waterVolumeLines} water/wastewater line(s) given as a volume, converted at ${s.waterDensity_tPerM3} t/m3`,
    );
  }
  return { inputs, notes, factors };
}

const TABLE73_ORDER: readonly TargetType[] = ['pollutant', 'ghg', 'resource-energy', 'cp-level'];

/** Table 7.3 from the targets module, or from precomputed entries. */
function buildTable73(input: IndustryReportInput): { table: Table73; step: Breakdown | null } {
  if (input.targets !== undefined && input.targetRows !== undefined) {
    throw new CpError('VALIDATION', 'give either targets or targetRows, not both', { field: 'targetRows' });
  }
  if (input.targets !== undefined && input.targets.length > 0) {
    const r = targetCompletion({ targets: input.targets });
    const rows = r.value.summary.map((row) => ({
      type: row.type,
      label: row.typeZh,
      target: row.targetText,
      completion: row.completionText,
      count: row.count,
    }));
    return { table: { rows, completion: r.value }, step: r.breakdown };
  }
  const entries = input.targetRows ?? [];
  entries.forEach((e, i) => {
    if (!Object.hasOwn(TARGET_TYPE_ZH, e.type)) {
      throw new CpError('VALIDATION', `targetRows.${i}.type: unknown target type "${String(e.type)}"`, {
        field: `targetRows.${i}.type`,
      });
    }
  });
  const types: TargetType[] = [...TABLE73_ORDER];
  if (entries.some((e) => e.type === 'other')) types.push('other');
  const rows = types.map((type) => {
    const of = entries.filter((e) => e.type === type);
    return {
      type,
      label: TARGET_TYPE_ZH[type],
      target: of.length === 0 ? '—' : of.map((e) => e.target).join('；'),
      completion: of.length === 0 ? '—' : of.map((e) => e.completion).join('；'),
      count: of.length,
    };
  });
  const step: Breakdown | null =
    entries.length === 0
      ? null
      : {
          label: '审核目标完成情况（预先给出） / target completion (given)',
          clause: CLAUSE_73,
          inputs: [{ name: 'targetRows', value: entries.length }],
          factors: [],
          result: entries.length,
        };
  return { table: { rows, completion: null }, step };
}

/**
 * Table 7.2 and 7.3 of Appendix B from the options of an industry audit (one pass over the options).
 * Implemented options count at their actual investment, economic benefit and benefits when given and
 * `useActualWhenImplemented` (default); pending ones at their expected figures.
 * @throws CpError VALIDATION / NEGATIVE_QUANTITY / UNIT naming `options.i.…` or `settings.…`.
 */
export function aggregateIndustryReport(input: IndustryReportInput): Traced<IndustryReport> {
  const settings = resolveSettings(input.settings);
  const scan = scanOptions(input.options, settings);
  const t = combineTotals(scan.benefits[0], scan.benefits[1]);

  const environmentalBenefits: Table72Cell[] = TABLE72_ENVIRONMENTAL_CELLS.map((c) => ({
    key: c.item,
    label: c.label,
    ...(c.printedLabel === undefined ? {} : { printedLabel: c.printedLabel }),
    value: pollutant(t, c.item),
    unit: 't/a',
  }));

  // 节综合能耗: lines given directly plus the energy savings of the other options converted to standard coal.
  const given_tce = saving(t, 'comprehensive-energy');
  const computed = settings.computeComprehensiveEnergy ? carriersToStandardCoal(t.carriers, settings) : null;
  const computed_tce = computed?.value ?? 0;

  const base: Record<string, number> = {
    water: saving(t, 'water'),
    electricity: saving(t, 'electricity'),
    coal: saving(t, 'coal'),
    oil: saving(t, 'oil'),
    'natural-gas': saving(t, 'natural-gas'),
    steam: saving(t, 'steam'),
    'comprehensive-energy': given_tce + computed_tce,
  };
  const baseUnit: Record<string, string> = {
    water: 't/a',
    electricity: 'kWh/a',
    coal: 't/a',
    oil: 't/a',
    'natural-gas': 'm3/a',
    steam: 't/a',
    'comprehensive-energy': 'tce/a',
  };
  const resourceEnergySavings: Table72Cell[] = TABLE72_SAVING_CELLS.map((c) => ({
    key: c.item,
    label: c.label,
    // 7.2 prints 节电 in 万度/年 and 节天然气 in 万m3/年: converted with the units module.
    value: convertValue(base[c.item] ?? 0, baseUnit[c.item] ?? c.unit, c.unit),
    unit: c.unit,
  }));

  const table72: Table72 = {
    columns: TABLE72_COLUMNS,
    optionCount: byColumn(scan, (b) => b.count),
    investment_wanYuan: byColumn(scan, (b) => b.investment_wanYuan),
    economicBenefit_wanYuanPerYear: byColumn(scan, (b) => b.economicBenefit_wanYuanPerYear),
    environmentalBenefits,
    otherPollutants: [...t.otherPollutants.values()],
    resourceEnergySavings,
    otherResources: [...t.otherResources.values()],
    comprehensiveEnergy: {
      given_tce,
      computed_tce,
      optionsGiven: t.ceGivenOptions,
      optionsComputed: t.ceComputedOptions,
    },
    notInTable: { pendingNoLowCost: { ...scan.noLowPending }, byStatus: { ...scan.notCountedByStatus } },
  };
  const t73 = buildTable73(input);
  const table73 = t73.table;

  const ex = scanExplanation(scan);
  const steps: Breakdown[] = [
    {
      label: '方案个数、投资金额、经济效益 / counts, investment, economic benefit',
      formula: '总计 = 已实施无/低费 + 中/高费已实施 + 中/高费待实施; 类型列 = 已实施方案按类型',
      clause: CLAUSE_72,
      inputs: [
        { name: '已实施无/低费方案', value: table72.optionCount['no-low-implemented'] },
        { name: '中/高费已实施', value: table72.optionCount['mid-high-implemented'] },
        { name: '中/高费待实施', value: table72.optionCount['mid-high-pending'] },
        { name: 'pending no/low-cost options (no column)', value: scan.noLowPending.count },
      ],
      factors: [thresholdFactor(settings)],
      result: table72.optionCount.total,
      unit: '个',
    },
  ];
  if (computed) {
    steps.push({
      ...computed.breakdown,
      notes: [
        ...(computed.breakdown.notes ?? []),
        `${t.ceComputedOptions} option(s) without a comprehensive-energy line; ${t.ceGivenOptions} option(s) gave one (${given_tce} tce/a)`,
      ],
    });
  }
  if (t73.step) steps.push(t73.step);
  return traced(
    { table72, table73 },
    {
      label: '行业清洁生产审核绩效评估（附录B 表7.2、7.3） / industry audit performance tables',
      clause: CLAUSE_72,
      inputs: ex.inputs,
      factors: ex.factors,
      result: `${table72.optionCount.total} options`,
      steps,
      notes: ex.notes,
    },
  );
}
