/**
 * GET /api/dashboard: one request for the home page, scoped by the caller.
 *
 * Seed: a 南京 electroplating audit (bureau 南京, 320100) with 甲 and 丙 selected (no annual data: both
 * 未开始 / not_started), the panel user on its panel, and two options:
 *   O1 甲 无/低费 (investment 1.8 万元 < threshold 5), verified: actual benefit 2.5 万元/a, 节水 1200 t/a, COD 0.5 t/a;
 *   O2 甲 proposed (50 万元): counted by status, in no column of table 7.2.
 * Table 7.2 总计 by hand: 1 option, 1.8 万元, 2.5 万元/a; 节水 1200 t/a; COD 0.5 t/a; CO2 0; 节综合能耗 0.
 */
import { sql, eq as sqlEq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  annualSubmissions,
  annualValues,
  auditEnterprises,
  auditPanelMembers,
  cpOptions,
  industryAudits,
  mandatoryAudits,
  optionBenefits,
} from '../../src/db/index.ts';
import { actorOfUser } from '../../src/services/auth/sessions.ts';
import { memoStats } from '../../src/services/options/audit-memo.ts';
import { optionVisible } from '../../src/services/options/scope.ts';
import { createNanjingPlatingAudit, createWorld, type World } from '../helpers/world.ts';

let world: World;
let auditId: string;

beforeAll(async () => {
  world = await createWorld();
  const db = world.database.db;
  const audit = { id: await createNanjingPlatingAudit(world, { lowCostThreshold_wanYuan: 5 }) };
  auditId = audit.id;
  await db.insert(auditEnterprises).values([
    { auditId, enterpriseId: world.ids.entA, status: 'selected' },
    { auditId, enterpriseId: world.ids.entC, status: 'selected' },
  ]);
  await db.insert(auditPanelMembers).values({ auditId, userId: world.ids.users.panel, name: '审核小组成员' });
  const base = { auditId, level: 'enterprise' as const, enterpriseId: world.ids.entA };
  const rows = await db
    .insert(cpOptions)
    .values([
      {
        ...base,
        code: 'O1',
        sortOrder: 1,
        name: '甲：逆流漂洗',
        optionType: 'resource_reuse',
        status: 'verified',
        investmentPlanned_wanYuan: 2,
        investmentActual_wanYuan: 1.8,
        economicBenefitExpected_wanYuanPerYear: 3,
        economicBenefitActual_wanYuanPerYear: 2.5,
        implementedOn: '2025-05-01',
        verifiedOn: '2025-06-01',
      },
      {
        ...base,
        code: 'O2',
        sortOrder: 2,
        name: '甲：光伏',
        optionType: 'energy_saving',
        status: 'proposed',
        investmentPlanned_wanYuan: 50,
      },
    ])
    .returning({ id: cpOptions.id, code: cpOptions.code });
  const o1 = rows.find((r) => r.code === 'O1')?.id ?? '';
  await db.insert(optionBenefits).values([
    { optionId: o1, basis: 'actual', itemCode: 'saving.water', quantity: 1200, unit: 't/a' },
    { optionId: o1, basis: 'actual', itemCode: 'reduction.cod', quantity: 0.5, unit: 't/a' },
  ]);
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('GET /api/dashboard', () => {
  it('gives the bureau its audit with phase, data status, options by status and the table 7.2 totals', async () => {
    const nanjing = await world.as('nanjing');
    const res = await nanjing.get('/api/dashboard');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.audits).toHaveLength(1);
    const a = d.audits[0];
    expect(a).toMatchObject({ id: auditId, status: 'planning', title: '南京市电镀行业清洁生产审核' });
    expect(a.schedule.state).toBeTypeOf('string');
    // Two selected enterprises without annual data: both not started.
    expect(a.enterprisesByCollection).toMatchObject({ not_started: 2, submitted: 0, returned: 0 });
    expect(a.optionsByStatus).toMatchObject({ verified: 1, proposed: 1, implemented: 0 });
    // Hand-computed 总计 column (see the header).
    expect(a.benefits.optionCount).toBe(1);
    expect(a.benefits.investment_wanYuan).toBeCloseTo(1.8, 10);
    expect(a.benefits.economicBenefit_wanYuanPerYear).toBeCloseTo(2.5, 10);
    expect(a.benefits.water_tPerYear).toBeCloseTo(1200, 10);
    expect(a.benefits.co2_tPerYear).toBe(0);
    expect(a.benefits.energy_tcePerYear).toBe(0);
    expect(a.benefits.pollutants.find((p: { key: string }) => p.key === 'cod')?.value).toBeCloseTo(0.5, 10);
    expect(a.benefits.pollutants.some((p: { key: string }) => p.key === 'co2')).toBe(false);
    // The same figures as the audit's own performance view (the core's table 7.2), and totals = the one audit.
    const perf = (await nanjing.get(`/api/audits/${auditId}/performance`)).json();
    const implemented = (row: Record<string, number | null>) =>
      (row['no-low-implemented'] ?? 0) + (row['mid-high-implemented'] ?? 0);
    expect(a.benefits.investment_wanYuan).toBe(implemented(perf.table72.investment_wanYuan));
    expect(a.benefits.optionCount).toBe(implemented(perf.table72.optionCount));
    expect(d.totals).toMatchObject({
      audits: 1,
      auditsByStatus: { planning: 1, preparation: 0 },
      enterprisesByCollection: { not_started: 2 },
      optionsByStatus: { verified: 1, proposed: 1 },
    });
    expect(d.totals.benefits).toEqual(a.benefits);
    // 南京's bureau sees 甲 and 丙 (玄武区, 秦淮区), not 乙 (广州).
    expect(d.counts).toMatchObject({ enterprises: 2, options: 2 });
  });

  it('adds up several audits in the totals', async () => {
    const db = world.database.db;
    const [second] = await db
      .insert(industryAudits)
      .values({
        title: '南京市电镀行业第二轮审核',
        bureauId: world.ids.nanjingBureau,
        regionCode: '320100',
        industryCodes: ['336'],
        industryName: '金属表面处理及热处理加工',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
      })
      .returning({ id: industryAudits.id });
    if (!second) throw new Error('seed');
    await db
      .insert(auditEnterprises)
      .values({ auditId: second.id, enterpriseId: world.ids.entC, status: 'selected' });
    const d = (await (await world.as('jiangsu')).get('/api/dashboard')).json();
    // 江苏's province bureau sees both 南京 audits; 2 + 1 listed enterprises, none started.
    expect(d.totals.audits).toBe(2);
    expect(d.totals.enterprisesByCollection.not_started).toBe(3);
    expect(d.totals.benefits.investment_wanYuan).toBeCloseTo(1.8, 10);
    await db.delete(auditEnterprises).where(sqlEq(auditEnterprises.auditId, second.id));
    await db.delete(industryAudits).where(sqlEq(industryAudits.id, second.id));
  });

  it('gives the panel member the audits of their panel', async () => {
    const d = (await (await world.as('panel')).get('/api/dashboard')).json();
    expect(d.audits.map((a: { id: string }) => a.id)).toEqual([auditId]);
    expect(d.totals.benefits.water_tPerYear).toBeCloseTo(1200, 10);
  });

  it('limits an enterprise user to their own row and hides the audit performance', async () => {
    const d = (await (await world.as('entA')).get('/api/dashboard')).json();
    expect(d.audits).toHaveLength(1);
    expect(d.audits[0].enterprisesByCollection.not_started).toBe(1);
    expect(d.audits[0].benefits).toBeNull();
    expect(d.totals.benefits).toBeNull();
    expect(d.counts.enterprises).toBe(1);
  });

  it('shows nothing of other jurisdictions or unassigned experts', async () => {
    for (const user of ['guangdong', 'expert', 'entB'] as const) {
      const d = (await (await world.as(user)).get('/api/dashboard')).json();
      expect(d.audits, user).toEqual([]);
      expect(d.totals.audits, user).toBe(0);
      expect(d.totals.benefits, user).toBeNull();
      expect(d.counts.options, user).toBe(0);
    }
  });

  it("reuses an audit's collection counts until a write touches its enterprises' data, then recomputes that audit", async () => {
    const nanjing = await world.as('nanjing');
    const db = world.database.db;
    const collection = async () => {
      const res = await nanjing.get('/api/dashboard');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().audits.find((a: { id: string }) => a.id === auditId).enterprisesByCollection;
    };
    const stats = memoStats.collection;
    await collection();
    // A write elsewhere (another audit's title) makes the dashboard answer again, from the memo.
    const other = await createNanjingPlatingAudit(world, { title: '南京市另一个审核' });
    const computed = stats.computed;
    const reused = stats.reused;
    const first = await collection();
    expect(stats.computed).toBe(computed + 1); // the new audit
    expect(stats.reused).toBe(reused + 1);
    expect(first).toMatchObject({ not_started: 2, in_progress: 0 });

    // 甲 starts its 2024 data (one of the audit's years 2022–2024): a draft and one value, in one transaction.
    await world.database.transaction(async (tx) => {
      await tx.insert(annualSubmissions).values({ enterpriseId: world.ids.entA, year: 2024 });
      await tx.insert(annualValues).values({
        enterpriseId: world.ids.entA,
        year: 2024,
        category: 'energy',
        itemCode: 'energy.electricity',
        quantity: 150,
        unit: '万kWh',
      });
    });
    const n = stats.computed;
    const second = await collection();
    expect(stats.computed).toBe(n + 1);
    expect(second).toMatchObject({ not_started: 1, in_progress: 1 });
    // The same counts as the audit's own data-collection view.
    const own = (await nanjing.get(`/api/audits/${auditId}/data-collection?limit=1`)).json();
    expect(second).toEqual(own.counts);

    // Deleting the data (annual_values, annual_submissions) and unlisting 丙 (audit_enterprises) each recompute it.
    await db.delete(annualValues).where(sqlEq(annualValues.enterpriseId, world.ids.entA));
    await db.delete(annualSubmissions).where(sqlEq(annualSubmissions.enterpriseId, world.ids.entA));
    expect(await collection()).toMatchObject({ not_started: 2, in_progress: 0 });
    await db
      .update(auditEnterprises)
      .set({ status: 'excluded' })
      .where(sqlEq(auditEnterprises.enterpriseId, world.ids.entC));
    expect(await collection()).toMatchObject({ not_started: 1, in_progress: 0 });
    expect(stats.computed).toBe(n + 3);
    await db
      .update(auditEnterprises)
      .set({ status: 'selected' })
      .where(sqlEq(auditEnterprises.enterpriseId, world.ids.entC));
    await db.delete(industryAudits).where(sqlEq(industryAudits.id, other));
  });

  it("reuses an audit's options by status until one of its options changes", async () => {
    const nanjing = await world.as('nanjing');
    const options = async () =>
      (await nanjing.get('/api/dashboard')).json().audits.find((a: { id: string }) => a.id === auditId)
        .optionsByStatus;
    const before = await options();
    const stats = memoStats.options;
    const [added] = await world.database.db
      .insert(cpOptions)
      .values({ auditId, level: 'industry', name: '行业：集中治污', status: 'screened' })
      .returning({ id: cpOptions.id });
    const n = stats.computed;
    expect(await options()).toEqual({ ...before, screened: before.screened + 1 });
    expect(stats.computed).toBe(n + 1);
    await world.database.db.delete(cpOptions).where(sqlEq(cpOptions.id, added?.id ?? ''));
    expect(await options()).toEqual(before);
  });

  it('counts the options each caller sees, as counting them row by row does', async () => {
    // A mandatory audit's options (no industry audit) count for its enterprise and the supervising bureau only.
    const [m] = await world.database.db
      .insert(mandatoryAudits)
      .values({
        enterpriseId: world.ids.entA,
        bureauId: world.ids.nanjingBureau,
        auditMethod: 'regular',
        round: 'first',
        dataYear: 2024,
      })
      .returning({ id: mandatoryAudits.id });
    await world.database.db.insert(cpOptions).values({
      mandatoryAuditId: m?.id ?? '',
      level: 'enterprise',
      enterpriseId: world.ids.entA,
      name: '强审方案',
    });
    for (const user of ['admin', 'nanjing', 'panel', 'expert', 'entA', 'entB', 'guangdong'] as const) {
      const client = await world.as(user);
      const d = (await client.get('/api/dashboard')).json();
      const me = (await client.get('/api/auth/me')).json().user;
      const actor = await actorOfUser(world.database.db, me);
      const [row] = await world.database.db
        .select({ n: sql<number>`cast(count(*) as int)` })
        .from(cpOptions)
        .where(optionVisible(actor));
      expect(d.counts.options, user).toBe(Number(row?.n));
    }
  });

  it('refuses an anonymous caller', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/api/dashboard' });
    expect(res.statusCode).toBe(401);
  });
});
