/**
 * Intensities (单位产品/单位产值 消耗或排放): energy per product (kgce/t), per output value (tce/万元), water per
 * product or plated area (m3/t, L/m2), materials and pollutants per product (kg/t).
 *
 * I = numerator / denominator, in the unit asked for. GB/T 2589-2020 3.7/3.8 define 单位产值综合能耗 and
 * 单位产品综合能耗 this way; the Jiangsu guideline uses such indicators for status analysis and targets
 * (7.2.1.3, 7.2.3.4 c), 附录A 二 单位产品能耗、水耗).
 */
import { z } from 'zod';
import { CpError } from '../errors.ts';
import { SRC_JS_GUIDELINE } from '../reference/source.ts';
import { parseInput } from '../reference/zod.ts';
import type { Source, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import {
  canonicalUnit,
  convertValue,
  dimensionOf,
  type Quantity,
  requireDimension,
  unitOf,
} from '../units/units.ts';
import {
  checkQuantity,
  type FieldAt,
  fieldsUnder,
  quantityJsonSchema,
  splitCompoundUnit,
} from './quantity-input.ts';

export const CLAUSE_INTENSITY: Source = {
  document: 'GB/T 2589-2020《综合能耗计算通则》',
  clause: '3.7 单位产值综合能耗; 3.8 单位产品综合能耗',
  url: 'https://www.duodown.com/biaozhun/61110619.html',
  status: 'verified-page',
  note: 'the foreword (page) confirms the revised definitions; their exact wording is not available here',
};

const CLAUSE_GUIDELINE_INDICATORS = SRC_JS_GUIDELINE('7.2.1.3; 7.2.3.4 c); 附录A 二 单位产品能耗、水耗');

export interface IntensityInput {
  /** What is consumed or emitted: tce, m3, t, kg … (per-year units `t/a` accepted). */
  numerator: Quantity;
  /** Product output, output value (万元), plated area (m2) …: must be > 0. */
  denominator: Quantity;
  /** Target unit, e.g. `kgce/t`, `tce/万元`, `L/m2`. Default: numerator unit / denominator unit. */
  unit?: string;
  /** Name of the indicator (e.g. `单位产品综合能耗`). */
  name?: string;
}

export interface Intensity {
  intensity: number;
  unit: string;
}

/** The unit with a trailing `/a` removed (annual totals over annual totals). */
function plainUnit(q: Quantity, field: string): { unit: string; perYear: boolean } {
  const u = unitOf(q.unit, field);
  if (u.dimension.endsWith('/year')) return { unit: splitCompoundUnit(u.symbol).num, perYear: true };
  if (u.dimension.includes('/')) {
    throw new CpError('UNIT', `${field}: give a plain quantity, not the ratio "${q.unit}"`, { field });
  }
  return { unit: u.symbol, perYear: false };
}

/** `intensity` with field paths under `prefix`. */
export function intensityAt(input: IntensityInput, prefix: string): Traced<Intensity> {
  const at: FieldAt = fieldsUnder(prefix);
  if (typeof input !== 'object' || input === null) {
    throw new CpError('VALIDATION', 'intensity input must be an object', prefix ? { field: prefix } : {});
  }
  const num = checkQuantity(input.numerator, at('numerator'));
  const den = checkQuantity(input.denominator, at('denominator'), true);
  const denField = at('denominator.value');
  if (den.value < 0) {
    throw new CpError('NEGATIVE_QUANTITY', `${denField} must be greater than 0, got ${den.value}`, {
      field: denField,
    });
  }
  if (den.value === 0) {
    throw new CpError('NOT_COMPUTABLE', `${denField} is 0: an intensity per zero output is undefined`, {
      field: denField,
    });
  }
  const n = plainUnit(num, at('numerator.unit'));
  const d = plainUnit(den, at('denominator.unit'));
  const naturalUnit = `${n.unit}/${d.unit}`;
  let value = num.value / den.value;
  let unit = canonicalUnit(naturalUnit);
  if (input.unit !== undefined) {
    const field = at('unit');
    if (typeof input.unit !== 'string')
      throw new CpError('UNIT', `${field} must be a unit symbol`, { field });
    requireDimension(input.unit, dimensionOf(naturalUnit), field);
    value = convertValue(value, naturalUnit, input.unit, field);
    unit = canonicalUnit(input.unit);
  }
  const notes: string[] = [];
  if (n.perYear || d.perYear) {
    notes.push('per-year units (/a): numerator and denominator are taken to cover the same year');
  }
  return traced(
    { intensity: value, unit },
    {
      label: input.name ?? '强度指标',
      formula: 'I = numerator / denominator',
      clause: CLAUSE_INTENSITY,
      inputs: [
        { name: 'numerator', value: num.value, unit: num.unit },
        { name: 'denominator', value: den.value, unit: den.unit },
      ],
      factors: [],
      result: value,
      unit,
      notes: [
        ...notes,
        `indicator use: ${CLAUSE_GUIDELINE_INDICATORS.document} ${CLAUSE_GUIDELINE_INDICATORS.clause}`,
      ],
    },
  );
}

/**
 * An intensity: numerator ÷ denominator in the unit asked for.
 * @throws CpError NOT_COMPUTABLE (denominator 0), NEGATIVE_QUANTITY (negative numerator or denominator),
 *   UNIT (unknown unit, or a target unit of the wrong dimension).
 */
export function intensity(input: IntensityInput): Traced<Intensity> {
  return intensityAt(input, '');
}

/** JSON input of `intensity`. */
export const intensityInputSchema = z.strictObject({
  numerator: quantityJsonSchema,
  denominator: quantityJsonSchema,
  unit: z.string().min(1).optional(),
  name: z.string().optional(),
});

export function intensityFromJson(json: unknown): Traced<Intensity> {
  return intensity(parseInput(intensityInputSchema, json, 'intensity input'));
}
