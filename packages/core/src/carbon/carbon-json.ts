/**
 * `carbonFromJson`: the CO2 of an option's (or an enterprise's) savings as the CLI and API send it —
 * `{ savings, grid: { region, dataYear?, series? } | { value_tCO2PerMWh, name }, gasCoefficient_kgcePerM3?,
 * method?, fuels? }`.
 *
 * Method `gd-form` (default) is the Guangdong form 注13–14; `ghg-guideline` converts coal, oil and gas with
 * the fuel-specific parameters of the GHG accounting guideline (the coal type must then be named) and the
 * electricity with the same grid factor.
 */
import { z } from 'zod';
import { fieldsUnder } from '../energy/quantity-input.ts';
import { CpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import type { Breakdown, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import {
  type Co2Method,
  fuelCombustionCo2At,
  GHG_COAL_FUEL_IDS,
  GHG_OIL_FUEL_IDS,
  SRC_GHG_GUIDELINE_FUELS,
} from './fuel-ghg.ts';
import { findGridFactor, type GridFactor, gridFactorFromUser } from './grid-factors.ts';
import { co2FromSavingsAt, electricityCo2Part, gridFactorRef, type SavingsCo2 } from './savings.ts';

/** How a calculation names its grid factor: look one up, or give one. */
export const gridSelectionSchema = z.union([
  z.strictObject({
    region: z.string().min(1),
    dataYear: z.int().optional(),
    series: z.string().min(1).optional(),
    fallbackToRegion: z.boolean().optional(),
  }),
  z.strictObject({
    value_tCO2PerMWh: z.number(),
    name: z.string().min(1),
    region: z.string().optional(),
    dataYear: z.int().optional(),
    document: z.string().optional(),
    url: z.string().optional(),
    note: z.string().optional(),
  }),
]);

export type GridSelection = z.infer<typeof gridSelectionSchema>;

/** The grid factor a selection names (errors name fields under `fieldPrefix`, default `grid`). */
export function resolveGridSelection(selection: GridSelection, fieldPrefix = 'grid'): GridFactor {
  if ('value_tCO2PerMWh' in selection) return gridFactorFromUser(selection, fieldPrefix);
  return findGridFactor(selection, fieldPrefix);
}

const savingsJsonSchema = z.strictObject({
  electricity_kWh: z.number().default(0),
  coal_t: z.number().default(0),
  oil_t: z.number().default(0),
  naturalGas_m3: z.number().default(0),
});

/** JSON input of `carbonFromJson`. */
export const carbonInputSchema = z.strictObject({
  savings: savingsJsonSchema,
  grid: gridSelectionSchema,
  gasCoefficient_kgcePerM3: z.number().optional(),
  method: z.enum(['gd-form', 'ghg-guideline']).optional(),
  /** `ghg-guideline` only: which coal type and oil product the savings are. */
  fuels: z
    .strictObject({
      coal: z.enum(GHG_COAL_FUEL_IDS).optional(),
      oil: z.enum(GHG_OIL_FUEL_IDS).optional(),
    })
    .optional(),
});

export type CarbonInput = z.output<typeof carbonInputSchema>;

export interface CarbonResult extends SavingsCo2 {
  method: Co2Method;
  gridFactor: GridFactor;
}

function ghgGuidelineSavings(input: CarbonInput, grid: GridFactor): Traced<SavingsCo2> {
  const { electricity_kWh, coal_t, oil_t, naturalGas_m3 } = input.savings;
  const coalFuel = input.fuels?.coal;
  if (coal_t !== 0 && coalFuel === undefined) {
    throw new CpError('VALIDATION', `fuels.coal: name the coal type (${GHG_COAL_FUEL_IDS.join(', ')})`, {
      field: 'fuels.coal',
    });
  }
  const oilFuel = input.fuels?.oil ?? 'crude-oil';
  const e = electricityCo2Part(electricity_kWh, grid);
  const steps: Breakdown[] = [e.breakdown];
  const co2Of = (fuel: string, value: number, unit: string, field: string): number => {
    if (value === 0) return 0;
    const r = fuelCombustionCo2At({ fuel, quantity: { value, unit }, allowNegative: true }, (name) =>
      name.startsWith('quantity') ? `savings.${field}` : `fuels.${field}`,
    );
    steps.push(r.breakdown);
    return r.value.tCO2;
  };
  const coal_tCO2 = coalFuel === undefined ? 0 : co2Of(coalFuel, coal_t, 't', 'coal_t');
  const oil_tCO2 = co2Of(oilFuel, oil_t, 't', 'oil_t');
  const naturalGas_tCO2 = co2Of('natural-gas', naturalGas_m3, 'm3', 'naturalGas_m3');
  const total_tCO2 = e.tCO2 + coal_tCO2 + oil_tCO2 + naturalGas_tCO2;
  const notes = [`oil saving taken as ${oilFuel}${input.fuels?.oil ? '' : ' (default, as 注13 does)'}`];
  if ([electricity_kWh, coal_t, oil_t, naturalGas_m3].some((v) => v < 0)) {
    notes.push('a negative saving (use increased) gives a negative CO2 reduction; it is kept, not clipped');
  }
  return traced(
    { electricity_tCO2: e.tCO2, coal_tCO2, oil_tCO2, naturalGas_tCO2, total_tCO2 },
    {
      label: '碳减排总量（温室气体核算指南，分燃料）',
      formula: 'E = E_电 + Σ AD × NCV × CC × OF × 44/12',
      clause: SRC_GHG_GUIDELINE_FUELS,
      inputs: [
        { name: 'electricity', value: electricity_kWh, unit: 'kWh' },
        { name: 'coal', value: coal_t, unit: 't' },
        { name: 'oil', value: oil_t, unit: 't' },
        { name: 'naturalGas', value: naturalGas_m3, unit: 'm3' },
      ],
      factors: [gridFactorRef(grid)],
      result: total_tCO2,
      unit: 'tCO2',
      steps,
      notes,
    },
  );
}

/** Runs the carbon calculation on parsed input. */
export function carbonCalculation(input: CarbonInput): Traced<CarbonResult> {
  const gridFactor = resolveGridSelection(input.grid, 'grid');
  const method: Co2Method = input.method ?? 'gd-form';
  let r: Traced<SavingsCo2>;
  if (method === 'gd-form') {
    if (input.fuels !== undefined) {
      throw new CpError('VALIDATION', "fuels: applies to method 'ghg-guideline' only", { field: 'fuels' });
    }
    const savingsAt = fieldsUnder('savings');
    r = co2FromSavingsAt(
      { ...input.savings, gridFactor, gasCoefficient_kgcePerM3: input.gasCoefficient_kgcePerM3 },
      (name) =>
        name === 'gasCoefficient_kgcePerM3' ? name : name.startsWith('gridFactor') ? 'grid' : savingsAt(name),
    );
  } else {
    if (input.gasCoefficient_kgcePerM3 !== undefined) {
      throw new CpError('VALIDATION', "gasCoefficient_kgcePerM3: applies to method 'gd-form' only", {
        field: 'gasCoefficient_kgcePerM3',
      });
    }
    r = ghgGuidelineSavings(input, gridFactor);
  }
  return { value: { ...r.value, method, gridFactor }, breakdown: r.breakdown };
}

/** Parses the JSON with `carbonInputSchema` (VALIDATION naming the field) and runs `carbonCalculation`. */
export function carbonFromJson(json: unknown): Traced<CarbonResult> {
  return carbonCalculation(parseInput(carbonInputSchema, json, 'carbon input'));
}
