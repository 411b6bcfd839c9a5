/**
 * Industry cleaner-production audits (行业清洁生产审核), Jiangsu 《行业清洁生产审核技术指南》:
 * the audit (3.1, 3.3 period ≤ 12 months), its five phases (6, figure 1), the audit panel (3.2, 7.1.1), the
 * enterprise list (7.1.2), trainings (7.1.4), data collection status (7.2.1.1), site surveys (7.2.1.2), the status
 * analysis and report narrative (7.2.1.3, Appendix B 1–5), audit focus (7.2.2), targets (7.2.3), problems
 * (7.2.4), and the continuous CP plan (7.5.2). Options and evidence (7.3, 7.4) are in options-evidence.ts.
 */

import type { Breakdown } from '@cpaudit/core';
import { sql } from 'drizzle-orm';
import {
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
import {
  day,
  editable,
  idColumn,
  nonNegative,
  oneOf,
  ordered,
  plausibleYear,
  subsetOf,
  wanYuan,
} from './columns.ts';
import { enterprises } from './enterprises.ts';
import { evaluations, indicatorSystems } from './indicator-systems.ts';
import { bureaus, consultingFirms, regionPathSql, regions } from './regions-orgs.ts';
import { users } from './users-sessions.ts';

/** Where the audit stands: its current phase (6), or closed/cancelled. */
export const INDUSTRY_AUDIT_STATUSES = [
  'planning',
  'preparation',
  'audit',
  'options',
  'implementation',
  'evaluation',
  'closed',
  'cancelled',
] as const;

/** The five phases (6): 审核准备, 审核, 方案产生和确定, 方案实施, 绩效评估和持续清洁生产. */
export const AUDIT_PHASES = ['preparation', 'audit', 'options', 'implementation', 'evaluation'] as const;
export type AuditPhase = (typeof AUDIT_PHASES)[number];

export const industryAudits = pgTable(
  'industry_audits',
  {
    id: idColumn(),
    title: text('title').notNull(),
    /** The lead department (县级及以上生态环境部门, 3.1). */
    bureauId: uuid('bureau_id')
      .notNull()
      .references(() => bureaus.id),
    /** The region audited (区域内某一行业, 3.1); usually the bureau's jurisdiction or part of it. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    regionPath: text('region_path').notNull().generatedAlwaysAs(regionPathSql('region_code')),
    /** GB/T 4754-2017 codes of the industry audited (one or more, 2–4 digits). */
    industryCodes: text('industry_codes').array().notNull(),
    industryName: text('industry_name').notNull(),
    /** 审核周期 (3.3): at most 12 months (CHECK). */
    periodStart: day('period_start').notNull(),
    periodEnd: day('period_end').notNull(),
    status: text('status', { enum: INDUSTRY_AUDIT_STATUSES }).notNull().default('planning'),
    /** Work plan (7.1.3): scope, purpose; the phases' contents are in `audit_phases`. */
    scope: text('scope'),
    purpose: text('purpose'),
    /** The indicator system the status analysis compares against (7.2.1.3). */
    indicatorSystemId: uuid('indicator_system_id').references(() => indicatorSystems.id),
    /** Options below this investment are 无/低费 (thresholds vary by province: facts §5.3; configurable). */
    lowCostThreshold_wanYuan: wanYuan('low_cost_threshold_wan_yuan'),
    createdBy: uuid('created_by').references(() => users.id),
    ...editable(),
  },
  (t) => [
    oneOf('industry_audits_status_valid', t.status, INDUSTRY_AUDIT_STATUSES),
    check(
      'industry_audits_period_max_12_months',
      sql`${t.periodEnd} > ${t.periodStart} and ${t.periodEnd} <= (${t.periodStart} + interval '12 months')::date`,
    ),
    check('industry_audits_industry_codes_nonempty', sql`cardinality(${t.industryCodes}) > 0`),
    nonNegative('industry_audits_low_cost_threshold_nonneg', t.lowCostThreshold_wanYuan),
    index('industry_audits_bureau_idx').on(t.bureauId),
    index('industry_audits_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
    index('industry_audits_industry_codes_idx').using('gin', t.industryCodes),
    index('industry_audits_status_idx').on(t.status),
  ],
);

/** Planned and actual dates of each phase, with its work content and responsible department (7.1.3). */
export const auditPhases = pgTable(
  'audit_phases',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    phase: text('phase', { enum: AUDIT_PHASES }).notNull(),
    plannedStart: day('planned_start'),
    plannedEnd: day('planned_end'),
    actualStart: day('actual_start'),
    actualEnd: day('actual_end'),
    workContent: text('work_content'),
    responsible: text('responsible'),
    outputs: text('outputs'),
    ...editable(),
  },
  (t) => [
    unique('audit_phases_audit_phase_unique').on(t.auditId, t.phase),
    oneOf('audit_phases_phase_valid', t.phase, AUDIT_PHASES),
    ordered('audit_phases_planned_ordered', t.plannedStart, t.plannedEnd),
    ordered('audit_phases_actual_ordered', t.actualStart, t.actualEnd),
  ],
);

export const PANEL_ROLES = ['leader', 'deputy_leader', 'member', 'expert', 'secretary'] as const;

/** 审核小组 (3.2, 7.1.1): bureau leaders, department heads, technical experts. Members need not be users. */
export const auditPanelMembers = pgTable(
  'audit_panel_members',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    /** The platform account of the member, when they have one (gives the panel_member scope). */
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    /** 组成单位 (Appendix B 2.2). */
    organization: text('organization'),
    position: text('position'),
    panelRole: text('panel_role', { enum: PANEL_ROLES }).notNull().default('member'),
    duties: text('duties'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [
    oneOf('audit_panel_members_role_valid', t.panelRole, PANEL_ROLES),
    unique('audit_panel_members_audit_user_unique').on(t.auditId, t.userId),
    index('audit_panel_members_user_idx').on(t.userId),
  ],
);

/** The four principles for choosing enterprises (7.1.2 a–d). */
export const SELECTION_PRINCIPLES = [
  'environmental_impact',
  'key_governance',
  'feasibility',
  'representativeness',
] as const;
export const AUDIT_ENTERPRISE_STATUSES = ['candidate', 'selected', 'excluded'] as const;
/** Data collection (7.2.1.1, Appendix A) of one enterprise in the audit. */
export const DATA_COLLECTION_STATUSES = [
  'not_requested',
  'requested',
  'in_progress',
  'submitted',
  'returned',
  'accepted',
] as const;
/** Situations that call for individual diagnosis (7.2.4.2). */
export const INDIVIDUAL_DIAGNOSIS_REASONS = [
  'non_mainstream_process',
  'special_product',
  'administrative_penalty',
  'complaints',
] as const;

/** The enterprise list (7.1.2; Appendix B 2.1) with selection scores and reasons. */
export const auditEnterprises = pgTable(
  'audit_enterprises',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    status: text('status', { enum: AUDIT_ENTERPRISE_STATUSES }).notNull().default('candidate'),
    /** Weighted-sum total (权重总和计分排序法, facts §5.2). */
    selectionScore: doublePrecision('selection_score'),
    /** The scoring breakdown (factors, weights W, scores R) as the core returns it. */
    selectionBreakdown: jsonb('selection_breakdown').$type<Breakdown>(),
    selectionReasons: text('selection_reasons', { enum: SELECTION_PRINCIPLES })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    selectionNote: text('selection_note'),
    dataStatus: text('data_status', { enum: DATA_COLLECTION_STATUSES }).notNull().default('not_requested'),
    /** Years of annual data requested (normally the three years before the audit). */
    dataYears: integer('data_years').array().notNull().default(sql`'{}'::integer[]`),
    dataRequestedOn: day('data_requested_on'),
    dataDueOn: day('data_due_on'),
    dataSubmittedOn: day('data_submitted_on'),
    /** Firm assisting this enterprise in this audit. */
    consultingFirmId: uuid('consulting_firm_id').references(() => consultingFirms.id),
    individualDiagnosisReasons: text('individual_diagnosis_reasons', { enum: INDIVIDUAL_DIAGNOSIS_REASONS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Evaluation against the indicator system in the status analysis. */
    statusEvaluationId: uuid('status_evaluation_id').references(() => evaluations.id),
    ...editable(),
  },
  (t) => [
    unique('audit_enterprises_audit_enterprise_unique').on(t.auditId, t.enterpriseId),
    oneOf('audit_enterprises_status_valid', t.status, AUDIT_ENTERPRISE_STATUSES),
    oneOf('audit_enterprises_data_status_valid', t.dataStatus, DATA_COLLECTION_STATUSES),
    subsetOf('audit_enterprises_reasons_valid', t.selectionReasons, SELECTION_PRINCIPLES),
    subsetOf(
      'audit_enterprises_individual_reasons_valid',
      t.individualDiagnosisReasons,
      INDIVIDUAL_DIAGNOSIS_REASONS,
    ),
    index('audit_enterprises_enterprise_idx').on(t.enterpriseId),
    index('audit_enterprises_audit_status_idx').on(t.auditId, t.status),
  ],
);

export const TRAINING_KINDS = ['publicity', 'training'] as const;

/** 宣传动员 and 专业培训 events (7.1.4). */
export const auditTrainings = pgTable(
  'audit_trainings',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TRAINING_KINDS }).notNull(),
    title: text('title').notNull(),
    heldOn: day('held_on').notNull(),
    location: text('location'),
    /** Topics (7.1.4.2 a–c: policy and incentives, audit method, key points and cases), free text. */
    topics: text('topics'),
    trainer: text('trainer'),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    oneOf('audit_trainings_kind_valid', t.kind, TRAINING_KINDS),
    index('audit_trainings_audit_idx').on(t.auditId, t.heldOn),
  ],
);

/** Attendance: a named attendee, or a headcount for an organisation (人次 add up either way). */
export const auditTrainingAttendance = pgTable(
  'audit_training_attendance',
  {
    id: idColumn(),
    trainingId: uuid('training_id')
      .notNull()
      .references(() => auditTrainings.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    userId: uuid('user_id').references(() => users.id),
    attendeeName: text('attendee_name'),
    organization: text('organization'),
    headcount: integer('headcount').notNull().default(1),
    ...editable(),
  },
  (t) => [
    check('audit_training_attendance_headcount_positive', sql`${t.headcount} > 0`),
    check(
      'audit_training_attendance_who',
      sql`${t.enterpriseId} is not null or ${t.userId} is not null or ${t.attendeeName} is not null or ${t.organization} is not null`,
    ),
    index('audit_training_attendance_training_idx').on(t.trainingId),
    index('audit_training_attendance_enterprise_idx').on(t.enterpriseId),
  ],
);

/** What a site survey checked (7.2.1.2 a–c). */
export const SURVEY_CHECKS = [
  'raw_materials',
  'process_equipment',
  'operation',
  'treatment_facilities',
  'staff_interviews',
  'opportunities',
] as const;
/** Why the enterprise was surveyed (7.2.1.2: incomplete, doubtful, or key problems concentrate). */
export const SURVEY_REASONS = ['incomplete_data', 'doubtful_data', 'key_problems', 'routine'] as const;

export const siteSurveys = pgTable(
  'site_surveys',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    surveyedOn: day('surveyed_on').notNull(),
    surveyors: text('surveyors'),
    reasons: text('reasons', { enum: SURVEY_REASONS }).array().notNull().default(sql`'{}'::text[]`),
    checked: text('checked', { enum: SURVEY_CHECKS }).array().notNull().default(sql`'{}'::text[]`),
    /** What was checked, in detail. */
    checkedDetail: text('checked_detail'),
    findings: text('findings'),
    /** 一线改进建议 from interviews (7.2.1.2 b). */
    suggestions: text('suggestions'),
    /** 显而易见的问题和清洁生产机会 (7.2.1.2 c). */
    opportunities: text('opportunities'),
    ...editable(),
  },
  (t) => [
    subsetOf('site_surveys_reasons_valid', t.reasons, SURVEY_REASONS),
    subsetOf('site_surveys_checked_valid', t.checked, SURVEY_CHECKS),
    index('site_surveys_audit_idx').on(t.auditId, t.enterpriseId),
    index('site_surveys_enterprise_idx').on(t.enterpriseId),
  ],
);

/**
 * Sections of the status analysis (7.2.1.3) and the report narrative (Appendix B), industry-level
 * (`enterprise_id` null) or about one enterprise. `figures` holds the quantified results (jsonb).
 */
export const ANALYSIS_SECTIONS = [
  /** B1 行业基本现状 */
  'industry_overview',
  /** B3.1 调查方法 */
  'survey_methods',
  /** B3.2 行业基本情况 */
  'industry_status',
  /** 7.2.1.3 a 政策法规符合性 */
  'policy_compliance',
  /** 7.2.1.3 a 清洁生产水平 (vs the indicator system) */
  'cp_level',
  /** 7.2.1.3 a 排放标准、能耗限额 */
  'standards_comparison',
  /** 7.2.1.3 a 资源能源利用效率 */
  'resource_efficiency',
  /** 7.2.1.3 a 污染物产排强度 */
  'pollutant_intensity',
  /** 7.2.1.3 a 温室气体排放 */
  'ghg',
  /** 7.2.1.3 b 与先进水平的差距 */
  'gap_to_advanced',
  /** 7.2.1.3 b 主要问题的分布特征及优先级 */
  'problem_distribution',
  /** B5.3 清洁生产潜力分析 */
  'potential',
  /** B6.2 可行性分析 */
  'feasibility',
  /** B7.1 方案实施情况 */
  'implementation',
  /** B7.2 绩效评估 (narrative) */
  'performance',
] as const;

export const auditAnalysisSections = pgTable(
  'audit_analysis_sections',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    section: text('section', { enum: ANALYSIS_SECTIONS }).notNull(),
    content: text('content'),
    figures: jsonb('figures').$type<Record<string, unknown>>(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [
    oneOf('audit_analysis_sections_section_valid', t.section, ANALYSIS_SECTIONS),
    index('audit_analysis_sections_audit_idx').on(t.auditId, t.section),
  ],
);

/** Orientations of the audit focus (7.2.2.2 a–e). */
export const FOCUS_ORIENTATIONS = [
  'pollutant_reduction',
  'ghg_reduction',
  'resource_efficiency',
  'industry_chain',
  'management_compliance',
] as const;

/** 审核重点 candidates and the chosen ones (7.2.2), with their weighted-sum scoring. */
export const auditFocuses = pgTable(
  'audit_focuses',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    orientation: text('orientation', { enum: FOCUS_ORIENTATIONS }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    score: doublePrecision('score'),
    scoring: jsonb('scoring').$type<Breakdown>(),
    selected: boolean('selected').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [
    oneOf('audit_focuses_orientation_valid', t.orientation, FOCUS_ORIENTATIONS),
    index('audit_focuses_audit_idx').on(t.auditId),
  ],
);

/** Target types (7.2.3.4 a–e; Appendix B 7.3 rows). */
export const TARGET_TYPES = [
  'pollutant_reduction',
  'ghg_reduction',
  'resource_efficiency',
  'cp_level',
  'other',
] as const;
/** How the target is measured: an absolute amount, a percentage reduction, an intensity, a count or share. */
export const TARGET_MEASURES = ['absolute', 'percent', 'intensity', 'count', 'share'] as const;
export const TARGET_SCOPES = ['industry', 'selected_enterprises', 'listed_enterprises'] as const;

/** 清洁生产目标 (7.2.3): quantifiable, with near-term and medium/long-term values, tied to the enterprises. */
export const auditTargets = pgTable(
  'audit_targets',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    focusId: uuid('focus_id').references(() => auditFocuses.id, { onDelete: 'set null' }),
    type: text('type', { enum: TARGET_TYPES }).notNull(),
    /** 指标, e.g. 'COD排放量' or '单位产品综合能耗'. */
    indicator: text('indicator').notNull(),
    /** Annual-data item the target is measured on, when there is one (e.g. 'pollutant_emitted.cod'). */
    itemCode: text('item_code'),
    measure: text('measure', { enum: TARGET_MEASURES }).notNull(),
    unit: text('unit').notNull(),
    baselineValue: doublePrecision('baseline_value'),
    baselineYear: integer('baseline_year'),
    nearTermValue: doublePrecision('near_term_value').notNull(),
    nearTermDue: day('near_term_due'),
    longTermValue: doublePrecision('long_term_value'),
    longTermDue: day('long_term_due'),
    /** `listed_enterprises`: the enterprises in `audit_target_enterprises`. */
    scope: text('scope', { enum: TARGET_SCOPES }).notNull().default('selected_enterprises'),
    /** Value reached, and how far the target was met (Appendix B 7.3), filled at performance evaluation. */
    achievedValue: doublePrecision('achieved_value'),
    achievementNote: text('achievement_note'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [
    oneOf('audit_targets_type_valid', t.type, TARGET_TYPES),
    oneOf('audit_targets_measure_valid', t.measure, TARGET_MEASURES),
    oneOf('audit_targets_scope_valid', t.scope, TARGET_SCOPES),
    plausibleYear('audit_targets_baseline_year_range', t.baselineYear),
    index('audit_targets_audit_idx').on(t.auditId),
  ],
);

export const auditTargetEnterprises = pgTable(
  'audit_target_enterprises',
  {
    id: idColumn(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => auditTargets.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    baselineValue: doublePrecision('baseline_value'),
    targetValue: doublePrecision('target_value'),
    achievedValue: doublePrecision('achieved_value'),
    ...editable(),
  },
  (t) => [
    unique('audit_target_enterprises_unique').on(t.targetId, t.enterpriseId),
    index('audit_target_enterprises_enterprise_idx').on(t.enterpriseId),
  ],
);

export const PROBLEM_SCOPES = ['common', 'individual'] as const;
/**
 * Aspects: the common-problem aspects (7.2.4.1: process & equipment, pollutant generation & emission, GHG,
 * resource use, management) and the seven individual aspects (7.2.4.2: raw materials & energy, process &
 * equipment, production process, resource & energy use, wastes, staff, management).
 */
export const PROBLEM_ASPECTS = [
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
/** Causes (Appendix B 5.2): technical, management, policy & mechanism. */
export const CAUSE_TYPES = ['technical', 'management', 'policy'] as const;
/** Diagnosis methods (7.2.4.3). */
export const DIAGNOSIS_METHODS = [
  'material_balance',
  'energy_balance',
  'water_balance',
  'standard_comparison',
  'expert_judgement',
  'questionnaire',
  'measurement',
] as const;

/** Diagnosed problems (7.2.4): common (industry-wide) or individual (one enterprise). */
export const auditProblems = pgTable(
  'audit_problems',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: PROBLEM_SCOPES }).notNull(),
    /** The enterprise of an individual problem; null for a common one (CHECK). */
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    aspect: text('aspect', { enum: PROBLEM_ASPECTS }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    causeTypes: text('cause_types', { enum: CAUSE_TYPES }).array().notNull().default(sql`'{}'::text[]`),
    cause: text('cause'),
    diagnosisMethods: text('diagnosis_methods', { enum: DIAGNOSIS_METHODS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    focusId: uuid('focus_id').references(() => auditFocuses.id, { onDelete: 'set null' }),
    siteSurveyId: uuid('site_survey_id').references(() => siteSurveys.id, { onDelete: 'set null' }),
    /** Priority (7.2.1.3 b): 1 = highest. */
    priority: integer('priority'),
    /** Enterprises where a common problem shows (7.2.4.1: 具体表现), with how it shows. */
    manifestation: text('manifestation'),
    ...editable(),
  },
  (t) => [
    oneOf('audit_problems_scope_valid', t.scope, PROBLEM_SCOPES),
    oneOf('audit_problems_aspect_valid', t.aspect, PROBLEM_ASPECTS),
    subsetOf('audit_problems_cause_types_valid', t.causeTypes, CAUSE_TYPES),
    subsetOf('audit_problems_methods_valid', t.diagnosisMethods, DIAGNOSIS_METHODS),
    check(
      'audit_problems_scope_enterprise',
      sql`(${t.scope} = 'individual') = (${t.enterpriseId} is not null)`,
    ),
    check('audit_problems_priority_positive', sql`${t.priority} is null or ${t.priority} > 0`),
    index('audit_problems_audit_idx').on(t.auditId, t.scope),
    index('audit_problems_enterprise_idx').on(t.enterpriseId),
  ],
);

/** 7.5.2: 清洁生产管理制度建设计划、行业层面持续推动计划、审核周期衔接计划. */
export const PLAN_TASK_CATEGORIES = [
  'management_system',
  'industry_promotion',
  'cycle_linkage',
  'other',
] as const;
export const PLAN_TASK_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;

/** The continuous CP plan (7.5.2): tasks with responsible unit, deadline and expected result, tracked after. */
export const cpPlanTasks = pgTable(
  'cp_plan_tasks',
  {
    id: idColumn(),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => industryAudits.id, { onDelete: 'cascade' }),
    category: text('category', { enum: PLAN_TASK_CATEGORIES }).notNull(),
    task: text('task').notNull(),
    /** 责任单位, as written; optionally linked to a bureau or an enterprise. */
    responsibleUnit: text('responsible_unit').notNull(),
    responsibleBureauId: uuid('responsible_bureau_id').references(() => bureaus.id),
    responsibleEnterpriseId: uuid('responsible_enterprise_id').references(() => enterprises.id),
    deadline: day('deadline').notNull(),
    expectedResult: text('expected_result').notNull(),
    status: text('status', { enum: PLAN_TASK_STATUSES }).notNull().default('planned'),
    progressNote: text('progress_note'),
    completedOn: day('completed_on'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [
    oneOf('cp_plan_tasks_category_valid', t.category, PLAN_TASK_CATEGORIES),
    oneOf('cp_plan_tasks_status_valid', t.status, PLAN_TASK_STATUSES),
    check('cp_plan_tasks_done_has_date', sql`${t.status} <> 'done' or ${t.completedOn} is not null`),
    index('cp_plan_tasks_audit_idx').on(t.auditId, t.status),
    index('cp_plan_tasks_deadline_idx').on(t.deadline),
  ],
);
