/**
 * Validation of a batch of annual values against the catalogue and the indicator-value encoding, without a
 * database: the catalogue index is built from the contract's static catalogue (built-in indicator items included).
 */
import { ANNUAL_ITEM_CATALOGUE, findAnnualItem } from '@cpaudit/contract';
import { CpError, ELECTROPLATING_2015, type SystemIndicator } from '@cpaudit/core';
import { describe, expect, it } from 'vitest';
import {
  type CatalogueIndex,
  indicatorValueOf,
  LEVEL_UNIT,
  levelOfStored,
  NOT_APPLICABLE_UNIT,
  validateBatch,
} from './items.ts';

const staticIndex: CatalogueIndex = {
  items: [...ANNUAL_ITEM_CATALOGUE],
  find(code) {
    const def = findAnnualItem(code);
    return def ? { def, indicatorRowId: null } : undefined;
  },
};

function caught(fn: () => unknown): CpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CpError) return e;
    throw e;
  }
  throw new Error('expected a CpError');
}

function indicator(id: string): SystemIndicator {
  const found = ELECTROPLATING_2015.groups.flatMap((g) => g.indicators).find((i) => i.id === id);
  if (found === undefined) throw new Error(`no indicator ${id}`);
  return found;
}

describe('validateBatch', () => {
  it('stores canonical units, the default unit when none is given, names of free lines', () => {
    const rows = validateBatch(
      staticIndex,
      [
        { itemCode: 'energy.raw_coal', quantity: 20, unit: '吨' },
        { itemCode: 'economy.gross_output', quantity: 1200 },
        { itemCode: 'product.zinc_parts', name: '镀锌件', quantity: 5, unit: '万t' },
      ],
      [],
    );
    expect(rows.map((r) => [r.itemCode, r.quantity, r.unit, r.name])).toEqual([
      ['energy.raw_coal', 20, 't', '原煤'],
      ['economy.gross_output', 1200, '万元', '工业总产值'],
      ['product.zinc_parts', 5, '万t', '镀锌件'],
    ]);
  });

  it('encodes levels (Ⅰ = 1 … Ⅲ = 3, none = 0) and not-applicable indicators', () => {
    const rows = validateBatch(
      staticIndex,
      [
        { itemCode: 'indicator.electroplating_2015_table1.cleaner_process', level: 'III' },
        { itemCode: 'indicator.electroplating_2015_table1.process_control', level: 'none' },
        { itemCode: 'indicator.electroplating_2015_table1.gold_utilisation', notApplicable: true },
      ],
      [],
    );
    expect(rows.map((r) => [r.quantity, r.unit])).toEqual([
      [3, LEVEL_UNIT],
      [0, LEVEL_UNIT],
      [0, NOT_APPLICABLE_UNIT],
    ]);
    expect([0, 1, 2, 3, 4, 1.5].map(levelOfStored)).toEqual(['none', 'I', 'II', 'III', null, null]);
  });

  it('allows a negative quantity only on signed items (net purchased power)', () => {
    expect(
      validateBatch(staticIndex, [{ itemCode: 'ghg.co2_purchased_power', quantity: -3, unit: 'tCO2' }], [])[0]
        ?.quantity,
    ).toBe(-3);
    const e = caught(() => validateBatch(staticIndex, [{ itemCode: 'ghg.co2_total', quantity: -3 }], []));
    expect(e.code).toBe('NEGATIVE_QUANTITY');
    expect(e.field).toBe('body.values.0.quantity');
  });

  it('names the unit and the dimension of a wrong unit', () => {
    const e = caught(() =>
      validateBatch(staticIndex, [{ itemCode: 'energy.natural_gas', quantity: 1, unit: 'kWh' }], []),
    );
    expect(e.code).toBe('UNIT');
    expect(e.field).toBe('body.values.0.unit');
    expect(e.message).toContain('"kWh" is energy, expected volume');
  });

  it('refuses an item twice, or saved and removed, and a level the indicator does not print', () => {
    const twice = caught(() =>
      validateBatch(
        staticIndex,
        [
          { itemCode: 'energy.coke', quantity: 1 },
          { itemCode: 'energy.coke', quantity: 2 },
        ],
        ['energy.coke'],
      ),
    );
    expect(twice.issues.map((i) => i.field)).toEqual(['body.values.1.itemCode', 'body.remove.0']);
    const free = caught(() => validateBatch(staticIndex, [{ itemCode: 'product.x', quantity: 1 }], []));
    expect(free.field).toBe('body.values.0.name');
  });
});

describe('indicatorValueOf', () => {
  it('converts a stored quantity to the indicator unit: 0.024 m3/m2 = 24 L/m2; 0.81 = 81 %', () => {
    expect(indicatorValueOf({ quantity: 0.024, unit: 'm3/m2' }, indicator('rinse-water-per-area'), 'f')).toBe(
      24,
    );
    expect(indicatorValueOf({ quantity: 0.81, unit: '1' }, indicator('zinc-utilisation'), 'f')).toBeCloseTo(
      81,
      12,
    );
    expect(indicatorValueOf({ quantity: 8, unit: 'L/m2' }, indicator('rinse-water-per-area'), 'f')).toBe(8);
  });

  it('turns levels into the levels met and markers into not-applicable', () => {
    expect(indicatorValueOf({ quantity: 2, unit: LEVEL_UNIT }, indicator('cleaner-process'), 'f')).toEqual({
      meets: ['II'],
    });
    expect(indicatorValueOf({ quantity: 0, unit: LEVEL_UNIT }, indicator('cleaner-process'), 'f')).toEqual({
      meets: [],
    });
    expect(
      indicatorValueOf({ quantity: 0, unit: NOT_APPLICABLE_UNIT }, indicator('gold-utilisation'), 'f'),
    ).toBe('not-applicable');
  });

  it('refuses a value of the wrong kind or dimension, naming the field', () => {
    expect(
      caught(() => indicatorValueOf({ quantity: 2, unit: LEVEL_UNIT }, indicator('zinc-utilisation'), 'v.z'))
        .field,
    ).toBe('v.z');
    expect(
      caught(() => indicatorValueOf({ quantity: 2, unit: 't' }, indicator('cleaner-process'), 'v.c')).field,
    ).toBe('v.c');
    expect(
      caught(() => indicatorValueOf({ quantity: 2, unit: 't' }, indicator('rinse-water-per-area'), 'v.r'))
        .code,
    ).toBe('UNIT');
  });
});
