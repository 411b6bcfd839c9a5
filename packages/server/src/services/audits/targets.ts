/**
 * 清洁生产目标 (guideline 7.2.3): quantifiable targets with near-term and medium/long-term values, tied to the
 * enterprises in scope, and their completion (Appendix B table 7.3) computed by the core's `targetCompletion`.
 * Every target with a baseline is checked by the core when written (`assessTarget`), so the completion view
 * never meets a target it cannot assess.
 *
 * The table stores no direction: it is read from the values (a near-term level below the baseline is a
 * decrease), and for percentage targets from the type — 7.2.3.4 a–c speak of 减排比例 / 下降比例, d) of raising
 * the number or share of enterprises at level I/II, e) (solid and hazardous waste) of reduction.
 */
import type {
  auditTargetCompletionSchema,
  auditTargetSchema,
  createAuditTargetBody,
  listAuditTargetsQuery,
  updateAuditTargetBody,
} from '@cpaudit/contract';
import { assessTarget, CpError, type Target, type TargetType, targetCompletion } from '@cpaudit/core';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AuditTarget,
  auditFocuses,
  auditTargetEnterprises,
  auditTargets,
  type Db,
  enterprises,
  type TARGET_TYPES,
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

type TargetDto = z.input<typeof auditTargetSchema>;
type DbTargetType = (typeof TARGET_TYPES)[number];
type EnterpriseInput = z.output<typeof createAuditTargetBody>['enterprises'][number];

/** The database's target types (7.2.3.4 a–e) as the core's (rows of Appendix B table 7.3). */
const CORE_TYPE: Readonly<Record<DbTargetType, TargetType>> = {
  pollutant_reduction: 'pollutant',
  ghg_reduction: 'ghg',
  resource_efficiency: 'resource-energy',
  cp_level: 'cp-level',
  other: 'other',
};

interface TargetValues {
  type: DbTargetType;
  measure: AuditTarget['measure'];
  baselineValue: number | null;
  nearTermValue: number;
}

/** Decrease or increase (see the module comment). */
export function targetDirection(t: TargetValues): 'decrease' | 'increase' {
  if (t.measure !== 'percent' && t.baselineValue !== null && t.nearTermValue !== t.baselineValue) {
    return t.nearTermValue > t.baselineValue ? 'increase' : 'decrease';
  }
  return t.type === 'cp_level' ? 'increase' : 'decrease';
}

/** The core's target for a stored one (count and share targets are levels, like absolute ones). */
function coreTarget(t: AuditTarget & { baselineValue: number }): Target {
  const target: Target = {
    id: t.id,
    type: CORE_TYPE[t.type],
    indicator: t.indicator,
    unit: t.unit,
    kind: t.measure === 'percent' ? 'percent' : t.measure === 'intensity' ? 'intensity' : 'absolute',
    direction: targetDirection(t),
    baseline: t.baselineValue,
    nearTerm: t.nearTermValue,
  };
  if (t.longTermValue !== null) target.longTerm = t.longTermValue;
  if (t.achievedValue !== null) target.actual = t.achievedValue;
  return target;
}

/** Core field paths (`targets.0.nearTerm`) as the request's field names. */
const CORE_FIELD: Readonly<Record<string, string>> = {
  nearTerm: 'nearTermValue',
  longTerm: 'longTermValue',
  baseline: 'baselineValue',
  actual: 'achievedValue',
  unit: 'unit',
};

/** Checks a target with the core (division by zero, wrong side of the baseline, malformed %, units). */
function checkWithCore(t: AuditTarget): void {
  const { baselineValue } = t;
  if (baselineValue === null) return;
  try {
    assessTarget(coreTarget({ ...t, baselineValue }), 0);
  } catch (e) {
    if (!(e instanceof CpError)) throw e;
    const key = e.field?.replace(/^targets\.0\./, '') ?? '';
    const field = CORE_FIELD[key] ?? e.field;
    throw new CpError(
      e.code,
      e.message.replace(/targets\.0\.[A-Za-z]+/g, field ?? ''),
      field ? { field } : {},
    );
  }
}

async function dtos(db: Db, rows: readonly AuditTarget[], limited: string[] | null): Promise<TargetDto[]> {
  const ids = rows.map((r) => r.id);
  const per =
    ids.length === 0
      ? []
      : await db
          .select({ r: auditTargetEnterprises, name: enterprises.name })
          .from(auditTargetEnterprises)
          .innerJoin(enterprises, eq(enterprises.id, auditTargetEnterprises.enterpriseId))
          .where(inArray(auditTargetEnterprises.targetId, ids))
          .orderBy(asc(enterprises.name));
  return rows.map((t) => ({
    id: t.id,
    auditId: t.auditId,
    focusId: t.focusId,
    type: t.type,
    indicator: t.indicator,
    itemCode: t.itemCode,
    measure: t.measure,
    direction: targetDirection(t),
    unit: t.unit,
    baselineValue: t.baselineValue,
    baselineYear: t.baselineYear,
    nearTermValue: t.nearTermValue,
    nearTermDue: t.nearTermDue,
    longTermValue: t.longTermValue,
    longTermDue: t.longTermDue,
    scope: t.scope,
    enterprises: per
      .filter((p) => p.r.targetId === t.id && (limited === null || limited.includes(p.r.enterpriseId)))
      .map((p) => ({
        enterpriseId: p.r.enterpriseId,
        name: p.name,
        baselineValue: p.r.baselineValue,
        targetValue: p.r.targetValue,
        achievedValue: p.r.achievedValue,
      })),
    achievedValue: t.achievedValue,
    achievementNote: t.achievementNote,
    sortOrder: t.sortOrder,
    ...stamps(t),
  }));
}

const SORTS = {
  sortOrder: auditTargets.sortOrder,
  type: auditTargets.type,
  indicator: auditTargets.indicator,
} as const;

export async function listTargets(
  ctx: ServiceContext,
  auditId: string,
  q: z.output<typeof listAuditTargetsQuery>,
): Promise<{ items: TargetDto[]; total: number }> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const conds: SQL[] = [eq(auditTargets.auditId, auditId)];
  if (q.type) conds.push(eq(auditTargets.type, q.type));
  if (q.q) {
    const p = likePattern(q.q);
    const text = or(ilike(auditTargets.indicator, p), ilike(auditTargets.achievementNote, p));
    if (text) conds.push(text);
  }
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const rows = await ctx.db
    .select()
    .from(auditTargets)
    .where(where)
    .orderBy(dir(SORTS[q.sort ?? 'sortOrder']), asc(auditTargets.createdAt), asc(auditTargets.id))
    .limit(q.limit)
    .offset(q.offset);
  const [count] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(auditTargets)
    .where(where);
  return { items: await dtos(ctx.db, rows, access.enterprises), total: Number(count?.n ?? 0) };
}

async function oneTarget(db: Db, auditId: string, targetId: string): Promise<AuditTarget> {
  const [row] = await db
    .select()
    .from(auditTargets)
    .where(and(eq(auditTargets.id, targetId), eq(auditTargets.auditId, auditId)));
  if (!row) throw notFound('target', targetId);
  return row;
}

async function checkLinks(
  tx: Tx,
  auditId: string,
  t: { focusId: string | null; scope: AuditTarget['scope'] },
  list: readonly EnterpriseInput[] | undefined,
  listCount: number,
): Promise<void> {
  if (t.focusId) {
    const [f] = await tx
      .select({ id: auditFocuses.id })
      .from(auditFocuses)
      .where(and(eq(auditFocuses.id, t.focusId), eq(auditFocuses.auditId, auditId)));
    if (!f)
      throw new CpError('VALIDATION', `focusId: no audit focus ${t.focusId} in this audit`, {
        field: 'focusId',
      });
  }
  if (list) {
    const listed = await listedEnterpriseIds(tx, auditId);
    const seen = new Set<string>();
    list.forEach((e, k) => {
      const field = `enterprises.${k}.enterpriseId`;
      requireListed(listed, e.enterpriseId, field);
      if (seen.has(e.enterpriseId)) throw new CpError('VALIDATION', `${field}: listed twice`, { field });
      seen.add(e.enterpriseId);
    });
  }
  if (t.scope === 'listed_enterprises' && listCount === 0) {
    throw new CpError(
      'VALIDATION',
      'enterprises: a target for listed enterprises names at least one enterprise',
      {
        field: 'enterprises',
      },
    );
  }
}

async function replaceEnterprises(tx: Tx, targetId: string, list: readonly EnterpriseInput[]): Promise<void> {
  await tx.delete(auditTargetEnterprises).where(eq(auditTargetEnterprises.targetId, targetId));
  if (list.length === 0) return;
  await tx.insert(auditTargetEnterprises).values(
    list.map((e) => ({
      targetId,
      enterpriseId: e.enterpriseId,
      baselineValue: e.baselineValue ?? null,
      targetValue: e.targetValue ?? null,
      achievedValue: e.achievedValue ?? null,
    })),
  );
}

export async function createTarget(
  ctx: ServiceContext,
  auditId: string,
  body: z.output<typeof createAuditTargetBody>,
): Promise<TargetDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await checkLinks(
      tx,
      auditId,
      { focusId: body.focusId ?? null, scope: body.scope },
      body.enterprises,
      body.enterprises.length,
    );
    const [row] = await tx
      .insert(auditTargets)
      .values({
        auditId,
        focusId: body.focusId ?? null,
        type: body.type,
        indicator: body.indicator,
        itemCode: body.itemCode ?? null,
        measure: body.measure,
        unit: body.unit,
        baselineValue: body.baselineValue ?? null,
        baselineYear: body.baselineYear ?? null,
        nearTermValue: body.nearTermValue,
        nearTermDue: body.nearTermDue ?? null,
        longTermValue: body.longTermValue ?? null,
        longTermDue: body.longTermDue ?? null,
        scope: body.scope,
        achievedValue: body.achievedValue ?? null,
        achievementNote: body.achievementNote ?? null,
        sortOrder: body.sortOrder ?? 0,
      })
      .returning();
    if (!row) throw new CpError('INTERNAL', 'target insert returned nothing');
    checkWithCore(row);
    await replaceEnterprises(tx, row.id, body.enterprises);
    const [item] = await dtos(tx, [row], null);
    if (!item) throw new CpError('INTERNAL', 'target vanished');
    return item;
  });
}

export async function updateTarget(
  ctx: ServiceContext,
  auditId: string,
  targetId: string,
  body: z.output<typeof updateAuditTargetBody>,
): Promise<TargetDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    const current = await oneTarget(tx, auditId, targetId);
    const { version, enterprises: list, ...rest } = body;
    const focusId = rest.focusId === undefined ? current.focusId : rest.focusId;
    const scope = rest.scope ?? current.scope;
    const count =
      list?.length ??
      Number(
        (
          await tx
            .select({ n: sql<number>`cast(count(*) as int)` })
            .from(auditTargetEnterprises)
            .where(eq(auditTargetEnterprises.targetId, targetId))
        )[0]?.n ?? 0,
      );
    await checkLinks(tx, auditId, { focusId, scope }, list, count);
    // Drizzle leaves out the keys whose value is undefined.
    const set: Partial<typeof auditTargets.$inferInsert> = { ...rest, updatedAt: new Date() };
    const [row] = await tx
      .update(auditTargets)
      .set(set)
      .where(versionMatches(auditTargets, targetId, version))
      .returning();
    if (!row) return throwVersionFailure(tx, auditTargets, targetId, version, 'target');
    checkWithCore(row);
    if (list) await replaceEnterprises(tx, targetId, list);
    const [item] = await dtos(tx, [row], null);
    if (!item) throw new CpError('INTERNAL', 'target vanished');
    return item;
  });
}

export async function deleteTarget(
  ctx: ServiceContext,
  auditId: string,
  targetId: string,
  version: number,
): Promise<{ ok: true }> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneTarget(tx, auditId, targetId);
    const [row] = await tx
      .delete(auditTargets)
      .where(versionMatches(auditTargets, targetId, version))
      .returning({ id: auditTargets.id });
    if (!row) await throwVersionFailure(tx, auditTargets, targetId, version, 'target');
    return { ok: true as const };
  });
}

/** Completion of every target with a baseline (core `targetCompletion`); the others are listed as skipped. */
export async function targetCompletionOf(
  ctx: ServiceContext,
  auditId: string,
): Promise<z.input<typeof auditTargetCompletionSchema>> {
  await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const rows = await ctx.db
    .select()
    .from(auditTargets)
    .where(eq(auditTargets.auditId, auditId))
    .orderBy(asc(auditTargets.sortOrder), asc(auditTargets.createdAt), asc(auditTargets.id));
  const skipped: { targetId: string; indicator: string; reason: string }[] = [];
  const targets: Target[] = [];
  for (const t of rows) {
    const { baselineValue } = t;
    if (baselineValue === null) {
      skipped.push({
        targetId: t.id,
        indicator: t.indicator,
        reason: '未填写基准值（审核前），无法计算完成率',
      });
    } else targets.push(coreTarget({ ...t, baselineValue }));
  }
  return { auditId, completion: targets.length === 0 ? null : targetCompletion({ targets }), skipped };
}
