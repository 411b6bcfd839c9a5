/**
 * Indicator systems, evaluations and benchmarking over HTTP: the shipped electroplating system seeded on first use,
 * import (admin, versioned by code), evaluation of an enterprise-year from its stored indicator values (Y_Ⅰ/Y_Ⅱ/Y_Ⅲ
 * worked by hand below), the evaluation list and detail, benchmarking with anonymised peers.
 */
import { ELECTROPLATING_2015 } from '@cpaudit/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let entA: Client;
let entB: Client;
let entC: Client;
let nanjing: Client;
let guangdong: Client;
let panel: Client;
let expert: Client;

beforeAll(async () => {
  world = await createWorld();
  [admin, entA, entB, entC, nanjing, guangdong, panel, expert] = await Promise.all([
    world.as('admin'),
    world.as('entA'),
    world.as('entB'),
    world.as('entC'),
    world.as('nanjing'),
    world.as('guangdong'),
    world.as('panel'),
    world.as('expert'),
  ]);
});
afterAll(async () => {
  await world?.close();
});

/** A small system for hand calculation: w = 0.6 / 0.4; ω = 0.5 / 0.5 and 1. */
function testSystem(name = '测试电镀评价指标体系') {
  return {
    id: 'test-plating',
    name,
    industry: ['336'],
    year: 2024,
    version: 'v1',
    issuer: '测试机构',
    source: { document: '测试用指标体系', status: 'user' },
    method: 'ygk-2013',
    groups: [
      {
        id: 'resource',
        name: '资源消耗',
        weight: 0.6,
        indicators: [
          {
            id: 'water-per-area',
            name: '单位面积取水量',
            kind: 'quantitative',
            unit: 'L/m2',
            direction: 'le',
            weight: 0.5,
            limiting: true,
            status: 'user',
            benchmarks: { I: 8, II: 24, III: 40 },
          },
          {
            id: 'zinc-rate',
            name: '锌利用率',
            kind: 'quantitative',
            unit: '%',
            direction: 'ge',
            weight: 0.5,
            limiting: false,
            status: 'user',
            benchmarks: { I: 82, II: 80, III: 75 },
          },
        ],
      },
      {
        id: 'management',
        name: '清洁生产管理',
        weight: 0.4,
        indicators: [
          {
            id: 'cp-system',
            name: '清洁生产管理制度',
            kind: 'qualitative',
            weight: 1,
            limiting: false,
            status: 'user',
            benchmarks: { I: '制度完善并全部执行', II: '制度完善', III: '有基本制度' },
          },
        ],
      },
    ],
  };
}

const yearUrl = (enterpriseId: string, year: number) =>
  `/api/annual/enterprises/${enterpriseId}/years/${year}`;
let testSystemId = '';
let builtInId = '';
let evaluationA = '';

async function systemsCount(): Promise<number> {
  const rows = await queryRows(world.database.db, sql`select count(*)::int as n from indicator_systems`);
  return Number(rows[0]?.n);
}

describe('indicator systems', () => {
  it('seeds the shipped electroplating system on first use and lists it', async () => {
    const res = await entA.get('/api/indicator-systems');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const ep = body.items.find((s: { code: string }) => s.code === 'electroplating-2015-table1');
    expect(ep).toMatchObject({
      revision: 1,
      builtIn: true,
      status: 'active',
      year: 2015,
      industryCodes: ['3360'],
      indicatorCount: ELECTROPLATING_2015.groups.reduce((n, g) => n + g.indicators.length, 0),
      source: { status: 'unverified' },
    });
    builtInId = ep.id;
    // Listing again does not seed twice.
    await entB.get('/api/indicator-systems');
    expect(await systemsCount()).toBe(1);
    expect((await world.app.inject({ method: 'GET', url: '/api/indicator-systems' })).statusCode).toBe(401);
  });

  it('returns the definition and its relational projection', async () => {
    const res = await entB.get(`/api/indicator-systems/${builtInId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.definition.id).toBe('electroplating-2015-table1');
    const rows = new Map(body.indicators.map((i: { code: string }) => [i.code, i]));
    // 表1 row 5, 单位产品每次清洗取水量 ≤ 8 / 24 / 40 L/m2, 限定性 (facts §4.3).
    expect(rows.get('rinse-water-per-area')).toMatchObject({
      tier: 2,
      parentCode: 'resource-consumption',
      unit: 'L/m2',
      direction: 'le',
      restrictive: true,
      levels: { I: 8, II: 24, III: 40 },
      itemCode: 'indicator.electroplating_2015_table1.rinse_water_per_area',
    });
    // Metal utilisation rates weigh 0.8/n (footnote ④).
    expect(rows.get('zinc-utilisation')).toMatchObject({
      weight: null,
      weightExpr: '0.8/n (metal-utilisation)',
    });
    expect(rows.get('resource-consumption')).toMatchObject({ tier: 1, weight: 0.1, parentCode: null });
    expect((await entB.get('/api/indicator-systems/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it('imports a system (admin only), versioned by code', async () => {
    expect((await entA.post('/api/indicator-systems', { system: testSystem() })).statusCode).toBe(403);
    expect((await nanjing.post('/api/indicator-systems', { system: testSystem() })).statusCode).toBe(403);
    const first = await admin.post('/api/indicator-systems', { system: testSystem() });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      code: 'test-plating',
      revision: 1,
      builtIn: false,
      status: 'active',
      versionLabel: 'v1',
      importedBy: { id: world.ids.users.admin },
      indicatorCount: 3,
    });
    // 2 groups + 3 indicators.
    expect(first.json().indicators).toHaveLength(5);

    const second = await admin.post('/api/indicator-systems', {
      system: testSystem('测试电镀评价指标体系（修订）'),
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ revision: 2, supersedesId: first.json().id, status: 'active' });
    testSystemId = second.json().id;

    const active = (await entA.get('/api/indicator-systems?code=test-plating')).json();
    expect(active.items.map((s: { revision: number }) => s.revision)).toEqual([2]);
    const all = (await entA.get('/api/indicator-systems?code=test-plating&all=true')).json();
    expect(all.items.map((s: { revision: number; status: string }) => [s.revision, s.status])).toEqual([
      [1, 'superseded'],
      [2, 'active'],
    ]);
    const byIndustry = (await entA.get('/api/indicator-systems?industry=3360&sort=code')).json();
    expect(byIndustry.items.map((s: { code: string }) => s.code)).toEqual([
      'electroplating-2015-table1',
      'test-plating',
    ]);
    expect((await entA.get('/api/indicator-systems?industry=398')).json().total).toBe(0);
    expect((await entA.get('/api/indicator-systems?q=修订')).json().total).toBe(1);

    const log = await queryRows(
      world.database.db,
      sql`select action, actor_user_id from audit_log where entity = 'indicator_systems' and entity_id = ${first.json().id} order by seq`,
    );
    expect(log).toEqual([
      { action: 'insert', actor_user_id: world.ids.users.admin },
      { action: 'update', actor_user_id: world.ids.users.admin },
    ]);
  });

  it('refuses an invalid system, naming the field, and stores nothing', async () => {
    const before = await systemsCount();
    const bad = testSystem();
    const group = bad.groups[0];
    if (group) group.weight = 0.5; // 0.5 + 0.4 = 0.9 ≠ 1
    const res = await admin.post('/api/indicator-systems', { system: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.json().error.issues.map((i: { field: string }) => i.field)).toContain('body.system.groups');

    const clash = testSystem();
    const ind = clash.groups[0]?.indicators[0];
    if (ind) ind.id = 'management';
    const res2 = await admin.post('/api/indicator-systems', { system: clash });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.field).toBe('body.system.groups.0.indicators.0.id');

    expect((await admin.post('/api/indicator-systems', { system: testSystem(), extra: 1 })).statusCode).toBe(
      400,
    );
    expect(await systemsCount()).toBe(before);
  });
});

describe('evaluations', () => {
  it('evaluates an enterprise-year from its stored values: Y_Ⅰ 0, Y_Ⅱ 70, Y_Ⅲ 100 → Ⅲ', async () => {
    const saved = await entA.put(yearUrl(world.ids.entA, 2023), {
      version: 0,
      values: [
        // 0.03 m3/m2 = 30 L/m2: Ⅲ (≤ 40) but not Ⅱ (≤ 24).
        { itemCode: 'indicator.test_plating.water_per_area', quantity: 0.03, unit: 'm3/m2' },
        // 81 %: Ⅱ (≥ 80) but not Ⅰ (≥ 82).
        { itemCode: 'indicator.test_plating.zinc_rate', quantity: 81, unit: '%' },
        { itemCode: 'indicator.test_plating.cp_system', level: 'II', note: '制度完善，执行中' },
        { itemCode: 'indicator.electroplating_2015_table1.cleaner_process', level: 'II' },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const res = await entA.post('/api/evaluations', {
      enterpriseId: world.ids.entA,
      year: 2023,
      systemId: testSystemId,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    evaluationA = body.id;
    // Y_Ⅰ = 0.6·(0.5·0 + 0.5·0)·100 + 0.4·(1·0)·100 = 0
    // Y_Ⅱ = 0.6·(0.5·0 + 0.5·100) + 0.4·(1·100) = 30 + 40 = 70
    // Y_Ⅲ = 0.6·(0.5·100 + 0.5·100) + 0.4·(1·100) = 60 + 40 = 100 → Ⅲ (Y_Ⅱ < 85)
    expect(body.Y.I).toBeCloseTo(0, 9);
    expect(body.Y.II).toBeCloseTo(70, 9);
    expect(body.Y.III).toBeCloseTo(100, 9);
    expect(body).toMatchObject({
      grade: 'III',
      gradeName: 'Ⅲ级 国内清洁生产一般水平',
      basis: 'annual',
      systemRevision: 2,
      enterpriseName: '南京甲电镀有限公司',
      evaluatedBy: { id: world.ids.users.entA },
    });
    const ind = new Map<string, { code: string; note: string | null }>(
      body.indicators.map((i: { code: string; note: string | null }) => [i.code, i]),
    );
    // Gap to Ⅱ: 30 − 24 = 6 L/m², 6 / 30 = 20 %.
    expect(ind.get('water-per-area')).toMatchObject({
      value: 30,
      level: 'III',
      limiting: true,
      groupCode: 'resource',
    });
    expect(ind.get('water-per-area')?.note).toContain('Ⅱ级需 ≤24，差 6 L/m²（20%）');
    expect(ind.get('zinc-rate')).toMatchObject({ value: 81, level: 'II' });
    expect(ind.get('cp-system')).toMatchObject({ value: null, valueText: '制度完善，执行中', level: 'II' });
    expect(body.breakdown.clause.document).toContain('清洁生产评价指标体系编制通则');

    const rows = await queryRows(
      world.database.db,
      sql`select y_ii, grade, evaluated_by from evaluations where id = ${body.id}`,
    );
    expect(rows).toEqual([{ y_ii: 70, grade: 'III', evaluated_by: world.ids.users.entA }]);
    const log = await queryRows(
      world.database.db,
      sql`select actor_user_id from audit_log where entity = 'evaluations' and action = 'insert'`,
    );
    expect(log).toEqual([{ actor_user_id: world.ids.users.entA }]);
  });

  it('renormalises a not-applicable indicator (5-3) and lets the supervising bureau evaluate: Ⅱ', async () => {
    const saved = await entC.put(yearUrl(world.ids.entC, 2023), {
      version: 0,
      values: [
        { itemCode: 'economy.gross_output', quantity: 800 },
        { itemCode: 'economy.value_added', quantity: 200 },
        { itemCode: 'product.parts', name: '镀镍件', quantity: 20000, unit: 'm2' },
        { itemCode: 'indicator.test_plating.water_per_area', quantity: 20, unit: 'L/m2' },
        { itemCode: 'indicator.test_plating.zinc_rate', notApplicable: true },
        { itemCode: 'indicator.test_plating.cp_system', level: 'I' },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const res = await nanjing.post('/api/evaluations', {
      enterpriseId: world.ids.entC,
      year: 2023,
      systemId: testSystemId,
      basis: 'status',
    });
    expect(res.statusCode).toBe(201);
    // Zinc does not apply: ω'(water) = 0.5 / 0.5 = 1.
    // Y_Ⅰ = 0.6·(1·0) + 0.4·(1·100) = 40; Y_Ⅱ = 0.6·100 + 0.4·100 = 100; Y_Ⅲ = 100.
    // Ⅰ needs Y_Ⅰ ≥ 85: no. Ⅱ: Y_Ⅱ ≥ 85 and the limiting water indicator at Ⅱ: yes.
    const body = res.json();
    expect(body.Y.I).toBeCloseTo(40, 9);
    expect(body.Y.II).toBeCloseTo(100, 9);
    expect(body).toMatchObject({
      grade: 'II',
      basis: 'status',
      evaluatedBy: { id: world.ids.users.nanjing },
    });
    expect(body.indicators.find((i: { code: string }) => i.code === 'zinc-rate')).toMatchObject({
      applicable: false,
      level: null,
    });
  });

  it('evaluates against the shipped system: 0.33 · 0.15 · 100 = 4.95 and not rated', async () => {
    const res = await entA.post('/api/evaluations', {
      enterpriseId: world.ids.entA,
      year: 2023,
      systemId: builtInId,
    });
    expect(res.statusCode).toBe(201);
    // Only 采用清洁生产工艺 (w 0.33, ω 0.15) has a value, at Ⅱ; every other applicable indicator is missing (0).
    expect(res.json().Y.II).toBeCloseTo(4.95, 9);
    expect(res.json().Y.III).toBeCloseTo(4.95, 9);
    expect(res.json().grade).toBe('unrated');
    const missing = res.json().indicators.filter((i: { note: string | null }) => i.note?.includes('未填报'));
    expect(missing.length).toBeGreaterThan(0);
  });

  it('is refused to other organisations (404) and to roles that do not evaluate (403); bad input is 400', async () => {
    const body = { enterpriseId: world.ids.entA, year: 2023, systemId: testSystemId };
    expect((await entB.post('/api/evaluations', body)).statusCode).toBe(404);
    expect((await guangdong.post('/api/evaluations', body)).statusCode).toBe(404);
    expect((await panel.post('/api/evaluations', body)).statusCode).toBe(403);
    expect((await expert.post('/api/evaluations', body)).statusCode).toBe(403);
    const unknown = await entA.post('/api/evaluations', {
      ...body,
      systemId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    // No indicator value stored for 2021: nothing to evaluate.
    const empty = await entA.post('/api/evaluations', { ...body, year: 2021 });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe('NOT_COMPUTABLE');
    const bad = await entA.post('/api/evaluations', { ...body, year: 1800 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.year');
    const rows = await queryRows(world.database.db, sql`select count(*)::int as n from evaluations`);
    expect(rows[0]?.n).toBe(3);
  });

  it('lists and shows evaluations within the caller’s scope', async () => {
    const mine = (await entA.get('/api/evaluations')).json();
    expect(mine.total).toBe(2);
    const bureau = (await nanjing.get('/api/evaluations?sort=enterpriseName')).json();
    expect(bureau.total).toBe(3);
    expect((await nanjing.get(`/api/evaluations?enterpriseId=${world.ids.entC}`)).json().total).toBe(1);
    expect((await nanjing.get(`/api/evaluations?systemId=${testSystemId}&year=2023`)).json().total).toBe(2);
    expect((await entB.get('/api/evaluations')).json().total).toBe(0);
    expect((await guangdong.get('/api/evaluations')).json().total).toBe(0);

    const detail = await nanjing.get(`/api/evaluations/${evaluationA}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ grade: 'III', gradeName: 'Ⅲ级 国内清洁生产一般水平' });
    expect(detail.json().indicators).toHaveLength(3);
    expect((await entB.get(`/api/evaluations/${evaluationA}`)).statusCode).toBe(404);
    expect((await entC.get(`/api/evaluations/${evaluationA}`)).statusCode).toBe(404);
  });
});

describe('benchmarking', () => {
  const url = () => `/api/indicator-systems/${testSystemId}/benchmark?indicator=water-per-area&year=2023`;

  it('shows a bureau its enterprises by name with their levels, best first', async () => {
    const res = await nanjing.get(url());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.indicator).toMatchObject({
      id: 'water-per-area',
      unit: 'L/m2',
      levels: { I: 8, II: 24, III: 40 },
    });
    expect(body.anonymised).toBe(false);
    // entC 20 L/m2 (≤ 24: Ⅱ), entA 30 L/m2 (≤ 40: Ⅲ); smaller is better.
    expect(
      body.entries.map((e: { label: string; value: number; level: string }) => [e.label, e.value, e.level]),
    ).toEqual([
      ['南京丙表面处理有限公司', 20, 'II'],
      ['南京甲电镀有限公司', 30, 'III'],
    ]);
    expect(body.counts).toEqual({ I: 0, II: 1, III: 1, none: 0, notApplicable: 0 });
    expect((await guangdong.get(url())).json().entries).toEqual([]);
  });

  it('shows an enterprise its own value by name and submitted peers anonymised', async () => {
    const before = (await entA.get(url())).json();
    // entC's data is still a draft: not compared.
    expect(before.entries.map((e: { label: string }) => e.label)).toEqual(['南京甲电镀有限公司']);
    expect(before.entries[0]).toMatchObject({ own: true, enterpriseId: world.ids.entA });

    expect((await entC.post(`${yearUrl(world.ids.entC, 2023)}/submit`, { version: 1 })).statusCode).toBe(200);
    const after = (await entA.get(url())).json();
    expect(after.anonymised).toBe(true);
    expect(after.entries).toEqual([
      {
        enterpriseId: null,
        label: '同行企业 1',
        own: false,
        value: 20,
        level: 'II',
        dataStatus: 'submitted',
        rank: 1,
      },
      {
        enterpriseId: world.ids.entA,
        label: '南京甲电镀有限公司',
        own: true,
        value: 30,
        level: 'III',
        dataStatus: 'draft',
        rank: 2,
      },
    ]);
    expect(after.total).toBe(2);
    expect(after.positions).toMatchObject([{ enterpriseId: world.ids.entA, rank: 2 }]);
    const json = JSON.stringify(after);
    expect(json).not.toContain(world.ids.entC);
    expect(json).not.toContain('南京丙');
  });

  it('refuses unknown indicators and bad queries', async () => {
    const unknown = await entA.get(
      `/api/indicator-systems/${testSystemId}/benchmark?indicator=nope&year=2023`,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'indicator' });
    const noYear = await entA.get(`/api/indicator-systems/${testSystemId}/benchmark?indicator=zinc-rate`);
    expect(noYear.statusCode).toBe(400);
    expect(noYear.json().error.field).toBe('querystring.year');
    const res = await world.app.inject({ method: 'GET', url: url() });
    expect(res.statusCode).toBe(401);
  });
});
