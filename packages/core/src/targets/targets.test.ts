import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { assessTarget, type Target, targetCompletion, targetsFromJson } from './targets.ts';

function errorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

const cod: Target = {
  id: 'cod',
  type: 'pollutant',
  indicator: 'COD排放量',
  unit: 't/a',
  kind: 'absolute',
  direction: 'decrease',
  baseline: 12,
  nearTerm: 10.8,
  actual: 10.5,
};

describe('completion of one target', () => {
  it('the brief’s example: COD 12.0 → 10.5 t/a, target 10.8: (12 − 10.5)/(12 − 10.8) = 1.5/1.2 = 125.0%', () => {
    const r = assessTarget(cod).value;
    expect(r.near.completion_percent).toBeCloseTo(125, 9);
    expect(r.near.status).toBe('met');
    expect(r.completionText).toBe('COD排放量由12.0 t/a降至10.5 t/a，目标10.8 t/a，完成率125.0%，已完成');
    expect(r.targetText).toBe('COD排放量由12.0 t/a降至10.8 t/a');
    expect(r.achievedChange).toBeCloseTo(1.5, 12);
    expect(r.achievedChange_percent).toBeCloseTo(12.5, 9); // 1.5 / 12
    expect(r.gdForm).toEqual({
      indicator: 'COD排放量（t/a）',
      before: 12,
      after: 10.5,
      nearTermTarget: 10.8,
    });
  });

  it('near and long term: long target 10.0 → (12 − 10.5)/(12 − 10) = 75.0%, not met', () => {
    const r = assessTarget({ ...cod, longTerm: 10 });
    expect(r.value.long?.completion_percent).toBeCloseTo(75, 9);
    expect(r.value.long?.status).toBe('not-met');
    expect(r.value.targetText).toBe('COD排放量近期由12.0 t/a降至10.8 t/a，中远期降至10.0 t/a');
    expect(r.value.completionText).toBe(
      'COD排放量由12.0 t/a降至10.5 t/a，目标10.8 t/a，完成率125.0%，已完成；中远期目标10.0 t/a，完成率75.0%，未完成',
    );
    expect(r.breakdown.steps?.map((s) => s.label)).toEqual(['近期目标完成率', '中远期目标完成率']);
    expect(r.breakdown.clause?.status).toBe('seed');
  });

  it('partly met: actual 11.4 → (12 − 11.4)/(12 − 10.8) = 0.6/1.2 = 50.0%', () => {
    const r = assessTarget({ ...cod, actual: 11.4 }).value;
    expect(r.near.completion_percent).toBeCloseTo(50, 9);
    expect(r.near.statusZh).toBe('未完成');
  });

  it('exactly at the target is met (boundary, 100.0%) despite binary noise', () => {
    const r = assessTarget({ ...cod, actual: 10.8 }).value;
    expect(r.near.completion_percent).toBeCloseTo(100, 9);
    expect(r.near.status).toBe('met');
  });

  it('moving the wrong way is negative completion: 12 → 12.6 gives −0.6/1.2 = −50.0%', () => {
    const r = assessTarget({ ...cod, actual: 12.6 }).value;
    expect(r.near.completion_percent).toBeCloseTo(-50, 9);
    expect(r.near.status).toBe('worse');
    expect(r.completionText).toBe(
      'COD排放量由12.0 t/a升至12.6 t/a，目标10.8 t/a，完成率-50.0%，未完成（较审核前恶化）',
    );
  });

  it('percent-reduction target “reduce COD 10%”: target 12 × 0.9 = 10.8; actual 10.5 → 125.0%', () => {
    const r = assessTarget({ ...cod, kind: 'percent', nearTerm: 10 }).value;
    expect(r.near.target).toBeCloseTo(10.8, 12);
    expect(r.near.plannedChange_percent).toBe(10);
    expect(r.near.completion_percent).toBeCloseTo(125, 9);
    expect(r.targetText).toBe('COD排放量较审核前（12.0 t/a）下降10%（10.8 t/a）');
    expect(r.completionText).toBe(
      'COD排放量由12.0 t/a降至10.5 t/a（下降12.5%），目标下降10%（10.8 t/a），完成率125.0%，已完成',
    );
  });

  it('percent target reached exactly (12 × 0.9 vs 10.8) is met', () => {
    expect(assessTarget({ ...cod, kind: 'percent', nearTerm: 10, actual: 10.8 }).value.near.status).toBe(
      'met',
    );
  });

  it('increase: water reuse rate 60% → target 75%, actual 72%: (72 − 60)/(75 − 60) = 80.0%', () => {
    const r = assessTarget({
      id: 'reuse',
      type: 'resource-energy',
      indicator: '水重复利用率',
      unit: '%',
      kind: 'absolute',
      direction: 'increase',
      baseline: 60,
      nearTerm: 75,
      actual: 72,
    }).value;
    expect(r.near.completion_percent).toBeCloseTo(80, 9);
    expect(r.completionText).toBe('水重复利用率由60.0%提高至72.0%，目标75.0%，完成率80.0%，未完成');
  });

  it('intensity with small values prints enough decimals: 0.52 → 0.47 kgce/t, target 0.48: 0.05/0.04 = 125.0%', () => {
    const r = assessTarget({
      id: 'energy',
      type: 'resource-energy',
      indicator: '单位产品综合能耗',
      unit: 'kgce/t',
      kind: 'intensity',
      direction: 'decrease',
      baseline: 0.52,
      nearTerm: 0.48,
      actual: 0.47,
    }).value;
    expect(r.near.completion_percent).toBeCloseTo(125, 9);
    expect(r.completionText).toBe(
      '单位产品综合能耗由0.52 kgce/t降至0.47 kgce/t，目标0.48 kgce/t，完成率125.0%，已完成',
    );
  });

  it('CP level: enterprises at level II from 3 to 6, actual 6 → 100.0%, counts print whole', () => {
    const r = assessTarget({
      id: 'level',
      type: 'cp-level',
      indicator: '达到二级及以上水平的企业数量',
      unit: '家',
      kind: 'absolute',
      direction: 'increase',
      baseline: 3,
      nearTerm: 6,
      actual: 6,
    }).value;
    expect(r.completionText).toBe(
      '达到二级及以上水平的企业数量由3家提高至6家，目标6家，完成率100.0%，已完成',
    );
  });

  it('actual missing → not yet assessed, no completion', () => {
    const { actual: _omit, ...noActual } = cod;
    const r = assessTarget(noActual).value;
    expect(r.near.completion_percent).toBeNull();
    expect(r.near.status).toBe('not-assessed');
    expect(r.completionText).toBe('COD排放量审核前12.0 t/a，目标10.8 t/a，尚未评估');
    expect(r.gdForm.after).toBeNull();
  });
});

describe('bad targets', () => {
  it('target equal to the baseline → VALIDATION naming the field, saying division by zero', () => {
    const e = errorOf(() => assessTarget({ ...cod, nearTerm: 12 }, 3));
    expect([e.code, e.field]).toEqual(['VALIDATION', 'targets.3.nearTerm']);
    expect(e.message).toMatch(/equals the baseline.*division by zero/);
    const p = errorOf(() => assessTarget({ ...cod, baseline: 0, actual: 0, kind: 'percent', nearTerm: 10 }));
    expect(p.message).toContain('division by zero');
  });
  it('wrong side of the baseline, malformed percents, negative values, non-per-unit intensity', () => {
    expect(errorOf(() => assessTarget({ ...cod, nearTerm: 13 })).field).toBe('targets.0.nearTerm');
    expect(errorOf(() => assessTarget({ ...cod, longTerm: 13 })).field).toBe('targets.0.longTerm');
    expect(errorOf(() => assessTarget({ ...cod, kind: 'percent', nearTerm: -10 })).code).toBe('VALIDATION');
    expect(errorOf(() => assessTarget({ ...cod, kind: 'percent', nearTerm: 120 })).field).toBe(
      'targets.0.nearTerm',
    );
    const neg = errorOf(() => assessTarget({ ...cod, actual: -1 }));
    expect([neg.code, neg.field]).toEqual(['NEGATIVE_QUANTITY', 'targets.0.actual']);
    expect(errorOf(() => assessTarget({ ...cod, kind: 'intensity' })).field).toBe('targets.0.unit');
  });
});

describe('batch with the Appendix B 7.3 summary', () => {
  const targets: Target[] = [
    cod,
    { ...cod, id: 'nh3', indicator: '氨氮排放量', baseline: 1.2, nearTerm: 1, actual: 1.1 },
    {
      id: 'co2',
      type: 'ghg',
      indicator: '二氧化碳排放强度',
      unit: 'tCO2/万元',
      kind: 'percent',
      direction: 'decrease',
      baseline: 0.8,
      nearTerm: 5,
    },
    {
      id: 'hw',
      type: 'other',
      indicator: '危险废物产生量',
      unit: 't/a',
      kind: 'absolute',
      direction: 'decrease',
      baseline: 30,
      nearTerm: 27,
      actual: 26,
    },
  ];

  it('one row per target; the four fixed rows of table 7.3 plus 其他; counts on the near term', () => {
    const r = targetCompletion({ targets });
    expect(r.value.rows.map((x) => x.id)).toEqual(['cod', 'nh3', 'co2', 'hw']);
    expect(r.value.summary.map((s) => [s.typeZh, s.count, s.met, s.notMet, s.notAssessed])).toEqual([
      ['污染物减排', 2, 1, 1, 0], // COD 125% met; NH3 (1.2 − 1.1)/(1.2 − 1.0) = 50% not met
      ['温室气体减排', 1, 0, 0, 1],
      ['资源能源利用', 0, 0, 0, 0],
      ['清洁生产水平提升', 0, 0, 0, 0],
      ['其他', 1, 1, 0, 0], // (30 − 26)/(30 − 27) = 133.3%
    ]);
    expect(r.value.summary[0]?.completionText).toBe(
      'COD排放量由12.0 t/a降至10.5 t/a，目标10.8 t/a，完成率125.0%，已完成；' +
        '氨氮排放量由1.2 t/a降至1.1 t/a，目标1.0 t/a，完成率50.0%，未完成',
    );
    expect(r.value.summary[1]?.targetText).toBe(
      '二氧化碳排放强度较审核前（0.80 tCO2/万元）下降5%（0.76 tCO2/万元）',
    );
    expect(r.value.summary[2]?.targetText).toBe('—');
    expect(r.value.overview).toBe('共4项目标，近期目标已完成2项，未完成1项，尚未评估1项');
    expect(r.breakdown.steps).toHaveLength(4);
  });

  it('without 其他 targets the summary has exactly the four rows of table 7.3', () => {
    const r = targetCompletion({ targets: targets.slice(0, 3) });
    expect(r.value.summary.map((s) => s.typeZh)).toEqual([
      '污染物减排',
      '温室气体减排',
      '资源能源利用',
      '清洁生产水平提升',
    ]);
  });

  it('errors carry the batch index; duplicate ids are refused', () => {
    const bad = targets.map((t, k) => (k === 2 ? { ...t, nearTerm: 0 } : t));
    expect(errorOf(() => targetCompletion({ targets: bad })).field).toBe('targets.2.nearTerm');
    expect(errorOf(() => targetCompletion({ targets: [cod, cod] })).field).toBe('targets.1.id');
  });

  it('targetsFromJson parses with zod and names the path', () => {
    const e = errorOf(() => targetsFromJson({ targets: [{ ...cod, kind: 'relative' }] }));
    expect([e.code, e.field]).toEqual(['VALIDATION', 'targets.0.kind']);
    expect(errorOf(() => targetsFromJson({ targets: [] })).field).toBe('targets');
    expect(targetsFromJson({ targets: [cod] }).value.rows[0]?.near.status).toBe('met');
  });
});
