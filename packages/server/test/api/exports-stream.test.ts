/**
 * The streamed list exports over HTTP on lists longer than one page (500 rows): every row once, in the API's
 * order across the page boundaries, the title's count, and the evidence index in the options' order (each
 * option's evidence in upload order, read a page of options at a time). That the workbook goes out while the
 * pages are read is tested in packages/documents/src/exports/exports.test.ts.
 *
 * Seed: a 南京 audit with 甲 and 1 203 options (O0001 … O1203; three pages), evidence on O0002 (two files, the
 * second uploaded later), O0501 and O1203 (one each); the same audit seen by 广东 (out of scope: 404).
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEnterprises, cpOptions, optionEvidence } from '../../src/db/index.ts';
import { createNanjingPlatingAudit, createWorld, type World } from '../helpers/world.ts';

const N = 1203;
let world: World;
let auditId = '';

beforeAll(async () => {
  world = await createWorld();
  const db = world.database.db;
  auditId = await createNanjingPlatingAudit(world);
  await db.insert(auditEnterprises).values({ auditId, enterpriseId: world.ids.entA, status: 'selected' });
  const code = (i: number) => `O${String(i).padStart(4, '0')}`;
  const ids: string[] = [];
  for (let from = 1; from <= N; from += 400) {
    const rows = await db
      .insert(cpOptions)
      .values(
        Array.from({ length: Math.min(400, N - from + 1) }, (_, k) => ({
          auditId,
          level: 'enterprise' as const,
          enterpriseId: world.ids.entA,
          code: code(from + k),
          sortOrder: from + k,
          name: `方案${code(from + k)}`,
          optionType: 'resource_reuse' as const,
          status: 'proposed' as const,
          investmentPlanned_wanYuan: (from + k) / 10,
        })),
      )
      .returning({ id: cpOptions.id });
    ids.push(...rows.map((r) => r.id));
  }
  const evidence = (option: number, title: string, at: string) => ({
    optionId: ids[option - 1] ?? '',
    kind: 'invoice' as const,
    title,
    fileName: `${title}.pdf`,
    contentType: 'application/pdf',
    sizeBytes: 2048,
    sha256: (title.codePointAt(0) ?? 0).toString(16).padStart(64, '0'),
    storageKey: `test/${title}`,
    uploadedAt: new Date(at),
  });
  await db
    .insert(optionEvidence)
    .values([
      evidence(1203, '末页发票', '2025-01-01T00:00:00Z'),
      evidence(2, '第二张', '2025-03-01T00:00:00Z'),
      evidence(501, '次页发票', '2025-01-01T00:00:00Z'),
      evidence(2, '第一张', '2025-02-01T00:00:00Z'),
    ]);
});
afterAll(async () => {
  await world?.close();
});

async function rowsOf(res: LightMyRequestResponse): Promise<unknown[][]> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const out: unknown[][] = [];
  ws.eachRow((r) => {
    out.push((r.values as unknown[]).slice(1));
  });
  return out;
}

describe('streamed list exports across pages', () => {
  it('exports every option once in the API order, with the count in the title', async () => {
    const bureau = await world.as('nanjing');
    const rows = await rowsOf(await bureau.get(`/api/audits/${auditId}/exports/options.xlsx`));
    expect(rows[0]?.[0]).toBe(`南京市电镀行业清洁生产审核 — 清洁生产方案清单（共 ${N} 条）`);
    expect(rows[1]?.[0]).toBe('方案编号');
    const data = rows.slice(2);
    expect(data).toHaveLength(N);
    const api: string[] = [];
    for (let offset = 0; offset < N; offset += 500) {
      const page = (await bureau.get(`/api/audits/${auditId}/options?limit=500&offset=${offset}`)).json();
      api.push(...page.items.map((o: { code: string }) => o.code));
    }
    expect(data.map((r) => r[0])).toEqual(api);
    expect(new Set(api).size).toBe(N);
    const last = data.find((r) => r[0] === 'O1203');
    expect(last?.[8]).toBe(120.3);
  });

  it('indexes the evidence in the options’ order, each option’s in upload order', async () => {
    const bureau = await world.as('nanjing');
    const rows = await rowsOf(await bureau.get(`/api/audits/${auditId}/exports/evidence.xlsx`));
    expect(rows[0]?.[0]).toBe('南京市电镀行业清洁生产审核 — 方案佐证材料索引（共 4 条）');
    const api: string[] = [];
    for (let offset = 0; offset < N; offset += 500) {
      const page = (await bureau.get(`/api/audits/${auditId}/options?limit=500&offset=${offset}`)).json();
      api.push(...page.items.map((o: { code: string }) => o.code));
    }
    const withEvidence = new Set(['O0002', 'O0501', 'O1203']);
    // O0002's two files by upload time; the options in the list's order, across its pages.
    expect(rows.slice(2).map((r) => [r[0], r[4]])).toEqual(
      api
        .filter((c) => withEvidence.has(c))
        .flatMap((c) =>
          c === 'O0002'
            ? [
                ['O0002', '第一张'],
                ['O0002', '第二张'],
              ]
            : [[c, c === 'O0501' ? '次页发票' : '末页发票']],
        ),
    );
  });

  it('refuses out of scope before the download starts: a coded 404', async () => {
    const res = await (await world.as('guangdong')).get(`/api/audits/${auditId}/exports/options.xlsx`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
