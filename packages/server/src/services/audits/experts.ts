/**
 * Experts assigned to an industry audit (审核小组 draws on 专业技术人员, guideline 3.2): admin and the audit's
 * bureau assign them; an assigned expert sees the audit (scope.ts `auditVisible`). Audit-level assignments only:
 * assignments to options are the options domain's.
 */
import type { auditExpertSchema } from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Db,
  type ExpertAssignment,
  expertAssignments,
  throwVersionFailure,
  userRoles,
  users,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../scope.ts';
import { loadAuditAccess, requireManage, stamps, writeAudit } from './access.ts';

type ExpertDto = z.input<typeof auditExpertSchema>;

function dto(auditId: string, a: ExpertAssignment, u: { username: string; displayName: string }): ExpertDto {
  return {
    id: a.id,
    auditId,
    userId: a.userId,
    username: u.username,
    displayName: u.displayName,
    note: a.note,
    assignedBy: a.assignedBy,
    ...stamps(a),
  };
}

const auditLevel = (auditId: string) =>
  and(
    eq(expertAssignments.auditId, auditId),
    isNull(expertAssignments.optionId),
    isNull(expertAssignments.mandatoryAuditId),
  );

async function rows(db: Db, auditId: string, assignmentId?: string): Promise<ExpertDto[]> {
  const found = await db
    .select({ a: expertAssignments, username: users.username, displayName: users.displayName })
    .from(expertAssignments)
    .innerJoin(users, eq(users.id, expertAssignments.userId))
    .where(and(auditLevel(auditId), assignmentId ? eq(expertAssignments.id, assignmentId) : undefined))
    .orderBy(asc(users.displayName), asc(expertAssignments.id));
  return found.map((r) => dto(auditId, r.a, r));
}

export async function listExperts(
  ctx: ServiceContext,
  auditId: string,
): Promise<{ items: ExpertDto[]; total: number }> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  if (!access.manage) throw notFound('audit', auditId);
  const items = await rows(ctx.db, auditId);
  return { items, total: items.length };
}

/** Only the audit's leads (admin, its bureau) assign: the panel runs the audit, the bureau staffs it. */
async function requireLead(db: Db, ctx: ServiceContext, auditId: string): Promise<void> {
  const access = await requireManage(db, ctx.actor, auditId);
  if (!access.lead) throw notFound('audit', auditId);
}

export async function assignExpert(
  ctx: ServiceContext,
  auditId: string,
  body: { userId: string; note?: string | null | undefined },
): Promise<ExpertDto> {
  return writeAudit(ctx, async (tx) => {
    await requireLead(tx, ctx, auditId);
    const [role] = await tx
      .select({ id: userRoles.id })
      .from(userRoles)
      .where(and(eq(userRoles.userId, body.userId), eq(userRoles.role, 'expert')));
    if (!role) {
      throw new CpError(
        'VALIDATION',
        `userId: user ${body.userId} does not exist or does not hold the expert role`,
        {
          field: 'userId',
        },
      );
    }
    const [row] = await tx
      .insert(expertAssignments)
      .values({ userId: body.userId, auditId, note: body.note ?? null, assignedBy: ctx.actor.userId })
      .returning({ id: expertAssignments.id });
    if (!row) throw new CpError('INTERNAL', 'assignment insert returned nothing');
    const [item] = await rows(tx, auditId, row.id);
    if (!item) throw new CpError('INTERNAL', 'assignment vanished');
    return item;
  });
}

export async function unassignExpert(
  ctx: ServiceContext,
  auditId: string,
  assignmentId: string,
  version: number,
): Promise<{ ok: true }> {
  return writeAudit(ctx, async (tx) => {
    await requireLead(tx, ctx, auditId);
    const [current] = await rows(tx, auditId, assignmentId);
    if (!current) throw notFound('expert assignment', assignmentId);
    const [row] = await tx
      .delete(expertAssignments)
      .where(versionMatches(expertAssignments, assignmentId, version))
      .returning({ id: expertAssignments.id });
    if (!row) await throwVersionFailure(tx, expertAssignments, assignmentId, version, 'expert assignment');
    return { ok: true as const };
  });
}
