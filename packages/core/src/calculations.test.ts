import { describe, expect, it } from 'vitest';
import { CALCULATIONS } from './calculations.ts';
import { CpError } from './errors.ts';

describe('the calculations registry', () => {
  it('has the calculations the CLI documents, each name once', () => {
    const names = CALCULATIONS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of [
      'energy',
      'carbon',
      'economics',
      'screen',
      'evaluate',
      'balance',
      'check',
      'targets',
      'aggregate',
      'uscc',
      'compliance',
      'tax',
      'potential',
    ]) {
      expect(names).toContain(n);
    }
  });

  it.each(CALCULATIONS.map((c) => [c.name, c] as const))(
    'example of %s runs and explains itself',
    (_n, c) => {
      const out = c.run(c.example);
      expect(out.breakdown.label.length).toBeGreaterThan(0);
      expect(out.value).toBeDefined();
    },
  );

  it.each(CALCULATIONS.map((c) => [c.name, c] as const))(
    '%s refuses a non-object input with VALIDATION',
    (_n, c) => {
      expect(() => c.run(42)).toThrow(CpError);
    },
  );

  it('worked examples through the registry: compliance, tax and potential', () => {
    const run = (name: string) =>
      CALCULATIONS.find((c) => c.name === name)?.run(CALCULATIONS.find((c) => c.name === name)?.example);
    // Compliance: 六价铬 0.18 × 12 000 ÷ (20 000 × 500 ÷ 1000) = 0.216 mg/L > 表2 0.2 → the one exceedance.
    const c = run('compliance')?.value as { exceedances: { pollutant: string; converted: number }[] };
    expect(c.exceedances.map((e) => e.pollutant)).toEqual(['class_i.cr6']);
    expect(c.exceedances[0]?.converted).toBeCloseTo(0.216, 12);
    // Tax before: other water top 3 of COD 10 000, SS 1 100, NH3-N 1 000, TP 400 (BOD5 not next to COD) = 12 100;
    // class I: 2/0.04 + 1/0.025 = 90 → 12 190 × 2.8 = 34 132 元, + 12.5 t × 1 000 = 46 632 元.
    // After: COD 7 000, SS 1 000, NH3-N 750 = 8 750; class I 30 + 24 = 54 → 8 804 × 2.8 = 24 651.2 + 10 000 = 34 651.2.
    const t = run('tax')?.value as { total_yuan: number; avoided: { avoided_yuan: number } };
    expect(t.total_yuan).toBeCloseTo(46632, 6);
    expect(t.avoided.avoided_yuan).toBeCloseTo(46632 - 34651.2, 6);
    // Potential at level II: (30 − 24) × 100 000 + (40 − 24) × 200 000 = 3 800 000 L = 3 800 m³.
    const p = run('potential')?.value as { levels: { level: string; industry: { water_m3: number } }[] };
    expect(p.levels[0]?.industry.water_m3).toBeCloseTo(3800, 9);
  });

  it('worked examples through the registry: carbon of the GD 2022 example', () => {
    const carbon = CALCULATIONS.find((c) => c.name === 'carbon');
    // 10 MWh × 0.4403 = 4.403; 10 t coal as tce × 2.7725 = 27.725; 1 t oil × 1.4286 × 2.7725 = 3.9607935;
    // 10 000 m3 × 1.2143 kgce/m3 = 12.143 tce × 2.7725 = 33.6664675 → total 69.7521610 tCO2.
    const v = carbon?.run(carbon.example).value as { total_tCO2: number };
    expect(v.total_tCO2).toBeCloseTo(4.403 + 27.725 + 3.9607935 + 33.6664675, 9);
  });
});
