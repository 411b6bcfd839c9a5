/**
 * Feasibility screening of options (guideline 7.3.2: technical feasibility, environmental benefit, difficulty,
 * investment) by the 权重总和计分排序法 (facts §5.2), computed by the core `rankByWeightedSum` over the options
 * of one audit. Each option stores its total (`screening_score`) and its part of the core's breakdown.
 */
import type { optionScreeningBody } from '@cpaudit/contract';
import { type Breakdown, CpError, rankByWeightedSum, type ScreenInput } from '@cpaudit/core';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  cpOptions,
  industryAudits,
  mandatoryAudits,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { auditManageable, notFound } from '../scope.ts';
import { writeMapped } from './access.ts';
import { auditOptionsReadable, mandatoryReadable, mandatoryScreenable } from './scope.ts';

type Body = z.output<typeof optionScreeningBody>;

/** Options being implemented or done are no longer screened. */
const SCREENABLE = new Set(['proposed', 'screened', 'feasible', 'rejected']);

export type ScreeningOwner = { auditId: string } | { mandatoryAuditId: string };

async function checkOwner(ctx: ServiceContext, owner: ScreeningOwner): Promise<SQL> {
  const a = ctx.actor;
  if ('auditId' in owner) {
    const [audit] = await ctx.db
      .select({
        status: industryAudits.status,
        readable: sql<boolean>`${auditOptionsReadable(a)}`,
        manageable: sql<boolean>`${auditManageable(a)}`,
      })
      .from(industryAudits)
      .where(eq(industryAudits.id, owner.auditId));
    if (audit?.readable !== true) throw notFound('audit', owner.auditId);
    if (audit.manageable !== true)
      throw new CpError('FORBIDDEN', "screening is the audit panel's or bureau's");
    if (audit.status === 'closed' || audit.status === 'cancelled') {
      throw new CpError('STATE_CONFLICT', `the audit is ${audit.status}`);
    }
    return eq(cpOptions.auditId, owner.auditId);
  }
  const [m] = await ctx.db
    .select({
      status: mandatoryAudits.status,
      readable: sql<boolean>`${mandatoryReadable(a)}`,
      screenable: sql<boolean>`${mandatoryScreenable(a)}`,
    })
    .from(mandatoryAudits)
    .where(eq(mandatoryAudits.id, owner.mandatoryAuditId));
  if (m?.readable !== true) throw notFound('mandatory audit', owner.mandatoryAuditId);
  if (m.screenable !== true) throw new CpError('FORBIDDEN', 'you cannot screen the options of this audit');
  if (m.status === 'submitted' || m.status === 'accepted') {
    throw new CpError(
      'STATE_CONFLICT',
      `the mandatory audit is ${m.status}: its options are locked until returned`,
    );
  }
  return eq(cpOptions.mandatoryAuditId, owner.mandatoryAuditId);
}

export async function screenOptions(ctx: ServiceContext, owner: ScreeningOwner, body: Body) {
  const belongs = await checkOwner(ctx, owner);
  const ids = body.candidates.map((c) => c.optionId);
  const rows = await ctx.db
    .select({ id: cpOptions.id, name: cpOptions.name, status: cpOptions.status })
    .from(cpOptions)
    .where(and(belongs, inArray(cpOptions.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const candidates = body.candidates.map((c, k) => {
    const row = byId.get(c.optionId);
    const field = `candidates.${k}.optionId`;
    if (!row) throw new CpError('VALIDATION', `${field}: not an option of this audit`, { field });
    if (!SCREENABLE.has(row.status)) {
      throw new CpError('STATE_CONFLICT', `${field}: the option is ${row.status} and no longer screened`, {
        field,
      });
    }
    return { id: c.optionId, name: row.name, scores: c.scores };
  });
  const input: ScreenInput = {
    candidates,
    ...(body.criteriaSet === undefined ? {} : { criteriaSet: body.criteriaSet }),
    ...(body.criteria === undefined ? {} : { criteria: body.criteria }),
    ...(body.tieBreak === undefined ? {} : { tieBreak: body.tieBreak }),
  };
  // Field paths of the core's errors (candidates.k.scores.x, criteria.k.weight) are those of the body.
  const ranked = rankByWeightedSum(input);
  const overall = ranked.breakdown;
  const versions = new Map(body.candidates.map((c) => [c.optionId, c.version]));
  const stepOf = new Map(ranked.value.ranking.map((r, k) => [r.id, overall.steps?.[k]]));

  const newVersions = await writeMapped(ctx, async (tx) => {
    const out = new Map<string, number>();
    for (const r of ranked.value.ranking) {
      const step = stepOf.get(r.id);
      // The option's own share of the ranking: the method, the weights (factors), its terms and its rank.
      const own: Breakdown = {
        label: overall.label,
        ...(overall.formula === undefined ? {} : { formula: overall.formula }),
        ...(overall.clause === undefined ? {} : { clause: overall.clause }),
        inputs: [
          { name: 'rank', value: r.rank },
          { name: 'candidates', value: ranked.value.ranking.length },
        ],
        factors: overall.factors,
        result: r.total,
        ...(step ? { steps: [step] } : {}),
        notes: [
          `第${r.rank}名 / ${ranked.value.ranking.length}${r.tiedWith.length > 0 ? '（并列）' : ''}`,
          ...(overall.notes ?? []),
        ],
      };
      const version = versions.get(r.id) ?? 0;
      const [row] = await tx
        .update(cpOptions)
        .set({ screeningScore: r.total, screening: own })
        .where(versionMatches(cpOptions, r.id, version))
        .returning({ version: cpOptions.version });
      if (!row) await throwVersionFailure(tx, cpOptions, r.id, version, 'option');
      else out.set(r.id, row.version);
    }
    return out;
  });
  return {
    ranking: ranked.value.ranking.map((r) => ({
      optionId: r.id,
      name: r.name,
      rank: r.rank,
      total: r.total,
      tiedWith: r.tiedWith,
      version: newVersions.get(r.id) ?? 0,
    })),
    lines: ranked.value.lines,
    breakdown: overall,
  };
}
