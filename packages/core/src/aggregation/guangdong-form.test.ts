import { describe, expect, it } from 'vitest';
import type { GridFactor } from '../carbon/index.ts';
import { CpError } from '../errors.ts';
import { aggregateGuangdongForm, type GdRow } from './guangdong-form.ts';
import { SAMPLE_OPTIONS } from './test-options.ts';

/** A user-cited factor: 广东 2022 0.4403 tCO2/MWh (the MEE/NBS provincial value, shared facts §2.1). */
const GRID: GridFactor = {
  id: 'test.guangdong.2022',
  series: 'user',
  scope: 'province',
  region: '广东',
  dataYear: 2022,
  value_tCO2PerMWh: 0.4403,
  source: { document: '生态环境部 国家统计局 2022年电力二氧化碳排放因子（测试引用）', status: 'user' },
};

function row(rows: GdRow[], key: string): Record<string, number> {
  const r = rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}`);
  return r.values;
}

describe('aggregateGuangdongForm on the sample options', () => {
  const r = aggregateGuangdongForm({ options: SAMPLE_OPTIONS, gridFactor: GRID });
  const v = r.value;

  it('本轮清洁生产方案汇总: proposed at planned investment, implemented at actual', () => {
    // Proposed (every status): key O2 80 + O3 30 + O4 120 + O9 200 = 430 (4);
    // general O1 2 + O5 0.5 + O6 60 + O7 3 + O8 2 = 67.5 (5); total 9, 497.5.
    expect(v.optionSummary.proposed).toEqual({
      key: { count: 4, investment_wanYuan: 430 },
      general: { count: 5, investment_wanYuan: 67.5 },
      total: { count: 9, investment_wanYuan: 497.5 },
    });
    // Implemented: key O2 85 + O3 30 + O4 110 = 225 (3); general O1 1.5 + O5 0.5 = 2 (2); total 5, 227.
    expect(v.optionSummary.implemented).toEqual({
      key: { count: 3, investment_wanYuan: 225 },
      general: { count: 2, investment_wanYuan: 2 },
      total: { count: 5, investment_wanYuan: 227 },
    });
  });

  it('环境效益汇总: printed columns, … expanded (note 12), 其他减排量 last', () => {
    const env = v.environmentalSummary;
    expect(env.columns.map((c) => c.label)).toEqual([
      '废水（吨/年）',
      'COD（吨/年）',
      '氨氮（吨/年）',
      'SO2（吨/年）',
      '氮氧化物（吨/年）',
      '总磷（吨/年）', // note 12, shown by default even at 0
      '总氮（吨/年）', // non-zero (O2)
      '烟粉尘（吨/年）',
      'VOCs（吨/年）',
      '二氧化碳（吨/年）',
      '废气（吨/年）', // non-zero (O4)
      '第一类污染物（吨/年）', // non-zero (O2)
      '危险废物（吨/年）',
      '一般工业固体废物（吨/年）',
      '其他减排量（吨/年）',
    ]);
    expect(env.columns.filter((c) => !c.printed).map((c) => c.key)).toEqual([
      'tp',
      'tn',
      'particulates',
      'vocs',
      'co2',
      'waste-gas',
      'class-i-pollutants',
    ]);
    expect(env.rows.map((x) => x.label)).toEqual(['重点方案', '一般方案', '合计']);
    // Key (O2, O3, O4): wastewater 12 000 (O2), NH3-N 1.2, TN 2, class I 0.05 (O2); SO2 15, NOx 8,
    // particulates 3.5, waste gas 1000, 氟化物 0.5 (O4); hazardous 5, CO2 1000 (O3).
    expect(row(env.rows, 'key')).toEqual({
      wastewater: 12_000,
      cod: 0,
      nh3n: 1.2,
      so2: 15,
      nox: 8,
      tp: 0,
      tn: 2,
      particulates: 3.5,
      vocs: 0,
      co2: 1000,
      'waste-gas': 1000,
      'class-i-pollutants': 0.05,
      'hazardous-waste': 5,
      'general-solid-waste': 0,
      other: 0.5,
    });
    // General (O1, O5): COD 1.8 and VOCs 0.5 and 氟化物 0.2 (O1 actual); general solid waste 20 (O5).
    const g = row(env.rows, 'general');
    expect([g.cod, g.vocs, g['general-solid-waste'], g.other, g.wastewater]).toEqual([1.8, 0.5, 20, 0.2, 0]);
    const t = row(env.rows, 'total');
    expect(t.cod).toBe(1.8);
    expect(t.other).toBeCloseTo(0.7, 12); // 0.5 + 0.2
    expect(t.wastewater).toBe(12_000);
    expect(env.otherPollutants).toEqual([
      { row: 'key', name: '氟化物', quantity: 0.5, unit: 't/a', inOtherColumn: true },
      { row: 'general', name: '氟化物', quantity: 0.2, unit: 't/a', inOtherColumn: true },
    ]);
  });

  it('资源能源节约与经济效益汇总 with CO2 per notes 13–14', () => {
    const s = v.savingsSummary;
    expect(s.columns.filter((c) => c.printed).map((c) => c.label)).toEqual([
      '节水（吨/年）',
      '节电（度/年）',
      '节电的碳减排量（吨二氧化碳当量/年）',
      '节煤（吨/年）',
      '碳减排总量（吨二氧化碳当量/年）',
      '经济效益（万元/年）',
    ]);
    const key = row(s.rows, 'key');
    // 节电: O2 500 000 − O4 200 000 = 300 000 度; × 0.4403 tCO2/MWh = 300 × 0.4403 = 132.09 tCO2.
    expect(key.electricity).toBe(300_000);
    expect(key['electricity-co2']).toBeCloseTo(132.09, 9);
    // 节煤 200 t as standard coal × 2.7725 = 554.5.
    expect(key['coal-co2']).toBeCloseTo(554.5, 9);
    // 节油 10 t × 1.4286 tce/t × 2.7725 = 14.286 × 2.7725 = 39.607935.
    expect(key['oil-co2']).toBeCloseTo(39.607935, 9);
    // 节天然气 50 000 m3 × 1.2143 kgce/m3 = 60.715 tce × 2.7725 = 168.3323375.
    expect(key['natural-gas']).toBe(50_000);
    expect(key['natural-gas-co2']).toBeCloseTo(168.3323375, 9);
    expect(key.steam).toBe(300);
    // 注14: 132.09 + 554.5 + 39.607935 + 168.3323375 = 894.5302725.
    expect(key['co2-total']).toBeCloseTo(894.5302725, 9);
    // 经济效益: O2 20 + O3 12 + O4 (−2) = 30.
    expect(key['economic-benefit']).toBe(30);

    const general = row(s.rows, 'general');
    // O5: water 5000 t, 2 万kWh = 20 000 度 → 20 × 0.4403 = 8.806 tCO2; 经济效益 O1 3.5 + O5 1.2 = 4.7.
    expect(general.water).toBe(5000);
    expect(general.electricity).toBe(20_000);
    expect(general['co2-total']).toBeCloseTo(8.806, 9);
    expect(general['economic-benefit']).toBeCloseTo(4.7, 12);

    const total = row(s.rows, 'total');
    expect(total.electricity).toBe(320_000);
    expect(total['electricity-co2']).toBeCloseTo(140.896, 9); // 132.09 + 8.806
    expect(total['co2-total']).toBeCloseTo(903.3362725, 9); // 894.5302725 + 8.806
    expect(total['economic-benefit']).toBeCloseTo(34.7, 12);
    expect(s.otherResources).toEqual([{ row: 'general', name: '压缩空气', quantity: 10_000, unit: 'm3/a' }]);
  });

  it('explains itself: carbon steps, grid factor, notes on comprehensive energy and CO2 lines', () => {
    expect(r.breakdown.inputs.find((i) => i.name === 'gridFactor')?.value).toBe('test.guangdong.2022');
    const co2Steps = r.breakdown.steps?.filter((st) => st.label.includes('碳减排总量')) ?? [];
    expect(co2Steps).toHaveLength(2);
    expect(co2Steps[0]?.factors.some((f) => f.value === 0.4403)).toBe(true);
    expect(r.breakdown.notes?.some((n) => n.includes('comprehensive-energy'))).toBe(true);
    expect(r.breakdown.notes?.some((n) => n.includes('twice'))).toBe(true);
    expect(r.breakdown.result).toBeCloseTo(903.3362725, 9);
  });
});

describe('aggregateGuangdongForm options', () => {
  it('one enterprise only', () => {
    const v = aggregateGuangdongForm({ options: SAMPLE_OPTIONS, gridFactor: GRID, enterpriseId: 'E1' }).value;
    // E1: O1, O2, O3, O8, O9. Proposed key O2 80 + O3 30 + O9 200 = 310; general O1 2 + O8 2 = 4.
    expect(v.optionSummary.proposed.key).toEqual({ count: 3, investment_wanYuan: 310 });
    expect(v.optionSummary.proposed.general).toEqual({ count: 2, investment_wanYuan: 4 });
    // Implemented key O2 85 + O3 30 = 115; general O1 1.5.
    expect(v.optionSummary.implemented.total).toEqual({ count: 3, investment_wanYuan: 116.5 });
    expect(row(v.savingsSummary.rows, 'key').electricity).toBe(500_000); // O2 only (O4 is E2)
  });
  it('a gas coefficient chosen within 1.1000–1.3300 (注13)', () => {
    const v = aggregateGuangdongForm({
      options: SAMPLE_OPTIONS,
      gridFactor: GRID,
      gasCoefficient_kgcePerM3: 1.33,
    }).value;
    // 50 000 m3 × 1.33 = 66.5 tce × 2.7725 = 184.37125.
    expect(row(v.savingsSummary.rows, 'key')['natural-gas-co2']).toBeCloseTo(184.37125, 9);
  });
  it('a gas coefficient outside the range is a VALIDATION error', () => {
    expect(() =>
      aggregateGuangdongForm({ options: SAMPLE_OPTIONS, gridFactor: GRID, gasCoefficient_kgcePerM3: 1.5 }),
    ).toThrow(CpError);
  });
  it('proposedStatuses can leave rejected options out', () => {
    const v = aggregateGuangdongForm({
      options: SAMPLE_OPTIONS,
      gridFactor: GRID,
      settings: {
        proposedStatuses: ['proposed', 'screened', 'feasible', 'implementing', 'implemented', 'verified'],
      },
    }).value;
    // O9 (rejected, key, 200) drops out: key 3, 230.
    expect(v.optionSummary.proposed.key).toEqual({ count: 3, investment_wanYuan: 230 });
  });
  it('only the note-12 columns when nothing else is reduced; other pollutants not in t listed apart', () => {
    const v = aggregateGuangdongForm({
      options: [
        {
          id: 'X',
          name: 'x',
          scope: 'enterprise',
          type: 'end-of-pipe',
          isKey: true,
          status: 'implemented',
          investment_wanYuan: 10,
          benefits: [
            { item: 'other-pollutant', name: '恶臭', quantity: 3, unit: '万m3/a' },
            { item: 'other-pollutant', name: '石油类', quantity: 100, unit: 'kg/a' },
          ],
        },
      ],
      gridFactor: GRID,
    }).value;
    expect(v.environmentalSummary.columns.filter((c) => !c.printed).map((c) => c.key)).toEqual([
      'tp',
      'particulates',
      'vocs',
      'co2',
    ]);
    // 其他减排量（吨/年） = 石油类 0.1 t/a only; 恶臭 30 000 m3/a is listed but not in tonnes.
    expect(row(v.environmentalSummary.rows, 'key').other).toBe(0.1);
    expect(v.environmentalSummary.otherPollutants).toEqual([
      { row: 'key', name: '恶臭', quantity: 30_000, unit: 'm3/a', inOtherColumn: false },
      { row: 'key', name: '石油类', quantity: 0.1, unit: 't/a', inOtherColumn: true },
    ]);
  });
  it('empty input: zeros everywhere', () => {
    const v = aggregateGuangdongForm({ options: [], gridFactor: GRID }).value;
    expect(v.optionSummary.proposed.total).toEqual({ count: 0, investment_wanYuan: 0 });
    for (const rw of [...v.environmentalSummary.rows, ...v.savingsSummary.rows]) {
      expect(Object.values(rw.values).every((x) => x === 0)).toBe(true);
    }
  });
  it('a bad unit names the option and line', () => {
    try {
      aggregateGuangdongForm({
        options: [
          {
            id: 'B',
            name: 'b',
            scope: 'enterprise',
            type: 'end-of-pipe',
            isKey: false,
            status: 'implemented',
            investment_wanYuan: 1,
            benefits: [],
            actualBenefits: [{ item: 'water', quantity: 1, unit: 'kWh' }],
          },
        ],
        gridFactor: GRID,
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CpError);
      if (e instanceof CpError) expect(e.field).toBe('options.0.actualBenefits.0.unit');
    }
  });
});
