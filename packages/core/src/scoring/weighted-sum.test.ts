import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import {
  AUDIT_FOCUS_CRITERIA,
  CANDIDATE_ENTERPRISE_CRITERIA,
  OPTION_SCREENING_CRITERIA,
} from './criteria.ts';
import { rankByWeightedSum, type ScreenInput, screenFromJson } from './weighted-sum.ts';

function errorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

const criteria = [
  { id: 'env', name: '环境效果', weight: 9 },
  { id: 'tech', name: '技术可行性', weight: 7 },
  { id: 'cost', name: '经济可行性', weight: 7 },
];

describe('Σ R×W ranking', () => {
  it('ranks by total with each RW term in the breakdown', () => {
    // A: 8×9 + 6×7 + 5×7 = 72 + 42 + 35 = 149; B: 6×9 + 9×7 + 9×7 = 54 + 63 + 63 = 180;
    // C: 10×9 + 5×7 + 4×7 = 90 + 35 + 28 = 153.
    const r = rankByWeightedSum({
      criteria,
      candidates: [
        { id: 'A', name: '方案A', scores: { env: 8, tech: 6, cost: 5 } },
        { id: 'B', name: '方案B', scores: { env: 6, tech: 9, cost: 9 } },
        { id: 'C', name: '方案C', scores: { env: 10, tech: 5, cost: 4 } },
      ],
    });
    expect(r.value.ranking.map((c) => [c.id, c.rank, c.total])).toEqual([
      ['B', 1, 180],
      ['C', 2, 153],
      ['A', 3, 149],
    ]);
    expect(r.value.ranking[2]?.terms.map((t) => t.product)).toEqual([72, 42, 35]);
    expect(r.value.lines[0]).toBe('第1名 方案B：6×9 + 9×7 + 9×7 = 180');
    expect(r.value.ties).toEqual([]);
    expect(r.breakdown.result).toBe('B');
    expect(r.breakdown.steps?.[0]?.notes?.[0]).toBe('6×9 + 9×7 + 9×7 = 180');
    expect(r.breakdown.factors.map((f) => [f.id, f.value, f.source.status])).toEqual([
      ['weight.env', 9, 'user'],
      ['weight.tech', 7, 'user'],
      ['weight.cost', 7, 'user'],
    ]);
  });

  it('ties share a rank (1, 1, 3) and are listed when no tie-break is given', () => {
    // A = 7×9 + 7×7 + 7×7 = 63 + 49 + 49 = 161; B = 7×9 + 8×7 + 6×7 = 63 + 56 + 42 = 161;
    // C = 5×9 + 5×7 + 5×7 = 45 + 35 + 35 = 115.
    const r = rankByWeightedSum({
      criteria,
      candidates: [
        { id: 'C', name: 'C', scores: { env: 5, tech: 5, cost: 5 } },
        { id: 'A', name: 'A', scores: { env: 7, tech: 7, cost: 7 } },
        { id: 'B', name: 'B', scores: { env: 7, tech: 8, cost: 6 } },
      ],
    });
    expect(r.value.ranking.map((c) => [c.id, c.rank])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 3],
    ]);
    expect(r.value.ranking[0]?.tiedWith).toEqual(['B']);
    expect(r.value.ties).toEqual([{ ids: ['A', 'B'], total: 161, brokenBy: null }]);
    expect(r.value.lines[1]).toContain('第1名（并列） B');
  });

  it('a tie-break criterion separates equal totals (higher score first), still listed as a tie', () => {
    const r = rankByWeightedSum({
      criteria,
      tieBreak: 'tech',
      candidates: [
        { id: 'A', name: 'A', scores: { env: 7, tech: 7, cost: 7 } },
        { id: 'B', name: 'B', scores: { env: 7, tech: 8, cost: 6 } },
        { id: 'C', name: 'C', scores: { env: 5, tech: 5, cost: 5 } },
      ],
    });
    expect(r.value.ranking.map((c) => [c.id, c.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['C', 3],
    ]);
    expect(r.value.ties).toEqual([{ ids: ['B', 'A'], total: 161, brokenBy: 'tech' }]);
  });

  it('equal totals after binary noise are a tie: 0.1×3 + 0.2×3 vs 0.3×3 (both 0.9 by hand)', () => {
    const r = rankByWeightedSum({
      criteria: [
        { id: 'x', name: 'x', weight: 0.1 },
        { id: 'y', name: 'y', weight: 0.2 },
      ],
      candidates: [
        { id: 'A', name: 'A', scores: { x: 3, y: 3 } }, // 0.3 + 0.6 = 0.9
        { id: 'B', name: 'B', scores: { x: 1, y: 4 } }, // 0.1 + 0.8 = 0.9
      ],
    });
    expect(r.value.ranking.map((c) => c.rank)).toEqual([1, 1]);
  });

  it('a shipped criteria set can be used by id; its weights carry the set’s source', () => {
    const scores = { 'waste-quantity': 10, consumption: 5, 'environmental-cost': 8, 'waste-toxicity': 6 };
    const r = rankByWeightedSum({
      criteriaSet: 'audit-focus',
      candidates: [
        {
          id: 'plating',
          name: '电镀车间',
          scores: { ...scores, 'cp-potential': 7, 'workshop-motivation': 3 },
        },
      ],
    });
    // 10×10 + 5×8 + 8×9 + 6×8 + 7×5 + 3×2 = 100 + 40 + 72 + 48 + 35 + 6 = 301.
    expect(r.value.ranking[0]?.total).toBe(301);
    expect(r.breakdown.factors[0]?.source.status).toBe('unverified');
  });
});

describe('shipped criteria sets carry their grade', () => {
  it('audit focus 10/8/9/8/5/2 and option screening 9/7/7/5 are UNVERIFIED; the 7.1.2 principles are seed', () => {
    expect(AUDIT_FOCUS_CRITERIA.criteria.map((c) => c.weight)).toEqual([10, 8, 9, 8, 5, 2]);
    expect(AUDIT_FOCUS_CRITERIA.source.status).toBe('unverified');
    expect(OPTION_SCREENING_CRITERIA.criteria.map((c) => c.weight)).toEqual([9, 7, 7, 5]);
    expect(OPTION_SCREENING_CRITERIA.source.status).toBe('unverified');
    expect(CANDIDATE_ENTERPRISE_CRITERIA.criteria.map((c) => c.id)).toEqual([
      'impact',
      'governance',
      'feasibility',
      'representativeness',
    ]);
    expect(CANDIDATE_ENTERPRISE_CRITERIA.source.status).toBe('seed');
    expect(CANDIDATE_ENTERPRISE_CRITERIA.source.clause).toContain('7.1.2');
  });
});

describe('bad input names the field', () => {
  const candidates: ScreenInput['candidates'] = [
    { id: 'A', name: 'A', scores: { env: 5, tech: 5, cost: 5 } },
    { id: 'B', name: 'B', scores: { env: 5, tech: 5, cost: 5 } },
    { id: 'C', name: 'C', scores: { env: 5, tech: 5, cost: 5 } },
    { id: 'D', name: 'D', scores: { env: 5, tech: 5 } },
  ];
  it('missing score → VALIDATION candidates.3.scores.cost', () => {
    const e = errorOf(() => rankByWeightedSum({ criteria, candidates }));
    expect([e.code, e.field]).toEqual(['VALIDATION', 'candidates.3.scores.cost']);
  });
  it('unknown criterion → VALIDATION candidates.3.scores.xyz', () => {
    const bad = candidates.map((c, k) =>
      k === 3 ? { ...c, scores: { env: 5, tech: 5, cost: 5, xyz: 1 } } : c,
    );
    const e = errorOf(() => rankByWeightedSum({ criteria, candidates: bad }));
    expect([e.code, e.field]).toEqual(['VALIDATION', 'candidates.3.scores.xyz']);
  });
  it('scores outside 1–10, non-positive weights, duplicate ids, unknown tie-break', () => {
    const one = (scores: Record<string, number>) => [{ id: 'A', name: 'A', scores }];
    expect(
      errorOf(() => rankByWeightedSum({ criteria, candidates: one({ env: 11, tech: 5, cost: 5 }) })).field,
    ).toBe('candidates.0.scores.env');
    expect(
      errorOf(() => rankByWeightedSum({ criteria, candidates: one({ env: 0.5, tech: 5, cost: 5 }) })).field,
    ).toBe('candidates.0.scores.env');
    const negative = errorOf(() =>
      rankByWeightedSum({ criteria: [{ id: 'env', name: 'e', weight: -1 }], candidates: one({ env: 5 }) }),
    );
    expect([negative.code, negative.field]).toEqual(['NEGATIVE_QUANTITY', 'criteria.0.weight']);
    expect(
      errorOf(() =>
        rankByWeightedSum({ criteria: [{ id: 'env', name: 'e', weight: 0 }], candidates: one({ env: 5 }) }),
      ).code,
    ).toBe('VALIDATION');
    expect(
      errorOf(() =>
        rankByWeightedSum({ criteria, candidates: [...candidates.slice(0, 1), ...candidates.slice(0, 1)] }),
      ).field,
    ).toBe('candidates.1.id');
    expect(
      errorOf(() => rankByWeightedSum({ criteria, candidates: candidates.slice(0, 1), tieBreak: 'nope' }))
        .field,
    ).toBe('tieBreak');
    expect(
      errorOf(() =>
        rankByWeightedSum({ criteria, criteriaSet: 'audit-focus', candidates: candidates.slice(0, 1) }),
      ).field,
    ).toBe('criteriaSet');
    expect(errorOf(() => rankByWeightedSum({ candidates: candidates.slice(0, 1) })).field).toBe('criteria');
  });
  it('screenFromJson: zod issues become VALIDATION with the path', () => {
    const e = errorOf(() =>
      screenFromJson({ criteria, candidates: [{ id: 'A', name: 'A', scores: { env: '5' } }] }),
    );
    expect([e.code, e.field]).toEqual(['VALIDATION', 'candidates.0.scores.env']);
    expect(errorOf(() => screenFromJson({ criteriaSet: 'nope', candidates: [] })).code).toBe('VALIDATION');
    expect(screenFromJson({ criteria, candidates: candidates.slice(0, 2) }).value.ranking).toHaveLength(2);
  });
});
