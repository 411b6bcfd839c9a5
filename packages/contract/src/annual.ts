/**
 * Annual data (年度数据), indicator systems and evaluations (清洁生产评价指标体系与评价), reference data and the
 * calculations over HTTP.
 *
 * - The item catalogue of annual data is DATA exported from here (`ANNUAL_ITEM_CATALOGUE`), so the web forms, the
 *   workbooks and the server validate against the same list: code, Chinese and English names, category, the unit
 *   dimensions accepted (checked with the core's `requireDimension`), the units offered, and whether it is required.
 *   Sources: guideline Appendix A (近三年能源消耗数据, 污染物产生与排放数据, 温室气体排放相关数据, 原辅材料), Appendix B
 *   table 7.2 lines, the Guangdong form's basic-information block (年工业总产值, 年工业增加值, 主要产品及年产量).
 * - Indicator items (`indicator.<system>.<indicator>`) come from the indicator systems: the built-in ones are listed
 *   here, imported ones are added by `GET /api/annual/items`.
 */
import {
  type Dimension,
  ENERGY_CARRIERS,
  type EnergyCarrierId,
  findStandardCoalCoefficient,
  gridFactorJsonSchema,
  INDICATOR_SYSTEMS,
  type IndicatorSystem,
  indicatorSystemSchema,
  type Source,
  SRC_GD_FORM,
  SRC_JS_GUIDELINE,
  unitOf,
} from '@cpaudit/core';
import { z } from 'zod';
import { isoDateTime, page, pageQuery } from './common.ts';
import { endpoint } from './endpoint.ts';

// =================================================================================================================
// Reference shapes shared by the responses below (Source, FactorRef, Breakdown of the core's trace.ts)

export const refSourceSchema = z.object({
  document: z.string(),
  clause: z.string().optional(),
  url: z.string().optional(),
  status: z.enum(['seed', 'verified-page', 'verified-cross-checked', 'code-only', 'unverified', 'user']),
  note: z.string().optional(),
});

const scalar = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const refFactorSchema = z.object({
  id: z.string(),
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  source: refSourceSchema,
});

/** The core's `Breakdown` (trace.ts): label, formula, clause, inputs, factors with sources, result, steps. */
export interface CalcBreakdown {
  label: string;
  formula?: string | undefined;
  clause?: z.output<typeof refSourceSchema> | undefined;
  inputs: { name: string; value: number | string | boolean | null; unit?: string | undefined }[];
  factors: z.output<typeof refFactorSchema>[];
  result: number | string | boolean | null;
  unit?: string | undefined;
  steps?: CalcBreakdown[] | undefined;
  notes?: string[] | undefined;
}

export const calcBreakdownSchema: z.ZodType<CalcBreakdown> = z.object({
  label: z.string(),
  formula: z.string().optional(),
  clause: refSourceSchema.optional(),
  inputs: z.array(z.object({ name: z.string(), value: scalar, unit: z.string().optional() })),
  factors: z.array(refFactorSchema),
  result: scalar,
  unit: z.string().optional(),
  get steps() {
    return z.array(calcBreakdownSchema).optional();
  },
  notes: z.array(z.string()).optional(),
});

const userRefSchema = z.object({ id: z.uuid(), displayName: z.string() });

// =================================================================================================================
// Item catalogue (data)

/** Categories of annual items: the first segment of an item code (same list as the database CHECK). */
export const ANNUAL_ITEM_CATEGORIES = [
  'economy',
  'energy',
  'water',
  'material',
  'product',
  'pollutant_generated',
  'pollutant_emitted',
  'ghg',
  'indicator',
  'other',
] as const;
export type AnnualItemCategory = (typeof ANNUAL_ITEM_CATEGORIES)[number];

/** How a value was obtained (same list as the database CHECK). */
export const ANNUAL_VALUE_SOURCES = [
  'metered',
  'statistics',
  'monitoring',
  'calculated',
  'estimated',
  'document',
] as const;

/** `quantity`: a number with a unit; `level`: a qualitative indicator, the best level whose requirement is met. */
export const ANNUAL_ITEM_KINDS = ['quantity', 'level'] as const;

/** Levels of a qualitative indicator value: Ⅰ/Ⅱ/Ⅲ, or `none` when not even Ⅲ is met. */
export const ANNUAL_LEVELS = ['I', 'II', 'III', 'none'] as const;
export type AnnualLevel = (typeof ANNUAL_LEVELS)[number];

/** Item codes: `<category>.<item>[.<sub>…]`, lower-case letters, digits and `_` (same rule as the database). */
export const ANNUAL_ITEM_CODE_PATTERN = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;

/** Categories whose items are named by the enterprise: `material.<slug>`, `product.<slug>`, with a `name`. */
export const ANNUAL_FREE_CATEGORIES = [
  'material',
  'product',
] as const satisfies readonly AnnualItemCategory[];

export interface AnnualItemIndicator {
  /** The system's code (core `IndicatorSystem.id`), stable across imported revisions. */
  systemCode: string;
  /** The indicator's id within the system. */
  indicatorId: string;
  direction: 'le' | 'ge' | null;
  limiting: boolean;
  /** Benchmarks Ⅰ/Ⅱ/Ⅲ: numbers (quantitative, in `unit`) or requirement texts (qualitative); null when absent. */
  levels: { I: number | string | null; II: number | string | null; III: number | string | null };
}

export interface AnnualItemDef {
  code: string;
  category: AnnualItemCategory;
  zh: string;
  en: string;
  kind: (typeof ANNUAL_ITEM_KINDS)[number];
  /** Default unit (a core unit symbol); null for `level` items. */
  unit: string | null;
  /** Units offered in forms (every unit of an accepted dimension is accepted, not only these). */
  units: string[];
  /** Dimensions a unit must have (core `requireDimension`); empty when only `unit` itself is accepted. */
  dimensions: Dimension[];
  /** Required every year (for a free category: at least one line). */
  required: boolean;
  /** A template of a free category (`material.*`, `product.*`): lines are `<category>.<slug>` with a name. */
  free: boolean;
  /** May be negative (net purchased power or heat of an enterprise that exports some). */
  signed: boolean;
  /** The core energy carrier (`ENERGY_CARRIERS` id) of an energy item. */
  carrier: EnergyCarrierId | null;
  /** The pollutant key pairing `pollutant_generated.<key>` with `pollutant_emitted.<key>`. */
  pollutant: string | null;
  indicator: AnnualItemIndicator | null;
  source: Source;
}

const SRC_ENERGY = SRC_JS_GUIDELINE('附录A 一 近三年能源消耗数据');
const SRC_WATER = SRC_JS_GUIDELINE('附录B 表7.2 节约水量；附录A 二 资源能源利用效率指标（单位产品水耗）');
const SRC_MATERIAL = SRC_JS_GUIDELINE('附录A 一 生产工艺及装备、产能、原辅材料使用情况');
const SRC_PRODUCT = SRC_GD_FORM('企业基本情况 主要产品及年产量[7]');
const SRC_POLLUTANT = SRC_JS_GUIDELINE('附录A 一 污染物产生与排放数据；附录B 表7.2 污染物削减量');
const SRC_GHG = SRC_JS_GUIDELINE(
  '附录A 一 温室气体排放相关数据；7.2.1.4 温室气体减排（燃料燃烧、工艺过程、外购电力热力）',
);

/** GB 8978-1996 第一类污染物 (facts §6.3): seven heavy metals confirmed through public code, 总镍 recollection. */
const SRC_CLASS_I: Source = {
  document: 'GB 8978-1996《污水综合排放标准》第一类污染物',
  clause: '总汞、烷基汞、总镉、总铬、六价铬、总砷、总铅',
  status: 'code-only',
  note: 'confirmed via a Jiangsu standard excerpt seen in public code, not on an official page (facts §6.3)',
};
const SRC_CLASS_I_NI: Source = {
  document: 'GB 8978-1996《污水综合排放标准》第一类污染物',
  clause: '总镍',
  status: 'unverified',
  note: 'recollection of the full list of 13 (facts §6.3); 总镍 is a GB 21900-2008 electroplating pollutant',
};

/** Units offered per dimension, default first. */
const UNITS_BY_DIMENSION: Readonly<Partial<Record<Dimension, readonly string[]>>> = {
  mass: ['t', 'kg', '万t'],
  volume: ['m3', '万m3'],
  energy: ['kWh', '万kWh', 'MWh', 'GJ', 'MJ'],
  coal: ['tce', 'kgce', '万tce'],
  co2: ['tCO2', 'kgCO2', '万tCO2'],
  money: ['万元', '元', '亿元'],
  area: ['m2'],
  length: ['m', 'km'],
  count: ['个'],
  ratio: ['%', '1'],
};

function unitsFor(unit: string | null, dimensions: readonly Dimension[]): string[] {
  const out: string[] = unit === null ? [] : [unit];
  for (const d of dimensions) for (const u of UNITS_BY_DIMENSION[d] ?? []) if (!out.includes(u)) out.push(u);
  return out;
}

interface ItemSpec {
  code: string;
  zh: string;
  en: string;
  unit: string;
  dimensions: Dimension[];
  source: Source;
  required?: boolean;
  signed?: boolean;
  carrier?: EnergyCarrierId;
  pollutant?: string;
}

function categoryOf(code: string): AnnualItemCategory {
  const head = code.split('.')[0];
  const c = ANNUAL_ITEM_CATEGORIES.find((x) => x === head);
  if (c === undefined) throw new Error(`catalogue: item ${code} has no known category`);
  return c;
}

function quantityItem(s: ItemSpec): AnnualItemDef {
  return {
    code: s.code,
    category: categoryOf(s.code),
    zh: s.zh,
    en: s.en,
    kind: 'quantity',
    unit: s.unit,
    units: unitsFor(s.unit, s.dimensions),
    dimensions: s.dimensions,
    required: s.required ?? false,
    free: false,
    signed: s.signed ?? false,
    carrier: s.carrier ?? null,
    pollutant: s.pollutant ?? null,
    indicator: null,
    source: s.source,
  };
}

/** Lower-case slug of an id for item codes: anything but a–z, 0–9 and `_` becomes `_` (`rinse-water` → `rinse_water`). */
export function annualItemSlug(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/**
 * English names of the energy carriers; null: not an energy line of annual data (标准煤 is the unit of the total,
 * 新鲜水 is entered as water intake).
 */
const CARRIER_EN: Readonly<Record<EnergyCarrierId, string | null>> = {
  'standard-coal': null,
  'raw-coal': 'Raw coal',
  'cleaned-coal': 'Cleaned coal',
  middlings: 'Middlings',
  'coal-slime': 'Coal slime',
  'other-washed-coal': 'Other washed coal',
  briquette: 'Briquette',
  coke: 'Coke',
  'other-coking-products': 'Other coking products',
  'crude-oil': 'Crude oil',
  'fuel-oil': 'Fuel oil',
  gasoline: 'Gasoline',
  kerosene: 'Kerosene',
  diesel: 'Diesel',
  'coal-tar': 'Coal tar',
  'residual-oil': 'Residual oil',
  lpg: 'Liquefied petroleum gas',
  'refinery-gas': 'Refinery dry gas',
  'other-petroleum-products': 'Other petroleum products',
  'natural-gas': 'Natural gas',
  'oilfield-gas': 'Oil-field natural gas',
  'gasfield-gas': 'Gas-field natural gas',
  'coal-mine-gas': 'Coal-mine methane',
  'coke-oven-gas': 'Coke-oven gas',
  'blast-furnace-gas': 'Blast-furnace gas',
  'producer-gas': 'Producer gas',
  'heavy-oil-catalytic-gas': 'Heavy-oil catalytic cracking gas',
  'heavy-oil-pyrolysis-gas': 'Heavy-oil pyrolysis gas',
  'coke-made-gas': 'Coke-made gas',
  'pressure-gasification-gas': 'Pressure gasification gas',
  'water-gas': 'Water gas',
  'other-gas': 'Other gas',
  'crude-benzene': 'Crude benzene',
  heat: 'Heat',
  electricity: 'Electricity',
  'steam-low-pressure': 'Steam',
  'fresh-water': null,
  'compressed-air': 'Compressed air',
  oxygen: 'Oxygen',
  acetylene: 'Acetylene',
  'calcium-carbide': 'Calcium carbide',
};

/** Item codes that differ from the carrier slug (kept as the database catalogue `ANNUAL_ITEMS` spells them). */
const CARRIER_CODE: Readonly<Partial<Record<EnergyCarrierId, string>>> = { 'steam-low-pressure': 'steam' };

/** Default entry unit per carrier dimension: t, m3; electricity kWh, heat GJ. */
function energyDefaultUnit(dimension: Dimension, carrier: EnergyCarrierId): string {
  if (dimension === 'mass') return 't';
  if (dimension === 'volume') return 'm3';
  return carrier === 'electricity' ? 'kWh' : 'GJ';
}

/**
 * One energy line per carrier of the core, with the dimension its default standard-coal coefficient expects
 * (`kgce/kg` → mass, `kgce/m3` → volume, `kgce/kWh` or `tce/GJ` → energy), so what is entered converts.
 */
function energyItems(): AnnualItemDef[] {
  const out: AnnualItemDef[] = [];
  for (const carrier of ENERGY_CARRIERS) {
    const en = CARRIER_EN[carrier.id];
    if (en === null) continue;
    const coefficient = findStandardCoalCoefficient(carrier.defaultCoefficientId);
    if (coefficient === undefined)
      throw new Error(`catalogue: no coefficient ${carrier.defaultCoefficientId}`);
    const perUnit = unitOf(coefficient.coefficient.unit).dimension.split('/')[1];
    const dimension = (['mass', 'volume', 'energy'] as const).find((d) => d === perUnit);
    if (dimension === undefined)
      throw new Error(`catalogue: carrier ${carrier.id} is per ${String(perUnit)}`);
    out.push(
      quantityItem({
        code: `energy.${CARRIER_CODE[carrier.id] ?? annualItemSlug(carrier.id)}`,
        zh: carrier.name,
        en,
        unit: energyDefaultUnit(dimension, carrier.id),
        dimensions: [dimension],
        source: SRC_ENERGY,
        carrier: carrier.id,
      }),
    );
  }
  return out;
}

/** Pollutants of the generated/emitted pairs: [key, 中文, English, default unit, source]. */
const POLLUTANTS: readonly (readonly [string, string, string, string, Source])[] = [
  ['wastewater', '废水', 'Wastewater', 't', SRC_POLLUTANT],
  ['cod', 'COD', 'COD', 't', SRC_GD_FORM('环境效益汇总 COD')],
  ['nh3_n', '氨氮', 'Ammonia nitrogen (NH3-N)', 't', SRC_POLLUTANT],
  ['tp', '总磷', 'Total phosphorus', 't', SRC_POLLUTANT],
  ['tn', '总氮', 'Total nitrogen', 't', SRC_POLLUTANT],
  ['so2', 'SO2', 'Sulphur dioxide (SO2)', 't', SRC_POLLUTANT],
  ['nox', '氮氧化物', 'Nitrogen oxides (NOx)', 't', SRC_POLLUTANT],
  ['particulates', '颗粒物', 'Particulate matter', 't', SRC_POLLUTANT],
  ['vocs', 'VOCs', 'Volatile organic compounds (VOCs)', 't', SRC_POLLUTANT],
  ['class_i.hg', '总汞', 'Total mercury (class I)', 'kg', SRC_CLASS_I],
  ['class_i.alkyl_hg', '烷基汞', 'Alkyl mercury (class I)', 'kg', SRC_CLASS_I],
  ['class_i.cd', '总镉', 'Total cadmium (class I)', 'kg', SRC_CLASS_I],
  ['class_i.cr', '总铬', 'Total chromium (class I)', 'kg', SRC_CLASS_I],
  ['class_i.cr6', '六价铬', 'Hexavalent chromium (class I)', 'kg', SRC_CLASS_I],
  ['class_i.as', '总砷', 'Total arsenic (class I)', 'kg', SRC_CLASS_I],
  ['class_i.pb', '总铅', 'Total lead (class I)', 'kg', SRC_CLASS_I],
  ['class_i.ni', '总镍', 'Total nickel (class I)', 'kg', SRC_CLASS_I_NI],
  ['general_solid_waste', '一般工业固体废物', 'General industrial solid waste', 't', SRC_POLLUTANT],
  ['hazardous_waste', '危险废物', 'Hazardous waste', 't', SRC_POLLUTANT],
];

function pollutantItems(category: 'pollutant_generated' | 'pollutant_emitted'): AnnualItemDef[] {
  const generated = category === 'pollutant_generated';
  return POLLUTANTS.map(([key, zh, en, unit, source]) =>
    quantityItem({
      code: `${category}.${key}`,
      zh: `${zh}${generated ? '产生量' : '排放量'}`,
      en: `${en}, ${generated ? 'generated' : 'emitted'}`,
      unit,
      dimensions: ['mass'],
      source,
      pollutant: key,
    }),
  );
}

function freeTemplate(
  category: (typeof ANNUAL_FREE_CATEGORIES)[number],
  zh: string,
  en: string,
  dimensions: Dimension[],
  required: boolean,
  source: Source,
): AnnualItemDef {
  return {
    code: `${category}.*`,
    category,
    zh,
    en,
    kind: 'quantity',
    unit: null,
    units: unitsFor(null, dimensions),
    dimensions,
    required,
    free: true,
    signed: false,
    carrier: null,
    pollutant: null,
    indicator: null,
    source,
  };
}

/** The catalogue items of one indicator system (`indicator.<system slug>.<indicator slug>`). */
export function indicatorItemsOf(system: IndicatorSystem): AnnualItemDef[] {
  const out: AnnualItemDef[] = [];
  for (const group of system.groups) {
    for (const ind of group.indicators) {
      const levels = {
        I: ind.benchmarks.I ?? null,
        II: ind.benchmarks.II ?? null,
        III: ind.benchmarks.III ?? null,
      };
      const quantitative = ind.kind === 'quantitative';
      let dimensions: Dimension[] = [];
      if (quantitative) {
        try {
          dimensions = [unitOf(ind.unit).dimension];
        } catch {
          // A unit the core does not know: only that exact unit is accepted.
          dimensions = [];
        }
      }
      out.push({
        code: indicatorItemCode(system.id, ind.id),
        category: 'indicator',
        zh: `${ind.name}（${group.name}）`,
        en: `${system.id} / ${ind.id}`,
        kind: quantitative ? 'quantity' : 'level',
        unit: quantitative ? ind.unit : null,
        units: quantitative ? [ind.unit] : [],
        dimensions,
        required: false,
        free: false,
        signed: false,
        carrier: null,
        pollutant: null,
        indicator: {
          systemCode: system.id,
          indicatorId: ind.id,
          direction: ind.direction ?? null,
          limiting: ind.limiting,
          levels,
        },
        source: { ...system.source, status: ind.status },
      });
    }
  }
  return out;
}

/** `indicator.<system slug>.<indicator slug>`. */
export function indicatorItemCode(systemCode: string, indicatorId: string): string {
  return `indicator.${annualItemSlug(systemCode)}.${annualItemSlug(indicatorId)}`;
}

/**
 * The annual-data item catalogue: economy, energy by carrier, water, materials and products (free lines),
 * pollutants generated and emitted, GHG, and the indicator items of the built-in evaluation systems.
 */
export const ANNUAL_ITEM_CATALOGUE: readonly AnnualItemDef[] = [
  quantityItem({
    code: 'economy.gross_output',
    zh: '工业总产值',
    en: 'Gross industrial output value',
    unit: '万元',
    dimensions: ['money'],
    source: SRC_GD_FORM('企业基本情况 年工业总产值[2]（万元）'),
    required: true,
  }),
  quantityItem({
    code: 'economy.value_added',
    zh: '工业增加值',
    en: 'Industrial value added',
    unit: '万元',
    dimensions: ['money'],
    source: SRC_GD_FORM('企业基本情况 年工业增加值[3]（万元）'),
    required: true,
  }),
  ...energyItems(),
  quantityItem({
    code: 'energy.comprehensive',
    zh: '综合能耗',
    en: 'Comprehensive energy consumption',
    unit: 'tce',
    dimensions: ['coal'],
    source: SRC_JS_GUIDELINE('附录B 表7.2 综合能耗（tce/a）'),
  }),
  quantityItem({
    code: 'water.intake',
    zh: '取水量',
    en: 'Fresh water intake',
    unit: 'm3',
    dimensions: ['volume'],
    source: SRC_WATER,
  }),
  quantityItem({
    code: 'water.intake.tap',
    zh: '自来水取水量',
    en: 'Fresh water intake, tap water',
    unit: 'm3',
    dimensions: ['volume'],
    source: SRC_WATER,
  }),
  quantityItem({
    code: 'water.intake.surface',
    zh: '地表水取水量',
    en: 'Fresh water intake, surface water',
    unit: 'm3',
    dimensions: ['volume'],
    source: SRC_WATER,
  }),
  quantityItem({
    code: 'water.intake.ground',
    zh: '地下水取水量',
    en: 'Fresh water intake, groundwater',
    unit: 'm3',
    dimensions: ['volume'],
    source: SRC_WATER,
  }),
  quantityItem({
    code: 'water.reuse',
    zh: '重复利用水量',
    en: 'Reused water',
    unit: 'm3',
    dimensions: ['volume'],
    source: SRC_WATER,
  }),
  quantityItem({
    code: 'water.discharge',
    zh: '废水排放量（水平衡）',
    en: 'Wastewater discharged (water balance)',
    unit: 'm3',
    dimensions: ['volume'],
    source: SRC_WATER,
  }),
  freeTemplate(
    'material',
    '原辅材料（自行命名）',
    'Raw and auxiliary material (named line)',
    ['mass', 'volume', 'count', 'area', 'length'],
    false,
    SRC_MATERIAL,
  ),
  freeTemplate(
    'product',
    '产品产量（自行命名，至少一项）',
    'Product output (named line, at least one)',
    ['mass', 'volume', 'area', 'count', 'length', 'energy'],
    true,
    SRC_PRODUCT,
  ),
  ...pollutantItems('pollutant_generated'),
  ...pollutantItems('pollutant_emitted'),
  quantityItem({
    code: 'ghg.co2_total',
    zh: '二氧化碳排放总量',
    en: 'CO2 emissions, total',
    unit: 'tCO2',
    dimensions: ['co2'],
    source: SRC_GHG,
  }),
  quantityItem({
    code: 'ghg.co2_fuel',
    zh: '化石燃料燃烧排放',
    en: 'CO2 from fossil fuel combustion',
    unit: 'tCO2',
    dimensions: ['co2'],
    source: SRC_GHG,
  }),
  quantityItem({
    code: 'ghg.co2_process',
    zh: '工业生产过程排放',
    en: 'CO2 from industrial processes',
    unit: 'tCO2',
    dimensions: ['co2'],
    source: SRC_GHG,
  }),
  quantityItem({
    code: 'ghg.co2_purchased_power',
    zh: '净购入电力排放',
    en: 'CO2 of net purchased electricity',
    unit: 'tCO2',
    dimensions: ['co2'],
    source: SRC_GHG,
    signed: true,
  }),
  quantityItem({
    code: 'ghg.co2_purchased_heat',
    zh: '净购入热力排放',
    en: 'CO2 of net purchased heat',
    unit: 'tCO2',
    dimensions: ['co2'],
    source: SRC_GHG,
    signed: true,
  }),
  ...INDICATOR_SYSTEMS.flatMap(indicatorItemsOf),
];

const ITEM_BY_CODE = new Map(ANNUAL_ITEM_CATALOGUE.map((i) => [i.code, i]));

/**
 * The catalogue entry of an item code: a fixed item, the template of a free line (`product.zinc_plated_parts` →
 * `product.*`), or undefined (unknown, or an indicator item of an imported system: ask the server's catalogue).
 */
export function findAnnualItem(code: string): AnnualItemDef | undefined {
  const fixed = ITEM_BY_CODE.get(code);
  if (fixed) return fixed;
  const [head, ...rest] = code.split('.');
  const free = ANNUAL_FREE_CATEGORIES.find((c) => c === head);
  if (free === undefined || rest.length === 0 || !ANNUAL_ITEM_CODE_PATTERN.test(code)) return undefined;
  return ITEM_BY_CODE.get(`${free}.*`);
}

// =================================================================================================================
// Annual data: schemas

export const ANNUAL_SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;

export const annualItemSchema = z
  .object({
    code: z.string(),
    category: z.enum(ANNUAL_ITEM_CATEGORIES),
    zh: z.string(),
    en: z.string(),
    kind: z.enum(ANNUAL_ITEM_KINDS),
    unit: z.string().nullable(),
    units: z.array(z.string()),
    dimensions: z.array(z.string()),
    required: z.boolean(),
    free: z.boolean(),
    signed: z.boolean(),
    carrier: z.string().nullable(),
    pollutant: z.string().nullable(),
    indicator: z
      .object({
        systemCode: z.string(),
        indicatorId: z.string(),
        direction: z.enum(['le', 'ge']).nullable(),
        limiting: z.boolean(),
        levels: z.object({
          I: z.union([z.number(), z.string()]).nullable(),
          II: z.union([z.number(), z.string()]).nullable(),
          III: z.union([z.number(), z.string()]).nullable(),
        }),
      })
      .nullable(),
    source: refSourceSchema,
  })
  .meta({ id: 'AnnualItem' });

export const annualItemsResponse = z.object({ items: z.array(annualItemSchema) });

const yearParam = z.coerce.number().int().min(1949).max(2100);
export const annualEnterpriseParams = z.object({ enterpriseId: z.uuid() });
export const annualYearParams = z.object({ enterpriseId: z.uuid(), year: yearParam });

export const annualSubmissionSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    year: z.number().int(),
    status: z.enum(ANNUAL_SUBMISSION_STATUSES),
    /** Optimistic concurrency: send it back with every change of the year's data. */
    version: z.number().int(),
    submittedBy: userRefSchema.nullable(),
    submittedAt: isoDateTime.nullable(),
    returnedBy: userRefSchema.nullable(),
    returnedAt: isoDateTime.nullable(),
    returnReason: z.string().nullable(),
    acceptedBy: userRefSchema.nullable(),
    acceptedAt: isoDateTime.nullable(),
    note: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'AnnualSubmission' });

export const annualValueSchema = z
  .object({
    id: z.uuid(),
    itemCode: z.string(),
    category: z.enum(ANNUAL_ITEM_CATEGORIES),
    /** The line's name (free lines) or the catalogue's Chinese name. */
    name: z.string(),
    /** Quantity in `unit`; null for a level or a not-applicable indicator. */
    quantity: z.number().nullable(),
    unit: z.string().nullable(),
    /** Qualitative indicator: best level met. */
    level: z.enum(ANNUAL_LEVELS).nullable(),
    /** Indicator declared not applicable to the enterprise (formula 5-3 drops it). */
    notApplicable: z.boolean(),
    indicatorId: z.uuid().nullable(),
    source: z.enum(ANNUAL_VALUE_SOURCES).nullable(),
    note: z.string().nullable(),
    enteredBy: userRefSchema.nullable(),
    enteredAt: isoDateTime,
    updatedAt: isoDateTime,
    version: z.number().int(),
  })
  .meta({ id: 'AnnualValue' });

export const annualYearSchema = z
  .object({
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    year: z.number().int(),
    /** Null until something is saved for the year (save with `version: 0` then). */
    submission: annualSubmissionSchema.nullable(),
    values: z.array(annualValueSchema),
  })
  .meta({ id: 'AnnualYearData' });

export const annualValueInput = z.strictObject({
  itemCode: z
    .string()
    .min(3)
    .max(160)
    .regex(ANNUAL_ITEM_CODE_PATTERN, 'item code: <category>.<item>, a-z 0-9 _'),
  /** Required for free lines (material.*, product.*). */
  name: z.string().trim().min(1).max(200).optional(),
  quantity: z.number().finite().min(-1e15).max(1e15).optional(),
  unit: z.string().trim().min(1).max(32).optional(),
  /** Qualitative indicator items: the best level whose requirement is met. */
  level: z.enum(ANNUAL_LEVELS).optional(),
  /** Indicator items: not applicable to this enterprise. */
  notApplicable: z.literal(true).optional(),
  source: z.enum(ANNUAL_VALUE_SOURCES).optional(),
  note: z.string().max(2000).optional(),
});
export type AnnualValueInput = z.output<typeof annualValueInput>;

export const saveAnnualValuesBody = z.strictObject({
  /** The submission's version as read; 0 when the year has no submission yet. */
  version: z.number().int().min(0).max(2_147_483_647),
  /** Values to create or replace (by item code). All or nothing. */
  values: z.array(annualValueInput).max(2000).default([]),
  /** Item codes whose values are removed. */
  remove: z.array(z.string().min(3).max(160).regex(ANNUAL_ITEM_CODE_PATTERN)).max(2000).default([]),
});

const versionBody = z.strictObject({ version: z.number().int().min(1).max(2_147_483_647) });
export const submitAnnualBody = versionBody;
export const acceptAnnualBody = versionBody;
export const returnAnnualBody = z.strictObject({
  version: z.number().int().min(1).max(2_147_483_647),
  reason: z.string().trim().min(1).max(2000),
});

export const annualYearSummarySchema = z.object({
  year: z.number().int(),
  status: z.enum(ANNUAL_SUBMISSION_STATUSES),
  version: z.number().int(),
  valueCount: z.number().int(),
  submittedAt: isoDateTime.nullable(),
  returnedAt: isoDateTime.nullable(),
  returnReason: z.string().nullable(),
  acceptedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
});

export const annualYearsResponse = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  items: z.array(annualYearSummarySchema),
});

export const ANNUAL_SUBMISSION_SORTS = ['year', 'enterpriseName', 'status', 'updatedAt'] as const;

export const listAnnualSubmissionsQuery = pageQuery.extend({
  year: yearParam.optional(),
  status: z.enum(ANNUAL_SUBMISSION_STATUSES).optional(),
  enterpriseId: z.uuid().optional(),
  sort: z.enum(ANNUAL_SUBMISSION_SORTS).optional(),
});

export const annualSubmissionListItem = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    year: z.number().int(),
    status: z.enum(ANNUAL_SUBMISSION_STATUSES),
    version: z.number().int(),
    valueCount: z.number().int(),
    submittedAt: isoDateTime.nullable(),
    returnedAt: isoDateTime.nullable(),
    returnReason: z.string().nullable(),
    acceptedAt: isoDateTime.nullable(),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'AnnualSubmissionListItem' });

export const annualChecksQuery = z.object({
  /** Compare intensities with the enterprises of the same industry code visible to the caller. */
  peers: z.stringbool().default(false),
});

export const annualCheckFindingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  rule: z.string(),
  enterpriseId: z.string(),
  year: z.number().int().optional(),
  item: z.string().optional(),
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});

export const annualChecksResponse = z
  .object({
    enterpriseId: z.uuid(),
    years: z.array(z.number().int()),
    /** Enterprises compared with (the enterprise included). */
    peerCount: z.number().int(),
    findings: z.array(annualCheckFindingSchema),
    summary: z.object({
      enterprises: z.number().int(),
      yearRecords: z.number().int(),
      errors: z.number().int(),
      warnings: z.number().int(),
      infos: z.number().int(),
    }),
    breakdown: calcBreakdownSchema,
  })
  .meta({ id: 'AnnualChecks' });

// =================================================================================================================
// Indicator systems, evaluations, benchmarking

export const INDICATOR_SYSTEM_STATUSES = ['draft', 'active', 'superseded', 'withdrawn'] as const;

export const indicatorSystemSummarySchema = z
  .object({
    id: z.uuid(),
    /** The system's code (core `IndicatorSystem.id`); importing the same code creates a new revision. */
    code: z.string(),
    /** 1, 2, … per code, in import order. */
    revision: z.number().int(),
    name: z.string(),
    /** Year of the published system and its version label. */
    year: z.number().int(),
    versionLabel: z.string().nullable(),
    issuer: z.string().nullable(),
    industryCodes: z.array(z.string()),
    status: z.enum(INDICATOR_SYSTEM_STATUSES),
    source: refSourceSchema,
    /** Shipped with cpaudit (seeded), not imported. */
    builtIn: z.boolean(),
    indicatorCount: z.number().int(),
    supersedesId: z.uuid().nullable(),
    importedAt: isoDateTime.nullable(),
    importedBy: userRefSchema.nullable(),
    createdAt: isoDateTime,
    version: z.number().int(),
  })
  .meta({ id: 'IndicatorSystemSummary' });

export const indicatorRowSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  /** The first-level indicator's code (tier 2). */
  parentCode: z.string().nullable(),
  tier: z.number().int(),
  name: z.string(),
  weight: z.number().nullable(),
  weightExpr: z.string().nullable(),
  unit: z.string().nullable(),
  kind: z.enum(['quantitative', 'qualitative']),
  direction: z.enum(['le', 'ge']).nullable(),
  restrictive: z.boolean(),
  levels: z.object({
    I: z.union([z.number(), z.string()]).nullable(),
    II: z.union([z.number(), z.string()]).nullable(),
    III: z.union([z.number(), z.string()]).nullable(),
  }),
  /** The annual-data item carrying the enterprise's value (tier 2). */
  itemCode: z.string().nullable(),
  source: refSourceSchema.nullable(),
});

export const indicatorSystemDetailSchema = indicatorSystemSummarySchema
  .extend({
    /** The imported definition (core `indicatorSystemSchema`). */
    definition: indicatorSystemSchema,
    indicators: z.array(indicatorRowSchema),
  })
  .meta({ id: 'IndicatorSystemDetail' });

export const listIndicatorSystemsQuery = pageQuery.extend({
  /** GB/T 4754-2017 code: systems listed for it, its group or its classes. */
  industry: z
    .string()
    .regex(/^\d{2,4}$/)
    .optional(),
  code: z.string().max(120).optional(),
  /** Include superseded and withdrawn revisions. */
  all: z.stringbool().default(false),
  sort: z.enum(['code', 'name', 'year', 'createdAt']).optional(),
});

export const importIndicatorSystemBody = z.strictObject({
  /** The system as JSON, checked with the core's `indicatorSystemSchema` (weights sum to 1, benchmarks ordered). */
  system: indicatorSystemSchema,
});

export const EVALUATION_BASES = ['status', 'before', 'after', 'annual'] as const;
export const EVALUATION_GRADES = ['I', 'II', 'III', 'unrated'] as const;

export const evaluateBody = z.strictObject({
  enterpriseId: z.uuid(),
  year: z.number().int().min(1949).max(2100),
  /** An indicator system (database id, any revision). */
  systemId: z.uuid(),
  basis: z.enum(EVALUATION_BASES).default('annual'),
  note: z.string().max(2000).optional(),
});

export const evaluationSummarySchema = z
  .object({
    id: z.uuid(),
    systemId: z.uuid(),
    systemCode: z.string(),
    systemName: z.string(),
    systemRevision: z.number().int(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    year: z.number().int().nullable(),
    basis: z.enum(EVALUATION_BASES),
    Y: z.object({ I: z.number().nullable(), II: z.number().nullable(), III: z.number().nullable() }),
    grade: z.enum(EVALUATION_GRADES).nullable(),
    note: z.string().nullable(),
    evaluatedAt: isoDateTime,
    evaluatedBy: userRefSchema.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'EvaluationSummary' });

export const evaluationIndicatorSchema = z.object({
  indicatorId: z.uuid(),
  code: z.string(),
  name: z.string(),
  groupCode: z.string().nullable(),
  kind: z.enum(['quantitative', 'qualitative']),
  unit: z.string().nullable(),
  limiting: z.boolean(),
  applicable: z.boolean(),
  value: z.number().nullable(),
  valueText: z.string().nullable(),
  level: z.enum(EVALUATION_GRADES).nullable(),
  /** The gap to the next level, or a missing-value finding. */
  note: z.string().nullable(),
});

export const evaluationDetailSchema = evaluationSummarySchema
  .extend({
    gradeName: z.string().nullable(),
    indicators: z.array(evaluationIndicatorSchema),
    breakdown: calcBreakdownSchema.nullable(),
  })
  .meta({ id: 'EvaluationDetail' });

export const listEvaluationsQuery = pageQuery.extend({
  enterpriseId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  year: yearParam.optional(),
  sort: z.enum(['evaluatedAt', 'year', 'enterpriseName']).optional(),
});

export const BENCHMARK_LEVELS = ['I', 'II', 'III', 'none', 'not-applicable'] as const;
/** Orders of the peer list: `rank` best first (the indicator's direction, then the level), `value`, `name`. */
export const BENCHMARK_SORTS = ['rank', 'value', 'name'] as const;

export const benchmarkQuery = z.object({
  /** The indicator's id within the system (core id, e.g. `rinse-water-per-area`). */
  indicator: z.string().min(1).max(120),
  year: yearParam,
  /** Restrict to one GB/T 4754-2017 code (default: the system's industry codes). */
  industry: z
    .string()
    .regex(/^\d{2,4}$/)
    .optional(),
  /** Restrict the peers to the enterprises of one industry audit (not excluded from it) the caller can see. */
  auditId: z.uuid().optional(),
  /** A supervisor's enterprise whose position is wanted (`positions`); enterprise users get their own always. */
  enterpriseId: z.uuid().optional(),
  /** Only the entries at this level in the page (`total` counts them; the summary stays over all peers). */
  level: z.enum(BENCHMARK_LEVELS).optional(),
  /** The page of the peer list: at most 500 entries, 50 by default. */
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  sort: z.enum(BENCHMARK_SORTS).default('rank'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

const benchmarkEntry = z.object({
  /** Null for an anonymised peer. */
  enterpriseId: z.uuid().nullable(),
  label: z.string(),
  /** One of the caller's own enterprises (enterprise user, consultant). */
  own: z.boolean(),
  /** In the indicator's unit (quantitative). */
  value: z.number().nullable(),
  level: z.enum(BENCHMARK_LEVELS),
  dataStatus: z.enum(ANNUAL_SUBMISSION_STATUSES),
  /**
   * Position best first among the ranked peers (`summary.ranked`: all but not-applicable), 1 = best; peers with
   * the same value and level share the better rank (standard competition ranking, "1224"). Null: not ranked.
   */
  rank: z.number().int().nullable(),
});

const benchmarkSummary = z.object({
  /** Peers compared (every entry of the list, all levels). */
  peers: z.number().int(),
  /** Peers with a rank (all but not-applicable). */
  ranked: z.number().int(),
  /** Peers with a numeric value (quantitative indicators); the statistics below are over these. */
  values: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  /**
   * Sample quantiles p10/p25/p50 (median)/p75/p90, Hyndman & Fan (1996) definition 7 (linear interpolation
   * between order statistics at h = (n − 1)p: R's and NumPy's default, Excel PERCENTILE.INC).
   */
  quantiles: z.object({
    p10: z.number().nullable(),
    p25: z.number().nullable(),
    p50: z.number().nullable(),
    p75: z.number().nullable(),
    p90: z.number().nullable(),
  }),
  /**
   * Ten bins of equal width from min to max ([from, to), the last one closed); one bin when all values are
   * equal; none without values.
   */
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
});

export const benchmarkResponse = z
  .object({
    system: z.object({ id: z.uuid(), code: z.string(), name: z.string(), revision: z.number().int() }),
    indicator: z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['quantitative', 'qualitative']),
      unit: z.string().nullable(),
      direction: z.enum(['le', 'ge']).nullable(),
      limiting: z.boolean(),
      levels: z.object({
        I: z.union([z.number(), z.string()]).nullable(),
        II: z.union([z.number(), z.string()]).nullable(),
        III: z.union([z.number(), z.string()]).nullable(),
      }),
    }),
    year: z.number().int(),
    industryCodes: z.array(z.string()),
    /** True when peers outside the caller's own enterprises are shown without name or id. */
    anonymised: z.boolean(),
    /** The page of the peer list (`limit`/`offset` in the order asked). */
    entries: z.array(benchmarkEntry),
    /** Entries in the list (at `level` when asked): what the pages run through. */
    total: z.number().int(),
    /** Counts per level over all peers. */
    counts: z.object({
      I: z.number().int(),
      II: z.number().int(),
      III: z.number().int(),
      none: z.number().int(),
      notApplicable: z.number().int(),
    }),
    /** The distribution of the values over all peers (not only the page). */
    summary: benchmarkSummary,
    /**
     * Where the caller's own enterprises stand (enterprise users, consultants), or the enterprise asked for by
     * `enterpriseId` (supervisors): among all peers, whatever the page.
     */
    positions: z.array(benchmarkEntry),
  })
  .meta({ id: 'IndicatorBenchmark' });

// =================================================================================================================
// Reference data and calculations

export const gridFactorsQuery = z.object({
  series: z.string().max(64).optional(),
  /** `全国`, a grid region or a province (Chinese name or slug). */
  region: z.string().max(64).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  scope: z.enum(['national', 'region', 'province']).optional(),
});

export const gridFactorsResponse = z
  .object({
    series: z.array(z.object({ id: z.string(), name: z.string(), regionScheme: z.string() })),
    defaultSeries: z.string(),
    items: z.array(gridFactorJsonSchema),
  })
  .meta({ id: 'GridFactors' });

const valueRangeSchema = z.object({ min: z.number(), max: z.number(), unit: z.string() });

export const standardCoalResponse = z
  .object({
    carriers: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.enum(['fuel', 'electricity', 'heat', 'medium']),
        defaultCoefficientId: z.string(),
        defaultNote: z.string().nullable(),
        density: refFactorSchema.nullable(),
      }),
    ),
    coefficients: z.array(
      z.object({
        id: z.string(),
        carrier: z.string(),
        table: z.string(),
        name: z.string(),
        basis: z.enum(['equivalent', 'equal-value']),
        ncv: valueRangeSchema.nullable(),
        ncvKcal: valueRangeSchema.nullable(),
        coefficient: z.object({
          min: z.number(),
          max: z.number(),
          default: z.number(),
          unit: z.string(),
          defaultNote: z.string().nullable(),
        }),
        source: refSourceSchema,
      }),
    ),
  })
  .meta({ id: 'StandardCoalCoefficients' });

export const standardCoalQuery = z.object({ carrier: z.string().max(64).optional() });

export const calculationsResponse = z.object({
  items: z.array(z.object({ name: z.string(), summary: z.string(), example: z.unknown() })),
});

export const calcParams = z.object({ name: z.string().min(1).max(64) });
/** The calculation's JSON input, validated by the core calculation's own schema (errors name the field). */
export const calcBody = z.record(z.string(), z.unknown());
export const calcResponse = z
  .object({ name: z.string(), result: z.unknown(), breakdown: calcBreakdownSchema })
  .meta({ id: 'CalcResult' });

// =================================================================================================================
// Endpoints

const WRITERS = ['platform_admin', 'consultant', 'enterprise_user'] as const;
const REVIEWERS = ['platform_admin', 'bureau_staff'] as const;
const EVALUATORS = ['platform_admin', 'bureau_staff', 'consultant', 'enterprise_user'] as const;

export const annualEndpoints = {
  listAnnualItems: endpoint({
    method: 'GET',
    path: '/api/annual/items',
    summary: 'The annual-data item catalogue, with the indicator items of every active indicator system',
    tags: ['annual'],
    access: 'authenticated',
    response: annualItemsResponse,
  }),
  listAnnualSubmissions: endpoint({
    method: 'GET',
    path: '/api/annual/submissions',
    summary: 'Annual-data submissions of the enterprises the caller can see (review queue)',
    tags: ['annual'],
    access: 'authenticated',
    query: listAnnualSubmissionsQuery,
    response: page(annualSubmissionListItem),
  }),
  listAnnualYears: endpoint({
    method: 'GET',
    path: '/api/annual/enterprises/:enterpriseId/years',
    summary: 'The years of annual data of an enterprise, with their status',
    tags: ['annual'],
    access: 'authenticated',
    params: annualEnterpriseParams,
    response: annualYearsResponse,
  }),
  getAnnualData: endpoint({
    method: 'GET',
    path: '/api/annual/enterprises/:enterpriseId/years/:year',
    summary: 'All values of an enterprise-year, with who entered each and when, and the submission status',
    tags: ['annual'],
    access: 'authenticated',
    params: annualYearParams,
    response: annualYearSchema,
  }),
  saveAnnualValues: endpoint({
    method: 'PUT',
    path: '/api/annual/enterprises/:enterpriseId/years/:year',
    summary: 'Save a batch of values of an enterprise-year (all or nothing; units and signs checked)',
    tags: ['annual'],
    access: WRITERS,
    params: annualYearParams,
    body: saveAnnualValuesBody,
    response: annualYearSchema,
  }),
  submitAnnualData: endpoint({
    method: 'POST',
    path: '/api/annual/enterprises/:enterpriseId/years/:year/submit',
    summary: 'Submit the year to the bureau: locks its values until returned',
    tags: ['annual'],
    access: WRITERS,
    params: annualYearParams,
    body: submitAnnualBody,
    response: annualYearSchema,
  }),
  returnAnnualData: endpoint({
    method: 'POST',
    path: '/api/annual/enterprises/:enterpriseId/years/:year/return',
    summary: 'Return submitted data for correction, with a reason (unlocks it); supervising bureau',
    tags: ['annual'],
    access: REVIEWERS,
    params: annualYearParams,
    body: returnAnnualBody,
    response: annualYearSchema,
  }),
  acceptAnnualData: endpoint({
    method: 'POST',
    path: '/api/annual/enterprises/:enterpriseId/years/:year/accept',
    summary: 'Accept submitted data; supervising bureau',
    tags: ['annual'],
    access: REVIEWERS,
    params: annualYearParams,
    body: acceptAnnualBody,
    response: annualYearSchema,
  }),
  checkAnnualData: endpoint({
    method: 'GET',
    path: '/api/annual/enterprises/:enterpriseId/checks',
    summary:
      'Data checks (数据核查) over the years of an enterprise: missing, doubtful and inconsistent values',
    tags: ['annual'],
    access: 'authenticated',
    params: annualEnterpriseParams,
    query: annualChecksQuery,
    response: annualChecksResponse,
  }),
  listIndicatorSystems: endpoint({
    method: 'GET',
    path: '/api/indicator-systems',
    summary: 'Cleaner-production evaluation indicator systems (shipped and imported)',
    tags: ['indicator-systems'],
    access: 'authenticated',
    query: listIndicatorSystemsQuery,
    response: page(indicatorSystemSummarySchema),
  }),
  getIndicatorSystem: endpoint({
    method: 'GET',
    path: '/api/indicator-systems/:id',
    summary: 'An indicator system with its definition and indicators',
    tags: ['indicator-systems'],
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    response: indicatorSystemDetailSchema,
  }),
  importIndicatorSystem: endpoint({
    method: 'POST',
    path: '/api/indicator-systems',
    summary: 'Import an indicator system from JSON (a new revision when the code exists)',
    tags: ['indicator-systems'],
    access: ['platform_admin'],
    body: importIndicatorSystemBody,
    response: indicatorSystemDetailSchema,
    status: 201,
  }),
  benchmarkIndicator: endpoint({
    method: 'GET',
    path: '/api/indicator-systems/:id/benchmark',
    summary:
      'One indicator across the enterprises of the industry: level lines Ⅰ/Ⅱ/Ⅲ, the distribution over all peers (counts per level, quantiles, histogram), the caller’s positions, and a page of the peers',
    tags: ['indicator-systems'],
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    query: benchmarkQuery,
    response: benchmarkResponse,
  }),
  evaluateEnterpriseYear: endpoint({
    method: 'POST',
    path: '/api/evaluations',
    summary: 'Evaluate an enterprise-year against an indicator system from its stored indicator values',
    tags: ['indicator-systems'],
    access: EVALUATORS,
    body: evaluateBody,
    response: evaluationDetailSchema,
    status: 201,
  }),
  listEvaluations: endpoint({
    method: 'GET',
    path: '/api/evaluations',
    summary: 'Evaluations of the enterprises the caller can see',
    tags: ['indicator-systems'],
    access: 'authenticated',
    query: listEvaluationsQuery,
    response: page(evaluationSummarySchema),
  }),
  getEvaluation: endpoint({
    method: 'GET',
    path: '/api/evaluations/:id',
    summary: 'An evaluation with its per-indicator levels and breakdown',
    tags: ['indicator-systems'],
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    response: evaluationDetailSchema,
  }),
  listGridFactors: endpoint({
    method: 'GET',
    path: '/api/reference/grid-factors',
    summary: 'Grid CO2 emission factors (电网排放因子) with their sources',
    tags: ['reference'],
    access: 'authenticated',
    query: gridFactorsQuery,
    response: gridFactorsResponse,
  }),
  listStandardCoalCoefficients: endpoint({
    method: 'GET',
    path: '/api/reference/standard-coal',
    summary: 'Standard-coal coefficients (折标准煤系数, GB/T 2589) by energy carrier, with their sources',
    tags: ['reference'],
    access: 'authenticated',
    query: standardCoalQuery,
    response: standardCoalResponse,
  }),
  listCalculations: endpoint({
    method: 'GET',
    path: '/api/calc',
    summary: 'The calculations available, each with an example input',
    tags: ['calc'],
    access: 'authenticated',
    response: calculationsResponse,
  }),
  runCalculation: endpoint({
    method: 'POST',
    path: '/api/calc/:name',
    summary: 'Run a calculation of the core on a JSON input: result and breakdown',
    tags: ['calc'],
    access: 'authenticated',
    params: calcParams,
    body: calcBody,
    response: calcResponse,
  }),
};
