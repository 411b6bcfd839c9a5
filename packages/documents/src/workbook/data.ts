/**
 * The data-collection workbook (数据采集表) of the guideline's Appendix A, built from the platform's annual-data
 * catalogue, and its parse back into annual values.
 *
 * `buildDataWorkbook(spec)`: an instructions sheet (填表说明), one sheet per data group (layout.ts), units fixed in
 * the headers, dropdowns for enterprises, years, energy carriers, units and levels, pre-filled with the values the
 * platform holds, header rows locked (sheet protection without a password: data cells stay editable).
 *
 * `parseDataWorkbook(bytes, spec)`: refuses unsafe files (inspect.ts), then reads every data row and reports
 * **every** problem with its sheet, row and cell in words an enterprise understands. The checks here are the
 * catalogue's own rules (sign, unit dimension through the core's `requireDimension`, levels with a requirement);
 * the server then runs the annual service's batch validation on the result, so a workbook can never get past a
 * rule the web form enforces.
 */
import { convertValue, requireDimension } from '@cpaudit/core';
import ExcelJS from 'exceljs';
import { type InspectLimits, inspectXlsx, type WorkbookProblem } from './inspect.ts';
import {
  columnLetter,
  FIRST_DATA_ROW,
  freeLineCode,
  HEADER_ROW,
  INSTRUCTIONS_SHEET,
  itemHeader,
  itemsOf,
  KEY,
  KEY_ROW,
  LEVEL_LABELS,
  LISTS_SHEET,
  NOT_APPLICABLE_LABEL,
  SHEETS,
  type SheetDef,
  type WorkbookItem,
} from './layout.ts';

export type WorkbookLevel = 'I' | 'II' | 'III' | 'none';

/** One annual value, as the annual service's `annualValueInput` takes it. */
export interface WorkbookValue {
  itemCode: string;
  name?: string;
  quantity?: number;
  unit?: string;
  level?: WorkbookLevel;
  notApplicable?: true;
}

export interface WorkbookEnterprise {
  /** 统一社会信用代码: the key of every data row. */
  uscc: string;
  name: string;
}

export interface DataWorkbookSpec {
  /** What the workbook is for: the audit's title (or “年度数据”). */
  title: string;
  /** Who asks for the data (the bureau), for the instructions. */
  issuer?: string;
  /** `enterprise`: one enterprise's workbook; `audit`: every listed enterprise. */
  scope: 'enterprise' | 'audit';
  enterprises: readonly WorkbookEnterprise[];
  /** The years collected, oldest first (three years: Appendix A 近三年). */
  years: readonly number[];
  /** The annual-data catalogue: fixed items, free-line templates, indicator items of the audit's system. */
  items: readonly WorkbookItem[];
  /** What the platform already holds, per enterprise-year (pre-filled). */
  values?: readonly { uscc: string; year: number; values: readonly WorkbookValue[] }[];
  /** Enterprise-years submitted or accepted: locked, shown in the instructions. */
  locked?: readonly { uscc: string; year: number; status: string }[];
  /** Date printed on the instructions ('YYYY-MM-DD'). */
  date?: string;
}

/** Where a value came from in the workbook. */
export interface WorkbookCellRef {
  sheet: string;
  row: number;
  /** The value's cell (quantity or level). */
  cell: string;
  /** The unit's cell (carrier and free layouts). */
  unitCell?: string;
  /** The name's cell (free layout). */
  nameCell?: string;
}

export interface WorkbookEntry {
  uscc: string;
  year: number;
  values: WorkbookValue[];
  /** `cells[i]` is where `values[i]` was read. */
  cells: WorkbookCellRef[];
}

export interface ParsedDataWorkbook {
  ok: boolean;
  problems: WorkbookProblem[];
  /** The values read, per enterprise-year (only the cells filled in; empty cells change nothing). */
  entries: WorkbookEntry[];
}

// =================================================================================================================
// Build

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const KEY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF9BB7D4' } },
  bottom: { style: 'thin', color: { argb: 'FF9BB7D4' } },
  left: { style: 'thin', color: { argb: 'FF9BB7D4' } },
  right: { style: 'thin', color: { argb: 'FF9BB7D4' } },
};
const FONT = 'Microsoft YaHei';
/** Printing: A4 landscape, every column on one page width. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
};
/** Rows offered for entry below the pre-filled ones (dropdowns and unlocked cells reach this far). */
const SPARE_ROWS = 200;

interface Column {
  key: string;
  header: string;
  width: number;
  /** Data validation of the column's data cells. */
  list?: string;
  numeric?: boolean;
  /** Shown for reference only (not read back). */
  reference?: boolean;
  item?: WorkbookItem;
}

function columnsOf(sheet: SheetDef, items: readonly WorkbookItem[], listRef: ListRefs): Column[] {
  const keyCols: Column[] = [
    { key: KEY.uscc, header: '统一社会信用代码', width: 22, list: listRef.uscc },
    { key: KEY.year, header: '年份', width: 8, list: listRef.year },
  ];
  if (sheet.layout === 'wide') {
    return [
      ...keyCols,
      { key: KEY.enterprise, header: '企业名称（仅供核对）', width: 28, reference: true },
      ...items.map(
        (item): Column => ({
          key: item.code,
          header: itemHeader(item),
          width: Math.min(28, Math.max(12, itemHeader(item).length * 1.6 + 2)),
          numeric: item.kind === 'quantity',
          item,
          ...(item.kind === 'level' ? { list: listRef.levels(item) } : {}),
        }),
      ),
    ];
  }
  const tail: Column[] = [
    { key: KEY.enterprise, header: '企业名称（仅供核对）', width: 28, reference: true },
  ];
  if (sheet.layout === 'free')
    tail.push({ key: KEY.code, header: '行代码（系统生成，新增行留空）', width: 24 });
  return [
    ...keyCols,
    {
      key: sheet.layout === 'carrier' ? KEY.item : KEY.name,
      header: sheet.itemHeader ?? '项目',
      width: 24,
      ...(sheet.layout === 'carrier' ? { list: listRef.carriers(sheet) } : {}),
    },
    { key: KEY.quantity, header: sheet.layout === 'carrier' ? '消耗量' : '数量', width: 14, numeric: true },
    {
      key: KEY.unit,
      header: sheet.layout === 'carrier' ? '计量单位（留空 = 默认单位）' : '计量单位',
      width: 16,
      list: listRef.units(sheet),
    },
    ...tail,
  ];
}

interface ListRefs {
  uscc: string;
  year: string;
  levels(item: WorkbookItem): string;
  carriers(sheet: SheetDef): string;
  units(sheet: SheetDef): string;
}

/** Writes the dropdown lists into the hidden sheet; returns their references. */
function writeLists(spec: DataWorkbookSpec): ListRefs & { flush(wb: ExcelJS.Workbook): void } {
  const columns: { header: string; values: readonly string[] }[] = [];
  let col = 0;
  const refs = new Map<string, string>();
  const put = (key: string, header: string, values: readonly string[]): string => {
    const known = refs.get(key);
    if (known) return known;
    col += 1;
    const letter = columnLetter(col);
    columns.push({ header, values });
    const ref = `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`;
    refs.set(key, ref);
    return ref;
  };
  const uscc = put(
    'uscc',
    '统一社会信用代码',
    spec.enterprises.map((e) => e.uscc),
  );
  const year = put(
    'year',
    '年份',
    spec.years.map((y) => String(y)),
  );
  return {
    uscc,
    year,
    flush(wb) {
      const ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
      columns.forEach((c, i) => {
        ws.getCell(1, i + 1).value = c.header;
        c.values.forEach((v, k) => {
          ws.getCell(k + 2, i + 1).value = v;
        });
      });
    },
    levels(item) {
      const lv = item.indicator?.levels;
      const labels: string[] = (['I', 'II', 'III'] as const)
        .filter((l) => lv === undefined || lv[l] !== null)
        .map((l) => LEVEL_LABELS[l]);
      labels.push(LEVEL_LABELS.none, NOT_APPLICABLE_LABEL);
      return put(`levels:${labels.join(',')}`, '级别', labels);
    },
    carriers(sheet) {
      return put(
        `carriers:${sheet.name}`,
        sheet.itemHeader ?? '项目',
        itemsOf(sheet, spec.items).map((i) => i.zh),
      );
    },
    units(sheet) {
      const units: string[] = [];
      for (const i of itemsOf(sheet, spec.items))
        for (const u of i.units) if (!units.includes(u)) units.push(u);
      return put(`units:${sheet.name}`, `${sheet.name}单位`, units);
    },
  };
}

/** Range data validations: present in exceljs 4 at run time, missing from its type declarations. */
export function validations(ws: ExcelJS.Worksheet): {
  add(range: string, validation: ExcelJS.DataValidation): void;
} {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
}

function styleHeader(cell: ExcelJS.Cell): void {
  cell.font = { name: FONT, bold: true, size: 10 };
  cell.fill = HEADER_FILL;
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  cell.border = THIN;
  cell.protection = { locked: true };
}

function levelLabel(v: WorkbookValue): string | undefined {
  if (v.notApplicable) return NOT_APPLICABLE_LABEL;
  return v.level === undefined ? undefined : LEVEL_LABELS[v.level];
}

/** A stored quantity in the header's unit (converted with the core when stored in another unit). */
function inHeaderUnit(v: WorkbookValue, item: WorkbookItem): number | string | undefined {
  if (v.notApplicable) return NOT_APPLICABLE_LABEL;
  if (v.quantity === undefined) return undefined;
  if (item.unit === null || v.unit === undefined || v.unit === item.unit) return v.quantity;
  try {
    return convertValue(v.quantity, v.unit, item.unit);
  } catch {
    return v.quantity;
  }
}

interface DataRow {
  uscc: string;
  year: number;
  cells: Record<string, string | number | undefined>;
}

function rowsOf(sheet: SheetDef, spec: DataWorkbookSpec, items: readonly WorkbookItem[]): DataRow[] {
  const names = new Map(spec.enterprises.map((e) => [e.uscc, e.name]));
  const byKey = new Map((spec.values ?? []).map((e) => [`${e.uscc}|${e.year}`, e.values]));
  const rows: DataRow[] = [];
  for (const ent of spec.enterprises) {
    for (const year of spec.years) {
      const values = byKey.get(`${ent.uscc}|${year}`) ?? [];
      const base = { [KEY.uscc]: ent.uscc, [KEY.year]: year, [KEY.enterprise]: names.get(ent.uscc) };
      if (sheet.layout === 'wide') {
        const cells: DataRow['cells'] = { ...base };
        for (const item of items) {
          const v = values.find((x) => x.itemCode === item.code);
          if (v) cells[item.code] = item.kind === 'level' ? levelLabel(v) : inHeaderUnit(v, item);
        }
        rows.push({ uscc: ent.uscc, year, cells });
        continue;
      }
      for (const v of values) {
        if (sheet.layout === 'carrier') {
          const item = items.find((i) => i.code === v.itemCode);
          if (!item) continue;
          rows.push({
            uscc: ent.uscc,
            year,
            cells: { ...base, [KEY.item]: item.zh, [KEY.quantity]: v.quantity, [KEY.unit]: v.unit },
          });
        } else if (items.some((i) => v.itemCode.startsWith(`${i.category}.`))) {
          rows.push({
            uscc: ent.uscc,
            year,
            cells: {
              ...base,
              [KEY.name]: v.name,
              [KEY.quantity]: v.quantity,
              [KEY.unit]: v.unit,
              [KEY.code]: v.itemCode,
            },
          });
        }
      }
    }
  }
  return rows;
}

function addDataSheet(wb: ExcelJS.Workbook, sheet: SheetDef, spec: DataWorkbookSpec, lists: ListRefs): void {
  const items = itemsOf(sheet, spec.items);
  if (items.length === 0) return;
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: KEY_ROW, topLeftCell: `C${FIRST_DATA_ROW}` }],
    properties: { defaultRowHeight: 18 },
    pageSetup: PAGE_SETUP,
  });
  const columns = columnsOf(sheet, items, lists);
  ws.columns = columns.map((c) => ({
    key: c.key,
    width: c.width,
    style: {
      font: { name: FONT, size: 10, ...(c.reference ? { color: { argb: 'FF808080' } } : {}) },
      protection: { locked: c.reference === true },
      ...(c.numeric ? { numFmt: 'General' } : {}),
    },
  }));
  columns.forEach((c, i) => {
    const head = ws.getCell(HEADER_ROW, i + 1);
    head.value = c.header;
    styleHeader(head);
    const key = ws.getCell(KEY_ROW, i + 1);
    key.value = c.key;
    key.font = { name: FONT, size: 8, color: { argb: 'FF808080' } };
    key.fill = KEY_FILL;
    key.protection = { locked: true };
  });
  ws.getRow(HEADER_ROW).height = 42;
  ws.getRow(KEY_ROW).hidden = true;
  const rows = rowsOf(sheet, spec, items);
  rows.forEach((r, k) => {
    const row = ws.getRow(FIRST_DATA_ROW + k);
    columns.forEach((c, i) => {
      const v = r.cells[c.key];
      if (v !== undefined) row.getCell(i + 1).value = v;
    });
  });
  const last = FIRST_DATA_ROW + rows.length + SPARE_ROWS;
  columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const range = `${letter}${FIRST_DATA_ROW}:${letter}${last}`;
    if (c.list) {
      validations(ws).add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [c.list],
        showErrorMessage: c.key !== KEY.unit,
        errorStyle: 'stop',
        errorTitle: '请从下拉列表中选择',
        error: `“${c.header}”请从下拉列表中选择`,
      });
    } else if (c.numeric && c.item?.category !== 'indicator') {
      validations(ws).add(range, {
        type: 'decimal',
        operator: c.item?.signed === true ? 'between' : 'greaterThanOrEqual',
        allowBlank: true,
        formulae: c.item?.signed === true ? [-1e15, 1e15] : [0],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '请填写数值',
        error: c.item?.signed === true ? '请填写数值' : '请填写不小于 0 的数值（不要填公式或文字）',
      });
    }
  });
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns.length } };
  void ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  });
}

function addInstructions(wb: ExcelJS.Workbook, spec: DataWorkbookSpec): void {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET, {
    properties: { defaultRowHeight: 20 },
    pageSetup: { ...PAGE_SETUP, orientation: 'portrait' },
  });
  ws.columns = [{ width: 16 }, { width: 96 }];
  const put = (a: string, b: string, bold = false) => {
    const row = ws.addRow([a, b]);
    row.getCell(1).font = { name: FONT, bold: true, size: 10 };
    row.getCell(2).font = { name: FONT, bold, size: 10 };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { vertical: 'top' };
    // Wrapped text: the row grows with it (a CJK character is about two widths of the 96-wide column).
    const lines = Math.max(
      1,
      Math.ceil([...b].reduce((w, c) => w + (c.charCodeAt(0) > 0xff ? 2 : 1), 0) / 92),
    );
    row.height = lines * 15 + 5;
  };
  const title = ws.addRow(['清洁生产审核 企业基础数据采集表']);
  ws.mergeCells(`A${title.number}:B${title.number}`);
  title.getCell(1).font = { name: FONT, bold: true, size: 16 };
  title.height = 30;
  ws.addRow([]);
  put('审核 / 用途', spec.title);
  if (spec.issuer) put('组织单位', spec.issuer);
  put(
    '填报企业',
    spec.scope === 'enterprise'
      ? spec.enterprises.map((e) => `${e.name}（统一社会信用代码 ${e.uscc}）`).join('；')
      : `本次审核名单内的 ${spec.enterprises.length} 家企业（每行以“统一社会信用代码 + 年份”区分）`,
  );
  put('数据年份', spec.years.map((y) => `${y} 年`).join('、'));
  put('填写人', '企业的数据填报人员，或受企业委托的咨询服务机构人员；由企业对数据的真实性负责。');
  if (spec.date) put('生成日期', spec.date);
  ws.addRow([]);
  const rules = [
    '每个工作表对应一组数据（依据《行业清洁生产审核指南》附录A 企业提供资料清单），见下方“工作表”一览。',
    '单位已固定在表头（如“电力（kWh）”）：请按表头单位填写数字。能源、产品、原辅材料表在“计量单位”列选择单位；能源表留空即为该品种的默认单位。',
    '只填写数值，不要填写公式、不要链接其他工作簿：含公式或外部链接的文件会被拒绝（可“复制 → 选择性粘贴 → 数值”）。',
    '“统一社会信用代码”“年份”“能源品种”“计量单位”“级别”请从下拉列表中选择；不要修改表头、表名和隐藏的第 2 行。',
    '表中已预先填入平台现有的数据。留空的单元格表示“不修改”；如需删除已有数据，请在平台的年度数据页面操作。',
    '评价指标：定量指标填写数值，不适用的填“不适用”；定性指标选择达到的最高级别（未达到Ⅲ级选“未达到Ⅲ级”）。',
    '已提交或已通过审核的年度数据已锁定：修改这些年度的数据会被拒绝，需先由生态环境部门退回。',
    '提交方式：在平台“年度数据 → 导入数据采集表”上传本文件（可先选择“仅校验”），或由管理员使用命令 cpaudit import。文件中任何一处有问题时不会写入任何数据，平台会列出每个问题所在的工作表、行和列。',
  ];
  rules.forEach((r, i) => {
    put(i === 0 ? '填表要求' : '', `${i + 1}. ${r}`);
  });
  if (spec.locked && spec.locked.length > 0) {
    const names = new Map(spec.enterprises.map((e) => [e.uscc, e.name]));
    put(
      '已锁定年度',
      spec.locked
        .map(
          (l) =>
            `${names.get(l.uscc) ?? l.uscc} ${l.year} 年（${l.status === 'accepted' ? '已通过' : '已提交'}）`,
        )
        .join('；'),
    );
  }
  ws.addRow([]);
  const head = ws.addRow(['工作表', '内容']);
  head.eachCell((c) => {
    styleHeader(c);
  });
  for (const sheet of SHEETS) {
    if (itemsOf(sheet, spec.items).length === 0) continue;
    put(sheet.name, sheet.about);
  }
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

/** The data-collection workbook of `spec`, as .xlsx bytes. */
export async function buildDataWorkbook(spec: DataWorkbookSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cpaudit';
  wb.title = `数据采集表 ${spec.title}`;
  addInstructions(wb, spec);
  const lists = writeLists(spec);
  for (const sheet of SHEETS) addDataSheet(wb, sheet, spec, lists);
  lists.flush(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// =================================================================================================================
// Parse

export interface ParseOptions extends InspectLimits {}

type Raw = string | number | boolean | Date | null;

/** The plain value of a cell: text of rich text, the result of a hyperlink, null for empty. */
function rawOf(cell: ExcelJS.Cell): Raw {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object' && 'richText' in v) {
    const t = v.richText
      .map((r) => r.text)
      .join('')
      .trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text.trim() || null;
  return String(cell.text ?? '').trim() || null;
}

function isFormula(cell: ExcelJS.Cell): boolean {
  const v = cell.value;
  return (
    cell.type === ExcelJS.ValueType.Formula ||
    (typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v))
  );
}

const NUMBER_TEXT = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?$/;

function numberOf(raw: Raw): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string') {
    const t = raw.replace(/[\s\u3000]/g, '').replace(/，/g, ',');
    if (NUMBER_TEXT.test(t)) return Number(t.replace(/,/g, ''));
  }
  return undefined;
}

function shown(raw: Raw): string {
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return String(raw);
}

const LEVEL_BY_LABEL = new Map<string, WorkbookLevel>([
  ['Ⅰ级', 'I'],
  ['Ⅱ级', 'II'],
  ['Ⅲ级', 'III'],
  ['I级', 'I'],
  ['II级', 'II'],
  ['III级', 'III'],
  ['I', 'I'],
  ['II', 'II'],
  ['III', 'III'],
  ['未达到Ⅲ级', 'none'],
  ['未达到', 'none'],
  ['none', 'none'],
]);

class Collector {
  readonly problems: WorkbookProblem[] = [];
  private readonly entries = new Map<string, WorkbookEntry>();
  private readonly owner = new Map<string, string>();

  add(sheet: string, row: number, cell: string, field: string | null, message: string): void {
    this.problems.push({
      sheet,
      row,
      cell,
      field,
      message: `‘${sheet}’表第 ${row} 行 ${cell.replace(/\d+$/, '')} 列：${message}`,
    });
  }

  value(uscc: string, year: number, v: WorkbookValue, at: WorkbookCellRef): void {
    const key = `${uscc}|${year}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { uscc, year, values: [], cells: [] };
      this.entries.set(key, e);
    }
    const where = `${key}|${v.itemCode}`;
    const first = this.owner.get(where);
    if (first !== undefined) {
      this.add(
        at.sheet,
        at.row,
        at.cell,
        v.itemCode,
        `${year} 年的这一项已在${first}填写过，同一企业同一年份每项只能填一次`,
      );
      return;
    }
    this.owner.set(where, `‘${at.sheet}’表第 ${at.row} 行`);
    e.values.push(v);
    e.cells.push(at);
  }

  result(): WorkbookEntry[] {
    return [...this.entries.values()];
  }
}

/** The column of each key in row 2 (`KEY_ROW`). */
function keyColumns(ws: ExcelJS.Worksheet): Map<string, number> {
  const map = new Map<string, number>();
  ws.getRow(KEY_ROW).eachCell((cell, col) => {
    const raw = rawOf(cell);
    if (typeof raw === 'string') map.set(raw, col);
  });
  return map;
}

interface RowKey {
  uscc: string;
  year: number;
}

function readKey(
  ws: ExcelJS.Worksheet,
  row: ExcelJS.Row,
  cols: Map<string, number>,
  spec: DataWorkbookSpec,
  out: Collector,
): RowKey | undefined {
  const ucol = cols.get(KEY.uscc) ?? 1;
  const ycol = cols.get(KEY.year) ?? 2;
  const ucell = row.getCell(ucol);
  const ycell = row.getCell(ycol);
  const uraw = rawOf(ucell);
  const yraw = rawOf(ycell);
  let ok = true;
  const uscc = uraw === null ? '' : shown(uraw).toUpperCase().replace(/\s/g, '');
  if (uscc === '') {
    out.add(ws.name, row.number, ucell.address, KEY.uscc, '请填写统一社会信用代码（可从下拉列表选择）');
    ok = false;
  } else if (!spec.enterprises.some((e) => e.uscc === uscc)) {
    const names =
      spec.scope === 'enterprise'
        ? `本表只用于 ${spec.enterprises[0]?.name ?? ''}（${spec.enterprises[0]?.uscc ?? ''}）`
        : '不在本次审核的企业名单中';
    out.add(ws.name, row.number, ucell.address, KEY.uscc, `统一社会信用代码“${uscc}”${names}`);
    ok = false;
  }
  const year = numberOf(yraw);
  if (yraw === null) {
    out.add(ws.name, row.number, ycell.address, KEY.year, '请填写年份（可从下拉列表选择）');
    ok = false;
  } else if (year === undefined || !spec.years.includes(year)) {
    out.add(
      ws.name,
      row.number,
      ycell.address,
      KEY.year,
      `年份“${shown(yraw)}”不在采集年份（${spec.years.join('、')}）之内`,
    );
    ok = false;
  }
  return ok && year !== undefined ? { uscc, year } : undefined;
}

/** A quantity cell: the number, or a problem (text, negative where the item cannot be). */
function readQuantity(
  ws: ExcelJS.Worksheet,
  rowNo: number,
  cell: ExcelJS.Cell,
  item: WorkbookItem,
  out: Collector,
): number | undefined {
  const raw = rawOf(cell);
  const n = numberOf(raw);
  if (n === undefined) {
    out.add(ws.name, rowNo, cell.address, item.code, `${item.zh}应填数字，而不是“${shown(raw)}”`);
    return undefined;
  }
  if (Math.abs(n) > 1e15) {
    out.add(ws.name, rowNo, cell.address, item.code, `${item.zh}的数值 ${n} 超出可接受的范围`);
    return undefined;
  }
  if (n < 0 && !item.signed) {
    out.add(ws.name, rowNo, cell.address, item.code, `${item.zh}不能为负数`);
    return undefined;
  }
  return n;
}

/** A unit cell of the carrier and free layouts: blank = the item's default; else one of the item's dimension. */
function readUnit(
  ws: ExcelJS.Worksheet,
  rowNo: number,
  cell: ExcelJS.Cell,
  item: WorkbookItem,
  what: string,
  out: Collector,
): string | undefined | null {
  const raw = rawOf(cell);
  if (raw === null) {
    if (item.unit !== null) return undefined;
    out.add(ws.name, rowNo, cell.address, item.code, `请为“${what}”选择计量单位`);
    return null;
  }
  const unit = shown(raw);
  try {
    if (item.dimensions.length > 0) {
      requireDimension(unit, item.dimensions as Parameters<typeof requireDimension>[1]);
    } else if (unit !== item.unit) {
      throw new Error('unit');
    }
    return unit;
  } catch {
    const offered = item.units.slice(0, 6).join('、');
    out.add(ws.name, rowNo, cell.address, item.code, `单位“${unit}”不能用于“${what}”（可用：${offered} 等）`);
    return null;
  }
}

function parseWide(
  ws: ExcelJS.Worksheet,
  items: readonly WorkbookItem[],
  spec: DataWorkbookSpec,
  out: Collector,
): void {
  const cols = keyColumns(ws);
  const itemCols = items.filter((i) => cols.has(i.code));
  const seen = new Map<string, number>();
  ws.eachRow((row, rowNo) => {
    if (rowNo < FIRST_DATA_ROW) return;
    const filled = itemCols.filter((i) => rawOf(row.getCell(cols.get(i.code) ?? 0)) !== null);
    if (filled.length === 0) return;
    const key = readKey(ws, row, cols, spec, out);
    if (!key) return;
    const k = `${key.uscc}|${key.year}`;
    const prev = seen.get(k);
    if (prev !== undefined) {
      out.add(
        ws.name,
        rowNo,
        `A${rowNo}`,
        KEY.uscc,
        `该企业 ${key.year} 年的数据已在第 ${prev} 行填写，每个企业每年只能一行`,
      );
      return;
    }
    seen.set(k, rowNo);
    for (const item of filled) {
      const cell = row.getCell(cols.get(item.code) ?? 0);
      const raw = rawOf(cell);
      const at = { sheet: ws.name, row: rowNo, cell: cell.address };
      if (raw === NOT_APPLICABLE_LABEL) {
        if (item.category !== 'indicator') {
          out.add(
            ws.name,
            rowNo,
            cell.address,
            item.code,
            `只有评价指标可以填“不适用”，${item.zh}请填数字或留空`,
          );
        } else {
          out.value(key.uscc, key.year, { itemCode: item.code, notApplicable: true }, at);
        }
        continue;
      }
      if (item.kind === 'level') {
        const level = typeof raw === 'string' ? LEVEL_BY_LABEL.get(raw.replace(/\s/g, '')) : undefined;
        if (level === undefined) {
          out.add(
            ws.name,
            rowNo,
            cell.address,
            item.code,
            `${item.zh}请从下拉列表选择级别（Ⅰ级、Ⅱ级、Ⅲ级、未达到Ⅲ级或不适用），而不是“${shown(raw)}”`,
          );
          continue;
        }
        if (level !== 'none' && item.indicator && item.indicator.levels[level] === null) {
          out.add(
            ws.name,
            rowNo,
            cell.address,
            item.code,
            `${item.zh}没有${LEVEL_LABELS[level]}的要求，不能选择该级别`,
          );
          continue;
        }
        out.value(key.uscc, key.year, { itemCode: item.code, level }, at);
        continue;
      }
      const q = readQuantity(ws, rowNo, cell, item, out);
      if (q === undefined) continue;
      out.value(
        key.uscc,
        key.year,
        { itemCode: item.code, quantity: q, ...(item.unit ? { unit: item.unit } : {}) },
        at,
      );
    }
  });
}

function parseLines(
  ws: ExcelJS.Worksheet,
  sheet: SheetDef,
  items: readonly WorkbookItem[],
  spec: DataWorkbookSpec,
  out: Collector,
): void {
  const cols = keyColumns(ws);
  const byName = new Map(items.map((i) => [i.zh, i]));
  const byCode = new Map(items.map((i) => [i.code, i]));
  const qcol = cols.get(KEY.quantity) ?? 4;
  const ucol = cols.get(KEY.unit) ?? 5;
  const icol = cols.get(sheet.layout === 'carrier' ? KEY.item : KEY.name) ?? 3;
  const ccol = cols.get(KEY.code);
  ws.eachRow((row, rowNo) => {
    if (rowNo < FIRST_DATA_ROW) return;
    const qcell = row.getCell(qcol);
    const ucell = row.getCell(ucol);
    const icell = row.getCell(icol);
    const iraw = rawOf(icell);
    if (rawOf(qcell) === null && iraw === null && rawOf(ucell) === null) return;
    const key = readKey(ws, row, cols, spec, out);
    let item: WorkbookItem | undefined;
    let name: string | undefined;
    if (sheet.layout === 'carrier') {
      const text = iraw === null ? '' : shown(iraw);
      item = byName.get(text) ?? byCode.get(text);
      if (!item) {
        out.add(
          ws.name,
          rowNo,
          icell.address,
          KEY.item,
          text === ''
            ? `请选择${sheet.itemHeader ?? '项目'}`
            : `“${text}”不是可选的${sheet.itemHeader ?? '项目'}，请从下拉列表选择`,
        );
        return;
      }
    } else {
      item = items[0];
      name = iraw === null ? undefined : shown(iraw);
      if (!item) return;
      if (name === undefined || name.length > 200) {
        out.add(
          ws.name,
          rowNo,
          icell.address,
          KEY.name,
          name === undefined ? `请填写${sheet.itemHeader ?? '名称'}` : '名称过长（最多 200 字）',
        );
        return;
      }
    }
    const what = name ?? item.zh;
    if (rawOf(qcell) === null) {
      out.add(ws.name, rowNo, qcell.address, item.code, `请填写“${what}”的数量`);
      return;
    }
    const q = readQuantity(ws, rowNo, qcell, { ...item, zh: what }, out);
    const unit = readUnit(ws, rowNo, ucell, item, what, out);
    if (!key || q === undefined || unit === null) return;
    const at: WorkbookCellRef = { sheet: ws.name, row: rowNo, cell: qcell.address, unitCell: ucell.address };
    if (sheet.layout === 'carrier') {
      out.value(key.uscc, key.year, { itemCode: item.code, quantity: q, ...(unit ? { unit } : {}) }, at);
      return;
    }
    const given = ccol === undefined ? null : rawOf(row.getCell(ccol));
    const prefix = `${item.category}.`;
    const code =
      typeof given === 'string' && given.startsWith(prefix) && /^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(given)
        ? given
        : freeLineCode(item.category, what);
    out.value(
      key.uscc,
      key.year,
      { itemCode: code, name: what, quantity: q, ...(unit ? { unit } : {}) },
      { ...at, nameCell: icell.address },
    );
  });
}

/**
 * Reads a filled data-collection workbook. `ok` is false when any problem was found; `problems` lists them all
 * (file-level refusals first: then no cell was read).
 */
export async function parseDataWorkbook(
  bytes: Uint8Array,
  spec: DataWorkbookSpec,
  options: ParseOptions,
): Promise<ParsedDataWorkbook> {
  const refused = await inspectXlsx(bytes, options);
  if (refused.length > 0) return { ok: false, problems: refused, entries: [] };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      entries: [],
      problems: [
        {
          sheet: null,
          row: null,
          cell: null,
          field: null,
          message: '文件已损坏，Excel 内容无法读取：请在 Excel 中打开并重新保存为 .xlsx 后再上传',
        },
      ],
    };
  }
  const out = new Collector();
  // Formulas anywhere (even in sheets not read): data must be values.
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (isFormula(cell)) {
          const f = (cell.value as { formula?: string }).formula;
          out.add(
            ws.name,
            Number(row.number),
            cell.address,
            null,
            `单元格 ${cell.address} 含公式${f ? `（=${f}）` : ''}，请改为数值（复制后“选择性粘贴 → 数值”）`,
          );
        }
      });
    });
  }
  let found = 0;
  for (const sheet of SHEETS) {
    const items = itemsOf(sheet, spec.items);
    if (items.length === 0) continue;
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) continue;
    found += 1;
    const cols = keyColumns(ws);
    if (!cols.has(KEY.uscc) || !cols.has(KEY.year)) {
      out.problems.push({
        sheet: sheet.name,
        row: KEY_ROW,
        cell: null,
        field: null,
        message: `‘${sheet.name}’表的表头（隐藏的第 2 行）被修改或删除，无法识别各列：请使用平台下载的数据采集表重新填写`,
      });
      continue;
    }
    if (sheet.layout === 'wide') parseWide(ws, items, spec, out);
    else parseLines(ws, sheet, items, spec, out);
  }
  if (found === 0) {
    out.problems.push({
      sheet: null,
      row: null,
      cell: null,
      field: null,
      message: `工作簿中没有数据采集表的工作表（应有 ${SHEETS.filter((s) => itemsOf(s, spec.items).length > 0)
        .map((s) => `‘${s.name}’`)
        .join('、')}）：请使用平台下载的数据采集表`,
    });
  }
  const problems = out.problems;
  return { ok: problems.length === 0, problems, entries: problems.length === 0 ? out.result() : [] };
}
