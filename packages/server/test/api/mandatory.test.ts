/**
 * Mandatory audits (强制性清洁生产审核) and the Guangdong performance form: who may start, read and edit them,
 * the basic information pre-filled from the enterprise profile and annual data, the rules across fields,
 * optimistic concurrency, the target rows, and the audit log.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  annualSubmissions,
  annualValues,
  enterpriseProducts,
  enterprises,
  expertAssignments,
  mandatoryAudits,
} from '../../src/db/index.ts';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let entB: Client;
let guangdong: Client;
let admin: Client;
/** The audit of entB (广州, PCB, 398) started by the enterprise itself. */
let auditB: string;
/** The audit of entA (南京) started by its consultant. */
let auditA: string;

beforeAll(async () => {
  world = await createWorld();
  const db = world.database.db;
  await db
    .update(enterprises)
    .set({
      address: '广州市天河区某路8号',
      industryCode: '3982',
      industrialParkName: '广州某电子产业园',
      keyMonitoringTypes: ['water', 'soil'],
      permitClass: 'key',
    })
    .where(eq(enterprises.id, world.ids.entB));
  await db.insert(enterpriseProducts).values([
    { enterpriseId: world.ids.entB, name: '双面板', capacity: 600_000, capacityUnit: 'm2/a', sortOrder: 1 },
    { enterpriseId: world.ids.entB, name: '多层板', capacity: 300_000, capacityUnit: 'm2/a', sortOrder: 2 },
  ]);
  await db.insert(annualSubmissions).values({ enterpriseId: world.ids.entB, year: 2024 });
  await db.insert(annualValues).values([
    {
      enterpriseId: world.ids.entB,
      year: 2024,
      category: 'economy',
      itemCode: 'economy.gross_output',
      quantity: 52_000,
      unit: '万元',
    },
    // Value added stored in 元: the form wants 万元 (1 万元 = 10 000 元) → 130 000 000 / 10 000 = 13 000.
    {
      enterpriseId: world.ids.entB,
      year: 2024,
      category: 'economy',
      itemCode: 'economy.value_added',
      quantity: 130_000_000,
      unit: '元',
    },
    {
      enterpriseId: world.ids.entB,
      year: 2024,
      category: 'product',
      itemCode: 'product.double_sided',
      name: '双面板',
      quantity: 512_000,
      unit: 'm2',
    },
    {
      enterpriseId: world.ids.entB,
      year: 2024,
      category: 'product',
      itemCode: 'product.hdi',
      name: 'HDI板',
      quantity: 41_000,
      unit: 'm2',
    },
    {
      enterpriseId: world.ids.entB,
      year: 2024,
      category: 'water',
      itemCode: 'water.intake',
      quantity: 1_250_000,
      unit: 'm3',
    },
  ]);
  entB = await world.as('entB');
  guangdong = await world.as('guangdong');
  admin = await world.as('admin');
});
afterAll(async () => {
  await world?.close();
});

const start = { auditMethod: 'regular', round: 'first', dataYear: 2024 } as const;

describe('starting a mandatory audit', () => {
  it('the enterprise starts its own, with the form pre-filled from its profile and annual data', async () => {
    const res = await entB.post('/api/mandatory-audits', {
      enterpriseId: world.ids.entB,
      ...start,
      listingReasons: ['double_toxic'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    auditB = a.id;
    expect(a).toMatchObject({
      enterpriseId: world.ids.entB,
      status: 'in_progress',
      version: 1,
      dataYear: 2024,
      // The deepest bureau covering 广州 天河区 in the world is 广东省生态环境厅.
      bureauId: world.ids.guangdongBureau,
      bureauName: '广东省生态环境厅',
      consultingFirmId: null,
    });
    expect(a.basicInfo).toMatchObject({
      enterpriseName: '广州乙电路板有限公司',
      address: '广州市天河区某路8号',
      industryCode: '3982',
      // Note 1: the 中类 of 3982 电子电路制造 is 398 (GB/T 4754-2017).
      industryGroup: {
        code: '398',
        name: '电子元件及电子专用材料制造',
        label: '398 电子元件及电子专用材料制造',
      },
      grossOutput_wanYuan: 52_000,
      valueAdded_wanYuan: 13_000,
      inIndustrialPark: true,
      industrialParkName: '广州某电子产业园',
      keyMonitoringUnit: true,
      keyMonitoringTypes: ['water', 'soil'],
      permitClass: 'key',
    });
    // Profile products in their order, each with the output of the same name; then outputs without a profile row.
    expect(a.basicInfo.products).toEqual([
      {
        name: '双面板',
        output: 512_000,
        unit: 'm2',
        itemCode: 'product.double_sided',
        capacity: 600_000,
        capacityUnit: 'm2/a',
      },
      { name: '多层板', output: null, unit: null, itemCode: null, capacity: 300_000, capacityUnit: 'm2/a' },
      {
        name: 'HDI板',
        output: 41_000,
        unit: 'm2',
        itemCode: 'product.hdi',
        capacity: null,
        capacityUnit: null,
      },
    ]);
    expect(a.basicInfo.notes.join(' ')).toContain('草稿');
    // Regular method: the audit focus is still missing (note 8); 多层板 has no output yet.
    expect(a.missing).toEqual(
      expect.arrayContaining(['auditFocus', 'basicInfo.products', 'cpLeadName', 'targets']),
    );
    expect(a.missing).not.toContain('basicInfo.grossOutput_wanYuan');
  });

  it('a consultant starts one for an enterprise it is engaged by; the firm is filled in', async () => {
    const c = await world.as('consultant');
    const res = await c.post('/api/mandatory-audits', {
      enterpriseId: world.ids.entA,
      ...start,
      auditMethod: 'simplified',
    });
    expect(res.statusCode, res.body).toBe(201);
    auditA = res.json().id;
    expect(res.json()).toMatchObject({
      consultingFirmId: world.ids.firm,
      consultingFirmName: '江苏清源环境咨询有限公司',
      bureauId: world.ids.nanjingBureau,
    });
    expect(res.json().basicInfo.notes.join(' ')).toContain('尚无年度数据');
    // Not engaged by entC: out of scope is not found.
    const other = await c.post('/api/mandatory-audits', { enterpriseId: world.ids.entC, ...start });
    expect(other.statusCode).toBe(404);
  });

  it('a bureau starts one in its jurisdiction; outside it the enterprise is not found', async () => {
    const nanjing = await world.as('nanjing');
    const ok = await nanjing.post('/api/mandatory-audits', { enterpriseId: world.ids.entC, ...start });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().bureauId).toBe(world.ids.nanjingBureau);
    const jiangsu = await world.as('jiangsu');
    expect(
      (await jiangsu.post('/api/mandatory-audits', { enterpriseId: world.ids.entB, ...start })).statusCode,
    ).toBe(404);
  });

  it('refuses roles that cannot write (403), other enterprises (404) and a second open audit (409)', async () => {
    for (const who of ['panel', 'expert'] as const) {
      const c = await world.as(who);
      expect(
        (await c.post('/api/mandatory-audits', { enterpriseId: world.ids.entB, ...start })).statusCode,
      ).toBe(403);
    }
    const entC = await world.as('entC');
    expect(
      (await entC.post('/api/mandatory-audits', { enterpriseId: world.ids.entB, ...start })).statusCode,
    ).toBe(404);
    const dup = await guangdong.post('/api/mandatory-audits', { enterpriseId: world.ids.entB, ...start });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'CONFLICT', field: 'enterpriseId' });
  });

  it('refuses bad input naming the field, and creates nothing', async () => {
    const before = await queryRows(world.database.db, sql`select count(*)::int as n from mandatory_audits`);
    const cases: [Record<string, unknown>, string][] = [
      [{ enterpriseId: world.ids.entB, ...start, round: 'fifth' }, 'body.round'],
      [{ enterpriseId: world.ids.entB, ...start, colour: 'red' }, 'body.colour'],
      [{ enterpriseId: 'not-a-uuid', ...start }, 'body.enterpriseId'],
      [{ enterpriseId: world.ids.entB, ...start, lastAcceptanceMonth: 13 }, 'body.lastAcceptanceMonth'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/mandatory-audits', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    const after = await queryRows(world.database.db, sql`select count(*)::int as n from mandatory_audits`);
    expect(after).toEqual(before);
  });
});

describe('reading', () => {
  it('the enterprise, its bureau and admin read it; others get 404', async () => {
    for (const c of [entB, guangdong, admin]) {
      const res = await c.get(`/api/mandatory-audits/${auditB}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().id).toBe(auditB);
    }
    for (const who of ['nanjing', 'jiangsu', 'entA', 'consultant', 'panel', 'expert'] as const) {
      const c = await world.as(who);
      expect((await c.get(`/api/mandatory-audits/${auditB}`)).statusCode, who).toBe(404);
    }
  });

  it('an expert assigned to the audit reads it but cannot edit it', async () => {
    await world.database.db
      .insert(expertAssignments)
      .values({ userId: world.ids.users.expert, mandatoryAuditId: auditB });
    const expert = await world.as('expert');
    const res = await expert.get(`/api/mandatory-audits/${auditB}`);
    expect(res.statusCode).toBe(200);
    expect(
      (await expert.patch(`/api/mandatory-audits/${auditB}`, { version: 1, cpLeadName: '张三' })).statusCode,
    ).toBe(403);
    const list = await expert.get('/api/mandatory-audits');
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([auditB]);
  });

  it('lists what the caller may see, with search, filters and total', async () => {
    const all = await admin.get('/api/mandatory-audits?sort=enterpriseName&order=asc');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(3);
    const nanjing = await world.as('nanjing');
    const nj = await nanjing.get('/api/mandatory-audits');
    expect(nj.json().total).toBe(2);
    expect(
      nj
        .json()
        .items.map((i: { enterpriseId: string }) => i.enterpriseId)
        .sort(),
    ).toEqual([world.ids.entA, world.ids.entC].sort());
    const gd = await guangdong.get('/api/mandatory-audits?q=电路板');
    expect(gd.json()).toMatchObject({
      total: 1,
      items: [{ id: auditB, enterpriseName: '广州乙电路板有限公司' }],
    });
    const none = await admin.get('/api/mandatory-audits?q=不存在&limit=5');
    expect(none.json()).toEqual({ items: [], total: 0 });
    const filtered = await admin.get(
      `/api/mandatory-audits?enterpriseId=${world.ids.entA}&status=in_progress`,
    );
    expect(filtered.json().items.map((i: { id: string }) => i.id)).toEqual([auditA]);
    expect((await admin.get('/api/mandatory-audits?sort=colour')).statusCode).toBe(400);
  });

  it('previews the pre-filled basic information before an audit exists', async () => {
    const res = await guangdong.get(
      `/api/mandatory-audits/prefill?enterpriseId=${world.ids.entB}&dataYear=2024`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      grossOutput_wanYuan: 52_000,
      valueAdded_wanYuan: 13_000,
      dataYear: 2024,
    });
    // Another year has no annual data: the figures are empty and the notes say why.
    const y2023 = await guangdong.get(
      `/api/mandatory-audits/prefill?enterpriseId=${world.ids.entB}&dataYear=2023`,
    );
    expect(y2023.json()).toMatchObject({ grossOutput_wanYuan: null, valueAdded_wanYuan: null });
    const entA = await world.as('entA');
    expect((await entA.get(`/api/mandatory-audits/prefill?enterpriseId=${world.ids.entB}`)).statusCode).toBe(
      404,
    );
  });
});

describe('editing the form', () => {
  it('updates every judgement field, bumps the version, and logs the change with before and after', async () => {
    const body = {
      version: 1,
      listingReasons: ['double_exceed', 'other'],
      listingReasonOther: '纳入省重点行业清洁生产改造计划',
      round: 'second',
      lastAcceptanceYear: 2019,
      lastAcceptanceMonth: 11,
      cpLeadName: '李工',
      cpLeadPhone: '020-12345678',
      consultingFirmId: world.ids.firm,
      consultantContactName: '王顾问',
      consultantContactPhone: '13800000000',
      startedOn: '2025-03-01',
      finishedOn: '2025-10-31',
      trainingEvents: 6,
      trainingAttendance: 240,
      auditFocus: '电镀铜线水耗与含铜废水',
      cpLevelDescription: '按附件4评价：单位产品取水量下降12%',
      cpLevelRemark: '无',
      filledByName: '陈填表',
      filledOn: '2025-11-05',
    };
    const res = await entB.patch(`/api/mandatory-audits/${auditB}`, body);
    expect(res.statusCode, res.body).toBe(200);
    const { version: _v, ...fields } = body;
    expect(res.json()).toMatchObject({
      ...fields,
      version: 2,
      consultingFirmName: '江苏清源环境咨询有限公司',
    });
    expect(res.json().missing).not.toContain('auditFocus');
    const log = await queryRows(
      world.database.db,
      sql`select actor_user_id, before->>'cp_lead_name' as before_lead, after->>'cp_lead_name' as after_lead
        from audit_log where entity = 'mandatory_audits' and entity_id = ${auditB} and action = 'update'`,
    );
    expect(log).toEqual([{ actor_user_id: world.ids.users.entB, before_lead: null, after_lead: '李工' }]);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const res = await guangdong.patch(`/api/mandatory-audits/${auditB}`, { version: 1, cpLeadName: '别人' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    const now = await entB.get(`/api/mandatory-audits/${auditB}`);
    expect(now.json()).toMatchObject({ version: 2, cpLeadName: '李工' });
    // An empty change with a stale version is refused too.
    expect((await entB.patch(`/api/mandatory-audits/${auditB}`, { version: 1 })).statusCode).toBe(409);
  });

  it('refuses rules across fields with 400 naming the field, and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ round: 'first' }, 'lastAcceptanceYear'],
      [{ listingReasonOther: null }, 'listingReasonOther'],
      [{ listingReasons: ['plans', 'plans'] }, 'listingReasons'],
      [{ finishedOn: '2025-01-01' }, 'finishedOn'],
      [{ lastAcceptanceYear: null }, 'lastAcceptanceYear'],
      [{ bureauId: world.ids.nanjingBureau }, 'bureauId'],
      [{ consultingFirmId: world.ids.entA }, 'consultingFirmId'],
      [{ evaluationBeforeId: world.ids.entA }, 'evaluationBeforeId'],
      [{ trainingEvents: -1 }, 'body.trainingEvents'],
      [{ cpLeadName: 'x'.repeat(101) }, 'body.cpLeadName'],
    ];
    for (const [change, field] of cases) {
      const res = await entB.patch(`/api/mandatory-audits/${auditB}`, { version: 2, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().error.field, JSON.stringify(change)).toBe(field);
    }
    const now = await entB.get(`/api/mandatory-audits/${auditB}`);
    expect(now.json()).toMatchObject({
      version: 2,
      round: 'second',
      lastAcceptanceYear: 2019,
      finishedOn: '2025-10-31',
    });
  });

  it('others cannot edit: another bureau gets 404, the panel 403', async () => {
    const nanjing = await world.as('nanjing');
    expect(
      (await nanjing.patch(`/api/mandatory-audits/${auditB}`, { version: 2, cpLeadName: 'x' })).statusCode,
    ).toBe(404);
    const panel = await world.as('panel');
    expect(
      (await panel.patch(`/api/mandatory-audits/${auditB}`, { version: 2, cpLeadName: 'x' })).statusCode,
    ).toBe(403);
    const entA = await world.as('entA');
    expect(
      (await entA.patch(`/api/mandatory-audits/${auditB}`, { version: 2, cpLeadName: 'x' })).statusCode,
    ).toBe(404);
  });
});

describe('target rows (本轮清洁生产目标完成情况)', () => {
  let targetId: string;

  it('adds a row whose before value comes from the annual data of the data year', async () => {
    // water.intake 2024 = 1 250 000 m3, the row is in 万m3: 1 250 000 / 10 000 = 125.
    const res = await entB.post(`/api/mandatory-audits/${auditB}/targets`, {
      indicator: '新鲜水取水量',
      unit: '万m3',
      itemCode: 'water.intake',
      nearTermTarget: 110,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      beforeValue: 125,
      afterValue: null,
      nearTermTarget: 110,
      sortOrder: 0,
      version: 1,
    });
    targetId = res.json().id;
    // A second row goes after the first; an explicit before value wins over the annual data.
    const second = await guangdong.post(`/api/mandatory-audits/${auditB}/targets`, {
      indicator: '单位产品取水量',
      unit: 'm3/m2',
      itemCode: 'water.intake',
      beforeValue: 2.3,
    });
    expect(second.json()).toMatchObject({ beforeValue: 2.3, sortOrder: 1 });
    // An item in another dimension than the row's unit leaves the before value empty (m3 is not t).
    const third = await entB.post(`/api/mandatory-audits/${auditB}/targets`, {
      indicator: '取水（吨）',
      unit: 'kWh',
      itemCode: 'water.intake',
    });
    expect(third.json().beforeValue).toBeNull();
    const view = await entB.get(`/api/mandatory-audits/${auditB}`);
    expect(view.json().targets.map((t: { indicator: string }) => t.indicator)).toEqual([
      '新鲜水取水量',
      '单位产品取水量',
      '取水（吨）',
    ]);
    expect(view.json().missing).not.toContain('targets');
  });

  it('updates a row with its version; a stale version is refused; bad input names the field', async () => {
    const ok = await entB.patch(`/api/mandatory-audits/${auditB}/targets/${targetId}`, {
      version: 1,
      afterValue: 104.5,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ afterValue: 104.5, version: 2 });
    const stale = await entB.patch(`/api/mandatory-audits/${auditB}/targets/${targetId}`, {
      version: 1,
      afterValue: 1,
    });
    expect(stale.statusCode).toBe(409);
    const bad = await entB.patch(`/api/mandatory-audits/${auditB}/targets/${targetId}`, {
      version: 2,
      unit: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.unit');
    const nanjing = await world.as('nanjing');
    expect(
      (
        await nanjing.patch(`/api/mandatory-audits/${auditB}/targets/${targetId}`, {
          version: 2,
          afterValue: 1,
        })
      ).statusCode,
    ).toBe(404);
    // A target id of another audit is not found under this one.
    expect(
      (
        await admin.patch(`/api/mandatory-audits/${auditA}/targets/${targetId}`, {
          version: 2,
          afterValue: 1,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('deletes a row with its version', async () => {
    expect(
      (await entB.delete(`/api/mandatory-audits/${auditB}/targets/${targetId}?version=1`)).statusCode,
    ).toBe(409);
    const panel = await world.as('panel');
    expect(
      (await panel.delete(`/api/mandatory-audits/${auditB}/targets/${targetId}?version=2`)).statusCode,
    ).toBe(403);
    expect(
      (await entB.delete(`/api/mandatory-audits/${auditB}/targets/${targetId}?version=2`)).statusCode,
    ).toBe(200);
    const view = await entB.get(`/api/mandatory-audits/${auditB}`);
    expect(view.json().targets).toHaveLength(2);
    const log = await queryRows(
      world.database.db,
      sql`select action from audit_log where entity = 'mandatory_audit_targets' and entity_id = ${targetId} order by seq`,
    );
    expect(log.map((r) => r.action)).toEqual(['insert', 'update', 'delete']);
  });
});

describe('a submitted form is locked', () => {
  it('answers 409 STATE_CONFLICT to edits until returned', async () => {
    await world.database.db
      .update(mandatoryAudits)
      .set({ status: 'submitted', submittedAt: new Date('2025-11-06T02:00:00Z') })
      .where(eq(mandatoryAudits.id, auditB));
    const current = (await entB.get(`/api/mandatory-audits/${auditB}`)).json();
    const res = await entB.patch(`/api/mandatory-audits/${auditB}`, {
      version: current.version,
      cpLeadName: '改',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STATE_CONFLICT');
    const add = await entB.post(`/api/mandatory-audits/${auditB}/targets`, { indicator: 'x', unit: 't' });
    expect(add.statusCode).toBe(409);
    await world.database.db
      .update(mandatoryAudits)
      .set({ status: 'returned' })
      .where(eq(mandatoryAudits.id, auditB));
    const after = (await entB.get(`/api/mandatory-audits/${auditB}`)).json();
    const ok = await entB.patch(`/api/mandatory-audits/${auditB}`, {
      version: after.version,
      cpLeadName: '改',
    });
    expect(ok.statusCode).toBe(200);
  });
});
