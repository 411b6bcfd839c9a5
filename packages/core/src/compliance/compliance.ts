/**
 * 达标情况分析 (指南 7.2.1.3 现状分析): one enterprise and year against the emission standards and energy limits that
 * apply to it, its total-load quotas and toxic substances, and the mandatory-audit conditions of
 * 《清洁生产审核办法》(2016) 第八条 (双超 / 高耗能 / 双有, shared facts §6.1).
 *
 * Benchmark drainage (shared facts §10, GB 21900-2008 单位产品基准排水量): when the actual drainage exceeds the
 * benchmark volume (产品产量 × 基准排水量), the measured concentration is converted before comparison:
 *   基准水量排放浓度 = 实测浓度 × 实际排水总量 ÷ (产品产量 × 基准排水量)
 * With the drainage at or below the benchmark, the measured concentration is compared as it is.
 */
import { CpError, requireNonNegative } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import { applicableStandards } from '../standards/applicable.ts';
import { BUILTIN_STANDARDS } from '../standards/builtin.ts';
import { type Pollutant, requirePollutant } from '../standards/pollutants.ts';
import type {
  ApplicableStandards,
  BenchmarkDrainage,
  LimitTable,
  MonitoringPoint,
  PollutantLimit,
  Standard,
} from '../standards/schema.ts';
import { MONITORING_POINT_ZH } from '../standards/schema.ts';
import type { Breakdown, FactorRef, Source, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { canonicalUnit, convertValue, dimensionOf } from '../units/units.ts';
import {
  type ComplianceInput,
  type ComplianceInputJson,
  type ComplianceResult,
  type ConcentrationCheck,
  complianceInputSchema,
  type EnergyCheck,
  type MandatoryAuditCondition,
  type QuotaCheck,
} from './schema.ts';

/** 《清洁生产审核办法》(2016) 第八条, shared facts §6.1 (VERIFIED, pages). */
export const SRC_CP_AUDIT_ARTICLE_8 = (item: string): Source => ({
  document: '《清洁生产审核办法》（国家发展改革委、环境保护部令第38号，2016）',
  clause: `第八条（${item}）`,
  url: 'http://www.yskj.cn/pub/grzxsy/tzgg/201811/20181127/j_2018112718560000015432874032248462.html',
  status: 'verified-page',
});

/** The benchmark-drainage conversion as shared facts §10 states it. */
export const SRC_BENCHMARK_CONVERSION: Source = {
  document: 'GB 21900-2008 《电镀污染物排放标准》',
  clause: '单位产品基准排水量：水污染物基准水量排放浓度换算',
  status: 'unverified',
  note: 'formula as shared facts §10 states it; the clause number is not verified',
};

/** Relative tolerance of "≤ limit" so that a value equal to the limit up to binary noise passes. */
const LIMIT_TOLERANCE = 1e-12;

const MEDIUM_UNIT = { water: 'mg/L', air: 'mg/m3' } as const;
const UNIT_ALIASES: Readonly<Record<string, string>> = {
  'mg/L': 'mg/L',
  'mg/l': 'mg/L',
  'mg/m3': 'mg/m3',
  'mg/m³': 'mg/m3',
  pH: 'pH',
  无量纲: 'pH',
};

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

interface LimitChoice {
  limit: PollutantLimit;
  table: LimitTable;
  standard: string;
  pointMatches: boolean;
}

/** The limits of the applicable standards for a pollutant in a medium, the point's own first, strictest first. */
function limitsFor(app: ApplicableStandards, medium: 'water' | 'air', pollutant: string, point: string) {
  const out: LimitChoice[] = [];
  for (const e of app.emission) {
    if (e.standard.medium !== medium) continue;
    for (const t of e.tables) {
      for (const l of t.limits) {
        if (l.pollutant === pollutant) {
          out.push({ limit: l, table: t, standard: e.standard.code, pointMatches: l.point === point });
        }
      }
    }
  }
  out.sort((a, b) => Number(b.pointMatches) - Number(a.pointMatches) || a.limit.max - b.limit.max);
  return out;
}

function checkMeasurement(
  input: ComplianceInput,
  app: ApplicableStandards,
  i: number,
): { check: ConcentrationCheck; step: Breakdown } {
  const m = input.measurements[i];
  if (m === undefined) throw new CpError('VALIDATION', `measurements.${i} missing`);
  const field = `measurements.${i}`;
  const p = requirePollutant(m.pollutant, `${field}.pollutant`, m.medium);
  const unit = UNIT_ALIASES[m.unit];
  const expected = p.key === 'ph' ? 'pH' : MEDIUM_UNIT[m.medium];
  if (unit !== expected) {
    throw new CpError(
      'UNIT',
      `${field}.unit: ${p.zh} in ${m.medium === 'water' ? '废水' : '废气'} is measured in ${expected}, got "${m.unit}"`,
      { field: `${field}.unit` },
    );
  }
  const measured = requireNonNegative(m.concentration, `${field}.concentration`);
  if (p.key === 'ph' && measured > 14) {
    throw new CpError('VALIDATION', `${field}.concentration: pH must be within 0–14, got ${measured}`, {
      field: `${field}.concentration`,
    });
  }
  const choices = limitsFor(app, m.medium, p.key, m.point);
  if (choices.length === 0) {
    const check: ConcentrationCheck = {
      pointName: m.pointName,
      point: m.point,
      pollutant: p.key,
      pollutantZh: p.zh,
      measured,
      unit: expected,
      converted: measured,
      conversion: null,
      limit: null,
      standard: null,
      table: null,
      clause: null,
      limitSource: null,
      verdict: 'no-limit',
      ratio: null,
      notes: ['适用标准中没有该污染物的限值'],
    };
    return {
      check,
      step: {
        label: `${m.pointName} ${p.zh}：无适用限值`,
        inputs: [{ name: '实测浓度', value: measured, unit: expected }],
        factors: [],
        result: 'no-limit',
      },
    };
  }
  // Every applicable limit (those at the measurement's own point, if any) is judged with its own table's rules
  // (benchmark drainage); the binding one is reported: an exceedance first, then the highest ratio.
  const pool = choices.some((c) => c.pointMatches) ? choices.filter((c) => c.pointMatches) : choices;
  const judged = pool.map((c) => judge(input, m.pointName, m.point, p, measured, expected, c));
  const exceeds = (j: (typeof judged)[number]) => (j.check.verdict === 'exceed' ? 1 : 0);
  const ratio = (j: (typeof judged)[number]) => j.check.ratio ?? exceeds(j);
  const ranked = [...judged].sort((a, b) => exceeds(b) - exceeds(a) || ratio(b) - ratio(a));
  const chosen = ranked[0] as (typeof judged)[number];
  for (const other of ranked.slice(1)) {
    const note = `另按 ${other.check.standard} ${other.check.table} 判定：${fmt(other.check.converted)} ${expected}，${other.check.verdict === 'pass' ? '达标' : '超标'}`;
    chosen.check.notes.push(note);
  }
  if (chosen.check.notes.length > 0) chosen.step.notes = [...chosen.check.notes];
  return chosen;
}

/** One measurement against one limit (with its table's benchmark-drainage conversion). */
function judge(
  input: ComplianceInput,
  pointName: string,
  point: MonitoringPoint,
  p: Pollutant,
  measured: number,
  expected: string,
  choice: LimitChoice,
): { check: ConcentrationCheck; step: Breakdown } {
  const m = { pointName, point };
  const notes: string[] = [];
  const { limit, table, standard } = choice;
  if (!choice.pointMatches) {
    notes.push(
      `${standard} ${table.id} 规定 ${p.zh} 的监控位置为${MONITORING_POINT_ZH[limit.point]}，本监测点为${MONITORING_POINT_ZH[m.point]}`,
    );
  }
  const inputs: Breakdown['inputs'] = [{ name: '实测浓度', value: measured, unit: expected }];
  const factors: FactorRef[] = [
    {
      id: `${standard}.${table.id}.${p.key}`,
      name: `${p.zh}排放限值`,
      value: limit.max,
      unit: limit.unit,
      source: limit.source,
    },
  ];
  // Benchmark-drainage conversion (shared facts §10): only for concentrations, where the table gives a benchmark.
  let converted = measured;
  let conversion: ConcentrationCheck['conversion'] = null;
  let formula: string | undefined;
  if (table.benchmarkDrainage.length > 0 && limit.unit === 'mg/L') {
    const d = input.drainage;
    if (d === undefined) {
      conversion = { applied: false, reason: '未提供排水量和产品产量，未按基准排水量折算' };
      notes.push(conversion.reason);
    } else {
      const b: BenchmarkDrainage | undefined = table.benchmarkDrainage.find((x) => x.layers === d.layers);
      if (b === undefined) {
        conversion = {
          applied: false,
          reason: `${table.id} 没有${d.layers === 'multi' ? '多层镀' : '单层镀'}基准排水量`,
        };
        notes.push(conversion.reason);
      } else {
        // Benchmark volume, m³ = 产品产量 (m²) × 基准排水量 (L/m²) ÷ 1000 L/m³.
        const benchmark_m3 = (d.platedArea_m2 * b.volume_LPerM2) / 1000;
        factors.push({
          id: `${standard}.${table.id}.drainage.${d.layers}`,
          name: `单位产品基准排水量（${d.layers === 'multi' ? '多层镀' : '单层镀'}）`,
          value: b.volume_LPerM2,
          unit: 'L/m2',
          source: b.source,
        });
        inputs.push(
          { name: '实际排水总量', value: d.actualDrainage_m3, unit: 'm3' },
          { name: '产品产量（镀件面积）', value: d.platedArea_m2, unit: 'm2' },
          { name: '基准排水量', value: benchmark_m3, unit: 'm3' },
        );
        if (d.actualDrainage_m3 > benchmark_m3) {
          converted = (measured * d.actualDrainage_m3) / benchmark_m3;
          formula = `ρ基 = ρ实 × Q总 ÷ (Y × Q基) = ${fmt(measured)} × ${fmt(d.actualDrainage_m3)} ÷ ${fmt(benchmark_m3)} = ${fmt(converted)} mg/L`;
          conversion = {
            applied: true,
            actualDrainage_m3: d.actualDrainage_m3,
            benchmarkDrainage_m3: benchmark_m3,
            benchmark_LPerM2: b.volume_LPerM2,
            reason: `实际排水量 ${fmt(d.actualDrainage_m3)} m³ 超过基准排水量 ${fmt(benchmark_m3)} m³，按基准水量排放浓度判定`,
          };
        } else {
          conversion = {
            applied: false,
            actualDrainage_m3: d.actualDrainage_m3,
            benchmarkDrainage_m3: benchmark_m3,
            benchmark_LPerM2: b.volume_LPerM2,
            reason: `实际排水量 ${fmt(d.actualDrainage_m3)} m³ 未超过基准排水量 ${fmt(benchmark_m3)} m³，以实测浓度判定`,
          };
        }
      }
    }
  }
  let pass: boolean;
  let ratio: number | null;
  if (limit.min !== undefined) {
    pass = converted >= limit.min && converted <= limit.max;
    ratio = null;
  } else if (limit.max === 0) {
    // 不得检出: any detected concentration exceeds.
    pass = converted === 0;
    ratio = null;
  } else {
    pass = converted <= limit.max * (1 + LIMIT_TOLERANCE);
    ratio = converted / limit.max;
  }
  const limitText = limit.min !== undefined ? `${limit.min}–${limit.max}` : `${limit.max}`;
  const check: ConcentrationCheck = {
    pointName: m.pointName,
    point: m.point,
    pollutant: p.key,
    pollutantZh: p.zh,
    measured,
    unit: expected,
    converted,
    conversion,
    limit: { max: limit.max, ...(limit.min !== undefined ? { min: limit.min } : {}), unit: limit.unit },
    standard,
    table: table.id,
    clause: `${standard} ${table.clause} ${table.id}`,
    limitSource: limit.source,
    verdict: pass ? 'pass' : 'exceed',
    ratio,
    notes,
  };
  const step: Breakdown = {
    label: `${m.pointName} ${p.zh}：${fmt(converted)} ${expected}，限值 ${limitText}（${standard} ${table.id}）${pass ? '达标' : '超标'}`,
    ...(formula ? { formula } : {}),
    clause: conversion?.applied ? SRC_BENCHMARK_CONVERSION : limit.source,
    inputs,
    factors,
    result: pass ? 'pass' : 'exceed',
    ...(notes.length > 0 ? { notes } : {}),
  };
  return { check, step };
}

function checkEnergy(input: ComplianceInput, app: ApplicableStandards, i: number): EnergyCheck {
  const e = input.energy[i];
  if (e === undefined) throw new CpError('VALIDATION', `energy.${i} missing`);
  const field = `energy.${i}`;
  let intensity: number;
  if ('intensity_kgcePerUnit' in e) {
    intensity = requireNonNegative(e.intensity_kgcePerUnit, `${field}.intensity_kgcePerUnit`);
  } else {
    const tce = requireNonNegative(e.energy_tce, `${field}.energy_tce`);
    const output = requireNonNegative(e.output, `${field}.output`);
    if (output === 0) {
      throw new CpError('NOT_COMPUTABLE', `${field}.output: no output, no unit-product energy`, {
        field: `${field}.output`,
      });
    }
    // Unit-product energy, kgce per unit = tce × 1000 kgce/tce ÷ output.
    intensity = (tce * 1000) / output;
  }
  const outputUnit = canonicalUnit(e.outputUnit, `${field}.outputUnit`);
  const match = app.energy.find((s) => s.standard.product.trim() === e.product.trim());
  if (match === undefined) {
    return {
      product: e.product,
      intensity_kgcePerUnit: intensity,
      unit: `kgce/${outputUnit}`,
      standard: null,
      limit_kgcePerUnit: null,
      entry_kgcePerUnit: null,
      advanced_kgcePerUnit: null,
      applicable: null,
      verdict: 'no-limit',
      meetsAdvanced: null,
      source: null,
    };
  }
  const s = match.standard;
  const stdUnit = canonicalUnit(s.productUnit, `standards.${s.code}.productUnit`);
  if (dimensionOf(stdUnit) !== dimensionOf(outputUnit)) {
    throw new CpError(
      'UNIT',
      `${field}.outputUnit: ${s.code} counts ${s.product} in ${stdUnit}, got ${e.outputUnit}`,
      { field: `${field}.outputUnit` },
    );
  }
  // kgce per output unit → kgce per standard unit: × (output units in one standard unit).
  const perStd = intensity * convertValue(1, stdUnit, outputUnit);
  const applicableValue =
    match.applicable === 'entry' ? (s.entry_kgcePerUnit ?? s.limit_kgcePerUnit) : s.limit_kgcePerUnit;
  return {
    product: e.product,
    intensity_kgcePerUnit: perStd,
    unit: `kgce/${stdUnit}`,
    standard: s.code,
    limit_kgcePerUnit: s.limit_kgcePerUnit,
    entry_kgcePerUnit: s.entry_kgcePerUnit,
    advanced_kgcePerUnit: s.advanced_kgcePerUnit,
    applicable: match.applicable,
    verdict: perStd <= applicableValue * (1 + LIMIT_TOLERANCE) ? 'pass' : 'exceed',
    meetsAdvanced:
      s.advanced_kgcePerUnit === null ? null : perStd <= s.advanced_kgcePerUnit * (1 + LIMIT_TOLERANCE),
    source: s.source,
  };
}

function checkQuota(input: ComplianceInput, i: number): QuotaCheck {
  const q = input.quotas[i];
  if (q === undefined) throw new CpError('VALIDATION', `quotas.${i} missing`);
  const p = requirePollutant(q.pollutant, `quotas.${i}.pollutant`);
  const quota = requireNonNegative(q.quota_tPerA, `quotas.${i}.quota_tPerA`);
  const emitted = requireNonNegative(q.emitted_tPerA, `quotas.${i}.emitted_tPerA`);
  return {
    pollutant: p.key,
    pollutantZh: p.zh,
    quota_tPerA: quota,
    emitted_tPerA: emitted,
    verdict: emitted > quota * (1 + LIMIT_TOLERANCE) ? 'exceed' : 'pass',
    ratio: quota === 0 ? (emitted === 0 ? 0 : Number.POSITIVE_INFINITY) : emitted / quota,
  };
}

/**
 * The compliance of one enterprise and year (see the module comment). Bad input throws CpError naming the field.
 * `standards`, when given, are used instead of `json.standards` without being validated again: standards already
 * parsed with `standardSchema` (the server's stored standards), shared by every enterprise of an audit, where
 * re-validating the whole catalogue per enterprise cost more than the check itself.
 */
export function checkCompliance(
  json: ComplianceInputJson,
  standards?: readonly Standard[],
): Traced<ComplianceResult> {
  const input = parseInput(complianceInputSchema, json, 'compliance input');
  if (input.drainage) {
    requireNonNegative(input.drainage.actualDrainage_m3, 'drainage.actualDrainage_m3');
    const area = requireNonNegative(input.drainage.platedArea_m2, 'drainage.platedArea_m2');
    if (area === 0) {
      throw new CpError('VALIDATION', 'drainage.platedArea_m2 must be greater than 0', {
        field: 'drainage.platedArea_m2',
      });
    }
  }
  const date = input.date ?? `${input.year}-12-31`;
  const ent = input.enterprise;
  const app = applicableStandards(standards ?? input.standards ?? BUILTIN_STANDARDS, {
    industryCode: ent.industryCode,
    region: ent.region,
    date,
    keyRegion: ent.keyRegion,
    installation: ent.installation,
    ...(ent.dischargeGrade ? { dischargeGrade: ent.dischargeGrade } : {}),
  });

  const concentrationSteps: Breakdown[] = [];
  const checks: ConcentrationCheck[] = input.measurements.map((_, i) => {
    const { check, step } = checkMeasurement(input, app, i);
    concentrationSteps.push(step);
    return check;
  });
  const exceedances = checks.filter((c) => c.verdict === 'exceed');
  const energy = input.energy.map((_, i) => checkEnergy(input, app, i));
  const quotas = input.quotas.map((_, i) => checkQuota(input, i));

  // 第八条 (一) 双超: over a discharge standard, or within it but over the total-load quota.
  const overQuota = quotas.filter((q) => q.verdict === 'exceed');
  const doubleExceed: MandatoryAuditCondition = {
    id: 'double-exceed',
    zh: '双超',
    met: exceedances.length > 0 || overQuota.length > 0,
    reasons: [
      ...exceedances.map(
        (c) =>
          `超标：${c.pointName} ${c.pollutantZh} ${fmt(c.converted)} ${c.unit} 超过 ${c.standard} ${c.table} 限值 ${c.limit?.min !== undefined ? `${c.limit.min}–` : ''}${c.limit?.max}`,
      ),
      ...overQuota.map(
        (q) =>
          `超总量：${q.pollutantZh} 排放 ${fmt(q.emitted_tPerA)} t/a 超过总量控制指标 ${fmt(q.quota_tPerA)} t/a`,
      ),
    ],
    clause: SRC_CP_AUDIT_ARTICLE_8('一'),
  };
  // 第八条 (二) 高耗能: over the unit-product energy consumption limit.
  const overEnergy = energy.filter((e) => e.verdict === 'exceed');
  const highEnergy: MandatoryAuditCondition = {
    id: 'high-energy',
    zh: '高耗能',
    met: overEnergy.length > 0,
    reasons: overEnergy.map(
      (e) =>
        `${e.product} 单位产品能耗 ${fmt(e.intensity_kgcePerUnit)} ${e.unit} 超过 ${e.standard} ${e.applicable === 'entry' ? '准入值' : '限定值'} ${e.applicable === 'entry' ? e.entry_kgcePerUnit : e.limit_kgcePerUnit}`,
    ),
    clause: SRC_CP_AUDIT_ARTICLE_8('二'),
  };
  // 第八条 (三) 双有: uses toxic raw materials or discharges toxic substances (class I heavy metals count:
  // shared facts §6.1 "含有铅、汞、镉、铬等重金属和类金属砷的物质").
  const toxic = input.toxic;
  const classIDetected = [
    ...new Set(
      checks.filter((c) => c.pollutant.startsWith('class_i.') && c.measured > 0).map((c) => c.pollutantZh),
    ),
  ];
  const toxicReasons: string[] = [];
  if (toxic?.usesToxicMaterials) {
    toxicReasons.push(
      `使用有毒有害原料${toxic.materials.length > 0 ? `：${toxic.materials.join('、')}` : ''}`,
    );
  }
  if (toxic?.dischargesToxicSubstances) {
    toxicReasons.push(
      `排放有毒有害物质${toxic.substances.length > 0 ? `：${toxic.substances.join('、')}` : ''}`,
    );
  }
  if (classIDetected.length > 0) toxicReasons.push(`废水中检出第一类污染物：${classIDetected.join('、')}`);
  const doubleToxic: MandatoryAuditCondition = {
    id: 'double-toxic',
    zh: '双有',
    met: toxicReasons.length > 0,
    reasons: toxicReasons,
    clause: SRC_CP_AUDIT_ARTICLE_8('三'),
  };
  const mandatory = [doubleExceed, highEnergy, doubleToxic];
  const mandatoryAudit = mandatory.some((c) => c.met);
  const met = mandatory.filter((c) => c.met).map((c) => c.zh);
  const summary =
    `${input.year}年：监测 ${checks.length} 项，超标 ${exceedances.length} 项` +
    (energy.length > 0 ? `，能耗超限 ${overEnergy.length} 项` : '') +
    (quotas.length > 0 ? `，超总量 ${overQuota.length} 项` : '') +
    `；${mandatoryAudit ? `属于应实施强制性清洁生产审核的情形（${met.join('、')}）` : '未发现应实施强制性清洁生产审核的情形'}`;

  const value: ComplianceResult = {
    year: input.year,
    date,
    standards: app.emission
      .map((e) => ({ code: e.standard.code, tables: e.tables.map((t) => t.id), reasons: e.reasons }))
      .concat(app.energy.map((e) => ({ code: e.standard.code, tables: [], reasons: e.reasons }))),
    checks,
    exceedances,
    energy,
    quotas,
    mandatory,
    mandatoryAudit,
    summary,
  };
  return traced(value, {
    label: `达标情况分析（${ent.name ?? ent.industryCode}，${input.year}年）`,
    clause: SRC_CP_AUDIT_ARTICLE_8('一、二、三'),
    inputs: [
      { name: '行业代码', value: ent.industryCode },
      { name: '地区', value: ent.region.join(' ') || null },
      { name: '特别排放限值地区', value: ent.keyRegion },
      { name: '现有/新建', value: ent.installation },
      { name: '判定日期', value: date },
    ],
    factors: [],
    result: mandatoryAudit,
    steps: [
      {
        label: '适用标准',
        inputs: [],
        factors: [],
        result: value.standards.map((s) => `${s.code} ${s.tables.join('+')}`).join('；') || null,
        notes: [
          ...value.standards.map((s) => `${s.code}：${s.reasons.join('；')}`),
          ...app.skipped.map((s) => `${s.code} 不适用：${s.reason}`),
        ],
      },
      ...concentrationSteps,
      ...energy.map((e) => ({
        label: `${e.product} 单位产品能耗 ${fmt(e.intensity_kgcePerUnit)} ${e.unit}`,
        ...(e.source ? { clause: e.source } : {}),
        inputs: [{ name: '单位产品能耗', value: e.intensity_kgcePerUnit, unit: e.unit }],
        factors: [],
        result: e.verdict,
      })),
      ...mandatory.map((c) => ({
        label: `${c.zh}：${c.met ? '是' : '否'}`,
        clause: c.clause,
        inputs: [],
        factors: [],
        result: c.met,
        ...(c.reasons.length > 0 ? { notes: c.reasons } : {}),
      })),
    ],
    notes: [summary],
  });
}

export function complianceFromJson(json: unknown): Traced<ComplianceResult> {
  return checkCompliance(json as ComplianceInputJson);
}
