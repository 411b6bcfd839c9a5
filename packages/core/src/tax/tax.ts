/**
 * 环境保护税 of an enterprise's outlets (shared facts §8), and the tax an option avoids (广东绩效表 注15).
 *
 *   污染当量数 = 排放量 (kg) ÷ 污染当量值 (kg)                      环境保护税法 第八条
 *   per outlet: air top 3, water class I top 5, other water top 3 by 污染当量数   第九条
 *   COD, BOD5 and TOC of one outlet: only one is taxed (the largest)            附表二 说明
 *   应纳税额 = 污染当量数 × 具体适用税额 (元 per equivalent)                      shared facts §8
 *   solid waste: 应纳税额 = 排放量 (t) × 税额 (元/t)                              附表一
 */
import { CpError, requireNonNegative } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import { requirePollutant } from '../standards/pollutants.ts';
import type { Breakdown, FactorRef, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import {
  DEFAULT_TOP_N,
  findEquivalentValue,
  provincialTaxRates,
  SOLID_WASTE_RATES,
  SOLID_WASTE_ZH,
  SRC_TAX_COD_BOD_TOC,
  SRC_TAX_FORMULA,
  SRC_TAX_NATIONAL_RANGES,
  SRC_TAX_TOP_N,
  TAX_RATE_RANGES,
  type TaxRates,
} from './reference.ts';
import {
  type AvoidedTax,
  type OutletTax,
  type SolidWasteTax,
  type TaxCalcResult,
  type TaxedPollutant,
  type TaxInput,
  type TaxInputJson,
  type TaxRateSelection,
  type TaxResult,
  taxCalcInputSchema,
  taxInputSchema,
} from './schema.ts';

/** The oxygen-demand items of which an outlet pays one (附表二 注). */
const OXYGEN_DEMAND = new Set(['cod', 'bod5', 'toc']);
const GROUP_ZH = {
  air: '大气污染物',
  'water-class-i': '第一类水污染物',
  'water-other': '其他类水污染物',
} as const;

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

/** The rates a selection names; given rates must lie in the national ranges (附表一). */
export function resolveTaxRates(sel: TaxRateSelection, prefix = 'rates'): TaxRates {
  if ('province' in sel) return provincialTaxRates(sel.province, sel.city, prefix);
  const check = (v: number, medium: 'air' | 'water', field: string) => {
    requireNonNegative(v, field);
    const [lo, hi] = TAX_RATE_RANGES[medium];
    if (v < lo || v > hi) {
      throw new CpError('VALIDATION', `${field}: the law allows ${lo}–${hi} 元 per equivalent, got ${v}`, {
        field,
      });
    }
    return v;
  };
  return {
    air_yuanPerEq: check(sel.air_yuanPerEq, 'air', `${prefix}.air_yuanPerEq`),
    water_yuanPerEq: check(sel.water_yuanPerEq, 'water', `${prefix}.water_yuanPerEq`),
    document: sel.document ?? '用户给定税额',
    source: { document: sel.document ?? '用户给定税额', status: 'user' },
  };
}

function outletTax(
  outlet: TaxInput['outlets'][number],
  i: number,
  rates: TaxRates,
  topN: TaxInput['topN'] & object,
  fieldPrefix: string,
): { tax: OutletTax; step: Breakdown } {
  const at = `${fieldPrefix}.${i}`;
  const rate = outlet.medium === 'air' ? rates.air_yuanPerEq : rates.water_yuanPerEq;
  const seen = new Set<string>();
  const factors: FactorRef[] = [];
  const rows = outlet.pollutants.map((p, j) => {
    const field = `${at}.pollutants.${j}`;
    const pol = requirePollutant(p.pollutant, `${field}.pollutant`, outlet.medium);
    if (seen.has(pol.key)) {
      throw new CpError(
        'VALIDATION',
        `${field}.pollutant: ${pol.zh} is listed twice in outlet ${outlet.id}`,
        {
          field: `${field}.pollutant`,
        },
      );
    }
    seen.add(pol.key);
    const kg = requireNonNegative(p.emitted_kg, `${field}.emitted_kg`);
    const eq = findEquivalentValue(pol.key, outlet.medium);
    if (eq) factors.push(eq);
    return { pol, kg, eq, equivalents: eq ? kg / eq.value : 0 };
  });

  const out: TaxedPollutant[] = [];
  // 附表二 注: of COD/BOD5/TOC only the one with the most equivalents is taxed.
  const oxygen = rows.filter((r) => r.eq && OXYGEN_DEMAND.has(r.pol.key));
  const oxygenKept = oxygen.reduce<(typeof rows)[number] | undefined>(
    (best, r) => (best === undefined || r.equivalents > best.equivalents ? r : best),
    undefined,
  );
  const groups: TaxedPollutant['group'][] =
    outlet.medium === 'air' ? ['air'] : ['water-class-i', 'water-other'];
  for (const group of groups) {
    const n = group === 'air' ? topN.air : group === 'water-class-i' ? topN.waterClassI : topN.waterOther;
    const ranked = rows
      .filter((r) => r.eq?.group === group)
      .filter((r) => !OXYGEN_DEMAND.has(r.pol.key) || r === oxygenKept)
      .sort((a, b) => b.equivalents - a.equivalents);
    ranked.forEach((r, k) => {
      const taxed = k < n && r.equivalents > 0;
      out.push({
        pollutant: r.pol.key,
        pollutantZh: r.pol.zh,
        emitted_kg: r.kg,
        equivalentValue_kg: r.eq?.value ?? 0,
        equivalents: r.equivalents,
        group,
        rank: k + 1,
        taxed,
        reason: taxed
          ? `${GROUP_ZH[group]}第${k + 1}位（前${n}项征收）`
          : r.equivalents === 0
            ? '污染当量数为0'
            : `${GROUP_ZH[group]}第${k + 1}位，超出前${n}项，不征收`,
        tax_yuan: taxed ? r.equivalents * rate : 0,
      });
    });
  }
  for (const r of oxygen) {
    if (r === oxygenKept) continue;
    out.push({
      pollutant: r.pol.key,
      pollutantZh: r.pol.zh,
      emitted_kg: r.kg,
      equivalentValue_kg: r.eq?.value ?? 0,
      equivalents: r.equivalents,
      group: 'water-other',
      rank: 0,
      taxed: false,
      reason: `化学需氧量、生化需氧量和总有机碳只征收一项：征收${oxygenKept?.pol.zh ?? ''}（污染当量数较大）`,
      tax_yuan: 0,
    });
  }
  for (const r of rows) {
    if (r.eq) continue;
    out.push({
      pollutant: r.pol.key,
      pollutantZh: r.pol.zh,
      emitted_kg: r.kg,
      equivalentValue_kg: 0,
      equivalents: 0,
      group: outlet.medium === 'air' ? 'air' : r.pol.waterClass === 'I' ? 'water-class-i' : 'water-other',
      rank: 0,
      taxed: false,
      reason: '附表二未列该污染物的污染当量值，不计税',
      tax_yuan: 0,
    });
  }
  const tax_yuan = out.reduce((s, p) => s + p.tax_yuan, 0);
  const tax: OutletTax = {
    id: outlet.id,
    ...(outlet.name ? { name: outlet.name } : {}),
    medium: outlet.medium,
    rate_yuanPerEq: rate,
    pollutants: out,
    tax_yuan,
    tax_wanYuan: tax_yuan / 10000,
  };
  const step: Breakdown = {
    label: `排放口 ${outlet.name ?? outlet.id}（${outlet.medium === 'air' ? '废气' : '废水'}）环境保护税`,
    formula: 'Σ（前N项）排放量 ÷ 污染当量值 × 税额',
    clause: SRC_TAX_TOP_N,
    inputs: [{ name: '适用税额', value: rate, unit: '元/污染当量' }],
    factors,
    result: tax_yuan,
    unit: '元',
    steps: out.map((p) => ({
      label: `${p.pollutantZh}：${p.reason}`,
      ...(p.equivalentValue_kg > 0
        ? {
            formula: `${fmt(p.emitted_kg)} kg ÷ ${p.equivalentValue_kg} kg = ${fmt(p.equivalents)} 当量${p.taxed ? ` × ${rate} 元 = ${fmt(p.tax_yuan)} 元` : ''}`,
          }
        : {}),
      clause:
        OXYGEN_DEMAND.has(p.pollutant) && !p.taxed && p.rank === 0 ? SRC_TAX_COD_BOD_TOC : SRC_TAX_FORMULA,
      inputs: [{ name: '排放量', value: p.emitted_kg, unit: 'kg' }],
      factors: [],
      result: p.tax_yuan,
      unit: '元',
    })),
  };
  return { tax, step };
}

function taxOf(input: TaxInput, outletPrefix = 'outlets', wastePrefix = 'solidWaste'): Traced<TaxResult> {
  const rates = resolveTaxRates(input.rates);
  const topN = input.topN ?? DEFAULT_TOP_N;
  // Provinces may raise the counts, never lower them (第九条).
  for (const [k, v] of Object.entries(topN) as [keyof typeof DEFAULT_TOP_N, number][]) {
    if (v < DEFAULT_TOP_N[k]) {
      throw new CpError(
        'VALIDATION',
        `topN.${k}: at least ${DEFAULT_TOP_N[k]} (环境保护税法 第九条), got ${v}`,
        {
          field: `topN.${k}`,
        },
      );
    }
  }
  const ids = new Set<string>();
  const steps: Breakdown[] = [];
  const outlets = input.outlets.map((o, i) => {
    if (ids.has(o.id)) {
      throw new CpError('VALIDATION', `${outletPrefix}.${i}.id: outlet "${o.id}" is listed twice`, {
        field: `${outletPrefix}.${i}.id`,
      });
    }
    ids.add(o.id);
    const { tax, step } = outletTax(o, i, rates, topN, outletPrefix);
    steps.push(step);
    return tax;
  });
  const solidWaste: SolidWasteTax[] = input.solidWaste.map((w, i) => {
    const t = requireNonNegative(w.taxable_t, `${wastePrefix}.${i}.taxable_t`);
    const rate = SOLID_WASTE_RATES[w.kind];
    const s: SolidWasteTax = {
      kind: w.kind,
      kindZh: SOLID_WASTE_ZH[w.kind],
      taxable_t: t,
      rate_yuanPerT: rate.value,
      tax_yuan: t * rate.value,
    };
    steps.push({
      label: `固体废物 ${s.kindZh}`,
      formula: `${fmt(t)} t × ${rate.value} 元/t = ${fmt(s.tax_yuan)} 元`,
      clause: SRC_TAX_NATIONAL_RANGES,
      inputs: [{ name: '排放量', value: t, unit: 't' }],
      factors: [rate],
      result: s.tax_yuan,
      unit: '元',
    });
    return s;
  });
  const total_yuan =
    outlets.reduce((s, o) => s + o.tax_yuan, 0) + solidWaste.reduce((s, w) => s + w.tax_yuan, 0);
  const value: TaxResult = {
    rates: {
      air_yuanPerEq: rates.air_yuanPerEq,
      water_yuanPerEq: rates.water_yuanPerEq,
      document: rates.document,
    },
    outlets,
    solidWaste,
    total_yuan,
    total_wanYuan: total_yuan / 10000,
  };
  return traced(value, {
    label: '环境保护税',
    formula: '应纳税额 = 污染当量数 × 具体适用税额；污染当量数 = 排放量 ÷ 污染当量值',
    clause: SRC_TAX_FORMULA,
    inputs: [
      { name: '大气污染物税额', value: rates.air_yuanPerEq, unit: '元/污染当量' },
      { name: '水污染物税额', value: rates.water_yuanPerEq, unit: '元/污染当量' },
    ],
    factors: [],
    result: total_yuan,
    unit: '元',
    steps,
    notes: [`税额依据：${rates.document}`],
  });
}

/** The environmental protection tax of the outlets and solid waste (see the module comment). */
export function computeEnvironmentalTax(json: TaxInputJson): Traced<TaxResult> {
  return taxOf(parseInput(taxInputSchema, json, 'tax input'));
}

/**
 * The tax an option avoids: tax(before) − tax(after), 元 and 万元 per year when the emissions are annual
 * (广东省强制性清洁生产审核绩效表 注15: 经济效益 includes the environmental tax no longer paid).
 */
export function avoidedTax(before: TaxInputJson, after: TaxInputJson): Traced<AvoidedTax> {
  const b = computeEnvironmentalTax(before);
  let a: Traced<TaxResult>;
  try {
    a = computeEnvironmentalTax(after);
  } catch (e) {
    // Name the field under `after` so the caller knows which side is wrong.
    if (e instanceof CpError && e.field) {
      throw new CpError(e.code, `after: ${e.message}`, {
        field: `after.${e.field}`,
        issues: e.issues.map((x) => ({ ...x, field: x.field ? `after.${x.field}` : 'after' })),
      });
    }
    throw e;
  }
  const avoided_yuan = b.value.total_yuan - a.value.total_yuan;
  return traced(
    {
      before_yuan: b.value.total_yuan,
      after_yuan: a.value.total_yuan,
      avoided_yuan,
      avoided_wanYuanPerA: avoided_yuan / 10000,
    },
    {
      label: '方案减少的环境保护税（经济效益）',
      formula: `${fmt(b.value.total_yuan)} − ${fmt(a.value.total_yuan)} = ${fmt(avoided_yuan)} 元/a = ${fmt(avoided_yuan / 10000)} 万元/a`,
      clause: {
        document: '广东省强制性清洁生产审核绩效表',
        clause: '注15',
        status: 'seed',
      },
      inputs: [],
      factors: [],
      result: avoided_yuan / 10000,
      unit: '万元/a',
      steps: [
        { ...b.breakdown, label: `方案实施前：${b.breakdown.label}` },
        { ...a.breakdown, label: `方案实施后：${a.breakdown.label}` },
      ],
    },
  );
}

/** `cpaudit calc tax`: the tax, and with `after` the avoided tax of the option. */
export function taxFromJson(json: unknown): Traced<TaxCalcResult> {
  const input = parseInput(taxCalcInputSchema, json, 'tax input');
  const { after, ...before } = input;
  const b = taxOf(before);
  if (after === undefined) return b;
  const a = taxOf(
    { ...before, outlets: after.outlets, solidWaste: after.solidWaste ?? before.solidWaste },
    'after.outlets',
    'after.solidWaste',
  );
  const avoided_yuan = b.value.total_yuan - a.value.total_yuan;
  const avoided: AvoidedTax = {
    before_yuan: b.value.total_yuan,
    after_yuan: a.value.total_yuan,
    avoided_yuan,
    avoided_wanYuanPerA: avoided_yuan / 10000,
  };
  return traced(
    { ...b.value, avoided },
    {
      ...b.breakdown,
      label: '环境保护税（方案实施前后）',
      steps: [
        ...(b.breakdown.steps ?? []),
        {
          ...a.breakdown,
          label: '方案实施后环境保护税',
        },
        {
          label: '减少的环境保护税（广东绩效表 注15）',
          formula: `${fmt(b.value.total_yuan)} − ${fmt(a.value.total_yuan)} = ${fmt(avoided_yuan)} 元/a`,
          clause: { document: '广东省强制性清洁生产审核绩效表', clause: '注15', status: 'seed' },
          inputs: [],
          factors: [],
          result: avoided.avoided_wanYuanPerA,
          unit: '万元/a',
        },
      ],
    },
  );
}
