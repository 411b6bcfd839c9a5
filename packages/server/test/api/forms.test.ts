/**
 * The Guangdong performance form downloads on the demo's 惠州 PCB mandatory audit: the numbers in the .xlsx equal
 * `getMandatoryPerformance` (the core's `aggregateGuangdongForm`) and `getMandatoryAudit` for the same audit;
 * the .docx carries the same form; another enterprise and another province's bureau get 404; the headers name
 * the file in Chinese (RFC 5987) with the right Content-Type.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/index.ts';
import { DEMO_PASSWORD, loadDemo, PCB_NAME } from '../../src/demo/index.ts';
import { createTestDatabase } from '../helpers/db.ts';

let database: Database;
let dataDir: string;
let app: FastifyInstance;
let auditId: string;
const cookies = new Map<string, string>();

async function cookieOf(username: string): Promise<string> {
  const known = cookies.get(username);
  if (known) return known;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode, username).toBe(200);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  cookies.set(username, cookie);
  return cookie;
}

async function get(username: string, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: await cookieOf(username) } });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-forms-'));
  database = await createTestDatabase();
  await loadDemo(database, { dataDir });
  app = await buildApp({ database, config: { ...loadConfig({}), loginRateLimit: 10_000 } });
  const list = await get('hz-pcb', '/api/mandatory-audits');
  auditId = list.json().items[0].id;
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function sheetOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('绩效表');
  if (!ws) throw new Error('sheet 绩效表 missing');
  return ws;
}

function finder(ws: ExcelJS.Worksheet) {
  const text = (r: number, c: number) => {
    const v = ws.getCell(r, c).value;
    return v === null || v === undefined ? '' : String(v);
  };
  const rowOf = (label: string) => {
    for (let r = 1; r <= ws.rowCount; r++) if (text(r, 1) === label) return r;
    throw new Error(`no row labelled ${label}`);
  };
  const num = (r: number, c: number) => {
    const v = ws.getCell(r, c).value;
    if (typeof v !== 'number') throw new Error(`${ws.getCell(r, c).address}: ${String(v)} is not a number`);
    return v;
  };
  return { text, rowOf, num };
}

describe('GET /api/mandatory-audits/:id/form.xlsx on the demo PCB audit', () => {
  it('is the form with the numbers of getMandatoryPerformance and getMandatoryAudit', async () => {
    const res = await get('hz-pcb', `/api/mandatory-audits/${auditId}/form.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    // 广东省强制性清洁生产审核绩效表-<enterprise>-2024.xlsx, UTF-8 percent-encoded (RFC 5987).
    const name = `广东省强制性清洁生产审核绩效表-${PCB_NAME}-2024.xlsx`;
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);

    const view = (await get('hz-pcb', `/api/mandatory-audits/${auditId}`)).json();
    // 注13: the grid factor of the data year; the demo's 2024 factor is not published yet, so the performance
    // view (and with it the form) takes the newest earlier one, 2023's.
    const perfRes = await get('hz-pcb', `/api/mandatory-audits/${auditId}/performance`);
    expect(perfRes.statusCode, perfRes.body).toBe(200);
    const perf = perfRes.json();
    const usedYear: number = perf.gridFactor.dataYear;
    expect(usedYear).toBe(2023);
    const ws = await sheetOf(res.rawPayload);
    const { text, rowOf, num } = finder(ws);

    expect(text(2, 1)).toBe('广东省强制性清洁生产审核绩效表');
    expect(text(rowOf('企业名称（盖章）'), 4)).toBe(PCB_NAME);
    const gross = rowOf('年工业总产值[2]（万元）');
    expect(num(gross, 4)).toBe(view.basicInfo.grossOutput_wanYuan);
    expect(num(gross, 8)).toBe(view.basicInfo.valueAdded_wanYuan);
    // The demo audit: regular method, second round, last accepted 2020-12, listed for “双有”.
    expect(text(rowOf('排污许可管理类别[6]'), 8)).toBe('☑常规流程清洁生产审核\n□简易流程清洁生产审核');
    expect(text(rowOf('本轮清洁生产审核轮次'), 4)).toContain('☑第二轮');
    expect(text(rowOf('本轮清洁生产审核轮次'), 4)).toContain('2020年12月');
    expect(text(rowOf('纳入名单原因'), 4)).toContain('☑“双有”');
    const products = rowOf('主要产品及年产量[7]');
    expect([text(products + 1, 4), num(products + 1, 6)]).toEqual([
      view.basicInfo.products[0].name,
      view.basicInfo.products[0].output,
    ]);

    // 方案汇总 = the core's option summary.
    const s = perf.totals.optionSummary;
    const keys = ['key', 'general', 'total'];
    const counts = rowOf('方案个数（个）');
    const inv = rowOf('投资（万元）');
    expect([5, 6, 7, 8, 9, 10].map((c) => num(counts, c))).toEqual([
      ...keys.map((k) => s.proposed[k].count),
      ...keys.map((k) => s.implemented[k].count),
    ]);
    expect([5, 6, 7, 8, 9, 10].map((c) => num(inv, c))).toEqual([
      ...keys.map((k) => s.proposed[k].investment_wanYuan),
      ...keys.map((k) => s.implemented[k].investment_wanYuan),
    ]);
    expect(s.implemented.total.count).toBeGreaterThan(0);

    // 环境效益汇总 and 资源能源节约与经济效益汇总 = the core's rows, printed column by column.
    const envKeys = [
      'wastewater',
      'cod',
      'nh3n',
      'so2',
      'nox',
      null,
      'hazardous-waste',
      'general-solid-waste',
      'other',
    ];
    const env = rowOf('方案类型\n污染物减排');
    perf.totals.environmentalSummary.rows.forEach((row: { values: Record<string, number> }, i: number) => {
      envKeys.forEach((k, j) => {
        if (k !== null) expect(num(env + 1 + i, 2 + j), `env ${i} ${k}`).toBe(row.values[k]);
      });
    });
    const sv = rowOf('方案类型\n资源能源节约');
    const svCols: [number, string][] = [
      [2, 'water'],
      [3, 'electricity'],
      [4, 'electricity-co2'],
      [5, 'coal'],
      [9, 'co2-total'],
      [10, 'economic-benefit'],
    ];
    perf.totals.savingsSummary.rows.forEach((row: { values: Record<string, number> }, i: number) => {
      for (const [c, k] of svCols) expect(num(sv + 1 + i, c), `savings ${i} ${k}`).toBe(row.values[k]);
    });
    const total = perf.totals.savingsSummary.rows[2].values;
    expect(total.electricity).toBeGreaterThan(0);
    expect(total['electricity-co2']).toBeGreaterThan(0);

    // Targets as entered; the grid factor named under the notes.
    const t = rowOf('指标名称（单位）');
    expect(text(t + 1, 1)).toBe(`${view.targets[0].indicator}（${view.targets[0].unit}）`);
    expect(num(t + 1, 5)).toBe(view.targets[0].beforeValue);
    const all = Array.from({ length: ws.rowCount }, (_, r) => text(r + 1, 1)).join('\n');
    expect(all).toContain(`${usedYear}年电网排放因子 ${perf.gridFactor.value_tCO2PerMWh} tCO2/MWh`);
    if (usedYear !== view.dataYear)
      expect(all).toContain(`${view.dataYear}年因子未发布，采用${usedYear}年因子`);
  });

  it('lists the key options (重点方案) with their category and actual investment', async () => {
    const res = await get('hz-pcb', `/api/mandatory-audits/${auditId}/form.xlsx`);
    const { text, rowOf } = finder(await sheetOf(res.rawPayload));
    const options = (await get('hz-pcb', `/api/mandatory-audits/${auditId}/options?limit=100`)).json();
    const key = options.items.filter(
      (o: { isKey: boolean; status: string }) => o.isKey && o.status !== 'rejected',
    );
    expect(key.length).toBeGreaterThan(0);
    const head = rowOf('方案名称');
    const names = key.map((_: unknown, i: number) => text(head + 1 + i, 1));
    expect(new Set(names)).toEqual(new Set(key.map((o: { name: string }) => o.name)));
    expect(text(head + 1 + key.length, 1)).toBe('本轮清洁生产目标完成情况[11]');
  });
});

describe('GET /api/mandatory-audits/:id/form.docx', () => {
  it('is the same form as a Word document', async () => {
    const res = await get('hz-pcb', `/api/mandatory-audits/${auditId}/form.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`广东省强制性清洁生产审核绩效表-${PCB_NAME}-2024.docx`)}`,
    );
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain(PCB_NAME);
    expect(xml).toContain('☑常规流程清洁生产审核');
    expect(xml).toContain('资源能源节约与经济效益汇总');
  });
});

describe('who may download the form', () => {
  it('the bureau of 惠州 and the admin may; another enterprise and the 常州 bureau get 404; no session 401', async () => {
    for (const user of ['hz-bureau', 'gd-bureau', 'admin']) {
      expect((await get(user, `/api/mandatory-audits/${auditId}/form.xlsx`)).statusCode, user).toBe(200);
    }
    for (const user of ['cz-ent1', 'cz-bureau']) {
      for (const ext of ['xlsx', 'docx']) {
        const res = await get(user, `/api/mandatory-audits/${auditId}/form.${ext}`);
        expect(res.statusCode, `${user} ${ext}`).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
    }
    const anonymous = await app.inject({ method: 'GET', url: `/api/mandatory-audits/${auditId}/form.xlsx` });
    expect(anonymous.statusCode).toBe(401);
    const bad = await get('hz-pcb', '/api/mandatory-audits/not-a-uuid/form.xlsx');
    expect(bad.statusCode).toBe(400);
  });
});
