/**
 * 现状分析 (guideline 7.2.1.3, issue 8): the standards as data, what was measured at an enterprise's outlets, the
 * facts that decide which limits apply, the compliance of an enterprise-year, and the status analysis of an audit
 * (compliance of every enterprise, 双超/双有/高耗能, environmental protection tax, the industry's potential at
 * levels II and I with the targets it suggests).
 *
 * Everything numeric is computed by the core (`checkCompliance`, `computeEnvironmentalTax`, `computePotential`);
 * these schemas describe what the server returns of it.
 *
 * Scope: standards are read by every signed-in user and changed by the platform admin. An enterprise's samples and
 * facts are read by whoever sees the enterprise and written by its users, its current consultants and the admin.
 * The status analysis of an audit is read by whoever sees the audit.
 */
import { MONITORING_POINTS, sourceSchema, standardSchema } from '@cpaudit/core';
import { z } from 'zod';
import { calcBreakdownSchema } from './annual.ts';
import { isoDate, isoDateTime, okSchema, page, versioned } from './common.ts';
import { endpoint } from './endpoint.ts';

const year = z.number().int().min(1949).max(2100);
const idOnly = z.object({ id: z.uuid() });
const versionQuery = z.object({ version: z.coerce.number().int().positive() });
const userRef = z.object({ id: z.uuid(), displayName: z.string() }).nullable();
const stamps = { version: z.number().int(), createdAt: isoDateTime, updatedAt: isoDateTime };

/** enterpriseWritable: the enterprise's users, its current consultants, the admin. */
const WRITERS = ['platform_admin', 'enterprise_user', 'consultant'] as const;
const ADMIN = ['platform_admin'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Standards

export const STANDARD_STATUS_VALUES = ['draft', 'active', 'superseded', 'withdrawn'] as const;
export const standardKindSchema = z.enum(['emission', 'energy']);

export const standardSummarySchema = z
  .object({
    id: z.uuid(),
    kind: standardKindSchema,
    code: z.string(),
    revision: z.number().int(),
    title: z.string(),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
    status: z.enum(STANDARD_STATUS_VALUES),
    builtIn: z.boolean(),
    /** GB/T 4754 prefixes and regions the standard applies to ([] = all). */
    industries: z.array(z.string()),
    regions: z.array(z.string()),
    /** Emission: number of limit tables and limits; energy: the product. */
    tableCount: z.number().int(),
    limitCount: z.number().int(),
    product: z.string().nullable(),
    source: sourceSchema.nullable(),
    supersedesId: z.uuid().nullable(),
    createdBy: userRef,
    updatedBy: userRef,
    ...stamps,
  })
  .meta({ id: 'StandardSummary' });
export type StandardSummary = z.infer<typeof standardSummarySchema>;

/** A standard with its definition (the core's `standardSchema`, defaults filled in). */
export const standardDetailSchema = standardSummarySchema
  .extend({ body: z.record(z.string(), z.unknown()) })
  .meta({ id: 'StandardDetail' });
export type StandardDetail = z.infer<typeof standardDetailSchema>;

export const listStandardsQuery = z.object({
  kind: standardKindSchema.optional(),
  status: z.enum(STANDARD_STATUS_VALUES).optional(),
  /** Include superseded revisions (default: only the newest revision of each code). */
  history: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const createStandardBody = z.strictObject({
  /** The standard (core `standardSchema`: kind, code, title, validity, tables of limits or energy values). */
  body: standardSchema,
  status: z.enum(['draft', 'active']).default('active'),
});
export type CreateStandardBody = z.input<typeof createStandardBody>;

/** An edit is a new revision of the code (the edited one is superseded); send the version read. */
export const updateStandardBody = z.strictObject({
  ...versioned.shape,
  body: standardSchema,
  status: z.enum(['draft', 'active']).optional(),
});
export type UpdateStandardBody = z.input<typeof updateStandardBody>;

export const retireStandardBody = z.strictObject({ ...versioned.shape });

// ---------------------------------------------------------------------------------------------------------------
// Monitoring samples and compliance facts of an enterprise

export const monitoringPointSchema = z.enum(MONITORING_POINTS);
const pollutantKey = z
  .string()
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)?$/, 'pollutant key expected (cod, nh3_n, class_i.ni, …)')
  .max(64);
const concentration = z.number().nonnegative().max(1e9);

export const monitoringSampleSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    year: z.number().int(),
    pointName: z.string(),
    pointKind: monitoringPointSchema,
    pollutant: z.string(),
    pollutantZh: z.string().nullable(),
    concentration: z.number(),
    unit: z.string(),
    sampledOn: isoDate.nullable(),
    sampleCount: z.number().int(),
    source: z.string().nullable(),
    createdBy: userRef,
    updatedBy: userRef,
    ...stamps,
  })
  .meta({ id: 'MonitoringSample' });
export type MonitoringSampleView = z.infer<typeof monitoringSampleSchema>;

const sampleFields = {
  year,
  pointName: z.string().trim().min(1).max(200),
  pointKind: monitoringPointSchema,
  pollutant: pollutantKey,
  concentration,
  unit: z.enum(['mg/L', 'mg/m3', 'pH']).default('mg/L'),
  sampledOn: isoDate.nullable().optional(),
  sampleCount: z.number().int().min(1).max(100_000).default(1),
  source: z.string().trim().max(500).nullable().optional(),
};
export const createMonitoringSampleBody = z.strictObject(sampleFields);
export type CreateMonitoringSampleBody = z.input<typeof createMonitoringSampleBody>;
export const updateMonitoringSampleBody = z.strictObject({
  ...versioned.shape,
  year: year.optional(),
  pointName: sampleFields.pointName.optional(),
  pointKind: monitoringPointSchema.optional(),
  pollutant: pollutantKey.optional(),
  concentration: concentration.optional(),
  unit: z.enum(['mg/L', 'mg/m3', 'pH']).optional(),
  sampledOn: isoDate.nullable().optional(),
  sampleCount: z.number().int().min(1).max(100_000).optional(),
  source: z.string().trim().max(500).nullable().optional(),
});
export type UpdateMonitoringSampleBody = z.input<typeof updateMonitoringSampleBody>;
export const listMonitoringSamplesQuery = z.object({
  year: z.coerce.number().int().min(1949).max(2100).optional(),
});

export const loadQuotaSchema = z.strictObject({
  pollutant: pollutantKey,
  /** 总量控制指标, t/a. */
  quota_tPerA: z.number().nonnegative().max(1e9),
});

export const complianceFactsSchema = z
  .object({
    enterpriseId: z.uuid(),
    year: z.number().int(),
    /** false when nothing has been entered for the year yet (the defaults are shown). */
    stored: z.boolean(),
    keyRegion: z.boolean(),
    installation: z.enum(['existing', 'new']),
    commissionedOn: isoDate.nullable(),
    platingLayers: z.enum(['multi', 'single']).nullable(),
    loadQuotas: z.array(z.object({ pollutant: z.string(), quota_tPerA: z.number() })),
    usesToxicMaterials: z.boolean(),
    toxicMaterialsNote: z.string().nullable(),
    version: z.number().int().nullable(),
    updatedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'ComplianceFacts' });
export type ComplianceFactsView = z.infer<typeof complianceFactsSchema>;

/** The facts of a year, whole; `version` is the one read (omit it for the first entry of the year). */
export const putComplianceFactsBody = z.strictObject({
  version: z.number().int().positive().optional(),
  keyRegion: z.boolean(),
  installation: z.enum(['existing', 'new']),
  commissionedOn: isoDate.nullable().default(null),
  platingLayers: z.enum(['multi', 'single']).nullable().default(null),
  loadQuotas: z.array(loadQuotaSchema).max(100).default([]),
  usesToxicMaterials: z.boolean().default(false),
  toxicMaterialsNote: z.string().trim().max(2000).nullable().default(null),
});
export type PutComplianceFactsBody = z.input<typeof putComplianceFactsBody>;

const enterpriseYear = z.object({ id: z.uuid(), year: z.coerce.number().int().min(1949).max(2100) });

// ---------------------------------------------------------------------------------------------------------------
// Compliance of an enterprise-year (the core's ComplianceResult) and its environmental tax

const limitView = z.object({ max: z.number(), min: z.number().optional(), unit: z.string() });
export const concentrationCheckSchema = z
  .object({
    pointName: z.string(),
    point: monitoringPointSchema,
    pollutant: z.string(),
    pollutantZh: z.string(),
    measured: z.number(),
    unit: z.string(),
    converted: z.number(),
    conversion: z
      .object({
        applied: z.boolean(),
        actualDrainage_m3: z.number().optional(),
        benchmarkDrainage_m3: z.number().optional(),
        benchmark_LPerM2: z.number().optional(),
        reason: z.string(),
      })
      .nullable(),
    limit: limitView.nullable(),
    standard: z.string().nullable(),
    table: z.string().nullable(),
    clause: z.string().nullable(),
    verdict: z.enum(['pass', 'exceed', 'no-limit']),
    ratio: z.number().nullable(),
    notes: z.array(z.string()),
  })
  .meta({ id: 'ConcentrationCheck' });
export type ConcentrationCheckView = z.infer<typeof concentrationCheckSchema>;

export const mandatoryConditionSchema = z.object({
  id: z.enum(['double-exceed', 'high-energy', 'double-toxic']),
  zh: z.string(),
  met: z.boolean(),
  reasons: z.array(z.string()),
});

export const complianceResultSchema = z
  .object({
    year: z.number().int(),
    date: z.string(),
    standards: z.array(
      z.object({ code: z.string(), tables: z.array(z.string()), reasons: z.array(z.string()) }),
    ),
    checks: z.array(concentrationCheckSchema),
    exceedances: z.array(concentrationCheckSchema),
    energy: z.array(
      z.object({
        product: z.string(),
        intensity_kgcePerUnit: z.number(),
        unit: z.string(),
        standard: z.string().nullable(),
        limit_kgcePerUnit: z.number().nullable(),
        entry_kgcePerUnit: z.number().nullable(),
        advanced_kgcePerUnit: z.number().nullable(),
        applicable: z.enum(['limit', 'entry']).nullable(),
        verdict: z.enum(['pass', 'exceed', 'no-limit']),
        meetsAdvanced: z.boolean().nullable(),
      }),
    ),
    quotas: z.array(
      z.object({
        pollutant: z.string(),
        pollutantZh: z.string(),
        quota_tPerA: z.number(),
        emitted_tPerA: z.number(),
        verdict: z.enum(['pass', 'exceed']),
        ratio: z.number(),
      }),
    ),
    mandatory: z.array(mandatoryConditionSchema),
    mandatoryAudit: z.boolean(),
    summary: z.string(),
  })
  .meta({ id: 'ComplianceResult' });
export type ComplianceResultView = z.infer<typeof complianceResultSchema>;

export const taxResultSchema = z
  .object({
    rates: z.object({ air_yuanPerEq: z.number(), water_yuanPerEq: z.number(), document: z.string() }),
    outlets: z.array(
      z.object({
        id: z.string(),
        name: z.string().optional(),
        medium: z.enum(['water', 'air']),
        rate_yuanPerEq: z.number(),
        pollutants: z.array(
          z.object({
            pollutant: z.string(),
            pollutantZh: z.string(),
            emitted_kg: z.number(),
            equivalentValue_kg: z.number(),
            equivalents: z.number(),
            group: z.enum(['air', 'water-class-i', 'water-other']),
            rank: z.number().int(),
            taxed: z.boolean(),
            reason: z.string(),
            tax_yuan: z.number(),
          }),
        ),
        tax_yuan: z.number(),
        tax_wanYuan: z.number(),
      }),
    ),
    total_yuan: z.number(),
    total_wanYuan: z.number(),
  })
  .meta({ id: 'TaxResult' });
export type TaxResultView = z.infer<typeof taxResultSchema>;

/** What went into the check, so the page can say what is missing. */
export const complianceInputsSchema = z.object({
  samples: z.number().int(),
  facts: complianceFactsSchema,
  drainage: z
    .object({ actualDrainage_m3: z.number(), platedArea_m2: z.number(), layers: z.enum(['multi', 'single']) })
    .nullable(),
  /** Why something was left out (no plated area, no drainage, no city rate …). */
  notes: z.array(z.string()),
});

export const enterpriseComplianceSchema = z
  .object({
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    year: z.number().int(),
    inputs: complianceInputsSchema,
    result: complianceResultSchema,
    tax: taxResultSchema.nullable(),
    breakdown: calcBreakdownSchema.nullable(),
  })
  .meta({ id: 'EnterpriseCompliance' });
export type EnterpriseComplianceView = z.infer<typeof enterpriseComplianceSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Status analysis of an audit

export const potentialAmountsSchema = z.object({
  water_m3: z.number(),
  energy_tce: z.number(),
  electricity_kWh: z.number(),
  co2_t: z.number(),
  pollutants_t: z.record(z.string(), z.number()),
  materials_t: z.record(z.string(), z.number()),
  tax_wanYuan: z.number(),
  energyCost_wanYuan: z.number(),
  waterCost_wanYuan: z.number(),
  total_wanYuan: z.number(),
});
export type PotentialAmountsView = z.infer<typeof potentialAmountsSchema>;

export const potentialTargetSchema = z.object({
  item: z.string(),
  unit: z.string(),
  current: z.number().nullable(),
  reduction: z.number(),
  percent: z.number().nullable(),
  text: z.string(),
});
export type PotentialTargetView = z.infer<typeof potentialTargetSchema>;

export const potentialAtLevelSchema = z.object({
  level: z.enum(['I', 'II']),
  lines: z.array(
    z.object({
      enterpriseId: z.string(),
      enterpriseName: z.string(),
      indicatorId: z.string(),
      indicatorName: z.string(),
      unit: z.string(),
      direction: z.enum(['le', 'ge']),
      level: z.enum(['I', 'II']),
      actual: z.number(),
      levelValue: z.number(),
      gap: z.number(),
      saved: z.object({ value: z.number(), unit: z.string() }),
    }),
  ),
  byEnterprise: z.array(
    z.object({ id: z.string(), name: z.string(), rank: z.number().int(), amounts: potentialAmountsSchema }),
  ),
  byIndicator: z.array(
    z.object({
      indicatorId: z.string(),
      name: z.string(),
      rank: z.number().int(),
      enterprisesWorse: z.number().int(),
      saved: z.object({ value: z.number(), unit: z.string() }),
      amounts: potentialAmountsSchema,
    }),
  ),
  industry: potentialAmountsSchema,
  targets: z.array(potentialTargetSchema),
});
export type PotentialAtLevelView = z.infer<typeof potentialAtLevelSchema>;

export const statusAnalysisEnterpriseSchema = z.object({
  enterpriseId: z.uuid(),
  name: z.string(),
  /** Checks made, exceedances found (after the benchmark-drainage conversion where it applies). */
  checks: z.number().int(),
  exceedances: z.array(concentrationCheckSchema),
  quotaExceeded: z.boolean(),
  energyExceeded: z.boolean(),
  doubleExceed: z.boolean(),
  doubleToxic: z.boolean(),
  highEnergy: z.boolean(),
  mandatoryAudit: z.boolean(),
  summary: z.string(),
  tax_wanYuan: z.number().nullable(),
  /** Why the enterprise could not be checked (no data of the year, …), else null. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type StatusAnalysisEnterprise = z.infer<typeof statusAnalysisEnterpriseSchema>;

export const statusAnalysisSchema = z
  .object({
    auditId: z.uuid(),
    year: z.number().int(),
    enterprises: z.array(statusAnalysisEnterpriseSchema),
    counts: z.object({
      enterprises: z.number().int(),
      checked: z.number().int(),
      withExceedances: z.number().int(),
      doubleExceed: z.number().int(),
      doubleToxic: z.number().int(),
      highEnergy: z.number().int(),
    }),
    tax: z.object({ total_wanYuan: z.number(), rateDocument: z.string().nullable() }),
    potential: z
      .object({
        systemId: z.string(),
        systemName: z.string(),
        levels: z.array(potentialAtLevelSchema),
      })
      .nullable(),
    /** Why no potential was computed (no indicator system, no data), else null. */
    potentialNote: z.string().nullable(),
  })
  .meta({ id: 'StatusAnalysis' });
export type StatusAnalysisView = z.infer<typeof statusAnalysisSchema>;

/** A unit price in a query string: a finite, non-negative number (元 per unit). */
const priceParam = z.coerce.number().finite().min(0).max(1e9).optional();

export const statusAnalysisQuery = z.object({
  /** The data year; default the audit's base year. */
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  /**
   * Local unit prices that turn the potential's savings into 万元/a (the Guangdong form, note 15, asks for the local
   * market price); without them the potential's money is the avoided environmental tax only.
   */
  waterPrice_yuanPerM3: priceParam,
  electricityPrice_yuanPerKWh: priceParam,
  energyPrice_yuanPerTce: priceParam,
});
export type StatusAnalysisQuery = z.infer<typeof statusAnalysisQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Avoided environmental tax of an option (form note 15)

export const optionAvoidedTaxSchema = z
  .object({
    optionId: z.uuid(),
    basis: z.enum(['expected', 'actual']),
    /** 元 per equivalent of the enterprise's city/province, and the document. */
    rates: z
      .object({ air_yuanPerEq: z.number(), water_yuanPerEq: z.number(), document: z.string() })
      .nullable(),
    /** The reductions taken (`reduction.*` benefits with a taxable pollutant), kg/a. */
    reductions: z.array(z.object({ pollutant: z.string(), reduced_kg: z.number(), medium: z.string() })),
    avoided_wanYuanPerYear: z.number().nullable(),
    /** Whether the option's economic benefit gets it added (`addAvoidedTax`) or already includes it. */
    addedToBenefit: z.boolean(),
    /** Economic benefit as the form counts it (note 15): the entered figure, + the avoided tax when added. */
    economicBenefit_wanYuanPerYear: z.number().nullable(),
    notes: z.array(z.string()),
    breakdown: calcBreakdownSchema.nullable(),
  })
  .meta({ id: 'OptionAvoidedTax' });
export type OptionAvoidedTaxView = z.infer<typeof optionAvoidedTaxSchema>;

export const setOptionAvoidedTaxBody = z.strictObject({
  ...versioned.shape,
  /** true: the entered economic benefit leaves out the tax and the computed avoided tax is added on top. */
  addAvoidedTax: z.boolean(),
});

// ---------------------------------------------------------------------------------------------------------------

const TAGS = ['compliance'] as const;

export const complianceEndpoints = {
  listStandards: endpoint({
    method: 'GET',
    path: '/api/standards',
    summary: 'Emission and energy-limit standards (built-in and added by the admin), newest revision of each',
    tags: TAGS,
    access: 'authenticated',
    query: listStandardsQuery,
    response: page(standardSummarySchema),
  }),
  getStandard: endpoint({
    method: 'GET',
    path: '/api/standards/:id',
    summary: 'A standard with its limit tables (or energy values), sources and validity',
    tags: TAGS,
    access: 'authenticated',
    params: idOnly,
    response: standardDetailSchema,
  }),
  createStandard: endpoint({
    method: 'POST',
    path: '/api/standards',
    summary: 'Add a standard (core standard JSON; a code already present becomes its next revision)',
    tags: TAGS,
    access: ADMIN,
    body: createStandardBody,
    response: standardDetailSchema,
    status: 201,
  }),
  updateStandard: endpoint({
    method: 'PATCH',
    path: '/api/standards/:id',
    summary: 'Edit a standard: a new revision of its code superseding this one (send the version read)',
    tags: TAGS,
    access: ADMIN,
    params: idOnly,
    body: updateStandardBody,
    response: standardDetailSchema,
  }),
  retireStandard: endpoint({
    method: 'POST',
    path: '/api/standards/:id/retire',
    summary: 'Withdraw a standard (no longer applied to any enterprise; kept for the record)',
    tags: TAGS,
    access: ADMIN,
    params: idOnly,
    body: retireStandardBody,
    response: standardDetailSchema,
  }),
  listMonitoringSamples: endpoint({
    method: 'GET',
    path: '/api/enterprises/:id/monitoring-samples',
    summary: 'Measured concentrations at the outlets of an enterprise (filter by year)',
    tags: TAGS,
    access: 'authenticated',
    params: idOnly,
    query: listMonitoringSamplesQuery,
    response: page(monitoringSampleSchema),
  }),
  createMonitoringSample: endpoint({
    method: 'POST',
    path: '/api/enterprises/:id/monitoring-samples',
    summary: 'Add a measured concentration (monitoring point, pollutant, mg/L, date, number of samples)',
    tags: TAGS,
    access: WRITERS,
    params: idOnly,
    body: createMonitoringSampleBody,
    response: monitoringSampleSchema,
    status: 201,
  }),
  updateMonitoringSample: endpoint({
    method: 'PATCH',
    path: '/api/monitoring-samples/:id',
    summary: 'Change a measured concentration (send the version read)',
    tags: TAGS,
    access: WRITERS,
    params: idOnly,
    body: updateMonitoringSampleBody,
    response: monitoringSampleSchema,
  }),
  deleteMonitoringSample: endpoint({
    method: 'DELETE',
    path: '/api/monitoring-samples/:id',
    summary: 'Remove a measured concentration (send the version read as ?version=)',
    tags: TAGS,
    access: WRITERS,
    params: idOnly,
    query: versionQuery,
    response: okSchema,
  }),
  getComplianceFacts: endpoint({
    method: 'GET',
    path: '/api/enterprises/:id/compliance-facts/:year',
    summary: 'Key region, installation, plating layers, total-load quotas and toxic materials of a year',
    tags: TAGS,
    access: 'authenticated',
    params: enterpriseYear,
    response: complianceFactsSchema,
  }),
  putComplianceFacts: endpoint({
    method: 'PUT',
    path: '/api/enterprises/:id/compliance-facts/:year',
    summary: 'Set the compliance facts of a year (whole; the version read when they exist)',
    tags: TAGS,
    access: WRITERS,
    params: enterpriseYear,
    body: putComplianceFactsBody,
    response: complianceFactsSchema,
  }),
  getCompliance: endpoint({
    method: 'GET',
    path: '/api/enterprises/:id/compliance/:year',
    summary:
      'Compliance of an enterprise-year: concentrations (benchmark-drainage conversion), quotas, energy, 双超/双有/高耗能, and its environmental tax',
    tags: TAGS,
    access: 'authenticated',
    params: enterpriseYear,
    response: enterpriseComplianceSchema,
  }),
  getStatusAnalysis: endpoint({
    method: 'GET',
    path: '/api/audits/:id/status-analysis',
    summary:
      '现状分析 of an audit: compliance per enterprise, 双超/双有/高耗能 counts, environmental tax, potential at levels II and I',
    tags: TAGS,
    access: 'authenticated',
    params: idOnly,
    query: statusAnalysisQuery,
    response: statusAnalysisSchema,
  }),
  getOptionAvoidedTax: endpoint({
    method: 'GET',
    path: '/api/options/:id/avoided-tax',
    summary:
      'The environmental tax an option avoids (its reductions × the city rate, form note 15) and the economic benefit counted',
    tags: TAGS,
    access: 'authenticated',
    params: idOnly,
    query: z.object({ basis: z.enum(['expected', 'actual']).default('expected') }),
    response: optionAvoidedTaxSchema,
  }),
  setOptionAvoidedTax: endpoint({
    method: 'PUT',
    path: '/api/options/:id/avoided-tax',
    summary: 'Whether the computed avoided tax is added to the option’s economic benefit (or already in it)',
    tags: TAGS,
    access: WRITERS,
    params: idOnly,
    body: setOptionAvoidedTaxBody,
    response: optionAvoidedTaxSchema,
  }),
};
