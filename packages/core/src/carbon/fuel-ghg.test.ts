import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { carbonFromJson } from './carbon-json.ts';
import {
  co2OfFuelSaving,
  co2OfFuelSavingFromJson,
  fuelCombustionCo2,
  fuelCombustionCo2FromJson,
  GHG_FUEL_PARAMS,
} from './fuel-ghg.ts';

function cpErrorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

describe('fuelCombustionCo2 (GHG guideline, E = AD × NCV × CC × OF × 44/12)', () => {
  it('natural gas: 1 万m3 → 389.31 GJ × 15.3 tC/TJ × 0.99 × 44/12 = 21.62188809 tCO2', () => {
    // 0.38931 TJ × 15.3 = 5.956443 tC; × 0.99 = 5.89687857; × 44/12 = 21.62188809 tCO2 (facts: 21.622).
    const r = fuelCombustionCo2({ fuel: 'natural-gas', quantity: { value: 1, unit: '万m3' } });
    expect(r.value.tCO2).toBeCloseTo(21.62188809, 8);
    expect(r.breakdown.factors.map((f) => f.id)).toEqual([
      'ghg.natural-gas.ncv',
      'ghg.natural-gas.carbon-content',
      'ghg.natural-gas.oxidation',
      'ghg.co2-per-c',
    ]);
    expect(r.breakdown.factors[0]?.source.status).toBe('code-only');
  });

  it('the same gas in m3: 10 000 m3 gives the same; 2.1622 kgCO2/m3', () => {
    const r = fuelCombustionCo2({ fuel: '天然气', quantity: { value: 10_000, unit: 'm3' } });
    expect(r.value.tCO2).toBeCloseTo(21.62188809, 8);
  });

  it('every default reproduces the per-unit factor of the facts table to 4 decimals', () => {
    // Facts §3.2 (arithmetic from the parameters): per t of fuel.
    const expected: Record<string, number> = {
      anthracite: 2.3228,
      bituminous: 2.0715,
      'cleaned-coal': 2.2818,
      coke: 2.8518,
      'crude-oil': 3.0783,
      'fuel-oil': 3.0472,
      gasoline: 3.0425,
      diesel: 3.1451,
      kerosene: 3.1517,
      lpg: 2.9538,
    };
    for (const [fuel, tCO2] of Object.entries(expected)) {
      const r = fuelCombustionCo2({ fuel, quantity: { value: 1, unit: 't' } });
      expect(Math.abs(r.value.tCO2 - tCO2), fuel).toBeLessThan(0.00005);
    }
    expect(Object.keys(GHG_FUEL_PARAMS)).toHaveLength(16);
  });

  it('user parameters replace the defaults: diesel at 100 % oxidation; bituminous at a measured 20 000 kJ/kg', () => {
    // Diesel: 0.04333 TJ × 20.2 tC/TJ = 0.875266 tC × 1 × 44/12 = 3.20930867 tCO2.
    const d = fuelCombustionCo2({ fuel: 'diesel', quantity: { value: 1, unit: 't' }, oxidation: 1 });
    expect(d.value.tCO2).toBeCloseTo(3.209308667, 8);
    expect(d.breakdown.factors[2]?.source.status).toBe('user');
    // Bituminous: 100 t × 20 GJ/t = 2000 GJ = 2 TJ × 26.18 = 52.36 tC × 0.93 = 48.6948 × 44/12 = 178.5476 tCO2.
    const b = fuelCombustionCo2({
      fuel: 'bituminous',
      quantity: { value: 100, unit: 't' },
      ncv: { value: 20_000, unit: 'kJ/kg' },
    });
    expect(b.value.tCO2).toBeCloseTo(178.5476, 9);
  });

  it('bad input: a percentage as oxidation, gas by mass, unknown fuel, negative quantity', () => {
    const e1 = cpErrorOf(() =>
      fuelCombustionCo2({ fuel: 'diesel', quantity: { value: 1, unit: 't' }, oxidation: 98 }),
    );
    expect([e1.code, e1.field]).toEqual(['VALIDATION', 'oxidation']);
    const e2 = cpErrorOf(() => fuelCombustionCo2({ fuel: 'natural-gas', quantity: { value: 1, unit: 't' } }));
    expect([e2.code, e2.field]).toEqual(['UNIT', 'quantity.unit']);
    const e3 = cpErrorOf(() => fuelCombustionCo2({ fuel: 'peat', quantity: { value: 1, unit: 't' } }));
    expect([e3.code, e3.field]).toEqual(['UNKNOWN_REFERENCE', 'fuel']);
    const e4 = cpErrorOf(() => fuelCombustionCo2({ fuel: 'coke', quantity: { value: -1, unit: 't' } }));
    expect([e4.code, e4.field]).toEqual(['NEGATIVE_QUANTITY', 'quantity.value']);
    const e5 = cpErrorOf(() =>
      fuelCombustionCo2({
        fuel: 'coke',
        quantity: { value: 1, unit: 't' },
        ncv: { value: 28, unit: 'GJ/m3' },
      }),
    );
    expect([e5.code, e5.field]).toEqual(['UNIT', 'ncv.unit']);
    const e6 = cpErrorOf(() => fuelCombustionCo2FromJson({ fuel: 'coke', quantity: { value: 1 } }));
    expect([e6.code, e6.field]).toEqual(['VALIDATION', 'quantity.unit']);
  });
});

describe('co2OfFuelSaving: gd-form vs ghg-guideline', () => {
  it('diesel 1 t: 注13 route 3.9607935 (at crude oil’s 1.4286) vs guideline 3.14512249', () => {
    const gd = co2OfFuelSaving({ method: 'gd-form', fuel: 'diesel', quantity: { value: 1, unit: 't' } });
    expect(gd.value).toEqual({ tCO2: expect.closeTo(3.9607935, 10), method: 'gd-form' });
    expect(gd.breakdown.notes?.join(' ')).toMatch(/crude oil's 1\.4286/);
    // 0.04333 TJ × 20.2 × 0.98 × 44/12 = 3.14512249 tCO2.
    const ghg = co2OfFuelSaving({
      method: 'ghg-guideline',
      fuel: 'diesel',
      quantity: { value: 1, unit: 't' },
    });
    expect(ghg.value).toEqual({ tCO2: expect.closeTo(3.14512249, 8), method: 'ghg-guideline' });
  });

  it('coal: 注13 counts it as standard coal (2.7725/t); the guideline needs the coal type', () => {
    expect(co2OfFuelSaving({ fuel: '煤炭', quantity: { value: 1, unit: 't' } }).value.tCO2).toBeCloseTo(
      2.7725,
      12,
    );
    expect(
      co2OfFuelSaving({ method: 'ghg-guideline', fuel: 'bituminous', quantity: { value: 1000, unit: 'kg' } })
        .value.tCO2,
    ).toBeCloseTo(2.0715092552, 9);
    const e = cpErrorOf(() =>
      co2OfFuelSaving({ method: 'ghg-guideline', fuel: 'coal', quantity: { value: 1, unit: 't' } }),
    );
    expect([e.code, e.field]).toEqual(['VALIDATION', 'fuel']);
  });

  it('natural gas under 注13 at a chosen coefficient: 1 万m3 × 1.3 = 13 tce → 36.0425 tCO2', () => {
    const r = co2OfFuelSaving({
      fuel: 'natural-gas',
      quantity: { value: 1, unit: '万m3' },
      gasCoefficient_kgcePerM3: 1.3,
    });
    expect(r.value.tCO2).toBeCloseTo(36.0425, 10);
  });

  it('negative savings are allowed in both methods: −2 t coal → −5.545', () => {
    expect(co2OfFuelSaving({ fuel: 'raw-coal', quantity: { value: -2, unit: 't' } }).value.tCO2).toBeCloseTo(
      -5.545,
      12,
    );
    expect(
      co2OfFuelSaving({ method: 'ghg-guideline', fuel: 'diesel', quantity: { value: -1, unit: 't' } }).value
        .tCO2,
    ).toBeCloseTo(-3.14512249, 8);
  });

  it('options of the other method, fuels 注13 does not cover, wrong units', () => {
    const e1 = cpErrorOf(() => co2OfFuelSaving({ fuel: 'coke', quantity: { value: 1, unit: 't' } }));
    expect([e1.code, e1.field]).toEqual(['NOT_COMPUTABLE', 'fuel']);
    const e2 = cpErrorOf(() =>
      co2OfFuelSaving({ fuel: 'diesel', quantity: { value: 1, unit: 't' }, oxidation: 0.98 }),
    );
    expect([e2.code, e2.field]).toEqual(['VALIDATION', 'oxidation']);
    const e3 = cpErrorOf(() =>
      co2OfFuelSaving({
        method: 'ghg-guideline',
        fuel: 'natural-gas',
        quantity: { value: 1, unit: 'm3' },
        gasCoefficient_kgcePerM3: 1.2,
      }),
    );
    expect([e3.code, e3.field]).toEqual(['VALIDATION', 'gasCoefficient_kgcePerM3']);
    const e4 = cpErrorOf(() => co2OfFuelSaving({ fuel: 'natural-gas', quantity: { value: 1, unit: 't' } }));
    expect([e4.code, e4.field]).toEqual(['UNIT', 'quantity.unit']);
    const e5 = cpErrorOf(() =>
      co2OfFuelSavingFromJson({ method: 'magic', fuel: 'diesel', quantity: { value: 1, unit: 't' } }),
    );
    expect([e5.code, e5.field]).toEqual(['VALIDATION', 'method']);
  });
});

describe('carbonFromJson', () => {
  const savings = { electricity_kWh: 10_000, coal_t: 1, oil_t: 1, naturalGas_m3: 10_000 };

  it('gd-form with a looked-up grid factor: 44.802761 tCO2 (see savings.test.ts)', () => {
    const r = carbonFromJson({ savings, grid: { region: '广东', dataYear: 2022 } });
    expect(r.value.total_tCO2).toBeCloseTo(44.802761, 10);
    expect(r.value.method).toBe('gd-form');
    expect(r.value.gridFactor.id).toBe('grid.mee-nbs-average.province.guangdong.2022');
  });

  it('a user grid factor; omitted savings are 0', () => {
    // 2000 kWh = 2 MWh × 0.5 = 1 tCO2.
    const r = carbonFromJson({
      savings: { electricity_kWh: 2000 },
      grid: { value_tCO2PerMWh: 0.5, name: '用户因子' },
    });
    expect(r.value.total_tCO2).toBeCloseTo(1, 12);
    expect(r.value.gridFactor.source.status).toBe('user');
  });

  it('ghg-guideline: 4.403 + 2.0715092552 (烟煤) + 3.07827212 (原油) + 21.62188809 = 31.1746694652', () => {
    const r = carbonFromJson({
      savings,
      grid: { region: '广东', dataYear: 2022 },
      method: 'ghg-guideline',
      fuels: { coal: 'bituminous' },
    });
    expect(r.value.total_tCO2).toBeCloseTo(31.1746694652, 9);
    expect(r.value.oil_tCO2).toBeCloseTo(3.07827212, 9);
    expect(r.breakdown.notes?.join(' ')).toMatch(/crude-oil \(default/);
  });

  it('errors name the JSON field', () => {
    const cases: [unknown, string, string][] = [
      [{ savings, grid: { region: '广东' }, method: 'ghg-guideline' }, 'VALIDATION', 'fuels.coal'],
      [
        { savings, grid: { region: '广东' }, gasCoefficient_kgcePerM3: 1.5 },
        'VALIDATION',
        'gasCoefficient_kgcePerM3',
      ],
      [{ savings, grid: { region: 'Atlantis' } }, 'UNKNOWN_REFERENCE', 'grid.region'],
      [{ savings: { coal_t: 'x' }, grid: { region: '广东' } }, 'VALIDATION', 'savings.coal_t'],
      [{ savings, grid: { region: '广东' }, fuels: { coal: 'bituminous' } }, 'VALIDATION', 'fuels'],
      [
        { savings, grid: { value_tCO2PerMWh: 537, name: 'kg/MWh by mistake' } },
        'VALIDATION',
        'grid.value_tCO2PerMWh',
      ],
    ];
    for (const [json, code, field] of cases) {
      const e = cpErrorOf(() => carbonFromJson(json));
      expect([e.code, e.field], JSON.stringify(json)).toEqual([code, field]);
    }
  });
});
