/**
 * Cleaner-production evaluation indicator systems (清洁生产评价指标体系) and evaluations of enterprises against
 * them (guideline 7.2.1.3: compare with the industry's indicator system; Guangdong form: 清洁生产水平评价).
 *
 * A system is versioned: one row per edition (`code` + `edition` unique), imported from a JSON definition that
 * is kept verbatim in `definition`; `indicators` is its relational projection (one row per first- or
 * second-level indicator). Method (facts §4.1, 《清洁生产评价指标体系编制通则（试行稿）》 style): first-level weight w_i,
 * second-level weight ω_ij, benchmarks per level Ⅰ/Ⅱ/Ⅲ, direction ≤ or ≥, 限定性指标 marked `restrictive`.
 * Each system and each indicator row carries its `Source` (document, clause, url, status) as jsonb.
 */

import type { Breakdown, Source } from '@cpaudit/core';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
import { currentActorSql, day, editable, idColumn, oneOf, plausibleYear, tstz } from './columns.ts';
import { enterprises } from './enterprises.ts';
import { users } from './users-sessions.ts';

export const INDICATOR_SYSTEM_STATUSES = ['draft', 'active', 'superseded', 'withdrawn'] as const;
/**
 * `y_gk`: composite index Y_gk with levels Ⅰ/Ⅱ/Ⅲ (facts §4.1, formulas 5-1..5-3).
 * `legacy_p`: the 2005–2010 试行 systems (P = 0.6·P1 + 0.4·P2, facts §4.1 last item; never mixed with y_gk).
 */
export const EVALUATION_METHODS = ['y_gk', 'legacy_p'] as const;
export const INDICATOR_KINDS = ['quantitative', 'qualitative'] as const;
/** `le`: smaller is better (单耗, 产生量), `ge`: larger is better (利用率, 回收率) (facts §4.2). */
export const INDICATOR_DIRECTIONS = ['le', 'ge'] as const;
export const CP_GRADES = ['I', 'II', 'III', 'unrated'] as const;
export type CpGrade = (typeof CP_GRADES)[number];
export const EVALUATION_BASES = ['status', 'before', 'after', 'annual'] as const;

export const indicatorSystems = pgTable(
  'indicator_systems',
  {
    id: idColumn(),
    /** Stable code of the system across editions, e.g. 'electroplating'. */
    code: text('code').notNull(),
    /** Edition label, e.g. '2015'. */
    edition: text('edition').notNull(),
    name: text('name').notNull(),
    issuer: text('issuer'),
    /** 文号 of the announcement. */
    documentNo: text('document_no'),
    publishedOn: day('published_on'),
    effectiveOn: day('effective_on'),
    /** GB/T 4754-2017 codes (2–4 digits) the system applies to. */
    industryCodes: text('industry_codes').array().notNull().default(sql`'{}'::text[]`),
    method: text('method', { enum: EVALUATION_METHODS }).notNull().default('y_gk'),
    /** Rating thresholds (e.g. Ⅰ: Y_Ⅰ ≥ 85 and all restrictive at Ⅰ), as the core's evaluation module reads them. */
    ratingRules: jsonb('rating_rules').$type<Record<string, unknown>>(),
    status: text('status', { enum: INDICATOR_SYSTEM_STATUSES }).notNull().default('draft'),
    supersedesId: uuid('supersedes_id').references((): AnyPgColumn => indicatorSystems.id),
    source: jsonb('source').$type<Source>().notNull(),
    /** The imported definition, verbatim (what `indicators` was projected from). */
    definition: jsonb('definition').$type<Record<string, unknown>>(),
    importedAt: tstz('imported_at'),
    importedBy: uuid('imported_by').references(() => users.id),
    ...editable(),
  },
  (t) => [
    unique('indicator_systems_code_edition_unique').on(t.code, t.edition),
    oneOf('indicator_systems_method_valid', t.method, EVALUATION_METHODS),
    oneOf('indicator_systems_status_valid', t.status, INDICATOR_SYSTEM_STATUSES),
    index('indicator_systems_industry_codes_idx').using('gin', t.industryCodes),
  ],
);

export const indicators = pgTable(
  'indicators',
  {
    id: idColumn(),
    systemId: uuid('system_id')
      .notNull()
      .references(() => indicatorSystems.id, { onDelete: 'cascade' }),
    /** The first-level indicator a second-level one belongs to; null for first-level rows. */
    parentId: uuid('parent_id').references((): AnyPgColumn => indicators.id, { onDelete: 'cascade' }),
    /** Sub-table of the system, when it has several (e.g. '表1 综合电镀'). */
    tableCode: text('table_code'),
    /** Code unique within the system (and table), e.g. '1.5'. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** 1 = 一级指标, 2 = 二级指标. */
    tier: integer('tier').notNull(),
    /** w_i (tier 1) or ω_ij (tier 2); null when the weight is an expression (`weight_expr`). */
    weight: doublePrecision('weight'),
    /** Weight given as an expression of enterprise facts, e.g. '0.8/n' (n = plating metals in use). */
    weightExpr: text('weight_expr'),
    unit: text('unit'),
    kind: text('kind', { enum: INDICATOR_KINDS }).notNull().default('quantitative'),
    direction: text('direction', { enum: INDICATOR_DIRECTIONS }),
    /** 限定性指标 (marked * in the tables). */
    restrictive: boolean('restrictive').notNull().default(false),
    /** Quantitative benchmarks per level (Ⅰ ⊂ Ⅱ ⊂ Ⅲ nested, facts §4.1). */
    level1Value: doublePrecision('level1_value'),
    level2Value: doublePrecision('level2_value'),
    level3Value: doublePrecision('level3_value'),
    /** Qualitative requirements per level (text as printed). */
    level1Text: text('level1_text'),
    level2Text: text('level2_text'),
    level3Text: text('level3_text'),
    footnotes: text('footnotes'),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Where this row was read (a row may be graded differently from its system, e.g. unverified rows). */
    source: jsonb('source').$type<Source>(),
    ...editable(),
  },
  (t) => [
    unique('indicators_system_table_code_unique').on(t.systemId, t.tableCode, t.code).nullsNotDistinct(),
    check('indicators_tier_valid', sql`${t.tier} in (1, 2)`),
    check('indicators_tier_parent', sql`(${t.tier} = 1) = (${t.parentId} is null)`),
    check('indicators_weight_range', sql`${t.weight} is null or (${t.weight} >= 0 and ${t.weight} <= 1)`),
    oneOf('indicators_kind_valid', t.kind, INDICATOR_KINDS),
    oneOf('indicators_direction_valid', t.direction, INDICATOR_DIRECTIONS),
    check(
      'indicators_direction_when_quantitative',
      sql`${t.tier} = 1 or ${t.kind} = 'qualitative' or ${t.direction} is not null`,
    ),
    index('indicators_system_idx').on(t.systemId, t.sortOrder),
    index('indicators_parent_idx').on(t.parentId),
  ],
);

/** One evaluation of an enterprise against a system (status analysis, before/after an audit, a year). */
export const evaluations = pgTable(
  'evaluations',
  {
    id: idColumn(),
    systemId: uuid('system_id')
      .notNull()
      .references(() => indicatorSystems.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    /** The data year evaluated. */
    year: integer('year'),
    basis: text('basis', { enum: EVALUATION_BASES }).notNull(),
    /** Composite indices Y_Ⅰ, Y_Ⅱ, Y_Ⅲ (0–100; formula 5-2). Null for the legacy method. */
    yI: doublePrecision('y_i'),
    yII: doublePrecision('y_ii'),
    yIII: doublePrecision('y_iii'),
    /** Legacy composite score P (0–100). */
    legacyP: doublePrecision('legacy_p'),
    grade: text('grade', { enum: CP_GRADES }),
    /** The core's `Traced` breakdown of the evaluation, as returned. */
    breakdown: jsonb('breakdown').$type<Breakdown>(),
    evaluatedAt: tstz('evaluated_at').notNull().defaultNow(),
    evaluatedBy: uuid('evaluated_by')
      .references(() => users.id)
      .default(currentActorSql),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    oneOf('evaluations_basis_valid', t.basis, EVALUATION_BASES),
    oneOf('evaluations_grade_valid', t.grade, CP_GRADES),
    plausibleYear('evaluations_year_range', t.year),
    check(
      'evaluations_indices_range',
      sql`(${t.yI} is null or ${t.yI} between 0 and 100) and (${t.yII} is null or ${t.yII} between 0 and 100) and (${t.yIII} is null or ${t.yIII} between 0 and 100) and (${t.legacyP} is null or ${t.legacyP} between 0 and 100)`,
    ),
    index('evaluations_enterprise_year_idx').on(t.enterpriseId, t.year),
    index('evaluations_system_idx').on(t.systemId),
  ],
);

export const evaluationValues = pgTable(
  'evaluation_values',
  {
    id: idColumn(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    /** Quantitative value, in the indicator's unit. */
    value: doublePrecision('value'),
    /** Qualitative finding (what the enterprise does), for the auditor's judgement. */
    valueText: text('value_text'),
    /** Not applicable to this enterprise (its weight is renormalised away, formula 5-3). */
    applicable: boolean('applicable').notNull().default(true),
    /** Highest level met ('I' ⊂ 'II' ⊂ 'III'), or 'unrated'. */
    levelMet: text('level_met', { enum: CP_GRADES }),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    unique('evaluation_values_unique').on(t.evaluationId, t.indicatorId),
    oneOf('evaluation_values_level_valid', t.levelMet, CP_GRADES),
    index('evaluation_values_indicator_idx').on(t.indicatorId),
  ],
);
