/**
 * Industry cleaner-production audits (行业清洁生产审核), Jiangsu 《行业清洁生产审核技术指南》 sections 6–7 and
 * Appendix B: the audit and its five phases, the work plan, the panel, the enterprise list with candidate ranking
 * and data-collection status, trainings, site surveys, status-analysis sections, audit focus, targets, problems,
 * the continuous CP plan and expert assignments. Options and evidence (7.3, 7.4) are in options.ts.
 *
 * Names are prefixed (`audit…`) because every contract file is re-exported from index.ts.
 */
import { z } from 'zod';
import { idParams, isoDate, isoDateTime, page, pageQuery } from './common.ts';
import { endpoint } from './endpoint.ts';

// ---------------------------------------------------------------------------------------------------------------
// Enumerations (the same lists as the database CHECK constraints of packages/server/src/db/schema/audits.ts).

/** Where the audit stands: planning, one of the five phases (6, figure 1), closed or cancelled. */
export const AUDIT_STATUS_VALUES = [
  'planning',
  'preparation',
  'audit',
  'options',
  'implementation',
  'evaluation',
  'closed',
  'cancelled',
] as const;
/** 审核准备, 审核, 方案产生和确定, 方案实施, 绩效评估和持续清洁生产 (guideline 6). */
export const AUDIT_PHASE_VALUES = [
  'preparation',
  'audit',
  'options',
  'implementation',
  'evaluation',
] as const;
export const AUDIT_PANEL_ROLE_VALUES = ['leader', 'deputy_leader', 'member', 'expert', 'secretary'] as const;
/** The four principles of 7.1.2 a)–d). */
export const AUDIT_SELECTION_PRINCIPLE_VALUES = [
  'environmental_impact',
  'key_governance',
  'feasibility',
  'representativeness',
] as const;
export const AUDIT_ENTERPRISE_STATUS_VALUES = ['candidate', 'selected', 'excluded'] as const;
/** The request workflow the panel records (7.2.1.1). */
export const AUDIT_DATA_REQUEST_STATUS_VALUES = [
  'not_requested',
  'requested',
  'in_progress',
  'submitted',
  'returned',
  'accepted',
] as const;
/** Data-collection status derived from the enterprise's annual submissions. */
export const AUDIT_COLLECTION_STATUS_VALUES = [
  'not_started',
  'in_progress',
  'complete',
  'submitted',
  'returned',
] as const;
/** 7.2.4.2: situations that call for individual diagnosis. */
export const AUDIT_INDIVIDUAL_REASON_VALUES = [
  'non_mainstream_process',
  'special_product',
  'administrative_penalty',
  'complaints',
] as const;
/** 宣传动员 (7.1.4.1) and 专业培训 (7.1.4.2). */
export const AUDIT_TRAINING_KIND_VALUES = ['publicity', 'training'] as const;
export const AUDIT_SURVEY_CHECK_VALUES = [
  'raw_materials',
  'process_equipment',
  'operation',
  'treatment_facilities',
  'staff_interviews',
  'opportunities',
] as const;
export const AUDIT_SURVEY_REASON_VALUES = [
  'incomplete_data',
  'doubtful_data',
  'key_problems',
  'routine',
] as const;
export const AUDIT_ANALYSIS_SECTION_VALUES = [
  'industry_overview',
  'survey_methods',
  'industry_status',
  'policy_compliance',
  'cp_level',
  'standards_comparison',
  'resource_efficiency',
  'pollutant_intensity',
  'ghg',
  'gap_to_advanced',
  'problem_distribution',
  'potential',
  'feasibility',
  'implementation',
  'performance',
] as const;
/** 7.2.2.2 a)–e). */
export const AUDIT_FOCUS_ORIENTATION_VALUES = [
  'pollutant_reduction',
  'ghg_reduction',
  'resource_efficiency',
  'industry_chain',
  'management_compliance',
] as const;
/** 7.2.3.4 a)–e). */
export const AUDIT_TARGET_TYPE_VALUES = [
  'pollutant_reduction',
  'ghg_reduction',
  'resource_efficiency',
  'cp_level',
  'other',
] as const;
export const AUDIT_TARGET_MEASURE_VALUES = ['absolute', 'percent', 'intensity', 'count', 'share'] as const;
export const AUDIT_TARGET_SCOPE_VALUES = ['industry', 'selected_enterprises', 'listed_enterprises'] as const;
export const AUDIT_PROBLEM_SCOPE_VALUES = ['common', 'individual'] as const;
export const AUDIT_PROBLEM_ASPECT_VALUES = [
  'process_equipment',
  'pollutant',
  'ghg',
  'resource_use',
  'management',
  'raw_materials_energy',
  'production_process',
  'waste',
  'staff',
] as const;
/** 7.2.4.1: the five aspects of common problems. */
export const AUDIT_COMMON_PROBLEM_ASPECTS = [
  'process_equipment',
  'pollutant',
  'ghg',
  'resource_use',
  'management',
] as const;
/** 7.2.4.2: the seven aspects of individual problems. */
export const AUDIT_INDIVIDUAL_PROBLEM_ASPECTS = [
  'raw_materials_energy',
  'process_equipment',
  'production_process',
  'resource_use',
  'waste',
  'staff',
  'management',
] as const;
/** Appendix B 5.2. */
export const AUDIT_CAUSE_TYPE_VALUES = ['technical', 'management', 'policy'] as const;
/** 7.2.4.3. */
export const AUDIT_DIAGNOSIS_METHOD_VALUES = [
  'material_balance',
  'energy_balance',
  'water_balance',
  'standard_comparison',
  'expert_judgement',
  'questionnaire',
  'measurement',
] as const;
/** 7.5.2. */
export const AUDIT_PLAN_CATEGORY_VALUES = [
  'management_system',
  'industry_promotion',
  'cycle_linkage',
  'other',
] as const;
export const AUDIT_PLAN_STATUS_VALUES = ['planned', 'in_progress', 'done', 'cancelled'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Building blocks.

const shortText = (max = 200) => z.string().trim().min(1).max(max);
const longText = (max = 10_000) => z.string().max(max);
const optionalLongText = (max = 10_000) => longText(max).nullable().optional();
const sortOrder = z.number().int().min(0).max(100_000);
const versionField = z.number().int().positive();
/** A non-negative measured value (baseline, target, achieved). */
const amount = z.number().min(0).max(1e12);

/** Optimistic concurrency on DELETE: the version the client read, as a query parameter. */
export const auditDeleteQuery = z.object({ version: z.coerce.number().int().positive() });

const sourceSchema = z.object({
  document: z.string(),
  clause: z.string().optional(),
  url: z.string().optional(),
  status: z.enum(['seed', 'verified-page', 'verified-cross-checked', 'code-only', 'unverified', 'user']),
  note: z.string().optional(),
});
const factorRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  source: sourceSchema,
});
const inputRefSchema = z.object({
  name: z.string(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  unit: z.string().optional(),
});

/** The core's `Breakdown` (trace.ts): how a result was produced, with its inputs, factors and clause. */
export const auditBreakdownSchema = z
  .object({
    label: z.string(),
    formula: z.string().optional(),
    clause: sourceSchema.optional(),
    inputs: z.array(inputRefSchema),
    factors: z.array(factorRefSchema),
    result: z.union([z.number(), z.string(), z.boolean(), z.null()]),
    unit: z.string().optional(),
    get steps(): z.ZodOptional<z.ZodArray<typeof auditBreakdownSchema>> {
      return z.array(auditBreakdownSchema).optional();
    },
    notes: z.array(z.string()).optional(),
  })
  .meta({ id: 'AuditBreakdown' });

const stamps = {
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
};

// ---------------------------------------------------------------------------------------------------------------
// Audits and phases.

export const auditScheduleSchema = z.object({
  /** The date the schedule was judged on (Asia/Shanghai). */
  today: isoDate,
  /** The phase the plan expects today: `planning` before the first planned start, `closed` after the last end. */
  plannedPhase: z.enum(['planning', ...AUDIT_PHASE_VALUES, 'closed']).nullable(),
  state: z.enum(['on_track', 'behind', 'ahead', 'unplanned', 'closed', 'cancelled']),
  /** Days past the planned end of the current phase (null when not overdue). */
  overdueDays: z.number().int().nullable(),
  note: z.string(),
});

export const auditPhaseSchema = z
  .object({
    id: z.uuid(),
    phase: z.enum(AUDIT_PHASE_VALUES),
    nameZh: z.string(),
    plannedStart: isoDate.nullable(),
    plannedEnd: isoDate.nullable(),
    actualStart: isoDate.nullable(),
    actualEnd: isoDate.nullable(),
    workContent: z.string().nullable(),
    responsible: z.string().nullable(),
    outputs: z.string().nullable(),
    ...stamps,
  })
  .meta({ id: 'AuditPhase' });

export const industryAuditSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    bureauId: z.uuid(),
    bureauName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    industryCodes: z.array(z.string()),
    industryName: z.string(),
    periodStart: isoDate,
    periodEnd: isoDate,
    status: z.enum(AUDIT_STATUS_VALUES),
    scope: z.string().nullable(),
    purpose: z.string().nullable(),
    indicatorSystemId: z.uuid().nullable(),
    lowCostThreshold_wanYuan: z.number().nullable(),
    createdBy: z.uuid().nullable(),
    /** Enterprises with status `selected` on the list. */
    selectedEnterprises: z.number().int(),
    schedule: auditScheduleSchema,
    ...stamps,
  })
  .meta({ id: 'IndustryAudit' });
export type IndustryAuditDto = z.infer<typeof industryAuditSchema>;

export const industryAuditDetailSchema = industryAuditSchema
  .extend({
    phases: z.array(auditPhaseSchema),
    access: z.object({
      /** May change the audit (admin, its bureau, its panel). */
      manage: z.boolean(),
      /** May assign experts (admin, its bureau). */
      assignExperts: z.boolean(),
      /** Enterprise users see the audit read-only, limited to these enterprises' rows; null = no limit. */
      limitedToEnterprises: z.array(z.uuid()).nullable(),
    }),
  })
  .meta({ id: 'IndustryAuditDetail' });

const industryCodesField = z.array(z.string().trim().min(1).max(8)).min(1).max(20);

export const createAuditBody = z.strictObject({
  title: shortText(200),
  /** The lead bureau; optional for a user of exactly one bureau. */
  bureauId: z.uuid().optional(),
  /** 6-digit division code of the region audited, within the bureau's jurisdiction. */
  regionCode: z.string().regex(/^[1-9][0-9]{5}$/),
  /** GB/T 4754-2017 codes (division, group or class), checked by the core. */
  industryCodes: industryCodesField,
  /** Defaults to the GB/T 4754-2017 names of the codes. */
  industryName: shortText(200).optional(),
  periodStart: isoDate,
  /** At most 12 months after periodStart (guideline 3.3). */
  periodEnd: isoDate,
  scope: optionalLongText(),
  purpose: optionalLongText(),
  indicatorSystemId: z.uuid().nullable().optional(),
  lowCostThreshold_wanYuan: z.number().min(0).max(1e9).nullable().optional(),
});

export const updateAuditBody = z.strictObject({
  version: versionField,
  title: shortText(200).optional(),
  regionCode: z
    .string()
    .regex(/^[1-9][0-9]{5}$/)
    .optional(),
  industryCodes: industryCodesField.optional(),
  industryName: shortText(200).optional(),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
  scope: optionalLongText(),
  purpose: optionalLongText(),
  indicatorSystemId: z.uuid().nullable().optional(),
  lowCostThreshold_wanYuan: z.number().min(0).max(1e9).nullable().optional(),
});

export const transitionAuditBody = z.strictObject({
  version: versionField,
  to: z.enum(AUDIT_STATUS_VALUES),
  /** The date the phase change happened (default: today). */
  on: isoDate.optional(),
});

export const listAuditsQuery = pageQuery.extend({
  sort: z.enum(['title', 'periodStart', 'periodEnd', 'status', 'createdAt', 'updatedAt']).optional(),
  status: z.enum(AUDIT_STATUS_VALUES).optional(),
  bureauId: z.uuid().optional(),
  /** Audits whose region lies in this region (code or below). */
  regionCode: z
    .string()
    .regex(/^[1-9][0-9]{5}$/)
    .optional(),
  /** Audits covering this GB/T 4754 code (or a code under it). */
  industryCode: z
    .string()
    .regex(/^[0-9]{2,4}$/)
    .optional(),
  /** Audits whose period overlaps this calendar year. */
  year: z.coerce.number().int().min(1949).max(2100).optional(),
});

export const updateAuditPhaseBody = z.strictObject({
  version: versionField,
  plannedStart: isoDate.nullable().optional(),
  plannedEnd: isoDate.nullable().optional(),
  actualStart: isoDate.nullable().optional(),
  actualEnd: isoDate.nullable().optional(),
  workContent: optionalLongText(),
  responsible: z.string().max(500).nullable().optional(),
  outputs: optionalLongText(),
});
export const auditPhaseParams = z.object({ id: z.uuid(), phase: z.enum(AUDIT_PHASE_VALUES) });

// ---------------------------------------------------------------------------------------------------------------
// Panel (3.2, 7.1.1).

export const auditPanelMemberSchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    userId: z.uuid().nullable(),
    userDisplayName: z.string().nullable(),
    name: z.string(),
    organization: z.string().nullable(),
    position: z.string().nullable(),
    panelRole: z.enum(AUDIT_PANEL_ROLE_VALUES),
    duties: z.string().nullable(),
    sortOrder: z.number().int(),
    ...stamps,
  })
  .meta({ id: 'AuditPanelMember' });

export const addAuditPanelMemberBody = z.strictObject({
  name: shortText(100),
  organization: z.string().max(200).nullable().optional(),
  position: z.string().max(100).nullable().optional(),
  panelRole: z.enum(AUDIT_PANEL_ROLE_VALUES).default('member'),
  duties: z.string().max(2000).nullable().optional(),
  /** A platform user holding the panel_member role: they then see and run this audit. */
  userId: z.uuid().nullable().optional(),
  sortOrder: sortOrder.optional(),
});
export const updateAuditPanelMemberBody = z.strictObject({
  version: versionField,
  name: shortText(100).optional(),
  organization: z.string().max(200).nullable().optional(),
  position: z.string().max(100).nullable().optional(),
  panelRole: z.enum(AUDIT_PANEL_ROLE_VALUES).optional(),
  duties: z.string().max(2000).nullable().optional(),
  userId: z.uuid().nullable().optional(),
  sortOrder: sortOrder.optional(),
});
export const listAuditPanelQuery = pageQuery.extend({
  sort: z.enum(['sortOrder', 'name', 'panelRole']).optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Work plan (7.1.3; Appendix B 2).

export const auditWorkPlanSchema = z
  .object({
    auditId: z.uuid(),
    title: z.string(),
    /** 审核范围 (Appendix B 2.1): the scope text and the enterprises selected. */
    scope: z.string().nullable(),
    enterprises: z.array(z.object({ enterpriseId: z.uuid(), name: z.string() })),
    purpose: z.string().nullable(),
    periodStart: isoDate,
    periodEnd: isoDate,
    /** 审核阶段及进度安排 (Appendix B 2.3). */
    phases: z.array(auditPhaseSchema),
    /** 审核组织架构与职责分工 (Appendix B 2.2). */
    panel: z.array(auditPanelMemberSchema),
    /** What is still missing for a complete work plan (7.1.3). */
    gaps: z.array(z.string()),
    source: sourceSchema,
  })
  .meta({ id: 'AuditWorkPlan' });

// ---------------------------------------------------------------------------------------------------------------
// Enterprise list (7.1.2), candidates and data collection (7.2.1.1).

export const auditDataCollectionSchema = z.object({
  status: z.enum(AUDIT_COLLECTION_STATUS_VALUES),
  statusZh: z.string(),
  /** All requested years accepted by the bureau. */
  accepted: z.boolean(),
  years: z.array(
    z.object({
      year: z.number().int(),
      submissionStatus: z.enum(['draft', 'submitted', 'returned', 'accepted']).nullable(),
      returnReason: z.string().nullable(),
      itemsPresent: z.number().int(),
      itemsRequired: z.number().int(),
      missing: z.array(z.string()),
    }),
  ),
});

export const auditEnterpriseSchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    uscc: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    industryCode: z.string(),
    status: z.enum(AUDIT_ENTERPRISE_STATUS_VALUES),
    selectionScore: z.number().nullable(),
    selectionBreakdown: auditBreakdownSchema.nullable(),
    selectionReasons: z.array(z.enum(AUDIT_SELECTION_PRINCIPLE_VALUES)),
    selectionNote: z.string().nullable(),
    dataStatus: z.enum(AUDIT_DATA_REQUEST_STATUS_VALUES),
    dataYears: z.array(z.number().int()),
    dataRequestedOn: isoDate.nullable(),
    dataDueOn: isoDate.nullable(),
    dataSubmittedOn: isoDate.nullable(),
    consultingFirmId: z.uuid().nullable(),
    individualDiagnosisReasons: z.array(z.enum(AUDIT_INDIVIDUAL_REASON_VALUES)),
    collection: auditDataCollectionSchema,
    ...stamps,
  })
  .meta({ id: 'AuditEnterprise' });

export const listAuditEnterprisesQuery = pageQuery.extend({
  sort: z.enum(['name', 'status', 'selectionScore', 'createdAt']).optional(),
  status: z.enum(AUDIT_ENTERPRISE_STATUS_VALUES).optional(),
  collection: z.enum(AUDIT_COLLECTION_STATUS_VALUES).optional(),
});

const selectionFields = {
  status: z.enum(AUDIT_ENTERPRISE_STATUS_VALUES),
  /** Which of the 7.1.2 principles justify the choice. */
  reasons: z.array(z.enum(AUDIT_SELECTION_PRINCIPLE_VALUES)).max(4),
  note: z.string().max(2000).nullable(),
  dataYears: z.array(z.number().int().min(1949).max(2100)).max(10),
  dataRequestedOn: isoDate.nullable(),
  dataDueOn: isoDate.nullable(),
  dataStatus: z.enum(AUDIT_DATA_REQUEST_STATUS_VALUES),
  consultingFirmId: z.uuid().nullable(),
  individualDiagnosisReasons: z.array(z.enum(AUDIT_INDIVIDUAL_REASON_VALUES)).max(4),
};

export const addAuditEnterpriseBody = z.strictObject({
  enterpriseId: z.uuid(),
  status: selectionFields.status.default('candidate'),
  reasons: selectionFields.reasons.optional(),
  note: selectionFields.note.optional(),
  /** Default: the three calendar years before the audit period starts (Appendix A 近三年). */
  dataYears: selectionFields.dataYears.optional(),
});
export const updateAuditEnterpriseBody = z.strictObject({
  version: versionField,
  status: selectionFields.status.optional(),
  reasons: selectionFields.reasons.optional(),
  note: selectionFields.note.optional(),
  dataYears: selectionFields.dataYears.optional(),
  dataRequestedOn: selectionFields.dataRequestedOn.optional(),
  dataDueOn: selectionFields.dataDueOn.optional(),
  dataStatus: selectionFields.dataStatus.optional(),
  consultingFirmId: selectionFields.consultingFirmId.optional(),
  individualDiagnosisReasons: selectionFields.individualDiagnosisReasons.optional(),
});
export const auditEnterpriseParams = z.object({ id: z.uuid(), enterpriseId: z.uuid() });

/** Judgements the stored data cannot give (7.1.2 b, c), per enterprise, and weights of the four principles. */
export const rankAuditCandidatesBody = z.strictObject({
  weights: z
    .strictObject({
      impact: z.number().positive().max(100).optional(),
      governance: z.number().positive().max(100).optional(),
      feasibility: z.number().positive().max(100).optional(),
      representativeness: z.number().positive().max(100).optional(),
    })
    .optional(),
  assessments: z
    .array(
      z.strictObject({
        enterpriseId: z.uuid(),
        inKeyRegion: z.boolean().optional(),
        characteristicPollutants: z.boolean().optional(),
        newPollutants: z.boolean().optional(),
        heavyMetals: z.boolean().optional(),
        /** 0–1. */
        willingness: z.number().min(0).max(1).optional(),
        /** 0–1. */
        capacityToChange: z.number().min(0).max(1).optional(),
      }),
    )
    .max(2000)
    .default([]),
});

export const auditCandidateSchema = z.object({
  enterpriseId: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  industryCode: z.string(),
  /** Status on the audit's list, or null when not listed. */
  listed: z.enum(AUDIT_ENTERPRISE_STATUS_VALUES).nullable(),
  rank: z.number().int(),
  total: z.number(),
  scores: z.object({
    impact: z.number(),
    governance: z.number(),
    feasibility: z.number(),
    representativeness: z.number(),
  }),
  reasons: z.array(z.string()),
  tiedAtSelection: z.array(z.string()),
  /** The values the scores came from, and where each came from. */
  basis: z.object({
    year: z.number().int().nullable(),
    pollutantLoad_t: z.number().nullable(),
    ghgIntensity_tCO2_per_wanYuan: z.number().nullable(),
    energyIntensity_tce_per_wanYuan: z.number().nullable(),
    heavyMetals: z.boolean().nullable(),
    dataCompleteness: z.number(),
    willingness: z.number(),
    capacityToChange: z.number().nullable(),
    sizeClass: z.string(),
    county: z.string(),
    processType: z.string(),
    notes: z.array(z.string()),
  }),
});

export const auditCandidateRankingSchema = z
  .object({
    auditId: z.uuid(),
    /** The years of annual data looked at (the three before the audit period). */
    dataYears: z.array(z.number().int()),
    weights: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number() })),
    candidates: z.array(auditCandidateSchema),
    lines: z.array(z.string()),
    breakdown: auditBreakdownSchema,
  })
  .meta({ id: 'AuditCandidateRanking' });

export const auditDataCollectionRowSchema = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  status: z.enum(AUDIT_ENTERPRISE_STATUS_VALUES),
  dataStatus: z.enum(AUDIT_DATA_REQUEST_STATUS_VALUES),
  dataDueOn: isoDate.nullable(),
  collection: auditDataCollectionSchema,
});
export const auditDataCollectionSummarySchema = z
  .object({
    items: z.array(auditDataCollectionRowSchema),
    total: z.number().int(),
    /** Count per derived status over all listed (not excluded) enterprises the caller sees. */
    counts: z.record(z.enum(AUDIT_COLLECTION_STATUS_VALUES), z.number().int()),
    /** The annual items counted as required for `complete`. */
    requiredItems: z.array(z.object({ code: z.string(), zh: z.string() })),
  })
  .meta({ id: 'AuditDataCollection' });
export const auditDataCollectionQuery = pageQuery.extend({
  status: z.enum(AUDIT_COLLECTION_STATUS_VALUES).optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Trainings (7.1.4).

const attendeeSchema = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  attendeeName: z.string().nullable(),
  organization: z.string().nullable(),
  headcount: z.number().int(),
});
export const auditTrainingSchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    kind: z.enum(AUDIT_TRAINING_KIND_VALUES),
    title: z.string(),
    heldOn: isoDate,
    location: z.string().nullable(),
    topics: z.string().nullable(),
    trainer: z.string().nullable(),
    note: z.string().nullable(),
    /** 人次: Σ headcount over every attendance row (also those hidden from an enterprise user). */
    attendanceCount: z.number().int(),
    attendees: z.array(attendeeSchema),
    ...stamps,
  })
  .meta({ id: 'AuditTraining' });
const attendeeInput = z
  .strictObject({
    enterpriseId: z.uuid().nullable().optional(),
    userId: z.uuid().nullable().optional(),
    attendeeName: z.string().trim().min(1).max(100).nullable().optional(),
    organization: z.string().trim().min(1).max(200).nullable().optional(),
    headcount: z.number().int().min(1).max(100_000).default(1),
  })
  .refine(
    (a) => a.enterpriseId != null || a.userId != null || a.attendeeName != null || a.organization != null,
    { message: 'an attendee needs a name, an organisation, an enterprise or a user' },
  );
export const createAuditTrainingBody = z.strictObject({
  kind: z.enum(AUDIT_TRAINING_KIND_VALUES),
  title: shortText(200),
  heldOn: isoDate,
  location: z.string().max(200).nullable().optional(),
  /** 7.1.4.2 a)–c): policy and incentives, audit method, key points and cases. */
  topics: optionalLongText(2000),
  trainer: z.string().max(200).nullable().optional(),
  note: optionalLongText(2000),
  attendees: z.array(attendeeInput).max(2000).default([]),
});
export const updateAuditTrainingBody = z.strictObject({
  version: versionField,
  kind: z.enum(AUDIT_TRAINING_KIND_VALUES).optional(),
  title: shortText(200).optional(),
  heldOn: isoDate.optional(),
  location: z.string().max(200).nullable().optional(),
  topics: optionalLongText(2000),
  trainer: z.string().max(200).nullable().optional(),
  note: optionalLongText(2000),
  /** When given, replaces the attendance list. */
  attendees: z.array(attendeeInput).max(2000).optional(),
});
export const listAuditTrainingsQuery = pageQuery.extend({
  sort: z.enum(['heldOn', 'title', 'kind']).optional(),
  kind: z.enum(AUDIT_TRAINING_KIND_VALUES).optional(),
});
export const auditTrainingParams = z.object({ id: z.uuid(), trainingId: z.uuid() });

// ---------------------------------------------------------------------------------------------------------------
// Site surveys (7.2.1.2).

export const auditSiteSurveySchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    surveyedOn: isoDate,
    surveyors: z.string().nullable(),
    reasons: z.array(z.enum(AUDIT_SURVEY_REASON_VALUES)),
    checked: z.array(z.enum(AUDIT_SURVEY_CHECK_VALUES)),
    checkedDetail: z.string().nullable(),
    findings: z.string().nullable(),
    suggestions: z.string().nullable(),
    opportunities: z.string().nullable(),
    /** Problems recorded from this survey. */
    problems: z.array(
      z.object({ id: z.uuid(), title: z.string(), scope: z.enum(AUDIT_PROBLEM_SCOPE_VALUES) }),
    ),
    ...stamps,
  })
  .meta({ id: 'AuditSiteSurvey' });
const surveyFields = {
  surveyedOn: isoDate,
  surveyors: z.string().max(500).nullable(),
  reasons: z.array(z.enum(AUDIT_SURVEY_REASON_VALUES)).max(4),
  checked: z.array(z.enum(AUDIT_SURVEY_CHECK_VALUES)).max(6),
  checkedDetail: longText().nullable(),
  findings: longText().nullable(),
  suggestions: longText().nullable(),
  opportunities: longText().nullable(),
};
export const createAuditSiteSurveyBody = z.strictObject({
  enterpriseId: z.uuid(),
  surveyedOn: surveyFields.surveyedOn,
  surveyors: surveyFields.surveyors.optional(),
  reasons: surveyFields.reasons.default([]),
  checked: surveyFields.checked.default([]),
  checkedDetail: surveyFields.checkedDetail.optional(),
  findings: surveyFields.findings.optional(),
  suggestions: surveyFields.suggestions.optional(),
  opportunities: surveyFields.opportunities.optional(),
});
export const updateAuditSiteSurveyBody = z.strictObject({
  version: versionField,
  surveyedOn: surveyFields.surveyedOn.optional(),
  surveyors: surveyFields.surveyors.optional(),
  reasons: surveyFields.reasons.optional(),
  checked: surveyFields.checked.optional(),
  checkedDetail: surveyFields.checkedDetail.optional(),
  findings: surveyFields.findings.optional(),
  suggestions: surveyFields.suggestions.optional(),
  opportunities: surveyFields.opportunities.optional(),
});
export const listAuditSiteSurveysQuery = pageQuery.extend({
  sort: z.enum(['surveyedOn', 'enterpriseName']).optional(),
  enterpriseId: z.uuid().optional(),
});
export const auditSiteSurveyParams = z.object({ id: z.uuid(), surveyId: z.uuid() });

// ---------------------------------------------------------------------------------------------------------------
// Status analysis (7.2.1.3; Appendix B 1, 3, 5).

export const auditAnalysisEntrySchema = z
  .object({
    id: z.uuid(),
    section: z.enum(AUDIT_ANALYSIS_SECTION_VALUES),
    /** null: about the industry; otherwise about one enterprise. */
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    content: z.string().nullable(),
    figures: z.record(z.string(), z.unknown()).nullable(),
    ...stamps,
  })
  .meta({ id: 'AuditAnalysisEntry' });
export const auditAnalysisSchema = z
  .object({
    auditId: z.uuid(),
    sections: z.array(
      z.object({
        section: z.enum(AUDIT_ANALYSIS_SECTION_VALUES),
        titleZh: z.string(),
        source: sourceSchema,
        entries: z.array(auditAnalysisEntrySchema),
      }),
    ),
  })
  .meta({ id: 'AuditAnalysis' });
export const auditAnalysisQuery = z.object({ enterpriseId: z.uuid().optional() });
export const putAuditAnalysisBody = z.strictObject({
  enterpriseId: z.uuid().nullable().default(null),
  content: longText(50_000).nullable(),
  figures: z.record(z.string().max(100), z.unknown()).nullable().optional(),
  /** The version read; omit only when the heading has no text yet. */
  version: versionField.optional(),
});
export const auditAnalysisParams = z.object({
  id: z.uuid(),
  section: z.enum(AUDIT_ANALYSIS_SECTION_VALUES),
});

// ---------------------------------------------------------------------------------------------------------------
// Audit focus (7.2.2).

export const auditFocusSchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    orientation: z.enum(AUDIT_FOCUS_ORIENTATION_VALUES),
    title: z.string(),
    description: z.string().nullable(),
    score: z.number().nullable(),
    /** The weighted-sum scoring of this candidate (core rankByWeightedSum), as stored. */
    scoring: auditBreakdownSchema.nullable(),
    selected: z.boolean(),
    sortOrder: z.number().int(),
    ...stamps,
  })
  .meta({ id: 'AuditFocus' });
export const createAuditFocusBody = z.strictObject({
  orientation: z.enum(AUDIT_FOCUS_ORIENTATION_VALUES),
  title: shortText(200),
  description: optionalLongText(5000),
  selected: z.boolean().default(false),
  sortOrder: sortOrder.optional(),
});
export const updateAuditFocusBody = z.strictObject({
  version: versionField,
  orientation: z.enum(AUDIT_FOCUS_ORIENTATION_VALUES).optional(),
  title: shortText(200).optional(),
  description: optionalLongText(5000),
  selected: z.boolean().optional(),
  sortOrder: sortOrder.optional(),
});
export const listAuditFocusesQuery = pageQuery.extend({
  sort: z.enum(['sortOrder', 'score', 'title']).optional(),
  selected: z.enum(['true', 'false']).optional(),
});
export const auditFocusParams = z.object({ id: z.uuid(), focusId: z.uuid() });

const criterionInput = z.strictObject({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100),
  weight: z.number().positive().max(1000),
});
export const scoreAuditFocusesBody = z.strictObject({
  /** Own criteria with weights W; without them the shipped `audit-focus` set is used. */
  criteria: z.array(criterionInput).min(1).max(20).optional(),
  candidates: z
    .array(
      z.strictObject({
        focusId: z.uuid(),
        version: versionField,
        /** R per criterion id, 1–10. */
        scores: z.record(z.string().max(64), z.number().min(1).max(10)),
      }),
    )
    .min(1)
    .max(200),
  tieBreak: z.string().max(64).optional(),
  /** Mark the best N as selected (the others unselected); omit to leave `selected` as it is. */
  selectTop: z.number().int().min(0).max(200).optional(),
});

const scoreTermSchema = z.object({
  criterionId: z.string(),
  criterion: z.string(),
  weight: z.number(),
  score: z.number(),
  product: z.number(),
});
export const auditFocusScoringSchema = z
  .object({
    ranking: z.object({
      criteria: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number() })),
      ranking: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          rank: z.number().int(),
          total: z.number(),
          terms: z.array(scoreTermSchema),
          tiedWith: z.array(z.string()),
        }),
      ),
      ties: z.array(
        z.object({ ids: z.array(z.string()), total: z.number(), brokenBy: z.string().nullable() }),
      ),
      lines: z.array(z.string()),
    }),
    breakdown: auditBreakdownSchema,
    focuses: z.array(auditFocusSchema),
  })
  .meta({ id: 'AuditFocusScoring' });

// ---------------------------------------------------------------------------------------------------------------
// Targets (7.2.3) and their completion (Appendix B 7.3).

export const auditTargetSchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    focusId: z.uuid().nullable(),
    type: z.enum(AUDIT_TARGET_TYPE_VALUES),
    indicator: z.string(),
    itemCode: z.string().nullable(),
    measure: z.enum(AUDIT_TARGET_MEASURE_VALUES),
    /** Decrease or increase, as the completion is computed (from the values, or the type for % targets). */
    direction: z.enum(['decrease', 'increase']),
    unit: z.string(),
    baselineValue: z.number().nullable(),
    baselineYear: z.number().int().nullable(),
    nearTermValue: z.number(),
    nearTermDue: isoDate.nullable(),
    longTermValue: z.number().nullable(),
    longTermDue: isoDate.nullable(),
    scope: z.enum(AUDIT_TARGET_SCOPE_VALUES),
    enterprises: z.array(
      z.object({
        enterpriseId: z.uuid(),
        name: z.string(),
        baselineValue: z.number().nullable(),
        targetValue: z.number().nullable(),
        achievedValue: z.number().nullable(),
      }),
    ),
    achievedValue: z.number().nullable(),
    achievementNote: z.string().nullable(),
    sortOrder: z.number().int(),
    ...stamps,
  })
  .meta({ id: 'AuditTarget' });
const targetEnterpriseInput = z.strictObject({
  enterpriseId: z.uuid(),
  baselineValue: amount.nullable().optional(),
  targetValue: amount.nullable().optional(),
  achievedValue: amount.nullable().optional(),
});
const targetFields = {
  focusId: z.uuid().nullable(),
  type: z.enum(AUDIT_TARGET_TYPE_VALUES),
  indicator: shortText(200),
  itemCode: z
    .string()
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/)
    .max(100)
    .nullable(),
  measure: z.enum(AUDIT_TARGET_MEASURE_VALUES),
  unit: shortText(32),
  baselineValue: amount.nullable(),
  baselineYear: z.number().int().min(1949).max(2100).nullable(),
  /** A level in `unit`, or for `percent` the planned change in % of the baseline (10 = 10%). */
  nearTermValue: amount,
  nearTermDue: isoDate.nullable(),
  longTermValue: amount.nullable(),
  longTermDue: isoDate.nullable(),
  scope: z.enum(AUDIT_TARGET_SCOPE_VALUES),
  enterprises: z.array(targetEnterpriseInput).max(2000),
  achievedValue: amount.nullable(),
  achievementNote: z.string().max(2000).nullable(),
  sortOrder,
};
export const createAuditTargetBody = z.strictObject({
  focusId: targetFields.focusId.optional(),
  type: targetFields.type,
  indicator: targetFields.indicator,
  itemCode: targetFields.itemCode.optional(),
  measure: targetFields.measure,
  unit: targetFields.unit,
  baselineValue: targetFields.baselineValue.optional(),
  baselineYear: targetFields.baselineYear.optional(),
  nearTermValue: targetFields.nearTermValue,
  nearTermDue: targetFields.nearTermDue.optional(),
  longTermValue: targetFields.longTermValue.optional(),
  longTermDue: targetFields.longTermDue.optional(),
  scope: targetFields.scope.default('selected_enterprises'),
  enterprises: targetFields.enterprises.default([]),
  achievedValue: targetFields.achievedValue.optional(),
  achievementNote: targetFields.achievementNote.optional(),
  sortOrder: sortOrder.optional(),
});
export const updateAuditTargetBody = z.strictObject({
  version: versionField,
  focusId: targetFields.focusId.optional(),
  type: targetFields.type.optional(),
  indicator: targetFields.indicator.optional(),
  itemCode: targetFields.itemCode.optional(),
  measure: targetFields.measure.optional(),
  unit: targetFields.unit.optional(),
  baselineValue: targetFields.baselineValue.optional(),
  baselineYear: targetFields.baselineYear.optional(),
  nearTermValue: targetFields.nearTermValue.optional(),
  nearTermDue: targetFields.nearTermDue.optional(),
  longTermValue: targetFields.longTermValue.optional(),
  longTermDue: targetFields.longTermDue.optional(),
  scope: targetFields.scope.optional(),
  /** When given, replaces the per-enterprise rows. */
  enterprises: targetFields.enterprises.optional(),
  achievedValue: targetFields.achievedValue.optional(),
  achievementNote: targetFields.achievementNote.optional(),
  sortOrder: sortOrder.optional(),
});
export const listAuditTargetsQuery = pageQuery.extend({
  sort: z.enum(['sortOrder', 'type', 'indicator']).optional(),
  type: z.enum(AUDIT_TARGET_TYPE_VALUES).optional(),
});
export const auditTargetParams = z.object({ id: z.uuid(), targetId: z.uuid() });

const horizonSchema = z.object({
  horizon: z.enum(['near', 'long']),
  target: z.number(),
  plannedChange_percent: z.number().nullable(),
  completion_percent: z.number().nullable(),
  status: z.enum(['met', 'not-met', 'worse', 'not-assessed']),
  statusZh: z.string(),
  text: z.string(),
});
const coreTargetType = z.enum(['pollutant', 'ghg', 'resource-energy', 'cp-level', 'other']);
export const auditTargetCompletionSchema = z
  .object({
    auditId: z.uuid(),
    /** null when no target can be assessed yet (none, or none with a baseline). */
    completion: z
      .object({
        value: z.object({
          rows: z.array(
            z.object({
              id: z.string(),
              type: coreTargetType,
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
              type: coreTargetType,
              typeZh: z.string(),
              targetText: z.string(),
              completionText: z.string(),
              count: z.number().int(),
              met: z.number().int(),
              notMet: z.number().int(),
              notAssessed: z.number().int(),
            }),
          ),
          overview: z.string(),
        }),
        breakdown: auditBreakdownSchema,
      })
      .nullable(),
    /** Targets left out, with why (e.g. no baseline yet). */
    skipped: z.array(z.object({ targetId: z.uuid(), indicator: z.string(), reason: z.string() })),
  })
  .meta({ id: 'AuditTargetCompletion' });

// ---------------------------------------------------------------------------------------------------------------
// Problems (7.2.4).

export const auditProblemSchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    scope: z.enum(AUDIT_PROBLEM_SCOPE_VALUES),
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    aspect: z.enum(AUDIT_PROBLEM_ASPECT_VALUES),
    title: z.string(),
    description: z.string().nullable(),
    causeTypes: z.array(z.enum(AUDIT_CAUSE_TYPE_VALUES)),
    cause: z.string().nullable(),
    diagnosisMethods: z.array(z.enum(AUDIT_DIAGNOSIS_METHOD_VALUES)),
    focusId: z.uuid().nullable(),
    siteSurveyId: z.uuid().nullable(),
    priority: z.number().int().nullable(),
    manifestation: z.string().nullable(),
    ...stamps,
  })
  .meta({ id: 'AuditProblem' });
const problemFields = {
  scope: z.enum(AUDIT_PROBLEM_SCOPE_VALUES),
  enterpriseId: z.uuid().nullable(),
  aspect: z.enum(AUDIT_PROBLEM_ASPECT_VALUES),
  title: shortText(200),
  description: longText(5000).nullable(),
  causeTypes: z.array(z.enum(AUDIT_CAUSE_TYPE_VALUES)).max(3),
  cause: longText(5000).nullable(),
  diagnosisMethods: z.array(z.enum(AUDIT_DIAGNOSIS_METHOD_VALUES)).max(7),
  focusId: z.uuid().nullable(),
  siteSurveyId: z.uuid().nullable(),
  priority: z.number().int().min(1).max(1000).nullable(),
  manifestation: longText(5000).nullable(),
};
export const createAuditProblemBody = z.strictObject({
  scope: problemFields.scope,
  enterpriseId: problemFields.enterpriseId.optional(),
  aspect: problemFields.aspect,
  title: problemFields.title,
  description: problemFields.description.optional(),
  causeTypes: problemFields.causeTypes.default([]),
  cause: problemFields.cause.optional(),
  diagnosisMethods: problemFields.diagnosisMethods.default([]),
  focusId: problemFields.focusId.optional(),
  siteSurveyId: problemFields.siteSurveyId.optional(),
  priority: problemFields.priority.optional(),
  manifestation: problemFields.manifestation.optional(),
});
export const updateAuditProblemBody = z.strictObject({
  version: versionField,
  scope: problemFields.scope.optional(),
  enterpriseId: problemFields.enterpriseId.optional(),
  aspect: problemFields.aspect.optional(),
  title: problemFields.title.optional(),
  description: problemFields.description.optional(),
  causeTypes: problemFields.causeTypes.optional(),
  cause: problemFields.cause.optional(),
  diagnosisMethods: problemFields.diagnosisMethods.optional(),
  focusId: problemFields.focusId.optional(),
  siteSurveyId: problemFields.siteSurveyId.optional(),
  priority: problemFields.priority.optional(),
  manifestation: problemFields.manifestation.optional(),
});
export const listAuditProblemsQuery = pageQuery.extend({
  sort: z.enum(['priority', 'title', 'aspect', 'createdAt']).optional(),
  scope: z.enum(AUDIT_PROBLEM_SCOPE_VALUES).optional(),
  aspect: z.enum(AUDIT_PROBLEM_ASPECT_VALUES).optional(),
  enterpriseId: z.uuid().optional(),
  focusId: z.uuid().optional(),
});
export const auditProblemParams = z.object({ id: z.uuid(), problemId: z.uuid() });

// ---------------------------------------------------------------------------------------------------------------
// Continuous CP plan (7.5.2).

export const auditPlanTaskSchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    category: z.enum(AUDIT_PLAN_CATEGORY_VALUES),
    task: z.string(),
    responsibleUnit: z.string(),
    responsibleBureauId: z.uuid().nullable(),
    responsibleEnterpriseId: z.uuid().nullable(),
    deadline: isoDate,
    expectedResult: z.string(),
    status: z.enum(AUDIT_PLAN_STATUS_VALUES),
    progressNote: z.string().nullable(),
    completedOn: isoDate.nullable(),
    sortOrder: z.number().int(),
    /** Past its deadline and neither done nor cancelled (judged on today's date, Asia/Shanghai). */
    overdue: z.boolean(),
    ...stamps,
  })
  .meta({ id: 'AuditPlanTask' });
const planFields = {
  category: z.enum(AUDIT_PLAN_CATEGORY_VALUES),
  task: shortText(2000),
  responsibleUnit: shortText(200),
  responsibleBureauId: z.uuid().nullable(),
  responsibleEnterpriseId: z.uuid().nullable(),
  deadline: isoDate,
  expectedResult: shortText(2000),
  status: z.enum(AUDIT_PLAN_STATUS_VALUES),
  progressNote: longText(5000).nullable(),
  completedOn: isoDate.nullable(),
};
export const createAuditPlanTaskBody = z.strictObject({
  category: planFields.category,
  task: planFields.task,
  responsibleUnit: planFields.responsibleUnit,
  responsibleBureauId: planFields.responsibleBureauId.optional(),
  responsibleEnterpriseId: planFields.responsibleEnterpriseId.optional(),
  deadline: planFields.deadline,
  expectedResult: planFields.expectedResult,
  status: planFields.status.default('planned'),
  progressNote: planFields.progressNote.optional(),
  completedOn: planFields.completedOn.optional(),
  sortOrder: sortOrder.optional(),
});
export const updateAuditPlanTaskBody = z.strictObject({
  version: versionField,
  category: planFields.category.optional(),
  task: planFields.task.optional(),
  responsibleUnit: planFields.responsibleUnit.optional(),
  responsibleBureauId: planFields.responsibleBureauId.optional(),
  responsibleEnterpriseId: planFields.responsibleEnterpriseId.optional(),
  deadline: planFields.deadline.optional(),
  expectedResult: planFields.expectedResult.optional(),
  status: planFields.status.optional(),
  progressNote: planFields.progressNote.optional(),
  completedOn: planFields.completedOn.optional(),
  sortOrder: sortOrder.optional(),
});
export const listAuditPlanTasksQuery = pageQuery.extend({
  sort: z.enum(['deadline', 'sortOrder', 'status', 'category']).optional(),
  status: z.enum(AUDIT_PLAN_STATUS_VALUES).optional(),
  category: z.enum(AUDIT_PLAN_CATEGORY_VALUES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const auditPlanTaskParams = z.object({ id: z.uuid(), taskId: z.uuid() });

// ---------------------------------------------------------------------------------------------------------------
// Expert assignments.

export const auditExpertSchema = z
  .object({
    id: z.uuid(),
    auditId: z.uuid(),
    userId: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    note: z.string().nullable(),
    assignedBy: z.uuid().nullable(),
    ...stamps,
  })
  .meta({ id: 'AuditExpertAssignment' });
export const assignAuditExpertBody = z.strictObject({
  /** A user holding the expert role. */
  userId: z.uuid(),
  note: z.string().max(2000).nullable().optional(),
});
export const auditExpertParams = z.object({ id: z.uuid(), assignmentId: z.uuid() });

// ---------------------------------------------------------------------------------------------------------------
// Endpoints.

const TAGS = ['audits'] as const;
/** Who runs an audit; the service narrows it to the audits they manage (admin, bureau, panel). */
const MANAGERS = ['platform_admin', 'bureau_staff', 'panel_member'] as const;
const LEADS = ['platform_admin', 'bureau_staff'] as const;
const okDeleted = z.object({ ok: z.literal(true) });

export const auditsEndpoints = {
  listAudits: endpoint({
    method: 'GET',
    path: '/api/audits',
    summary: 'Industry audits the caller sees, with the phase each is in against its plan',
    tags: TAGS,
    access: 'authenticated',
    query: listAuditsQuery,
    response: page(industryAuditSchema),
  }),
  createAudit: endpoint({
    method: 'POST',
    path: '/api/audits',
    summary: 'Create an industry audit (bureau staff for a region in their jurisdiction, admin)',
    tags: TAGS,
    access: LEADS,
    body: createAuditBody,
    response: industryAuditDetailSchema,
    status: 201,
  }),
  getAudit: endpoint({
    method: 'GET',
    path: '/api/audits/:id',
    summary: 'One industry audit with its phases',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    response: industryAuditDetailSchema,
  }),
  updateAudit: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id',
    summary: 'Change an industry audit (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: updateAuditBody,
    response: industryAuditDetailSchema,
  }),
  transitionAudit: endpoint({
    method: 'POST',
    path: '/api/audits/:id/transition',
    summary: 'Move the audit to the next (or back to the previous) phase, close or cancel it',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: transitionAuditBody,
    response: industryAuditDetailSchema,
  }),
  updateAuditPhase: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id/phases/:phase',
    summary: 'Plan a phase: dates, work content, responsible departments, outputs (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditPhaseParams,
    body: updateAuditPhaseBody,
    response: auditPhaseSchema,
  }),
  getAuditWorkPlan: endpoint({
    method: 'GET',
    path: '/api/audits/:id/work-plan',
    summary: 'The work plan (7.1.3; Appendix B 2): scope, purpose, period, phases, panel',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    response: auditWorkPlanSchema,
  }),

  listAuditPanel: endpoint({
    method: 'GET',
    path: '/api/audits/:id/panel',
    summary: 'Members of the audit panel',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: listAuditPanelQuery,
    response: page(auditPanelMemberSchema),
  }),
  addAuditPanelMember: endpoint({
    method: 'POST',
    path: '/api/audits/:id/panel',
    summary: 'Add a panel member (optionally a platform user, who then sees and runs the audit)',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: addAuditPanelMemberBody,
    response: auditPanelMemberSchema,
    status: 201,
  }),
  updateAuditPanelMember: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id/panel/:memberId',
    summary: 'Change a panel member (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: z.object({ id: z.uuid(), memberId: z.uuid() }),
    body: updateAuditPanelMemberBody,
    response: auditPanelMemberSchema,
  }),
  removeAuditPanelMember: endpoint({
    method: 'DELETE',
    path: '/api/audits/:id/panel/:memberId',
    summary: 'Remove a panel member (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: z.object({ id: z.uuid(), memberId: z.uuid() }),
    query: auditDeleteQuery,
    response: okDeleted,
  }),

  listAuditEnterprises: endpoint({
    method: 'GET',
    path: '/api/audits/:id/enterprises',
    summary: 'The enterprise list (7.1.2) with selection scores and data-collection status',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: listAuditEnterprisesQuery,
    response: page(auditEnterpriseSchema),
  }),
  addAuditEnterprise: endpoint({
    method: 'POST',
    path: '/api/audits/:id/enterprises',
    summary: 'Put an enterprise of the audit region on the list (its ranking score and breakdown are stored)',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: addAuditEnterpriseBody,
    response: auditEnterpriseSchema,
    status: 201,
  }),
  updateAuditEnterprise: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id/enterprises/:enterpriseId',
    summary: 'Select or deselect a listed enterprise, record reasons and the data request (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditEnterpriseParams,
    body: updateAuditEnterpriseBody,
    response: auditEnterpriseSchema,
  }),
  removeAuditEnterprise: endpoint({
    method: 'DELETE',
    path: '/api/audits/:id/enterprises/:enterpriseId',
    summary: 'Take an enterprise off the list (refused once surveys, problems or targets refer to it)',
    tags: TAGS,
    access: MANAGERS,
    params: auditEnterpriseParams,
    query: auditDeleteQuery,
    response: okDeleted,
  }),
  listAuditCandidates: endpoint({
    method: 'GET',
    path: '/api/audits/:id/candidates',
    summary: 'Candidate enterprises of the audit industry and region ranked by the four principles of 7.1.2',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    response: auditCandidateRankingSchema,
  }),
  rankAuditCandidates: endpoint({
    method: 'POST',
    path: '/api/audits/:id/candidates/rank',
    summary: 'Rank the candidates with the panel’s own judgements and weights (nothing is stored)',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: rankAuditCandidatesBody,
    response: auditCandidateRankingSchema,
  }),
  getAuditDataCollection: endpoint({
    method: 'GET',
    path: '/api/audits/:id/data-collection',
    summary: 'Data-collection status per listed enterprise, derived from its annual submissions',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: auditDataCollectionQuery,
    response: auditDataCollectionSummarySchema,
  }),

  listAuditTrainings: endpoint({
    method: 'GET',
    path: '/api/audits/:id/trainings',
    summary: 'Publicity and training events (7.1.4) with attendance',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: listAuditTrainingsQuery,
    response: page(auditTrainingSchema),
  }),
  createAuditTraining: endpoint({
    method: 'POST',
    path: '/api/audits/:id/trainings',
    summary: 'Record a publicity or training event',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: createAuditTrainingBody,
    response: auditTrainingSchema,
    status: 201,
  }),
  updateAuditTraining: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id/trainings/:trainingId',
    summary: 'Change a training event (versioned; attendees, when given, replace the list)',
    tags: TAGS,
    access: MANAGERS,
    params: auditTrainingParams,
    body: updateAuditTrainingBody,
    response: auditTrainingSchema,
  }),
  deleteAuditTraining: endpoint({
    method: 'DELETE',
    path: '/api/audits/:id/trainings/:trainingId',
    summary: 'Delete a training event (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditTrainingParams,
    query: auditDeleteQuery,
    response: okDeleted,
  }),

  listAuditSiteSurveys: endpoint({
    method: 'GET',
    path: '/api/audits/:id/site-surveys',
    summary: 'Site surveys (7.2.1.2)',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: listAuditSiteSurveysQuery,
    response: page(auditSiteSurveySchema),
  }),
  createAuditSiteSurvey: endpoint({
    method: 'POST',
    path: '/api/audits/:id/site-surveys',
    summary: 'Record a site survey of a listed enterprise',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: createAuditSiteSurveyBody,
    response: auditSiteSurveySchema,
    status: 201,
  }),
  updateAuditSiteSurvey: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id/site-surveys/:surveyId',
    summary: 'Change a site survey (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditSiteSurveyParams,
    body: updateAuditSiteSurveyBody,
    response: auditSiteSurveySchema,
  }),
  deleteAuditSiteSurvey: endpoint({
    method: 'DELETE',
    path: '/api/audits/:id/site-surveys/:surveyId',
    summary: 'Delete a site survey (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditSiteSurveyParams,
    query: auditDeleteQuery,
    response: okDeleted,
  }),

  getAuditAnalysis: endpoint({
    method: 'GET',
    path: '/api/audits/:id/analysis',
    summary: 'Status-analysis and report sections (7.2.1.3; Appendix B), per heading',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: auditAnalysisQuery,
    response: auditAnalysisSchema,
  }),
  putAuditAnalysisSection: endpoint({
    method: 'PUT',
    path: '/api/audits/:id/analysis/:section',
    summary: 'Write the text of one heading, industry-level or for one enterprise (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditAnalysisParams,
    body: putAuditAnalysisBody,
    response: auditAnalysisEntrySchema,
  }),

  listAuditFocuses: endpoint({
    method: 'GET',
    path: '/api/audits/:id/focuses',
    summary: 'Audit focus candidates (7.2.2) with their scores',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: listAuditFocusesQuery,
    response: page(auditFocusSchema),
  }),
  createAuditFocus: endpoint({
    method: 'POST',
    path: '/api/audits/:id/focuses',
    summary: 'Add an audit focus candidate',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: createAuditFocusBody,
    response: auditFocusSchema,
    status: 201,
  }),
  updateAuditFocus: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id/focuses/:focusId',
    summary: 'Change an audit focus candidate (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditFocusParams,
    body: updateAuditFocusBody,
    response: auditFocusSchema,
  }),
  deleteAuditFocus: endpoint({
    method: 'DELETE',
    path: '/api/audits/:id/focuses/:focusId',
    summary: 'Delete an audit focus candidate (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditFocusParams,
    query: auditDeleteQuery,
    response: okDeleted,
  }),
  scoreAuditFocuses: endpoint({
    method: 'POST',
    path: '/api/audits/:id/focuses/score',
    summary:
      'Score the focus candidates by the weighted sum (Σ R × W) and store the ranking with its breakdown',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: scoreAuditFocusesBody,
    response: auditFocusScoringSchema,
  }),

  listAuditTargets: endpoint({
    method: 'GET',
    path: '/api/audits/:id/targets',
    summary: 'Cleaner-production targets (7.2.3)',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: listAuditTargetsQuery,
    response: page(auditTargetSchema),
  }),
  createAuditTarget: endpoint({
    method: 'POST',
    path: '/api/audits/:id/targets',
    summary: 'Set a target (checked by the core: a target must differ from its baseline in its direction)',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: createAuditTargetBody,
    response: auditTargetSchema,
    status: 201,
  }),
  updateAuditTarget: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id/targets/:targetId',
    summary: 'Change a target or record the value reached (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditTargetParams,
    body: updateAuditTargetBody,
    response: auditTargetSchema,
  }),
  deleteAuditTarget: endpoint({
    method: 'DELETE',
    path: '/api/audits/:id/targets/:targetId',
    summary: 'Delete a target (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditTargetParams,
    query: auditDeleteQuery,
    response: okDeleted,
  }),
  getAuditTargetCompletion: endpoint({
    method: 'GET',
    path: '/api/audits/:id/targets/completion',
    summary: 'Completion of the targets (core targetCompletion; Appendix B table 7.3)',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    response: auditTargetCompletionSchema,
  }),

  listAuditProblems: endpoint({
    method: 'GET',
    path: '/api/audits/:id/problems',
    summary: 'Diagnosed problems (7.2.4): common and individual',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: listAuditProblemsQuery,
    response: page(auditProblemSchema),
  }),
  createAuditProblem: endpoint({
    method: 'POST',
    path: '/api/audits/:id/problems',
    summary: 'Record a diagnosed problem',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: createAuditProblemBody,
    response: auditProblemSchema,
    status: 201,
  }),
  updateAuditProblem: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id/problems/:problemId',
    summary: 'Change a problem (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditProblemParams,
    body: updateAuditProblemBody,
    response: auditProblemSchema,
  }),
  deleteAuditProblem: endpoint({
    method: 'DELETE',
    path: '/api/audits/:id/problems/:problemId',
    summary: 'Delete a problem (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditProblemParams,
    query: auditDeleteQuery,
    response: okDeleted,
  }),

  listAuditPlanTasks: endpoint({
    method: 'GET',
    path: '/api/audits/:id/plan-tasks',
    summary: 'The continuous cleaner-production plan (7.5.2)',
    tags: TAGS,
    access: 'authenticated',
    params: idParams,
    query: listAuditPlanTasksQuery,
    response: page(auditPlanTaskSchema),
  }),
  createAuditPlanTask: endpoint({
    method: 'POST',
    path: '/api/audits/:id/plan-tasks',
    summary: 'Add a task to the continuous CP plan',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    body: createAuditPlanTaskBody,
    response: auditPlanTaskSchema,
    status: 201,
  }),
  updateAuditPlanTask: endpoint({
    method: 'PATCH',
    path: '/api/audits/:id/plan-tasks/:taskId',
    summary: 'Change or track a plan task (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditPlanTaskParams,
    body: updateAuditPlanTaskBody,
    response: auditPlanTaskSchema,
  }),
  deleteAuditPlanTask: endpoint({
    method: 'DELETE',
    path: '/api/audits/:id/plan-tasks/:taskId',
    summary: 'Delete a plan task (versioned)',
    tags: TAGS,
    access: MANAGERS,
    params: auditPlanTaskParams,
    query: auditDeleteQuery,
    response: okDeleted,
  }),

  listAuditExperts: endpoint({
    method: 'GET',
    path: '/api/audits/:id/experts',
    summary: 'Experts assigned to the audit',
    tags: TAGS,
    access: MANAGERS,
    params: idParams,
    response: z.object({ items: z.array(auditExpertSchema), total: z.number().int() }),
  }),
  assignAuditExpert: endpoint({
    method: 'POST',
    path: '/api/audits/:id/experts',
    summary: 'Assign an expert to the audit (admin, the audit’s bureau): the expert then sees it',
    tags: TAGS,
    access: LEADS,
    params: idParams,
    body: assignAuditExpertBody,
    response: auditExpertSchema,
    status: 201,
  }),
  unassignAuditExpert: endpoint({
    method: 'DELETE',
    path: '/api/audits/:id/experts/:assignmentId',
    summary: 'End an expert assignment (versioned)',
    tags: TAGS,
    access: LEADS,
    params: auditExpertParams,
    query: auditDeleteQuery,
    response: okDeleted,
  }),
};
