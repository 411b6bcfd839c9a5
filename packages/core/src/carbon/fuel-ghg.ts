/**
 * The fuel-specific method of the national enterprise GHG accounting guidelines (企业温室气体排放核算方法与
 * 报告指南, 工业其他行业, 附录二; facts §3.2):
 *
 *   E_CO2 [t] = AD × NCV × CC × OF × 44/12
 *
 * AD the fuel quantity, NCV its net calorific value (GJ/t, GJ/万Nm3), CC the carbon content per unit of heat
 * (tC/TJ), OF the oxidation rate. Defaults are data (CODE-ONLY: seen in a public code list, not checked against
 * the guideline PDF); each parameter can be replaced by the user's own.
 *
 * `co2OfFuelSaving` lets the caller choose the Guangdong form's standard-coal route (`gd-form`, 注13) or this
 * fuel-specific route (`ghg-guideline`) for one fuel saving.
 */
import { z } from 'zod';
import {
  checkQuantity,
  type FieldAt,
  fieldsUnder,
  quantityJsonSchema,
  requirePositive,
  splitCompoundUnit,
} from '../energy/quantity-input.ts';
import { CpError, requireFinite } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import type { Breakdown, FactorRef, Source, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { convertValue, dimensionOf, type Quantity, requireDimension, unitOf } from '../units/units.ts';
import { coalCo2Part, gasCoefficient, naturalGasCo2Part, oilCo2Part } from './savings.ts';

export const GHG_FUEL_IDS = [
  'anthracite',
  'bituminous',
  'lignite',
  'cleaned-coal',
  'coke',
  'crude-oil',
  'fuel-oil',
  'gasoline',
  'diesel',
  'kerosene',
  'lpg',
  'lng',
  'natural-gas',
  'coke-oven-gas',
  'blast-furnace-gas',
  'refinery-gas',
] as const;
export type GhgFuelId = (typeof GHG_FUEL_IDS)[number];

/** Coal types and oil products of the guideline (for choosing the fuel behind a 节煤 / 节油 figure). */
export const GHG_COAL_FUEL_IDS = ['anthracite', 'bituminous', 'lignite', 'cleaned-coal'] as const;
export const GHG_OIL_FUEL_IDS = ['crude-oil', 'fuel-oil', 'gasoline', 'diesel', 'kerosene'] as const;

export interface GhgFuelParams {
  id: GhgFuelId;
  name: string;
  /** 低位发热量, GJ/t or GJ/万m3. */
  ncv: Quantity;
  /** 单位热值含碳量, tC/TJ. */
  carbonContent_tCPerTJ: number;
  /** 碳氧化率 as a fraction (0.93 = 93 %). */
  oxidation: number;
  source: Source;
}

export const SRC_GHG_GUIDELINE_FUELS: Source = {
  document: '工业其他行业企业温室气体排放核算方法与报告指南（试行）',
  clause: '附录二 常用化石燃料相关参数缺省值',
  status: 'code-only',
  note: 'parameters from a public code list (OTHER_INDUSTRY_REQUIRED_FUELS); check them against the guideline PDF',
};

/** 44/12: the ratio of the molar masses of CO2 and C, in the guideline's combustion formula. */
export const CO2_PER_C: FactorRef = {
  id: 'ghg.co2-per-c',
  name: 'CO2与碳的分子量之比 44/12',
  value: 44 / 12,
  unit: 'tCO2/tC',
  source: { ...SRC_GHG_GUIDELINE_FUELS, clause: '化石燃料燃烧排放 公式', note: 'stoichiometric constant' },
};

function fuel(
  id: GhgFuelId,
  name: string,
  ncv: number,
  ncvUnit: 'GJ/t' | 'GJ/万m3',
  carbonContent_tCPerTJ: number,
  oxidation: number,
  note?: string,
): GhgFuelParams {
  return {
    id,
    name,
    ncv: { value: ncv, unit: ncvUnit },
    carbonContent_tCPerTJ,
    oxidation,
    source: note
      ? { ...SRC_GHG_GUIDELINE_FUELS, note: `${SRC_GHG_GUIDELINE_FUELS.note}. ${note}` }
      : SRC_GHG_GUIDELINE_FUELS,
  };
}

/** Default parameters per fuel (facts §3.2). */
export const GHG_FUEL_PARAMS: Readonly<Record<GhgFuelId, GhgFuelParams>> = {
  anthracite: fuel('anthracite', '无烟煤', 24.515, 'GJ/t', 27.49, 0.94),
  bituminous: fuel('bituminous', '烟煤', 23.204, 'GJ/t', 26.18, 0.93),
  lignite: fuel('lignite', '褐煤', 14.449, 'GJ/t', 28.0, 0.96),
  'cleaned-coal': fuel('cleaned-coal', '洗精煤', 26.344, 'GJ/t', 25.4, 0.93),
  coke: fuel('coke', '焦炭', 28.446, 'GJ/t', 29.4, 0.93, 'other guidelines use 98.8 % oxidation for coke'),
  'crude-oil': fuel('crude-oil', '原油', 42.62, 'GJ/t', 20.1, 0.98),
  'fuel-oil': fuel('fuel-oil', '燃料油', 40.19, 'GJ/t', 21.1, 0.98),
  gasoline: fuel('gasoline', '汽油', 44.8, 'GJ/t', 18.9, 0.98),
  diesel: fuel('diesel', '柴油', 43.33, 'GJ/t', 20.2, 0.98),
  kerosene: fuel('kerosene', '一般煤油', 44.75, 'GJ/t', 19.6, 0.98),
  lpg: fuel(
    'lpg',
    '液化石油气',
    47.31,
    'GJ/t',
    17.2,
    0.99,
    'conflict: the guideline may print 50.179 GJ/t and 98 % (UNVERIFIED), giving 3.1013 tCO2/t instead of 2.9538',
  ),
  lng: fuel(
    'lng',
    '液化天然气',
    41.868,
    'GJ/t',
    15.3,
    0.99,
    'the NCV 41.868 GJ/t looks suspicious: check the PDF',
  ),
  'natural-gas': fuel('natural-gas', '天然气', 389.31, 'GJ/万m3', 15.3, 0.99),
  'coke-oven-gas': fuel('coke-oven-gas', '焦炉煤气', 173.854, 'GJ/万m3', 13.6, 0.99),
  'blast-furnace-gas': fuel('blast-furnace-gas', '高炉煤气', 37.69, 'GJ/万m3', 70.8, 0.99),
  'refinery-gas': fuel('refinery-gas', '炼厂干气', 46.05, 'GJ/t', 18.2, 0.99),
};

function isGhgFuelId(s: string): s is GhgFuelId {
  return Object.hasOwn(GHG_FUEL_PARAMS, s);
}

/** A guideline fuel by id or Chinese name, or undefined. */
export function findGhgFuel(idOrName: string): GhgFuelParams | undefined {
  const s = idOrName.trim();
  if (isGhgFuelId(s)) return GHG_FUEL_PARAMS[s];
  return Object.values(GHG_FUEL_PARAMS).find((f) => f.name === s || (s === '煤油' && f.id === 'kerosene'));
}

export interface FuelCombustionCo2Input {
  /** Guideline fuel id (`bituminous`, `diesel`, `natural-gas` …) or Chinese name. */
  fuel: string;
  /** t, kg, m3, 万m3 … (mass for solid and liquid fuels, volume for gases). */
  quantity: Quantity;
  /** Measured 低位发热量 (GJ/t, kJ/kg, GJ/万m3 …) replacing the default. */
  ncv?: Quantity;
  /** Measured 单位热值含碳量 (tC/TJ) replacing the default. */
  carbonContent_tCPerTJ?: number;
  /** 碳氧化率 as a fraction in (0, 1], replacing the default. */
  oxidation?: number;
  /** Allow a negative quantity (a saving that is an increase). Default false. */
  allowNegative?: boolean;
}

export interface FuelCo2 {
  tCO2: number;
}

function userFactor(id: string, name: string, value: number, unit: string): FactorRef {
  return { id, name, value, unit, source: { document: `用户提供：${name}`, status: 'user' } };
}

/** `fuelCombustionCo2` with field paths under `at`. */
export function fuelCombustionCo2At(input: FuelCombustionCo2Input, at: FieldAt): Traced<FuelCo2> {
  if (typeof input !== 'object' || input === null) {
    throw new CpError('VALIDATION', 'fuel input must be an object');
  }
  const fuelField = at('fuel');
  if (typeof input.fuel !== 'string')
    throw new CpError('VALIDATION', `${fuelField} must be a fuel id`, { field: fuelField });
  const p = findGhgFuel(input.fuel);
  if (!p)
    throw new CpError('UNKNOWN_REFERENCE', `unknown guideline fuel "${input.fuel}"`, { field: fuelField });
  const q = checkQuantity(input.quantity, at('quantity'), input.allowNegative === true);

  // The quantity unit must match the denominator of the NCV (mass for t, volume for 万m3).
  const { den } = splitCompoundUnit(unitOf(p.ncv.unit).symbol);
  const denDim = dimensionOf(den);
  const qField = at('quantity.unit');
  if (unitOf(q.unit, qField).dimension !== denDim) {
    throw new CpError('UNIT', `${qField}: ${p.name} is measured by ${denDim}, got "${q.unit}"`, {
      field: qField,
    });
  }

  const factors: FactorRef[] = [];
  let ncv: Quantity = p.ncv;
  if (input.ncv !== undefined) {
    const field = at('ncv');
    ncv = checkQuantity(input.ncv, field);
    requirePositive(ncv.value, `${field}.value`);
    requireDimension(ncv.unit, denDim === 'mass' ? 'energy/mass' : 'energy/volume', `${field}.unit`);
    factors.push(userFactor(`user.${p.id}.ncv`, `${p.name} 低位发热量`, ncv.value, ncv.unit));
  } else {
    factors.push({
      id: `ghg.${p.id}.ncv`,
      name: `${p.name} 低位发热量`,
      value: p.ncv.value,
      unit: p.ncv.unit,
      source: p.source,
    });
  }
  let cc = p.carbonContent_tCPerTJ;
  if (input.carbonContent_tCPerTJ !== undefined) {
    cc = requirePositive(input.carbonContent_tCPerTJ, at('carbonContent_tCPerTJ'));
    factors.push(userFactor(`user.${p.id}.carbon-content`, `${p.name} 单位热值含碳量`, cc, 'tC/TJ'));
  } else {
    factors.push({
      id: `ghg.${p.id}.carbon-content`,
      name: `${p.name} 单位热值含碳量`,
      value: cc,
      unit: 'tC/TJ',
      source: p.source,
    });
  }
  let of = p.oxidation;
  if (input.oxidation !== undefined) {
    const field = at('oxidation');
    of = requireFinite(input.oxidation, field);
    if (of <= 0 || of > 1) {
      throw new CpError('VALIDATION', `${field} is a fraction in (0, 1] (0.98 = 98 %), got ${of}`, { field });
    }
    factors.push(userFactor(`user.${p.id}.oxidation`, `${p.name} 碳氧化率`, of, '1'));
  } else {
    factors.push({
      id: `ghg.${p.id}.oxidation`,
      name: `${p.name} 碳氧化率`,
      value: of,
      unit: '1',
      source: p.source,
    });
  }
  factors.push(CO2_PER_C);

  // E = AD × NCV × CC × OF × 44/12 (guideline, 化石燃料燃烧排放).
  const energy_GJ = convertValue(q.value, q.unit, den) * convertValue(ncv.value, ncv.unit, `GJ/${den}`);
  const energy_TJ = convertValue(energy_GJ, 'GJ', 'TJ');
  const carbon_tC = energy_TJ * cc;
  const tCO2 = carbon_tC * of * CO2_PER_C.value;
  return traced(
    { tCO2 },
    {
      label: `化石燃料燃烧CO2排放：${p.name}`,
      formula: 'E = AD × NCV × CC × OF × 44/12',
      clause: SRC_GHG_GUIDELINE_FUELS,
      inputs: [
        { name: 'fuel', value: p.id },
        { name: 'quantity', value: q.value, unit: q.unit },
      ],
      factors,
      result: tCO2,
      unit: 'tCO2',
      notes: [`AD × NCV = ${energy_TJ} TJ; × CC = ${carbon_tC} tC`],
    },
  );
}

/**
 * CO2 of burning a fuel, by the fuel-specific method of the GHG accounting guideline.
 * @throws CpError UNKNOWN_REFERENCE (fuel), UNIT (quantity or NCV of the wrong dimension), NEGATIVE_QUANTITY,
 *   VALIDATION (a parameter out of range).
 */
export function fuelCombustionCo2(input: FuelCombustionCo2Input): Traced<FuelCo2> {
  return fuelCombustionCo2At(input, fieldsUnder(''));
}

// ---------------------------------------------------------------------------------------------------------
// One fuel saving, by either method

export type Co2Method = 'gd-form' | 'ghg-guideline';

export interface Co2OfFuelSavingInput {
  /** `gd-form` (注13 standard-coal route, default) or `ghg-guideline` (fuel-specific). */
  method?: Co2Method;
  /** A guideline fuel id, or for `gd-form` also `coal`/`raw-coal`/`oil`. */
  fuel: string;
  /** The saving (negative: an increase). */
  quantity: Quantity;
  /** `gd-form`, natural gas: within [1.1000, 1.3300] kgce/m3; default 1.2143. */
  gasCoefficient_kgcePerM3?: number;
  /** `ghg-guideline` parameters. */
  ncv?: Quantity;
  carbonContent_tCPerTJ?: number;
  oxidation?: number;
}

export interface FuelSavingCo2 {
  tCO2: number;
  method: Co2Method;
}

type GdClass = 'coal' | 'oil' | 'gas';

/** How 注13 treats a fuel: coal as standard coal, oil products at crude oil's 1.4286, natural gas. */
function gdClassOf(fuelName: string): GdClass | undefined {
  const s = fuelName.trim();
  if (['coal', 'raw-coal', 'standard-coal', '煤', '煤炭', '原煤', '标准煤'].includes(s)) return 'coal';
  if (['oil', '油', '油品'].includes(s)) return 'oil';
  const f = findGhgFuel(s);
  if (!f) return undefined;
  if (GHG_COAL_FUEL_IDS.some((id) => id === f.id)) return 'coal';
  if (GHG_OIL_FUEL_IDS.some((id) => id === f.id)) return 'oil';
  if (f.id === 'natural-gas') return 'gas';
  return undefined;
}

/** `co2OfFuelSaving` with field paths under `at`. */
export function co2OfFuelSavingAt(input: Co2OfFuelSavingInput, at: FieldAt): Traced<FuelSavingCo2> {
  if (typeof input !== 'object' || input === null) {
    throw new CpError('VALIDATION', 'fuel-saving input must be an object');
  }
  const method = input.method ?? 'gd-form';
  if (method !== 'gd-form' && method !== 'ghg-guideline') {
    throw new CpError('VALIDATION', `${at('method')} must be 'gd-form' or 'ghg-guideline'`, {
      field: at('method'),
    });
  }
  if (method === 'ghg-guideline') {
    if (input.gasCoefficient_kgcePerM3 !== undefined) {
      const field = at('gasCoefficient_kgcePerM3');
      throw new CpError('VALIDATION', `${field} belongs to method 'gd-form'`, { field });
    }
    const fuelField = at('fuel');
    if (typeof input.fuel === 'string' && gdClassOf(input.fuel) === 'coal' && !findGhgFuel(input.fuel)) {
      throw new CpError(
        'VALIDATION',
        `${fuelField}: the guideline needs the coal type (${GHG_COAL_FUEL_IDS.join(', ')}), not "${input.fuel}"`,
        { field: fuelField },
      );
    }
    const r = fuelCombustionCo2At({ ...input, allowNegative: true }, at);
    return { value: { tCO2: r.value.tCO2, method }, breakdown: r.breakdown };
  }

  // gd-form (注13)
  for (const key of ['ncv', 'carbonContent_tCPerTJ', 'oxidation'] as const) {
    if (input[key] !== undefined) {
      throw new CpError('VALIDATION', `${at(key)} belongs to method 'ghg-guideline'`, { field: at(key) });
    }
  }
  const fuelField = at('fuel');
  if (typeof input.fuel !== 'string')
    throw new CpError('VALIDATION', `${fuelField} must be a fuel id`, { field: fuelField });
  const cls = gdClassOf(input.fuel);
  if (!cls) {
    const known = findGhgFuel(input.fuel);
    throw new CpError(
      known ? 'NOT_COMPUTABLE' : 'UNKNOWN_REFERENCE',
      known
        ? `${fuelField}: 注13 gives no route for ${known.name}; use method 'ghg-guideline'`
        : `unknown fuel "${input.fuel}"`,
      { field: fuelField },
    );
  }
  const q = checkQuantity(input.quantity, at('quantity'), true);
  const qField = at('quantity.unit');
  let part: { tCO2: number; breakdown: Breakdown };
  if (cls === 'gas') {
    requireDimension(q.unit, 'volume', qField);
    const k = gasCoefficient(input.gasCoefficient_kgcePerM3, at('gasCoefficient_kgcePerM3'));
    part = naturalGasCo2Part(convertValue(q.value, q.unit, 'm3'), k);
  } else {
    requireDimension(q.unit, 'mass', qField);
    if (input.gasCoefficient_kgcePerM3 !== undefined) {
      const field = at('gasCoefficient_kgcePerM3');
      throw new CpError('VALIDATION', `${field} applies to natural gas only`, { field });
    }
    const t = convertValue(q.value, q.unit, 't');
    part = cls === 'coal' ? coalCo2Part(t) : oilCo2Part(t);
    const f = findGhgFuel(input.fuel);
    if (cls === 'oil' && f && f.id !== 'crude-oil') {
      part.breakdown.notes = [
        ...(part.breakdown.notes ?? []),
        `注13 converts every oil saving at crude oil's 1.4286 kgce/kg (${f.name} included)`,
      ];
    }
  }
  return { value: { tCO2: part.tCO2, method }, breakdown: part.breakdown };
}

/**
 * CO2 of one fuel saving by the chosen method: `gd-form` (Guangdong form 注13: coal as standard coal, oil at
 * 1.4286 kgce/kg, natural gas at 1.1000–1.3300 kgce/m3, × 2.7725 tCO2/tce) or `ghg-guideline` (fuel-specific).
 * Negative savings give negative CO2.
 */
export function co2OfFuelSaving(input: Co2OfFuelSavingInput): Traced<FuelSavingCo2> {
  return co2OfFuelSavingAt(input, fieldsUnder(''));
}

// ---------------------------------------------------------------------------------------------------------
// JSON input

/** JSON input of `fuelCombustionCo2`. */
export const fuelCombustionCo2InputSchema = z.strictObject({
  fuel: z.string().min(1),
  quantity: quantityJsonSchema,
  ncv: quantityJsonSchema.optional(),
  carbonContent_tCPerTJ: z.number().optional(),
  oxidation: z.number().optional(),
  allowNegative: z.boolean().optional(),
});

export function fuelCombustionCo2FromJson(json: unknown): Traced<FuelCo2> {
  return fuelCombustionCo2(parseInput(fuelCombustionCo2InputSchema, json, 'fuel combustion input'));
}

/** JSON input of `co2OfFuelSaving`. */
export const co2OfFuelSavingInputSchema = z.strictObject({
  method: z.enum(['gd-form', 'ghg-guideline']).optional(),
  fuel: z.string().min(1),
  quantity: quantityJsonSchema,
  gasCoefficient_kgcePerM3: z.number().optional(),
  ncv: quantityJsonSchema.optional(),
  carbonContent_tCPerTJ: z.number().optional(),
  oxidation: z.number().optional(),
});

export function co2OfFuelSavingFromJson(json: unknown): Traced<FuelSavingCo2> {
  return co2OfFuelSaving(parseInput(co2OfFuelSavingInputSchema, json, 'fuel saving input'));
}
