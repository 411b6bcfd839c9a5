import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { avoidedTax, computeEnvironmentalTax, taxFromJson } from './tax.ts';

function errorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

const GD = { province: '广东省' };

describe('tax of an outlet with more pollutants than the top-N rule taxes (环境保护税法 第九条)', () => {
  it('water outlet in Guangdong (2.8 元/当量): other water top 3, class I top 5, BOD5 not taxed next to COD', () => {
    const r = computeEnvironmentalTax({
      rates: GD,
      outlets: [
        {
          id: 'DW001',
          name: '废水总排口',
          medium: 'water',
          pollutants: [
            { pollutant: 'cod', emitted_kg: 10000 }, // ÷ 1     = 10 000 当量
            { pollutant: 'bod5', emitted_kg: 3000 }, // ÷ 0.5   =  6 000 (COD/BOD5/TOC: only COD, the larger)
            { pollutant: 'nh3_n', emitted_kg: 800 }, // ÷ 0.8   =  1 000
            { pollutant: 'ss', emitted_kg: 4400 }, //   ÷ 4     =  1 100
            { pollutant: 'tp', emitted_kg: 100 }, //    ÷ 0.25  =    400 (4th: not taxed)
            { pollutant: 'petroleum', emitted_kg: 20 }, // ÷ 0.1 =   200 (5th)
            { pollutant: 'cu', emitted_kg: 10 }, //     ÷ 0.1   =    100 (6th)
            { pollutant: 'class_i.cr', emitted_kg: 2 }, //  ÷ 0.04  = 50
            { pollutant: 'class_i.ni', emitted_kg: 1 }, //  ÷ 0.025 = 40
            { pollutant: 'class_i.cr6', emitted_kg: 0.5 }, // ÷ 0.02 = 25
            { pollutant: 'class_i.cd', emitted_kg: 0.1 }, // ÷ 0.005 = 20
            { pollutant: 'class_i.pb', emitted_kg: 0.25 }, // ÷ 0.025 = 10
            { pollutant: 'class_i.hg', emitted_kg: 0.001 }, // ÷ 0.0005 = 2 (6th class I: not taxed)
          ],
        },
      ],
    });
    // Other water: (10 000 + 1 100 + 1 000) × 2.8 = 33 880 元; class I: (50 + 40 + 25 + 20 + 10) × 2.8 = 406 元.
    const o = r.value.outlets[0];
    expect(o?.tax_yuan).toBeCloseTo(33880 + 406, 6);
    expect(r.value.total_yuan).toBeCloseTo(34286, 6);
    expect(r.value.total_wanYuan).toBeCloseTo(3.4286, 10);
    const taxed = o?.pollutants.filter((p) => p.taxed).map((p) => p.pollutant);
    expect(taxed).toEqual([
      'class_i.cr',
      'class_i.ni',
      'class_i.cr6',
      'class_i.cd',
      'class_i.pb',
      'cod',
      'ss',
      'nh3_n',
    ]);
    const by = (k: string) => o?.pollutants.find((p) => p.pollutant === k);
    expect(by('tp')?.reason).toBe('其他类水污染物第4位，超出前3项，不征收');
    expect(by('class_i.hg')?.reason).toBe('第一类水污染物第6位，超出前5项，不征收');
    expect(by('bod5')).toMatchObject({ taxed: false, equivalents: 6000 });
    expect(by('bod5')?.reason).toContain('只征收一项');
    expect(by('cod')?.tax_yuan).toBeCloseTo(28000, 6);
  });

  it('COD/BOD5/TOC: the largest by equivalents is the one taxed (BOD5 2 000 > COD 1 000 = TOC 1 000)', () => {
    const r = computeEnvironmentalTax({
      rates: GD,
      outlets: [
        {
          id: 'W',
          medium: 'water',
          pollutants: [
            { pollutant: 'cod', emitted_kg: 1000 }, // 1 000 当量
            { pollutant: 'bod5', emitted_kg: 1000 }, // 1 000 ÷ 0.5 = 2 000
            { pollutant: 'toc', emitted_kg: 490 }, // 490 ÷ 0.49 = 1 000
          ],
        },
      ],
    });
    const o = r.value.outlets[0];
    expect(o?.pollutants.filter((p) => p.taxed).map((p) => p.pollutant)).toEqual(['bod5']);
    // 2 000 × 2.8 = 5 600 元.
    expect(r.value.total_yuan).toBeCloseTo(5600, 9);
  });

  it('air outlet in 常州 (6 元/当量): top 3 of 5, VOCs has no equivalent value and is not taxed', () => {
    const r = computeEnvironmentalTax({
      rates: { province: '江苏', city: '常州市' },
      outlets: [
        {
          id: 'DA001',
          medium: 'air',
          pollutants: [
            { pollutant: 'so2', emitted_kg: 950 }, // ÷ 0.95 = 1 000
            { pollutant: 'nox', emitted_kg: 1900 }, // ÷ 0.95 = 2 000
            { pollutant: 'particulates', emitted_kg: 2000 }, // ÷ 4 = 500
            { pollutant: 'chromic_acid_mist', emitted_kg: 0.07 }, // ÷ 0.0007 = 100
            { pollutant: 'sulfuric_acid_mist', emitted_kg: 30 }, // ÷ 0.6 = 50
            { pollutant: 'vocs', emitted_kg: 500 },
          ],
        },
      ],
      solidWaste: [{ kind: 'hazardous', taxable_t: 12.5 }],
    });
    // (2 000 + 1 000 + 500) × 6 = 21 000 元; hazardous waste 12.5 t × 1 000 元/t = 12 500 元.
    expect(r.value.rates).toMatchObject({ air_yuanPerEq: 6, water_yuanPerEq: 7 });
    expect(r.value.outlets[0]?.tax_yuan).toBeCloseTo(21000, 6);
    expect(r.value.solidWaste[0]?.tax_yuan).toBe(12500);
    expect(r.value.total_yuan).toBeCloseTo(33500, 6);
    expect(r.value.outlets[0]?.pollutants.find((p) => p.pollutant === 'vocs')?.reason).toContain(
      '附表二未列',
    );
  });

  it('a province may raise the counts: top 4 of other water taxes 总磷 too', () => {
    const outlets = [
      {
        id: 'W',
        medium: 'water' as const,
        pollutants: [
          { pollutant: 'cod', emitted_kg: 100 }, // 100
          { pollutant: 'nh3_n', emitted_kg: 40 }, // 50
          { pollutant: 'ss', emitted_kg: 160 }, // 40
          { pollutant: 'tp', emitted_kg: 5 }, // 20
        ],
      },
    ];
    expect(computeEnvironmentalTax({ rates: GD, outlets }).value.total_yuan).toBeCloseTo(190 * 2.8, 9);
    expect(
      computeEnvironmentalTax({ rates: GD, outlets, topN: { air: 3, waterClassI: 5, waterOther: 4 } }).value
        .total_yuan,
    ).toBeCloseTo(210 * 2.8, 9);
  });
});

describe('the avoided tax of an option (广东绩效表 注15)', () => {
  it('COD 10 t → 7 t a year in Guangdong: (10 000 − 7 000) × 2.8 = 8 400 元 = 0.84 万元/a', () => {
    const outlet = (kg: number) => [
      { id: 'W', medium: 'water' as const, pollutants: [{ pollutant: 'cod', emitted_kg: kg }] },
    ];
    const r = avoidedTax({ rates: GD, outlets: outlet(10000) }, { rates: GD, outlets: outlet(7000) });
    expect(r.value.before_yuan).toBeCloseTo(28000, 9);
    expect(r.value.after_yuan).toBeCloseTo(19600, 9);
    expect(r.value.avoided_wanYuanPerA).toBeCloseTo(0.84, 12);
    const j = taxFromJson({ rates: GD, outlets: outlet(10000), after: { outlets: outlet(7000) } });
    expect(j.value.avoided?.avoided_yuan).toBeCloseTo(8400, 9);
    // Solid waste omitted after the option is unchanged (12.5 t × 1 000 元 on both sides), not avoided.
    const w = taxFromJson({
      rates: GD,
      outlets: outlet(10000),
      solidWaste: [{ kind: 'hazardous', taxable_t: 12.5 }],
      after: { outlets: outlet(7000) },
    });
    expect(w.value.avoided?.avoided_yuan).toBeCloseTo(8400, 9);
    expect(errorOf(() => taxFromJson({ rates: GD, outlets: outlet(1), after: {} })).field).toBe(
      'after.outlets',
    );
  });

  it('an option that moves a pollutant out of the top 3 changes which ones are taxed', () => {
    // Before: cod 1 000, nh3_n 500 (400 kg), ss 250 (1 000 kg), tp 200 (50 kg) → taxed 1 750 当量.
    // After: ss cut to 400 kg (100 当量) → taxed cod, nh3_n, tp = 1 700 当量; avoided 50 × 2.8 = 140 元, not 150 × 2.8.
    const mk = (ss: number) => [
      {
        id: 'W',
        medium: 'water' as const,
        pollutants: [
          { pollutant: 'cod', emitted_kg: 1000 },
          { pollutant: 'nh3_n', emitted_kg: 400 },
          { pollutant: 'ss', emitted_kg: ss },
          { pollutant: 'tp', emitted_kg: 50 },
        ],
      },
    ];
    expect(
      avoidedTax({ rates: GD, outlets: mk(1000) }, { rates: GD, outlets: mk(400) }).value.avoided_yuan,
    ).toBeCloseTo(140, 9);
  });
});

describe('bad input names the field', () => {
  const w = (pollutant: string, emitted_kg: number) => ({
    rates: GD,
    outlets: [{ id: 'W', medium: 'water', pollutants: [{ pollutant, emitted_kg }] }],
  });
  it.each([
    ['negative quantity', w('cod', -1), 'NEGATIVE_QUANTITY', 'outlets.0.pollutants.0.emitted_kg'],
    ['unknown pollutant', w('plutonium', 1), 'UNKNOWN_REFERENCE', 'outlets.0.pollutants.0.pollutant'],
    ['air pollutant at a water outlet', w('so2', 1), 'VALIDATION', 'outlets.0.pollutants.0.pollutant'],
    ['Jiangsu without a city', { rates: { province: '江苏' }, outlets: [] }, 'VALIDATION', 'rates.city'],
    [
      'a province not shipped',
      { rates: { province: '河北' }, outlets: [] },
      'UNKNOWN_REFERENCE',
      'rates.province',
    ],
    [
      'a rate outside the law’s range',
      { rates: { air_yuanPerEq: 20, water_yuanPerEq: 3 }, outlets: [] },
      'VALIDATION',
      'rates.air_yuanPerEq',
    ],
    [
      'a count below the law',
      { rates: GD, topN: { air: 2, waterClassI: 5, waterOther: 3 } },
      'VALIDATION',
      'topN.air',
    ],
    [
      'unknown solid waste kind',
      { rates: GD, solidWaste: [{ kind: 'sludge', taxable_t: 1 }] },
      'VALIDATION',
      'solidWaste.0.kind',
    ],
  ])('%s', (_n, json, code, field) => {
    const e = errorOf(() => taxFromJson(json));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
  });

  it('an error in the after side of the avoided tax is named under after', () => {
    const e = errorOf(() => taxFromJson({ ...w('cod', 1), after: { outlets: w('cod', -5).outlets } }));
    expect(e.field).toBe('after.outlets.0.pollutants.0.emitted_kg');
    const e2 = errorOf(() => avoidedTax(w('cod', 1) as never, w('cod', -5) as never));
    expect(e2.field).toBe('after.outlets.0.pollutants.0.emitted_kg');
  });
});

describe('properties', () => {
  const WATER = [
    'cod',
    'bod5',
    'toc',
    'nh3_n',
    'ss',
    'tp',
    'petroleum',
    'cu',
    'class_i.cr',
    'class_i.ni',
    'class_i.cd',
  ];
  const outletOf = (kgs: number[]) => [
    {
      id: 'W',
      medium: 'water' as const,
      pollutants: kgs.map((kg, i) => ({ pollutant: WATER[i] ?? 'cod', emitted_kg: kg })),
    },
  ];
  const kgs = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), {
    minLength: WATER.length,
    maxLength: WATER.length,
  });
  const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
    minLength: WATER.length,
    maxLength: WATER.length,
  });

  it('cutting any emissions never raises the tax (top-N sums and the COD/BOD5/TOC maximum are monotone)', () => {
    fc.assert(
      fc.property(kgs, cuts, (before, cut) => {
        const after = before.map((kg, i) => kg * (cut[i] ?? 1));
        const r = avoidedTax(
          { rates: GD, outlets: outletOf(before) },
          { rates: GD, outlets: outletOf(after) },
        );
        return r.value.avoided_yuan >= -1e-9 * Math.max(1, r.value.before_yuan);
      }),
      { numRuns: 200 },
    );
  });

  it('the taxed pollutants are at most 5 class I + 3 other, and the tax is rate × their equivalents', () => {
    fc.assert(
      fc.property(kgs, (before) => {
        const o = computeEnvironmentalTax({ rates: GD, outlets: outletOf(before) }).value.outlets[0];
        const taxed = o?.pollutants.filter((p) => p.taxed) ?? [];
        const classI = taxed.filter((p) => p.group === 'water-class-i').length;
        const other = taxed.filter((p) => p.group === 'water-other').length;
        const oxygen = taxed.filter((p) => ['cod', 'bod5', 'toc'].includes(p.pollutant)).length;
        const eq = taxed.reduce((s, p) => s + p.equivalents, 0);
        return (
          classI <= 5 &&
          other <= 3 &&
          oxygen <= 1 &&
          Math.abs((o?.tax_yuan ?? 0) - eq * 2.8) <= 1e-9 * Math.max(1, eq)
        );
      }),
      { numRuns: 200 },
    );
  });
});
