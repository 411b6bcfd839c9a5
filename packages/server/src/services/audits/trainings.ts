/**
 * 宣传教育与培训 (guideline 7.1.4): publicity (7.1.4.1) and training (7.1.4.2) events with their attendance.
 * Attendance (人次) is Σ headcount; enterprise users see the attendees of their own enterprise only, and the total.
 */
import type {
  auditTrainingSchema,
  createAuditTrainingBody,
  listAuditTrainingsQuery,
  updateAuditTrainingBody,
} from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AuditTraining,
  auditTrainingAttendance,
  auditTrainings,
  type Db,
  type Tx,
  throwVersionFailure,
  users,
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

type TrainingDto = z.input<typeof auditTrainingSchema>;
type AttendeeInput = z.output<typeof createAuditTrainingBody>['attendees'][number];

async function dtos(
  db: Db,
  rows: readonly AuditTraining[],
  limited: string[] | null,
): Promise<TrainingDto[]> {
  const ids = rows.map((r) => r.id);
  const attendance =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(auditTrainingAttendance)
          .where(inArray(auditTrainingAttendance.trainingId, ids))
          .orderBy(asc(auditTrainingAttendance.createdAt), asc(auditTrainingAttendance.id));
  return rows.map((t) => {
    const own = attendance.filter((a) => a.trainingId === t.id);
    const shown =
      limited === null ? own : own.filter((a) => a.enterpriseId !== null && limited.includes(a.enterpriseId));
    return {
      id: t.id,
      auditId: t.auditId,
      kind: t.kind,
      title: t.title,
      heldOn: t.heldOn,
      location: t.location,
      topics: t.topics,
      trainer: t.trainer,
      note: t.note,
      attendanceCount: own.reduce((s, a) => s + a.headcount, 0),
      attendees: shown.map((a) => ({
        id: a.id,
        enterpriseId: a.enterpriseId,
        userId: a.userId,
        attendeeName: a.attendeeName,
        organization: a.organization,
        headcount: a.headcount,
      })),
      ...stamps(t),
    };
  });
}

const SORTS = {
  heldOn: auditTrainings.heldOn,
  title: auditTrainings.title,
  kind: auditTrainings.kind,
} as const;

export async function listTrainings(
  ctx: ServiceContext,
  auditId: string,
  q: z.output<typeof listAuditTrainingsQuery>,
): Promise<{ items: TrainingDto[]; total: number }> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const conds: SQL[] = [eq(auditTrainings.auditId, auditId)];
  if (q.kind) conds.push(eq(auditTrainings.kind, q.kind));
  if (q.q) {
    const p = likePattern(q.q);
    const text = or(
      ilike(auditTrainings.title, p),
      ilike(auditTrainings.topics, p),
      ilike(auditTrainings.location, p),
    );
    if (text) conds.push(text);
  }
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const rows = await ctx.db
    .select()
    .from(auditTrainings)
    .where(where)
    .orderBy(dir(SORTS[q.sort ?? 'heldOn']), asc(auditTrainings.id))
    .limit(q.limit)
    .offset(q.offset);
  const [count] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(auditTrainings)
    .where(where);
  return { items: await dtos(ctx.db, rows, access.enterprises), total: Number(count?.n ?? 0) };
}

async function checkAttendees(tx: Tx, auditId: string, attendees: readonly AttendeeInput[]): Promise<void> {
  const listed = await listedEnterpriseIds(tx, auditId);
  for (const [k, a] of attendees.entries()) {
    if (a.enterpriseId) requireListed(listed, a.enterpriseId, `attendees.${k}.enterpriseId`);
    if (a.userId) {
      const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, a.userId));
      if (!u) {
        throw new CpError('VALIDATION', `attendees.${k}.userId: no user ${a.userId}`, {
          field: `attendees.${k}.userId`,
        });
      }
    }
  }
}

async function insertAttendees(
  tx: Tx,
  trainingId: string,
  attendees: readonly AttendeeInput[],
): Promise<void> {
  if (attendees.length === 0) return;
  await tx.insert(auditTrainingAttendance).values(
    attendees.map((a) => ({
      trainingId,
      enterpriseId: a.enterpriseId ?? null,
      userId: a.userId ?? null,
      attendeeName: a.attendeeName ?? null,
      organization: a.organization ?? null,
      headcount: a.headcount,
    })),
  );
}

async function oneTraining(db: Db, auditId: string, trainingId: string): Promise<TrainingDto> {
  const rows = await db
    .select()
    .from(auditTrainings)
    .where(and(eq(auditTrainings.id, trainingId), eq(auditTrainings.auditId, auditId)));
  const [item] = await dtos(db, rows, null);
  if (!item) throw notFound('training', trainingId);
  return item;
}

export async function createTraining(
  ctx: ServiceContext,
  auditId: string,
  body: z.output<typeof createAuditTrainingBody>,
): Promise<TrainingDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await checkAttendees(tx, auditId, body.attendees);
    const [row] = await tx
      .insert(auditTrainings)
      .values({
        auditId,
        kind: body.kind,
        title: body.title,
        heldOn: body.heldOn,
        location: body.location ?? null,
        topics: body.topics ?? null,
        trainer: body.trainer ?? null,
        note: body.note ?? null,
      })
      .returning({ id: auditTrainings.id });
    if (!row) throw new CpError('INTERNAL', 'training insert returned nothing');
    await insertAttendees(tx, row.id, body.attendees);
    return oneTraining(tx, auditId, row.id);
  });
}

export async function updateTraining(
  ctx: ServiceContext,
  auditId: string,
  trainingId: string,
  body: z.output<typeof updateAuditTrainingBody>,
): Promise<TrainingDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneTraining(tx, auditId, trainingId);
    const { version, attendees, ...rest } = body;
    if (attendees) await checkAttendees(tx, auditId, attendees);
    // Drizzle leaves out the keys whose value is undefined.
    const set: Partial<typeof auditTrainings.$inferInsert> = { ...rest, updatedAt: new Date() };
    const [row] = await tx
      .update(auditTrainings)
      .set(set)
      .where(versionMatches(auditTrainings, trainingId, version))
      .returning({ id: auditTrainings.id });
    if (!row) await throwVersionFailure(tx, auditTrainings, trainingId, version, 'training');
    if (attendees) {
      await tx.delete(auditTrainingAttendance).where(eq(auditTrainingAttendance.trainingId, trainingId));
      await insertAttendees(tx, trainingId, attendees);
    }
    return oneTraining(tx, auditId, trainingId);
  });
}

export async function deleteTraining(
  ctx: ServiceContext,
  auditId: string,
  trainingId: string,
  version: number,
): Promise<{ ok: true }> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneTraining(tx, auditId, trainingId);
    const [row] = await tx
      .delete(auditTrainings)
      .where(versionMatches(auditTrainings, trainingId, version))
      .returning({ id: auditTrainings.id });
    if (!row) await throwVersionFailure(tx, auditTrainings, trainingId, version, 'training');
    return { ok: true as const };
  });
}
