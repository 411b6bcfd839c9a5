import { economicsFromJson } from '@cpaudit/core';
import { describe, expect, it } from 'vitest';
import { pct, readEconomics, toInput } from './economics.ts';
import { transitionNeeds } from './workflow.ts';

describe('economics form → core input → figures shown', () => {
  it('sends percentages as fractions and shows the core’s payback and NPV (the core’s worked example)', () => {
    // Given the form as a user fills it for the core's example (calculations.ts `economics`): I = 10 万元 (from the
    // option), P = 1.58 万元/a, Y = 10 a, i = 6 %, tax 25 %.
    const input = toInput({
      investmentBasis: 'planned',
      annualNetSavings_wanYuan: 1.58,
      depreciationYears_a: 10,
      discount_percent: 6,
      incomeTax_percent: 25,
      projectLife_a: null,
      salvageValue_wanYuan: undefined,
    });
    // Then empty fields are left to the core's defaults and percentages become fractions.
    expect(input).toEqual({
      annualNetSavings_wanYuan: 1.58,
      depreciationYears_a: 10,
      discountRate_fraction: 0.06,
      incomeTaxRate_fraction: 0.25,
    });
    // When the core computes (as POST /api/calc/economics does), the view reads its figures.
    const figures = readEconomics(economicsFromJson({ investment_wanYuan: 10, ...input }).value);
    // By hand: D = 10/10 = 1; T = P − D = 0.58; E = 0.58 × (1 − 0.25) = 0.435; F = E + D = 1.435 万元/a;
    // payback = I / F = 6.9686 a; NPV = 1.435 × (1 − 1.06^−10)/0.06 − 10 = 1.435 × 7.36009 − 10 = 0.5617 万元.
    expect(figures.payback_a).toBeCloseTo(6.9686, 3);
    expect(figures.npv_wanYuan).toBeCloseTo(0.5617, 3);
    expect(figures.irr).not.toBeNull();
    expect(figures.irr ?? 0).toBeGreaterThan(0.06); // NPV > 0 at 6 %, so IRR is above it
    expect(figures.feasible).not.toBeNull();
  });

  it('reads a stored fraction back as the percentage shown, without float noise', () => {
    expect(pct(0.06)).toBe(6);
    expect(pct(0.0725)).toBe(7.25);
    expect(pct(null)).toBeUndefined();
  });

  it('reads nothing it cannot find (a result of another shape) as “not available”', () => {
    expect(readEconomics({ npv: 3 })).toEqual({
      payback_a: null,
      paybackNote: '',
      npv_wanYuan: null,
      npvr: null,
      irr: null,
      irrReason: null,
      feasible: null,
      reasons: [],
    });
  });
});

describe('what a status move needs', () => {
  it('asks a reason to reject, a date to report implemented (unless known) and a date to verify', () => {
    expect(transitionNeeds('rejected', null)).toBe('reason');
    expect(transitionNeeds('implemented', null)).toBe('implementedOn');
    expect(transitionNeeds('implemented', '2025-10-26')).toBeNull();
    expect(transitionNeeds('verified', '2025-10-26')).toBe('verifiedOn');
    expect(transitionNeeds('screened', null)).toBeNull();
  });
});
