/**
 * Options of industry and mandatory audits: create, list, read, update (versioned), problems, benefits,
 * economics, screening and the status workflow, each with the allowed role and a refused role or organisation.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEnterprises,
  auditLog,
  auditPanelMembers,
  auditProblems,
  cpOptions,
  mandatoryAudits,
} from '../../src/db/index.ts';
import { type Client, createNanjingPlatingAudit, createWorld, type World } from '../helpers/world.ts';

let world: World;
let c: Record<
  | 'admin'
  | 'nanjing'
  | 'jiangsu'
  | 'guangdong'
  | 'entA'
  | 'entB'
  | 'entC'
  | 'panel'
  | 'expert'
  | 'consultant',
  Client
>;
let auditId: string;
let mandatoryId: string;
const problems = { common: '', entA: '', entC: '' };

beforeAll(async () => {
  world = await createWorld();
  const db = world.database.db;
  const audit = {
    id: await createNanjingPlatingAudit(world, { status: 'options', lowCostThreshold_wanYuan: 5 }),
  };
  auditId = audit.id;
  await db.insert(auditEnterprises).values([
    { auditId, enterpriseId: world.ids.entA, status: 'selected' },
    { auditId, enterpriseId: world.ids.entC, status: 'selected' },
  ]);
  await db.insert(auditPanelMembers).values({ auditId, userId: world.ids.users.panel, name: '审核小组成员' });
  const rows = await db
    .insert(auditProblems)
    .values([
      { auditId, scope: 'common', aspect: 'process_equipment', title: '镀槽无逆流漂洗' },
      {
        auditId,
        scope: 'individual',
        enterpriseId: world.ids.entA,
        aspect: 'waste',
        title: '甲：废液未分类收集',
      },
      {
        auditId,
        scope: 'individual',
        enterpriseId: world.ids.entC,
        aspect: 'management',
        title: '丙：计量不全',
      },
    ])
    .returning({ id: auditProblems.id });
  problems.common = rows[0]?.id ?? '';
  problems.entA = rows[1]?.id ?? '';
  problems.entC = rows[2]?.id ?? '';
  const [m] = await db
    .insert(mandatoryAudits)
    .values({
      enterpriseId: world.ids.entB,
      bureauId: world.ids.guangdongBureau,
      auditMethod: 'regular',
      round: 'first',
      dataYear: 2022,
    })
    .returning({ id: mandatoryAudits.id });
  if (!m) throw new Error('seed');
  mandatoryId = m.id;
  const names = [
    'admin',
    'nanjing',
    'jiangsu',
    'guangdong',
    'entA',
    'entB',
    'entC',
    'panel',
    'expert',
    'consultant',
  ] as const;
  const clients = await Promise.all(names.map((n) => world.as(n)));
  c = Object.fromEntries(names.map((n, i) => [n, clients[i]])) as typeof c;
});
afterAll(async () => {
  await world?.close();
});

const url = {
  auditOptions: () => `/api/audits/${auditId}/options`,
  mandatoryOptions: () => `/api/mandatory-audits/${mandatoryId}/options`,
  option: (id: string) => `/api/options/${id}`,
};

async function create(
  client: Client,
  body: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const res = await client.post(url.auditOptions(), body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function row(id: string) {
  const [r] = await world.database.db.select().from(cpOptions).where(eq(cpOptions.id, id));
  return r;
}

describe('benefit catalogue', () => {
  it('is served to any logged-in user, not to anonymous callers', async () => {
    const res = await c.entB.get('/api/option-benefit-items');
    expect(res.statusCode).toBe(200);
    const elec = res.json().items.find((i: { code: string }) => i.code === 'saving.electricity');
    expect(elec).toEqual({
      code: 'saving.electricity',
      zh: '节电',
      unit: 'kWh/a',
      dimensions: ['energy/year'],
    });
    const water = res.json().items.find((i: { code: string }) => i.code === 'saving.water');
    expect(water.dimensions).toEqual(['mass/year', 'volume/year']);
    const anon = await world.app.inject({ method: 'GET', url: '/api/option-benefit-items' });
    expect(anon.statusCode).toBe(401);
  });
});

describe('creating options of an industry audit', () => {
  it('lets the bureau and the panel propose industry-level options, with the problems they answer', async () => {
    const res = await c.nanjing.post(url.auditOptions(), {
      level: 'industry',
      code: 'H1',
      name: '推广逆流漂洗',
      optionType: 'process_equipment_retrofit',
      industryApproach: 'technology_promotion',
      investmentPlanned_wanYuan: 20,
      problemIds: [problems.common],
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o).toMatchObject({
      level: 'industry',
      status: 'proposed',
      version: 1,
      enterpriseId: null,
      // 20 万元 ≥ the audit's 5 万元 threshold → 中/高费
      costClassEffective: 'mid_high',
      problems: [{ id: problems.common, scope: 'common' }],
    });
    expect(o.can).toEqual(expect.arrayContaining(['manage', 'screen', 'verify']));
    expect(o.allowedTransitions).toEqual(['screened', 'rejected']);
    const byPanel = await c.panel.post(url.auditOptions(), {
      level: 'industry',
      name: '计量器具配备',
      optionType: 'management_staff',
    });
    expect(byPanel.statusCode, byPanel.body).toBe(201);
    // audit log: the insert, attributed to the bureau user
    const log = await world.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'cp_options'), eq(auditLog.entityId, o.id)));
    expect(log.map((l) => [l.action, l.actorUserId])).toEqual([['insert', world.ids.users.nanjing]]);
  });

  it('lets an enterprise propose only enterprise-level options for itself', async () => {
    const own = await c.entA.post(url.auditOptions(), {
      level: 'enterprise',
      enterpriseId: world.ids.entA,
      name: '甲：废液分类收集',
      optionType: 'resource_reuse',
      investmentPlanned_wanYuan: 2,
      problemIds: [problems.entA, problems.common],
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ costClassEffective: 'no_low', enterpriseName: '南京甲电镀有限公司' });
    expect(own.json().can).toEqual(['implement', 'uploadEvidence']);
    const forOther = await c.entA.post(url.auditOptions(), {
      level: 'enterprise',
      enterpriseId: world.ids.entC,
      name: 'x',
      optionType: 'resource_reuse',
    });
    expect(forOther.statusCode).toBe(403);
    const industry = await c.entA.post(url.auditOptions(), {
      level: 'industry',
      name: 'x',
      optionType: 'end_of_pipe',
    });
    expect(industry.statusCode).toBe(403);
  });

  it('refuses other organisations and roles: 404 out of scope, 403 for experts', async () => {
    const body = { level: 'industry', name: 'x', optionType: 'end_of_pipe' };
    expect((await c.guangdong.post(url.auditOptions(), body)).statusCode).toBe(404);
    expect((await c.entB.post(url.auditOptions(), body)).statusCode).toBe(404);
    expect((await c.expert.post(url.auditOptions(), body)).statusCode).toBe(403);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = (await world.database.db.select().from(cpOptions)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ level: 'industry', name: 'x' }, 'optionType'],
      [{ level: 'enterprise', name: 'x', optionType: 'end_of_pipe' }, 'enterpriseId'],
      [
        { level: 'enterprise', enterpriseId: world.ids.entB, name: 'x', optionType: 'end_of_pipe' },
        'enterpriseId',
      ],
      [
        { level: 'industry', name: 'x', optionType: 'end_of_pipe', problemIds: [problems.entA] },
        'problemIds.0',
      ],
      [
        {
          level: 'enterprise',
          enterpriseId: world.ids.entA,
          name: 'x',
          optionType: 'end_of_pipe',
          problemIds: [problems.entC],
        },
        'problemIds.0',
      ],
      [
        { level: 'industry', name: 'x', optionType: 'end_of_pipe', keyPoints: '要'.repeat(101) },
        'body.keyPoints',
      ],
      [
        { level: 'industry', name: 'x', optionType: 'end_of_pipe', investmentPlanned_wanYuan: -1 },
        'body.investmentPlanned_wanYuan',
      ],
      [{ level: 'industry', name: 'x', optionType: 'end_of_pipe', colour: 'red' }, 'body.colour'],
      [
        {
          level: 'industry',
          name: 'x',
          optionType: 'end_of_pipe',
          plannedStart: '2025-06-01',
          plannedFinish: '2025-05-01',
        },
        'plannedFinish',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await c.nanjing.post(url.auditOptions(), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    expect((await world.database.db.select().from(cpOptions)).length).toBe(before);
  });
});

describe('listing and reading', () => {
  let entAOption: string;
  let entCOption: string;
  beforeAll(async () => {
    entAOption = (
      await create(c.nanjing, {
        level: 'enterprise',
        enterpriseId: world.ids.entA,
        code: 'E-A1',
        name: '甲：镀液在线过滤',
        optionType: 'process_control',
        investmentPlanned_wanYuan: 8,
        isKey: true,
      })
    ).id;
    entCOption = (
      await create(c.nanjing, {
        level: 'enterprise',
        enterpriseId: world.ids.entC,
        code: 'E-C1',
        name: '丙：加装电能表',
        optionType: 'energy_saving',
        investmentPlanned_wanYuan: 1,
      })
    ).id;
  });

  it('shows the audit people everything and an enterprise its own and the industry-level ones', async () => {
    const all = (await c.nanjing.get(`${url.auditOptions()}?limit=500`)).json();
    const province = (await c.jiangsu.get(`${url.auditOptions()}?limit=500`)).json();
    expect(province.total).toBe(all.total);
    const a = (await c.entA.get(`${url.auditOptions()}?limit=500`)).json();
    const ids = a.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(entAOption);
    expect(ids).not.toContain(entCOption);
    expect(
      a.items.every(
        (o: { level: string; enterpriseId: string | null }) =>
          o.level === 'industry' || o.enterpriseId === world.ids.entA,
      ),
    ).toBe(true);
    expect(a.total).toBeLessThan(all.total);
    // the consultant engaged by entA sees what entA sees
    expect((await c.consultant.get(`${url.auditOptions()}?limit=500`)).json().total).toBe(a.total);
    expect((await c.entB.get(url.auditOptions())).statusCode).toBe(404);
    expect((await c.guangdong.get(url.auditOptions())).statusCode).toBe(404);
    expect((await c.expert.get(url.auditOptions())).statusCode).toBe(404);
  });

  it('filters, searches, sorts and paginates with a total', async () => {
    const byEnt = (await c.nanjing.get(`${url.auditOptions()}?enterpriseId=${world.ids.entC}`)).json();
    expect(byEnt.items.map((o: { id: string }) => o.id)).toEqual([entCOption]);
    const noLow = (await c.nanjing.get(`${url.auditOptions()}?costClass=no_low&limit=500`)).json();
    expect(noLow.items.every((o: { costClassEffective: string }) => o.costClassEffective === 'no_low')).toBe(
      true,
    );
    expect(noLow.items.map((o: { id: string }) => o.id)).toContain(entCOption);
    const search = (await c.nanjing.get(`${url.auditOptions()}?q=${encodeURIComponent('电能表')}`)).json();
    expect(search.items.map((o: { id: string }) => o.id)).toEqual([entCOption]);
    const likeLiteral = (await c.nanjing.get(`${url.auditOptions()}?q=%25`)).json();
    expect(likeLiteral.total).toBe(0);
    const key = (await c.nanjing.get(`${url.auditOptions()}?isKey=true`)).json();
    expect(key.items.map((o: { id: string }) => o.id)).toEqual([entAOption]);
    const statuses = (
      await c.nanjing.get(`${url.auditOptions()}?status=proposed,screened&level=enterprise&limit=500`)
    ).json();
    expect(statuses.items.every((o: { level: string }) => o.level === 'enterprise')).toBe(true);
    const page1 = (
      await c.nanjing.get(`${url.auditOptions()}?sort=investmentPlanned&order=desc&limit=2`)
    ).json();
    const all = (
      await c.nanjing.get(`${url.auditOptions()}?sort=investmentPlanned&order=desc&limit=500`)
    ).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(all.total);
    const page2 = (
      await c.nanjing.get(`${url.auditOptions()}?sort=investmentPlanned&order=desc&limit=2&offset=2`)
    ).json();
    expect(page2.items.map((o: { id: string }) => o.id)).toEqual(
      all.items.slice(2, 4).map((o: { id: string }) => o.id),
    );
    const bad = await c.nanjing.get(`${url.auditOptions()}?status=done`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/^querystring\.status/);
  });

  it('reads one option for those who may see it, 404 for others', async () => {
    expect((await c.entA.get(url.option(entAOption))).statusCode).toBe(200);
    expect((await c.panel.get(url.option(entAOption))).statusCode).toBe(200);
    expect((await c.entC.get(url.option(entAOption))).statusCode).toBe(404);
    expect((await c.guangdong.get(url.option(entAOption))).statusCode).toBe(404);
    expect((await c.expert.get(url.option(entAOption))).statusCode).toBe(404);
    expect((await c.nanjing.get(url.option('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });
});

describe('updating (versioned)', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await create(c.nanjing, {
        level: 'enterprise',
        enterpriseId: world.ids.entA,
        name: '甲：热水回用',
        optionType: 'resource_reuse',
        investmentPlanned_wanYuan: 3,
      })
    ).id;
  });

  it('changes fields, bumps the version and logs before/after', async () => {
    const res = await c.panel.patch(url.option(id), {
      version: 1,
      name: '甲：漂洗水回用',
      summary: '三级逆流',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '甲：漂洗水回用', summary: '三级逆流', version: 2 });
    const log = await world.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.entity, 'cp_options'), eq(auditLog.entityId, id), eq(auditLog.action, 'update')),
      );
    expect(log).toHaveLength(1);
    expect(log[0]?.before?.name).toBe('甲：热水回用');
    expect(log[0]?.after?.name).toBe('甲：漂洗水回用');
    expect(log[0]?.actorUserId).toBe(world.ids.users.panel);
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    const res = await c.nanjing.patch(url.option(id), { version: 1, name: 'stale' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    expect((await row(id))?.name).toBe('甲：漂洗水回用');
  });

  it('refuses bad input naming the field and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ version: 2, keyPoints: 'x'.repeat(101) }, 'body.keyPoints'],
      [{ version: 2, optionType: null }, 'optionType'],
      [{ version: 2, plannedFinish: '2025-01-01', plannedStart: '2025-02-01' }, 'plannedFinish'],
      [{ version: 2, level: 'industry' }, 'body.level'],
      [{ version: 2, parentId: id }, 'parentId'],
    ];
    for (const [body, field] of cases) {
      const res = await c.nanjing.patch(url.option(id), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await row(id))?.version).toBe(2);
  });

  it('lets the enterprise report its implementation figures but not change the plan', async () => {
    const own = await c.entA.patch(url.option(id), { version: 2, investmentActual_wanYuan: 2.5 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().investmentActual_wanYuan).toBe(2.5);
    const plan = await c.entA.patch(url.option(id), { version: 3, name: 'x' });
    expect(plan.statusCode).toBe(403);
    expect(plan.json().error.field).toBe('name');
    expect((await c.entC.patch(url.option(id), { version: 3, investmentActual_wanYuan: 1 })).statusCode).toBe(
      404,
    );
    expect((await c.expert.patch(url.option(id), { version: 3, name: 'x' })).statusCode).toBe(403);
    // a bureau of the same province above the audit's bureau manages it too
    expect((await c.jiangsu.patch(url.option(id), { version: 3, sortOrder: 5 })).statusCode).toBe(200);
    expect((await c.guangdong.patch(url.option(id), { version: 4, sortOrder: 6 })).statusCode).toBe(404);
  });

  it('sets the problems an option answers (versioned on the option)', async () => {
    const v = (await row(id))?.version ?? 0;
    const res = await c.nanjing.put(`${url.option(id)}/problems`, {
      version: v,
      problemIds: [problems.entA],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().problems.map((p: { id: string }) => p.id)).toEqual([problems.entA]);
    expect(res.json().version).toBe(v + 1);
    const stale = await c.nanjing.put(`${url.option(id)}/problems`, { version: v, problemIds: [] });
    expect(stale.statusCode).toBe(409);
    const wrong = await c.nanjing.put(`${url.option(id)}/problems`, {
      version: v + 1,
      problemIds: [problems.entC],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('problemIds.0');
    expect(
      (await c.entA.put(`${url.option(id)}/problems`, { version: v + 1, problemIds: [] })).statusCode,
    ).toBe(403);
    expect(
      (await c.guangdong.put(`${url.option(id)}/problems`, { version: v + 1, problemIds: [] })).statusCode,
    ).toBe(404);
    expect((await c.nanjing.get(url.option(id))).json().problems).toHaveLength(1);
  });
});

describe('benefits', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await create(c.nanjing, {
        level: 'enterprise',
        enterpriseId: world.ids.entA,
        name: '甲：变频改造',
        optionType: 'energy_saving',
        investmentPlanned_wanYuan: 10,
      })
    ).id;
  });

  it('stores expected benefits, converting to the catalogue unit with a breakdown', async () => {
    const res = await c.panel.put(`${url.option(id)}/benefits`, {
      version: 1,
      basis: 'expected',
      items: [
        { itemCode: 'saving.electricity', quantity: 12, unit: '万kWh/a' },
        { itemCode: 'reduction.cod', quantity: 500, unit: 'kg/a' },
        { itemCode: 'saving.water', quantity: 300, unit: 'm3/a' },
        { itemCode: 'reduction.other.nickel', name: '总镍', quantity: 3, unit: 'kg/a' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const b = Object.fromEntries(
      res.json().benefits.map((x: { itemCode: string; quantity: number; unit: string }) => [x.itemCode, x]),
    );
    // 12 万kWh = 12 × 10 000 kWh = 120 000 kWh
    expect(b['saving.electricity']).toMatchObject({ quantity: 120000, unit: 'kWh/a', basis: 'expected' });
    expect(b['saving.electricity'].breakdown.inputs).toEqual([{ name: 'given', value: 12, unit: '万kWh/a' }]);
    // 500 kg = 0.5 t
    expect(b['reduction.cod']).toMatchObject({ quantity: 0.5, unit: 't/a' });
    // water as a volume stays a volume (the core converts it with its density setting)
    expect(b['saving.water']).toMatchObject({ quantity: 300, unit: 'm3/a', breakdown: null });
    expect(b['reduction.other.nickel']).toMatchObject({ name: '总镍', quantity: 3, unit: 'kg/a' });
    expect(res.json().version).toBe(2);
  });

  it('refuses a unit of the wrong dimension or an unknown item, naming the line, and keeps the old rows', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ itemCode: 'saving.electricity', quantity: 1, unit: 't/a' }, 'items.0.unit', 'UNIT'],
      [{ itemCode: 'saving.electricity', quantity: 1, unit: 'kWh' }, 'items.0.unit', 'UNIT'],
      [{ itemCode: 'reduction.cod', quantity: 1, unit: 'furlong/a' }, 'items.0.unit', 'UNIT'],
      [{ itemCode: 'reduction.mercury', quantity: 1, unit: 't/a' }, 'items.0.itemCode', 'VALIDATION'],
      [{ itemCode: 'reduction.other.x', quantity: 1, unit: 't/a' }, 'items.0.name', 'VALIDATION'],
      [
        { itemCode: 'saving.electricity', quantity: Number.NaN, unit: 'kWh/a' },
        'body.items.0.quantity',
        'VALIDATION',
      ],
    ];
    for (const [line, field, code] of cases) {
      const res = await c.nanjing.put(`${url.option(id)}/benefits`, {
        version: 2,
        basis: 'expected',
        items: [line],
      });
      expect(res.statusCode, JSON.stringify(line)).toBe(400);
      expect(res.json().error).toMatchObject({ field, code });
    }
    const twice = await c.nanjing.put(`${url.option(id)}/benefits`, {
      version: 2,
      basis: 'expected',
      items: [
        { itemCode: 'reduction.cod', quantity: 1, unit: 't/a' },
        { itemCode: 'reduction.cod', quantity: 2, unit: 't/a' },
      ],
    });
    expect(twice.json().error.field).toBe('items.1.itemCode');
    const detail = (await c.nanjing.get(url.option(id))).json();
    expect(detail.benefits).toHaveLength(4);
    expect(detail.version).toBe(2);
  });

  it('lets the enterprise report actual benefits, not expected ones', async () => {
    const actual = await c.entA.put(`${url.option(id)}/benefits`, {
      version: 2,
      basis: 'actual',
      items: [{ itemCode: 'saving.electricity', quantity: 100000, unit: 'kWh/a' }],
    });
    expect(actual.statusCode, actual.body).toBe(200);
    expect(actual.json().benefits.filter((b: { basis: string }) => b.basis === 'expected')).toHaveLength(4);
    const expected = await c.entA.put(`${url.option(id)}/benefits`, {
      version: 3,
      basis: 'expected',
      items: [],
    });
    expect(expected.statusCode).toBe(403);
    expect(
      (await c.entC.put(`${url.option(id)}/benefits`, { version: 3, basis: 'actual', items: [] })).statusCode,
    ).toBe(404);
    expect(
      (await c.nanjing.put(`${url.option(id)}/benefits`, { version: 2, basis: 'actual', items: [] }))
        .statusCode,
    ).toBe(409);
  });
});

describe('economics (core optionEconomics)', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await create(c.nanjing, {
        level: 'enterprise',
        enterpriseId: world.ids.entA,
        name: '甲：余热回收',
        optionType: 'energy_saving',
        investmentPlanned_wanYuan: 10,
      })
    ).id;
  });

  it('computes and stores the worked example of facts §5.1, and recomputes when the investment changes', async () => {
    // I = 10, P = 1.58, Y = 10, tax 25 %, i = 6 %: D = 1, T = 0.58, E = 0.435, F = 1.435,
    // N = 10 / 1.435 = 6.9686 a; NPV = 1.435 × 7.360087 − 10 = 0.5617 万元 (Σ 1/1.06^j, j = 1..10 = 7.360087);
    // IRR = 7.17 % (facts §5.1).
    const res = await c.panel.put(`${url.option(id)}/economics`, {
      version: 1,
      economics: {
        input: { annualNetSavings_wanYuan: 1.58, depreciationYears_a: 10, discountRate_fraction: 0.06 },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.paybackYears).toBeCloseTo(6.9686, 4);
    expect(o.npv_wanYuan).toBeCloseTo(0.5617, 4);
    expect(o.irr).toBeCloseTo(0.0717, 4);
    expect(o.npvr).toBeCloseTo(0.05617, 5);
    expect(o.economics.investmentBasis).toBe('planned');
    expect(o.economics.result.annualCashFlow_wanYuanPerA).toBeCloseTo(1.435, 10);
    expect(o.economics.breakdown.steps.map((s: { label: string }) => s.label)).toContain('年增加现金流量 F');

    // I = 12: D = 1.2, T = 0.38, E = 0.285, F = 1.485, N = 12 / 1.485 = 8.0808 a, NPV = 1.485 × 7.360087 − 12 = −1.0703
    const upd = await c.nanjing.patch(url.option(id), { version: 2, investmentPlanned_wanYuan: 12 });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().paybackYears).toBeCloseTo(8.0808, 4);
    expect(upd.json().npv_wanYuan).toBeCloseTo(-1.0703, 4);
    expect(upd.json().economics.result.investment_wanYuan).toBe(12);
  });

  it('names the field of a bad parameter, refuses others, and removes the analysis', async () => {
    const bad = await c.nanjing.put(`${url.option(id)}/economics`, {
      version: 3,
      economics: {
        input: { annualNetSavings_wanYuan: 1, depreciationYears_a: 10, discountRate_fraction: 1.5 },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('economics.input.discountRate_fraction');
    expect((await row(id))?.version).toBe(3);
    const unknown = await c.nanjing.put(`${url.option(id)}/economics`, {
      version: 3,
      economics: { input: { discountRate_fraction: 0.1, investment_wanYuan: 5 } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(
      (await c.entA.put(`${url.option(id)}/economics`, { version: 3, economics: null })).statusCode,
    ).toBe(403);
    expect(
      (await c.guangdong.put(`${url.option(id)}/economics`, { version: 3, economics: null })).statusCode,
    ).toBe(404);
    expect(
      (await c.nanjing.put(`${url.option(id)}/economics`, { version: 2, economics: null })).statusCode,
    ).toBe(409);
    const cleared = await c.nanjing.put(`${url.option(id)}/economics`, { version: 3, economics: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({
      economics: null,
      paybackYears: null,
      npv_wanYuan: null,
      irr: null,
    });
  });
});

describe('screening (core rankByWeightedSum)', () => {
  let x: { id: string; version: number };
  let y: { id: string; version: number };
  beforeAll(async () => {
    x = await create(c.nanjing, { level: 'industry', name: '筛选X', optionType: 'end_of_pipe' });
    y = await create(c.nanjing, { level: 'industry', name: '筛选Y', optionType: 'end_of_pipe' });
  });

  it('ranks the options and stores each total and breakdown', async () => {
    // option-screening weights 9 / 7 / 7 / 5 (core OPTION_SCREENING_CRITERIA):
    // X = 8×9 + 7×7 + 6×7 + 5×5 = 72 + 49 + 42 + 25 = 188; Y = 5 × (9 + 7 + 7 + 5) = 140.
    const res = await c.panel.post(`/api/audits/${auditId}/option-screening`, {
      criteriaSet: 'option-screening',
      candidates: [
        {
          optionId: y.id,
          version: y.version,
          scores: {
            'environmental-effect': 5,
            'technical-feasibility': 5,
            'economic-feasibility': 5,
            implementability: 5,
          },
        },
        {
          optionId: x.id,
          version: x.version,
          scores: {
            'environmental-effect': 8,
            'technical-feasibility': 7,
            'economic-feasibility': 6,
            implementability: 5,
          },
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .ranking.map((r: { optionId: string; rank: number; total: number }) => [r.optionId, r.rank, r.total]),
    ).toEqual([
      [x.id, 1, 188],
      [y.id, 2, 140],
    ]);
    const stored = (await c.nanjing.get(url.option(x.id))).json();
    expect(stored.screeningScore).toBe(188);
    expect(stored.screening.result).toBe(188);
    expect(stored.screening.factors.map((f: { value: number }) => f.value)).toEqual([9, 7, 7, 5]);
    expect(stored.version).toBe(2);
  });

  it('answers 409 to a stale version and stores nothing; 400 naming a bad score; 403/404 to others', async () => {
    const body = (vx: number, score = 5) => ({
      criteria: [{ id: 'env', name: '环境效果', weight: 2 }],
      candidates: [
        { optionId: x.id, version: vx, scores: { env: score } },
        { optionId: y.id, version: 1, scores: { env: 1 } },
      ],
    });
    const stale = await c.nanjing.post(`/api/audits/${auditId}/option-screening`, body(2));
    expect(stale.statusCode).toBe(409);
    expect((await row(x.id))?.screeningScore).toBe(188);
    expect((await row(x.id))?.version).toBe(2);
    const bad = await c.nanjing.post(`/api/audits/${auditId}/option-screening`, body(2, 11));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('candidates.0.scores.env');
    expect((await c.entA.post(`/api/audits/${auditId}/option-screening`, body(2))).statusCode).toBe(403);
    expect((await c.guangdong.post(`/api/audits/${auditId}/option-screening`, body(2))).statusCode).toBe(404);
    expect((await c.expert.post(`/api/audits/${auditId}/option-screening`, body(2))).statusCode).toBe(403);
  });
});

describe('status workflow', () => {
  let mid: string;
  let low: string;
  const v = async (id: string) => (await row(id))?.version ?? 0;
  const move = (client: Client, id: string, body: Record<string, unknown>) =>
    client.post(`${url.option(id)}/status`, body);
  beforeAll(async () => {
    mid = (
      await create(c.nanjing, {
        level: 'enterprise',
        enterpriseId: world.ids.entA,
        name: '甲：中费方案',
        optionType: 'process_equipment_retrofit',
        investmentPlanned_wanYuan: 30,
      })
    ).id;
    low = (
      await create(c.nanjing, {
        level: 'enterprise',
        enterpriseId: world.ids.entA,
        name: '甲：低费方案',
        optionType: 'management_staff',
        investmentPlanned_wanYuan: 0.5,
      })
    ).id;
  });

  it('runs proposed → screened → feasible → implementing → implemented → verified with the right people', async () => {
    expect((await move(c.entA, mid, { version: await v(mid), to: 'screened' })).statusCode).toBe(403);
    expect((await move(c.entC, mid, { version: await v(mid), to: 'screened' })).statusCode).toBe(404);
    const jump = await move(c.nanjing, mid, { version: await v(mid), to: 'implemented' });
    expect(jump.statusCode).toBe(409);
    expect(jump.json().error.code).toBe('STATE_CONFLICT');
    const screened = await move(c.panel, mid, { version: await v(mid), to: 'screened' });
    expect(screened.statusCode, screened.body).toBe(200);
    // 30 万元 ≥ 5: 中/高费 needs the feasibility step
    expect(screened.json().allowedTransitions).toEqual(['feasible', 'rejected']);
    expect((await move(c.nanjing, mid, { version: await v(mid), to: 'implementing' })).statusCode).toBe(409);
    expect((await move(c.nanjing, mid, { version: await v(mid), to: 'feasible' })).statusCode).toBe(200);
    // the enterprise starts and reports the implementation of its own option
    const started = await move(c.entA, mid, { version: await v(mid), to: 'implementing' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().allowedTransitions).toEqual(['implemented', 'feasible']);
    const noDate = await move(c.entA, mid, { version: await v(mid), to: 'implemented' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.field).toBe('implementedOn');
    const future = await move(c.entA, mid, {
      version: await v(mid),
      to: 'implemented',
      implementedOn: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    const done = await move(c.entA, mid, {
      version: await v(mid),
      to: 'implemented',
      implementedOn: '2025-06-30',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'implemented', implementedOn: '2025-06-30' });
    // verification is the panel's or the bureau's
    expect(
      (await move(c.entA, mid, { version: await v(mid), to: 'verified', verifiedOn: '2025-07-10' }))
        .statusCode,
    ).toBe(403);
    const early = await move(c.nanjing, mid, {
      version: await v(mid),
      to: 'verified',
      verifiedOn: '2025-06-01',
    });
    expect(early.json().error.field).toBe('verifiedOn');
    const verified = await move(c.nanjing, mid, {
      version: await v(mid),
      to: 'verified',
      verifiedOn: '2025-07-10',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified', verifiedBy: world.ids.users.nanjing });
    // a verified option is frozen
    const frozen = await c.nanjing.patch(url.option(mid), { version: await v(mid), name: 'x' });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.code).toBe('STATE_CONFLICT');
    const stale = await move(c.nanjing, mid, { version: 1, to: 'implemented' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const back = await move(c.nanjing, mid, { version: await v(mid), to: 'implemented' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'implemented', verifiedOn: null, verifiedBy: null });
  });

  it('lets a 无/低费 option go from screened straight to implementing; rejection needs a reason', async () => {
    await move(c.nanjing, low, { version: await v(low), to: 'screened' });
    const detail = (await c.entA.get(url.option(low))).json();
    expect(detail.allowedTransitions).toEqual(['implementing']);
    const reject = await move(c.nanjing, low, { version: await v(low), to: 'rejected' });
    expect(reject.statusCode).toBe(400);
    expect(reject.json().error.field).toBe('reason');
    const rejected = await move(c.nanjing, low, {
      version: await v(low),
      to: 'rejected',
      reason: '已有同类措施',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: '已有同类措施' });
    const again = await move(c.nanjing, low, { version: await v(low), to: 'proposed' });
    expect(again.json()).toMatchObject({ status: 'proposed', rejectionReason: null });
    await move(c.nanjing, low, { version: await v(low), to: 'screened' });
    const go = await move(c.entA, low, { version: await v(low), to: 'implementing' });
    expect(go.statusCode, go.body).toBe(200);
    const bad = await move(c.nanjing, low, { version: await v(low), to: 'finished' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.to');
  });
});

describe('options of a mandatory audit', () => {
  it('are entered by the enterprise, seen by its bureau, hidden from others', async () => {
    const res = await c.entB.post(url.mandatoryOptions(), {
      name: '乙：沉铜线节水',
      gdCategory: 'technology',
      isKey: true,
      keyPoints: '逆流漂洗，节水30%',
      investmentPlanned_wanYuan: 12,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      level: 'enterprise',
      enterpriseId: world.ids.entB,
      auditId: null,
      mandatoryAuditId: mandatoryId,
      // no audit threshold: the core's default 5 万元
      costClassEffective: 'mid_high',
    });
    const noCategory = await c.entB.post(url.mandatoryOptions(), { name: 'x', isKey: true });
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().error.field).toBe('gdCategory');
    const industryField = await c.entB.post(url.mandatoryOptions(), {
      name: 'x',
      industryApproach: 'deep_treatment',
    });
    expect(industryField.statusCode).toBe(400);
    expect((await c.guangdong.post(url.mandatoryOptions(), { name: 'x' })).statusCode).toBe(403);
    expect((await c.nanjing.post(url.mandatoryOptions(), { name: 'x' })).statusCode).toBe(404);
    expect((await c.entA.post(url.mandatoryOptions(), { name: 'x' })).statusCode).toBe(404);
    expect((await c.guangdong.get(url.mandatoryOptions())).json().total).toBe(1);
    expect((await c.entB.get(url.mandatoryOptions())).json().total).toBe(1);
    expect((await c.nanjing.get(url.mandatoryOptions())).statusCode).toBe(404);
    expect((await c.consultant.get(url.mandatoryOptions())).statusCode).toBe(404);
    // screening of a mandatory audit's options: the enterprise (its own audit team) and the bureau
    const screen = (client: Client, version: number) =>
      client.post(`/api/mandatory-audits/${mandatoryId}/option-screening`, {
        criteria: [{ id: 'env', name: '环境效益', weight: 3 }],
        candidates: [{ optionId: res.json().id, version, scores: { env: 7 } }],
      });
    const screened = await screen(c.entB, 1);
    expect(screened.statusCode, screened.body).toBe(200);
    // one criterion of weight 3 scored 7: Σ R×W = 21
    expect(screened.json().ranking[0]).toMatchObject({ rank: 1, total: 21, version: 2 });
    expect((await screen(c.guangdong, 2)).statusCode).toBe(200);
    expect((await screen(c.nanjing, 3)).statusCode).toBe(404);
    expect((await screen(c.entA, 3)).statusCode).toBe(404);
    expect((await screen(c.expert, 3)).statusCode).toBe(403);
    // a filed form locks its options
    await world.database.db
      .update(mandatoryAudits)
      .set({ status: 'submitted' })
      .where(eq(mandatoryAudits.id, mandatoryId));
    const locked = await c.entB.patch(url.option(res.json().id), { version: 3, name: 'y' });
    expect(locked.statusCode).toBe(409);
    expect((await c.entB.post(url.mandatoryOptions(), { name: 'z' })).statusCode).toBe(409);
    await world.database.db
      .update(mandatoryAudits)
      .set({ status: 'in_progress' })
      .where(eq(mandatoryAudits.id, mandatoryId));
    expect((await c.entB.patch(url.option(res.json().id), { version: 3, name: 'y' })).statusCode).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents the option endpoints with their schemas', async () => {
    const doc = (await world.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/options/{id}'].patch).toBeDefined();
    expect(doc.paths['/api/audits/{id}/performance'].get).toBeDefined();
    expect(JSON.stringify(doc)).toContain('OptionsBreakdown');
  });
});
