/**
 * A row round-trips in each main table: what is inserted through the Drizzle schema reads back equal (numbers,
 * 万元 numerics, dates, text[] arrays, jsonb, generated region paths), on PGlite and on PostgreSQL.
 * The rows together walk the whole guideline flow (bureau → industry audit → enterprises → problems → options →
 * benefits → evidence → plan) and a Guangdong mandatory audit.
 */
import { and, eq, like, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.ts';
import { type BaseFixture, seedBase } from '../../test/helpers/fixtures.ts';
import type { Database } from './connect.ts';
import * as s from './schema/index.ts';

let database: Database;
let base: BaseFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  base = await seedBase(database.db);
});
afterAll(async () => {
  await database.close();
});

function one<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('expected one row');
  return row;
}

describe('regions and organisations', () => {
  it('derive level and scope path from the division code', async () => {
    const rows = await database.db.select().from(s.regions).orderBy(s.regions.code);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    // GB/T 2260: xx0000 province, xxxx00 city, else county; path = province/city/county prefixes.
    expect(byCode.get('320000')).toMatchObject({ level: 'province', path: '32', name: '江苏省' });
    expect(byCode.get('320100')).toMatchObject({ level: 'city', path: '32/3201' });
    expect(byCode.get('320102')).toMatchObject({
      level: 'county',
      path: '32/3201/320102',
      parentCode: '320100',
    });
    expect(byCode.get('441900')).toMatchObject({ level: 'city', path: '44/4419', parentCode: '440000' });
    for (const r of rows) expect(r.path).toBe(s.regionPath(r.code));
  });

  it('find enterprises in a jurisdiction by path prefix', async () => {
    const bureau = one(
      await database.db.select().from(s.bureaus).where(eq(s.bureaus.id, base.nanjingBureauId)),
    );
    expect(bureau).toMatchObject({
      jurisdictionPath: '32/3201',
      level: 'city',
      parentBureauId: base.jiangsuBureauId,
    });
    const inScope = (path: string) =>
      database.db
        .select({ id: s.enterprises.id })
        .from(s.enterprises)
        .where(
          or(eq(s.enterprises.regionPath, path), like(s.enterprises.regionPath, s.belowPathPattern(path))),
        );
    expect(await inScope(bureau.jurisdictionPath)).toEqual([{ id: base.enterpriseId }]);
    expect(await inScope('32')).toEqual([{ id: base.enterpriseId }]);
    expect(await inScope('44')).toEqual([]);
    // '32/3201/320104' (秦淮区) is a sibling, not a parent, of 玄武区.
    expect(await inScope('32/3201/320104')).toEqual([]);
  });

  it('round-trip an enterprise with arrays, coordinates and its static data', async () => {
    const db = database.db;
    await db
      .update(s.enterprises)
      .set({
        industrialParkName: '南京经济技术开发区',
        keyMonitoringTypes: ['water', 'soil'],
        permitClass: 'key',
        longitude: 118.797,
        latitude: 32.0603,
        establishedOn: '2005-06-30',
      })
      .where(eq(s.enterprises.id, base.enterpriseId));
    const e = one(await db.select().from(s.enterprises).where(eq(s.enterprises.id, base.enterpriseId)));
    expect(e).toMatchObject({
      uscc: '91320102MA1P00000N',
      regionPath: '32/3201/320102',
      industryCode: '336',
      industrialParkName: '南京经济技术开发区',
      keyMonitoringTypes: ['water', 'soil'],
      permitClass: 'key',
      longitude: 118.797,
      latitude: 32.0603,
      establishedOn: '2005-06-30',
      status: 'operating',
      version: 2, // one UPDATE → cp_touch bumped 1 → 2
    });
    expect(e.updatedAt.getTime()).toBeGreaterThanOrEqual(e.createdAt.getTime());

    const process = one(
      await db
        .insert(s.enterpriseProcesses)
        .values({ enterpriseId: e.id, name: '镀锌线', description: '前处理→镀锌→钝化' })
        .returning(),
    );
    const equipment = one(
      await db
        .insert(s.enterpriseEquipment)
        .values({
          enterpriseId: e.id,
          processId: process.id,
          name: '整流机',
          quantity: 4,
          ratedPower_kW: 55.5,
          commissionedYear: 2012,
        })
        .returning(),
    );
    expect(equipment).toMatchObject({
      processId: process.id,
      quantity: 4,
      ratedPower_kW: 55.5,
      obsolete: false,
    });
    const product = one(
      await db
        .insert(s.enterpriseProducts)
        .values({ enterpriseId: e.id, name: '镀锌件', capacity: 120000, capacityUnit: 'm2/a' })
        .returning(),
    );
    expect(product).toMatchObject({ capacity: 120000, capacityUnit: 'm2/a', isMain: true });
    const facility = one(
      await db
        .insert(s.treatmentFacilities)
        .values({
          enterpriseId: e.id,
          medium: 'wastewater',
          name: '综合废水处理站',
          technology: '破氰+还原+混凝沉淀',
          designCapacity: 200,
          capacityUnit: 'm3/d',
          outletCode: 'DW001',
        })
        .returning(),
    );
    expect(facility).toMatchObject({ medium: 'wastewater', designCapacity: 200, status: 'running' });
    const engagement = one(
      await db
        .insert(s.consultingEngagements)
        .values({
          consultingFirmId: base.consultingFirmId,
          enterpriseId: e.id,
          startedOn: '2025-01-01',
          scope: '2025年强制性清洁生产审核',
        })
        .returning(),
    );
    expect(engagement).toMatchObject({ startedOn: '2025-01-01', endedOn: null });

    const withRelations = await db.query.enterprises.findFirst({
      where: eq(s.enterprises.id, e.id),
      with: { region: true, processes: { with: { equipment: true } }, engagements: { with: { firm: true } } },
    });
    expect(withRelations?.region.name).toBe('玄武区');
    expect(withRelations?.processes[0]?.equipment[0]?.name).toBe('整流机');
    expect(withRelations?.engagements[0]?.firm.uscc).toBe('913200000000000000');
  });
});

describe('users and sessions', () => {
  it('round-trip a user with roles and a session', async () => {
    const db = database.db;
    const user = one(await db.insert(s.users).values({ username: 'wang', displayName: '王工' }).returning());
    await db.insert(s.userRoles).values([
      { userId: user.id, role: 'bureau_staff', bureauId: base.nanjingBureauId },
      { userId: user.id, role: 'expert' },
    ]);
    const sessionId = 'a'.repeat(64);
    const expiresAt = new Date('2030-01-01T00:00:00.000Z');
    await db
      .insert(s.sessions)
      .values({ id: sessionId, userId: user.id, expiresAt, csrfSecret: 'c'.repeat(43) });
    const session = one(await db.select().from(s.sessions).where(eq(s.sessions.id, sessionId)));
    expect(session).toMatchObject({ userId: user.id, csrfSecret: 'c'.repeat(43) });
    expect(session.expiresAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    const loaded = await db.query.users.findFirst({ where: eq(s.users.id, user.id), with: { roles: true } });
    expect(loaded?.roles.map((r) => [r.role, r.bureauId]).sort()).toEqual([
      ['bureau_staff', base.nanjingBureauId],
      ['expert', null],
    ]);
  });
});

describe('indicator systems, annual data and evaluations', () => {
  it('round-trip a system with two tiers, annual values and an evaluation', async () => {
    const db = database.db;
    const source = {
      document: '电镀行业清洁生产评价指标体系 (2015) 表1',
      url: 'https://www.shea.cn/index.php?s=news&c=show&id=155',
      status: 'verified-page' as const,
    };
    const system = one(
      await db
        .insert(s.indicatorSystems)
        .values({
          code: 'electroplating',
          edition: '2015',
          name: '电镀行业清洁生产评价指标体系',
          industryCodes: ['336'],
          status: 'active',
          source,
          ratingRules: { I: { yMin: 85 }, II: { yMin: 85 }, III: { yMin: 100 } },
        })
        .returning(),
    );
    expect(system.source).toEqual(source);
    expect(system.industryCodes).toEqual(['336']);
    const group = one(
      await db
        .insert(s.indicators)
        .values({ systemId: system.id, code: '2', name: '资源消耗', tier: 1, weight: 0.1 })
        .returning(),
    );
    // Row 5 of facts §4.3: *单位产品每次清洗取水量, L/m2, ω = 1, Ⅰ ≤ 8, Ⅱ ≤ 24, Ⅲ ≤ 40.
    const water = one(
      await db
        .insert(s.indicators)
        .values({
          systemId: system.id,
          parentId: group.id,
          code: '2.1',
          name: '单位产品每次清洗取水量',
          tier: 2,
          weight: 1,
          unit: 'L/m2',
          direction: 'le',
          restrictive: true,
          level1Value: 8,
          level2Value: 24,
          level3Value: 40,
        })
        .returning(),
    );
    expect(water).toMatchObject({ restrictive: true, level1Value: 8, level2Value: 24, level3Value: 40 });

    await db.insert(s.annualSubmissions).values({ enterpriseId: base.enterpriseId, year: 2024 });
    await db.insert(s.annualValues).values([
      {
        enterpriseId: base.enterpriseId,
        year: 2024,
        category: 'energy',
        itemCode: 'energy.electricity',
        quantity: 1_234_567.5,
        unit: 'kWh',
        source: 'metered',
      },
      {
        enterpriseId: base.enterpriseId,
        year: 2024,
        category: 'pollutant_emitted',
        itemCode: 'pollutant_emitted.cod',
        quantity: 3.25,
        unit: 't',
      },
      {
        enterpriseId: base.enterpriseId,
        year: 2024,
        category: 'economy',
        itemCode: 'economy.gross_output',
        quantity: 8650.5,
        unit: '万元',
      },
      {
        enterpriseId: base.enterpriseId,
        year: 2024,
        category: 'indicator',
        itemCode: 'indicator.electroplating.2_1',
        quantity: 18,
        unit: 'L/m2',
        indicatorId: water.id,
      },
    ]);
    const values = await db
      .select()
      .from(s.annualValues)
      .where(and(eq(s.annualValues.enterpriseId, base.enterpriseId), eq(s.annualValues.year, 2024)))
      .orderBy(s.annualValues.itemCode);
    expect(values.map((v) => [v.itemCode, v.quantity, v.unit])).toEqual([
      ['economy.gross_output', 8650.5, '万元'],
      ['energy.electricity', 1_234_567.5, 'kWh'],
      ['indicator.electroplating.2_1', 18, 'L/m2'],
      ['pollutant_emitted.cod', 3.25, 't'],
    ]);

    const evaluation = one(
      await db
        .insert(s.evaluations)
        .values({
          systemId: system.id,
          enterpriseId: base.enterpriseId,
          year: 2024,
          basis: 'status',
          yI: 0,
          yII: 100,
          yIII: 100,
          grade: 'II',
        })
        .returning(),
    );
    await db
      .insert(s.evaluationValues)
      .values({ evaluationId: evaluation.id, indicatorId: water.id, value: 18, levelMet: 'II' });
    const loaded = await db.query.evaluations.findFirst({
      where: eq(s.evaluations.id, evaluation.id),
      with: { values: { with: { indicator: true } }, system: true },
    });
    expect(loaded).toMatchObject({ yII: 100, grade: 'II', system: { code: 'electroplating' } });
    expect(loaded?.values[0]).toMatchObject({ value: 18, levelMet: 'II', indicator: { code: '2.1' } });
  });
});

describe('the industry audit flow', () => {
  it('round-trips audit, phases, panel, list, training, survey, analysis, focus, target, problem, plan', async () => {
    const db = database.db;
    const audit = one(
      await db
        .insert(s.industryAudits)
        .values({
          title: '南京市电镀行业清洁生产审核',
          bureauId: base.nanjingBureauId,
          regionCode: '320100',
          industryCodes: ['336'],
          industryName: '电镀',
          periodStart: '2025-01-01',
          periodEnd: '2025-12-31',
          lowCostThreshold_wanYuan: 5,
        })
        .returning(),
    );
    expect(audit).toMatchObject({ regionPath: '32/3201', status: 'planning', lowCostThreshold_wanYuan: 5 });
    await db.insert(s.auditPhases).values(
      s.AUDIT_PHASES.map((phase, i) => ({
        auditId: audit.id,
        phase,
        plannedStart: `2025-${String(2 * i + 1).padStart(2, '0')}-01`,
        plannedEnd: `2025-${String(2 * i + 2).padStart(2, '0')}-28`,
      })),
    );
    await db
      .insert(s.auditPanelMembers)
      .values({ auditId: audit.id, name: '李局长', organization: '南京市生态环境局', panelRole: 'leader' });
    const listed = one(
      await db
        .insert(s.auditEnterprises)
        .values({
          auditId: audit.id,
          enterpriseId: base.enterpriseId,
          status: 'selected',
          selectionScore: 812.5,
          selectionReasons: ['environmental_impact', 'feasibility'],
          dataYears: [2022, 2023, 2024],
          dataStatus: 'requested',
        })
        .returning(),
    );
    expect(listed).toMatchObject({
      selectionReasons: ['environmental_impact', 'feasibility'],
      dataYears: [2022, 2023, 2024],
    });
    const training = one(
      await db
        .insert(s.auditTrainings)
        .values({ auditId: audit.id, kind: 'training', title: '审核方法培训', heldOn: '2025-02-15' })
        .returning(),
    );
    await db.insert(s.auditTrainingAttendance).values([
      { trainingId: training.id, enterpriseId: base.enterpriseId, headcount: 3 },
      { trainingId: training.id, attendeeName: '张三', organization: '咨询公司' },
    ]);
    const survey = one(
      await db
        .insert(s.siteSurveys)
        .values({
          auditId: audit.id,
          enterpriseId: base.enterpriseId,
          surveyedOn: '2025-03-10',
          reasons: ['doubtful_data'],
          checked: ['process_equipment', 'treatment_facilities'],
          findings: '单槽清洗，无逆流漂洗',
        })
        .returning(),
    );
    await db.insert(s.auditAnalysisSections).values({
      auditId: audit.id,
      section: 'gap_to_advanced',
      content: '取水量高于Ⅱ级基准值',
      figures: { median_L_per_m2: 30 },
    });
    const focus = one(
      await db
        .insert(s.auditFocuses)
        .values({
          auditId: audit.id,
          orientation: 'resource_efficiency',
          title: '清洗水耗',
          selected: true,
          score: 9.2,
        })
        .returning(),
    );
    const target = one(
      await db
        .insert(s.auditTargets)
        .values({
          auditId: audit.id,
          focusId: focus.id,
          type: 'resource_efficiency',
          indicator: '单位产品每次清洗取水量',
          measure: 'intensity',
          unit: 'L/m2',
          baselineValue: 30,
          baselineYear: 2024,
          nearTermValue: 24,
          longTermValue: 8,
          scope: 'listed_enterprises',
        })
        .returning(),
    );
    await db
      .insert(s.auditTargetEnterprises)
      .values({ targetId: target.id, enterpriseId: base.enterpriseId, targetValue: 24 });
    const problem = one(
      await db
        .insert(s.auditProblems)
        .values({
          auditId: audit.id,
          scope: 'individual',
          enterpriseId: base.enterpriseId,
          aspect: 'process_equipment',
          title: '单槽清洗',
          causeTypes: ['technical', 'management'],
          diagnosisMethods: ['water_balance', 'standard_comparison'],
          focusId: focus.id,
          siteSurveyId: survey.id,
          priority: 1,
        })
        .returning(),
    );
    expect(problem.causeTypes).toEqual(['technical', 'management']);
    await db.insert(s.cpPlanTasks).values({
      auditId: audit.id,
      category: 'cycle_linkage',
      task: '下一轮审核衔接',
      responsibleUnit: '南京市生态环境局',
      responsibleBureauId: base.nanjingBureauId,
      deadline: '2026-06-30',
      expectedResult: '形成下一轮审核工作方案',
    });

    const loaded = await db.query.industryAudits.findFirst({
      where: eq(s.industryAudits.id, audit.id),
      with: {
        phases: true,
        panel: true,
        enterprises: true,
        trainings: { with: { attendance: true } },
        siteSurveys: true,
        analysisSections: true,
        focuses: true,
        targets: { with: { enterprises: true } },
        problems: true,
        planTasks: true,
      },
    });
    expect(loaded?.phases).toHaveLength(5);
    expect(loaded?.trainings[0]?.attendance.reduce((n, a) => n + a.headcount, 0)).toBe(4); // 3 + 1 人次
    expect(loaded?.analysisSections[0]?.figures).toEqual({ median_L_per_m2: 30 });
    expect(loaded?.targets[0]).toMatchObject({
      nearTermValue: 24,
      longTermValue: 8,
      enterprises: [{ targetValue: 24 }],
    });
    expect(loaded?.planTasks[0]).toMatchObject({ deadline: '2026-06-30', status: 'planned' });
    expect(loaded?.problems[0]?.siteSurveyId).toBe(survey.id);
  });

  it('round-trips options (industry parent, enterprise child), benefits, evidence, reviews, snapshots', async () => {
    const db = database.db;
    const audit = one(await db.select().from(s.industryAudits));
    const problem = one(await db.select().from(s.auditProblems));
    const parent = one(
      await db
        .insert(s.cpOptions)
        .values({
          auditId: audit.id,
          level: 'industry',
          name: '逆流漂洗推广',
          optionType: 'resource_reuse',
          industryApproach: 'technology_promotion',
        })
        .returning(),
    );
    const child = one(
      await db
        .insert(s.cpOptions)
        .values({
          auditId: audit.id,
          level: 'enterprise',
          enterpriseId: base.enterpriseId,
          parentId: parent.id,
          name: '镀锌线三级逆流漂洗改造',
          keyPoints: '单槽清洗改三级逆流漂洗，减少取水和废水',
          optionType: 'resource_reuse',
          gdCategory: 'technology',
          performanceClass: 'process_innovation',
          costClass: 'mid_high',
          isKey: true,
          investmentPlanned_wanYuan: 12.3456,
          investmentActual_wanYuan: 11.5,
          economicBenefitActual_wanYuanPerYear: 1.58,
          npv_wanYuan: 0.56,
          irr: 0.0717,
          paybackYears: 6.97,
          status: 'implemented',
          implementedOn: '2025-09-30',
        })
        .returning(),
    );
    // numeric(18,4) in mode number reads back as a JS number, exactly at 4 decimals.
    expect(child).toMatchObject({
      investmentPlanned_wanYuan: 12.3456,
      investmentActual_wanYuan: 11.5,
      irr: 0.0717,
    });
    await db.insert(s.optionProblems).values({ optionId: child.id, problemId: problem.id });
    await db.insert(s.optionBenefits).values([
      { optionId: child.id, basis: 'expected', itemCode: 'saving.water', quantity: 5000, unit: 't/a' },
      { optionId: child.id, basis: 'actual', itemCode: 'saving.water', quantity: 4200, unit: 't/a' },
      { optionId: child.id, basis: 'actual', itemCode: 'saving.electricity', quantity: 12000, unit: 'kWh/a' },
      {
        optionId: child.id,
        basis: 'actual',
        itemCode: 'reduction.other.total_zinc',
        name: '总锌',
        quantity: 0.012,
        unit: 't/a',
      },
    ]);
    const evidence = one(
      await db
        .insert(s.optionEvidence)
        .values({
          optionId: child.id,
          kind: 'photo_after',
          title: '改造后漂洗槽',
          fileName: 'after.jpg',
          contentType: 'image/jpeg',
          sizeBytes: 5_000_000_000, // beyond 32 bits: bigint in number mode
          sha256: 'f'.repeat(64),
          storageKey: `evidence/${child.id}/after.jpg`,
        })
        .returning(),
    );
    expect(evidence.sizeBytes).toBe(5_000_000_000);
    await db.insert(s.optionReviews).values({
      optionId: child.id,
      reviewerId: base.adminUserId,
      stage: 'verification',
      verdict: 'approve',
    });
    await db.insert(s.expertAssignments).values({ userId: base.adminUserId, optionId: child.id });
    await db.insert(s.auditReferenceSnapshots).values({
      auditId: audit.id,
      kind: 'co2_factors',
      refId: 'gd-form.standard-coal-co2',
      data: {
        id: 'gd-form.standard-coal-co2',
        name: '标准煤CO2排放因子',
        value: 2.7725,
        unit: 'tCO2/tce',
        source: { document: '广东省强制性清洁生产审核绩效表', clause: '注13', status: 'seed' },
      },
    });

    const loaded = await db.query.cpOptions.findFirst({
      where: eq(s.cpOptions.id, child.id),
      with: { parent: true, problems: true, benefits: true, evidence: true, reviews: true },
    });
    expect(loaded?.parent?.name).toBe('逆流漂洗推广');
    expect(loaded?.problems.map((p) => p.problemId)).toEqual([problem.id]);
    expect(
      loaded?.benefits
        .filter((b) => b.basis === 'actual')
        .map((b) => [b.itemCode, b.quantity])
        .sort(),
    ).toEqual([
      ['reduction.other.total_zinc', 0.012],
      ['saving.electricity', 12000],
      ['saving.water', 4200],
    ]);
    expect(loaded?.reviews[0]?.verdict).toBe('approve');
    const snapshot = one(await db.select().from(s.auditReferenceSnapshots));
    expect(snapshot.data).toMatchObject({ value: 2.7725, source: { clause: '注13', status: 'seed' } });
  });
});

describe('the Guangdong mandatory audit', () => {
  it('round-trips the form fields, its targets and its options', async () => {
    const db = database.db;
    const ma = one(
      await db
        .insert(s.mandatoryAudits)
        .values({
          enterpriseId: base.enterpriseId,
          consultingFirmId: base.consultingFirmId,
          auditMethod: 'regular',
          listingReasons: ['double_toxic', 'other'],
          listingReasonOther: '区域重点行业',
          round: 'second',
          lastAcceptanceYear: 2020,
          lastAcceptanceMonth: 11,
          startedOn: '2025-01-10',
          finishedOn: '2025-11-30',
          trainingEvents: 3,
          trainingAttendance: 86,
          dataYear: 2024,
          auditFocus: '镀锌线清洗水耗',
          filledByName: '陈某',
          filledOn: '2025-12-05',
        })
        .returning(),
    );
    expect(ma).toMatchObject({
      listingReasons: ['double_toxic', 'other'],
      lastAcceptanceMonth: 11,
      status: 'in_progress',
    });
    await db.insert(s.mandatoryAuditTargets).values({
      mandatoryAuditId: ma.id,
      indicator: '单位产品取水量',
      unit: 'L/m2',
      beforeValue: 30,
      afterValue: 20,
      nearTermTarget: 24,
    });
    await db.insert(s.cpOptions).values({
      mandatoryAuditId: ma.id,
      level: 'enterprise',
      enterpriseId: base.enterpriseId,
      name: '加强计量管理',
      costClass: 'no_low',
      gdCategory: 'management',
    });
    const loaded = await db.query.mandatoryAudits.findFirst({
      where: eq(s.mandatoryAudits.id, ma.id),
      with: { targets: true, options: true, enterprise: true, consultingFirm: true },
    });
    expect(loaded?.targets[0]).toMatchObject({ beforeValue: 30, afterValue: 20, nearTermTarget: 24 });
    expect(loaded?.options.map((o) => o.name)).toEqual(['加强计量管理']);
    expect(loaded?.enterprise.uscc).toBe('91320102MA1P00000N');
    expect(loaded?.consultingFirm?.name).toBe('江苏某环境咨询有限公司');
  });
});

describe('settings', () => {
  it('round-trip a jsonb value by key', async () => {
    await database.db
      .insert(s.settings)
      .values({ key: 'economics.low_cost_threshold_wan_yuan', value: { default: 5 } });
    const row = one(
      await database.db
        .select()
        .from(s.settings)
        .where(eq(s.settings.key, 'economics.low_cost_threshold_wan_yuan')),
    );
    expect(row.value).toEqual({ default: 5 });
  });
});
