/**
 * Monitoring samples (监测数据) and compliance facts of an enterprise (issue 8).
 *
 * Scope as the other enterprise data: read by whoever sees the enterprise (`visible`), written by its users, its
 * current consultants and the admin (`writable`). Out of sight → NOT_FOUND; seen but not writable → FORBIDDEN.
 * A pollutant must be in the core's catalogue (`findPollutant`), else UNKNOWN_REFERENCE naming the field.
 * Optimistic concurrency: updates and deletes name the version read.
 */
import type {
  ComplianceFactsView,
  CreateMonitoringSampleBody,
  listMonitoringSamplesQuery,
  MonitoringSampleView,
  PutComplianceFactsBody,
  UpdateMonitoringSampleBody,
} from '@cpaudit/contract';
import { CpError, findPollutant } from '@cpaudit/core';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type ComplianceFacts,
  complianceFacts,
  type Db,
  enterprises,
  type MonitoringSample,
  mapDbError,
  monitoringSamples,
  throwVersionFailure,
  users,
  versionMatches,
} from '../../db/index.ts';
import { currentActorSql } from '../../db/schema/columns.ts';
import { enterpriseInScope } from '../annual/common.ts';
import { type ServiceContext, write } from '../context.ts';
import { enterpriseVisible, enterpriseWritable, notFound } from '../scope.ts';

type ListQuery = z.output<typeof listMonitoringSamplesQuery>;

async function withDbErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw mapDbError(e) ?? e;
  }
}

function requireKnownPollutant(key: string, field: string): void {
  if (findPollutant(key) === undefined) {
    throw new CpError(
      'UNKNOWN_REFERENCE',
      `${field}: unknown pollutant "${key}" (see the pollutant catalogue)`,
      {
        field,
      },
    );
  }
}

async function userNames(db: Db, ids: readonly (string | null)[]) {
  const list = [...new Set(ids.filter((v): v is string => v !== null))];
  const found =
    list.length === 0
      ? []
      : await db
          .select({ id: users.id, displayName: users.displayName })
          .from(users)
          .where(inArray(users.id, list));
  const byId = new Map(found.map((u) => [u.id, u]));
  return (id: string | null) => (id === null ? null : (byId.get(id) ?? null));
}

function sampleView(
  row: MonitoringSample,
  nameOf: (id: string | null) => { id: string; displayName: string } | null,
): MonitoringSampleView {
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    year: row.year,
    pointName: row.pointName,
    pointKind: row.pointKind,
    pollutant: row.pollutant,
    pollutantZh: findPollutant(row.pollutant)?.zh ?? null,
    concentration: row.concentration,
    unit: row.unit,
    sampledOn: row.sampledOn,
    sampleCount: row.sampleCount,
    source: row.source,
    createdBy: nameOf(row.createdBy),
    updatedBy: nameOf(row.updatedBy),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function viewOne(db: Db, row: MonitoringSample): Promise<MonitoringSampleView> {
  return sampleView(row, await userNames(db, [row.createdBy, row.updatedBy]));
}

/** The sample if the actor sees its enterprise (NOT_FOUND otherwise); FORBIDDEN for a write they may not do. */
async function loadSample(
  db: Db,
  ctx: ServiceContext,
  id: string,
  forWrite: boolean,
): Promise<MonitoringSample> {
  const [row] = await db
    .select({ sample: monitoringSamples, writable: sql<boolean>`(${enterpriseWritable(ctx.actor)})` })
    .from(monitoringSamples)
    .innerJoin(enterprises, eq(enterprises.id, monitoringSamples.enterpriseId))
    .where(and(eq(monitoringSamples.id, id), enterpriseVisible(ctx.actor)));
  if (!row) throw notFound('monitoring sample', id);
  if (forWrite && row.writable !== true) {
    throw new CpError('FORBIDDEN', `you may see but not change monitoring sample ${id}`);
  }
  return row.sample;
}

export async function listMonitoringSamples(
  ctx: ServiceContext,
  enterpriseId: string,
  query: ListQuery,
): Promise<{ items: MonitoringSampleView[]; total: number }> {
  await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'visible');
  const conds: SQL[] = [eq(monitoringSamples.enterpriseId, enterpriseId)];
  if (query.year !== undefined) conds.push(eq(monitoringSamples.year, query.year));
  const rows = await ctx.db
    .select()
    .from(monitoringSamples)
    .where(and(...conds))
    .orderBy(
      asc(monitoringSamples.year),
      asc(monitoringSamples.pointKind),
      asc(monitoringSamples.pointName),
      asc(monitoringSamples.pollutant),
      asc(monitoringSamples.sampledOn),
    );
  const nameOf = await userNames(
    ctx.db,
    rows.flatMap((r) => [r.createdBy, r.updatedBy]),
  );
  const items = rows.map((r) => sampleView(r, nameOf));
  return { items, total: items.length };
}

export async function createMonitoringSample(
  ctx: ServiceContext,
  enterpriseId: string,
  body: CreateMonitoringSampleBody,
): Promise<MonitoringSampleView> {
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      await enterpriseInScope(tx, ctx.actor, enterpriseId, 'writable');
      requireKnownPollutant(body.pollutant, 'body.pollutant');
      const [row] = await tx
        .insert(monitoringSamples)
        .values({
          enterpriseId,
          year: body.year,
          pointName: body.pointName,
          pointKind: body.pointKind,
          pollutant: body.pollutant,
          concentration: body.concentration,
          unit: body.unit ?? 'mg/L',
          sampledOn: body.sampledOn ?? null,
          sampleCount: body.sampleCount ?? 1,
          source: body.source ?? null,
        })
        .returning();
      if (!row) throw new CpError('INTERNAL', 'monitoring sample insert returned nothing');
      return viewOne(tx, row);
    }),
  );
}

export async function updateMonitoringSample(
  ctx: ServiceContext,
  id: string,
  body: UpdateMonitoringSampleBody,
): Promise<MonitoringSampleView> {
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      const current = await loadSample(tx, ctx, id, true);
      if (body.pollutant !== undefined) requireKnownPollutant(body.pollutant, 'body.pollutant');
      const { version, ...rest } = body;
      const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length === 0) {
        if (current.version !== version)
          await throwVersionFailure(tx, monitoringSamples, id, version, 'sample');
        return viewOne(tx, current);
      }
      const [row] = await tx
        .update(monitoringSamples)
        .set({ ...changes, updatedBy: currentActorSql })
        .where(versionMatches(monitoringSamples, id, version))
        .returning();
      if (!row) return throwVersionFailure(tx, monitoringSamples, id, version, 'sample');
      return viewOne(tx, row);
    }),
  );
}

export async function deleteMonitoringSample(
  ctx: ServiceContext,
  id: string,
  version: number,
): Promise<{ ok: true }> {
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      await loadSample(tx, ctx, id, true);
      const deleted = await tx
        .delete(monitoringSamples)
        .where(versionMatches(monitoringSamples, id, version))
        .returning({ id: monitoringSamples.id });
      if (deleted.length === 0) await throwVersionFailure(tx, monitoringSamples, id, version, 'sample');
      return { ok: true as const };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Compliance facts

export function factsView(
  enterpriseId: string,
  year: number,
  row: ComplianceFacts | undefined,
): ComplianceFactsView {
  if (row === undefined) {
    return {
      enterpriseId,
      year,
      stored: false,
      keyRegion: false,
      installation: 'existing',
      commissionedOn: null,
      platingLayers: null,
      loadQuotas: [],
      usesToxicMaterials: false,
      toxicMaterialsNote: null,
      version: null,
      updatedAt: null,
    };
  }
  return {
    enterpriseId,
    year,
    stored: true,
    keyRegion: row.keyRegion,
    installation: row.installation,
    commissionedOn: row.commissionedOn,
    platingLayers: row.platingLayers,
    loadQuotas: row.loadQuotas.map((q) => ({ pollutant: q.pollutant, quota_tPerA: q.quota })),
    usesToxicMaterials: row.usesToxicMaterials,
    toxicMaterialsNote: row.toxicMaterialsNote,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function factsRow(
  db: Db,
  enterpriseId: string,
  year: number,
): Promise<ComplianceFacts | undefined> {
  const [row] = await db
    .select()
    .from(complianceFacts)
    .where(and(eq(complianceFacts.enterpriseId, enterpriseId), eq(complianceFacts.year, year)));
  return row;
}

export async function getComplianceFacts(
  ctx: ServiceContext,
  enterpriseId: string,
  year: number,
): Promise<ComplianceFactsView> {
  await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'visible');
  return factsView(enterpriseId, year, await factsRow(ctx.db, enterpriseId, year));
}

export async function putComplianceFacts(
  ctx: ServiceContext,
  enterpriseId: string,
  year: number,
  body: PutComplianceFactsBody,
): Promise<ComplianceFactsView> {
  const quotas = body.loadQuotas ?? [];
  const seen = new Set<string>();
  quotas.forEach((q, i) => {
    const field = `body.loadQuotas.${i}.pollutant`;
    requireKnownPollutant(q.pollutant, field);
    if (seen.has(q.pollutant)) {
      throw new CpError('VALIDATION', `${field}: "${q.pollutant}" has a quota twice`, { field });
    }
    seen.add(q.pollutant);
  });
  const values = {
    keyRegion: body.keyRegion,
    installation: body.installation,
    commissionedOn: body.commissionedOn ?? null,
    platingLayers: body.platingLayers ?? null,
    loadQuotas: quotas.map((q) => ({ pollutant: q.pollutant, quota: q.quota_tPerA, unit: 't/a' })),
    usesToxicMaterials: body.usesToxicMaterials ?? false,
    toxicMaterialsNote: body.toxicMaterialsNote ?? null,
  };
  return withDbErrors(() =>
    write(ctx, async (tx) => {
      await enterpriseInScope(tx, ctx.actor, enterpriseId, 'writable');
      const current = await factsRow(tx, enterpriseId, year);
      if (current === undefined) {
        if (body.version !== undefined) {
          throw new CpError(
            'VERSION_CONFLICT',
            `compliance facts of ${year}: none stored yet, send no version for the first entry`,
            { field: 'body.version' },
          );
        }
        const [row] = await tx
          .insert(complianceFacts)
          .values({ enterpriseId, year, ...values })
          .returning();
        return factsView(enterpriseId, year, row);
      }
      if (body.version === undefined) {
        throw new CpError(
          'VERSION_CONFLICT',
          `compliance facts of ${year} exist (version ${current.version}): send the version read`,
          { field: 'body.version' },
        );
      }
      const [row] = await tx
        .update(complianceFacts)
        .set({ ...values, updatedBy: currentActorSql })
        .where(versionMatches(complianceFacts, current.id, body.version))
        .returning();
      if (!row) return throwVersionFailure(tx, complianceFacts, current.id, body.version, 'compliance facts');
      return factsView(enterpriseId, year, row);
    }),
  );
}
