import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import type { Source } from '../trace.ts';
import { ELECTROPLATING_2015 } from './electroplating-2015.data.ts';
import { evaluateEnterprise, evaluateFromJson } from './evaluate.ts';
import type { EvalLevel, IndicatorSystem, IndicatorValues } from './schema.ts';

function cpError(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

const SRC: Source = { document: 'test system', status: 'user' };

/**
 * Synthetic system: group A (w 0.85) holds one limiting 'le' indicator q1 (Ⅰ ≤10, Ⅱ ≤20, Ⅲ ≤30); group B (w 0.15)
 * holds a 'ge' indicator q2 (Ⅰ ≥90, Ⅱ ≥80, Ⅲ ≥70, ω 0.5) and a qualitative one (ω 0.5).
 */
const SMALL: IndicatorSystem = {
  id: 'small',
  name: '测试体系',
  industry: ['3360'],
  year: 2020,
  issuer: 'test',
  source: SRC,
  method: 'ygk-2013',
  groups: [
    {
      id: 'A',
      name: '甲',
      weight: 0.85,
      indicators: [
        {
          id: 'q1',
          name: '单位产品取水量',
          kind: 'quantitative',
          unit: 'm3/t',
          direction: 'le',
          weight: 1,
          limiting: true,
          status: 'user',
          benchmarks: { I: 10, II: 20, III: 30 },
        },
      ],
    },
    {
      id: 'B',
      name: '乙',
      weight: 0.15,
      indicators: [
        {
          id: 'q2',
          name: '回收率',
          kind: 'quantitative',
          unit: '%',
          direction: 'ge',
          weight: 0.5,
          limiting: false,
          status: 'user',
          benchmarks: { I: 90, II: 80, III: 70 },
        },
        {
          id: 'qual',
          name: '管理制度',
          kind: 'qualitative',
          weight: 0.5,
          limiting: false,
          status: 'user',
          benchmarks: { I: '甲级要求', II: '乙级要求', III: '丙级要求' },
        },
      ],
    },
  ],
};

/** Group A (w 0.9): x1 'ge' (Ⅰ ≥90 …); group B (w 0.1): limiting 'le' indicator lim. */
const LIMITED: IndicatorSystem = {
  ...SMALL,
  id: 'limited',
  groups: [
    {
      id: 'A',
      name: '甲',
      weight: 0.9,
      indicators: [
        {
          id: 'x1',
          name: '利用率',
          kind: 'quantitative',
          unit: '%',
          direction: 'ge',
          weight: 1,
          limiting: false,
          status: 'user',
          benchmarks: { I: 90, II: 80, III: 70 },
        },
      ],
    },
    {
      id: 'B',
      name: '乙',
      weight: 0.1,
      indicators: [
        {
          id: 'lim',
          name: '单位产品废水产生量',
          kind: 'quantitative',
          unit: 'm3/t',
          direction: 'le',
          weight: 1,
          limiting: true,
          status: 'user',
          benchmarks: { I: 1, II: 2, III: 3 },
        },
      ],
    },
  ],
};

describe('electroplating 2015 worked example (hand calculation)', () => {
  // Enterprise plating zinc and nickel only (n = 2, so each metal carries 0.8/2 = 0.4).
  const values: IndicatorValues = {
    'cleaner-process': { meets: ['II'] },
    'process-control': { meets: ['I'] },
    'plating-line': { meets: ['III'] },
    'water-saving-facilities': { meets: ['II'] },
    'rinse-water-per-area': 30,
    'zinc-utilisation': 81,
    'copper-utilisation': 'not-applicable',
    'nickel-utilisation': 96,
    'decorative-chromium-utilisation': 'not-applicable',
    'hard-chromium-utilisation': 'not-applicable',
    'gold-utilisation': 'not-applicable',
    'silver-utilisation': 'not-applicable',
    'water-reuse-rate': 45,
    'wastewater-treatment': { meets: ['I'] },
    'heavy-metal-prevention': { meets: ['II'] },
    'hazardous-waste-prevention': { meets: ['I'] },
    'environmental-law-compliance': { meets: ['I'] },
    'industrial-policy': { meets: ['I'] },
    'management-system-and-audit': { meets: ['I'] },
    'hazardous-chemicals': { meets: ['I'] },
    'treatment-facility-operation': { meets: ['I'] },
    'hazardous-waste-disposal': { meets: ['I'] },
    'energy-metering': { meets: ['II'] },
    'environmental-emergency': { meets: ['I'] },
    'environmental-disclosure': { meets: ['I'] },
  };
  const r = evaluateEnterprise(ELECTROPLATING_2015, values).value;

  it('Y_I, Y_II, Y_III by formula 5-2', () => {
    // 生产工艺及装备 0.33: Ⅰ only process-control 0.15 → 0.33·0.15·100 = 4.95;
    //   Ⅱ 0.15+0.15+0.3 = 0.6 → 19.8; Ⅲ all → 33.
    // 资源消耗 0.1: 30 L/m² is Ⅲ (≤40, >24) → 0 / 0 / 10.
    // 资源综合利用 0.18: zinc 81 Ⅱ (0.4), nickel 96 Ⅰ (0.4), reuse 45 Ⅱ (0.2) → Ⅰ 0.18·0.4·100 = 7.2; Ⅱ 18; Ⅲ 18.
    // 污染物产生 0.16 (⅓ each): Ⅰ ⅔ → 0.16·⅔·100 = 10.6667; Ⅱ 16; Ⅲ 16.
    // 清洁生产管理 0.23 (1/9 each), 8 at Ⅰ and 1 at Ⅱ: Ⅰ 0.23·8/9·100 = 20.4444; Ⅱ 23; Ⅲ 23.
    // Y_I = 4.95 + 7.2 + 32/3 + 184/9 = 43.261111…; Y_II = 19.8 + 18 + 16 + 23 = 76.8; Y_III = 33+10+18+16+23 = 100.
    expect(r.Y.I).toBeCloseTo(4.95 + 7.2 + 32 / 3 + 184 / 9, 8);
    expect(r.Y.II).toBeCloseTo(76.8, 8);
    expect(r.Y.III).toBe(100);
  });

  it('grade Ⅲ (Y_Ⅲ = 100, Y_Ⅱ < 85) with its Chinese name', () => {
    expect(r.grade).toBe('III');
    expect(r.gradeName).toBe('Ⅲ级 国内清洁生产一般水平');
  });

  it('metal weights 0.8/n with n = 2 applicable metals; non-applicable ones weigh 0', () => {
    const w = Object.fromEntries(r.indicators.map((i) => [i.indicatorId, i.weight]));
    expect(w['zinc-utilisation']).toBeCloseTo(0.4, 12);
    expect(w['nickel-utilisation']).toBeCloseTo(0.4, 12);
    expect(w['copper-utilisation']).toBe(0);
    expect(w['water-reuse-rate']).toBeCloseTo(0.2, 12);
  });

  it('levels and the gap message of the brief', () => {
    const rinse = r.indicators.find((i) => i.indicatorId === 'rinse-water-per-area');
    expect(rinse?.level).toBe('III');
    // 30 − 24 = 6 L/m²; 6 / 30 = 20 %.
    expect(rinse?.gap?.message).toBe('单位产品每次清洗取水量 30 L/m² → Ⅱ级需 ≤24，差 6 L/m²（20%）');
    expect(rinse?.gap?.difference).toBe(6);
    expect(rinse?.gap?.differencePct).toBe(20);
    const nickel = r.indicators.find((i) => i.indicatorId === 'nickel-utilisation');
    expect(nickel?.level).toBe('I');
    expect(nickel?.gap).toBeNull();
    const cleaner = r.indicators.find((i) => i.indicatorId === 'cleaner-process');
    expect(cleaner?.gap?.toLevel).toBe('I');
    expect(cleaner?.gap?.message).toMatch(/^采用清洁生产工艺 → Ⅰ级需满足：1\.民用产品采用低铬/);
  });

  it('the limiting rinse-water indicator (Ⅲ) is reported as blocking Ⅰ and Ⅱ, but the scores fail anyway', () => {
    expect(
      r.limitingBlocks.map((b) => [b.level, b.scoreMet, b.indicators.map((i) => i.indicatorId)]),
    ).toEqual([
      ['I', false, ['rinse-water-per-area']],
      ['II', false, ['rinse-water-per-area']],
    ]);
  });

  it('says that unverified rows were used', () => {
    // Applicable unverified rows: water-reuse-rate + 3 pollutant + 9 management = 13.
    const f = r.findings.find((x) => x.code === 'unverified-reference');
    expect(f?.message).toContain('13 项');
  });

  it('group contributions add up to Y', () => {
    const sumIII = r.groups.reduce((s, g) => s + g.contribution.III, 0);
    expect(sumIII).toBeCloseTo(100, 9);
    expect(r.groups.map((g) => g.effectiveWeight)).toEqual([0.33, 0.1, 0.18, 0.16, 0.23]);
  });

  it('breakdown carries the benchmarks with their sources and the grade', () => {
    const b = evaluateEnterprise(ELECTROPLATING_2015, values).breakdown;
    expect(b.result).toBe('III');
    const f = b.factors.find((x) => x.id === 'electroplating-2015-table1.rinse-water-per-area.II');
    expect(f?.value).toBe(24);
    expect(f?.source.status).toBe('verified-page');
    expect(f?.source.url).toBe('https://www.shea.cn/index.php?s=news&c=show&id=155');
    expect(b.factors.find((x) => x.id === 'ygk-2013.threshold.I')?.value).toBe(85);
    expect(b.inputs).toHaveLength(25);
  });

  it('gap of a "≥" percentage indicator is in 个百分点', () => {
    const r2 = evaluateEnterprise(ELECTROPLATING_2015, { ...values, 'zinc-utilisation': 78 }).value;
    const zinc = r2.indicators.find((i) => i.indicatorId === 'zinc-utilisation');
    // 78 ≥ 75 → Ⅲ; Ⅱ needs ≥80: 2 points, 2/78 = 2.56 % → 2.6 %.
    expect(zinc?.gap?.message).toBe('锌利用率 78% → Ⅱ级需 ≥80，差 2 个百分点（2.6%）');
  });

  it('below Ⅲ the gap targets Ⅲ, and Y_Ⅲ < 100 leaves the enterprise not rated', () => {
    const r2 = evaluateEnterprise(ELECTROPLATING_2015, { ...values, 'rinse-water-per-area': 50 }).value;
    const rinse = r2.indicators.find((i) => i.indicatorId === 'rinse-water-per-area');
    // 50 − 40 = 10 L/m², 10/50 = 20 %.
    expect(rinse?.level).toBeNull();
    expect(rinse?.gap?.message).toBe('单位产品每次清洗取水量 50 L/m² → Ⅲ级需 ≤40，差 10 L/m²（20%）');
    // Y_III loses the whole 资源消耗 group: 100 − 10 = 90.
    expect(r2.Y.III).toBeCloseTo(90, 9);
    expect(r2.grade).toBe('not-rated');
    expect(r2.gradeName).toContain('未评级');
  });
});

describe('rating rule boundaries (synthetic system)', () => {
  it('Y_I exactly 85 with the limiting indicator at Ⅰ (benchmark inclusive) → Ⅰ', () => {
    // q1 = 10 ≤ 10 → Ⅰ: 0.85·1·100 = 85; q2 = 75 → Ⅲ; qual meets Ⅲ. Y_I = 85, Y_II = 85, Y_III = 100.
    const r = evaluateEnterprise(SMALL, { q1: 10, q2: 75, qual: { meets: ['III'] } }).value;
    expect(r.Y).toEqual({ I: 85, II: 85, III: 100 });
    expect(r.grade).toBe('I');
    expect(r.gradeName).toBe('Ⅰ级 国际清洁生产领先水平');
  });

  it('q1 just above the Ⅰ benchmark → Y_I = 0, Y_II = 85 → Ⅱ', () => {
    const r = evaluateEnterprise(SMALL, { q1: 10.0001, q2: 75, qual: { meets: ['III'] } }).value;
    expect(r.Y.I).toBe(0);
    expect(r.Y.II).toBe(85);
    expect(r.grade).toBe('II');
    expect(r.gradeName).toBe('Ⅱ级 国内清洁生产先进水平');
  });

  it('Y_II just under 85 → Ⅲ', () => {
    // q1 Ⅲ (25): Y_II = 0.15·(0.5+0.5)·100 = 15 when q2 and qual are Ⅰ; Y_III = 100.
    const r = evaluateEnterprise(SMALL, { q1: 25, q2: 95, qual: { meets: ['I'] } }).value;
    expect(r.Y).toEqual({ I: 15, II: 15, III: 100 });
    expect(r.grade).toBe('III');
  });

  it('a limiting indicator alone blocks Ⅰ (Y_I = 90 ≥ 85)', () => {
    // x1 = 95 → Ⅰ: 0.9·100 = 90; lim = 1.5 → Ⅱ: Y_II = 100.
    const r = evaluateEnterprise(LIMITED, { x1: 95, lim: 1.5 }).value;
    expect(r.Y).toEqual({ I: 90, II: 100, III: 100 });
    expect(r.grade).toBe('II');
    expect(r.limitingBlocks).toEqual([
      {
        level: 'I',
        scoreMet: true,
        indicators: [{ indicatorId: 'lim', name: '单位产品废水产生量', level: 'II' }],
      },
    ]);
  });

  it('a limiting indicator below Ⅲ: Y_I = Y_II = Y_III = 90 → not rated, blocking Ⅰ and Ⅱ', () => {
    const r = evaluateEnterprise(LIMITED, { x1: 95, lim: 4 }).value;
    expect(r.Y).toEqual({ I: 90, II: 90, III: 90 });
    expect(r.grade).toBe('not-rated');
    expect(r.limitingBlocks.map((b) => [b.level, b.scoreMet, b.indicators[0]?.level])).toEqual([
      ['I', true, null],
      ['II', true, null],
    ]);
  });

  it('a not-applicable limiting indicator does not block (its group drops out, w renormalised)', () => {
    // Only group A applies: w'_A = 0.9 / 0.9 = 1, so Y_I = 100.
    const r = evaluateEnterprise(LIMITED, { x1: 95, lim: 'not-applicable' }).value;
    expect(r.Y).toEqual({ I: 100, II: 100, III: 100 });
    expect(r.grade).toBe('I');
    expect(r.groups[1]?.applicable).toBe(false);
    expect(r.groups[0]?.effectiveWeight).toBe(1);
    expect(r.findings.some((f) => f.code === 'group-not-applicable' && f.groupId === 'B')).toBe(true);
  });

  it('renormalises second-level weights within a group (5-3)', () => {
    // qual n/a: ω'_q2 = 0.5 / 0.5 = 1. q1 Ⅰ, q2 Ⅰ → Y_I = 85 + 15 = 100.
    const r = evaluateEnterprise(SMALL, { q1: 5, q2: 95, qual: 'not-applicable' }).value;
    expect(r.indicators.find((i) => i.indicatorId === 'q2')?.weight).toBe(1);
    expect(r.Y.I).toBe(100);
  });

  it('a missing applicable value scores 0 for all levels and a finding says so', () => {
    // q2 missing: Y_III = 85 + 0.15·0.5·100 = 92.5 → not rated.
    const r = evaluateEnterprise(SMALL, { q1: 5, qual: { meets: ['I'] } }).value;
    const q2 = r.indicators.find((i) => i.indicatorId === 'q2');
    expect(q2?.missing).toBe(true);
    expect(q2?.contribution).toEqual({ I: 0, II: 0, III: 0 });
    expect(r.Y.III).toBeCloseTo(92.5, 12);
    // Y_I = 85 (q1) + 0.15·0.5·100 (qual) = 92.5 ≥ 85 and q1 (limiting) at Ⅰ → still Ⅰ.
    expect(r.grade).toBe('I');
    expect(r.findings).toContainEqual({
      severity: 'warning',
      code: 'missing-value',
      indicatorId: 'q2',
      message: '"回收率"适用但未填报数据，按各级均不达标计（Y_gk = 0）',
    });
  });

  it('a missing limiting indicator blocks Ⅰ and Ⅱ', () => {
    const r = evaluateEnterprise(SMALL, { q2: 95, qual: { meets: ['I'] } }).value;
    expect(r.grade).toBe('not-rated');
    expect(r.limitingBlocks.map((b) => b.level)).toEqual(['I', 'II']);
  });

  it('uses the system level names when given', () => {
    const named = { ...SMALL, levelNames: { I: '领先', II: '先进', III: '基本水平' } };
    expect(evaluateEnterprise(named, { q1: 25, q2: 95, qual: { meets: ['I'] } }).value.gradeName).toBe(
      'Ⅲ级 基本水平',
    );
  });
});

describe('bad input', () => {
  it('unknown indicator id', () => {
    const e = cpError(() => evaluateEnterprise(SMALL, { q1: 5, q9: 1 }));
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe('values.q9');
  });
  it('number for a qualitative indicator, meets for a quantitative one, NaN', () => {
    expect(cpError(() => evaluateEnterprise(SMALL, { qual: 3 })).field).toBe('values.qual');
    expect(cpError(() => evaluateEnterprise(SMALL, { q1: { meets: ['I'] } })).field).toBe('values.q1');
    expect(cpError(() => evaluateEnterprise(SMALL, { q1: Number.NaN })).code).toBe('VALIDATION');
  });
  it('a level without a requirement cannot be met', () => {
    const sys: IndicatorSystem = {
      ...SMALL,
      id: 'no-III',
      groups: SMALL.groups.map((g) =>
        g.id === 'B'
          ? {
              ...g,
              indicators: g.indicators.map((i) =>
                i.kind === 'qualitative' ? { ...i, benchmarks: { I: '甲级要求', II: '乙级要求' } } : i,
              ),
            }
          : g,
      ),
    };
    expect(cpError(() => evaluateEnterprise(sys, { qual: { meets: ['III'] } })).message).toMatch(
      /no level III requirement/,
    );
  });
  it('nothing applicable → NOT_COMPUTABLE', () => {
    const e = cpError(() =>
      evaluateEnterprise(SMALL, { q1: 'not-applicable', q2: 'not-applicable', qual: 'not-applicable' }),
    );
    expect(e.code).toBe('NOT_COMPUTABLE');
  });
  it('an invalid system is refused when evaluated', () => {
    // Σ w_i = 0.4 + 0.15 = 0.55 ≠ 1.
    const broken = {
      ...SMALL,
      id: 'broken',
      groups: SMALL.groups.map((g, i) => (i === 0 ? { ...g, weight: 0.4 } : g)),
    };
    const e = cpError(() => evaluateEnterprise(broken, {}));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/first-level weights sum to 0\.55/);
  });
});

describe('evaluateFromJson', () => {
  it('built-in system by id gives the same result as evaluateEnterprise', () => {
    const values = { 'rinse-water-per-area': 8, 'zinc-utilisation': 90 };
    const a = evaluateFromJson({ systemId: 'electroplating-2015-table1', values });
    const b = evaluateEnterprise(ELECTROPLATING_2015, values);
    expect(a.value).toEqual(b.value);
  });
  it('inline system', () => {
    const r = evaluateFromJson({ system: SMALL, values: { q1: 10, q2: 75, qual: { meets: ['III'] } } });
    expect(r.value.grade).toBe('I');
  });
  it('unknown system id → UNKNOWN_REFERENCE', () => {
    const e = cpError(() => evaluateFromJson({ systemId: 'nope', values: {} }));
    expect(e.code).toBe('UNKNOWN_REFERENCE');
    expect(e.field).toBe('systemId');
  });
  it('both or neither of system/systemId → VALIDATION', () => {
    expect(cpError(() => evaluateFromJson({ values: {} })).code).toBe('VALIDATION');
    expect(cpError(() => evaluateFromJson({ system: SMALL, systemId: 'small', values: {} })).field).toBe(
      'systemId',
    );
  });
  it('a bad value names its field', () => {
    const e = cpError(() => evaluateFromJson({ systemId: 'small', values: { q1: 'ten' } }));
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe('values.q1');
  });
  it('an unknown level in meets is refused by the schema', () => {
    const e = cpError(() => evaluateFromJson({ system: SMALL, values: { qual: { meets: ['IV'] } } }));
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe('values.qual.meets.0'); // the union's closest branch names the exact element
  });
});

describe('properties', () => {
  const metalIds = [
    'zinc-utilisation',
    'copper-utilisation',
    'nickel-utilisation',
    'decorative-chromium-utilisation',
    'hard-chromium-utilisation',
    'gold-utilisation',
    'silver-utilisation',
  ];
  const levelSet = fc.subarray<EvalLevel>(['I', 'II', 'III']).map((meets) => ({ meets: [...meets] }));
  const arbValues = fc.record({
    rinse: fc.double({ min: 0, max: 80, noNaN: true }),
    metals: fc.array(
      fc.oneof(fc.constant<'not-applicable'>('not-applicable'), fc.double({ min: 0, max: 100, noNaN: true })),
      {
        minLength: 7,
        maxLength: 7,
      },
    ),
    qual: fc.array(levelSet, { minLength: 4, maxLength: 4 }),
  });
  it('0 ≤ Y_I ≤ Y_II ≤ Y_III ≤ 100, and the grade is consistent with the scores', () => {
    fc.assert(
      fc.property(arbValues, ({ rinse, metals, qual }) => {
        const values: IndicatorValues = { 'rinse-water-per-area': rinse };
        metalIds.forEach((id, i) => {
          const m = metals[i];
          if (m !== undefined) values[id] = m;
        });
        ['cleaner-process', 'process-control', 'plating-line', 'water-saving-facilities'].forEach((id, i) => {
          const q = qual[i];
          if (q !== undefined) values[id] = q;
        });
        const r = evaluateEnterprise(ELECTROPLATING_2015, values).value;
        expect(r.Y.I).toBeGreaterThanOrEqual(0);
        expect(r.Y.I).toBeLessThanOrEqual(r.Y.II + 1e-9);
        expect(r.Y.II).toBeLessThanOrEqual(r.Y.III + 1e-9);
        expect(r.Y.III).toBeLessThanOrEqual(100 + 1e-9);
        if (r.grade === 'I') expect(r.Y.I).toBeGreaterThanOrEqual(85 - 1e-9);
        if (r.grade === 'II') expect(r.Y.II).toBeGreaterThanOrEqual(85 - 1e-9);
        if (r.grade === 'III') expect(r.Y.III).toBeGreaterThanOrEqual(100 - 1e-9);
        // Missing unverified groups score 0: Y_III can never reach 100 without them (0.16 + 0.23 missing).
        expect(r.Y.III).toBeLessThanOrEqual(61 + 1e-9);
      }),
    );
  });
});
