/**
 * The compliance of an enterprise-year and its environmental protection tax (issue 8), assembled from the database
 * and computed by the core (`checkCompliance`, `computeEnvironmentalTax`). Nothing is computed here: this module
 * gathers the inputs and says what is missing.
 *
 * Inputs:
 * - measurements: the enterprise's `monitoring_samples` of the year;
 * - facts: `compliance_facts` of the year (key region, existing/new installation, plating layers, quotas, toxic
 *   materials), defaults when none are stored (existing installation, not a key region);
 * - drainage (GB 21900-2008 单位产品基准排水量 conversion): 实际排水总量 = the annual item
 *   `pollutant_emitted.wastewater` (t, taken as m³: 1 t of wastewater = 1 m³) or else `water.discharge` (m³);
 *   产品产量 = the plated area, the `product.*` lines whose unit is an area (m²); layers from the facts;
 * - unit-product energy: `energy.comprehensive` (tce) per `product.*` line (the core matches the product to the
 *   energy limit standards by name);
 * - quotas: the facts' quotas against `pollutant_emitted.<key>` of the year;
 * - toxic (双有): the facts' flag, and class-I pollutants emitted (`pollutant_emitted.class_i.*` > 0);
 * - standards: the active standards of the `standards` table.
 * Tax (环境保护税法 第二、七、八、九条 via the core): one water outlet with the emitted water pollutants of the year and
 * one air outlet with the air pollutants, at the rates of the enterprise's province and city.
 */
import type { ComplianceFactsView, EnterpriseComplianceView } from '@cpaudit/contract';
import {
  type Breakdown,
  type ComplianceInputJson,
  type ComplianceResult,
  CpError,
  checkCompliance,
  computeEnvironmentalTax,
  convertValue,
  dimensionOf,
  findEquivalentValue,
  findPollutant,
  isCpError,
  type Standard,
  type TaxInputJson,
  type TaxResult,
} from '@cpaudit/core';
import { and, eq, inArray } from 'drizzle-orm';
import {
  annualValues,
  complianceFacts,
  type Db,
  enterprises,
  monitoringSamples,
  regions,
} from '../../db/index.ts';
import { enterpriseInScope } from '../annual/common.ts';
import type { ServiceContext } from '../context.ts';
import { factsView } from './samples.ts';
import { activeStandards } from './standards.ts';

/** An annual value as stored. */
export interface StoredValue {
  itemCode: string;
  name: string | null;
  quantity: number;
  unit: string;
}

export interface EnterpriseFacts {
  id: string;
  name: string;
  industryCode: string;
  /** Province, city, county names (broadest first). */
  regionNames: string[];
  province: string | null;
  city: string | null;
}

/** Names of the province, city and county of each enterprise (region codes: 2 + 2 + 2 digits). */
export async function enterpriseFacts(db: Db, ids: readonly string[]): Promise<Map<string, EnterpriseFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      industryCode: enterprises.industryCode,
      regionCode: enterprises.regionCode,
    })
    .from(enterprises)
    .where(inArray(enterprises.id, [...ids]));
  const codes = new Set<string>();
  for (const r of rows) {
    codes.add(`${r.regionCode.slice(0, 2)}0000`);
    codes.add(`${r.regionCode.slice(0, 4)}00`);
    codes.add(r.regionCode);
  }
  const names = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, [...codes]));
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  const out = new Map<string, EnterpriseFacts>();
  for (const r of rows) {
    const province = nameOf.get(`${r.regionCode.slice(0, 2)}0000`) ?? null;
    const city = nameOf.get(`${r.regionCode.slice(0, 4)}00`) ?? null;
    const county = nameOf.get(r.regionCode) ?? null;
    const regionNames = [...new Set([province, city, county].filter((v): v is string => v !== null))];
    out.set(r.id, { id: r.id, name: r.name, industryCode: r.industryCode, regionNames, province, city });
  }
  return out;
}

export async function annualValuesOf(
  db: Db,
  ids: readonly string[],
  year: number,
): Promise<Map<string, StoredValue[]>> {
  const out = new Map<string, StoredValue[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      enterpriseId: annualValues.enterpriseId,
      itemCode: annualValues.itemCode,
      name: annualValues.name,
      quantity: annualValues.quantity,
      unit: annualValues.unit,
    })
    .from(annualValues)
    .where(and(inArray(annualValues.enterpriseId, [...ids]), eq(annualValues.year, year)));
  for (const r of rows) {
    const list = out.get(r.enterpriseId) ?? [];
    list.push(r);
    out.set(r.enterpriseId, list);
  }
  return out;
}

function safeDimension(unit: string): string | null {
  try {
    return dimensionOf(unit);
  } catch {
    return null;
  }
}

/** A stored value in `to` (null when its unit has another dimension). */
function valueIn(v: StoredValue, to: string): number | null {
  try {
    return convertValue(v.quantity, v.unit, to);
  } catch {
    return null;
  }
}

/** 实际排水总量 (m³): wastewater emitted (t = m³ of water) or the water balance's discharge. */
export function actualDrainage_m3(values: readonly StoredValue[]): number | null {
  const ww = values.find((v) => v.itemCode === 'pollutant_emitted.wastewater');
  if (ww) {
    // 1 t of wastewater taken as 1 m³ (density of water; the annual item is a mass, the standard a volume).
    const t = valueIn(ww, 't');
    if (t !== null) return t;
    const m3 = valueIn(ww, 'm3');
    if (m3 !== null) return m3;
  }
  const discharge = values.find((v) => v.itemCode === 'water.discharge');
  return discharge ? valueIn(discharge, 'm3') : null;
}

/** 产品产量 as plated area (m²): the product lines measured in an area unit, summed. */
export function platedArea_m2(values: readonly StoredValue[]): number | null {
  const areas = values
    .filter((v) => v.itemCode.startsWith('product.') && safeDimension(v.unit) === 'area')
    .map((v) => valueIn(v, 'm2'))
    .filter((v): v is number => v !== null);
  return areas.length === 0 ? null : areas.reduce((a, b) => a + b, 0);
}

/** Emitted quantity of a pollutant (annual item `pollutant_emitted.<key>`) in `unit`, or null. */
export function emitted(values: readonly StoredValue[], key: string, unit: 't' | 'kg'): number | null {
  const v = values.find((x) => x.itemCode === `pollutant_emitted.${key}`);
  return v ? valueIn(v, unit) : null;
}

export interface Assembled {
  input: ComplianceInputJson;
  drainage: { actualDrainage_m3: number; platedArea_m2: number; layers: 'multi' | 'single' } | null;
  notes: string[];
}

/** The core's compliance input of one enterprise-year. */
export function assembleCompliance(args: {
  enterprise: EnterpriseFacts;
  year: number;
  facts: ComplianceFactsView;
  samples: readonly {
    pointName: string;
    pointKind: 'workshop' | 'total';
    pollutant: string;
    concentration: number;
    unit: string;
    sampleCount: number;
    sampledOn: string | null;
  }[];
  values: readonly StoredValue[];
  standards: readonly Standard[];
}): Assembled {
  const { enterprise, year, facts, values } = args;
  const notes: string[] = [];
  const drained = actualDrainage_m3(values);
  const area = platedArea_m2(values);
  let drainage: Assembled['drainage'] = null;
  if (facts.platingLayers === null) {
    notes.push(
      '镀层类型（单层/多层）未填写：不做基准排水量折算 / plating layers not given: no benchmark-drainage conversion',
    );
  } else if (drained === null || area === null || area <= 0) {
    notes.push(
      '缺少废水排放量或镀件面积：不做基准排水量折算 / no wastewater discharge or plated area: no benchmark-drainage conversion',
    );
  } else {
    drainage = { actualDrainage_m3: drained, platedArea_m2: area, layers: facts.platingLayers };
  }
  const energy_tce = values.find((v) => v.itemCode === 'energy.comprehensive');
  const energyTce = energy_tce ? valueIn(energy_tce, 'tce') : null;
  const products = values.filter((v) => v.itemCode.startsWith('product.'));
  const energy =
    energyTce === null
      ? []
      : products.map((p) => ({
          product: p.name ?? p.itemCode.slice('product.'.length),
          energy_tce: energyTce,
          output: p.quantity,
          outputUnit: p.unit,
        }));
  const quotas = facts.loadQuotas.flatMap((q) => {
    const e = emitted(values, q.pollutant, 't');
    if (e === null) {
      notes.push(`${q.pollutant}: 有总量指标但无排放量 / a quota but no emitted quantity in the annual data`);
      return [];
    }
    return [{ pollutant: q.pollutant, quota_tPerA: q.quota_tPerA, emitted_tPerA: e }];
  });
  const classI = values
    .filter((v) => v.itemCode.startsWith('pollutant_emitted.class_i.') && v.quantity > 0)
    .map((v) => v.itemCode.slice('pollutant_emitted.'.length));
  const input: ComplianceInputJson = {
    enterprise: {
      name: enterprise.name,
      industryCode: enterprise.industryCode,
      region: enterprise.regionNames,
      keyRegion: facts.keyRegion,
      installation: facts.installation,
    },
    year,
    measurements: args.samples.map((s) => ({
      pointName: s.pointName,
      point: s.pointKind,
      medium: s.unit === 'mg/m3' ? ('air' as const) : ('water' as const),
      pollutant: s.pollutant,
      concentration: s.concentration,
      unit: s.unit,
      samples: s.sampleCount,
      ...(s.sampledOn === null ? {} : { date: s.sampledOn }),
    })),
    ...(drainage === null ? {} : { drainage }),
    energy,
    quotas,
    toxic: {
      usesToxicMaterials: facts.usesToxicMaterials,
      materials: facts.toxicMaterialsNote ? [facts.toxicMaterialsNote] : [],
      dischargesToxicSubstances: classI.length > 0,
      substances: classI.map((k) => findPollutant(k)?.zh ?? k),
    },
    standards: [...args.standards],
  };
  return { input, drainage, notes };
}

/**
 * Pollutants of the annual data the tax takes: those with a pollution equivalent value (环境保护税法 附表二, core
 * `findEquivalentValue`) in their medium, emitted in kg. Others (废水 itself, solid waste) are not taxed per outlet.
 */
export function taxOutlets(values: readonly StoredValue[]): NonNullable<TaxInputJson['outlets']> {
  const water: { pollutant: string; emitted_kg: number }[] = [];
  const air: { pollutant: string; emitted_kg: number }[] = [];
  for (const v of values) {
    if (!v.itemCode.startsWith('pollutant_emitted.')) continue;
    const key = v.itemCode.slice('pollutant_emitted.'.length);
    if (v.quantity <= 0) continue;
    const medium = findEquivalentValue(key, 'water')
      ? 'water'
      : findEquivalentValue(key, 'air')
        ? 'air'
        : null;
    if (medium === null) continue;
    const kg = valueIn(v, 'kg');
    if (kg === null) continue;
    (medium === 'water' ? water : air).push({ pollutant: key, emitted_kg: kg });
  }
  const outlets: NonNullable<TaxInputJson['outlets']> = [];
  if (water.length > 0) outlets.push({ id: 'water', name: '废水排放口', medium: 'water', pollutants: water });
  if (air.length > 0) outlets.push({ id: 'air', name: '废气排放口', medium: 'air', pollutants: air });
  return outlets;
}

/** The core's rate selection of an enterprise: its province and city (shared facts §8 via the core). */
export function ratesOf(enterprise: EnterpriseFacts): { province: string; city?: string } | null {
  if (enterprise.province === null) return null;
  return { province: enterprise.province, ...(enterprise.city ? { city: enterprise.city } : {}) };
}

/** The tax of the year's emissions, or null with a note (no province, a rate the core does not know, …). */
export function taxOf(
  enterprise: EnterpriseFacts,
  outlets: NonNullable<TaxInputJson['outlets']>,
  notes: string[],
): { value: TaxResult; breakdown: Breakdown } | null {
  const rates = ratesOf(enterprise);
  if (rates === null) {
    notes.push('无省份：不计环境保护税 / no province: no environmental tax');
    return null;
  }
  if (outlets.length === 0) return null;
  try {
    const r = computeEnvironmentalTax({ rates, outlets });
    return { value: r.value, breakdown: r.breakdown };
  } catch (e) {
    if (!isCpError(e)) throw e;
    notes.push(`环境保护税未计算 / environmental tax not computed: ${e.message}`);
    return null;
  }
}

export interface ComputedCompliance {
  result: ComplianceResult;
  breakdown: Breakdown;
  tax: { value: TaxResult; breakdown: Breakdown } | null;
  assembled: Assembled;
  sampleCount: number;
  facts: ComplianceFactsView;
}

/** Compliance and tax of several enterprises of one year (data read in a few queries). */
export async function computeMany(
  ctx: ServiceContext,
  ids: readonly string[],
  year: number,
  /** The enterprises' annual values of `year` when the caller has read them already (`annualValuesOf`). */
  annual?: Promise<Map<string, StoredValue[]>>,
): Promise<Map<string, ComputedCompliance | CpError>> {
  const out = new Map<string, ComputedCompliance | CpError>();
  if (ids.length === 0) return out;
  const [ents, values, samples, factRows, stds] = await Promise.all([
    enterpriseFacts(ctx.db, ids),
    annual ?? annualValuesOf(ctx.db, ids, year),
    ctx.db
      .select()
      .from(monitoringSamples)
      .where(and(inArray(monitoringSamples.enterpriseId, [...ids]), eq(monitoringSamples.year, year))),
    ctx.db
      .select()
      .from(complianceFacts)
      .where(and(inArray(complianceFacts.enterpriseId, [...ids]), eq(complianceFacts.year, year))),
    activeStandards(ctx.database, ctx.db),
  ]);
  for (const id of ids) {
    const enterprise = ents.get(id);
    if (!enterprise) continue;
    const facts = factsView(
      id,
      year,
      factRows.find((f) => f.enterpriseId === id),
    );
    const own = samples.filter((s) => s.enterpriseId === id);
    const vals = values.get(id) ?? [];
    try {
      const assembled = assembleCompliance({
        enterprise,
        year,
        facts,
        samples: own,
        values: vals,
        standards: stds,
      });
      // The standards were validated when stored (`activeStandards`): not again for each enterprise.
      const { standards: _, ...rest } = assembled.input;
      const traced = checkCompliance(rest, stds);
      const tax = taxOf(enterprise, taxOutlets(vals), assembled.notes);
      out.set(id, {
        result: traced.value,
        breakdown: traced.breakdown,
        tax,
        assembled,
        sampleCount: own.length,
        facts,
      });
    } catch (e) {
      if (!isCpError(e)) throw e;
      out.set(id, e);
    }
  }
  return out;
}

export async function getCompliance(
  ctx: ServiceContext,
  enterpriseId: string,
  year: number,
): Promise<EnterpriseComplianceView> {
  const ent = await enterpriseInScope(ctx.db, ctx.actor, enterpriseId, 'visible');
  const computed = (await computeMany(ctx, [enterpriseId], year)).get(enterpriseId);
  if (computed === undefined) throw new CpError('NOT_FOUND', `enterprise ${enterpriseId} not found`);
  if (computed instanceof CpError) throw computed;
  return {
    enterpriseId,
    enterpriseName: ent.name,
    year,
    inputs: {
      samples: computed.sampleCount,
      facts: computed.facts,
      drainage: computed.assembled.drainage,
      notes: computed.assembled.notes,
    },
    result: computed.result,
    tax: computed.tax?.value ?? null,
    breakdown: computed.breakdown,
  };
}
