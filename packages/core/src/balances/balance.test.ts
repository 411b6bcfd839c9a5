import { describe, expect, it } from 'vitest';
import { CpError } from '../errors.ts';
import { type BalanceFlowCategory, type BalanceInput, balanceFromJson, computeBalance } from './balance.ts';

function cpError(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

/**
 * Water balance of a plating workshop with a cooling tower (m3/d):
 * 车间: in = 100 fresh + 300 recycled = 400; out = 300 to the tower + 80 discharge + 5 in product + 15 evaporation = 400.
 * 冷却塔: in = 20 fresh + 300 = 320; out = 300 recycled + 18 evaporation = 318 (Δ 2).
 */
const WATER: BalanceInput = {
  kind: 'water',
  name: '电镀车间水平衡',
  unit: 'm3/d',
  nodes: [
    { id: 'ws', name: '车间' },
    { id: 'ct', name: '冷却塔' },
  ],
  tolerance_pct: 2,
  flows: [
    { id: 'f1', from: '自来水', to: 'ws', label: '新鲜水', quantity: 100, category: 'input' },
    { id: 'f2', from: '自来水', to: 'ct', label: '补充水', quantity: 20, category: 'input' },
    { id: 'f3', from: 'ct', to: 'ws', label: '循环冷却水', quantity: 300, category: 'recycle' },
    { id: 'f4', from: 'ws', to: 'ct', label: '冷却回水', quantity: 300, category: 'internal' },
    { id: 'f5', from: 'ws', to: '污水站', label: '排水', quantity: 80, category: 'discharge' },
    { id: 'f6', from: 'ws', to: '产品', label: '产品带走', quantity: 5, category: 'product' },
    { id: 'f7', from: 'ws', to: '蒸发', label: '蒸发', quantity: 15, category: 'loss' },
    { id: 'f8', from: 'ct', to: '蒸发', label: '冷却塔蒸发', quantity: 18, category: 'loss' },
  ],
};

describe('water balance (hand calculation)', () => {
  const r = computeBalance(WATER).value;

  it('overall closure: Σin 120, Σout 80 + 5 + 15 + 18 = 118, Δ 2 = 1.667 % ≤ 2 %', () => {
    expect(r.totalInput).toBe(120);
    expect(r.totalOutput).toBe(118);
    expect(r.difference).toBe(2);
    expect(r.closureErrorPct).toBeCloseTo((2 / 120) * 100, 12);
    expect(r.closes).toBe(true);
    expect(r.unit).toBe('m3/d');
  });

  it('the same data with a 1 % tolerance does not close', () => {
    expect(computeBalance({ ...WATER, tolerance_pct: 1 }).value.closes).toBe(false);
  });

  it('per node: 车间 400/400 closes, 冷却塔 320/318 = 0.625 %', () => {
    expect(r.nodes).toEqual([
      { id: 'ws', name: '车间', in: 400, out: 400, difference: 0, errorPct: 0, closes: true },
      { id: 'ct', name: '冷却塔', in: 320, out: 318, difference: 2, errorPct: (2 / 320) * 100, closes: true },
    ]);
  });

  it('water ratios', () => {
    const w = r.water;
    // 重复利用率 = 300 / (300 + 120) = 71.4286 %; 新鲜水占比 = 120 / 420 = 28.5714 %.
    expect(w?.reuseRatePct).toBeCloseTo((300 / 420) * 100, 12);
    expect(w?.freshSharePct).toBeCloseTo((120 / 420) * 100, 12);
    // 排水率 = 80 / 120 = 66.667 %; 损耗率 = (15 + 18) / 120 = 27.5 %.
    expect(w?.dischargeRatePct).toBeCloseTo((80 / 120) * 100, 12);
    expect(w?.lossRatePct).toBeCloseTo(27.5, 12);
    expect(w?.totalUse).toBe(420);
    expect(r.energy).toBeNull();
  });

  it('Sankey data: names, summed parallel links, the recycle loop cut', () => {
    expect(r.sankey.nodes).toEqual([
      { name: '自来水' },
      { name: '车间' },
      { name: '冷却塔' },
      { name: '污水站' },
      { name: '产品' },
      { name: '蒸发' },
    ]);
    expect(r.sankey.links).toEqual([
      { source: '自来水', target: '车间', value: 100 },
      { source: '自来水', target: '冷却塔', value: 20 },
      { source: '车间', target: '冷却塔', value: 300 },
      { source: '车间', target: '污水站', value: 80 },
      { source: '车间', target: '产品', value: 5 },
      { source: '车间', target: '蒸发', value: 15 },
      { source: '冷却塔', target: '蒸发', value: 18 },
    ]);
    // f3 (冷却塔 → 车间) would close the loop 车间 → 冷却塔 → 车间.
    expect(r.sankeyExcluded).toEqual(['f3']);
  });

  it('the breakdown cites the guideline and the reuse-rate definition', () => {
    const b = computeBalance(WATER).breakdown;
    expect(b.clause?.clause).toMatch(/^7\.2\.4\.3/);
    expect(b.clause?.status).toBe('seed');
    expect(b.result).toBe(true);
    expect(b.steps?.find((s) => s.label === '重复利用率')?.clause?.status).toBe('verified-page');
    expect(b.inputs[0]).toEqual({ name: 'f1 新鲜水（input：自来水 → ws）', value: 100, unit: 'm3/d' });
  });

  it('water may be measured in tonnes', () => {
    expect(computeBalance({ ...WATER, unit: 't' }).value.unit).toBe('t');
  });
});

describe('nodes inferred when not declared', () => {
  it('a single-node process: targets of inputs and sources of outputs are the nodes', () => {
    const r = computeBalance({
      kind: 'material',
      unit: 't/a',
      tolerance_pct: 1,
      flows: [
        { id: 'a', from: '锌锭', to: '镀锌线', quantity: 100, category: 'input' },
        { id: 'b', from: '镀锌线', to: '镀层', quantity: 82, category: 'product' },
        { id: 'c', from: '镀锌线', to: '污泥', quantity: 17.5, category: 'waste' },
      ],
    }).value;
    // Σout = 99.5, Δ 0.5 = 0.5 % ≤ 1 %; yield 82 / 100 = 82 %.
    expect(r.nodes.map((n) => n.id)).toEqual(['镀锌线']);
    expect(r.difference).toBeCloseTo(0.5, 12);
    expect(r.closureErrorPct).toBeCloseTo(0.5, 12);
    expect(r.closes).toBe(true);
    expect(r.material?.yieldPct).toBe(82);
  });
});

describe('energy balance', () => {
  it('boiler: 100 tce in, 78 useful, 15 + 5 losses → Δ 2 %, efficiency 78 %', () => {
    const r = computeBalance({
      kind: 'energy',
      unit: 'tce',
      tolerance_pct: 2,
      flows: [
        { id: 'coal', from: '原煤', to: 'boiler', quantity: 100, category: 'input' },
        { id: 'steam', from: 'boiler', to: '蒸汽', quantity: 78, category: 'useful' },
        { id: 'flue', from: 'boiler', to: '排烟损失', quantity: 15, category: 'loss' },
        { id: 'wall', from: 'boiler', to: '散热损失', quantity: 5, category: 'loss' },
      ],
    }).value;
    expect(r.closureErrorPct).toBe(2);
    // Exactly at the tolerance closes.
    expect(r.closes).toBe(true);
    expect(r.energy).toEqual({ useful: 78, input: 100, efficiencyPct: 78 });
  });
});

describe('bad input', () => {
  it('unit of the wrong dimension for the kind', () => {
    expect(cpError(() => computeBalance({ ...WATER, unit: 'kWh' })).code).toBe('UNIT');
    const e = cpError(() => computeBalance({ ...WATER, kind: 'energy', unit: 't' }));
    expect(e.code).toBe('UNIT');
    expect(e.field).toBe('unit');
    expect(cpError(() => computeBalance({ ...WATER, kind: 'material', unit: 'm3' })).code).toBe('UNIT');
    expect(cpError(() => computeBalance({ ...WATER, unit: 'furlong' })).code).toBe('UNIT');
  });
  it('negative flow', () => {
    const flows = WATER.flows.map((f) => (f.id === 'f2' ? { ...f, quantity: -1 } : f));
    const e = cpError(() => computeBalance({ ...WATER, flows }));
    expect(e.code).toBe('NEGATIVE_QUANTITY');
    expect(e.field).toBe('flows.1.quantity');
  });
  it('duplicate flow or node id', () => {
    const flows = WATER.flows.map((f) => (f.id === 'f2' ? { ...f, id: 'f1' } : f));
    expect(cpError(() => computeBalance({ ...WATER, flows })).field).toBe('flows.1.id');
    expect(cpError(() => computeBalance({ ...WATER, nodes: [{ id: 'ws' }, { id: 'ws' }] })).field).toBe(
      'nodes.1.id',
    );
  });
  it('a category contradicting the endpoints', () => {
    // An input between two process nodes.
    const input: BalanceFlowCategory = 'input';
    const flows = WATER.flows.map((f) => (f.id === 'f4' ? { ...f, category: input } : f));
    const e = cpError(() => computeBalance({ ...WATER, flows }));
    expect(e.code).toBe('VALIDATION');
    expect(e.field).toBe('flows.3.from');
    // A discharge from outside the boundary.
    const flows2 = WATER.flows.map((f) => (f.id === 'f5' ? { ...f, from: '外部' } : f));
    expect(cpError(() => computeBalance({ ...WATER, flows: flows2 })).field).toBe('flows.4.from');
  });
  it('no inputs → NOT_COMPUTABLE', () => {
    const flows = WATER.flows.map((f) => (f.category === 'input' ? { ...f, quantity: 0 } : f));
    expect(cpError(() => computeBalance({ ...WATER, flows })).code).toBe('NOT_COMPUTABLE');
  });
  it('balanceFromJson validates the JSON', () => {
    const { tolerance_pct: _omit, ...noTolerance } = WATER;
    expect(cpError(() => balanceFromJson(noTolerance)).field).toBe('tolerance_pct');
    const e = cpError(() =>
      balanceFromJson({ ...WATER, flows: [{ ...WATER.flows[0], category: 'vapour' }] }),
    );
    expect(e.field).toBe('flows.0.category');
    expect(balanceFromJson(WATER).value.totalInput).toBe(120);
  });
});
