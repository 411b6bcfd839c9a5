/**
 * The sheets of the data-collection workbook: which items go where, in which layout. The groups follow the
 * guideline's Appendix A 一/二 (企业提供资料清单: 企业基本信息, 生产工艺及装备、产能、原辅材料使用情况, 近三年能源消耗数据,
 * 污染物产生与排放数据, 温室气体排放相关数据, 资源能源利用效率指标); the items are the platform's annual-data catalogue
 * (the server passes them in the spec), so a new catalogue item lands in its sheet without a change here.
 *
 * Layouts:
 * - `wide`: one row per enterprise-year (统一社会信用代码 + 年份), one column per item, the unit in the header;
 * - `carrier`: one row per enterprise-year and item chosen from a dropdown (能源品种), quantity and unit;
 * - `free`: one row per named line (产品, 原辅材料) with its name, quantity and unit.
 */

export type SheetLayout = 'wide' | 'carrier' | 'free';

/** An annual-data item as the workbook needs it (the contract's `AnnualItemDef`, structurally). */
export interface WorkbookItem {
  code: string;
  category: string;
  zh: string;
  kind: 'quantity' | 'level';
  /** The unit of the header (wide) or the default unit (carrier); null for levels and free templates. */
  unit: string | null;
  /** Units offered in the unit dropdown. */
  units: readonly string[];
  /** Dimensions a unit must have (core `requireDimension`); empty: only `unit` itself. */
  dimensions: readonly string[];
  signed: boolean;
  free: boolean;
  /** Indicator items: which levels have a requirement (a level without one cannot be chosen). */
  indicator?: { levels: { I: unknown; II: unknown; III: unknown } } | null;
}

export interface SheetDef {
  name: string;
  layout: SheetLayout;
  /** What the sheet holds, for the instructions (with the Appendix A line it answers). */
  about: string;
  /** Header of the item column (carrier and free layouts). */
  itemHeader?: string;
  matches(item: WorkbookItem): boolean;
}

const SOLID_WASTE = /\.(general_solid_waste|hazardous_waste)$/;

export const SHEETS: readonly SheetDef[] = [
  {
    name: '基本信息',
    layout: 'wide',
    about: '企业基本信息：工业总产值、工业增加值（附录A 一 企业基本信息）',
    matches: (i) => i.category === 'economy',
  },
  {
    name: '产品',
    layout: 'free',
    about: '主要产品及年产量，每种产品一行（附录A 一 产能）',
    itemHeader: '产品名称',
    matches: (i) => i.category === 'product',
  },
  {
    name: '能源',
    layout: 'carrier',
    about: '近三年能源消耗：每个能源品种一行，从下拉列表选择品种和单位（附录A 一 近三年能源消耗数据）',
    itemHeader: '能源品种',
    matches: (i) => i.category === 'energy',
  },
  {
    name: '水',
    layout: 'wide',
    about: '取水量、重复利用水量、废水量（附录A 二 资源能源利用效率指标）',
    matches: (i) => i.category === 'water',
  },
  {
    name: '原辅材料',
    layout: 'free',
    about: '主要原辅材料消耗，每种材料一行（附录A 一 原辅材料使用情况）',
    itemHeader: '材料名称',
    matches: (i) => i.category === 'material',
  },
  {
    name: '污染物产生',
    layout: 'wide',
    about: '废水及水、气污染物产生量（附录A 一 污染物产生与排放数据）',
    matches: (i) => i.category === 'pollutant_generated' && !SOLID_WASTE.test(i.code),
  },
  {
    name: '污染物排放',
    layout: 'wide',
    about: '废水及水、气污染物排放量（附录A 一 污染物产生与排放数据）',
    matches: (i) => i.category === 'pollutant_emitted' && !SOLID_WASTE.test(i.code),
  },
  {
    name: '固体废物',
    layout: 'wide',
    about: '一般工业固体废物、危险废物的产生量和排放（处置）量（附录A 一 污染物产生与排放数据）',
    matches: (i) => i.category.startsWith('pollutant_') && SOLID_WASTE.test(i.code),
  },
  {
    name: '温室气体',
    layout: 'wide',
    about: '二氧化碳排放量及其构成（附录A 一 温室气体排放相关数据）',
    matches: (i) => i.category === 'ghg',
  },
  {
    name: '评价指标',
    layout: 'wide',
    about:
      '本次审核所用清洁生产评价指标体系的指标值：定量指标填数值，定性指标选择达到的级别（附录A 一 现有清洁生产水平认定情况）',
    matches: (i) => i.category === 'indicator',
  },
  {
    name: '其他',
    layout: 'wide',
    about: '其他年度数据',
    matches: (i) => i.category === 'other',
  },
];

/** The hidden sheet holding the dropdown lists. */
export const LISTS_SHEET = '下拉选项';
export const INSTRUCTIONS_SHEET = '填表说明';

/** Header rows: row 1 the Chinese headers (with units), row 2 the machine keys (hidden). Data from row 3. */
export const HEADER_ROW = 1;
export const KEY_ROW = 2;
export const FIRST_DATA_ROW = 3;

/** Keys of the fixed columns (row 2). */
export const KEY = {
  uscc: 'uscc',
  year: 'year',
  enterprise: 'enterprise_name',
  item: 'item',
  name: 'name',
  quantity: 'quantity',
  unit: 'unit',
  code: 'line_code',
} as const;

/** Level labels of qualitative indicators, and the marker of a not-applicable indicator. */
export const LEVEL_LABELS = { I: 'Ⅰ级', II: 'Ⅱ级', III: 'Ⅲ级', none: '未达到Ⅲ级' } as const;
export const NOT_APPLICABLE_LABEL = '不适用';

/** The items of a sheet, in catalogue order. */
export function itemsOf(sheet: SheetDef, items: readonly WorkbookItem[]): WorkbookItem[] {
  return items.filter((i) => sheet.matches(i));
}

/** Header text of an item column: its name and the unit entered (`电力（kWh）`). */
export function itemHeader(item: WorkbookItem): string {
  if (item.kind === 'level') return `${item.zh}（选择级别）`;
  return item.unit ? `${item.zh}（${item.unit}）` : item.zh;
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = '';
  let k = n;
  while (k > 0) {
    const r = (k - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    k = Math.floor((k - 1) / 26);
  }
  return s;
}

/**
 * Item code of a free line named `name` (`product.<slug>`): the slug of an ASCII name, else `l` + a stable hash of
 * the name, so the same name always lands on the same line.
 */
export function freeLineCode(category: string, name: string): string {
  const ascii = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (ascii.length >= 2 && /^[\x20-\x7e]+$/.test(name.trim())) return `${category}.${ascii.slice(0, 60)}`;
  // FNV-1a 32-bit over the UTF-16 code units: stable, short.
  let h = 0x811c9dc5;
  for (let i = 0; i < name.trim().length; i++) {
    h ^= name.trim().charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${category}.l${h.toString(16).padStart(8, '0')}`;
}
