/**
 * `cpaudit report`, in process, on an embedded database holding the demo: the 常州 audit's report by part of its
 * title and by id, the progress bar on stderr, and bad input refused with exit 2 and nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../../../documents/src/report/read-docx.ts';
import { REPORT_CHAPTERS } from '../../../documents/src/report/render.ts';
import { industryAudits, openDatabase } from '../../../server/src/db/index.ts';
import { loadDemo } from '../../../server/src/demo/index.ts';
import { main } from '../main.ts';

let dir: string;
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
  dir = mkdtempSync(join(tmpdir(), 'cpaudit-cli-report-'));
  process.env.DATA_DIR = join(dir, 'data');
  delete process.env.DATABASE_URL;
  const database = await openDatabase({ dataDir: process.env.DATA_DIR });
  try {
    await database.migrate();
    await loadDemo(database, { dataDir: process.env.DATA_DIR });
    const [row] = await database.db.select({ id: industryAudits.id }).from(industryAudits);
    if (!row) throw new Error('the demo has no industry audit');
    auditId = row.id;
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

describe('cpaudit report', () => {
  it('writes the report of the audit named by part of its title, with a progress bar on stderr', async () => {
    const out = join(dir, '报告.docx');
    const r = await run(['report', '--audit', '常州市电镀', '--out', out]);
    expect(r.err).toContain('100 %');
    expect(r.code).toBe(0);
    expect(r.out).toContain('常州市电镀行业清洁生产审核报告.docx');
    const doc = await readDocx(readFileSync(out));
    expect(doc.headings(1)).toEqual([...REPORT_CHAPTERS]);
    expect(doc.table('方案数量')).toBeDefined();
  }, 120_000);

  it('writes it by audit id', async () => {
    const out = join(dir, 'by-id.docx');
    const r = await run(['report', '--audit', auditId, '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  }, 120_000);

  it('refuses bad input with exit 2 and a one-line reason, writing nothing', async () => {
    const pdf = join(dir, 'r.pdf');
    const bad = await run(['report', '--audit', auditId, '--out', pdf]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--out must name a .docx file');
    expect(existsSync(pdf)).toBe(false);
    const unknown = await run(['report', '--audit', '无此审核', '--out', join(dir, 'x.docx')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no industry audit is named like');
    expect(existsSync(join(dir, 'x.docx'))).toBe(false);
    const missing = await run([
      'report',
      '--audit',
      '00000000-0000-4000-8000-000000000000',
      '--out',
      join(dir, 'y.docx'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('not found');
    expect((await run(['report'])).code).toBe(2);
    expect((await run(['report', '--help'])).code).toBe(0);
  }, 60_000);
});
