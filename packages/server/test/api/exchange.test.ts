/**
 * Data exchange over the API: data-collection workbooks (download per enterprise and audit-wide, import with dry
 * run, all or nothing, locked years), list exports re-read equal to the API lists, indicator-system workbooks;
 * allowed and refused roles on the test world.
 */
import { ELECTROPLATING_2015 } from '@cpaudit/core';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import {
  annualSubmissions,
  annualValues,
  auditEnterprises,
  auditLog,
  auditTargets,
  cpOptions,
  enterprises,
  indicatorSystems,
} from '../../src/db/index.ts';
import { catalogueIndex } from '../../src/services/annual/items.ts';
import { createNanjingPlatingAudit, createWorld, PASSWORD, type World } from '../helpers/world.ts';

const MAX = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let world: World;
let app: FastifyInstance;
let auditId: string;
let usccA: string;
let usccC: string;
let nameC: string;

interface Caller {
  get(url: string): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown): Promise<LightMyRequestResponse>;
  post(url: string, body: unknown): Promise<LightMyRequestResponse>;
  upload(url: string, bytes: Uint8Array): Promise<LightMyRequestResponse>;
}
const callers = new Map<string, Caller>();

function multipart(bytes: Uint8Array) {
  const boundary = `----cpaudit${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="data.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
    ),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function as(username: string): Promise<Caller> {
  const known = callers.get(username);
  if (known) return known;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf: string = res.json().csrfToken;
  const h = { cookie, 'x-csrf-token': csrf };
  const caller: Caller = {
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    put: (url, payload) => app.inject({ method: 'PUT', url, headers: h, payload: payload as object }),
    post: (url, payload) => app.inject({ method: 'POST', url, headers: h, payload: payload as object }),
    upload: (url, bytes) => {
      const body = multipart(bytes);
      return app.inject({
        method: 'POST',
        url,
        headers: { ...h, 'content-type': body.contentType },
        payload: body.payload,
      });
    },
  };
  callers.set(username, caller);
  return caller;
}

async function workbookOf(res: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The row of an enterprise-year in a wide sheet. */
function rowOf(ws: ExcelJS.Worksheet, uscc: string, year: number): ExcelJS.Row {
  for (let r = 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === uscc && Number(row.getCell(2).value) === year) return row;
  }
  throw new Error(`no row ${uscc} ${year}`);
}

function firstEmpty(ws: ExcelJS.Worksheet): ExcelJS.Row {
  for (let r = 3; ; r++) if (ws.getRow(r).getCell(1).value === null) return ws.getRow(r);
}

/** Column of an item code in row 2 (the workbook's key row). */
function colOf(ws: ExcelJS.Worksheet, key: string): number {
  let found = 0;
  ws.getRow(2).eachCell((c, n) => {
    if (c.value === key) found = n;
  });
  if (!found) throw new Error(`no column ${key}`);
  return found;
}

const counts = async () => ({
  values: (await world.database.db.select().from(annualValues)).length,
  submissions: (await world.database.db.select().from(annualSubmissions)).length,
  log: (await world.database.db.select().from(auditLog)).length,
});

const base = () => `/api/audits/${auditId}`;
const entWorkbook = () => `${base()}/enterprises/${world.ids.entA}/workbook.xlsx`;
const entImport = (q = '') => `/api/annual/enterprises/${world.ids.entA}/workbook?auditId=${auditId}${q}`;

beforeAll(async () => {
  world = await createWorld();
  app = await buildApp({
    database: world.database,
    config: { ...loadConfig({}), maxUploadBytes: MAX, loginRateLimit: 10_000 },
  });
  const db = world.database.db;
  await catalogueIndex(world.database, db); // seeds the built-in indicator systems
  const [system] = await db
    .select({ id: indicatorSystems.id })
    .from(indicatorSystems)
    .where(eq(indicatorSystems.code, ELECTROPLATING_2015.id));
  const audit = { id: await createNanjingPlatingAudit(world, { indicatorSystemId: system?.id ?? null }) };
  auditId = audit.id;
  await db.insert(auditEnterprises).values([
    { auditId, enterpriseId: world.ids.entA, status: 'selected' },
    { auditId, enterpriseId: world.ids.entC, status: 'selected' },
  ]);
  const [opt] = await db
    .insert(cpOptions)
    .values({
      auditId,
      level: 'enterprise',
      enterpriseId: world.ids.entA,
      name: '甲：逆流漂洗',
      optionType: 'resource_reuse',
    })
    .returning({ id: cpOptions.id });
  if (!opt) throw new Error('seed');
  await db.insert(auditTargets).values({
    auditId,
    type: 'pollutant_reduction',
    indicator: '总铬排放量',
    measure: 'percent',
    unit: '%',
    nearTermValue: 10,
    scope: 'industry',
  });
  const ents = await db.select().from(enterprises);
  usccA = ents.find((e) => e.id === world.ids.entA)?.uscc ?? '';
  usccC = ents.find((e) => e.id === world.ids.entC)?.uscc ?? '';
  nameC = ents.find((e) => e.id === world.ids.entC)?.name ?? '';
  // What the platform holds before any workbook: entA 2023 electricity, saved through the annual API.
  const saved = await (await as('enta')).put(`/api/annual/enterprises/${world.ids.entA}/years/2023`, {
    version: 0,
    values: [
      { itemCode: 'energy.electricity', quantity: 120, unit: '万kWh', source: 'metered', note: '电费单' },
    ],
  });
  expect(saved.statusCode, saved.body).toBe(200);
});

afterAll(async () => {
  await app.close();
  await world.close();
});

describe('download the data-collection workbook', () => {
  it('gives the enterprise its workbook, pre-filled, with the audit’s years and indicator system', async () => {
    const wb = await workbookOf(await (await as('enta')).get(entWorkbook()));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '填表说明',
      '基本信息',
      '产品',
      '能源',
      '水',
      '原辅材料',
      '污染物产生',
      '污染物排放',
      '固体废物',
      '温室气体',
      '评价指标',
      '下拉选项',
    ]);
    const basic = sheet(wb, '基本信息');
    // Default data years: the three years before the audit period (2025) starts.
    expect([3, 4, 5].map((r) => basic.getCell(`B${r}`).value)).toEqual([2022, 2023, 2024]);
    expect(basic.getCell('A3').value).toBe(usccA);
    const energy = sheet(wb, '能源');
    expect([energy.getCell('A3').value, energy.getCell('B3').value, energy.getCell('C3').value]).toEqual([
      usccA,
      2023,
      '电力',
    ]);
    expect([energy.getCell('D3').value, energy.getCell('E3').value]).toEqual([120, '万kWh']);
    expect(
      colOf(sheet(wb, '评价指标'), 'indicator.electroplating_2015_table1.cleaner_process'),
    ).toBeGreaterThan(3);
  });

  it('gives the bureau the audit-wide workbook with every listed enterprise; refuses outsiders', async () => {
    const wb = await workbookOf(await (await as('nanjing')).get(`${base()}/workbook.xlsx`));
    const keys = new Set<string>();
    const basic = sheet(wb, '基本信息');
    for (let r = 3; r <= basic.rowCount; r++) keys.add(String(basic.getCell(`A${r}`).value));
    expect([...keys].sort()).toEqual([usccA, usccC].sort());
    expect((await (await as('entb')).get(`${base()}/workbook.xlsx`)).statusCode).toBe(404);
    expect((await (await as('guangdong')).get(entWorkbook())).statusCode).toBe(404);
    // entA is listed but does not see entC's workbook.
    expect(
      (await (await as('enta')).get(`${base()}/enterprises/${world.ids.entC}/workbook.xlsx`)).statusCode,
    ).toBe(404);
    // An enterprise user gets only its own rows from the audit-wide workbook.
    const own = await workbookOf(await (await as('enta')).get(`${base()}/workbook.xlsx`));
    expect(sheet(own, '基本信息').getCell('A6').value).toBeNull();
  });
});

describe('import the data-collection workbook', () => {
  it('dry run validates and writes nothing; the import then writes in one go, keeping unchanged values', async () => {
    const ent = await as('enta');
    const wb = await workbookOf(await ent.get(entWorkbook()));
    const basic = sheet(wb, '基本信息');
    rowOf(basic, usccA, 2024).getCell(colOf(basic, 'economy.gross_output')).value = 5321.5;
    const energy = sheet(wb, '能源');
    const row = firstEmpty(energy);
    row.getCell(1).value = usccA;
    row.getCell(2).value = 2024;
    row.getCell(3).value = '天然气';
    row.getCell(4).value = 35000;
    const bytes = await bytesOf(wb);
    const before = await counts();
    const dry = await ent.upload(entImport('&dryRun=true'), bytes);
    expect(dry.statusCode, dry.body).toBe(200);
    // 2 new values in 2024; the 2023 electricity equals the stored one (120 万kWh).
    expect(dry.json()).toEqual({
      ok: true,
      dryRun: true,
      problems: [],
      written: { enterpriseYears: 1, created: 2, updated: 0, unchanged: 1 },
    });
    expect(await counts()).toEqual(before);
    const res = await ent.upload(entImport(), bytes);
    expect(res.json()).toMatchObject({ ok: true, dryRun: false, written: { created: 2, unchanged: 1 } });
    const after = await counts();
    expect(after.values).toBe(before.values + 2);
    expect(after.submissions).toBe(before.submissions + 1);
    const year = (await ent.get(`/api/annual/enterprises/${world.ids.entA}/years/2024`)).json();
    expect(year.submission.status).toBe('draft');
    expect(
      year.values.map((v: { itemCode: string; quantity: number; unit: string }) => [
        v.itemCode,
        v.quantity,
        v.unit,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['economy.gross_output', 5321.5, '万元'],
        ['energy.natural_gas', 35000, 'm3'],
      ]),
    );
    // The 2023 value keeps its source and note (a workbook carries neither).
    const y2023 = (await ent.get(`/api/annual/enterprises/${world.ids.entA}/years/2023`)).json();
    expect(y2023.values[0]).toMatchObject({
      quantity: 120,
      unit: '万kWh',
      source: 'metered',
      note: '电费单',
    });
  });

  it('changes a draft year’s value in place and bumps the year’s version once', async () => {
    const ent = await as('enta');
    const url = `/api/annual/enterprises/${world.ids.entA}/years/2024`;
    const before = (await ent.get(url)).json();
    const wb = await workbookOf(await ent.get(entWorkbook()));
    const basic = sheet(wb, '基本信息');
    const cell = rowOf(basic, usccA, 2024).getCell(colOf(basic, 'economy.gross_output'));
    expect(cell.value).toBe(5321.5); // pre-filled from the previous import
    cell.value = 6000;
    const res = (await ent.upload(entImport(), await bytesOf(wb))).json();
    // unchanged: 2023 electricity and 2024 natural gas
    expect(res.written).toEqual({ enterpriseYears: 1, created: 0, updated: 1, unchanged: 2 });
    const after = (await ent.get(url)).json();
    expect(after.submission.version).toBe(before.submission.version + 1);
    expect(
      after.values.find((v: { itemCode: string }) => v.itemCode === 'economy.gross_output').quantity,
    ).toBe(6000);
  });

  it('a workbook with any problem writes nothing and lists every problem by sheet, row and cell', async () => {
    const ent = await as('enta');
    const wb = await workbookOf(await ent.get(entWorkbook()));
    const basic = sheet(wb, '基本信息');
    rowOf(basic, usccA, 2022).getCell(colOf(basic, 'economy.value_added')).value = 800; // valid on its own
    const energy = sheet(wb, '能源');
    const row = firstEmpty(energy);
    row.getCell(1).value = usccA;
    row.getCell(2).value = 2022;
    row.getCell(3).value = '电力';
    row.getCell(4).value = -10;
    const water = sheet(wb, '水');
    rowOf(water, usccA, 2022).getCell(colOf(water, 'water.intake')).value = '一千';
    const before = await counts();
    const res = await ent.upload(entImport(), await bytesOf(wb));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.written).toEqual({ enterpriseYears: 0, created: 0, updated: 0, unchanged: 0 });
    expect(body.problems).toEqual(
      expect.arrayContaining([
        {
          sheet: '能源',
          row: row.number,
          cell: `D${row.number}`,
          field: 'energy.electricity',
          message: `‘能源’表第 ${row.number} 行 D 列：电力不能为负数`,
        },
        expect.objectContaining({
          sheet: '水',
          cell: 'D3',
          message: '‘水’表第 3 行 D 列：取水量应填数字，而不是“一千”',
        }),
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it('a submitted (locked) year is a problem when the workbook changes it, and nothing else is written', async () => {
    const ent = await as('enta');
    // Values written by other paths (the demo loader) store no name for a fixed item: still "unchanged" below.
    await world.database.db
      .update(annualValues)
      .set({ name: null })
      .where(eq(annualValues.itemCode, 'energy.electricity'));
    const y = (await ent.get(`/api/annual/enterprises/${world.ids.entA}/years/2023`)).json();
    const submitted = await ent.post(`/api/annual/enterprises/${world.ids.entA}/years/2023/submit`, {
      version: y.submission.version,
    });
    // Submitting needs the required items: save them first when the service asks for them.
    if (submitted.statusCode !== 200) {
      const saved = await ent.put(`/api/annual/enterprises/${world.ids.entA}/years/2023`, {
        version: y.submission.version,
        values: [
          { itemCode: 'economy.gross_output', quantity: 5000, unit: '万元' },
          { itemCode: 'economy.value_added', quantity: 900, unit: '万元' },
          { itemCode: 'product.plated_area', name: '镀件面积', quantity: 100000, unit: 'm2' },
        ],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const again = await ent.post(`/api/annual/enterprises/${world.ids.entA}/years/2023/submit`, {
        version: saved.json().submission.version,
      });
      expect(again.statusCode, again.body).toBe(200);
    }
    const wb = await workbookOf(await ent.get(entWorkbook()));
    // Unchanged, the locked year is no problem: the downloaded workbook imports as it is.
    const asIs = await ent.upload(entImport('&dryRun=true'), await bytesOf(wb));
    expect(asIs.json().ok, asIs.body).toBe(true);
    const energy = sheet(wb, '能源');
    expect(energy.getCell('C3').value).toBe('电力');
    energy.getCell('D3').value = 130;
    const basic = sheet(wb, '基本信息');
    rowOf(basic, usccA, 2022).getCell(colOf(basic, 'economy.value_added')).value = 700;
    const before = await counts();
    const res = (await ent.upload(entImport(), await bytesOf(wb))).json();
    expect(res.ok).toBe(false);
    expect(res.problems).toEqual([
      expect.objectContaining({ sheet: '能源', row: 3, cell: 'D3', field: 'energy.electricity' }),
    ]);
    expect(res.problems[0].message).toContain('2023 年数据已提交，已锁定，不能修改');
    expect(await counts()).toEqual(before);
  });

  it('audit-wide import: the bureau cannot write enterprise data; an enterprise cannot write another’s rows', async () => {
    const bureau = await as('nanjing');
    const wb = await workbookOf(await bureau.get(`${base()}/workbook.xlsx`));
    const basic = sheet(wb, '基本信息');
    rowOf(basic, usccC, 2024).getCell(colOf(basic, 'economy.gross_output')).value = 100;
    const bytes = await bytesOf(wb);
    const before = await counts();
    const res = (await bureau.upload(`${base()}/workbook`, bytes)).json();
    expect(res.ok).toBe(false);
    expect(res.problems.map((p: { message: string }) => p.message)).toContain(
      `‘基本信息’表第 ${rowOf(basic, usccC, 2024).number} 行 A 列：您没有填报 ${nameC}（${usccC}）数据的权限`,
    );
    // entA's audit-wide view lists only itself: entC's row is not a key it may use.
    const mine = (await (await as('enta')).upload(`${base()}/workbook`, bytes)).json();
    expect(mine.ok).toBe(false);
    expect(
      mine.problems.some((p: { message: string }) => p.message.includes('不在本次审核的企业名单中')),
    ).toBe(true);
    expect(await counts()).toEqual(before);
    // The per-enterprise import: the supervising bureau sees entA but may not enter its data (403).
    expect((await bureau.upload(entImport(), bytes)).statusCode).toBe(403);
    // Outsiders: 404 before the file is even read.
    expect((await (await as('entb')).upload(`${base()}/workbook`, bytes)).statusCode).toBe(404);
    expect((await (await as('entb')).upload(entImport(), bytes)).statusCode).toBe(404);
  });

  it('refuses a file that is not a workbook, and one over the upload limit (413)', async () => {
    const ent = await as('enta');
    const pdf = (await ent.upload(entImport(), new TextEncoder().encode('%PDF-1.7 not a workbook'))).json();
    expect(pdf).toMatchObject({
      ok: false,
      problems: [{ sheet: null, message: expect.stringContaining('识别为PDF 文件') }],
    });
    const big = new Uint8Array(MAX + 10);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const res = await ent.upload(entImport(), big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('list exports', () => {
  async function rowsOf(res: LightMyRequestResponse): Promise<unknown[][]> {
    const wb = await workbookOf(res);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const out: unknown[][] = [];
    ws.eachRow((r, n) => {
      if (n >= 2) out.push((r.values as unknown[]).slice(1));
    });
    return out;
  }

  it('each audit list re-read equals the API list', async () => {
    const bureau = await as('nanjing');
    const ents = await rowsOf(await bureau.get(`${base()}/exports/enterprises.xlsx`));
    const api = (await bureau.get(`${base()}/enterprises?limit=500`)).json();
    expect(ents[0]?.slice(0, 2)).toEqual(['统一社会信用代码', '企业名称']);
    expect(ents.slice(1).map((r) => [r[0], r[1]])).toEqual(
      api.items.map((e: { uscc: string; enterpriseName: string }) => [e.uscc, e.enterpriseName]),
    );
    const options = await rowsOf(await bureau.get(`${base()}/exports/options.xlsx`));
    const apiOptions = (await bureau.get(`${base()}/options?limit=500`)).json();
    expect(options[0]).toContain('计划投资（万元）');
    expect(options.slice(1).map((r) => r[1])).toEqual(apiOptions.items.map((o: { name: string }) => o.name));
    const targets = await rowsOf(await bureau.get(`${base()}/exports/targets.xlsx`));
    expect(targets.slice(1).map((r) => [r[0], r[1], r[5]])).toEqual([['减污', '总铬排放量', 10]]);
    const evidence = await rowsOf(await bureau.get(`${base()}/exports/evidence.xlsx`));
    expect(evidence).toHaveLength(1); // header only: no evidence uploaded
    expect((await bureau.get(`${base()}/exports/photos.xlsx`)).statusCode).toBe(400);
    expect((await (await as('entb')).get(`${base()}/exports/options.xlsx`)).statusCode).toBe(404);
  });

  it('the enterprise list is scoped like the API list', async () => {
    const mine = await rowsOf(await (await as('enta')).get('/api/enterprises/export.xlsx'));
    expect(mine.slice(1).map((r) => r[0])).toEqual([usccA]);
    const all = await rowsOf(await (await as('admin')).get('/api/enterprises/export.xlsx'));
    const api = (await (await as('admin')).get('/api/enterprises?limit=500')).json();
    expect(all.slice(1).map((r) => r[0])).toEqual(api.items.map((e: { uscc: string }) => e.uscc));
  });
});

describe('indicator-system workbooks (admin)', () => {
  it('template download and import: a new revision through the same service as the JSON import', async () => {
    const admin = await as('admin');
    const list = (await admin.get(`/api/indicator-systems?code=${ELECTROPLATING_2015.id}`)).json();
    const id = list.items[0].id as string;
    const wb = await workbookOf(await admin.get(`/api/indicator-systems/template.xlsx?systemId=${id}`));
    sheet(wb, '体系').getCell('B3').value = '电镀行业指标体系（表格导入）';
    const bytes = await bytesOf(wb);
    const dry = (await admin.upload('/api/indicator-systems/workbook?dryRun=true', bytes)).json();
    expect(dry).toEqual({ ok: true, dryRun: true, problems: [], system: null });
    const res = await admin.upload('/api/indicator-systems/workbook', bytes);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().system).toMatchObject({
      code: ELECTROPLATING_2015.id,
      name: '电镀行业指标体系（表格导入）',
    });
    expect((await admin.get('/api/indicator-systems/template.xlsx')).statusCode).toBe(200);
  });

  it('refuses other roles (403) and reports a broken system without importing it', async () => {
    expect((await (await as('nanjing')).get('/api/indicator-systems/template.xlsx')).statusCode).toBe(403);
    const admin = await as('admin');
    const wb = await workbookOf(await admin.get('/api/indicator-systems/template.xlsx'));
    const before = (await world.database.db.select().from(indicatorSystems)).length;
    const res = (await admin.upload('/api/indicator-systems/workbook', await bytesOf(wb))).json();
    expect(res.ok).toBe(false);
    expect(res.problems.length).toBeGreaterThan(0);
    expect((await world.database.db.select().from(indicatorSystems)).length).toBe(before);
    expect(
      (await (await as('nanjing')).upload('/api/indicator-systems/workbook', await bytesOf(wb))).statusCode,
    ).toBe(403);
  });
});
