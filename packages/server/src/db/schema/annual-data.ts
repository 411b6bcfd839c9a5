/**
 * Annual data per enterprise and year (guideline Appendix A: three years of energy, pollutant generation and
 * emission, GHG data, efficiency indicators; the Guangdong form's 上年度 output value, value added and products).
 *
 * LONG format: one row per (enterprise, year, item_code) with its quantity and unit, who entered it and when.
 * A per (enterprise, year) `annual_submissions` row carries the workflow
 * draft → submitted → (returned → submitted …) → accepted. While a submission is `submitted` or `accepted`,
 * a trigger (`cp_annual_values_locked`, custom migration) refuses any INSERT/UPDATE/DELETE of its values with
 * SQLSTATE `CPL01` ("submitted data is locked until returned"); `mapDbError` turns that into STATE_CONFLICT.
 * Values reference their submission through (enterprise_id, year), so a value cannot exist without one.
 *
 * Item codes are `<category>.<item>[.<sub>…]`, lower-case (CHECK): see `ANNUAL_ITEMS` for the standard ones;
 * free items (a raw material, a product) use `material.<slug>` / `product.<slug>` with a display `name`.
 * Quantities are totals over the calendar year in `unit` (a core unit symbol: 't', 'm3', 'kWh', '万元', 'tce').
 */
import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { currentActorSql, editable, idColumn, oneOf, plausibleYear, tstz } from './columns.ts';
import { enterprises } from './enterprises.ts';
import { indicators } from './indicator-systems.ts';
import { users } from './users-sessions.ts';

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
/** Statuses in which the values of a submission cannot be changed. */
export const LOCKED_SUBMISSION_STATUSES = [
  'submitted',
  'accepted',
] as const satisfies readonly SubmissionStatus[];

export const ANNUAL_CATEGORIES = [
  'economy',
  'energy',
  'water',
  'material',
  'product',
  'pollutant_generated',
  'pollutant_emitted',
  'ghg',
  'indicator',
  'other',
] as const;
export type AnnualCategory = (typeof ANNUAL_CATEGORIES)[number];

/** How a value was obtained. */
export const VALUE_SOURCES = [
  'metered',
  'statistics',
  'monitoring',
  'calculated',
  'estimated',
  'document',
] as const;

export interface AnnualItem {
  code: string;
  category: AnnualCategory;
  /** Chinese label as used in the seed documents / Appendix A. */
  zh: string;
  /** Default unit (a core unit symbol); entry in another unit of the same dimension is allowed. */
  unit: string;
}

const pollutantItems = (category: 'pollutant_generated' | 'pollutant_emitted', verb: string): AnnualItem[] =>
  (
    [
      ['wastewater', '废水', 't'],
      ['cod', 'COD', 't'],
      ['nh3_n', '氨氮', 't'],
      ['tp', '总磷', 't'],
      ['tn', '总氮', 't'],
      ['so2', 'SO2', 't'],
      ['nox', '氮氧化物', 't'],
      ['particulates', '颗粒物', 't'],
      ['vocs', 'VOCs', 't'],
      ['class_i.hg', '总汞', 'kg'],
      ['class_i.alkyl_hg', '烷基汞', 'kg'],
      ['class_i.cd', '总镉', 'kg'],
      ['class_i.cr', '总铬', 'kg'],
      ['class_i.cr6', '六价铬', 'kg'],
      ['class_i.as', '总砷', 'kg'],
      ['class_i.pb', '总铅', 'kg'],
      ['class_i.ni', '总镍', 'kg'],
      ['general_solid_waste', '一般工业固体废物', 't'],
      ['hazardous_waste', '危险废物', 't'],
    ] as const
  ).map(([item, zh, unit]) => ({ code: `${category}.${item}`, category, zh: `${zh}${verb}`, unit }));

/**
 * The standard items (Appendix A; Guangdong form basic info; Appendix B 7.2 lines). Class-I pollutants
 * (GB 8978-1996 第一类污染物) listed are the seven confirmed heavy metals plus 总镍 (facts §6.3).
 */
export const ANNUAL_ITEMS: readonly AnnualItem[] = [
  { code: 'economy.gross_output', category: 'economy', zh: '工业总产值', unit: '万元' },
  { code: 'economy.value_added', category: 'economy', zh: '工业增加值', unit: '万元' },
  { code: 'energy.electricity', category: 'energy', zh: '电力', unit: 'kWh' },
  { code: 'energy.raw_coal', category: 'energy', zh: '原煤', unit: 't' },
  { code: 'energy.coke', category: 'energy', zh: '焦炭', unit: 't' },
  { code: 'energy.crude_oil', category: 'energy', zh: '原油', unit: 't' },
  { code: 'energy.fuel_oil', category: 'energy', zh: '燃料油', unit: 't' },
  { code: 'energy.gasoline', category: 'energy', zh: '汽油', unit: 't' },
  { code: 'energy.diesel', category: 'energy', zh: '柴油', unit: 't' },
  { code: 'energy.lpg', category: 'energy', zh: '液化石油气', unit: 't' },
  { code: 'energy.natural_gas', category: 'energy', zh: '天然气', unit: 'm3' },
  { code: 'energy.steam', category: 'energy', zh: '蒸汽', unit: 't' },
  { code: 'energy.heat', category: 'energy', zh: '热力', unit: 'GJ' },
  { code: 'energy.comprehensive', category: 'energy', zh: '综合能耗', unit: 'tce' },
  { code: 'water.intake', category: 'water', zh: '取水量', unit: 'm3' },
  { code: 'water.intake.tap', category: 'water', zh: '自来水取水量', unit: 'm3' },
  { code: 'water.intake.surface', category: 'water', zh: '地表水取水量', unit: 'm3' },
  { code: 'water.intake.ground', category: 'water', zh: '地下水取水量', unit: 'm3' },
  { code: 'water.reuse', category: 'water', zh: '重复利用水量', unit: 'm3' },
  ...pollutantItems('pollutant_generated', '产生量'),
  ...pollutantItems('pollutant_emitted', '排放量'),
  { code: 'ghg.co2_total', category: 'ghg', zh: '二氧化碳排放总量', unit: 'tCO2' },
  { code: 'ghg.co2_fuel', category: 'ghg', zh: '化石燃料燃烧排放', unit: 'tCO2' },
  { code: 'ghg.co2_process', category: 'ghg', zh: '工业生产过程排放', unit: 'tCO2' },
  { code: 'ghg.co2_purchased_power', category: 'ghg', zh: '净购入电力排放', unit: 'tCO2' },
  { code: 'ghg.co2_purchased_heat', category: 'ghg', zh: '净购入热力排放', unit: 'tCO2' },
];

export const annualSubmissions = pgTable(
  'annual_submissions',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('draft'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: tstz('submitted_at'),
    returnedBy: uuid('returned_by').references(() => users.id),
    returnedAt: tstz('returned_at'),
    /** Why the reviewer returned the data (required when returned). */
    returnReason: text('return_reason'),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    acceptedAt: tstz('accepted_at'),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    unique('annual_submissions_enterprise_year_unique').on(t.enterpriseId, t.year),
    oneOf('annual_submissions_status_valid', t.status, SUBMISSION_STATUSES),
    plausibleYear('annual_submissions_year_range', t.year),
    check(
      'annual_submissions_status_fields',
      sql`(${t.status} <> 'submitted' or ${t.submittedAt} is not null) and (${t.status} <> 'returned' or (${t.returnedAt} is not null and ${t.returnReason} is not null)) and (${t.status} <> 'accepted' or ${t.acceptedAt} is not null)`,
    ),
    index('annual_submissions_year_status_idx').on(t.year, t.status),
  ],
);

export const annualValues = pgTable(
  'annual_values',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id').notNull(),
    year: integer('year').notNull(),
    category: text('category', { enum: ANNUAL_CATEGORIES }).notNull(),
    itemCode: text('item_code').notNull(),
    /** Display name (required for free items such as a raw material; defaults to the catalogue label). */
    name: text('name'),
    quantity: doublePrecision('quantity').notNull(),
    unit: text('unit').notNull(),
    /** For `indicator.*` items: the indicator of the evaluation system the value is for. */
    indicatorId: uuid('indicator_id').references(() => indicators.id),
    source: text('source', { enum: VALUE_SOURCES }),
    note: text('note'),
    enteredBy: uuid('entered_by')
      .references(() => users.id)
      .default(currentActorSql),
    enteredAt: tstz('entered_at').notNull().defaultNow(),
    ...editable(),
  },
  (t) => [
    foreignKey({
      name: 'annual_values_submission_fk',
      columns: [t.enterpriseId, t.year],
      foreignColumns: [annualSubmissions.enterpriseId, annualSubmissions.year],
    }).onDelete('cascade'),
    unique('annual_values_enterprise_year_item_unique').on(t.enterpriseId, t.year, t.itemCode),
    oneOf('annual_values_category_valid', t.category, ANNUAL_CATEGORIES),
    oneOf('annual_values_source_valid', t.source, VALUE_SOURCES),
    check('annual_values_item_code_format', sql`${t.itemCode} ~ '^[a-z0-9_]+(\\.[a-z0-9_]+)+$'`),
    check('annual_values_item_in_category', sql`split_part(${t.itemCode}, '.', 1) = ${t.category}`),
    check(
      'annual_values_quantity_finite',
      sql`${t.quantity} not in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)`,
    ),
    check('annual_values_unit_nonempty', sql`length(${t.unit}) > 0`),
    // Per-year figures across enterprises (aggregation of an audit's enterprises, benchmarks by item).
    index('annual_values_year_item_idx').on(t.year, t.itemCode),
    // Which groups an enterprise's year has (data collection of an audit, services/audits/collection.ts): read from
    // the index alone, not one heap fetch per value.
    index('annual_values_presence_idx').on(t.enterpriseId, t.year, t.category),
  ],
);
