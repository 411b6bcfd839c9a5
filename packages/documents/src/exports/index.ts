/**
 * List exports to .xlsx (enterprises, options, targets, evidence index): one sheet, a header row naming each column
 * with its unit, frozen, with filters, number formats per column, and a title row above it saying what the list is.
 * Pure: the server passes the rows it already scoped and the columns to show.
 */
import ExcelJS from 'exceljs';

export type ListCellValue = string | number | boolean | null | undefined;

export interface ListColumn<T> {
  /** Header text, with the unit when the column has one (`投资（万元）`). */
  header: string;
  value(row: T): ListCellValue;
  /** Excel number format: `#,##0.00`, `0.0%`, `yyyy-mm-dd`, `@` (text: credit codes keep leading zeros). */
  numFmt?: string;
  width?: number;
}

export interface ListExportSpec<T> {
  /** Sheet name (at most 31 characters, no []:*?/\). */
  sheet: string;
  /** Title line above the table: what the list is, for whom, when. */
  title: string;
  columns: readonly ListColumn<T>[];
  rows: readonly T[];
}

/** Number formats used by the server's lists. */
export const NUM_FMT = {
  integer: '#,##0',
  wanYuan: '#,##0.00',
  quantity: '#,##0.####',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  text: '@',
} as const;

/** Title row, then the header row (row 2), then the data from row 3. */
export const LIST_HEADER_ROW = 2;

const FONT = 'Microsoft YaHei';

function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || '列表';
}

/** A one-sheet workbook of `spec`, as .xlsx bytes. */
export async function buildListWorkbook<T>(spec: ListExportSpec<T>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cpaudit';
  const ws = wb.addWorksheet(sheetName(spec.sheet), {
    views: [{ state: 'frozen', ySplit: LIST_HEADER_ROW, xSplit: 1 }],
  });
  ws.columns = spec.columns.map((c) => ({
    width: c.width ?? Math.min(40, Math.max(10, c.header.length * 2 + 2)),
    style: { font: { name: FONT, size: 10 }, ...(c.numFmt ? { numFmt: c.numFmt } : {}) },
  }));
  const title = ws.getRow(1);
  title.getCell(1).value = spec.title;
  title.getCell(1).font = { name: FONT, bold: true, size: 12 };
  title.height = 22;
  if (spec.columns.length > 1) ws.mergeCells(1, 1, 1, spec.columns.length);
  const header = ws.getRow(LIST_HEADER_ROW);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, bold: true, size: 10 };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.height = 32;
  spec.rows.forEach((r, k) => {
    const row = ws.getRow(LIST_HEADER_ROW + 1 + k);
    spec.columns.forEach((c, i) => {
      const v = c.value(r);
      if (v === null || v === undefined) return;
      const cell = row.getCell(i + 1);
      cell.value =
        c.numFmt === NUM_FMT.date && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v) : v;
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
  });
  if (spec.columns.length > 0) {
    ws.autoFilter = {
      from: { row: LIST_HEADER_ROW, column: 1 },
      to: { row: LIST_HEADER_ROW + spec.rows.length, column: spec.columns.length },
    };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
