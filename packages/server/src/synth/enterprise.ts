/**
 * One synthetic enterprise, built from its own random stream (`<seed>:enterprise:<index>`), so the province is
 * generated one batch at a time and enterprise i is the same whatever the batch size: its organisation rows, its
 * annual data of every year (consistent with the core: 综合能耗 by GB/T 2589 `comprehensiveEnergy`, CO2 of purchased
 * power by the grid factor of the year `co2FromSavings` (form note 13: E = AD × EF) and of natural gas by the GHG
 * guideline's defaults `fuelCombustionCo2`), its electroplating indicator values around the levels of the built-in
 * system, and its options at every status with their benefits and evidence stubs.
 */
import { indicatorItemCode } from '@cpaudit/contract';
import {
  co2FromSavings,
  comprehensiveEnergy,
  ELECTROPLATING_2015,
  fuelCombustionCo2,
  industryByCode,
  orgCodeCheckChar,
  usccCheckChar,
} from '@cpaudit/core';
import type {
  annualSubmissions,
  annualValues,
  consultingEngagements,
  cpOptions,
  enterpriseProducts,
  enterprises,
  optionBenefits,
  optionEvidence,
} from '../db/index.ts';
import { gridFactorFor } from '../demo/annual.ts';
import { DEMO_PRICES } from '../demo/audit.ts';
import { createRng, type Rng } from '../demo/prng.ts';
import {
  BRAND_A,
  BRAND_B,
  CITIES,
  COUNTY_SUFFIXES,
  INDUSTRIES,
  type IndustryProfile,
  OPTION_TEMPLATES,
  PLATING_PROFILES,
  PROVINCE,
  type SynthCity,
} from './profiles.ts';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** A data problem planted on purpose, and the data-check rule that must find it. */
export interface SynthAnomaly {
  enterpriseIndex: number;
  year: number;
  item: string;
  rule: 'emitted-exceeds-generated' | 'yoy-jump-quantity' | 'missing-required';
  what: string;
}

export interface EnterpriseAttributes {
  index: number;
  id: string;
  city: SynthCity;
  cityIndex: number;
  countyCode: string;
  countyName: string;
  industry: IndustryProfile;
  rng: Rng;
}

export interface SynthContext {
  seed: number;
  years: readonly number[];
  optionsPerEnterprise: number;
  /** Share of implemented/verified options that carry an evidence file. */
  evidenceShare: number;
  /** Anomalies by enterprise index. */
  anomalies: ReadonlyMap<number, SynthAnomaly>;
  /** The built-in electroplating system as stored: its code and tier-2 row ids by core indicator id. */
  electroplating: { code: string; indicatorRows: ReadonlyMap<string, string> } | null;
  firms: readonly { id: string; cityIndex: number }[];
}

export interface EvidenceSpec {
  row: Omit<Row<typeof optionEvidence>, 'storageKey' | 'sha256' | 'sizeBytes'>;
  sizeBytes: number;
}

export interface EnterpriseRows {
  attrs: EnterpriseAttributes;
  enterprise: Row<typeof enterprises>;
  product: Row<typeof enterpriseProducts>;
  engagement: Row<typeof consultingEngagements> | null;
  submissions: Row<typeof annualSubmissions>[];
  values: Row<typeof annualValues>[];
  /** Final status of each year, applied after the values (submitted and accepted data are locked). */
  finalStatus: Map<number, 'draft' | 'submitted' | 'returned' | 'accepted'>;
  returnReason: string | null;
  options: Row<typeof cpOptions>[];
  benefits: Row<typeof optionBenefits>[];
  evidence: EvidenceSpec[];
  /** Status of the last year's data (the audit's data-collection status). */
  lastStatus: 'draft' | 'submitted' | 'returned' | 'accepted';
  consultingFirmId: string | null;
}

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** Standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal with the given median and σ of the logarithm. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

function weighted<T extends { weight: number }>(rng: Rng, list: readonly T[]): [T, number] {
  const total = list.reduce((s, x) => s + x.weight, 0);
  let u = rng.next() * total;
  for (let i = 0; i < list.length; i++) {
    const x = list[i] as T;
    u -= x.weight;
    if (u < 0) return [x, i];
  }
  return [list[list.length - 1] as T, list.length - 1];
}

/** Characters of the organisation-code body (the USCC character set without check-only letters). */
const BODY_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A valid 统一社会信用代码 unique per (prefix, number): 9 (工商) 1 (企业), the 6-digit division code, an
 * organisation code of 8 characters (the prefix letter, the number in base 31 on 5 characters, 2 random ones) with
 * its GB 11714 check character, then the GB 32100-2015 check character. The number makes codes of one run distinct.
 */
export function synthUscc(rng: Rng, divisionCode: string, prefix: 'M' | 'N', n: number): string {
  let digits = '';
  let rest = n;
  for (let k = 0; k < 5; k++) {
    digits = BODY_CHARS.charAt(rest % 31) + digits;
    rest = Math.floor(rest / 31);
  }
  for (;;) {
    const body = `${prefix}${digits}${BODY_CHARS.charAt(rng.int(0, 30))}${BODY_CHARS.charAt(rng.int(0, 30))}`;
    const org = orgCodeCheckChar(body);
    if (org === null || !BODY_CHARS.includes(org)) continue;
    const first17 = `91${divisionCode}${body}${org}`;
    return first17 + usccCheckChar(first17);
  }
}

/** City, county and industry of enterprise i (the first draws of its stream). */
export function enterpriseAttributes(seed: number, index: number): EnterpriseAttributes {
  const rng = createRng(`${seed}:enterprise:${index}`);
  const id = rng.uuid();
  const [city, cityIndex] = weighted(rng, CITIES);
  const county = COUNTY_SUFFIXES[rng.int(0, COUNTY_SUFFIXES.length - 1)] ?? COUNTY_SUFFIXES[0];
  const [industry] = weighted(rng, INDUSTRIES);
  return {
    index,
    id,
    city,
    cityIndex,
    countyCode: `${city.code.slice(0, 4)}${county.code}`,
    countyName: `${city.name.replace(/市$/, '')}${county.name}`,
    industry,
    rng,
  };
}

interface ValueSpec {
  category: Row<typeof annualValues>['category'];
  itemCode: string;
  name?: string | null;
  quantity: number;
  unit: string;
  source?: Row<typeof annualValues>['source'];
  note?: string;
  indicatorId?: string | null;
}

const OPTION_STATUS_WEIGHTS = [
  { status: 'proposed', weight: 15 },
  { status: 'screened', weight: 10 },
  { status: 'feasible', weight: 15 },
  { status: 'rejected', weight: 5 },
  { status: 'implementing', weight: 15 },
  { status: 'implemented', weight: 25 },
  { status: 'verified', weight: 15 },
] as const;

const EVIDENCE_KINDS = ['photo_after', 'invoice', 'test_report', 'operation_record', 'calculation'] as const;

const day = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Every row of enterprise i; `auditId` is the industry audit it belongs to. */
export function buildEnterprise(
  ctx: SynthContext,
  attrs: EnterpriseAttributes,
  auditId: string,
): EnterpriseRows {
  const r = attrs.rng;
  const p = attrs.industry;
  const id = attrs.id;
  const anomaly = ctx.anomalies.get(attrs.index);
  const lastYear = ctx.years[ctx.years.length - 1] ?? 2024;
  const plating =
    p.code === '3360' ? (PLATING_PROFILES[r.int(0, PLATING_PROFILES.length - 1)] ?? null) : null;
  const quality = r.next();
  const name = `${attrs.city.name.replace(/市$/, '')}${r.pick(BRAND_A)}${r.pick(BRAND_B)}${r.pick(p.suffixes)}（合成${attrs.index + 1}）`;
  const output0 = Math.max(p.output.min, logNormal(r, p.output.median, p.output.sigma));
  const unitRound = p.product.unit === 'm2' ? 100 : 1;
  const industryName = industryByCode(p.code).name;
  const productName = plating?.product ?? p.product.name;

  const enterprise: Row<typeof enterprises> = {
    id,
    uscc: synthUscc(r, attrs.countyCode, 'M', attrs.index),
    name,
    address: `${PROVINCE.name}${attrs.city.name}${attrs.countyName}产业路${r.int(1, 999)}号`,
    regionCode: attrs.countyCode,
    industryCode: p.code,
    industryName,
    industrialParkName: r.chance(0.6) ? `${attrs.countyName}工业集中区` : null,
    keyMonitoringTypes: r.chance(0.5) ? ['water', 'soil'] : ['water'],
    permitClass: r.chance(0.7) ? 'key' : 'simplified',
    employees: Math.max(10, Math.round(output0 / p.output.median) * 120 + r.int(10, 80)),
    establishedOn: day(r.int(1990, 2018), r.int(1, 12), r.int(1, 28)),
    longitude: round(r.range(116.4, 121.9), 5),
    latitude: round(r.range(30.8, 35.1), 5),
    note: 'cpaudit 合成数据（cpaudit synth）：虚构企业',
  };
  const product: Row<typeof enterpriseProducts> = {
    enterpriseId: id,
    name: productName,
    capacity: Math.round(output0 * r.range(1.15, 1.5)),
    capacityUnit: `${p.product.unit}/a`,
    isMain: true,
    sortOrder: 1,
  };
  const cityFirms = ctx.firms.filter((f) => f.cityIndex === attrs.cityIndex);
  const firm =
    r.chance(0.6) && ctx.firms.length > 0
      ? cityFirms.length > 0
        ? r.pick(cityFirms)
        : ctx.firms[attrs.index % ctx.firms.length]
      : undefined;
  const engagement: Row<typeof consultingEngagements> | null = firm
    ? {
        consultingFirmId: firm.id,
        enterpriseId: id,
        startedOn: day(lastYear + 1, r.int(1, 3), r.int(1, 28)),
        scope: `${industryName}行业清洁生产审核 数据填报与方案实施咨询`,
      }
    : null;

  // Per-unit parameters of this enterprise (uniform within the industry's band, see profiles.ts).
  const u = (range: readonly [number, number], q: number = r.next()) => range[0] + (range[1] - range[0]) * q;
  // One quantile for electricity and gas (and one for intake and reuse): their sums (综合能耗, CO2) then stay
  // uniform within the band too; independent draws would pile up in the middle and make the band's edges look
  // like outliers to a robust z-score.
  const qEnergy = r.next();
  const qWater = r.next();
  const elecInt = u(p.electricity_kWhPerUnit, qEnergy);
  const gasInt = u(p.gas_m3PerUnit, qEnergy);
  const waterInt = u(p.water_m3PerUnit, qWater);
  const reuseShare = u(p.reuseShare, qWater);
  const price = u(p.price_yuanPerUnit);
  const vaShare = u(p.valueAddedShare);
  const hwInt = p.hazardous_tPerUnit ? u(p.hazardous_tPerUnit) : 0;
  const waterConc = p.waterPollutants
    .filter((w) => !w.needs || plating?.[w.needs])
    .map((w) => ({ w, gen: u(w.gen_mgL), out: u(w.out_mgL) }));
  const air = p.airPollutants.map((a) => ({ a, gen: u(a.gen_tPerUnit), out: u(a.out_tPerUnit) }));

  const submissions: EnterpriseRows['submissions'] = [];
  const values: EnterpriseRows['values'] = [];
  const finalStatus: EnterpriseRows['finalStatus'] = new Map();
  let returnReason: string | null = null;
  let output = output0;
  let last = { electricity: 0, water: 0, codOut: 0, hazardous: 0, output: 0 };
  ctx.years.forEach((year, k) => {
    if (k > 0) output *= r.range(0.93, 1.1);
    const out = Math.max(unitRound, Math.round(output / unitRound) * unitRound);
    // Intensities improve a little each year (drift), each item with its own small noise.
    const drift = (1 - 0.012 * k) * r.range(0.992, 1.008);
    const jitter = () => r.range(0.992, 1.008);
    const electricity = Math.round(out * elecInt * drift * jitter());
    const gas = Math.round(out * gasInt * drift * jitter());
    const water = Math.round(out * waterInt * drift * jitter());
    const reuse = Math.round((water * reuseShare) / (1 - reuseShare));
    const planted = anomaly && anomaly.year === year ? anomaly : undefined;
    const specs: ValueSpec[] = [];
    const gross = round((out * price * jitter()) / 10_000, 2);
    specs.push({
      category: 'economy',
      itemCode: 'economy.gross_output',
      quantity: gross,
      unit: '万元',
      source: 'statistics',
    });
    if (planted?.rule !== 'missing-required') {
      specs.push({
        category: 'economy',
        itemCode: 'economy.value_added',
        quantity: round(gross * vaShare, 2),
        unit: '万元',
        source: 'statistics',
      });
    }
    specs.push({
      category: 'product',
      itemCode: p.product.itemCode,
      name: productName,
      quantity: out,
      unit: p.product.unit,
      source: 'statistics',
    });
    // Planted: a meter multiplier entered twice (≈ ×3); derived figures below use the true reading.
    const jump = planted?.item === 'energy.electricity';
    specs.push({
      category: 'energy',
      itemCode: 'energy.electricity',
      quantity: jump ? electricity * 3 : electricity,
      unit: 'kWh',
      source: 'metered',
      ...(jump ? { note: '电表倍率重复录入' } : {}),
    });
    specs.push({
      category: 'energy',
      itemCode: 'energy.natural_gas',
      quantity: gas,
      unit: 'm3',
      source: 'metered',
    });
    // 综合能耗 (GB/T 2589): the core converts each carrier with its coefficient.
    const energy = comprehensiveEnergy({
      items: [
        { carrier: 'electricity', quantity: { value: electricity, unit: 'kWh' } },
        { carrier: 'natural-gas', quantity: { value: gas, unit: 'm3' } },
      ],
    });
    specs.push({
      category: 'energy',
      itemCode: 'energy.comprehensive',
      quantity: round(energy.value.total_tce, 2),
      unit: 'tce',
      source: 'calculated',
      note: 'GB/T 2589 折标（cpaudit core 计算）',
    });
    specs.push({
      category: 'water',
      itemCode: 'water.intake',
      quantity: water,
      unit: 'm3',
      source: 'metered',
    });
    specs.push({
      category: 'water',
      itemCode: 'water.reuse',
      quantity: reuse,
      unit: 'm3',
      source: 'metered',
    });
    // Pollutants on the industry's typical wastewater per unit: t = m³ × mg/L × 10⁻⁶, kg = m³ × mg/L × 10⁻³.
    const ww = out * p.wastewater_m3PerUnit * drift;
    const wwGen = Math.round(ww);
    specs.push(
      {
        category: 'pollutant_generated',
        itemCode: 'pollutant_generated.wastewater',
        quantity: wwGen,
        unit: 't',
        source: 'metered',
      },
      {
        category: 'pollutant_emitted',
        itemCode: 'pollutant_emitted.wastewater',
        quantity: Math.round(wwGen * p.emittedShare),
        unit: 't',
        source: 'metered',
      },
    );
    let codOut = 0;
    for (const { w, gen, out: o } of waterConc) {
      const scale = w.unit === 't' ? 1e-6 : 1e-3;
      const generated = round(ww * gen * scale * jitter(), 4);
      let emitted = round(ww * p.emittedShare * o * scale * jitter(), 4);
      if (w.item === 'cod') codOut = emitted;
      // Planted: the emitted load computed with the influent concentration (emitted > generated).
      if (planted?.item === `pollutant_emitted.${w.item}`) emitted = round(generated * 1.3, 4);
      specs.push(
        {
          category: 'pollutant_generated',
          itemCode: `pollutant_generated.${w.item}`,
          quantity: generated,
          unit: w.unit,
          source: 'monitoring',
        },
        {
          category: 'pollutant_emitted',
          itemCode: `pollutant_emitted.${w.item}`,
          quantity: emitted,
          unit: w.unit,
          source: 'monitoring',
        },
      );
    }
    for (const { a, gen, out: o } of air) {
      specs.push(
        {
          category: 'pollutant_generated',
          itemCode: `pollutant_generated.${a.item}`,
          quantity: round(out * gen * drift * jitter(), 4),
          unit: 't',
          source: 'monitoring',
        },
        {
          category: 'pollutant_emitted',
          itemCode: `pollutant_emitted.${a.item}`,
          quantity: round(out * o * drift * jitter(), 4),
          unit: 't',
          source: 'monitoring',
        },
      );
    }
    let hazardous = 0;
    if (p.hazardous_tPerUnit) {
      hazardous = round(out * hwInt * drift * jitter(), 3);
      // Planted: tonnes entered as 万吨-like hundredths (unit slip).
      const slip = planted?.item === 'pollutant_generated.hazardous_waste';
      specs.push({
        category: 'pollutant_generated',
        itemCode: 'pollutant_generated.hazardous_waste',
        quantity: slip ? round(hazardous / 100, 5) : hazardous,
        unit: 't',
        source: 'document',
      });
    }
    // GHG: purchased electricity × the grid factor of the year (form note 13, E = AD × EF) and natural gas by the
    // GHG guideline's default parameters (core).
    const grid = gridFactorFor(PROVINCE.short, year);
    const power = co2FromSavings({
      electricity_kWh: electricity,
      coal_t: 0,
      oil_t: 0,
      naturalGas_m3: 0,
      gridFactor: grid,
    });
    const fuel = fuelCombustionCo2({ fuel: 'natural-gas', quantity: { value: gas, unit: 'm3' } });
    const co2Power = round(power.value.electricity_tCO2, 2);
    const co2Fuel = round(fuel.value.tCO2, 2);
    specs.push(
      {
        category: 'ghg',
        itemCode: 'ghg.co2_purchased_power',
        quantity: co2Power,
        unit: 'tCO2',
        source: 'calculated',
      },
      { category: 'ghg', itemCode: 'ghg.co2_fuel', quantity: co2Fuel, unit: 'tCO2', source: 'calculated' },
      {
        category: 'ghg',
        itemCode: 'ghg.co2_total',
        quantity: round(co2Power + co2Fuel, 2),
        unit: 'tCO2',
        source: 'calculated',
      },
    );

    // Indicator values of the electroplating system, last year only: around the system's levels by quality.
    if (plating && ctx.electroplating && year === lastYear) {
      const ep = ctx.electroplating;
      for (const g of ELECTROPLATING_2015.groups) {
        for (const ind of g.indicators) {
          if (ind.kind !== 'quantitative') continue;
          const rowId = ep.indicatorRows.get(ind.id);
          if (!rowId) continue;
          let v: number | null = null;
          if (ind.id === 'water-reuse-rate') {
            // 电镀用水重复利用率 = 重复利用水量 / (取水量 + 重复利用水量), from the water data.
            v = round((100 * reuse) / (water + reuse), 1);
          } else if (ind.id.endsWith('-utilisation')) {
            const metal = ind.id.replace(/-utilisation$/, '');
            if (!(plating.metals as readonly string[]).includes(metal)) continue;
            const lo = (ind.benchmarks.III ?? 70) - 4;
            const hi = Math.min(99.5, (ind.benchmarks.I ?? 95) + 2);
            v = round(lo + (hi - lo) * (0.3 * r.next() + 0.7 * quality), 1);
          } else {
            const I = ind.benchmarks.I;
            const III = ind.benchmarks.III;
            if (I === undefined || III === undefined) continue;
            const lo = Math.min(I, III) * 0.85;
            const hi = Math.max(I, III) * 1.15;
            const q = 0.3 * r.next() + 0.7 * quality;
            v = round(ind.direction === 'ge' ? lo + (hi - lo) * q : hi - (hi - lo) * q, 1);
          }
          specs.push({
            category: 'indicator',
            itemCode: indicatorItemCode(ep.code, ind.id),
            name: ind.name,
            quantity: v,
            unit: ind.unit ?? '1',
            indicatorId: rowId,
            source: ind.id === 'water-reuse-rate' ? 'calculated' : 'monitoring',
          });
        }
      }
    }

    submissions.push({ enterpriseId: id, year, status: 'draft' });
    for (const s of specs) {
      values.push({
        enterpriseId: id,
        year,
        category: s.category,
        itemCode: s.itemCode,
        name: s.name ?? null,
        quantity: s.quantity,
        unit: s.unit,
        source: s.source ?? null,
        note: s.note ?? null,
        indicatorId: s.indicatorId ?? null,
      });
    }
    // Workflow: earlier years accepted; the last year mostly accepted, some submitted or still draft; the planted
    // emitted > generated year was returned by the bureau.
    if (planted?.rule === 'emitted-exceeds-generated') {
      finalStatus.set(year, 'returned');
      returnReason = `${planted.what}，请核实监测数据后重新提交`;
    } else if (year < lastYear) finalStatus.set(year, 'accepted');
    else {
      const x = r.next();
      finalStatus.set(year, x < 0.8 ? 'accepted' : x < 0.9 ? 'submitted' : 'draft');
    }
    last = { electricity, water, codOut, hazardous, output: out };
  });

  // Options (≈ optionsPerEnterprise, every status) with expected and, once implemented, actual benefits.
  const options: EnterpriseRows['options'] = [];
  const benefits: EnterpriseRows['benefits'] = [];
  const evidence: EvidenceSpec[] = [];
  const m = ctx.optionsPerEnterprise;
  const count = m <= 0 ? 0 : Math.max(1, r.int(Math.max(1, m - 2), m + 2));
  const grid = gridFactorFor(PROVINCE.short, lastYear);
  for (let k = 0; k < count; k++) {
    const t = r.pick(OPTION_TEMPLATES);
    const [{ status }] = weighted(r, OPTION_STATUS_WEIGHTS);
    const optionId = r.uuid();
    const investment = round(Math.min(800, Math.max(0.2, logNormal(r, 6, 1.1))), 2);
    const scale = r.range(0.6, 1.4);
    const electricity = Math.round(last.electricity * (t.electricity ?? 0) * scale);
    const water = round(last.water * (t.water ?? 0) * scale, 1);
    const cod = round(last.codOut * (t.cod ?? 0) * scale, 4);
    const hazardous = round(last.hazardous * (t.hazardous ?? 0) * scale, 3);
    // 万元/a = (kWh × 元/kWh + t × 元/t + …) / 10⁴ (the demo's synthetic prices).
    const saving_wanYuan = round(
      (electricity * DEMO_PRICES.electricity_yuanPerKWh +
        water * DEMO_PRICES.water_yuanPerT +
        hazardous * DEMO_PRICES.sludge_yuanPerT) /
        10_000,
      2,
    );
    const implemented = status === 'implemented' || status === 'verified';
    const month = r.int(4, 11);
    options.push({
      id: optionId,
      auditId,
      level: 'enterprise',
      enterpriseId: id,
      code: `E${String(k + 1).padStart(2, '0')}`,
      name: t.name,
      summary: `${name}：${t.name}`,
      optionType: t.optionType,
      gdCategory: t.gdCategory,
      performanceClass: t.performanceClass,
      costClass: investment < 5 ? 'no_low' : 'mid_high',
      isKey: investment >= 50,
      investmentPlanned_wanYuan: investment,
      investmentActual_wanYuan: implemented ? round(investment * r.range(0.85, 1.15), 2) : null,
      economicBenefitExpected_wanYuanPerYear: saving_wanYuan,
      economicBenefitActual_wanYuanPerYear: implemented ? round(saving_wanYuan * r.range(0.8, 1.1), 2) : null,
      responsibleUnit: name,
      status,
      rejectionReason: status === 'rejected' ? '经济可行性不足（投资回收期过长）' : null,
      plannedStart: day(lastYear + 1, month, 1),
      plannedFinish: day(lastYear + 1, Math.min(12, month + 2), 28),
      implementedOn: implemented ? day(lastYear + 1, Math.min(12, month + 1), 15) : null,
      verifiedOn: status === 'verified' ? day(lastYear + 2, 1, 20) : null,
      sortOrder: k + 1,
    });
    if (status === 'proposed' || status === 'rejected') continue;
    const add = (basis: 'expected' | 'actual', f: number) => {
      const line = (itemCode: string, quantity: number, unit: string) => {
        if (quantity > 0) benefits.push({ optionId, basis, itemCode, quantity, unit });
      };
      line('saving.electricity', Math.round(electricity * f), 'kWh/a');
      line('saving.water', round(water * f, 1), 't/a');
      line('reduction.cod', round(cod * f, 4), 't/a');
      line('reduction.hazardous_waste', round(hazardous * f, 3), 't/a');
      if (electricity > 0) {
        const co2 = co2FromSavings({
          electricity_kWh: Math.round(electricity * f),
          coal_t: 0,
          oil_t: 0,
          naturalGas_m3: 0,
          gridFactor: grid,
        });
        line('co2.electricity', round(co2.value.electricity_tCO2, 3), 'tCO2/a');
      }
    };
    add('expected', 1);
    if (implemented) add('actual', r.range(0.8, 1.1));
    if (implemented && r.chance(ctx.evidenceShare)) {
      const kind = r.pick(EVIDENCE_KINDS);
      evidence.push({
        row: {
          optionId,
          kind,
          title: `${t.name} 佐证材料`,
          fileName: `${attrs.index + 1}-E${k + 1}-${kind}.pdf`,
          contentType: 'application/pdf',
          note: 'cpaudit 合成佐证文件（内容为占位）',
        },
        // A few KB to a few MB: log-normal around 40 KB.
        sizeBytes: Math.round(Math.min(4_000_000, Math.max(2_000, logNormal(r, 40_000, 1.1)))),
      });
    }
  }

  const lastStatus = finalStatus.get(lastYear) ?? 'draft';
  return {
    attrs,
    enterprise,
    product,
    engagement,
    submissions,
    values,
    finalStatus,
    returnReason,
    options,
    benefits,
    evidence,
    lastStatus,
    consultingFirmId: firm?.id ?? null,
  };
}

/**
 * The bytes of an evidence stub: a minimal PDF whose comment names the option, padded to `size` with a
 * deterministic pseudo-random filler (xorshift32 seeded from the option id), so every stub is distinct (the store
 * is content-addressed and each evidence row has its own storage key).
 */
export function evidenceBytes(optionId: string, title: string, size: number): Buffer {
  const head = Buffer.from(
    `%PDF-1.4\n% cpaudit synthetic evidence ${optionId}\n1 0 obj << /Type /Catalog >> endobj\n% ${Buffer.from(title).toString('hex')}\n`,
  );
  const tail = Buffer.from('\n%%EOF\n');
  const fill = Math.max(0, size - head.length - tail.length);
  const body = Buffer.alloc(fill + ((4 - (fill % 4)) % 4));
  let s = 0x9e3779b9;
  for (let i = 0; i < optionId.length; i++) s = Math.imul(s ^ optionId.charCodeAt(i), 0x01000193) >>> 0;
  if (s === 0) s = 1;
  for (let i = 0; i < body.length; i += 4) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    body.writeUInt32LE(s >>> 0, i);
  }
  return Buffer.concat([head, body.subarray(0, fill), tail]);
}
