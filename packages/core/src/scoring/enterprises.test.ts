import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import {
  CANDIDATE_SCORING_RULES,
  type CandidateEnterprise,
  candidateEnterprisesFromJson,
  rankCandidateEnterprises,
} from './enterprises.ts';

function errorOf(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

/**
 * Five candidates. Hand calculation of the static scores (rules: percentile score 1 + 9p, key region +2,
 * governance 1 + 3 × flags, feasibility 1 + 9 × mean share):
 *
 * pollutantLoad_t, 4 reporters, ascending 20 (E3), 50 (E2), 80 (E4), 100 (E1): p = 0, 1/3, 2/3, 1 → 1, 4, 7, 10.
 * ghgIntensity, 3 reporters: 1.0 (E2), 2.0 (E1), 3.0 (E4): p = 0, ½, 1 → 1, 5.5, 10. energyPerUnit: 40, 50, 60, same.
 * impact: E1 (10 + 5.5 + 5.5)/3 = 7, + 2 key region = 9; E2 (4 + 1 + 1)/3 = 2; E3 1; E4 (7 + 10 + 10)/3 = 9, + 2 → 10
 *   (capped); E5 no data → 1.
 * governance: E1 two flags → 7; E2 → 1; E3 one → 4; E4 one → 4; E5 → 1.
 * feasibility: E1 mean(0.9, 0.8, 0.7) = 0.8 → 8.2; E2 1 → 10; E3 mean(0.5, 0.6) = 0.55 → 5.95;
 *   E4 mean(0.4, 0.4, 0.1) = 0.3 → 3.7; E5 mean(0.2, 0.3) = 0.25 → 3.25.
 * sum of the three: E1 24.2, E2 13, E3 10.95, E4 17.7, E5 5.25.
 *
 * Representativeness, greedy (1 + 9 × mean of 1/(1 + already selected with the same value)):
 * step 1: nothing covered, all 10 → E1 34.2, E4 27.7, E2 23, E3 20.95, E5 15.25 → E1 (大型, A县, 电镀).
 * step 2: E2 (中型 1, A县 ½, 电镀 ½) → 1 + 9 × 2/3 = 7 → 20; E3 all new → 10 → 20.95; E4 (½, ½, ½) → 5.5 → 23.2;
 *   E5 (小型 1, C县 1, 电镀 ½) → 8.5 → 13.75 → E4.
 * step 3: E2 (1, ⅓, ⅓) → 1 + 9 × 5/9 = 6 → 19; E3 10 → 20.95; E5 (1, 1, ⅓) → 8 → 13.25 → E3.
 * step 4: E2 6 → 19; E5 (小型 ½, C县 1, 电镀 ⅓) → 1 + 9 × 11/18 = 6.5 → 11.75 → E2.
 * step 5: E5 (½, 1, ¼) → 1 + 9 × 1.75/3 = 6.25 → 11.5.
 */
const enterprises: CandidateEnterprise[] = [
  {
    id: 'E1',
    name: '甲电镀厂',
    pollutantLoad_t: 100,
    ghgIntensity: 2,
    energyPerUnit: 50,
    inKeyRegion: true,
    heavyMetals: true,
    characteristicPollutants: true,
    dataCompleteness: 0.9,
    willingness: 0.8,
    capacityToChange: 0.7,
    sizeClass: '大型',
    county: 'A县',
    processType: '电镀',
  },
  {
    id: 'E2',
    name: '乙电镀厂',
    pollutantLoad_t: 50,
    ghgIntensity: 1,
    energyPerUnit: 40,
    dataCompleteness: 1,
    willingness: 1,
    capacityToChange: 1,
    sizeClass: '中型',
    county: 'A县',
    processType: '电镀',
  },
  {
    id: 'E3',
    name: '丙表面处理厂',
    pollutantLoad_t: 20,
    newPollutants: true,
    dataCompleteness: 0.5,
    willingness: 0.6,
    sizeClass: '小型',
    county: 'B县',
    processType: '化学镀',
  },
  {
    id: 'E4',
    name: '丁电镀厂',
    pollutantLoad_t: 80,
    ghgIntensity: 3,
    energyPerUnit: 60,
    inKeyRegion: true,
    heavyMetals: true,
    dataCompleteness: 0.4,
    willingness: 0.4,
    capacityToChange: 0.1,
    sizeClass: '大型',
    county: 'A县',
    processType: '电镀',
  },
  {
    id: 'E5',
    name: '戊电镀厂',
    dataCompleteness: 0.2,
    willingness: 0.3,
    sizeClass: '小型',
    county: 'C县',
    processType: '电镀',
  },
];

describe('rankCandidateEnterprises (guideline 7.1.2 a–d)', () => {
  const r = rankCandidateEnterprises({ enterprises });
  const by = (id: string) => r.value.ranking.find((e) => e.id === id);

  it('selects E1, E4, E3, E2, E5: representativeness lifts E3 above the larger but similar E2', () => {
    expect(r.value.ranking.map((e) => e.id)).toEqual(['E1', 'E4', 'E3', 'E2', 'E5']);
    expect(r.value.ranking.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('static scores match the hand calculation', () => {
    const s = (id: string) => {
      const e = by(id);
      return [e?.scores.impact, e?.scores.governance, e?.scores.feasibility];
    };
    expect(s('E1').map((x) => Number(x?.toFixed(9)))).toEqual([9, 7, 8.2]);
    expect(s('E2').map((x) => Number(x?.toFixed(9)))).toEqual([2, 1, 10]);
    expect(s('E3').map((x) => Number(x?.toFixed(9)))).toEqual([1, 4, 5.95]);
    expect(s('E4').map((x) => Number(x?.toFixed(9)))).toEqual([10, 4, 3.7]);
    expect(s('E5').map((x) => Number(x?.toFixed(9)))).toEqual([1, 1, 3.25]);
  });

  it('representativeness and totals at the moment of selection match the greedy steps', () => {
    const rep = r.value.ranking.map((e) => Number(e.scores.representativeness.toFixed(9)));
    const totals = r.value.ranking.map((e) => Number(e.total.toFixed(9)));
    expect(rep).toEqual([10, 5.5, 10, 6, 6.25]);
    expect(totals).toEqual([34.2, 23.2, 20.95, 19, 11.5]);
  });

  it('gives the reasons in Chinese', () => {
    const e1 = by('E1')?.reasons ?? [];
    expect(e1).toContain('污染物排放总量位列前20%（第1/4名）');
    expect(e1).toContain('温室气体排放强度第2/3名');
    expect(e1).toContain('位于重点区域（+2分）');
    expect(e1).toContain('涉及重金属总量控制');
    expect(e1).toContain('涉及行业特征污染物管控');
    expect(e1).toContain('基础数据完备度90%、配合意愿80%、整改条件70%');
    expect(e1).toContain('覆盖尚未入选的规模类型「大型」、县区「A县」、工艺类型「电镀」');
    expect(by('E4')?.reasons).toContain('温室气体排放强度位列前20%（第1/3名）');
    expect(by('E4')?.reasons).toContain(
      '规模类型「大型」已有1家、县区「A县」已有1家、工艺类型「电镀」已有1家入选',
    );
    expect(by('E3')?.reasons).toContain('涉及新污染物管控');
    expect(by('E3')?.reasons).toContain('基础数据完备度50%、配合意愿60%（未评估整改条件）');
    expect(by('E5')?.reasons).toContain('未提供排放总量、排放强度和单耗数据，环境影响按最低分计');
    expect(r.value.lines[0]).toMatch(/^第1位 甲电镀厂（总分 34\.2）：/);
  });

  it('is traced with the weights (seed source) and the scoring rules (unverified, cpaudit’s choice)', () => {
    expect(r.breakdown.result).toBe('E1');
    expect(r.breakdown.steps).toHaveLength(5);
    expect(r.breakdown.factors.find((f) => f.id === 'weight.impact')?.source.status).toBe('seed');
    expect(r.breakdown.factors).toContain(CANDIDATE_SCORING_RULES.keyRegionBonus);
    expect(CANDIDATE_SCORING_RULES.keyRegionBonus.source.status).toBe('unverified');
  });

  it('weights change the order: feasibility × 10 puts the most willing E2 first', () => {
    // Step 1 (representativeness 10 for all): E1 9 + 7 + 82 + 10 = 108; E2 2 + 1 + 100 + 10 = 113.
    const w = rankCandidateEnterprises({ enterprises, weights: { feasibility: 10 } });
    expect(w.value.ranking[0]?.id).toBe('E2');
    expect(w.value.ranking[0]?.total).toBeCloseTo(113, 9);
    expect(w.breakdown.factors.find((f) => f.id === 'weight.feasibility')?.source.status).toBe('user');
    expect(w.breakdown.factors.find((f) => f.id === 'weight.impact')?.source.status).toBe('seed');
  });

  it('is deterministic: identical candidates are taken in input order and the tie is reported', () => {
    const twin = (id: string): CandidateEnterprise => ({
      id,
      name: id,
      dataCompleteness: 1,
      willingness: 1,
      sizeClass: '小型',
      county: 'X县',
      processType: '电镀',
    });
    const t = rankCandidateEnterprises({ enterprises: [twin('b'), twin('a')] });
    expect(t.value.ranking.map((e) => e.id)).toEqual(['b', 'a']);
    expect(t.value.ranking[0]?.tiedAtSelection).toEqual(['a']);
    expect(rankCandidateEnterprises({ enterprises: [twin('b'), twin('a')] }).value).toEqual(t.value);
  });

  it('a single reporter of a metric is not comparable (middle score 5.5)', () => {
    const single: CandidateEnterprise = {
      id: 'S',
      name: '己厂',
      pollutantLoad_t: 5,
      dataCompleteness: 1,
      willingness: 1,
      sizeClass: '小型',
      county: 'C县',
      processType: '电镀',
    };
    const one = rankCandidateEnterprises({ enterprises: [single] });
    expect(one.value.ranking[0]?.scores.impact).toBe(5.5);
    expect(one.value.ranking[0]?.reasons[0]).toBe('污染物排放总量仅此一家填报，无从比较（按中间分计）');
  });
});

describe('bad input', () => {
  it('shares outside 0–1, negative loads, duplicate ids, bad weights name the field', () => {
    const bad = (patch: Partial<CandidateEnterprise>) =>
      errorOf(() =>
        rankCandidateEnterprises({
          enterprises: enterprises.map((e, k) => (k === 2 ? { ...e, ...patch } : e)),
        }),
      );
    expect([bad({ willingness: 80 }).code, bad({ willingness: 80 }).field]).toEqual([
      'VALIDATION',
      'enterprises.2.willingness',
    ]);
    expect([bad({ pollutantLoad_t: -1 }).code, bad({ pollutantLoad_t: -1 }).field]).toEqual([
      'NEGATIVE_QUANTITY',
      'enterprises.2.pollutantLoad_t',
    ]);
    expect(bad({ id: 'E1' }).field).toBe('enterprises.2.id');
    expect(bad({ county: ' ' }).field).toBe('enterprises.2.county');
    expect(errorOf(() => rankCandidateEnterprises({ enterprises, weights: { impact: -1 } })).field).toBe(
      'weights.impact',
    );
  });
  it('candidateEnterprisesFromJson reports zod paths', () => {
    const e = errorOf(() =>
      candidateEnterprisesFromJson({ enterprises: [{ ...enterprises[0], dataCompleteness: 'high' }] }),
    );
    expect([e.code, e.field]).toEqual(['VALIDATION', 'enterprises.0.dataCompleteness']);
    expect(errorOf(() => candidateEnterprisesFromJson({ enterprises: [] })).field).toBe('enterprises');
    expect(candidateEnterprisesFromJson({ enterprises }).value.ranking[0]?.id).toBe('E1');
  });
});
