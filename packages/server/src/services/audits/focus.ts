/**
 * 确定审核重点 (guideline 7.2.2): focus candidates by orientation (7.2.2.2 a–e), scored with the core's
 * weighted-sum ranking (权重总和计分排序法, `rankByWeightedSum`); each candidate keeps its score and the breakdown
 * of its scoring, and the best ones can be marked selected.
 */
import type {
  auditFocusSchema,
  auditFocusScoringSchema,
  createAuditFocusBody,
  listAuditFocusesQuery,
  scoreAuditFocusesBody,
  updateAuditFocusBody,
} from '@cpaudit/contract';
import { type Breakdown, CpError, rankByWeightedSum, type ScreenInput } from '@cpaudit/core';
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AuditFocus,
  auditFocuses,
  type Db,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../scope.ts';
import { likePattern, loadAuditAccess, requireManage, stamps, writeAudit } from './access.ts';

type FocusDto = z.input<typeof auditFocusSchema>;

function dto(f: AuditFocus): FocusDto {
  return {
    id: f.id,
    auditId: f.auditId,
    orientation: f.orientation,
    title: f.title,
    description: f.description,
    score: f.score,
    scoring: f.scoring ?? null,
    selected: f.selected,
    sortOrder: f.sortOrder,
    ...stamps(f),
  };
}

const SORTS = {
  sortOrder: auditFocuses.sortOrder,
  score: auditFocuses.score,
  title: auditFocuses.title,
} as const;

export async function listFocuses(
  ctx: ServiceContext,
  auditId: string,
  q: z.output<typeof listAuditFocusesQuery>,
): Promise<{ items: FocusDto[]; total: number }> {
  await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const conds: SQL[] = [eq(auditFocuses.auditId, auditId)];
  if (q.selected) conds.push(eq(auditFocuses.selected, q.selected === 'true'));
  if (q.q) {
    const p = likePattern(q.q);
    const text = or(ilike(auditFocuses.title, p), ilike(auditFocuses.description, p));
    if (text) conds.push(text);
  }
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const rows = await ctx.db
    .select()
    .from(auditFocuses)
    .where(where)
    .orderBy(dir(SORTS[q.sort ?? 'sortOrder']), asc(auditFocuses.title), asc(auditFocuses.id))
    .limit(q.limit)
    .offset(q.offset);
  const [count] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(auditFocuses)
    .where(where);
  return { items: rows.map(dto), total: Number(count?.n ?? 0) };
}

async function oneFocus(db: Db, auditId: string, focusId: string): Promise<AuditFocus> {
  const [row] = await db
    .select()
    .from(auditFocuses)
    .where(and(eq(auditFocuses.id, focusId), eq(auditFocuses.auditId, auditId)));
  if (!row) throw notFound('audit focus', focusId);
  return row;
}

export async function createFocus(
  ctx: ServiceContext,
  auditId: string,
  body: z.output<typeof createAuditFocusBody>,
): Promise<FocusDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    const [row] = await tx
      .insert(auditFocuses)
      .values({
        auditId,
        orientation: body.orientation,
        title: body.title,
        description: body.description ?? null,
        selected: body.selected,
        sortOrder: body.sortOrder ?? 0,
      })
      .returning();
    if (!row) throw new CpError('INTERNAL', 'focus insert returned nothing');
    return dto(row);
  });
}

export async function updateFocus(
  ctx: ServiceContext,
  auditId: string,
  focusId: string,
  body: z.output<typeof updateAuditFocusBody>,
): Promise<FocusDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneFocus(tx, auditId, focusId);
    const { version, ...rest } = body;
    // Drizzle leaves out the keys whose value is undefined.
    const set: Partial<typeof auditFocuses.$inferInsert> = { ...rest, updatedAt: new Date() };
    const [row] = await tx
      .update(auditFocuses)
      .set(set)
      .where(versionMatches(auditFocuses, focusId, version))
      .returning();
    return row ? dto(row) : throwVersionFailure(tx, auditFocuses, focusId, version, 'audit focus');
  });
}

export async function deleteFocus(
  ctx: ServiceContext,
  auditId: string,
  focusId: string,
  version: number,
): Promise<{ ok: true }> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId);
    await oneFocus(tx, auditId, focusId);
    const [row] = await tx
      .delete(auditFocuses)
      .where(versionMatches(auditFocuses, focusId, version))
      .returning({ id: auditFocuses.id });
    if (!row) await throwVersionFailure(tx, auditFocuses, focusId, version, 'audit focus');
    return { ok: true as const };
  });
}

/**
 * Scores the given candidates by Σ R × W (core `rankByWeightedSum`; the `audit-focus` criteria set unless the
 * panel gives its own), stores each one's total and breakdown and its rank as `sortOrder`, and with `selectTop`
 * marks those ranked within the top N selected (tied candidates share a rank, so a tie at N selects them all).
 */
export async function scoreFocuses(
  ctx: ServiceContext,
  auditId: string,
  body: z.output<typeof scoreAuditFocusesBody>,
): Promise<z.input<typeof auditFocusScoringSchema>> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId, { lock: true });
    const ids = body.candidates.map((c) => c.focusId);
    const rows = await tx
      .select()
      .from(auditFocuses)
      .where(and(eq(auditFocuses.auditId, auditId), inArray(auditFocuses.id, ids)));
    body.candidates.forEach((c, k) => {
      if (ids.indexOf(c.focusId) !== k) {
        throw new CpError('VALIDATION', `candidates.${k}.focusId: audit focus ${c.focusId} is listed twice`, {
          field: `candidates.${k}.focusId`,
        });
      }
      if (!rows.some((r) => r.id === c.focusId)) {
        throw new CpError('NOT_FOUND', `candidates.${k}.focusId: audit focus ${c.focusId} not found`, {
          field: `candidates.${k}.focusId`,
        });
      }
    });
    const input: ScreenInput = {
      ...(body.criteria ? { criteria: body.criteria } : { criteriaSet: 'audit-focus' }),
      candidates: body.candidates.map((c) => ({
        id: c.focusId,
        name: rows.find((r) => r.id === c.focusId)?.title ?? c.focusId,
        scores: c.scores,
      })),
      ...(body.tieBreak === undefined ? {} : { tieBreak: body.tieBreak }),
    };
    const result = rankByWeightedSum(input);
    const top = result.breakdown;
    for (const [k, r] of result.value.ranking.entries()) {
      const c = body.candidates.find((x) => x.focusId === r.id);
      const step = top.steps?.[k];
      if (!c || !step) throw new CpError('INTERNAL', `ranking lost candidate ${r.id}`);
      const scoring: Breakdown = {
        ...step,
        clause: top.clause ?? step.clause,
        factors: top.factors,
        notes: [
          ...(step.notes ?? []),
          `共${result.value.ranking.length}个备选审核重点，排第${r.rank}名`,
          ...(top.notes ?? []),
        ],
      };
      const set: Partial<typeof auditFocuses.$inferInsert> = {
        score: r.total,
        scoring,
        sortOrder: r.rank,
        updatedAt: new Date(),
      };
      if (body.selectTop !== undefined) set.selected = r.rank <= body.selectTop;
      const [row] = await tx
        .update(auditFocuses)
        .set(set)
        .where(versionMatches(auditFocuses, r.id, c.version))
        .returning({ id: auditFocuses.id });
      if (!row) await throwVersionFailure(tx, auditFocuses, r.id, c.version, 'audit focus');
    }
    const stored = await tx
      .select()
      .from(auditFocuses)
      .where(and(eq(auditFocuses.auditId, auditId), inArray(auditFocuses.id, ids)))
      .orderBy(asc(auditFocuses.sortOrder), asc(auditFocuses.id));
    return { ranking: result.value, breakdown: top, focuses: stored.map(dto) };
  });
}
