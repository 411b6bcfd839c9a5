/**
 * 中/高费方案经济可行性分析 (shared domain facts §5.1; Jiangsu guideline 7.3.2 screens options by investment).
 *
 * Annual mode (the method pages' formulas, year by year):
 *   D = (I − S) / Y          新增设备年折旧费 (straight line; with no salvage S this is the pages' D = I/Y)
 *   T = P − D                应税利润
 *   E = T × (1 − 税率)       净利润 (when T < 0: see `taxOnLoss`)
 *   F = E + D                年增加现金流量
 *   N = I / F                投资偿还期
 *   NPV = Σ_{j=1..n} F_j / (1+i)^j − I   (salvage S is a cash inflow in year n)
 *   NPVR = NPV / I
 *   IRR: NPV(IRR) = 0, solved exactly; the pages' trial interpolation is reported beside it for comparison.
 * Cash-flow mode: the user gives F_1..F_n directly; N is the static payback of the cumulative series.
 */
import { z } from 'zod';
import { CpError, requireFinite, requireNonNegative } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import { type Breakdown, type FactorRef, type InputRef, type Traced, traced } from '../trace.ts';
import { roundTo } from '../units/units.ts';
import { manualInterpolation, npvAt, seriesPayback, solveIrr } from './cashflow.ts';
import {
  DEFAULT_INCOME_TAX_RATE,
  DEFAULT_INTERPOLATION_STEP_FRACTION,
  PAYBACK_COST_CLASS_ZH,
  PAYBACK_LIMITS,
  SRC_ECONOMICS_METHOD,
} from './reference.ts';

/** Longest project life accepted, a sanity bound on typing errors (years). */
const MAX_PROJECT_LIFE_A = 200;

/**
 * JSON input of `optionEconomics`. Rates are fractions (0.25 = 25%). Either `annualNetSavings_wanYuan` +
 * `depreciationYears_a` (annual mode) or `cashFlows_wanYuan` (cash-flow mode), not both.
 */
export const economicsInputSchema = z.strictObject({
  /** Name of the option, for the texts. */
  optionName: z.string().optional(),
  /** I, 总投资费用 (万元). */
  investment_wanYuan: z.number(),
  /** P, 年运行费用总节省金额 (万元/a). May be negative: an option that raises running costs. */
  annualNetSavings_wanYuan: z.number().optional(),
  /** Y, 折旧年限 (a). */
  depreciationYears_a: z.number().optional(),
  /** Corporate income-tax rate, a fraction; default 0.25. */
  incomeTaxRate_fraction: z.number().optional(),
  /**
   * When T = P − D < 0: `none` (default) pays no tax and gets no credit, E = T; `credit` applies the formula
   * literally, E = T × (1 − 税率), i.e. the loss lowers the tax on the enterprise's other profits.
   */
  taxOnLoss: z.enum(['none', 'credit']).optional(),
  /** i, 贴现率, a fraction (0.06 = 6%). */
  discountRate_fraction: z.number(),
  /** n, project life (a, whole years); default Y. */
  projectLife_a: z.number().int().optional(),
  /** Residual value at the end of life (万元), annual mode; default 0. */
  salvageValue_wanYuan: z.number().optional(),
  /** Explicit net cash flows F_1..F_n (万元), year 1 first: cash-flow mode. */
  cashFlows_wanYuan: z.array(z.number()).min(1).max(MAX_PROJECT_LIFE_A).optional(),
  /** 中费 / 较高费 / 高费: selects the default 定额偿还期. */
  costClass: z.enum(['medium', 'higher', 'high']).optional(),
  /** Explicit 定额偿还期 (a), overrides the cost-class default. */
  paybackLimit_a: z.number().optional(),
  /** 基准收益率 for the IRR rule, a fraction; default the discount rate. */
  benchmarkRate_fraction: z.number().optional(),
  /** Step between i1 and i2 of the manual's trial interpolation, a fraction; default 0.01. */
  interpolationStep_fraction: z.number().optional(),
});

export type EconomicsInput = z.infer<typeof economicsInputSchema>;

export type PaybackStatus = 'immediate' | 'within-life' | 'beyond-life' | 'never';
export type IrrStatus = 'unique' | 'none' | 'multiple' | 'not-applicable';

export interface DecisionCriterion {
  id: 'payback' | 'npv' | 'irr';
  /** `null`: not assessed (no limit given, IRR not applicable or not unique). */
  passed: boolean | null;
  /** The comparison, in Chinese. */
  detail: string;
}

export interface OptionEconomics {
  mode: 'annual' | 'cash-flows';
  investment_wanYuan: number;
  projectLife_a: number;
  discountRate_fraction: number;
  /** Year-1 values of the annual mode (the pages' D, T, E, F); `null` in cash-flow mode. */
  depreciation_wanYuanPerA: number | null;
  taxableProfit_wanYuanPerA: number | null;
  netProfit_wanYuanPerA: number | null;
  annualCashFlow_wanYuanPerA: number | null;
  /** Net cash flows of years 1..n (万元), salvage included in year n. */
  cashFlows_wanYuan: number[];
  payback: { years_a: number | null; status: PaybackStatus; note: string };
  npv_wanYuan: number;
  npvr: { value_fraction: number | null; note?: string };
  irr: {
    value_fraction: number | null;
    status: IrrStatus;
    reason?: string;
    /** Every root found when there are several. */
    roots_fraction?: number[];
    /** The pages' trial interpolation, for comparison with printed manuals (only with a unique IRR). */
    interpolated: {
      label: string;
      value_fraction: number;
      i1_fraction: number;
      i2_fraction: number;
      npv1_wanYuan: number;
      npv2_wanYuan: number;
    } | null;
  };
  decision: { feasible: boolean; criteria: DecisionCriterion[]; reasons: string[] };
}

function fixed(value: number, digits: number): string {
  return roundTo(value, digits).toFixed(digits);
}

function pct(fraction: number, digits = 2): string {
  return `${fixed(fraction * 100, digits)}%`;
}

function requireFraction(value: number, field: string, upperExclusive: number): number {
  requireNonNegative(value, field);
  if (value >= upperExclusive) {
    throw new CpError(
      'VALIDATION',
      `${field} is a fraction (0.25 means 25%) and must be below ${upperExclusive}, got ${value}`,
      { field },
    );
  }
  return value;
}

function requirePositive(value: number, field: string): number {
  requireNonNegative(value, field);
  if (value === 0) throw new CpError('VALIDATION', `${field} must be greater than 0`, { field });
  return value;
}

function forbid(input: EconomicsInput, fields: readonly (keyof EconomicsInput)[], why: string): void {
  for (const f of fields) {
    if (input[f] !== undefined) throw new CpError('VALIDATION', `${f} ${why}`, { field: f });
  }
}

interface Flows {
  mode: OptionEconomics['mode'];
  flows: number[]; // year 0..n, flows[0] = −I
  life: number;
  yearOne: {
    d: number;
    t: number;
    e: number;
    f: number;
  } | null;
  taxFactor: FactorRef | null;
  steps: Breakdown[];
  notes: string[];
  inputs: InputRef[];
}

function annualFlows(input: EconomicsInput, investment: number): Flows {
  if (input.annualNetSavings_wanYuan === undefined) {
    throw new CpError(
      'VALIDATION',
      'annualNetSavings_wanYuan is required (or give cashFlows_wanYuan for the cash-flow mode)',
      { field: 'annualNetSavings_wanYuan' },
    );
  }
  const p = requireFinite(input.annualNetSavings_wanYuan, 'annualNetSavings_wanYuan');
  if (input.depreciationYears_a === undefined) {
    throw new CpError('VALIDATION', 'depreciationYears_a is required in the annual mode', {
      field: 'depreciationYears_a',
    });
  }
  const y = requirePositive(input.depreciationYears_a, 'depreciationYears_a');
  let life: number;
  if (input.projectLife_a === undefined) {
    if (!Number.isInteger(y)) {
      throw new CpError(
        'VALIDATION',
        'projectLife_a is required when depreciationYears_a is not a whole number of years',
        { field: 'projectLife_a' },
      );
    }
    life = y;
  } else {
    life = input.projectLife_a;
  }
  if (!Number.isInteger(life) || life < 1 || life > MAX_PROJECT_LIFE_A) {
    throw new CpError('VALIDATION', `projectLife_a must be a whole number from 1 to ${MAX_PROJECT_LIFE_A}`, {
      field: input.projectLife_a === undefined ? 'depreciationYears_a' : 'projectLife_a',
    });
  }
  const salvage = requireNonNegative(input.salvageValue_wanYuan ?? 0, 'salvageValue_wanYuan');
  if (salvage > investment) {
    throw new CpError('VALIDATION', 'salvageValue_wanYuan cannot exceed investment_wanYuan', {
      field: 'salvageValue_wanYuan',
    });
  }
  const taxFactor: FactorRef =
    input.incomeTaxRate_fraction === undefined
      ? DEFAULT_INCOME_TAX_RATE
      : {
          ...DEFAULT_INCOME_TAX_RATE,
          id: 'economics.income-tax-rate.user',
          name: '企业所得税税率（用户输入）',
          value: requireFraction(input.incomeTaxRate_fraction, 'incomeTaxRate_fraction', 1),
          source: { document: '用户输入', status: 'user' },
        };
  const tax = taxFactor.value;
  const taxOnLoss = input.taxOnLoss ?? 'none';

  // D = (I − S)/Y for the years of depreciation; a fractional last year depreciates its fraction.
  const d = (investment - salvage) / y;
  const year = (j: number): { d: number; t: number; e: number; f: number } => {
    const dj = d * Math.min(1, Math.max(0, y - (j - 1)));
    const tj = p - dj; // T = P − D
    const ej = tj >= 0 || taxOnLoss === 'credit' ? tj * (1 - tax) : tj; // E = T × (1 − 税率)
    return { d: dj, t: tj, e: ej, f: ej + dj }; // F = E + D
  };
  const flows = [-investment];
  for (let j = 1; j <= life; j++) flows.push(year(j).f + (j === life ? salvage : 0));
  const one = year(1);
  const notes: string[] = [];
  if (one.t < 0) {
    notes.push(
      taxOnLoss === 'none'
        ? `应税利润 T = ${fixed(one.t, 4)} 万元/a < 0：不缴所得税，亏损不抵税，E = T（taxOnLoss = none）`
        : `应税利润 T = ${fixed(one.t, 4)} 万元/a < 0：按公式 E = T × (1 − 税率) 计，即亏损抵减企业其他利润的所得税（taxOnLoss = credit）`,
    );
  }
  if (life > y) notes.push(`项目寿命 ${life} a 长于折旧年限 ${y} a：折旧期满后 D = 0，年现金流随之变化`);
  if (life < y) notes.push(`项目寿命 ${life} a 短于折旧年限 ${y} a：未提足的折旧不计入现金流`);
  if (salvage > 0) notes.push(`残值 ${fixed(salvage, 4)} 万元计入第 ${life} 年现金流，折旧基数为 I − S`);

  const steps: Breakdown[] = [
    {
      label: '新增设备年折旧费 D',
      formula: salvage > 0 ? 'D = (I − S) / Y' : 'D = I / Y',
      clause: SRC_ECONOMICS_METHOD,
      inputs: [
        { name: 'I', value: investment, unit: '万元' },
        ...(salvage > 0 ? [{ name: 'S', value: salvage, unit: '万元' }] : []),
        { name: 'Y', value: y, unit: 'a' },
      ],
      factors: [],
      result: one.d,
      unit: '万元/a',
    },
    {
      label: '应税利润 T',
      formula: 'T = P − D',
      clause: SRC_ECONOMICS_METHOD,
      inputs: [
        { name: 'P', value: p, unit: '万元/a' },
        { name: 'D', value: one.d, unit: '万元/a' },
      ],
      factors: [],
      result: one.t,
      unit: '万元/a',
    },
    {
      label: '净利润 E',
      formula: one.t < 0 && taxOnLoss === 'none' ? 'E = T（T < 0，不缴税）' : 'E = T × (1 − 税率)',
      clause: SRC_ECONOMICS_METHOD,
      inputs: [{ name: 'T', value: one.t, unit: '万元/a' }],
      factors: [taxFactor],
      result: one.e,
      unit: '万元/a',
    },
    {
      label: '年增加现金流量 F',
      formula: 'F = E + D',
      clause: SRC_ECONOMICS_METHOD,
      inputs: [
        { name: 'E', value: one.e, unit: '万元/a' },
        { name: 'D', value: one.d, unit: '万元/a' },
      ],
      factors: [],
      result: one.f,
      unit: '万元/a',
    },
  ];
  const inputs: InputRef[] = [
    { name: 'annualNetSavings_wanYuan (P)', value: p, unit: '万元/a' },
    { name: 'depreciationYears_a (Y)', value: y, unit: 'a' },
    { name: 'salvageValue_wanYuan (S)', value: salvage, unit: '万元' },
    { name: 'taxOnLoss', value: taxOnLoss },
  ];
  return { mode: 'annual', flows, life, yearOne: one, taxFactor, steps, notes, inputs };
}

function seriesFlows(input: EconomicsInput, investment: number, series: readonly number[]): Flows {
  forbid(
    input,
    ['annualNetSavings_wanYuan', 'depreciationYears_a', 'incomeTaxRate_fraction', 'taxOnLoss'],
    'cannot be combined with cashFlows_wanYuan (the series is already after tax)',
  );
  forbid(
    input,
    ['salvageValue_wanYuan'],
    'cannot be combined with cashFlows_wanYuan: include it in the last year',
  );
  series.forEach((f, j) => {
    requireFinite(f, `cashFlows_wanYuan.${j}`);
  });
  if (input.projectLife_a !== undefined && input.projectLife_a !== series.length) {
    throw new CpError(
      'VALIDATION',
      `projectLife_a (${input.projectLife_a}) differs from the ${series.length} years of cashFlows_wanYuan`,
      { field: 'projectLife_a' },
    );
  }
  return {
    mode: 'cash-flows',
    flows: [-investment, ...series],
    life: series.length,
    yearOne: null,
    taxFactor: null,
    steps: [],
    notes: [],
    inputs: [{ name: 'cashFlows_wanYuan', value: series.map((f) => String(f)).join(', '), unit: '万元' }],
  };
}

/**
 * Economic feasibility of one 中/高费 option: cash flows, payback, NPV, NPVR, exact IRR (with the manual's
 * interpolation beside it) and the verdict against the decision rules of facts §5.1 (N ≤ 定额偿还期, NPV ≥ 0,
 * IRR ≥ 基准收益率).
 *
 * @throws CpError NEGATIVE_QUANTITY for a negative investment, salvage, rate or year count;
 *   VALIDATION for a missing or contradictory field. "No IRR" and "never pays back" are results, not errors.
 */
export function optionEconomics(input: EconomicsInput): Traced<OptionEconomics> {
  const investment = requireNonNegative(input.investment_wanYuan, 'investment_wanYuan');
  const rate = requireFraction(input.discountRate_fraction, 'discountRate_fraction', 1);
  const benchmark =
    input.benchmarkRate_fraction === undefined
      ? rate
      : requireFraction(input.benchmarkRate_fraction, 'benchmarkRate_fraction', 1);
  const step =
    input.interpolationStep_fraction === undefined
      ? DEFAULT_INTERPOLATION_STEP_FRACTION
      : requirePositive(input.interpolationStep_fraction, 'interpolationStep_fraction');

  const cf =
    input.cashFlows_wanYuan === undefined
      ? annualFlows(input, investment)
      : seriesFlows(input, investment, input.cashFlows_wanYuan);
  const { flows, life } = cf;
  const notes = [...cf.notes];
  const steps = [...cf.steps];
  const factors: FactorRef[] = cf.taxFactor ? [cf.taxFactor] : [];

  // Payback. Annual mode: N = I / F (the pages' formula); cash-flow mode: cumulative static payback.
  let payback: OptionEconomics['payback'];
  if (investment === 0) {
    payback = { years_a: 0, status: 'immediate', note: '无投资（无/低费方案）：投资偿还期为 0' };
  } else {
    const f = cf.yearOne?.f;
    const years = f === undefined ? seriesPayback(flows) : f > 0 ? investment / f : null;
    if (years === null) {
      payback = {
        years_a: null,
        status: 'never',
        note:
          f === undefined
            ? '累计现金流在项目寿命期内始终为负：投资无法回收'
            : '年增加现金流量 F ≤ 0：投资无法回收',
      };
    } else if (years <= life) {
      payback = { years_a: years, status: 'within-life', note: `投资偿还期 ${fixed(years, 2)} 年` };
    } else {
      payback = {
        years_a: years,
        status: 'beyond-life',
        note: `投资偿还期 ${fixed(years, 2)} 年，超过项目寿命 ${life} 年：寿命期内不能收回投资`,
      };
    }
  }
  steps.push({
    label: '投资偿还期 N',
    formula: cf.yearOne
      ? 'N = I / F'
      : 'N = (k − 1) + |累计现金流_{k−1}| / F_k（累计现金流首次非负的年份 k）',
    clause: SRC_ECONOMICS_METHOD,
    inputs: [
      { name: 'I', value: investment, unit: '万元' },
      ...(cf.yearOne ? [{ name: 'F', value: cf.yearOne.f, unit: '万元/a' }] : []),
    ],
    factors: [],
    result: payback.years_a,
    unit: 'a',
    notes: [payback.note],
  });

  // NPV = Σ_{j=1..n} F_j / (1+i)^j − I.
  const npv = npvAt(flows, rate);
  steps.push({
    label: '净现值 NPV',
    formula: 'NPV = Σ_{j=1..n} F_j / (1 + i)^j − I',
    clause: SRC_ECONOMICS_METHOD,
    inputs: [
      { name: 'i', value: rate, unit: '1' },
      { name: 'n', value: life, unit: 'a' },
      { name: 'I', value: investment, unit: '万元' },
    ],
    factors: [],
    result: npv,
    unit: '万元',
  });

  // NPVR = NPV / I.
  const npvr: OptionEconomics['npvr'] =
    investment === 0
      ? { value_fraction: null, note: '无投资：净现值率 NPVR = NPV / I 不适用' }
      : { value_fraction: npv / investment };
  steps.push({
    label: '净现值率 NPVR',
    formula: 'NPVR = NPV / I',
    clause: SRC_ECONOMICS_METHOD,
    inputs: [
      { name: 'NPV', value: npv, unit: '万元' },
      { name: 'I', value: investment, unit: '万元' },
    ],
    factors: [],
    result: npvr.value_fraction,
    unit: '1',
    ...(npvr.note ? { notes: [npvr.note] } : {}),
  });

  // IRR: exact root of NPV(r) = 0; the manual's interpolation alongside.
  let irr: OptionEconomics['irr'];
  if (investment === 0) {
    irr = {
      value_fraction: null,
      status: 'not-applicable',
      reason: '无投资（无/低费方案）：内部收益率不适用',
      interpolated: null,
    };
  } else {
    const sol = solveIrr(flows);
    if (sol.status === 'unique') {
      const m = manualInterpolation(flows, sol.rate, step);
      irr = {
        value_fraction: sol.rate,
        status: 'unique',
        ...(sol.note ? { reason: sol.note } : {}),
        interpolated: {
          label: `手册试差内插法：IRR ≈ i1 + NPV1·(i2 − i1)/(NPV1 + |NPV2|)，i1 = ${pct(m.i1)}，i2 = ${pct(m.i2)}`,
          value_fraction: m.value,
          i1_fraction: m.i1,
          i2_fraction: m.i2,
          npv1_wanYuan: m.npv1,
          npv2_wanYuan: m.npv2,
        },
      };
    } else if (sol.status === 'multiple') {
      irr = {
        value_fraction: null,
        status: 'multiple',
        reason: sol.reason,
        roots_fraction: sol.rates,
        interpolated: null,
      };
    } else {
      irr = { value_fraction: null, status: 'none', reason: sol.reason, interpolated: null };
    }
  }
  steps.push({
    label: '内部收益率 IRR',
    formula: 'Σ_{j=0..n} F_j / (1 + IRR)^j = 0（F_0 = −I），精确求根（区间搜索 + 牛顿/二分，容差 1e-12）',
    clause: SRC_ECONOMICS_METHOD,
    inputs: [{ name: 'I', value: investment, unit: '万元' }],
    factors: [],
    result: irr.value_fraction,
    unit: '1',
    notes: [
      ...(irr.reason ? [irr.reason] : []),
      ...(irr.interpolated
        ? [`${irr.interpolated.label} = ${pct(irr.interpolated.value_fraction, 4)}（仅供与手册对照）`]
        : []),
    ],
  });

  // Decision rules (facts §5.1): N ≤ 定额偿还期, NPV ≥ 0, IRR ≥ 基准收益率.
  let limit: FactorRef | null = null;
  if (input.paybackLimit_a !== undefined) {
    limit = {
      id: 'economics.payback-limit.user',
      name: '定额偿还期（用户输入）',
      value: requirePositive(input.paybackLimit_a, 'paybackLimit_a'),
      unit: 'a',
      source: { document: '用户输入', status: 'user' },
    };
  } else if (input.costClass !== undefined) {
    limit = PAYBACK_LIMITS[input.costClass];
  }
  if (limit) factors.push(limit);
  const classText = input.costClass ? `（${PAYBACK_COST_CLASS_ZH[input.costClass]}）` : '';
  const criteria: DecisionCriterion[] = [];
  if (!limit) {
    criteria.push({
      id: 'payback',
      passed: null,
      detail: '未给出方案费用类别或定额偿还期：投资偿还期未评判',
    });
  } else if (payback.years_a === null) {
    criteria.push({
      id: 'payback',
      passed: false,
      detail: `${payback.note}，不满足定额偿还期${classText}要求`,
    });
  } else {
    const ok = payback.years_a <= limit.value;
    criteria.push({
      id: 'payback',
      passed: ok,
      detail: `投资偿还期 ${fixed(payback.years_a, 2)} 年 ${ok ? '≤' : '>'} 定额偿还期 ${limit.value} 年${classText}`,
    });
  }
  const npvOk = npv >= 0;
  criteria.push({
    id: 'npv',
    passed: npvOk,
    detail: `净现值 ${fixed(npv, 2)} 万元 ${npvOk ? '≥' : '<'} 0（贴现率 ${pct(rate)}）`,
  });
  if (irr.status === 'unique' && irr.value_fraction !== null) {
    const ok = irr.value_fraction >= benchmark;
    criteria.push({
      id: 'irr',
      passed: ok,
      detail: `内部收益率 ${pct(irr.value_fraction)} ${ok ? '≥' : '<'} 基准收益率 ${pct(benchmark)}`,
    });
  } else if (irr.status === 'none') {
    criteria.push({ id: 'irr', passed: false, detail: `内部收益率不存在：${irr.reason ?? ''}` });
  } else {
    criteria.push({ id: 'irr', passed: null, detail: irr.reason ?? '内部收益率判据不适用' });
  }
  const assessed = criteria.filter((c) => c.passed !== null);
  const feasible = assessed.every((c) => c.passed === true);
  const reasons = feasible
    ? assessed.map((c) => c.detail)
    : assessed.filter((c) => c.passed === false).map((c) => c.detail);
  const decision = { feasible, criteria, reasons };
  steps.push({
    label: '经济可行性判别',
    formula: 'N ≤ 定额偿还期；NPV ≥ 0；IRR ≥ 基准收益率',
    clause: SRC_ECONOMICS_METHOD,
    inputs: [
      { name: '基准收益率', value: benchmark, unit: '1' },
      ...(limit ? [{ name: '定额偿还期', value: limit.value, unit: 'a' }] : []),
    ],
    factors: limit ? [limit] : [],
    result: feasible,
    notes: criteria.map((c) => `${c.passed === null ? '未评判' : c.passed ? '满足' : '不满足'}：${c.detail}`),
  });

  const value: OptionEconomics = {
    mode: cf.mode,
    investment_wanYuan: investment,
    projectLife_a: life,
    discountRate_fraction: rate,
    depreciation_wanYuanPerA: cf.yearOne?.d ?? null,
    taxableProfit_wanYuanPerA: cf.yearOne?.t ?? null,
    netProfit_wanYuanPerA: cf.yearOne?.e ?? null,
    annualCashFlow_wanYuanPerA: cf.yearOne?.f ?? null,
    cashFlows_wanYuan: flows.slice(1),
    payback,
    npv_wanYuan: npv,
    npvr,
    irr,
    decision,
  };
  return traced(value, {
    label: `中/高费方案经济可行性分析${input.optionName ? `：${input.optionName}` : ''}`,
    formula:
      'D = I/Y；T = P − D；E = T(1 − 税率)；F = E + D；N = I/F；NPV = ΣF/(1+i)^j − I；NPVR = NPV/I；NPV(IRR) = 0',
    clause: SRC_ECONOMICS_METHOD,
    inputs: [
      { name: 'investment_wanYuan (I)', value: investment, unit: '万元' },
      { name: 'discountRate_fraction (i)', value: rate, unit: '1' },
      { name: 'projectLife_a (n)', value: life, unit: 'a' },
      ...cf.inputs,
    ],
    factors,
    result: feasible,
    steps,
    notes,
  });
}

/** Parses JSON with `economicsInputSchema` (zod issues → CpError VALIDATION) and runs `optionEconomics`. */
export function economicsFromJson(json: unknown): Traced<OptionEconomics> {
  return optionEconomics(parseInput(economicsInputSchema, json, 'economics input'));
}
