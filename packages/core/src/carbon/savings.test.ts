import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { roundTo } from '../units/units.ts';
import { findGridFactor, type GridFactor, gridFactorFromUser } from './grid-factors.ts';
import {
  CO2_PER_TCE,
  co2FromSavings,
  co2FromSavingsFromJson,
  GD_GAS_COEFFICIENT_DEFAULT,
  GD_OIL_COEFFICIENT,
  STANDARD_COAL_CO2_PER_GJ,
  STANDARD_COAL_NCV,
} from './savings.ts';

function cpErrorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

const guangdong2022: GridFactor = findGridFactor({ region: '广东', dataYear: 2022 });
const zero = { electricity_kWh: 0, coal_t: 0, oil_t: 0, naturalGas_m3: 0, gridFactor: guangdong2022 };

describe('Guangdong form 注13 constants', () => {
  it('2.7725 tCO2/tce = 29.3076 GJ/t × 94.6 kgCO2/GJ ÷ 1000 = 2.77249896, rounded to 4 decimals', () => {
    // 29.3076 × 94.6 = 2772.49896 kgCO2/tce; ÷ 1000 = 2.77249896 tCO2/tce → 2.7725.
    const derived = (STANDARD_COAL_NCV.value * STANDARD_COAL_CO2_PER_GJ.value) / 1000;
    expect(derived).toBeCloseTo(2.77249896, 12);
    expect(roundTo(derived, 4)).toBe(CO2_PER_TCE.value);
    expect(CO2_PER_TCE.source.status).toBe('seed');
  });

  it('oil 1.4286 kgce/kg from the 2020 table as stated by 注13; gas default 1.2143 is the 2008 气田天然气 value', () => {
    expect(GD_OIL_COEFFICIENT).toMatchObject({ value: 1.4286, unit: 'kgce/kg' });
    expect(GD_OIL_COEFFICIENT.source.status).toBe('seed');
    expect(GD_GAS_COEFFICIENT_DEFAULT).toMatchObject({ value: 1.2143, unit: 'kgce/m3' });
    expect(GD_GAS_COEFFICIENT_DEFAULT.source.note).toMatch(/气田天然气/);
  });
});

describe('co2FromSavings (注13, 注14)', () => {
  it('electricity: 10 000 kWh saved in Guangdong 2022 (0.4403) → 4.403 tCO2', () => {
    // 10 000 kWh = 10 MWh × 0.4403 tCO2/MWh = 4.403 tCO2.
    const r = co2FromSavings({ ...zero, electricity_kWh: 10_000 });
    expect(guangdong2022.value_tCO2PerMWh).toBe(0.4403);
    expect(r.value.electricity_tCO2).toBeCloseTo(4.403, 12);
    expect(r.value.total_tCO2).toBeCloseTo(4.403, 12);
  });

  it('coal: 1 t = 1 tce → 2.7725 tCO2', () => {
    expect(co2FromSavings({ ...zero, coal_t: 1 }).value.coal_tCO2).toBeCloseTo(2.7725, 12);
  });

  it('oil: 1 t → 1.4286 tce → 3.9607935 tCO2', () => {
    // 1000 kg × 1.4286 kgce/kg = 1428.6 kgce = 1.4286 tce; × 2.7725 = 3.9607935 tCO2.
    expect(co2FromSavings({ ...zero, oil_t: 1 }).value.oil_tCO2).toBeCloseTo(3.9607935, 12);
  });

  it('gas: 10 000 m3 at 1.2143 → 12.143 tce → 33.6664675 tCO2', () => {
    // 10 000 m3 × 1.2143 kgce/m3 = 12 143 kgce = 12.143 tce; × 2.7725 = 33.6664675 tCO2.
    const r = co2FromSavings({ ...zero, naturalGas_m3: 10_000 });
    expect(r.value.naturalGas_tCO2).toBeCloseTo(33.6664675, 10);
    expect(r.breakdown.steps?.[3]?.factors[0]?.id).toBe('gd-form.note13.natural-gas.default');
  });

  it('totals add (注14): 4.403 + 2.7725 + 3.9607935 + 33.6664675 = 44.802761 tCO2', () => {
    const r = co2FromSavings({
      electricity_kWh: 10_000,
      coal_t: 1,
      oil_t: 1,
      naturalGas_m3: 10_000,
      gridFactor: guangdong2022,
    });
    expect(r.value.total_tCO2).toBeCloseTo(44.802761, 10);
    const { electricity_tCO2, coal_tCO2, oil_tCO2, naturalGas_tCO2, total_tCO2 } = r.value;
    expect(total_tCO2).toBe(electricity_tCO2 + coal_tCO2 + oil_tCO2 + naturalGas_tCO2);
    expect(r.breakdown.steps?.map((s) => s.label)).toEqual([
      '节电的碳减排量',
      '节煤的碳减排量',
      '节油的碳减排量',
      '节天然气的碳减排量',
    ]);
    expect(r.breakdown.clause?.clause).toBe('注13、注14');
    expect(r.breakdown.factors[0]?.source.status).toBe('verified-cross-checked');
  });

  it('gas coefficient: the bounds 1.1000 and 1.3300 are allowed, anything outside is VALIDATION', () => {
    // 10 000 m3 × 1.1 = 11 tce × 2.7725 = 30.4975; × 1.33 = 13.3 tce × 2.7725 = 36.87425.
    const lo = co2FromSavings({ ...zero, naturalGas_m3: 10_000, gasCoefficient_kgcePerM3: 1.1 });
    const hi = co2FromSavings({ ...zero, naturalGas_m3: 10_000, gasCoefficient_kgcePerM3: 1.33 });
    expect(lo.value.naturalGas_tCO2).toBeCloseTo(30.4975, 10);
    expect(hi.value.naturalGas_tCO2).toBeCloseTo(36.87425, 10);
    expect(hi.breakdown.steps?.[3]?.factors[0]?.source.status).toBe('user');
    for (const bad of [1.0999, 1.3301, 12.143]) {
      const e = cpErrorOf(() => co2FromSavings({ ...zero, gasCoefficient_kgcePerM3: bad }));
      expect([e.code, e.field]).toEqual(['VALIDATION', 'gasCoefficient_kgcePerM3']);
    }
  });

  it('negative savings give negative CO2, documented in the breakdown', () => {
    // −10 000 kWh × 0.4403 = −4.403; −2 t coal × 2.7725 = −5.545.
    const r = co2FromSavings({ ...zero, electricity_kWh: -10_000, coal_t: -2 });
    expect(r.value.total_tCO2).toBeCloseTo(-9.948, 12);
    expect(r.breakdown.notes?.join(' ')).toMatch(/negative CO2 reduction/);
  });

  it('NaN and Infinity are VALIDATION errors naming the field', () => {
    const e1 = cpErrorOf(() => co2FromSavings({ ...zero, coal_t: Number.NaN }));
    expect([e1.code, e1.field]).toEqual(['VALIDATION', 'coal_t']);
    const e2 = cpErrorOf(() => co2FromSavings({ ...zero, electricity_kWh: Number.POSITIVE_INFINITY }));
    expect([e2.code, e2.field]).toEqual(['VALIDATION', 'electricity_kWh']);
  });

  it('a grid factor that is implausible or malformed is refused', () => {
    const e1 = cpErrorOf(() =>
      co2FromSavings({ ...zero, gridFactor: { ...guangdong2022, value_tCO2PerMWh: 440.3 } }),
    );
    expect([e1.code, e1.field]).toEqual(['VALIDATION', 'gridFactor.value_tCO2PerMWh']);
    const e2 = cpErrorOf(() =>
      co2FromSavings({ ...zero, gridFactor: { ...guangdong2022, value_tCO2PerMWh: -0.1 } }),
    );
    expect(e2.field).toBe('gridFactor.value_tCO2PerMWh');
    const e3 = cpErrorOf(() => co2FromSavingsFromJson({ ...zero, gridFactor: { value_tCO2PerMWh: 0.5 } }));
    expect([e3.code, e3.field?.startsWith('gridFactor')]).toEqual(['VALIDATION', true]);
  });

  it('a user factor works the same way: 2000 kWh × 0.5 tCO2/MWh = 1 tCO2', () => {
    const g = gridFactorFromUser({ value_tCO2PerMWh: 0.5, name: '合同约定电网因子', dataYear: 2024 });
    const r = co2FromSavings({ ...zero, electricity_kWh: 2000, gridFactor: g });
    expect(r.value.total_tCO2).toBeCloseTo(1, 12);
    expect(r.breakdown.factors[0]?.source.status).toBe('user');
  });

  it('is additive: the CO2 of a sum of savings is the sum of the CO2', () => {
    const amount = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(amount, amount, amount, amount, (kWh, coal, oil, gas) => {
        const all = co2FromSavings({
          electricity_kWh: kWh,
          coal_t: coal,
          oil_t: oil,
          naturalGas_m3: gas,
          gridFactor: guangdong2022,
        });
        const parts =
          co2FromSavings({ ...zero, electricity_kWh: kWh }).value.total_tCO2 +
          co2FromSavings({ ...zero, coal_t: coal }).value.total_tCO2 +
          co2FromSavings({ ...zero, oil_t: oil }).value.total_tCO2 +
          co2FromSavings({ ...zero, naturalGas_m3: gas }).value.total_tCO2;
        expect(all.value.total_tCO2).toBeCloseTo(parts, 4);
      }),
    );
  });
});
