/**
 * Guangdong performance form benchmark (issue 5): the form of the demo's 惠州 PCB mandatory audit as .xlsx and
 * .docx, next to writing the same cells (values and merged ranges, no styling, no print setup) with the library
 * alone in the same run; and the whole download path (the services reading the database, then the render).
 * Then the form of one enterprise of the synthetic province (issue 6; `bench/province-child.ts` task `form`), read
 * from the province database on each backend, with the peak RSS of its process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cellText,
  type GuangdongFormData,
  guangdongFormLayout,
  renderGuangdongFormDocx,
  renderGuangdongFormXlsx,
} from '@cpaudit/documents';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { enterprises, mandatoryAudits, openDatabase } from '../packages/server/src/db/index.ts';
import { loadDemo, PCB_NAME } from '../packages/server/src/demo/index.ts';
import { platformActor, type ServiceContext } from '../packages/server/src/services/context.ts';
import { mandatoryFormData, mandatoryFormFile } from '../packages/server/src/services/forms/index.ts';
import { printTable, timeAsync } from './harness.ts';
import { backends, ensureProvince, printBuild, printTaskRows, runTask } from './province.ts';

/** The same cells with exceljs alone: values and merged ranges only. */
export async function plainFormXlsx(data: GuangdongFormData): Promise<number> {
  const layout = guangdongFormLayout(data);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效表');
  layout.rows.forEach((row, r) => {
    for (const c of row.cells) {
      const top = r + 1;
      const bottom = top + (c.rowSpan ?? 1) - 1;
      if (bottom > top || c.span > 1) ws.mergeCells(top, c.col + 1, bottom, c.col + c.span);
      ws.getCell(top, c.col + 1).value = c.number ? c.number.value : (c.text ?? '');
    }
  });
  return (await wb.xlsx.writeBuffer()).byteLength;
}

/** The same cells with docx alone: one table, column spans, plain paragraphs. */
export async function plainFormDocx(data: GuangdongFormData): Promise<number> {
  const layout = guangdongFormLayout(data);
  const table = new Table({
    rows: layout.rows.map(
      (row) =>
        new TableRow({
          children: row.cells.map(
            (c) =>
              new TableCell({
                columnSpan: c.span,
                ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
                children: [new Paragraph(cellText(c))],
              }),
          ),
        }),
    ),
  });
  const doc = new Document({ sections: [{ children: [table] }] });
  return (await Packer.toBuffer(doc)).byteLength;
}

export default async function formBench(): Promise<void> {
  await demoForm();
  // The same form in the synthetic province (bench/province.ts), read from its database.
  for (const backend of backends()) {
    const loc = await ensureProvince(backend);
    printBuild(loc);
    printTaskRows(backend, 'Guangdong performance form in the province', await runTask('form', loc));
  }
}

async function demoForm(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-bench-form-'));
  const database = await openDatabase({ memory: true });
  try {
    await database.migrate();
    await loadDemo(database, { dataDir });
    const [audit] = await database.db
      .select({ id: mandatoryAudits.id })
      .from(mandatoryAudits)
      .innerJoin(enterprises, eq(enterprises.id, mandatoryAudits.enterpriseId))
      .where(eq(enterprises.name, PCB_NAME));
    if (!audit) throw new Error('the demo has no PCB mandatory audit');
    const ctx: ServiceContext = {
      database,
      db: database.db,
      actor: platformActor('bench'),
      now: () => new Date(),
    };
    const data = await mandatoryFormData(ctx, audit.id);
    const cells = guangdongFormLayout(data).rows.reduce((n, r) => n + r.cells.length, 0);
    const xlsx = await timeAsync('form.xlsx', () => renderGuangdongFormXlsx(data), 9, 2);
    const xlsxPlain = await timeAsync('exceljs alone', () => plainFormXlsx(data), 9, 2);
    const docx = await timeAsync('form.docx', () => renderGuangdongFormDocx(data), 9, 2);
    const docxPlain = await timeAsync('docx alone', () => plainFormDocx(data), 9, 2);
    const download = await timeAsync(
      'services + form.xlsx',
      () => mandatoryFormFile(ctx, audit.id, 'xlsx'),
      9,
      2,
    );
    printTable('Guangdong performance form, demo PCB audit (items = cells of the form)', [
      { scenario: 'xlsx', items: cells, figure: xlsx, baseline: xlsxPlain },
      { scenario: 'docx', items: cells, figure: docx, baseline: docxPlain },
      { scenario: 'db+xlsx', items: cells, figure: download, baseline: xlsxPlain },
    ]);
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
