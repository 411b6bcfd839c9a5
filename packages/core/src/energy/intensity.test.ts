import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { energyFromJson } from './energy-json.ts';
import { intensity, intensityFromJson } from './intensity.ts';

function cpErrorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

describe('intensity', () => {
  it('energy per product: 1510.03 tce / 5000 t = 302.006 kgce/t', () => {
    // 1 510 030 kgce / 5000 t = 302.006 kgce/t.
    const r = intensity({
      name: '单位产品综合能耗',
      numerator: { value: 1510.03, unit: 'tce' },
      denominator: { value: 5000, unit: 't' },
      unit: 'kgce/t',
    });
    expect(r.value.intensity).toBeCloseTo(302.006, 9);
    expect(r.value.unit).toBe('kgce/t');
    expect(r.breakdown.label).toBe('单位产品综合能耗');
    expect(r.breakdown.clause?.clause).toMatch(/单位产品综合能耗/);
  });

  it('energy per output value: 1510.03 tce / 2000 万元 = 0.755015 tce/万元 (default unit)', () => {
    const r = intensity({
      numerator: { value: 1510.03, unit: 'tce' },
      denominator: { value: 2000, unit: '万元' },
    });
    expect(r.value.intensity).toBeCloseTo(0.755015, 12);
    expect(r.value.unit).toBe('tce/万元');
  });

  it('water per plated area: 80 m3 / 10 000 m2 = 8 L/m2', () => {
    // 80 m3 = 80 000 L; 80 000 L / 10 000 m2 = 8 L/m2.
    const r = intensity({
      numerator: { value: 80, unit: 'm3' },
      denominator: { value: 10_000, unit: 'm2' },
      unit: 'L/m2',
    });
    expect(r.value.intensity).toBeCloseTo(8, 12);
  });

  it('pollutant per product: 12 kg COD / 3 t = 4 kg/t; material 2.5 t / 1000 t = 2.5 kg/t', () => {
    expect(
      intensity({ numerator: { value: 12, unit: 'kg' }, denominator: { value: 3, unit: 't' } }).value
        .intensity,
    ).toBeCloseTo(4, 12);
    expect(
      intensity({
        numerator: { value: 2.5, unit: 't' },
        denominator: { value: 1000, unit: 't' },
        unit: 'kg/t',
      }).value.intensity,
    ).toBeCloseTo(2.5, 12);
  });

  it('annual figures: 1200 tce/a over 4000 t/a = 300 kgce/t, noted', () => {
    // 1 200 000 kgce / 4000 t = 300 kgce/t.
    const r = intensity({
      numerator: { value: 1200, unit: 'tce/a' },
      denominator: { value: 4000, unit: 't/a' },
      unit: 'kgce/t',
    });
    expect(r.value.intensity).toBeCloseTo(300, 12);
    expect(r.breakdown.notes?.join(' ')).toMatch(/same year/);
  });

  it('zero output is NOT_COMPUTABLE, negative output NEGATIVE_QUANTITY, naming denominator.value', () => {
    const e0 = cpErrorOf(() =>
      intensity({ numerator: { value: 1, unit: 'tce' }, denominator: { value: 0, unit: 't' } }),
    );
    expect([e0.code, e0.field]).toEqual(['NOT_COMPUTABLE', 'denominator.value']);
    const en = cpErrorOf(() =>
      intensity({ numerator: { value: 1, unit: 'tce' }, denominator: { value: -2, unit: 't' } }),
    );
    expect([en.code, en.field]).toEqual(['NEGATIVE_QUANTITY', 'denominator.value']);
  });

  it('a negative numerator, a target unit of the wrong dimension, a ratio as input', () => {
    const e1 = cpErrorOf(() =>
      intensity({ numerator: { value: -1, unit: 'tce' }, denominator: { value: 2, unit: 't' } }),
    );
    expect([e1.code, e1.field]).toEqual(['NEGATIVE_QUANTITY', 'numerator.value']);
    const e2 = cpErrorOf(() =>
      intensity({
        numerator: { value: 1, unit: 'm3' },
        denominator: { value: 2, unit: 't' },
        unit: 'kgce/t',
      }),
    );
    expect([e2.code, e2.field]).toEqual(['UNIT', 'unit']);
    const e3 = cpErrorOf(() =>
      intensity({ numerator: { value: 1, unit: 'kgce/t' }, denominator: { value: 2, unit: 't' } }),
    );
    expect([e3.code, e3.field]).toEqual(['UNIT', 'numerator.unit']);
  });

  it('intensityFromJson validates', () => {
    expect(
      intensityFromJson({ numerator: { value: 10, unit: 'tce' }, denominator: { value: 4, unit: 't' } }).value
        .intensity,
    ).toBe(2.5);
    const e = cpErrorOf(() => intensityFromJson({ numerator: { value: 10, unit: 'tce' } }));
    expect([e.code, e.field]).toEqual(['VALIDATION', 'denominator']);
  });
});

describe('energyFromJson: carriers → per-carrier tce, total, intensities', () => {
  const json = {
    items: [
      { carrier: 'raw-coal', quantity: { value: 1000, unit: 't' }, label: '锅炉用煤' },
      { carrier: '电力', quantity: { value: 100, unit: '万kWh' } },
      { carrier: 'natural-gas', quantity: { value: 50, unit: '万m3' } },
    ],
    intensities: [
      { name: '单位产值综合能耗', denominator: { value: 2000, unit: '万元' } },
      {
        name: '单位产品综合能耗（产品A）',
        denominator: { value: 1000, unit: 't' },
        unit: 'kgce/t',
        items: [0, 1],
      },
    ],
  };

  it('computes the worked example', () => {
    // 714.3 + 122.9 + 607.15 = 1444.35 tce (see standard-coal.test.ts for each line).
    // 1444.35 / 2000 = 0.722175 tce/万元. Product A: (714.3 + 122.9) tce = 837 200 kgce / 1000 t = 837.2 kgce/t.
    const r = energyFromJson(json);
    expect(r.value.total_tce).toBeCloseTo(1444.35, 9);
    expect(r.value.items.map((l) => l.label)).toEqual(['锅炉用煤', '电力', '天然气']);
    expect(r.value.intensities).toEqual([
      {
        name: '单位产值综合能耗',
        numerator_tce: expect.closeTo(1444.35, 9),
        intensity: expect.closeTo(0.722175, 12),
        unit: 'tce/万元',
      },
      {
        name: '单位产品综合能耗（产品A）',
        numerator_tce: expect.closeTo(837.2, 9),
        intensity: expect.closeTo(837.2, 9),
        unit: 'kgce/t',
      },
    ]);
    expect(r.breakdown.steps).toHaveLength(3);
  });

  it('errors name the JSON field', () => {
    const bad = structuredClone(json);
    bad.intensities[1] = { ...json.intensities[1], name: 'x', denominator: { value: 0, unit: 't' } };
    const e1 = cpErrorOf(() => energyFromJson(bad));
    expect([e1.code, e1.field]).toEqual(['NOT_COMPUTABLE', 'intensities.1.denominator.value']);
    const e2 = cpErrorOf(() =>
      energyFromJson({
        ...json,
        intensities: [{ name: 'x', denominator: { value: 1, unit: 't' }, items: [7] }],
      }),
    );
    expect([e2.code, e2.field]).toEqual(['VALIDATION', 'intensities.0.items.0']);
    const e3 = cpErrorOf(() =>
      energyFromJson({ items: [{ carrier: 'natural-gas', quantity: { value: 1, unit: 'kWh' } }] }),
    );
    expect([e3.code, e3.field]).toEqual(['UNIT', 'items.0.quantity.unit']);
    const e4 = cpErrorOf(() => energyFromJson({ items: 'coal' }));
    expect([e4.code, e4.field]).toEqual(['VALIDATION', 'items']);
  });
});
