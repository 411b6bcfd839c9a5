/**
 * Guangdong mandatory cleaner-production audits (强制性清洁生产审核) and their performance form
 * (《广东省强制性清洁生产审核绩效表》, 附件1). One audit per enterprise round: the judgement fields of the form are
 * edited here; the form's basic information (name, address, industry, output value, value added, park,
 * key-monitoring types, permit class, products) is pre-filled from what the platform holds and returned with
 * the audit. The form's options, evidence and totals are served by the options domain.
 */
import { z } from 'zod';
import { isoDate, isoDateTime, page, pageQuery, versioned } from './common.ts';
import { endpoint } from './endpoint.ts';

/** 审核方式: 常规流程 / 简易流程. */
export const MANDATORY_AUDIT_METHODS = ['regular', 'simplified'] as const;
/** 纳入名单原因: “双超”, “双有”, 纳入国家和地方相关规划及行动计划, 其他. */
export const MANDATORY_LISTING_REASONS = ['double_exceed', 'double_toxic', 'plans', 'other'] as const;
/** 本轮清洁生产审核轮次: 首轮 / 第二轮 / 第三轮 / 第三轮以上. */
export const MANDATORY_AUDIT_ROUNDS = ['first', 'second', 'third', 'beyond_third'] as const;
export const MANDATORY_AUDIT_STATUSES = [
  'in_progress',
  'submitted',
  'returned',
  'accepted',
  'rejected',
] as const;
/** 环境监管重点单位 types (form note 5). */
export const MANDATORY_KEY_MONITORING_TYPES = [
  'water',
  'groundwater',
  'air',
  'noise',
  'soil',
  'environmental_risk',
] as const;
/** 排污许可管理类别 (form note 6): 重点管理 / 简化管理 / 登记管理. */
export const MANDATORY_PERMIT_CLASSES = ['key', 'simplified', 'registration'] as const;

export const mandatoryAuditMethodSchema = z.enum(MANDATORY_AUDIT_METHODS);
export const mandatoryListingReasonSchema = z.enum(MANDATORY_LISTING_REASONS);
export const mandatoryAuditRoundSchema = z.enum(MANDATORY_AUDIT_ROUNDS);
export const mandatoryAuditStatusSchema = z.enum(MANDATORY_AUDIT_STATUSES);

const name = z.string().trim().min(1).max(100);
const phone = z.string().trim().min(1).max(40);
const year = z.number().int().min(1949).max(2100);

/** The fields of the form a user fills in (everything the platform cannot know by itself). */
export const mandatoryAuditFields = {
  /** The bureau supervising / accepting the audit (its jurisdiction must cover the enterprise). */
  bureauId: z.uuid().nullable(),
  /** 咨询服务机构名称 */
  consultingFirmId: z.uuid().nullable(),
  /** 咨询服务机构联系人, 联系方式 */
  consultantContactName: name.nullable(),
  consultantContactPhone: phone.nullable(),
  /** 审核方式 */
  auditMethod: mandatoryAuditMethodSchema,
  /** 纳入名单原因 (several may apply); `other` needs `listingReasonOther`. */
  listingReasons: z.array(mandatoryListingReasonSchema).max(MANDATORY_LISTING_REASONS.length),
  listingReasonOther: z.string().trim().min(1).max(200).nullable(),
  /** 本轮清洁生产审核轮次; a first round has no previous acceptance. */
  round: mandatoryAuditRoundSchema,
  /** 上一轮审核验收通过时间 (年, 月). */
  lastAcceptanceYear: year.nullable(),
  lastAcceptanceMonth: z.number().int().min(1).max(12).nullable(),
  /** 企业清洁生产负责人, 联系方式 */
  cpLeadName: name.nullable(),
  cpLeadPhone: phone.nullable(),
  /** 启动审核时间, 完成审核时间 */
  startedOn: isoDate.nullable(),
  finishedOn: isoDate.nullable(),
  /** 本轮清洁生产审核培训、宣传总次数; 培训总人数/人次 */
  trainingEvents: z.number().int().min(0).max(100_000).nullable(),
  trainingAttendance: z.number().int().min(0).max(10_000_000).nullable(),
  /** The year of 年工业总产值, 年工业增加值 and 主要产品及年产量 (notes 2, 3, 7: 上年度). */
  dataYear: year,
  /** 本轮审核重点 (note 8: required for the regular method before filing). */
  auditFocus: z.string().trim().min(1).max(2000).nullable(),
  /** 清洁生产水平评价: evaluations of this enterprise before and after the audit. */
  evaluationBeforeId: z.uuid().nullable(),
  evaluationAfterId: z.uuid().nullable(),
  /** 备注 of the CP-level block. */
  cpLevelRemark: z.string().trim().min(1).max(500).nullable(),
  /** Note 16: industries without a published indicator system describe the CP level and its improvement. */
  cpLevelDescription: z.string().trim().min(1).max(2000).nullable(),
  /** 企业填表人, 填表时间 */
  filledByName: name.nullable(),
  filledOn: isoDate.nullable(),
};

const optionalFields = z.object(mandatoryAuditFields).partial().shape;

const text = z.string().nullable();
/** The same fields as stored (responses are not re-validated against the input bounds). */
const mandatoryAuditResponseFields = {
  bureauId: z.uuid().nullable(),
  consultingFirmId: z.uuid().nullable(),
  consultantContactName: text,
  consultantContactPhone: text,
  auditMethod: mandatoryAuditMethodSchema,
  listingReasons: z.array(mandatoryListingReasonSchema),
  listingReasonOther: text,
  round: mandatoryAuditRoundSchema,
  lastAcceptanceYear: z.number().int().nullable(),
  lastAcceptanceMonth: z.number().int().nullable(),
  cpLeadName: text,
  cpLeadPhone: text,
  startedOn: isoDate.nullable(),
  finishedOn: isoDate.nullable(),
  trainingEvents: z.number().int().nullable(),
  trainingAttendance: z.number().int().nullable(),
  dataYear: z.number().int(),
  auditFocus: text,
  evaluationBeforeId: z.uuid().nullable(),
  evaluationAfterId: z.uuid().nullable(),
  cpLevelRemark: text,
  cpLevelDescription: text,
  filledByName: text,
  filledOn: isoDate.nullable(),
} satisfies Record<keyof typeof mandatoryAuditFields, z.ZodType>;

export const createMandatoryAuditBody = z.strictObject({
  enterpriseId: z.uuid(),
  ...optionalFields,
  auditMethod: mandatoryAuditMethodSchema,
  round: mandatoryAuditRoundSchema,
  /** Default: the year before today (上年度). */
  dataYear: year.optional(),
});
export type CreateMandatoryAuditBody = z.infer<typeof createMandatoryAuditBody>;

/** Every field of the form may be changed; send only what changes, with the version read. */
export const updateMandatoryAuditBody = z.strictObject({ ...versioned.shape, ...optionalFields });
export type UpdateMandatoryAuditBody = z.infer<typeof updateMandatoryAuditBody>;

const industryGroupSchema = z.object({ code: z.string(), name: z.string(), label: z.string() });

export const mandatoryFormProductSchema = z.object({
  name: z.string(),
  /** 年产量 of the data year (annual data `product.*`), null when not reported. */
  output: z.number().nullable(),
  unit: z.string().nullable(),
  /** The annual-data item the output comes from. */
  itemCode: z.string().nullable(),
  /** Design capacity (enterprise profile), for reference. */
  capacity: z.number().nullable(),
  capacityUnit: z.string().nullable(),
});

/** The basic-information block of the form, as the platform knows it (read-only here: edit the sources). */
export const mandatoryFormBasicInfoSchema = z
  .object({
    enterpriseId: z.uuid(),
    /** 企业名称 */
    enterpriseName: z.string(),
    uscc: z.string(),
    /** 生产经营场所地址 */
    address: z.string().nullable(),
    /** 行业代码及类别 [1]: the enterprise's GB/T 4754-2017 code and its 中类 (3 digits and name). */
    industryCode: z.string(),
    industryGroup: industryGroupSchema.nullable(),
    dataYear: z.number().int(),
    /** 年工业总产值 [2], 年工业增加值 [3] of the data year, in 万元; null when not reported. */
    grossOutput_wanYuan: z.number().nullable(),
    valueAdded_wanYuan: z.number().nullable(),
    /** 是否位于工业园区内 [4] */
    inIndustrialPark: z.boolean(),
    industrialParkName: z.string().nullable(),
    /** 环境监管重点单位 [5] */
    keyMonitoringUnit: z.boolean(),
    keyMonitoringTypes: z.array(z.enum(MANDATORY_KEY_MONITORING_TYPES)),
    /** 排污许可管理类别 [6] */
    permitClass: z.enum(MANDATORY_PERMIT_CLASSES).nullable(),
    /** 主要产品及年产量 [7] */
    products: z.array(mandatoryFormProductSchema),
    /** Where each figure came from, and what is missing, in words. */
    notes: z.array(z.string()),
  })
  .meta({ id: 'MandatoryFormBasicInfo' });
export type MandatoryFormBasicInfo = z.infer<typeof mandatoryFormBasicInfoSchema>;

export const mandatoryAuditTargetSchema = z
  .object({
    id: z.uuid(),
    mandatoryAuditId: z.uuid(),
    /** 指标名称 and its 单位 */
    indicator: z.string(),
    unit: z.string(),
    itemCode: z.string().nullable(),
    /** 审核前, 审核后, 近期目标值 */
    beforeValue: z.number().nullable(),
    afterValue: z.number().nullable(),
    nearTermTarget: z.number().nullable(),
    sortOrder: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'MandatoryAuditTarget' });
export type MandatoryAuditTarget = z.infer<typeof mandatoryAuditTargetSchema>;

const finite = z.number().finite().min(-1e15).max(1e15);

export const createMandatoryAuditTargetBody = z.strictObject({
  indicator: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(40),
  /** Annual-data item the indicator is measured on: `beforeValue` defaults to its value in the data year. */
  itemCode: z
    .string()
    .max(120)
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/)
    .nullable()
    .optional(),
  beforeValue: finite.nullable().optional(),
  afterValue: finite.nullable().optional(),
  nearTermTarget: finite.nullable().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

export const updateMandatoryAuditTargetBody = z.strictObject({
  ...versioned.shape,
  indicator: z.string().trim().min(1).max(200).optional(),
  unit: z.string().trim().min(1).max(40).optional(),
  itemCode: z
    .string()
    .max(120)
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/)
    .nullable()
    .optional(),
  beforeValue: finite.nullable().optional(),
  afterValue: finite.nullable().optional(),
  nearTermTarget: finite.nullable().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

const evaluationSummarySchema = z.object({
  id: z.uuid(),
  year: z.number().int().nullable(),
  basis: z.string(),
  /** 综合评价指数 Y_Ⅰ/Y_Ⅱ/Y_Ⅲ (0–100) and 清洁生产等级. */
  yI: z.number().nullable(),
  yII: z.number().nullable(),
  yIII: z.number().nullable(),
  grade: z.string().nullable(),
});

export const mandatoryAuditSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    bureauName: z.string().nullable(),
    consultingFirmName: z.string().nullable(),
    ...mandatoryAuditResponseFields,
    status: mandatoryAuditStatusSchema,
    submittedAt: isoDateTime.nullable(),
    reviewedAt: isoDateTime.nullable(),
    reviewNote: z.string().nullable(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    /** The basic-information block pre-filled from the enterprise profile and its annual data. */
    basicInfo: mandatoryFormBasicInfoSchema,
    /** 本轮清洁生产目标完成情况 [11] */
    targets: z.array(mandatoryAuditTargetSchema),
    evaluationBefore: evaluationSummarySchema.nullable(),
    evaluationAfter: evaluationSummarySchema.nullable(),
    /** What the form still lacks before it can be filed (field names), e.g. `auditFocus` for the regular method. */
    missing: z.array(z.string()),
  })
  .meta({ id: 'MandatoryAudit' });
export type MandatoryAuditView = z.infer<typeof mandatoryAuditSchema>;

export const mandatoryAuditSummarySchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    auditMethod: mandatoryAuditMethodSchema,
    round: mandatoryAuditRoundSchema,
    dataYear: z.number().int(),
    status: mandatoryAuditStatusSchema,
    startedOn: isoDate.nullable(),
    finishedOn: isoDate.nullable(),
    version: z.number().int(),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'MandatoryAuditSummary' });

export const MANDATORY_AUDIT_SORTS = ['updatedAt', 'enterpriseName', 'dataYear', 'status'] as const;

export const listMandatoryAuditsQuery = pageQuery.extend({
  sort: z.enum(MANDATORY_AUDIT_SORTS).optional(),
  enterpriseId: z.uuid().optional(),
  status: mandatoryAuditStatusSchema.optional(),
  dataYear: z.coerce.number().int().min(1949).max(2100).optional(),
});

export const mandatoryPrefillQuery = z.object({
  enterpriseId: z.uuid(),
  dataYear: z.coerce.number().int().min(1949).max(2100).optional(),
});

const targetParams = z.object({ id: z.uuid(), targetId: z.uuid() });
const idOnly = z.object({ id: z.uuid() });
const versionQuery = z.object({ version: z.coerce.number().int().positive() });

const WRITERS = ['platform_admin', 'bureau_staff', 'enterprise_user', 'consultant'] as const;

export const mandatoryEndpoints = {
  listMandatoryAudits: endpoint({
    method: 'GET',
    path: '/api/mandatory-audits',
    summary:
      'Mandatory audits (强制性清洁生产审核) the caller may see: search by enterprise name, filter, sort',
    tags: ['mandatory'],
    access: 'authenticated',
    query: listMandatoryAuditsQuery,
    response: page(mandatoryAuditSummarySchema),
  }),
  getMandatoryAuditPrefill: endpoint({
    method: 'GET',
    path: '/api/mandatory-audits/prefill',
    summary: 'The performance form basic information the platform holds for an enterprise and data year',
    tags: ['mandatory'],
    access: 'authenticated',
    query: mandatoryPrefillQuery,
    response: mandatoryFormBasicInfoSchema,
  }),
  createMandatoryAudit: endpoint({
    method: 'POST',
    path: '/api/mandatory-audits',
    summary:
      'Start a mandatory audit of an enterprise (bureau in jurisdiction, admin, the enterprise or its consultant)',
    tags: ['mandatory'],
    access: WRITERS,
    body: createMandatoryAuditBody,
    response: mandatoryAuditSchema,
    status: 201,
  }),
  getMandatoryAudit: endpoint({
    method: 'GET',
    path: '/api/mandatory-audits/:id',
    summary:
      'A mandatory audit with its performance form: pre-filled basic information, judgement fields, targets',
    tags: ['mandatory'],
    access: 'authenticated',
    params: idOnly,
    response: mandatoryAuditSchema,
  }),
  updateMandatoryAudit: endpoint({
    method: 'PATCH',
    path: '/api/mandatory-audits/:id',
    summary: 'Change fields of the performance form (optimistic concurrency: send the version read)',
    tags: ['mandatory'],
    access: WRITERS,
    params: idOnly,
    body: updateMandatoryAuditBody,
    response: mandatoryAuditSchema,
  }),
  createMandatoryAuditTarget: endpoint({
    method: 'POST',
    path: '/api/mandatory-audits/:id/targets',
    summary: 'Add a row to 本轮清洁生产目标完成情况 (indicator, before, after, near-term target)',
    tags: ['mandatory'],
    access: WRITERS,
    params: idOnly,
    body: createMandatoryAuditTargetBody,
    response: mandatoryAuditTargetSchema,
    status: 201,
  }),
  updateMandatoryAuditTarget: endpoint({
    method: 'PATCH',
    path: '/api/mandatory-audits/:id/targets/:targetId',
    summary: 'Change a target row of the form (send the version read)',
    tags: ['mandatory'],
    access: WRITERS,
    params: targetParams,
    body: updateMandatoryAuditTargetBody,
    response: mandatoryAuditTargetSchema,
  }),
  deleteMandatoryAuditTarget: endpoint({
    method: 'DELETE',
    path: '/api/mandatory-audits/:id/targets/:targetId',
    summary: 'Remove a target row of the form (send the version read as ?version=)',
    tags: ['mandatory'],
    access: WRITERS,
    params: targetParams,
    query: versionQuery,
    response: z.object({ ok: z.literal(true) }),
  }),
};
