/**
 * Enterprises (企业) and what does not change year to year: products and capacities, processes and equipment,
 * treatment facilities, and the consulting firms they engage. Yearly figures (output value, value added,
 * energy, water, pollutants, …) are annual data (annual-data.ts).
 * Fields follow the Guangdong performance form's basic-information block (notes 1, 4, 5, 6) and the Jiangsu
 * guideline's Appendix A 一 (基本信息: 生产工艺及装备、产能) and A 二 (环保设施运行).
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { day, editable, idColumn, nonNegative, oneOf, ordered, plausibleYear, subsetOf } from './columns.ts';
import { consultingFirms, regionPathSql, regions } from './regions-orgs.ts';

/** 环境监管重点单位 types (Guangdong form, note 5). */
export const KEY_MONITORING_TYPES = [
  /** 水环境重点排污单位 */
  'water',
  /** 地下水污染防治重点排污单位 */
  'groundwater',
  /** 大气环境重点排污单位 */
  'air',
  /** 噪声重点排污单位 */
  'noise',
  /** 土壤污染重点监管单位 */
  'soil',
  /** 环境风险重点管控单位 */
  'environmental_risk',
] as const;
export type KeyMonitoringType = (typeof KEY_MONITORING_TYPES)[number];

/** 排污许可管理类别 (Guangdong form, note 6: 《固定污染源排污许可分类管理名录》2019): 重点管理 / 简化管理 / 登记管理. */
export const PERMIT_CLASSES = ['key', 'simplified', 'registration'] as const;
export type PermitClass = (typeof PERMIT_CLASSES)[number];

export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'closed'] as const;

export const enterprises = pgTable(
  'enterprises',
  {
    id: idColumn(),
    /** 统一社会信用代码 (GB 32100-2015); the CHECK calls `cp_uscc_valid` (charset + check character). */
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    /** 生产经营场所地址 */
    address: text('address'),
    /** County (or city, for cities without counties such as 东莞/中山) the site lies in. */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    regionPath: text('region_path').notNull().generatedAlwaysAs(regionPathSql('region_code')),
    /** GB/T 4754-2017 code: 2 (大类), 3 (中类, what the Guangdong form asks for, note 1) or 4 (小类) digits. */
    industryCode: text('industry_code').notNull(),
    /** The class name as printed in GB/T 4754-2017, kept with the code for the form. */
    industryName: text('industry_name'),
    /** 是否位于工业园区内 (note 4): the park's name, or null when not in a park. */
    industrialParkName: text('industrial_park_name'),
    /** 环境监管重点单位 types (note 5); empty = not a key monitoring unit. */
    keyMonitoringTypes: text('key_monitoring_types', { enum: KEY_MONITORING_TYPES })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 排污许可管理类别 (note 6); null when not yet determined. */
    permitClass: text('permit_class', { enum: PERMIT_CLASSES }),
    permitNumber: text('permit_number'),
    legalRepresentative: text('legal_representative'),
    contactPerson: text('contact_person'),
    contactPhone: text('contact_phone'),
    employees: integer('employees'),
    establishedOn: day('established_on'),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    status: text('status', { enum: ENTERPRISE_STATUSES }).notNull().default('operating'),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    unique('enterprises_uscc_unique').on(t.uscc),
    check('enterprises_uscc_valid', sql`cp_uscc_valid(${t.uscc})`),
    check('enterprises_industry_code_format', sql`${t.industryCode} ~ '^[0-9]{2,4}$'`),
    subsetOf('enterprises_key_monitoring_types_valid', t.keyMonitoringTypes, KEY_MONITORING_TYPES),
    oneOf('enterprises_permit_class_valid', t.permitClass, PERMIT_CLASSES),
    oneOf('enterprises_status_valid', t.status, ENTERPRISE_STATUSES),
    nonNegative('enterprises_employees_nonneg', t.employees),
    check(
      'enterprises_coordinates_range',
      sql`(${t.longitude} is null or ${t.longitude} between -180 and 180) and (${t.latitude} is null or ${t.latitude} between -90 and 90)`,
    ),
    // "enterprises in my jurisdiction" (prefix of region_path), and by industry within a jurisdiction.
    index('enterprises_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
    index('enterprises_industry_region_idx').on(
      t.industryCode.op('text_pattern_ops'),
      t.regionPath.op('text_pattern_ops'),
    ),
    index('enterprises_name_idx').on(t.name),
  ],
);

/** Main products and capacities (主要产品及产能). Yearly output is annual data (`product.*` items). */
export const enterpriseProducts = pgTable(
  'enterprise_products',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Design capacity per year, in `capacity_unit` (e.g. 't/a', 'm2/a', '万件/a'). */
    capacity: doublePrecision('capacity'),
    capacityUnit: text('capacity_unit'),
    isMain: boolean('is_main').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    nonNegative('enterprise_products_capacity_nonneg', t.capacity),
    check('enterprise_products_capacity_unit', sql`${t.capacity} is null or ${t.capacityUnit} is not null`),
    index('enterprise_products_enterprise_idx').on(t.enterpriseId),
  ],
);

/** Production processes / lines (生产工艺). */
export const enterpriseProcesses = pgTable(
  'enterprise_processes',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [index('enterprise_processes_enterprise_idx').on(t.enterpriseId)],
);

/** Production equipment (生产装备), optionally attached to a process. */
export const enterpriseEquipment = pgTable(
  'enterprise_equipment',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    processId: uuid('process_id').references((): AnyPgColumn => enterpriseProcesses.id, {
      onDelete: 'set null',
    }),
    name: text('name').notNull(),
    model: text('model'),
    quantity: integer('quantity').notNull().default(1),
    ratedPower_kW: doublePrecision('rated_power_kw'),
    /** Energy-efficiency grade or label, as written on the nameplate / certificate. */
    efficiencyClass: text('efficiency_class'),
    commissionedYear: integer('commissioned_year'),
    /** Listed as obsolete (淘汰类) in the industrial-structure catalogue. */
    obsolete: boolean('obsolete').notNull().default(false),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    check('enterprise_equipment_quantity_positive', sql`${t.quantity} > 0`),
    nonNegative('enterprise_equipment_power_nonneg', t.ratedPower_kW),
    plausibleYear('enterprise_equipment_year_range', t.commissionedYear),
    index('enterprise_equipment_enterprise_idx').on(t.enterpriseId),
  ],
);

export const TREATMENT_MEDIA = [
  'wastewater',
  'waste_gas',
  'general_solid_waste',
  'hazardous_waste',
  'noise',
  'other',
] as const;
export const FACILITY_STATUSES = ['running', 'idle', 'decommissioned'] as const;

/** Pollution treatment facilities (环保设施 / 污染治理设施). */
export const treatmentFacilities = pgTable(
  'treatment_facilities',
  {
    id: idColumn(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    medium: text('medium', { enum: TREATMENT_MEDIA }).notNull(),
    name: text('name').notNull(),
    /** Treatment technology (处理工艺), e.g. '混凝沉淀+生化'. */
    technology: text('technology'),
    designCapacity: doublePrecision('design_capacity'),
    capacityUnit: text('capacity_unit'),
    /** 排放口编号 from the pollutant discharge permit. */
    outletCode: text('outlet_code'),
    commissionedYear: integer('commissioned_year'),
    status: text('status', { enum: FACILITY_STATUSES }).notNull().default('running'),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    oneOf('treatment_facilities_medium_valid', t.medium, TREATMENT_MEDIA),
    oneOf('treatment_facilities_status_valid', t.status, FACILITY_STATUSES),
    nonNegative('treatment_facilities_capacity_nonneg', t.designCapacity),
    check(
      'treatment_facilities_capacity_unit',
      sql`${t.designCapacity} is null or ${t.capacityUnit} is not null`,
    ),
    plausibleYear('treatment_facilities_year_range', t.commissionedYear),
    index('treatment_facilities_enterprise_idx').on(t.enterpriseId),
  ],
);

/**
 * An enterprise engaging a consulting firm (委托咨询服务机构). Consultants see the enterprises whose engagement
 * is current (`ended_on` null or not passed).
 */
export const consultingEngagements = pgTable(
  'consulting_engagements',
  {
    id: idColumn(),
    consultingFirmId: uuid('consulting_firm_id')
      .notNull()
      .references(() => consultingFirms.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    startedOn: day('started_on').notNull(),
    endedOn: day('ended_on'),
    /** What the engagement covers, e.g. '2024年强制性清洁生产审核'. */
    scope: text('scope'),
    contactPerson: text('contact_person'),
    contactPhone: text('contact_phone'),
    ...editable(),
  },
  (t) => [
    ordered('consulting_engagements_dates_ordered', t.startedOn, t.endedOn),
    unique('consulting_engagements_unique').on(t.consultingFirmId, t.enterpriseId, t.startedOn),
    index('consulting_engagements_enterprise_idx').on(t.enterpriseId),
  ],
);
