import { balanceFromJson } from '@cpaudit/core';
import { describe, expect, it } from 'vitest';
import { endPoints, flowIndexOfField, newBalance, nextFlowId, nextNodeId } from './balanceDraft.ts';

describe('newBalance', () => {
  it('starts each kind with an input the core accepts, which does not close on purpose (so the user sees why)', () => {
    // The water starter: 100 in, 80 discharged + 19 lost → (100 − 99) / 100 = 1 % closure error (core formula).
    const water = balanceFromJson(newBalance('water')).value;
    expect(water.closureErrorPct).toBeCloseTo(1, 10);
    expect(water.closes).toBe(true); // within the 5 % tolerance set here
    // Material: 100 in, 90 product + 8 waste → 2 %; energy: 1000 in, 880 useful + 110 lost → 1 %.
    expect(balanceFromJson(newBalance('material')).value.closureErrorPct).toBeCloseTo(2, 10);
    expect(balanceFromJson(newBalance('energy')).value.closureErrorPct).toBeCloseTo(1, 10);
  });
});

describe('editor helpers', () => {
  it('offers the nodes, then the outside ends already used, as flow end points', () => {
    expect(endPoints(newBalance('water'))).toEqual([
      { value: 'ws', label: '车间（ws）' },
      { value: '自来水', label: '自来水' },
      { value: '污水站', label: '污水站' },
      { value: '蒸发', label: '蒸发' },
    ]);
  });
  it('gives fresh ids', () => {
    const b = newBalance('water');
    expect(nextFlowId(b.flows)).toBe('f4');
    expect(nextNodeId(b.nodes ?? [])).toBe('n2');
    const [first] = b.flows;
    if (!first) throw new Error('the starter has flows');
    expect(nextFlowId([{ ...first, id: 'f2' }])).toBe('f3');
  });
  it('reads the flow a calculation error names (`flows.1.quantity`, also under `input.`)', () => {
    expect(flowIndexOfField('flows.1.quantity')).toEqual({ index: 1, field: 'quantity' });
    expect(flowIndexOfField('input.flows.12.category')).toEqual({ index: 12, field: 'category' });
    expect(flowIndexOfField('unit')).toBeUndefined();
    expect(flowIndexOfField(undefined)).toBeUndefined();
  });
});
