/**
 * Annual data over HTTP: the item catalogue, saving batches (units, signs, all-or-nothing, optimistic version),
 * the workflow submit → return → submit → accept with its lock, the review list, data checks, and who may do what.
 *
 * World (test/helpers/world.ts): entA 南京 (336, engaged the consulting firm), entB 广州 (398), entC 南京 (336);
 * bureaus 江苏 ⊃ 南京, 广东.
 */
import { ANNUAL_ITEM_CATALOGUE } from '@cpaudit/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNUAL_CATEGORIES, ANNUAL_ITEMS, mapDbError } from '../../src/db/index.ts';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let entA: Client;
let entB: Client;
let entC: Client;
let consultant: Client;
let nanjing: Client;
let jiangsu: Client;
let guangdong: Client;
let panel: Client;

beforeAll(async () => {
  world = await createWorld();
  [admin, entA, entB, entC, consultant, nanjing, jiangsu, guangdong, panel] = await Promise.all([
    world.as('admin'),
    world.as('entA'),
    world.as('entB'),
    world.as('entC'),
    world.as('consultant'),
    world.as('nanjing'),
    world.as('jiangsu'),
    world.as('guangdong'),
    world.as('panel'),
  ]);
});
afterAll(async () => {
  await world?.close();
});

const yearUrl = (enterpriseId: string, year: number) =>
  `/api/annual/enterprises/${enterpriseId}/years/${year}`;

interface ValueJson {
  itemCode: string;
  name: string;
  quantity: number | null;
  unit: string | null;
  level: string | null;
  notApplicable: boolean;
  enteredBy: { id: string; displayName: string } | null;
  enteredAt: string;
}

function valueIn(body: { values: ValueJson[] }, code: string): ValueJson | undefined {
  return body.values.find((v) => v.itemCode === code);
}

async function versionOf(enterpriseId: string, year: number): Promise<number> {
  const res = await admin.get(yearUrl(enterpriseId, year));
  return res.json().submission?.version ?? 0;
}

describe('item catalogue', () => {
  it('lists every item with names, units and dimensions, the built-in indicator items included', async () => {
    const res = await entA.get('/api/annual/items');
    expect(res.statusCode).toBe(200);
    const items: { code: string; required: boolean; unit: string; dimensions: string[]; kind: string }[] =
      res.json().items;
    const byCode = new Map(items.map((i) => [i.code, i]));
    // Guangdong form, basic information: 年工业总产值 / 年工业增加值 in 万元, required.
    expect(byCode.get('economy.gross_output')).toMatchObject({
      unit: '万元',
      dimensions: ['money'],
      required: true,
    });
    // Electricity converts with kgce/kWh (GB/T 2589): an energy; natural gas with kgce/m3: a volume.
    expect(byCode.get('energy.electricity')).toMatchObject({ unit: 'kWh', dimensions: ['energy'] });
    expect(byCode.get('energy.natural_gas')).toMatchObject({ unit: 'm3', dimensions: ['volume'] });
    expect(byCode.get('energy.steam')).toMatchObject({ unit: 't', dimensions: ['mass'] });
    expect(byCode.get('product.*')).toMatchObject({ required: true });
    // 电镀 2015 表1 row 5 (quantitative, L/m2) and row 1 (qualitative) from the seeded system.
    expect(byCode.get('indicator.electroplating_2015_table1.rinse_water_per_area')).toMatchObject({
      kind: 'quantity',
      unit: 'L/m2',
    });
    expect(byCode.get('indicator.electroplating_2015_table1.cleaner_process')).toMatchObject({
      kind: 'level',
    });
  });

  it('covers every standard item of the database catalogue and uses its categories', () => {
    const codes = new Set(ANNUAL_ITEM_CATALOGUE.map((i) => i.code));
    for (const item of ANNUAL_ITEMS) expect(codes.has(item.code), item.code).toBe(true);
    for (const item of ANNUAL_ITEM_CATALOGUE) expect(ANNUAL_CATEGORIES).toContain(item.category);
  });

  it('refuses anonymous callers', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/api/annual/items' });
    expect(res.statusCode).toBe(401);
  });
});

describe('saving annual values', () => {
  it('creates the year with version 0 and records who entered each value', async () => {
    const res = await entA.put(yearUrl(world.ids.entA, 2023), {
      version: 0,
      values: [
        { itemCode: 'economy.gross_output', quantity: 1200, unit: '万元', source: 'statistics' },
        { itemCode: 'economy.value_added', quantity: 300 },
        { itemCode: 'energy.electricity', quantity: 150, unit: '万kWh', source: 'metered' },
        { itemCode: 'energy.raw_coal', quantity: 20, unit: '吨' },
        { itemCode: 'energy.natural_gas', quantity: 2, unit: '万m3' },
        { itemCode: 'product.zinc_parts', name: '镀锌件', quantity: 50000, unit: 'm2' },
        { itemCode: 'pollutant_generated.cod', quantity: 12.5, unit: 't' },
        { itemCode: 'pollutant_emitted.cod', quantity: 3.2, unit: 't' },
        { itemCode: 'ghg.co2_purchased_power', quantity: -10, unit: 'tCO2' },
        { itemCode: 'indicator.electroplating_2015_table1.cleaner_process', level: 'II' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.submission).toMatchObject({ status: 'draft', version: 1, year: 2023 });
    expect(body.enterpriseName).toBe('南京甲电镀有限公司');
    expect(body.values).toHaveLength(10);
    // Defaults and canonical spellings: value added in the item's unit 万元, 吨 → t.
    expect(valueIn(body, 'economy.value_added')).toMatchObject({ quantity: 300, unit: '万元' });
    expect(valueIn(body, 'energy.raw_coal')).toMatchObject({ quantity: 20, unit: 't' });
    expect(valueIn(body, 'product.zinc_parts')?.name).toBe('镀锌件');
    // Net purchased power may be negative (an enterprise exporting power).
    expect(valueIn(body, 'ghg.co2_purchased_power')?.quantity).toBe(-10);
    expect(valueIn(body, 'indicator.electroplating_2015_table1.cleaner_process')).toMatchObject({
      level: 'II',
      quantity: null,
      unit: null,
    });
    const elec = valueIn(body, 'energy.electricity');
    expect(elec?.enteredBy).toEqual({ id: world.ids.users.entA, displayName: '甲企业用户' });
    expect(Number.isNaN(Date.parse(elec?.enteredAt ?? ''))).toBe(false);
  });

  it('lets the engaged consultant change a value; unchanged values keep their author', async () => {
    const res = await consultant.put(yearUrl(world.ids.entA, 2023), {
      version: 1,
      values: [
        { itemCode: 'energy.electricity', quantity: 160, unit: '万kWh' },
        { itemCode: 'economy.gross_output', quantity: 1200, unit: '万元', source: 'statistics' },
      ],
      remove: ['energy.natural_gas'],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.submission.version).toBe(2);
    expect(valueIn(body, 'energy.electricity')).toMatchObject({ quantity: 160 });
    expect(valueIn(body, 'energy.electricity')?.enteredBy?.id).toBe(world.ids.users.consultant);
    expect(valueIn(body, 'economy.gross_output')?.enteredBy?.id).toBe(world.ids.users.entA);
    expect(valueIn(body, 'energy.natural_gas')).toBeUndefined();
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    const res = await entA.put(yearUrl(world.ids.entA, 2023), {
      version: 1,
      values: [{ itemCode: 'energy.electricity', quantity: 1, unit: 'kWh' }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    const now = (await entA.get(yearUrl(world.ids.entA, 2023))).json();
    expect(now.submission.version).toBe(2);
    expect(valueIn(now, 'energy.electricity')?.quantity).toBe(160);
  });

  it('refuses a unit of the wrong dimension, naming the field and the unit; the batch is all or nothing', async () => {
    const res = await entA.put(yearUrl(world.ids.entA, 2023), {
      version: 2,
      values: [
        { itemCode: 'economy.value_added', quantity: 999 },
        { itemCode: 'energy.electricity', quantity: 5, unit: 't' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('UNIT');
    expect(err.field).toBe('body.values.1.unit');
    expect(err.message).toContain('"t"');
    const now = (await entA.get(yearUrl(world.ids.entA, 2023))).json();
    expect(now.submission.version).toBe(2);
    expect(valueIn(now, 'economy.value_added')?.quantity).toBe(300);
  });

  it('refuses negative quantities, unknown items, unnamed free lines and misplaced levels, all at once', async () => {
    const res = await entA.put(yearUrl(world.ids.entA, 2023), {
      version: 2,
      values: [
        { itemCode: 'pollutant_emitted.cod', quantity: -1, unit: 't' },
        { itemCode: 'energy.unobtainium', quantity: 1, unit: 't' },
        { itemCode: 'material.zinc', quantity: 3, unit: 't' },
        { itemCode: 'energy.diesel', level: 'I' },
        { itemCode: 'energy.coke', quantity: 1, unit: 't', notApplicable: true },
        { itemCode: 'indicator.electroplating_2015_table1.cleaner_process', quantity: 3, unit: '1' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('NEGATIVE_QUANTITY');
    expect(err.field).toBe('body.values.0.quantity');
    expect(err.issues.map((i: { field: string }) => i.field)).toEqual([
      'body.values.0.quantity',
      'body.values.1.itemCode',
      'body.values.2.name',
      'body.values.3.level',
      'body.values.4.notApplicable',
      'body.values.5.quantity',
    ]);
    expect((await entA.get(yearUrl(world.ids.entA, 2023))).json().submission.version).toBe(2);
  });

  it('rejects malformed requests at the schema (unknown fields, bad codes, bad years)', async () => {
    const extra = await entA.put(yearUrl(world.ids.entA, 2023), {
      version: 2,
      values: [{ itemCode: 'energy.coke', quantity: 1, colour: 'red' }],
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('VALIDATION');
    const code = await entA.put(yearUrl(world.ids.entA, 2023), {
      version: 2,
      values: [{ itemCode: 'Energy Coke', quantity: 1 }],
    });
    expect(code.statusCode).toBe(400);
    expect(code.json().error.field).toBe('body.values.0.itemCode');
    const year = await entA.get(yearUrl(world.ids.entA, 1800));
    expect(year.statusCode).toBe(400);
    expect(year.json().error.field).toBe('params.year');
  });

  it('is refused to other organisations (404) and to roles that do not enter data (403)', async () => {
    const body = { version: 2, values: [{ itemCode: 'energy.coke', quantity: 1, unit: 't' }] };
    expect((await entB.put(yearUrl(world.ids.entA, 2023), body)).statusCode).toBe(404);
    expect((await entC.put(yearUrl(world.ids.entA, 2023), body)).statusCode).toBe(404);
    // The consulting firm is engaged by entA only.
    expect((await consultant.put(yearUrl(world.ids.entC, 2023), { ...body, version: 0 })).statusCode).toBe(
      404,
    );
    expect((await nanjing.put(yearUrl(world.ids.entA, 2023), body)).statusCode).toBe(403);
    expect((await panel.put(yearUrl(world.ids.entA, 2023), body)).statusCode).toBe(403);
    expect(await versionOf(world.ids.entA, 2023)).toBe(2);
  });

  it('is read by the enterprise, its consultant and the bureaus above it, and by nobody else', async () => {
    for (const c of [entA, consultant, nanjing, jiangsu, admin]) {
      expect((await c.get(yearUrl(world.ids.entA, 2023))).statusCode).toBe(200);
    }
    for (const c of [entB, entC, guangdong, panel]) {
      const res = await c.get(yearUrl(world.ids.entA, 2023));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    // A year without data: no submission yet, no values.
    const empty = (await entA.get(yearUrl(world.ids.entA, 2019))).json();
    expect(empty).toMatchObject({ submission: null, values: [] });
  });

  it('writes the audit log with the actor of each change', async () => {
    const rows = await queryRows(
      world.database.db,
      sql`select action, actor_user_id from audit_log where entity = 'annual_values'
        and after ->> 'item_code' = 'energy.electricity' order by seq`,
    );
    expect(rows).toEqual([
      { action: 'insert', actor_user_id: world.ids.users.entA },
      { action: 'update', actor_user_id: world.ids.users.consultant },
    ]);
    const removed = await queryRows(
      world.database.db,
      sql`select actor_user_id from audit_log where entity = 'annual_values' and action = 'delete'
        and before ->> 'item_code' = 'energy.natural_gas'`,
    );
    expect(removed).toEqual([{ actor_user_id: world.ids.users.consultant }]);
  });
});

describe('submission workflow', () => {
  it('refuses to submit a year without the required items, naming them', async () => {
    const saved = await entA.put(yearUrl(world.ids.entA, 2022), {
      version: 0,
      values: [
        { itemCode: 'energy.electricity', quantity: 10, unit: '万kWh' },
        { itemCode: 'pollutant_generated.cod', quantity: 3, unit: 't' },
        { itemCode: 'pollutant_emitted.cod', quantity: 4, unit: 't' },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const res = await entA.post(`${yearUrl(world.ids.entA, 2022)}/submit`, { version: 1 });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(['values.economy.gross_output', 'values.economy.value_added', 'values.product.*']);
    expect(await versionOf(world.ids.entA, 2022)).toBe(1);
  });

  it('submits, locks, returns with a reason, resubmits and accepts', async () => {
    const url = yearUrl(world.ids.entA, 2023);
    expect((await nanjing.post(`${url}/submit`, { version: 2 })).statusCode).toBe(403);
    expect((await entB.post(`${url}/submit`, { version: 2 })).statusCode).toBe(404);
    expect((await entA.post(`${url}/submit`, { version: 1 })).statusCode).toBe(409);

    const submitted = await entA.post(`${url}/submit`, { version: 2 });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().submission).toMatchObject({
      status: 'submitted',
      version: 3,
      submittedBy: { id: world.ids.users.entA, displayName: '甲企业用户' },
    });

    // Locked: no edit, no second submit.
    const edit = await entA.put(url, {
      version: 3,
      values: [{ itemCode: 'energy.coke', quantity: 1, unit: 't' }],
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('STATE_CONFLICT');
    expect(edit.json().error.message).toContain('locked');
    expect((await entA.post(`${url}/submit`, { version: 3 })).json().error.code).toBe('STATE_CONFLICT');
    expect(valueIn((await entA.get(url)).json(), 'energy.coke')).toBeUndefined();

    // Only the supervising bureau returns, with a reason, at the current version.
    expect((await entA.post(`${url}/return`, { version: 3, reason: 'x' })).statusCode).toBe(403);
    expect((await guangdong.post(`${url}/return`, { version: 3, reason: 'x' })).statusCode).toBe(404);
    const noReason = await nanjing.post(`${url}/return`, { version: 3, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('body.reason');
    expect((await nanjing.post(`${url}/return`, { version: 2, reason: '电耗偏高，请核实' })).statusCode).toBe(
      409,
    );
    expect((await nanjing.post(`${url}/accept`, { version: 2 })).statusCode).toBe(409);
    const returned = await nanjing.post(`${url}/return`, { version: 3, reason: '电耗偏高，请核实' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().submission).toMatchObject({
      status: 'returned',
      version: 4,
      returnReason: '电耗偏高，请核实',
      returnedBy: { id: world.ids.users.nanjing },
    });

    // Unlocked: the enterprise corrects and submits again.
    const fixed = await entA.put(url, {
      version: 4,
      values: [{ itemCode: 'energy.electricity', quantity: 155, unit: '万kWh' }],
    });
    expect(fixed.statusCode).toBe(200);
    expect((await nanjing.post(`${url}/accept`, { version: 5 })).json().error.code).toBe('STATE_CONFLICT');
    expect((await entA.post(`${url}/submit`, { version: 5 })).statusCode).toBe(200);

    expect((await entA.post(`${url}/accept`, { version: 6 })).statusCode).toBe(403);
    expect((await guangdong.post(`${url}/accept`, { version: 6 })).statusCode).toBe(404);
    // The provincial bureau supervises Nanjing too.
    const accepted = await jiangsu.post(`${url}/accept`, { version: 6 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().submission).toMatchObject({
      status: 'accepted',
      version: 7,
      acceptedBy: { id: world.ids.users.jiangsu },
    });
    const late = await consultant.put(url, {
      version: 7,
      values: [{ itemCode: 'energy.coke', quantity: 1, unit: 't' }],
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('STATE_CONFLICT');

    const log = await queryRows(
      world.database.db,
      sql`select actor_user_id, after ->> 'status' as status from audit_log
        where entity = 'annual_submissions' and action = 'update' and after ->> 'year' = '2023'
          and after ->> 'enterprise_id' = ${world.ids.entA} order by seq`,
    );
    // A save that changes only values bumps the version without a logged change of the row; every status is there.
    expect(log.map((r) => r.status)).toEqual(['submitted', 'returned', 'submitted', 'accepted']);
    expect(log.map((r) => r.actor_user_id)).toEqual([
      world.ids.users.entA,
      world.ids.users.nanjing,
      world.ids.users.entA,
      world.ids.users.jiangsu,
    ]);
  });

  it('the database lock backs the service: a direct insert into a locked year is refused', async () => {
    const error = await world.database.db
      .execute(
        sql`insert into annual_values (enterprise_id, year, category, item_code, quantity, unit)
          values (${world.ids.entA}, 2023, 'energy', 'energy.coke', 1, 't')`,
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(mapDbError(error)?.code).toBe('STATE_CONFLICT');
  });

  it('lists the years of an enterprise and the submissions a bureau can see', async () => {
    await entC.put(yearUrl(world.ids.entC, 2023), {
      version: 0,
      values: [{ itemCode: 'economy.gross_output', quantity: 800 }],
    });
    await entB.put(yearUrl(world.ids.entB, 2023), {
      version: 0,
      values: [{ itemCode: 'economy.gross_output', quantity: 500 }],
    });
    const years = await entA.get(`/api/annual/enterprises/${world.ids.entA}/years`);
    expect(years.statusCode).toBe(200);
    expect(years.json().items.map((y: { year: number; status: string }) => [y.year, y.status])).toEqual([
      [2023, 'accepted'],
      [2022, 'draft'],
    ]);
    // 2022: electricity, COD generated, COD emitted.
    expect(years.json().items[1].valueCount).toBe(3);
    expect((await entB.get(`/api/annual/enterprises/${world.ids.entA}/years`)).statusCode).toBe(404);

    const list = await nanjing.get('/api/annual/submissions?year=2023&sort=enterpriseName');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    const names = list.json().items.map((s: { enterpriseName: string }) => s.enterpriseName);
    expect(names).toEqual(['南京丙表面处理有限公司', '南京甲电镀有限公司'].sort());
    const gd = (await guangdong.get('/api/annual/submissions')).json();
    expect(gd.items.map((s: { enterpriseName: string }) => s.enterpriseName)).toEqual([
      '广州乙电路板有限公司',
    ]);
    const drafts = (await nanjing.get('/api/annual/submissions?status=draft&q=丙')).json();
    expect(drafts.total).toBe(1);
    expect((await entB.get('/api/annual/submissions')).json().total).toBe(1);
  });
});

describe('data checks', () => {
  it('reports findings on the years of an enterprise: emitted > generated, year-on-year jumps', async () => {
    const res = await entA.get(`/api/annual/enterprises/${world.ids.entA}/checks`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.years).toEqual([2022, 2023]);
    const rules = body.findings.map(
      (f: { rule: string; year: number; item: string }) => `${f.year} ${f.rule} ${f.item}`,
    );
    // 2022: COD emitted 4 t > generated 3 t.
    expect(rules).toContain('2022 emitted-exceeds-generated pollutant_emitted.cod');
    // 2022 has no output value, value added or product line.
    expect(rules).toContain('2022 missing-required economy.gross_output');
    // Electricity 10 → 155 万kWh is 15.5 times the previous year (> the jump factor 2).
    expect(rules).toContain('2023 yoy-jump-quantity energy.electricity');
    expect(body.summary.errors).toBe(
      body.findings.filter((f: { severity: string }) => f.severity === 'error').length,
    );
    expect(body.breakdown.label).toBeTruthy();
    expect(body.peerCount).toBe(1);
  });

  it('compares with visible peers of the same industry on request, returning only this enterprise', async () => {
    const res = await nanjing.get(`/api/annual/enterprises/${world.ids.entA}/checks?peers=true`);
    expect(res.statusCode).toBe(200);
    // entA and entC are both 336 under Nanjing.
    expect(res.json().peerCount).toBe(2);
    for (const f of res.json().findings) expect(f.enterpriseId).toBe(world.ids.entA);
    expect((await entB.get(`/api/annual/enterprises/${world.ids.entA}/checks`)).statusCode).toBe(404);
  });
});
