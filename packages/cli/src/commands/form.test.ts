/**
 * `cpaudit form`, in process, on an embedded database holding the demo: the 惠州 PCB maker's form by credit code
 * (.xlsx) and by audit id (.docx), the progress bar on stderr, and bad input refused with exit 2.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprises, mandatoryAudits, openDatabase } from '../../../server/src/db/index.ts';
import { loadDemo, PCB_NAME } from '../../../server/src/demo/index.ts';
import { main } from '../main.ts';

let dir: string;
let uscc: string;
let auditId: string;
const previousDataDir = process.env.DATA_DIR;
const previousUrl = process.env.DATABASE_URL;

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    stdin: Readable.from(['']),
  });
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cpaudit-cli-form-'));
  process.env.DATA_DIR = join(dir, 'data');
  delete process.env.DATABASE_URL;
  const database = await openDatabase({ dataDir: process.env.DATA_DIR });
  try {
    await database.migrate();
    await loadDemo(database, { dataDir: process.env.DATA_DIR });
    const [row] = await database.db
      .select({ uscc: enterprises.uscc, auditId: mandatoryAudits.id })
      .from(mandatoryAudits)
      .innerJoin(enterprises, eq(enterprises.id, mandatoryAudits.enterpriseId))
      .where(eq(enterprises.name, PCB_NAME));
    if (!row) throw new Error('the demo has no PCB mandatory audit');
    uscc = row.uscc;
    auditId = row.auditId;
  } finally {
    await database.close();
  }
}, 180_000);

afterAll(() => {
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  if (previousUrl !== undefined) process.env.DATABASE_URL = previousUrl;
  rmSync(dir, { recursive: true, force: true });
});

describe('cpaudit form', () => {
  it('writes the .xlsx form of the enterprise with that credit code, with a progress bar on stderr', async () => {
    const out = join(dir, '绩效表.xlsx');
    const r = await run(['form', '--audit', uscc, '--out', out]);
    expect(r.err).toContain('100 %');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`mandatory audit ${auditId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('绩效表');
    expect(ws?.getCell('A2').value).toBe('广东省强制性清洁生产审核绩效表');
    expect(ws?.getCell('D4').value).toBe(PCB_NAME);
  }, 60_000);

  it('writes the .docx form by audit id', async () => {
    const out = join(dir, 'form.docx');
    const r = await run(['form', '--audit', auditId, '--out', out]);
    expect(r.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(await zip.file('word/document.xml')?.async('string')).toContain(PCB_NAME);
  }, 60_000);

  it('refuses bad input with exit 2 and a one-line reason, writing nothing', async () => {
    const pdf = join(dir, 'form.pdf');
    const bad = await run(['form', '--audit', uscc, '--out', pdf]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--out must end in .xlsx or .docx');
    expect(existsSync(pdf)).toBe(false);
    const notCode = await run(['form', '--audit', 'PCB', '--out', join(dir, 'x.xlsx')]);
    expect(notCode.code).toBe(2);
    expect(notCode.err).toContain('credit code');
    // A valid credit code (GB 32100-2015 check character) of no enterprise in the database.
    const unknown = await run(['form', '--audit', '91110000100000008J', '--out', join(dir, 'y.xlsx')]);
    expect(unknown.err).toContain('no mandatory audit');
    expect(unknown.code).toBe(2);
    const option = await run(['form', '--nope']);
    expect(option.code).toBe(2);
    expect((await run(['form', '--help'])).code).toBe(0);
  }, 60_000);
});
