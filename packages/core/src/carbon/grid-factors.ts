/**
 * Grid CO2 emission factors (电网排放因子) as data, the province → grid-region map, and look-up.
 *
 * Series shipped (values in tCO2/MWh = kgCO2/kWh; grading as in the shared domain facts §2):
 * - `mee-nbs-average`: 生态环境部/国家统计局 电力平均二氧化碳排放因子, 2021–2023 (national, 7 regions, provinces).
 * - `mee-nbs-average-excl-market-nonfossil`: 全国电力平均（不包括市场化交易的非化石能源电量）, national.
 * - `mee-nbs-fossil`: 全国化石能源电力二氧化碳排放因子, national.
 * - `mee-ghg-reporting`: 0.5703, the "全国电网平均排放因子" of enterprise GHG reporting (labels UNVERIFIED).
 * - `cdm-om` / `cdm-bm`: regional baseline OM/BM factors of emission-reduction projects (year UNVERIFIED).
 * - `regional-average-2012`: 2012年中国区域电网平均CO2排放因子 (CODE-ONLY), used by 2013–15 guidelines.
 *
 * The Guangdong form (注13) asks for "所在区域当年国家电网公布的排放因子系数（OM计算法）"; which series that is
 * for a given year is the auditor's choice, recorded with the factor. The default series is the MEE/NBS average.
 */
import { z } from 'zod';
import { CpError } from '../errors.ts';
import type { Source } from '../trace.ts';

export type GridScope = 'national' | 'region' | 'province';

/** One grid emission factor. `series` is one of `GRID_SERIES` or `user`. */
export interface GridFactor {
  /** e.g. `grid.mee-nbs-average.province.guangdong.2022`. */
  id: string;
  series: string;
  scope: GridScope;
  /** Chinese name: `全国`, a grid region (`南方`) or a province (`广东`). */
  region: string;
  /** The year the factor describes; 0 when a user-supplied factor states no year. */
  dataYear: number;
  value_tCO2PerMWh: number;
  source: Source;
  /** Human label (user factors). */
  name?: string;
  /** How this factor was chosen (e.g. a province that fell back to its region). */
  note?: string;
}

const sourceJsonSchema = z.object({
  document: z.string().min(1),
  clause: z.string().optional(),
  url: z.string().optional(),
  status: z.enum(['seed', 'verified-page', 'verified-cross-checked', 'code-only', 'unverified', 'user']),
  note: z.string().optional(),
});

/** A `GridFactor` as JSON (e.g. returned by the API and sent back with a calculation). */
export const gridFactorJsonSchema = z.object({
  id: z.string().min(1),
  series: z.string().min(1),
  scope: z.enum(['national', 'region', 'province']),
  region: z.string(),
  dataYear: z.int().nonnegative(),
  value_tCO2PerMWh: z.number(),
  source: sourceJsonSchema,
  name: z.string().optional(),
  note: z.string().optional(),
});

export type GridSeriesId =
  | 'mee-nbs-average'
  | 'mee-nbs-average-excl-market-nonfossil'
  | 'mee-nbs-fossil'
  | 'mee-ghg-reporting'
  | 'cdm-om'
  | 'cdm-bm'
  | 'regional-average-2012';

/** Grid regions of the MEE/NBS factors (7) and of the older project-baseline factors (6, no 西南). */
export const GRID_REGIONS = ['华北', '东北', '华东', '华中', '西北', '南方', '西南'] as const;
export type GridRegion = (typeof GRID_REGIONS)[number];

export type RegionScheme = 'mee-nbs' | 'baseline-6';

export interface GridSeries {
  id: GridSeriesId;
  name: string;
  /** Which province → region map applies when a province falls back to its region. */
  regionScheme: RegionScheme;
}

export const GRID_SERIES: Readonly<Record<GridSeriesId, GridSeries>> = {
  'mee-nbs-average': {
    id: 'mee-nbs-average',
    name: '电力平均二氧化碳排放因子（生态环境部、国家统计局）',
    regionScheme: 'mee-nbs',
  },
  'mee-nbs-average-excl-market-nonfossil': {
    id: 'mee-nbs-average-excl-market-nonfossil',
    name: '全国电力平均二氧化碳排放因子（不包括市场化交易的非化石能源电量）',
    regionScheme: 'mee-nbs',
  },
  'mee-nbs-fossil': {
    id: 'mee-nbs-fossil',
    name: '全国化石能源电力二氧化碳排放因子',
    regionScheme: 'mee-nbs',
  },
  'mee-ghg-reporting': {
    id: 'mee-ghg-reporting',
    name: '全国电网平均排放因子（企业温室气体排放报告用）',
    regionScheme: 'mee-nbs',
  },
  'cdm-om': { id: 'cdm-om', name: '中国区域电网基准线排放因子 OM（电量边际）', regionScheme: 'baseline-6' },
  'cdm-bm': { id: 'cdm-bm', name: '中国区域电网基准线排放因子 BM（容量边际）', regionScheme: 'baseline-6' },
  'regional-average-2012': {
    id: 'regional-average-2012',
    name: '2012年中国区域电网平均CO2排放因子',
    regionScheme: 'baseline-6',
  },
};

export const DEFAULT_GRID_SERIES: GridSeriesId = 'mee-nbs-average';

export interface ProvinceGrid {
  name: string;
  slug: string;
  /** Region in the MEE/NBS 7-region factors. */
  region: GridRegion;
  /** Region in the 6-region project-baseline factors (null: not covered). */
  baselineRegion: Exclude<GridRegion, '西南'> | null;
  note?: string;
}

/** Province → grid region (31 provinces of the mainland). */
export const SRC_PROVINCE_GRID_REGION: Source = {
  document: '区域电网划分（华北、东北、华东、华中、西北、南方、西南）',
  status: 'unverified',
  note:
    'from recollection of the MEE/NBS announcements and the project-baseline notices: check against the ' +
    'announcement text. 内蒙古 is split (蒙西 华北, 蒙东 东北) and is mapped to 华北 here',
};

function prov(
  name: string,
  slug: string,
  region: GridRegion,
  baselineRegion: ProvinceGrid['baselineRegion'] = region === '西南' ? null : region,
  note?: string,
): ProvinceGrid {
  return { name, slug, region, baselineRegion, ...(note ? { note } : {}) };
}

export const PROVINCE_GRID_REGIONS: readonly ProvinceGrid[] = [
  prov('北京', 'beijing', '华北'),
  prov('天津', 'tianjin', '华北'),
  prov('河北', 'hebei', '华北'),
  prov('山西', 'shanxi', '华北'),
  prov('山东', 'shandong', '华北'),
  prov('内蒙古', 'inner-mongolia', '华北', '华北', '蒙西 belongs to 华北, 蒙东 to 东北'),
  prov('辽宁', 'liaoning', '东北'),
  prov('吉林', 'jilin', '东北'),
  prov('黑龙江', 'heilongjiang', '东北'),
  prov('上海', 'shanghai', '华东'),
  prov('江苏', 'jiangsu', '华东'),
  prov('浙江', 'zhejiang', '华东'),
  prov('安徽', 'anhui', '华东'),
  prov('福建', 'fujian', '华东'),
  prov('江西', 'jiangxi', '华中'),
  prov('河南', 'henan', '华中'),
  prov('湖北', 'hubei', '华中'),
  prov('湖南', 'hunan', '华中'),
  prov('重庆', 'chongqing', '西南', '华中'),
  prov('四川', 'sichuan', '西南', '华中'),
  prov('西藏', 'tibet', '西南', null, 'not covered by the 6-region baseline factors'),
  prov('陕西', 'shaanxi', '西北'),
  prov('甘肃', 'gansu', '西北'),
  prov('青海', 'qinghai', '西北'),
  prov('宁夏', 'ningxia', '西北'),
  prov('新疆', 'xinjiang', '西北'),
  prov('广东', 'guangdong', '南方'),
  prov('广西', 'guangxi', '南方'),
  prov('海南', 'hainan', '南方'),
  prov('贵州', 'guizhou', '南方'),
  prov('云南', 'yunnan', '南方'),
];

const REGION_SLUG: Readonly<Record<GridRegion, string>> = {
  华北: 'north',
  东北: 'northeast',
  华东: 'east',
  华中: 'central',
  西北: 'northwest',
  南方: 'south',
  西南: 'southwest',
};

const PROVINCE_BY_NAME = new Map<string, ProvinceGrid>();
for (const p of PROVINCE_GRID_REGIONS) {
  PROVINCE_BY_NAME.set(p.name, p);
  PROVINCE_BY_NAME.set(p.slug, p);
}

function isGridRegion(s: string): s is GridRegion {
  return GRID_REGIONS.some((r) => r === s);
}

const NAME_SUFFIXES = [
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '自治区',
  '区域电网',
  '电网',
  '区域',
  '地区',
  '省',
  '市',
];

/** `广东省` → `广东`, `华东区域电网` → `华东`, `中国` → `全国`; slugs (`guangdong`, `east`) → Chinese names. */
export function normalizeGridRegion(name: string): string {
  let s = name.trim();
  if (s === '中国' || s === 'national' || s === 'china') return '全国';
  for (const suffix of NAME_SUFFIXES) {
    if (s.length > suffix.length && s.endsWith(suffix)) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  const p = PROVINCE_BY_NAME.get(s);
  if (p) return p.name;
  const region = GRID_REGIONS.find((r) => REGION_SLUG[r] === s);
  return region ?? s;
}

/** The grid region of a province (by name or slug) in a region scheme, or undefined. */
export function gridRegionOfProvince(
  province: string,
  scheme: RegionScheme = 'mee-nbs',
): GridRegion | undefined {
  const p = PROVINCE_BY_NAME.get(normalizeGridRegion(province));
  if (!p) return undefined;
  return scheme === 'mee-nbs' ? p.region : (p.baselineRegion ?? undefined);
}

// ---------------------------------------------------------------------------------------------------------
// Sources

const MEE_NBS_2021 = '生态环境部 国家统计局 公告2024年第12号（2021年电力二氧化碳排放因子）';
const MEE_NBS_2022 = '生态环境部 国家统计局 关于发布2022年电力二氧化碳排放因子的公告（2024-12-20）';
const MEE_NBS_2023 = '生态环境部 国家统计局 关于发布2023年电力二氧化碳排放因子的公告';
const DAYDAYNEWS = 'https://daydaynews.cc/zh-hant/finance/3899452.html';
const CROSS_CHECK_NOTE =
  'from a public JS constants file whose 2022 column matches every value printed on ' +
  `${DAYDAYNEWS} and whose 2021→2022 南方 drop matches another page`;

const SRC_2021_NATIONAL: Source = {
  document: MEE_NBS_2021,
  clause: '全国电力平均二氧化碳排放因子',
  url: 'https://www.szcbn.com/newsinfo/7157203.html',
  status: 'verified-page',
  note: 're-post; the 公告 is dated 2024-04-12 (http://www.hfyfsb.com/industry/elec/3596.html)',
};
const SRC_2021_FOSSIL: Source = {
  document: MEE_NBS_2021,
  clause: '全国化石能源电力二氧化碳排放因子',
  url: DAYDAYNEWS,
  status: 'verified-page',
  note: 'quoted on the 2022 re-post for comparison',
};
const SRC_2021_TABLE: Source = {
  document: MEE_NBS_2021,
  clause: '区域和省级电力平均二氧化碳排放因子',
  status: 'verified-cross-checked',
  note: CROSS_CHECK_NOTE,
};
const SRC_2022_PAGE: Source = {
  document: MEE_NBS_2022,
  clause: '全国、区域和省级电力平均二氧化碳排放因子',
  url: DAYDAYNEWS,
  status: 'verified-page',
  note: 're-post (新京报); the page prints the national, regional and top/bottom-five provincial values',
};
const SRC_2022_TABLE: Source = {
  document: MEE_NBS_2022,
  clause: '省级电力平均二氧化碳排放因子',
  status: 'verified-cross-checked',
  note: CROSS_CHECK_NOTE,
};
const SRC_2023_PAGE: Source = {
  document: MEE_NBS_2023,
  clause: '全国和区域电力平均二氧化碳排放因子',
  url: 'https://www.163.com/dy/article/KIQVBKCG05567I2C.html',
  status: 'verified-page',
  note: '光明日报 re-post; also https://reportify.ai/tags/concept?tagValue=电力二氧化碳排放因子',
};
const SRC_2023_PROVINCES: Source = {
  document: MEE_NBS_2023,
  clause: '省级电力平均二氧化碳排放因子',
  url: 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202512/W020251231726284332528.pdf',
  status: 'code-only',
  note: 'seen only in public code, which cites the 公告 dated 2025-12-31 and this PDF (not opened here)',
};
const SRC_GHG_REPORTING: Source = {
  document: '生态环境部《2022年度全国电网平均二氧化碳排放因子》',
  clause: '环办气候函〔2023〕43号 (2023–2025 年度发电行业排放报告)',
  status: 'unverified',
  note:
    'the value 0.5703 is used very widely in public code; its labels there are inconsistent (2020, 2022, 2024) ' +
    'and the document number is unverified',
};
const SRC_OM: Source = {
  document: '2019年度减排项目中国区域电网基准线排放因子',
  clause: 'OM 电量边际排放因子',
  status: 'code-only',
  note: 'values seen only in public code; the year (published Dec 2020) is UNVERIFIED',
};
const SRC_BM: Source = {
  document: '2019年度减排项目中国区域电网基准线排放因子',
  clause: 'BM 容量边际排放因子',
  status: 'unverified',
  note: 'recollection only; CM = 0.5·OM + 0.5·BM is typical',
};
const SRC_2012: Source = {
  document: '2012年中国区域电网平均CO2排放因子',
  clause: '区域电网平均排放因子',
  status: 'code-only',
  note:
    'values seen only in public code; the release of the 2011/2012 factors is confirmed at ' +
    'http://www.sfmzp.com/article-5388-1.html, which prints no numbers',
};

// ---------------------------------------------------------------------------------------------------------
// Data

function slugOf(scope: GridScope, region: string): string {
  if (scope === 'national') return 'national';
  if (scope === 'region' && isGridRegion(region)) return `region.${REGION_SLUG[region]}`;
  const p = PROVINCE_BY_NAME.get(region);
  return `province.${p ? p.slug : region}`;
}

function gf(
  series: GridSeriesId,
  scope: GridScope,
  region: string,
  dataYear: number,
  value_tCO2PerMWh: number,
  source: Source,
): GridFactor {
  return {
    id: `grid.${series}.${slugOf(scope, region)}.${dataYear}`,
    series,
    scope,
    region,
    dataYear,
    value_tCO2PerMWh,
    source,
  };
}

/** [region, 2021, 2022, 2023] of the MEE/NBS average (2021 cross-checked, 2022–2023 on pages). */
const REGIONAL_AVERAGE: readonly (readonly [GridRegion, number, number, number])[] = [
  ['华北', 0.712, 0.6776, 0.6361],
  ['东北', 0.6012, 0.5564, 0.5122],
  ['华东', 0.5992, 0.5617, 0.55],
  ['华中', 0.5354, 0.5395, 0.5271],
  ['西北', 0.5951, 0.5857, 0.5543],
  ['南方', 0.4326, 0.3869, 0.4042],
  ['西南', 0.2113, 0.2268, 0.2472],
];

/** [province, 2021, 2022] of the MEE/NBS average (facts §2.1; Tibet is not in the file). */
const PROVINCIAL_AVERAGE: readonly (readonly [string, number, number])[] = [
  ['北京', 0.5688, 0.558],
  ['天津', 0.7355, 0.7041],
  ['河北', 0.7901, 0.7252],
  ['山西', 0.7222, 0.7096],
  ['内蒙古', 0.7025, 0.6849],
  ['辽宁', 0.5876, 0.5626],
  ['吉林', 0.5629, 0.4932],
  ['黑龙江', 0.6342, 0.5368],
  ['上海', 0.5834, 0.5849],
  ['江苏', 0.6451, 0.5978],
  ['浙江', 0.5422, 0.5153],
  ['安徽', 0.7075, 0.6782],
  ['福建', 0.4711, 0.4092],
  ['江西', 0.5835, 0.5752],
  ['山东', 0.6838, 0.641],
  ['河南', 0.6369, 0.6058],
  ['湖北', 0.3672, 0.4364],
  ['湖南', 0.5138, 0.49],
  ['广东', 0.4715, 0.4403],
  ['广西', 0.5154, 0.4044],
  ['海南', 0.4524, 0.4184],
  ['重庆', 0.4743, 0.5227],
  ['四川', 0.1255, 0.1404],
  ['贵州', 0.5182, 0.4989],
  ['云南', 0.1235, 0.1073],
  ['陕西', 0.6336, 0.6558],
  ['甘肃', 0.4955, 0.4772],
  ['青海', 0.1326, 0.1567],
  ['宁夏', 0.6546, 0.6423],
  ['新疆', 0.6577, 0.6231],
];

/** 2022 provincial values printed on the page (top and bottom five). */
const PRINTED_2022 = new Set([
  '河北',
  '山西',
  '天津',
  '内蒙古',
  '安徽',
  '福建',
  '广西',
  '青海',
  '四川',
  '云南',
]);

/** 2023 provincial values (CODE-ONLY). */
const PROVINCIAL_2023: readonly (readonly [string, number])[] = [
  ['广东', 0.4419],
  ['江苏', 0.5827],
  ['北京', 0.5554],
  ['上海', 0.5737],
  ['浙江', 0.4974],
  ['四川', 0.1564],
];

/** [region, OM 2019, BM 2019, average 2012] (facts §2.3). */
const BASELINE: readonly (readonly [GridRegion, number, number, number])[] = [
  ['华北', 0.9419, 0.4819, 0.8843],
  ['东北', 1.0826, 0.2399, 0.7769],
  ['华东', 0.7921, 0.387, 0.7035],
  ['华中', 0.8587, 0.2854, 0.5257],
  ['西北', 0.8922, 0.4407, 0.6671],
  ['南方', 0.8042, 0.2135, 0.5271],
];

function buildGridFactors(): GridFactor[] {
  const out: GridFactor[] = [
    gf('mee-nbs-average', 'national', '全国', 2021, 0.5568, SRC_2021_NATIONAL),
    gf('mee-nbs-average', 'national', '全国', 2022, 0.5366, SRC_2022_PAGE),
    gf('mee-nbs-average', 'national', '全国', 2023, 0.5306, SRC_2023_PAGE),
    gf('mee-nbs-average-excl-market-nonfossil', 'national', '全国', 2021, 0.5942, SRC_2021_NATIONAL),
    gf('mee-nbs-average-excl-market-nonfossil', 'national', '全国', 2022, 0.5856, SRC_2022_PAGE),
    gf('mee-nbs-average-excl-market-nonfossil', 'national', '全国', 2023, 0.6096, SRC_2023_PAGE),
    gf('mee-nbs-fossil', 'national', '全国', 2021, 0.8426, SRC_2021_FOSSIL),
    gf('mee-nbs-fossil', 'national', '全国', 2022, 0.8325, SRC_2022_PAGE),
    gf('mee-nbs-fossil', 'national', '全国', 2023, 0.8273, SRC_2023_PAGE),
    gf('mee-ghg-reporting', 'national', '全国', 2022, 0.5703, SRC_GHG_REPORTING),
  ];
  for (const [region, v2021, v2022, v2023] of REGIONAL_AVERAGE) {
    out.push(gf('mee-nbs-average', 'region', region, 2021, v2021, SRC_2021_TABLE));
    out.push(gf('mee-nbs-average', 'region', region, 2022, v2022, SRC_2022_PAGE));
    out.push(gf('mee-nbs-average', 'region', region, 2023, v2023, SRC_2023_PAGE));
  }
  for (const [province, v2021, v2022] of PROVINCIAL_AVERAGE) {
    out.push(gf('mee-nbs-average', 'province', province, 2021, v2021, SRC_2021_TABLE));
    out.push(
      gf(
        'mee-nbs-average',
        'province',
        province,
        2022,
        v2022,
        PRINTED_2022.has(province) ? SRC_2022_PAGE : SRC_2022_TABLE,
      ),
    );
  }
  for (const [province, v2023] of PROVINCIAL_2023) {
    out.push(gf('mee-nbs-average', 'province', province, 2023, v2023, SRC_2023_PROVINCES));
  }
  for (const [region, om, bm, avg2012] of BASELINE) {
    out.push(gf('cdm-om', 'region', region, 2019, om, SRC_OM));
    out.push(gf('cdm-bm', 'region', region, 2019, bm, SRC_BM));
    out.push(gf('regional-average-2012', 'region', region, 2012, avg2012, SRC_2012));
  }
  return out;
}

/** Every grid factor shipped. */
export const GRID_FACTORS: readonly GridFactor[] = Object.freeze(
  buildGridFactors().map((f) => Object.freeze(f)),
);

export function isGridSeriesId(s: string): s is GridSeriesId {
  return Object.hasOwn(GRID_SERIES, s);
}

export interface FindGridFactorInput {
  /** Default `mee-nbs-average`. */
  series?: string;
  /** `全国`, a grid region (`华东`, `华东电网`) or a province (`广东`, `广东省`, `guangdong`). */
  region: string;
  /** Default: the newest year the series has for this region. */
  dataYear?: number;
  /** When the series has no factor for the province (that year), use its grid region's. Default false. */
  fallbackToRegion?: boolean;
  /**
   * When no factor of `dataYear` is published yet (factors appear one to two years late), take the newest of
   * the `earlierYearsBack` years before it; the returned factor's `note` says which year was used. Default 0.
   */
  earlierYearsBack?: number;
}

function yearsOf(series: string, region: string): number[] {
  return GRID_FACTORS.filter((f) => f.series === series && f.region === region)
    .map((f) => f.dataYear)
    .sort((a, b) => a - b);
}

function pick(series: string, region: string, dataYear: number | undefined): GridFactor | undefined {
  let best: GridFactor | undefined;
  for (const f of GRID_FACTORS) {
    if (f.series !== series || f.region !== region) continue;
    if (dataYear !== undefined && f.dataYear !== dataYear) continue;
    if (!best || f.dataYear > best.dataYear) best = f;
  }
  return best;
}

/**
 * Finds a grid factor: by series (default the MEE/NBS average), region (national, grid region or province)
 * and data year (default the newest available for that region). A province falls back to its grid region
 * only when `fallbackToRegion` is set; the returned factor's `note` says so. `fieldPrefix` prefixes the field
 * paths of errors (e.g. `grid`).
 * @throws CpError UNKNOWN_REFERENCE naming `series` or `region`; VALIDATION for a malformed `dataYear`.
 */
export function findGridFactor(input: FindGridFactorInput, fieldPrefix = ''): GridFactor {
  const back = input.earlierYearsBack ?? 0;
  if (!(Number.isInteger(back) && back >= 0 && back <= 20)) {
    const field = fieldPrefix ? `${fieldPrefix}.earlierYearsBack` : 'earlierYearsBack';
    throw new CpError('VALIDATION', `${field} must be an integer in [0, 20]`, { field });
  }
  const { dataYear } = input;
  try {
    return findGridFactorOfYear(input, fieldPrefix);
  } catch (e) {
    if (back === 0 || dataYear === undefined || !(e instanceof CpError) || e.code !== 'UNKNOWN_REFERENCE')
      throw e;
    for (let year = dataYear - 1; year >= dataYear - back; year--) {
      let earlier: GridFactor;
      try {
        earlier = findGridFactorOfYear({ ...input, dataYear: year }, fieldPrefix);
      } catch {
        continue;
      }
      const used = `no factor published for ${dataYear}: the newest earlier one (${year}) is used`;
      return { ...earlier, note: earlier.note ? `${used}; ${earlier.note}` : used };
    }
    throw e;
  }
}

function findGridFactorOfYear(input: FindGridFactorInput, fieldPrefix: string): GridFactor {
  const at = (f: string) => (fieldPrefix ? `${fieldPrefix}.${f}` : f);
  const series = input.series ?? DEFAULT_GRID_SERIES;
  if (!isGridSeriesId(series)) {
    throw new CpError('UNKNOWN_REFERENCE', `unknown grid-factor series "${series}"`, { field: at('series') });
  }
  if (typeof input.region !== 'string' || input.region.trim() === '') {
    throw new CpError('VALIDATION', `${at('region')} must name 全国, a grid region or a province`, {
      field: at('region'),
    });
  }
  const { dataYear } = input;
  if (dataYear !== undefined && !(Number.isInteger(dataYear) && dataYear >= 1900 && dataYear <= 2200)) {
    throw new CpError('VALIDATION', `${at('dataYear')} must be a year, got ${String(dataYear)}`, {
      field: at('dataYear'),
    });
  }
  const region = normalizeGridRegion(input.region);
  const province = PROVINCE_BY_NAME.get(region);
  if (region !== '全国' && !isGridRegion(region) && !province) {
    throw new CpError('UNKNOWN_REFERENCE', `unknown region "${input.region}"`, { field: at('region') });
  }
  const found = pick(series, region, dataYear);
  if (found) return found;

  const when = dataYear === undefined ? '' : ` for ${dataYear}`;
  if (province && input.fallbackToRegion === true) {
    const scheme = GRID_SERIES[series].regionScheme;
    const gridRegion = scheme === 'mee-nbs' ? province.region : province.baselineRegion;
    const regional = gridRegion ? pick(series, gridRegion, dataYear) : undefined;
    if (regional) {
      return {
        ...regional,
        note: `${province.name} has no ${series} factor${when}: the ${gridRegion} regional factor is used (fallbackToRegion)`,
      };
    }
  }
  const years = yearsOf(series, region);
  let hint = '';
  if (years.length > 0) hint = ` (available: ${years.join(', ')})`;
  else if (province && input.fallbackToRegion !== true)
    hint = ' (set fallbackToRegion to use its grid region)';
  else if (province) hint = ` (nor for its grid region in this series)`;
  throw new CpError('UNKNOWN_REFERENCE', `no ${series} grid factor for ${region}${when}${hint}`, {
    field: at(dataYear !== undefined && years.length > 0 ? 'dataYear' : 'region'),
  });
}

/** Upper bound of a plausible grid factor: the dirtiest coal plants emit about 1.2 tCO2/MWh. */
const MAX_PLAUSIBLE_tCO2PerMWh = 2;

/**
 * Checks a grid factor value: finite, ≥ 0, and ≤ 2 tCO2/MWh (a larger number is almost always a value in
 * kgCO2/MWh or gCO2/kWh typed as tCO2/MWh).
 */
export function checkGridFactorValue(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CpError('VALIDATION', `${field} must be a finite number, got ${String(value)}`, { field });
  }
  if (value < 0) throw new CpError('VALIDATION', `${field} must not be negative, got ${value}`, { field });
  if (value > MAX_PLAUSIBLE_tCO2PerMWh) {
    throw new CpError(
      'VALIDATION',
      `${field} = ${value} tCO2/MWh is not plausible (> ${MAX_PLAUSIBLE_tCO2PerMWh}); give it in tCO2/MWh = kgCO2/kWh`,
      { field },
    );
  }
  return value;
}

export interface UserGridFactorInput {
  value_tCO2PerMWh: number;
  /** What the factor is, e.g. `华东电网 2023 OM（用户引用）`. */
  name: string;
  region?: string;
  dataYear?: number;
  /** The document the user cites. */
  document?: string;
  url?: string;
  note?: string;
}

/**
 * A grid factor supplied by the user (source status `user`). `fieldPrefix` prefixes the field paths of errors
 * (e.g. `grid` when the factor comes from a JSON document).
 * @throws CpError VALIDATION naming `value_tCO2PerMWh`, `name` or `dataYear`.
 */
export function gridFactorFromUser(input: UserGridFactorInput, fieldPrefix = ''): GridFactor {
  const at = (f: string) => (fieldPrefix ? `${fieldPrefix}.${f}` : f);
  const value = checkGridFactorValue(input.value_tCO2PerMWh, at('value_tCO2PerMWh'));
  if (typeof input.name !== 'string' || input.name.trim() === '') {
    throw new CpError('VALIDATION', `${at('name')} must describe the factor`, { field: at('name') });
  }
  const { dataYear } = input;
  if (dataYear !== undefined && !(Number.isInteger(dataYear) && dataYear >= 1900 && dataYear <= 2200)) {
    throw new CpError('VALIDATION', `${at('dataYear')} must be a year, got ${String(dataYear)}`, {
      field: at('dataYear'),
    });
  }
  const region = input.region === undefined ? '' : normalizeGridRegion(input.region);
  const scope: GridScope =
    region === '全国' ? 'national' : PROVINCE_BY_NAME.has(region) ? 'province' : 'region';
  const year = dataYear ?? 0;
  return {
    id: `grid.user.${year}.${input.name.trim()}`,
    series: 'user',
    scope,
    region: region || input.name.trim(),
    dataYear: year,
    value_tCO2PerMWh: value,
    name: input.name.trim(),
    source: {
      document: input.document ?? input.name.trim(),
      status: 'user',
      ...(input.url === undefined ? {} : { url: input.url }),
      ...(input.note === undefined ? {} : { note: input.note }),
    },
    ...(dataYear === undefined ? { note: 'the user gave no data year' } : {}),
  };
}
