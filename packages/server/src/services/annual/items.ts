/**
 * The item catalogue as the server applies it: the contract's fixed items and free-line templates, plus the
 * indicator items of every active indicator system in the database (the built-in ones seeded first), and the
 * validation of a batch of values against it.
 *
 * Storage of values in `annual_values` (one row per item): a quantity in a core unit, canonical spelling
 * (`吨` → `t`). Two indicator cases have no unit of their own and are stored with a marker unit:
 * - a qualitative indicator's best level met: unit `level`, quantity 1/2/3 for Ⅰ/Ⅱ/Ⅲ and 0 for none met;
 * - an indicator declared not applicable to the enterprise: unit `n/a`, quantity 0.
 */
import {
  ANNUAL_ITEM_CATALOGUE,
  type AnnualItemDef,
  type AnnualLevel,
  type AnnualValueInput,
  findAnnualItem,
  indicatorItemsOf,
} from '@cpaudit/contract';
import {
  CpError,
  canonicalUnit,
  convertValue,
  type EvalLevel,
  type IndicatorValue,
  type Issue,
  requireDimension,
  requireNonNegative,
  type SystemIndicator,
} from '@cpaudit/core';
import type { Database, Db } from '../../db/index.ts';
import { activeSystems, ensureBuiltInIndicatorSystems, indicatorRowIds } from './systems.ts';

export const LEVEL_UNIT = 'level';
export const NOT_APPLICABLE_UNIT = 'n/a';

/** Stored quantity of a level: Ⅰ = 1, Ⅱ = 2, Ⅲ = 3, none met = 0. */
const LEVEL_NUMBER: Readonly<Record<AnnualLevel, number>> = { none: 0, I: 1, II: 2, III: 3 };
const LEVEL_BY_NUMBER: readonly AnnualLevel[] = ['none', 'I', 'II', 'III'];

export function levelOfStored(quantity: number): AnnualLevel | null {
  return Number.isInteger(quantity) ? (LEVEL_BY_NUMBER[quantity] ?? null) : null;
}

export interface ResolvedItem {
  def: AnnualItemDef;
  /** `indicators.id` of an indicator item (the active revision's row). */
  indicatorRowId: string | null;
}

export interface CatalogueIndex {
  /** Every item, for listing: fixed items, free templates, indicator items of the active systems. */
  items: AnnualItemDef[];
  find(code: string): ResolvedItem | undefined;
}

/** The catalogue with the indicator items of the active systems in the database. */
export async function catalogueIndex(database: Database, db: Db): Promise<CatalogueIndex> {
  await ensureBuiltInIndicatorSystems(database);
  const items = ANNUAL_ITEM_CATALOGUE.filter((i) => i.category !== 'indicator');
  const indicatorItems = new Map<string, ResolvedItem>();
  for (const { row, definition } of await activeSystems(db)) {
    const ids = await indicatorRowIds(db, row);
    // Item codes follow the stored code (equal to the definition's id for systems stored by this module).
    for (const def of indicatorItemsOf({ ...definition, id: row.code })) {
      // Two codes with the same slug: the first (by code) keeps the item code.
      if (indicatorItems.has(def.code)) continue;
      const rowId = def.indicator ? (ids.indicators.get(def.indicator.indicatorId) ?? null) : null;
      indicatorItems.set(def.code, { def, indicatorRowId: rowId });
      items.push(def);
    }
  }
  return {
    items,
    find(code) {
      if (code.startsWith('indicator.')) return indicatorItems.get(code);
      const def = findAnnualItem(code);
      return def ? { def, indicatorRowId: null } : undefined;
    },
  };
}

/** One row to store (see the module comment for the encoding). */
export interface ValueRow {
  itemCode: string;
  category: AnnualItemDef['category'];
  name: string;
  quantity: number;
  unit: string;
  indicatorId: string | null;
  source: AnnualValueInput['source'] | null;
  note: string | null;
}

function fail(
  field: string,
  message: string,
  code: 'VALIDATION' | 'UNKNOWN_REFERENCE' = 'VALIDATION',
): never {
  throw new CpError(code, `${field}: ${message}`, { field });
}

/** Validates one value against its item; returns the row to store. */
function validateValue(index: CatalogueIndex, v: AnnualValueInput, p: string): ValueRow {
  const item = index.find(v.itemCode);
  if (item === undefined) fail(`${p}.itemCode`, `unknown item "${v.itemCode}"`, 'UNKNOWN_REFERENCE');
  const def = item.def;
  if (def.free && v.name === undefined) fail(`${p}.name`, `a ${def.category} line needs a name`);
  const base = {
    itemCode: v.itemCode,
    category: def.category,
    name: v.name ?? def.zh,
    indicatorId: item.indicatorRowId,
    source: v.source ?? null,
    note: v.note ?? null,
  };
  const hasQuantity = v.quantity !== undefined || v.unit !== undefined;
  if (v.notApplicable) {
    if (def.indicator === null) fail(`${p}.notApplicable`, `only indicator items can be not applicable`);
    if (hasQuantity || v.level !== undefined) {
      fail(`${p}.notApplicable`, 'a not-applicable indicator carries no quantity, unit or level');
    }
    return { ...base, quantity: 0, unit: NOT_APPLICABLE_UNIT };
  }
  if (def.kind === 'level') {
    if (hasQuantity) fail(`${p}.quantity`, `"${def.zh}" is qualitative: give a level (I, II, III or none)`);
    if (v.level === undefined) fail(`${p}.level`, `"${def.zh}" needs a level (I, II, III or none)`);
    if (v.level !== 'none' && def.indicator?.levels[v.level] === null) {
      fail(`${p}.level`, `"${def.zh}" has no level ${v.level} requirement`);
    }
    return { ...base, quantity: LEVEL_NUMBER[v.level], unit: LEVEL_UNIT };
  }
  if (v.level !== undefined) fail(`${p}.level`, `"${def.zh}" is a quantity, not a level`);
  if (v.quantity === undefined) fail(`${p}.quantity`, `"${def.zh}" needs a quantity`);
  const unit = v.unit ?? def.unit;
  if (unit === null) fail(`${p}.unit`, `"${def.zh}" needs a unit`);
  let stored: string;
  if (def.dimensions.length > 0) {
    requireDimension(unit, def.dimensions, `${p}.unit`);
    stored = canonicalUnit(unit, `${p}.unit`);
  } else {
    if (unit !== def.unit) {
      throw new CpError('UNIT', `${p}.unit: "${def.zh}" is entered in ${def.unit}, got "${unit}"`, {
        field: `${p}.unit`,
      });
    }
    stored = unit;
  }
  if (!def.signed) requireNonNegative(v.quantity, `${p}.quantity`);
  return { ...base, quantity: v.quantity, unit: stored };
}

/**
 * Validates a batch: every value against its item (unit dimension, sign, level), no item twice, nothing both saved
 * and removed. Collects every problem; throws one CpError (the first problem's code and field, all issues).
 */
export function validateBatch(
  index: CatalogueIndex,
  values: readonly AnnualValueInput[],
  remove: readonly string[],
): ValueRow[] {
  const rows: ValueRow[] = [];
  const errors: CpError[] = [];
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const p = `body.values.${i}`;
    try {
      if (seen.has(v.itemCode)) fail(`${p}.itemCode`, `item "${v.itemCode}" appears twice in the batch`);
      seen.add(v.itemCode);
      rows.push(validateValue(index, v, p));
    } catch (e) {
      if (!(e instanceof CpError)) throw e;
      errors.push(e);
    }
  });
  remove.forEach((code, j) => {
    if (seen.has(code)) {
      errors.push(
        new CpError('VALIDATION', `body.remove.${j}: "${code}" is both saved and removed`, {
          field: `body.remove.${j}`,
        }),
      );
    }
  });
  const first = errors[0];
  if (first) {
    const issues: Issue[] = errors.flatMap((e) => e.issues);
    throw new CpError(first.code, first.message, { ...(first.field ? { field: first.field } : {}), issues });
  }
  return rows;
}

/**
 * The evaluation value (core `IndicatorValue`) of a stored indicator value: a number converted to the indicator's
 * unit, `{ meets: [level] }`, or 'not-applicable'. `field` names the item in errors.
 */
export function indicatorValueOf(
  stored: { quantity: number; unit: string },
  ind: SystemIndicator,
  field: string,
): IndicatorValue {
  if (stored.unit === NOT_APPLICABLE_UNIT) return 'not-applicable';
  if (ind.kind === 'qualitative') {
    const level = stored.unit === LEVEL_UNIT ? levelOfStored(stored.quantity) : null;
    if (level === null) {
      throw new CpError('VALIDATION', `${field}: "${ind.name}" is qualitative but a quantity is stored`, {
        field,
      });
    }
    if (level === 'none') return { meets: [] };
    if (ind.benchmarks[level] === undefined) {
      throw new CpError(
        'VALIDATION',
        `${field}: "${ind.name}" has no level ${level} requirement in this system`,
        {
          field,
        },
      );
    }
    const met: EvalLevel[] = [level];
    return { meets: met };
  }
  if (stored.unit === LEVEL_UNIT) {
    throw new CpError('VALIDATION', `${field}: "${ind.name}" is quantitative but a level is stored`, {
      field,
    });
  }
  if (stored.unit === ind.unit) return stored.quantity;
  return convertValue(stored.quantity, stored.unit, ind.unit, field);
}
