/**
 * Cleaner-production options (清洁生产方案) of industry audits (Jiangsu guideline 7.3–7.4, Appendix B 6.1, 7.2, 7.3,
 * 9.1) and of Guangdong mandatory audits (the performance form): the options with their problems, benefits,
 * screening, economics and status workflow; evidence files; expert and panel reviews; and the performance views
 * computed by the core (Appendix B tables 7.2/7.3, the Guangdong form's summary tables).
 */
import { economicsInputSchema } from '@cpaudit/core';
import { z } from 'zod';
import { idParams, isoDate, isoDateTime, okSchema, page, pageQuery, versioned } from './common.ts';
import { endpoint, type Role } from './endpoint.ts';

// ---------------------------------------------------------------------------------------------------------
// Enumerations (the values of the cp_options, option_benefits, option_evidence and option_reviews columns)

export const OPTION_LEVEL_VALUES = ['industry', 'enterprise'] as const;
/** Appendix B 6.1 note: 原辅料替代、工艺设备改造、过程控制、节能、资源综合利用、末端治理、管理及人员. */
export const OPTION_TYPE_VALUES = [
  'raw_material_substitution',
  'process_equipment_retrofit',
  'process_control',
  'energy_saving',
  'resource_reuse',
  'end_of_pipe',
  'management_staff',
] as const;
/** Guangdong form note 9: 原辅材料和能源、技术工艺、设备、过程控制、产品、废弃物、管理、员工. */
export const OPTION_GD_CATEGORY_VALUES = [
  'raw_materials_energy',
  'technology',
  'equipment',
  'process_control',
  'product',
  'waste',
  'management',
  'staff',
] as const;
/** Appendix B 7.2 已实施方案类型: 源头替代、工艺革新、末端治理、环境管理. */
export const OPTION_PERFORMANCE_CLASS_VALUES = [
  'source_substitution',
  'process_innovation',
  'end_of_pipe',
  'environmental_management',
] as const;
/** 无/低费 vs 中/高费. */
export const OPTION_COST_CLASS_VALUES = ['no_low', 'mid_high'] as const;
/** Guideline 7.3.1.1 a–c. */
export const OPTION_INDUSTRY_APPROACH_VALUES = [
  'technology_promotion',
  'deep_treatment',
  'management_uplift',
] as const;
export const OPTION_STATUS_VALUES = [
  'proposed',
  'screened',
  'feasible',
  'rejected',
  'implementing',
  'implemented',
  'verified',
] as const;
export type OptionStatusValue = (typeof OPTION_STATUS_VALUES)[number];
export const OPTION_BENEFIT_BASIS_VALUES = ['expected', 'actual'] as const;
/** Guideline 7.4.2; Appendix B 9.1.1–9.1.6. */
export const EVIDENCE_KIND_VALUES = [
  'photo_before',
  'photo_after',
  'calculation',
  'contract',
  'invoice',
  'test_report',
  'operation_record',
  'other',
] as const;
export type EvidenceKindValue = (typeof EVIDENCE_KIND_VALUES)[number];
export const OPTION_REVIEW_STAGE_VALUES = ['screening', 'feasibility', 'verification'] as const;
export const OPTION_REVIEW_VERDICT_VALUES = ['approve', 'reject', 'revise'] as const;

/** What a caller may do with an option (computed by the server from the roles, the scope and the status). */
export const OPTION_POWERS = ['manage', 'implement', 'screen', 'verify', 'review', 'uploadEvidence'] as const;

// ---------------------------------------------------------------------------------------------------------
// Traceability (core `Breakdown`, `Source`, `FactorRef`) as JSON

export const optionsSourceSchema = z.object({
  document: z.string(),
  clause: z.string().optional(),
  url: z.string().optional(),
  status: z.enum(['seed', 'verified-page', 'verified-cross-checked', 'code-only', 'unverified', 'user']),
  note: z.string().optional(),
});

export const optionsFactorRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  source: optionsSourceSchema,
});

export interface OptionsBreakdownJson {
  label: string;
  formula?: string | undefined;
  clause?: z.infer<typeof optionsSourceSchema> | undefined;
  inputs: { name: string; value: number | string | boolean | null; unit?: string | undefined }[];
  factors: z.infer<typeof optionsFactorRefSchema>[];
  result: number | string | boolean | null;
  unit?: string | undefined;
  steps?: OptionsBreakdownJson[] | undefined;
  notes?: string[] | undefined;
}

/** A core `Breakdown`: how a figure was produced (inputs, factors with sources, clause, steps). */
export const optionsBreakdownSchema: z.ZodType<OptionsBreakdownJson> = z
  .lazy(() =>
    z.object({
      label: z.string(),
      formula: z.string().optional(),
      clause: optionsSourceSchema.optional(),
      inputs: z.array(
        z.object({
          name: z.string(),
          value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
          unit: z.string().optional(),
        }),
      ),
      factors: z.array(optionsFactorRefSchema),
      result: z.union([z.number(), z.string(), z.boolean(), z.null()]),
      unit: z.string().optional(),
      steps: z.array(optionsBreakdownSchema).optional(),
      notes: z.array(z.string()).optional(),
    }),
  )
  .meta({ id: 'OptionsBreakdown' });

// ---------------------------------------------------------------------------------------------------------
// Options

const money_wanYuan = z.number().min(0).max(1e10);
const signedMoney_wanYuan = z.number().min(-1e10).max(1e10);
const shortText = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Fields of an option a client may set (all optional in an update). */
const optionEditableFields = {
  parentId: z.uuid().nullable().optional(),
  code: optionalText(32),
  name: shortText(200),
  summary: optionalText(4000),
  /** 方案要点 (Guangdong form note 10): at most 100 characters. */
  keyPoints: optionalText(100),
  optionType: z.enum(OPTION_TYPE_VALUES).nullable().optional(),
  gdCategory: z.enum(OPTION_GD_CATEGORY_VALUES).nullable().optional(),
  performanceClass: z.enum(OPTION_PERFORMANCE_CLASS_VALUES).nullable().optional(),
  /** Set to classify by hand; null: by the planned investment against the audit's 无/低费 threshold. */
  costClass: z.enum(OPTION_COST_CLASS_VALUES).nullable().optional(),
  isKey: z.boolean().optional(),
  industryApproach: z.enum(OPTION_INDUSTRY_APPROACH_VALUES).nullable().optional(),
  investmentPlanned_wanYuan: money_wanYuan.nullable().optional(),
  investmentActual_wanYuan: money_wanYuan.nullable().optional(),
  economicBenefitExpected_wanYuanPerYear: signedMoney_wanYuan.nullable().optional(),
  economicBenefitActual_wanYuanPerYear: signedMoney_wanYuan.nullable().optional(),
  environmentalBenefitText: optionalText(2000),
  economicBenefitText: optionalText(2000),
  responsibleUnit: optionalText(200),
  plannedStart: isoDate.nullable().optional(),
  plannedFinish: isoDate.nullable().optional(),
  implementedOn: isoDate.nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
};

/** Fields the implementing enterprise may change on its own enterprise-level options (7.4: it reports). */
export const OPTION_IMPLEMENTATION_FIELDS = [
  'investmentActual_wanYuan',
  'economicBenefitActual_wanYuanPerYear',
  'plannedStart',
  'plannedFinish',
  'implementedOn',
  'responsibleUnit',
] as const;

/** A new option of an industry audit: industry-level (common problems) or enterprise-level (one enterprise). */
export const auditOptionCreateBody = z.strictObject({
  level: z.enum(OPTION_LEVEL_VALUES),
  /** Required for an enterprise-level option: an enterprise on the audit's list. */
  enterpriseId: z.uuid().optional(),
  ...optionEditableFields,
  /** The diagnosed problems the option answers (principle b: every option answers a problem). */
  problemIds: z.array(z.uuid()).max(100).optional(),
});

/** A new option of a mandatory audit (the enterprise's own; Guangdong form 重点方案/一般方案). */
export const mandatoryOptionCreateBody = z
  .strictObject(optionEditableFields)
  .omit({ parentId: true, industryApproach: true });

export const optionUpdateBody = z.strictObject({
  ...versioned.shape,
  ...optionEditableFields,
  name: shortText(200).optional(),
});

export const optionSchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid().nullable(),
    mandatoryAuditId: z.uuid().nullable(),
    level: z.enum(OPTION_LEVEL_VALUES),
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    parentId: z.uuid().nullable(),
    code: z.string().nullable(),
    name: z.string(),
    summary: z.string().nullable(),
    keyPoints: z.string().nullable(),
    optionType: z.enum(OPTION_TYPE_VALUES).nullable(),
    gdCategory: z.enum(OPTION_GD_CATEGORY_VALUES).nullable(),
    performanceClass: z.enum(OPTION_PERFORMANCE_CLASS_VALUES).nullable(),
    costClass: z.enum(OPTION_COST_CLASS_VALUES).nullable(),
    /** `costClass`, or by the planned investment against the 无/低费 threshold of the audit. */
    costClassEffective: z.enum(OPTION_COST_CLASS_VALUES),
    isKey: z.boolean(),
    industryApproach: z.enum(OPTION_INDUSTRY_APPROACH_VALUES).nullable(),
    investmentPlanned_wanYuan: z.number().nullable(),
    investmentActual_wanYuan: z.number().nullable(),
    economicBenefitExpected_wanYuanPerYear: z.number().nullable(),
    economicBenefitActual_wanYuanPerYear: z.number().nullable(),
    environmentalBenefitText: z.string().nullable(),
    economicBenefitText: z.string().nullable(),
    responsibleUnit: z.string().nullable(),
    status: z.enum(OPTION_STATUS_VALUES),
    statusChangedAt: isoDateTime,
    rejectionReason: z.string().nullable(),
    screeningScore: z.number().nullable(),
    paybackYears: z.number().nullable(),
    npv_wanYuan: z.number().nullable(),
    irr: z.number().nullable(),
    npvr: z.number().nullable(),
    plannedStart: isoDate.nullable(),
    plannedFinish: isoDate.nullable(),
    implementedOn: isoDate.nullable(),
    verifiedOn: isoDate.nullable(),
    verifiedBy: z.uuid().nullable(),
    sortOrder: z.number().int(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Option' });
export type OptionJson = z.infer<typeof optionSchema>;

export const optionBenefitSchema = z.object({
  id: z.uuid(),
  basis: z.enum(OPTION_BENEFIT_BASIS_VALUES),
  itemCode: z.string(),
  name: z.string().nullable(),
  /** Per year, in `unit` (the catalogue unit of the item when the given unit converts to it). */
  quantity: z.number(),
  unit: z.string(),
  breakdown: optionsBreakdownSchema.nullable(),
  note: z.string().nullable(),
});

export const optionProblemRefSchema = z.object({
  id: z.uuid(),
  scope: z.enum(['common', 'individual']),
  enterpriseId: z.uuid().nullable(),
  title: z.string(),
});

/** Economic feasibility as stored: the parameters given, the core's result and breakdown. */
export const optionEconomicsSchema = z.object({
  investmentBasis: z.enum(['planned', 'actual']),
  input: z.record(z.string(), z.unknown()),
  /** The core `OptionEconomics` result (payback, NPV, NPVR, IRR, decision). */
  result: z.record(z.string(), z.unknown()),
  breakdown: optionsBreakdownSchema,
});

export const optionDetailSchema = optionSchema
  .extend({
    problems: z.array(optionProblemRefSchema),
    benefits: z.array(optionBenefitSchema),
    screening: optionsBreakdownSchema.nullable(),
    economics: optionEconomicsSchema.nullable(),
    evidenceCount: z.number().int(),
    reviewCount: z.number().int(),
    /** What the caller may do, and the statuses the caller may move the option to now. */
    can: z.array(z.enum(OPTION_POWERS)),
    allowedTransitions: z.array(z.enum(OPTION_STATUS_VALUES)),
  })
  .meta({ id: 'OptionDetail' });
export type OptionDetailJson = z.infer<typeof optionDetailSchema>;

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(300)
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

export const OPTION_SORT_FIELDS = [
  'sortOrder',
  'code',
  'name',
  'status',
  'investmentPlanned',
  'screeningScore',
  'createdAt',
  'updatedAt',
] as const;

export const optionListQuery = pageQuery.extend({
  /** One status or several, comma-separated. */
  status: csvOf(OPTION_STATUS_VALUES).optional(),
  optionType: csvOf(OPTION_TYPE_VALUES).optional(),
  level: z.enum(OPTION_LEVEL_VALUES).optional(),
  enterpriseId: z.uuid().optional(),
  costClass: z.enum(OPTION_COST_CLASS_VALUES).optional(),
  isKey: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(OPTION_SORT_FIELDS).optional(),
});

export const optionPage = page(optionSchema);

export const optionProblemsBody = z.strictObject({
  ...versioned.shape,
  problemIds: z.array(z.uuid()).max(100),
});

/** One benefit line: an item of the catalogue (or a free item) with its quantity per year. */
export const optionBenefitInput = z.strictObject({
  /** A catalogue code (`reduction.cod`, `saving.electricity`, …) or `reduction.other.<slug>` / `saving.material.<slug>`. */
  itemCode: z
    .string()
    .max(80)
    .regex(
      /^(reduction|saving|co2)\.[a-z0-9_]+(\.[a-z0-9_]+)*$/,
      'like reduction.cod or saving.material.<slug>',
    ),
  /** Required for free items; defaults to the catalogue label. */
  name: z.string().trim().min(1).max(100).optional(),
  quantity: z.number().min(-1e12).max(1e12),
  /** A unit per year (`t/a`, `kg/a`, `万kWh/a`, `m3/a`…) of the item's dimension. */
  unit: z.string().trim().min(1).max(32),
  note: z.string().max(1000).optional(),
});

/** Replaces the expected or the actual benefits of an option. */
export const optionBenefitsBody = z.strictObject({
  ...versioned.shape,
  basis: z.enum(OPTION_BENEFIT_BASIS_VALUES),
  items: z.array(optionBenefitInput).max(100),
});

/** The core's economics parameters; the investment comes from the option (`investmentBasis`). */
export const optionEconomicsParams = economicsInputSchema.omit({
  investment_wanYuan: true,
  optionName: true,
});

export const optionEconomicsBody = z.strictObject({
  ...versioned.shape,
  /** Null removes the analysis. */
  economics: z
    .strictObject({
      investmentBasis: z.enum(['planned', 'actual']).default('planned'),
      input: optionEconomicsParams,
    })
    .nullable(),
});

export const optionTransitionBody = z.strictObject({
  ...versioned.shape,
  to: z.enum(OPTION_STATUS_VALUES),
  /** Required when rejecting. */
  reason: z.string().trim().min(1).max(2000).optional(),
  /** 实施完成日期: required to report implemented (unless already set). */
  implementedOn: isoDate.optional(),
  /** 核实日期: required to verify. */
  verifiedOn: isoDate.optional(),
});

export const optionCriterionInput = z.strictObject({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  weight: z.number().min(0).max(1000),
});

/** Scores R (1–10) per criterion id; criteria given, or the shipped set `option-screening`. */
const scoringFields = {
  criteriaSet: z.literal('option-screening').optional(),
  criteria: z.array(optionCriterionInput).min(1).max(20).optional(),
};

/** 7.3.2 feasibility screening by the 权重总和计分排序法 over options of one audit. */
export const optionScreeningBody = z.strictObject({
  ...scoringFields,
  tieBreak: z.string().max(64).optional(),
  candidates: z
    .array(
      z.strictObject({
        optionId: z.uuid(),
        version: z.number().int().positive(),
        scores: z.record(z.string().max(64), z.number()),
      }),
    )
    .min(1)
    .max(500),
});

export const optionScreeningResult = z
  .object({
    ranking: z.array(
      z.object({
        optionId: z.uuid(),
        name: z.string(),
        rank: z.number().int(),
        total: z.number(),
        tiedWith: z.array(z.uuid()),
        version: z.number().int(),
      }),
    ),
    lines: z.array(z.string()),
    breakdown: optionsBreakdownSchema,
  })
  .meta({ id: 'OptionScreeningResult' });

export const auditOptionsParams = z.object({ id: z.uuid() });

// ---------------------------------------------------------------------------------------------------------
// Benefit catalogue

export const optionBenefitItemSchema = z.object({
  code: z.string(),
  zh: z.string(),
  unit: z.string(),
  /** Dimensions a given unit may have (e.g. `mass/year`, or `volume/year` for water). */
  dimensions: z.array(z.string()),
});

export const optionBenefitCatalogue = z.object({
  items: z.array(optionBenefitItemSchema),
  /** Patterns of free items, which need a `name`. */
  freeItems: z.array(z.object({ pattern: z.string(), zh: z.string(), dimensions: z.string() })),
});

// ---------------------------------------------------------------------------------------------------------
// Evidence

export const evidenceSchema = z
  .object({
    id: z.uuid(),
    optionId: z.uuid(),
    kind: z.enum(EVIDENCE_KIND_VALUES),
    title: z.string(),
    /** The client's name, sanitised, with the extension of the detected type: a display name only. */
    fileName: z.string(),
    /** Detected from the content (magic bytes), never taken from the client. */
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.uuid().nullable(),
    uploadedAt: isoDateTime,
    note: z.string().nullable(),
    /** True when these bytes were already stored (stored once). */
    deduplicated: z.boolean().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'OptionEvidence' });

/** Multipart fields of an upload (the file part is `file`). */
export const evidenceUploadFields = z.strictObject({
  kind: z.enum(EVIDENCE_KIND_VALUES),
  /** Defaults to the file name. */
  title: z.string().trim().min(1).max(200).optional(),
  note: z.string().max(2000).optional(),
});

/** Which detected types each evidence kind accepts (7.4.2: photos are images; calculations are documents). */
export const EVIDENCE_KIND_ACCEPTS: Readonly<
  Record<EvidenceKindValue, readonly ('jpeg' | 'png' | 'webp' | 'pdf' | 'docx' | 'xlsx' | 'text')[]>
> = {
  photo_before: ['jpeg', 'png', 'webp'],
  photo_after: ['jpeg', 'png', 'webp'],
  calculation: ['pdf', 'xlsx', 'docx', 'text'],
  contract: ['pdf', 'jpeg', 'png', 'webp', 'docx'],
  invoice: ['pdf', 'jpeg', 'png', 'webp'],
  test_report: ['pdf', 'jpeg', 'png', 'webp', 'docx'],
  operation_record: ['pdf', 'xlsx', 'docx', 'text', 'jpeg', 'png', 'webp'],
  other: ['jpeg', 'png', 'webp', 'pdf', 'docx', 'xlsx', 'text'],
};

export const evidenceDeleteQuery = z.object({ version: z.coerce.number().int().positive() });

// ---------------------------------------------------------------------------------------------------------
// Reviews

const reviewScoring = z.strictObject({
  ...scoringFields,
  /** R (1–10) per criterion id. */
  scores: z.record(z.string().max(64), z.number()),
});

export const optionReviewCreateBody = z.strictObject({
  stage: z.enum(OPTION_REVIEW_STAGE_VALUES),
  verdict: z.enum(OPTION_REVIEW_VERDICT_VALUES),
  comment: z.string().trim().max(4000).optional(),
  scoring: reviewScoring.optional(),
});

export const optionReviewUpdateBody = z.strictObject({
  ...versioned.shape,
  verdict: z.enum(OPTION_REVIEW_VERDICT_VALUES).optional(),
  comment: z.string().trim().max(4000).nullable().optional(),
  /** Null removes the scores. */
  scoring: reviewScoring.nullable().optional(),
});

export const optionReviewSchema = z
  .object({
    id: z.uuid(),
    optionId: z.uuid(),
    reviewerId: z.uuid(),
    reviewerName: z.string(),
    stage: z.enum(OPTION_REVIEW_STAGE_VALUES),
    verdict: z.enum(OPTION_REVIEW_VERDICT_VALUES),
    comment: z.string().nullable(),
    /** Σ R×W of the scores, when scored. */
    total: z.number().nullable(),
    scores: optionsBreakdownSchema.nullable(),
    reviewedAt: isoDateTime,
    version: z.number().int(),
  })
  .meta({ id: 'OptionReview' });

// ---------------------------------------------------------------------------------------------------------
// Performance views (computed by the core)

const cellSchema = z.object({
  key: z.string(),
  label: z.string(),
  printedLabel: z.string().optional(),
  value: z.number(),
  unit: z.string(),
});
const otherTotalSchema = z.object({ name: z.string(), quantity: z.number(), unit: z.string() });
const bucketSchema = z.object({
  count: z.number(),
  investment_wanYuan: z.number(),
  economicBenefit_wanYuanPerYear: z.number(),
});

export const table72Schema = z.object({
  columns: z.array(z.object({ key: z.string(), header: z.string(), label: z.string() })).readonly(),
  optionCount: z.record(z.string(), z.number()),
  investment_wanYuan: z.record(z.string(), z.number()),
  economicBenefit_wanYuanPerYear: z.record(z.string(), z.number()),
  environmentalBenefits: z.array(cellSchema),
  otherPollutants: z.array(otherTotalSchema),
  resourceEnergySavings: z.array(cellSchema),
  otherResources: z.array(otherTotalSchema),
  comprehensiveEnergy: z.object({
    given_tce: z.number(),
    computed_tce: z.number(),
    optionsGiven: z.number(),
    optionsComputed: z.number(),
  }),
  notInTable: z.object({ pendingNoLowCost: bucketSchema, byStatus: z.record(z.string(), z.number()) }),
});

const horizonSchema = z.object({
  horizon: z.enum(['near', 'long']),
  target: z.number(),
  plannedChange_percent: z.number().nullable(),
  completion_percent: z.number().nullable(),
  status: z.enum(['met', 'not-met', 'worse', 'not-assessed']),
  statusZh: z.string(),
  text: z.string(),
});

/** The core targets module's result (guideline 7.2.3; Appendix B 7.3; the form's 目标完成情况). */
export const targetCompletionSchema = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      typeZh: z.string(),
      indicator: z.string(),
      unit: z.string(),
      kind: z.enum(['absolute', 'intensity', 'percent']),
      direction: z.enum(['decrease', 'increase']),
      baseline: z.number(),
      actual: z.number().nullable(),
      achievedChange: z.number().nullable(),
      achievedChange_percent: z.number().nullable(),
      near: horizonSchema,
      long: horizonSchema.nullable(),
      targetText: z.string(),
      completionText: z.string(),
      gdForm: z.object({
        indicator: z.string(),
        before: z.number(),
        after: z.number().nullable(),
        nearTermTarget: z.number(),
      }),
      notes: z.array(z.string()),
    }),
  ),
  summary: z.array(
    z.object({
      type: z.string(),
      typeZh: z.string(),
      targetText: z.string(),
      completionText: z.string(),
      count: z.number(),
      met: z.number(),
      notMet: z.number(),
      notAssessed: z.number(),
    }),
  ),
  overview: z.string(),
});

export const table73Schema = z.object({
  rows: z.array(
    z.object({
      type: z.string(),
      label: z.string(),
      target: z.string(),
      completion: z.string(),
      count: z.number(),
    }),
  ),
  /** The core targets module's result (per-target rows, summary, overview), when targets were assessed. */
  completion: targetCompletionSchema.nullable(),
});

export const auditPerformanceSchema = z
  .object({
    auditId: z.uuid(),
    settings: z.object({ noLowCostBelow_wanYuan: z.number() }),
    table72: table72Schema,
    table73: table73Schema,
    breakdown: optionsBreakdownSchema,
    /** Targets the core could not assess (no baseline, contradictory values), with the reason. */
    targetsNotAssessed: z.array(z.object({ targetId: z.uuid(), indicator: z.string(), reason: z.string() })),
    /** How stored data was read into the core (defaults, lines not passed). */
    notes: z.array(z.string()),
  })
  .meta({ id: 'AuditPerformance' });

const gdCountInvestment = z.object({ count: z.number(), investment_wanYuan: z.number() });
const gdColumn = z.object({ key: z.string(), label: z.string(), unit: z.string(), printed: z.boolean() });
const gdRow = z.object({ key: z.string(), label: z.string(), values: z.record(z.string(), z.number()) });

export const guangdongTotalsSchema = z.object({
  optionSummary: z.object({
    proposed: z.record(z.string(), gdCountInvestment),
    implemented: z.record(z.string(), gdCountInvestment),
  }),
  environmentalSummary: z.object({
    columns: z.array(gdColumn),
    rows: z.array(gdRow),
    otherPollutants: z.array(
      z.object({
        row: z.string(),
        name: z.string(),
        quantity: z.number(),
        unit: z.string(),
        inOtherColumn: z.boolean(),
      }),
    ),
  }),
  savingsSummary: z.object({
    columns: z.array(gdColumn),
    rows: z.array(gdRow),
    otherResources: z.array(
      z.object({ row: z.string(), name: z.string(), quantity: z.number(), unit: z.string() }),
    ),
  }),
});

export const mandatoryPerformanceQuery = z.object({
  /** Year of the grid factor (注13: the year's regional grid factor); default the audit's data year. */
  gridDataYear: z.coerce.number().int().min(1990).max(2100).optional(),
  /** Grid-factor series of the core (default its MEE/NBS average series). */
  gridSeries: z.string().max(64).optional(),
  /** 天然气折标准煤系数 within 1.1000–1.3300 kgce/m3 (注13); default the core's. */
  gasCoefficient_kgcePerM3: z.coerce.number().min(0).max(10).optional(),
});

export const mandatoryPerformanceSchema = z
  .object({
    mandatoryAuditId: z.uuid(),
    enterpriseId: z.uuid(),
    gridFactor: z.object({
      id: z.string(),
      series: z.string(),
      scope: z.string(),
      region: z.string(),
      dataYear: z.number(),
      value_tCO2PerMWh: z.number(),
      source: optionsSourceSchema,
      name: z.string().optional(),
      note: z.string().optional(),
    }),
    totals: guangdongTotalsSchema,
    breakdown: optionsBreakdownSchema,
    notes: z.array(z.string()),
  })
  .meta({ id: 'MandatoryPerformance' });

// ---------------------------------------------------------------------------------------------------------
// Endpoints

/** Roles that may change options (experts review, they do not edit). */
const EDITORS: readonly Role[] = [
  'platform_admin',
  'bureau_staff',
  'panel_member',
  'consultant',
  'enterprise_user',
];
const REVIEWERS: readonly Role[] = ['panel_member', 'expert'];
const TAGS = ['options'] as const;

export const optionsEndpoints = {
  listOptionBenefitItems: endpoint({
    method: 'GET',
    path: '/api/option-benefit-items',
    summary: 'The catalogue of benefit items (pollutant reductions, resource savings, CO2) with their units',
    tags: TAGS,
    access: 'authenticated',
    response: optionBenefitCatalogue,
  }),
  listAuditOptions: endpoint({
    method: 'GET',
    path: '/api/audits/:id/options',
    summary: 'Options of an industry audit (filter, search, sort, paginate)',
    tags: TAGS,
    access: 'authenticated',
    params: auditOptionsParams,
    query: optionListQuery,
    response: optionPage,
  }),
  createAuditOption: endpoint({
    method: 'POST',
    path: '/api/audits/:id/options',
    summary: 'Propose an industry-level or enterprise-level option of an industry audit (7.3.1)',
    tags: TAGS,
    access: EDITORS,
    params: auditOptionsParams,
    body: auditOptionCreateBody,
    response: optionDetailSchema,
    status: 201,
  }),
  screenAuditOptions: endpoint({
    method: 'POST',
    path: '/api/audits/:id/option-screening',
    summary: 'Feasibility screening (7.3.2) of options by the weighted-sum method; scores stored per option',
    tags: TAGS,
    access: EDITORS,
    params: auditOptionsParams,
    body: optionScreeningBody,
    response: optionScreeningResult,
  }),
  getAuditPerformance: endpoint({
    method: 'GET',
    path: '/api/audits/:id/performance',
    summary:
      'Appendix B tables 7.2 (绩效评估) and 7.3 (审核目标完成情况), computed by the core, with breakdowns',
    tags: TAGS,
    access: 'authenticated',
    params: auditOptionsParams,
    response: auditPerformanceSchema,
  }),
  listMandatoryOptions: endpoint({
    method: 'GET',
    path: '/api/mandatory-audits/:id/options',
    summary: 'Options of a mandatory audit (filter, search, sort, paginate)',
    tags: TAGS,
    access: 'authenticated',
    params: auditOptionsParams,
    query: optionListQuery,
    response: optionPage,
  }),
  createMandatoryOption: endpoint({
    method: 'POST',
    path: '/api/mandatory-audits/:id/options',
    summary: 'Add an option to a mandatory audit (the enterprise or its consultant)',
    tags: TAGS,
    access: EDITORS,
    params: auditOptionsParams,
    body: mandatoryOptionCreateBody,
    response: optionDetailSchema,
    status: 201,
  }),
  screenMandatoryOptions: endpoint({
    method: 'POST',
    path: '/api/mandatory-audits/:id/option-screening',
    summary: 'Screening of a mandatory audit’s options by the weighted-sum method',
    tags: TAGS,
    access: EDITORS,
    params: auditOptionsParams,
    body: optionScreeningBody,
    response: optionScreeningResult,
  }),
  getMandatoryPerformance: endpoint({
    method: 'GET',
    path: '/api/mandatory-audits/:id/performance',
    summary:
      'Guangdong form summaries (方案汇总, 环境效益汇总, 资源能源节约与经济效益汇总) computed by the core',
    tags: TAGS,
    access: 'authenticated',
    params: auditOptionsParams,
    query: mandatoryPerformanceQuery,
    response: mandatoryPerformanceSchema,
  }),
  getOption: endpoint({
    method: 'GET',
    path: '/api/options/:id',
    summary: 'One option with its problems, benefits, screening, economics and what the caller may do',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    response: optionDetailSchema,
  }),
  updateOption: endpoint({
    method: 'PATCH',
    path: '/api/options/:id',
    summary: 'Change an option (versioned); economics are recomputed when the investment changes',
    tags: TAGS,
    access: EDITORS,
    params: idParams,
    body: optionUpdateBody,
    response: optionDetailSchema,
  }),
  setOptionProblems: endpoint({
    method: 'PUT',
    path: '/api/options/:id/problems',
    summary: 'The diagnosed problems an option answers (versioned on the option)',
    tags: TAGS,
    access: EDITORS,
    params: idParams,
    body: optionProblemsBody,
    response: optionDetailSchema,
  }),
  setOptionBenefits: endpoint({
    method: 'PUT',
    path: '/api/options/:id/benefits',
    summary: 'Replace the expected or actual benefits (units checked against each item)',
    tags: TAGS,
    access: EDITORS,
    params: idParams,
    body: optionBenefitsBody,
    response: optionDetailSchema,
  }),
  setOptionEconomics: endpoint({
    method: 'PUT',
    path: '/api/options/:id/economics',
    summary: 'Economic feasibility of a 中/高费 option (core optionEconomics), stored with its breakdown',
    tags: TAGS,
    access: EDITORS,
    params: idParams,
    body: optionEconomicsBody,
    response: optionDetailSchema,
  }),
  transitionOption: endpoint({
    method: 'POST',
    path: '/api/options/:id/status',
    summary:
      'Move an option through proposed → screened → feasible | rejected → implementing → implemented → verified',
    tags: TAGS,
    access: EDITORS,
    params: idParams,
    body: optionTransitionBody,
    response: optionDetailSchema,
  }),
  listOptionEvidence: endpoint({
    method: 'GET',
    path: '/api/options/:id/evidence',
    summary: 'Evidence files of an option (7.4.2)',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    response: z.object({ items: z.array(evidenceSchema) }),
  }),
  uploadOptionEvidence: endpoint({
    method: 'POST',
    path: '/api/options/:id/evidence',
    summary: 'Upload one evidence file (multipart: kind, title, note, file); type checked by content',
    tags: TAGS,
    access: EDITORS,
    params: idParams,
    body: evidenceUploadFields,
    response: evidenceSchema,
    status: 201,
    kind: 'upload',
  }),
  downloadOptionEvidence: endpoint({
    method: 'GET',
    path: '/api/evidence/:id/content',
    summary: 'The bytes of an evidence file, with its detected Content-Type',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    response: z.unknown().describe('the file (Content-Type and Content-Disposition set)'),
    kind: 'download',
  }),
  deleteOptionEvidence: endpoint({
    method: 'DELETE',
    path: '/api/evidence/:id',
    summary: 'Remove an evidence file from its option (the stored bytes stay while another record uses them)',
    tags: TAGS,
    access: EDITORS,
    params: idParams,
    query: evidenceDeleteQuery,
    response: okSchema,
  }),
  listOptionReviews: endpoint({
    method: 'GET',
    path: '/api/options/:id/reviews',
    summary: 'Expert and panel reviews of an option',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    response: z.object({ items: z.array(optionReviewSchema) }),
  }),
  createOptionReview: endpoint({
    method: 'POST',
    path: '/api/options/:id/reviews',
    summary: 'Review an option (assigned experts and panel members): stage, verdict, comment, scores',
    tags: TAGS,
    access: REVIEWERS,
    params: idParams,
    body: optionReviewCreateBody,
    response: optionReviewSchema,
    status: 201,
  }),
  updateOptionReview: endpoint({
    method: 'PATCH',
    path: '/api/option-reviews/:id',
    summary: 'Change one’s own review (versioned)',
    tags: TAGS,
    access: REVIEWERS,
    params: idParams,
    body: optionReviewUpdateBody,
    response: optionReviewSchema,
  }),
};
