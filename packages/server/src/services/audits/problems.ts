/**
 * 问题诊断分析 (guideline 7.2.4): common problems of the industry along the five aspects of 7.2.4.1 and
 * individual problems of one listed enterprise along the seven aspects of 7.2.4.2, with their causes
 * (technical / management / policy, Appendix B 5.2) and diagnosis methods (7.2.4.3). Enterprise users see the
 * common problems and their own enterprise's.
 */
import {
  AUDIT_COMMON_PROBLEM_ASPECTS,
  AUDIT_INDIVIDUAL_PROBLEM_ASPECTS,
  type auditProblemSchema,
  type createAuditProblemBody,
  type listAuditProblemsQuery,
  type updateAuditProblemBody,
} from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AuditProblem,
  auditFocuses,
  auditProblems,
  type Db,
  enterprises,
  siteSurveys,
  type Tx,
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

type ProblemDto = z.input<typeof auditProblemSchema>;

function dto(p: AuditProblem, enterpriseName: string | null): ProblemDto {
  return {
    id: p.id,
    auditId: p.auditId,
    scope: p.scope,
    enterpriseId: p.enterpriseId,
    enterpriseName,
    aspect: p.aspect,
    title: p.title,
    description: p.description,
    causeTypes: p.causeTypes,
    cause: p.cause,
    diagnosisMethods: p.diagnosisMethods,
    focusId: p.focusId,
    siteSurveyId: p.siteSurveyId,
    priority: p.priority,
    manifestation: p.manifestation,
    ...stamps(p),
  };
}

const SORTS = {
  priority: auditProblems.priority,
  title: auditProblems.title,
  aspect: auditProblems.aspect,
  createdAt: auditProblems.createdAt,
} as const;

export async function listProblems(
  ctx: ServiceContext,
  auditId: string,
  q: z.output<typeof listAuditProblemsQuery>,
): Promise<{ items: ProblemDto[]; total: number }> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const conds: SQL[] = [eq(auditProblems.auditId, auditId)];
  if (access.enterprises !== null) {
    const seen =
      access.enterprises.length === 0
        ? eq(auditProblems.scope, 'common')
        : or(eq(auditProblems.scope, 'common'), inArray(auditProblems.enterpriseId, access.enterprises));
    if (seen) conds.push(seen);
  }
  if (q.scope) conds.push(eq(auditProblems.scope, q.scope));
  if (q.aspect) conds.push(eq(auditProblems.aspect, q.aspect));
  if (q.enterpriseId) conds.push(eq(auditProblems.enterpriseId, q.enterpriseId));
  if (q.focusId) conds.push(eq(auditProblems.focusId, q.focusId));
  if (q.q) {
    const p = likePattern(q.q);
    const text = or(
      ilike(auditProblems.title, p),
      ilike(auditProblems.description, p),
      ilike(auditProblems.cause, p),
      ilike(auditProblems.manifestation, p),
    );
    if (text) conds.push(text);
  }
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const sortCol = SORTS[q.sort ?? 'priority'];
  const rows = await ctx.db
    .select({ p: auditProblems, enterpriseName: enterprises.name })
    .from(auditProblems)
    .leftJoin(enterprises, eq(enterprises.id, auditProblems.enterpriseId))
    .where(where)
    .orderBy(sql`${dir(sortCol)} nulls last`, asc(auditProblems.createdAt), asc(auditProblems.id))
    .limit(q.limit)
    .offset(q.offset);
  const [count] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(auditProblems)
    .where(where);
  return { items: rows.map((r) => dto(r.p, r.enterpriseName)), total: Number(count?.n ?? 0) };
}

async function oneProblem(db: Db, auditId: string, problemId: string): Promise<ProblemDto> {
  const [row] = await db
    .select({ p: auditProblems, enterpriseName: enterprises.name })
    .from(auditProblems)
    .leftJoin(enterprises, eq(enterprises.id, auditProblems.enterpriseId))
    .where(and(eq(auditProblems.id, problemId), eq(auditProblems.auditId, auditId)));
  if (!row) throw notFound('problem', problemId);
  return dto(row.p, row.enterpriseName);
}

interface ProblemShape {
  scope: AuditProblem['scope'];
  enterpriseId: string | null;
  aspect: AuditProblem['aspect'];
  focusId: string | null;
  siteSurveyId: string | null;
}

/** The guideline's rules for a problem: aspect by scope, enterprise only for individual ones, links in the audit. */
async function checkProblem(tx: Tx, auditId: string, p: ProblemShape): Promise<void> {
  if (p.scope === 'common') {
    if (p.enterpriseId !== null) {
      throw new CpError(
        'VALIDATION',
        'enterpriseId: a common problem (7.2.4.1) concerns the industry, not one enterprise',
        {
          field: 'enterpriseId',
        },
      );
    }
    if (!(AUDIT_COMMON_PROBLEM_ASPECTS as readonly string[]).includes(p.aspect)) {
      throw new CpError(
        'VALIDATION',
        `aspect: ${p.aspect} is not one of the aspects of common problems (7.2.4.1: ${AUDIT_COMMON_PROBLEM_ASPECTS.join(', ')})`,
        { field: 'aspect' },
      );
    }
  } else {
    if (p.enterpriseId === null) {
      throw new CpError('VALIDATION', 'enterpriseId: an individual problem (7.2.4.2) names its enterprise', {
        field: 'enterpriseId',
      });
    }
    requireListed(await listedEnterpriseIds(tx, auditId), p.enterpriseId, 'enterpriseId');
    if (!(AUDIT_INDIVIDUAL_PROBLEM_ASPECTS as readonly string[]).includes(p.aspect)) {
      throw new CpError(
        'VALIDATION',
        `aspect: ${p.aspect} is not one of the seven aspects of individual problems (7.2.4.2: ${AUDIT_INDIVIDUAL_PROBLEM_ASPECTS.join(', ')})`,
        { field: 'aspect' },
      );
    }
  }
  if (p.focusId) {
    const [f] = await tx
      .select({ id: auditFocuses.id })
      .from(auditFocuses)
      .where(and(eq(auditFocuses.id, p.focusId), eq(auditFocuses.auditId, auditId)));
    if (!f)
      throw new CpError('VALIDATION', `focusId: no audit focus ${p.focusId} in this audit`, {
        field: 'focusId',
      });
  }
  if (p.siteSurveyId) {
    const [s] = await tx
      .select({ enterpriseId: siteSurveys.enterpriseId })
      .from(siteSurveys)
      .where(and(eq(siteSurveys.id, p.siteSurveyId), eq(siteSurveys.auditId, auditId)));
    if (!s) {
      throw new CpError('VALIDATION', `siteSurveyId: no site survey ${p.siteSurveyId} in this audit`, {
        field: 'siteSurveyId',
      });
    }
    if (p.scope === 'individual' && s.enterpriseId !== p.enterpriseId) {
      throw new CpError('VALIDATION', 'siteSurveyId: the survey was of another enterprise', {
        field: 'siteSurveyId',
      });
    }
  }
}

export async function createProblem(
  ctx: ServiceContext,
  auditId: string,
  body: z.output<typeof createAuditProblemBody>,
): Promise<ProblemDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    const shape: ProblemShape = {
      scope: body.scope,
      enterpriseId: body.enterpriseId ?? null,
      aspect: body.aspect,
      focusId: body.focusId ?? null,
      siteSurveyId: body.siteSurveyId ?? null,
    };
    await checkProblem(tx, auditId, shape);
    const [row] = await tx
      .insert(auditProblems)
      .values({
        auditId,
        ...shape,
        title: body.title,
        description: body.description ?? null,
        causeTypes: body.causeTypes,
        cause: body.cause ?? null,
        diagnosisMethods: body.diagnosisMethods,
        priority: body.priority ?? null,
        manifestation: body.manifestation ?? null,
      })
      .returning({ id: auditProblems.id });
    if (!row) throw new CpError('INTERNAL', 'problem insert returned nothing');
    return oneProblem(tx, auditId, row.id);
  });
}

export async function updateProblem(
  ctx: ServiceContext,
  auditId: string,
  problemId: string,
  body: z.output<typeof updateAuditProblemBody>,
): Promise<ProblemDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    const current = await oneProblem(tx, auditId, problemId);
    const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
    const scope = pick(body.scope, current.scope);
    const shape: ProblemShape = {
      scope,
      // Turning an individual problem into a common one drops its enterprise unless one is sent.
      enterpriseId: pick(
        body.enterpriseId,
        scope === 'common' && body.scope !== undefined ? null : current.enterpriseId,
      ),
      aspect: pick(body.aspect, current.aspect),
      focusId: pick(body.focusId, current.focusId),
      siteSurveyId: pick(body.siteSurveyId, current.siteSurveyId),
    };
    await checkProblem(tx, auditId, shape);
    const { version, ...rest } = body;
    // Drizzle leaves out the keys whose value is undefined; `shape` holds the merged, checked values.
    const set: Partial<typeof auditProblems.$inferInsert> = { ...rest, ...shape, updatedAt: new Date() };
    const [row] = await tx
      .update(auditProblems)
      .set(set)
      .where(versionMatches(auditProblems, problemId, version))
      .returning({ id: auditProblems.id });
    if (!row) await throwVersionFailure(tx, auditProblems, problemId, version, 'problem');
    return oneProblem(tx, auditId, problemId);
  });
}

export async function deleteProblem(
  ctx: ServiceContext,
  auditId: string,
  problemId: string,
  version: number,
): Promise<{ ok: true }> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneProblem(tx, auditId, problemId);
    const [row] = await tx
      .delete(auditProblems)
      .where(versionMatches(auditProblems, problemId, version))
      .returning({ id: auditProblems.id });
    if (!row) await throwVersionFailure(tx, auditProblems, problemId, version, 'problem');
    return { ok: true as const };
  });
}
