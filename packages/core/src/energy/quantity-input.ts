/**
 * Input helpers shared by the energy and carbon modules: the JSON shape of a `Quantity`, and run-time checks
 * that name the field at fault (for callers that bypass zod, e.g. other TypeScript modules).
 */
import { z } from 'zod';
import { CpError, requireFinite } from '../errors.ts';
import type { Quantity } from '../units/units.ts';

/** `{ value, unit }` as JSON. zod 4 numbers are finite (no NaN, no Infinity). */
export const quantityJsonSchema = z.strictObject({
  value: z.number(),
  unit: z.string().min(1),
});

/** Builds dotted field paths under a prefix: `at('quantity.unit')` → `items.2.quantity.unit`. */
export type FieldAt = (name: string) => string;

export function fieldsUnder(prefix: string): FieldAt {
  return prefix === '' ? (name) => name : (name) => `${prefix}.${name}`;
}

/**
 * Checks a quantity given at run time: an object with a finite `value` and a string `unit`.
 * Negative values throw NEGATIVE_QUANTITY unless `allowNegative`.
 */
export function checkQuantity(q: unknown, field: string, allowNegative = false): Quantity {
  if (typeof q !== 'object' || q === null || !('value' in q) || !('unit' in q)) {
    throw new CpError('VALIDATION', `${field} must be a quantity { value, unit }`, { field });
  }
  const value = requireFinite(q.value, `${field}.value`);
  if (typeof q.unit !== 'string' || q.unit.trim() === '') {
    throw new CpError('UNIT', `${field}.unit must be a unit symbol`, { field: `${field}.unit` });
  }
  if (!allowNegative && value < 0) {
    throw new CpError('NEGATIVE_QUANTITY', `${field}.value must not be negative, got ${value}`, {
      field: `${field}.value`,
    });
  }
  return { value, unit: q.unit };
}

/** A finite number > 0, else VALIDATION naming the field. */
export function requirePositive(value: unknown, field: string): number {
  const v = requireFinite(value, field);
  if (v <= 0) throw new CpError('VALIDATION', `${field} must be greater than 0, got ${v}`, { field });
  return v;
}

/** Splits a compound unit symbol `A/B` into its parts (the symbols of the data tables are all `A/B`). */
export function splitCompoundUnit(symbol: string): { num: string; den: string } {
  const slash = symbol.indexOf('/');
  if (slash <= 0 || slash !== symbol.lastIndexOf('/')) {
    throw new CpError('UNIT', `expected a compound unit A/B, got "${symbol}"`);
  }
  return { num: symbol.slice(0, slash), den: symbol.slice(slash + 1) };
}
