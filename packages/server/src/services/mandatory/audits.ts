/**
 * Mandatory audits (强制性清洁生产审核) and the fields of the Guangdong performance form a user fills in.
 * Permission first (access.ts, over scope.ts), then the rules of the form, then data access. Every write goes
 * through `write(ctx, …)` (one transaction, attributed in the audit log); database rule violations become
 * CpErrors naming the field (`mapDbError`).
 *
 * Rules of the form (《广东省强制性清洁生产审核绩效表》):
 * - 纳入名单原因 “其他” needs its text; a reason is listed once;
 * - 本轮轮次 首轮 has no 上一轮审核验收通过时间; a month needs its year;
 * - 完成审核时间 is not before 启动审核时间;
 * - 清洁生产水平评价 before/after are evaluations of the same enterprise;
 * - the supervising bureau's jurisdiction covers the enterprise; the consulting firm exists;
 * - an enterprise has one open mandatory audit at a time (in progress, returned or submitted);
 * - a submitted or accepted audit is not edited (STATE_CONFLICT) until it is returned.
 */
import type {
  CreateMandatoryAuditBody,
  listMandatoryAuditsQuery,
  MandatoryAuditView,
  MandatoryFormBasicInfo,
  UpdateMandatoryAuditBody,
} from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, count, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  bureaus,
  consultingEngagements,
  consultingFirms,
  type Db,
  type Enterprise,
  enterprises,
  evaluations,
  executeRows,
  type MandatoryAudit,
  mandatoryAudits,
  mandatoryAuditTargets,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import { type ServiceContext, write } from '../context.ts';
import { enterpriseVisible, notFound } from '../scope.ts';
import { mandatoryAuditVisible, mandatoryAuditWritable } from './access.ts';
import { targetView, withDbErrors } from './common.ts';
import { formBasicInfo } from './prefill.ts';

type ListQuery = z.output<typeof listMandatoryAuditsQuery>;

/** Statuses in which the form can still be edited. */
const EDITABLE_STATUSES: readonly MandatoryAudit['status'][] = ['in_progress', 'returned'];
/** Statuses of an open audit: a new one for the same enterprise would duplicate it. */
const OPEN_STATUSES: readonly MandatoryAudit['status'][] = ['in_progress', 'returned', 'submitted'];

/** The user-editable fields (contract `mandatoryAuditFields`), as stored. */
type FormFields = Pick<
  MandatoryAudit,
  | 'bureauId'
  | 'consultingFirmId'
  | 'consultantContactName'
  | 'consultantContactPhone'
  | 'auditMethod'
  | 'listingReasons'
  | 'listingReasonOther'
  | 'round'
  | 'lastAcceptanceYear'
  | 'lastAcceptanceMonth'
  | 'cpLeadName'
  | 'cpLeadPhone'
  | 'startedOn'
  | 'finishedOn'
  | 'trainingEvents'
  | 'trainingAttendance'
  | 'dataYear'
  | 'auditFocus'
  | 'evaluationBeforeId'
  | 'evaluationAfterId'
  | 'cpLevelRemark'
  | 'cpLevelDescription'
  | 'filledByName'
  | 'filledOn'
>;

const FIELD_NAMES = [
  'bureauId',
  'consultingFirmId',
  'consultantContactName',
  'consultantContactPhone',
  'auditMethod',
  'listingReasons',
  'listingReasonOther',
  'round',
  'lastAcceptanceYear',
  'lastAcceptanceMonth',
  'cpLeadName',
  'cpLeadPhone',
  'startedOn',
  'finishedOn',
  'trainingEvents',
  'trainingAttendance',
  'dataYear',
  'auditFocus',
  'evaluationBeforeId',
  'evaluationAfterId',
  'cpLevelRemark',
  'cpLevelDescription',
  'filledByName',
  'filledOn',
] as const satisfies readonly (keyof FormFields)[];

function pickFields(body: Partial<FormFields>): Partial<FormFields> {
  const out: Partial<FormFields> = {};
  for (const k of FIELD_NAMES) {
    if (body[k] !== undefined) Object.assign(out, { [k]: body[k] });
  }
  return out;
}

function invalid(field: string, message: string): CpError {
  return new CpError('VALIDATION', `${field}: ${message}`, { field });
}

/** The rules across fields, on the record as it will be stored. */
function checkFormRules(f: FormFields): void {
  if (new Set(f.listingReasons).size !== f.listingReasons.length) {
    throw invalid('listingReasons', '纳入名单原因 lists a reason twice');
  }
  if (f.listingReasons.includes('other') && !f.listingReasonOther) {
    throw invalid(
      'listingReasonOther',
      '纳入名单原因“其他”需说明具体原因 (the reason "other" needs its text)',
    );
  }
  if (f.round === 'first' && (f.lastAcceptanceYear !== null || f.lastAcceptanceMonth !== null)) {
    throw invalid(
      'lastAcceptanceYear',
      '首轮审核没有上一轮审核验收通过时间 (a first round has no previous acceptance)',
    );
  }
  if (f.lastAcceptanceMonth !== null && f.lastAcceptanceYear === null) {
    throw invalid('lastAcceptanceYear', '上一轮审核验收通过时间：有月份时须填年份 (a month needs its year)');
  }
  if (f.startedOn !== null && f.finishedOn !== null && f.finishedOn < f.startedOn) {
    throw invalid('finishedOn', '完成审核时间早于启动审核时间 (finished before it started)');
  }
}

/** The bureau, consulting firm and evaluations named exist and fit the enterprise. */
async function checkReferences(db: Db, enterprise: Enterprise, f: Partial<FormFields>): Promise<void> {
  if (f.bureauId) {
    const rows = await executeRows(
      db,
      sql`select 1 as ok from ${bureaus} b where b.id = ${f.bureauId}
        and (${enterprise.regionPath} = b.jurisdiction_path or ${enterprise.regionPath} like b.jurisdiction_path || '/%')`,
    );
    if (rows.length === 0) {
      throw invalid(
        'bureauId',
        `bureau ${f.bureauId} does not exist or its jurisdiction does not cover the enterprise`,
      );
    }
  }
  if (f.consultingFirmId) {
    const rows = await db
      .select({ id: consultingFirms.id })
      .from(consultingFirms)
      .where(eq(consultingFirms.id, f.consultingFirmId));
    if (rows.length === 0)
      throw invalid('consultingFirmId', `consulting firm ${f.consultingFirmId} does not exist`);
  }
  for (const key of ['evaluationBeforeId', 'evaluationAfterId'] as const) {
    const id = f[key];
    if (!id) continue;
    const rows = await db
      .select({ id: evaluations.id })
      .from(evaluations)
      .where(and(eq(evaluations.id, id), eq(evaluations.enterpriseId, enterprise.id)));
    if (rows.length === 0) throw invalid(key, `evaluation ${id} is not an evaluation of this enterprise`);
  }
}

/** The deepest bureau whose jurisdiction covers the enterprise (county before city before province). */
async function supervisingBureau(
  db: Db,
  ctx: ServiceContext,
  enterprise: Enterprise,
): Promise<string | null> {
  const own = ctx.actor.roles.flatMap((g) => (g.role === 'bureau_staff' && g.bureauId ? [g.bureauId] : []));
  const rows = await executeRows(
    db,
    sql`select b.id from ${bureaus} b
      where ${enterprise.regionPath} = b.jurisdiction_path or ${enterprise.regionPath} like b.jurisdiction_path || '/%'
      order by length(b.jurisdiction_path) desc, b.name`,
  );
  const ids = rows.map((r) => String(r.id));
  return ids.find((id) => own.includes(id)) ?? ids[0] ?? null;
}

/** The consulting firm of the actor (a consultant) or of the enterprise's current engagement. */
async function engagedFirm(db: Db, ctx: ServiceContext, enterpriseId: string): Promise<string | null> {
  const own = ctx.actor.roles.flatMap((g) =>
    g.role === 'consultant' && g.consultingFirmId ? [g.consultingFirmId] : [],
  );
  const rows = await executeRows(
    db,
    sql`select ${consultingEngagements.consultingFirmId} as firm from ${consultingEngagements}
      where ${consultingEngagements.enterpriseId} = ${enterpriseId}
        and (${consultingEngagements.endedOn} is null or ${consultingEngagements.endedOn} >= current_date)
      order by ${consultingEngagements.startedOn} desc`,
  );
  const firms = rows.map((r) => String(r.firm));
  return firms.find((f) => own.includes(f)) ?? firms[0] ?? null;
}

async function visibleEnterprise(db: Db, ctx: ServiceContext, enterpriseId: string): Promise<Enterprise> {
  const [row] = await db
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.id, enterpriseId), enterpriseVisible(ctx.actor)));
  if (!row) throw notFound('enterprise', enterpriseId);
  return row;
}

async function writableEnterprise(db: Db, ctx: ServiceContext, enterpriseId: string): Promise<boolean> {
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.id, enterpriseId), mandatoryAuditWritable(ctx.actor)));
  return rows.length > 0;
}

/** The audit if the actor may see it (NOT_FOUND otherwise), with its enterprise. */
async function loadVisible(
  db: Db,
  ctx: ServiceContext,
  id: string,
): Promise<{ audit: MandatoryAudit; enterprise: Enterprise }> {
  const [row] = await db
    .select({ audit: mandatoryAudits, enterprise: enterprises })
    .from(mandatoryAudits)
    .innerJoin(enterprises, eq(enterprises.id, mandatoryAudits.enterpriseId))
    .where(and(eq(mandatoryAudits.id, id), mandatoryAuditVisible(ctx.actor)));
  if (!row) throw notFound('mandatory audit', id);
  return row;
}

/** For a write: visible (else 404), editable by the actor (else 403), and in an editable status (else 409). */
export async function loadEditable(
  db: Db,
  ctx: ServiceContext,
  id: string,
): Promise<{ audit: MandatoryAudit; enterprise: Enterprise }> {
  const found = await loadVisible(db, ctx, id);
  if (!(await writableEnterprise(db, ctx, found.enterprise.id))) {
    throw new CpError('FORBIDDEN', `you may see but not edit mandatory audit ${id}`);
  }
  if (!EDITABLE_STATUSES.includes(found.audit.status)) {
    throw new CpError(
      'STATE_CONFLICT',
      `mandatory audit ${id} is ${found.audit.status}: the form cannot be changed until it is returned`,
      { field: 'status' },
    );
  }
  return found;
}

/** What the form still lacks before it can be filed. */
function missingFields(a: MandatoryAudit, info: MandatoryFormBasicInfo, targets: number): string[] {
  const missing: string[] = [];
  if (info.grossOutput_wanYuan === null) missing.push('basicInfo.grossOutput_wanYuan');
  if (info.valueAdded_wanYuan === null) missing.push('basicInfo.valueAdded_wanYuan');
  if (info.industryGroup === null) missing.push('basicInfo.industryGroup');
  if (info.products.length === 0 || info.products.some((p) => p.output === null)) {
    missing.push('basicInfo.products');
  }
  if (a.listingReasons.length === 0) missing.push('listingReasons');
  if (a.round !== 'first' && (a.lastAcceptanceYear === null || a.lastAcceptanceMonth === null)) {
    missing.push('lastAcceptanceYear');
  }
  const required = [
    'cpLeadName',
    'cpLeadPhone',
    'startedOn',
    'finishedOn',
    'trainingEvents',
    'trainingAttendance',
    'filledByName',
    'filledOn',
  ] as const;
  for (const k of required) if (a[k] === null) missing.push(k);
  // Note 8: 采用常规流程清洁生产审核方式的企业应填写 本轮审核重点.
  if (a.auditMethod === 'regular' && a.auditFocus === null) missing.push('auditFocus');
  // 清洁生产水平评价: before/after evaluations, or (note 16) a description.
  if ((a.evaluationBeforeId === null || a.evaluationAfterId === null) && a.cpLevelDescription === null) {
    missing.push('cpLevel');
  }
  if (targets === 0) missing.push('targets');
  return missing;
}

async function evaluationSummary(db: Db, id: string | null): Promise<MandatoryAuditView['evaluationBefore']> {
  if (id === null) return null;
  const [e] = await db
    .select({
      id: evaluations.id,
      year: evaluations.year,
      basis: evaluations.basis,
      yI: evaluations.yI,
      yII: evaluations.yII,
      yIII: evaluations.yIII,
      grade: evaluations.grade,
    })
    .from(evaluations)
    .where(eq(evaluations.id, id));
  return e ?? null;
}

/** The audit as the API returns it: fields, names, pre-filled basic information, targets, completeness. */
export async function auditView(
  db: Db,
  audit: MandatoryAudit,
  enterprise: Enterprise,
): Promise<MandatoryAuditView> {
  const [bureau] = audit.bureauId
    ? await db.select({ name: bureaus.name }).from(bureaus).where(eq(bureaus.id, audit.bureauId))
    : [];
  const [firm] = audit.consultingFirmId
    ? await db
        .select({ name: consultingFirms.name })
        .from(consultingFirms)
        .where(eq(consultingFirms.id, audit.consultingFirmId))
    : [];
  const targets = await db
    .select()
    .from(mandatoryAuditTargets)
    .where(eq(mandatoryAuditTargets.mandatoryAuditId, audit.id))
    .orderBy(asc(mandatoryAuditTargets.sortOrder), asc(mandatoryAuditTargets.createdAt));
  const basicInfo = await formBasicInfo(db, enterprise, audit.dataYear);
  const evaluationBefore = await evaluationSummary(db, audit.evaluationBeforeId);
  const evaluationAfter = await evaluationSummary(db, audit.evaluationAfterId);
  const fields: FormFields = {
    bureauId: audit.bureauId,
    consultingFirmId: audit.consultingFirmId,
    consultantContactName: audit.consultantContactName,
    consultantContactPhone: audit.consultantContactPhone,
    auditMethod: audit.auditMethod,
    listingReasons: audit.listingReasons,
    listingReasonOther: audit.listingReasonOther,
    round: audit.round,
    lastAcceptanceYear: audit.lastAcceptanceYear,
    lastAcceptanceMonth: audit.lastAcceptanceMonth,
    cpLeadName: audit.cpLeadName,
    cpLeadPhone: audit.cpLeadPhone,
    startedOn: audit.startedOn,
    finishedOn: audit.finishedOn,
    trainingEvents: audit.trainingEvents,
    trainingAttendance: audit.trainingAttendance,
    dataYear: audit.dataYear,
    auditFocus: audit.auditFocus,
    evaluationBeforeId: audit.evaluationBeforeId,
    evaluationAfterId: audit.evaluationAfterId,
    cpLevelRemark: audit.cpLevelRemark,
    cpLevelDescription: audit.cpLevelDescription,
    filledByName: audit.filledByName,
    filledOn: audit.filledOn,
  };
  return {
    id: audit.id,
    enterpriseId: audit.enterpriseId,
    enterpriseName: enterprise.name,
    bureauName: bureau?.name ?? null,
    consultingFirmName: firm?.name ?? null,
    ...fields,
    status: audit.status,
    submittedAt: audit.submittedAt?.toISOString() ?? null,
    reviewedAt: audit.reviewedAt?.toISOString() ?? null,
    reviewNote: audit.reviewNote,
    version: audit.version,
    createdAt: audit.createdAt.toISOString(),
    updatedAt: audit.updatedAt.toISOString(),
    basicInfo,
    targets: targets.map(targetView),
    evaluationBefore,
    evaluationAfter,
    missing: missingFields(audit, basicInfo, targets.length),
  };
}

// -------------------------------------------------------------------------------------------------------------
// Services

export async function listMandatoryAudits(ctx: ServiceContext, query: ListQuery) {
  const conds: SQL[] = [mandatoryAuditVisible(ctx.actor)];
  if (query.enterpriseId) conds.push(eq(mandatoryAudits.enterpriseId, query.enterpriseId));
  if (query.status) conds.push(eq(mandatoryAudits.status, query.status));
  if (query.dataYear) conds.push(eq(mandatoryAudits.dataYear, query.dataYear));
  const q = query.q?.trim();
  if (q) conds.push(ilike(enterprises.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const where = and(...conds);
  const sortColumn = {
    updatedAt: mandatoryAudits.updatedAt,
    enterpriseName: enterprises.name,
    dataYear: mandatoryAudits.dataYear,
    status: mandatoryAudits.status,
  }[query.sort ?? 'updatedAt'];
  const direction = query.sort === undefined ? desc : query.order === 'desc' ? desc : asc;
  const rows = await ctx.db
    .select({
      id: mandatoryAudits.id,
      enterpriseId: mandatoryAudits.enterpriseId,
      enterpriseName: enterprises.name,
      auditMethod: mandatoryAudits.auditMethod,
      round: mandatoryAudits.round,
      dataYear: mandatoryAudits.dataYear,
      status: mandatoryAudits.status,
      startedOn: mandatoryAudits.startedOn,
      finishedOn: mandatoryAudits.finishedOn,
      version: mandatoryAudits.version,
      updatedAt: mandatoryAudits.updatedAt,
    })
    .from(mandatoryAudits)
    .innerJoin(enterprises, eq(enterprises.id, mandatoryAudits.enterpriseId))
    .where(where)
    .orderBy(direction(sortColumn), asc(mandatoryAudits.id))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(mandatoryAudits)
    .innerJoin(enterprises, eq(enterprises.id, mandatoryAudits.enterpriseId))
    .where(where);
  return {
    items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
    total: total?.n ?? 0,
  };
}

/** The basic information the form would show for an enterprise and data year (before an audit exists). */
export async function mandatoryPrefill(
  ctx: ServiceContext,
  query: { enterpriseId: string; dataYear?: number | undefined },
): Promise<MandatoryFormBasicInfo> {
  const enterprise = await visibleEnterprise(ctx.db, ctx, query.enterpriseId);
  return formBasicInfo(ctx.db, enterprise, query.dataYear ?? ctx.now().getFullYear() - 1);
}

export async function getMandatoryAudit(ctx: ServiceContext, id: string): Promise<MandatoryAuditView> {
  const { audit, enterprise } = await loadVisible(ctx.db, ctx, id);
  return auditView(ctx.db, audit, enterprise);
}

export async function createMandatoryAudit(
  ctx: ServiceContext,
  body: CreateMandatoryAuditBody,
): Promise<MandatoryAuditView> {
  const id = await withDbErrors(() =>
    write(ctx, async (tx) => {
      const enterprise = await visibleEnterprise(tx, ctx, body.enterpriseId);
      if (!(await writableEnterprise(tx, ctx, enterprise.id))) {
        throw new CpError(
          'FORBIDDEN',
          `you may see but not start a mandatory audit of enterprise ${enterprise.id}`,
        );
      }
      const open = await tx
        .select({ id: mandatoryAudits.id })
        .from(mandatoryAudits)
        .where(
          and(
            eq(mandatoryAudits.enterpriseId, enterprise.id),
            inArray(mandatoryAudits.status, OPEN_STATUSES),
          ),
        );
      if (open[0]) {
        throw new CpError(
          'CONFLICT',
          `enterprise ${enterprise.id} already has an open mandatory audit (${open[0].id}); finish or edit that one`,
          { field: 'enterpriseId' },
        );
      }
      const given = pickFields(body);
      const fields: FormFields = {
        bureauId:
          given.bureauId !== undefined ? given.bureauId : await supervisingBureau(tx, ctx, enterprise),
        consultingFirmId:
          given.consultingFirmId !== undefined
            ? given.consultingFirmId
            : await engagedFirm(tx, ctx, enterprise.id),
        consultantContactName: given.consultantContactName ?? null,
        consultantContactPhone: given.consultantContactPhone ?? null,
        auditMethod: body.auditMethod,
        listingReasons: given.listingReasons ?? [],
        listingReasonOther: given.listingReasonOther ?? null,
        round: body.round,
        lastAcceptanceYear: given.lastAcceptanceYear ?? null,
        lastAcceptanceMonth: given.lastAcceptanceMonth ?? null,
        cpLeadName: given.cpLeadName ?? null,
        cpLeadPhone: given.cpLeadPhone ?? null,
        startedOn: given.startedOn ?? null,
        finishedOn: given.finishedOn ?? null,
        trainingEvents: given.trainingEvents ?? null,
        trainingAttendance: given.trainingAttendance ?? null,
        // Notes 2, 3, 7: 上年度 (the year before the form is filled).
        dataYear: body.dataYear ?? ctx.now().getFullYear() - 1,
        auditFocus: given.auditFocus ?? null,
        evaluationBeforeId: given.evaluationBeforeId ?? null,
        evaluationAfterId: given.evaluationAfterId ?? null,
        cpLevelRemark: given.cpLevelRemark ?? null,
        cpLevelDescription: given.cpLevelDescription ?? null,
        filledByName: given.filledByName ?? null,
        filledOn: given.filledOn ?? null,
      };
      checkFormRules(fields);
      await checkReferences(tx, enterprise, fields);
      const [row] = await tx
        .insert(mandatoryAudits)
        .values({ enterpriseId: enterprise.id, ...fields })
        .returning({ id: mandatoryAudits.id });
      if (!row) throw new CpError('INTERNAL', 'mandatory audit insert returned nothing');
      return row.id;
    }),
  );
  return getMandatoryAudit(ctx, id);
}

export async function updateMandatoryAudit(
  ctx: ServiceContext,
  id: string,
  body: UpdateMandatoryAuditBody,
): Promise<MandatoryAuditView> {
  await withDbErrors(() =>
    write(ctx, async (tx) => {
      const { audit, enterprise } = await loadEditable(tx, ctx, id);
      const changes = pickFields(body);
      const merged: FormFields = { ...audit, ...changes };
      checkFormRules(merged);
      await checkReferences(tx, enterprise, changes);
      if (Object.keys(changes).length === 0) {
        // Nothing to change: still refuse a stale version, so the client learns it is behind.
        if (audit.version !== body.version) {
          await throwVersionFailure(tx, mandatoryAudits, id, body.version, 'mandatory audit');
        }
        return;
      }
      const [row] = await tx
        .update(mandatoryAudits)
        .set(changes)
        .where(versionMatches(mandatoryAudits, id, body.version))
        .returning({ id: mandatoryAudits.id });
      if (!row) await throwVersionFailure(tx, mandatoryAudits, id, body.version, 'mandatory audit');
    }),
  );
  return getMandatoryAudit(ctx, id);
}
