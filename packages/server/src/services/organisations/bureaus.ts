/**
 * Eco-environment bureaus (生态环境部门): listed by scope (visibility.ts), created and edited by platform admins.
 * A parent bureau's jurisdiction must strictly contain its children's (厅 → 局 → 分局).
 */
import type { BureauDto, createBureauBody, listBureausQuery, updateBureauBody } from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, count, desc, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Bureau, bureaus, type Db, regionPath, regions } from '../../db/index.ts';
import { type ServiceContext, write } from '../context.ts';
import { notFound } from '../scope.ts';
import { containsPattern, guardDb, isEmpty, iso, patchOf, versionConflict } from './common.ts';
import { bureauVisible } from './visibility.ts';

export function toBureauDto(b: Bureau, jurisdictionName: string | null): BureauDto {
  return {
    id: b.id,
    name: b.name,
    jurisdictionCode: b.jurisdictionCode,
    jurisdictionName,
    jurisdictionPath: b.jurisdictionPath,
    level: b.level,
    parentBureauId: b.parentBureauId,
    address: b.address,
    contactPerson: b.contactPerson,
    contactPhone: b.contactPhone,
    version: b.version,
    createdAt: iso(b.createdAt),
    updatedAt: iso(b.updatedAt),
  };
}

const SORT = {
  name: bureaus.name,
  jurisdictionCode: bureaus.jurisdictionPath,
  createdAt: bureaus.createdAt,
} as const;

export async function listBureaus(
  ctx: ServiceContext,
  query: z.output<typeof listBureausQuery>,
): Promise<{ items: BureauDto[]; total: number }> {
  const conds: SQL[] = [bureauVisible(ctx.actor)];
  if (query.q) conds.push(ilike(bureaus.name, containsPattern(query.q)));
  if (query.under) {
    const p = regionPath(query.under);
    conds.push(or(eq(bureaus.jurisdictionPath, p), like(bureaus.jurisdictionPath, `${p}/%`)) ?? sql`false`);
  }
  const where = and(...conds);
  const dir = query.order === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ bureau: bureaus, regionName: regions.name })
      .from(bureaus)
      .leftJoin(regions, eq(regions.code, bureaus.jurisdictionCode))
      .where(where)
      .orderBy(dir(SORT[query.sort]), asc(bureaus.id))
      .limit(query.limit)
      .offset(query.offset),
    ctx.db.select({ n: count() }).from(bureaus).where(where),
  ]);
  return { items: rows.map((r) => toBureauDto(r.bureau, r.regionName)), total: total?.n ?? 0 };
}

async function loadBureau(db: Db, id: string, visible: SQL): Promise<BureauDto | undefined> {
  const [row] = await db
    .select({ bureau: bureaus, regionName: regions.name })
    .from(bureaus)
    .leftJoin(regions, eq(regions.code, bureaus.jurisdictionCode))
    .where(and(eq(bureaus.id, id), visible));
  return row ? toBureauDto(row.bureau, row.regionName) : undefined;
}

export async function getBureau(ctx: ServiceContext, id: string): Promise<BureauDto> {
  const b = await loadBureau(ctx.db, id, bureauVisible(ctx.actor));
  if (!b) throw notFound('bureau', id);
  return b;
}

async function regionPathOf(db: Db, code: string, field: string): Promise<string> {
  const [r] = await db.select({ path: regions.path }).from(regions).where(eq(regions.code, code));
  if (!r) throw new CpError('VALIDATION', `region ${code} does not exist`, { field });
  return r.path;
}

/** The parent bureau must exist and its jurisdiction strictly contain `path`. */
async function checkParentBureau(db: Db, parentId: string, path: string, selfId?: string): Promise<void> {
  const field = 'body.parentBureauId';
  if (parentId === selfId) throw new CpError('VALIDATION', 'a bureau cannot be its own parent', { field });
  const [parent] = await db
    .select({ path: bureaus.jurisdictionPath, name: bureaus.name })
    .from(bureaus)
    .where(eq(bureaus.id, parentId));
  if (!parent) throw new CpError('VALIDATION', `parent bureau ${parentId} does not exist`, { field });
  if (!path.startsWith(`${parent.path}/`)) {
    throw new CpError(
      'VALIDATION',
      `the parent bureau ${parent.name} (${parent.path}) must have a jurisdiction containing ${path}`,
      { field },
    );
  }
}

const BUREAU_FIELDS = {
  bureaus_jurisdiction_code_regions_code_fk: 'body.jurisdictionCode',
  bureaus_parent_bureau_id_bureaus_id_fk: 'body.parentBureauId',
};

export async function createBureau(
  ctx: ServiceContext,
  body: z.output<typeof createBureauBody>,
): Promise<BureauDto> {
  return write(ctx, async (tx) => {
    const path = await regionPathOf(tx, body.jurisdictionCode, 'body.jurisdictionCode');
    if (body.parentBureauId) await checkParentBureau(tx, body.parentBureauId, path);
    const [row] = await guardDb(
      () =>
        tx
          .insert(bureaus)
          .values({
            name: body.name,
            jurisdictionCode: body.jurisdictionCode,
            parentBureauId: body.parentBureauId ?? null,
            address: body.address ?? null,
            contactPerson: body.contactPerson ?? null,
            contactPhone: body.contactPhone ?? null,
          })
          .returning({ id: bureaus.id }),
      BUREAU_FIELDS,
    );
    if (!row) throw new CpError('INTERNAL', 'bureau insert returned nothing');
    const dto = await loadBureau(tx, row.id, sql`true`);
    if (!dto) throw new CpError('INTERNAL', 'bureau vanished after insert');
    return dto;
  });
}

export async function updateBureau(
  ctx: ServiceContext,
  id: string,
  body: z.output<typeof updateBureauBody>,
): Promise<BureauDto> {
  return write(ctx, async (tx) => {
    const [current] = await tx.select().from(bureaus).where(eq(bureaus.id, id));
    if (!current) throw notFound('bureau', id);
    if (current.version !== body.version) throw versionConflict('bureau', id, current.version, body.version);
    const patch = patchOf(body);
    if (patch.jurisdictionCode !== undefined || patch.parentBureauId !== undefined) {
      const code = patch.jurisdictionCode ?? current.jurisdictionCode;
      const path = await regionPathOf(tx, code, 'body.jurisdictionCode');
      const parentId = patch.parentBureauId === undefined ? current.parentBureauId : patch.parentBureauId;
      if (parentId) await checkParentBureau(tx, parentId, path, id);
      // Child bureaus must stay inside the new jurisdiction.
      const children = await tx
        .select({ name: bureaus.name, path: bureaus.jurisdictionPath })
        .from(bureaus)
        .where(eq(bureaus.parentBureauId, id));
      const outside = children.find((c) => !c.path.startsWith(`${path}/`));
      if (outside) {
        throw new CpError(
          'VALIDATION',
          `the child bureau ${outside.name} (${outside.path}) would lie outside the new jurisdiction ${path}`,
          { field: 'body.jurisdictionCode' },
        );
      }
    }
    if (!isEmpty(patch)) {
      const [row] = await guardDb(
        () =>
          tx
            .update(bureaus)
            .set(patch)
            .where(and(eq(bureaus.id, id), eq(bureaus.version, body.version)))
            .returning({ id: bureaus.id }),
        BUREAU_FIELDS,
      );
      if (!row) throw versionConflict('bureau', id, null, body.version);
    }
    const dto = await loadBureau(tx, id, sql`true`);
    if (!dto) throw notFound('bureau', id);
    return dto;
  });
}
