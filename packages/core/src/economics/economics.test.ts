import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { manualInterpolation, npvAt, seriesPayback, signChanges, solveIrr } from './cashflow.ts';
import { economicsFromJson, optionEconomics } from './economics.ts';
import { PAYBACK_LIMITS } from './reference.ts';

/** Present value of 1 per year for n years at rate r: (1 − (1 + r)^−n) / r (the annuity table). */
const annuity = (r: number, n: number): number => (1 - (1 + r) ** -n) / r;

function codeOf(fn: () => unknown): { code: string; field: string | undefined } {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return { code: e.code, field: e.field };
    throw e;
  }
  throw new Error('expected a CpError');
}

describe('worked example of facts §5.1: I = 10, P = 1.58, Y = 10, tax 25%', () => {
  const r = optionEconomics({
    investment_wanYuan: 10,
    annualNetSavings_wanYuan: 1.58,
    depreciationYears_a: 10,
    discountRate_fraction: 0.06,
    costClass: 'high',
  });
  const v = r.value;

  it('D = 10/10 = 1, T = 1.58 − 1 = 0.58, E = 0.58 × 0.75 = 0.435, F = 0.435 + 1 = 1.435', () => {
    expect(v.depreciation_wanYuanPerA).toBe(1);
    expect(v.taxableProfit_wanYuanPerA).toBeCloseTo(0.58, 12);
    expect(v.netProfit_wanYuanPerA).toBeCloseTo(0.435, 12);
    expect(v.annualCashFlow_wanYuanPerA).toBeCloseTo(1.435, 12);
    expect(v.cashFlows_wanYuan).toHaveLength(10);
  });

  it('N = 10 / 1.435 = 6.9686… → 6.97 a, as printed', () => {
    expect(v.payback.years_a).toBeCloseTo(10 / 1.435, 12);
    expect(v.payback.years_a?.toFixed(2)).toBe('6.97');
    expect(v.payback.status).toBe('within-life');
  });

  it('NPV 0.56 is reproduced at i = 6%: 1.435 × 7.360087 (annuity 6%, 10 a) − 10 = 0.5617', () => {
    expect(v.npv_wanYuan).toBeCloseTo(1.435 * 7.360087 - 10, 5);
    expect(v.npv_wanYuan.toFixed(2)).toBe('0.56');
    // 5% and 7% do not give 0.56: 1.435 × 7.721735 − 10 = 1.08; 1.435 × 7.023582 − 10 = 0.079.
    expect(npvAt([-10, ...v.cashFlows_wanYuan], 0.05).toFixed(2)).toBe('1.08');
    expect(npvAt([-10, ...v.cashFlows_wanYuan], 0.07).toFixed(2)).toBe('0.08');
    // NPVR = NPV / I = 0.5617 / 10.
    expect(v.npvr.value_fraction).toBeCloseTo(0.05617249, 7);
  });

  it('exact IRR = 7.1702% → 7.17% as printed; it solves 1.435 × annuity(r, 10) = 10', () => {
    const irr = v.irr.value_fraction ?? Number.NaN;
    expect(v.irr.status).toBe('unique');
    expect((irr * 100).toFixed(2)).toBe('7.17');
    expect(1.435 * annuity(irr, 10)).toBeCloseTo(10, 9);
  });

  it('the manual interpolation between 7% and 8% gives 7.1752% (→ 7.18%), labelled, beside the exact 7.17%', () => {
    // NPV(7%) = 1.435 × 7.023582 − 10 = 0.078840; NPV(8%) = 1.435 × 6.710081 − 10 = −0.371033;
    // 0.07 + 0.078840 × 0.01 / (0.078840 + 0.371033) = 0.0717525.
    const m = v.irr.interpolated;
    expect(m?.i1_fraction).toBeCloseTo(0.07, 12);
    expect(m?.i2_fraction).toBeCloseTo(0.08, 12);
    expect(m?.npv1_wanYuan).toBeCloseTo(0.07884, 5);
    expect(m?.npv2_wanYuan).toBeCloseTo(-0.371033, 5);
    expect(m?.value_fraction).toBeCloseTo(0.0717525, 7);
    expect(m?.label).toContain('试差内插');
  });

  it('is feasible as a 高费 option: 6.97 ≤ 10 a, NPV ≥ 0, IRR ≥ 6% (the benchmark defaults to i)', () => {
    expect(v.decision.feasible).toBe(true);
    expect(v.decision.criteria.map((c) => c.passed)).toEqual([true, true, true]);
    expect(v.decision.reasons.join('；')).toContain('定额偿还期 10 年（高费方案）');
  });

  it('is traced: default tax factor with its source, every step with the method clause', () => {
    const labels = r.breakdown.steps?.map((s) => s.label) ?? [];
    expect(labels).toEqual([
      '新增设备年折旧费 D',
      '应税利润 T',
      '净利润 E',
      '年增加现金流量 F',
      '投资偿还期 N',
      '净现值 NPV',
      '净现值率 NPVR',
      '内部收益率 IRR',
      '经济可行性判别',
    ]);
    const tax = r.breakdown.factors.find((f) => f.id === 'economics.income-tax-rate.default');
    expect(tax?.value).toBe(0.25);
    expect(tax?.source.status).toBe('verified-page');
    expect(r.breakdown.factors).toContain(PAYBACK_LIMITS.high);
    expect(r.breakdown.result).toBe(true);
  });

  it('as a 较高费 option (5 a) it fails on payback only: 6.97 > 5', () => {
    const h = optionEconomics({
      investment_wanYuan: 10,
      annualNetSavings_wanYuan: 1.58,
      depreciationYears_a: 10,
      discountRate_fraction: 0.06,
      costClass: 'higher',
    }).value.decision;
    expect(h.feasible).toBe(false);
    expect(h.reasons).toEqual(['投资偿还期 6.97 年 > 定额偿还期 5 年（较高费方案）']);
  });

  it('fails on IRR and NPV with a 10% benchmark and discount rate: NPV = 1.435 × 6.144567 − 10 = −1.18', () => {
    const d = optionEconomics({
      investment_wanYuan: 10,
      annualNetSavings_wanYuan: 1.58,
      depreciationYears_a: 10,
      discountRate_fraction: 0.1,
    }).value;
    expect(d.npv_wanYuan).toBeCloseTo(1.435 * 6.144567 - 10, 5);
    expect(d.decision.criteria.map((c) => c.passed)).toEqual([null, false, false]);
    expect(d.decision.feasible).toBe(false);
  });
});

describe('exact IRR on hand-solvable series', () => {
  it('I = 100, F1 = 110 → IRR = 10% exactly; payback 100/110 a', () => {
    const v = optionEconomics({
      investment_wanYuan: 100,
      cashFlows_wanYuan: [110],
      discountRate_fraction: 0.05,
    }).value;
    expect(v.irr.value_fraction).toBeCloseTo(0.1, 10);
    expect(v.npv_wanYuan).toBeCloseTo(110 / 1.05 - 100, 10);
    expect(v.payback.years_a).toBeCloseTo(100 / 110, 12);
    expect(v.depreciation_wanYuanPerA).toBeNull();
  });

  it('I = 100, F = 60, 60 → x = 1/(1+r) solves 60x² + 60x − 100 = 0: x = (−1 + √(23/3))/2', () => {
    const x = (-1 + Math.sqrt(23 / 3)) / 2;
    const v = optionEconomics({
      investment_wanYuan: 100,
      cashFlows_wanYuan: [60, 60],
      discountRate_fraction: 0.1,
    }).value;
    expect(v.irr.value_fraction).toBeCloseTo(1 / x - 1, 10); // 13.0662%
  });

  it('I = 10, F = 1 for 10 years → IRR = 0, payback exactly 10 a (boundary of the life)', () => {
    const v = optionEconomics({
      investment_wanYuan: 10,
      cashFlows_wanYuan: Array.from({ length: 10 }, () => 1),
      discountRate_fraction: 0,
    }).value;
    expect(Math.abs(v.irr.value_fraction ?? 1)).toBeLessThan(1e-10);
    expect(v.payback.years_a).toBe(10);
    expect(v.payback.status).toBe('within-life');
    expect(v.npv_wanYuan).toBe(0);
    expect(v.decision.feasible).toBe(true); // NPV = 0 ≥ 0, IRR 0 ≥ 0
  });

  it('payback exactly at the 定额偿还期 passes (N ≤ limit): I = 10, F = 2/a → 5 a, 较高费 5 a', () => {
    const v = optionEconomics({
      investment_wanYuan: 10,
      cashFlows_wanYuan: [2, 2, 2, 2, 2, 2],
      discountRate_fraction: 0.05,
      costClass: 'higher',
    }).value;
    expect(v.payback.years_a).toBe(5);
    expect(v.decision.criteria[0]?.passed).toBe(true);
  });

  it('near −100 %: I = 321.1301628956709, one year of 0.01 → 1 + r = 0.01 / I (found by the property below in CI)', () => {
    const flows = [-321.1301628956709, 0.01];
    const s = solveIrr(flows);
    expect(s.status).toBe('unique');
    if (s.status !== 'unique') return;
    expect((1 + s.rate) / (0.01 / 321.1301628956709)).toBeCloseTo(1, 9);
    expect(Math.abs(npvAt(flows, s.rate))).toBeLessThan(1e-8 * 321.1301628956709);
  });

  it('property: for conventional series the IRR zeroes the NPV to 1e-8 of the investment', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 500, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (investment, series) => {
          const s = solveIrr([-investment, ...series]);
          if (s.status !== 'unique') return false;
          return Math.abs(npvAt([-investment, ...series], s.rate)) < 1e-8 * investment;
        },
      ),
    );
  });
});

describe('real cases', () => {
  it('no positive cash flow: P = 0 → T = −1, no tax, F = 0; never pays back, NPV = −10, no IRR (not a throw)', () => {
    const r = optionEconomics({
      investment_wanYuan: 10,
      annualNetSavings_wanYuan: 0,
      depreciationYears_a: 10,
      discountRate_fraction: 0.08,
      costClass: 'medium',
    });
    const v = r.value;
    expect(v.netProfit_wanYuanPerA).toBe(-1);
    expect(v.annualCashFlow_wanYuanPerA).toBe(0);
    expect(v.payback).toMatchObject({ years_a: null, status: 'never' });
    expect(v.npv_wanYuan).toBe(-10);
    expect(v.irr.value_fraction).toBeNull();
    expect(v.irr.status).toBe('none');
    expect(v.irr.reason).toContain('无正现金流');
    expect(v.decision.feasible).toBe(false);
    expect(v.decision.criteria.map((c) => c.passed)).toEqual([false, false, false]);
    expect(r.breakdown.notes?.join()).toContain('taxOnLoss = none');
  });

  it("taxOnLoss 'credit' applies E = T × (1 − 税率): T = −1 → E = −0.75, F = 0.25, N = 40 a beyond the life", () => {
    const v = optionEconomics({
      investment_wanYuan: 10,
      annualNetSavings_wanYuan: 0,
      depreciationYears_a: 10,
      discountRate_fraction: 0.08,
      taxOnLoss: 'credit',
    }).value;
    expect(v.netProfit_wanYuanPerA).toBeCloseTo(-0.75, 12);
    expect(v.annualCashFlow_wanYuanPerA).toBeCloseTo(0.25, 12);
    expect(v.payback).toMatchObject({ years_a: 40, status: 'beyond-life' });
    // 10 × 0.25 = 2.5 < 10 recovered: a negative IRR exists, with 0.25 × annuity(IRR, 10) = 10.
    expect(v.irr.value_fraction).toBeLessThan(0);
    expect(0.25 * annuity(v.irr.value_fraction ?? 0, 10)).toBeCloseTo(10, 8);
  });

  it('negative P (running costs rise) is allowed: all flows negative, no IRR', () => {
    const v = optionEconomics({
      investment_wanYuan: 10,
      annualNetSavings_wanYuan: -2,
      depreciationYears_a: 10,
      discountRate_fraction: 0.05,
    }).value;
    // D = 1, T = −3, E = −3 (no tax on a loss), F = −2.
    expect(v.annualCashFlow_wanYuanPerA).toBe(-2);
    expect(v.irr.status).toBe('none');
  });

  it('zero investment (无/低费): payback 0, NPVR and IRR not applicable; NPV = 1.5 × 3.790787 = 5.6862', () => {
    // P = 2, Y = 5, tax 25%: D = 0, T = 2, E = 1.5, F = 1.5; annuity(10%, 5) = 3.790787.
    const v = optionEconomics({
      investment_wanYuan: 0,
      annualNetSavings_wanYuan: 2,
      depreciationYears_a: 5,
      discountRate_fraction: 0.1,
      costClass: 'medium',
    }).value;
    expect(v.payback).toMatchObject({ years_a: 0, status: 'immediate' });
    expect(v.npv_wanYuan).toBeCloseTo(1.5 * 3.790787, 5);
    expect(v.npvr.value_fraction).toBeNull();
    expect(v.npvr.note).toContain('不适用');
    expect(v.irr).toMatchObject({ value_fraction: null, status: 'not-applicable' });
    expect(v.decision.criteria.map((c) => c.passed)).toEqual([true, true, null]);
    expect(v.decision.feasible).toBe(true);
  });

  it('multiple IRRs: I = 100, F = 230, −132 has roots 10% and 20%; IRR rule not applied, NPV decides', () => {
    // −100 + 230/1.1 − 132/1.21 = 0 and −100 + 230/1.2 − 132/1.44 = 0.
    const at15 = optionEconomics({
      investment_wanYuan: 100,
      cashFlows_wanYuan: [230, -132],
      discountRate_fraction: 0.15,
    }).value;
    expect(at15.irr.status).toBe('multiple');
    expect(at15.irr.value_fraction).toBeNull();
    expect(at15.irr.roots_fraction?.[0]).toBeCloseTo(0.1, 10);
    expect(at15.irr.roots_fraction?.[1]).toBeCloseTo(0.2, 10);
    // NPV(15%) = −100 + 200 − 132/1.3225 = 0.18904.
    expect(at15.npv_wanYuan).toBeCloseTo(0.18904, 5);
    expect(at15.decision.criteria.find((c) => c.id === 'irr')?.passed).toBeNull();
    expect(at15.decision.feasible).toBe(true);
    const at5 = optionEconomics({
      investment_wanYuan: 100,
      cashFlows_wanYuan: [230, -132],
      discountRate_fraction: 0.05,
    }).value;
    // NPV(5%) = −100 + 219.0476 − 119.7279 = −0.6803.
    expect(at5.npv_wanYuan).toBeCloseTo(-0.6803, 4);
    expect(at5.decision.feasible).toBe(false);
  });

  it('salvage S = 2: D = (10 − 2)/4 = 2, T = 1, E = 0.75, F = 2.75; NPV(10%) = 2.75 × 3.169865 + 2/1.4641 − 10', () => {
    const v = optionEconomics({
      investment_wanYuan: 10,
      annualNetSavings_wanYuan: 3,
      depreciationYears_a: 4,
      salvageValue_wanYuan: 2,
      discountRate_fraction: 0.1,
    }).value;
    expect(v.depreciation_wanYuanPerA).toBe(2);
    expect(v.cashFlows_wanYuan).toEqual([2.75, 2.75, 2.75, 4.75]);
    expect(v.npv_wanYuan).toBeCloseTo(2.75 * 3.169865 + 2 / 1.4641 - 10, 5); // 0.083157
  });

  it('life longer than depreciation: Y = 2, n = 3, P = 6 → F = 5.75, 5.75, then 6 × 0.75 = 4.5', () => {
    const v = optionEconomics({
      investment_wanYuan: 10,
      annualNetSavings_wanYuan: 6,
      depreciationYears_a: 2,
      projectLife_a: 3,
      discountRate_fraction: 0,
    }).value;
    expect(v.cashFlows_wanYuan).toEqual([5.75, 5.75, 4.5]);
    expect(v.npv_wanYuan).toBeCloseTo(6, 12); // 16 − 10 at i = 0
  });

  it('user tax rate and payback limit are factors with status user', () => {
    const r = optionEconomics({
      investment_wanYuan: 10,
      annualNetSavings_wanYuan: 1.58,
      depreciationYears_a: 10,
      incomeTaxRate_fraction: 0.15,
      discountRate_fraction: 0.06,
      paybackLimit_a: 7,
    });
    // E = 0.58 × 0.85 = 0.493, F = 1.493, N = 10/1.493 = 6.70 ≤ 7.
    expect(r.value.annualCashFlow_wanYuanPerA).toBeCloseTo(1.493, 12);
    expect(r.value.decision.criteria[0]?.passed).toBe(true);
    expect(r.breakdown.factors.map((f) => f.source.status)).toEqual(['user', 'user']);
  });
});

describe('bad input', () => {
  const base = {
    investment_wanYuan: 10,
    annualNetSavings_wanYuan: 1.58,
    depreciationYears_a: 10,
    discountRate_fraction: 0.06,
  };
  it('negative investment, salvage, rates → NEGATIVE_QUANTITY naming the field', () => {
    expect(codeOf(() => optionEconomics({ ...base, investment_wanYuan: -1 }))).toEqual({
      code: 'NEGATIVE_QUANTITY',
      field: 'investment_wanYuan',
    });
    expect(codeOf(() => optionEconomics({ ...base, salvageValue_wanYuan: -1 })).field).toBe(
      'salvageValue_wanYuan',
    );
    expect(codeOf(() => optionEconomics({ ...base, discountRate_fraction: -0.01 }))).toEqual({
      code: 'NEGATIVE_QUANTITY',
      field: 'discountRate_fraction',
    });
    expect(codeOf(() => optionEconomics({ ...base, depreciationYears_a: -10 })).code).toBe(
      'NEGATIVE_QUANTITY',
    );
  });
  it('a percentage typed as 6 instead of 0.06, a zero depreciation period, salvage above I → VALIDATION', () => {
    expect(codeOf(() => optionEconomics({ ...base, discountRate_fraction: 6 }))).toEqual({
      code: 'VALIDATION',
      field: 'discountRate_fraction',
    });
    expect(codeOf(() => optionEconomics({ ...base, incomeTaxRate_fraction: 25 })).field).toBe(
      'incomeTaxRate_fraction',
    );
    expect(codeOf(() => optionEconomics({ ...base, depreciationYears_a: 0 }))).toEqual({
      code: 'VALIDATION',
      field: 'depreciationYears_a',
    });
    expect(codeOf(() => optionEconomics({ ...base, salvageValue_wanYuan: 11 })).field).toBe(
      'salvageValue_wanYuan',
    );
  });
  it('mixing the two modes, or missing fields of a mode → VALIDATION naming the field', () => {
    // The series wins the mode; the annual field is the one named as conflicting.
    expect(codeOf(() => optionEconomics({ ...base, cashFlows_wanYuan: [1, 2] })).field).toBe(
      'annualNetSavings_wanYuan',
    );
    expect(
      codeOf(() =>
        optionEconomics({ investment_wanYuan: 1, depreciationYears_a: 5, discountRate_fraction: 0.1 }),
      ).field,
    ).toBe('annualNetSavings_wanYuan');
    expect(
      codeOf(() =>
        optionEconomics({
          investment_wanYuan: 1,
          cashFlows_wanYuan: [1, 2],
          projectLife_a: 3,
          discountRate_fraction: 0,
        }),
      ).field,
    ).toBe('projectLife_a');
    expect(codeOf(() => optionEconomics({ ...base, depreciationYears_a: 7.5 })).field).toBe('projectLife_a');
  });
  it('economicsFromJson: wrong types and unknown keys → VALIDATION with the path', () => {
    expect(codeOf(() => economicsFromJson({ ...base, investment_wanYuan: '10' }))).toEqual({
      code: 'VALIDATION',
      field: 'investment_wanYuan',
    });
    expect(codeOf(() => economicsFromJson({ ...base, discountRate: 0.06 })).code).toBe('VALIDATION');
    expect(codeOf(() => economicsFromJson({ ...base, cashFlows_wanYuan: [1, 'x'] })).field).toBe(
      'cashFlows_wanYuan.1',
    );
    expect(economicsFromJson(base).value.npv_wanYuan.toFixed(2)).toBe('0.56');
  });
});

describe('cash-flow helpers', () => {
  it('sign changes skip zeros', () => {
    expect(signChanges([-1, 0, 2, 0, -3])).toBe(2);
    expect(signChanges([0, 0])).toBe(0);
  });
  it('static payback interpolates within the year: −10, 4, 4, 4 → 2 + 2/4 = 2.5', () => {
    expect(seriesPayback([-10, 4, 4, 4])).toBe(2.5);
    expect(seriesPayback([-10, 4, 4])).toBeNull();
  });
  it('interpolation on an exact grid point returns it: I = 100, F = 110 → IRR 10% = i1', () => {
    const m = manualInterpolation([-100, 110], 0.1, 0.01);
    expect(m.value).toBeCloseTo(0.1, 10);
  });
});
