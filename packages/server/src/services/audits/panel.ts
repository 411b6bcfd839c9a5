/**
 * The audit panel (审核小组, guideline 3.2, 7.1.1; Appendix B 2.2) and the work plan view (7.1.3; Appendix B 2).
 * A member may be a platform user holding the panel_member role: scope.ts then lets them see and run the audit.
 */
import type {
  addAuditPanelMemberBody,
  auditWorkPlanSchema,
  listAuditPanelQuery,
  updateAuditPanelMemberBody,
} from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AuditPanelMember,
  auditEnterprises,
  auditPanelMembers,
  type Db,
  enterprises,
  throwVersionFailure,
  userRoles,
  users,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../scope.ts';
import { likePattern, loadAuditAccess, loadPhases, requireManage, stamps, writeAudit } from './access.ts';
import { phaseDto, sortPhases } from './audits.ts';
import { SRC_PHASES } from './schedule.ts';

type PanelRow = AuditPanelMember & { userDisplayName: string | null };

function memberDto(m: PanelRow) {
  return {
    id: m.id,
    auditId: m.auditId,
    userId: m.userId,
    userDisplayName: m.userDisplayName,
    name: m.name,
    organization: m.organization,
    position: m.position,
    panelRole: m.panelRole,
    duties: m.duties,
    sortOrder: m.sortOrder,
    ...stamps(m),
  };
}

const memberColumns = { member: auditPanelMembers, userDisplayName: users.displayName };

async function panelRows(db: Db, where: SQL | undefined, order: SQL[], limit?: number, offset?: number) {
  const base = db
    .select(memberColumns)
    .from(auditPanelMembers)
    .leftJoin(users, eq(users.id, auditPanelMembers.userId))
    .where(where)
    .orderBy(...order);
  const rows = limit === undefined ? await base : await base.limit(limit).offset(offset ?? 0);
  return rows.map((r) => memberDto({ ...r.member, userDisplayName: r.userDisplayName }));
}

/** VALIDATION unless `userId` is an account holding the panel_member role (the role scope.ts keys on). */
async function requirePanelUser(db: Db, userId: string): Promise<void> {
  const [row] = await db
    .select({ id: userRoles.id })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'panel_member')));
  if (!row) {
    throw new CpError(
      'VALIDATION',
      `userId: user ${userId} does not exist or does not hold the panel_member role (an administrator grants it)`,
      { field: 'userId' },
    );
  }
}

const SORTS = {
  sortOrder: auditPanelMembers.sortOrder,
  name: auditPanelMembers.name,
  panelRole: auditPanelMembers.panelRole,
} as const;

export async function listPanel(
  ctx: ServiceContext,
  auditId: string,
  q: z.output<typeof listAuditPanelQuery>,
) {
  await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const conds: SQL[] = [eq(auditPanelMembers.auditId, auditId)];
  if (q.q) {
    const p = likePattern(q.q);
    const text = or(
      ilike(auditPanelMembers.name, p),
      ilike(auditPanelMembers.organization, p),
      ilike(auditPanelMembers.duties, p),
    );
    if (text) conds.push(text);
  }
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const items = await panelRows(
    ctx.db,
    where,
    [dir(SORTS[q.sort ?? 'sortOrder']), asc(auditPanelMembers.name), asc(auditPanelMembers.id)],
    q.limit,
    q.offset,
  );
  const [count] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(auditPanelMembers)
    .where(where);
  return { items, total: Number(count?.n ?? 0) };
}

async function oneMember(db: Db, auditId: string, memberId: string) {
  const [m] = await panelRows(
    db,
    and(eq(auditPanelMembers.id, memberId), eq(auditPanelMembers.auditId, auditId)),
    [],
  );
  if (!m) throw notFound('panel member', memberId);
  return m;
}

export async function addPanelMember(
  ctx: ServiceContext,
  auditId: string,
  body: z.output<typeof addAuditPanelMemberBody>,
) {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    if (body.userId) await requirePanelUser(tx, body.userId);
    const [row] = await tx
      .insert(auditPanelMembers)
      .values({
        auditId,
        name: body.name,
        organization: body.organization ?? null,
        position: body.position ?? null,
        panelRole: body.panelRole,
        duties: body.duties ?? null,
        userId: body.userId ?? null,
        sortOrder: body.sortOrder ?? 0,
      })
      .returning({ id: auditPanelMembers.id });
    if (!row) throw new CpError('INTERNAL', 'panel insert returned nothing');
    return oneMember(tx, auditId, row.id);
  });
}

export async function updatePanelMember(
  ctx: ServiceContext,
  auditId: string,
  memberId: string,
  body: z.output<typeof updateAuditPanelMemberBody>,
) {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneMember(tx, auditId, memberId);
    if (body.userId) await requirePanelUser(tx, body.userId);
    const { version, ...rest } = body;
    // Drizzle leaves out the keys whose value is undefined.
    const set: Partial<typeof auditPanelMembers.$inferInsert> = { ...rest, updatedAt: new Date() };
    const [row] = await tx
      .update(auditPanelMembers)
      .set(set)
      .where(versionMatches(auditPanelMembers, memberId, version))
      .returning({ id: auditPanelMembers.id });
    if (!row) await throwVersionFailure(tx, auditPanelMembers, memberId, version, 'panel member');
    return oneMember(tx, auditId, memberId);
  });
}

export async function removePanelMember(
  ctx: ServiceContext,
  auditId: string,
  memberId: string,
  version: number,
) {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneMember(tx, auditId, memberId);
    const [row] = await tx
      .delete(auditPanelMembers)
      .where(versionMatches(auditPanelMembers, memberId, version))
      .returning({ id: auditPanelMembers.id });
    if (!row) await throwVersionFailure(tx, auditPanelMembers, memberId, version, 'panel member');
    return { ok: true as const };
  });
}

/** The work plan (7.1.3): scope, purpose, time, each phase's work and responsible departments; plus B 2.1–2.2. */
export async function getWorkPlan(
  ctx: ServiceContext,
  auditId: string,
): Promise<z.input<typeof auditWorkPlanSchema>> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const a = access.audit;
  const phases = sortPhases((await loadPhases(ctx.db, [auditId])).get(auditId) ?? []);
  const panel = await panelRows(ctx.db, eq(auditPanelMembers.auditId, auditId), [
    asc(auditPanelMembers.sortOrder),
    asc(auditPanelMembers.name),
  ]);
  const entConds: SQL[] = [eq(auditEnterprises.auditId, auditId), eq(auditEnterprises.status, 'selected')];
  if (access.enterprises !== null) entConds.push(inArray(auditEnterprises.enterpriseId, access.enterprises));
  const listed =
    access.enterprises !== null && access.enterprises.length === 0
      ? []
      : await ctx.db
          .select({ enterpriseId: enterprises.id, name: enterprises.name })
          .from(auditEnterprises)
          .innerJoin(enterprises, eq(enterprises.id, auditEnterprises.enterpriseId))
          .where(and(...entConds))
          .orderBy(asc(enterprises.name));
  const gaps: string[] = [];
  if (!a.scope) gaps.push('未填写审核范围（7.1.3）');
  if (!a.purpose) gaps.push('未填写审核目的（7.1.3）');
  if (access.full && listed.length === 0) gaps.push('尚未确定审核企业名单（7.1.2）');
  if (panel.length === 0) gaps.push('尚未组建审核小组（7.1.1）');
  for (const p of phases) {
    const missing = [
      p.plannedStart && p.plannedEnd ? null : '计划时间',
      p.workContent ? null : '工作内容',
      p.responsible ? null : '责任部门',
    ].filter((x): x is string => x !== null);
    if (missing.length > 0) gaps.push(`「${phaseDto(p).nameZh}」阶段缺少${missing.join('、')}`);
  }
  return {
    auditId,
    title: a.title,
    scope: a.scope,
    enterprises: listed,
    purpose: a.purpose,
    periodStart: a.periodStart,
    periodEnd: a.periodEnd,
    phases: phases.map(phaseDto),
    panel,
    gaps,
    source: SRC_PHASES,
  };
}
