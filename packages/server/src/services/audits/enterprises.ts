/**
 * The enterprise list of an audit (guideline 7.1.2; Appendix B 2.1): candidates ranked by the core, enterprises
 * selected or excluded with score, breakdown and reasons, the data request and the data-collection status
 * derived from annual submissions (7.2.1.1).
 */
import type {
  addAuditEnterpriseBody,
  auditDataCollectionQuery,
  auditDataCollectionSummarySchema,
  auditEnterpriseSchema,
  listAuditEnterprisesQuery,
  rankAuditCandidatesBody,
  updateAuditEnterpriseBody,
} from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AuditEnterprise,
  auditAnalysisSections,
  auditEnterprises,
  auditProblems,
  auditTargetEnterprises,
  auditTargets,
  auditTrainingAttendance,
  auditTrainings,
  consultingFirms,
  cpOptions,
  cpPlanTasks,
  type Db,
  enterprises,
  type IndustryAudit,
  regions,
  siteSurveys,
  type Tx,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../scope.ts';
import {
  LISTED_STATUSES,
  likePattern,
  loadAuditAccess,
  requireManage,
  stamps,
  writeAudit,
} from './access.ts';
import { rankCandidates } from './candidates.ts';
import {
  type Collection,
  type CollectionStatus,
  collectionFor,
  dataYearsOf,
  defaultDataYears,
  REQUIRED_GROUPS,
} from './collection.ts';

type EnterpriseDto = z.input<typeof auditEnterpriseSchema>;

const columns = {
  row: auditEnterprises,
  enterpriseName: enterprises.name,
  uscc: enterprises.uscc,
  regionCode: enterprises.regionCode,
  regionName: regions.name,
  industryCode: enterprises.industryCode,
};

interface JoinedRow {
  row: AuditEnterprise;
  enterpriseName: string;
  uscc: string;
  regionCode: string;
  regionName: string | null;
  industryCode: string;
}

function yearsOf(row: AuditEnterprise, audit: IndustryAudit): number[] {
  return dataYearsOf(row.dataYears, audit.periodStart);
}

function dto(j: JoinedRow, collection: Collection): EnterpriseDto {
  const r = j.row;
  return {
    id: r.id,
    auditId: r.auditId,
    enterpriseId: r.enterpriseId,
    enterpriseName: j.enterpriseName,
    uscc: j.uscc,
    regionCode: j.regionCode,
    regionName: j.regionName,
    industryCode: j.industryCode,
    status: r.status,
    selectionScore: r.selectionScore,
    selectionBreakdown: r.selectionBreakdown ?? null,
    selectionReasons: r.selectionReasons,
    selectionNote: r.selectionNote,
    dataStatus: r.dataStatus,
    dataYears: r.dataYears,
    dataRequestedOn: r.dataRequestedOn,
    dataDueOn: r.dataDueOn,
    dataSubmittedOn: r.dataSubmittedOn,
    consultingFirmId: r.consultingFirmId,
    individualDiagnosisReasons: r.individualDiagnosisReasons,
    collection,
    ...stamps(r),
  };
}

async function joined(db: Db, where: SQL | undefined): Promise<JoinedRow[]> {
  return db
    .select(columns)
    .from(auditEnterprises)
    .innerJoin(enterprises, eq(enterprises.id, auditEnterprises.enterpriseId))
    .leftJoin(regions, eq(regions.code, enterprises.regionCode))
    .where(where)
    .orderBy(asc(enterprises.name), asc(auditEnterprises.id));
}

async function withCollection(
  db: Db,
  audit: IndustryAudit,
  rows: readonly JoinedRow[],
): Promise<EnterpriseDto[]> {
  const collections = await collectionFor(
    db,
    rows.map((j) => ({ enterpriseId: j.row.enterpriseId, years: yearsOf(j.row, audit) })),
  );
  return rows.map((j) => {
    const c = collections.get(j.row.enterpriseId);
    if (!c) throw new CpError('INTERNAL', `no collection status for ${j.row.enterpriseId}`);
    return dto(j, c);
  });
}

/** The listed enterprises the caller sees: all, or (enterprise users) their own. */
function scopeConds(auditId: string, limited: string[] | null): SQL[] {
  const conds: SQL[] = [eq(auditEnterprises.auditId, auditId)];
  if (limited !== null) {
    conds.push(limited.length === 0 ? sql`false` : inArray(auditEnterprises.enterpriseId, limited));
  }
  return conds;
}

export async function listEnterprises(
  ctx: ServiceContext,
  auditId: string,
  q: z.output<typeof listAuditEnterprisesQuery>,
): Promise<{ items: EnterpriseDto[]; total: number }> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const conds = scopeConds(auditId, access.enterprises);
  if (q.status) conds.push(eq(auditEnterprises.status, q.status));
  if (q.q) {
    const p = likePattern(q.q);
    const text = or(
      ilike(enterprises.name, p),
      ilike(enterprises.uscc, p),
      ilike(auditEnterprises.selectionNote, p),
    );
    if (text) conds.push(text);
  }
  const rows = await joined(ctx.db, and(...conds));
  // Sorting and paging in memory: the collection status is derived, and a list holds at most a few hundred.
  let items = await withCollection(ctx.db, access.audit, rows);
  if (q.collection) items = items.filter((i) => i.collection.status === q.collection);
  const dir = q.order === 'desc' ? -1 : 1;
  const key = q.sort ?? 'name';
  items.sort((a, b) => {
    const va =
      key === 'name'
        ? a.enterpriseName
        : key === 'status'
          ? a.status
          : key === 'createdAt'
            ? a.createdAt
            : a.selectionScore;
    const vb =
      key === 'name'
        ? b.enterpriseName
        : key === 'status'
          ? b.status
          : key === 'createdAt'
            ? b.createdAt
            : b.selectionScore;
    if (va === vb) return 0;
    if (va === null) return 1;
    if (vb === null) return -1;
    return (va < vb ? -1 : 1) * dir;
  });
  return { items: items.slice(q.offset, q.offset + q.limit), total: items.length };
}

async function oneEnterprise(db: Db, audit: IndustryAudit, enterpriseId: string): Promise<EnterpriseDto> {
  const rows = await joined(
    db,
    and(eq(auditEnterprises.auditId, audit.id), eq(auditEnterprises.enterpriseId, enterpriseId)),
  );
  const [item] = await withCollection(db, audit, rows);
  if (!item) throw notFound('listed enterprise', enterpriseId);
  return item;
}

/** The enterprise's current ranking score and breakdown (core rankCandidateEnterprises on the stored data). */
async function scoreOf(
  tx: Tx,
  audit: IndustryAudit,
  enterpriseId: string,
): Promise<Pick<typeof auditEnterprises.$inferInsert, 'selectionScore' | 'selectionBreakdown'>> {
  const { breakdownOf } = await rankCandidates(tx, audit, undefined, enterpriseId);
  const scored = breakdownOf(enterpriseId);
  return { selectionScore: scored?.score ?? null, selectionBreakdown: scored?.breakdown ?? null };
}

function checkYears(years: readonly number[] | undefined): void {
  if (!years) return;
  const seen = new Set<number>();
  years.forEach((y, k) => {
    if (seen.has(y))
      throw new CpError('VALIDATION', `dataYears.${k}: duplicate year ${y}`, { field: `dataYears.${k}` });
    seen.add(y);
  });
}

export async function addEnterprise(
  ctx: ServiceContext,
  auditId: string,
  body: z.output<typeof addAuditEnterpriseBody>,
): Promise<EnterpriseDto> {
  checkYears(body.dataYears);
  return writeAudit(ctx, async (tx) => {
    const { audit } = await requireManage(tx, ctx.actor, auditId, { lock: true });
    // The enterprise must lie in the audit's region; elsewhere it is "not found" (reveals nothing).
    const [ent] = await tx
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(
        and(
          eq(enterprises.id, body.enterpriseId),
          sql`(${enterprises.regionPath} = ${audit.regionPath} or ${enterprises.regionPath} like ${`${audit.regionPath}/%`})`,
        ),
      );
    if (!ent) {
      throw new CpError('NOT_FOUND', `enterprise ${body.enterpriseId} not found in the audit region`, {
        field: 'enterpriseId',
      });
    }
    await tx.insert(auditEnterprises).values({
      auditId,
      enterpriseId: body.enterpriseId,
      status: body.status,
      selectionReasons: body.reasons ?? [],
      selectionNote: body.note ?? null,
      dataYears: body.dataYears ?? defaultDataYears(audit.periodStart),
      ...(await scoreOf(tx, audit, body.enterpriseId)),
    });
    return oneEnterprise(tx, audit, body.enterpriseId);
  });
}

export async function updateEnterprise(
  ctx: ServiceContext,
  auditId: string,
  enterpriseId: string,
  body: z.output<typeof updateAuditEnterpriseBody>,
): Promise<EnterpriseDto> {
  checkYears(body.dataYears);
  return writeAudit(ctx, async (tx) => {
    const { audit } = await requireManage(tx, ctx.actor, auditId, { lock: true });
    const [current] = await tx
      .select()
      .from(auditEnterprises)
      .where(and(eq(auditEnterprises.auditId, auditId), eq(auditEnterprises.enterpriseId, enterpriseId)));
    if (!current) throw notFound('listed enterprise', enterpriseId);
    if (body.dataRequestedOn && body.dataDueOn && body.dataDueOn < body.dataRequestedOn) {
      throw new CpError('VALIDATION', 'dataDueOn: the due date is before the request date', {
        field: 'dataDueOn',
      });
    }
    if (body.consultingFirmId) {
      const [firm] = await tx
        .select({ id: consultingFirms.id })
        .from(consultingFirms)
        .where(eq(consultingFirms.id, body.consultingFirmId));
      if (!firm) {
        throw new CpError('VALIDATION', `consultingFirmId: no consulting firm ${body.consultingFirmId}`, {
          field: 'consultingFirmId',
        });
      }
    }
    const set: Partial<typeof auditEnterprises.$inferInsert> = { updatedAt: new Date() };
    if (body.status !== undefined) set.status = body.status;
    if (body.reasons !== undefined) set.selectionReasons = body.reasons;
    if (body.note !== undefined) set.selectionNote = body.note;
    if (body.dataYears !== undefined) set.dataYears = body.dataYears;
    if (body.dataRequestedOn !== undefined) set.dataRequestedOn = body.dataRequestedOn;
    if (body.dataDueOn !== undefined) set.dataDueOn = body.dataDueOn;
    if (body.dataStatus !== undefined) set.dataStatus = body.dataStatus;
    if (body.consultingFirmId !== undefined) set.consultingFirmId = body.consultingFirmId;
    // Selecting stores the score the enterprise has now, with its breakdown (7.1.2 via the core).
    if (body.status === 'selected' && current.status !== 'selected') {
      Object.assign(set, await scoreOf(tx, audit, enterpriseId));
    }
    if (body.individualDiagnosisReasons !== undefined)
      set.individualDiagnosisReasons = body.individualDiagnosisReasons;
    const [row] = await tx
      .update(auditEnterprises)
      .set(set)
      .where(versionMatches(auditEnterprises, current.id, body.version))
      .returning({ id: auditEnterprises.id });
    if (!row) await throwVersionFailure(tx, auditEnterprises, current.id, body.version, 'listed enterprise');
    return oneEnterprise(tx, audit, enterpriseId);
  });
}

/** What still refers to a listed enterprise within the audit (then it cannot be taken off the list). */
async function references(tx: Tx, auditId: string, enterpriseId: string): Promise<string[]> {
  const count = async (what: string, q: Promise<{ n: number }[]>) => {
    const [r] = await q;
    return Number(r?.n ?? 0) > 0 ? [what] : [];
  };
  const n = sql<number>`cast(count(*) as int)`;
  return [
    ...(await count(
      'site surveys',
      tx
        .select({ n })
        .from(siteSurveys)
        .where(and(eq(siteSurveys.auditId, auditId), eq(siteSurveys.enterpriseId, enterpriseId))),
    )),
    ...(await count(
      'problems',
      tx
        .select({ n })
        .from(auditProblems)
        .where(and(eq(auditProblems.auditId, auditId), eq(auditProblems.enterpriseId, enterpriseId))),
    )),
    ...(await count(
      'targets',
      tx
        .select({ n })
        .from(auditTargetEnterprises)
        .innerJoin(auditTargets, eq(auditTargets.id, auditTargetEnterprises.targetId))
        .where(and(eq(auditTargets.auditId, auditId), eq(auditTargetEnterprises.enterpriseId, enterpriseId))),
    )),
    ...(await count(
      'training attendance',
      tx
        .select({ n })
        .from(auditTrainingAttendance)
        .innerJoin(auditTrainings, eq(auditTrainings.id, auditTrainingAttendance.trainingId))
        .where(
          and(eq(auditTrainings.auditId, auditId), eq(auditTrainingAttendance.enterpriseId, enterpriseId)),
        ),
    )),
    ...(await count(
      'analysis sections',
      tx
        .select({ n })
        .from(auditAnalysisSections)
        .where(
          and(
            eq(auditAnalysisSections.auditId, auditId),
            eq(auditAnalysisSections.enterpriseId, enterpriseId),
          ),
        ),
    )),
    ...(await count(
      'plan tasks',
      tx
        .select({ n })
        .from(cpPlanTasks)
        .where(and(eq(cpPlanTasks.auditId, auditId), eq(cpPlanTasks.responsibleEnterpriseId, enterpriseId))),
    )),
    ...(await count(
      'options',
      tx
        .select({ n })
        .from(cpOptions)
        .where(and(eq(cpOptions.auditId, auditId), eq(cpOptions.enterpriseId, enterpriseId))),
    )),
  ];
}

export async function removeEnterprise(
  ctx: ServiceContext,
  auditId: string,
  enterpriseId: string,
  version: number,
): Promise<{ ok: true }> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId, { lock: true });
    const [current] = await tx
      .select({ id: auditEnterprises.id })
      .from(auditEnterprises)
      .where(and(eq(auditEnterprises.auditId, auditId), eq(auditEnterprises.enterpriseId, enterpriseId)));
    if (!current) throw notFound('listed enterprise', enterpriseId);
    const refs = await references(tx, auditId, enterpriseId);
    if (refs.length > 0) {
      throw new CpError(
        'STATE_CONFLICT',
        `enterprise ${enterpriseId} cannot be taken off the list: ${refs.join(', ')} of this audit refer to it; set its status to excluded instead`,
        { field: 'enterpriseId' },
      );
    }
    const [row] = await tx
      .delete(auditEnterprises)
      .where(versionMatches(auditEnterprises, current.id, version))
      .returning({ id: auditEnterprises.id });
    if (!row) await throwVersionFailure(tx, auditEnterprises, current.id, version, 'listed enterprise');
    return { ok: true as const };
  });
}

export async function candidates(
  ctx: ServiceContext,
  auditId: string,
  body?: z.output<typeof rankAuditCandidatesBody>,
) {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  if (!access.manage) throw notFound('audit', auditId);
  const { ranking } = await rankCandidates(ctx.db, access.audit, body);
  return ranking;
}

export async function dataCollection(
  ctx: ServiceContext,
  auditId: string,
  q: z.output<typeof auditDataCollectionQuery>,
): Promise<z.input<typeof auditDataCollectionSummarySchema>> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const conds = scopeConds(auditId, access.enterprises);
  conds.push(inArray(auditEnterprises.status, [...LISTED_STATUSES]));
  if (q.q) conds.push(ilike(enterprises.name, likePattern(q.q)));
  const rows = await joined(ctx.db, and(...conds));
  const all = await withCollection(ctx.db, access.audit, rows);
  const counts: Record<CollectionStatus, number> = {
    not_started: 0,
    in_progress: 0,
    complete: 0,
    submitted: 0,
    returned: 0,
  };
  for (const i of all) counts[i.collection.status] += 1;
  const filtered = q.status ? all.filter((i) => i.collection.status === q.status) : all;
  const dir = q.order === 'desc' ? -1 : 1;
  filtered.sort((a, b) => a.enterpriseName.localeCompare(b.enterpriseName, 'zh-CN') * dir);
  return {
    items: filtered.slice(q.offset, q.offset + q.limit).map((i) => ({
      enterpriseId: i.enterpriseId,
      enterpriseName: i.enterpriseName,
      status: i.status,
      dataStatus: i.dataStatus,
      dataDueOn: i.dataDueOn,
      collection: i.collection,
    })),
    total: filtered.length,
    counts,
    requiredItems: REQUIRED_GROUPS.map((g) => ({ code: g.category, zh: g.zh })),
  };
}
