/**
 * Enterprise mandatory audits (强制性清洁生产审核) and the Guangdong performance form
 * (《广东省强制性清洁生产审核绩效表》, 附件1). The form fills itself from what is stored elsewhere:
 *
 * | form block | from |
 * | --- | --- |
 * | 企业名称, 地址, 行业代码及类别 [1], 工业园区 [4], 环境监管重点单位 [5], 排污许可管理类别 [6] | `enterprises` |
 * | 年工业总产值 [2], 年工业增加值 [3] | `annual_values` economy.gross_output / economy.value_added of `data_year` |
 * | 主要产品及年产量 [7] | `enterprise_products` + `annual_values` product.* of `data_year` |
 * | 咨询服务机构名称 | `consulting_firms` via `consulting_firm_id` |
 * | 审核方式, 纳入名单原因, 轮次, 上一轮验收时间, 负责人, 联系人, 起止时间, 培训次数/人次, 审核重点 [8] | this table |
 * | 重点方案简介 [9][10] | `cp_options` of this audit with `is_key` (gd_category, key_points, benefits, actual investment) |
 * | 目标完成情况 [11] | `mandatory_audit_targets` |
 * | 方案汇总 (提出/实施 × 重点/一般: 个数, 投资) | `cp_options` of this audit (status, is_key, investments) |
 * | 环境效益汇总 [12], 资源能源节约与经济效益汇总 [13][14][15] | `option_benefits` (actual) of those options |
 * | 清洁生产水平评价 (综合评价指数, 等级) [16] | `evaluations` before/after, or `cp_level_description` |
 * | 企业填表人, 填表时间 | this table |
 *
 * When the form is filed, `form_snapshot` freezes it as filed and `audit_reference_snapshots` keeps the factors
 * used (grid factor of the year, 2.7725 tCO2/tce, the gas coefficient chosen in 1.1000–1.3300 kgce/m3, …).
 */
import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  day,
  editable,
  idColumn,
  nonNegative,
  oneOf,
  ordered,
  plausibleYear,
  subsetOf,
  tstz,
} from './columns.ts';
import { enterprises } from './enterprises.ts';
import { evaluations } from './indicator-systems.ts';
import { bureaus, consultingFirms } from './regions-orgs.ts';
import { users } from './users-sessions.ts';

/** 审核方式: 常规流程 / 简易流程. */
export const AUDIT_METHODS = ['regular', 'simplified'] as const;
/** 纳入名单原因: “双超”, “双有”, 纳入国家和地方相关规划及行动计划, 其他 (facts §6.1 for 双超/双有). */
export const LISTING_REASONS = ['double_exceed', 'double_toxic', 'plans', 'other'] as const;
/** 本轮清洁生产审核轮次: 首轮 / 第二轮 / 第三轮 / 第三轮以上. */
export const AUDIT_ROUNDS = ['first', 'second', 'third', 'beyond_third'] as const;
export const MANDATORY_AUDIT_STATUSES = [
  'in_progress',
  'submitted',
  'returned',
  'accepted',
  'rejected',
] as const;

/** The snapshot of the form as filed (shape owned by the documents/aggregation code). */
export type FormSnapshot = Record<string, unknown>;

export const mandatoryAudits = pgTable(
  'mandatory_audits',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The bureau supervising / accepting the audit. */
    bureauId: uuid('bureau_id').references(() => bureaus.id),
    /** 咨询服务机构名称 */
    consultingFirmId: uuid('consulting_firm_id').references(() => consultingFirms.id),
    /** 咨询服务机构联系人, 联系方式 */
    consultantContactName: text('consultant_contact_name'),
    consultantContactPhone: text('consultant_contact_phone'),
    auditMethod: text('audit_method', { enum: AUDIT_METHODS }).notNull(),
    listingReasons: text('listing_reasons', { enum: LISTING_REASONS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    listingReasonOther: text('listing_reason_other'),
    round: text('round', { enum: AUDIT_ROUNDS }).notNull(),
    /** 上一轮审核验收通过时间: year and month (the form asks for 年 月). */
    lastAcceptanceYear: integer('last_acceptance_year'),
    lastAcceptanceMonth: integer('last_acceptance_month'),
    /** 企业清洁生产负责人, 联系方式 */
    cpLeadName: text('cp_lead_name'),
    cpLeadPhone: text('cp_lead_phone'),
    /** 启动审核时间, 完成审核时间 */
    startedOn: day('started_on'),
    finishedOn: day('finished_on'),
    /** 本轮清洁生产审核培训、宣传总次数 */
    trainingEvents: integer('training_events'),
    /** 培训总人数/人次 */
    trainingAttendance: integer('training_attendance'),
    /** The year the form's output value, value added and products are for (notes 2, 3, 7: 上年度). */
    dataYear: integer('data_year').notNull(),
    /** 本轮审核重点 (note 8: required for the regular method). */
    auditFocus: text('audit_focus'),
    /** 清洁生产水平评价 for industries with a published indicator system: evaluations before and after. */
    evaluationBeforeId: uuid('evaluation_before_id').references(() => evaluations.id),
    evaluationAfterId: uuid('evaluation_after_id').references(() => evaluations.id),
    /** 备注 of the CP-level block. */
    cpLevelRemark: text('cp_level_remark'),
    /** Note 16: industries without a published system describe the CP level and its improvement. */
    cpLevelDescription: text('cp_level_description'),
    /** 企业填表人, 填表时间 */
    filledByName: text('filled_by_name'),
    filledOn: day('filled_on'),
    status: text('status', { enum: MANDATORY_AUDIT_STATUSES }).notNull().default('in_progress'),
    submittedAt: tstz('submitted_at'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: tstz('reviewed_at'),
    reviewNote: text('review_note'),
    /** The form as filed (frozen at submission). */
    formSnapshot: jsonb('form_snapshot').$type<FormSnapshot>(),
    ...editable(),
  },
  (t) => [
    oneOf('mandatory_audits_method_valid', t.auditMethod, AUDIT_METHODS),
    subsetOf('mandatory_audits_listing_reasons_valid', t.listingReasons, LISTING_REASONS),
    check(
      'mandatory_audits_other_reason_text',
      sql`not ('other' = any(${t.listingReasons})) or ${t.listingReasonOther} is not null`,
    ),
    oneOf('mandatory_audits_round_valid', t.round, AUDIT_ROUNDS),
    check(
      'mandatory_audits_first_round_no_previous',
      sql`${t.round} <> 'first' or (${t.lastAcceptanceYear} is null and ${t.lastAcceptanceMonth} is null)`,
    ),
    plausibleYear('mandatory_audits_last_acceptance_year_range', t.lastAcceptanceYear),
    check(
      'mandatory_audits_last_acceptance_month_range',
      sql`${t.lastAcceptanceMonth} is null or ${t.lastAcceptanceMonth} between 1 and 12`,
    ),
    ordered('mandatory_audits_dates_ordered', t.startedOn, t.finishedOn),
    nonNegative('mandatory_audits_training_events_nonneg', t.trainingEvents),
    nonNegative('mandatory_audits_training_attendance_nonneg', t.trainingAttendance),
    plausibleYear('mandatory_audits_data_year_range', t.dataYear),
    oneOf('mandatory_audits_status_valid', t.status, MANDATORY_AUDIT_STATUSES),
    index('mandatory_audits_enterprise_idx').on(t.enterpriseId),
    // One open audit (in progress, returned or submitted) per enterprise: enforced here as well as in the
    // service, so two concurrent creates cannot both succeed (the loser gets a unique violation → CONFLICT).
    uniqueIndex('mandatory_audits_one_open_per_enterprise')
      .on(t.enterpriseId)
      .where(sql`${t.status} in ('in_progress', 'returned', 'submitted')`),
    index('mandatory_audits_bureau_status_idx').on(t.bureauId, t.status),
    index('mandatory_audits_consulting_firm_idx').on(t.consultingFirmId),
  ],
);

/** 本轮清洁生产目标完成情况 [11]: 指标名称（单位）, 审核前, 审核后, 近期目标值. */
export const mandatoryAuditTargets = pgTable(
  'mandatory_audit_targets',
  {
    id: idColumn(),
    mandatoryAuditId: uuid('mandatory_audit_id')
      .notNull()
      .references(() => mandatoryAudits.id, { onDelete: 'cascade' }),
    indicator: text('indicator').notNull(),
    unit: text('unit').notNull(),
    /** Annual-data item the indicator is measured on, when there is one. */
    itemCode: text('item_code'),
    beforeValue: doublePrecision('before_value'),
    afterValue: doublePrecision('after_value'),
    nearTermTarget: doublePrecision('near_term_target'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [index('mandatory_audit_targets_audit_idx').on(t.mandatoryAuditId)],
);
