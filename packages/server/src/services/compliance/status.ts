/**
 * 现状分析 of an industry audit (guideline 7.2.1.3, issue 8): the compliance of every enterprise on the audit's list
 * (selected, else candidates), the 双超/双有/高耗能 counts (《清洁生产审核办法》2016 第八条, as the core judges them),
 * the environmental protection tax per enterprise, and the industry's cleaner-production potential at levels II
 * and I of the audit's indicator system (core `computePotential`), with the targets it proposes.
 *
 * Potential inputs, per enterprise: production = the plated area (`product.*` lines in m²); the indicator values
 * stored under the system's item codes (`indicatorItemCode`); for a utilisation rate of a metal, the consumption of
 * that metal (`material.<metal>`). Indicators are taken when what they save is clear from their unit and id:
 * a volume per product → water; standard coal per product → energy; electricity per product → electricity;
 * a metal utilisation rate with the metal's consumption → material. Others are listed in `potentialNote`.
 */
import {
  indicatorItemCode,
  type StatusAnalysisEnterprise,
  type StatusAnalysisQuery,
  type StatusAnalysisView,
} from '@cpaudit/contract';

import {
  CpError,
  computePotential,
  type IndicatorSystem,
  isCpError,
  type PotentialInputJson,
} from '@cpaudit/core';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEnterprises, type Db, indicatorSystems } from '../../db/index.ts';
import { indicatorValueOf } from '../annual/items.ts';
import { definitionOf, ensureBuiltInIndicatorSystems } from '../annual/systems.ts';
import { loadAuditAccess } from '../audits/access.ts';
import { defaultDataYears } from '../audits/collection.ts';
import type { ServiceContext } from '../context.ts';
import { annualValuesOf, computeMany, enterpriseFacts, platedArea_m2, type StoredValue } from './check.ts';

/** Metals of the utilisation-rate indicators (electroplating system, 表1 资源综合利用指标) → material item. */
const METAL_MATERIAL: readonly [pattern: RegExp, item: string, name: string][] = [
  [/zinc/, 'material.zinc', '锌'],
  [/copper/, 'material.copper', '铜'],
  [/nickel/, 'material.nickel', '镍'],
  [/chromium/, 'material.chromic_anhydride', '铬酐'],
  [/gold/, 'material.gold', '金'],
  [/silver/, 'material.silver', '银'],
];

type Saves = PotentialInputJson['indicators'][number]['saves'];
type Indicator = IndicatorSystem['groups'][number]['indicators'][number];

function savesOf(ind: Indicator): { saves: Saves; material?: string } | null {
  if (ind.kind !== 'quantitative') return null;
  const unit = ind.unit ?? '';
  if (unit === '%') {
    if (ind.direction !== 'ge') return null;
    const metal = METAL_MATERIAL.find(([re]) => re.test(ind.id));
    return metal ? { saves: { kind: 'material', name: metal[2] }, material: metal[1] } : null;
  }
  const numerator = unit.split('/')[0] ?? '';
  if (/^(m3|L|t水)$/.test(numerator)) return { saves: { kind: 'water' } };
  if (/^(kgce|tce|gce)$/.test(numerator)) return { saves: { kind: 'energy' } };
  if (/^(kWh|MWh)$/.test(numerator)) return { saves: { kind: 'electricity' } };
  return null;
}

export async function getStatusAnalysis(
  ctx: ServiceContext,
  auditId: string,
  query: StatusAnalysisQuery,
): Promise<StatusAnalysisView> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const audit = access.audit;
  const year = query.year ?? (defaultDataYears(audit.periodStart).at(-1) as number);
  const listed = await ctx.db
    .select({ id: auditEnterprises.enterpriseId, status: auditEnterprises.status })
    .from(auditEnterprises)
    .where(
      and(eq(auditEnterprises.auditId, auditId), inArray(auditEnterprises.status, ['candidate', 'selected'])),
    );
  const selected = listed.filter((l) => l.status === 'selected');
  let ids = (selected.length > 0 ? selected : listed).map((l) => l.id);
  if (access.enterprises !== null) {
    const own = new Set(access.enterprises);
    ids = ids.filter((id) => own.has(id));
  }
  // The annual values are read once, for the compliance checks and the potential.
  const values = annualValuesOf(ctx.db, ids, year);
  const [computed, ents] = await Promise.all([
    computeMany(ctx, ids, year, values),
    enterpriseFacts(ctx.db, ids),
  ]);

  const rows: StatusAnalysisEnterprise[] = [];
  let taxTotal = 0;
  let rateDocument: string | null = null;
  for (const id of ids) {
    const name = ents.get(id)?.name ?? id;
    const c = computed.get(id);
    if (c === undefined || c instanceof CpError) {
      rows.push({
        enterpriseId: id,
        name,
        checks: 0,
        exceedances: [],
        quotaExceeded: false,
        energyExceeded: false,
        doubleExceed: false,
        doubleToxic: false,
        highEnergy: false,
        mandatoryAudit: false,
        summary: '',
        tax_wanYuan: null,
        error: c instanceof CpError ? { code: c.code, message: c.message } : null,
      });
      continue;
    }
    const r = c.result;
    const met = (cid: string) => r.mandatory.some((m) => m.id === cid && m.met);
    const tax = c.tax?.value ?? null;
    if (tax) {
      taxTotal += tax.total_wanYuan;
      rateDocument ??= tax.rates.document;
    }
    rows.push({
      enterpriseId: id,
      name,
      checks: r.checks.length,
      exceedances: r.exceedances,
      quotaExceeded: r.quotas.some((q) => q.verdict === 'exceed'),
      energyExceeded: r.energy.some((e) => e.verdict === 'exceed'),
      doubleExceed: met('double-exceed'),
      doubleToxic: met('double-toxic'),
      highEnergy: met('high-energy'),
      mandatoryAudit: r.mandatoryAudit,
      summary: r.summary,
      tax_wanYuan: tax?.total_wanYuan ?? null,
      error: null,
    });
  }
  rows.sort((a, b) => b.exceedances.length - a.exceedances.length || a.name.localeCompare(b.name, 'zh'));

  const potential = await potentialOf(
    ctx,
    audit.indicatorSystemId,
    ids,
    await values,
    ents,
    pricesOf(query),
    year,
  );
  return {
    auditId,
    year,
    enterprises: rows,
    counts: {
      enterprises: ids.length,
      checked: rows.filter((r) => r.error === null && r.checks > 0).length,
      withExceedances: rows.filter((r) => r.exceedances.length > 0).length,
      doubleExceed: rows.filter((r) => r.doubleExceed).length,
      doubleToxic: rows.filter((r) => r.doubleToxic).length,
      highEnergy: rows.filter((r) => r.highEnergy).length,
    },
    tax: { total_wanYuan: taxTotal, rateDocument },
    potential: potential.value,
    potentialNote: potential.note,
  };
}

async function systemFor(
  db: Db,
  systemId: string | null,
): Promise<{ def: IndicatorSystem; code: string } | null> {
  if (systemId === null) return null;
  const [row] = await db.select().from(indicatorSystems).where(eq(indicatorSystems.id, systemId));
  if (!row) return null;
  return { def: definitionOf(row), code: row.code };
}

/** The unit prices given with the request, in the core potential's terms (absent ones left out). */
function pricesOf(query: StatusAnalysisQuery): NonNullable<PotentialInputJson['prices']> {
  return {
    ...(query.waterPrice_yuanPerM3 !== undefined ? { water_yuanPerM3: query.waterPrice_yuanPerM3 } : {}),
    ...(query.electricityPrice_yuanPerKWh !== undefined
      ? { electricity_yuanPerKWh: query.electricityPrice_yuanPerKWh }
      : {}),
    ...(query.energyPrice_yuanPerTce !== undefined
      ? { energy_yuanPerTce: query.energyPrice_yuanPerTce }
      : {}),
  };
}

async function potentialOf(
  ctx: ServiceContext,
  systemId: string | null,
  ids: readonly string[],
  values: ReadonlyMap<string, StoredValue[]>,
  ents: Awaited<ReturnType<typeof enterpriseFacts>>,
  prices: NonNullable<PotentialInputJson['prices']>,
  year: number,
): Promise<{ value: StatusAnalysisView['potential']; note: string | null }> {
  await ensureBuiltInIndicatorSystems(ctx.database);
  const system = await systemFor(ctx.db, systemId);
  if (system === null)
    return { value: null, note: '审核未选定评价指标体系 / the audit has no indicator system' };
  const { def, code } = system;
  const indicators = def.groups.flatMap((g) => g.indicators);
  const taken: { ind: Indicator; saves: Saves; material?: string }[] = [];
  const skipped: string[] = [];
  for (const ind of indicators) {
    if (ind.kind !== 'quantitative') continue;
    const s = savesOf(ind);
    if (s) taken.push({ ind, ...s });
    else skipped.push(ind.name);
  }
  if (taken.length === 0)
    return { value: null, note: '指标体系无可量化潜力的定量指标 / no quantifiable indicator' };
  const enterprisesIn: PotentialInputJson['enterprises'] = [];
  for (const id of ids) {
    const vals: StoredValue[] = values.get(id) ?? [];
    const area = platedArea_m2(vals);
    if (area === null || area <= 0) continue;
    const indicatorValues: Record<string, number> = {};
    const consumption: Record<string, { value: number; unit: string }> = {};
    for (const t of taken) {
      const stored = vals.find((v) => v.itemCode === indicatorItemCode(code, t.ind.id));
      if (!stored) continue;
      let v: ReturnType<typeof indicatorValueOf>;
      try {
        v = indicatorValueOf(stored, t.ind, `values.${stored.itemCode}`);
      } catch (e) {
        if (isCpError(e)) continue;
        throw e;
      }
      if (typeof v !== 'number') continue;
      if (t.material) {
        const m = vals.find((x) => x.itemCode === t.material);
        if (!m || m.quantity <= 0) continue;
        consumption[t.ind.id] = { value: m.quantity, unit: m.unit };
      }
      indicatorValues[t.ind.id] = v;
    }
    if (Object.keys(indicatorValues).length === 0) continue;
    enterprisesIn.push({
      id,
      name: ents.get(id)?.name ?? id,
      production: { value: area, unit: 'm2' },
      values: indicatorValues,
      consumption,
    });
  }
  if (enterprisesIn.length === 0) {
    return {
      value: null,
      note: `${year} 年无企业的指标值和镀件面积 / no indicator values and plated area in ${year}`,
    };
  }
  const first = ents.get(ids[0] ?? '');
  const input: PotentialInputJson = {
    system: def,
    levels: ['II', 'I'],
    indicators: taken.map((t) => ({ indicatorId: t.ind.id, saves: t.saves })),
    enterprises: enterprisesIn,
    prices,
    ...(first?.province
      ? { taxRates: { province: first.province, ...(first.city ? { city: first.city } : {}) } }
      : {}),
  };
  try {
    const r = computePotential(input).value;
    const notes = skipped.length > 0 ? `未计入潜力的定量指标 / not quantified: ${skipped.join('、')}` : null;
    return { value: { systemId: r.systemId, systemName: def.name, levels: r.levels }, note: notes };
  } catch (e) {
    if (!isCpError(e)) throw e;
    return { value: null, note: `潜力未计算 / potential not computed: ${e.message}` };
  }
}
