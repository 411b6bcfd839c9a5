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

  it('worked examples through the registry: carbon of the GD 2022 example', () => {
    const carbon = CALCULATIONS.find((c) => c.name === 'carbon');
    // 10 MWh × 0.4403 = 4.403; 10 t coal as tce × 2.7725 = 27.725; 1 t oil × 1.4286 × 2.7725 = 3.9607935;
    // 10 000 m3 × 1.2143 kgce/m3 = 12.143 tce × 2.7725 = 33.6664675 → total 69.7521610 tCO2.
    const v = carbon?.run(carbon.example).value as { total_tCO2: number };
    expect(v.total_tCO2).toBeCloseTo(4.403 + 27.725 + 3.9607935 + 33.6664675, 9);
  });
});
