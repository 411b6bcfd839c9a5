/**
 * List exports to .xlsx (enterprises, options, targets, evidence index): one sheet, a header row naming each column
 * with its unit, frozen, with filters, number formats per column, and a title row above it saying what the list is.
 * Pure: the server passes the rows it already scoped (or their batches, streamed: `streamListWorkbook`) and the columns
 * to show.
 */
import { PassThrough, type Writable } from 'node:stream';
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

/** Rows of a streamed list: batches read one after the other (the database's pages), never the whole list. */
/**
 * Printing a list: A4 landscape, every column on one page width (as many pages down as the rows need), the title
 * and header rows repeated at the top of each page, page numbers in the footer.
 */
export const LIST_PAGE_SETUP = {
  paperSize: 9, // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: `1:${LIST_HEADER_ROW}`,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
} as const satisfies Partial<ExcelJS.PageSetup>;
export const LIST_FOOTER = { oddFooter: '&C第 &P 页，共 &N 页' } as const;

export interface ListStreamSpec<T> extends Omit<ListExportSpec<T>, 'rows'> {
  batches: AsyncIterable<readonly T[]>;
}

/**
 * Writes the one-sheet workbook of `spec` to `out` as it goes (exceljs's streaming `WorkbookWriter`): each batch's
 * rows are committed (written into the zip stream) before the next batch is read, and the next batch waits while
 * `out` is full (its `drain`), so memory holds about one batch whatever the list's length. Resolves with the
 * number of rows once the workbook is complete and `out` has been ended; rejects (and destroys `out`) when a
 * batch fails, and rejects without reading further batches when `out` is closed first (a cancelled download).
 */
export async function streamListWorkbook<T>(spec: ListStreamSpec<T>, out: Writable): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'cpaudit';
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('close', resolve);
    out.once('error', reject);
  });
  // Awaited only once the workbook is complete; a failure before that is thrown from the catch below.
  finished.catch(() => undefined);
  let n = 0;
  try {
    const ws = wb.addWorksheet(sheetName(spec.sheet), {
      views: [{ state: 'frozen', ySplit: LIST_HEADER_ROW, xSplit: 1 }],
      pageSetup: LIST_PAGE_SETUP,
      headerFooter: LIST_FOOTER,
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
    title.commit();
    const header = ws.getRow(LIST_HEADER_ROW);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { name: FONT, bold: true, size: 10 };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    });
    header.height = 32;
    header.commit();
    for await (const batch of spec.batches) {
      for (const r of batch) {
        const row = ws.getRow(LIST_HEADER_ROW + 1 + n++);
        spec.columns.forEach((c, i) => {
          const v = c.value(r);
          if (v === null || v === undefined) return;
          const cell = row.getCell(i + 1);
          cell.value =
            c.numFmt === NUM_FMT.date && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)
              ? new Date(v)
              : v;
          if (c.numFmt) cell.numFmt = c.numFmt;
        });
        row.commit();
      }
      // Backpressure: the next batch is read once what was written has gone out (or the reader has gone).
      if (out.writableNeedDrain) await drainedOrClosed(out);
      // A reader that has gone (a download cancelled) stops the reading of the list.
      if (out.destroyed) throw new Error('the output was closed before the workbook was complete');
    }
    if (spec.columns.length > 0) {
      ws.autoFilter = {
        from: { row: LIST_HEADER_ROW, column: 1 },
        to: { row: LIST_HEADER_ROW + n, column: spec.columns.length },
      };
    }
    ws.commit();
    await Promise.race([wb.commit(), finished]);
    if (!out.writableFinished) throw new Error('the output was closed before the workbook was complete');
  } catch (e) {
    out.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
  await finished;
  return n;
}

/** Resolves once `out` has room again ('drain') or is closed. */
function drainedOrClosed(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
}

/** A one-sheet workbook of `spec`, as .xlsx bytes (the streamed workbook, collected). */
export async function buildListWorkbook<T>(spec: ListExportSpec<T>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  async function* one() {
    yield spec.rows;
  }
  await streamListWorkbook(
    { sheet: spec.sheet, title: spec.title, columns: spec.columns, batches: one() },
    out,
  );
  return new Uint8Array(Buffer.concat(chunks));
}
