/**
 * The home dashboard (GET /api/dashboard): one request for the bureau's or panel's overview. It reuses the audit
 * services, so scoping is theirs (services/scope.ts through `listAudits`, `dataCollection`, `auditPerformance`):
 *
 * - audits: those `listAudits` returns to the caller (bureau: its jurisdiction; panel: its audits; expert: its
 *   assignments; enterprise user: the audits listing its enterprise), with the schedule judged by the audit
 *   service (phase against plan);
 * - enterprises by data-collection status: counts per audit by `dataCollection`'s rule (guideline 7.2.1.1 b),
 *   reused while an audit's inputs are unchanged (audits/collection-counts.ts);
 * - options by status: `cp_options` rows of those audits the caller may see (`optionVisible`; all of an audit the
 *   caller sees in full, then reused while the audit's inputs are unchanged);
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
import { and, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { cpOptions, type Db, enterprises, industryAudits, mandatoryAudits } from '../../db/index.ts';
import { listAudits } from '../audits/audits.ts';
import { collectionCountsOfAudits, fullyVisibleAudits } from '../audits/collection-counts.ts';
import type { ServiceContext } from '../context.ts';
import { auditFingerprints, MAX_AUDITS, memoizedByAudit } from '../options/audit-memo.ts';
import { auditPerformances } from '../options/performance.ts';
import { mandatoryReadable, optionVisible } from '../options/scope.ts';
import { auditVisible, enterpriseVisible } from '../scope.ts';

type Benefits = NonNullable<DashboardDto['totals']['benefits']>;
type Counts<K extends string> = Record<K, number>;

/** The most audits summarised (the list page shows them all; the dashboard is an overview). */
export const DASHBOARD_AUDIT_LIMIT = 100;

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
 * The 总计 column of table 7.2 of each audit of `fullIds` (those whose performance the caller may read): the audits'
 * performance views, reused while an audit's inputs are unchanged (options/audit-memo.ts), so after a write only
 * the audits it touched are recomputed, a few at a time.
 */
async function benefitsByAudit(ctx: ServiceContext, fullIds: string[]): Promise<Map<string, Benefits>> {
  const out = new Map<string, Benefits>();
  if (fullIds.length === 0) return out;
  const performances = await auditPerformances(ctx, fullIds);
  for (const [id, p] of performances) out.set(id, benefitsOf(p.table72));
  return out;
}

type StatusCounts = Counts<(typeof OPTION_STATUS_VALUES)[number]>;

/** Options by status of `auditIds` (no scope: the caller checked it), from one grouped query. */
async function countOptions(db: Db, auditIds: string[], scope?: SQL): Promise<Map<string, StatusCounts>> {
  const out = new Map<string, StatusCounts>();
  for (const id of auditIds) out.set(id, zeroCounts(OPTION_STATUS_VALUES));
  if (auditIds.length === 0) return out;
  const rows = await db
    .select({ auditId: cpOptions.auditId, status: cpOptions.status, n: sql<number>`cast(count(*) as int)` })
    .from(cpOptions)
    .where(and(inArray(cpOptions.auditId, auditIds), scope))
    .groupBy(cpOptions.auditId, cpOptions.status);
  for (const r of rows) {
    const counts = r.auditId === null ? undefined : out.get(r.auditId);
    if (counts) counts[r.status] += Number(r.n);
  }
  return out;
}

/**
 * The options by status of each audit: of the audits the caller sees in full (all their options are visible to
 * it), reused while the audit's inputs are unchanged (the fingerprint of tables 7.2/7.3: its change counter counts
 * every option write); of the others, the options the caller may see (`optionVisible`), counted.
 */
export async function optionsByAudit(
  ctx: ServiceContext,
  ids: string[],
  full: ReadonlySet<string>,
): Promise<Map<string, StatusCounts>> {
  const fullIds = ids.filter((id) => full.has(id));
  const others = ids.filter((id) => !full.has(id));
  const [memoized, scoped] = await Promise.all([
    auditFingerprints(ctx.db, fullIds).then((fingerprints) =>
      memoizedByAudit(ctx.database, fingerprints, (chunk) => countOptions(ctx.db, chunk), 'options'),
    ),
    countOptions(ctx.db, others, optionVisible(ctx.actor)),
  ]);
  return new Map([...memoized, ...scoped]);
}

/**
 * How many options the caller sees in all (`optionVisible`), without reading the options of the audits it sees in
 * full: every option of such an audit is visible, so their number is the sum of its memoized options by status
 * (`optionsByAudit`). Only the others are counted: options of no industry audit (mandatory audits'; the index on
 * `audit_id` finds them) and those of the audits the caller does not see in full. (Counting the province bureau's
 * 200 000 visible options row by row took 60–90 ms of every dashboard after a write.)
 */
async function visibleOptionCount(ctx: ServiceContext): Promise<number> {
  const audits = await ctx.db
    .select({ id: industryAudits.id, full: sql<boolean>`(${auditVisible(ctx.actor)})` })
    .from(industryAudits);
  const fullIds = audits.filter((a) => a.full === true).map((a) => a.id);
  const partIds = audits.filter((a) => a.full !== true).map((a) => a.id);
  const count = async (where: SQL | undefined) => {
    const [row] = await ctx.db
      .select({ n: sql<number>`cast(count(*) as int)` })
      .from(cpOptions)
      .where(and(where, optionVisible(ctx.actor)));
    return Number(row?.n ?? 0);
  };
  // More audits than the memo keeps would be recomputed at every call: count them row by row instead.
  if (fullIds.length > MAX_AUDITS / 2) return count(undefined);
  const [inFull, noAudit, inPart] = await Promise.all([
    optionsByAudit(ctx, fullIds, new Set(fullIds)),
    count(isNull(cpOptions.auditId)),
    partIds.length === 0 ? 0 : count(inArray(cpOptions.auditId, partIds)),
  ]);
  let n = noAudit + inPart;
  for (const byStatus of inFull.values()) for (const k of OPTION_STATUS_VALUES) n += byStatus[k];
  return n;
}

export async function getDashboard(ctx: ServiceContext): Promise<DashboardDto> {
  const { items } = await listAudits(ctx, {
    limit: DASHBOARD_AUDIT_LIMIT,
    offset: 0,
    order: 'asc',
  });
  const ids = items.map((a) => a.id);

  const full = await fullyVisibleAudits(ctx, ids);
  const fullIds = ids.filter((id) => full.has(id));

  const totals: DashboardDto['totals'] = {
    audits: items.length,
    auditsByStatus: zeroCounts(AUDIT_STATUS_VALUES),
    enterprisesByCollection: zeroCounts(AUDIT_COLLECTION_STATUS_VALUES),
    optionsByStatus: zeroCounts(OPTION_STATUS_VALUES),
    benefits: null,
  };
  const audits: DashboardDto['audits'] = [];
  const benefitsOfAudit = await benefitsByAudit(ctx, fullIds);
  const optionsOfAudit = await optionsByAudit(ctx, ids, full);
  // Data-collection counts per audit (the audit service's rule), reused while an audit's inputs are unchanged.
  const collections = await collectionCountsOfAudits(ctx, ids, full);
  for (const a of items) {
    const enterprisesByCollection = {
      ...zeroCounts(AUDIT_COLLECTION_STATUS_VALUES),
      ...collections.get(a.id),
    };
    const optionsByStatus = { ...zeroCounts(OPTION_STATUS_VALUES), ...optionsOfAudit.get(a.id) };
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
  const optionCount = await visibleOptionCount(ctx);

  return {
    audits,
    totals,
    counts: {
      enterprises: Number(ent?.n ?? 0),
      mandatoryAudits: Number(mand?.n ?? 0),
      options: optionCount,
    },
  };
}
