/**
 * CO2 of energy savings per the Guangdong performance form, footnotes 13–14 (seed, 《广东省强制性清洁生产审核
 * 绩效表》):
 * - 节电: saved electricity × the regional grid factor of the year;
 * - 节煤: coal saved counts as standard coal (我国各省份节约煤炭全部按照标准煤计算) × 2.7725 tCO2/tce, where
 *   2.7725 = 29.3076 GJ/t × 94.6 kgCO2/GJ ÷ 1000;
 * - 节油: × 1.4286 kgce/kg (原油, GB/T 2589-2020 表A.1) → tce → × 2.7725;
 * - 节天然气: × 1.1000–1.3300 kgce/m3 (GB/T 2589-2020 表A.1) → tce → × 2.7725;
 * - 碳减排总量 = the sum of the four (注14).
 *
 * A negative saving (an option that increases use) gives a negative CO2 reduction: it is kept, not clipped.
 */
import { z } from 'zod';
import { findStandardCoalCoefficient, type StandardCoalCoefficient } from '../energy/coefficients.ts';
import { type FieldAt, fieldsUnder } from '../energy/quantity-input.ts';
import { CpError, requireFinite } from '../errors.ts';
import { SRC_GD_FORM } from '../reference/source.ts';
import { parseInput } from '../reference/zod.ts';
import type { Breakdown, FactorRef, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import { convertValue } from '../units/units.ts';
import {
  checkGridFactorValue,
  GRID_SERIES,
  type GridFactor,
  gridFactorJsonSchema,
  isGridSeriesId,
} from './grid-factors.ts';

function tableRow(id: string): StandardCoalCoefficient {
  const row = findStandardCoalCoefficient(id);
  if (!row) throw new CpError('INTERNAL', `coefficient table lacks ${id}`);
  return row;
}

const OIL_ROW = tableRow('gbt2589-2020-gd.crude-oil');
const GAS_ROW = tableRow('gbt2589-2020-gd.natural-gas');
const GASFIELD_ROW = tableRow('gbt2589-2008.gasfield-gas');

/** 2.7725 tCO2/tce, as printed in 注13 (29.3076 × 94.6 / 1000 = 2.77249896 → 2.7725). */
export const CO2_PER_TCE: FactorRef = {
  id: 'gd-form.note13.co2-per-tce',
  name: '标准煤CO2排放因子',
  value: 2.7725,
  unit: 'tCO2/tce',
  source: {
    ...SRC_GD_FORM('注13 节煤的碳减排量计算方法'),
    note: '29.3076 GJ/t × 94.6 kgCO2/GJ ÷ 1000 = 2.77249896, printed as 2.7725',
  },
};

/** 29.3076 GJ/tce, the standard-coal NCV of 注13. */
export const STANDARD_COAL_NCV: FactorRef = {
  id: 'gd-form.note13.standard-coal-ncv',
  name: '标准煤低位发热量',
  value: 29.3076,
  unit: 'GJ/tce',
  source: SRC_GD_FORM('注13 节煤的碳减排量计算方法'),
};

/** 94.6 kgCO2/GJ of 注13 (the IPCC 2006 default for other bituminous coal). */
export const STANDARD_COAL_CO2_PER_GJ: FactorRef = {
  id: 'gd-form.note13.co2-per-gj',
  name: '单位热值CO2排放因子',
  value: 94.6,
  unit: 'kgCO2/GJ',
  source: {
    ...SRC_GD_FORM('注13 节煤的碳减排量计算方法'),
    note: 'IPCC 2006 default for other bituminous coal',
  },
};

/** 注13: 我国各省份节约煤炭全部按照标准煤计算 — 1 t of coal saved = 1 tce. */
export const COAL_AS_STANDARD_COAL: FactorRef = {
  id: 'gd-form.note13.coal-as-standard-coal',
  name: '节约煤炭按标准煤计算',
  value: 1,
  unit: 'tce/t',
  source: SRC_GD_FORM('注13 我国各省份节约煤炭全部按照标准煤计算'),
};

/** 1.4286 kgce/kg (原油, 41 868 kJ/kg), 注13 citing GB/T 2589-2020 表A.1. */
export const GD_OIL_COEFFICIENT: FactorRef = {
  id: OIL_ROW.id,
  name: '原油折标准煤系数',
  value: OIL_ROW.coefficient.default,
  unit: OIL_ROW.coefficient.unit,
  source: OIL_ROW.source,
};

/** 注13's natural-gas range (kgce/m3) and the default chosen inside it. */
export const GD_GAS_COEFFICIENT_RANGE = {
  min_kgcePerM3: GAS_ROW.coefficient.min,
  max_kgcePerM3: GAS_ROW.coefficient.max,
  default_kgcePerM3: GAS_ROW.coefficient.default,
  source: GAS_ROW.source,
} as const;

/**
 * The default natural-gas coefficient: 1.2143 kgce/m3, the GB/T 2589-2008 气田天然气 value, inside 注13's
 * range 1.1000–1.3300. The form leaves the choice to the filer; this default is cpaudit's, stated here.
 */
export const GD_GAS_COEFFICIENT_DEFAULT: FactorRef = {
  id: 'gd-form.note13.natural-gas.default',
  name: '天然气折标准煤系数（默认取气田天然气 1.2143）',
  value: GAS_ROW.coefficient.default,
  unit: GAS_ROW.coefficient.unit,
  source: {
    ...GASFIELD_ROW.source,
    note:
      `cpaudit's default inside the 注13 range ${GAS_ROW.coefficient.min}–${GAS_ROW.coefficient.max} kgce/m3: ` +
      `the GB/T 2589-2008 气田天然气 value ${GASFIELD_ROW.coefficient.default} kgce/m3`,
  },
};

if (GASFIELD_ROW.coefficient.default !== GAS_ROW.coefficient.default) {
  throw new CpError('INTERNAL', 'the natural-gas default must be the 气田天然气 value');
}

export interface SavingsCo2Input {
  /** 节电 (度). */
  electricity_kWh: number;
  /** 节煤: counted as standard coal, 1 t = 1 tce (注13). */
  coal_t: number;
  /** 节油: × 1.4286 kgce/kg → tce → × 2.7725. */
  oil_t: number;
  /** 节天然气: × coefficient kgce/m3 → tce → × 2.7725. */
  naturalGas_m3: number;
  /** 区域电网排放因子 of the year. */
  gridFactor: GridFactor;
  /** Within [1.1000, 1.3300]; default 1.2143. */
  gasCoefficient_kgcePerM3?: number;
}

export interface SavingsCo2 {
  electricity_tCO2: number;
  coal_tCO2: number;
  oil_tCO2: number;
  naturalGas_tCO2: number;
  total_tCO2: number;
}

export const CLAUSE_SAVINGS_CO2 = SRC_GD_FORM('注13、注14');

interface Part {
  tCO2: number;
  breakdown: Breakdown;
}

/** A grid factor as a FactorRef for breakdowns. */
export function gridFactorRef(g: GridFactor): FactorRef {
  const seriesName = isGridSeriesId(g.series) ? GRID_SERIES[g.series].name : g.series;
  return {
    id: g.id,
    name: `${g.name ?? seriesName}（${g.region}${g.dataYear ? ` ${g.dataYear}` : ''}）`,
    value: g.value_tCO2PerMWh,
    unit: 'tCO2/MWh',
    source: g.source,
  };
}

/** Checks a GridFactor given at run time (value finite, ≥ 0, plausible). */
export function checkGridFactor(g: unknown, field: string): GridFactor {
  const parsed = gridFactorJsonSchema.safeParse(g);
  if (!parsed.success) {
    throw new CpError(
      'VALIDATION',
      `${field} must be a grid factor (see findGridFactor / gridFactorFromUser)`,
      {
        field,
      },
    );
  }
  checkGridFactorValue(parsed.data.value_tCO2PerMWh, `${field}.value_tCO2PerMWh`);
  return parsed.data;
}

/** 注13 节电: E = Q [MWh] × EF_grid [tCO2/MWh]. */
export function electricityCo2Part(electricity_kWh: number, grid: GridFactor): Part {
  const tCO2 = convertValue(electricity_kWh, 'kWh', 'MWh') * grid.value_tCO2PerMWh;
  const notes: string[] = [];
  if (grid.note) notes.push(grid.note);
  if (grid.series !== 'cdm-om') {
    notes.push(
      `注13 names "所在区域当年国家电网公布的排放因子系数（OM计算法）"; the factor used is of series ${grid.series}`,
    );
  }
  return {
    tCO2,
    breakdown: {
      label: '节电的碳减排量',
      formula: 'E = Q_电 × EF_电网',
      clause: SRC_GD_FORM('注13 节电的碳减排量计算方法'),
      inputs: [{ name: 'electricity', value: electricity_kWh, unit: 'kWh' }],
      factors: [gridFactorRef(grid)],
      result: tCO2,
      unit: 'tCO2',
      ...(notes.length ? { notes } : {}),
    },
  };
}

/** 注13 节煤: E = Q [t] × 1 tce/t × 2.7725 tCO2/tce. */
export function coalCo2Part(coal_t: number): Part {
  const tce = coal_t * COAL_AS_STANDARD_COAL.value;
  const tCO2 = tce * CO2_PER_TCE.value;
  return {
    tCO2,
    breakdown: {
      label: '节煤的碳减排量',
      formula: 'E = Q_煤 [t] × 1 tce/t × 2.7725 tCO2/tce',
      clause: SRC_GD_FORM('注13 节煤的碳减排量计算方法'),
      inputs: [{ name: 'coal', value: coal_t, unit: 't' }],
      factors: [COAL_AS_STANDARD_COAL, CO2_PER_TCE, STANDARD_COAL_NCV, STANDARD_COAL_CO2_PER_GJ],
      result: tCO2,
      unit: 'tCO2',
    },
  };
}

/** 注13 节油: E = Q [kg] × 1.4286 kgce/kg → tce × 2.7725 tCO2/tce. */
export function oilCo2Part(oil_t: number): Part {
  const tce = convertValue(convertValue(oil_t, 't', 'kg') * GD_OIL_COEFFICIENT.value, 'kgce', 'tce');
  const tCO2 = tce * CO2_PER_TCE.value;
  return {
    tCO2,
    breakdown: {
      label: '节油的碳减排量',
      formula: 'E = Q_油 × 1.4286 kgce/kg × 2.7725 tCO2/tce',
      clause: SRC_GD_FORM('注13 节油的碳减排量计算方法'),
      inputs: [{ name: 'oil', value: oil_t, unit: 't' }],
      factors: [GD_OIL_COEFFICIENT, CO2_PER_TCE],
      result: tCO2,
      unit: 'tCO2',
      notes: [`${oil_t} t × 1000 kg/t × ${GD_OIL_COEFFICIENT.value} kgce/kg = ${tce} tce`],
    },
  };
}

/** Resolves the natural-gas coefficient: default 1.2143, or the user's within [1.1000, 1.3300]. */
export function gasCoefficient(value: unknown, field: string): FactorRef {
  if (value === undefined) return GD_GAS_COEFFICIENT_DEFAULT;
  const v = requireFinite(value, field);
  const { min_kgcePerM3: min, max_kgcePerM3: max } = GD_GAS_COEFFICIENT_RANGE;
  if (v < min || v > max) {
    throw new CpError('VALIDATION', `${field} must lie within ${min}–${max} kgce/m3 (注13), got ${v}`, {
      field,
    });
  }
  return {
    id: 'gd-form.note13.natural-gas.user',
    name: '天然气折标准煤系数（用户在注13范围内选定）',
    value: v,
    unit: GAS_ROW.coefficient.unit,
    source: {
      document: GD_GAS_COEFFICIENT_RANGE.source.document,
      clause: GD_GAS_COEFFICIENT_RANGE.source.clause,
      status: 'user',
      note: `chosen by the user within the 注13 range ${min}–${max} kgce/m3`,
    },
  };
}

/** 注13 节天然气: E = Q [m3] × k kgce/m3 → tce × 2.7725 tCO2/tce. */
export function naturalGasCo2Part(naturalGas_m3: number, k: FactorRef): Part {
  const tce = convertValue(naturalGas_m3 * k.value, 'kgce', 'tce');
  const tCO2 = tce * CO2_PER_TCE.value;
  return {
    tCO2,
    breakdown: {
      label: '节天然气的碳减排量',
      formula: 'E = Q_气 × k kgce/m3 × 2.7725 tCO2/tce',
      clause: SRC_GD_FORM('注13 节天然气的碳减排量'),
      inputs: [{ name: 'naturalGas', value: naturalGas_m3, unit: 'm3' }],
      factors: [k, CO2_PER_TCE],
      result: tCO2,
      unit: 'tCO2',
      notes: [
        `${naturalGas_m3} m3 × ${k.value} kgce/m3 = ${tce} tce; 注13 range ` +
          `${GD_GAS_COEFFICIENT_RANGE.min_kgcePerM3}–${GD_GAS_COEFFICIENT_RANGE.max_kgcePerM3} kgce/m3`,
      ],
    },
  };
}

/** `co2FromSavings` with the field paths given by `at` (JSON callers). */
export function co2FromSavingsAt(input: SavingsCo2Input, at: FieldAt): Traced<SavingsCo2> {
  if (typeof input !== 'object' || input === null) {
    throw new CpError('VALIDATION', 'savings input must be an object');
  }
  const electricity_kWh = requireFinite(input.electricity_kWh, at('electricity_kWh'));
  const coal_t = requireFinite(input.coal_t, at('coal_t'));
  const oil_t = requireFinite(input.oil_t, at('oil_t'));
  const naturalGas_m3 = requireFinite(input.naturalGas_m3, at('naturalGas_m3'));
  const grid = checkGridFactor(input.gridFactor, at('gridFactor'));
  const k = gasCoefficient(input.gasCoefficient_kgcePerM3, at('gasCoefficient_kgcePerM3'));

  const e = electricityCo2Part(electricity_kWh, grid);
  const c = coalCo2Part(coal_t);
  const o = oilCo2Part(oil_t);
  const g = naturalGasCo2Part(naturalGas_m3, k);
  // 注14: 碳减排总量 = 节电 + 节煤 + 节油 + 节天然气.
  const total_tCO2 = e.tCO2 + c.tCO2 + o.tCO2 + g.tCO2;
  const notes: string[] = [];
  if ([electricity_kWh, coal_t, oil_t, naturalGas_m3].some((v) => v < 0)) {
    notes.push('a negative saving (use increased) gives a negative CO2 reduction; it is kept, not clipped');
  }
  return traced(
    {
      electricity_tCO2: e.tCO2,
      coal_tCO2: c.tCO2,
      oil_tCO2: o.tCO2,
      naturalGas_tCO2: g.tCO2,
      total_tCO2,
    },
    {
      label: '碳减排总量（广东绩效表注13、注14）',
      formula: 'E = E_电 + E_煤 + E_油 + E_气',
      clause: CLAUSE_SAVINGS_CO2,
      inputs: [
        { name: 'electricity', value: electricity_kWh, unit: 'kWh' },
        { name: 'coal', value: coal_t, unit: 't' },
        { name: 'oil', value: oil_t, unit: 't' },
        { name: 'naturalGas', value: naturalGas_m3, unit: 'm3' },
      ],
      factors: [gridFactorRef(grid), CO2_PER_TCE, GD_OIL_COEFFICIENT, k],
      result: total_tCO2,
      unit: 'tCO2',
      steps: [e.breakdown, c.breakdown, o.breakdown, g.breakdown],
      ...(notes.length ? { notes } : {}),
    },
  );
}

/**
 * CO2 reductions of the savings of electricity, coal, oil and natural gas (Guangdong form 注13), and their
 * total (注14). Negative savings give negative CO2.
 * @throws CpError VALIDATION naming the field: a NaN/infinite amount, a malformed grid factor, a gas
 *   coefficient outside [1.1000, 1.3300].
 */
export function co2FromSavings(input: SavingsCo2Input): Traced<SavingsCo2> {
  return co2FromSavingsAt(input, fieldsUnder(''));
}

/** JSON input of `co2FromSavings` (the grid factor as an object; see `carbonInputSchema` to look one up). */
export const savingsCo2InputSchema = z.strictObject({
  electricity_kWh: z.number(),
  coal_t: z.number(),
  oil_t: z.number(),
  naturalGas_m3: z.number(),
  gridFactor: gridFactorJsonSchema,
  gasCoefficient_kgcePerM3: z.number().optional(),
});

export function co2FromSavingsFromJson(json: unknown): Traced<SavingsCo2> {
  return co2FromSavings(parseInput(savingsCo2InputSchema, json, 'savings CO2 input'));
}
