/**
 * 现状分析 endpoints (issue 8): standards (every role reads, the admin writes new revisions and retires), an
 * enterprise's monitoring samples and compliance facts (its users and consultants write, the bureau reads, other
 * organisations see nothing), the compliance of an enterprise-year, the audit's status analysis, and bad input
 * changing nothing.
 *
 * Worked example (hand calculation; GB 21900-2008 表2 and 单位产品基准排水量, facts §10; the core converts):
 *   南京甲电镀 2024, existing installation (表2 applies from 2010-07-01), single-layer plating, not a key region.
 *   Annual data: plated area 10 000 m², wastewater emitted 3 000 t (= 3 000 m³).
 *   Actual drainage per m² = 3 000 m³ ÷ 10 000 m² = 0.3 m³/m² = 300 L/m² > benchmark 200 L/m² (single layer, 表2),
 *   so concentrations are converted: C_基 = C_实 × 3 000 ÷ (10 000 × 0.200) = C_实 × 1.5.
 *   - 总镍 at the workshop outlet, 0.45 mg/L measured (≤ 0.5): converted 0.675 mg/L > 0.5 → exceedance (表2).
 *   - 氨氮 at the total outlet, 8 mg/L: converted 12 mg/L ≤ 15 → passes.
 *   Quota of COD 0.1 t/a against 0.15 t emitted → over the total-load quota (双超 by quota).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualSubmissions, annualValues, enterprises } from '../../src/db/index.ts';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let entA: Client;
let entB: Client;
let consultant: Client;
let nanjing: Client;
let guangdong: Client;
let expert: Client;

async function count(table: string): Promise<number> {
  const [r] = await queryRows(world.database.db, sql.raw(`select count(*)::int as n from ${table}`));
  return Number(r?.n);
}

async function auditLogHead(): Promise<string> {
  const [r] = await queryRows(
    world.database.db,
    sql`select count(*)::int as n, max(seq)::text as s from audit_log`,
  );
  return `${r?.n}/${r?.s}`;
}

beforeAll(async () => {
  world = await createWorld();
  [admin, entA, entB, consultant, nanjing, guangdong, expert] = await Promise.all([
    world.as('admin'),
    world.as('entA'),
    world.as('entB'),
    world.as('consultant'),
    world.as('nanjing'),
    world.as('guangdong'),
    world.as('expert'),
  ]);
  const db = world.database.db;
  // GB 21900-2008 applies to GB/T 4754 class 3360 (金属表面处理及热处理加工).
  await db.update(enterprises).set({ industryCode: '3360' }).where(eq(enterprises.id, world.ids.entA));
  await db.insert(annualSubmissions).values({ enterpriseId: world.ids.entA, year: 2024, status: 'draft' });
  await db.insert(annualValues).values(
    (
      [
        ['product', 'product.plated_area', 10_000, 'm2', '镀锌件'],
        ['pollutant_emitted', 'pollutant_emitted.wastewater', 3_000, 't', null],
        ['pollutant_emitted', 'pollutant_emitted.cod', 0.15, 't', null],
        ['pollutant_emitted', 'pollutant_emitted.class_i.ni', 1.35, 'kg', null],
      ] as const
    ).map(([category, itemCode, quantity, unit, name]) => ({
      enterpriseId: world.ids.entA,
      year: 2024,
      category,
      itemCode,
      quantity,
      unit,
      name,
    })),
  );
});

afterAll(async () => {
  await world?.close();
});

describe('standards', () => {
  it('every signed-in role lists the built-in standards (seeded on first need)', async () => {
    for (const c of [entA, nanjing, expert, admin]) {
      const res = await c.get('/api/standards');
      expect(res.statusCode, res.body).toBe(200);
      const codes = res.json().items.map((s: { code: string }) => s.code);
      expect(codes).toEqual(expect.arrayContaining(['GB 21900-2008', 'GB 8978-1996']));
    }
    const anonymous = await world.app.inject({ method: 'GET', url: '/api/standards' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('the admin edits a standard as a new revision; others are refused; retired standards stay readable', async () => {
    const list = (await admin.get('/api/standards?kind=emission')).json().items as {
      id: string;
      code: string;
      version: number;
    }[];
    const gb = list.find((s) => s.code === 'GB 21900-2008');
    if (!gb) throw new Error('GB 21900-2008 missing');
    const detail = (await admin.get(`/api/standards/${gb.id}`)).json();
    expect(detail.builtIn).toBe(true);
    expect(detail.body.tables.length).toBeGreaterThanOrEqual(3);
    const body = { ...detail.body, note: '管理员修订测试' };

    const before = await auditLogHead();
    const refused = await entA.patch(`/api/standards/${gb.id}`, { version: gb.version, body });
    expect(refused.statusCode).toBe(403);
    const bureau = await nanjing.post('/api/standards', { body: { ...body, code: 'DB32/TEST' } });
    expect(bureau.statusCode).toBe(403);
    // Bad input: a limit with an unknown pollutant is refused naming the field, and nothing is written.
    const bad = structuredClone(body);
    bad.tables[0].limits[0].pollutant = 'no_such_pollutant';
    const badRes = await admin.patch(`/api/standards/${gb.id}`, { version: gb.version, body: bad });
    expect(badRes.statusCode).toBe(400);
    expect(badRes.json().error.field).toMatch(/^body\.body\.tables\.0\.limits\.0\.pollutant/);
    expect(await auditLogHead()).toBe(before);

    const edited = await admin.patch(`/api/standards/${gb.id}`, { version: gb.version, body });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      code: 'GB 21900-2008',
      revision: 2,
      status: 'active',
      builtIn: false,
    });
    const old = (await admin.get(`/api/standards/${gb.id}`)).json();
    expect(old.status).toBe('superseded');
    // A stale version conflicts.
    const stale = await admin.patch(`/api/standards/${gb.id}`, { version: gb.version, body });
    expect(stale.statusCode).toBe(409);
    // The list shows the newest revision only, unless history is asked for.
    const newest = (await entA.get('/api/standards'))
      .json()
      .items.filter((s: { code: string }) => s.code === 'GB 21900-2008');
    expect(newest).toHaveLength(1);
    const all = (await entA.get('/api/standards?history=true'))
      .json()
      .items.filter((s: { code: string }) => s.code === 'GB 21900-2008');
    expect(all).toHaveLength(2);

    // A new code; then retired.
    const added = await admin.post('/api/standards', {
      body: { ...body, code: 'DB32/TEST-2024', title: '测试标准' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const retired = await admin.post(`/api/standards/${added.json().id}/retire`, {
      version: added.json().version,
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().status).toBe('withdrawn');
    const again = await admin.post(`/api/standards/${added.json().id}/retire`, {
      version: retired.json().version,
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('monitoring samples and compliance facts', () => {
  let sampleId = '';
  let sampleVersion = 0;

  it('the enterprise user and its consultant write; the bureau reads; other organisations see nothing', async () => {
    const url = `/api/enterprises/${world.ids.entA}/monitoring-samples`;
    const ni = await entA.post(url, {
      year: 2024,
      pointName: '镀镍车间排放口',
      pointKind: 'workshop',
      pollutant: 'class_i.ni',
      concentration: 0.45,
      sampledOn: '2024-06-30',
      sampleCount: 4,
      source: '自行监测',
    });
    expect(ni.statusCode, ni.body).toBe(201);
    expect(ni.json()).toMatchObject({
      pollutant: 'class_i.ni',
      pollutantZh: '总镍',
      unit: 'mg/L',
      version: 1,
    });
    sampleId = ni.json().id;
    sampleVersion = ni.json().version;
    const nh3 = await consultant.post(url, {
      year: 2024,
      pointName: '废水总排放口',
      pointKind: 'total',
      pollutant: 'nh3_n',
      concentration: 8,
    });
    expect(nh3.statusCode, nh3.body).toBe(201);

    expect((await nanjing.get(url)).json().total).toBe(2);
    expect(
      (
        await nanjing.post(url, {
          year: 2024,
          pointName: 'x',
          pointKind: 'total',
          pollutant: 'cod',
          concentration: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect((await guangdong.get(url)).statusCode).toBe(404);
    expect((await entB.get(url)).statusCode).toBe(404);
    expect(
      (await entB.patch(`/api/monitoring-samples/${sampleId}`, { version: 1, concentration: 9 })).statusCode,
    ).toBe(404);
  });

  it('bad input names the field and changes nothing', async () => {
    const url = `/api/enterprises/${world.ids.entA}/monitoring-samples`;
    const before = [await count('monitoring_samples'), await auditLogHead()];
    const unknown = await entA.post(url, {
      year: 2024,
      pointName: '总排口',
      pointKind: 'total',
      pollutant: 'unobtainium',
      concentration: 1,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'body.pollutant' });
    const negative = await entA.post(url, {
      year: 2024,
      pointName: '总排口',
      pointKind: 'total',
      pollutant: 'cod',
      concentration: -3,
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.field).toBe('body.concentration');
    const facts = await entA.put(`/api/enterprises/${world.ids.entA}/compliance-facts/2024`, {
      keyRegion: false,
      installation: 'existing',
      loadQuotas: [
        { pollutant: 'cod', quota_tPerA: 1 },
        { pollutant: 'cod', quota_tPerA: 2 },
      ],
    });
    expect(facts.statusCode).toBe(400);
    expect(facts.json().error.field).toBe('body.loadQuotas.1.pollutant');
    expect([await count('monitoring_samples'), await auditLogHead()]).toEqual(before);
  });

  it('updates with the version read, and refuses a stale one', async () => {
    const ok = await entA.patch(`/api/monitoring-samples/${sampleId}`, {
      version: sampleVersion,
      sampleCount: 5,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ sampleCount: 5, concentration: 0.45, version: sampleVersion + 1 });
    const stale = await entA.patch(`/api/monitoring-samples/${sampleId}`, {
      version: sampleVersion,
      sampleCount: 6,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('compliance facts: defaults before the first entry, then stored with a version', async () => {
    const url = `/api/enterprises/${world.ids.entA}/compliance-facts/2024`;
    const empty = (await nanjing.get(url)).json();
    expect(empty).toMatchObject({ stored: false, installation: 'existing', keyRegion: false, version: null });
    const put = await entA.put(url, {
      keyRegion: false,
      installation: 'existing',
      commissionedOn: '2008-05-01',
      platingLayers: 'single',
      loadQuotas: [{ pollutant: 'cod', quota_tPerA: 0.1 }],
      usesToxicMaterials: true,
      toxicMaterialsNote: '硫酸镍',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ stored: true, platingLayers: 'single', version: 1 });
    const withoutVersion = await entA.put(url, { keyRegion: true, installation: 'existing' });
    expect(withoutVersion.statusCode).toBe(409);
    expect(
      (await nanjing.put(url, { version: 1, keyRegion: true, installation: 'existing' })).statusCode,
    ).toBe(403);
  });
});

describe('compliance of an enterprise-year (worked example in the file header)', () => {
  it('converts to the benchmark drainage and judges against 表2, with quotas and the tax', async () => {
    const res = await nanjing.get(`/api/enterprises/${world.ids.entA}/compliance/2024`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.inputs.drainage).toEqual({ actualDrainage_m3: 3000, platedArea_m2: 10_000, layers: 'single' });
    const ni = c.result.checks.find((x: { pollutant: string }) => x.pollutant === 'class_i.ni');
    expect(ni.measured).toBe(0.45);
    // 0.45 × 3 000 ÷ (10 000 × 0.2) = 0.675 > 0.5
    expect(ni.converted).toBeCloseTo(0.675, 10);
    expect(ni.limit.max).toBe(0.5);
    expect(ni.verdict).toBe('exceed');
    expect(ni.standard).toBe('GB 21900-2008');
    expect(ni.table).toBe('表2');
    const nh3 = c.result.checks.find((x: { pollutant: string }) => x.pollutant === 'nh3_n');
    // 8 × 1.5 = 12 ≤ 15
    expect(nh3.converted).toBeCloseTo(12, 10);
    expect(nh3.verdict).toBe('pass');
    expect(c.result.exceedances).toHaveLength(1);
    const quota = c.result.quotas.find((q: { pollutant: string }) => q.pollutant === 'cod');
    expect(quota).toMatchObject({ quota_tPerA: 0.1, emitted_tPerA: 0.15, verdict: 'exceed' });
    const doubleExceed = c.result.mandatory.find((m: { id: string }) => m.id === 'double-exceed');
    expect(doubleExceed.met).toBe(true);
    // Tax: 南京 water 8.4 元/eq (facts §8). COD 150 kg ÷ 1 kg = 150 eq; 总镍 1.35 kg ÷ 0.025 kg = 54 eq;
    // (150 + 54) × 8.4 = 1 713.6 元 (one class-I and one other pollutant: both within their top-N).
    expect(c.tax.total_yuan).toBeCloseTo(1713.6, 6);
    // Other organisations see nothing.
    expect((await guangdong.get(`/api/enterprises/${world.ids.entA}/compliance/2024`)).statusCode).toBe(404);
  });
});

describe('status analysis of an audit', () => {
  it('the bureau reads it for its audit; an enterprise outside the list and another province do not', async () => {
    const created = await nanjing.post('/api/audits', {
      title: '南京市电镀行业清洁生产审核（现状分析）',
      regionCode: '320100',
      industryCodes: ['336'],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    const auditId = created.json().id;
    const add = await nanjing.post(`/api/audits/${auditId}/enterprises`, { enterpriseId: world.ids.entA });
    expect(add.statusCode, add.body).toBe(201);
    const res = await nanjing.get(`/api/audits/${auditId}/status-analysis`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.year).toBe(2024);
    expect(s.counts).toMatchObject({ enterprises: 1, withExceedances: 1, doubleExceed: 1 });
    expect(s.enterprises[0].exceedances[0]).toMatchObject({ pollutant: 'class_i.ni', verdict: 'exceed' });
    expect(s.tax.total_wanYuan).toBeCloseTo(0.17136, 8);
    expect((await guangdong.get(`/api/audits/${auditId}/status-analysis`)).statusCode).toBe(404);
    expect((await entB.get(`/api/audits/${auditId}/status-analysis`)).statusCode).toBe(404);
  });
});
