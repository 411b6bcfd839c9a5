/**
 * The balance editor's state, free of React: the core's balance input (`balanceInputSchema`: kind, unit, nodes,
 * flows with categories, tolerance) as edited, a new balance of each kind, and the units offered per kind (the
 * dimensions the core accepts: balances/balance.ts `KIND_DIMENSIONS`). Nothing is computed here: the closure error
 * comes from the core through `POST /api/calc/balance`.
 */
import type { BalanceKindName, CreateBalanceBody } from '@cpaudit/contract';

export type BalanceInput = CreateBalanceBody['input'];
export type BalanceFlow = BalanceInput['flows'][number];
export type FlowCategory = BalanceFlow['category'];

export const FLOW_CATEGORIES: readonly FlowCategory[] = [
  'input',
  'product',
  'byproduct',
  'useful',
  'loss',
  'discharge',
  'waste',
  'recycle',
  'internal',
];

/** Units offered per kind (mass for material; volume or mass for water; energy or standard coal for energy). */
export const UNITS_BY_KIND: Readonly<Record<BalanceKindName, readonly string[]>> = {
  material: ['t/a', 't/d', 't/h', 'kg/d', 't'],
  water: ['m3/d', 'm3/a', 'm3/h', 't/d', 't/a', 'm3'],
  energy: ['GJ/a', 'tce/a', 'kWh/a', 'MJ/h', 'GJ', 'tce'],
};

/** A new balance: one process node fed from outside, with its outputs (a worked starting point to edit). */
export function newBalance(kind: BalanceKindName): BalanceInput {
  if (kind === 'water')
    return {
      kind,
      unit: 'm3/d',
      tolerance_pct: 5,
      nodes: [{ id: 'ws', name: '车间' }],
      flows: [
        { id: 'f1', from: '自来水', to: 'ws', label: '新鲜水', quantity: 100, category: 'input' },
        { id: 'f2', from: 'ws', to: '污水站', label: '排水', quantity: 80, category: 'discharge' },
        { id: 'f3', from: 'ws', to: '蒸发', label: '蒸发损失', quantity: 19, category: 'loss' },
      ],
    };
  if (kind === 'material')
    return {
      kind,
      unit: 't/a',
      tolerance_pct: 5,
      nodes: [{ id: 'p', name: '工序' }],
      flows: [
        { id: 'f1', from: '原料', to: 'p', label: '原料', quantity: 100, category: 'input' },
        { id: 'f2', from: 'p', to: '产品', label: '产品', quantity: 90, category: 'product' },
        { id: 'f3', from: 'p', to: '固废', label: '固废', quantity: 8, category: 'waste' },
      ],
    };
  return {
    kind,
    unit: 'GJ/a',
    tolerance_pct: 5,
    nodes: [{ id: 'b', name: '锅炉' }],
    flows: [
      { id: 'f1', from: '天然气', to: 'b', label: '燃料', quantity: 1000, category: 'input' },
      { id: 'f2', from: 'b', to: '蒸汽用户', label: '有效热', quantity: 880, category: 'useful' },
      { id: 'f3', from: 'b', to: '烟气', label: '排烟损失', quantity: 110, category: 'loss' },
    ],
  };
}

/** A fresh flow id not used by `flows` (`f1`, `f2`, …). */
export function nextFlowId(flows: readonly BalanceFlow[]): string {
  for (let n = flows.length + 1; ; n++) {
    const id = `f${n}`;
    if (!flows.some((f) => f.id === id)) return id;
  }
}

/** A fresh node id not used by `nodes` (`n1`, `n2`, …). */
export function nextNodeId(nodes: readonly { id: string }[]): string {
  for (let n = nodes.length + 1; ; n++) {
    const id = `n${n}`;
    if (!nodes.some((x) => x.id === id)) return id;
  }
}

/** The end points offered for a flow: the nodes, then the outside ends already used by flows. */
export function endPoints(input: BalanceInput): { value: string; label: string }[] {
  const nodes = (input.nodes ?? []).map((n) => ({
    value: n.id,
    label: n.name ? `${n.name}（${n.id}）` : n.id,
  }));
  const outside = new Set<string>();
  for (const f of input.flows) {
    for (const end of [f.from, f.to]) if (!nodes.some((n) => n.value === end)) outside.add(end);
  }
  return [...nodes, ...[...outside].map((e) => ({ value: e, label: e }))];
}

/** The row of a calculation error field such as `flows.2.quantity` (or `input.flows.2.quantity`). */
export function flowIndexOfField(field: string | undefined): { index: number; field: string } | undefined {
  const m = field ? /(?:^|\.)flows\.(\d+)(?:\.(\w+))?/.exec(field) : null;
  return m ? { index: Number(m[1]), field: m[2] ?? '' } : undefined;
}
