/**
 * 现场调查 (guideline 7.2.1.2): site surveys of listed enterprises — why (incomplete, doubtful data, key
 * problems), what was checked (a–c), findings, staff suggestions, opportunities, and the problems recorded from
 * them. Enterprise users see their own enterprise's surveys only.
 */
import type {
  auditSiteSurveySchema,
  createAuditSiteSurveyBody,
  listAuditSiteSurveysQuery,
  updateAuditSiteSurveyBody,
} from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  auditProblems,
  type Db,
  enterprises,
  type SiteSurvey,
  siteSurveys,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../scope.ts';
import {
  likePattern,
  listedEnterpriseIds,
  loadAuditAccess,
  requireListed,
  requireManage,
  stamps,
  writeAudit,
} from './access.ts';

type SurveyDto = z.input<typeof auditSiteSurveySchema>;

async function dtos(
  db: Db,
  rows: readonly { s: SiteSurvey; enterpriseName: string }[],
): Promise<SurveyDto[]> {
  const ids = rows.map((r) => r.s.id);
  const problems =
    ids.length === 0
      ? []
      : await db
          .select({
            id: auditProblems.id,
            title: auditProblems.title,
            scope: auditProblems.scope,
            siteSurveyId: auditProblems.siteSurveyId,
          })
          .from(auditProblems)
          .where(inArray(auditProblems.siteSurveyId, ids))
          .orderBy(asc(auditProblems.createdAt));
  return rows.map(({ s, enterpriseName }) => ({
    id: s.id,
    auditId: s.auditId,
    enterpriseId: s.enterpriseId,
    enterpriseName,
    surveyedOn: s.surveyedOn,
    surveyors: s.surveyors,
    reasons: s.reasons,
    checked: s.checked,
    checkedDetail: s.checkedDetail,
    findings: s.findings,
    suggestions: s.suggestions,
    opportunities: s.opportunities,
    problems: problems
      .filter((p) => p.siteSurveyId === s.id)
      .map((p) => ({ id: p.id, title: p.title, scope: p.scope })),
    ...stamps(s),
  }));
}

const SORTS = { surveyedOn: siteSurveys.surveyedOn, enterpriseName: enterprises.name } as const;

export async function listSurveys(
  ctx: ServiceContext,
  auditId: string,
  q: z.output<typeof listAuditSiteSurveysQuery>,
): Promise<{ items: SurveyDto[]; total: number }> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const conds: SQL[] = [eq(siteSurveys.auditId, auditId)];
  if (access.enterprises !== null) {
    conds.push(
      access.enterprises.length === 0 ? sql`false` : inArray(siteSurveys.enterpriseId, access.enterprises),
    );
  }
  if (q.enterpriseId) conds.push(eq(siteSurveys.enterpriseId, q.enterpriseId));
  if (q.q) {
    const p = likePattern(q.q);
    const text = or(
      ilike(siteSurveys.findings, p),
      ilike(siteSurveys.checkedDetail, p),
      ilike(siteSurveys.opportunities, p),
      ilike(siteSurveys.suggestions, p),
      ilike(enterprises.name, p),
    );
    if (text) conds.push(text);
  }
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const rows = await ctx.db
    .select({ s: siteSurveys, enterpriseName: enterprises.name })
    .from(siteSurveys)
    .innerJoin(enterprises, eq(enterprises.id, siteSurveys.enterpriseId))
    .where(where)
    .orderBy(dir(SORTS[q.sort ?? 'surveyedOn']), asc(siteSurveys.id))
    .limit(q.limit)
    .offset(q.offset);
  const [count] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(siteSurveys)
    .innerJoin(enterprises, eq(enterprises.id, siteSurveys.enterpriseId))
    .where(where);
  return { items: await dtos(ctx.db, rows), total: Number(count?.n ?? 0) };
}

async function oneSurvey(db: Db, auditId: string, surveyId: string): Promise<SurveyDto> {
  const rows = await db
    .select({ s: siteSurveys, enterpriseName: enterprises.name })
    .from(siteSurveys)
    .innerJoin(enterprises, eq(enterprises.id, siteSurveys.enterpriseId))
    .where(and(eq(siteSurveys.id, surveyId), eq(siteSurveys.auditId, auditId)));
  const [item] = await dtos(db, rows);
  if (!item) throw notFound('site survey', surveyId);
  return item;
}

export async function createSurvey(
  ctx: ServiceContext,
  auditId: string,
  body: z.output<typeof createAuditSiteSurveyBody>,
): Promise<SurveyDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    requireListed(await listedEnterpriseIds(tx, auditId), body.enterpriseId, 'enterpriseId');
    const [row] = await tx
      .insert(siteSurveys)
      .values({
        auditId,
        enterpriseId: body.enterpriseId,
        surveyedOn: body.surveyedOn,
        surveyors: body.surveyors ?? null,
        reasons: body.reasons,
        checked: body.checked,
        checkedDetail: body.checkedDetail ?? null,
        findings: body.findings ?? null,
        suggestions: body.suggestions ?? null,
        opportunities: body.opportunities ?? null,
      })
      .returning({ id: siteSurveys.id });
    if (!row) throw new CpError('INTERNAL', 'survey insert returned nothing');
    return oneSurvey(tx, auditId, row.id);
  });
}

export async function updateSurvey(
  ctx: ServiceContext,
  auditId: string,
  surveyId: string,
  body: z.output<typeof updateAuditSiteSurveyBody>,
): Promise<SurveyDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneSurvey(tx, auditId, surveyId);
    const { version, ...rest } = body;
    // Drizzle leaves out the keys whose value is undefined.
    const set: Partial<typeof siteSurveys.$inferInsert> = { ...rest, updatedAt: new Date() };
    const [row] = await tx
      .update(siteSurveys)
      .set(set)
      .where(versionMatches(siteSurveys, surveyId, version))
      .returning({ id: siteSurveys.id });
    if (!row) await throwVersionFailure(tx, siteSurveys, surveyId, version, 'site survey');
    return oneSurvey(tx, auditId, surveyId);
  });
}

export async function deleteSurvey(
  ctx: ServiceContext,
  auditId: string,
  surveyId: string,
  version: number,
): Promise<{ ok: true }> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneSurvey(tx, auditId, surveyId);
    const [row] = await tx
      .delete(siteSurveys)
      .where(versionMatches(siteSurveys, surveyId, version))
      .returning({ id: siteSurveys.id });
    if (!row) await throwVersionFailure(tx, siteSurveys, surveyId, version, 'site survey');
    return { ok: true as const };
  });
}
