/**
 * Reference data of the environmental protection tax (shared facts §8): pollution equivalent values
 * (《中华人民共和国环境保护税法》附表二), the top-N counts (第九条), provincial/city rates, solid-waste rates.
 */
import { CpError } from '../errors.ts';
import type { FactorRef, Source } from '../trace.ts';
import type { SolidWasteKind, TopN } from './schema.ts';

const TAX_LAW = '《中华人民共和国环境保护税法》';

export const SRC_TAX_EQUIVALENTS_WATER: Source = {
  document: TAX_LAW,
  clause: '附表二 应税污染物和当量值表（水污染物）',
  url: 'https://lx0797.cn/zc?article_id=111815',
  status: 'verified-page',
};
export const SRC_TAX_EQUIVALENTS_AIR: Source = {
  document: TAX_LAW,
  clause: '附表二 应税污染物和当量值表（大气污染物）',
  url: 'http://wcakee.cn/jhw/57779.html',
  status: 'verified-page',
  note: 'shown on a page of the older discharge-fee table with the same values (shared facts §8)',
};
/** 第九条: air top 3 per outlet; water class I top 5, other water top 3 (provinces may raise the counts). */
export const SRC_TAX_TOP_N: Source = {
  document: TAX_LAW,
  clause: '第九条',
  url: 'http://www.xjxbtdc.com/news/251283_4.html',
  status: 'verified-page',
};
/** 附表二 note: of COD, BOD5 and TOC of one outlet only one is taxed (cpaudit taxes the largest by equivalents). */
export const SRC_TAX_COD_BOD_TOC: Source = {
  document: TAX_LAW,
  clause: '附表二 第二类水污染物 说明2（化学需氧量、生化需氧量和总有机碳只征收一项）',
  url: 'http://m.doczj.com/doc/b37730880.html',
  status: 'verified-page',
  note: 'the one taxed is the largest by pollution equivalents (cpaudit)',
};
/** 第七条、第八条: 污染当量数 = 排放量 ÷ 污染当量值; tax = 污染当量数 × 具体适用税额 (shared facts §8). */
export const SRC_TAX_FORMULA: Source = {
  document: TAX_LAW,
  clause: '第七条、第八条（计税依据、污染当量数）',
  url: 'http://www.xjxbtdc.com/news/251283_4.html',
  status: 'verified-page',
  note: '应纳税额 = 污染当量数 × 具体适用税额 as shared facts §8 states it',
};
export const SRC_TAX_NATIONAL_RANGES: Source = {
  document: TAX_LAW,
  clause: '附表一 环境保护税税目税额表',
  url: 'http://shoufuban.net/content/21/1217/14/33746531_1009131149.shtml',
  status: 'verified-page',
};
export const SRC_TAX_JIANGSU: Source = {
  document: '江苏省人大常委会公告第67号（江苏省应税大气污染物和水污染物具体适用税额）',
  clause: '2018-01-01施行',
  url: 'http://www.jumpstarthappiness.com/tax/32878.html',
  status: 'verified-page',
};
export const SRC_TAX_GUANGDONG: Source = {
  document: '广东省应税大气污染物和水污染物具体适用税额',
  url: 'http://www.njzxhs.com/News/Details/247487',
  status: 'verified-page',
};

export const DEFAULT_TOP_N: Readonly<TopN> = { air: 3, waterClassI: 5, waterOther: 3 };

/** Pollution equivalent values, kg (附表二). Keys are catalogue keys; `medium` separates water and air fluoride. */
type EqRow = readonly [pollutant: string, zh: string, value_kg: number];

const WATER_CLASS_I: readonly EqRow[] = [
  ['class_i.hg', '总汞', 0.0005],
  ['class_i.cd', '总镉', 0.005],
  ['class_i.cr', '总铬', 0.04],
  ['class_i.cr6', '六价铬', 0.02],
  ['class_i.as', '总砷', 0.02],
  ['class_i.pb', '总铅', 0.025],
  ['class_i.ni', '总镍', 0.025],
  ['class_i.bap', '苯并(a)芘', 0.0000003],
  ['class_i.be', '总铍', 0.01],
  ['class_i.ag', '总银', 0.02],
];
const WATER_OTHER: readonly EqRow[] = [
  ['ss', '悬浮物', 4],
  ['bod5', '生化需氧量（BOD5）', 0.5],
  ['cod', '化学需氧量', 1],
  ['toc', '总有机碳', 0.49],
  ['petroleum', '石油类', 0.1],
  ['animal_oil', '动植物油', 0.16],
  ['volatile_phenol', '挥发酚', 0.08],
  ['cyanide', '总氰化物', 0.05],
  ['sulfide', '硫化物', 0.125],
  ['nh3_n', '氨氮', 0.8],
  ['fluoride', '氟化物', 0.5],
  ['formaldehyde', '甲醛', 0.125],
  ['aniline', '苯胺类', 0.2],
  ['nitrobenzene', '硝基苯类', 0.2],
  ['las', '阴离子表面活性剂（LAS）', 0.2],
  ['cu', '总铜', 0.1],
  ['zn', '总锌', 0.2],
  ['mn', '总锰', 0.2],
  ['tp', '总磷', 0.25],
];
const AIR: readonly EqRow[] = [
  ['so2', '二氧化硫', 0.95],
  ['nox', '氮氧化物', 0.95],
  ['co', '一氧化碳', 16.7],
  ['chlorine', '氯气', 0.34],
  ['fluoride', '氟化物', 0.87],
  ['hcn', '氰化氢', 0.005],
  ['sulfuric_acid_mist', '硫酸雾', 0.6],
  ['chromic_acid_mist', '铬酸雾', 0.0007],
  ['hg_compounds', '汞及其化合物', 0.0001],
  ['particulates', '一般性粉尘', 4],
];

export interface EquivalentValue extends FactorRef {
  pollutant: string;
  medium: 'water' | 'air';
  group: 'air' | 'water-class-i' | 'water-other';
}

function rows(
  rs: readonly EqRow[],
  medium: 'water' | 'air',
  group: EquivalentValue['group'],
  source: Source,
) {
  return rs.map(
    ([pollutant, zh, value]): EquivalentValue => ({
      id: `tax.eq.${medium}.${pollutant}`,
      name: `${zh}污染当量值`,
      value,
      unit: 'kg',
      source:
        pollutant === 'particulates'
          ? { ...source, note: '颗粒物 taxed as 一般性粉尘 4 kg (烟尘 2.18 is UNVERIFIED, shared facts §8)' }
          : source,
      pollutant,
      medium,
      group,
    }),
  );
}

export const POLLUTION_EQUIVALENTS: readonly EquivalentValue[] = [
  ...rows(WATER_CLASS_I, 'water', 'water-class-i', SRC_TAX_EQUIVALENTS_WATER),
  ...rows(WATER_OTHER, 'water', 'water-other', SRC_TAX_EQUIVALENTS_WATER),
  ...rows(AIR, 'air', 'air', SRC_TAX_EQUIVALENTS_AIR),
];

export function findEquivalentValue(pollutant: string, medium: 'water' | 'air'): EquivalentValue | undefined {
  return POLLUTION_EQUIVALENTS.find((e) => e.pollutant === pollutant && e.medium === medium);
}

/** National ranges of the rates, 元 per pollution equivalent (附表一). */
export const TAX_RATE_RANGES = { air: [1.2, 12], water: [1.4, 14] } as const;

export interface TaxRates {
  air_yuanPerEq: number;
  water_yuanPerEq: number;
  document: string;
  source: Source;
}

const JIANGSU_CITY_GROUPS: readonly { cities: readonly string[]; air: number; water: number }[] = [
  { cities: ['南京'], air: 8.4, water: 8.4 },
  { cities: ['无锡', '常州', '苏州', '镇江'], air: 6, water: 7 },
  {
    cities: ['徐州', '南通', '连云港', '淮安', '盐城', '扬州', '泰州', '宿迁'],
    air: 4.8,
    water: 5.6,
  },
];

const strip = (s: string) => s.trim().replace(/(省|市)$/u, '');

/** Rates by province (and city for Jiangsu): shared facts §8. Others: UNKNOWN_REFERENCE (give the rates). */
export function provincialTaxRates(province: string, city: string | undefined, prefix = 'rates'): TaxRates {
  const p = strip(province);
  if (p === '广东') {
    return {
      air_yuanPerEq: 1.8,
      water_yuanPerEq: 2.8,
      document: SRC_TAX_GUANGDONG.document,
      source: SRC_TAX_GUANGDONG,
    };
  }
  if (p === '江苏') {
    const all = JIANGSU_CITY_GROUPS.flatMap((g) => g.cities);
    if (city === undefined) {
      throw new CpError('VALIDATION', `${prefix}.city: Jiangsu rates are per city (${all.join('、')})`, {
        field: `${prefix}.city`,
      });
    }
    const c = strip(city);
    const g = JIANGSU_CITY_GROUPS.find((x) => x.cities.includes(c));
    if (g === undefined) {
      throw new CpError(
        'UNKNOWN_REFERENCE',
        `${prefix}.city: "${city}" is not a city of Jiangsu (${all.join('、')})`,
        {
          field: `${prefix}.city`,
        },
      );
    }
    return {
      air_yuanPerEq: g.air,
      water_yuanPerEq: g.water,
      document: `${SRC_TAX_JIANGSU.document}（${c}）`,
      source: SRC_TAX_JIANGSU,
    };
  }
  throw new CpError(
    'UNKNOWN_REFERENCE',
    `${prefix}.province: no rates of "${province}" are shipped (江苏, 广东); give air_yuanPerEq and water_yuanPerEq`,
    { field: `${prefix}.province` },
  );
}

export const SOLID_WASTE_ZH: Readonly<Record<SolidWasteKind, string>> = {
  hazardous: '危险废物',
  'coal-gangue': '煤矸石',
  tailings: '尾矿',
  'smelting-slag': '冶炼渣',
  'fly-ash': '粉煤灰',
  other: '其他固体废物',
};

/** 元 per tonne (附表一, shared facts §8). */
export const SOLID_WASTE_RATES: Readonly<Record<SolidWasteKind, FactorRef>> = Object.fromEntries(
  (
    [
      ['hazardous', 1000],
      ['coal-gangue', 5],
      ['tailings', 15],
      ['smelting-slag', 25],
      ['fly-ash', 25],
      ['other', 25],
    ] as const
  ).map(([k, v]) => [
    k,
    {
      id: `tax.solid.${k}`,
      name: `${SOLID_WASTE_ZH[k]}税额`,
      value: v,
      unit: '元/t',
      source: SRC_TAX_NATIONAL_RANGES,
    },
  ]),
) as Record<SolidWasteKind, FactorRef>;
