/**
 * Standards as data: emission standards (concentration limits per pollutant and monitoring point, in limit tables
 * that apply by installation, date and key region, with unit-product benchmark drainage volumes) and energy
 * consumption limit standards (限定值 / 准入值 / 先进值 per product). Shipped standards live in `builtin.ts`;
 * admins add their own in this JSON format (status 'user').
 */
import { z } from 'zod';
import { sourceSchema } from '../reference/source.ts';
import { findPollutant } from './pollutants.ts';

/** An ISO date `YYYY-MM-DD` that exists on the calendar. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date YYYY-MM-DD expected')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

/** GB/T 4754-2017 code prefix: a section letter or 2–4 digits. */
export const industryPrefixSchema = z
  .string()
  .regex(/^(?:[A-T]|\d{2,4})$/, 'GB/T 4754-2017 code (prefix) expected');

export const MONITORING_POINTS = ['workshop', 'total'] as const;
/** 'workshop': 车间或生产设施废水排放口; 'total': 企业废水总排放口. */
export type MonitoringPoint = (typeof MONITORING_POINTS)[number];
export const MONITORING_POINT_ZH: Readonly<Record<MonitoringPoint, string>> = {
  workshop: '车间或生产设施排放口',
  total: '企业总排放口',
};

export const INSTALLATIONS = ['existing', 'new'] as const;
/** 现有企业 / 新建企业 (as the standard defines them, by the date the environmental impact report was approved). */
export type Installation = (typeof INSTALLATIONS)[number];

export const PLATING_LAYERS = ['multi', 'single'] as const;
/** 多层镀 / 单层镀 (GB 21900-2008 单位产品基准排水量). */
export type PlatingLayers = (typeof PLATING_LAYERS)[number];

export const CONCENTRATION_UNITS = ['mg/L', 'mg/m3', 'pH', '倍'] as const;
export type ConcentrationUnit = (typeof CONCENTRATION_UNITS)[number];

/** One pollutant's limit in a table: a maximum, or a range (pH 6–9). */
export const pollutantLimitSchema = z
  .strictObject({
    pollutant: z.string().min(1),
    /** Upper limit (mg/L, mg/m³, or pH upper bound). */
    max: z.number().nonnegative(),
    /** Lower limit of a range (pH). */
    min: z.number().nonnegative().optional(),
    unit: z.enum(CONCENTRATION_UNITS),
    point: z.enum(MONITORING_POINTS),
    source: sourceSchema,
    note: z.string().optional(),
  })
  .refine((l) => findPollutant(l.pollutant) !== undefined, {
    message: 'unknown pollutant (see the pollutant catalogue)',
    path: ['pollutant'],
  })
  .refine((l) => l.min === undefined || l.min <= l.max, {
    message: 'min must not exceed max',
    path: ['min'],
  });
export type PollutantLimit = z.output<typeof pollutantLimitSchema>;

/** When a limit table applies to an installation: from/to dates (inclusive; null = open). */
export const tableApplicabilitySchema = z.strictObject({
  installation: z.enum(INSTALLATIONS),
  from: isoDateSchema.nullable(),
  to: isoDateSchema.nullable(),
});
export type TableApplicability = z.output<typeof tableApplicabilitySchema>;

/** 单位产品基准排水量 (L/m² of plated area). */
export const benchmarkDrainageSchema = z.strictObject({
  layers: z.enum(PLATING_LAYERS),
  volume_LPerM2: z.number().positive(),
  source: sourceSchema,
});
export type BenchmarkDrainage = z.output<typeof benchmarkDrainageSchema>;

export const limitTableSchema = z.strictObject({
  /** Table id as printed: '表1', '表2', '表3', '表4（一级）'. */
  id: z.string().min(1),
  title: z.string().min(1),
  /** Clause of the standard that says when the table applies. */
  clause: z.string().min(1),
  /**
   * Tables of one group are alternatives (one applies: by installation and date, or the special table in a key
   * region); tables of different groups apply together (GB 8978: class I table and class II table).
   */
  group: z.string().min(1).default('main'),
  /** 特别排放限值: applies instead of the ordinary table of its group in key regions only. */
  special: z.boolean().default(false),
  /** GB 8978 class II: the 排放标准分级 (一级/二级/三级, by receiving water); absent = any grade. */
  grade: z.enum(['1', '2', '3']).optional(),
  appliesTo: z.array(tableApplicabilitySchema).min(1),
  limits: z.array(pollutantLimitSchema).min(1),
  benchmarkDrainage: z.array(benchmarkDrainageSchema).default([]),
  source: sourceSchema,
});
export type LimitTable = z.output<typeof limitTableSchema>;

const standardCommon = {
  /** Standard number, e.g. 'GB 21900-2008'; unique among standards. */
  code: z.string().min(1),
  title: z.string().min(1),
  /** GB/T 4754-2017 code prefixes the standard applies to; [] = every industry. */
  industries: z.array(industryPrefixSchema).default([]),
  /** Region names or codes (province, city, basin); [] = national. */
  regions: z.array(z.string().min(1)).default([]),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable().default(null),
  source: sourceSchema,
  note: z.string().optional(),
};

export const emissionStandardSchema = z.strictObject({
  kind: z.literal('emission'),
  ...standardCommon,
  medium: z.enum(['water', 'air']),
  /**
   * 综合排放标准 (GB 8978): applies only where no industry standard of the same medium does (综合排放标准与行业排放标准
   * 不交叉执行).
   */
  general: z.boolean().default(false),
  tables: z.array(limitTableSchema).min(1),
});
export type EmissionStandard = z.output<typeof emissionStandardSchema>;
export type EmissionStandardJson = z.input<typeof emissionStandardSchema>;

export const energyLimitStandardSchema = z
  .strictObject({
    kind: z.literal('energy'),
    ...standardCommon,
    /** The product, e.g. '电镀件', '水泥熟料'. */
    product: z.string().min(1),
    /** Unit of the product (a core unit symbol): 't', 'm2', … */
    productUnit: z.string().min(1),
    /** 能耗限定值 (existing installations), kgce per product unit. */
    limit_kgcePerUnit: z.number().positive(),
    /** 能耗准入值 (new installations). */
    entry_kgcePerUnit: z.number().positive().nullable().default(null),
    /** 能耗先进值. */
    advanced_kgcePerUnit: z.number().positive().nullable().default(null),
  })
  .refine((s) => s.entry_kgcePerUnit === null || s.entry_kgcePerUnit <= s.limit_kgcePerUnit, {
    message: 'the entry value must not exceed the limit value',
    path: ['entry_kgcePerUnit'],
  })
  .refine(
    (s) =>
      s.advanced_kgcePerUnit === null ||
      s.advanced_kgcePerUnit <= (s.entry_kgcePerUnit ?? s.limit_kgcePerUnit),
    {
      message: 'the advanced value must not exceed the entry (or limit) value',
      path: ['advanced_kgcePerUnit'],
    },
  );
export type EnergyLimitStandard = z.output<typeof energyLimitStandardSchema>;
export type EnergyLimitStandardJson = z.input<typeof energyLimitStandardSchema>;

export const standardSchema = z.discriminatedUnion('kind', [
  emissionStandardSchema,
  energyLimitStandardSchema,
]);
export type Standard = z.output<typeof standardSchema>;
export type StandardJson = z.input<typeof standardSchema>;

/** What decides which standards and tables apply to an enterprise. */
export const applicabilityQuerySchema = z.strictObject({
  /** GB/T 4754-2017 code of the enterprise (4 digits, or a prefix). */
  industryCode: industryPrefixSchema,
  /** Region names/codes of the enterprise, broadest first (province, city, county, basin). */
  region: z.array(z.string().min(1)).default([]),
  /** The date the check is for (usually the end of the audited year). */
  date: isoDateSchema,
  /** In a region where special discharge limits (特别排放限值) apply. */
  keyRegion: z.boolean().default(false),
  installation: z.enum(INSTALLATIONS),
  /** GB 8978 排放标准分级 of the receiving water; default '1' (strictest) with a note. */
  dischargeGrade: z.enum(['1', '2', '3']).optional(),
});
export type ApplicabilityQuery = z.output<typeof applicabilityQuerySchema>;
export type ApplicabilityQueryJson = z.input<typeof applicabilityQuerySchema>;

/** A standard that applies, with the tables that apply and why. */
export interface ApplicableEmissionStandard {
  standard: EmissionStandard;
  tables: LimitTable[];
  reasons: string[];
}

export interface ApplicableEnergyStandard {
  standard: EnergyLimitStandard;
  /** The value that is the limit for this installation: 限定值 (existing) or 准入值 (new, where given). */
  applicable: 'limit' | 'entry';
  reasons: string[];
}

export interface ApplicableStandards {
  emission: ApplicableEmissionStandard[];
  energy: ApplicableEnergyStandard[];
  /** Standards considered and not applied, with the reason. */
  skipped: { code: string; reason: string }[];
}
