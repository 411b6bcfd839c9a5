import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import { GB_21900_2008 } from '../standards/builtin.ts';
import { type StandardJson, standardSchema } from '../standards/schema.ts';
import { checkCompliance, complianceFromJson } from './compliance.ts';
import type { ComplianceInputJson } from './schema.ts';

function errorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

/** An existing plating plant in 常州 (not a special-limit region), audited year 2024: GB 21900-2008 表2 applies. */
const base: ComplianceInputJson = {
  enterprise: {
    name: '甲电镀',
    industryCode: '3360',
    region: ['江苏省', '常州市'],
    installation: 'existing',
  },
  year: 2024,
  drainage: { actualDrainage_m3: 12000, platedArea_m2: 20000, layers: 'multi' },
  measurements: [
    {
      pointName: '镀铬车间排放口',
      point: 'workshop',
      pollutant: 'class_i.cr',
      concentration: 0.8,
      unit: 'mg/L',
    },
  ],
};

describe('a concentration converted to the benchmark drainage and judged (GB 21900-2008 表2)', () => {
  it('总铬 0.8 mg/L, 12 000 m³ drained, 20 000 m² multi-layer: 500 L/m² → 10 000 m³ → 0.96 mg/L ≤ 1.0: pass', () => {
    // Hand calculation: benchmark volume = 20 000 m² × 500 L/m² ÷ 1000 = 10 000 m³ < 12 000 m³ actual, so convert:
    // 0.8 × 12 000 ÷ 10 000 = 0.96 mg/L; 表2 总铬 = 1.0 mg/L at the workshop outlet → pass, ratio 0.96.
    const r = checkCompliance(base);
    const c = r.value.checks[0];
    expect(c?.conversion?.applied).toBe(true);
    expect(c?.conversion?.benchmarkDrainage_m3).toBeCloseTo(10000, 9);
    expect(c?.converted).toBeCloseTo(0.96, 12);
    expect(c?.limit).toEqual({ max: 1.0, unit: 'mg/L' });
    expect(c?.table).toBe('表2');
    expect(c?.clause).toBe('GB 21900-2008 4.1.2、4.1.3 表2');
    expect(c?.verdict).toBe('pass');
    expect(c?.ratio).toBeCloseTo(0.96, 12);
    expect(r.value.exceedances).toEqual([]);
    expect(r.breakdown.steps?.[1]?.formula).toBe(
      'ρ基 = ρ实 × Q总 ÷ (Y × Q基) = 0.8 × 12000 ÷ 10000 = 0.96 mg/L',
    );
  });

  it('六价铬 0.18 mg/L passes as measured but not converted: 0.18 × 12 000 ÷ 10 000 = 0.216 > 0.2: exceed (双超)', () => {
    const r = checkCompliance({
      ...base,
      measurements: [
        {
          pointName: '镀铬车间排放口',
          point: 'workshop',
          pollutant: 'class_i.cr6',
          concentration: 0.18,
          unit: 'mg/L',
        },
      ],
    });
    const c = r.value.checks[0];
    expect(c?.converted).toBeCloseTo(0.216, 12);
    expect(c?.verdict).toBe('exceed');
    expect(c?.ratio).toBeCloseTo(1.08, 12);
    expect(r.value.exceedances.map((e) => e.pollutant)).toEqual(['class_i.cr6']);
    const de = r.value.mandatory.find((m) => m.id === 'double-exceed');
    expect(de?.met).toBe(true);
    expect(de?.reasons[0]).toBe('超标：镀铬车间排放口 六价铬 0.216 mg/L 超过 GB 21900-2008 表2 限值 0.2');
    expect(de?.clause.clause).toBe('第八条（一）');
    expect(r.value.mandatoryAudit).toBe(true);
  });

  it('drainage at or below the benchmark is not converted: 9 000 m³ ≤ 10 000 m³ → 0.8 compared as is', () => {
    const r = checkCompliance({
      ...base,
      drainage: { actualDrainage_m3: 9000, platedArea_m2: 20000, layers: 'multi' },
    });
    expect(r.value.checks[0]?.conversion?.applied).toBe(false);
    expect(r.value.checks[0]?.converted).toBe(0.8);
  });

  it('single-layer plating uses 200 L/m²: 20 000 × 200 ÷ 1000 = 4 000 m³; 0.3 × 12 000 ÷ 4 000 = 0.9 ≤ 1.0', () => {
    const r = checkCompliance({
      ...base,
      drainage: { actualDrainage_m3: 12000, platedArea_m2: 20000, layers: 'single' },
      measurements: [
        { pointName: '车间', point: 'workshop', pollutant: 'class_i.cr', concentration: 0.3, unit: 'mg/L' },
      ],
    });
    expect(r.value.checks[0]?.converted).toBeCloseTo(0.9, 12);
    expect(r.value.checks[0]?.verdict).toBe('pass');
  });

  it('in a special-limit region the same 0.96 mg/L exceeds 表3 总铬 0.5 (special limits)', () => {
    const r = checkCompliance({ ...base, enterprise: { ...base.enterprise, keyRegion: true } });
    const c = r.value.checks[0];
    // 表3 multi-layer benchmark 250 L/m²: 20 000 × 250 ÷ 1000 = 5 000 m³; 0.8 × 12 000 ÷ 5 000 = 1.92 mg/L.
    expect(c?.table).toBe('表3');
    expect(c?.converted).toBeCloseTo(1.92, 12);
    expect(c?.verdict).toBe('exceed');
  });

  it('pH is a range and is not converted; COD at the total outlet; a class-I pollutant measured at the total outlet is noted', () => {
    const r = checkCompliance({
      ...base,
      measurements: [
        { pointName: '总排口', point: 'total', pollutant: 'ph', concentration: 9.4, unit: 'pH' },
        { pointName: '总排口', point: 'total', pollutant: 'cod', concentration: 60, unit: 'mg/L' },
        { pointName: '总排口', point: 'total', pollutant: 'class_i.ni', concentration: 0.1, unit: 'mg/L' },
        { pointName: '总排口', point: 'total', pollutant: 'bod5', concentration: 10, unit: 'mg/L' },
      ],
    });
    const [ph, cod, ni, bod] = r.value.checks;
    expect(ph?.verdict).toBe('exceed');
    expect(ph?.converted).toBe(9.4);
    expect(ph?.ratio).toBeNull();
    // COD 60 × 12 000 ÷ 10 000 = 72 ≤ 80.
    expect(cod?.converted).toBeCloseTo(72, 9);
    expect(cod?.verdict).toBe('pass');
    expect(ni?.notes[0]).toContain('车间或生产设施排放口');
    // GB 21900 has no BOD5 limit and GB 8978 is not crossed with it.
    expect(bod?.verdict).toBe('no-limit');
    // 总镍 detected → 双有.
    expect(r.value.mandatory.find((m) => m.id === 'double-toxic')?.reasons).toEqual([
      '废水中检出第一类污染物：总镍',
    ]);
  });
});

describe('quotas, energy limits and the article 8 conditions', () => {
  const energyStandard: StandardJson = {
    kind: 'energy',
    code: 'DEMO-EL-1',
    title: '演示：电镀件单位产品能耗限额',
    industries: ['3360'],
    validFrom: '2020-01-01',
    source: { document: '演示用户录入', status: 'user' },
    product: '电镀件',
    productUnit: 'm2',
    limit_kgcePerUnit: 5,
    entry_kgcePerUnit: 4,
    advanced_kgcePerUnit: 3,
  };

  it('within the standard but over the quota is still 双超 (超总量): COD 12.5 t/a > 10 t/a', () => {
    const r = checkCompliance({
      ...base,
      quotas: [{ pollutant: 'cod', quota_tPerA: 10, emitted_tPerA: 12.5 }],
    });
    expect(r.value.exceedances).toEqual([]);
    expect(r.value.quotas[0]).toMatchObject({ verdict: 'exceed', ratio: 1.25 });
    expect(r.value.mandatory[0]?.reasons).toEqual([
      '超总量：化学需氧量（COD） 排放 12.5 t/a 超过总量控制指标 10 t/a',
    ]);
  });

  it('unit-product energy: 120 tce ÷ 20 000 m² = 6 kgce/m² > 限定值 5 → 高耗能; a new plant at 4.5 exceeds 准入值 4', () => {
    const standards = [energyStandard];
    const r = checkCompliance({
      ...base,
      standards,
      energy: [{ product: '电镀件', energy_tce: 120, output: 20000, outputUnit: 'm2' }],
    });
    // 120 tce × 1000 kgce/tce ÷ 20 000 m² = 6 kgce/m².
    expect(r.value.energy[0]).toMatchObject({
      intensity_kgcePerUnit: 6,
      verdict: 'exceed',
      applicable: 'limit',
    });
    expect(r.value.mandatory[1]).toMatchObject({ zh: '高耗能', met: true });
    const n = checkCompliance({
      ...base,
      enterprise: { ...base.enterprise, installation: 'new' },
      standards,
      energy: [{ product: '电镀件', intensity_kgcePerUnit: 0.045, outputUnit: 'dm2' }],
    });
    // 0.045 kgce/dm² × 100 dm²/m² = 4.5 kgce/m² > 准入值 4.
    expect(n.value.energy[0]?.intensity_kgcePerUnit).toBeCloseTo(4.5, 12);
    expect(n.value.energy[0]).toMatchObject({ applicable: 'entry', verdict: 'exceed', meetsAdvanced: false });
  });

  it('toxic materials reported make 双有; nothing reported and nothing over: no mandatory audit', () => {
    const t = checkCompliance({
      ...base,
      measurements: [],
      toxic: { usesToxicMaterials: true, materials: ['铬酸酐'] },
    });
    expect(t.value.mandatory[2]).toMatchObject({ met: true, reasons: ['使用有毒有害原料：铬酸酐'] });
    const clean = checkCompliance({ ...base, measurements: [] });
    expect(clean.value.mandatoryAudit).toBe(false);
    expect(clean.value.summary).toBe('2024年：监测 0 项，超标 0 项；未发现应实施强制性清洁生产审核的情形');
  });
});

describe('bad input names the field and changes nothing', () => {
  const m = base.measurements?.[0];
  it.each([
    [
      'negative concentration',
      { ...m, concentration: -0.1 },
      'NEGATIVE_QUANTITY',
      'measurements.0.concentration',
    ],
    ['unknown pollutant', { ...m, pollutant: 'chromium' }, 'UNKNOWN_REFERENCE', 'measurements.0.pollutant'],
    ['wrong unit', { ...m, unit: 'mg/m3' }, 'UNIT', 'measurements.0.unit'],
    ['air pollutant in water', { ...m, pollutant: 'so2' }, 'VALIDATION', 'measurements.0.pollutant'],
  ])('%s', (_n, measurement, code, field) => {
    const e = errorOf(() => complianceFromJson({ ...base, measurements: [measurement] }));
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
  });

  it('negative drainage, unknown field, zero plated area', () => {
    expect(
      errorOf(() =>
        complianceFromJson({
          ...base,
          drainage: { actualDrainage_m3: -1, platedArea_m2: 1, layers: 'multi' },
        }),
      ).field,
    ).toBe('drainage.actualDrainage_m3');
    expect(errorOf(() => complianceFromJson({ ...base, colour: 'red' })).field).toBe('colour');
    expect(
      errorOf(() =>
        complianceFromJson({
          ...base,
          drainage: { actualDrainage_m3: 1, platedArea_m2: 0, layers: 'multi' },
        }),
      ).field,
    ).toBe('drainage.platedArea_m2');
  });
});

describe('several applicable standards', () => {
  it('standards given apart (already validated, as the server passes its stored ones) are the ones used', () => {
    const local: StandardJson = {
      kind: 'emission',
      code: 'DB32/DEMO2',
      title: '演示地方标准',
      medium: 'water',
      industries: ['336'],
      regions: ['江苏'],
      validFrom: '2020-01-01',
      source: { document: 'DB32/DEMO2', status: 'user' },
      tables: [
        {
          id: '表1',
          title: '限值',
          clause: '4.1',
          appliesTo: [{ installation: 'existing', from: null, to: null }],
          limits: [
            {
              pollutant: 'cod',
              max: 50,
              unit: 'mg/L',
              point: 'total',
              source: { document: 'DB32/DEMO2', status: 'user' },
            },
          ],
          source: { document: 'DB32/DEMO2', status: 'user' },
        },
      ],
    };
    const measurements = [
      { pointName: '总排口', point: 'total' as const, pollutant: 'cod', concentration: 60, unit: 'mg/L' },
    ];
    const inJson = checkCompliance({ ...base, standards: [GB_21900_2008, local], measurements });
    const apart = checkCompliance({ ...base, measurements }, [
      GB_21900_2008,
      parseInput(standardSchema, local),
    ]);
    expect(apart.value).toEqual(inJson.value);
    // The separate list wins over one in the input: only GB 21900 → COD 60 × 1.2 = 72 ≤ 80 passes.
    const gbOnly = checkCompliance({ ...base, standards: [local], measurements }, [GB_21900_2008]);
    expect(gbOnly.value.checks[0]).toMatchObject({ standard: 'GB 21900-2008', verdict: 'pass' });
  });
  it('a stricter local standard wins: COD 60 mg/L → 72 converted passes GB 21900 表2 (80) but not DB32 (50)', () => {
    const local: StandardJson = {
      kind: 'emission',
      code: 'DB32/DEMO',
      title: '演示地方标准',
      medium: 'water',
      industries: ['336'],
      regions: ['江苏'],
      validFrom: '2020-01-01',
      source: { document: 'DB32/DEMO', status: 'user' },
      tables: [
        {
          id: '表1',
          title: '限值',
          clause: '4.1',
          appliesTo: [{ installation: 'existing', from: null, to: null }],
          limits: [
            {
              pollutant: 'cod',
              max: 50,
              unit: 'mg/L',
              point: 'total',
              source: { document: 'DB32/DEMO', status: 'user' },
            },
          ],
          source: { document: 'DB32/DEMO', status: 'user' },
        },
      ],
    };
    const r = checkCompliance({
      ...base,
      standards: [local],
      measurements: [
        { pointName: '总排口', point: 'total', pollutant: 'cod', concentration: 60, unit: 'mg/L' },
      ],
    });
    // Only DB32/DEMO given (no benchmark drainage in it): 60 > 50 → exceed, not converted.
    expect(r.value.checks[0]).toMatchObject({ standard: 'DB32/DEMO', converted: 60, verdict: 'exceed' });
    const both = checkCompliance({
      ...base,
      standards: [GB_21900_2008, local],
      measurements: [
        { pointName: '总排口', point: 'total', pollutant: 'cod', concentration: 30, unit: 'mg/L' },
      ],
    });
    // 30 mg/L: GB 21900 表2 converts to 30 × 12 000 ÷ 10 000 = 36 ≤ 80; DB32 (no benchmark drainage): 30 ≤ 50.
    expect(both.value.standards.map((s) => s.code)).toEqual(['GB 21900-2008', 'DB32/DEMO']);
    // Both judged, the binding one reported: DB32 ratio 30/50 = 0.6 > GB 21900 36/80 = 0.45.
    expect(both.value.checks[0]).toMatchObject({ standard: 'DB32/DEMO', verdict: 'pass', ratio: 0.6 });
    expect(both.value.checks[0]?.notes).toEqual(['另按 GB 21900-2008 表2 判定：36 mg/L，达标']);
    // With 24 000 m³ drained (2.4 × the benchmark) 40 mg/L passes DB32 (40 ≤ 50) but not GB 21900 表2:
    // 40 × 24 000 ÷ 10 000 = 96 > 80 → exceed, reported under GB 21900.
    const worse = checkCompliance({
      ...base,
      drainage: { actualDrainage_m3: 24000, platedArea_m2: 20000, layers: 'multi' },
      standards: [GB_21900_2008, local],
      measurements: [
        { pointName: '总排口', point: 'total', pollutant: 'cod', concentration: 40, unit: 'mg/L' },
      ],
    });
    expect(worse.value.checks[0]).toMatchObject({
      standard: 'GB 21900-2008',
      verdict: 'exceed',
      converted: 96,
    });
    expect(worse.value.checks[0]?.notes).toEqual(['另按 DB32/DEMO 表1 判定：40 mg/L，达标']);
  });
});
