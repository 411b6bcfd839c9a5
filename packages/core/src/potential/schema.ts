/**
 * Input and result of the cleaner production potential (清洁生产潜力, 指南 7.2.1.3 现状分析): for each quantitative
 * indicator of an indicator system and each audited enterprise, what would be saved if the enterprise reached
 * level II (and level I), in tonnes of pollutant, tce, m³ of water, kWh, tCO2 and 万元; per enterprise, per indicator
 * and for the industry, ranked; and the targets it suggests.
 */
import { z } from 'zod';
import { gridSelectionSchema } from '../carbon/carbon-json.ts';
import { quantityJsonSchema } from '../energy/quantity-input.ts';
import { indicatorSystemSchema } from '../evaluation/schema.ts';
import { taxRateSelectionSchema } from '../tax/schema.ts';

/** What a unit of an indicator's gap saves. */
export const potentialSavesSchema = z.discriminatedUnion('kind', [
  /** Water: the saved quantity is a volume, reported in m³. */
  z.strictObject({ kind: z.literal('water') }),
  /** Energy: the saved quantity is standard coal (kgce, tce), reported in tce. */
  z.strictObject({ kind: z.literal('energy') }),
  /** Electricity: an energy quantity (kWh), reported in kWh and converted to tce and tCO2 via the grid factor. */
  z.strictObject({ kind: z.literal('electricity') }),
  /** A pollutant (catalogue key): the saved quantity is a mass, reported in t. */
  z.strictObject({
    kind: z.literal('pollutant'),
    pollutant: z.string().min(1),
    medium: z.enum(['water', 'air']),
  }),
  /** A raw material (zinc, nickel, …): the saved quantity is a mass, reported in t. */
  z.strictObject({ kind: z.literal('material'), name: z.string().min(1) }),
]);
export type PotentialSaves = z.output<typeof potentialSavesSchema>;
export type PotentialKind = PotentialSaves['kind'];

export const potentialIndicatorSchema = z.strictObject({
  /** A quantitative indicator of the system. */
  indicatorId: z.string().min(1),
  saves: potentialSavesSchema,
});

export const potentialEnterpriseSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  /** The production the intensities are per (the denominator of the indicator units), per year. */
  production: quantityJsonSchema,
  /** Actual values per indicator id, in the indicator's unit. */
  values: z.record(z.string().min(1), z.number()),
  /**
   * For a utilisation rate (unit %, 'ge'): the annual consumption the rate applies to, per indicator id
   * (saved = consumption × (1 − actual ÷ level)).
   */
  consumption: z.record(z.string().min(1), quantityJsonSchema).default({}),
});
export type PotentialEnterprise = z.output<typeof potentialEnterpriseSchema>;

export const potentialInputSchema = z
  .strictObject({
    /** A built-in indicator system by id, or a system given in full. */
    systemId: z.string().min(1).optional(),
    system: indicatorSystemSchema.optional(),
    levels: z
      .array(z.enum(['I', 'II']))
      .min(1)
      .default(['II', 'I']),
    indicators: z.array(potentialIndicatorSchema).min(1),
    enterprises: z.array(potentialEnterpriseSchema).min(1),
    prices: z
      .strictObject({
        energy_yuanPerTce: z.number().optional(),
        electricity_yuanPerKWh: z.number().optional(),
        water_yuanPerM3: z.number().optional(),
      })
      .default({}),
    /** Tax rates for the avoided environmental tax of pollutant savings. */
    taxRates: taxRateSelectionSchema.optional(),
    /** Grid factor for the CO2 of electricity savings. */
    grid: gridSelectionSchema.optional(),
  })
  .refine((i) => (i.systemId === undefined) !== (i.system === undefined), {
    message: 'give exactly one of systemId and system',
    path: ['systemId'],
  });
export type PotentialInput = z.output<typeof potentialInputSchema>;
export type PotentialInputJson = z.input<typeof potentialInputSchema>;

/** Savings in every unit the potential reports. */
export interface PotentialAmounts {
  water_m3: number;
  energy_tce: number;
  electricity_kWh: number;
  co2_t: number;
  /** Pollutant key → t. */
  pollutants_t: Record<string, number>;
  /** Material name → t. */
  materials_t: Record<string, number>;
  tax_wanYuan: number;
  energyCost_wanYuan: number;
  waterCost_wanYuan: number;
  total_wanYuan: number;
}

export interface PotentialLine {
  enterpriseId: string;
  enterpriseName: string;
  indicatorId: string;
  indicatorName: string;
  unit: string;
  direction: 'le' | 'ge';
  level: 'I' | 'II';
  actual: number;
  levelValue: number;
  /** How far the enterprise is from the level, in the indicator's unit (> 0 = worse than the level). */
  gap: number;
  /** Saved quantity in the numerator unit of the indicator (or of the consumption), 0 when not worse. */
  saved: { value: number; unit: string };
  amounts: PotentialAmounts;
}

export interface PotentialTarget {
  /** What is reduced, e.g. 'COD', '新鲜水', '综合能耗'. */
  item: string;
  unit: string;
  /** Present total of the enterprises (Σ actual × production), where computable. */
  current: number | null;
  reduction: number;
  percent: number | null;
  text: string;
}

export interface PotentialAtLevel {
  level: 'I' | 'II';
  lines: PotentialLine[];
  /**
   * Ranked by 万元, then by `share`: Σ over indicators of the enterprise's part of the industry's saving of that
   * indicator (unit-free; 1 = all of one indicator's potential).
   */
  byEnterprise: { id: string; name: string; rank: number; share: number; amounts: PotentialAmounts }[];
  byIndicator: {
    indicatorId: string;
    name: string;
    rank: number;
    enterprisesWorse: number;
    saved: { value: number; unit: string };
    /** Present total of the enterprises in the saved quantity's unit (Σ actual × production, or Σ consumption). */
    current: { value: number; unit: string } | null;
    /** saved ÷ current × 100 (ranked by 万元, then by this). */
    percent: number | null;
    amounts: PotentialAmounts;
  }[];
  industry: PotentialAmounts;
  targets: PotentialTarget[];
}

export interface PotentialResult {
  systemId: string;
  levels: PotentialAtLevel[];
  /** What was left out and why (missing benchmarks, values, prices, grid factor). */
  notes: string[];
}
