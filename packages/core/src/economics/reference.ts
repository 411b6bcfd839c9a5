/**
 * Reference data of the economic feasibility analysis of 中/高费方案 (shared domain facts §5.1):
 * the method's source, the default income-tax rate and the 定额偿还期 by cost class.
 * Every value is a row with its `Source`; none appears as a bare literal in a formula.
 */
import type { FactorRef, Source } from '../trace.ts';

/**
 * The method pages (facts §5.1, VERIFIED page): D = I/Y, T = P − D, E = T × (1 − 税率), F = E + D, N = I/F,
 * NPV = Σ F/(1+i)^j − I, NPVR = NPV/I, IRR by trial interpolation, and the decision rules.
 */
export const SRC_ECONOMICS_METHOD: Source = {
  document: '清洁生产审核 中/高费方案经济可行性分析（企业清洁生产审核手册方法，第三方转载页）',
  clause: '投资偿还期 N、净现值 NPV、净现值率 NPVR、内部收益率 IRR 及判别准则',
  url: 'http://www.dybbs8.com/doc/5056910.html',
  status: 'verified-page',
  note:
    'Same formulas at http://www.360docs.net/doc/5b4875868.html and https://m.qiqiwenku.com/doc/115891.html. ' +
    'Third-party re-posts, not the official manual. GB/T 25973 was not seen: that it prescribes these formulas is unverified.',
};

/** Default corporate income-tax rate: the 25% 企业所得税 of the method pages' worked example. */
export const DEFAULT_INCOME_TAX_RATE: FactorRef = {
  id: 'economics.income-tax-rate.default',
  name: '企业所得税税率（默认）',
  value: 0.25,
  unit: '1',
  source: {
    ...SRC_ECONOMICS_METHOD,
    clause: '算例：企业所得税 25%',
    note:
      'Rate of the worked example (the general statutory rate). Enterprises with a reduced rate ' +
      '(e.g. high-tech or small low-profit enterprises) must enter their own rate.',
  },
};

/** Cost classes of options for the payback rule (中费 / 较高费 / 高费). */
export type PaybackCostClass = 'medium' | 'higher' | 'high';

export const PAYBACK_COST_CLASS_ZH: Readonly<Record<PaybackCostClass, string>> = {
  medium: '中费方案',
  higher: '较高费方案',
  high: '高费方案',
};

const PAYBACK_NOTE =
  'The page gives 中费 about 2–3 a, 较高费 about 5 a, 高费 about 10 a and lost its "<" signs; ' +
  'cpaudit accepts N ≤ the limit. Configurable: pass paybackLimit_a to use your own.';

/** 定额偿还期 by cost class (facts §5.1 decision rules, dybbs8 page). */
export const PAYBACK_LIMITS: Readonly<Record<PaybackCostClass, FactorRef>> = {
  medium: {
    id: 'economics.payback-limit.medium',
    name: '定额偿还期（中费方案）',
    value: 3,
    unit: 'a',
    source: {
      ...SRC_ECONOMICS_METHOD,
      clause: '判别准则：投资偿还期小于定额偿还期（中费约2–3年，取上限3年）',
      note: PAYBACK_NOTE,
    },
  },
  higher: {
    id: 'economics.payback-limit.higher',
    name: '定额偿还期（较高费方案）',
    value: 5,
    unit: 'a',
    source: { ...SRC_ECONOMICS_METHOD, clause: '判别准则：较高费方案约5年', note: PAYBACK_NOTE },
  },
  high: {
    id: 'economics.payback-limit.high',
    name: '定额偿还期（高费方案）',
    value: 10,
    unit: 'a',
    source: { ...SRC_ECONOMICS_METHOD, clause: '判别准则：高费方案约10年', note: PAYBACK_NOTE },
  },
};

/**
 * Step of the manual's trial interpolation (试差内插): i1 and i2 are adjacent multiples of this step around
 * the IRR. The pages do not fix the step; one percentage point is cpaudit's choice, reported with the value.
 */
export const DEFAULT_INTERPOLATION_STEP_FRACTION = 0.01;
