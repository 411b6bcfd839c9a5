/**
 * Regions (行政区划, GB/T 2260 six-digit codes): reference data every logged-in user reads; platform admins add
 * and edit them. The parent must agree with the code (regions-orgs.ts): a province (xx0000) has none, a city
 * (xxxx00) has its province, a county has its city, or its province for 省直辖县级行政单位 (digits 3–4 = '90').
 */
import type {
  createRegionBody,
  listRegionsQuery,
  RegionDto,
  RegionNodeDto,
  regionTreeQuery,
  updateRegionBody,
} from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, count, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, type Region, regionLevel, regionPath, regions } from '../../db/index.ts';
import { type ServiceContext, write } from '../context.ts';
import { containsPattern, guardDb, isEmpty, iso, patchOf, prefixPattern, versionConflict } from './common.ts';

export function toRegionDto(r: Region): RegionDto {
  return {
    code: r.code,
    name: r.name,
    parentCode: r.parentCode,
    level: r.level,
    path: r.path,
    active: r.active,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** Condition: the region `code` itself or any region below it. */
function underRegion(code: string): SQL {
  const p = regionPath(code);
  return or(eq(regions.path, p), like(regions.path, `${p}/%`)) ?? sql`false`;
}

export async function listRegions(
  ctx: ServiceContext,
  query: z.output<typeof listRegionsQuery>,
): Promise<{ items: RegionDto[]; total: number }> {
  const conds: SQL[] = [];
  if (query.q) {
    const byName = ilike(regions.name, containsPattern(query.q));
    conds.push(
      /^[0-9]+$/.test(query.q) ? (or(byName, like(regions.code, prefixPattern(query.q))) ?? byName) : byName,
    );
  }
  if (query.parentCode) conds.push(eq(regions.parentCode, query.parentCode));
  if (query.under) conds.push(underRegion(query.under));
  if (query.level) conds.push(eq(regions.level, query.level));
  if (query.active !== undefined) conds.push(eq(regions.active, query.active));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(regions)
      .where(where)
      .orderBy(asc(regions.path))
      .limit(query.limit)
      .offset(query.offset),
    ctx.db.select({ n: count() }).from(regions).where(where),
  ]);
  return { items: rows.map(toRegionDto), total: total?.n ?? 0 };
}

export async function getRegionTree(
  ctx: ServiceContext,
  query: z.output<typeof regionTreeQuery>,
): Promise<{ roots: RegionNodeDto[] }> {
  const conds: SQL[] = [];
  if (query.root) conds.push(underRegion(query.root));
  if (!query.includeInactive) conds.push(eq(regions.active, true));
  const rows = await ctx.db
    .select()
    .from(regions)
    .where(and(...conds))
    .orderBy(asc(regions.path));
  const nodes = new Map<string, RegionNodeDto>();
  for (const r of rows)
    nodes.set(r.code, { code: r.code, name: r.name, level: r.level, active: r.active, children: [] });
  const roots: RegionNodeDto[] = [];
  for (const r of rows) {
    const node = nodes.get(r.code);
    if (!node) continue;
    const parent = r.parentCode === null || r.code === query.root ? undefined : nodes.get(r.parentCode);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { roots };
}

/** The parent a code allows, checked against the regions table. */
async function checkParent(db: Db, code: string, parentCode: string | null, field: string): Promise<void> {
  const level = regionLevel(code);
  if (level === 'province') {
    if (parentCode !== null) {
      throw new CpError('VALIDATION', `${code} is a province (xx0000): it has no parent region`, { field });
    }
    return;
  }
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  // 省直辖县级行政单位 (e.g. 429004 仙桃市) sit directly under the province: their city digits are '90'.
  const allowed = level === 'city' ? [province] : code.slice(2, 4) === '90' ? [city, province] : [city];
  if (parentCode === null) {
    throw new CpError('VALIDATION', `${code} is a ${level}: its parent must be ${allowed.join(' or ')}`, {
      field,
    });
  }
  if (!allowed.includes(parentCode)) {
    throw new CpError(
      'VALIDATION',
      `parent ${parentCode} does not match code ${code}: a ${level}'s parent must be ${allowed.join(' or ')}`,
      { field },
    );
  }
  const [parent] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, parentCode));
  if (!parent) throw new CpError('VALIDATION', `parent region ${parentCode} does not exist`, { field });
}

const REGION_FIELDS = {
  regions_pkey: 'body.code',
  regions_code_format: 'body.code',
  regions_parent_consistent: 'body.parentCode',
  regions_parent_code_regions_code_fk: 'body.parentCode',
};

export async function createRegion(
  ctx: ServiceContext,
  body: z.output<typeof createRegionBody>,
): Promise<RegionDto> {
  return write(ctx, async (tx) => {
    const [existing] = await tx
      .select({ code: regions.code })
      .from(regions)
      .where(eq(regions.code, body.code));
    if (existing) throw new CpError('CONFLICT', `region ${body.code} already exists`, { field: 'body.code' });
    const parentCode = body.parentCode ?? null;
    await checkParent(tx, body.code, parentCode, 'body.parentCode');
    const [row] = await guardDb(
      () => tx.insert(regions).values({ code: body.code, name: body.name, parentCode }).returning(),
      REGION_FIELDS,
    );
    if (!row) throw new CpError('INTERNAL', 'region insert returned nothing');
    return toRegionDto(row);
  });
}

export async function updateRegion(
  ctx: ServiceContext,
  code: string,
  body: z.output<typeof updateRegionBody>,
): Promise<RegionDto> {
  return write(ctx, async (tx) => {
    const [current] = await tx.select().from(regions).where(eq(regions.code, code));
    if (!current) throw new CpError('NOT_FOUND', `region ${code} not found`);
    if (current.version !== body.version)
      throw versionConflict('region', code, current.version, body.version);
    const patch = patchOf(body);
    if (patch.parentCode !== undefined) await checkParent(tx, code, patch.parentCode, 'body.parentCode');
    if (isEmpty(patch)) return toRegionDto(current);
    const [row] = await guardDb(
      () =>
        tx
          .update(regions)
          .set(patch)
          .where(and(eq(regions.code, code), eq(regions.version, body.version)))
          .returning(),
      REGION_FIELDS,
    );
    if (!row) throw versionConflict('region', code, null, body.version);
    return toRegionDto(row);
  });
}
