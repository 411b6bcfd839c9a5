/**
 * Reviews of options by the audit panel and assigned experts (expert_assignments): stage (screening, feasibility,
 * verification), verdict, comment and, optionally, per-criterion scores R (1–10) turned into Σ R×W by the core's
 * weighted-sum method (7.3.2; facts §5.2), stored as its breakdown.
 */
import type { optionReviewCreateBody, optionReviewUpdateBody } from '@cpaudit/contract';
import { type Breakdown, CpError, rankByWeightedSum, type ScreenInput } from '@cpaudit/core';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type OptionReview,
  optionReviews,
  throwVersionFailure,
  users,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../scope.ts';
import { type LoadedOption, loadOption, requirePower, writeMapped } from './access.ts';

type Create = z.output<typeof optionReviewCreateBody>;
type Update = z.output<typeof optionReviewUpdateBody>;
type Scoring = NonNullable<Create['scoring']>;

/** Verification reviews judge an implemented option (7.4.2 evidence). */
const VERIFIABLE = new Set(['implemented', 'verified']);

function reviewJson(r: OptionReview, reviewerName: string) {
  const total = r.scores !== null && typeof r.scores.result === 'number' ? r.scores.result : null;
  return {
    id: r.id,
    optionId: r.optionId,
    reviewerId: r.reviewerId,
    reviewerName,
    stage: r.stage,
    verdict: r.verdict,
    comment: r.comment,
    total,
    scores: r.scores,
    reviewedAt: r.reviewedAt.toISOString(),
    version: r.version,
  };
}

/** Σ R×W of one option by the core (the ranking of a single candidate): its step, with the weights' sources. */
function scoreOf(o: LoadedOption, scoring: Scoring): Breakdown {
  const input: ScreenInput = {
    candidates: [{ id: o.row.id, name: o.row.name, scores: scoring.scores }],
    ...(scoring.criteriaSet === undefined ? {} : { criteriaSet: scoring.criteriaSet }),
    ...(scoring.criteria === undefined ? {} : { criteria: scoring.criteria }),
  };
  let r: ReturnType<typeof rankByWeightedSum>;
  try {
    r = rankByWeightedSum(input);
  } catch (e) {
    // The core names `candidates.0.scores.x`; the request calls it `scoring.scores.x`.
    if (e instanceof CpError) {
      const field = e.field?.replace(/^candidates\.0\./, 'scoring.').replace(/^criteria/, 'scoring.criteria');
      throw new CpError(e.code, e.message, field === undefined ? {} : { field });
    }
    throw e;
  }
  const ranked = r.value.ranking[0];
  return {
    label: `评审打分 / review scores: ${r.breakdown.label}`,
    ...(r.breakdown.formula === undefined ? {} : { formula: r.breakdown.formula }),
    ...(r.breakdown.clause === undefined ? {} : { clause: r.breakdown.clause }),
    inputs: (ranked?.terms ?? []).map((t) => ({ name: `R ${t.criterion}`, value: t.score })),
    factors: r.breakdown.factors,
    result: ranked?.total ?? null,
    ...(r.breakdown.steps ? { steps: r.breakdown.steps } : {}),
  };
}

async function reviewerName(ctx: ServiceContext, userId: string): Promise<string> {
  const [u] = await ctx.db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return u?.name ?? '';
}

export async function listReviews(ctx: ServiceContext, optionId: string) {
  await loadOption(ctx.db, ctx, optionId);
  const rows = await ctx.db
    .select({ r: optionReviews, name: users.displayName })
    .from(optionReviews)
    .innerJoin(users, eq(users.id, optionReviews.reviewerId))
    .where(eq(optionReviews.optionId, optionId))
    .orderBy(asc(optionReviews.reviewedAt), asc(optionReviews.id));
  return { items: rows.map((x) => reviewJson(x.r, x.name)) };
}

export async function createReview(ctx: ServiceContext, optionId: string, body: Create) {
  const o = await loadOption(ctx.db, ctx, optionId);
  requirePower(o, 'review', 'review (assigned experts and panel members review)');
  if (body.stage === 'verification' && !VERIFIABLE.has(o.row.status)) {
    throw new CpError(
      'STATE_CONFLICT',
      `a verification review needs an implemented option (it is ${o.row.status})`,
      {
        field: 'stage',
      },
    );
  }
  const scores = body.scoring ? scoreOf(o, body.scoring) : null;
  const row = await writeMapped(ctx, async (tx) => {
    const [r] = await tx
      .insert(optionReviews)
      .values({
        optionId,
        reviewerId: ctx.actor.userId,
        stage: body.stage,
        verdict: body.verdict,
        comment: body.comment ?? null,
        scores,
        reviewedAt: ctx.now(),
      })
      .returning();
    if (!r) throw new CpError('INTERNAL', 'review insert returned nothing');
    return r;
  });
  return reviewJson(row, await reviewerName(ctx, ctx.actor.userId));
}

export async function updateReview(ctx: ServiceContext, reviewId: string, body: Update) {
  const [existing] = await ctx.db.select().from(optionReviews).where(eq(optionReviews.id, reviewId));
  if (!existing) throw notFound('review', reviewId);
  // The option must still be visible (404 otherwise); only the reviewer changes a review.
  const o = await loadOption(ctx.db, ctx, existing.optionId).catch(() => {
    throw notFound('review', reviewId);
  });
  if (existing.reviewerId !== ctx.actor.userId)
    throw new CpError('FORBIDDEN', 'only its author changes a review');
  requirePower(o, 'review', 'review');
  const set: Partial<typeof optionReviews.$inferInsert> = { reviewedAt: ctx.now() };
  if (body.verdict !== undefined) set.verdict = body.verdict;
  if (body.comment !== undefined) set.comment = body.comment;
  if (body.scoring !== undefined) set.scores = body.scoring === null ? null : scoreOf(o, body.scoring);
  const row = await writeMapped(ctx, async (tx) => {
    const [r] = await tx
      .update(optionReviews)
      .set(set)
      .where(and(versionMatches(optionReviews, reviewId, body.version)))
      .returning();
    if (!r) return throwVersionFailure(tx, optionReviews, reviewId, body.version, 'review');
    return r;
  });
  return reviewJson(row, await reviewerName(ctx, row.reviewerId));
}
