import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { aggregateIndustryReport, type Table72 } from './industry-report.ts';
import type { CpOption } from './option.ts';
import { DEFAULT_AGGREGATION_SETTINGS } from './settings.ts';
import { TABLE72_COLUMNS } from './tables.ts';
import { SAMPLE_OPTIONS } from './test-options.ts';

function cell(list: Table72['environmentalBenefits'], key: string): number | undefined {
  return list.find((c) => c.key === key)?.value;
}

function sample(id: string): CpOption {
  const o = SAMPLE_OPTIONS.find((x) => x.id === id);
  if (!o) throw new Error(`no sample option ${id}`);
  return o;
}

function errorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

describe('aggregateIndustryReport: table 7.2 from the sample options (default settings)', () => {
  const r = aggregateIndustryReport({ options: SAMPLE_OPTIONS });
  const t = r.value.table72;

  it('has the printed columns of table 7.2', () => {
    expect(t.columns.map((c) => c.label)).toEqual([
      '已实施无/低费方案',
      '已实施',
      '待实施',
      '源头替代方案',
      '工艺革新方案',
      '末端治理方案',
      '环境管理方案',
      '总计',
    ]);
    expect(TABLE72_COLUMNS[1].header).toBe('中/高费方案');
  });

  it('方案个数（个）', () => {
    // no/low implemented: O1 (2 万元), O5 (0.5) → 2. mid/high implemented: O2, O3, O4 → 3.
    // mid/high pending: O6 (60), O7 (3, costClass mid-high) → 2. total = 2 + 3 + 2 = 7.
    // Classes of the 5 implemented: O1 源头替代; O2, O3 工艺革新; O4 末端治理; O5 环境管理.
    expect(t.optionCount).toEqual({
      'no-low-implemented': 2,
      'mid-high-implemented': 3,
      'mid-high-pending': 2,
      'source-substitution': 1,
      'process-innovation': 2,
      'end-of-pipe': 1,
      'environmental-management': 1,
      total: 7,
    });
  });

  it('投资金额（万元）: actual investment for implemented options, planned for pending', () => {
    // no/low: O1 actual 1.5 + O5 0.5 = 2. mid/high implemented: O2 actual 85 + O3 30 + O4 actual 110 = 225.
    // pending: O6 60 + O7 3 = 63. total = 2 + 225 + 63 = 290. Classes: 1.5; 85 + 30 = 115; 110; 0.5.
    expect(t.investment_wanYuan).toEqual({
      'no-low-implemented': 2,
      'mid-high-implemented': 225,
      'mid-high-pending': 63,
      'source-substitution': 1.5,
      'process-innovation': 115,
      'end-of-pipe': 110,
      'environmental-management': 0.5,
      total: 290,
    });
  });

  it('经济效益（万元/年）', () => {
    // no/low: O1 actual 3.5 + O5 1.2 = 4.7. mid/high implemented: O2 20 + O3 12 + O4 (−2) = 30.
    // pending: O6 15 + O7 1 = 16. total = 4.7 + 30 + 16 = 50.7.
    const e = t.economicBenefit_wanYuanPerYear;
    expect(e['no-low-implemented']).toBeCloseTo(4.7, 12);
    expect(e['mid-high-implemented']).toBe(30);
    expect(e['mid-high-pending']).toBe(16);
    expect(e['source-substitution']).toBe(3.5);
    expect(e['process-innovation']).toBe(32);
    expect(e['end-of-pipe']).toBe(-2);
    expect(e['environmental-management']).toBe(1.2);
    expect(e.total).toBeCloseTo(50.7, 12);
  });

  it('options in no column are reported apart', () => {
    // O8 pending but no/low (2 万元); O9 rejected.
    expect(t.notInTable.pendingNoLowCost).toEqual({
      count: 1,
      investment_wanYuan: 2,
      economicBenefit_wanYuanPerYear: 0.5,
    });
    expect(t.notInTable.byStatus.rejected).toBe(1);
    expect(t.notInTable.byStatus.proposed).toBe(0);
  });

  it('环境效益 in t/a, printed order, COD and 总氮 in the two … cells', () => {
    const env = t.environmentalBenefits;
    expect(env.map((c) => c.label)).toEqual([
      '废水减排（吨/年）',
      '废气减排（吨/年）',
      '一般工业固废减排（吨/年）',
      '危险废物减排（吨/年）',
      '氨氮减排（吨/年）',
      'SO2减排（吨/年）',
      '总磷减排（吨/年）',
      'NOx减排（吨/年）',
      '第一类污染物减排（吨/年）',
      '颗粒物减排（吨/年）',
      'COD减排（吨/年）',
      'CO2减排（吨/年）',
      '总氮减排（吨/年）',
      'VOCs减排（吨/年）',
    ]);
    expect(env.filter((c) => c.printedLabel === '…').map((c) => c.key)).toEqual(['cod', 'tn']);
    expect(cell(env, 'wastewater')).toBe(12_000); // O2 12 000 m3/a × 1 t/m3
    expect(cell(env, 'waste-gas')).toBe(1000); // O4
    expect(cell(env, 'general-solid-waste')).toBe(20); // O5
    expect(cell(env, 'hazardous-waste')).toBe(5); // O3
    expect(cell(env, 'nh3n')).toBe(1.2); // O2
    expect(cell(env, 'so2')).toBe(15); // O4
    expect(cell(env, 'tp')).toBe(0); // only O6, which is pending
    expect(cell(env, 'nox')).toBe(8); // O4
    expect(cell(env, 'class-i-pollutants')).toBe(0.05); // O2 50 kg/a = 0.05 t/a
    expect(cell(env, 'particulates')).toBe(3.5); // O4
    expect(cell(env, 'cod')).toBe(1.8); // O1 actual 1800 kg/a (not the expected 2 t/a); O9 rejected
    expect(cell(env, 'co2')).toBe(1000); // O3
    expect(cell(env, 'tn')).toBe(2); // O2 2 吨/年
    expect(cell(env, 'vocs')).toBe(0.5); // O1
    expect(env.every((c) => c.unit === 't/a')).toBe(true);
  });

  it('其他污染物 by name, summed across options', () => {
    // 氟化物: O1 0.2 t/a + O4 500 kg/a = 0.7 t/a.
    expect(t.otherPollutants).toHaveLength(1);
    expect(t.otherPollutants[0]?.name).toBe('氟化物');
    expect(t.otherPollutants[0]?.quantity).toBeCloseTo(0.7, 12);
    expect(t.otherPollutants[0]?.unit).toBe('t/a');
  });

  it('资源能源节约 in the printed units (节电 万度/年, 天然气 万m3/年)', () => {
    const s = t.resourceEnergySavings;
    expect(s.map((c) => `${c.label}=${c.unit}`)).toEqual([
      '节水（吨/年）=t/a',
      '节电（万度/年）=万kWh/a',
      '节煤（吨/年）=t/a',
      '节油（吨/年）=t/a',
      '节天然气（万m3/年）=万m3/a',
      '节蒸汽（吨/年）=t/a',
      '节综合能耗（吨标煤/年）=tce/a',
    ]);
    expect(cell(s, 'water')).toBe(5000); // O5
    expect(cell(s, 'electricity')).toBe(32); // O2 50 + O4 (−20) + O5 2 = 32 万kWh/a
    expect(cell(s, 'coal')).toBe(200); // O3
    expect(cell(s, 'oil')).toBe(10); // O3
    expect(cell(s, 'natural-gas')).toBe(5); // O3 5 万m3/a
    expect(cell(s, 'steam')).toBe(300); // O3
    expect(t.otherResources).toEqual([{ name: '压缩空气', quantity: 10_000, unit: 'm3/a' }]);
  });

  it('节综合能耗: given lines plus the energy savings of the other options at GB/T 2589 coefficients', () => {
    // Given: O5 10 tce/a (its 2 万kWh is not converted again).
    // Computed (O2, O3, O4): electricity (500 000 − 200 000) kWh × 0.1229 kgce/kWh = 36 870 kgce = 36.87 tce;
    // 原煤 200 t × 0.7143 = 142.86 tce; 原油 10 t × 1.4286 = 14.286 tce (注13);
    // 天然气 50 000 m3 × 1.2143 kgce/m3 = 60.715 tce; 低压蒸汽 300 t × 0.1286 kgce/kg = 38.58 tce.
    // Sum = 36.87 + 142.86 + 14.286 + 60.715 + 38.58 = 293.311; total 303.311 tce/a.
    expect(t.comprehensiveEnergy.given_tce).toBe(10);
    expect(t.comprehensiveEnergy.computed_tce).toBeCloseTo(293.311, 9);
    expect(t.comprehensiveEnergy.optionsGiven).toBe(1);
    expect(t.comprehensiveEnergy.optionsComputed).toBe(3);
    expect(cell(t.resourceEnergySavings, 'comprehensive-energy')).toBeCloseTo(303.311, 9);
    const step = r.breakdown.steps?.find((s) => s.label.includes('节综合能耗'));
    expect(step?.steps).toHaveLength(5);
  });

  it('records which implemented options used actual vs expected benefits', () => {
    const inputs = Object.fromEntries(r.breakdown.inputs.map((i) => [i.name, i.value]));
    // actual: O1, O3, O4; expected: O2, O5.
    expect(inputs['implemented options using actual benefits']).toBe(3);
    expect(inputs['implemented options using expected benefits']).toBe(2);
    expect(r.breakdown.notes?.some((n) => n.includes('O2, O5'))).toBe(true);
    expect(r.breakdown.factors.map((f) => f.id)).toContain('aggregation.no-low-cost-below');
    expect(r.breakdown.factors.map((f) => f.id)).toContain('fresh-water.density');
    expect(r.breakdown.clause?.clause).toContain('附录B 7.2');
  });
});

describe('settings change the classification', () => {
  it('a 100 万元 threshold moves O2 and O3 to no/low; O7 keeps its own class', () => {
    const t = aggregateIndustryReport({
      options: SAMPLE_OPTIONS,
      settings: { noLowCostBelow_wanYuan: 100 },
    }).value.table72;
    // no/low implemented: O1, O5, O2 (80), O3 (30) → 4; mid/high implemented: O4 (120) → 1.
    // pending: O6 (60) is now no/low → no column; O7 costClass mid-high → 1.
    expect(t.optionCount['no-low-implemented']).toBe(4);
    expect(t.optionCount['mid-high-implemented']).toBe(1);
    expect(t.optionCount['mid-high-pending']).toBe(1);
    expect(t.optionCount.total).toBe(6);
    // no/low investment: 1.5 + 0.5 + 85 + 30 = 117.
    expect(t.investment_wanYuan['no-low-implemented']).toBe(117);
    expect(t.notInTable.pendingNoLowCost.count).toBe(2); // O6, O8
  });
  it('the threshold is exclusive: an investment equal to it is mid/high', () => {
    const t = aggregateIndustryReport({
      options: SAMPLE_OPTIONS,
      settings: { noLowCostBelow_wanYuan: 0.5 },
    }).value.table72;
    // O5 0.5 is not < 0.5 → mid/high; O1 2 → mid/high. Only no/low: none.
    expect(t.optionCount['no-low-implemented']).toBe(0);
    expect(t.optionCount['mid-high-implemented']).toBe(5);
  });
  it('type → class mapping is a setting', () => {
    const t = aggregateIndustryReport({
      options: SAMPLE_OPTIONS,
      settings: { typeClass: { 'energy-saving': 'environmental-management' } },
    }).value.table72;
    // O3 moves from 工艺革新 to 环境管理.
    expect(t.optionCount['process-innovation']).toBe(1);
    expect(t.optionCount['environmental-management']).toBe(2);
    expect(t.investment_wanYuan['environmental-management']).toBe(30.5);
  });
  it('statuses are settings: screened counts as pending, verified not as implemented', () => {
    const options: CpOption[] = SAMPLE_OPTIONS.map((o) => (o.id === 'O9' ? { ...o, status: 'screened' } : o));
    const t = aggregateIndustryReport({
      options,
      settings: {
        implementedStatuses: ['implemented'],
        pendingStatuses: ['feasible', 'implementing', 'screened'],
      },
    }).value.table72;
    // O2 (verified) drops out of implemented (no column); O9 (screened, 200 万元) becomes mid/high pending.
    expect(t.optionCount['mid-high-implemented']).toBe(2);
    expect(t.optionCount['mid-high-pending']).toBe(3);
    expect(t.notInTable.byStatus.verified).toBe(1);
    expect(cell(t.environmentalBenefits, 'nh3n')).toBe(0); // O2's benefits no longer count
  });
  it('useActualWhenImplemented false: expected figures everywhere', () => {
    const t = aggregateIndustryReport({
      options: SAMPLE_OPTIONS,
      settings: { useActualWhenImplemented: false },
    }).value.table72;
    // O1 planned 2 + O5 0.5 = 2.5; COD from O1's expected 2 t/a; O3 and O4 have no expected lines.
    expect(t.investment_wanYuan['no-low-implemented']).toBe(2.5);
    expect(cell(t.environmentalBenefits, 'cod')).toBe(2);
    expect(cell(t.environmentalBenefits, 'so2')).toBe(0);
  });
  it('benefitsFrom implemented-and-pending adds O6’s total phosphorus', () => {
    const t = aggregateIndustryReport({
      options: SAMPLE_OPTIONS,
      settings: { benefitsFrom: 'implemented-and-pending' },
    }).value.table72;
    expect(cell(t.environmentalBenefits, 'tp')).toBe(0.3);
  });
  it('computeComprehensiveEnergy false keeps only given lines', () => {
    const t = aggregateIndustryReport({
      options: SAMPLE_OPTIONS,
      settings: { computeComprehensiveEnergy: false },
    }).value.table72;
    expect(cell(t.resourceEnergySavings, 'comprehensive-energy')).toBe(10);
  });
  it('electricity at 等价值 (reference table 4.04 tce/万kWh)', () => {
    const t = aggregateIndustryReport({
      options: SAMPLE_OPTIONS,
      settings: { electricityBasis: 'equal-value' },
    }).value.table72;
    // 30 万kWh × 4.04 = 121.2 tce instead of 36.87: 293.311 − 36.87 + 121.2 = 377.641 computed.
    expect(t.comprehensiveEnergy.computed_tce).toBeCloseTo(377.641, 9);
  });
  it('defaults are stated', () => {
    expect(DEFAULT_AGGREGATION_SETTINGS.noLowCostBelow_wanYuan).toBe(5);
    expect(DEFAULT_AGGREGATION_SETTINGS.implementedStatuses).toEqual(['implemented', 'verified']);
    expect(DEFAULT_AGGREGATION_SETTINGS.pendingStatuses).toEqual(['feasible', 'implementing']);
    expect(DEFAULT_AGGREGATION_SETTINGS.typeClass['resource-reuse']).toBe('process-innovation');
  });
});

describe('unit conversions and unit errors', () => {
  const one = (benefits: CpOption['benefits']): CpOption[] => [
    {
      id: 'A',
      name: 'a',
      scope: 'enterprise',
      type: 'energy-saving',
      isKey: false,
      status: 'implemented',
      investment_wanYuan: 1,
      benefits,
    },
  ];
  it('度/a, kWh (annual without /a), MWh/a → 万kWh/a', () => {
    const t = aggregateIndustryReport({
      options: one([
        { item: 'electricity', quantity: 123_456, unit: '度/a' },
        { item: 'electricity', quantity: 6544, unit: 'kWh' },
        { item: 'electricity', quantity: 10, unit: 'MWh/a' },
      ]),
    }).value.table72;
    // 123 456 + 6 544 + 10 000 = 140 000 kWh = 14 万kWh.
    expect(cell(t.resourceEnergySavings, 'electricity')).toBe(14);
  });
  it('natural gas in m3/a → 万m3/a, water in m3 with the density setting', () => {
    const t = aggregateIndustryReport({
      options: one([
        { item: 'natural-gas', quantity: 25_000, unit: 'm³/a' },
        { item: 'water', quantity: 300, unit: 'm3/a' },
      ]),
      settings: { waterDensity_tPerM3: 1.02 },
    }).value.table72;
    expect(cell(t.resourceEnergySavings, 'natural-gas')).toBe(2.5);
    expect(cell(t.resourceEnergySavings, 'water')).toBeCloseTo(306, 9); // 300 × 1.02
  });
  it('CO2 as tCO2/a, t/a or kgCO2/a', () => {
    const t = aggregateIndustryReport({
      options: one([
        { item: 'co2', quantity: 1, unit: 'tCO2/a' },
        { item: 'co2', quantity: 2, unit: 't/a' },
        { item: 'co2', quantity: 500, unit: 'kgCO2/a' },
      ]),
    }).value.table72;
    expect(cell(t.environmentalBenefits, 'co2')).toBe(3.5);
  });
  it('a wrong dimension is a UNIT error naming options.i.benefits.j.unit', () => {
    const options = [...SAMPLE_OPTIONS.slice(0, 3), ...one([{ item: 'cod', quantity: 1, unit: 't/a' }])];
    const bad = options.map((o, i) =>
      i === 3
        ? {
            ...o,
            benefits: [
              { item: 'cod' as const, quantity: 1, unit: 't/a' },
              { item: 'electricity' as const, quantity: 1, unit: 't/a' },
            ],
          }
        : o,
    );
    const e = errorOf(() => aggregateIndustryReport({ options: bad }));
    expect(e.code).toBe('UNIT');
    expect(e.field).toBe('options.3.benefits.1.unit');
    expect(e.message).toContain('expected energy');
  });
  it('a rate per hour, an unknown unit, a volume of waste gas are UNIT errors', () => {
    expect(
      errorOf(() => aggregateIndustryReport({ options: one([{ item: 'so2', quantity: 1, unit: 'kg/h' }]) }))
        .code,
    ).toBe('UNIT');
    expect(
      errorOf(() => aggregateIndustryReport({ options: one([{ item: 'so2', quantity: 1, unit: 'jin' }]) }))
        .field,
    ).toBe('options.0.benefits.0.unit');
    expect(
      errorOf(() =>
        aggregateIndustryReport({ options: one([{ item: 'waste-gas', quantity: 1, unit: '万m3/a' }]) }),
      ).code,
    ).toBe('UNIT');
  });
  it('bad units in actualBenefits and in options that do not count are still reported', () => {
    const pending: CpOption = { ...sample('O6'), benefits: [{ item: 'tp', quantity: 1, unit: 'kWh' }] };
    expect(errorOf(() => aggregateIndustryReport({ options: [pending] })).field).toBe(
      'options.0.benefits.0.unit',
    );
  });
});

describe('bad input', () => {
  const base = sample('O1');
  it('negative investment, non-finite quantity, duplicate id, unknown type, missing name of other', () => {
    expect(
      errorOf(() => aggregateIndustryReport({ options: [{ ...base, investment_wanYuan: -1 }] })).code,
    ).toBe('NEGATIVE_QUANTITY');
    const nan = errorOf(() =>
      aggregateIndustryReport({
        options: [{ ...base, actualBenefits: [{ item: 'cod', quantity: Number.NaN, unit: 't/a' }] }],
      }),
    );
    expect(nan.field).toBe('options.0.actualBenefits.0.quantity');
    expect(errorOf(() => aggregateIndustryReport({ options: [base, base] })).field).toBe('options.1.id');
    const unknownType = JSON.parse(JSON.stringify({ ...base, type: 'magic' }));
    expect(errorOf(() => aggregateIndustryReport({ options: [unknownType] })).field).toBe('options.0.type');
    const noName = JSON.parse(
      JSON.stringify({ ...base, actualBenefits: [{ item: 'other-pollutant', quantity: 1, unit: 't/a' }] }),
    );
    expect(errorOf(() => aggregateIndustryReport({ options: [noName] })).field).toBe(
      'options.0.actualBenefits.0.name',
    );
  });
  it('bad settings', () => {
    expect(
      errorOf(() => aggregateIndustryReport({ options: [], settings: { noLowCostBelow_wanYuan: -1 } })).field,
    ).toBe('settings.noLowCostBelow_wanYuan');
    expect(
      errorOf(() => aggregateIndustryReport({ options: [], settings: { pendingStatuses: ['implemented'] } }))
        .field,
    ).toBe('settings.pendingStatuses');
    expect(
      errorOf(() =>
        aggregateIndustryReport({ options: [], settings: { energyCarriers: { coal: 'unobtainium' } } }),
      ).code,
    ).toBe('UNKNOWN_REFERENCE');
  });
});

describe('empty input', () => {
  it('all zeros, not errors', () => {
    const r = aggregateIndustryReport({ options: [] });
    const t = r.value.table72;
    expect(Object.values(t.optionCount).every((v) => v === 0)).toBe(true);
    expect(Object.values(t.investment_wanYuan).every((v) => v === 0)).toBe(true);
    expect(Object.values(t.economicBenefit_wanYuanPerYear).every((v) => v === 0)).toBe(true);
    expect(t.environmentalBenefits.every((c) => c.value === 0)).toBe(true);
    expect(t.resourceEnergySavings.every((c) => c.value === 0)).toBe(true);
    expect(t.otherPollutants).toEqual([]);
    expect(t.otherResources).toEqual([]);
    expect(r.value.table73.rows.map((row) => row.label)).toEqual([
      '污染物减排',
      '温室气体减排',
      '资源能源利用',
      '清洁生产水平提升',
    ]);
  });
});

describe('table 7.3', () => {
  it('from precomputed entries: grouped under the four printed types, joined by ；', () => {
    const r = aggregateIndustryReport({
      options: [],
      targetRows: [
        { type: 'pollutant', target: 'COD排放量削减10%', completion: '削减12%，已完成' },
        { type: 'cp-level', target: '二级及以上企业占比≥60%', completion: '55%，未完成' },
        { type: 'pollutant', target: '氨氮削减8%', completion: '削减9%，已完成' },
      ],
    });
    const rows = r.value.table73.rows;
    expect(rows.map((x) => x.label)).toEqual([
      '污染物减排',
      '温室气体减排',
      '资源能源利用',
      '清洁生产水平提升',
    ]);
    expect(rows[0]?.target).toBe('COD排放量削减10%；氨氮削减8%');
    expect(rows[0]?.count).toBe(2);
    expect(rows[1]?.target).toBe('—');
    expect(rows[3]?.completion).toBe('55%，未完成');
    expect(r.value.table73.completion).toBeNull();
  });
  it('an other-type entry adds the 其他 row', () => {
    const r = aggregateIndustryReport({
      options: [],
      targetRows: [{ type: 'other', target: '危险废物规范化管理', completion: '已完成' }],
    });
    expect(r.value.table73.rows.map((x) => x.label).at(-1)).toBe('其他');
  });
  it('from the targets module: a COD target of −10 % met at −12 %', () => {
    const r = aggregateIndustryReport({
      options: [],
      targets: [
        {
          id: 'T1',
          type: 'pollutant',
          indicator: 'COD排放量',
          unit: 't/a',
          kind: 'percent',
          direction: 'decrease',
          baseline: 100,
          nearTerm: 10,
          actual: 88,
        },
      ],
    });
    // Planned change 100 × 10 % = 10 t/a; achieved 100 − 88 = 12 t/a → 完成率 12 / 10 = 120 %.
    const c = r.value.table73.completion;
    expect(c?.rows[0]?.near.completion_percent).toBeCloseTo(120, 9);
    expect(r.value.table73.rows[0]?.count).toBe(1);
    expect(r.value.table73.rows[0]?.completion).toContain('已完成');
    expect(r.breakdown.steps?.some((s) => s.label.includes('表7.3'))).toBe(true);
  });
  it('targets and targetRows together, or an unknown type, are VALIDATION errors', () => {
    expect(
      errorOf(() =>
        aggregateIndustryReport({
          options: [],
          targets: [],
          targetRows: [],
        }),
      ).field,
    ).toBe('targetRows');
    const bad = JSON.parse('[{"type":"noise","target":"x","completion":"y"}]');
    expect(errorOf(() => aggregateIndustryReport({ options: [], targetRows: bad })).field).toBe(
      'targetRows.0.type',
    );
  });
});
