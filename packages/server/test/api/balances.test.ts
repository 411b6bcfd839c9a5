/**
 * Balances (物料/水/能量平衡) of enterprises' processes: who may read and write them, the core's result in every
 * response, optimistic concurrency, bad input naming the field, and the database rules of `process_balances`.
 *
 * Worked example (hand calculation, guideline 7.2.4.3; formulas of core balances/balance.ts):
 *   电镀车间 water balance in m3/d, tolerance 2 %:
 *   f1 input 自来水 → ws 100; f2 discharge ws → 污水站 80; f3 loss ws → 蒸发 19; f4 recycle ws → ws 50.
 *   Σ inputs = 100, Σ outputs = 80 + 19 = 99 → Δ = 1, closure error = 1 / 100 × 100 = 1 % ≤ 2 % → closes.
 *   Reuse rate = V_r / (V_r + V_f) = 50 / 150 × 100 = 33.33… %; discharge rate = 80 / 100 = 80 %.
 *   Node ws: in = 100 + 50 = 150, out = 80 + 19 + 50 = 149. f4 is a self-loop: left out of the Sankey links.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processBalances } from '../../src/db/index.ts';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let entA: Client;
let consultant: Client;
let nanjing: Client;
let admin: Client;

const waterInput = {
  kind: 'water',
  unit: 'm3/d',
  tolerance_pct: 2,
  nodes: [{ id: 'ws', name: '电镀车间' }],
  flows: [
    { id: 'f1', from: '自来水', to: 'ws', label: '新鲜水', quantity: 100, category: 'input' },
    { id: 'f2', from: 'ws', to: '污水站', label: '排水', quantity: 80, category: 'discharge' },
    { id: 'f3', from: 'ws', to: '蒸发', label: '蒸发', quantity: 19, category: 'loss' },
    { id: 'f4', from: 'ws', to: 'ws', label: '逆流漂洗回用', quantity: 50, category: 'recycle' },
  ],
};

/** Energy balance: 1000 kWh in, 620 useful, 350 loss → Δ = 30, error 3 % > tolerance 2 % → does not close. */
const energyInput = {
  kind: 'energy',
  unit: 'kWh',
  tolerance_pct: 2,
  flows: [
    { id: 'e1', from: '电网', to: '加热槽', quantity: 1000, category: 'input' },
    { id: 'e2', from: '加热槽', to: '镀液', quantity: 620, category: 'useful' },
    { id: 'e3', from: '加热槽', to: '散热', quantity: 350, category: 'loss' },
  ],
};

let balanceA: { id: string; version: number };

beforeAll(async () => {
  world = await createWorld();
  [entA, consultant, nanjing, admin] = await Promise.all([
    world.as('entA'),
    world.as('consultant'),
    world.as('nanjing'),
    world.as('admin'),
  ]);
});

afterAll(async () => {
  await world?.close();
});

describe('create and read', () => {
  it('the enterprise user creates a water balance and gets the core result with its breakdown', async () => {
    const res = await entA.post(`/api/enterprises/${world.ids.entA}/balances`, {
      year: 2024,
      processName: '电镀车间',
      input: waterInput,
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    balanceA = { id: b.id, version: b.version };
    expect(b).toMatchObject({
      enterpriseId: world.ids.entA,
      year: 2024,
      kind: 'water',
      processName: '电镀车间',
      unit: 'm3/d',
      flowCount: 4,
      tolerancePct: 2,
      closes: true,
      error: null,
      version: 1,
      createdBy: { id: entA.userId, displayName: '甲企业用户' },
      updatedBy: { id: entA.userId, displayName: '甲企业用户' },
    });
    expect(b.closureErrorPct).toBeCloseTo(1, 10);
    expect(b.input).toEqual(waterInput);
    expect(b.result.totalInput).toBe(100);
    expect(b.result.totalOutput).toBe(99);
    expect(b.result.difference).toBe(1);
    expect(b.result.water.reuseRatePct).toBeCloseTo((50 / 150) * 100, 10);
    expect(b.result.water.dischargeRatePct).toBeCloseTo(80, 10);
    expect(b.result.nodes).toEqual([
      {
        id: 'ws',
        name: '电镀车间',
        in: 150,
        out: 149,
        difference: 1,
        errorPct: (1 / 150) * 100,
        closes: true,
      },
    ]);
    expect(b.result.sankeyExcluded).toEqual(['f4']);
    expect(b.result.sankey.links).toContainEqual({ source: '自来水', target: '电镀车间', value: 100 });
    // The input has no name of its own: the breakdown is labelled with the process name.
    expect(b.breakdown.label).toBe('水平衡：电镀车间');
    expect(b.breakdown.steps[0].label).toBe('闭合误差');
    expect(b.breakdown.steps[0].result).toBeCloseTo(1, 10);
  });

  it('the consultant engaged by the enterprise and the admin create balances too', async () => {
    const byConsultant = await consultant.post(`/api/enterprises/${world.ids.entA}/balances`, {
      year: 2024,
      processName: '镀槽加热',
      input: energyInput,
    });
    expect(byConsultant.statusCode, byConsultant.body).toBe(201);
    expect(byConsultant.json()).toMatchObject({ kind: 'energy', closes: false, unit: 'kWh' });
    expect(byConsultant.json().closureErrorPct).toBeCloseTo(3, 10);
    // Energy efficiency = 620 / 1000 = 62 %.
    expect(byConsultant.json().result.energy.efficiencyPct).toBeCloseTo(62, 10);
    const byAdmin = await admin.post(`/api/enterprises/${world.ids.entA}/balances`, {
      year: 2023,
      processName: '电镀车间',
      input: waterInput,
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
  });

  it('lists the balances of the enterprise, filtered by year and kind, for everyone who sees it', async () => {
    for (const client of [entA, consultant, nanjing, admin]) {
      const all = await client.get(`/api/enterprises/${world.ids.entA}/balances`);
      expect(all.statusCode, all.body).toBe(200);
      expect(all.json().total).toBe(3);
      // Ordered by year, kind, process name.
      expect(all.json().items.map((i: { year: number; kind: string }) => `${i.year}:${i.kind}`)).toEqual([
        '2023:water',
        '2024:energy',
        '2024:water',
      ]);
    }
    const water2024 = await nanjing.get(`/api/enterprises/${world.ids.entA}/balances?year=2024&kind=water`);
    expect(water2024.json().items).toHaveLength(1);
    expect(water2024.json().items[0]).toMatchObject({ id: balanceA.id, closes: true, flowCount: 4 });
    const got = await nanjing.get(`/api/balances/${balanceA.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().result.water.fresh).toBe(100);
  });
});

describe('refused', () => {
  it('hides the balances from those who do not see the enterprise (404)', async () => {
    for (const user of ['entB', 'entC', 'guangdong', 'panel', 'expert'] as const) {
      const client = await world.as(user);
      expect((await client.get(`/api/enterprises/${world.ids.entA}/balances`)).statusCode, user).toBe(404);
      expect((await client.get(`/api/balances/${balanceA.id}`)).statusCode, user).toBe(404);
    }
    const entB = await world.as('entB');
    const patch = await entB.patch(`/api/balances/${balanceA.id}`, {
      version: balanceA.version,
      processName: 'x',
    });
    expect(patch.statusCode).toBe(404);
    expect((await entB.delete(`/api/balances/${balanceA.id}?version=1`)).statusCode).toBe(404);
    const create = await entB.post(`/api/enterprises/${world.ids.entA}/balances`, {
      year: 2024,
      processName: '偷建',
      input: waterInput,
    });
    expect(create.statusCode).toBe(404);
  });

  it('lets the supervising bureau read but not write (403)', async () => {
    const create = await nanjing.post(`/api/enterprises/${world.ids.entA}/balances`, {
      year: 2025,
      processName: '电镀车间',
      input: waterInput,
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('FORBIDDEN');
    const patch = await nanjing.patch(`/api/balances/${balanceA.id}`, {
      version: balanceA.version,
      processName: '改名',
    });
    expect(patch.statusCode).toBe(403);
    expect((await nanjing.delete(`/api/balances/${balanceA.id}?version=1`)).statusCode).toBe(403);
    // Permission first: a bad input from someone who may not write is refused for who they are, not for the input.
    const bad = await nanjing.post(`/api/enterprises/${world.ids.entA}/balances`, {
      year: 2025,
      processName: '电镀车间',
      input: { ...waterInput, unit: 'kWh' },
    });
    expect(bad.statusCode).toBe(403);
  });

  it('refuses roles that never write balances by the access rule (403)', async () => {
    const panel = await world.as('panel');
    const res = await panel.post(`/api/enterprises/${world.ids.entA}/balances`, {
      year: 2024,
      processName: 'x',
      input: waterInput,
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a second balance of the same process, year and kind (409 CONFLICT)', async () => {
    const res = await entA.post(`/api/enterprises/${world.ids.entA}/balances`, {
      year: 2024,
      processName: '电镀车间',
      input: waterInput,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CONFLICT',
      field: 'process_balances_enterprise_year_kind_process_unique',
    });
  });
});

describe('bad input names the field (400) and stores nothing', () => {
  const post = (input: unknown) =>
    entA.post(`/api/enterprises/${world.ids.entA}/balances`, { year: 2025, processName: '前处理', input });

  it('a negative flow', async () => {
    const flows = waterInput.flows.map((f) => (f.id === 'f2' ? { ...f, quantity: -80 } : f));
    const res = await post({ ...waterInput, flows });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'NEGATIVE_QUANTITY',
      field: 'body.input.flows.1.quantity',
    });
  });

  it('a unit of the wrong dimension for the kind (kWh for water)', async () => {
    const res = await post({ ...waterInput, unit: 'kWh' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNIT', field: 'body.input.unit' });
  });

  it('a flow whose category contradicts its ends (a discharge into a process node)', async () => {
    const flows = waterInput.flows.map((f) => (f.id === 'f2' ? { ...f, to: 'ws' } : f));
    const res = await post({ ...waterInput, flows });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'body.input.flows.1.to' });
  });

  it('a missing tolerance and an unknown category (schema)', async () => {
    const { tolerance_pct: _omitted, ...noTolerance } = waterInput;
    const res = await post(noTolerance);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'body.input.tolerance_pct' });
    const flows = waterInput.flows.map((f) => (f.id === 'f3' ? { ...f, category: 'evaporation' } : f));
    const bad = await post({ ...waterInput, flows });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION', field: 'body.input.flows.2.category' });
  });

  it('no inputs at all: not computable (422)', async () => {
    const res = await post({
      ...waterInput,
      flows: [{ id: 'x', from: 'ws', to: '污水站', quantity: 5, category: 'discharge' }],
      nodes: [{ id: 'ws' }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'NOT_COMPUTABLE', field: 'body.input.flows' });
  });

  it('stored nothing for the refused requests', async () => {
    const list = await entA.get(`/api/enterprises/${world.ids.entA}/balances?year=2025`);
    expect(list.json().total).toBe(0);
  });
});

describe('updates: version, recomputation, delete', () => {
  it('an update with the version read recomputes; the same stale update answers 409 and changes nothing', async () => {
    const flows = waterInput.flows.map((f) => (f.id === 'f3' ? { ...f, quantity: 20 } : f));
    const ok = await consultant.patch(`/api/balances/${balanceA.id}`, {
      version: balanceA.version,
      input: { ...waterInput, flows },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // Σ outputs = 80 + 20 = 100 = Σ inputs → closure error 0.
    expect(ok.json()).toMatchObject({
      version: 2,
      closureErrorPct: 0,
      closes: true,
      createdBy: { displayName: '甲企业用户' },
      updatedBy: { displayName: '咨询师' },
    });
    const stale = await entA.patch(`/api/balances/${balanceA.id}`, {
      version: balanceA.version,
      processName: '旧版本改名',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    const after = await entA.get(`/api/balances/${balanceA.id}`);
    expect(after.json()).toMatchObject({ processName: '电镀车间', version: 2 });
    balanceA.version = 2;
  });

  it('changing the input to another kind changes the kind of the balance', async () => {
    const res = await entA.patch(`/api/balances/${balanceA.id}`, {
      version: balanceA.version,
      processName: '电镀车间电耗',
      input: energyInput,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'energy', processName: '电镀车间电耗', version: 3 });
    balanceA.version = 3;
  });

  it('renaming onto another balance of the same enterprise, year and kind answers 409 CONFLICT', async () => {
    // The consultant's 2024 energy balance is 镀槽加热; balanceA is now the 2024 energy balance 电镀车间电耗.
    const res = await entA.patch(`/api/balances/${balanceA.id}`, {
      version: balanceA.version,
      processName: '镀槽加热',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CONFLICT',
      field: 'process_balances_enterprise_year_kind_process_unique',
    });
  });

  it('a bad input in an update is refused and leaves the balance as it was', async () => {
    const res = await entA.patch(`/api/balances/${balanceA.id}`, {
      version: balanceA.version,
      input: { ...energyInput, unit: 'm3' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNIT', field: 'body.input.unit' });
    expect((await entA.get(`/api/balances/${balanceA.id}`)).json()).toMatchObject({
      kind: 'energy',
      version: 3,
    });
  });

  it('every write is in the audit log, attributed to its actor', async () => {
    const rows = await queryRows(
      world.database.db,
      sql`select action, actor_user_id from audit_log where entity = 'process_balances' and entity_id = ${balanceA.id} order by seq`,
    );
    expect(rows.map((r) => r.action)).toEqual(['insert', 'update', 'update']);
    expect(rows.map((r) => r.actor_user_id)).toEqual([entA.userId, consultant.userId, entA.userId]);
  });

  it('delete needs the current version (409 on a stale one), then the balance is gone', async () => {
    const stale = await entA.delete(`/api/balances/${balanceA.id}?version=1`);
    expect(stale.statusCode).toBe(409);
    const ok = await entA.delete(`/api/balances/${balanceA.id}?version=${balanceA.version}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await entA.get(`/api/balances/${balanceA.id}`)).statusCode).toBe(404);
  });
});

describe('database rules', () => {
  it('refuses a kind that differs from the input kind (CHECK process_balances_kind_matches_input)', async () => {
    await expect(
      world.database.db.insert(processBalances).values({
        enterpriseId: world.ids.entC,
        year: 2024,
        kind: 'material',
        processName: '不一致',
        input: waterInput,
      }),
    ).rejects.toThrow();
  });

  it('a stored input that no longer computes is reported in the list and the view, not a 500', async () => {
    // Written around the service (as an old row could be): a discharge only, Σ inputs = 0.
    const [row] = await world.database.db
      .insert(processBalances)
      .values({
        enterpriseId: world.ids.entC,
        year: 2024,
        kind: 'water',
        processName: '旧数据',
        input: {
          ...waterInput,
          flows: [{ id: 'x', from: 'ws', to: '外排', quantity: 5, category: 'discharge' }],
        },
      })
      .returning();
    const entC = await world.as('entC');
    const list = await entC.get(`/api/enterprises/${world.ids.entC}/balances`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      closes: null,
      closureErrorPct: null,
      error: { code: 'NOT_COMPUTABLE', field: 'input.flows' },
    });
    const view = await entC.get(`/api/balances/${row?.id}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ result: null, breakdown: null, error: { code: 'NOT_COMPUTABLE' } });
  });
});

describe('documentation', () => {
  it('lists the balance endpoints and schemas in the OpenAPI document', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths['/api/enterprises/{id}/balances']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/balances/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    expect(JSON.stringify(doc)).toContain('BalanceResult');
  });
});
