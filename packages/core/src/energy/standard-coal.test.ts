import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { convertValue } from '../units/units.ts';
import {
  ENERGY_CARRIER_IDS,
  ENERGY_CARRIERS,
  findEnergyCarrier,
  findStandardCoalCoefficient,
  KJ_PER_KGCE,
  STANDARD_COAL_COEFFICIENTS,
} from './coefficients.ts';
import { splitCompoundUnit } from './quantity-input.ts';
import {
  comprehensiveEnergy,
  comprehensiveEnergyFromJson,
  type ToStandardCoalInput,
  toStandardCoal,
  toStandardCoalFromJson,
} from './standard-coal.ts';

/** Runs `fn`, expects a CpError and returns it. */
function cpErrorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

describe('coefficient tables (data integrity)', () => {
  it('every carrier id has exactly one carrier, whose default row exists and is its own', () => {
    expect(ENERGY_CARRIERS.map((c) => c.id).sort()).toEqual([...ENERGY_CARRIER_IDS].sort());
    for (const c of ENERGY_CARRIERS) {
      const row = findStandardCoalCoefficient(c.defaultCoefficientId);
      expect(row?.carrier, c.id).toBe(c.id);
    }
  });

  it('row ids are unique; units are coal per unit; min ≤ default ≤ max', () => {
    const ids = STANDARD_COAL_COEFFICIENTS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of STANDARD_COAL_COEFFICIENTS) {
      const { num } = splitCompoundUnit(r.coefficient.unit);
      expect(convertValue(1, num, 'kgce'), r.id).toBeGreaterThan(0);
      expect(r.coefficient.min, r.id).toBeLessThanOrEqual(r.coefficient.default);
      expect(r.coefficient.default, r.id).toBeLessThanOrEqual(r.coefficient.max);
    }
  });

  it('coefficient = NCV in kcal ÷ 7000 kcal/kgce, to the 4 printed decimals, for every row printing kcal', () => {
    // GB/T 2589: 1 kgce = 7000 kcal. E.g. 原煤 5000/7000 = 0.71429 → 0.7143; 蒸汽 900 Mcal/t → 0.12857 → 0.1286.
    let checked = 0;
    for (const r of STANDARD_COAL_COEFFICIENTS) {
      if (!r.ncvKcal) continue;
      const { den } = splitCompoundUnit(r.coefficient.unit);
      for (const [kcal, k] of [
        [r.ncvKcal.min, r.coefficient.min],
        [r.ncvKcal.max, r.coefficient.max],
      ] as const) {
        const fromKcal_kgcePerDen = convertValue(kcal, r.ncvKcal.unit, `kcal/${den}`) / 7000;
        expect(
          Math.abs(fromKcal_kgcePerDen - convertValue(k, r.coefficient.unit, `kgce/${den}`)),
          r.id,
        ).toBeLessThan(0.00006);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(18);
  });

  it('grading follows the facts: 2008 rows to 焦炉煤气 verified, below it unverified, electricity verified', () => {
    expect(findStandardCoalCoefficient('gbt2589-2008.coke-oven-gas')?.source.status).toBe('verified-page');
    expect(findStandardCoalCoefficient('gbt2589-2008.blast-furnace-gas')?.source.status).toBe('unverified');
    expect(findStandardCoalCoefficient('gbt2589-2008.steam-low-pressure')?.source.status).toBe('unverified');
    expect(findStandardCoalCoefficient('gbt2589-2008.electricity')?.source.status).toBe('verified-page');
    expect(findStandardCoalCoefficient('gbt2589-2020-gd.natural-gas')?.source.status).toBe('seed');
    expect(findStandardCoalCoefficient('code.fresh-water')?.source.status).toBe('code-only');
    expect(findStandardCoalCoefficient('nbs.electricity')?.basis).toBe('equal-value');
  });

  it('1 kgce = 7000 kcal = 29 307.6 kJ (GB/T 2589; 7000 × 4.1868)', () => {
    expect(KJ_PER_KGCE.value).toBeCloseTo(convertValue(7000, 'kcal', 'kJ'), 9);
  });

  it('carriers are found by id or Chinese name', () => {
    expect(findEnergyCarrier('原煤')?.id).toBe('raw-coal');
    expect(findEnergyCarrier(' natural-gas ')?.name).toBe('天然气');
    expect(findEnergyCarrier('蒸汽')?.id).toBe('steam-low-pressure');
    expect(findEnergyCarrier('plutonium')).toBeUndefined();
  });
});

describe('toStandardCoal with reference coefficients (GB/T 2589 表A.1)', () => {
  it('1000 t raw coal → 714.3 tce', () => {
    // 1000 t = 1 000 000 kg × 0.7143 kgce/kg = 714 300 kgce = 714.3 tce.
    const r = toStandardCoal({ carrier: 'raw-coal', quantity: { value: 1000, unit: 't' } });
    expect(r.value.tce).toBeCloseTo(714.3, 9);
    expect(r.breakdown.factors[0]).toMatchObject({
      id: 'gbt2589-2008.raw-coal',
      value: 0.7143,
      unit: 'kgce/kg',
    });
    expect(r.breakdown.factors[0]?.source.url).toContain('msthinker.com');
    expect(r.breakdown.unit).toBe('tce');
  });

  it('the unit of the quantity does not matter: 1 000 000 kg = 1000 t = 0.1 万t', () => {
    const a = toStandardCoal({ carrier: '原煤', quantity: { value: 1_000_000, unit: 'kg' } }).value.tce;
    const b = toStandardCoal({ carrier: '原煤', quantity: { value: 0.1, unit: '万吨' } }).value.tce;
    expect(a).toBeCloseTo(714.3, 9);
    expect(b).toBeCloseTo(714.3, 9);
  });

  it('1 万kWh of electricity at 当量值 → 1.229 tce', () => {
    // 10 000 kWh × 0.1229 kgce/kWh = 1229 kgce = 1.229 tce.
    const r = toStandardCoal({ carrier: 'electricity', quantity: { value: 1, unit: '万kWh' } });
    expect(r.value.tce).toBeCloseTo(1.229, 12);
    expect(r.breakdown.factors[0]?.source.status).toBe('verified-page');
  });

  it('natural gas: default 1.2143 inside the 2020 range 1.1000–1.3300, the choice recorded', () => {
    // 1 万m3 = 10 000 m3 × 1.2143 kgce/m3 = 12 143 kgce = 12.143 tce.
    const r = toStandardCoal({ carrier: 'natural-gas', quantity: { value: 1, unit: '万m3' } });
    expect(r.value.tce).toBeCloseTo(12.143, 9);
    expect(r.breakdown.notes?.join(' ')).toMatch(/1\.1–1\.33 kgce\/m3; default 1\.2143/);
    expect(r.breakdown.factors[0]?.source.status).toBe('seed');
  });

  it('the reference table row in tce/万m3 gives the same natural-gas figure', () => {
    // 12.143 tce/万m3 × 1 万m3 = 12.143 tce.
    const r = toStandardCoal({
      carrier: 'natural-gas',
      quantity: { value: 10_000, unit: 'm3' },
      coefficientId: 'nbs.natural-gas',
    });
    expect(r.value.tce).toBeCloseTo(12.143, 9);
  });

  it('crude oil defaults to the 2020 value stated by the Guangdong form (41 868 kJ/kg, 1.4286)', () => {
    // 1 t = 1000 kg × 1.4286 kgce/kg = 1428.6 kgce = 1.4286 tce.
    const r = toStandardCoal({ carrier: 'crude-oil', quantity: { value: 1, unit: 't' } });
    expect(r.value.tce).toBeCloseTo(1.4286, 12);
    expect(r.breakdown.factors[0]?.id).toBe('gbt2589-2020-gd.crude-oil');
  });

  it('heat: reference 0.0341 tce/GJ by default; the 2008 row 0.03412 kgce/MJ on request', () => {
    // 100 GJ × 0.0341 tce/GJ = 3.41 tce; 100 GJ = 100 000 MJ × 0.03412 kgce/MJ = 3412 kgce = 3.412 tce.
    expect(toStandardCoal({ carrier: 'heat', quantity: { value: 100, unit: 'GJ' } }).value.tce).toBeCloseTo(
      3.41,
      12,
    );
    const r = toStandardCoal({
      carrier: 'heat',
      quantity: { value: 100, unit: 'GJ' },
      coefficientId: 'gbt2589-2008.heat',
    });
    expect(r.value.tce).toBeCloseTo(3.412, 12);
    expect(r.breakdown.factors[0]?.source.status).toBe('unverified');
  });

  it('fresh water in m3 counts 1 m3 as 1 t (0.0857 kgce/t, code-only), with the density as a factor', () => {
    // 1000 m3 → 1000 t × 0.0857 kgce/t = 85.7 kgce = 0.0857 tce.
    const r = toStandardCoal({ carrier: 'fresh-water', quantity: { value: 1000, unit: 'm3' } });
    expect(r.value.tce).toBeCloseTo(0.0857, 12);
    expect(r.breakdown.factors.map((f) => f.id)).toEqual(['code.fresh-water', 'fresh-water.density']);
    expect(r.breakdown.notes?.join(' ')).toMatch(/耗能工质/);
  });

  it('a range choice inside the printed range keeps the table source; outside it becomes a user factor', () => {
    // 焦炉煤气 0.5714–0.6143 kgce/m3. 1 万m3 × 0.6 = 6000 kgce = 6 tce; × 0.7 = 7 tce.
    const inside = toStandardCoal({
      carrier: 'coke-oven-gas',
      quantity: { value: 1, unit: '万m3' },
      coefficientOverride: 0.6,
    });
    expect(inside.value.tce).toBeCloseTo(6, 12);
    expect(inside.breakdown.factors[0]?.source.status).toBe('verified-page');
    expect(inside.breakdown.notes?.join(' ')).toMatch(/within the printed range/);
    const outside = toStandardCoal({
      carrier: 'coke-oven-gas',
      quantity: { value: 1, unit: '万m3' },
      coefficientOverride: { value: 7, unit: 'tce/万m3', note: 'supplier certificate' },
    });
    expect(outside.value.tce).toBeCloseTo(7, 12);
    expect(outside.breakdown.factors[0]?.source).toMatchObject({
      status: 'user',
      note: 'supplier certificate',
    });
    expect(outside.breakdown.notes?.join(' ')).toMatch(/outside the printed range/);
  });

  it('range bounds themselves are inside the range', () => {
    // 1 万m3 × 1.1 = 11 000 kgce = 11 tce; × 1.33 = 13.3 tce.
    const lo = toStandardCoal({
      carrier: '天然气',
      quantity: { value: 1, unit: '万m3' },
      coefficientOverride: 1.1,
    });
    const hi = toStandardCoal({
      carrier: '天然气',
      quantity: { value: 1, unit: '万m3' },
      coefficientOverride: 1.33,
    });
    expect(lo.value.tce).toBeCloseTo(11, 12);
    expect(hi.value.tce).toBeCloseTo(13.3, 12);
    expect(lo.breakdown.factors[0]?.source.status).toBe('seed');
    expect(hi.breakdown.factors[0]?.source.status).toBe('seed');
  });
});

describe('toStandardCoal with a measured net calorific value', () => {
  it('100 t coal at 25 000 kJ/kg → 100 000 × 25 000 / 29 307.6 kgce', () => {
    // 2.5e9 kJ / 29 307.6 kJ/kgce = 85 302.1059… kgce = 85.3021059… tce.
    const r = toStandardCoal({
      carrier: 'raw-coal',
      quantity: { value: 100, unit: 't' },
      measuredNcv: { value: 25_000, unit: 'kJ/kg' },
    });
    expect(r.value.tce).toBeCloseTo((100_000 * 25_000) / 29_307.6 / 1000, 12);
    expect(r.value.tce).toBeCloseTo(85.3021059, 6);
    expect(r.breakdown.factors.map((f) => f.id)).toEqual(['measured.raw-coal.ncv', 'gbt2589.kj-per-kgce']);
    expect(r.breakdown.notes?.join(' ')).toMatch(/reference coefficient gbt2589-2008\.raw-coal is 0\.7143/);
  });

  it('kcal units: gas at 8500 kcal/m3 gives the 气田天然气 value 8500/7000 kgce/m3', () => {
    // 10 000 m3 × 8500 kcal/m3 / 7000 kcal/kgce = 12 142.857… kgce.
    const r = toStandardCoal({
      carrier: 'natural-gas',
      quantity: { value: 1, unit: '万m3' },
      measuredNcv: { value: 8500, unit: 'kcal/m3' },
    });
    expect(r.value.tce).toBeCloseTo((10_000 * 8500) / 7000 / 1000, 9);
  });

  it('steam at a measured enthalpy in MJ/t', () => {
    // 10 t × 2930.76 MJ/t = 29 307.6 MJ = 29 307 600 kJ / 29 307.6 = 1000 kgce = 1 tce.
    const r = toStandardCoal({
      carrier: 'steam-low-pressure',
      quantity: { value: 10, unit: 't' },
      measuredNcv: { value: 2930.76, unit: 'MJ/t' },
    });
    expect(r.value.tce).toBeCloseTo(1, 12);
  });

  it('refuses a measured NCV for electricity or media, of the wrong dimension, or with a coefficient', () => {
    const e1 = cpErrorOf(() =>
      toStandardCoal({
        carrier: 'electricity',
        quantity: { value: 1, unit: 'kWh' },
        measuredNcv: { value: 3600, unit: 'kJ/kWh' },
      }),
    );
    expect([e1.code, e1.field]).toEqual(['VALIDATION', 'measuredNcv']);
    const e2 = cpErrorOf(() =>
      toStandardCoal({
        carrier: 'natural-gas',
        quantity: { value: 1, unit: 'm3' },
        measuredNcv: { value: 35_000, unit: 'kJ/kg' },
      }),
    );
    expect([e2.code, e2.field]).toEqual(['UNIT', 'measuredNcv.unit']);
    const e3 = cpErrorOf(() =>
      toStandardCoal({
        carrier: 'raw-coal',
        quantity: { value: 1, unit: 't' },
        measuredNcv: { value: 20_000, unit: 'kJ/kg' },
        coefficientOverride: 0.7,
      }),
    );
    expect([e3.code, e3.field]).toEqual(['VALIDATION', 'measuredNcv']);
    const e4 = cpErrorOf(() =>
      toStandardCoal({
        carrier: 'raw-coal',
        quantity: { value: 1, unit: 't' },
        measuredNcv: { value: 0, unit: 'kJ/kg' },
      }),
    );
    expect([e4.code, e4.field]).toEqual(['VALIDATION', 'measuredNcv.value']);
  });
});

describe('electricity: 当量值 and 等价值', () => {
  it('等价值 from the reference table: 4.04 tce/万kWh', () => {
    // 1 万kWh × 4.04 tce/万kWh = 4.04 tce.
    const r = toStandardCoal({
      carrier: 'electricity',
      quantity: { value: 10_000, unit: 'kWh' },
      electricityBasis: 'equal-value',
    });
    expect(r.value.tce).toBeCloseTo(4.04, 12);
    expect(r.breakdown.factors[0]?.id).toBe('nbs.electricity');
  });

  it("等价值 at the user's coal rate: 300 gce/kWh", () => {
    // 10 000 kWh × 300 gce/kWh = 3 000 000 gce = 3 tce.
    const r = toStandardCoal({
      carrier: 'electricity',
      quantity: { value: 1, unit: '万kWh' },
      electricityBasis: 'equal-value',
      equalValueCoalRate_gcePerKWh: 300,
    });
    expect(r.value.tce).toBeCloseTo(3, 12);
    expect(r.breakdown.factors[0]?.source.status).toBe('user');
  });

  it('a coal rate at or below the 当量值 122.9 gce/kWh is impossible', () => {
    const e = cpErrorOf(() =>
      toStandardCoal({
        carrier: 'electricity',
        quantity: { value: 1, unit: 'kWh' },
        electricityBasis: 'equal-value',
        equalValueCoalRate_gcePerKWh: 122.9,
      }),
    );
    expect([e.code, e.field]).toEqual(['VALIDATION', 'equalValueCoalRate_gcePerKWh']);
  });

  it('等价值 options are refused where they do not apply', () => {
    const e1 = cpErrorOf(() =>
      toStandardCoal({
        carrier: 'raw-coal',
        quantity: { value: 1, unit: 't' },
        electricityBasis: 'equal-value',
      }),
    );
    expect([e1.code, e1.field]).toEqual(['VALIDATION', 'electricityBasis']);
    const e2 = cpErrorOf(() =>
      toStandardCoal({
        carrier: 'electricity',
        quantity: { value: 1, unit: 'kWh' },
        equalValueCoalRate_gcePerKWh: 300,
      }),
    );
    expect([e2.code, e2.field]).toEqual(['VALIDATION', 'equalValueCoalRate_gcePerKWh']);
    const e3 = cpErrorOf(() =>
      toStandardCoal({
        carrier: 'electricity',
        quantity: { value: 1, unit: 'kWh' },
        electricityBasis: 'equivalent',
        coefficientId: 'nbs.electricity',
      }),
    );
    expect([e3.code, e3.field]).toEqual(['VALIDATION', 'coefficientId']);
  });
});

describe('toStandardCoal: bad input', () => {
  it('natural gas in kWh is a UNIT error naming the field', () => {
    const e = cpErrorOf(() =>
      toStandardCoal({ carrier: 'natural-gas', quantity: { value: 5, unit: 'kWh' } }),
    );
    expect([e.code, e.field]).toEqual(['UNIT', 'quantity.unit']);
    expect(e.message).toMatch(/energy, expected volume for 天然气/);
  });

  it('electricity in tonnes, coal in m3, unknown units', () => {
    expect(
      cpErrorOf(() => toStandardCoal({ carrier: 'electricity', quantity: { value: 1, unit: 't' } })).code,
    ).toBe('UNIT');
    expect(
      cpErrorOf(() => toStandardCoal({ carrier: 'raw-coal', quantity: { value: 1, unit: 'm3' } })).field,
    ).toBe('quantity.unit');
    expect(
      cpErrorOf(() => toStandardCoal({ carrier: 'raw-coal', quantity: { value: 1, unit: 'bushel' } })).code,
    ).toBe('UNIT');
  });

  it('unknown carrier or coefficient; a coefficient of another carrier', () => {
    const e1 = cpErrorOf(() => toStandardCoal({ carrier: 'unobtainium', quantity: { value: 1, unit: 't' } }));
    expect([e1.code, e1.field]).toEqual(['UNKNOWN_REFERENCE', 'carrier']);
    const e2 = cpErrorOf(() =>
      toStandardCoal({ carrier: 'raw-coal', quantity: { value: 1, unit: 't' }, coefficientId: 'nope' }),
    );
    expect([e2.code, e2.field]).toEqual(['UNKNOWN_REFERENCE', 'coefficientId']);
    const e3 = cpErrorOf(() =>
      toStandardCoal({ carrier: 'raw-coal', quantity: { value: 1, unit: 't' }, coefficientId: 'nbs.coke' }),
    );
    expect([e3.code, e3.field]).toEqual(['VALIDATION', 'coefficientId']);
  });

  it('negative, NaN and infinite quantities', () => {
    const e1 = cpErrorOf(() => toStandardCoal({ carrier: 'coke', quantity: { value: -1, unit: 't' } }));
    expect([e1.code, e1.field]).toEqual(['NEGATIVE_QUANTITY', 'quantity.value']);
    const e2 = cpErrorOf(() =>
      toStandardCoal({ carrier: 'coke', quantity: { value: Number.NaN, unit: 't' } }),
    );
    expect([e2.code, e2.field]).toEqual(['VALIDATION', 'quantity.value']);
    const e3 = cpErrorOf(() =>
      toStandardCoal({ carrier: 'coke', quantity: { value: Number.POSITIVE_INFINITY, unit: 't' } }),
    );
    expect(e3.code).toBe('VALIDATION');
    const e4 = cpErrorOf(() =>
      toStandardCoal({ carrier: 'coke', quantity: { value: 1, unit: 't' }, coefficientOverride: -0.9 }),
    );
    expect([e4.code, e4.field]).toEqual(['VALIDATION', 'coefficientOverride']);
  });

  it('a negative saving converts when allowed: −1 t coke → −0.9714 tce', () => {
    // −1000 kg × 0.9714 kgce/kg = −971.4 kgce.
    const r = toStandardCoal({ carrier: 'coke', quantity: { value: -1, unit: 't' }, allowNegative: true });
    expect(r.value.tce).toBeCloseTo(-0.9714, 12);
    expect(r.breakdown.notes?.join(' ')).toMatch(/negative quantity/);
  });

  it('zero is zero', () => {
    expect(toStandardCoal({ carrier: 'diesel', quantity: { value: 0, unit: 't' } }).value.tce).toBe(0);
  });
});

describe('toStandardCoal properties', () => {
  const carriers = ENERGY_CARRIERS.filter((c) => c.id !== 'electricity' && c.kind !== 'heat').map(
    (c) => c.id,
  );
  it('is linear in the quantity', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...carriers),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (carrier, q, k) => {
          const row = findStandardCoalCoefficient(findEnergyCarrier(carrier)?.defaultCoefficientId ?? '');
          const unit = row ? splitCompoundUnit(row.coefficient.unit).den : 't';
          const one = toStandardCoal({ carrier, quantity: { value: q, unit } }).value.tce;
          const scaled = toStandardCoal({ carrier, quantity: { value: q * k, unit } }).value.tce;
          expect(scaled).toBeCloseTo(one * k, 6);
        },
      ),
    );
  });
});

describe('comprehensiveEnergy (综合能耗, GB/T 2589)', () => {
  const items: ToStandardCoalInput[] = [
    { carrier: 'raw-coal', quantity: { value: 1000, unit: 't' } },
    { carrier: 'electricity', quantity: { value: 100, unit: '万kWh' } },
    { carrier: 'natural-gas', quantity: { value: 50, unit: '万m3' } },
  ];
  it('sums the items, counts raw-material use, deducts outputs', () => {
    // 原煤 714.3 + 电 100 万kWh × 1.229 tce/万kWh = 122.9 + 天然气 500 000 m3 × 1.2143 = 607.15
    // + 焦炭 (raw material) 200 000 kg × 0.9714 = 194.28 − 外供蒸汽 1 000 000 kg × 0.1286 = 128.6
    // = 1510.03 tce.
    const r = comprehensiveEnergy({
      items: [
        ...items,
        { carrier: 'coke', quantity: { value: 200, unit: 't' }, role: 'raw-material', label: '还原剂焦炭' },
        { carrier: 'steam-low-pressure', quantity: { value: 1000, unit: 't' }, direction: 'output' },
      ],
    });
    expect(r.value.total_tce).toBeCloseTo(1510.03, 9);
    expect(r.value.items.map((l) => l.contribution_tce)).toEqual([
      expect.closeTo(714.3, 9),
      expect.closeTo(122.9, 9),
      expect.closeTo(607.15, 9),
      expect.closeTo(194.28, 9),
      expect.closeTo(-128.6, 9),
    ]);
    expect(r.value.items[3]?.label).toBe('还原剂焦炭');
    expect(r.breakdown.steps).toHaveLength(5);
    expect(r.breakdown.unit).toBe('tce');
  });

  it('excludeRawMaterialUse leaves the raw material out and says so', () => {
    // 1510.03 − 194.28 = 1315.75 tce.
    const r = comprehensiveEnergy({
      items: [
        ...items,
        { carrier: 'coke', quantity: { value: 200, unit: 't' }, role: 'raw-material' },
        { carrier: 'steam-low-pressure', quantity: { value: 1000, unit: 't' }, direction: 'output' },
      ],
      excludeRawMaterialUse: true,
    });
    expect(r.value.total_tce).toBeCloseTo(1315.75, 9);
    expect(r.value.items[3]).toMatchObject({ counted: false, contribution_tce: 0 });
    expect(r.breakdown.notes?.join(' ')).toMatch(/not GB\/T 2589 综合能耗/);
  });

  it('an empty list is 0', () => {
    expect(comprehensiveEnergy({ items: [] }).value.total_tce).toBe(0);
  });

  it('errors name the item: items.1.quantity.unit, items.0.quantity.value', () => {
    const e1 = cpErrorOf(() =>
      comprehensiveEnergy({
        items: [
          { carrier: 'coke', quantity: { value: 1, unit: 't' } },
          { carrier: 'electricity', quantity: { value: 1, unit: 't' } },
        ],
      }),
    );
    expect([e1.code, e1.field]).toEqual(['UNIT', 'items.1.quantity.unit']);
    const e2 = cpErrorOf(() =>
      comprehensiveEnergy({ items: [{ carrier: 'coke', quantity: { value: -5, unit: 't' } }] }),
    );
    expect([e2.code, e2.field]).toEqual(['NEGATIVE_QUANTITY', 'items.0.quantity.value']);
  });
});

describe('JSON input', () => {
  it('toStandardCoalFromJson parses and computes', () => {
    // 2 t diesel × 1.4571 tce/t = 2.9142 tce.
    expect(
      toStandardCoalFromJson({ carrier: '柴油', quantity: { value: 2, unit: 't' } }).value.tce,
    ).toBeCloseTo(2.9142, 12);
  });

  it('unknown keys and wrong types are VALIDATION errors naming the field', () => {
    const e1 = cpErrorOf(() =>
      toStandardCoalFromJson({ carrier: 'coke', quantity: { value: '1', unit: 't' } }),
    );
    expect([e1.code, e1.field]).toEqual(['VALIDATION', 'quantity.value']);
    const e2 = cpErrorOf(() =>
      toStandardCoalFromJson({ carrier: 'coke', quantity: { value: 1, unit: 't' }, qty: 1 }),
    );
    expect(e2.code).toBe('VALIDATION');
    const e3 = cpErrorOf(() =>
      comprehensiveEnergyFromJson({
        items: [{ carrier: 'coke', quantity: { value: 1, unit: 't' }, role: 'fuel' }],
      }),
    );
    expect([e3.code, e3.field]).toEqual(['VALIDATION', 'items.0.role']);
  });
});
