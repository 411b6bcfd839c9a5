/**
 * 物料平衡 / 水平衡 / 能量平衡 of a process or unit (guideline 7.2.4.3 诊断方法).
 *
 * A balance is a list of flows between endpoints, all in one unit. Endpoints that are process nodes are either
 * declared (`nodes`) or inferred (targets of inputs, sources of outputs, ends of recycle/internal flows); every other
 * endpoint is outside the boundary. Categories:
 * - `input` enters the boundary (新鲜水/取水, raw materials, purchased energy): outside → node;
 * - outputs leave it: `product`, `byproduct`, `useful` (有效利用能量), `loss` (蒸发、漏失、散热), `discharge`
 *   (排水、排放), `waste` (固废): node → outside;
 * - `recycle` (重复/循环利用) and `internal` (transfer between nodes) stay inside: node → node.
 *
 * Closure (SRC_BALANCE_CLOSURE): Δ = Σ inputs − Σ outputs; error % = Δ / Σ inputs × 100; closed when
 * |error %| ≤ tolerance_pct. Each node is balanced the same way (in = every flow into it, out = every flow out).
 * Ratios: water reuse rate, fresh-water share, discharge and loss rates (see `sources.ts`); energy efficiency;
 * material yield. The Sankey structure is ECharts' `{ nodes: [{ name }], links: [{ source, target, value }] }`;
 * ECharts refuses cycles, so a flow that would close a cycle (typically a recycle loop) is left out of the links and
 * listed in `sankeyExcluded`.
 */
import { z } from 'zod';
import { CpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import type { Breakdown, InputRef, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { type Dimension, requireDimension } from '../units/units.ts';
import {
  SRC_BALANCE_CLOSURE,
  SRC_BALANCE_METHOD,
  SRC_ENERGY_EFFICIENCY,
  SRC_MATERIAL_YIELD,
  SRC_WATER_DISCHARGE_RATE,
  SRC_WATER_FRESH_SHARE,
  SRC_WATER_LOSS_RATE,
  SRC_WATER_REUSE_RATE,
} from './sources.ts';

export const BALANCE_KINDS = ['material', 'water', 'energy'] as const;
export type BalanceKind = (typeof BALANCE_KINDS)[number];

export const BALANCE_FLOW_CATEGORIES = [
  'input',
  'product',
  'byproduct',
  'useful',
  'loss',
  'discharge',
  'waste',
  'recycle',
  'internal',
] as const;
export type BalanceFlowCategory = (typeof BALANCE_FLOW_CATEGORIES)[number];

/** Categories that leave the boundary. */
const OUTPUT_CATEGORIES: ReadonlySet<BalanceFlowCategory> = new Set([
  'product',
  'byproduct',
  'useful',
  'loss',
  'discharge',
  'waste',
]);

const KIND_ZH: Readonly<Record<BalanceKind, string>> = {
  material: '物料平衡',
  water: '水平衡',
  energy: '能量平衡',
};

/** Dimensions a balance unit may have: totals, annual totals (`t/a`) or rates (`t/h`). */
const KIND_DIMENSIONS: Readonly<Record<BalanceKind, readonly Dimension[]>> = {
  material: ['mass', 'mass/year', 'mass/time'],
  water: ['volume', 'mass', 'volume/year', 'mass/year', 'volume/time', 'mass/time'],
  energy: ['energy', 'coal', 'energy/year', 'coal/year', 'energy/time', 'coal/time'],
};

const nodeSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).optional(),
});

const flowSchema = z.object({
  id: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  label: z.string().optional(),
  /** In the balance's unit; must not be negative. */
  quantity: z.number().finite(),
  category: z.enum(BALANCE_FLOW_CATEGORIES),
});

export const balanceInputSchema = z.object({
  kind: z.enum(BALANCE_KINDS),
  name: z.string().optional(),
  /** One unit for every flow: mass for material, volume or mass for water, energy or standard coal for energy. */
  unit: z.string().min(1),
  nodes: z.array(nodeSchema).optional(),
  flows: z.array(flowSchema).min(1),
  /** Accepted closure error, % of Σ inputs (set by the auditor). */
  tolerance_pct: z.number().finite().min(0).max(100),
});

export type BalanceInput = z.output<typeof balanceInputSchema>;
export type BalanceFlow = BalanceInput['flows'][number];

export interface NodeBalance {
  id: string;
  name: string;
  in: number;
  out: number;
  /** in − out. */
  difference: number;
  /** difference / in × 100; null when nothing flows in. */
  errorPct: number | null;
  closes: boolean;
}

export interface SankeyData {
  nodes: { name: string }[];
  links: { source: string; target: string; value: number }[];
}

export interface WaterRatios {
  /** V_f: Σ input flows (取水量 / 新鲜水量). */
  fresh: number;
  /** V_r: Σ recycle flows (重复利用水量). */
  reused: number;
  /** V_f + V_r (总用水量). */
  totalUse: number;
  discharge: number;
  loss: number;
  /** V_r / (V_r + V_f) × 100. */
  reuseRatePct: number | null;
  /** V_f / (V_r + V_f) × 100. */
  freshSharePct: number | null;
  /** Σ discharge / V_f × 100. */
  dischargeRatePct: number | null;
  /** Σ loss / V_f × 100. */
  lossRatePct: number | null;
}

export interface EnergyRatios {
  /** Σ useful + product flows (有效利用能量). */
  useful: number;
  input: number;
  /** useful / input × 100. */
  efficiencyPct: number;
}

export interface MaterialRatios {
  product: number;
  /** Σ product / Σ input × 100. */
  yieldPct: number;
}

export interface BalanceResult {
  kind: BalanceKind;
  unit: string;
  totalInput: number;
  totalOutput: number;
  /** Σ per category. */
  byCategory: Record<BalanceFlowCategory, number>;
  /** Σ inputs − Σ outputs. */
  difference: number;
  /** difference / Σ inputs × 100. */
  closureErrorPct: number;
  tolerancePct: number;
  closes: boolean;
  nodes: NodeBalance[];
  water: WaterRatios | null;
  energy: EnergyRatios | null;
  material: MaterialRatios | null;
  sankey: SankeyData;
  /** Flow ids left out of the Sankey links (self-loops and flows closing a cycle). */
  sankeyExcluded: string[];
}

function pct(num: number, den: number): number | null {
  return den > 0 ? (num / den) * 100 : null;
}

function withinTolerance(errorPct: number, tolerancePct: number): boolean {
  // A 1e-9 slack so that an error exactly at the tolerance is not lost to binary rounding.
  return Math.abs(errorPct) <= tolerancePct + 1e-9;
}

/** Process nodes: declared, or inferred from the categories of the flows (in order of first appearance). */
function processNodes(input: BalanceInput): { ids: string[]; names: Map<string, string> } {
  const names = new Map<string, string>();
  if (input.nodes !== undefined) {
    input.nodes.forEach((n, i) => {
      if (names.has(n.id)) {
        throw new CpError('VALIDATION', `nodes.${i}.id: duplicate node id "${n.id}"`, {
          field: `nodes.${i}.id`,
        });
      }
      names.set(n.id, n.name ?? n.id);
    });
    return { ids: [...names.keys()], names };
  }
  for (const f of input.flows) {
    if (f.category === 'input') names.set(f.to, f.to);
    else if (OUTPUT_CATEGORIES.has(f.category)) names.set(f.from, f.from);
    else {
      names.set(f.from, f.from);
      names.set(f.to, f.to);
    }
  }
  return { ids: [...names.keys()], names };
}

/** The endpoint at fault when a flow's category contradicts its endpoints, or null. */
function topologyProblem(
  f: BalanceFlow,
  isNode: (id: string) => boolean,
): { end: 'from' | 'to'; message: string } | null {
  if (f.category === 'input') {
    if (!isNode(f.to))
      return { end: 'to', message: `"${f.to}" must be a process node (an input enters the boundary)` };
    if (isNode(f.from)) {
      return {
        end: 'from',
        message: `"${f.from}" is a process node: a flow between nodes is "internal" or "recycle", not "input"`,
      };
    }
    return null;
  }
  if (OUTPUT_CATEGORIES.has(f.category)) {
    if (!isNode(f.from)) {
      return {
        end: 'from',
        message: `"${f.from}" must be a process node (a ${f.category} flow leaves the boundary)`,
      };
    }
    if (isNode(f.to)) {
      return {
        end: 'to',
        message: `"${f.to}" is a process node: a flow between nodes is "internal" or "recycle", not "${f.category}"`,
      };
    }
    return null;
  }
  if (!isNode(f.from))
    return { end: 'from', message: `"${f.from}" must be a process node (${f.category} stays inside)` };
  if (!isNode(f.to))
    return { end: 'to', message: `"${f.to}" must be a process node (${f.category} stays inside)` };
  return null;
}

function checkTopology(input: BalanceInput, isNode: (id: string) => boolean): void {
  input.flows.forEach((f, i) => {
    const problem = topologyProblem(f, isNode);
    if (problem !== null) {
      const field = `flows.${i}.${problem.end}`;
      throw new CpError('VALIDATION', `${field}: flow "${f.id}": ${problem.message}`, { field });
    }
  });
}

/** ECharts Sankey data; a link that would close a cycle is excluded (ECharts requires a DAG). */
function sankeyOf(
  flows: readonly BalanceFlow[],
  displayName: (id: string) => string,
): { sankey: SankeyData; excluded: string[] } {
  const adjacency = new Map<string, Set<string>>();
  const reaches = (from: string, to: string): boolean => {
    const stack = [from];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const n = stack.pop();
      if (n === undefined) break;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const m of adjacency.get(n) ?? []) stack.push(m);
    }
    return false;
  };
  const nodeOrder: string[] = [];
  const seenNodes = new Set<string>();
  for (const f of flows) {
    for (const id of [f.from, f.to]) {
      if (!seenNodes.has(id)) {
        seenNodes.add(id);
        nodeOrder.push(id);
      }
    }
  }
  const linkValues = new Map<string, { source: string; target: string; value: number }>();
  const excluded: string[] = [];
  // Forward flows first, recycle flows last: when a loop must be cut, the recycle flow is the one left out.
  const ordered = [
    ...flows.filter((f) => f.category !== 'recycle'),
    ...flows.filter((f) => f.category === 'recycle'),
  ];
  for (const f of ordered) {
    if (f.from === f.to || reaches(f.to, f.from)) {
      excluded.push(f.id);
      continue;
    }
    let out = adjacency.get(f.from);
    if (out === undefined) {
      out = new Set();
      adjacency.set(f.from, out);
    }
    out.add(f.to);
    const key = `${f.from}\u0000${f.to}`;
    const link = linkValues.get(key);
    if (link) link.value += f.quantity;
    else linkValues.set(key, { source: displayName(f.from), target: displayName(f.to), value: f.quantity });
  }
  return {
    sankey: { nodes: nodeOrder.map((id) => ({ name: displayName(id) })), links: [...linkValues.values()] },
    excluded,
  };
}

/**
 * Computes a balance: overall closure, per-node closure, ratios for its kind, Sankey data.
 * @throws CpError UNIT (unit of the wrong dimension for the kind), NEGATIVE_QUANTITY (a flow < 0),
 *   VALIDATION (duplicate ids, a flow whose category contradicts its endpoints), NOT_COMPUTABLE (Σ inputs = 0).
 */
export function computeBalance(input: BalanceInput): Traced<BalanceResult> {
  const unitDef = requireDimension(input.unit, KIND_DIMENSIONS[input.kind], 'unit');
  const flowIds = new Set<string>();
  input.flows.forEach((f, i) => {
    if (flowIds.has(f.id)) {
      throw new CpError('VALIDATION', `flows.${i}.id: duplicate flow id "${f.id}"`, {
        field: `flows.${i}.id`,
      });
    }
    flowIds.add(f.id);
    if (!Number.isFinite(f.quantity)) {
      throw new CpError('VALIDATION', `flows.${i}.quantity must be a finite number`, {
        field: `flows.${i}.quantity`,
      });
    }
    if (f.quantity < 0) {
      throw new CpError(
        'NEGATIVE_QUANTITY',
        `flows.${i}.quantity: flow "${f.id}" must not be negative, got ${f.quantity}`,
        {
          field: `flows.${i}.quantity`,
        },
      );
    }
  });
  const { ids: nodeIds, names } = processNodes(input);
  const isNode = (id: string) => names.has(id);
  checkTopology(input, isNode);

  // Display names must be unique for ECharts: a declared name shared by two endpoints falls back to "name（id）".
  const nameCount = new Map<string, number>();
  const endpointName = (id: string) => names.get(id) ?? id;
  const endpoints = new Set<string>();
  for (const f of input.flows) {
    endpoints.add(f.from);
    endpoints.add(f.to);
  }
  for (const id of endpoints) nameCount.set(endpointName(id), (nameCount.get(endpointName(id)) ?? 0) + 1);
  const displayName = (id: string) => {
    const n = endpointName(id);
    return (nameCount.get(n) ?? 0) > 1 && n !== id ? `${n}（${id}）` : n;
  };

  const byCategory: Record<BalanceFlowCategory, number> = {
    input: 0,
    product: 0,
    byproduct: 0,
    useful: 0,
    loss: 0,
    discharge: 0,
    waste: 0,
    recycle: 0,
    internal: 0,
  };
  const nodeIn = new Map<string, number>();
  const nodeOut = new Map<string, number>();
  for (const f of input.flows) {
    byCategory[f.category] += f.quantity;
    if (isNode(f.to)) nodeIn.set(f.to, (nodeIn.get(f.to) ?? 0) + f.quantity);
    if (isNode(f.from)) nodeOut.set(f.from, (nodeOut.get(f.from) ?? 0) + f.quantity);
  }
  const totalInput = byCategory.input;
  let totalOutput = 0;
  for (const c of OUTPUT_CATEGORIES) totalOutput += byCategory[c];
  if (!(totalInput > 0)) {
    throw new CpError('NOT_COMPUTABLE', 'a balance needs inputs: Σ of the "input" flows is 0', {
      field: 'flows',
    });
  }
  const tol = input.tolerance_pct;
  // SRC_BALANCE_CLOSURE: Δ = Σ inputs − Σ outputs; error % = Δ / Σ inputs × 100.
  const difference = totalInput - totalOutput;
  const closureErrorPct = (difference / totalInput) * 100;
  const closes = withinTolerance(closureErrorPct, tol);

  const nodes: NodeBalance[] = nodeIds.map((id) => {
    const inflow = nodeIn.get(id) ?? 0;
    const outflow = nodeOut.get(id) ?? 0;
    const d = inflow - outflow;
    const e = pct(d, inflow);
    return {
      id,
      name: displayName(id),
      in: inflow,
      out: outflow,
      difference: d,
      errorPct: e,
      closes: e === null ? d === 0 : withinTolerance(e, tol),
    };
  });

  const steps: Breakdown[] = [];
  let water: WaterRatios | null = null;
  let energy: EnergyRatios | null = null;
  let material: MaterialRatios | null = null;
  if (input.kind === 'water') {
    const fresh = totalInput;
    const reused = byCategory.recycle;
    const totalUse = fresh + reused;
    water = {
      fresh,
      reused,
      totalUse,
      discharge: byCategory.discharge,
      loss: byCategory.loss,
      // SRC_WATER_REUSE_RATE: η = V_r / (V_r + V_f) × 100 %.
      reuseRatePct: pct(reused, totalUse),
      // SRC_WATER_FRESH_SHARE: V_f / (V_r + V_f) × 100 %.
      freshSharePct: pct(fresh, totalUse),
      // SRC_WATER_DISCHARGE_RATE: Σ discharge / V_f × 100 %.
      dischargeRatePct: pct(byCategory.discharge, fresh),
      // SRC_WATER_LOSS_RATE: Σ loss / V_f × 100 %.
      lossRatePct: pct(byCategory.loss, fresh),
    };
    steps.push(
      {
        label: '重复利用率',
        formula: 'η = V_r / (V_r + V_f) × 100%',
        clause: SRC_WATER_REUSE_RATE,
        inputs: [
          { name: 'V_r 重复利用水量', value: reused, unit: unitDef.symbol },
          { name: 'V_f 取水量（新鲜水）', value: fresh, unit: unitDef.symbol },
        ],
        factors: [],
        result: water.reuseRatePct,
        unit: '%',
      },
      {
        label: '新鲜水占比',
        formula: 'V_f / (V_r + V_f) × 100%',
        clause: SRC_WATER_FRESH_SHARE,
        inputs: [],
        factors: [],
        result: water.freshSharePct,
        unit: '%',
      },
      {
        label: '排水率',
        formula: 'Σ排水 / V_f × 100%',
        clause: SRC_WATER_DISCHARGE_RATE,
        inputs: [{ name: 'Σ排水', value: byCategory.discharge, unit: unitDef.symbol }],
        factors: [],
        result: water.dischargeRatePct,
        unit: '%',
      },
      {
        label: '损耗率',
        formula: 'Σ损耗 / V_f × 100%',
        clause: SRC_WATER_LOSS_RATE,
        inputs: [{ name: 'Σ损耗', value: byCategory.loss, unit: unitDef.symbol }],
        factors: [],
        result: water.lossRatePct,
        unit: '%',
      },
    );
  } else if (input.kind === 'energy') {
    const useful = byCategory.useful + byCategory.product;
    // SRC_ENERGY_EFFICIENCY: η = useful / input × 100 %.
    energy = { useful, input: totalInput, efficiencyPct: (useful / totalInput) * 100 };
    steps.push({
      label: '能量利用率',
      formula: 'η = Σ有效利用能量 / Σ供给能量 × 100%',
      clause: SRC_ENERGY_EFFICIENCY,
      inputs: [
        { name: 'Σ有效利用能量', value: useful, unit: unitDef.symbol },
        { name: 'Σ供给能量', value: totalInput, unit: unitDef.symbol },
      ],
      factors: [],
      result: energy.efficiencyPct,
      unit: '%',
    });
  } else {
    // SRC_MATERIAL_YIELD: Σ product / Σ input × 100 %.
    material = { product: byCategory.product, yieldPct: (byCategory.product / totalInput) * 100 };
    steps.push({
      label: '产品收率',
      formula: 'Σ产品 / Σ输入 × 100%',
      clause: SRC_MATERIAL_YIELD,
      inputs: [{ name: 'Σ产品', value: byCategory.product, unit: unitDef.symbol }],
      factors: [],
      result: material.yieldPct,
      unit: '%',
    });
  }

  const { sankey, excluded } = sankeyOf(input.flows, displayName);
  const inputs: InputRef[] = input.flows.map((f) => ({
    name: `${f.id}${f.label ? ` ${f.label}` : ''}（${f.category}：${f.from} → ${f.to}）`,
    value: f.quantity,
    unit: unitDef.symbol,
  }));
  const notOk = nodes.filter((n) => !n.closes).map((n) => n.name);
  return traced<BalanceResult>(
    {
      kind: input.kind,
      unit: unitDef.symbol,
      totalInput,
      totalOutput,
      byCategory,
      difference,
      closureErrorPct,
      tolerancePct: tol,
      closes,
      nodes,
      water,
      energy,
      material,
      sankey,
      sankeyExcluded: excluded,
    },
    {
      label: `${KIND_ZH[input.kind]}${input.name ? `：${input.name}` : ''}`,
      formula: '闭合误差 = (Σ输入 − Σ输出) / Σ输入 × 100%',
      clause: SRC_BALANCE_METHOD,
      inputs,
      factors: [],
      result: closes,
      steps: [
        {
          label: '闭合误差',
          formula: '(Σ输入 − Σ输出) / Σ输入 × 100%',
          clause: SRC_BALANCE_CLOSURE,
          inputs: [
            { name: 'Σ输入', value: totalInput, unit: unitDef.symbol },
            { name: 'Σ输出', value: totalOutput, unit: unitDef.symbol },
            { name: '允许误差', value: tol, unit: '%' },
          ],
          factors: [],
          result: closureErrorPct,
          unit: '%',
        },
        ...steps,
      ],
      notes: [
        ...(notOk.length > 0 ? [`未闭合的节点：${notOk.join('、')}`] : []),
        ...(excluded.length > 0
          ? [`桑基图未画出的回路流：${excluded.join('、')}（ECharts 桑基图不支持环）`]
          : []),
      ],
    },
  );
}

/** Parses a balance from JSON (`balanceInputSchema`) and computes it. */
export function balanceFromJson(json: unknown): Traced<BalanceResult> {
  return computeBalance(parseInput(balanceInputSchema, json, 'balance'));
}
