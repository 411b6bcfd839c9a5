import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import type { IndicatorSystem } from '../evaluation/schema.ts';
import { computePotential, potentialFromJson } from './potential.ts';
import type { PotentialInputJson } from './schema.ts';

function errorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

/**
 * Three plating enterprises against 电镀行业清洁生产评价指标体系 (2015) 表1: rinse water per area (L/m², Ⅰ 8, Ⅱ 24)
 * and zinc utilisation (%, Ⅰ 82, Ⅱ 80).
 */
const plating: PotentialInputJson = {
  systemId: 'electroplating-2015-table1',
  indicators: [
    { indicatorId: 'rinse-water-per-area', saves: { kind: 'water' } },
    { indicatorId: 'zinc-utilisation', saves: { kind: 'material', name: '锌' } },
  ],
  enterprises: [
    {
      id: 'E1',
      name: '甲电镀',
      production: { value: 100000, unit: 'm2' },
      values: { 'rinse-water-per-area': 30, 'zinc-utilisation': 75 },
      consumption: { 'zinc-utilisation': { value: 20, unit: 't' } },
    },
    {
      id: 'E2',
      name: '乙电镀',
      production: { value: 50000, unit: 'm2' },
      values: { 'rinse-water-per-area': 20, 'zinc-utilisation': 81 },
      consumption: { 'zinc-utilisation': { value: 10, unit: 't' } },
    },
    {
      id: 'E3',
      name: '丙电镀',
      production: { value: 200000, unit: 'm2' },
      values: { 'rinse-water-per-area': 40 },
    },
  ],
  prices: { water_yuanPerM3: 5 },
};

describe('potential summed over several enterprises', () => {
  it('level II: water (30 − 24) × 100 000 + 0 + (40 − 24) × 200 000 = 3 800 000 L = 3 800 m³; zinc 20 × (1 − 75/80) = 1.25 t', () => {
    const r = computePotential(plating);
    const ii = r.value.levels.find((l) => l.level === 'II');
    expect(ii).toBeDefined();
    const line = (e: string, i: string) => ii?.lines.find((l) => l.enterpriseId === e && l.indicatorId === i);
    expect(line('E1', 'rinse-water-per-area')?.amounts.water_m3).toBeCloseTo(600, 9);
    expect(line('E2', 'rinse-water-per-area')?.saved.value).toBe(0); // 20 ≤ 24: no potential
    expect(line('E2', 'rinse-water-per-area')?.gap).toBe(-4);
    expect(line('E3', 'rinse-water-per-area')?.amounts.water_m3).toBeCloseTo(3200, 9);
    expect(line('E1', 'zinc-utilisation')?.amounts.materials_t.锌).toBeCloseTo(1.25, 12);
    expect(line('E2', 'zinc-utilisation')?.saved.value).toBe(0); // 81 ≥ 80
    expect(ii?.industry.water_m3).toBeCloseTo(3800, 9);
    expect(ii?.industry.materials_t.锌).toBeCloseTo(1.25, 12);
    // Water cost at 5 元/m³: 3 800 × 5 = 19 000 元 = 1.9 万元 (E3 1.6, E1 0.3).
    expect(ii?.industry.total_wanYuan).toBeCloseTo(1.9, 12);
    expect(ii?.byEnterprise.map((e) => [e.id, e.rank])).toEqual([
      ['E3', 1],
      ['E1', 2],
      ['E2', 3],
    ]);
    expect(ii?.byEnterprise[0]?.amounts.total_wanYuan).toBeCloseTo(1.6, 12);
    // E1 share: 600/3 800 of water + 1.25/1.25 of zinc.
    expect(ii?.byEnterprise[1]?.share).toBeCloseTo(600 / 3800 + 1, 12);
    // Today: 30 × 100 000 + 20 × 50 000 + 40 × 200 000 = 12 000 000 L = 12 000 m³ → 3 800/12 000 = 31.7 %.
    const water = ii?.byIndicator.find((b) => b.indicatorId === 'rinse-water-per-area');
    expect(water).toMatchObject({ rank: 1, enterprisesWorse: 2 });
    expect(water?.current?.value).toBeCloseTo(12000, 9);
    expect(water?.percent).toBeCloseTo((3800 / 12000) * 100, 9);
    expect(ii?.targets.map((t) => t.text)).toEqual([
      '全部企业达到Ⅱ级（国内清洁生产先进水平）：用水量（单位产品每次清洗取水量）削减 3800 m3/a，为现状 12000 m3/a 的 31.7%',
      '全部企业达到Ⅱ级（国内清洁生产先进水平）：锌消耗量（锌利用率）削减 1.25 t/a，为现状 30 t/a 的 4.2%',
    ]);
  });

  it('level I: water 2 200 + 600 + 6 400 = 9 200 m³; zinc 20 × 7/82 + 10 × 1/82 = 150/82 t', () => {
    const i = computePotential(plating).value.levels.find((l) => l.level === 'I');
    expect(i?.industry.water_m3).toBeCloseTo(9200, 9);
    expect(i?.industry.materials_t.锌).toBeCloseTo(150 / 82, 12);
    expect(i?.byIndicator.find((b) => b.indicatorId === 'zinc-utilisation')?.enterprisesWorse).toBe(2);
  });
});

const system: IndicatorSystem = {
  id: 'test-system',
  name: '测试指标体系',
  industry: ['3360'],
  year: 2024,
  issuer: '测试',
  source: { document: '测试指标体系', status: 'user' },
  method: 'ygk-2013',
  groups: [
    {
      id: 'g',
      name: '资源能源',
      weight: 1,
      indicators: [
        {
          id: 'energy',
          name: '单位面积综合能耗',
          kind: 'quantitative',
          unit: 'kgce/m2',
          direction: 'le',
          weight: 0.4,
          limiting: false,
          status: 'user',
          benchmarks: { I: 1, II: 2, III: 3 },
        },
        {
          id: 'cod',
          name: '单位面积COD产生量',
          kind: 'quantitative',
          unit: 'g/m2',
          direction: 'le',
          weight: 0.3,
          limiting: false,
          status: 'user',
          benchmarks: { I: 5, II: 10, III: 15 },
        },
        {
          id: 'elec',
          name: '单位面积电耗',
          kind: 'quantitative',
          unit: 'kWh/m2',
          direction: 'le',
          weight: 0.3,
          limiting: false,
          status: 'user',
          benchmarks: { I: 10, II: 20, III: 30 },
        },
      ],
    },
  ],
};

describe('potential in tce, tCO2 and 万元', () => {
  it('energy, COD (avoided tax, Guangdong) and electricity (grid factor) of one enterprise at level II', () => {
    const r = computePotential({
      system,
      levels: ['II'],
      indicators: [
        { indicatorId: 'energy', saves: { kind: 'energy' } },
        { indicatorId: 'cod', saves: { kind: 'pollutant', pollutant: 'cod', medium: 'water' } },
        { indicatorId: 'elec', saves: { kind: 'electricity' } },
      ],
      enterprises: [
        {
          id: 'A',
          name: '甲',
          production: { value: 10000, unit: 'm2' },
          values: { energy: 2.5, cod: 16, elec: 25 },
        },
      ],
      prices: { energy_yuanPerTce: 1000, electricity_yuanPerKWh: 0.7 },
      taxRates: { province: '广东' },
      grid: { value_tCO2PerMWh: 0.5, name: '测试电网因子' },
    });
    const a = r.value.levels[0]?.industry;
    // Energy: (2.5 − 2) kgce/m² × 10 000 m² = 5 000 kgce = 5 tce; × 2.7725 = 13.8625 tCO2; × 1 000 元 = 0.5 万元.
    // COD: (16 − 10) g/m² × 10 000 m² = 60 000 g = 0.06 t = 60 kg ÷ 1 kg = 60 当量 × 2.8 元 = 168 元 = 0.0168 万元.
    // Electricity: (25 − 20) × 10 000 = 50 000 kWh × 0.1229 kgce/kWh = 6 145 kgce = 6.145 tce;
    //   50 MWh × 0.5 tCO2/MWh = 25 tCO2; × 0.7 元/kWh = 35 000 元 = 3.5 万元.
    expect(a?.energy_tce).toBeCloseTo(5 + 6.145, 9);
    expect(a?.electricity_kWh).toBeCloseTo(50000, 6);
    expect(a?.co2_t).toBeCloseTo(13.8625 + 25, 9);
    expect(a?.pollutants_t.cod).toBeCloseTo(0.06, 12);
    expect(a?.tax_wanYuan).toBeCloseTo(0.0168, 12);
    expect(a?.energyCost_wanYuan).toBeCloseTo(4.0, 12);
    expect(a?.total_wanYuan).toBeCloseTo(4.0168, 12);
    expect(r.value.notes).toEqual([]);
    // Ranked by 万元: electricity 3.5, energy 0.5, COD 0.0168.
    expect(r.value.levels[0]?.byIndicator.map((b) => b.indicatorId)).toEqual(['elec', 'energy', 'cod']);
  });

  it('without a grid factor or tax rates the CO2 of electricity and the tax are left out, and said so', () => {
    const r = computePotential({
      system,
      levels: ['II'],
      indicators: [
        { indicatorId: 'elec', saves: { kind: 'electricity' } },
        { indicatorId: 'cod', saves: { kind: 'pollutant', pollutant: 'cod', medium: 'water' } },
      ],
      enterprises: [
        { id: 'A', name: '甲', production: { value: 100, unit: 'm2' }, values: { elec: 25, cod: 20 } },
      ],
    });
    expect(r.value.levels[0]?.industry.co2_t).toBe(0);
    expect(r.value.notes).toEqual([
      '未给定电网排放因子（grid）：节电的CO2未计',
      '未给定税额（taxRates）：减少的环境保护税未计',
    ]);
  });
});

describe('bad input names the field', () => {
  const ent = plating.enterprises[0];
  it.each([
    [
      'negative production',
      { ...plating, enterprises: [{ ...ent, production: { value: -1, unit: 'm2' } }] },
      'NEGATIVE_QUANTITY',
      'enterprises.0.production.value',
    ],
    [
      'production in a mass for a per-area indicator',
      { ...plating, enterprises: [{ ...ent, production: { value: 1, unit: 't' } }] },
      'UNIT',
      'enterprises.0.production.unit',
    ],
    [
      'a value of an indicator the system lacks',
      { ...plating, enterprises: [{ ...ent, values: { 'rinse-water': 3 } }] },
      'UNKNOWN_REFERENCE',
      'enterprises.0.values.rinse-water',
    ],
    [
      'a negative value',
      { ...plating, enterprises: [{ ...ent, values: { 'rinse-water-per-area': -3 } }] },
      'NEGATIVE_QUANTITY',
      'enterprises.0.values.rinse-water-per-area',
    ],
    [
      'a water indicator said to save energy',
      { ...plating, indicators: [{ indicatorId: 'rinse-water-per-area', saves: { kind: 'energy' } }] },
      'UNIT',
      'indicators.0.saves',
    ],
    [
      'an unknown pollutant',
      {
        ...plating,
        indicators: [
          {
            indicatorId: 'rinse-water-per-area',
            saves: { kind: 'pollutant', pollutant: 'xx', medium: 'water' },
          },
        ],
      },
      'UNKNOWN_REFERENCE',
      'indicators.0.saves.pollutant',
    ],
    [
      'a utilisation rate without consumption',
      { ...plating, enterprises: [{ ...ent, consumption: {} }] },
      'VALIDATION',
      'enterprises.0.consumption.zinc-utilisation',
    ],
    ['an unknown system', { ...plating, systemId: 'nope' }, 'UNKNOWN_REFERENCE', 'systemId'],
    ['both system and systemId', { ...plating, system }, 'VALIDATION', 'systemId'],
    [
      'a negative price',
      { ...plating, prices: { water_yuanPerM3: -5 } },
      'NEGATIVE_QUANTITY',
      'prices.water_yuanPerM3',
    ],
  ])('%s', (_n, json, code, field) => {
    const e = errorOf(() => potentialFromJson(json));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
  });
});

describe('properties', () => {
  it('reaching level I never saves less than level II, and nothing is saved by an enterprise already at level I', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            rinse: fc.double({ min: 0, max: 200, noNaN: true }),
            zinc: fc.double({ min: 1, max: 100, noNaN: true }),
            area: fc.double({ min: 0, max: 1e7, noNaN: true }),
            zincUse: fc.double({ min: 0, max: 1e3, noNaN: true }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (ents) => {
          const r = computePotential({
            ...plating,
            enterprises: ents.map((e, i) => ({
              id: `E${i}`,
              name: `企业${i}`,
              production: { value: e.area, unit: 'm2' },
              values: { 'rinse-water-per-area': e.rinse, 'zinc-utilisation': e.zinc },
              consumption: { 'zinc-utilisation': { value: e.zincUse, unit: 't' } },
            })),
          }).value;
          const ii = r.levels.find((l) => l.level === 'II');
          const i = r.levels.find((l) => l.level === 'I');
          if (!ii || !i) return false;
          return ii.lines.every((l) => {
            const at1 = i.lines.find(
              (x) => x.enterpriseId === l.enterpriseId && x.indicatorId === l.indicatorId,
            );
            if (!at1 || at1.saved.value < l.saved.value - 1e-9 * Math.max(1, l.saved.value)) return false;
            const e = ents[Number(l.enterpriseId.slice(1))];
            const atLevelI =
              l.indicatorId === 'rinse-water-per-area' ? (e?.rinse ?? 0) <= 8 : (e?.zinc ?? 0) >= 82;
            return !atLevelI || at1.saved.value === 0;
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
