import { ANNUAL_ITEM_CATALOGUE } from '@cpaudit/contract';
import { describe, expect, it } from 'vitest';
import {
  type AnnualItem,
  type AnnualValue,
  catalogueEntry,
  type DraftLine,
  emptyLine,
  freeLineCode,
  lineOfErrorField,
  linesOf,
  problemsOf,
  saveBatch,
} from './annualDraft.ts';

// The contract's catalogue is the one the server serves (`GET /api/annual/items` adds imported systems only).
const items = ANNUAL_ITEM_CATALOGUE as unknown as readonly AnnualItem[];
const item = (code: string): AnnualItem => {
  const i = catalogueEntry(items, code);
  if (!i) throw new Error(`no item ${code}`);
  return i;
};

function stored(
  itemCode: string,
  quantity: number | null,
  unit: string | null,
  name = itemCode,
): AnnualValue {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    itemCode,
    category: item(itemCode).category,
    name,
    quantity,
    unit,
    level: null,
    notApplicable: false,
    indicatorId: null,
    source: 'metered',
    note: null,
    enteredBy: null,
    enteredAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    version: 1,
  };
}

const edit = (l: DraftLine, patch: Partial<DraftLine>): DraftLine => ({ ...l, ...patch, dirty: true });

describe('linesOf', () => {
  it('gives every stored value, then the required items not yet entered (economy.gross_output, value_added)', () => {
    // Given a year holding only the electricity consumption
    const lines = linesOf(items, [stored('energy.electricity', 3217120, 'kWh')]);
    // Then the stored line comes first, and the two required economy items (catalogue `required: true`) follow empty
    expect(lines.map((l) => [l.code, l.quantity, l.stored])).toEqual([
      ['energy.electricity', 3217120, true],
      ['economy.gross_output', null, false],
      ['economy.value_added', null, false],
    ]);
  });
  it('keeps a stored value whose code the catalogue does not know, marked unknown (shown, never dropped)', () => {
    const v = {
      ...stored('water.intake', 20.4, 'L/m2'),
      itemCode: 'indicator.rinse_water_per_area',
      category: 'indicator' as const,
    };
    const [line] = linesOf(items, [v]);
    expect(line).toMatchObject({
      code: 'indicator.rinse_water_per_area',
      quantity: 20.4,
      unit: 'L/m2',
      unknown: true,
    });
    expect(line && problemsOf(line)).toEqual([]);
    expect(saveBatch(linesOf(items, [v])).values).toEqual([]);
  });
  it('reads a free line (product.*) with the enterprise’s own name', () => {
    const [line] = linesOf(items, [stored('product.plated_area', 933500, 'm2', '镀锌件')]);
    expect(line).toMatchObject({ code: 'product.plated_area', name: '镀锌件', unit: 'm2' });
    expect(line?.item.code).toBe('product.*');
  });
});

describe('problemsOf: the instant checks', () => {
  const water = emptyLine(item('water.intake'), 'water.intake', '取水量');
  it('refuses a negative quantity of an item that is not signed', () => {
    expect(problemsOf(edit(water, { quantity: -5 })).map((p) => p.key)).toEqual([
      'enterprise.annual.err.negative',
    ]);
  });
  it('accepts a negative net purchased-power CO2 (signed item: an enterprise exporting power)', () => {
    const power = emptyLine(item('ghg.co2_purchased_power'), 'ghg.co2_purchased_power', '净购入电力排放');
    expect(problemsOf(edit(power, { quantity: -12.5 }))).toEqual([]);
  });
  it('refuses a unit the item does not offer (kWh for a water volume) and names the units offered', () => {
    const [p] = problemsOf(edit(water, { quantity: 5, unit: 'kWh' }));
    expect(p).toMatchObject({ field: 'unit', key: 'enterprise.annual.err.unit' });
    expect(p?.vars?.units).toContain('m3');
  });
  it('asks for a required item left empty, and for the name of a free line', () => {
    const gross = emptyLine(item('economy.gross_output'), 'economy.gross_output', '工业总产值');
    expect(problemsOf(gross).map((p) => p.key)).toEqual(['enterprise.annual.err.required']);
    const product = emptyLine(item('product.*'), 'product.line_1', '');
    expect(problemsOf(edit(product, { quantity: 10, unit: 'm2' })).map((p) => p.key)).toEqual([
      'enterprise.annual.err.name',
    ]);
  });
  it('finds nothing wrong with a plain positive value in the default unit', () => {
    expect(problemsOf(edit(water, { quantity: 91374 }))).toEqual([]);
  });
});

describe('saveBatch and lineOfErrorField', () => {
  it('sends only changed lines, removes emptied stored lines, and maps values.<n>.<field> back to the line', () => {
    // Given two stored lines and one new line, of which one stored line is emptied and one is changed
    const lines = linesOf(items, [stored('water.intake', 91374, 'm3'), stored('water.reuse', 64821, 'm3')]);
    const byCode = new Map(lines.map((l) => [l.code, l]));
    const changed = lines.map((l) =>
      l.code === 'water.intake'
        ? edit(l, { quantity: 90000 })
        : l.code === 'water.reuse'
          ? edit(l, { quantity: null })
          : l,
    );
    const gas = emptyLine(item('energy.natural_gas'), 'energy.natural_gas', '天然气');
    const batch = saveBatch([...changed, edit(gas, { quantity: 386383 })]);
    // Then the batch holds the changed intake and the new gas line (in its catalogue unit m3), and removes reuse
    expect(batch.values).toEqual([
      { itemCode: 'water.intake', quantity: 90000, unit: 'm3', source: 'metered' },
      { itemCode: 'energy.natural_gas', quantity: 386383, unit: 'm3' },
    ]);
    expect(batch.remove).toEqual(['water.reuse']);
    expect(byCode.get('economy.gross_output')?.dirty).toBe(false);
    // And the server's `body.values.1.quantity` lands on the gas line
    expect(lineOfErrorField('body.values.1.quantity', batch)).toEqual({
      code: 'energy.natural_gas',
      field: 'quantity',
    });
    expect(lineOfErrorField('values.0.unit', batch)).toEqual({ code: 'water.intake', field: 'unit' });
    expect(lineOfErrorField('version', batch)).toBeUndefined();
    expect(lineOfErrorField('body.values.7.quantity', batch)).toBeUndefined();
  });
  it('numbers new free lines line_1, line_2, … skipping codes in use', () => {
    expect(freeLineCode('product', ['product.line_1', 'product.plated_area'])).toBe('product.line_2');
  });
});
