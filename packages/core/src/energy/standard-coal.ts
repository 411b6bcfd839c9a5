/**
 * 折标准煤 (conversion to standard coal) and 综合能耗 (comprehensive energy consumption), GB/T 2589.
 *
 * - With a coefficient: E_ce = Q × k, k from Table A.1 (or the reference table), chosen per carrier.
 * - With a measured net calorific value (实测低位发热量): E_ce [kgce] = Q × Q_net / 29 307.6 kJ/kgce
 *   (1 kgce = 7000 kcal = 29 307.6 kJ, GB/T 2589 3.x). A measured value replaces the reference coefficient.
 * - Electricity: 当量值 0.1229 kgce/kWh by default; 等价值 at the year's thermal coal rate given by the user,
 *   or the reference table's 4.04 tce/万kWh.
 * - 综合能耗 = Σ e_i × p_i over the energy consumed inside the boundary (GB/T 2589 3.5 and ch. 8).
 */
import { z } from 'zod';
import { CpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import type { Breakdown, FactorRef, InputRef, Source, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import {
  convertValue,
  dimensionOf,
  type Quantity,
  requireDimension,
  roundTo,
  unitOf,
} from '../units/units.ts';
import {
  coefficientFactorRef,
  type EnergyBasis,
  type EnergyCarrier,
  type EnergyCarrierId,
  findEnergyCarrier,
  findStandardCoalCoefficient,
  KJ_PER_KGCE,
  type StandardCoalCoefficient,
} from './coefficients.ts';
import {
  checkQuantity,
  type FieldAt,
  fieldsUnder,
  quantityJsonSchema,
  requirePositive,
  splitCompoundUnit,
} from './quantity-input.ts';

/** The clause implemented by `toStandardCoal`. */
export const CLAUSE_STANDARD_COAL: Source = {
  document: 'GB/T 2589-2020《综合能耗计算通则》',
  clause: '第8章 折算为标准煤的要求; 附录A 表A.1',
  url: 'https://www.duodown.com/biaozhun/61110619.html',
  status: 'verified-page',
  note:
    'the foreword (page) confirms chapter 8 and the revised Appendix A; the wording "measured NCV first, ' +
    'Table A.1 reference values otherwise" is UNVERIFIED against the text',
};

/** The clause implemented by `comprehensiveEnergy`. */
export const CLAUSE_COMPREHENSIVE_ENERGY: Source = {
  document: 'GB/T 2589-2020《综合能耗计算通则》',
  clause: '3.5 综合能耗; 第5章 边界划分; 第8章',
  url: 'https://www.duodown.com/biaozhun/61110619.html',
  status: 'verified-page',
  note:
    'the foreword (page) confirms these clauses exist and were revised in 2020; E = Σ e_i × p_i and the ' +
    'treatment of raw-material use and exported energy follow GB/T 2589-2008 as recalled (UNVERIFIED wording)',
};

/** A coefficient given by the user: a number in the row's unit, or a value with its own unit. */
export type CoefficientOverride = number | { value: number; unit?: string; note?: string };

export interface ToStandardCoalInput {
  /** Carrier id (`raw-coal`, `natural-gas`, `electricity` …) or its Chinese name (`原煤`). */
  carrier: string;
  /** The physical quantity (t, 万m3, 万kWh, GJ, …): its dimension must fit the carrier. */
  quantity: Quantity;
  /** 实测低位发热量 (kJ/kg, kcal/kg, GJ/t, kJ/m3 …): replaces the reference coefficient. */
  measuredNcv?: Quantity;
  /** Electricity only: 当量值 (default) or 等价值. */
  electricityBasis?: EnergyBasis;
  /** With `electricityBasis: 'equal-value'`: the year's thermal-power coal rate in gce/kWh. */
  equalValueCoalRate_gcePerKWh?: number;
  /** A specific row of the coefficient tables (e.g. `nbs.heat`, `gbt2589-2008.crude-oil`). */
  coefficientId?: string;
  /** A coefficient chosen by the user: inside a printed range it is a choice, otherwise a user value. */
  coefficientOverride?: CoefficientOverride;
  /** Allow a negative quantity (a saving that turns out as an increase). Default false. */
  allowNegative?: boolean;
}

export interface StandardCoal {
  tce: number;
}

interface ResolvedCoefficient {
  value: number;
  unit: string;
  factor: FactorRef;
  notes: string[];
}

function resolveCarrier(value: unknown, field: string): EnergyCarrier {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CpError('VALIDATION', `${field} must be a carrier id or name`, { field });
  }
  const c = findEnergyCarrier(value);
  if (!c) throw new CpError('UNKNOWN_REFERENCE', `unknown energy carrier "${value}"`, { field });
  return c;
}

function rowById(id: string, field: string): StandardCoalCoefficient {
  const row = findStandardCoalCoefficient(id);
  if (!row) throw new CpError('UNKNOWN_REFERENCE', `unknown standard-coal coefficient "${id}"`, { field });
  return row;
}

function defaultRow(c: EnergyCarrier): StandardCoalCoefficient {
  return rowById(c.defaultCoefficientId, 'carrier');
}

const ELECTRICITY_EQUIVALENT_ID = 'gbt2589-2008.electricity';
const ELECTRICITY_EQUAL_VALUE_ID = 'nbs.electricity';

function formatRange(row: StandardCoalCoefficient): string {
  const { min, max, unit } = row.coefficient;
  return min === max ? `${min} ${unit}` : `${min}–${max} ${unit}`;
}

function equalValueCoefficient(input: ToStandardCoalInput, at: FieldAt): ResolvedCoefficient {
  if (input.coefficientId !== undefined || input.coefficientOverride !== undefined) {
    const field = input.coefficientId !== undefined ? at('coefficientId') : at('coefficientOverride');
    throw new CpError(
      'VALIDATION',
      `${field}: with electricityBasis 'equal-value' give the year's coal rate in equalValueCoalRate_gcePerKWh`,
      { field },
    );
  }
  if (input.equalValueCoalRate_gcePerKWh === undefined) {
    const row = rowById(ELECTRICITY_EQUAL_VALUE_ID, at('electricityBasis'));
    return {
      value: row.coefficient.default,
      unit: row.coefficient.unit,
      factor: coefficientFactorRef(row),
      notes: [
        `电力按等价值折算: reference-table value ${formatRange(row)} (404 gce/kWh); ` +
          'give the year’s thermal coal rate (equalValueCoalRate_gcePerKWh) when it is known',
      ],
    };
  }
  const field = at('equalValueCoalRate_gcePerKWh');
  const rate = requirePositive(input.equalValueCoalRate_gcePerKWh, field);
  // 1 gce/kWh = 1 kgce/MWh exactly, so the rate is used as a kgce/MWh coefficient.
  const equivalentRow = rowById(ELECTRICITY_EQUIVALENT_ID, field);
  // Rounded to 9 decimals so that 0.1229 kgce/kWh reads as 122.9, not 122.89999999999999.
  const floor = roundTo(
    convertValue(equivalentRow.coefficient.default, equivalentRow.coefficient.unit, 'kgce/MWh'),
    9,
  );
  if (rate <= floor) {
    // 等价值 = primary energy per kWh produced; it exceeds the 当量值 (3600 kJ/kWh) at any real efficiency.
    throw new CpError(
      'VALIDATION',
      `${field} must exceed the 当量值 ${floor} gce/kWh (a thermal plant converts less than 100 %), got ${rate}`,
      { field },
    );
  }
  return {
    value: rate,
    unit: 'kgce/MWh',
    factor: {
      id: 'user.electricity.equal-value',
      name: '电力（等价值）：当年火电标准煤耗',
      value: rate,
      unit: 'kgce/MWh',
      source: {
        document: '用户提供：当年火电发电（供电）标准煤耗',
        status: 'user',
        note: '1 kgce/MWh = 1 gce/kWh',
      },
    },
    notes: [`电力按等价值折算 at the user's coal rate ${rate} gce/kWh`],
  };
}

function applyOverride(
  row: StandardCoalCoefficient,
  override: CoefficientOverride,
  at: FieldAt,
): ResolvedCoefficient {
  const o = typeof override === 'number' ? { value: override } : override;
  if (typeof o !== 'object' || o === null) {
    const field = at('coefficientOverride');
    throw new CpError('VALIDATION', `${field} must be a number or { value, unit? }`, { field });
  }
  const valueField =
    typeof override === 'number' ? at('coefficientOverride') : at('coefficientOverride.value');
  let value = requirePositive(o.value, valueField);
  const unit = row.coefficient.unit;
  if (o.unit !== undefined) {
    requireDimension(o.unit, dimensionOf(unit), at('coefficientOverride.unit'));
    value = convertValue(value, o.unit, unit);
  }
  const { min, max } = row.coefficient;
  if (min < max && value >= min && value <= max) {
    return {
      value,
      unit,
      factor: coefficientFactorRef(row, value),
      notes: [
        `${row.name}: ${value} ${unit} chosen by the user within the printed range ${formatRange(row)}`,
      ],
    };
  }
  const outside = value < min || value > max;
  return {
    value,
    unit,
    factor: {
      id: `user.${row.carrier}`,
      name: `${row.name} 折标准煤系数（用户提供）`,
      value,
      unit,
      source: {
        document: '用户提供的折标准煤系数',
        status: 'user',
        ...(o.note === undefined ? {} : { note: o.note }),
      },
    },
    notes: [
      `user coefficient ${value} ${unit} replaces ${row.id} (${formatRange(row)})` +
        (outside && min < max ? '; it lies outside the printed range' : ''),
    ],
  };
}

function resolveCoefficient(c: EnergyCarrier, input: ToStandardCoalInput, at: FieldAt): ResolvedCoefficient {
  const basis = input.electricityBasis;
  if (basis !== undefined && basis !== 'equivalent' && basis !== 'equal-value') {
    const field = at('electricityBasis');
    throw new CpError('VALIDATION', `${field} must be 'equivalent' or 'equal-value'`, { field });
  }
  if (basis === 'equal-value' && c.id !== 'electricity') {
    const field = at('electricityBasis');
    throw new CpError('VALIDATION', `${field}: 'equal-value' applies to electricity only, not ${c.name}`, {
      field,
    });
  }
  if (input.equalValueCoalRate_gcePerKWh !== undefined && basis !== 'equal-value') {
    const field = at('equalValueCoalRate_gcePerKWh');
    throw new CpError('VALIDATION', `${field} needs electricityBasis: 'equal-value'`, { field });
  }
  if (basis === 'equal-value') return equalValueCoefficient(input, at);

  let row = defaultRow(c);
  const notes: string[] = [];
  if (input.coefficientId !== undefined) {
    const field = at('coefficientId');
    row = rowById(input.coefficientId, field);
    if (row.carrier !== c.id) {
      throw new CpError('VALIDATION', `${field}: coefficient ${row.id} is for ${row.carrier}, not ${c.id}`, {
        field,
      });
    }
    if (basis === 'equivalent' && row.basis === 'equal-value' && c.id === 'electricity') {
      throw new CpError(
        'VALIDATION',
        `${field}: ${row.id} is an 等价值, but electricityBasis is 'equivalent'`,
        {
          field,
        },
      );
    }
  } else if (c.defaultNote) {
    notes.push(`${c.name}: default coefficient ${row.id} (${c.defaultNote})`);
  }
  if (input.coefficientOverride !== undefined) {
    const r = applyOverride(row, input.coefficientOverride, at);
    return { ...r, notes: [...notes, ...r.notes] };
  }
  const k = row.coefficient;
  if (k.min < k.max) {
    notes.push(
      `${row.name}: printed range ${formatRange(row)}; default ${k.default} ${k.unit}` +
        (k.defaultNote ? ` (${k.defaultNote})` : ''),
    );
  }
  return { value: k.default, unit: k.unit, factor: coefficientFactorRef(row), notes };
}

function quantityInput(q: Quantity): InputRef {
  return { name: 'quantity', value: q.value, unit: q.unit };
}

function unitMismatch(
  field: string,
  q: Quantity,
  expected: string,
  c: EnergyCarrier,
  coefUnit: string,
): CpError {
  const got = unitOf(q.unit, field).dimension;
  return new CpError(
    'UNIT',
    `${field}: unit "${q.unit}" is ${got}, expected ${expected} for ${c.name} (coefficient in ${coefUnit})`,
    { field },
  );
}

function viaMeasuredNcv(
  c: EnergyCarrier,
  q: Quantity,
  input: ToStandardCoalInput,
  at: FieldAt,
): Traced<StandardCoal> {
  const field = at('measuredNcv');
  const conflicting = (
    [
      ['coefficientId', input.coefficientId],
      ['coefficientOverride', input.coefficientOverride],
      ['equalValueCoalRate_gcePerKWh', input.equalValueCoalRate_gcePerKWh],
    ] as const
  ).find(([, v]) => v !== undefined);
  if (conflicting) {
    throw new CpError('VALIDATION', `${field}: give either a measured NCV or ${conflicting[0]}, not both`, {
      field,
    });
  }
  if (c.kind === 'electricity' || c.kind === 'medium') {
    throw new CpError('VALIDATION', `${field}: a measured NCV applies to fuels and steam, not to ${c.name}`, {
      field,
    });
  }
  const row = defaultRow(c);
  const { den } = splitCompoundUnit(row.coefficient.unit);
  const denDim = dimensionOf(den);
  const base = denDim === 'mass' ? 'kg' : denDim === 'volume' ? 'm3' : undefined;
  if (base === undefined) {
    throw new CpError(
      'VALIDATION',
      `${field}: ${c.name} is measured as energy; a calorific value does not apply`,
      {
        field,
      },
    );
  }
  const ncv = checkQuantity(input.measuredNcv, field);
  requirePositive(ncv.value, at('measuredNcv.value'));
  requireDimension(ncv.unit, denDim === 'mass' ? 'energy/mass' : 'energy/volume', at('measuredNcv.unit'));
  const qField = at('quantity.unit');
  if (unitOf(q.unit, qField).dimension !== denDim)
    throw unitMismatch(qField, q, denDim, c, row.coefficient.unit);

  // GB/T 2589: E_ce [kgce] = Q [kg or m3] × Q_net [kJ/kg or kJ/m3] / 29 307.6 kJ/kgce.
  const q_base = convertValue(q.value, q.unit, base);
  const ncv_kJPerBase = convertValue(ncv.value, ncv.unit, `kJ/${base}`);
  const kgce = (q_base * ncv_kJPerBase) / KJ_PER_KGCE.value;
  const tce = convertValue(kgce, 'kgce', 'tce');
  const implied_kgcePerBase = ncv_kJPerBase / KJ_PER_KGCE.value;
  const table_kgcePerBase = convertValue(row.coefficient.default, row.coefficient.unit, `kgce/${base}`);
  const ncvFactor: FactorRef = {
    id: `measured.${c.id}.ncv`,
    name: `${c.name} 实测低位发热量`,
    value: ncv.value,
    unit: ncv.unit,
    source: { document: '用户提供：实测低位发热量', status: 'user' },
  };
  return traced(
    { tce },
    {
      label: `折标准煤（实测热值）：${c.name}`,
      formula: 'E_ce [kgce] = Q × Q_net / 29 307.6 kJ/kgce',
      clause: CLAUSE_STANDARD_COAL,
      inputs: [
        { name: 'carrier', value: c.id },
        quantityInput(q),
        { name: 'measuredNcv', value: ncv.value, unit: ncv.unit },
      ],
      factors: [ncvFactor, KJ_PER_KGCE],
      result: tce,
      unit: 'tce',
      notes: [
        `measured NCV gives ${implied_kgcePerBase} kgce/${base}; the reference coefficient ${row.id} is ` +
          `${table_kgcePerBase} kgce/${base}`,
      ],
    },
  );
}

function toStandardCoalAt(input: ToStandardCoalInput, prefix: string): Traced<StandardCoal> {
  const at = fieldsUnder(prefix);
  if (typeof input !== 'object' || input === null) {
    throw new CpError('VALIDATION', 'standard-coal input must be an object', prefix ? { field: prefix } : {});
  }
  const c = resolveCarrier(input.carrier, at('carrier'));
  const q = checkQuantity(input.quantity, at('quantity'), input.allowNegative === true);
  if (input.measuredNcv !== undefined) return viaMeasuredNcv(c, q, input, at);

  const coef = resolveCoefficient(c, input, at);
  const { num, den } = splitCompoundUnit(coef.unit);
  const denDim = dimensionOf(den);
  const qField = at('quantity.unit');
  const qDim = unitOf(q.unit, qField).dimension;
  const factors: FactorRef[] = [coef.factor];
  const notes = [...coef.notes];
  let q_den: number;
  if (qDim === denDim) {
    q_den = convertValue(q.value, q.unit, den);
  } else if (c.density && qDim === 'volume' && denDim === 'mass') {
    // Volume → mass at the carrier's density (新鲜水: 1 m3 = 1 t).
    const mass_t =
      convertValue(q.value, q.unit, 'm3') * convertValue(c.density.value, c.density.unit, 't/m3');
    q_den = convertValue(mass_t, 't', den);
    factors.push(c.density);
    notes.push(`${c.name} given as volume: ${c.density.name}`);
  } else {
    throw unitMismatch(qField, q, denDim, c, coef.unit);
  }
  // GB/T 2589 ch. 8 / Table A.1: E_ce = Q × k, then expressed in tce.
  const tce = convertValue(q_den * coef.value, num, 'tce');
  if (c.kind === 'medium') {
    notes.push(
      `${c.name} is an energy-carrying medium (耗能工质, GB/T 2589 附录B): check whether the boundary counts it ` +
        '(purchased media are treated apart in the standard; UNVERIFIED wording)',
    );
  }
  if (q.value < 0) notes.push('negative quantity: converted as given (a saving that is an increase)');
  return traced(
    { tce },
    {
      label: `折标准煤：${c.name}`,
      formula: 'E_ce = Q × k',
      clause: CLAUSE_STANDARD_COAL,
      inputs: [{ name: 'carrier', value: c.id }, quantityInput(q)],
      factors,
      result: tce,
      unit: 'tce',
      notes,
    },
  );
}

/**
 * Converts a quantity of an energy carrier (or energy-carrying medium) to standard coal, GB/T 2589.
 * @throws CpError UNKNOWN_REFERENCE (carrier, coefficientId), UNIT (quantity of the wrong dimension),
 *   NEGATIVE_QUANTITY (negative quantity unless `allowNegative`), VALIDATION (conflicting options).
 */
export function toStandardCoal(input: ToStandardCoalInput): Traced<StandardCoal> {
  return toStandardCoalAt(input, '');
}

// ---------------------------------------------------------------------------------------------------------
// 综合能耗

export interface ComprehensiveEnergyItem extends Omit<ToStandardCoalInput, 'allowNegative'> {
  /** Shown in the breakdown (e.g. `外购电力`, `1#锅炉用煤`). */
  label?: string;
  /** `raw-material`: energy used as feedstock (原料用能). Counted unless `excludeRawMaterialUse`. */
  role?: 'energy' | 'raw-material';
  /** `output`: energy supplied outside the boundary (外供), deducted. Default `consumed`. */
  direction?: 'consumed' | 'output';
}

export interface ComprehensiveEnergyInput {
  items: readonly ComprehensiveEnergyItem[];
  /** Leave raw-material use out of the total (not GB/T 2589 综合能耗; e.g. policy statistics). Default false. */
  excludeRawMaterialUse?: boolean;
}

export interface ComprehensiveEnergyLine {
  index: number;
  carrier: EnergyCarrierId;
  label: string;
  role: 'energy' | 'raw-material';
  direction: 'consumed' | 'output';
  /** The item converted to standard coal (≥ 0). */
  tce: number;
  /** What it adds to the total: +tce, −tce for an output, 0 when left out. */
  contribution_tce: number;
  counted: boolean;
}

export interface ComprehensiveEnergy {
  total_tce: number;
  items: ComprehensiveEnergyLine[];
}

/** `comprehensiveEnergy` with field paths under `prefix` (used by `energyFromJson`). */
export function comprehensiveEnergyAt(
  input: ComprehensiveEnergyInput,
  prefix: string,
): Traced<ComprehensiveEnergy> {
  const at = fieldsUnder(prefix);
  if (typeof input !== 'object' || input === null || !Array.isArray(input.items)) {
    const field = at('items');
    throw new CpError('VALIDATION', `${field} must be a list of energy items`, { field });
  }
  const exclude = input.excludeRawMaterialUse === true;
  const lines: ComprehensiveEnergyLine[] = [];
  const steps: Breakdown[] = [];
  const notes: string[] = [
    'energy used as raw material (原料用能) is counted in 综合能耗 per GB/T 2589 unless excluded on purpose',
  ];
  let total = 0;
  input.items.forEach((item, index) => {
    const itemAt = fieldsUnder(at(`items.${index}`));
    const role = item.role ?? 'energy';
    const direction = item.direction ?? 'consumed';
    if (role !== 'energy' && role !== 'raw-material') {
      throw new CpError('VALIDATION', `${itemAt('role')} must be 'energy' or 'raw-material'`, {
        field: itemAt('role'),
      });
    }
    if (direction !== 'consumed' && direction !== 'output') {
      throw new CpError('VALIDATION', `${itemAt('direction')} must be 'consumed' or 'output'`, {
        field: itemAt('direction'),
      });
    }
    const r = toStandardCoalAt({ ...item, allowNegative: false }, at(`items.${index}`));
    const counted = !(exclude && role === 'raw-material');
    const sign = direction === 'output' ? -1 : 1;
    const contribution = counted ? sign * r.value.tce : 0;
    total += contribution;
    const carrier = resolveCarrier(item.carrier, itemAt('carrier'));
    const label = item.label ?? carrier.name;
    lines.push({
      index,
      carrier: carrier.id,
      label,
      role,
      direction,
      tce: r.value.tce,
      contribution_tce: contribution,
      counted,
    });
    const stepNotes = [...(r.breakdown.notes ?? [])];
    if (!counted) stepNotes.push('raw-material use left out (excludeRawMaterialUse)');
    if (direction === 'output') stepNotes.push('energy supplied outside the boundary: deducted');
    steps.push({ ...r.breakdown, label: `${label}（${r.breakdown.label}）`, notes: stepNotes });
  });
  if (exclude) notes.push('raw-material use excluded on request: the total is not GB/T 2589 综合能耗');
  if (total < 0)
    notes.push('negative total: the boundary supplies more energy than it consumes; check the items');
  return traced(
    { total_tce: total, items: lines },
    {
      label: '综合能耗',
      formula: 'E = Σ e_i × p_i (outputs deducted)',
      clause: CLAUSE_COMPREHENSIVE_ENERGY,
      inputs: [
        { name: 'items', value: input.items.length },
        { name: 'excludeRawMaterialUse', value: exclude },
      ],
      factors: [],
      result: total,
      unit: 'tce',
      steps,
      notes,
    },
  );
}

/**
 * 综合能耗: the sum of the items converted to standard coal (GB/T 2589 3.5), outputs deducted.
 * Quantities must not be negative (an energy supplied to others is an item with `direction: 'output'`).
 */
export function comprehensiveEnergy(input: ComprehensiveEnergyInput): Traced<ComprehensiveEnergy> {
  return comprehensiveEnergyAt(input, '');
}

// ---------------------------------------------------------------------------------------------------------
// JSON input

const coefficientOverrideJsonSchema = z.union([
  z.number(),
  z.strictObject({ value: z.number(), unit: z.string().min(1).optional(), note: z.string().optional() }),
]);

const standardCoalFields = {
  carrier: z.string().min(1),
  quantity: quantityJsonSchema,
  measuredNcv: quantityJsonSchema.optional(),
  electricityBasis: z.enum(['equivalent', 'equal-value']).optional(),
  equalValueCoalRate_gcePerKWh: z.number().optional(),
  coefficientId: z.string().min(1).optional(),
  coefficientOverride: coefficientOverrideJsonSchema.optional(),
};

/** JSON input of `toStandardCoal`. */
export const toStandardCoalInputSchema = z.strictObject({
  ...standardCoalFields,
  allowNegative: z.boolean().optional(),
});

/** One item of `comprehensiveEnergy` as JSON. */
export const comprehensiveEnergyItemSchema = z.strictObject({
  ...standardCoalFields,
  label: z.string().optional(),
  role: z.enum(['energy', 'raw-material']).optional(),
  direction: z.enum(['consumed', 'output']).optional(),
});

/** JSON input of `comprehensiveEnergy`. */
export const comprehensiveEnergyInputSchema = z.strictObject({
  items: z.array(comprehensiveEnergyItemSchema),
  excludeRawMaterialUse: z.boolean().optional(),
});

export function toStandardCoalFromJson(json: unknown): Traced<StandardCoal> {
  return toStandardCoal(parseInput(toStandardCoalInputSchema, json, 'standard-coal input'));
}

export function comprehensiveEnergyFromJson(json: unknown): Traced<ComprehensiveEnergy> {
  return comprehensiveEnergy(parseInput(comprehensiveEnergyInputSchema, json, 'comprehensive-energy input'));
}
