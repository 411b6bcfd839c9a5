/**
 * Data checks (数据核查, guideline 7.2.1.2: 重点针对资料中信息不完整、逻辑存疑…) of one enterprise's annual data: the
 * stored years are handed to the core's `runDataChecks` (missing required items, negative values, units, emitted >
 * generated, year-on-year jumps, peer outliers); the findings about this enterprise come back as they are.
 *
 * Peers (optional): the enterprises with the same industry code that the caller can see; their data only feed the
 * peer statistics, their findings are not returned.
 */
import { ANNUAL_ITEM_CATALOGUE, findAnnualItem } from '@cpaudit/contract';
import { type DataChecksResult, type EnterpriseData, runDataChecks, type Traced } from '@cpaudit/core';
import { and, asc, eq, inArray, like, not } from 'drizzle-orm';
import { type AnnualValue, annualValues, enterpriseProducts, enterprises } from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { enterpriseVisible } from '../scope.ts';
import { enterpriseInScope } from './common.ts';
import { LEVEL_UNIT, NOT_APPLICABLE_UNIT } from './items.ts';

/** Categories whose value per unit of output (intensity) is meaningful (单位产品能耗、水耗、物耗、排放). */
const INTENSITY_CATEGORIES = new Set([
  'energy',
  'water',
  'material',
  'pollutant_generated',
  'pollutant_emitted',
  'ghg',
]);

/** Required every year: the catalogue's required fixed items (the main-product output is checked as `output`). */
const REQUIRED = ANNUAL_ITEM_CATALOGUE.filter((d) => d.required && !d.free).map((d) => d.code);

/** Generated ≥ emitted pairs of the catalogue's pollutants. */
const PAIRS = ANNUAL_ITEM_CATALOGUE.filter(
  (d) => d.category === 'pollutant_generated' && d.pollutant !== null,
).map((d) => ({
  generated: d.code,
  emitted: `pollutant_emitted.${d.pollutant}`,
  name: d.zh.replace(/产生量$/, ''),
}));

/** The main product's line of a year: the line named like the enterprise's main product, else the first by code. */
function mainOutput(rows: AnnualValue[], mainName: string | undefined): AnnualValue | undefined {
  const products = rows
    .filter((r) => r.category === 'product')
    .sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1));
  return products.find((r) => mainName !== undefined && r.name === mainName) ?? products[0];
}

export interface AnnualChecksView {
  enterpriseId: string;
  years: number[];
  peerCount: number;
  findings: DataChecksResult['findings'];
  summary: DataChecksResult['summary'];
  breakdown: Traced<DataChecksResult>['breakdown'];
}

export async function checkAnnualData(
  ctx: ServiceContext,
  enterpriseId: string,
  peers: boolean,
): Promise<AnnualChecksView> {
  const ent = await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'visible');
  const group = peers
    ? await ctx.db
        .select({ id: enterprises.id, name: enterprises.name })
        .from(enterprises)
        .where(and(eq(enterprises.industryCode, ent.industryCode), enterpriseVisible(ctx.actor)))
    : [{ id: ent.id, name: ent.name }];
  const ids = group.map((e) => e.id);
  const rows = await ctx.db
    .select()
    .from(annualValues)
    .where(and(inArray(annualValues.enterpriseId, ids), not(like(annualValues.itemCode, 'indicator.%'))));
  const products = await ctx.db
    .select({ enterpriseId: enterpriseProducts.enterpriseId, name: enterpriseProducts.name })
    .from(enterpriseProducts)
    .where(and(inArray(enterpriseProducts.enterpriseId, ids), eq(enterpriseProducts.isMain, true)))
    .orderBy(asc(enterpriseProducts.sortOrder), asc(enterpriseProducts.name));
  const mainProduct = new Map<string, string>();
  for (const p of products) if (!mainProduct.has(p.enterpriseId)) mainProduct.set(p.enterpriseId, p.name);

  const items = new Map<string, { code: string; name: string; unit?: string; intensity: boolean }>();
  const byEnterpriseYear = new Map<string, Map<number, AnnualValue[]>>();
  for (const r of rows) {
    if (r.unit === LEVEL_UNIT || r.unit === NOT_APPLICABLE_UNIT) continue;
    const years = byEnterpriseYear.get(r.enterpriseId) ?? new Map<number, AnnualValue[]>();
    byEnterpriseYear.set(r.enterpriseId, years);
    years.set(r.year, [...(years.get(r.year) ?? []), r]);
    if (!items.has(r.itemCode)) {
      const def = findAnnualItem(r.itemCode);
      items.set(r.itemCode, {
        code: r.itemCode,
        name: def && !def.free ? def.zh : (r.name ?? r.itemCode),
        ...(def?.unit ? { unit: def.unit } : {}),
        intensity: INTENSITY_CATEGORIES.has(r.category),
      });
    }
  }

  const data: EnterpriseData[] = group.map((e) => ({
    enterpriseId: e.id,
    name: e.name,
    peerGroup: ent.industryCode,
    years: [...(byEnterpriseYear.get(e.id) ?? new Map<number, AnnualValue[]>()).entries()].map(
      ([year, list]) => {
        const output = mainOutput(list, mainProduct.get(e.id));
        return {
          year,
          values: Object.fromEntries(
            list
              .filter((r) => r.category !== 'product')
              .map((r) => [r.itemCode, { quantity: r.quantity, unit: r.unit }]),
          ),
          ...(output ? { output: { quantity: output.quantity, unit: output.unit } } : {}),
        };
      },
    ),
  }));
  const { value, breakdown } = runDataChecks({
    enterprises: data,
    required: REQUIRED,
    pairs: PAIRS,
    items: [...items.values()],
  });
  const findings = value.findings.filter((f) => f.enterpriseId === ent.id);
  const own = data.find((d) => d.enterpriseId === ent.id);
  return {
    enterpriseId: ent.id,
    years: (own?.years ?? []).map((y) => y.year).sort((a, b) => a - b),
    peerCount: group.length,
    findings,
    summary: {
      enterprises: 1,
      yearRecords: own?.years.length ?? 0,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
    },
    breakdown,
  };
}
