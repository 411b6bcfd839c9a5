/**
 * 数据核查: findings on incomplete or logically doubtful enterprise data (guideline 7.2.1.2 "重点针对资料中信息
 * 不完整、逻辑存疑 … 进行现场核查", and the comparisons of 7.2.1.3).
 *
 * Rules (findings, never exceptions, so one run reports every problem):
 * - `unit` (error): unknown unit, or a dimension other than the item's (the catalogue unit, else the item's first
 *   occurrence); an output whose dimension changes between years of one enterprise. `t` and `t/a` are the same
 *   dimension here: the data are annual.
 * - `negative-value` (error): a negative quantity.
 * - `missing-required` (error): a required item, or the main-product output, absent in a year; an enterprise with no
 *   year at all.
 * - `output-nonpositive` (error): output ≤ 0 while some consumption/emission is non-zero.
 * - `emitted-exceeds-generated` (error): for each (generated, emitted) pair, emitted > generated.
 * - `balance-invalid` (error) / `balance-not-closed` (warning): a supplied balance that cannot be computed or does
 *   not close (balances/).
 * - `yoy-jump-quantity`, `yoy-jump-intensity` (warning): value (or value per unit of output) of a year more than
 *   `jumpFactor` times, or less than 1/`jumpFactor` of, the previous available year.
 * - `peer-outlier` (warning): intensity with |modified z| > 3.5 among peers of the same group, year and unit
 *   dimensions (Iglewicz–Hoaglin: M = (x − median) / (1.4826 · MAD)); `peer-outlier-not-assessed` (info) when fewer
 *   than `minPeers` enterprises (including the one assessed) report it, or when MAD = 0.
 * Findings are sorted by enterprise id, year, rule, item, message (code-unit order, independent of locale).
 */
import { z } from 'zod';
import { balanceInputSchema, computeBalance } from '../balances/balance.ts';
import { CpError, isCpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import type { Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { type BaseDimension, type UnitDef, unitOf } from '../units/units.ts';
import { JUMP_FACTOR, MAD_SCALE, MIN_PEERS, MODIFIED_Z_THRESHOLD, SRC_DATA_CHECKS } from './sources.ts';

// ---------------------------------------------------------------------------------------------------------------
// Input

const quantitySchema = z.object({
  quantity: z.number().finite(),
  unit: z.string().min(1),
});

const yearDataSchema = z.object({
  year: z.number().int().min(1900).max(2100),
  /** `{ [itemCode]: { quantity, unit } }`, annual totals. */
  values: z.record(z.string().min(1), quantitySchema),
  /** Output of the main product in the year. */
  output: quantitySchema.optional(),
  /** Balances of the year, checked with balances/. */
  balances: z.array(balanceInputSchema).optional(),
});

const enterpriseDataSchema = z
  .object({
    enterpriseId: z.string().min(1),
    name: z.string().min(1),
    /** Peer group for the outlier check (e.g. a product type); enterprises without one form one group. */
    peerGroup: z.string().min(1).optional(),
    years: z.array(yearDataSchema),
  })
  .superRefine((e, ctx) => {
    const seen = new Set<number>();
    e.years.forEach((y, i) => {
      if (seen.has(y.year)) {
        ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: `duplicate year ${y.year}` });
      }
      seen.add(y.year);
    });
  });

const itemSchema = z.object({
  code: z.string().min(1),
  /** Chinese name used in messages, e.g. `COD产生量`. */
  name: z.string().min(1),
  /** Reference unit: fixes the expected dimension and the unit of intensities in messages. */
  unit: z.string().min(1).optional(),
  /** Check the intensity (value per unit of output) of this item; default true. */
  intensity: z.boolean().optional(),
});

const pairSchema = z.object({
  generated: z.string().min(1),
  emitted: z.string().min(1),
  /** Pollutant name for messages, e.g. `COD`. */
  name: z.string().min(1).optional(),
});

export const dataChecksOptionsSchema = z.object({
  /** Year-on-year factor (> 1); default 2. */
  jumpFactor: z.number().finite().gt(1).optional(),
  /** |modified z| threshold; default 3.5. */
  outlierThreshold: z.number().finite().gt(0).optional(),
  /** Enterprises (including the one assessed) needed for a peer comparison; default 5. */
  minPeers: z.number().int().min(3).optional(),
});

const dataChecksShape = {
  enterprises: z.array(enterpriseDataSchema),
  /** Item codes every year must report. */
  required: z.array(z.string().min(1)).optional(),
  /** Generated ≥ emitted pairs, e.g. `{ generated: 'cod.generated', emitted: 'cod.emitted', name: 'COD' }`. */
  pairs: z.array(pairSchema).optional(),
  /** Item catalogue: names, reference units, intensity switch. */
  items: z.array(itemSchema).optional(),
};

function uniqueEnterprises(input: { enterprises: { enterpriseId: string }[] }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  input.enterprises.forEach((e, i) => {
    if (seen.has(e.enterpriseId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['enterprises', i, 'enterpriseId'],
        message: `duplicate enterpriseId "${e.enterpriseId}"`,
      });
    }
    seen.add(e.enterpriseId);
  });
}

/** The data checked by `runDataChecks`. */
export const dataChecksInputSchema = z.object(dataChecksShape).superRefine(uniqueEnterprises);

/** The JSON accepted by `checksFromJson`: the data plus optional `options`. */
export const checksInputSchema = z
  .object({ ...dataChecksShape, options: dataChecksOptionsSchema.optional() })
  .superRefine(uniqueEnterprises);

export type DataChecksInput = z.output<typeof dataChecksInputSchema>;
export type DataChecksOptions = z.output<typeof dataChecksOptionsSchema>;
export type EnterpriseData = DataChecksInput['enterprises'][number];
export type EnterpriseYearData = EnterpriseData['years'][number];

// ---------------------------------------------------------------------------------------------------------------
// Output

export const DATA_CHECK_RULES = [
  'unit',
  'negative-value',
  'missing-required',
  'output-nonpositive',
  'emitted-exceeds-generated',
  'balance-invalid',
  'balance-not-closed',
  'yoy-jump-quantity',
  'yoy-jump-intensity',
  'peer-outlier',
  'peer-outlier-not-assessed',
] as const;
export type DataCheckRule = (typeof DATA_CHECK_RULES)[number];

export interface DataCheckFinding {
  severity: 'error' | 'warning' | 'info';
  rule: DataCheckRule;
  enterpriseId: string;
  year?: number;
  /** Item code (or `output`, or the balance name). */
  item?: string;
  /** Chinese: what, where, why. */
  message: string;
  evidence: Record<string, number | string | null>;
}

export interface DataChecksResult {
  findings: DataCheckFinding[];
  summary: { enterprises: number; yearRecords: number; errors: number; warnings: number; infos: number };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

export const OUTPUT_ITEM = 'output';

const DIMENSION_ZH: ReadonlyMap<string, string> = new Map<BaseDimension, string>([
  ['mass', '质量'],
  ['volume', '体积'],
  ['energy', '能量'],
  ['power', '功率'],
  ['money', '金额'],
  ['coal', '标准煤'],
  ['co2', '二氧化碳质量'],
  ['area', '面积'],
  ['length', '长度'],
  ['time', '时间'],
  ['year', '年'],
  ['count', '数量'],
  ['ratio', '比率'],
]);

function dimensionZh(dim: string): string {
  return dim
    .split('/')
    .map((d) => DIMENSION_ZH.get(d) ?? d)
    .join('/');
}

/** A quantity reduced to base units of an annual dimension (`t/a` counts as `t`: the data are annual totals). */
interface Normal {
  base: number;
  dim: string;
  /** The unit without `/a`, for display of intensities. */
  displayUnit: string;
}

function normalise(q: { quantity: number; unit: string }): Normal | null {
  let def: UnitDef;
  try {
    def = unitOf(q.unit);
  } catch (e) {
    if (isCpError(e)) return null;
    throw e;
  }
  const annual = def.dimension.endsWith('/year');
  const dim = annual ? def.dimension.slice(0, -'/year'.length) : def.dimension;
  const displayUnit = annual ? def.symbol.slice(0, def.symbol.lastIndexOf('/')) : def.symbol;
  return { base: (q.quantity * def.num) / def.den, dim, displayUnit };
}

/** Base units → `unit` (same dimension by construction). */
function fromBase(base: number, unit: string): number {
  const d = unitOf(unit);
  return (base * d.den) / d.num;
}

/** A computed number for a message. */
function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) >= 1) return String(Math.round(v * 100) / 100);
  return String(Number(v.toPrecision(3)));
}

function q(x: { quantity: number; unit: string }): string {
  return `${x.quantity} ${x.unit}`;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  const a = sorted[mid] ?? Number.NaN;
  if (n % 2 === 1) return a;
  return ((sorted[mid - 1] ?? Number.NaN) + a) / 2;
}

function compareFindings(order: Map<DataCheckRule, number>) {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return (a: DataCheckFinding, b: DataCheckFinding): number =>
    cmp(a.enterpriseId, b.enterpriseId) ||
    (a.year ?? -1) - (b.year ?? -1) ||
    (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0) ||
    cmp(a.item ?? '', b.item ?? '') ||
    cmp(a.message, b.message);
}

interface ResolvedOptions {
  jumpFactor: number;
  outlierThreshold: number;
  minPeers: number;
}

function resolveOptions(options: DataChecksOptions | undefined): ResolvedOptions {
  const o = parseInput(dataChecksOptionsSchema, options ?? {}, 'data-check options');
  return {
    jumpFactor: o.jumpFactor ?? JUMP_FACTOR.value,
    outlierThreshold: o.outlierThreshold ?? MODIFIED_Z_THRESHOLD.value,
    minPeers: o.minPeers ?? MIN_PEERS.value,
  };
}

/** A usable (known unit, right dimension, not negative) item value of one enterprise-year. */
interface Usable {
  raw: { quantity: number; unit: string };
  n: Normal;
}

interface YearState {
  data: EnterpriseYearData;
  values: Map<string, Usable>;
  /** Usable output (> 0, consistent dimension) or null. */
  output: Usable | null;
}

interface PeerEntry {
  enterpriseId: string;
  year: number;
  item: string;
  /** Intensity in display units. */
  value: number;
  unit: string;
}

// ---------------------------------------------------------------------------------------------------------------
// The checks

/**
 * Runs every data check over the enterprises' annual data.
 * @throws CpError VALIDATION for malformed input or options (the data problems themselves are findings).
 */
export function runDataChecks(input: DataChecksInput, options?: DataChecksOptions): Traced<DataChecksResult> {
  const data = parseInput(dataChecksInputSchema, input, 'data-check input');
  const opts = resolveOptions(options);
  const findings: DataCheckFinding[] = [];
  const catalogue = new Map((data.items ?? []).map((i) => [i.code, i]));
  const nameOf = (code: string) =>
    code === OUTPUT_ITEM ? '主要产品产量' : (catalogue.get(code)?.name ?? code);

  // Expected dimension per item: the catalogue unit, else the first occurrence (enterprises by id, years ascending).
  const enterprises = [...data.enterprises].sort((a, b) =>
    a.enterpriseId < b.enterpriseId ? -1 : a.enterpriseId > b.enterpriseId ? 1 : 0,
  );
  const expected = new Map<string, { dim: string; displayUnit: string; from: string }>();
  for (const [i, item] of (data.items ?? []).entries()) {
    if (item.unit === undefined) continue;
    const n = normalise({ quantity: 0, unit: item.unit });
    if (n === null) {
      throw new CpError('UNIT', `items.${i}.unit: unknown reference unit "${item.unit}" for ${item.code}`, {
        field: `items.${i}.unit`,
      });
    }
    expected.set(item.code, { dim: n.dim, displayUnit: n.displayUnit, from: `目录单位 ${item.unit}` });
  }

  const states = new Map<string, YearState[]>();
  let yearRecords = 0;
  for (const e of enterprises) {
    const id = e.enterpriseId;
    const years = [...e.years].sort((a, b) => a.year - b.year);
    yearRecords += years.length;
    if (years.length === 0) {
      findings.push({
        severity: 'error',
        rule: 'missing-required',
        enterpriseId: id,
        message: `${e.name}未提供任何年度数据，无法核查`,
        evidence: {},
      });
    }
    let outputDim: { dim: string; year: number; unit: string } | null = null;
    const list: YearState[] = [];
    for (const y of years) {
      const values = new Map<string, Usable>();
      for (const code of Object.keys(y.values).sort()) {
        const raw = y.values[code];
        if (raw === undefined) continue;
        const u = checkValue(id, y.year, code, raw);
        if (u !== null) values.set(code, u);
      }
      // Output.
      let output: Usable | null = null;
      if (y.output === undefined) {
        findings.push({
          severity: 'error',
          rule: 'missing-required',
          enterpriseId: id,
          year: y.year,
          item: OUTPUT_ITEM,
          message: `${y.year}年缺少主要产品产量，无法计算单位产品指标`,
          evidence: {},
        });
      } else {
        const n = normalise(y.output);
        if (n === null) {
          findings.push(unknownUnit(id, y.year, OUTPUT_ITEM, y.output));
        } else if (outputDim !== null && n.dim !== outputDim.dim) {
          findings.push({
            severity: 'error',
            rule: 'unit',
            enterpriseId: id,
            year: y.year,
            item: OUTPUT_ITEM,
            message: `${y.year}年主要产品产量的单位“${y.output.unit}”为${dimensionZh(n.dim)}量纲，与${outputDim.year}年（${outputDim.unit}，${dimensionZh(outputDim.dim)}）不一致，年度间无法比较`,
            evidence: { unit: y.output.unit, expectedUnit: outputDim.unit },
          });
        } else {
          outputDim ??= { dim: n.dim, year: y.year, unit: y.output.unit };
          if (y.output.quantity <= 0) {
            const nonZero = [...values.entries()].filter(([, v]) => v.raw.quantity !== 0);
            if (nonZero.length > 0) {
              const shown = nonZero
                .slice(0, 3)
                .map(([c, v]) => `${nameOf(c)} ${q(v.raw)}`)
                .join('、');
              findings.push({
                severity: 'error',
                rule: 'output-nonpositive',
                enterpriseId: id,
                year: y.year,
                item: OUTPUT_ITEM,
                message: `${y.year}年主要产品产量为${q(y.output)}，但有${nonZero.length}项消耗或排放数据不为0（${shown}${nonZero.length > 3 ? '等' : ''}），产量与消耗/排放数据矛盾`,
                evidence: {
                  output: y.output.quantity,
                  outputUnit: y.output.unit,
                  nonZeroItems: nonZero.length,
                },
              });
            }
          } else {
            output = { raw: y.output, n };
          }
        }
      }
      // Required items.
      for (const code of data.required ?? []) {
        if (!Object.hasOwn(y.values, code)) {
          findings.push({
            severity: 'error',
            rule: 'missing-required',
            enterpriseId: id,
            year: y.year,
            item: code,
            message: `${y.year}年缺少必填数据“${nameOf(code)}”（${code}）`,
            evidence: {},
          });
        }
      }
      // Generated ≥ emitted.
      for (const p of data.pairs ?? []) checkPair(id, y.year, p, values);
      // Balances.
      (y.balances ?? []).forEach((b, bi) => {
        const label = b.name ?? `balances.${bi}`;
        try {
          const r = computeBalance(b).value;
          if (!r.closes) {
            findings.push({
              severity: 'warning',
              rule: 'balance-not-closed',
              enterpriseId: id,
              year: y.year,
              item: label,
              message: `${y.year}年${kindZh(b.kind)}“${label}”未闭合：输入 ${fmt(r.totalInput)} ${r.unit}，输出 ${fmt(r.totalOutput)} ${r.unit}，闭合误差 ${fmt(r.closureErrorPct)}%，超过允许的 ${fmt(r.tolerancePct)}%`,
              evidence: {
                totalInput: r.totalInput,
                totalOutput: r.totalOutput,
                closureErrorPct: r.closureErrorPct,
                tolerancePct: r.tolerancePct,
                unit: r.unit,
              },
            });
          }
        } catch (err) {
          if (!isCpError(err)) throw err;
          findings.push({
            severity: 'error',
            rule: 'balance-invalid',
            enterpriseId: id,
            year: y.year,
            item: label,
            message: `${y.year}年${kindZh(b.kind)}“${label}”无法计算：${err.message}`,
            evidence: { code: err.code, field: err.field ?? null },
          });
        }
      });
      list.push({ data: y, values, output });
    }
    states.set(id, list);
    checkYearOnYear(id, list);
  }
  checkPeers();

  const order = new Map(DATA_CHECK_RULES.map((r, i) => [r, i]));
  findings.sort(compareFindings(order));
  const summary = {
    enterprises: enterprises.length,
    yearRecords,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
  return traced<DataChecksResult>(
    { findings, summary },
    {
      label: '数据核查（信息不完整、逻辑存疑）',
      formula:
        '年际波动：x_t / x_{t−1} > k 或 < 1/k；同行离群：M = (x − 中位数) / (1.4826 · MAD)，|M| > 3.5；排放量 ≤ 产生量；产量 > 0',
      clause: SRC_DATA_CHECKS,
      inputs: [
        { name: '企业数', value: enterprises.length },
        { name: '企业年度记录数', value: yearRecords },
        { name: '年际波动倍数 k', value: opts.jumpFactor },
        { name: '修正Z分数阈值', value: opts.outlierThreshold },
        { name: '同行比较最少企业数', value: opts.minPeers },
      ],
      factors: [MAD_SCALE, MODIFIED_Z_THRESHOLD, MIN_PEERS, JUMP_FACTOR],
      result: `${summary.errors} 错误 / ${summary.warnings} 警告 / ${summary.infos} 提示`,
    },
  );

  // -- rules (closures over `findings`, `expected`, `nameOf`, `opts`) ----------------------------------------

  function unknownUnit(
    enterpriseId: string,
    year: number,
    item: string,
    raw: { quantity: number; unit: string },
  ): DataCheckFinding {
    return {
      severity: 'error',
      rule: 'unit',
      enterpriseId,
      year,
      item,
      message: `${year}年${nameOf(item)}的单位“${raw.unit}”无法识别`,
      evidence: { quantity: raw.quantity, unit: raw.unit },
    };
  }

  function checkValue(
    enterpriseId: string,
    year: number,
    code: string,
    raw: { quantity: number; unit: string },
  ): Usable | null {
    const n = normalise(raw);
    if (n === null) {
      findings.push(unknownUnit(enterpriseId, year, code, raw));
      return null;
    }
    const exp = expected.get(code);
    if (exp === undefined) {
      expected.set(code, {
        dim: n.dim,
        displayUnit: n.displayUnit,
        from: `${enterpriseId} ${year}年 ${raw.unit}`,
      });
    } else if (exp.dim !== n.dim) {
      findings.push({
        severity: 'error',
        rule: 'unit',
        enterpriseId,
        year,
        item: code,
        message: `${year}年${nameOf(code)}的单位“${raw.unit}”为${dimensionZh(n.dim)}量纲，应为${dimensionZh(exp.dim)}（如 ${exp.displayUnit}；依据：${exp.from}）`,
        evidence: { quantity: raw.quantity, unit: raw.unit, expectedUnit: exp.displayUnit },
      });
      return null;
    }
    if (raw.quantity < 0) {
      findings.push({
        severity: 'error',
        rule: 'negative-value',
        enterpriseId,
        year,
        item: code,
        message: `${year}年${nameOf(code)}为负值（${q(raw)}），数量不应为负`,
        evidence: { quantity: raw.quantity, unit: raw.unit },
      });
      return null;
    }
    return { raw, n };
  }

  function checkPair(
    enterpriseId: string,
    year: number,
    p: { generated: string; emitted: string; name?: string | undefined },
    values: Map<string, Usable>,
  ): void {
    const g = values.get(p.generated);
    const e = values.get(p.emitted);
    if (g === undefined || e === undefined) return;
    const eName = p.name ? `${p.name}排放量` : nameOf(p.emitted);
    const gName = p.name ? '产生量' : nameOf(p.generated);
    if (g.n.dim !== e.n.dim) {
      findings.push({
        severity: 'error',
        rule: 'unit',
        enterpriseId,
        year,
        item: p.emitted,
        message: `${year}年${eName}（${q(e.raw)}）与${gName}（${q(g.raw)}）量纲不一致，无法比较`,
        evidence: { emittedUnit: e.raw.unit, generatedUnit: g.raw.unit },
      });
      return;
    }
    // Emitted must not exceed generated; a relative 1e-9 absorbs unit-conversion rounding.
    if (e.n.base > g.n.base + 1e-9 * Math.max(Math.abs(e.n.base), Math.abs(g.n.base))) {
      findings.push({
        severity: 'error',
        rule: 'emitted-exceeds-generated',
        enterpriseId,
        year,
        item: p.emitted,
        message: `${year}年${eName}(${q(e.raw)})高于${gName}(${q(g.raw)})，排放量不应大于产生量`,
        evidence: {
          emitted: e.raw.quantity,
          emittedUnit: e.raw.unit,
          generated: g.raw.quantity,
          generatedUnit: g.raw.unit,
        },
      });
    }
  }

  /** The unit items of this code are shown in (the catalogue unit, else the first occurrence), without `/a`. */
  function itemUnit(code: string, v: Usable): string {
    return expected.get(code)?.displayUnit ?? v.n.displayUnit;
  }

  /** Value per unit of output, in `itemUnit / outUnit` (both dimensions match by construction). */
  function intensityIn(v: Usable, out: Usable, iu: string, ou: string): number {
    return fromBase(v.n.base, iu) / fromBase(out.n.base, ou);
  }

  function intensityEnabled(code: string): boolean {
    return catalogue.get(code)?.intensity ?? true;
  }

  function jumpFinding(
    enterpriseId: string,
    rule: 'yoy-jump-quantity' | 'yoy-jump-intensity',
    item: string,
    label: string,
    prevYear: number,
    curYear: number,
    prevText: string,
    curText: string,
    a: number,
    b: number,
  ): void {
    if (a === 0 && b === 0) return;
    const k = opts.jumpFactor;
    const ratio = a === 0 ? Number.POSITIVE_INFINITY : b / a;
    if (ratio <= k && ratio >= 1 / k) return;
    const where = `${curYear}年${label}(${curText})`;
    const message =
      a === 0
        ? `${where}，${prevYear}年为0，由0突增，请核实`
        : ratio > k
          ? `${where}为${prevYear}年(${prevText})的${fmt(ratio)}倍，超过${fmt(k)}倍的年际波动阈值，请核实`
          : `${where}仅为${prevYear}年(${prevText})的${fmt(ratio)}倍，降幅超过${fmt(k)}倍的年际波动阈值，请核实`;
    findings.push({
      severity: 'warning',
      rule,
      enterpriseId,
      year: curYear,
      item,
      message,
      evidence: {
        previousYear: prevYear,
        previous: a,
        current: b,
        ratio: Number.isFinite(ratio) ? ratio : null,
        factor: k,
      },
    });
  }

  function checkYearOnYear(enterpriseId: string, list: readonly YearState[]): void {
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1];
      const cur = list[i];
      if (prev === undefined || cur === undefined) continue;
      const py = prev.data.year;
      const cy = cur.data.year;
      // Quantities (compared in base units, shown as reported).
      for (const [code, v] of cur.values) {
        const p = prev.values.get(code);
        if (p === undefined) continue;
        jumpFinding(
          enterpriseId,
          'yoy-jump-quantity',
          code,
          nameOf(code),
          py,
          cy,
          q(p.raw),
          q(v.raw),
          p.n.base,
          v.n.base,
        );
      }
      if (prev.output && cur.output && prev.output.n.dim === cur.output.n.dim) {
        jumpFinding(
          enterpriseId,
          'yoy-jump-quantity',
          OUTPUT_ITEM,
          nameOf(OUTPUT_ITEM),
          py,
          cy,
          q(prev.output.raw),
          q(cur.output.raw),
          prev.output.n.base,
          cur.output.n.base,
        );
      }
      // Intensities (value per unit of output), when both years have a usable output of the same dimension.
      const po = prev.output;
      const co = cur.output;
      if (po === null || co === null || po.n.dim !== co.n.dim) continue;
      for (const [code, v] of cur.values) {
        const p = prev.values.get(code);
        if (p === undefined || !intensityEnabled(code)) continue;
        const iu = itemUnit(code, v);
        const ou = co.n.displayUnit;
        const a = intensityIn(p, po, iu, ou);
        const b = intensityIn(v, co, iu, ou);
        const unit = `${iu}/${ou}`;
        jumpFinding(
          enterpriseId,
          'yoy-jump-intensity',
          code,
          `单位产品${nameOf(code)}`,
          py,
          cy,
          `${fmt(a)} ${unit}`,
          `${fmt(b)} ${unit}`,
          a,
          b,
        );
      }
    }
  }

  function checkPeers(): void {
    // Collect intensities per (peer group, year, item, item dimension, output dimension).
    const sets = new Map<string, PeerEntry[]>();
    /** Display units of each set: the item's unit and the first entry's output unit. */
    const setUnits = new Map<string, { iu: string; ou: string }>();
    for (const e of enterprises) {
      for (const st of states.get(e.enterpriseId) ?? []) {
        const out = st.output;
        if (out === null) continue;
        for (const [code, v] of st.values) {
          if (!intensityEnabled(code)) continue;
          const key = [e.peerGroup ?? '', st.data.year, code, v.n.dim, out.n.dim].join('\u0000');
          let units = setUnits.get(key);
          if (units === undefined) {
            units = { iu: itemUnit(code, v), ou: out.n.displayUnit };
            setUnits.set(key, units);
          }
          const entry: PeerEntry = {
            enterpriseId: e.enterpriseId,
            year: st.data.year,
            item: code,
            value: intensityIn(v, out, units.iu, units.ou),
            unit: `${units.iu}/${units.ou}`,
          };
          const list = sets.get(key);
          if (list) list.push(entry);
          else sets.set(key, [entry]);
        }
      }
    }
    for (const entries of sets.values()) {
      const n = entries.length;
      const first = entries[0];
      if (first === undefined) continue;
      const label = `单位产品${nameOf(first.item)}`;
      if (n < opts.minPeers) {
        for (const en of entries) {
          findings.push({
            severity: 'info',
            rule: 'peer-outlier-not-assessed',
            enterpriseId: en.enterpriseId,
            year: en.year,
            item: en.item,
            message: `${en.year}年${label}：可比同行仅${n}家（含本企业，少于${opts.minPeers}家），未进行同行离群评估`,
            evidence: { peers: n, minPeers: opts.minPeers },
          });
        }
        continue;
      }
      const sorted = entries.map((x) => x.value).sort((a, b) => a - b);
      const med = median(sorted);
      const mad = median(sorted.map((x) => Math.abs(x - med)).sort((a, b) => a - b));
      for (const en of entries) {
        if (mad === 0) {
          if (en.value !== med) {
            findings.push({
              severity: 'info',
              rule: 'peer-outlier-not-assessed',
              enterpriseId: en.enterpriseId,
              year: en.year,
              item: en.item,
              message: `${en.year}年${label}(${fmt(en.value)} ${en.unit})：${n}家同行中过半数值相同（MAD = 0），修正Z分数无法计算，未评估，请人工比对（中位数 ${fmt(med)} ${en.unit}）`,
              evidence: { value: en.value, median: med, mad: 0, peers: n },
            });
          }
          continue;
        }
        // Iglewicz–Hoaglin modified z-score: M = (x − x̃) / (1.4826 · MAD).
        const zScore = (en.value - med) / (MAD_SCALE.value * mad);
        if (Math.abs(zScore) > opts.outlierThreshold) {
          findings.push({
            severity: 'warning',
            rule: 'peer-outlier',
            enterpriseId: en.enterpriseId,
            year: en.year,
            item: en.item,
            message: `${en.year}年${label}(${fmt(en.value)} ${en.unit})明显${zScore > 0 ? '高于' : '低于'}同行（${n}家中位数 ${fmt(med)} ${en.unit}，修正Z分数 ${fmt(zScore)}，|M| > ${fmt(opts.outlierThreshold)}），请核实数据或说明原因`,
            evidence: {
              value: en.value,
              unit: en.unit,
              median: med,
              mad,
              modifiedZ: zScore,
              threshold: opts.outlierThreshold,
              peers: n,
            },
          });
        }
      }
    }
  }
}

function kindZh(kind: 'material' | 'water' | 'energy'): string {
  return kind === 'material' ? '物料平衡' : kind === 'water' ? '水平衡' : '能量平衡';
}

/** Parses `{ enterprises, required?, pairs?, items?, options? }` (`checksInputSchema`) and runs the checks. */
export function checksFromJson(json: unknown): Traced<DataChecksResult> {
  const { options, ...input } = parseInput(checksInputSchema, json, 'data-check input');
  return runDataChecks(input, options);
}
