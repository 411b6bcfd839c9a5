/**
 * The printed layout of Appendix B tables 7.2 and 7.3 (Jiangsu guideline) and of the Guangdong form's three summary
 * tables: labels exactly as printed, as data.
 */
import type { PollutantItem, SavingItem } from './option.ts';
import type { Table72Class } from './settings.ts';

/** Columns of table 7.2 (方案数量 header row and its sub-headers). */
export const TABLE72_COLUMNS = [
  { key: 'no-low-implemented', header: '已实施无/低费方案', label: '已实施无/低费方案' },
  { key: 'mid-high-implemented', header: '中/高费方案', label: '已实施' },
  { key: 'mid-high-pending', header: '中/高费方案', label: '待实施' },
  { key: 'source-substitution', header: '已实施方案类型数量', label: '源头替代方案' },
  { key: 'process-innovation', header: '已实施方案类型数量', label: '工艺革新方案' },
  { key: 'end-of-pipe', header: '已实施方案类型数量', label: '末端治理方案' },
  { key: 'environmental-management', header: '已实施方案类型数量', label: '环境管理方案' },
  { key: 'total', header: '总计', label: '总计' },
] as const;
export type Table72ColumnKey = (typeof TABLE72_COLUMNS)[number]['key'];

/** Rows of the first block of table 7.2. */
export const TABLE72_ROW_LABELS = {
  optionCount: '方案个数（个）',
  investment: '投资金额（万元）',
  economicBenefit: '经济效益（万元/年）',
} as const;

/** Section titles of table 7.2. */
export const TABLE72_SECTIONS = {
  counts: '方案数量',
  economic: '经济效益',
  environmental: '环境效益',
  otherPollutants: '其他污染物减排量',
  savings: '资源能源节约情况',
} as const;

/**
 * 环境效益 cells of table 7.2 in printed order (two per row). The table leaves two label cells as `…` for
 * pollutants the audit adds: COD and 总氮 fill them.
 */
export const TABLE72_ENVIRONMENTAL_CELLS: readonly {
  item: Exclude<PollutantItem, 'other-pollutant'>;
  label: string;
  printedLabel?: string;
}[] = [
  { item: 'wastewater', label: '废水减排（吨/年）' },
  { item: 'waste-gas', label: '废气减排（吨/年）' },
  { item: 'general-solid-waste', label: '一般工业固废减排（吨/年）' },
  { item: 'hazardous-waste', label: '危险废物减排（吨/年）' },
  { item: 'nh3n', label: '氨氮减排（吨/年）' },
  { item: 'so2', label: 'SO2减排（吨/年）' },
  { item: 'tp', label: '总磷减排（吨/年）' },
  { item: 'nox', label: 'NOx减排（吨/年）' },
  { item: 'class-i-pollutants', label: '第一类污染物减排（吨/年）' },
  { item: 'particulates', label: '颗粒物减排（吨/年）' },
  { item: 'cod', label: 'COD减排（吨/年）', printedLabel: '…' },
  { item: 'co2', label: 'CO2减排（吨/年）' },
  { item: 'tn', label: '总氮减排（吨/年）', printedLabel: '…' },
  { item: 'vocs', label: 'VOCs减排（吨/年）' },
];

/** Header of the 其他污染物减排量 block: three (污染物, 减排量（单位/年）) pairs per row. */
export const TABLE72_OTHER_POLLUTANT_HEADERS = ['污染物', '减排量（单位/年）'] as const;

/** 资源能源节约情况 cells of table 7.2 in printed order, with the unit each is printed in. */
export const TABLE72_SAVING_CELLS: readonly {
  item: Exclude<SavingItem, 'other-resource'>;
  label: string;
  unit: string;
}[] = [
  { item: 'water', label: '节水（吨/年）', unit: 't/a' },
  { item: 'electricity', label: '节电（万度/年）', unit: '万kWh/a' },
  { item: 'coal', label: '节煤（吨/年）', unit: 't/a' },
  { item: 'oil', label: '节油（吨/年）', unit: 't/a' },
  { item: 'natural-gas', label: '节天然气（万m3/年）', unit: '万m3/a' },
  { item: 'steam', label: '节蒸汽（吨/年）', unit: 't/a' },
  { item: 'comprehensive-energy', label: '节综合能耗（吨标煤/年）', unit: 'tce/a' },
];

export const TABLE72_OTHER_RESOURCES_LABEL = '其他';

/** Table 7.3 审核目标完成情况 (row labels: the targets module's TARGET_TYPE_ZH). */
export const TABLE73_HEADERS = ['类型', '清洁生产目标', '目标完成情况'] as const;

/** Row labels of the Guangdong summary tables. */
export const GD_ROWS = [
  { key: 'key', label: '重点方案' },
  { key: 'general', label: '一般方案' },
  { key: 'total', label: '合计' },
] as const;
export type GdRowKey = (typeof GD_ROWS)[number]['key'];

/** 本轮清洁生产方案汇总. */
export const GD_OPTION_SUMMARY_LAYOUT = {
  title: '本轮清洁生产方案汇总',
  corner: ['方案', '个数与投资', '方案类型'],
  groups: [
    { key: 'proposed', label: '提出的清洁生产方案' },
    { key: 'implemented', label: '实施的清洁生产方案' },
  ],
  rows: { optionCount: '方案个数（个）', investment: '投资（万元）' },
} as const;

/** 环境效益汇总: the printed columns; `……` (note 12) expands into the columns that follow it in `extra`. */
export const GD_ENVIRONMENTAL_LAYOUT = {
  title: '环境效益汇总',
  corner: ['方案类型', '污染物减排'],
  before: [
    { item: 'wastewater', label: '废水（吨/年）' },
    { item: 'cod', label: 'COD（吨/年）' },
    { item: 'nh3n', label: '氨氮（吨/年）' },
    { item: 'so2', label: 'SO2（吨/年）' },
    { item: 'nox', label: '氮氧化物（吨/年）' },
  ],
  ellipsis: '……',
  after: [
    { item: 'hazardous-waste', label: '危险废物（吨/年）' },
    { item: 'general-solid-waste', label: '一般工业固体废物（吨/年）' },
  ],
  other: { key: 'other', label: '其他减排量（吨/年）' },
} as const;

/** Labels for the columns behind `……` of 环境效益汇总 (note 12 names 总磷、烟粉尘、VOCs、二氧化碳 among others). */
export const GD_EXTRA_POLLUTANT_LABELS: Readonly<Record<Exclude<PollutantItem, 'other-pollutant'>, string>> =
  {
    wastewater: '废水（吨/年）',
    'waste-gas': '废气（吨/年）',
    'general-solid-waste': '一般工业固体废物（吨/年）',
    'hazardous-waste': '危险废物（吨/年）',
    cod: 'COD（吨/年）',
    nh3n: '氨氮（吨/年）',
    tp: '总磷（吨/年）',
    tn: '总氮（吨/年）',
    so2: 'SO2（吨/年）',
    nox: '氮氧化物（吨/年）',
    'class-i-pollutants': '第一类污染物（吨/年）',
    particulates: '烟粉尘（吨/年）',
    vocs: 'VOCs（吨/年）',
    co2: '二氧化碳（吨/年）',
  };

/** Order in which pollutants not printed appear behind `……`. */
export const GD_EXTRA_POLLUTANT_ORDER: readonly Exclude<PollutantItem, 'other-pollutant'>[] = [
  'tp',
  'tn',
  'particulates',
  'vocs',
  'co2',
  'waste-gas',
  'class-i-pollutants',
];

/** 资源能源节约与经济效益汇总: printed columns, with the `……` (note 13) expanded as the note asks. */
export const GD_SAVINGS_COLUMNS = [
  { key: 'water', label: '节水（吨/年）', unit: 't/a', printed: true },
  { key: 'electricity', label: '节电（度/年）', unit: 'kWh/a', printed: true },
  { key: 'electricity-co2', label: '节电的碳减排量（吨二氧化碳当量/年）', unit: 'tCO2/a', printed: true },
  { key: 'coal', label: '节煤（吨/年）', unit: 't/a', printed: true },
  { key: 'coal-co2', label: '节煤的碳减排量（吨二氧化碳当量/年）', unit: 'tCO2/a', printed: false },
  { key: 'oil', label: '节油（吨/年）', unit: 't/a', printed: false },
  { key: 'oil-co2', label: '节油的碳减排量（吨二氧化碳当量/年）', unit: 'tCO2/a', printed: false },
  { key: 'natural-gas', label: '节天然气（立方米/年）', unit: 'm3/a', printed: false },
  {
    key: 'natural-gas-co2',
    label: '节天然气的碳减排量（吨二氧化碳当量/年）',
    unit: 'tCO2/a',
    printed: false,
  },
  { key: 'steam', label: '节蒸汽（吨/年）', unit: 't/a', printed: false },
  { key: 'co2-total', label: '碳减排总量（吨二氧化碳当量/年）', unit: 'tCO2/a', printed: true },
  { key: 'economic-benefit', label: '经济效益（万元/年）', unit: '万元/a', printed: true },
] as const;
export type GdSavingsColumnKey = (typeof GD_SAVINGS_COLUMNS)[number]['key'];

export const GD_SAVINGS_LAYOUT = {
  title: '资源能源节约与经济效益汇总',
  corner: ['方案类型', '资源能源节约'],
  ellipsis: '……',
} as const;

/** Re-exported for documents: the class a column of table 7.2 stands for. */
export const TABLE72_CLASS_COLUMNS: readonly Table72Class[] = [
  'source-substitution',
  'process-innovation',
  'end-of-pipe',
  'environmental-management',
];
