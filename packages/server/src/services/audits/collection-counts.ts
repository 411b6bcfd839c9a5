/**
 * The data-collection counts of many audits at once (the dashboard's 企业数据采集 per audit): how many listed
 * enterprises (candidate or selected) are at each collection status (collection.ts, guideline 7.2.1.1 b), by the
 * rule `dataCollection` applies to one audit.
 *
 * For an actor who sees every listed enterprise of an audit (its bureau, its panel, assigned experts, the
 * administrators: `auditVisible`), the counts do not depend on who asks, so they are kept in the per-process audit
 * memo (options/audit-memo.ts, view 'collection') under a fingerprint read in one statement: the audit row's `xmin`
 * (its period gives the default years), the audit's change counter (its listed enterprises, bumped by the
 * database on every write of `audit_enterprises`), and the sum of the change counters of those enterprises (bumped
 * on every write of their annual values and submissions; counters only grow, so the sum changes whenever one of
 * them does). After a write, the province's dashboard recomputes only the audits whose enterprises it touched
 * (issue 6: it recomputed the counts of all 91 audits, 3–4 s). Anyone else (an enterprise user sees its own
 * enterprises only) gets `dataCollection`'s answer, computed.
 */

import { and, inArray, sql } from 'drizzle-orm';
import { auditEnterprises, changeCounters, type Db, executeRows, industryAudits } from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { memoizedByAudit } from '../options/audit-memo.ts';
import { auditVisible } from '../scope.ts';
import { LISTED_STATUSES } from './access.ts';
import { type CollectionStatus, collectionFor, dataYearsOf } from './collection.ts';
import { dataCollection } from './enterprises.ts';

export type CollectionCounts = Record<CollectionStatus, number>;

function zero(): CollectionCounts {
  return { not_started: 0, in_progress: 0, complete: 0, submitted: 0, returned: 0 };
}

/** The fingerprint of each audit's collection inputs (audits that do not exist are absent). */
export async function collectionFingerprints(
  db: Db,
  auditIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (auditIds.length === 0) return out;
  const a = industryAudits;
  const ae = auditEnterprises;
  const c = changeCounters;
  const rows = await executeRows(
    db,
    sql`with e as (
          select ${ae.auditId} as audit_id, coalesce(sum(${c.changes}), 0) as s
          from ${ae} left join ${c} on ${c.subject} = 'enterprise' and ${c.subjectId} = ${ae.enterpriseId}
          where ${inArray(ae.auditId, [...auditIds])}
          group by ${ae.auditId})
        select ${a.id} as id,
          (${a}.xmin)::text || '/' || coalesce(ac.changes, 0) || '/' || coalesce(e.s, 0) as fp
        from ${a}
          left join ${c} ac on ac.subject = 'audit' and ac.subject_id = ${a.id}
          left join e on e.audit_id = ${a.id}
        where ${inArray(a.id, [...auditIds])}`,
  );
  for (const r of rows) out.set(String(r.id), String(r.fp));
  return out;
}

/** The counts of `auditIds` over all their listed enterprises (no scoping: the caller sees them all). */
async function computeCounts(db: Db, auditIds: string[]): Promise<Map<string, CollectionCounts>> {
  const [audits, listed] = await Promise.all([
    db
      .select({ id: industryAudits.id, periodStart: industryAudits.periodStart })
      .from(industryAudits)
      .where(inArray(industryAudits.id, auditIds)),
    db
      .select({
        auditId: auditEnterprises.auditId,
        enterpriseId: auditEnterprises.enterpriseId,
        dataYears: auditEnterprises.dataYears,
      })
      .from(auditEnterprises)
      .where(
        and(
          inArray(auditEnterprises.auditId, auditIds),
          inArray(auditEnterprises.status, [...LISTED_STATUSES]),
        ),
      ),
  ]);
  const out = new Map<string, CollectionCounts>();
  for (const audit of audits) {
    // Per audit: an enterprise listed by two audits may be asked for different years.
    const rows = listed
      .filter((r) => r.auditId === audit.id)
      .map((r) => ({
        enterpriseId: r.enterpriseId,
        years: dataYearsOf(r.dataYears, audit.periodStart),
      }));
    const collections = await collectionFor(db, rows);
    const counts = zero();
    for (const r of rows) {
      const c = collections.get(r.enterpriseId);
      if (c) counts[c.status] += 1;
    }
    out.set(audit.id, counts);
  }
  return out;
}

/** Those of `auditIds` whose every listed enterprise, option and performance the actor sees (`auditVisible`). */
export async function fullyVisibleAudits(
  ctx: Pick<ServiceContext, 'db' | 'actor'>,
  auditIds: readonly string[],
): Promise<Set<string>> {
  if (auditIds.length === 0) return new Set();
  const rows = await ctx.db
    .select({ id: industryAudits.id })
    .from(industryAudits)
    .where(and(inArray(industryAudits.id, [...auditIds]), auditVisible(ctx.actor)));
  return new Set(rows.map((r) => r.id));
}

/**
 * The collection counts of each audit of `auditIds` the actor may read (`listAudits` gave them): memoized where the
 * actor sees every listed enterprise, else `dataCollection`'s counts for the actor.
 */
export async function collectionCountsOfAudits(
  ctx: ServiceContext,
  auditIds: readonly string[],
  /** Those of `auditIds` the actor sees in full (`auditVisible`), when the caller has read them already. */
  fullyVisible?: ReadonlySet<string>,
): Promise<Map<string, CollectionCounts>> {
  const out = new Map<string, CollectionCounts>();
  if (auditIds.length === 0) return out;
  const full = fullyVisible ?? (await fullyVisibleAudits(ctx, auditIds));
  const fullIds = auditIds.filter((id) => full.has(id));
  if (fullIds.length > 0) {
    const fingerprints = await collectionFingerprints(ctx.db, fullIds);
    const counts = await memoizedByAudit(
      ctx.database,
      fingerprints,
      (ids) => computeCounts(ctx.db, ids),
      'collection',
    );
    for (const [id, c] of counts) out.set(id, c);
  }
  for (const id of auditIds) {
    if (full.has(id)) continue;
    const own = await dataCollection(ctx, id, { limit: 1, offset: 0, order: 'asc' });
    out.set(id, { ...zero(), ...own.counts });
  }
  return out;
}
