/**
 * The Guangdong performance form as an .xlsx (exceljs): the layout of layout.ts on one sheet, merged cells where
 * the form spans columns or rows, numbers as numbers with their display format, 宋体, thin borders around the
 * table, A4 portrait fitted to the page width, the title row repeated on every page, page numbers in the footer.
 */
import ExcelJS from 'exceljs';
import type { GuangdongFormData } from './data.ts';
import {
  type FormCell,
  type FormLayout,
  type FormNumber,
  GRID_COLUMNS,
  GRID_WIDTHS,
  guangdongFormLayout,
} from './layout.ts';

export const FORM_FONT = '宋体';
export const FORM_SHEET_NAME = '绩效表';

const FONT_SIZE: Readonly<Record<FormCell['kind'], number>> = {
  annex: 12,
  title: 18,
  section: 11,
  label: 10,
  head: 9.5,
  value: 10,
  text: 10,
  note: 9,
  footer: 10.5,
};

const BOLD: ReadonlySet<FormCell['kind']> = new Set(['annex', 'title', 'section', 'head']);

/** Excel number format showing `decimals` digits and the unit, e.g. `#,##0.00" 万元"`. */
export function numberFormat(n: FormNumber): string {
  const base = n.decimals > 0 ? `#,##0.${'0'.repeat(n.decimals)}` : '#,##0';
  return n.unit ? `${base}" ${n.unit.replace(/"/g, '')}"` : base;
}

/** Display width of a string in Excel character units at `size` pt 宋体 (measured on LibreOffice's rendering). */
function displayWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 1.6 : 0.9;
  return (w * size) / 10;
}

function textLines(t: string, width: number, size: number): number {
  return t.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line, size) / width)), 0);
}

function spanWidth(c: FormCell): number {
  let w = 0;
  for (let i = c.col; i < c.col + c.span; i++) w += GRID_WIDTHS[i] ?? 9;
  return w - 1;
}

/** Row heights (points) from the text that must fit: rows never clip their content when printed. */
function rowHeight(layout: FormLayout, r: number): number {
  const row = layout.rows[r];
  if (!row) return 15;
  let height = row.boxed ? 20 : 16;
  for (const c of row.cells) {
    const size = FONT_SIZE[c.kind];
    const t = c.number ? '0'.repeat(14) : (c.text ?? '');
    const lines = textLines(t, spanWidth(c), size);
    height = Math.max(height, Math.ceil((lines * size * 1.3 + 6) / (c.rowSpan ?? 1)));
  }
  return height;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };

export function guangdongFormWorkbook(data: GuangdongFormData): ExcelJS.Workbook {
  const layout = guangdongFormLayout(data);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cpaudit';
  wb.title = `${data.enterpriseName} 广东省强制性清洁生产审核绩效表`;
  const ws = wb.addWorksheet(FORM_SHEET_NAME, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: `${layout.titleRow + 1}:${layout.titleRow + 1}`,
    },
    headerFooter: { oddFooter: '&C&"宋体"&9第 &P 页，共 &N 页' },
    views: [{ showGridLines: false }],
  });
  ws.columns = GRID_WIDTHS.map((width) => ({ width }));

  const heights = layout.rows.map((_, r) => rowHeight(layout, r));
  layout.rows.forEach((row, r) => {
    const excelRow = ws.getRow(r + 1);
    excelRow.height = heights[r] ?? 15;
    for (const c of row.cells) {
      const top = r + 1;
      const left = c.col + 1;
      const bottom = top + (c.rowSpan ?? 1) - 1;
      const right = c.col + c.span;
      if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
      const cell = ws.getCell(top, left);
      if (c.number) {
        cell.value = c.number.value;
        cell.numFmt = numberFormat(c.number);
      } else {
        cell.value = c.text ?? '';
      }
      cell.font = { name: FORM_FONT, size: FONT_SIZE[c.kind], bold: BOLD.has(c.kind) };
      const align = c.align ?? 'center';
      cell.alignment = {
        horizontal: align,
        vertical: row.boxed ? 'middle' : 'top',
        wrapText: true,
      };
      if (c.kind === 'section') {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      }
      if (row.boxed) {
        for (let rr = top; rr <= bottom; rr++) {
          for (let cc = left; cc <= right; cc++) {
            ws.getCell(rr, cc).border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
          }
        }
      }
    }
  });
  ws.pageSetup.printArea = `A1:${String.fromCharCode(64 + GRID_COLUMNS)}${layout.rows.length}`;
  return wb;
}

/** The form as .xlsx bytes. */
export async function renderGuangdongFormXlsx(data: GuangdongFormData): Promise<Uint8Array> {
  const buffer = await guangdongFormWorkbook(data).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
