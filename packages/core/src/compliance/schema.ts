/**
 * Input and result of the compliance checks (达标情况分析) of one enterprise and year: measured concentrations against
 * the applicable emission standard (converted to the benchmark drainage volume where the standard says so),
 * unit-product energy against energy limit standards, total-load quotas, toxic substances, and the mandatory-audit
 * conditions of 《清洁生产审核办法》(2016) article 8.
 */
import { z } from 'zod';
import {
  applicabilityQuerySchema,
  INSTALLATIONS,
  MONITORING_POINTS,
  type MonitoringPoint,
  PLATING_LAYERS,
  standardSchema,
} from '../standards/schema.ts';
import type { Source } from '../trace.ts';

export const measurementSchema = z.strictObject({
  /** Name of the monitoring point, e.g. '镀铬车间排放口', '总排口'. */
  pointName: z.string().min(1),
  point: z.enum(MONITORING_POINTS),
  medium: z.enum(['water', 'air']).default('water'),
  pollutant: z.string().min(1),
  /** Measured concentration (pH: the value). */
  concentration: z.number(),
  /** 'mg/L' (water), 'mg/m3' (air), 'pH'. */
  unit: z.string().min(1),
  samples: z.int().positive().optional(),
  date: z.string().min(1).optional(),
});
export type Measurement = z.output<typeof measurementSchema>;

/** Data of the benchmark-drainage conversion (GB 21900-2008 4.x 单位产品基准排水量). */
export const drainageSchema = z.strictObject({
  /** 实际排水总量 of the year, m³. */
  actualDrainage_m3: z.number(),
  /** 产品产量: plated area of the year, m². */
  platedArea_m2: z.number(),
  layers: z.enum(PLATING_LAYERS),
});
export type Drainage = z.output<typeof drainageSchema>;

/** Unit-product energy of one product: energy and output, or the intensity directly. */
export const productEnergySchema = z.union([
  z.strictObject({
    product: z.string().min(1),
    energy_tce: z.number(),
    output: z.number(),
    /** Unit of the output (must match the standard's product unit). */
    outputUnit: z.string().min(1),
  }),
  z.strictObject({
    product: z.string().min(1),
    intensity_kgcePerUnit: z.number(),
    outputUnit: z.string().min(1),
  }),
]);
export type ProductEnergy = z.output<typeof productEnergySchema>;

export const quotaSchema = z.strictObject({
  pollutant: z.string().min(1),
  /** 重点污染物排放总量控制指标, t/a. */
  quota_tPerA: z.number(),
  emitted_tPerA: z.number(),
});
export type Quota = z.output<typeof quotaSchema>;

export const toxicSchema = z.strictObject({
  /** Uses 有毒有害原料 (hazardous chemicals, heavy-metal compounds, …). */
  usesToxicMaterials: z.boolean().default(false),
  /** The toxic materials used, for the reason text. */
  materials: z.array(z.string().min(1)).default([]),
  /** Discharges 有毒有害物质 (class I pollutants, hazardous waste, …); measured class-I pollutants count too. */
  dischargesToxicSubstances: z.boolean().default(false),
  substances: z.array(z.string().min(1)).default([]),
});
export type Toxic = z.output<typeof toxicSchema>;

export const complianceInputSchema = z.strictObject({
  enterprise: z.strictObject({
    name: z.string().min(1).optional(),
    industryCode: applicabilityQuerySchema.shape.industryCode,
    region: applicabilityQuerySchema.shape.region,
    keyRegion: z.boolean().default(false),
    installation: z.enum(INSTALLATIONS),
    dischargeGrade: z.enum(['1', '2', '3']).optional(),
  }),
  year: z.int().min(1990).max(2100),
  /** The date the standards are chosen for; default the last day of `year`. */
  date: applicabilityQuerySchema.shape.date.optional(),
  measurements: z.array(measurementSchema).default([]),
  drainage: drainageSchema.optional(),
  energy: z.array(productEnergySchema).default([]),
  quotas: z.array(quotaSchema).default([]),
  toxic: toxicSchema.optional(),
  /** Standards to use; default the built-ins (`BUILTIN_STANDARDS`). */
  standards: z.array(standardSchema).optional(),
});
export type ComplianceInput = z.output<typeof complianceInputSchema>;
export type ComplianceInputJson = z.input<typeof complianceInputSchema>;

export type CheckVerdict = 'pass' | 'exceed' | 'no-limit';

/** One pollutant at one monitoring point against its limit. */
export interface ConcentrationCheck {
  pointName: string;
  point: MonitoringPoint;
  pollutant: string;
  pollutantZh: string;
  measured: number;
  unit: string;
  /** Measured converted to the benchmark drainage volume (equal to measured when no conversion applies). */
  converted: number;
  /** Whether the benchmark-drainage conversion was applied, and the figures. */
  conversion: {
    applied: boolean;
    actualDrainage_m3?: number;
    benchmarkDrainage_m3?: number;
    benchmark_LPerM2?: number;
    reason: string;
  } | null;
  limit: { max: number; min?: number; unit: string } | null;
  standard: string | null;
  table: string | null;
  clause: string | null;
  limitSource: Source | null;
  verdict: CheckVerdict;
  /** converted ÷ limit max (null for ranges and missing limits). */
  ratio: number | null;
  /** Where the measurement is not at the point the standard requires. */
  notes: string[];
}

export interface EnergyCheck {
  product: string;
  intensity_kgcePerUnit: number;
  unit: string;
  standard: string | null;
  limit_kgcePerUnit: number | null;
  entry_kgcePerUnit: number | null;
  advanced_kgcePerUnit: number | null;
  /** Which value is this installation's limit. */
  applicable: 'limit' | 'entry' | null;
  verdict: 'pass' | 'exceed' | 'no-limit';
  /** Whether the advanced value is met. */
  meetsAdvanced: boolean | null;
  source: Source | null;
}

export interface QuotaCheck {
  pollutant: string;
  pollutantZh: string;
  quota_tPerA: number;
  emitted_tPerA: number;
  verdict: 'pass' | 'exceed';
  ratio: number;
}

export interface MandatoryAuditCondition {
  /** 双超 (case 1), 高耗能 (case 2), 双有 (case 3). */
  id: 'double-exceed' | 'high-energy' | 'double-toxic';
  zh: '双超' | '高耗能' | '双有';
  met: boolean;
  reasons: string[];
  clause: Source;
}

export interface ComplianceResult {
  year: number;
  date: string;
  standards: { code: string; tables: string[]; reasons: string[] }[];
  checks: ConcentrationCheck[];
  exceedances: ConcentrationCheck[];
  energy: EnergyCheck[];
  quotas: QuotaCheck[];
  mandatory: MandatoryAuditCondition[];
  /** Any article-8 condition met. */
  mandatoryAudit: boolean;
  summary: string;
}
