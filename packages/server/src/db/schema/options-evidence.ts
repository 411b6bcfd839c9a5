/**
 * Cleaner-production options (清洁生产方案), their benefits, evidence and expert work.
 *
 * Guideline 7.3: industry-level options for common problems (7.3.1.1 a–c) and enterprise-level options for
 * individual problems (7.3.1.2); feasibility screening (7.3.2); 7.4 implementation and evidence (7.4.2,
 * Appendix B 9.1). An industry-level option rolled out in several enterprises has one enterprise-level child
 * option per enterprise (`parent_id`), each with its own investment, benefits, status and evidence.
 * The same table serves the Guangdong form (options of a mandatory audit: `mandatory_audit_id`).
 *
 * Benefits are LONG format (`option_benefits`: basis expected|actual, item, quantity, unit) so every pollutant
 * and resource of Appendix B 7.2 and the form's summaries is one row, and new ones need no migration.
 */

import type { Breakdown } from '@cpaudit/core';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { auditProblems, industryAudits } from './audits.ts';
import {
  currentActorSql,
  day,
  editable,
  idColumn,
  nonNegative,
  oneOf,
  ordered,
  tstz,
  wanYuan,
} from './columns.ts';
import { enterprises } from './enterprises.ts';
import { mandatoryAudits } from './mandatory-audits.ts';
import { users } from './users-sessions.ts';

export const OPTION_LEVELS = ['industry', 'enterprise'] as const;

/** Appendix B 6.1 note: 原辅料替代、工艺设备改造、过程控制、节能、资源综合利用、末端治理、管理及人员. */
export const OPTION_TYPES = [
  'raw_material_substitution',
  'process_equipment_retrofit',
  'process_control',
  'energy_saving',
  'resource_reuse',
  'end_of_pipe',
  'management_staff',
] as const;

/** Guangdong form note 9: 原辅材料和能源、技术工艺、设备、过程控制、产品、废弃物、管理、员工. */
export const GD_OPTION_CATEGORIES = [
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
export const PERFORMANCE_CLASSES = [
  'source_substitution',
  'process_innovation',
  'end_of_pipe',
  'environmental_management',
] as const;

/** 无/低费 vs 中/高费 (facts §5.3: thresholds are configurable, see industry_audits.low_cost_threshold). */
export const COST_CLASSES = ['no_low', 'mid_high'] as const;

/** Guideline 7.3.1.1 a–c: 先进技术推广, 关键环节深度整治, 清洁生产管理提升. */
export const INDUSTRY_APPROACHES = ['technology_promotion', 'deep_treatment', 'management_uplift'] as const;

export const OPTION_STATUSES = [
  'proposed',
  'screened',
  'feasible',
  'rejected',
  'implementing',
  'implemented',
  'verified',
] as const;
export type OptionStatus = (typeof OPTION_STATUSES)[number];

/**
 * Allowed status changes (issue 3: proposed → screened → feasible / rejected → implementing → implemented →
 * verified). 无/低费 options go from screened straight to implementing: they need no feasibility analysis
 * (facts §5.3). A verification that finds the evidence wanting sends the option back to implemented.
 * The services enforce this table; the database only checks the values.
 */
export const OPTION_STATUS_TRANSITIONS: Readonly<Record<OptionStatus, readonly OptionStatus[]>> = {
  proposed: ['screened', 'rejected'],
  screened: ['feasible', 'rejected', 'implementing'],
  feasible: ['implementing', 'rejected'],
  rejected: ['proposed'],
  implementing: ['implemented', 'feasible'],
  implemented: ['verified', 'implementing'],
  verified: ['implemented'],
};

/** Statuses counted as 实施的方案 (implemented) in the form and Appendix B 7.2. */
export const IMPLEMENTED_OPTION_STATUSES = [
  'implemented',
  'verified',
] as const satisfies readonly OptionStatus[];

export const cpOptions = pgTable(
  'cp_options',
  {
    id: idColumn(),
    /** The industry audit the option belongs to (null for a purely mandatory-audit option). */
    auditId: uuid('audit_id').references(() => industryAudits.id, { onDelete: 'cascade' }),
    /** The enterprise mandatory audit (Guangdong form) the option belongs to. */
    mandatoryAuditId: uuid('mandatory_audit_id').references(() => mandatoryAudits.id, {
      onDelete: 'cascade',
    }),
    level: text('level', { enum: OPTION_LEVELS }).notNull(),
    /** The enterprise implementing it (required for enterprise-level options, null for industry-level). */
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    /** The industry-level option this enterprise-level option rolls out. */
    parentId: uuid('parent_id').references((): AnyPgColumn => cpOptions.id, { onDelete: 'set null' }),
    /** 序号 / option number as shown in tables. */
    code: text('code'),
    name: text('name').notNull(),
    /** 方案简介 (Appendix B 6.1). */
    summary: text('summary'),
    /** 方案要点 (Guangdong form note 10): reason, technical points, content; at most 100 characters. */
    keyPoints: text('key_points'),
    optionType: text('option_type', { enum: OPTION_TYPES }),
    gdCategory: text('gd_category', { enum: GD_OPTION_CATEGORIES }),
    performanceClass: text('performance_class', { enum: PERFORMANCE_CLASSES }),
    costClass: text('cost_class', { enum: COST_CLASSES }),
    /** 重点方案 (key) vs 一般方案 (general), Guangdong form summaries. */
    isKey: boolean('is_key').notNull().default(false),
    industryApproach: text('industry_approach', { enum: INDUSTRY_APPROACHES }),
    investmentPlanned_wanYuan: wanYuan('investment_planned_wan_yuan'),
    /** 实际投入 (form) / 投资费用 (Appendix B 6.1, 7.2). */
    investmentActual_wanYuan: wanYuan('investment_actual_wan_yuan'),
    economicBenefitExpected_wanYuanPerYear: wanYuan('economic_benefit_expected_wan_yuan_per_year'),
    /** Form note 15: energy saving at the local December market price + avoided pollution costs. */
    economicBenefitActual_wanYuanPerYear: wanYuan('economic_benefit_actual_wan_yuan_per_year'),
    /**
     * Form note 15 counts the 排污税 no longer paid in the economic benefit. false (default): the figures above
     * already include it. true: they leave it out, and the avoided environmental protection tax computed from the
     * option's `reduction.*` benefits and the enterprise's city rate is added on top (never both: no double count).
     */
    addAvoidedTax: boolean('add_avoided_tax').notNull().default(false),
    /** 环境或资源能源效益 / 环境效益 in words (the figures are in option_benefits). */
    environmentalBenefitText: text('environmental_benefit_text'),
    economicBenefitText: text('economic_benefit_text'),
    /** 责任单位 (Appendix B 6.1). */
    responsibleUnit: text('responsible_unit'),
    status: text('status', { enum: OPTION_STATUSES }).notNull().default('proposed'),
    statusChangedAt: tstz('status_changed_at').notNull().defaultNow(),
    rejectionReason: text('rejection_reason'),
    /** Screening (7.3.2: technical feasibility, environmental benefit, difficulty, investment), weighted sum. */
    screeningScore: doublePrecision('screening_score'),
    screening: jsonb('screening').$type<Breakdown>(),
    /** Economic feasibility of 中/高费 options (facts §5.1) as computed by the core, with its breakdown. */
    feasibility: jsonb('feasibility').$type<Breakdown>(),
    paybackYears: doublePrecision('payback_years'),
    npv_wanYuan: wanYuan('npv_wan_yuan'),
    /** IRR and NPVR as fractions (0.0717 = 7.17 %). */
    irr: doublePrecision('irr'),
    npvr: doublePrecision('npvr'),
    plannedStart: day('planned_start'),
    plannedFinish: day('planned_finish'),
    implementedOn: day('implemented_on'),
    verifiedOn: day('verified_on'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    sortOrder: integer('sort_order').notNull().default(0),
    createdBy: uuid('created_by')
      .references(() => users.id)
      .default(currentActorSql),
    ...editable(),
  },
  (t) => [
    oneOf('cp_options_level_valid', t.level, OPTION_LEVELS),
    oneOf('cp_options_type_valid', t.optionType, OPTION_TYPES),
    oneOf('cp_options_gd_category_valid', t.gdCategory, GD_OPTION_CATEGORIES),
    oneOf('cp_options_performance_class_valid', t.performanceClass, PERFORMANCE_CLASSES),
    oneOf('cp_options_cost_class_valid', t.costClass, COST_CLASSES),
    oneOf('cp_options_industry_approach_valid', t.industryApproach, INDUSTRY_APPROACHES),
    oneOf('cp_options_status_valid', t.status, OPTION_STATUSES),
    check(
      'cp_options_belongs_to_an_audit',
      sql`${t.auditId} is not null or ${t.mandatoryAuditId} is not null`,
    ),
    check(
      'cp_options_level_enterprise',
      sql`(${t.level} = 'enterprise' and ${t.enterpriseId} is not null) or (${t.level} = 'industry' and ${t.enterpriseId} is null and ${t.auditId} is not null)`,
    ),
    check('cp_options_key_points_max_100', sql`${t.keyPoints} is null or char_length(${t.keyPoints}) <= 100`),
    check(
      'cp_options_rejected_has_reason',
      sql`${t.status} <> 'rejected' or ${t.rejectionReason} is not null`,
    ),
    check(
      'cp_options_implemented_has_date',
      sql`${t.status} not in ('implemented', 'verified') or ${t.implementedOn} is not null`,
    ),
    check('cp_options_verified_has_date', sql`${t.status} <> 'verified' or ${t.verifiedOn} is not null`),
    check('cp_options_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
    nonNegative('cp_options_investment_planned_nonneg', t.investmentPlanned_wanYuan),
    nonNegative('cp_options_investment_actual_nonneg', t.investmentActual_wanYuan),
    ordered('cp_options_planned_ordered', t.plannedStart, t.plannedFinish),
    index('cp_options_audit_status_idx').on(t.auditId, t.status),
    index('cp_options_enterprise_status_idx').on(t.enterpriseId, t.status),
    index('cp_options_mandatory_audit_idx').on(t.mandatoryAuditId),
    index('cp_options_parent_idx').on(t.parentId),
  ],
);

/** The problem(s) an option answers (principle b, logic: every option answers a diagnosed problem). */
export const optionProblems = pgTable(
  'option_problems',
  {
    id: idColumn(),
    optionId: uuid('option_id')
      .notNull()
      .references(() => cpOptions.id, { onDelete: 'cascade' }),
    problemId: uuid('problem_id')
      .notNull()
      .references(() => auditProblems.id, { onDelete: 'cascade' }),
    ...editable(),
  },
  (t) => [
    unique('option_problems_unique').on(t.optionId, t.problemId),
    index('option_problems_problem_idx').on(t.problemId),
  ],
);

export const BENEFIT_BASES = ['expected', 'actual'] as const;
export type BenefitBasis = (typeof BENEFIT_BASES)[number];

export interface BenefitItem {
  code: string;
  /** Label as in Appendix B 7.2 / the Guangdong form. */
  zh: string;
  /** Unit the item is stored in (a core unit symbol, per year). */
  unit: string;
}

/**
 * Standard benefit items. `reduction.*`: pollutant reductions (Appendix B 7.2 环境效益, form 环境效益汇总 and
 * note 12); `saving.*`: resource and energy savings (B 7.2 资源能源节约, form note 13); `co2.*`: the CO2 of a
 * saving (form note 13; the total, note 14, is their sum and is not stored). Free items: `reduction.other.<slug>`,
 * `saving.material.<slug>` with a `name`. Electricity and gas are stored in kWh/a and m3/a; the report converts
 * to 万度/年 and 万m3/年.
 */
export const BENEFIT_ITEMS: readonly BenefitItem[] = [
  { code: 'reduction.wastewater', zh: '废水', unit: 't/a' },
  { code: 'reduction.waste_gas', zh: '废气', unit: 't/a' },
  { code: 'reduction.cod', zh: 'COD', unit: 't/a' },
  { code: 'reduction.nh3_n', zh: '氨氮', unit: 't/a' },
  { code: 'reduction.tp', zh: '总磷', unit: 't/a' },
  { code: 'reduction.tn', zh: '总氮', unit: 't/a' },
  { code: 'reduction.so2', zh: 'SO2', unit: 't/a' },
  { code: 'reduction.nox', zh: '氮氧化物', unit: 't/a' },
  { code: 'reduction.particulates', zh: '颗粒物', unit: 't/a' },
  { code: 'reduction.vocs', zh: 'VOCs', unit: 't/a' },
  { code: 'reduction.class_i', zh: '第一类污染物', unit: 't/a' },
  { code: 'reduction.general_solid_waste', zh: '一般工业固体废物', unit: 't/a' },
  { code: 'reduction.hazardous_waste', zh: '危险废物', unit: 't/a' },
  { code: 'saving.water', zh: '节水', unit: 't/a' },
  { code: 'saving.electricity', zh: '节电', unit: 'kWh/a' },
  { code: 'saving.coal', zh: '节煤', unit: 't/a' },
  { code: 'saving.oil', zh: '节油', unit: 't/a' },
  { code: 'saving.natural_gas', zh: '节天然气', unit: 'm3/a' },
  { code: 'saving.steam', zh: '节蒸汽', unit: 't/a' },
  { code: 'saving.comprehensive_energy', zh: '节综合能耗', unit: 'tce/a' },
  { code: 'co2.electricity', zh: '节电的碳减排量', unit: 'tCO2/a' },
  { code: 'co2.coal', zh: '节煤的碳减排量', unit: 'tCO2/a' },
  { code: 'co2.oil', zh: '节油的碳减排量', unit: 'tCO2/a' },
  { code: 'co2.natural_gas', zh: '节天然气的碳减排量', unit: 'tCO2/a' },
  { code: 'co2.other', zh: '其他二氧化碳减排量', unit: 'tCO2/a' },
];

export const optionBenefits = pgTable(
  'option_benefits',
  {
    id: idColumn(),
    optionId: uuid('option_id')
      .notNull()
      .references(() => cpOptions.id, { onDelete: 'cascade' }),
    /**
     * The option's industry audit (`cp_options.audit_id`), copied by the database: a row trigger sets it from the
     * option on every insert and update of the line, and one on `cp_options` carries a change of the option's audit
     * to its lines (migration option_benefits_audit_triggers); whatever is written here is overwritten. Null for an
     * option of a mandatory audit only. Tables 7.2/7.3 read an audit's lines by it in one index range (issue 6).
     */
    auditId: uuid('audit_id'),
    basis: text('basis', { enum: BENEFIT_BASES }).notNull(),
    itemCode: text('item_code').notNull(),
    /** Display name (required for free items; defaults to the catalogue label). */
    name: text('name'),
    /** Amount per year in `unit` (a reduction or saving is positive). */
    quantity: doublePrecision('quantity').notNull(),
    unit: text('unit').notNull(),
    /** How the figure was obtained (e.g. the core's CO2 breakdown with the grid factor used). */
    breakdown: jsonb('breakdown').$type<Breakdown>(),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    unique('option_benefits_unique').on(t.optionId, t.basis, t.itemCode),
    oneOf('option_benefits_basis_valid', t.basis, BENEFIT_BASES),
    check(
      'option_benefits_item_code_format',
      sql`${t.itemCode} ~ '^(reduction|saving|co2)\\.[a-z0-9_]+(\\.[a-z0-9_]+)*$'`,
    ),
    check(
      'option_benefits_quantity_finite',
      sql`${t.quantity} not in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)`,
    ),
    check('option_benefits_unit_nonempty', sql`length(${t.unit}) > 0`),
    index('option_benefits_item_idx').on(t.itemCode, t.basis),
    index('option_benefits_audit_idx').on(t.auditId),
  ],
);

/** Evidence kinds (7.4.2; Appendix A 三; Appendix B 9.1.1–9.1.6). */
export const EVIDENCE_KINDS = [
  'photo_before',
  'photo_after',
  'calculation',
  'contract',
  'invoice',
  'test_report',
  'operation_record',
  'other',
] as const;

/**
 * Evidence files of an option. The bytes live in the evidence store under `storage_key`; the row keeps the
 * metadata and SHA-256. Evidence is never deleted: it is withdrawn (`withdrawn_at`, reason), and stays listed.
 */
export const optionEvidence = pgTable(
  'option_evidence',
  {
    id: idColumn(),
    optionId: uuid('option_id')
      .notNull()
      .references(() => cpOptions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by')
      .references(() => users.id)
      .default(currentActorSql),
    uploadedAt: tstz('uploaded_at').notNull().defaultNow(),
    note: text('note'),
    withdrawnAt: tstz('withdrawn_at'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    withdrawalReason: text('withdrawal_reason'),
    ...editable(),
  },
  (t) => [
    oneOf('option_evidence_kind_valid', t.kind, EVIDENCE_KINDS),
    unique('option_evidence_storage_key_unique').on(t.storageKey),
    check('option_evidence_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('option_evidence_size_nonneg', sql`${t.sizeBytes} >= 0`),
    check(
      'option_evidence_withdrawal_reason',
      sql`${t.withdrawnAt} is null or ${t.withdrawalReason} is not null`,
    ),
    index('option_evidence_option_idx').on(t.optionId, t.kind),
  ],
);

/** What an expert is assigned to: an industry audit, a mandatory audit, or single options. */
export const expertAssignments = pgTable(
  'expert_assignments',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    auditId: uuid('audit_id').references(() => industryAudits.id, { onDelete: 'cascade' }),
    mandatoryAuditId: uuid('mandatory_audit_id').references(() => mandatoryAudits.id, {
      onDelete: 'cascade',
    }),
    optionId: uuid('option_id').references(() => cpOptions.id, { onDelete: 'cascade' }),
    assignedBy: uuid('assigned_by')
      .references(() => users.id)
      .default(currentActorSql),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    check(
      'expert_assignments_target',
      sql`num_nonnulls(${t.auditId}, ${t.mandatoryAuditId}, ${t.optionId}) >= 1`,
    ),
    unique('expert_assignments_unique')
      .on(t.userId, t.auditId, t.mandatoryAuditId, t.optionId)
      .nullsNotDistinct(),
    index('expert_assignments_audit_idx').on(t.auditId),
    index('expert_assignments_option_idx').on(t.optionId),
    index('expert_assignments_mandatory_audit_idx').on(t.mandatoryAuditId),
  ],
);

export const REVIEW_STAGES = ['screening', 'feasibility', 'verification'] as const;
export const REVIEW_VERDICTS = ['approve', 'reject', 'revise'] as const;

/** An expert's or panel member's review of an option at screening, feasibility or verification. */
export const optionReviews = pgTable(
  'option_reviews',
  {
    id: idColumn(),
    optionId: uuid('option_id')
      .notNull()
      .references(() => cpOptions.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    stage: text('stage', { enum: REVIEW_STAGES }).notNull(),
    verdict: text('verdict', { enum: REVIEW_VERDICTS }).notNull(),
    comment: text('comment'),
    /** Per-criterion scores (7.3.2) as the core's weighted-sum breakdown. */
    scores: jsonb('scores').$type<Breakdown>(),
    reviewedAt: tstz('reviewed_at').notNull().defaultNow(),
    ...editable(),
  },
  (t) => [
    oneOf('option_reviews_stage_valid', t.stage, REVIEW_STAGES),
    oneOf('option_reviews_verdict_valid', t.verdict, REVIEW_VERDICTS),
    index('option_reviews_option_idx').on(t.optionId),
    index('option_reviews_reviewer_idx').on(t.reviewerId),
  ],
);
