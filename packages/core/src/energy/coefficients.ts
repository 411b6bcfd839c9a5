/**
 * 折标准煤系数 (standard-coal conversion coefficients) as data.
 *
 * Tables shipped (each row carries its Source, graded as in the shared domain facts §1):
 * - GB/T 2589-2008 《综合能耗计算通则》 附录A 表A.1: rows up to 焦炉煤气 VERIFIED (page re-post), the rest
 *   UNVERIFIED (recollection), except 电力（当量值） 0.1229 kgce/kWh which is VERIFIED.
 * - GB/T 2589-2020 values as stated by the Guangdong performance form, footnote 13 (seed): 原油 and 天然气.
 *   The 2020 edition is the one in force (since 2021-04-01); its full Table A.1 is not available here.
 * - A statistics-bureau style reference table (统计部门参考折标系数, VERIFIED page, garbled text), in tce per unit.
 * - 新鲜水 0.0857 kgce/t as an energy-carrying medium (耗能工质, GB/T 2589 附录B): CODE-ONLY.
 *
 * Ranges stay ranges (`min`/`max`) with a `default` and the reason for that default (`defaultNote`), which
 * every calculation copies into its breakdown.
 */
import type { FactorRef, Source } from '../trace.ts';

export const ENERGY_CARRIER_IDS = [
  'standard-coal',
  'raw-coal',
  'cleaned-coal',
  'middlings',
  'coal-slime',
  'other-washed-coal',
  'briquette',
  'coke',
  'other-coking-products',
  'crude-oil',
  'fuel-oil',
  'gasoline',
  'kerosene',
  'diesel',
  'coal-tar',
  'residual-oil',
  'lpg',
  'refinery-gas',
  'other-petroleum-products',
  'natural-gas',
  'oilfield-gas',
  'gasfield-gas',
  'coal-mine-gas',
  'coke-oven-gas',
  'blast-furnace-gas',
  'producer-gas',
  'heavy-oil-catalytic-gas',
  'heavy-oil-pyrolysis-gas',
  'coke-made-gas',
  'pressure-gasification-gas',
  'water-gas',
  'other-gas',
  'crude-benzene',
  'heat',
  'electricity',
  'steam-low-pressure',
  'fresh-water',
  'compressed-air',
  'oxygen',
  'acetylene',
  'calcium-carbide',
] as const;

export type EnergyCarrierId = (typeof ENERGY_CARRIER_IDS)[number];

/** Which table a coefficient row comes from. */
export type CoalCoefficientTable =
  | 'definition'
  | 'gbt2589-2008'
  | 'gbt2589-2020-gd'
  | 'nbs-reference'
  | 'code';

/** 当量值 (energy physically contained) or 等价值 (primary energy spent to produce it). */
export type EnergyBasis = 'equivalent' | 'equal-value';

export interface ValueRange {
  min: number;
  max: number;
}

export interface StandardCoalCoefficient {
  /** Stable id: `<table>.<carrier>` (e.g. `gbt2589-2008.raw-coal`). */
  id: string;
  carrier: EnergyCarrierId;
  table: CoalCoefficientTable;
  /** The row name as printed in the source (e.g. `其他洗煤：洗中煤`). */
  name: string;
  basis: EnergyBasis;
  /** 平均低位发热量 as printed (min = max for a single value), in `unit` (kJ/kg, kJ/m3, MJ/t, kJ/kWh). */
  ncv?: ValueRange & { unit: string };
  /** The same in kcal as printed, when printed. */
  ncvKcal?: ValueRange & { unit: string };
  /** 折标准煤系数: unit is `<coal unit>/<quantity unit>` (kgce/kg, kgce/m3, tce/万m3, tce/万kWh …). */
  coefficient: ValueRange & { default: number; unit: string; defaultNote?: string };
  source: Source;
}

export type EnergyCarrierKind = 'fuel' | 'electricity' | 'heat' | 'medium';

export interface EnergyCarrier {
  id: EnergyCarrierId;
  /** Chinese name. */
  name: string;
  kind: EnergyCarrierKind;
  /** The row used when the caller picks none. */
  defaultCoefficientId: string;
  /** Why that row is the default. */
  defaultNote?: string;
  /** Accept a volume for a mass-based coefficient at this density (新鲜水 only). */
  density?: FactorRef;
}

// ---------------------------------------------------------------------------------------------------------
// Sources (copied from the shared domain facts §1 with their grading)

const GBT2589_2008 = 'GB/T 2589-2008《综合能耗计算通则》';

/** Table A.1 of 2008 as re-posted, rows 原煤 … 焦炉煤气 (facts §1.2). */
export const SRC_GBT2589_2008_TABLE: Source = {
  document: GBT2589_2008,
  clause: '附录A 表A.1 各种能源折标准煤参考系数',
  url: 'http://msthinker.com/zhuanjia/article-134429.html',
  status: 'verified-page',
  note: 'third-party re-post of the table; compare with the official text before release',
};

/** Rows of the 2008 table below 焦炉煤气: the re-post stops there (facts §1.2). */
export const SRC_GBT2589_2008_UNVERIFIED: Source = {
  document: GBT2589_2008,
  clause: '附录A 表A.1 各种能源折标准煤参考系数',
  status: 'unverified',
  note: 'from recollection: the re-posted table stops at 焦炉煤气; check against the purchased standard',
};

/** 1 kgce = 29 307 kJ (7000 kcal); 电力（当量值） 0.1229 kgce/kWh (facts §1.1). */
export const SRC_GBT2589_DEFINITION: Source = {
  document: GBT2589_2008,
  clause: '3 术语和定义（标准煤当量）; 表A.1 电力（当量值）',
  status: 'verified-page',
  note:
    'confirmed for the 2008 edition on a re-post (nimonik.com.cn blog, FAQ#B7013; full address not recorded); ' +
    'a public code comment cites 0.1229 to GB/T 2589-2020 too',
};

/** The Guangdong form's footnote 13 citing GB/T 2589-2020 Table A.1 (facts §9, seed). */
export const SRC_GBT2589_2020_GD: Source = {
  document: '广东省强制性清洁生产审核绩效表',
  clause: '注13（引 GB/T 2589-2020 表A.1 各种能源折标准煤系数（参考值））',
  status: 'seed',
};

/** Statistics-bureau style reference table (facts §1.4). */
export const SRC_NBS_REFERENCE: Source = {
  document: '统计部门能源折标准煤参考系数表',
  clause: '参考折标系数',
  url: 'http://www.huatuo6.cn/wenku/rdvvd/4gNGBm3BKO',
  status: 'verified-page',
  note: 'third-party page, text garbled; the electricity row 4.0400 tce/万kWh is an 等价值 (thermal coal rate)',
};

/** 新鲜水 0.0857 kgce/t (facts §1.4). */
export const SRC_FRESH_WATER_CODE: Source = {
  document: 'GB/T 2589 附录B 耗能工质（新鲜水） — value as used in practice',
  clause: '新鲜水 0.0857 kgce/t (2.51 MJ/t)',
  status: 'code-only',
  note: 'seen only in public code (e.g. "水 0.0857 kgce/m³", "一吨水=0.086千克标准煤"); not on an official page',
};

// ---------------------------------------------------------------------------------------------------------
// Rows

type Row = StandardCoalCoefficient;

function single(v: number): ValueRange {
  return { min: v, max: v };
}

/** A point coefficient (min = max = default). */
function point(value: number, unit: string): Row['coefficient'] {
  return { min: value, max: value, default: value, unit };
}

function row2008(
  carrier: EnergyCarrierId,
  name: string,
  ncv: ValueRange & { unit: string },
  coefficient: Row['coefficient'],
  ncvKcal?: ValueRange & { unit: string },
  source: Source = SRC_GBT2589_2008_TABLE,
): Row {
  return {
    id: `gbt2589-2008.${carrier}`,
    carrier,
    table: 'gbt2589-2008',
    name,
    basis: 'equivalent',
    ncv,
    ...(ncvKcal ? { ncvKcal } : {}),
    coefficient,
    source,
  };
}

function rowNbs(
  carrier: EnergyCarrierId,
  name: string,
  value: number,
  unit: string,
  basis: EnergyBasis = 'equivalent',
): Row {
  return {
    id: `nbs.${carrier}`,
    carrier,
    table: 'nbs-reference',
    name,
    basis,
    coefficient: point(value, unit),
    source: SRC_NBS_REFERENCE,
  };
}

const kJkg = (min: number, max = min) => ({ min, max, unit: 'kJ/kg' });
const kJm3 = (min: number, max = min) => ({ min, max, unit: 'kJ/m3' });
const kcalKg = (min: number, max = min) => ({ min, max, unit: 'kcal/kg' });
const kcalM3 = (min: number, max = min) => ({ min, max, unit: 'kcal/m3' });

/** Every coefficient row shipped. */
export const STANDARD_COAL_COEFFICIENTS: readonly StandardCoalCoefficient[] = [
  // Definition: 标准煤 itself. 1 kgce = 29 307.6 kJ (7000 kcal × 4.1868 kJ/kcal); GB/T 2589 3.x.
  {
    id: 'definition.standard-coal',
    carrier: 'standard-coal',
    table: 'definition',
    name: '标准煤',
    basis: 'equivalent',
    ncv: { ...single(29_307.6), unit: 'kJ/kg' },
    ncvKcal: { ...single(7000), unit: 'kcal/kg' },
    coefficient: point(1, 'kgce/kg'),
    source: SRC_GBT2589_DEFINITION,
  },

  // GB/T 2589-2008 Table A.1, VERIFIED (page) rows.
  row2008('raw-coal', '原煤', kJkg(20_908), point(0.7143, 'kgce/kg'), kcalKg(5000)),
  row2008('cleaned-coal', '洗精煤', kJkg(26_344), point(0.9, 'kgce/kg'), kcalKg(6300)),
  row2008('middlings', '其他洗煤：洗中煤', kJkg(8363), point(0.2857, 'kgce/kg'), kcalKg(2000)),
  row2008(
    'coal-slime',
    '其他洗煤：煤泥',
    kJkg(8363, 12_545),
    {
      min: 0.2857,
      max: 0.4286,
      default: 0.2857,
      unit: 'kgce/kg',
      defaultNote:
        'lower bound of the printed range, in line with the reference table row 其他洗煤 0.2850 tce/t; ' +
        'give a measured NCV for slime of better quality',
    },
    kcalKg(2000, 3000),
  ),
  row2008('coke', '焦炭', kJkg(28_435), point(0.9714, 'kgce/kg'), kcalKg(6800)),
  row2008('crude-oil', '原油', kJkg(41_816), point(1.4286, 'kgce/kg'), kcalKg(10_000)),
  row2008('fuel-oil', '燃料油', kJkg(41_816), point(1.4286, 'kgce/kg')),
  row2008('gasoline', '汽油', kJkg(43_070), point(1.4714, 'kgce/kg'), kcalKg(10_300)),
  row2008('kerosene', '煤油', kJkg(43_070), point(1.4714, 'kgce/kg')),
  row2008('diesel', '柴油', kJkg(42_652), point(1.4571, 'kgce/kg'), kcalKg(10_200)),
  row2008('coal-tar', '煤焦油', kJkg(33_453), point(1.1429, 'kgce/kg'), kcalKg(8000)),
  row2008('residual-oil', '渣油', kJkg(41_816), point(1.4286, 'kgce/kg')),
  row2008('lpg', '液化石油气', kJkg(50_179), point(1.7143, 'kgce/kg'), kcalKg(12_000)),
  row2008('refinery-gas', '炼厂干气', kJkg(46_055), point(1.5714, 'kgce/kg'), kcalKg(11_000)),
  row2008('oilfield-gas', '油田天然气', kJm3(38_931), point(1.33, 'kgce/m3'), kcalM3(9310)),
  row2008('gasfield-gas', '气田天然气', kJm3(35_544), point(1.2143, 'kgce/m3'), kcalM3(8500)),
  row2008('coal-mine-gas', '煤矿瓦斯气', kJm3(14_636, 16_726), {
    min: 0.5,
    max: 0.5714,
    default: 0.5357,
    unit: 'kgce/m3',
    defaultNote:
      'midpoint of the printed range (no reference value to prefer an end); methane content varies widely, ' +
      'give a measured NCV',
  }),
  row2008(
    'coke-oven-gas',
    '焦炉煤气',
    kJm3(16_726, 17_981),
    {
      min: 0.5714,
      max: 0.6143,
      default: 0.6143,
      unit: 'kgce/m3',
      defaultNote: 'upper bound of the printed range, the value of the reference table (6.1430 tce/万m3)',
    },
    kcalM3(4000, 4300),
  ),

  // GB/T 2589-2008 Table A.1, UNVERIFIED rows (facts §1.2, below 焦炉煤气).
  row2008(
    'blast-furnace-gas',
    '高炉煤气',
    kJm3(3763),
    point(0.1286, 'kgce/m3'),
    undefined,
    SRC_GBT2589_2008_UNVERIFIED,
  ),
  row2008(
    'producer-gas',
    '其他煤气：发生炉煤气',
    kJm3(5227),
    point(0.1786, 'kgce/m3'),
    undefined,
    SRC_GBT2589_2008_UNVERIFIED,
  ),
  row2008(
    'heavy-oil-catalytic-gas',
    '其他煤气：重油催化裂解煤气',
    kJm3(19_235),
    point(0.6571, 'kgce/m3'),
    undefined,
    SRC_GBT2589_2008_UNVERIFIED,
  ),
  row2008(
    'heavy-oil-pyrolysis-gas',
    '其他煤气：重油热裂解煤气',
    kJm3(35_544),
    point(1.2143, 'kgce/m3'),
    undefined,
    SRC_GBT2589_2008_UNVERIFIED,
  ),
  row2008(
    'coke-made-gas',
    '其他煤气：焦炭制气',
    kJm3(16_308),
    point(0.5571, 'kgce/m3'),
    undefined,
    SRC_GBT2589_2008_UNVERIFIED,
  ),
  row2008(
    'pressure-gasification-gas',
    '其他煤气：压力气化煤气',
    kJm3(15_054),
    point(0.5143, 'kgce/m3'),
    undefined,
    SRC_GBT2589_2008_UNVERIFIED,
  ),
  row2008(
    'water-gas',
    '其他煤气：水煤气',
    kJm3(10_454),
    point(0.3571, 'kgce/m3'),
    undefined,
    SRC_GBT2589_2008_UNVERIFIED,
  ),
  row2008(
    'crude-benzene',
    '粗苯',
    kJkg(41_816),
    point(1.4286, 'kgce/kg'),
    undefined,
    SRC_GBT2589_2008_UNVERIFIED,
  ),
  {
    id: 'gbt2589-2008.heat',
    carrier: 'heat',
    table: 'gbt2589-2008',
    name: '热力（当量值）',
    basis: 'equivalent',
    coefficient: point(0.034_12, 'kgce/MJ'),
    source: SRC_GBT2589_2008_UNVERIFIED,
  },
  {
    id: 'gbt2589-2008.electricity',
    carrier: 'electricity',
    table: 'gbt2589-2008',
    name: '电力（当量值）',
    basis: 'equivalent',
    ncv: { ...single(3600), unit: 'kJ/kWh' },
    ncvKcal: { ...single(860), unit: 'kcal/kWh' },
    coefficient: point(0.1229, 'kgce/kWh'),
    source: SRC_GBT2589_DEFINITION,
  },
  {
    id: 'gbt2589-2008.steam-low-pressure',
    carrier: 'steam-low-pressure',
    table: 'gbt2589-2008',
    name: '蒸汽（低压）',
    basis: 'equivalent',
    ncv: { ...single(3763), unit: 'MJ/t' },
    ncvKcal: { ...single(900), unit: 'Mcal/t' },
    coefficient: point(0.1286, 'kgce/kg'),
    source: SRC_GBT2589_2008_UNVERIFIED,
  },

  // GB/T 2589-2020 values stated by the Guangdong form, footnote 13 (seed).
  {
    id: 'gbt2589-2020-gd.crude-oil',
    carrier: 'crude-oil',
    table: 'gbt2589-2020-gd',
    name: '原油',
    basis: 'equivalent',
    ncv: kJkg(41_868),
    ncvKcal: kcalKg(10_000),
    coefficient: point(1.4286, 'kgce/kg'),
    source: SRC_GBT2589_2020_GD,
  },
  {
    id: 'gbt2589-2020-gd.natural-gas',
    carrier: 'natural-gas',
    table: 'gbt2589-2020-gd',
    name: '天然气',
    basis: 'equivalent',
    ncv: kJm3(32_238, 38_979),
    ncvKcal: kcalM3(7700, 9310),
    coefficient: {
      min: 1.1,
      max: 1.33,
      default: 1.2143,
      unit: 'kgce/m3',
      defaultNote:
        '1.2143 is the GB/T 2589-2008 气田天然气 value (35 544 kJ/m3), inside the 2020 range 1.1000–1.3300; ' +
        'give the supplier’s NCV or choose a value within the range',
    },
    source: SRC_GBT2589_2020_GD,
  },

  // Statistics-bureau style reference table (tce per unit), VERIFIED page.
  rowNbs('raw-coal', '原煤', 0.7143, 'tce/t'),
  rowNbs('cleaned-coal', '洗精煤', 0.9, 'tce/t'),
  rowNbs('other-washed-coal', '其他洗煤', 0.285, 'tce/t'),
  rowNbs('briquette', '型煤', 0.6, 'tce/t'),
  rowNbs('coke', '焦炭', 0.9714, 'tce/t'),
  rowNbs('other-coking-products', '其他焦化产品', 1.3, 'tce/t'),
  rowNbs('coke-oven-gas', '焦炉煤气', 6.143, 'tce/万m3'),
  rowNbs('blast-furnace-gas', '高炉煤气', 1.286, 'tce/万m3'),
  rowNbs('other-gas', '其他煤气', 3.5701, 'tce/万m3'),
  rowNbs('natural-gas', '天然气', 12.143, 'tce/万m3'),
  rowNbs('crude-oil', '原油', 1.4286, 'tce/t'),
  rowNbs('gasoline', '汽油', 1.4714, 'tce/t'),
  rowNbs('kerosene', '煤油', 1.4714, 'tce/t'),
  rowNbs('diesel', '柴油', 1.4571, 'tce/t'),
  rowNbs('fuel-oil', '燃料油', 1.4286, 'tce/t'),
  rowNbs('lpg', '液化石油气', 1.7143, 'tce/t'),
  rowNbs('refinery-gas', '炼厂干气', 1.5714, 'tce/t'),
  rowNbs('other-petroleum-products', '其他石油制品', 1.2, 'tce/t'),
  rowNbs('heat', '热力', 0.0341, 'tce/GJ'),
  rowNbs('electricity', '电力（等价值）', 4.04, 'tce/万kWh', 'equal-value'),
  rowNbs('calcium-carbide', '电石', 2.0786, 'kgce/kg', 'equal-value'),
  rowNbs('acetylene', '乙炔', 8.3143, 'kgce/m3', 'equal-value'),
  rowNbs('compressed-air', '压缩空气', 0.04, 'kgce/m3', 'equal-value'),
  rowNbs('oxygen', '氧气', 0.4, 'kgce/m3', 'equal-value'),

  // Energy-carrying medium, CODE-ONLY.
  {
    id: 'code.fresh-water',
    carrier: 'fresh-water',
    table: 'code',
    name: '新鲜水',
    basis: 'equal-value',
    ncv: { ...single(2.51), unit: 'MJ/t' },
    coefficient: point(0.0857, 'kgce/t'),
    source: SRC_FRESH_WATER_CODE,
  },
];

/**
 * 1 kgce = 29 307.6 kJ: the standard-coal equivalent has a net calorific value of 7000 kcal (GB/T 2589 3.x),
 * and 7000 kcal × 4.1868 kJ/kcal = 29 307.6 kJ. The Guangdong form writes it 29.3076 GJ/t (注13).
 */
export const KJ_PER_KGCE: FactorRef = {
  id: 'gbt2589.kj-per-kgce',
  name: '标准煤低位发热量（1 kgce = 7000 kcal）',
  value: 29_307.6,
  unit: 'kJ/kgce',
  source: SRC_GBT2589_DEFINITION,
};

/** 新鲜水: 1 m3 counted as 1 t, so that water metered in m3 converts with the per-tonne coefficient. */
export const FRESH_WATER_DENSITY: FactorRef = {
  id: 'fresh-water.density',
  name: '新鲜水密度（1 m3 按 1 t 计）',
  value: 1,
  unit: 't/m3',
  source: {
    document: '统计惯例：新鲜水 1 m3 按 1 t 计',
    status: 'unverified',
    note: 'density of fresh water ≈ 1 t/m3 (physical, within 0.3 % from 0 to 40 °C); the convention itself has no page',
  },
};

const PREFER_2020 =
  'the 2020 edition is in force (since 2021-04-01): its value as stated by the Guangdong form';
const PREFER_2008 = 'GB/T 2589-2008 Table A.1 (the 2020 table is not available here)';
const ONLY_NBS = 'only the statistics-bureau reference table lists it';

function carrier(
  id: EnergyCarrierId,
  name: string,
  kind: EnergyCarrierKind,
  defaultCoefficientId: string,
  defaultNote: string,
  extra: Partial<EnergyCarrier> = {},
): EnergyCarrier {
  return { id, name, kind, defaultCoefficientId, defaultNote, ...extra };
}

/** Every carrier, with its default coefficient row. */
export const ENERGY_CARRIERS: readonly EnergyCarrier[] = [
  carrier('standard-coal', '标准煤', 'fuel', 'definition.standard-coal', 'by definition 1 kgce/kg'),
  carrier('raw-coal', '原煤', 'fuel', 'gbt2589-2008.raw-coal', PREFER_2008),
  carrier('cleaned-coal', '洗精煤', 'fuel', 'gbt2589-2008.cleaned-coal', PREFER_2008),
  carrier('middlings', '洗中煤', 'fuel', 'gbt2589-2008.middlings', PREFER_2008),
  carrier('coal-slime', '煤泥', 'fuel', 'gbt2589-2008.coal-slime', PREFER_2008),
  carrier('other-washed-coal', '其他洗煤', 'fuel', 'nbs.other-washed-coal', ONLY_NBS),
  carrier('briquette', '型煤', 'fuel', 'nbs.briquette', ONLY_NBS),
  carrier('coke', '焦炭', 'fuel', 'gbt2589-2008.coke', PREFER_2008),
  carrier('other-coking-products', '其他焦化产品', 'fuel', 'nbs.other-coking-products', ONLY_NBS),
  carrier('crude-oil', '原油', 'fuel', 'gbt2589-2020-gd.crude-oil', PREFER_2020),
  carrier('fuel-oil', '燃料油', 'fuel', 'gbt2589-2008.fuel-oil', PREFER_2008),
  carrier('gasoline', '汽油', 'fuel', 'gbt2589-2008.gasoline', PREFER_2008),
  carrier('kerosene', '煤油', 'fuel', 'gbt2589-2008.kerosene', PREFER_2008),
  carrier('diesel', '柴油', 'fuel', 'gbt2589-2008.diesel', PREFER_2008),
  carrier('coal-tar', '煤焦油', 'fuel', 'gbt2589-2008.coal-tar', PREFER_2008),
  carrier('residual-oil', '渣油', 'fuel', 'gbt2589-2008.residual-oil', PREFER_2008),
  carrier('lpg', '液化石油气', 'fuel', 'gbt2589-2008.lpg', PREFER_2008),
  carrier('refinery-gas', '炼厂干气', 'fuel', 'gbt2589-2008.refinery-gas', PREFER_2008),
  carrier('other-petroleum-products', '其他石油制品', 'fuel', 'nbs.other-petroleum-products', ONLY_NBS),
  carrier('natural-gas', '天然气', 'fuel', 'gbt2589-2020-gd.natural-gas', PREFER_2020),
  carrier('oilfield-gas', '油田天然气', 'fuel', 'gbt2589-2008.oilfield-gas', PREFER_2008),
  carrier('gasfield-gas', '气田天然气', 'fuel', 'gbt2589-2008.gasfield-gas', PREFER_2008),
  carrier('coal-mine-gas', '煤矿瓦斯气', 'fuel', 'gbt2589-2008.coal-mine-gas', PREFER_2008),
  carrier('coke-oven-gas', '焦炉煤气', 'fuel', 'gbt2589-2008.coke-oven-gas', PREFER_2008),
  carrier('blast-furnace-gas', '高炉煤气', 'fuel', 'gbt2589-2008.blast-furnace-gas', PREFER_2008),
  carrier('producer-gas', '发生炉煤气', 'fuel', 'gbt2589-2008.producer-gas', PREFER_2008),
  carrier(
    'heavy-oil-catalytic-gas',
    '重油催化裂解煤气',
    'fuel',
    'gbt2589-2008.heavy-oil-catalytic-gas',
    PREFER_2008,
  ),
  carrier(
    'heavy-oil-pyrolysis-gas',
    '重油热裂解煤气',
    'fuel',
    'gbt2589-2008.heavy-oil-pyrolysis-gas',
    PREFER_2008,
  ),
  carrier('coke-made-gas', '焦炭制气', 'fuel', 'gbt2589-2008.coke-made-gas', PREFER_2008),
  carrier(
    'pressure-gasification-gas',
    '压力气化煤气',
    'fuel',
    'gbt2589-2008.pressure-gasification-gas',
    PREFER_2008,
  ),
  carrier('water-gas', '水煤气', 'fuel', 'gbt2589-2008.water-gas', PREFER_2008),
  carrier('other-gas', '其他煤气', 'fuel', 'nbs.other-gas', ONLY_NBS),
  carrier('crude-benzene', '粗苯', 'fuel', 'gbt2589-2008.crude-benzene', PREFER_2008),
  carrier(
    'heat',
    '热力',
    'heat',
    'nbs.heat',
    'the reference-table value 0.0341 tce/GJ is VERIFIED (page); the 2008 row 0.03412 kgce/MJ (UNVERIFIED) ' +
      'agrees to 0.06 % and is selectable',
  ),
  carrier(
    'electricity',
    '电力',
    'electricity',
    'gbt2589-2008.electricity',
    '综合能耗 counts purchased electricity at 当量值 (0.1229 kgce/kWh); 等价值 on request',
  ),
  carrier('steam-low-pressure', '蒸汽（低压）', 'heat', 'gbt2589-2008.steam-low-pressure', PREFER_2008),
  carrier('fresh-water', '新鲜水', 'medium', 'code.fresh-water', 'the only value available (CODE-ONLY)', {
    density: FRESH_WATER_DENSITY,
  }),
  carrier('compressed-air', '压缩空气', 'medium', 'nbs.compressed-air', ONLY_NBS),
  carrier('oxygen', '氧气', 'medium', 'nbs.oxygen', ONLY_NBS),
  carrier('acetylene', '乙炔', 'medium', 'nbs.acetylene', ONLY_NBS),
  carrier('calcium-carbide', '电石', 'medium', 'nbs.calcium-carbide', ONLY_NBS),
];

const CARRIER_BY_KEY = new Map<string, EnergyCarrier>();
for (const c of ENERGY_CARRIERS) {
  CARRIER_BY_KEY.set(c.id, c);
  CARRIER_BY_KEY.set(c.name, c);
}
// Common Chinese spellings that differ from the carrier name.
for (const [alias, id] of [
  ['电', 'electricity'],
  ['蒸汽', 'steam-low-pressure'],
  ['低压蒸汽', 'steam-low-pressure'],
  ['水', 'fresh-water'],
  ['LPG', 'lpg'],
] as const) {
  const c = CARRIER_BY_KEY.get(id);
  if (c) CARRIER_BY_KEY.set(alias, c);
}

const COEFFICIENT_BY_ID = new Map<string, StandardCoalCoefficient>(
  STANDARD_COAL_COEFFICIENTS.map((r) => [r.id, r]),
);

/** A carrier by id or Chinese name (`raw-coal`, `原煤`), or undefined. */
export function findEnergyCarrier(idOrName: string): EnergyCarrier | undefined {
  return CARRIER_BY_KEY.get(idOrName.trim());
}

/** A coefficient row by id, or undefined. */
export function findStandardCoalCoefficient(id: string): StandardCoalCoefficient | undefined {
  return COEFFICIENT_BY_ID.get(id);
}

/** Every coefficient row of a carrier. */
export function coefficientsOfCarrier(id: EnergyCarrierId): StandardCoalCoefficient[] {
  return STANDARD_COAL_COEFFICIENTS.filter((r) => r.carrier === id);
}

/** The FactorRef of a row at a given value (the row's default unless `value` is given). */
export function coefficientFactorRef(
  row: StandardCoalCoefficient,
  value: number = row.coefficient.default,
): FactorRef {
  return {
    id: row.id,
    name: `${row.name} 折标准煤系数${row.basis === 'equal-value' ? '（等价值）' : ''}`,
    value,
    unit: row.coefficient.unit,
    source: row.source,
  };
}
