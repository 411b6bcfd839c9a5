/**
 * Performance views, computed by the core and never here: an industry audit's Appendix B table 7.2 (core
 * `aggregateIndustryReport` over the audit's options, with the audit's 无/低费 threshold) and table 7.3 (core
 * `targetCompletion` of its targets, run inside the report); a mandatory audit's Guangdong form summaries (core
 * `aggregateGuangdongForm` with the grid factor of the enterprise's province and the form's year, core
 * `findGridFactor`; form notes 12–15).
 */
import type { mandatoryPerformanceQuery } from '@cpaudit/contract';
import {
  type AggregationSettingsInput,
  aggregateGuangdongForm,
  aggregateIndustryReport,
  assessTarget,
  CpError,
  DEFAULT_AGGREGATION_SETTINGS,
  findGridFactor,
  isCpError,
  type Target,
} from '@cpaudit/core';
import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  auditTargets,
  cpOptions,
  type Database,
  type Db,
  enterprises,
  industryAudits,
  mandatoryAudits,
  optionBenefits,
  regions,
} from '../../db/index.ts';
import { avoidedTaxAdditions } from '../compliance/avoided-tax.ts';
import type { ServiceContext } from '../context.ts';
import { auditVisible, notFound } from '../scope.ts';
import { auditFingerprints, memoizedByAudit } from './audit-memo.ts';
import { readCoreOptions } from './core-read.ts';
import {
  CORE_OPTION_COLUMNS,
  type CoreBenefitSource,
  type CoreOptionSource,
  coreOptions,
  coreTarget,
} from './mapping.ts';
import { mandatoryReadable } from './scope.ts';

function optionRows(db: Db, where: SQL) {
  return db
    .select({ ...CORE_OPTION_COLUMNS, addAvoidedTax: cpOptions.addAvoidedTax })
    .from(cpOptions)
    .where(where)
    .orderBy(asc(cpOptions.sortOrder), asc(cpOptions.code), asc(cpOptions.createdAt), asc(cpOptions.id));
}

/** The same with whole benefit rows (the Guangdong form's avoided tax reads them; a mandatory audit is small). */
async function optionsWithFullBenefits(db: Db, where: SQL) {
  const rows = await optionRows(db, where);
  const benefits =
    rows.length === 0
      ? []
      : await db
          .select(getTableColumns(optionBenefits))
          .from(optionBenefits)
          .innerJoin(cpOptions, eq(cpOptions.id, optionBenefits.optionId))
          .where(where);
  return { rows, benefits };
}

/** Appendix B tables 7.2 and 7.3 of an industry audit (bureau, panel, assigned experts, admins). */
export async function auditPerformance(ctx: ServiceContext, auditId: string): Promise<AuditPerformance> {
  // Whether the actor sees the audit is read with its fingerprint (one statement when the memo holds it).
  const found = (await auditPerformances(ctx, [auditId], auditVisible(ctx.actor))).get(auditId);
  if (!found) throw notFound('audit', auditId);
  return found;
}

/**
 * The performance of each audit of `auditIds` the caller may read (checked before, or by `visible`, a condition on
 * `industry_audits` read with the fingerprints: the others are absent), reused from the per-process memo while the
 * audit's inputs are unchanged (audit-memo.ts), computed a few audits at a time.
 */
export async function auditPerformances(
  ctx: Pick<ServiceContext, 'database' | 'db'>,
  auditIds: readonly string[],
  visible?: SQL,
): Promise<Map<string, AuditPerformance>> {
  const fingerprints = await auditFingerprints(ctx.db, auditIds, visible);
  return memoizedByAudit(ctx.database, fingerprints, (ids) => computeAuditPerformances(ctx.database, ids));
}

export type AuditPerformance = Awaited<ReturnType<typeof computeOne>>;

/**
 * Tables 7.2/7.3 of `auditIds`, every input read in one repeatable-read snapshot (the audits, their options and
 * lines, their targets): a view never mixes two states of the data.
 */
async function computeAuditPerformances(
  database: Database,
  auditIds: string[],
): Promise<Map<string, AuditPerformance>> {
  // The statements are sent together (pipelined on the transaction's connection), answered in order.
  const [audits, read, stored] = await database.transaction(
    (tx) =>
      Promise.all([
        tx
          .select({ id: industryAudits.id, threshold: industryAudits.lowCostThreshold_wanYuan })
          .from(industryAudits)
          .where(inArray(industryAudits.id, auditIds)),
        readCoreOptions(tx, auditIds, database.kind),
        tx
          .select()
          .from(auditTargets)
          .where(inArray(auditTargets.auditId, auditIds))
          .orderBy(asc(auditTargets.sortOrder), asc(auditTargets.createdAt), asc(auditTargets.id)),
      ]),
    { config: { isolationLevel: 'repeatable read', accessMode: 'read only' } },
  );
  const out = new Map<string, AuditPerformance>();
  for (const audit of audits) {
    const own = read.get(audit.id);
    out.set(
      audit.id,
      computeOne(
        audit,
        own?.rows ?? [],
        own?.benefits ?? [],
        stored.filter((t) => t.auditId === audit.id),
      ),
    );
  }
  return out;
}

function computeOne(
  audit: { id: string; threshold: number | null },
  rows: CoreOptionSource[],
  benefits: CoreBenefitSource[],
  stored: (typeof auditTargets.$inferSelect)[],
) {
  const auditId = audit.id;
  const read = coreOptions(rows, benefits, 'industry');

  // Targets the core can assess go to table 7.3; the others are listed with the core's reason.
  const targets: Target[] = [];
  const targetsNotAssessed: { targetId: string; indicator: string; reason: string }[] = [];
  for (const t of stored) {
    const r = coreTarget(t);
    if (!r.target) {
      targetsNotAssessed.push({
        targetId: t.id,
        indicator: t.indicator,
        reason: r.reason ?? '无法评估 / not assessable',
      });
      continue;
    }
    try {
      assessTarget(r.target);
      targets.push(r.target);
    } catch (e) {
      if (!isCpError(e)) throw e;
      targetsNotAssessed.push({ targetId: t.id, indicator: t.indicator, reason: e.message });
    }
  }

  const settings: AggregationSettingsInput =
    audit.threshold === null ? {} : { noLowCostBelow_wanYuan: audit.threshold };
  const report = aggregateIndustryReport({
    options: read.options,
    ...(targets.length > 0 ? { targets } : {}),
    settings,
  });
  return {
    auditId,
    settings: {
      noLowCostBelow_wanYuan: audit.threshold ?? DEFAULT_AGGREGATION_SETTINGS.noLowCostBelow_wanYuan,
    },
    table72: report.value.table72,
    table73: report.value.table73,
    breakdown: report.breakdown,
    targetsNotAssessed,
    notes: [
      ...(audit.threshold === null
        ? [
            `审核未设无/低费投资界限：采用默认值 ${DEFAULT_AGGREGATION_SETTINGS.noLowCostBelow_wanYuan} 万元 / the audit sets no 无/低费 threshold: the core's default ${DEFAULT_AGGREGATION_SETTINGS.noLowCostBelow_wanYuan} 万元 is used`,
          ]
        : []),
      ...read.notes,
    ],
  };
}

type GdQuery = z.output<typeof mandatoryPerformanceQuery>;

/** The province of a division code: its first two digits + '0000' (GB/T 2260). */
function provinceCode(regionCode: string): string {
  return `${regionCode.slice(0, 2)}0000`;
}

/** The Guangdong form's summary tables of a mandatory audit. */
export async function mandatoryPerformance(ctx: ServiceContext, mandatoryAuditId: string, query: GdQuery) {
  const [m] = await ctx.db
    .select({
      id: mandatoryAudits.id,
      enterpriseId: mandatoryAudits.enterpriseId,
      dataYear: mandatoryAudits.dataYear,
      regionCode: enterprises.regionCode,
    })
    .from(mandatoryAudits)
    .innerJoin(enterprises, eq(enterprises.id, mandatoryAudits.enterpriseId))
    .where(and(eq(mandatoryAudits.id, mandatoryAuditId), mandatoryReadable(ctx.actor)));
  if (!m) throw notFound('mandatory audit', mandatoryAuditId);
  const [province] = await ctx.db
    .select({ name: regions.name })
    .from(regions)
    .where(eq(regions.code, sql`${provinceCode(m.regionCode)}`));
  if (!province) {
    throw new CpError(
      'UNKNOWN_REFERENCE',
      `the province of region ${m.regionCode} is not in the region table`,
    );
  }
  // 注13: the regional grid factor of the year; the province's own factor, else its grid region's.
  const gridFactor = findGridFactor(
    {
      region: province.name,
      dataYear: query.gridDataYear ?? m.dataYear,
      fallbackToRegion: true,
      // Factors are published one to two years late: without an explicit year, the audit's data year or the
      // newest of the 5 years before it (the factor's note says which).
      ...(query.gridDataYear === undefined ? { earlierYearsBack: 5 } : {}),
      ...(query.gridSeries === undefined ? {} : { series: query.gridSeries }),
    },
    'grid',
  );
  const { rows, benefits } = await optionsWithFullBenefits(
    ctx.db,
    eq(cpOptions.mandatoryAuditId, mandatoryAuditId),
  );
  // 注15: the avoided environmental tax of options whose entered benefit leaves it out (never added twice).
  const read = coreOptions(rows, benefits, 'guangdong', await avoidedTaxAdditions(ctx.db, rows, benefits));
  const totals = aggregateGuangdongForm({
    options: read.options,
    gridFactor,
    enterpriseId: m.enterpriseId,
    ...(query.gasCoefficient_kgcePerM3 === undefined
      ? {}
      : { gasCoefficient_kgcePerM3: query.gasCoefficient_kgcePerM3 }),
  });
  return {
    mandatoryAuditId,
    enterpriseId: m.enterpriseId,
    gridFactor,
    totals: totals.value,
    breakdown: totals.breakdown,
    notes: read.notes,
  };
}
