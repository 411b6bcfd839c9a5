/**
 * Input and result of the environmental protection tax (环境保护税) of an enterprise's outlets, and of the avoided tax
 * of an option (广东省强制性清洁生产审核绩效表 注15: 经济效益 counts the tax no longer paid).
 */
import { z } from 'zod';

/** The rates: looked up by province (and city, for Jiangsu), or given (元 per pollution equivalent). */
export const taxRateSelectionSchema = z.union([
  z.strictObject({
    province: z.string().min(1),
    city: z.string().min(1).optional(),
  }),
  z.strictObject({
    air_yuanPerEq: z.number(),
    water_yuanPerEq: z.number(),
    document: z.string().min(1).optional(),
  }),
]);
export type TaxRateSelection = z.output<typeof taxRateSelectionSchema>;

export const taxPollutantSchema = z.strictObject({
  pollutant: z.string().min(1),
  /** Emitted in the period, kg. */
  emitted_kg: z.number(),
});

export const taxOutletSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1).optional(),
  medium: z.enum(['water', 'air']),
  pollutants: z.array(taxPollutantSchema).min(1),
});
export type TaxOutlet = z.output<typeof taxOutletSchema>;

export const SOLID_WASTE_KINDS = [
  'hazardous',
  'coal-gangue',
  'tailings',
  'smelting-slag',
  'fly-ash',
  'other',
] as const;
export type SolidWasteKind = (typeof SOLID_WASTE_KINDS)[number];

export const solidWasteSchema = z.strictObject({
  kind: z.enum(SOLID_WASTE_KINDS),
  /** Taxable quantity (disposed of without comprehensive use or compliant storage), t. */
  taxable_t: z.number(),
});

/** How many pollutants of an outlet are taxed (环境保护税法 第九条; provinces may raise the counts). */
export const topNSchema = z.strictObject({
  air: z.int().positive(),
  waterClassI: z.int().positive(),
  waterOther: z.int().positive(),
});
export type TopN = z.output<typeof topNSchema>;

export const taxInputSchema = z.strictObject({
  rates: taxRateSelectionSchema,
  outlets: z.array(taxOutletSchema).default([]),
  solidWaste: z.array(solidWasteSchema).default([]),
  topN: topNSchema.optional(),
});
export type TaxInput = z.output<typeof taxInputSchema>;
export type TaxInputJson = z.input<typeof taxInputSchema>;

/** JSON of `cpaudit calc tax`: the tax, and with `after` (the same outlets after an option) the avoided tax. */
export const taxCalcInputSchema = z.strictObject({
  ...taxInputSchema.shape,
  /** The outlets after the option (all of them, as the tax is per outlet); solid waste unchanged when omitted. */
  after: z
    .strictObject({
      outlets: z.array(taxOutletSchema),
      solidWaste: z.array(solidWasteSchema).optional(),
    })
    .optional(),
});
export type TaxCalcInput = z.output<typeof taxCalcInputSchema>;

export interface TaxedPollutant {
  pollutant: string;
  pollutantZh: string;
  emitted_kg: number;
  equivalentValue_kg: number;
  equivalents: number;
  /** 'class-i' | 'other' for water, 'air' for air: the ranking the top-N rule applies within. */
  group: 'air' | 'water-class-i' | 'water-other';
  rank: number;
  taxed: boolean;
  /** Why taxed or not (top-N position, COD/BOD5/TOC rule). */
  reason: string;
  tax_yuan: number;
}

export interface OutletTax {
  id: string;
  name?: string;
  medium: 'water' | 'air';
  rate_yuanPerEq: number;
  pollutants: TaxedPollutant[];
  tax_yuan: number;
  tax_wanYuan: number;
}

export interface SolidWasteTax {
  kind: SolidWasteKind;
  kindZh: string;
  taxable_t: number;
  rate_yuanPerT: number;
  tax_yuan: number;
}

export interface TaxResult {
  rates: { air_yuanPerEq: number; water_yuanPerEq: number; document: string };
  outlets: OutletTax[];
  solidWaste: SolidWasteTax[];
  total_yuan: number;
  total_wanYuan: number;
}

export interface AvoidedTax {
  before_yuan: number;
  after_yuan: number;
  avoided_yuan: number;
  /** 注15: the avoided tax as an economic benefit, 万元/a. */
  avoided_wanYuanPerA: number;
}

export interface TaxCalcResult extends TaxResult {
  avoided?: AvoidedTax;
}
