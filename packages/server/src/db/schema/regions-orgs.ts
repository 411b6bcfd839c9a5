/**
 * Regions (行政区划: province → city → county) and the organisations that are not enterprises:
 * eco-environment bureaus (生态环境部门, with their jurisdiction) and consulting firms (咨询服务机构).
 * Enterprises are in enterprises.ts.
 *
 * Region scoping. A region is keyed by its 6-digit administrative division code (GB/T 2260, e.g. 320102
 * 南京市玄武区). Every table that points at a region stores the code and a GENERATED `..._path` column derived
 * from the code alone: 320000 → '32', 320100 → '32/3201', 320102 → '32/3201/320102'. "Everything in my
 * jurisdiction" is then `path = :p or path like :p || '/%'`, served by a `text_pattern_ops` index.
 * Regions use their code as primary key (not a uuid): the code is the national identifier and a uuid would add
 * a join to every scope check. County-level units directly under a province (省直辖县级行政单位, e.g. 429004 仙桃市)
 * get path '42/4290/429004': the pseudo-city segment '4290' still nests correctly under '42'.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { editable, idColumn } from './columns.ts';

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** The level implied by a division code: xx0000 province, xxxx00 city, otherwise county. */
export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The scope path of a division code (same rule as `regionPathSql`, for application code and tests). */
export function regionPath(code: string): string {
  const level = regionLevel(code);
  const province = code.slice(0, 2);
  if (level === 'province') return province;
  const city = `${province}/${code.slice(0, 4)}`;
  return level === 'city' ? city : `${city}/${code}`;
}

/** The `LIKE` pattern matching every path strictly below `path` (escape-free: paths are digits and '/'). */
export function belowPathPattern(path: string): string {
  return `${path}/%`;
}

function quotedIdentifier(column: string): string {
  return `"${column.replaceAll('"', '""')}"`;
}

/** SQL expression of the path of the division code in `column` (for GENERATED ALWAYS AS ... STORED). */
export function regionPathSql(column: string): SQL {
  const c = quotedIdentifier(column);
  return sql.raw(
    `case when ${c} is null then null` +
      ` when substr(${c}, 3, 4) = '0000' then substr(${c}, 1, 2)` +
      ` when substr(${c}, 5, 2) = '00' then substr(${c}, 1, 2) || '/' || substr(${c}, 1, 4)` +
      ` else substr(${c}, 1, 2) || '/' || substr(${c}, 1, 4) || '/' || ${c} end`,
  );
}

/** SQL expression of the level of the division code in `column`. */
export function regionLevelSql(column: string): SQL {
  const c = quotedIdentifier(column);
  return sql.raw(
    `case when ${c} is null then null when substr(${c}, 3, 4) = '0000' then 'province'` +
      ` when substr(${c}, 5, 2) = '00' then 'city' else 'county' end`,
  );
}

/** CHECK: a 6-digit division code with a non-zero province part. */
export function divisionCodeCheck(name: string, column: AnyPgColumn) {
  return check(name, sql`${column} is null or ${column} ~ '^[1-9][0-9]{5}$'`);
}

export const regions = pgTable(
  'regions',
  {
    /** 6-digit administrative division code (GB/T 2260 / 民政部 行政区划代码). */
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** Parent division: null for a province; the city (or, for 省直辖 counties, the province) otherwise. */
    parentCode: text('parent_code').references((): AnyPgColumn => regions.code),
    level: text('level', { enum: REGION_LEVELS }).notNull().generatedAlwaysAs(regionLevelSql('code')),
    path: text('path').notNull().generatedAlwaysAs(regionPathSql('code')),
    /** False once the division is abolished or renamed (codes are never reused for a different area). */
    active: boolean('active').notNull().default(true),
    ...editable(),
  },
  (t) => [
    divisionCodeCheck('regions_code_format', t.code),
    check(
      'regions_parent_consistent',
      sql`(substr(${t.code}, 3, 4) = '0000' and ${t.parentCode} is null) or (substr(${t.code}, 3, 4) <> '0000' and ${t.parentCode} is not null and substr(${t.parentCode}, 1, 2) = substr(${t.code}, 1, 2) and ${t.parentCode} <> ${t.code})`,
    ),
    index('regions_parent_idx').on(t.parentCode),
    index('regions_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

/** 生态环境部门 (province 厅, city 局, county 分局): the lead of industry audits and supervisor of enterprises. */
export const bureaus = pgTable(
  'bureaus',
  {
    id: idColumn(),
    name: text('name').notNull(),
    /** The region the bureau is responsible for (its 辖区). */
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => regions.code),
    jurisdictionPath: text('jurisdiction_path')
      .notNull()
      .generatedAlwaysAs(regionPathSql('jurisdiction_code')),
    level: text('level', { enum: REGION_LEVELS })
      .notNull()
      .generatedAlwaysAs(regionLevelSql('jurisdiction_code')),
    parentBureauId: uuid('parent_bureau_id').references((): AnyPgColumn => bureaus.id),
    address: text('address'),
    contactPerson: text('contact_person'),
    contactPhone: text('contact_phone'),
    ...editable(),
  },
  (t) => [
    index('bureaus_jurisdiction_path_idx').on(t.jurisdictionPath.op('text_pattern_ops')),
    index('bureaus_jurisdiction_code_idx').on(t.jurisdictionCode),
    index('bureaus_parent_idx').on(t.parentBureauId),
  ],
);

/** 咨询服务机构: firms engaged by enterprises (see `consulting_engagements`). */
export const consultingFirms = pgTable(
  'consulting_firms',
  {
    id: idColumn(),
    /** 统一社会信用代码 (GB 32100-2015), check character verified by `cp_uscc_valid`. */
    uscc: text('uscc').notNull().unique('consulting_firms_uscc_unique'),
    name: text('name').notNull(),
    regionCode: text('region_code').references(() => regions.code),
    regionPath: text('region_path').generatedAlwaysAs(regionPathSql('region_code')),
    address: text('address'),
    contactPerson: text('contact_person'),
    contactPhone: text('contact_phone'),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    check('consulting_firms_uscc_valid', sql`cp_uscc_valid(${t.uscc})`),
    index('consulting_firms_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
  ],
);
