/**
 * GET /api/audits/:id/report.docx on the demo (常州 electroplating audit): the downloaded report's tables 7.2 and
 * 7.3 hold exactly the figures `getAuditPerformance` answers for the same audit (same core aggregation), the
 * evidence photos are embedded, the download is named in Chinese (RFC 5987), and whoever may not read the audit
 * (an enterprise user, a bureau elsewhere, a consultant) gets 404.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Table72, Table73 } from '@cpaudit/core';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimalsForUnit, formatFixed } from '../../../documents/src/report/format.ts';
import { REPORT_CHAPTERS } from '../../../documents/src/report/index.ts';
import { readDocx } from '../../../documents/src/report/read-docx.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/index.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo/index.ts';
import { createTestDatabase, queryRows } from '../helpers/db.ts';

let database: Database;
let dataDir: string;
let app: FastifyInstance;
let auditId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-report-'));
  database = await createTestDatabase();
  await loadDemo(database, { dataDir });
  app = await buildApp({ database, config: { ...loadConfig({}), dataDir, loginRateLimit: 10_000 } });
  const [row] = await queryRows(database.db, sql`select id from industry_audits order by created_at limit 1`);
  auditId = String(row?.id);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function cookieOf(username: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, username).toBe(200);
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

describe('downloadAuditReport on the demo audit', () => {
  it('the bureau downloads a .docx whose tables 7.2 and 7.3 equal getAuditPerformance', async () => {
    const cookie = await cookieOf('cz-bureau');
    const res = await app.inject({
      method: 'GET',
      url: `/api/audits/${auditId}/report.docx`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const disposition = String(res.headers['content-disposition']);
    const star = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    expect(star).toBeDefined();
    const fileName = decodeURIComponent(star ?? '');
    expect(fileName).toBe('常州市电镀行业清洁生产审核报告.docx');
    expect(disposition).toMatch(/^attachment; filename="[ -~]+"/);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);

    const perf = await app.inject({
      method: 'GET',
      url: `/api/audits/${auditId}/performance`,
      headers: { cookie },
    });
    expect(perf.statusCode).toBe(200);
    const { table72, table73 } = perf.json() as { table72: Table72; table73: Table73 };

    const doc = await readDocx(new Uint8Array(res.rawPayload));
    expect(doc.headings(1)).toEqual([...REPORT_CHAPTERS]);
    const t = doc.table('方案数量');
    expect(t).toBeDefined();
    if (!t) return;
    const keys = table72.columns.map((c) => c.key);
    expect(t[2]).toEqual(['方案个数（个）', ...keys.map((k) => formatFixed(table72.optionCount[k], 0))]);
    expect(t[3]).toEqual([
      '投资金额（万元）',
      ...keys.map((k) => formatFixed(table72.investment_wanYuan[k], 2)),
    ]);
    expect(t[5]).toEqual([
      '经济效益（万元/年）',
      ...keys.map((k) => formatFixed(table72.economicBenefit_wanYuanPerYear[k], 2)),
    ]);
    // The demo has implemented options at every status: the table is not all zeros.
    expect(table72.optionCount.total).toBeGreaterThan(10);
    const flat = t.flat();
    for (const c of [...table72.environmentalBenefits, ...table72.resourceEnergySavings]) {
      const at = flat.indexOf(c.label);
      expect(at, c.label).toBeGreaterThan(0);
      expect(flat[at + 1], c.label).toBe(formatFixed(c.value, decimalsForUnit(c.unit)));
    }
    expect(table72.environmentalBenefits.some((c) => c.value > 0)).toBe(true);

    const t73 = doc.table('类型', '清洁生产目标');
    expect(t73?.[0]).toEqual(['类型', '清洁生产目标', '目标完成情况']);
    expect(t73?.slice(1)).toEqual(table73.rows.map((r) => [r.label, r.target, r.completion]));
    expect(table73.rows.some((r) => r.count > 0)).toBe(true);

    // Charts and the demo's evidence photos are embedded; chapter 9 has one section per option with evidence.
    expect(doc.media.length).toBeGreaterThan(2);
    expect(doc.headings(3).filter((h) => h.startsWith('9.')).length).toBeGreaterThan(0);
  }, 120_000);

  it('the panel member and the province bureau may download it too', async () => {
    for (const user of ['js-bureau', 'panel']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/audits/${auditId}/report.docx`,
        headers: { cookie: await cookieOf(user) },
      });
      expect(res.statusCode, user).toBe(200);
    }
  }, 120_000);

  it('an enterprise user, a consultant and a bureau elsewhere get 404; no session gets 401', async () => {
    for (const user of ['cz-ent1', 'cz-consultant', 'gd-bureau', 'hz-bureau']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/audits/${auditId}/report.docx`,
        headers: { cookie: await cookieOf(user) },
      });
      expect(res.statusCode, user).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const anon = await app.inject({ method: 'GET', url: `/api/audits/${auditId}/report.docx` });
    expect(anon.statusCode).toBe(401);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/audits/not-a-uuid/report.docx',
      headers: { cookie: await cookieOf('cz-bureau') },
    });
    expect(bad.statusCode).toBe(400);
  });
});
