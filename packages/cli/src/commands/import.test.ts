/**
 * `cpaudit workbook` and `cpaudit import`, in process, on an embedded database holding the demo: the workbook of a
 * listed enterprise written, imported back unchanged (dry run), a problem printed as `sheet!cell: message` with exit
 * 2 and nothing written, and a real change written to a draft year.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  annualSubmissions,
  annualValues,
  auditEnterprises,
  enterprises,
  industryAudits,
  openDatabase,
} from '../../../server/src/db/index.ts';
import { loadDemo } from '../../../server/src/demo/index.ts';
import { main } from '../main.ts';

let dir: string;
let auditId: string;
/** A listed enterprise with a year still open (draft or returned) in the audit's data years. */
let open: { uscc: string; enterpriseId: string; year: number };
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

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: process.env.DATA_DIR });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cpaudit-cli-import-'));
  const dataDir = join(dir, 'data');
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  await withDb(async (database) => {
    await database.migrate();
    await loadDemo(database, { dataDir });
    const [audit] = await database.db.select({ id: industryAudits.id }).from(industryAudits);
    if (!audit) throw new Error('the demo has no industry audit');
    auditId = audit.id;
    const rows = await database.db
      .select({ uscc: enterprises.uscc, enterpriseId: enterprises.id, year: annualSubmissions.year })
      .from(annualSubmissions)
      .innerJoin(enterprises, eq(enterprises.id, annualSubmissions.enterpriseId))
      .innerJoin(auditEnterprises, eq(auditEnterprises.enterpriseId, enterprises.id))
      .where(
        and(
          eq(auditEnterprises.auditId, auditId),
          inArray(auditEnterprises.status, ['candidate', 'selected']),
          inArray(annualSubmissions.status, ['draft', 'returned']),
          inArray(annualSubmissions.year, [2022, 2023, 2024]),
        ),
      )
      .limit(1);
    if (!rows[0]) throw new Error('the demo has no open year of a listed enterprise');
    open = rows[0];
  });
}, 180_000);

afterAll(() => {
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  if (previousUrl !== undefined) process.env.DATABASE_URL = previousUrl;
  rmSync(dir, { recursive: true, force: true });
});

const valueCount = () =>
  withDb(async (d) => (await d.db.select({ id: annualValues.id }).from(annualValues)).length);

describe('cpaudit workbook / import', () => {
  it('writes the workbook of a listed enterprise and imports it back unchanged', async () => {
    const out = join(dir, 'ent.xlsx');
    const w = await run(['workbook', '--audit', auditId, '--enterprise', open.uscc, '--out', out]);
    expect(w.code, w.err).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(w.err).toContain('100 %');
    const dry = await run(['import', out, '--audit', auditId, '--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toMatch(
      /^checked \(dry run, nothing written\): 0 enterprise-year\(s\), 0 value\(s\) new, 0 changed, \d+ unchanged\n$/,
    );
  }, 120_000);

  it('prints every problem as sheet!cell: message, exits 2 and writes nothing', async () => {
    const file = join(dir, 'ent.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const basic = wb.getWorksheet('基本信息');
    if (!basic) throw new Error('no sheet');
    basic.getCell('D3').value = '约5000';
    basic.getCell('E3').value = -1;
    const bad = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const before = await valueCount();
    const res = await run(['import', bad, '--audit', auditId]);
    expect(res.code).toBe(2);
    expect(res.out).toContain('基本信息!D3: ‘基本信息’表第 3 行 D 列：工业总产值应填数字，而不是“约5000”');
    expect(res.out).toContain('基本信息!E3: ‘基本信息’表第 3 行 E 列：工业增加值不能为负数');
    expect(res.err).toContain('2 problem(s)');
    expect(await valueCount()).toBe(before);
  }, 120_000);

  it('writes a change of an open year, attributed to --as', async () => {
    const file = join(dir, 'ent.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const water = wb.getWorksheet('水');
    if (!water) throw new Error('no sheet');
    let row = 0;
    for (let r = 3; r <= water.rowCount; r++) if (Number(water.getCell(`B${r}`).value) === open.year) row = r;
    expect(row).toBeGreaterThan(0);
    water.getCell(`E${row}`).value = 4321; // 自来水取水量 (m3)
    const changed = join(dir, 'changed.xlsx');
    await wb.xlsx.writeFile(changed);
    const res = await run(['import', changed, '--audit', auditId, '--as', 'admin']);
    expect(res.code, res.out + res.err).toBe(0);
    expect(res.out).toMatch(
      /^imported: 1 enterprise-year\(s\), (1 value\(s\) new, 0 changed|0 value\(s\) new, 1 changed)/,
    );
    const stored = await withDb((d) =>
      d.db
        .select({ quantity: annualValues.quantity, unit: annualValues.unit })
        .from(annualValues)
        .where(
          and(
            eq(annualValues.enterpriseId, open.enterpriseId),
            eq(annualValues.year, open.year),
            eq(annualValues.itemCode, 'water.intake.tap'),
          ),
        ),
    );
    expect(stored).toEqual([{ quantity: 4321, unit: 'm3' }]);
    expect((await run(['import', changed, '--audit', auditId, '--as', 'nobody'])).code).toBe(2);
  }, 120_000);
});
