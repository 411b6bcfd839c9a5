/**
 * The pollutant catalogue: one key per pollutant, shared by the standards, the compliance checks, the environmental
 * tax and the potential. Keys are the annual-data item slugs (`cod`, `nh3_n`, `class_i.cr`, … as in
 * packages/contract annual items) plus the pollutants the emission standards and the tax name that annual data does
 * not carry (`ss`, `ph`, `cu`, `zn`, …).
 *
 * Class I (第一类污染物, GB 8978-1996: sampled at the workshop or workshop treatment outlet) and class II
 * (第二类污染物, sampled at the unit's outlet) follow shared facts §6.3; HJ 212 codes where facts §6.3 gives them
 * (CODE-ONLY there).
 */
import { CpError } from '../errors.ts';
import type { Source } from '../trace.ts';

export type PollutantMedium = 'water' | 'air';

export interface Pollutant {
  /** Stable key (annual-data item slug). */
  key: string;
  zh: string;
  en: string;
  /** The media the pollutant is measured or taxed in. */
  media: readonly PollutantMedium[];
  /** GB 8978-1996 class of a water pollutant: 'I' (第一类) or 'II' (第二类); null for air-only pollutants. */
  waterClass: 'I' | 'II' | null;
  /** HJ 212-2017 pollutant code(s), where shared facts §6.3 gives them. */
  hj212?: { water?: string; air?: string };
  /** pH-like quantities without a concentration unit. */
  dimensionless?: boolean;
  source: Source;
}

/**
 * GB 8978-1996 第一类污染物: shared facts §6.3 confirms 7 heavy metals (public code) and leaves 6 unverified; a
 * re-post of the standard's 表1 lists all 13 (总汞 … 总银, 总α/总β放射性), so every class-I item here cites it.
 */
const SRC_CLASS_I: Source = {
  document: 'GB 8978-1996 《污水综合排放标准》',
  clause: '表1 第一类污染物最高允许排放浓度',
  url: 'http://true-witness.com/st173403/article_598790.html',
  status: 'verified-page',
};
const SRC_CLASS_II: Source = {
  document: 'GB 8978-1996 《污水综合排放标准》',
  clause: '第二类污染物',
  status: 'unverified',
};
const SRC_AIR: Source = {
  document: '《中华人民共和国环境保护税法》',
  clause: '附表二 大气污染物污染当量值',
  url: 'https://lx0797.cn/zc?article_id=111815',
  status: 'verified-page',
};

type Row = readonly [
  key: string,
  zh: string,
  en: string,
  media: readonly PollutantMedium[],
  waterClass: 'I' | 'II' | null,
  source: Source,
  hj212?: { water?: string; air?: string },
];

const W: readonly PollutantMedium[] = ['water'];
const A: readonly PollutantMedium[] = ['air'];
const WA: readonly PollutantMedium[] = ['water', 'air'];

const ROWS: readonly Row[] = [
  // Class I (GB 8978-1996 第一类污染物)
  ['class_i.hg', '总汞', 'Total mercury', W, 'I', SRC_CLASS_I, { water: 'w20111' }],
  ['class_i.alkyl_hg', '烷基汞', 'Alkyl mercury', W, 'I', SRC_CLASS_I, { water: 'w20113' }],
  ['class_i.cd', '总镉', 'Total cadmium', W, 'I', SRC_CLASS_I, { water: 'w20115' }],
  ['class_i.cr', '总铬', 'Total chromium', W, 'I', SRC_CLASS_I, { water: 'w20116' }],
  ['class_i.cr6', '六价铬', 'Hexavalent chromium', W, 'I', SRC_CLASS_I, { water: 'w20117' }],
  ['class_i.as', '总砷', 'Total arsenic', W, 'I', SRC_CLASS_I, { water: 'w20119' }],
  ['class_i.pb', '总铅', 'Total lead', W, 'I', SRC_CLASS_I, { water: 'w20120' }],
  ['class_i.ni', '总镍', 'Total nickel', W, 'I', SRC_CLASS_I, { water: 'w20121' }],
  ['class_i.bap', '苯并(a)芘', 'Benzo(a)pyrene', W, 'I', SRC_CLASS_I, { water: 'w25043' }],
  ['class_i.be', '总铍', 'Total beryllium', W, 'I', SRC_CLASS_I, { water: 'w20127' }],
  ['class_i.ag', '总银', 'Total silver', W, 'I', SRC_CLASS_I, { water: 'w20126' }],
  // Class II (water) and the general pollutants of annual data
  ['cod', '化学需氧量（COD）', 'Chemical oxygen demand', W, 'II', SRC_CLASS_II, { water: 'w01018' }],
  ['bod5', '五日生化需氧量（BOD5）', 'Biochemical oxygen demand (5 days)', W, 'II', SRC_CLASS_II],
  ['toc', '总有机碳（TOC）', 'Total organic carbon', W, 'II', SRC_CLASS_II],
  ['nh3_n', '氨氮', 'Ammonia nitrogen', W, 'II', SRC_CLASS_II, { water: 'w21003' }],
  ['tp', '总磷', 'Total phosphorus', W, 'II', SRC_CLASS_II, { water: 'w21011' }],
  ['tn', '总氮', 'Total nitrogen', W, 'II', SRC_CLASS_II, { water: 'w21001' }],
  ['ss', '悬浮物（SS）', 'Suspended solids', W, 'II', SRC_CLASS_II],
  ['ph', 'pH值', 'pH', W, 'II', SRC_CLASS_II],
  ['colour', '色度', 'Colour (dilution factor)', W, 'II', SRC_CLASS_II],
  ['petroleum', '石油类', 'Petroleum', W, 'II', SRC_CLASS_II],
  ['animal_oil', '动植物油', 'Animal and vegetable oils', W, 'II', SRC_CLASS_II],
  ['volatile_phenol', '挥发酚', 'Volatile phenols', W, 'II', SRC_CLASS_II],
  ['cyanide', '总氰化物', 'Total cyanide', W, 'II', SRC_CLASS_II],
  ['sulfide', '硫化物', 'Sulfide', W, 'II', SRC_CLASS_II],
  ['fluoride', '氟化物', 'Fluoride', WA, 'II', SRC_CLASS_II],
  ['formaldehyde', '甲醛', 'Formaldehyde', W, 'II', SRC_CLASS_II],
  ['aniline', '苯胺类', 'Anilines', W, 'II', SRC_CLASS_II],
  ['nitrobenzene', '硝基苯类', 'Nitrobenzenes', W, 'II', SRC_CLASS_II],
  ['las', '阴离子表面活性剂（LAS）', 'Anionic surfactants (LAS)', W, 'II', SRC_CLASS_II],
  ['cu', '总铜', 'Total copper', W, 'II', SRC_CLASS_II],
  ['zn', '总锌', 'Total zinc', W, 'II', SRC_CLASS_II],
  ['mn', '总锰', 'Total manganese', W, 'II', SRC_CLASS_II],
  ['fe', '总铁', 'Total iron', W, 'II', SRC_CLASS_II],
  ['al', '总铝', 'Total aluminium', W, 'II', SRC_CLASS_II],
  // Air
  ['so2', '二氧化硫', 'Sulphur dioxide', A, null, SRC_AIR, { air: 'a21026' }],
  ['nox', '氮氧化物', 'Nitrogen oxides', A, null, SRC_AIR, { air: 'a21002' }],
  ['particulates', '颗粒物', 'Particulate matter', A, null, SRC_AIR, { air: 'a34000' }],
  ['vocs', '挥发性有机物（VOCs）', 'Volatile organic compounds', A, null, SRC_AIR, { air: 'a24088' }],
  ['co', '一氧化碳', 'Carbon monoxide', A, null, SRC_AIR],
  ['chlorine', '氯气', 'Chlorine', A, null, SRC_AIR],
  ['hcn', '氰化氢', 'Hydrogen cyanide', A, null, SRC_AIR],
  ['sulfuric_acid_mist', '硫酸雾', 'Sulphuric acid mist', A, null, SRC_AIR],
  ['chromic_acid_mist', '铬酸雾', 'Chromic acid mist', A, null, SRC_AIR],
  ['hg_compounds', '汞及其化合物', 'Mercury and its compounds', A, null, SRC_AIR],
];

/** Every pollutant cpaudit knows, by key. */
export const POLLUTANTS: readonly Pollutant[] = ROWS.map(
  ([key, zh, en, media, waterClass, source, hj212]) => ({
    key,
    zh,
    en,
    media,
    waterClass,
    source,
    ...(hj212 ? { hj212 } : {}),
    ...(key === 'ph' || key === 'colour' ? { dimensionless: true } : {}),
  }),
);

const BY_KEY = new Map(POLLUTANTS.map((p) => [p.key, p]));

export const POLLUTANT_KEYS: readonly string[] = POLLUTANTS.map((p) => p.key);

export function findPollutant(key: string): Pollutant | undefined {
  return BY_KEY.get(key);
}

/** The pollutant of `key`, else UNKNOWN_REFERENCE naming `field`. */
export function requirePollutant(key: string, field: string, medium?: PollutantMedium): Pollutant {
  const p = BY_KEY.get(key);
  if (!p) {
    throw new CpError('UNKNOWN_REFERENCE', `${field}: unknown pollutant "${key}"`, { field });
  }
  if (medium && !p.media.includes(medium)) {
    throw new CpError('VALIDATION', `${field}: pollutant "${key}" (${p.zh}) is not a ${medium} pollutant`, {
      field,
    });
  }
  return p;
}
