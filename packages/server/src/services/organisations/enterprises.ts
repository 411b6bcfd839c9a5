/**
 * Enterprises (企业): list and profile (scoped by `enterpriseVisible`), registration by admins and by bureau staff
 * within their jurisdiction, and profile changes by the enterprise's users, its current consultants, the
 * supervising bureau and admins.
 *
 * Rules: the credit code is checked with the core's GB 32100-2015 parser (stored normalised); the industry code
 * must be a GB/T 4754-2017 division, group or class (core `industryByCode`; its name is stored with it, as the
 * Guangdong form prints it, note 1); the region must exist, be below province level, and lie in the bureau's
 * jurisdiction. Only admins and the supervising bureau change the credit code or the region.
 */
import type {
  createEnterpriseBody,
  EnterpriseDto,
  EnterpriseProfileDto,
  listEnterprisesQuery,
  updateEnterpriseBody,
} from '@cpaudit/contract';
import { CpError, type IndustryCode, industryByCode } from '@cpaudit/core';
import { and, asc, count, desc, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Db,
  type Enterprise,
  enterpriseEquipment,
  enterpriseProcesses,
  enterpriseProducts,
  enterprises,
  executeRows,
  preparedFor,
  regionPath,
  regions,
  treatmentFacilities,
} from '../../db/index.ts';
import { type Actor, type ServiceContext, write } from '../context.ts';
import { enterpriseVisible, isAdmin, notFound } from '../scope.ts';
import { containsPattern, guardDb, isEmpty, iso, patchOf, prefixPattern, versionConflict } from './common.ts';
import { requireEnterpriseEditor } from './enterprise-access.ts';
import { toEquipmentDto, toFacilityDto, toProcessDto, toProductDto } from './enterprise-items.ts';
import { loadEngagements, validCreditCode } from './firms.ts';
import { pathInActorJurisdiction } from './visibility.ts';

export function toEnterpriseDto(e: Enterprise, regionName: string | null): EnterpriseDto {
  return {
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    address: e.address,
    regionCode: e.regionCode,
    regionName,
    regionPath: e.regionPath,
    industryCode: e.industryCode,
    industryName: e.industryName,
    industrialParkName: e.industrialParkName,
    keyMonitoringTypes: e.keyMonitoringTypes,
    permitClass: e.permitClass,
    permitNumber: e.permitNumber,
    legalRepresentative: e.legalRepresentative,
    contactPerson: e.contactPerson,
    contactPhone: e.contactPhone,
    employees: e.employees,
    establishedOn: e.establishedOn,
    longitude: e.longitude,
    latitude: e.latitude,
    status: e.status,
    note: e.note,
    version: e.version,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}

const SORT = {
  name: enterprises.name,
  uscc: enterprises.uscc,
  regionCode: enterprises.regionPath,
  industryCode: enterprises.industryCode,
  createdAt: enterprises.createdAt,
  updatedAt: enterprises.updatedAt,
} as const;

export async function listEnterprises(
  ctx: ServiceContext,
  query: z.output<typeof listEnterprisesQuery>,
): Promise<{ items: EnterpriseDto[]; total: number }> {
  const conds: SQL[] = [enterpriseVisible(ctx.actor)];
  if (query.q) {
    const p = containsPattern(query.q.trim());
    conds.push(or(ilike(enterprises.name, p), ilike(enterprises.uscc, p)) ?? sql`false`);
  }
  if (query.regionCode) {
    const p = regionPath(query.regionCode);
    conds.push(or(eq(enterprises.regionPath, p), like(enterprises.regionPath, `${p}/%`)) ?? sql`false`);
  }
  if (query.industryCode) conds.push(like(enterprises.industryCode, prefixPattern(query.industryCode)));
  if (query.permitClass) conds.push(eq(enterprises.permitClass, query.permitClass));
  if (query.status) conds.push(eq(enterprises.status, query.status));
  const where = and(...conds);
  const dir = query.order === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ e: enterprises, regionName: regions.name })
      .from(enterprises)
      .leftJoin(regions, eq(regions.code, enterprises.regionCode))
      .where(where)
      .orderBy(dir(SORT[query.sort]), asc(enterprises.id))
      .limit(query.limit)
      .offset(query.offset),
    ctx.db.select({ n: count() }).from(enterprises).where(where),
  ]);
  return { items: rows.map((r) => toEnterpriseDto(r.e, r.regionName)), total: total?.n ?? 0 };
}

/** The enterprise by id, or undefined; with `visible`, only when that scope condition holds (same query). */
async function loadEnterprise(db: Db, id: string, visible?: SQL): Promise<EnterpriseDto | undefined> {
  const [row] = await db
    .select({ e: enterprises, regionName: regions.name })
    .from(enterprises)
    .leftJoin(regions, eq(regions.code, enterprises.regionCode))
    .where(visible ? and(eq(enterprises.id, id), visible) : eq(enterprises.id, id));
  return row ? toEnterpriseDto(row.e, row.regionName) : undefined;
}

/** The enterprise page's lists, prepared once per database handle (db/prepared.ts): they run on every view. */
function profileQueries(db: Db) {
  return preparedFor(db, 'enterprise-profile', (d) => {
    const id = sql.placeholder('id');
    return {
      products: d
        .select()
        .from(enterpriseProducts)
        .where(eq(enterpriseProducts.enterpriseId, id))
        .orderBy(
          asc(enterpriseProducts.sortOrder),
          asc(enterpriseProducts.createdAt),
          asc(enterpriseProducts.id),
        )
        .prepare('cp_enterprise_products'),
      processes: d
        .select()
        .from(enterpriseProcesses)
        .where(eq(enterpriseProcesses.enterpriseId, id))
        .orderBy(
          asc(enterpriseProcesses.sortOrder),
          asc(enterpriseProcesses.createdAt),
          asc(enterpriseProcesses.id),
        )
        .prepare('cp_enterprise_processes'),
      equipment: d
        .select()
        .from(enterpriseEquipment)
        .where(eq(enterpriseEquipment.enterpriseId, id))
        .orderBy(asc(enterpriseEquipment.createdAt), asc(enterpriseEquipment.id))
        .prepare('cp_enterprise_equipment'),
      facilities: d
        .select()
        .from(treatmentFacilities)
        .where(eq(treatmentFacilities.enterpriseId, id))
        .orderBy(
          asc(treatmentFacilities.medium),
          asc(treatmentFacilities.createdAt),
          asc(treatmentFacilities.id),
        )
        .prepare('cp_enterprise_facilities'),
    };
  });
}

export async function getEnterprise(ctx: ServiceContext, id: string): Promise<EnterpriseProfileDto> {
  // The scope check and the enterprise row in one query (one round trip fewer before the lists below).
  const enterprise = await loadEnterprise(ctx.db, id, enterpriseVisible(ctx.actor));
  if (!enterprise) throw notFound('enterprise', id);
  const db = ctx.db;
  const q = profileQueries(db);
  const [products, processes, equipment, facilities, consultants] = await Promise.all([
    q.products.execute({ id }),
    q.processes.execute({ id }),
    q.equipment.execute({ id }),
    q.facilities.execute({ id }),
    loadEngagements(db, id),
  ]);
  return {
    enterprise,
    products: products.map(toProductDto),
    processes: processes.map(toProcessDto),
    equipment: equipment.map(toEquipmentDto),
    treatmentFacilities: facilities.map(toFacilityDto),
    consultants,
  };
}

/** The industry row of a GB/T 4754-2017 code, division level or below (the table stores 2–4 digits). */
function industryOf(code: string, field: string): IndustryCode {
  const row = industryByCode(code, field);
  if (row.level === 'section') {
    throw new CpError(
      'VALIDATION',
      `“${code}”是门类，需要大类、中类或小类代码 / "${code}" is a section; give a 2-, 3- or 4-digit code (the Guangdong form asks for the 3-digit 中类)`,
      { field },
    );
  }
  return row;
}

/** The region must exist, be active and below province level; for bureau staff, inside their jurisdiction. */
async function checkRegion(db: Db, actor: Actor, code: string, field: string): Promise<void> {
  const [r] = await db
    .select({ path: regions.path, level: regions.level, active: regions.active })
    .from(regions)
    .where(eq(regions.code, code));
  if (!r) throw new CpError('VALIDATION', `region ${code} does not exist`, { field });
  if (!r.active) throw new CpError('VALIDATION', `region ${code} is no longer in use`, { field });
  if (r.level === 'province') {
    throw new CpError('VALIDATION', `give the county (or city) the site lies in, not the province ${code}`, {
      field,
    });
  }
  const [inside] = await executeRows(db, sql`select (${pathInActorJurisdiction(actor, r.path)}) as ok`);
  if (inside?.ok !== true) {
    throw new CpError('FORBIDDEN', `region ${code} is outside your jurisdiction`, { field });
  }
}

const ENTERPRISE_FIELDS = {
  enterprises_uscc_unique: 'body.uscc',
  enterprises_uscc_valid: 'body.uscc',
  enterprises_industry_code_format: 'body.industryCode',
  enterprises_region_code_regions_code_fk: 'body.regionCode',
  enterprises_coordinates_range: 'body.longitude',
  enterprises_employees_nonneg: 'body.employees',
};

function industryFields(code: string): { industryCode: string; industryName: string } {
  const row = industryOf(code, 'body.industryCode');
  return { industryCode: row.code, industryName: row.name };
}

export async function createEnterprise(
  ctx: ServiceContext,
  body: z.output<typeof createEnterpriseBody>,
): Promise<EnterpriseDto> {
  const uscc = validCreditCode(body.uscc, 'body.uscc');
  const industry = industryFields(body.industryCode);
  return write(ctx, async (tx) => {
    await checkRegion(tx, ctx.actor, body.regionCode, 'body.regionCode');
    const [dup] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.uscc, uscc));
    if (dup)
      throw new CpError('CONFLICT', `an enterprise with credit code ${uscc} is already registered`, {
        field: 'body.uscc',
      });
    const { uscc: _u, industryCode: _i, ...rest } = body;
    const [row] = await guardDb(
      () =>
        tx
          .insert(enterprises)
          .values({ ...rest, uscc, ...industry })
          .returning({ id: enterprises.id }),
      ENTERPRISE_FIELDS,
    );
    if (!row) throw new CpError('INTERNAL', 'enterprise insert returned nothing');
    const dto = await loadEnterprise(tx, row.id);
    if (!dto) throw new CpError('INTERNAL', 'enterprise vanished after insert');
    return dto;
  });
}

export async function updateEnterprise(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof updateEnterpriseBody>,
): Promise<EnterpriseDto> {
  const { industryCode, uscc, ...patch } = patchOf(body);
  const set: Partial<typeof enterprises.$inferInsert> = { ...patch };
  if (uscc !== undefined) set.uscc = validCreditCode(uscc, 'body.uscc');
  if (industryCode !== undefined) Object.assign(set, industryFields(industryCode));
  return write(ctx, async (tx) => {
    const { supervising } = await requireEnterpriseEditor(tx, ctx.actor, id);
    const [current] = await tx.select().from(enterprises).where(eq(enterprises.id, id));
    if (!current) throw notFound('enterprise', id);
    if (current.version !== body.version)
      throw versionConflict('enterprise', id, current.version, body.version);
    const mayMove = isAdmin(ctx.actor) || supervising;
    if (set.uscc !== undefined && set.uscc !== current.uscc && !mayMove) {
      throw new CpError('FORBIDDEN', 'only the supervising bureau or an admin changes the credit code', {
        field: 'body.uscc',
      });
    }
    if (set.regionCode !== undefined && set.regionCode !== current.regionCode) {
      if (!mayMove) {
        throw new CpError(
          'FORBIDDEN',
          'only the supervising bureau or an admin moves an enterprise to another region',
          {
            field: 'body.regionCode',
          },
        );
      }
      await checkRegion(tx, ctx.actor, set.regionCode, 'body.regionCode');
    }
    if (!isEmpty(set)) {
      const [row] = await guardDb(
        () =>
          tx
            .update(enterprises)
            .set(set)
            .where(and(eq(enterprises.id, id), eq(enterprises.version, body.version)))
            .returning({ id: enterprises.id }),
        ENTERPRISE_FIELDS,
      );
      if (!row) throw versionConflict('enterprise', id, null, body.version);
    }
    const dto = await loadEnterprise(tx, id);
    if (!dto) throw notFound('enterprise', id);
    return dto;
  });
}
