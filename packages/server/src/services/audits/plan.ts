/**
 * 持续清洁生产计划 (guideline 7.5.2): tasks of the management-system, industry-promotion and cycle-linkage plans
 * with responsible unit, deadline and expected result, tracked after the round (so a closed audit keeps its plan
 * editable; a cancelled one does not).
 */
import type {
  auditPlanTaskSchema,
  createAuditPlanTaskBody,
  listAuditPlanTasksQuery,
  updateAuditPlanTaskBody,
} from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, desc, eq, ilike, inArray, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  bureaus,
  type CpPlanTask,
  cpPlanTasks,
  type Db,
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
  requireNotFuture,
  stamps,
  todayIn,
  writeAudit,
} from './access.ts';

type TaskDto = z.input<typeof auditPlanTaskSchema>;
const OPEN = ['planned', 'in_progress'] as const;

function dto(t: CpPlanTask, today: string): TaskDto {
  return {
    id: t.id,
    auditId: t.auditId,
    category: t.category,
    task: t.task,
    responsibleUnit: t.responsibleUnit,
    responsibleBureauId: t.responsibleBureauId,
    responsibleEnterpriseId: t.responsibleEnterpriseId,
    deadline: t.deadline,
    expectedResult: t.expectedResult,
    status: t.status,
    progressNote: t.progressNote,
    completedOn: t.completedOn,
    sortOrder: t.sortOrder,
    overdue: (OPEN as readonly string[]).includes(t.status) && t.deadline < today,
    ...stamps(t),
  };
}

const SORTS = {
  deadline: cpPlanTasks.deadline,
  sortOrder: cpPlanTasks.sortOrder,
  status: cpPlanTasks.status,
  category: cpPlanTasks.category,
} as const;

export async function listPlanTasks(
  ctx: ServiceContext,
  auditId: string,
  q: z.output<typeof listAuditPlanTasksQuery>,
): Promise<{ items: TaskDto[]; total: number }> {
  await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const today = todayIn(ctx.now());
  const conds: SQL[] = [eq(cpPlanTasks.auditId, auditId)];
  if (q.status) conds.push(eq(cpPlanTasks.status, q.status));
  if (q.category) conds.push(eq(cpPlanTasks.category, q.category));
  if (q.overdue === 'true') {
    conds.push(inArray(cpPlanTasks.status, [...OPEN]), sql`${cpPlanTasks.deadline} < ${today}`);
  }
  if (q.overdue === 'false') {
    const notOverdue = or(
      notInArray(cpPlanTasks.status, [...OPEN]),
      sql`${cpPlanTasks.deadline} >= ${today}`,
    );
    if (notOverdue) conds.push(notOverdue);
  }
  if (q.q) {
    const p = likePattern(q.q);
    const text = or(
      ilike(cpPlanTasks.task, p),
      ilike(cpPlanTasks.responsibleUnit, p),
      ilike(cpPlanTasks.expectedResult, p),
      ilike(cpPlanTasks.progressNote, p),
    );
    if (text) conds.push(text);
  }
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const rows = await ctx.db
    .select()
    .from(cpPlanTasks)
    .where(where)
    .orderBy(dir(SORTS[q.sort ?? 'deadline']), asc(cpPlanTasks.sortOrder), asc(cpPlanTasks.id))
    .limit(q.limit)
    .offset(q.offset);
  const [count] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(cpPlanTasks)
    .where(where);
  return { items: rows.map((t) => dto(t, today)), total: Number(count?.n ?? 0) };
}

async function oneTask(db: Db, auditId: string, taskId: string): Promise<CpPlanTask> {
  const [row] = await db
    .select()
    .from(cpPlanTasks)
    .where(and(eq(cpPlanTasks.id, taskId), eq(cpPlanTasks.auditId, auditId)));
  if (!row) throw notFound('plan task', taskId);
  return row;
}

interface TaskShape {
  status: CpPlanTask['status'];
  completedOn: string | null;
  responsibleBureauId: string | null;
  responsibleEnterpriseId: string | null;
}

async function checkTask(tx: Tx, auditId: string, t: TaskShape, today: string): Promise<void> {
  if (t.status === 'done' && t.completedOn === null) {
    throw new CpError('VALIDATION', 'completedOn: a done task records the date it was completed', {
      field: 'completedOn',
    });
  }
  requireNotFuture(t.completedOn, today, 'completedOn');
  if (t.responsibleBureauId) {
    const [b] = await tx
      .select({ id: bureaus.id })
      .from(bureaus)
      .where(eq(bureaus.id, t.responsibleBureauId));
    if (!b) {
      throw new CpError('VALIDATION', `responsibleBureauId: no bureau ${t.responsibleBureauId}`, {
        field: 'responsibleBureauId',
      });
    }
  }
  if (t.responsibleEnterpriseId) {
    requireListed(
      await listedEnterpriseIds(tx, auditId),
      t.responsibleEnterpriseId,
      'responsibleEnterpriseId',
    );
  }
}

export async function createPlanTask(
  ctx: ServiceContext,
  auditId: string,
  body: z.output<typeof createAuditPlanTaskBody>,
): Promise<TaskDto> {
  const today = todayIn(ctx.now());
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    const shape: TaskShape = {
      status: body.status,
      completedOn: body.completedOn ?? null,
      responsibleBureauId: body.responsibleBureauId ?? null,
      responsibleEnterpriseId: body.responsibleEnterpriseId ?? null,
    };
    await checkTask(tx, auditId, shape, today);
    const [row] = await tx
      .insert(cpPlanTasks)
      .values({
        auditId,
        ...shape,
        category: body.category,
        task: body.task,
        responsibleUnit: body.responsibleUnit,
        deadline: body.deadline,
        expectedResult: body.expectedResult,
        progressNote: body.progressNote ?? null,
        sortOrder: body.sortOrder ?? 0,
      })
      .returning();
    if (!row) throw new CpError('INTERNAL', 'plan task insert returned nothing');
    return dto(row, today);
  });
}

export async function updatePlanTask(
  ctx: ServiceContext,
  auditId: string,
  taskId: string,
  body: z.output<typeof updateAuditPlanTaskBody>,
): Promise<TaskDto> {
  const today = todayIn(ctx.now());
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    const current = await oneTask(tx, auditId, taskId);
    const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
    const shape: TaskShape = {
      status: pick(body.status, current.status),
      completedOn: pick(body.completedOn, current.completedOn),
      responsibleBureauId: pick(body.responsibleBureauId, current.responsibleBureauId),
      responsibleEnterpriseId: pick(body.responsibleEnterpriseId, current.responsibleEnterpriseId),
    };
    await checkTask(tx, auditId, shape, today);
    const { version, ...rest } = body;
    // Drizzle leaves out the keys whose value is undefined; `shape` holds the merged, checked values.
    const set: Partial<typeof cpPlanTasks.$inferInsert> = { ...rest, ...shape, updatedAt: new Date() };
    const [row] = await tx
      .update(cpPlanTasks)
      .set(set)
      .where(versionMatches(cpPlanTasks, taskId, version))
      .returning();
    return row ? dto(row, today) : throwVersionFailure(tx, cpPlanTasks, taskId, version, 'plan task');
  });
}

export async function deletePlanTask(
  ctx: ServiceContext,
  auditId: string,
  taskId: string,
  version: number,
): Promise<{ ok: true }> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneTask(tx, auditId, taskId);
    const [row] = await tx
      .delete(cpPlanTasks)
      .where(versionMatches(cpPlanTasks, taskId, version))
      .returning({ id: cpPlanTasks.id });
    if (!row) await throwVersionFailure(tx, cpPlanTasks, taskId, version, 'plan task');
    return { ok: true as const };
  });
}
