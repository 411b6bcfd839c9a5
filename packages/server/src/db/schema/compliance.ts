/**
 * 现状分析 (guideline 7.2.1.3): the standards an enterprise is judged against, what was measured at its outlets,
 * and the facts about it that decide which limits apply (issue 8).
 *
 * - `standards`: emission standards (concentration limits per pollutant and monitoring point, special limits for
 *   key regions, unit-product benchmark drainage) and energy consumption limit standards (limit / entry / advanced
 *   per product), admin-managed. `body` is the core's `standardSchema` (validated before every write). Versioned
 *   like the indicator systems: one row per revision of a `code`, the newest active one supersedes the previous.
 *   The built-in standards of the core (GB 21900-2008, GB 8978-1996) are seeded on first need (`built_in`).
 * - `monitoring_samples`: 监测数据, one measured concentration of one pollutant at one monitoring point
 *   (车间或生产设施排放口 `workshop` / 企业废水总排放口 `total`) of an enterprise in a year.
 * - `compliance_facts`: per enterprise and year, what the annual data does not hold: key region (special limits),
 *   existing or new installation (commissioning date), multi/single-layer plating (benchmark drainage), total-load
 *   quotas per pollutant (总量控制指标), and whether toxic raw materials are used (双有).
 *   Drainage and product output come from the annual data (`water.discharge` / `pollutant_emitted.wastewater`,
 *   `product.*`).
 */
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
import {
  currentActorSql,
  day,
  editable,
  idColumn,
  nonNegative,
  oneOf,
  ordered,
  plausibleYear,
} from './columns.ts';
import { enterprises } from './enterprises.ts';
import { users } from './users-sessions.ts';

/** `emission`: 污染物排放标准; `energy`: 单位产品能源消耗限额 (the core's `standardSchema` `kind`). */
export const STANDARD_KINDS = ['emission', 'energy'] as const;
export const STANDARD_STATUSES = ['draft', 'active', 'superseded', 'withdrawn'] as const;
/** 车间或生产设施废水排放口 / 企业废水总排放口 (GB 21900-2008 表1–3 notes). */
export const MONITORING_POINT_KINDS = ['workshop', 'total'] as const;
/** 现有企业 / 新建企业 (GB 21900-2008 4.1–4.2). */
export const INSTALLATION_KINDS = ['existing', 'new'] as const;
/** 多层镀 / 单层镀 (GB 21900-2008 单位产品基准排水量). */
export const PLATING_LAYERS = ['multi', 'single'] as const;

export const standards = pgTable(
  'standards',
  {
    id: idColumn(),
    kind: text('kind', { enum: STANDARD_KINDS }).notNull(),
    /** Stable code across revisions, e.g. 'GB 21900-2008'. */
    code: text('code').notNull(),
    /** 1, 2, …: every edit of a code is a new revision. */
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    /** The core's `standardSchema` (kind-discriminated), verbatim. */
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    validFrom: day('valid_from'),
    validTo: day('valid_to'),
    status: text('status', { enum: STANDARD_STATUSES }).notNull().default('active'),
    builtIn: boolean('built_in').notNull().default(false),
    supersedesId: uuid('supersedes_id').references((): AnyPgColumn => standards.id),
    createdBy: uuid('created_by')
      .references(() => users.id)
      .default(currentActorSql),
    updatedBy: uuid('updated_by')
      .references(() => users.id)
      .default(currentActorSql),
    ...editable(),
  },
  (t) => [
    unique('standards_code_revision_unique').on(t.code, t.revision),
    oneOf('standards_kind_valid', t.kind, STANDARD_KINDS),
    oneOf('standards_status_valid', t.status, STANDARD_STATUSES),
    ordered('standards_validity_ordered', t.validFrom, t.validTo),
    check('standards_kind_matches_body', sql`${t.body} ->> 'kind' = ${t.kind}`),
    check('standards_code_nonblank', sql`btrim(${t.code}) <> ''`),
    check('standards_revision_positive', sql`${t.revision} >= 1`),
    index('standards_code_idx').on(t.code),
  ],
);

export const monitoringSamples = pgTable(
  'monitoring_samples',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    /** e.g. '电镀车间排放口', '总排放口'. */
    pointName: text('point_name').notNull(),
    pointKind: text('point_kind', { enum: MONITORING_POINT_KINDS }).notNull(),
    /** The core's pollutant key (`cod`, `nh3_n`, `class_i.ni`, `ph`, …). */
    pollutant: text('pollutant').notNull(),
    /** Measured concentration (mean of the samples) in `unit` (mg/L; pH dimensionless). */
    concentration: doublePrecision('concentration').notNull(),
    unit: text('unit').notNull().default('mg/L'),
    sampledOn: day('sampled_on'),
    sampleCount: integer('sample_count').notNull().default(1),
    /** 自行监测 / 监督性监测 / 在线监测 / report reference. */
    source: text('source'),
    createdBy: uuid('created_by')
      .references(() => users.id)
      .default(currentActorSql),
    updatedBy: uuid('updated_by')
      .references(() => users.id)
      .default(currentActorSql),
    ...editable(),
  },
  (t) => [
    oneOf('monitoring_samples_point_kind_valid', t.pointKind, MONITORING_POINT_KINDS),
    plausibleYear('monitoring_samples_year_range', t.year),
    nonNegative('monitoring_samples_concentration_nonneg', t.concentration),
    check('monitoring_samples_sample_count_positive', sql`${t.sampleCount} >= 1`),
    check('monitoring_samples_point_nonblank', sql`btrim(${t.pointName}) <> ''`),
    check('monitoring_samples_pollutant_nonblank', sql`btrim(${t.pollutant}) <> ''`),
    index('monitoring_samples_enterprise_year_idx').on(t.enterpriseId, t.year),
  ],
);

/** 总量控制指标 of one pollutant (t/a, or kg/a for class-I metals as the annual data items). */
export interface StoredLoadQuota {
  pollutant: string;
  quota: number;
  unit: string;
}

export const complianceFacts = pgTable(
  'compliance_facts',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    /** 重点区域 where the special limits (GB 21900-2008 表3) apply. */
    keyRegion: boolean('key_region').notNull().default(false),
    installation: text('installation', { enum: INSTALLATION_KINDS }).notNull().default('existing'),
    commissionedOn: day('commissioned_on'),
    platingLayers: text('plating_layers', { enum: PLATING_LAYERS }),
    loadQuotas: jsonb('load_quotas').$type<StoredLoadQuota[]>().notNull().default(sql`'[]'::jsonb`),
    /** 使用有毒有害原料 (双有). */
    usesToxicMaterials: boolean('uses_toxic_materials').notNull().default(false),
    toxicMaterialsNote: text('toxic_materials_note'),
    createdBy: uuid('created_by')
      .references(() => users.id)
      .default(currentActorSql),
    updatedBy: uuid('updated_by')
      .references(() => users.id)
      .default(currentActorSql),
    ...editable(),
  },
  (t) => [
    oneOf('compliance_facts_installation_valid', t.installation, INSTALLATION_KINDS),
    oneOf('compliance_facts_plating_layers_valid', t.platingLayers, PLATING_LAYERS),
    plausibleYear('compliance_facts_year_range', t.year),
    check('compliance_facts_load_quotas_array', sql`jsonb_typeof(${t.loadQuotas}) = 'array'`),
    unique('compliance_facts_enterprise_year_unique').on(t.enterpriseId, t.year),
  ],
);
