/**
 * The Guangdong 《强制性清洁生产审核绩效表》 summary tables: 本轮清洁生产方案汇总, 环境效益汇总,
 * 资源能源节约与经济效益汇总 (notes 12–15). CO2 of the savings comes from the carbon module (notes 13–14).
 */
import { co2FromSavings, type GridFactor, type SavingsCo2 } from '../carbon/index.ts';
import { SRC_GD_FORM } from '../reference/source.ts';
import type { Breakdown, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { scanExplanation } from './industry-report.ts';
import type { CpOption, PollutantItem } from './option.ts';
import {
  type BenefitTotals,
  type MoneyBucket,
  type OtherTotal,
  pollutant,
  type ScanResult,
  saving,
  scanOptions,
} from './scan.ts';
import { type AggregationSettingsInput, resolveSettings } from './settings.ts';
import {
  GD_ENVIRONMENTAL_LAYOUT,
  GD_EXTRA_POLLUTANT_LABELS,
  GD_EXTRA_POLLUTANT_ORDER,
  GD_ROWS,
  GD_SAVINGS_COLUMNS,
  type GdRowKey,
  type GdSavingsColumnKey,
} from './tables.ts';

export interface GuangdongFormInput {
  options: readonly CpOption[];
  /** The regional grid factor of the year (注13: OM method), from the carbon module's tables. */
  gridFactor: GridFactor;
  /** 天然气 折标准煤系数 within 1.1000–1.3300 kgce/m3 (注13); the carbon module's default when absent. */
  gasCoefficient_kgcePerM3?: number;
  /** Only the options of this enterprise (the form is filed per enterprise). */
  enterpriseId?: string;
  settings?: AggregationSettingsInput;
}

export interface GdCountInvestment {
  count: number;
  investment_wanYuan: number;
}

/** 本轮清洁生产方案汇总. */
export interface GdOptionSummary {
  proposed: Record<GdRowKey, GdCountInvestment>;
  implemented: Record<GdRowKey, GdCountInvestment>;
}

export interface GdColumn {
  key: string;
  label: string;
  unit: string;
  /** False for columns behind the form's `……`. */
  printed: boolean;
}

export interface GdRow {
  key: GdRowKey;
  label: string;
  values: Record<string, number>;
}

/** 环境效益汇总. */
export interface GdEnvironmentalSummary {
  columns: GdColumn[];
  rows: GdRow[];
  /** What 其他减排量 is made of, per row (mass lines, in t/a), and other lines that are not masses. */
  otherPollutants: { row: GdRowKey; name: string; quantity: number; unit: string; inOtherColumn: boolean }[];
}

/** 资源能源节约与经济效益汇总. */
export interface GdSavingsSummary {
  columns: GdColumn[];
  rows: GdRow[];
  /** Other resources saved (其他), per row, each in its own unit. */
  otherResources: { row: GdRowKey; name: string; quantity: number; unit: string }[];
}

export interface GuangdongFormTotals {
  optionSummary: GdOptionSummary;
  environmentalSummary: GdEnvironmentalSummary;
  savingsSummary: GdSavingsSummary;
}

const CLAUSE_SUMMARY = SRC_GD_FORM('本轮清洁生产方案汇总');
const CLAUSE_ENV = SRC_GD_FORM('环境效益汇总, 注12');
const CLAUSE_SAVINGS = SRC_GD_FORM('资源能源节约与经济效益汇总, 注13、注14、注15');

function ci(b: MoneyBucket): GdCountInvestment {
  return { count: b.count, investment_wanYuan: b.investment_wanYuan };
}

function rowsOf(pair: readonly [MoneyBucket, MoneyBucket]): Record<GdRowKey, GdCountInvestment> {
  const [k, g] = pair;
  return {
    key: ci(k),
    general: ci(g),
    total: { count: k.count + g.count, investment_wanYuan: k.investment_wanYuan + g.investment_wanYuan },
  };
}

function environmental(scan: ScanResult): GdEnvironmentalSummary {
  const [tk, tg] = scan.benefits;
  const s = scan.settings;
  const extra = GD_EXTRA_POLLUTANT_ORDER.filter(
    (item) =>
      s.gdExtraPollutantColumns.includes(item) || pollutant(tk, item) !== 0 || pollutant(tg, item) !== 0,
  );
  const columns: GdColumn[] = [
    ...GD_ENVIRONMENTAL_LAYOUT.before.map((c) => ({
      key: c.item,
      label: c.label,
      unit: 't/a',
      printed: true,
    })),
    ...extra.map((item) => ({
      key: item,
      label: GD_EXTRA_POLLUTANT_LABELS[item],
      unit: 't/a',
      printed: false,
    })),
    ...GD_ENVIRONMENTAL_LAYOUT.after.map((c) => ({
      key: c.item,
      label: c.label,
      unit: 't/a',
      printed: true,
    })),
    {
      key: GD_ENVIRONMENTAL_LAYOUT.other.key,
      label: GD_ENVIRONMENTAL_LAYOUT.other.label,
      unit: 't/a',
      printed: true,
    },
  ];
  const items: PollutantItem[] = [
    ...GD_ENVIRONMENTAL_LAYOUT.before.map((c) => c.item),
    ...extra,
    ...GD_ENVIRONMENTAL_LAYOUT.after.map((c) => c.item),
  ];
  const otherPollutants: GdEnvironmentalSummary['otherPollutants'] = [];
  const valuesOf = (t: BenefitTotals, row: GdRowKey): Record<string, number> => {
    const v: Record<string, number> = {};
    for (const item of items) v[item] = pollutant(t, item);
    // 其他减排量（吨/年）: the named other pollutants given as masses; others are listed apart.
    let other = 0;
    for (const o of t.otherPollutants.values()) {
      const inOtherColumn = o.unit === 't/a';
      if (inOtherColumn) other += o.quantity;
      otherPollutants.push({ row, name: o.name, quantity: o.quantity, unit: o.unit, inOtherColumn });
    }
    v[GD_ENVIRONMENTAL_LAYOUT.other.key] = other;
    return v;
  };
  const key = valuesOf(tk, 'key');
  const general = valuesOf(tg, 'general');
  const total: Record<string, number> = {};
  for (const c of columns) total[c.key] = (key[c.key] ?? 0) + (general[c.key] ?? 0);
  return {
    columns,
    rows: [
      { key: 'key', label: GD_ROWS[0].label, values: key },
      { key: 'general', label: GD_ROWS[1].label, values: general },
      { key: 'total', label: GD_ROWS[2].label, values: total },
    ],
    otherPollutants,
  };
}

interface SavingsRow {
  values: Record<GdSavingsColumnKey, number>;
  co2: Traced<SavingsCo2>;
}

function savingsRow(t: BenefitTotals, econ: number, input: GuangdongFormInput): SavingsRow {
  const electricity_kWh = saving(t, 'electricity');
  const coal_t = saving(t, 'coal');
  const oil_t = saving(t, 'oil');
  const naturalGas_m3 = saving(t, 'natural-gas');
  // 注13–14: CO2 of electricity, coal, oil and gas savings, by the carbon module.
  const co2 = co2FromSavings({
    electricity_kWh,
    coal_t,
    oil_t,
    naturalGas_m3,
    gridFactor: input.gridFactor,
    ...(input.gasCoefficient_kgcePerM3 === undefined
      ? {}
      : { gasCoefficient_kgcePerM3: input.gasCoefficient_kgcePerM3 }),
  });
  const c = co2.value;
  return {
    co2,
    values: {
      water: saving(t, 'water'),
      electricity: electricity_kWh,
      'electricity-co2': c.electricity_tCO2,
      coal: coal_t,
      'coal-co2': c.coal_tCO2,
      oil: oil_t,
      'oil-co2': c.oil_tCO2,
      'natural-gas': naturalGas_m3,
      'natural-gas-co2': c.naturalGas_tCO2,
      steam: saving(t, 'steam'),
      'co2-total': c.total_tCO2,
      'economic-benefit': econ,
    },
  };
}

function sumSavings(
  a: Record<GdSavingsColumnKey, number>,
  b: Record<GdSavingsColumnKey, number>,
): Record<GdSavingsColumnKey, number> {
  const add = (k: GdSavingsColumnKey): number => a[k] + b[k];
  return {
    water: add('water'),
    electricity: add('electricity'),
    'electricity-co2': add('electricity-co2'),
    coal: add('coal'),
    'coal-co2': add('coal-co2'),
    oil: add('oil'),
    'oil-co2': add('oil-co2'),
    'natural-gas': add('natural-gas'),
    'natural-gas-co2': add('natural-gas-co2'),
    steam: add('steam'),
    'co2-total': add('co2-total'),
    'economic-benefit': add('economic-benefit'),
  };
}

function otherResourceRows(t: BenefitTotals, row: GdRowKey): GdSavingsSummary['otherResources'] {
  return [...t.otherResources.values()].map((o: OtherTotal) => ({ row, ...o }));
}

/**
 * The three summary tables of the Guangdong performance form, from one enterprise's options (one pass).
 * 提出的方案 are the options whose status is in `proposedStatuses` (default: all), at their planned investment;
 * 实施的方案 the implemented ones at their actual investment when given. Environmental and savings totals come from
 * the implemented options (setting `benefitsFrom`). 经济效益 (注15) is the options' own economic benefit.
 * @throws CpError VALIDATION / NEGATIVE_QUANTITY / UNIT naming `options.i.…`; the carbon module's errors for a bad
 *   grid factor or gas coefficient.
 */
export function aggregateGuangdongForm(input: GuangdongFormInput): Traced<GuangdongFormTotals> {
  const settings = resolveSettings(input.settings);
  const enterpriseId = input.enterpriseId;
  const scan = scanOptions(
    input.options,
    settings,
    enterpriseId === undefined ? undefined : (o) => o.enterpriseId === enterpriseId,
  );
  const optionSummary: GdOptionSummary = {
    proposed: rowsOf(scan.proposed),
    implemented: rowsOf(scan.implemented),
  };
  const environmentalSummary = environmental(scan);

  // 经济效益 per row: implemented options (and pending ones when benefitsFrom includes them).
  const econOf = (g: 0 | 1): number =>
    scan.implemented[g].economicBenefit_wanYuanPerYear +
    (settings.benefitsFrom === 'implemented-and-pending'
      ? scan.pending[g].economicBenefit_wanYuanPerYear
      : 0);
  const key = savingsRow(scan.benefits[0], econOf(0), input);
  const general = savingsRow(scan.benefits[1], econOf(1), input);
  const total = sumSavings(key.values, general.values);

  const savingsSummary: GdSavingsSummary = {
    columns: GD_SAVINGS_COLUMNS.map((c) => ({
      key: c.key,
      label: c.label,
      unit: c.unit,
      printed: c.printed,
    })),
    rows: [
      { key: 'key', label: GD_ROWS[0].label, values: key.values },
      { key: 'general', label: GD_ROWS[1].label, values: general.values },
      { key: 'total', label: GD_ROWS[2].label, values: total },
    ],
    otherResources: [
      ...otherResourceRows(scan.benefits[0], 'key'),
      ...otherResourceRows(scan.benefits[1], 'general'),
    ],
  };

  const ex = scanExplanation(scan);
  const notes = [...ex.notes];
  const ceLines = scan.benefits[0].ceGivenOptions + scan.benefits[1].ceGivenOptions;
  if (ceLines > 0) {
    notes.push(
      `${ceLines} option(s) gave a comprehensive-energy saving: the form has no column for it and note 14 counts ` +
        'only electricity, coal, oil and gas, so it carries no CO2 here',
    );
  }
  if (pollutant(scan.benefits[0], 'co2') !== 0 || pollutant(scan.benefits[1], 'co2') !== 0) {
    notes.push(
      'CO2 reductions entered as pollutant lines (环境效益汇总) are kept apart from the CO2 of energy savings (注14); ' +
        'check that they do not count the same tonnes twice',
    );
  }
  if (enterpriseId !== undefined) notes.push(`options of enterprise ${enterpriseId} only`);
  const steps: Breakdown[] = [
    {
      label: '本轮清洁生产方案汇总 / option summary',
      clause: CLAUSE_SUMMARY,
      inputs: [
        { name: 'proposedStatuses', value: settings.proposedStatuses.join(',') },
        { name: 'implementedStatuses', value: settings.implementedStatuses.join(',') },
      ],
      factors: [],
      result: `${optionSummary.proposed.total.count} proposed, ${optionSummary.implemented.total.count} implemented`,
    },
    {
      label: '环境效益汇总 / environmental benefits',
      clause: CLAUSE_ENV,
      inputs: [{ name: 'columns', value: environmentalSummary.columns.map((c) => c.key).join(',') }],
      factors: [],
      result: null,
    },
    { ...key.co2.breakdown, label: `重点方案: ${key.co2.breakdown.label}` },
    { ...general.co2.breakdown, label: `一般方案: ${general.co2.breakdown.label}` },
  ];
  return traced(
    { optionSummary, environmentalSummary, savingsSummary },
    {
      label: '广东省强制性清洁生产审核绩效表 汇总 / Guangdong performance form totals',
      formula: '合计 = 重点方案 + 一般方案; 碳减排总量 = 节电 + 节煤 + 节油 + 节天然气的碳减排量 (注14)',
      clause: CLAUSE_SAVINGS,
      inputs: [...ex.inputs, { name: 'gridFactor', value: input.gridFactor.id }],
      factors: ex.factors,
      result: total['co2-total'],
      unit: 'tCO2/a',
      steps,
      notes,
    },
  );
}
