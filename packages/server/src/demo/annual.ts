/**
 * Three years (2022–2024) of annual data of the demo enterprises, consistent with the core:
 * - production: plated area (m²) for the electroplating enterprises, board area for the PCB maker;
 * - energy: electricity and natural gas, and 综合能耗 converted by the core (`comprehensiveEnergy`, GB/T 2589);
 * - water: intake and reuse (the indicator 电镀用水重复利用率 is computed from them);
 * - materials: the plating metals (锌锭, 电解铜, 电解镍, 铬酐, 金盐, 银);
 * - pollutants: generated ≥ emitted for wastewater, COD, 氨氮, 总磷 and the heavy metals of the metals in use
 *   (concentrations within GB 21900-2008 表2 limits for the emitted side), hazardous waste;
 * - GHG: purchased electricity × the province's grid factor of the year (the core's table; the newest year when
 *   the year is not published yet) and natural-gas combustion by the GHG guideline's default parameters (core);
 * - economy: gross output and value added (万元).
 * Planted problems the core's data checks find are listed in `PLANTED_ANOMALIES` (see checks.ts).
 */

import { indicatorItemCode } from '@cpaudit/contract';
import {
  co2FromSavings,
  comprehensiveEnergy,
  ELECTROPLATING_2015,
  type EnterpriseEvaluation,
  evaluateEnterprise,
  findGridFactor,
  fuelCombustionCo2,
  type GridFactor,
  type IndicatorValues,
  isCpError,
  type Traced,
} from '@cpaudit/core';
import type {
  annualSubmissions,
  annualValues,
  evaluations,
  evaluationValues,
  indicatorSystems,
  indicators,
} from '../db/index.ts';
import type { DemoOrgs, Metal, PlatingEnterprise, Row } from './orgs.ts';
import type { Rng } from './prng.ts';

export const DATA_YEARS = [2022, 2023, 2024] as const;

/** A data problem planted on purpose, and the data-check rule that must find it. */
export interface PlantedAnomaly {
  /** Index of the electroplating enterprise (orgs.plating). */
  enterprise: number;
  year: number;
  item: string;
  rule: 'emitted-exceeds-generated' | 'yoy-jump-quantity' | 'missing-required';
  what: string;
}

export const PLANTED_ANOMALIES: readonly PlantedAnomaly[] = [
  {
    enterprise: 4,
    year: 2023,
    item: 'pollutant_emitted.cod',
    rule: 'emitted-exceeds-generated',
    what: '2023年COD排放量大于产生量（排放量按进水浓度误算）',
  },
  {
    enterprise: 11,
    year: 2024,
    item: 'energy.electricity',
    rule: 'yoy-jump-quantity',
    what: '2024年用电量约为上年的3倍（电表倍率录入错误）',
  },
  {
    enterprise: 19,
    year: 2022,
    item: 'water.intake',
    rule: 'missing-required',
    what: '2022年缺少取水量',
  },
  {
    enterprise: 25,
    year: 2024,
    item: 'pollutant_generated.hazardous_waste',
    rule: 'yoy-jump-quantity',
    what: '2024年危险废物产生量约为上年的1/100（单位误填为万吨）',
  },
];

/** Annual items every year must report (the data checks' `required`). */
export const REQUIRED_ITEMS = [
  'economy.gross_output',
  'energy.electricity',
  'water.intake',
  'pollutant_generated.wastewater',
  'pollutant_emitted.wastewater',
] as const;

/** Material items of the plating metals: code, name, unit, consumption per m² (in that unit per m²). */
const METAL_MATERIALS: Readonly<
  Record<Metal, { code: string; name: string; unit: string; perM2: [number, number] }>
> = {
  zinc: { code: 'material.zinc', name: '锌锭', unit: 't', perM2: [1.5e-5, 2.6e-5] },
  copper: { code: 'material.copper', name: '电解铜', unit: 't', perM2: [1.0e-5, 1.8e-5] },
  nickel: { code: 'material.nickel', name: '电解镍', unit: 't', perM2: [2.2e-5, 3.6e-5] },
  'decorative-chromium': {
    code: 'material.chromic_anhydride',
    name: '铬酐',
    unit: 't',
    perM2: [0.8e-5, 1.4e-5],
  },
  'hard-chromium': { code: 'material.chromic_anhydride', name: '铬酐', unit: 't', perM2: [2.5e-5, 4.0e-5] },
  gold: { code: 'material.gold', name: '金盐（以金计）', unit: 'kg', perM2: [1.2e-5, 2.0e-5] },
  silver: { code: 'material.silver', name: '银（以银计）', unit: 'kg', perM2: [1.0e-4, 1.6e-4] },
};

/** Utilisation-rate indicator of each metal in the 2015 system. */
const METAL_INDICATOR: Readonly<Record<Metal, string>> = {
  zinc: 'zinc-utilisation',
  copper: 'copper-utilisation',
  nickel: 'nickel-utilisation',
  'decorative-chromium': 'decorative-chromium-utilisation',
  'hard-chromium': 'hard-chromium-utilisation',
  gold: 'gold-utilisation',
  silver: 'silver-utilisation',
};

export interface AnnualRows {
  submissions: Row<typeof annualSubmissions>[];
  values: Row<typeof annualValues>[];
  /** Final statuses, applied after the values are in (locked statuses refuse writes). */
  finalStatuses: { enterpriseId: string; year: number; set: Partial<Row<typeof annualSubmissions>> }[];
  system: Row<typeof indicatorSystems>;
  indicators: Row<typeof indicators>[];
  evaluations: Row<typeof evaluations>[];
  evaluationValues: Row<typeof evaluationValues>[];
  /** The status evaluation of each electroplating enterprise (by enterprise id), as the core returned it. */
  statusEvaluation: Map<string, { id: string; result: Traced<EnterpriseEvaluation> }>;
  /** Key figures per enterprise and year, for options, targets and the PCB form. */
  figures: Map<string, Map<number, YearFigures>>;
}

export interface YearFigures {
  area_m2: number;
  electricity_kWh: number;
  gas_m3: number;
  water_m3: number;
  reuse_m3: number;
  cod_emitted_t: number;
  wastewater_emitted_t: number;
  hazardous_t: number;
  gross_wanYuan: number;
}

/** Typical wastewater per m² plated (m³/m²) and share of it discharged, for the pollutant loads of the demo. */
const TYPICAL_WASTEWATER_M3_PER_M2 = 0.086;
const EMITTED_SHARE = 0.86;

const ITEM_NAMES: Readonly<Record<string, string>> = {
  'pollutant_generated.wastewater': '废水产生量',
  'pollutant_emitted.wastewater': '废水排放量',
};

/** The grid factor of the province and year; the newest published year when that one is not in the table. */
export function gridFactorFor(province: string, year: number): GridFactor {
  try {
    return findGridFactor({ region: province, dataYear: year });
  } catch (e) {
    if (!isCpError(e)) throw e;
    const newest = findGridFactor({ region: province });
    return { ...newest, note: `${year}年因子未发布，采用${newest.dataYear}年因子` };
  }
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

interface ValueSpec {
  category: Row<typeof annualValues>['category'];
  itemCode: string;
  name?: string;
  quantity: number;
  unit: string;
  source?: Row<typeof annualValues>['source'];
  note?: string;
  indicatorId?: string;
}

function isAnomaly(e: PlatingEnterprise, year: number, item: string): PlantedAnomaly | undefined {
  return PLANTED_ANOMALIES.find((a) => a.enterprise === e.index && a.year === year && a.item === item);
}

/**
 * Per-m² parameters of the enterprises of one peer group (plating profile), spread EVENLY over [lo, hi] in a random
 * order: value = lo + (hi − lo) × (rank + ½) / n. Independent uniform draws would, in groups of seven, often leave
 * one enterprise far from a tight median and trip the robust peer-outlier check (|modified z| > 3.5); real data
 * would deserve that warning, the demo's clean enterprises should not.
 */
function spreadOver(rng: Rng, list: readonly PlatingEnterprise[]) {
  const ranks = new Map<string, number>();
  return (e: PlatingEnterprise, key: string, lo: number, hi: number): number => {
    const group = list.filter((x) => x.profile.id === e.profile.id);
    if (!ranks.has(`${key}|${e.id}`)) {
      const order = rng.sample(
        group.map((x) => x.id),
        group.length,
      );
      order.forEach((id, k) => {
        ranks.set(`${key}|${id}`, k);
      });
    }
    const rank = ranks.get(`${key}|${e.id}`) ?? 0;
    return lo + ((hi - lo) * (rank + 0.5)) / group.length;
  };
}

export function buildAnnual(rng: Rng, orgs: DemoOrgs): AnnualRows {
  const submissions: AnnualRows['submissions'] = [];
  const values: AnnualRows['values'] = [];
  const finalStatuses: AnnualRows['finalStatuses'] = [];
  const figures: AnnualRows['figures'] = new Map();
  const czUser = orgs.ids.users['cz-bureau'] ?? null;

  // The indicator system as rows (its definition kept verbatim), so annual indicator values can point at it.
  const systemId = rng.uuid();
  const system: Row<typeof indicatorSystems> = {
    id: systemId,
    code: 'electroplating',
    edition: '2015',
    name: ELECTROPLATING_2015.name,
    issuer: ELECTROPLATING_2015.issuer ?? null,
    publishedOn: null,
    industryCodes: [...ELECTROPLATING_2015.industry],
    method: 'y_gk',
    ratingRules: { method: ELECTROPLATING_2015.method },
    status: 'active',
    source: ELECTROPLATING_2015.source,
    definition: { ...ELECTROPLATING_2015 },
  };
  const indicatorRows: Row<typeof indicators>[] = [];
  const indicatorIds = new Map<string, string>();
  let sort = 0;
  ELECTROPLATING_2015.groups.forEach((g, gi) => {
    const groupId = rng.uuid();
    indicatorRows.push({
      id: groupId,
      systemId,
      code: String(gi + 1),
      name: g.name,
      tier: 1,
      weight: g.weight,
      kind: 'quantitative',
      sortOrder: sort++,
    });
    g.indicators.forEach((ind, ii) => {
      const id = rng.uuid();
      indicatorIds.set(ind.id, id);
      const shared = typeof ind.weight === 'number' ? null : ind.weight;
      indicatorRows.push({
        id,
        systemId,
        parentId: groupId,
        code: `${gi + 1}.${ii + 1}`,
        name: ind.name,
        tier: 2,
        weight: shared ? null : Number(ind.weight),
        weightExpr: shared ? `${shared.shared}/n` : null,
        unit: ind.unit ?? null,
        kind: ind.kind,
        direction: ind.direction ?? null,
        restrictive: ind.limiting,
        level1Value: ind.kind === 'quantitative' ? (ind.benchmarks.I ?? null) : null,
        level2Value: ind.kind === 'quantitative' ? (ind.benchmarks.II ?? null) : null,
        level3Value: ind.kind === 'quantitative' ? (ind.benchmarks.III ?? null) : null,
        level1Text: ind.kind === 'qualitative' ? (ind.benchmarks.I ?? null) : null,
        level2Text: ind.kind === 'qualitative' ? (ind.benchmarks.II ?? null) : null,
        level3Text: ind.kind === 'qualitative' ? (ind.benchmarks.III ?? null) : null,
        footnotes: ind.note ?? null,
        sortOrder: sort++,
        source: {
          ...ELECTROPLATING_2015.source,
          status: ind.status,
          ...(ind.note ? { note: ind.note } : {}),
        },
      });
    });
  });

  const evaluationRows: AnnualRows['evaluations'] = [];
  const evaluationValueRows: AnnualRows['evaluationValues'] = [];
  const statusEvaluation: AnnualRows['statusEvaluation'] = new Map();

  const spread = spreadOver(rng.fork('spread'), orgs.plating);
  for (const e of orgs.plating) {
    const r = rng.fork(`annual:${e.index}`);
    const p = e.profile;
    // Per-m² parameters spread evenly within the enterprise's peer group (see `spreadOver`).
    const s = (key: string, lo: number, hi: number) => spread(e, key, lo, hi);
    const elecInt = s('energy', p.electricity_kWhPerM2[0], p.electricity_kWhPerM2[1]);
    const gasInt = s('energy', 0.3, 0.46);
    const waterInt_L = s('water', 82, 118);
    const reuseRate = s('water', 0.28, 0.52);
    const price = s('price', 58, 82);
    const vaShare = s('price', 0.27, 0.31);
    const conc = {
      codGen: s('cod-gen', 240, 360),
      codOut: s('cod-out', 40, 60),
      nh3Gen: s('nh3-gen', 18, 28),
      nh3Out: s('nh3-out', 4.5, 7),
      tpGen: s('tp-gen', 6.5, 9.5),
      tpOut: s('tp-out', 0.32, 0.52),
      crGen: s('cr-gen', 32, 48),
      crOut: s('cr-out', 0.22, 0.38),
      cr6Gen: s('cr6-gen', 15, 23),
      cr6Out: s('cr6-out', 0.045, 0.075),
      niGen: s('ni-gen', 21, 33),
      niOut: s('ni-out', 0.13, 0.23),
    };
    const sludge_kgPerM2 = s('sludge', 0.06, 0.096);
    const perM2 = new Map(
      e.profile.metals.map((m) => {
        const spec = METAL_MATERIALS[m];
        return [m, s(`metal:${m}`, spec.perM2[0], spec.perM2[1])] as const;
      }),
    );
    const yearMap = new Map<number, YearFigures>();
    figures.set(e.id, yearMap);
    let area = e.area0_m2;
    DATA_YEARS.forEach((year, k) => {
      if (k > 0) area = Math.round((area * r.range(0.95, 1.1)) / 100) * 100;
      // Intensities improve a little each year, each item with its own small noise.
      const drift = (1 - 0.015 * k) * r.range(0.992, 1.008);
      const jitter = () => r.range(0.992, 1.008);
      const electricity = Math.round(area * elecInt * drift * jitter());
      const gas = Math.round(area * gasInt * drift * jitter());
      const water = Math.round((area * waterInt_L * drift * jitter()) / 1000);
      const reuse = Math.round((water * reuseRate) / (1 - reuseRate));
      const wastewaterGen = Math.round(water * 0.86);
      const wastewaterOut = Math.round(wastewaterGen * EMITTED_SHARE);
      const specs: ValueSpec[] = [];
      const gross = round((area * price * jitter()) / 10_000, 2);
      specs.push(
        {
          category: 'economy',
          itemCode: 'economy.gross_output',
          quantity: gross,
          unit: '万元',
          source: 'statistics',
        },
        {
          category: 'economy',
          itemCode: 'economy.value_added',
          quantity: round(gross * vaShare, 2),
          unit: '万元',
          source: 'statistics',
        },
        {
          category: 'product',
          itemCode: 'product.plated_area',
          name: p.product,
          quantity: area,
          unit: 'm2',
          source: 'statistics',
        },
      );
      // Planted: a meter multiplier entered twice (≈ ×3); derived figures below use the true reading.
      const jump = isAnomaly(e, year, 'energy.electricity');
      specs.push({
        category: 'energy',
        itemCode: 'energy.electricity',
        quantity: jump ? electricity * 3 : electricity,
        unit: 'kWh',
        source: 'metered',
        ...(jump ? { note: '电表倍率按30录入' } : {}),
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
          { carrier: 'electricity', quantity: { value: electricity, unit: 'kWh' }, label: '外购电力' },
          { carrier: 'natural-gas', quantity: { value: gas, unit: 'm3' }, label: '天然气（镀槽加热）' },
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
      if (!isAnomaly(e, year, 'water.intake')) {
        specs.push({
          category: 'water',
          itemCode: 'water.intake',
          quantity: water,
          unit: 'm3',
          source: 'metered',
        });
      }
      specs.push({
        category: 'water',
        itemCode: 'water.reuse',
        quantity: reuse,
        unit: 'm3',
        source: 'metered',
      });
      for (const m of new Set(e.profile.metals)) {
        const spec = METAL_MATERIALS[m];
        const q = area * (perM2.get(m) ?? 0) * drift * jitter();
        const existing = specs.find((s) => s.itemCode === spec.code);
        if (existing) existing.quantity = round(existing.quantity + q, 3);
        else
          specs.push({
            category: 'material',
            itemCode: spec.code,
            name: spec.name,
            quantity: round(q, 3),
            unit: spec.unit,
          });
      }
      // Pollutants: t = m³ × mg/L × 10⁻⁶; kg = m³ × mg/L × 10⁻³ (1 m³ of wastewater ≈ 1 t), on the typical
      // wastewater per m² plated, so each pollutant's intensity spreads evenly in its peer group.
      const pair = (item: string, unit: 't' | 'kg', gen: number, out: number) => {
        const scale = unit === 't' ? 1e-6 : 1e-3;
        const ww = area * TYPICAL_WASTEWATER_M3_PER_M2 * drift;
        const generated = round(ww * gen * scale * jitter(), 4);
        let emitted = round(ww * EMITTED_SHARE * out * scale * jitter(), 4);
        // Planted: the emitted COD computed with the influent concentration (emitted > generated).
        if (isAnomaly(e, year, `pollutant_emitted.${item}`)) emitted = round(generated * 1.3, 4);
        specs.push(
          {
            category: 'pollutant_generated',
            itemCode: `pollutant_generated.${item}`,
            quantity: generated,
            unit,
            source: 'monitoring',
          },
          {
            category: 'pollutant_emitted',
            itemCode: `pollutant_emitted.${item}`,
            quantity: emitted,
            unit,
            source: 'monitoring',
          },
        );
        return { generated, emitted };
      };
      specs.push(
        {
          category: 'pollutant_generated',
          itemCode: 'pollutant_generated.wastewater',
          quantity: wastewaterGen,
          unit: 't',
          source: 'metered',
        },
        {
          category: 'pollutant_emitted',
          itemCode: 'pollutant_emitted.wastewater',
          quantity: wastewaterOut,
          unit: 't',
          source: 'metered',
        },
      );
      const cod = pair('cod', 't', conc.codGen, conc.codOut);
      pair('nh3_n', 't', conc.nh3Gen, conc.nh3Out);
      pair('tp', 't', conc.tpGen, conc.tpOut);
      const metals = new Set(e.profile.metals);
      if (metals.has('decorative-chromium') || metals.has('hard-chromium')) {
        pair('class_i.cr', 'kg', conc.crGen, conc.crOut);
        pair('class_i.cr6', 'kg', conc.cr6Gen, conc.cr6Out);
      }
      if (metals.has('nickel')) pair('class_i.ni', 'kg', conc.niGen, conc.niOut);
      let hazardous = round((area * sludge_kgPerM2 * drift * jitter()) / 1000, 2);
      const hwTrue = hazardous;
      // Planted: 35 t entered as 0.35 (unit slip).
      if (isAnomaly(e, year, 'pollutant_generated.hazardous_waste')) hazardous = round(hazardous / 100, 4);
      specs.push({
        category: 'pollutant_generated',
        itemCode: 'pollutant_generated.hazardous_waste',
        quantity: hazardous,
        unit: 't',
        source: 'document',
        note: '电镀污泥（HW17），委托有资质单位处置',
      });
      // GHG: purchased electricity × grid factor (E = AD × EF; the core's 注13 part computes exactly this product)
      // and natural gas by the guideline's default parameters.
      const grid = gridFactorFor('江苏', year);
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
          note: `${grid.region}${grid.dataYear}年电网排放因子 ${grid.value_tCO2PerMWh} tCO2/MWh${grid.note ? `（${grid.note}）` : ''}`,
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

      submissions.push({ enterpriseId: e.id, year, status: 'draft' });
      for (const s of specs) {
        values.push({
          enterpriseId: e.id,
          year,
          category: s.category,
          itemCode: s.itemCode,
          name: s.name ?? ITEM_NAMES[s.itemCode] ?? null,
          quantity: s.quantity,
          unit: s.unit,
          source: s.source ?? null,
          note: s.note ?? null,
          indicatorId: s.indicatorId ?? null,
        });
      }
      yearMap.set(year, {
        area_m2: area,
        electricity_kWh: electricity,
        gas_m3: gas,
        water_m3: water,
        reuse_m3: reuse,
        cod_emitted_t: cod.emitted,
        wastewater_emitted_t: wastewaterOut,
        hazardous_t: hwTrue,
        gross_wanYuan: gross,
      });

      // Workflow: earlier years accepted; 2024 mostly accepted, some submitted or still draft; a planted
      // problem the bureau saw is returned with its reason.
      const planted = PLANTED_ANOMALIES.find((a) => a.enterprise === e.index && a.year === year);
      const at = (month: number, day: number) => new Date(Date.UTC(year + 1, month - 1, day, 2));
      if (planted && planted.rule === 'emitted-exceeds-generated') {
        finalStatuses.push({
          enterpriseId: e.id,
          year,
          set: {
            status: 'returned',
            submittedAt: at(3, 10),
            returnedAt: at(3, 25),
            returnedBy: czUser,
            returnReason: `${planted.what}，请核实监测数据后重新提交`,
          },
        });
      } else if (year < 2024 || e.index % 5 !== 2) {
        finalStatuses.push({
          enterpriseId: e.id,
          year,
          set: { status: 'accepted', submittedAt: at(3, 10), acceptedAt: at(4, 15), acceptedBy: czUser },
        });
      } else if (e.index % 10 === 2) {
        finalStatuses.push({
          enterpriseId: e.id,
          year,
          set: { status: 'submitted', submittedAt: at(3, 28) },
        });
      }
    });

    // Indicator values of the status year (2024) and the evaluation against the 2015 system.
    const y2024 = yearMap.get(2024);
    if (!y2024) throw new Error('no 2024 figures');
    const indicatorValues: IndicatorValues = {};
    const rinse = round(r.range(10, 46) - 14 * e.quality, 1);
    indicatorValues['rinse-water-per-area'] = Math.max(6, rinse);
    for (const m of [
      'zinc',
      'copper',
      'nickel',
      'decorative-chromium',
      'hard-chromium',
      'gold',
      'silver',
    ] as const) {
      const id = METAL_INDICATOR[m];
      if (!e.profile.metals.includes(m)) {
        indicatorValues[id] = 'not-applicable';
        continue;
      }
      const ind = ELECTROPLATING_2015.groups.flatMap((g) => g.indicators).find((i) => i.id === id);
      if (ind?.kind !== 'quantitative') continue;
      const lo = (ind.benchmarks.III ?? 70) - 4;
      const hi = Math.min(99.5, (ind.benchmarks.I ?? 95) + 2);
      indicatorValues[id] = round(lo + (hi - lo) * (0.3 * r.next() + 0.7 * e.quality), 1);
    }
    // 电镀用水重复利用率 = 重复利用水量 / (取水量 + 重复利用水量), from the water data.
    indicatorValues['water-reuse-rate'] = round(
      (100 * y2024.reuse_m3) / (y2024.water_m3 + y2024.reuse_m3),
      1,
    );
    const levelsFor = (q: number): ('I' | 'II' | 'III')[] =>
      q > 0.72 ? ['I', 'II', 'III'] : q > 0.35 ? ['II', 'III'] : q > 0.08 ? ['III'] : [];
    for (const g of ELECTROPLATING_2015.groups) {
      for (const ind of g.indicators) {
        if (ind.kind !== 'qualitative') continue;
        const q = Math.min(1, Math.max(0, e.quality + r.range(-0.2, 0.2)));
        indicatorValues[ind.id] = { meets: ind.limiting ? levelsFor(Math.max(q, 0.2)) : levelsFor(q) };
      }
    }
    for (const [indicator, v] of Object.entries(indicatorValues)) {
      if (typeof v !== 'number') continue;
      const ind = ELECTROPLATING_2015.groups.flatMap((g) => g.indicators).find((i) => i.id === indicator);
      values.push({
        enterpriseId: e.id,
        year: 2024,
        category: 'indicator',
        itemCode: indicatorItemCode(system.code, indicator),
        name: ind?.name ?? indicator,
        quantity: v,
        unit: ind?.unit ?? '1',
        indicatorId: indicatorIds.get(indicator) ?? null,
        source: indicator === 'water-reuse-rate' ? 'calculated' : 'monitoring',
      });
    }
    const result = evaluateEnterprise(ELECTROPLATING_2015, indicatorValues);
    const evaluationId = rng.uuid();
    evaluationRows.push({
      id: evaluationId,
      systemId,
      enterpriseId: e.id,
      year: 2024,
      basis: 'status',
      yI: round(result.value.Y.I, 2),
      yII: round(result.value.Y.II, 2),
      yIII: round(result.value.Y.III, 2),
      grade: result.value.grade === 'not-rated' ? 'unrated' : result.value.grade,
      breakdown: result.breakdown,
      evaluatedAt: new Date(Date.UTC(2025, 4, 20, 2)),
      note: result.value.gradeName,
    });
    statusEvaluation.set(e.id, { id: evaluationId, result });
    for (const ie of result.value.indicators) {
      const indicatorId = indicatorIds.get(ie.indicatorId);
      if (!indicatorId) continue;
      evaluationValueRows.push({
        evaluationId,
        indicatorId,
        value: typeof ie.value === 'number' ? ie.value : null,
        valueText: Array.isArray(ie.value)
          ? `满足${ie.value.map((l) => `${l}级`).join('、') || '（无）'}要求`
          : null,
        applicable: ie.applicable,
        levelMet: ie.level ?? (ie.applicable ? 'unrated' : null),
        note: ie.gap?.message ?? null,
      });
    }
  }

  return {
    submissions,
    values,
    finalStatuses,
    system,
    indicators: indicatorRows,
    evaluations: evaluationRows,
    evaluationValues: evaluationValueRows,
    statusEvaluation,
    figures,
  };
}
