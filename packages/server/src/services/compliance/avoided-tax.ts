/**
 * The environmental protection tax an option avoids (广东省强制性清洁生产审核绩效表 注15: 削减污染物排放的经济效益 includes
 * the 排污税 no longer paid), and whether it is added to the option's economic benefit.
 *
 * avoided = tax(before) − tax(after), both computed by the core (`computeEnvironmentalTax`, 环境保护税法 第七–九条:
 * equivalents, the top-N rule per outlet, the enterprise's province/city rate), where
 * - before = the enterprise's emitted pollutants of its newest year with emissions in the annual data;
 * - after = before minus the option's `reduction.<pollutant>` benefits (floored at 0).
 * Without annual emissions, before = the reductions alone and after = nothing (said in the notes): the top-N rule
 * then sees only the option's pollutants.
 *
 * No double counting (note 15): the option's stored economic benefit either already includes the avoided tax
 * (`add_avoided_tax` false, the default) or leaves it out (`add_avoided_tax` true), and only then is the computed
 * amount added, in the option view and in the Guangdong form totals (`avoidedTaxAdditions` → `coreOptions`).
 */
import type { OptionAvoidedTaxView } from '@cpaudit/contract';
import {
  avoidedTax,
  type Breakdown,
  convertValue,
  findPollutant,
  isCpError,
  resolveTaxRates,
  type TaxInputJson,
} from '@cpaudit/core';
import { and, desc, eq, like } from 'drizzle-orm';
import {
  annualValues,
  cpOptions,
  type Db,
  type OptionBenefit,
  optionBenefits,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { loadOption, requirePower, writeMapped } from '../options/access.ts';
import { enterpriseFacts, type StoredValue, taxOutlets } from './check.ts';

type Basis = 'expected' | 'actual';

interface OptionLike {
  id: string;
  enterpriseId: string | null;
  addAvoidedTax: boolean;
  economicBenefitExpected_wanYuanPerYear: number | null;
  economicBenefitActual_wanYuanPerYear: number | null;
}

interface Computed {
  rates: OptionAvoidedTaxView['rates'];
  reductions: OptionAvoidedTaxView['reductions'];
  avoided_wanYuanPerYear: number | null;
  notes: string[];
  breakdown: Breakdown | null;
}

/** The option's reductions of taxable pollutants, kg/a. */
function reductionsOf(benefits: readonly OptionBenefit[], basis: Basis, notes: string[]) {
  const out: OptionAvoidedTaxView['reductions'] = [];
  for (const b of benefits) {
    if (b.basis !== basis || !b.itemCode.startsWith('reduction.')) continue;
    const key = b.itemCode.slice('reduction.'.length);
    const p = findPollutant(key);
    if (p === undefined) continue;
    let kg: number;
    try {
      kg = convertValue(b.quantity, b.unit, 'kg/a');
    } catch (e) {
      if (!isCpError(e)) throw e;
      notes.push(`${b.itemCode}: ${b.unit} 不是质量/年，不计税 / not a mass per year, left out`);
      continue;
    }
    if (kg <= 0) continue;
    const medium = p.waterClass !== null && p.media.includes('water') ? 'water' : 'air';
    out.push({ pollutant: key, reduced_kg: kg, medium });
  }
  return out;
}

/** The enterprise's newest year of emissions (pollutant_emitted.* values). */
async function newestEmissions(
  db: Db,
  enterpriseId: string,
): Promise<{ year: number; values: StoredValue[] } | null> {
  const [newest] = await db
    .select({ year: annualValues.year })
    .from(annualValues)
    .where(
      and(eq(annualValues.enterpriseId, enterpriseId), like(annualValues.itemCode, 'pollutant_emitted.%')),
    )
    .orderBy(desc(annualValues.year))
    .limit(1);
  if (!newest) return null;
  const values = await db
    .select({
      itemCode: annualValues.itemCode,
      name: annualValues.name,
      quantity: annualValues.quantity,
      unit: annualValues.unit,
    })
    .from(annualValues)
    .where(
      and(
        eq(annualValues.enterpriseId, enterpriseId),
        eq(annualValues.year, newest.year),
        like(annualValues.itemCode, 'pollutant_emitted.%'),
      ),
    );
  return { year: newest.year, values };
}

function subtract(
  outlets: NonNullable<TaxInputJson['outlets']>,
  reductions: OptionAvoidedTaxView['reductions'],
): NonNullable<TaxInputJson['outlets']> {
  const cut = new Map(reductions.map((r) => [r.pollutant, r.reduced_kg]));
  return outlets
    .map((o) => ({
      ...o,
      pollutants: o.pollutants
        .map((p) => ({ ...p, emitted_kg: Math.max(0, p.emitted_kg - (cut.get(p.pollutant) ?? 0)) }))
        .filter((p) => p.emitted_kg > 0),
    }))
    .filter((o) => o.pollutants.length > 0);
}

function outletsOfReductions(
  reductions: OptionAvoidedTaxView['reductions'],
): NonNullable<TaxInputJson['outlets']> {
  const water = reductions.filter((r) => r.medium === 'water');
  const air = reductions.filter((r) => r.medium === 'air');
  const out: NonNullable<TaxInputJson['outlets']> = [];
  if (water.length > 0) {
    out.push({
      id: 'water',
      medium: 'water',
      pollutants: water.map((r) => ({ pollutant: r.pollutant, emitted_kg: r.reduced_kg })),
    });
  }
  if (air.length > 0) {
    out.push({
      id: 'air',
      medium: 'air',
      pollutants: air.map((r) => ({ pollutant: r.pollutant, emitted_kg: r.reduced_kg })),
    });
  }
  return out;
}

async function compute(
  db: Db,
  option: OptionLike,
  benefits: readonly OptionBenefit[],
  basis: Basis,
): Promise<Computed> {
  const notes: string[] = [];
  const reductions = reductionsOf(benefits, basis, notes);
  const none: Computed = { rates: null, reductions, avoided_wanYuanPerYear: null, notes, breakdown: null };
  if (option.enterpriseId === null) {
    notes.push('行业方案（无企业）：不计环境保护税 / an industry-level option: no enterprise, no tax');
    return none;
  }
  if (reductions.length === 0) {
    notes.push('无可计税的污染物削减量 / no reduction of a taxable pollutant');
    return { ...none, avoided_wanYuanPerYear: 0 };
  }
  const ent = (await enterpriseFacts(db, [option.enterpriseId])).get(option.enterpriseId);
  if (!ent?.province) {
    notes.push('企业无省份：不计环境保护税 / no province: no tax rate');
    return none;
  }
  const rates = { province: ent.province, ...(ent.city ? { city: ent.city } : {}) };
  const emissions = await newestEmissions(db, option.enterpriseId);
  let before: NonNullable<TaxInputJson['outlets']>;
  if (emissions === null) {
    notes.push('无年度排放数据：以削减量本身计税 / no annual emissions: the reductions alone are taxed');
    before = outletsOfReductions(reductions);
  } else {
    notes.push(
      `削减前排放取 ${emissions.year} 年年度数据 / emissions before the option: annual data ${emissions.year}`,
    );
    before = taxOutlets(emissions.values);
    const present = new Set(before.flatMap((o) => o.pollutants.map((p) => p.pollutant)));
    const missing = reductions.filter((r) => !present.has(r.pollutant));
    if (missing.length > 0) {
      notes.push(
        `${missing.map((m) => m.pollutant).join(', ')}: 年度数据无排放量，削减量按新增排放口计 / not in the annual emissions: added as emitted`,
      );
      before = [...before, ...outletsOfReductions(missing).map((o) => ({ ...o, id: `${o.id}-extra` }))];
    }
  }
  const after = subtract(before, reductions);
  try {
    const t = avoidedTax({ rates, outlets: before }, { rates, outlets: after });
    return {
      rates: ratesView(rates),
      reductions,
      avoided_wanYuanPerYear: Math.max(0, t.value.avoided_wanYuanPerA),
      notes,
      breakdown: t.breakdown,
    };
  } catch (e) {
    if (!isCpError(e)) throw e;
    notes.push(`环境保护税未计算 / tax not computed: ${e.message}`);
    return none;
  }
}

/** The rates applied (元 per equivalent and their document), as the core resolves the selection. */
function ratesView(rates: { province: string; city?: string }): OptionAvoidedTaxView['rates'] {
  const r = resolveTaxRates(rates);
  return { air_yuanPerEq: r.air_yuanPerEq, water_yuanPerEq: r.water_yuanPerEq, document: r.document };
}

function viewOf(option: OptionLike, basis: Basis, c: Computed): OptionAvoidedTaxView {
  const entered =
    basis === 'expected'
      ? option.economicBenefitExpected_wanYuanPerYear
      : option.economicBenefitActual_wanYuanPerYear;
  const add = option.addAvoidedTax && c.avoided_wanYuanPerYear !== null ? c.avoided_wanYuanPerYear : 0;
  return {
    optionId: option.id,
    basis,
    rates: c.rates,
    reductions: c.reductions,
    avoided_wanYuanPerYear: c.avoided_wanYuanPerYear,
    addedToBenefit: option.addAvoidedTax,
    economicBenefit_wanYuanPerYear: entered === null && add === 0 ? null : (entered ?? 0) + add,
    notes: c.notes,
    breakdown: c.breakdown,
  };
}

async function benefitsOf(db: Db, optionId: string): Promise<OptionBenefit[]> {
  return db.select().from(optionBenefits).where(eq(optionBenefits.optionId, optionId));
}

export async function getOptionAvoidedTax(
  ctx: ServiceContext,
  optionId: string,
  basis: Basis,
): Promise<OptionAvoidedTaxView> {
  const o = await loadOption(ctx.db, ctx, optionId);
  const benefits = await benefitsOf(ctx.db, optionId);
  return viewOf(o.row, basis, await compute(ctx.db, o.row, benefits, basis));
}

export async function setOptionAvoidedTax(
  ctx: ServiceContext,
  optionId: string,
  body: { version: number; addAvoidedTax: boolean },
): Promise<OptionAvoidedTaxView> {
  return writeMapped(ctx, async (tx) => {
    const o = await loadOption(tx, ctx, optionId);
    requirePower(o, 'manage', 'change the economic benefit');
    const [row] = await tx
      .update(cpOptions)
      .set({ addAvoidedTax: body.addAvoidedTax })
      .where(versionMatches(cpOptions, optionId, body.version))
      .returning();
    if (!row) return throwVersionFailure(tx, cpOptions, optionId, body.version, 'option');
    const benefits = await benefitsOf(tx, optionId);
    return viewOf(row, 'expected', await compute(tx, row, benefits, 'expected'));
  });
}

/**
 * The avoided tax to add to the economic benefit of each option whose stored benefit leaves it out
 * (`add_avoided_tax`), per basis, for the Guangdong form totals (note 15). Options that include it already are
 * absent from the map: their figure is taken as entered.
 */
export async function avoidedTaxAdditions(
  db: Db,
  rows: readonly OptionLike[],
  benefits: readonly OptionBenefit[],
): Promise<Map<string, { expected: number; actual: number }>> {
  const out = new Map<string, { expected: number; actual: number }>();
  for (const r of rows) {
    if (!r.addAvoidedTax) continue;
    const own = benefits.filter((b) => b.optionId === r.id);
    const e = await compute(db, r, own, 'expected');
    const a = await compute(db, r, own, 'actual');
    out.set(r.id, { expected: e.avoided_wanYuanPerYear ?? 0, actual: a.avoided_wanYuanPerYear ?? 0 });
  }
  return out;
}
