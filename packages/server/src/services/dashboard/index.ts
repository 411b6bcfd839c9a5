/**
 * The home dashboard (GET /api/dashboard): one request for the bureau's or panel's overview. It reuses the audit
 * services, so scoping is theirs (services/scope.ts through `listAudits`, `dataCollection`, `auditPerformance`):
 *
 * - audits: those `listAudits` returns to the caller (bureau: its jurisdiction; panel: its audits; expert: its
 *   assignments; enterprise user: the audits listing its enterprise), with the schedule judged by the audit
 *   service (phase against plan);
 * - enterprises by data-collection status: `dataCollection` (guideline 7.2.1.1 b) counts per audit;
 * - options by status: `cp_options` rows of those audits the caller may see (`optionVisible`);
 * - benefits: from Appendix B table 7.2 as `auditPerformance` gives it (money and count of the implemented options,
 *   the reductions and savings as its 总计 prints them; see `benefitsOf`) (core `coreOptions` +
 *   `aggregateIndustryReport` with the audit's threshold; table 7.2 does not depend on the targets), only for
 *   audits whose performance the caller may read (`auditVisible`, the rule of `auditPerformance`; the others give
 *   null: enterprise users). The options and benefit lines of all those audits are read in two queries, only the
 *   columns the core reads.
 *
 * Totals over the audits add the per-audit totals the core computed; nothing is recomputed here. The answer is
 * cached by data version (routes/dashboard.ts, services/read-cache.ts).
 */
import {
  AUDIT_COLLECTION_STATUS_VALUES,
  AUDIT_STATUS_VALUES,
  type DashboardDto,
  OPTION_STATUS_VALUES,
} from '@cpaudit/contract';
import type { aggregateIndustryReport } from '@cpaudit/core';
import { and, inArray, sql } from 'drizzle-orm';
import { cpOptions, enterprises, industryAudits, mandatoryAudits } from '../../db/index.ts';
import { listAudits } from '../audits/audits.ts';
import { dataCollection } from '../audits/enterprises.ts';
import type { ServiceContext } from '../context.ts';
import { auditPerformances } from '../options/performance.ts';
import { mandatoryReadable, optionVisible } from '../options/scope.ts';
import { auditVisible, enterpriseVisible } from '../scope.ts';

type Benefits = NonNullable<DashboardDto['totals']['benefits']>;
type Counts<K extends string> = Record<K, number>;

/** The most audits summarised (the list page shows them all; the dashboard is an overview). */
export const DASHBOARD_AUDIT_LIMIT = 100;

/** Audits whose data-collection counts are read at the same time (a share of the PostgreSQL pool of 10). */
const COLLECTION_CONCURRENCY = 4;

function zeroCounts<K extends string>(keys: readonly K[]): Counts<K> {
  const out = {} as Counts<K>;
  for (const k of keys) out[k] = 0;
  return out;
}

function addCounts<K extends string>(into: Counts<K>, from: Counts<K>): void {
  for (const k of Object.keys(from) as K[]) into[k] = (into[k] ?? 0) + from[k];
}

/**
 * One audit's benefits from its table 7.2 as the core computed it: option count, investment and economic benefit
 * of the implemented options only (已实施无/低费 + 中/高费已实施 columns: the 总计 column also holds the pending
 * mid/high-cost options at their planned figures, which a "benefits so far" card must not add); the reductions and
 * savings rows, which table 7.2 prints as one 总计 figure, as printed (their label says so).
 */
function benefitsOf(t: ReturnType<typeof aggregateIndustryReport>['value']['table72']): Benefits {
  const saving = (key: string) => t.resourceEnergySavings.find((c) => c.key === key)?.value ?? 0;
  const implemented = (row: Partial<Record<string, number | null>>) =>
    (row['no-low-implemented'] ?? 0) + (row['mid-high-implemented'] ?? 0);
  return {
    optionCount: implemented(t.optionCount),
    investment_wanYuan: implemented(t.investment_wanYuan),
    economicBenefit_wanYuanPerYear: implemented(t.economicBenefit_wanYuanPerYear),
    pollutants: t.environmentalBenefits
      .filter((c) => c.key !== 'co2')
      .map((c) => ({ key: c.key, label: c.label, value: c.value, unit: c.unit })),
    co2_tPerYear: t.environmentalBenefits.find((c) => c.key === 'co2')?.value ?? 0,
    water_tPerYear: saving('water'),
    energy_tcePerYear: saving('comprehensive-energy'),
  };
}

function addBenefits(into: Benefits | null, b: Benefits): Benefits {
  if (!into) return { ...b, pollutants: b.pollutants.map((p) => ({ ...p })) };
  const pollutants = into.pollutants.map((p) => ({ ...p }));
  for (const p of b.pollutants) {
    const same = pollutants.find((x) => x.key === p.key && x.unit === p.unit);
    if (same) same.value += p.value;
    else pollutants.push({ ...p });
  }
  return {
    optionCount: into.optionCount + b.optionCount,
    investment_wanYuan: into.investment_wanYuan + b.investment_wanYuan,
    economicBenefit_wanYuanPerYear: into.economicBenefit_wanYuanPerYear + b.economicBenefit_wanYuanPerYear,
    pollutants,
    co2_tPerYear: into.co2_tPerYear + b.co2_tPerYear,
    water_tPerYear: into.water_tPerYear + b.water_tPerYear,
    energy_tcePerYear: into.energy_tcePerYear + b.energy_tcePerYear,
  };
}

/**
 * The 总计 column of table 7.2 of each audit whose performance the caller may read (others absent): the audits'
 * performance views, reused while an audit's inputs are unchanged (options/audit-memo.ts), so after a write only
 * the audits it touched are recomputed, a few at a time.
 */
async function benefitsByAudit(ctx: ServiceContext, auditIds: string[]): Promise<Map<string, Benefits>> {
  const out = new Map<string, Benefits>();
  if (auditIds.length === 0) return out;
  const audits = await ctx.db
    .select({ id: industryAudits.id })
    .from(industryAudits)
    .where(and(inArray(industryAudits.id, auditIds), auditVisible(ctx.actor)));
  if (audits.length === 0) return out;
  const performances = await auditPerformances(
    ctx,
    audits.map((a) => a.id),
  );
  for (const [id, p] of performances) out.set(id, benefitsOf(p.table72));
  return out;
}

/** `fn` over `items`, at most `limit` at a time (the database pool serves them concurrently), in order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function getDashboard(ctx: ServiceContext): Promise<DashboardDto> {
  const { items } = await listAudits(ctx, {
    limit: DASHBOARD_AUDIT_LIMIT,
    offset: 0,
    order: 'asc',
  });
  const ids = items.map((a) => a.id);

  const optionRows =
    ids.length === 0
      ? []
      : await ctx.db
          .select({
            auditId: cpOptions.auditId,
            status: cpOptions.status,
            n: sql<number>`cast(count(*) as int)`,
          })
          .from(cpOptions)
          .where(and(inArray(cpOptions.auditId, ids), optionVisible(ctx.actor)))
          .groupBy(cpOptions.auditId, cpOptions.status);

  const totals: DashboardDto['totals'] = {
    audits: items.length,
    auditsByStatus: zeroCounts(AUDIT_STATUS_VALUES),
    enterprisesByCollection: zeroCounts(AUDIT_COLLECTION_STATUS_VALUES),
    optionsByStatus: zeroCounts(OPTION_STATUS_VALUES),
    benefits: null,
  };
  const audits: DashboardDto['audits'] = [];
  const benefitsOfAudit = await benefitsByAudit(ctx, ids);
  // Data-collection counts per audit (the audit service's rule), a few audits at a time.
  const collections = await mapLimited(items, COLLECTION_CONCURRENCY, (a) =>
    dataCollection(ctx, a.id, { limit: 1, offset: 0, order: 'asc' }),
  );
  for (const [i, a] of items.entries()) {
    const collection = collections[i];
    const enterprisesByCollection = { ...zeroCounts(AUDIT_COLLECTION_STATUS_VALUES), ...collection?.counts };
    const optionsByStatus = zeroCounts(OPTION_STATUS_VALUES);
    for (const r of optionRows) if (r.auditId === a.id) optionsByStatus[r.status] += Number(r.n);
    const benefits = benefitsOfAudit.get(a.id) ?? null;

    totals.auditsByStatus[a.status] += 1;
    addCounts(totals.enterprisesByCollection, enterprisesByCollection);
    addCounts(totals.optionsByStatus, optionsByStatus);
    if (benefits) totals.benefits = addBenefits(totals.benefits, benefits);
    audits.push({
      id: a.id,
      title: a.title,
      regionName: a.regionName,
      industryName: a.industryName,
      periodStart: a.periodStart,
      periodEnd: a.periodEnd,
      status: a.status,
      schedule: a.schedule,
      enterprisesByCollection,
      optionsByStatus,
      benefits,
    });
  }

  const [ent] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(enterprises)
    .where(enterpriseVisible(ctx.actor));
  const [mand] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(mandatoryAudits)
    .where(mandatoryReadable(ctx.actor));
  const [opt] = await ctx.db
    .select({ n: sql<number>`cast(count(*) as int)` })
    .from(cpOptions)
    .where(optionVisible(ctx.actor));

  return {
    audits,
    totals,
    counts: {
      enterprises: Number(ent?.n ?? 0),
      mandatoryAudits: Number(mand?.n ?? 0),
      options: Number(opt?.n ?? 0),
    },
  };
}
