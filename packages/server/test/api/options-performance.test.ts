/**
 * Reviews of options by assigned experts and the panel, and the performance views computed by the core:
 * Appendix B tables 7.2/7.3 of an industry audit and the Guangdong form summaries of a mandatory audit.
 * Each view is compared with the core run on the same options written out by hand here, and a few cells are
 * checked against the arithmetic.
 */
import {
  aggregateGuangdongForm,
  aggregateIndustryReport,
  type CpOption,
  findGridFactor,
  type Target,
  targetCompletion,
} from '@cpaudit/core';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEnterprises,
  auditLog,
  auditPanelMembers,
  auditTargets,
  cpOptions,
  expertAssignments,
  industryAudits,
  mandatoryAudits,
  optionBenefits,
} from '../../src/db/index.ts';
import { platformContext } from '../../src/services/context.ts';
import { auditFingerprints, auditMemoStats } from '../../src/services/options/audit-memo.ts';
import { readCoreOptions } from '../../src/services/options/core-read.ts';
import { auditPerformance } from '../../src/services/options/performance.ts';
import { queryRows } from '../helpers/db.ts';
import { type Client, createNanjingPlatingAudit, createWorld, type World } from '../helpers/world.ts';

let world: World;
let auditId: string;
let mandatoryId: string;
const o: Record<string, string> = {};
const t: Record<string, string> = {};
const c: Partial<
  Record<'nanjing' | 'panel' | 'expert' | 'entA' | 'entB' | 'entC' | 'guangdong' | 'consultant', Client>
> = {};

function as(k: keyof typeof c): Client {
  const client = c[k];
  if (!client) throw new Error(`no client ${k}`);
  return client;
}

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
  const base = { auditId, level: 'enterprise' as const };
  const rows = await db
    .insert(cpOptions)
    .values([
      // O1 无/低费 (2 < 5), verified, actual figures given
      {
        ...base,
        enterpriseId: world.ids.entA,
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
      // O2 中/高费 (30 ≥ 5), implemented, actual investment only
      {
        ...base,
        enterpriseId: world.ids.entC,
        code: 'O2',
        sortOrder: 2,
        name: '丙：废水深度处理',
        optionType: 'end_of_pipe',
        status: 'implemented',
        investmentPlanned_wanYuan: 30,
        investmentActual_wanYuan: 28,
        economicBenefitExpected_wanYuanPerYear: 10,
        implementedOn: '2025-07-01',
      },
      // O3 中/高费 industry-level, feasible (待实施)
      {
        auditId,
        level: 'industry',
        code: 'O3',
        sortOrder: 3,
        name: '行业：计量提升',
        optionType: 'management_staff',
        status: 'feasible',
        investmentPlanned_wanYuan: 8,
        economicBenefitExpected_wanYuanPerYear: 1,
      },
      // O4 proposed: in no column
      {
        ...base,
        enterpriseId: world.ids.entA,
        code: 'O4',
        sortOrder: 4,
        name: '甲：光伏',
        optionType: 'energy_saving',
        status: 'proposed',
        investmentPlanned_wanYuan: 50,
      },
      // O5 无/低费 implementing: pending no/low-cost, in no column
      {
        ...base,
        enterpriseId: world.ids.entA,
        code: 'O5',
        sortOrder: 5,
        name: '甲：关停空转',
        optionType: 'management_staff',
        status: 'implementing',
        investmentPlanned_wanYuan: 1,
      },
    ])
    .returning({ id: cpOptions.id, code: cpOptions.code });
  for (const r of rows) o[r.code ?? ''] = r.id;
  await db.insert(optionBenefits).values([
    { optionId: o.O1 ?? '', basis: 'expected', itemCode: 'saving.water', quantity: 1000, unit: 't/a' },
    { optionId: o.O1 ?? '', basis: 'actual', itemCode: 'saving.water', quantity: 1200, unit: 't/a' },
    { optionId: o.O1 ?? '', basis: 'actual', itemCode: 'reduction.cod', quantity: 0.5, unit: 't/a' },
    {
      optionId: o.O2 ?? '',
      basis: 'expected',
      itemCode: 'saving.electricity',
      quantity: 120000,
      unit: 'kWh/a',
    },
    { optionId: o.O2 ?? '', basis: 'expected', itemCode: 'reduction.nh3_n', quantity: 0.2, unit: 't/a' },
  ]);
  const targets = await db
    .insert(auditTargets)
    .values([
      {
        auditId,
        type: 'pollutant_reduction',
        indicator: 'COD排放量',
        measure: 'absolute',
        unit: 't/a',
        baselineValue: 12,
        nearTermValue: 10.8,
        achievedValue: 10.5,
        sortOrder: 1,
      },
      {
        auditId,
        type: 'resource_efficiency',
        indicator: '单位产品新鲜水耗',
        measure: 'intensity',
        unit: 'm3/t',
        nearTermValue: 0.5,
        sortOrder: 2,
      },
      {
        auditId,
        type: 'ghg_reduction',
        indicator: 'CO2排放量',
        measure: 'percent',
        unit: 'tCO2/a',
        baselineValue: 1000,
        nearTermValue: 5,
        achievedValue: 960,
        sortOrder: 3,
      },
    ])
    .returning({ id: auditTargets.id, indicator: auditTargets.indicator });
  for (const r of targets) t[r.indicator] = r.id;

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
  const gd = await db
    .insert(cpOptions)
    .values([
      {
        mandatoryAuditId: mandatoryId,
        level: 'enterprise',
        enterpriseId: world.ids.entB,
        code: 'G1',
        sortOrder: 1,
        name: '乙：空压机变频',
        gdCategory: 'equipment',
        isKey: true,
        status: 'implemented',
        investmentPlanned_wanYuan: 12,
        investmentActual_wanYuan: 10,
        economicBenefitActual_wanYuanPerYear: 6,
        implementedOn: '2022-10-01',
      },
      {
        mandatoryAuditId: mandatoryId,
        level: 'enterprise',
        enterpriseId: world.ids.entB,
        code: 'G2',
        sortOrder: 2,
        name: '乙：员工培训',
        gdCategory: 'staff',
        status: 'proposed',
        investmentPlanned_wanYuan: 0.5,
      },
    ])
    .returning({ id: cpOptions.id, code: cpOptions.code });
  for (const r of gd) o[r.code ?? ''] = r.id;
  await db.insert(optionBenefits).values([
    {
      optionId: o.G1 ?? '',
      basis: 'actual',
      itemCode: 'saving.electricity',
      quantity: 100000,
      unit: 'kWh/a',
    },
    { optionId: o.G1 ?? '', basis: 'actual', itemCode: 'reduction.cod', quantity: 0.3, unit: 't/a' },
    { optionId: o.G1 ?? '', basis: 'actual', itemCode: 'co2.electricity', quantity: 50, unit: 'tCO2/a' },
  ]);
  for (const k of [
    'nanjing',
    'panel',
    'expert',
    'entA',
    'entB',
    'entC',
    'guangdong',
    'consultant',
  ] as const) {
    c[k] = await world.as(k);
  }
});
afterAll(async () => {
  await world?.close();
});

/** The same options in the core's model, written out by hand from the rows above. */
const coreIndustryOptions = (): CpOption[] => [
  {
    id: o.O1 ?? '',
    name: '甲：逆流漂洗',
    scope: 'enterprise',
    enterpriseId: world.ids.entA,
    type: 'resource-reuse',
    isKey: false,
    status: 'verified',
    investment_wanYuan: 2,
    actualInvestment_wanYuan: 1.8,
    economicBenefit_wanYuanPerYear: 3,
    actualEconomicBenefit_wanYuanPerYear: 2.5,
    benefits: [{ item: 'water', quantity: 1000, unit: 't/a' }],
    actualBenefits: [
      { item: 'cod', quantity: 0.5, unit: 't/a' },
      { item: 'water', quantity: 1200, unit: 't/a' },
    ],
  },
  {
    id: o.O2 ?? '',
    name: '丙：废水深度处理',
    scope: 'enterprise',
    enterpriseId: world.ids.entC,
    type: 'end-of-pipe',
    isKey: false,
    status: 'implemented',
    investment_wanYuan: 30,
    actualInvestment_wanYuan: 28,
    economicBenefit_wanYuanPerYear: 10,
    benefits: [
      { item: 'nh3n', quantity: 0.2, unit: 't/a' },
      { item: 'electricity', quantity: 120000, unit: 'kWh/a' },
    ],
  },
  {
    id: o.O3 ?? '',
    name: '行业：计量提升',
    scope: 'industry',
    type: 'management-staff',
    isKey: false,
    status: 'feasible',
    investment_wanYuan: 8,
    economicBenefit_wanYuanPerYear: 1,
    benefits: [],
  },
  {
    id: o.O4 ?? '',
    name: '甲：光伏',
    scope: 'enterprise',
    enterpriseId: world.ids.entA,
    type: 'energy-saving',
    isKey: false,
    status: 'proposed',
    investment_wanYuan: 50,
    benefits: [],
  },
  {
    id: o.O5 ?? '',
    name: '甲：关停空转',
    scope: 'enterprise',
    enterpriseId: world.ids.entA,
    type: 'management-staff',
    isKey: false,
    status: 'implementing',
    investment_wanYuan: 1,
    benefits: [],
  },
];

describe('Appendix B table 7.2 and 7.3 of an industry audit', () => {
  it('equals the core aggregation of the same options, and the cells check by hand', async () => {
    const res = await as('nanjing').get(`/api/audits/${auditId}/performance`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    const core = aggregateIndustryReport({
      options: coreIndustryOptions(),
      settings: { noLowCostBelow_wanYuan: 5 },
    });
    expect(view.table72).toEqual(JSON.parse(JSON.stringify(core.value.table72)));
    expect(view.settings).toEqual({ noLowCostBelow_wanYuan: 5 });

    const t72 = view.table72;
    // 已实施无/低费: O1 at its actual 1.8 万元, 2.5 万元/年; 中/高费已实施: O2 at 28 万元 and (no actual) 10 万元/年;
    // 中/高费待实施: O3, 8 万元, 1 万元/年. 总计 = 1 + 1 + 1 = 3 options, 1.8 + 28 + 8 = 37.8 万元, 2.5 + 10 + 1 = 13.5 万元/年.
    expect(t72.optionCount).toMatchObject({
      'no-low-implemented': 1,
      'mid-high-implemented': 1,
      'mid-high-pending': 1,
      total: 3,
    });
    expect(t72.investment_wanYuan['no-low-implemented']).toBeCloseTo(1.8, 10);
    expect(t72.investment_wanYuan.total).toBeCloseTo(37.8, 10);
    expect(t72.economicBenefit_wanYuanPerYear.total).toBeCloseTo(13.5, 10);
    // implemented by class: resource reuse → 工艺革新, end-of-pipe → 末端治理
    expect(t72.optionCount).toMatchObject({
      'process-innovation': 1,
      'end-of-pipe': 1,
      'source-substitution': 0,
    });
    const env = Object.fromEntries(
      t72.environmentalBenefits.map((x: { key: string; value: number }) => [x.key, x.value]),
    );
    expect(env).toMatchObject({ cod: 0.5, nh3n: 0.2, so2: 0 });
    const save = Object.fromEntries(
      t72.resourceEnergySavings.map((x: { key: string; value: number }) => [x.key, x.value]),
    );
    // water: O1's actual 1200 t/a; electricity 120 000 kWh/a = 12 万度/年;
    // 节综合能耗 = 120 000 kWh × 0.1229 kgce/kWh (GB/T 2589 当量值) = 14 748 kgce = 14.748 tce/a
    expect(save.water).toBe(1200);
    expect(save.electricity).toBeCloseTo(12, 10);
    expect(save['comprehensive-energy']).toBeCloseTo(14.748, 6);
    expect(t72.notInTable.pendingNoLowCost).toMatchObject({ count: 1, investment_wanYuan: 1 });
    expect(t72.notInTable.byStatus.proposed).toBe(1);
    expect(view.breakdown.steps.length).toBeGreaterThan(0);
  });

  it('assesses the targets with the core (7.3) and lists those it cannot', async () => {
    const view = (await as('panel').get(`/api/audits/${auditId}/performance`)).json();
    const targets: Target[] = [
      {
        id: t.COD排放量 ?? '',
        type: 'pollutant',
        indicator: 'COD排放量',
        unit: 't/a',
        kind: 'absolute',
        direction: 'decrease',
        baseline: 12,
        nearTerm: 10.8,
        actual: 10.5,
      },
      {
        id: t.CO2排放量 ?? '',
        type: 'ghg',
        indicator: 'CO2排放量',
        unit: 'tCO2/a',
        kind: 'percent',
        direction: 'decrease',
        baseline: 1000,
        nearTerm: 5,
        actual: 960,
      },
    ];
    expect(view.table73.completion).toEqual(JSON.parse(JSON.stringify(targetCompletion({ targets }).value)));
    const rows = view.table73.completion.rows;
    // COD: (12 − 10.5) / (12 − 10.8) = 1.5 / 1.2 = 125 % → met
    expect(rows[0].near.completion_percent).toBeCloseTo(125, 9);
    expect(rows[0].near.status).toBe('met');
    // CO2 −5 %: target 950; (1000 − 960) / (1000 − 950) = 40 / 50 = 80 % → not met
    expect(rows[1].near.target).toBeCloseTo(950, 9);
    expect(rows[1].near.completion_percent).toBeCloseTo(80, 9);
    expect(rows[1].near.status).toBe('not-met');
    expect(view.targetsNotAssessed).toEqual([
      {
        targetId: t.单位产品新鲜水耗,
        indicator: '单位产品新鲜水耗',
        reason: '未填审核前（基准）值 / no baseline value (审核前/基准值) recorded',
      },
    ]);
    expect(view.table73.rows.map((r: { label: string }) => r.label)).toEqual([
      '污染物减排',
      '温室气体减排',
      '资源能源利用',
      '清洁生产水平提升',
    ]);
  });

  it("is reused while the audit's inputs are unchanged, recomputed after any change to them", async () => {
    const db = world.database.db;
    const view = async () => {
      const res = await as('nanjing').get(`/api/audits/${auditId}/performance`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const save = (v: { table72: { resourceEnergySavings: { key: string; value: number }[] } }) =>
      Object.fromEntries(v.table72.resourceEnergySavings.map((x) => [x.key, x.value]));
    const before = await view();
    const computed = auditMemoStats.computed;
    const reused = auditMemoStats.reused;
    expect(await view()).toEqual(before);
    expect(auditMemoStats.computed).toBe(computed);
    expect(auditMemoStats.reused).toBe(reused + 1);

    // Each change below is a committed write of one input row: each makes the next view recompute.
    const changes: { name: string; write: () => Promise<unknown>; check: (v: typeof before) => void }[] = [
      {
        name: 'an option',
        write: () =>
          db
            .update(cpOptions)
            .set({ economicBenefitActual_wanYuanPerYear: 3.5 })
            .where(eq(cpOptions.id, o.O1 ?? '')),
        // 13.5 − 2.5 + 3.5 = 14.5 万元/年
        check: (v) => expect(v.table72.economicBenefit_wanYuanPerYear.total).toBeCloseTo(14.5, 10),
      },
      {
        name: 'a benefit line',
        write: () =>
          db
            .update(optionBenefits)
            .set({ quantity: 1300 })
            .where(
              and(
                eq(optionBenefits.optionId, o.O1 ?? ''),
                eq(optionBenefits.basis, 'actual'),
                eq(optionBenefits.itemCode, 'saving.water'),
              ),
            ),
        check: (v) => expect(save(v).water).toBe(1300),
      },
      {
        name: 'a deleted benefit line',
        write: () =>
          db
            .delete(optionBenefits)
            .where(
              and(
                eq(optionBenefits.optionId, o.O1 ?? ''),
                eq(optionBenefits.basis, 'actual'),
                eq(optionBenefits.itemCode, 'saving.water'),
              ),
            ),
        // O1 keeps an actual line (COD), so its water is no longer counted
        check: (v) => expect(save(v).water ?? 0).toBe(0),
      },
      {
        name: 'a target',
        write: () =>
          db
            .update(auditTargets)
            .set({ achievedValue: 11 })
            .where(eq(auditTargets.id, t.COD排放量 ?? '')),
        // COD: (12 − 11) / (12 − 10.8) = 83.3 %
        check: (v) => expect(v.table73.completion.rows[0].near.completion_percent).toBeCloseTo(83.333333, 4),
      },
      {
        name: 'the audit',
        write: () =>
          db
            .update(industryAudits)
            .set({ lowCostThreshold_wanYuan: 40 })
            .where(eq(industryAudits.id, auditId)),
        check: (v) => expect(v.settings).toEqual({ noLowCostBelow_wanYuan: 40 }),
      },
    ];
    for (const change of changes) {
      const n = auditMemoStats.computed;
      await change.write();
      const v = await view();
      expect(auditMemoStats.computed, change.name).toBe(n + 1);
      change.check(v);
    }

    // Put the inputs back: the view equals the first one again (recomputed: the rows are new versions).
    await db
      .update(cpOptions)
      .set({ economicBenefitActual_wanYuanPerYear: 2.5 })
      .where(eq(cpOptions.id, o.O1 ?? ''));
    await db.insert(optionBenefits).values({
      optionId: o.O1 ?? '',
      basis: 'actual',
      itemCode: 'saving.water',
      quantity: 1200,
      unit: 't/a',
    });
    await db
      .update(auditTargets)
      .set({ achievedValue: 10.5 })
      .where(eq(auditTargets.id, t.COD排放量 ?? ''));
    await db
      .update(industryAudits)
      .set({ lowCostThreshold_wanYuan: 5 })
      .where(eq(industryAudits.id, auditId));
    const n = auditMemoStats.computed;
    expect(await view()).toEqual(before);
    expect(auditMemoStats.computed).toBe(n + 1);
  });

  it("has a fingerprint that every committed write statement of the audit's inputs changes, and nothing else", async () => {
    const db = world.database.db;
    const others = Array.from({ length: 9 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    const fp = async () => (await auditFingerprints(db, [auditId])).get(auditId);
    const before = await fp();
    // The audit row's xmin, then its change counter (bumped by the inserts of the set-up above).
    expect(before).toMatch(/^\d+\/[1-9]\d*$/);
    const many = await auditFingerprints(db, [auditId, ...others]);
    expect(many.get(auditId)).toBe(before);
    expect(many.size).toBe(1);

    // A rolled-back write of an option leaves it; a write elsewhere (another audit's option) too.
    await expect(
      world.database.transaction(async (tx) => {
        await tx
          .update(cpOptions)
          .set({ isKey: true })
          .where(eq(cpOptions.id, o.O1 ?? ''));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await fp()).toBe(before);
    const other = await createNanjingPlatingAudit(world, { title: '另一个审核' });
    await db.insert(cpOptions).values({ auditId: other, level: 'industry', name: '另一个审核的方案' });
    expect(await fp()).toBe(before);

    // One statement listing an enterprise (audit_enterprises) counts once, whatever the rows it writes.
    const [counter] = await queryRows(
      db,
      sql`select changes from change_counters where subject = 'audit' and subject_id = ${auditId}`,
    );
    await db.insert(auditEnterprises).values({ auditId, enterpriseId: world.ids.entB, status: 'candidate' });
    const after = await fp();
    expect(after).not.toBe(before);
    expect(after?.split('/')[1]).toBe(String(Number(counter?.changes) + 1));
    await db
      .delete(auditEnterprises)
      .where(and(eq(auditEnterprises.auditId, auditId), eq(auditEnterprises.enterpriseId, world.ids.entB)));
    expect(await fp()).not.toBe(after);
  });

  it("keeps each benefit line's audit equal to its option's, whatever writes the line or the option", async () => {
    const db = world.database.db;
    const mismatched = async () =>
      Number(
        (
          await queryRows(
            db,
            sql`select count(*)::int as n from option_benefits b join cp_options o on o.id = b.option_id
                where b.audit_id is distinct from o.audit_id`,
          )
        )[0]?.n,
      );
    const auditOfLines = async (optionId: string) =>
      (
        await queryRows(db, sql`select distinct audit_id from option_benefits where option_id = ${optionId}`)
      ).map((r) => r.audit_id);
    expect(await mismatched()).toBe(0);
    expect(await auditOfLines(o.O1 ?? '')).toEqual([auditId]);

    // Inserted lines take the option's audit (none given); a hand-written UPDATE of audit_id is overwritten.
    const other = await createNanjingPlatingAudit(world, { title: '方案迁入的审核' });
    const [moved] = await db
      .insert(cpOptions)
      .values({ auditId, level: 'industry', name: '将迁到另一审核的方案' })
      .returning({ id: cpOptions.id });
    const movedId = moved?.id ?? '';
    await db.insert(optionBenefits).values([
      { optionId: movedId, basis: 'expected', itemCode: 'saving.water', quantity: 10, unit: 't/a' },
      { optionId: movedId, basis: 'expected', itemCode: 'reduction.cod', quantity: 1, unit: 't/a' },
    ]);
    expect(await auditOfLines(movedId)).toEqual([auditId]);
    await db.execute(sql`update option_benefits set audit_id = ${other} where option_id = ${movedId}`);
    expect(await auditOfLines(movedId)).toEqual([auditId]);

    // The option moved to another audit takes its lines: this audit's table 7.2 no longer counts them, the other's
    // does; an option of no industry audit has lines of none.
    const before = await auditPerformance(platformContext(world.database, 'test'), auditId);
    await db.update(cpOptions).set({ auditId: other }).where(eq(cpOptions.id, movedId));
    expect(await auditOfLines(movedId)).toEqual([other]);
    expect(await mismatched()).toBe(0);
    const after = await auditPerformance(platformContext(world.database, 'test'), auditId);
    expect(after.table72.notInTable.byStatus.proposed).toBe(before.table72.notInTable.byStatus.proposed - 1);
    const there = await auditPerformance(platformContext(world.database, 'test'), other);
    expect(there.table72.notInTable.byStatus.proposed).toBe(1);
    await db.delete(cpOptions).where(eq(cpOptions.id, movedId));
    const [m] = await db
      .select({ enterpriseId: mandatoryAudits.enterpriseId })
      .from(mandatoryAudits)
      .where(eq(mandatoryAudits.id, mandatoryId));
    const [own] = await db
      .insert(cpOptions)
      .values({
        mandatoryAuditId: mandatoryId,
        level: 'enterprise',
        enterpriseId: m?.enterpriseId,
        name: '强制审核方案',
      })
      .returning({ id: cpOptions.id });
    await db.insert(optionBenefits).values({
      optionId: own?.id ?? '',
      basis: 'expected',
      itemCode: 'saving.water',
      quantity: 5,
      unit: 't/a',
    });
    expect(await auditOfLines(own?.id ?? '')).toEqual([null]);
    await db.delete(cpOptions).where(eq(cpOptions.id, own?.id ?? ''));
    expect(await mismatched()).toBe(0);
  });

  it('reads the same options and lines as rows and as JSON columns (the PGlite form), for one audit, several, and one of no options', async () => {
    const db = world.database.db;
    const other = await createNanjingPlatingAudit(world, { title: '第三个审核' });
    const [added] = await db
      .insert(cpOptions)
      .values({
        auditId: other,
        level: 'industry',
        name: '名称含 "引号"、\\ 与换行\n的方案',
        investmentPlanned_wanYuan: 0.1,
        // 18 significant digits: JSON carries the stored decimal, the rows its float8 cast; both the nearest double.
        investmentActual_wanYuan: sql`12345678901234.5678`,
        economicBenefitExpected_wanYuanPerYear: -0.0001,
      })
      .returning({ id: cpOptions.id });
    await db.insert(optionBenefits).values({
      optionId: added?.id ?? '',
      basis: 'actual',
      itemCode: 'reduction.other.voc_x',
      name: '其他 "VOC"\t类',
      quantity: 0.1 + 0.2,
      unit: 't/a',
    });
    const byLine = (x: { optionId: string; basis: string; itemCode: string }, y: typeof x) =>
      `${x.optionId}${x.basis}${x.itemCode}`.localeCompare(`${y.optionId}${y.basis}${y.itemCode}`);
    const norm = (
      m: Map<string, { rows: object[]; benefits: { optionId: string; basis: string; itemCode: string }[] }>,
    ) =>
      [...m].map(([id, r]) => [
        id,
        r.rows.map((o) => ({ ...o })),
        [...r.benefits].sort(byLine).map((l) => ({ ...l })),
      ]);
    // An audit of no options: its JSON columns are null.
    const empty = await createNanjingPlatingAudit(world, { title: '无方案的审核' });
    for (const ids of [[auditId], [auditId, other], [empty], [empty, auditId]]) {
      const rows = await readCoreOptions(db, ids, 'postgres');
      const json = await readCoreOptions(db, ids, 'pglite');
      expect(norm(json)).toEqual(norm(rows));
      if (ids.includes(auditId)) expect(rows.get(auditId)?.rows.length).toBeGreaterThan(0);
      expect(json.get(empty) ?? { rows: [], benefits: [] }).toEqual({ rows: [], benefits: [] });
    }
    const mine = (await readCoreOptions(db, [other], 'pglite')).get(other);
    expect(mine?.benefits.find((l) => l.optionId === added?.id)).toMatchObject({
      name: '其他 "VOC"\t类',
      quantity: 0.30000000000000004,
    });
    expect(mine?.rows.find((r) => r.id === added?.id)).toMatchObject({
      investmentPlanned_wanYuan: 0.1,
      investmentActual_wanYuan: Number('12345678901234.5678'),
      economicBenefitExpected_wanYuanPerYear: -0.0001,
    });
    await db.delete(cpOptions).where(eq(cpOptions.id, added?.id ?? ''));
  });

  it('is shown to the audit people only', async () => {
    expect((await as('entA').get(`/api/audits/${auditId}/performance`)).statusCode).toBe(404);
    expect((await as('guangdong').get(`/api/audits/${auditId}/performance`)).statusCode).toBe(404);
    expect((await as('expert').get(`/api/audits/${auditId}/performance`)).statusCode).toBe(404);
  });
});

describe('Guangdong form summaries of a mandatory audit', () => {
  it('equal the core aggregation with the grid factor of 广东 for the data year', async () => {
    const res = await as('entB').get(`/api/mandatory-audits/${mandatoryId}/performance`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    const grid = findGridFactor({ region: '广东', dataYear: 2022, fallbackToRegion: true }, 'grid');
    expect(view.gridFactor).toEqual(JSON.parse(JSON.stringify(grid)));
    const options: CpOption[] = [
      {
        id: o.G1 ?? '',
        name: '乙：空压机变频',
        scope: 'enterprise',
        enterpriseId: world.ids.entB,
        type: 'management-staff',
        gdCategory: 'equipment',
        isKey: true,
        status: 'implemented',
        investment_wanYuan: 12,
        actualInvestment_wanYuan: 10,
        actualEconomicBenefit_wanYuanPerYear: 6,
        benefits: [],
        actualBenefits: [
          { item: 'cod', quantity: 0.3, unit: 't/a' },
          { item: 'electricity', quantity: 100000, unit: 'kWh/a' },
        ],
      },
      {
        id: o.G2 ?? '',
        name: '乙：员工培训',
        scope: 'enterprise',
        enterpriseId: world.ids.entB,
        type: 'management-staff',
        gdCategory: 'staff',
        isKey: false,
        status: 'proposed',
        investment_wanYuan: 0.5,
        benefits: [],
      },
    ];
    const core = aggregateGuangdongForm({ options, gridFactor: grid, enterpriseId: world.ids.entB });
    expect(view.totals).toEqual(JSON.parse(JSON.stringify(core.value)));
    // 提出: 重点 1 (12 万元), 一般 1 (0.5 万元); 实施: 重点 1 at its actual 10 万元
    expect(view.totals.optionSummary.proposed.total).toEqual({ count: 2, investment_wanYuan: 12.5 });
    expect(view.totals.optionSummary.implemented.key).toEqual({ count: 1, investment_wanYuan: 10 });
    // 注13: 100 000 kWh = 100 MWh × 0.4403 tCO2/MWh (广东 2022, MEE/NBS) = 44.03 tCO2/a
    const key = view.totals.savingsSummary.rows.find((r: { key: string }) => r.key === 'key').values;
    expect(grid.value_tCO2PerMWh).toBe(0.4403);
    expect(key['electricity-co2']).toBeCloseTo(44.03, 9);
    expect(key['economic-benefit']).toBe(6);
    // the stored co2.electricity line is not passed: the core derives the CO2 of savings itself
    expect(view.notes.join(' ')).toContain('co2.electricity');
  });

  it('takes another grid year on request and refuses one without a factor, naming the field', async () => {
    const y2021 = (
      await as('guangdong').get(`/api/mandatory-audits/${mandatoryId}/performance?gridDataYear=2021`)
    ).json();
    expect(y2021.gridFactor.dataYear).toBe(2021);
    const none = await as('guangdong').get(
      `/api/mandatory-audits/${mandatoryId}/performance?gridDataYear=1995`,
    );
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'UNKNOWN_REFERENCE', field: 'grid.dataYear' });
  });

  it('is shown to the enterprise, its bureau and assigned experts only', async () => {
    const url = `/api/mandatory-audits/${mandatoryId}/performance`;
    expect((await as('nanjing').get(url)).statusCode).toBe(404);
    expect((await as('entA').get(url)).statusCode).toBe(404);
    expect((await as('consultant').get(url)).statusCode).toBe(404);
    expect((await as('expert').get(url)).statusCode).toBe(404);
    await world.database.db
      .insert(expertAssignments)
      .values({ userId: world.ids.users.expert, mandatoryAuditId: mandatoryId });
    expect((await as('expert').get(url)).statusCode).toBe(200);
    expect((await as('expert').get(`/api/mandatory-audits/${mandatoryId}/options`)).json().total).toBe(2);
  });
});

describe('reviews by assigned experts and the panel', () => {
  const reviews = (id: string) => `/api/options/${id}/reviews`;

  it('lets only assigned experts and panel members review, with scores by the core', async () => {
    expect(
      (await as('expert').post(reviews(o.O1 ?? ''), { stage: 'screening', verdict: 'approve' })).statusCode,
    ).toBe(404);
    await world.database.db.insert(expertAssignments).values({ userId: world.ids.users.expert, auditId });
    // option-screening weights 9/7/7/5: 8×9 + 7×7 + 6×7 + 5×5 = 72 + 49 + 42 + 25 = 188
    const res = await as('expert').post(reviews(o.O3 ?? ''), {
      stage: 'feasibility',
      verdict: 'approve',
      comment: '技术成熟',
      scoring: {
        criteriaSet: 'option-screening',
        scores: {
          'environmental-effect': 8,
          'technical-feasibility': 7,
          'economic-feasibility': 6,
          implementability: 5,
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      reviewerId: world.ids.users.expert,
      reviewerName: '专家',
      total: 188,
      version: 1,
    });
    expect(res.json().scores.factors.map((f: { value: number }) => f.value)).toEqual([9, 7, 7, 5]);
    const log = await world.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'option_reviews'), eq(auditLog.entityId, res.json().id)));
    expect(log.map((l) => [l.action, l.actorUserId])).toEqual([['insert', world.ids.users.expert]]);

    const panel = await as('panel').post(reviews(o.O3 ?? ''), { stage: 'screening', verdict: 'revise' });
    expect(panel.statusCode, panel.body).toBe(201);
    expect(panel.json().total).toBeNull();
    expect(
      (await as('nanjing').post(reviews(o.O3 ?? ''), { stage: 'screening', verdict: 'approve' })).statusCode,
    ).toBe(403);
    expect(
      (await as('entA').post(reviews(o.O1 ?? ''), { stage: 'screening', verdict: 'approve' })).statusCode,
    ).toBe(403);
  });

  it('checks the stage against the status and the scores against the scale', async () => {
    const early = await as('panel').post(reviews(o.O4 ?? ''), { stage: 'verification', verdict: 'approve' });
    expect(early.statusCode).toBe(409);
    expect(
      (await as('panel').post(reviews(o.O1 ?? ''), { stage: 'verification', verdict: 'approve' })).statusCode,
    ).toBe(201);
    const bad = await as('panel').post(reviews(o.O3 ?? ''), {
      stage: 'screening',
      verdict: 'approve',
      scoring: { criteria: [{ id: 'env', name: '环境效果', weight: 3 }], scores: { env: 11 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('scoring.scores.env');
    const wrong = await as('panel').post(reviews(o.O3 ?? ''), { stage: 'approval', verdict: 'approve' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('body.stage');
  });

  it('lets the author change a review (versioned) and lists reviews to those who see the option', async () => {
    const list = await as('nanjing').get(reviews(o.O3 ?? ''));
    expect(list.statusCode).toBe(200);
    const mine = list
      .json()
      .items.find((r: { reviewerId: string }) => r.reviewerId === world.ids.users.expert);
    // one criterion of weight 2 scored 9: Σ R×W = 18
    const upd = await as('expert').patch(`/api/option-reviews/${mine.id}`, {
      version: 1,
      verdict: 'revise',
      scoring: { criteria: [{ id: 'env', name: '环境效果', weight: 2 }], scores: { env: 9 } },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ verdict: 'revise', total: 18, version: 2 });
    const stale = await as('expert').patch(`/api/option-reviews/${mine.id}`, { version: 1, comment: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(
      (await as('panel').patch(`/api/option-reviews/${mine.id}`, { version: 2, comment: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await as('entA').patch(`/api/option-reviews/${mine.id}`, { version: 2, comment: 'x' })).statusCode,
    ).toBe(403);
    const after = (await as('nanjing').get(reviews(o.O3 ?? '')))
      .json()
      .items.find((r: { id: string }) => r.id === mine.id);
    expect(after).toMatchObject({ verdict: 'revise', comment: '技术成熟', version: 2 });
    // the enterprise sees the reviews of its own option, not of another's
    expect((await as('entA').get(reviews(o.O1 ?? ''))).json().items).toHaveLength(1);
    expect((await as('entC').get(reviews(o.O1 ?? ''))).statusCode).toBe(404);
  });
});
