/**
 * 清洁生产潜力 (江苏指南 7.2.1.3 现状分析: the gap of each enterprise to the advanced level, quantified): for each
 * quantitative indicator of the industry's 清洁生产评价指标体系 and each audited enterprise,
 *
 *   intensity indicator (A/B, 'le'):   saved = (actual − level value) × production       when actual > level value
 *   utilisation rate (%, 'ge'):        saved = consumption × (1 − actual ÷ level value)   when actual < level value
 *     (the metal deposited, D = consumption × actual, would need only D ÷ level value at the level)
 *
 * converted to m³ water, tce (electricity at its 当量值 0.1229 kgce/kWh, GB/T 2589), tCO2 (tce × 2.7725, 广东绩效表
 * 注13; electricity × grid factor, 注13), t of pollutant or material, and 万元: the environmental tax avoided
 * (equivalents × rate, 环境保护税法 第八条: the marginal tax, without the top-N rule) and the energy and
 * water cost at the prices given. Summed per enterprise, per indicator and for the industry, ranked, and turned into
 * target proposals ("reduce X by Y = Z % of today").
 */
import { resolveGridSelection } from '../carbon/carbon-json.ts';
import type { GridFactor } from '../carbon/grid-factors.ts';
import { CO2_PER_TCE, gridFactorRef } from '../carbon/savings.ts';
import { coefficientFactorRef, findStandardCoalCoefficient } from '../energy/coefficients.ts';
import { splitCompoundUnit } from '../energy/quantity-input.ts';
import { CpError, requireNonNegative } from '../errors.ts';
import { DEFAULT_LEVEL_NAMES } from '../evaluation/method.ts';
import { findIndicatorSystem } from '../evaluation/registry.ts';
import { EVAL_LEVEL_ROMAN, type IndicatorSystem, type QuantitativeIndicator } from '../evaluation/schema.ts';
import { parseInput } from '../reference/zod.ts';
import { requirePollutant } from '../standards/pollutants.ts';
import { findEquivalentValue, type TaxRates } from '../tax/reference.ts';
import { resolveTaxRates } from '../tax/tax.ts';
import type { Breakdown, FactorRef, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { convertValue, dimensionOf } from '../units/units.ts';
import {
  type PotentialAmounts,
  type PotentialAtLevel,
  type PotentialInput,
  type PotentialInputJson,
  type PotentialLine,
  type PotentialResult,
  type PotentialSaves,
  type PotentialTarget,
  potentialInputSchema,
} from './schema.ts';

/** The unit each kind of saving is reported in, and the dimension its quantity must have. */
const REPORT: Readonly<Record<PotentialSaves['kind'], { unit: string; dimension: string; zh: string }>> = {
  water: { unit: 'm3', dimension: 'volume', zh: '用水量' },
  energy: { unit: 'tce', dimension: 'coal', zh: '综合能耗' },
  electricity: { unit: 'kWh', dimension: 'energy', zh: '用电量' },
  pollutant: { unit: 't', dimension: 'mass', zh: '排放量' },
  material: { unit: 't', dimension: 'mass', zh: '消耗量' },
};

const ELECTRICITY_ROW = findStandardCoalCoefficient('gbt2589-2008.electricity');

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

function zeroAmounts(): PotentialAmounts {
  return {
    water_m3: 0,
    energy_tce: 0,
    electricity_kWh: 0,
    co2_t: 0,
    pollutants_t: {},
    materials_t: {},
    tax_wanYuan: 0,
    energyCost_wanYuan: 0,
    waterCost_wanYuan: 0,
    total_wanYuan: 0,
  };
}

function addInto(into: PotentialAmounts, a: PotentialAmounts): void {
  into.water_m3 += a.water_m3;
  into.energy_tce += a.energy_tce;
  into.electricity_kWh += a.electricity_kWh;
  into.co2_t += a.co2_t;
  for (const [k, v] of Object.entries(a.pollutants_t)) into.pollutants_t[k] = (into.pollutants_t[k] ?? 0) + v;
  for (const [k, v] of Object.entries(a.materials_t)) into.materials_t[k] = (into.materials_t[k] ?? 0) + v;
  into.tax_wanYuan += a.tax_wanYuan;
  into.energyCost_wanYuan += a.energyCost_wanYuan;
  into.waterCost_wanYuan += a.waterCost_wanYuan;
  into.total_wanYuan += a.total_wanYuan;
}

interface Plan {
  ind: QuantitativeIndicator;
  saves: PotentialSaves;
  mode: 'intensity' | 'utilisation';
  /** Numerator and denominator units of an intensity indicator. */
  num?: string;
  den?: string;
  /** What is reduced, for targets: '用水量（单位面积漂洗水用量）'. */
  item: string;
}

function planOf(system: IndicatorSystem, input: PotentialInput, i: number): Plan {
  const spec = input.indicators[i];
  if (spec === undefined) throw new CpError('VALIDATION', `indicators.${i} missing`);
  const field = `indicators.${i}`;
  const ind = system.groups.flatMap((g) => g.indicators).find((x) => x.id === spec.indicatorId);
  if (ind === undefined) {
    throw new CpError(
      'UNKNOWN_REFERENCE',
      `${field}.indicatorId: no indicator "${spec.indicatorId}" in ${system.id}`,
      {
        field: `${field}.indicatorId`,
      },
    );
  }
  if (ind.kind !== 'quantitative') {
    throw new CpError(
      'VALIDATION',
      `${field}.indicatorId: "${ind.name}" is qualitative: no quantity to save`,
      {
        field: `${field}.indicatorId`,
      },
    );
  }
  const saves = spec.saves;
  const what =
    saves.kind === 'pollutant'
      ? `${requirePollutant(saves.pollutant, `${field}.saves.pollutant`, saves.medium).zh}排放量`
      : saves.kind === 'material'
        ? `${saves.name}消耗量`
        : REPORT[saves.kind].zh;
  const item = `${what}（${ind.name}）`;
  if (ind.unit === '%') {
    if (ind.direction !== 'ge' || (saves.kind !== 'material' && saves.kind !== 'pollutant')) {
      throw new CpError(
        'VALIDATION',
        `${field}: a percent indicator counts as a utilisation rate ('ge', saving a material), "${ind.name}" is not`,
        { field: `${field}.saves` },
      );
    }
    return { ind, saves, mode: 'utilisation', item };
  }
  if (ind.direction !== 'le') {
    throw new CpError(
      'VALIDATION',
      `${field}: intensity indicator "${ind.name}" must be smaller-is-better ('le')`,
      {
        field: `${field}.indicatorId`,
      },
    );
  }
  const { num, den } = splitCompoundUnit(ind.unit);
  const want = REPORT[saves.kind].dimension;
  if (dimensionOf(num, `${field}.saves`) !== want) {
    throw new CpError(
      'UNIT',
      `${field}.saves: "${ind.name}" is in ${ind.unit}; a ${saves.kind} saving needs a ${want} numerator`,
      { field: `${field}.saves` },
    );
  }
  return { ind, saves, mode: 'intensity', num, den, item };
}

interface Context {
  input: PotentialInput;
  rates: TaxRates | null;
  grid: GridFactor | null;
  notes: Set<string>;
}

/** Converts a saved quantity into every reported unit and 万元. */
function amountsOf(
  plan: Plan,
  saved: number,
  unit: string,
  ctx: Context,
  factors: FactorRef[],
): PotentialAmounts {
  const a = zeroAmounts();
  const prices = ctx.input.prices;
  const s = plan.saves;
  if (s.kind === 'water') {
    a.water_m3 = convertValue(saved, unit, 'm3');
    if (prices.water_yuanPerM3 !== undefined)
      a.waterCost_wanYuan = (a.water_m3 * prices.water_yuanPerM3) / 10000;
  } else if (s.kind === 'energy') {
    a.energy_tce = convertValue(saved, unit, 'tce');
    // 注13: tCO2 = tce × 2.7725.
    a.co2_t = a.energy_tce * CO2_PER_TCE.value;
    factors.push(CO2_PER_TCE);
    if (prices.energy_yuanPerTce !== undefined)
      a.energyCost_wanYuan = (a.energy_tce * prices.energy_yuanPerTce) / 10000;
  } else if (s.kind === 'electricity') {
    a.electricity_kWh = convertValue(saved, unit, 'kWh');
    if (ELECTRICITY_ROW) {
      // GB/T 2589 当量值: kgce = kWh × 0.1229.
      a.energy_tce = (a.electricity_kWh * ELECTRICITY_ROW.coefficient.default) / 1000;
      factors.push(coefficientFactorRef(ELECTRICITY_ROW));
    }
    if (ctx.grid) {
      // 注13 节电: tCO2 = MWh × EF_grid.
      a.co2_t = convertValue(a.electricity_kWh, 'kWh', 'MWh') * ctx.grid.value_tCO2PerMWh;
      factors.push(gridFactorRef(ctx.grid));
    } else {
      ctx.notes.add('未给定电网排放因子（grid）：节电的CO2未计');
    }
    if (prices.electricity_yuanPerKWh !== undefined) {
      a.energyCost_wanYuan = (a.electricity_kWh * prices.electricity_yuanPerKWh) / 10000;
    }
  } else if (s.kind === 'pollutant') {
    const t = convertValue(saved, unit, 't');
    a.pollutants_t[s.pollutant] = t;
    const eq = findEquivalentValue(s.pollutant, s.medium);
    if (ctx.rates && eq) {
      // 第八条: t × 1000 kg/t ÷ 污染当量值 × 税额 (marginal, without the top-N rule).
      const rate = s.medium === 'air' ? ctx.rates.air_yuanPerEq : ctx.rates.water_yuanPerEq;
      a.tax_wanYuan = (((t * 1000) / eq.value) * rate) / 10000;
      factors.push(eq);
    } else if (!eq) {
      ctx.notes.add(`${s.pollutant}：环境保护税法附表二无污染当量值，未计减少的税`);
    } else {
      ctx.notes.add('未给定税额（taxRates）：减少的环境保护税未计');
    }
  } else {
    a.materials_t[s.name] = convertValue(saved, unit, 't');
  }
  a.total_wanYuan = a.tax_wanYuan + a.energyCost_wanYuan + a.waterCost_wanYuan;
  return a;
}

/** The potential of the enterprises (see the module comment). Bad input throws CpError naming the field. */
export function computePotential(json: PotentialInputJson): Traced<PotentialResult> {
  const input = parseInput(potentialInputSchema, json, 'potential input');
  let system = input.system;
  if (system === undefined) {
    system = findIndicatorSystem(input.systemId ?? '');
    if (system === undefined) {
      throw new CpError('UNKNOWN_REFERENCE', `systemId: no indicator system "${input.systemId}"`, {
        field: 'systemId',
      });
    }
  }
  const sys = system;
  const plans = input.indicators.map((_, i) => planOf(sys, input, i));
  const seen = new Set<string>();
  plans.forEach((p, i) => {
    if (seen.has(p.ind.id)) {
      throw new CpError('VALIDATION', `indicators.${i}.indicatorId: "${p.ind.id}" is listed twice`, {
        field: `indicators.${i}.indicatorId`,
      });
    }
    seen.add(p.ind.id);
  });
  for (const [k, v] of Object.entries(input.prices)) {
    if (v !== undefined) requireNonNegative(v, `prices.${k}`);
  }
  const ctx: Context = {
    input,
    rates: input.taxRates ? resolveTaxRates(input.taxRates, 'taxRates') : null,
    grid: input.grid ? resolveGridSelection(input.grid, 'grid') : null,
    notes: new Set(),
  };
  const allIds = new Set(sys.groups.flatMap((g) => g.indicators.map((x) => x.id)));
  const entIds = new Set<string>();

  // Check every enterprise once: production, values, consumption.
  input.enterprises.forEach((e, k) => {
    const at = `enterprises.${k}`;
    if (entIds.has(e.id)) {
      throw new CpError('VALIDATION', `${at}.id: enterprise "${e.id}" is listed twice`, {
        field: `${at}.id`,
      });
    }
    entIds.add(e.id);
    requireNonNegative(e.production.value, `${at}.production.value`);
    for (const [id, v] of Object.entries(e.values)) {
      if (!allIds.has(id)) {
        throw new CpError('UNKNOWN_REFERENCE', `${at}.values.${id}: no indicator "${id}" in ${sys.id}`, {
          field: `${at}.values.${id}`,
        });
      }
      requireNonNegative(v, `${at}.values.${id}`);
    }
    for (const p of plans) {
      if (e.values[p.ind.id] === undefined) continue;
      if (p.mode === 'intensity') {
        const den = p.den ?? '';
        if (dimensionOf(e.production.unit, `${at}.production.unit`) !== dimensionOf(den)) {
          throw new CpError(
            'UNIT',
            `${at}.production.unit: "${p.ind.name}" is per ${den}, production is in ${e.production.unit}`,
            { field: `${at}.production.unit` },
          );
        }
      } else {
        const c = e.consumption[p.ind.id];
        if (c === undefined) {
          throw new CpError(
            'VALIDATION',
            `${at}.consumption.${p.ind.id}: the utilisation rate "${p.ind.name}" needs the consumption it applies to`,
            { field: `${at}.consumption.${p.ind.id}` },
          );
        }
        requireNonNegative(c.value, `${at}.consumption.${p.ind.id}.value`);
        if (dimensionOf(c.unit, `${at}.consumption.${p.ind.id}.unit`) !== 'mass') {
          throw new CpError('UNIT', `${at}.consumption.${p.ind.id}.unit: a mass expected, got ${c.unit}`, {
            field: `${at}.consumption.${p.ind.id}.unit`,
          });
        }
      }
    }
  });

  const steps: Breakdown[] = [];
  const levels: PotentialAtLevel[] = input.levels.map((level) => {
    const levelName = `${EVAL_LEVEL_ROMAN[level]}级（${sys.levelNames?.[level] ?? DEFAULT_LEVEL_NAMES[level]}）`;
    const lines: PotentialLine[] = [];
    const current = new Map<string, number>();
    const levelSteps: Breakdown[] = [];
    for (const p of plans) {
      const levelValue = p.ind.benchmarks[level];
      if (levelValue === undefined) {
        ctx.notes.add(`${p.ind.name}：无${levelName}基准值，未计潜力`);
        continue;
      }
      const reportUnit = REPORT[p.saves.kind].unit;
      for (const e of input.enterprises) {
        const actual = e.values[p.ind.id];
        if (actual === undefined) continue;
        let gap: number;
        let saved: number;
        let savedUnit: string;
        let formula: string;
        let currentUse: number;
        const factors: FactorRef[] = [];
        if (p.mode === 'intensity') {
          const num = p.num ?? '';
          const production = convertValue(e.production.value, e.production.unit, p.den ?? '');
          gap = actual - levelValue;
          saved = Math.max(gap, 0) * production;
          savedUnit = num;
          currentUse = actual * production;
          formula = `(${fmt(actual)} − ${fmt(levelValue)}) ${p.ind.unit} × ${fmt(production)} ${p.den} = ${fmt(saved)} ${num}`;
        } else {
          const c = e.consumption[p.ind.id] ?? { value: 0, unit: 't' };
          gap = levelValue - actual;
          // saved = C × (1 − u_actual ÷ u_level): the same metal deposited at the level's utilisation.
          saved = gap > 0 && levelValue > 0 ? c.value * (1 - actual / levelValue) : 0;
          savedUnit = c.unit;
          currentUse = c.value;
          formula = `${fmt(c.value)} ${c.unit} × (1 − ${fmt(actual)}% ÷ ${fmt(levelValue)}%) = ${fmt(saved)} ${c.unit}`;
        }
        const amounts = amountsOf(p, saved, savedUnit, ctx, factors);
        current.set(p.ind.id, (current.get(p.ind.id) ?? 0) + convertValue(currentUse, savedUnit, reportUnit));
        lines.push({
          enterpriseId: e.id,
          enterpriseName: e.name,
          indicatorId: p.ind.id,
          indicatorName: p.ind.name,
          unit: p.ind.unit,
          direction: p.ind.direction,
          level,
          actual,
          levelValue,
          gap,
          saved: { value: saved, unit: savedUnit },
          amounts,
        });
        levelSteps.push({
          label: `${e.name} ${p.ind.name} 达到${levelName}`,
          formula: gap > 0 ? formula : `${fmt(actual)} 已优于或等于 ${fmt(levelValue)}：无潜力`,
          clause: sys.source,
          inputs: [
            { name: p.ind.name, value: actual, unit: p.ind.unit },
            { name: `${levelName}基准值`, value: levelValue, unit: p.ind.unit },
          ],
          factors,
          result: saved,
          unit: savedUnit,
        });
      }
    }

    // Per enterprise and per indicator.
    const savedByIndicator = new Map<string, number>();
    for (const l of lines) {
      const p = plans.find((x) => x.ind.id === l.indicatorId);
      const unit = p ? REPORT[p.saves.kind].unit : l.saved.unit;
      savedByIndicator.set(
        l.indicatorId,
        (savedByIndicator.get(l.indicatorId) ?? 0) + convertValue(l.saved.value, l.saved.unit, unit),
      );
    }
    const industry = zeroAmounts();
    for (const l of lines) addInto(industry, l.amounts);

    const byEnterprise = input.enterprises
      .map((e) => {
        const amounts = zeroAmounts();
        let share = 0;
        for (const l of lines.filter((x) => x.enterpriseId === e.id)) {
          addInto(amounts, l.amounts);
          const p = plans.find((x) => x.ind.id === l.indicatorId);
          const total = savedByIndicator.get(l.indicatorId) ?? 0;
          const unit = p ? REPORT[p.saves.kind].unit : l.saved.unit;
          if (total > 0) share += convertValue(l.saved.value, l.saved.unit, unit) / total;
        }
        return { id: e.id, name: e.name, rank: 0, share, amounts };
      })
      .sort((a, b) => b.amounts.total_wanYuan - a.amounts.total_wanYuan || b.share - a.share)
      .map((x, i) => ({ ...x, rank: i + 1 }));

    const byIndicator = plans
      .filter((p) => lines.some((l) => l.indicatorId === p.ind.id))
      .map((p) => {
        const amounts = zeroAmounts();
        const mine = lines.filter((l) => l.indicatorId === p.ind.id);
        for (const l of mine) addInto(amounts, l.amounts);
        const unit = REPORT[p.saves.kind].unit;
        const saved = savedByIndicator.get(p.ind.id) ?? 0;
        const cur = current.get(p.ind.id) ?? 0;
        return {
          indicatorId: p.ind.id,
          name: p.ind.name,
          rank: 0,
          enterprisesWorse: mine.filter((l) => l.saved.value > 0).length,
          saved: { value: saved, unit },
          current: { value: cur, unit },
          percent: cur > 0 ? (saved / cur) * 100 : null,
          amounts,
        };
      })
      .sort(
        (a, b) => b.amounts.total_wanYuan - a.amounts.total_wanYuan || (b.percent ?? 0) - (a.percent ?? 0),
      )
      .map((x, i) => ({ ...x, rank: i + 1 }));

    const targets: PotentialTarget[] = byIndicator
      .filter((b) => b.saved.value > 0)
      .map((b) => {
        const p = plans.find((x) => x.ind.id === b.indicatorId);
        const item = p?.item ?? b.name;
        const pct = b.percent;
        return {
          item,
          unit: `${b.saved.unit}/a`,
          current: b.current?.value ?? null,
          reduction: b.saved.value,
          percent: pct,
          text:
            `全部企业达到${levelName}：${item}削减 ${fmt(b.saved.value)} ${b.saved.unit}/a` +
            (pct === null
              ? ''
              : `，为现状 ${fmt(b.current?.value ?? 0)} ${b.saved.unit}/a 的 ${pct.toFixed(1)}%`),
        };
      });

    steps.push({
      label: `达到${levelName}的清洁生产潜力`,
      inputs: [],
      factors: [],
      result: industry.total_wanYuan,
      unit: '万元/a',
      steps: levelSteps,
      notes: targets.map((t) => t.text),
    });
    return { level, lines, byEnterprise, byIndicator, industry, targets };
  });

  const value: PotentialResult = { systemId: sys.id, levels, notes: [...ctx.notes] };
  return traced(value, {
    label: `清洁生产潜力（${sys.name}）`,
    formula:
      '潜力 = (实际值 − 级别基准值) × 产量（实际值劣于基准值时）；利用率：消耗量 × (1 − 实际值 ÷ 基准值)',
    clause: {
      document: '江苏省《行业清洁生产审核技术指南》',
      clause: '7.2.1.3 现状分析（清洁生产潜力）',
      status: 'seed',
      note: 'the guideline asks for the potential without printing a formula: this is cpaudit’s definition',
    },
    inputs: [
      { name: '企业数', value: input.enterprises.length },
      { name: '指标数', value: plans.length },
    ],
    factors: [],
    result: levels[0]?.industry.total_wanYuan ?? null,
    unit: '万元/a',
    steps,
    ...(ctx.notes.size > 0 ? { notes: [...ctx.notes] } : {}),
  });
}

export function potentialFromJson(json: unknown): Traced<PotentialResult> {
  return computePotential(json as PotentialInputJson);
}
