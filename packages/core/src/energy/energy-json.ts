/**
 * `energyFromJson`: the energy calculation the CLI and API run on one JSON document — a list of carriers with
 * quantities → per-carrier tce, 综合能耗 total, and optional intensities (per product, per output value …).
 */
import { z } from 'zod';
import { CpError } from '../errors.ts';
import { parseInput } from '../reference/zod.ts';
import type { Breakdown, Traced } from '../trace.ts';
import { traced } from '../trace.ts';
import type { Quantity } from '../units/units.ts';
import { intensityAt } from './intensity.ts';
import { quantityJsonSchema } from './quantity-input.ts';
import {
  CLAUSE_COMPREHENSIVE_ENERGY,
  type ComprehensiveEnergyItem,
  type ComprehensiveEnergyLine,
  comprehensiveEnergyAt,
  comprehensiveEnergyItemSchema,
} from './standard-coal.ts';

export interface EnergyIntensityRequest {
  /** e.g. `单位产品综合能耗（镀件）`. */
  name: string;
  /** Product output, output value, area … */
  denominator: Quantity;
  /** e.g. `kgce/t`, `tce/万元`. Default `tce/<denominator unit>`. */
  unit?: string;
  /** Indexes of the items inside this product's boundary. Default: all items (the total). */
  items?: readonly number[];
}

export interface EnergyInput {
  items: readonly ComprehensiveEnergyItem[];
  excludeRawMaterialUse?: boolean;
  intensities?: readonly EnergyIntensityRequest[];
}

export interface EnergyIntensityResult {
  name: string;
  numerator_tce: number;
  intensity: number;
  unit: string;
}

export interface EnergyResult {
  items: ComprehensiveEnergyLine[];
  total_tce: number;
  intensities: EnergyIntensityResult[];
}

/** JSON input of `energyFromJson`. */
export const energyInputSchema = z.strictObject({
  items: z.array(comprehensiveEnergyItemSchema),
  excludeRawMaterialUse: z.boolean().optional(),
  intensities: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        denominator: quantityJsonSchema,
        unit: z.string().min(1).optional(),
        items: z.array(z.int().nonnegative()).optional(),
      }),
    )
    .optional(),
});

/** Per-carrier tce, the 综合能耗 total and the intensities asked for. */
export function energyCalculation(input: EnergyInput): Traced<EnergyResult> {
  const ce = comprehensiveEnergyAt(
    { items: input.items, excludeRawMaterialUse: input.excludeRawMaterialUse === true },
    '',
  );
  const steps: Breakdown[] = [ce.breakdown];
  const intensities: EnergyIntensityResult[] = [];
  (input.intensities ?? []).forEach((req, i) => {
    let numerator_tce = ce.value.total_tce;
    if (req.items !== undefined) {
      numerator_tce = 0;
      req.items.forEach((index, j) => {
        const line = ce.value.items[index];
        if (!Number.isInteger(index) || line === undefined) {
          const field = `intensities.${i}.items.${j}`;
          throw new CpError('VALIDATION', `${field}: no energy item ${index}`, { field });
        }
        numerator_tce += line.contribution_tce;
      });
    }
    if (numerator_tce < 0) {
      const field = `intensities.${i}`;
      throw new CpError('NOT_COMPUTABLE', `${field}: the energy inside this boundary is negative`, { field });
    }
    const r = intensityAt(
      {
        name: req.name,
        numerator: { value: numerator_tce, unit: 'tce' },
        denominator: req.denominator,
        ...(req.unit === undefined ? {} : { unit: req.unit }),
      },
      `intensities.${i}`,
    );
    intensities.push({ name: req.name, numerator_tce, intensity: r.value.intensity, unit: r.value.unit });
    steps.push(r.breakdown);
  });
  return traced(
    { items: ce.value.items, total_tce: ce.value.total_tce, intensities },
    {
      label: '能源消耗：折标准煤、综合能耗与强度',
      clause: CLAUSE_COMPREHENSIVE_ENERGY,
      inputs: [
        { name: 'items', value: input.items.length },
        { name: 'intensities', value: intensities.length },
      ],
      factors: [],
      result: ce.value.total_tce,
      unit: 'tce',
      steps,
    },
  );
}

/** Parses the JSON with `energyInputSchema` (VALIDATION naming the field) and runs `energyCalculation`. */
export function energyFromJson(json: unknown): Traced<EnergyResult> {
  return energyCalculation(parseInput(energyInputSchema, json, 'energy input'));
}
