/**
 * The enterprise list of an audit over HTTP (guideline 7.1.2, 7.2.1.1): candidates of the audit's industry in its
 * region ranked by the core from stored annual data (scores worked out by hand below), selection with the score
 * and breakdown stored, data-collection status derived from annual submissions, enterprise users limited to their
 * own row, versioning and removal rules.
 *
 * Seeded annual data (audit period 2025 → data years 2022–2024), both enterprises in 南京, industry 336:
 *   甲 (entA, 玄武区) 2024: COD 10 t, 总铬 50 kg, 增加值 1000 万元, CO2 2000 t, 总产值 5000 万元, 综合能耗 1000 tce;
 *     submissions 2022, 2023, 2024 all submitted.
 *   丙 (entC, 秦淮区) 2024: COD 2 t, 总产值 2000 万元, 综合能耗 600 tce (draft); 2023 returned ("数据不全").
 *   乙 (entB) is in 广州: not a candidate.
 *
 * Core rankCandidateEnterprises (weights 1), R = 1 + 9p with p the percentile among reporters:
 *   a) load: 甲 10 + 0.05 = 10.05 t > 丙 2 t → 甲 10, 丙 1; GHG intensity: only 甲 (2000/1000 = 2) → 5.5;
 *      energy per 万元: 甲 1000/5000 = 0.2 < 丙 600/2000 = 0.3 → 甲 1, 丙 10.
 *      impact 甲 = (10 + 5.5 + 1)/3 = 5.5; 丙 = (1 + 10)/2 = 5.5.
 *   b) 甲 has a class-I heavy metal → 1 + 3 × 1 = 4; 丙 none → 1.
 *   c) completeness = groups filled / (6 groups × 3 years): 甲 4/18, 丙 3/18; willingness = years submitted
 *      (returned counts: it was submitted) / 3: 甲 3/3 = 1, 丙 1/3.
 *      甲 1 + 9 × (4/18 + 1)/2 = 1 + 5.5 = 6.5; 丙 1 + 9 × (3/18 + 1/3)/2 = 1 + 2.25 = 3.25.
 *   d) first pick: nothing covered → 1 + 9 × 3/3 = 10 for both.
 *   Step 1: 甲 5.5 + 4 + 6.5 + 10 = 26; 丙 5.5 + 1 + 3.25 + 10 = 19.75 → 甲 first.
 *   Step 2: 丙 size (output third: smaller) and county new, process type (no processes → '336 金属表面处理及热处理加工',
 *   the same as 甲) seen once → 1 + 9 × (1 + 1 + 1/2)/3 = 8.5 → 丙 5.5 + 1 + 3.25 + 8.5 = 18.25.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnnualCategory, annualSubmissions, annualValues } from '../../src/db/index.ts';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let nanjing: Client;
let guangdong: Client;
let entA: Client;
let entC: Client;
let panel: Client;
let auditId: string;

type Value = [AnnualCategory, string, number, string];

async function seedYear(
  enterpriseId: string,
  year: number,
  values: Value[],
  status: 'draft' | 'submitted' | 'returned',
): Promise<void> {
  const db = world.database.db;
  await db.insert(annualSubmissions).values({ enterpriseId, year, status: 'draft' });
  if (values.length > 0) {
    await db.insert(annualValues).values(
      values.map(([category, itemCode, quantity, unit]) => ({
        enterpriseId,
        year,
        category,
        itemCode,
        quantity,
        unit,
      })),
    );
  }
  const at = new Date();
  const where = and(eq(annualSubmissions.enterpriseId, enterpriseId), eq(annualSubmissions.year, year));
  if (status === 'submitted')
    await db.update(annualSubmissions).set({ status, submittedAt: at }).where(where);
  if (status === 'returned') {
    await db
      .update(annualSubmissions)
      .set({ status, submittedAt: at, returnedAt: at, returnReason: '数据不全' })
      .where(where);
  }
}

beforeAll(async () => {
  world = await createWorld();
  [nanjing, guangdong, entA, entC, panel] = await Promise.all([
    world.as('nanjing'),
    world.as('guangdong'),
    world.as('entA'),
    world.as('entC'),
    world.as('panel'),
  ]);
  const { entA: a, entC: c } = world.ids;
  await seedYear(a, 2022, [], 'submitted');
  await seedYear(a, 2023, [], 'submitted');
  await seedYear(
    a,
    2024,
    [
      ['pollutant_emitted', 'pollutant_emitted.cod', 10, 't'],
      ['pollutant_emitted', 'pollutant_emitted.class_i.cr', 50, 'kg'],
      ['economy', 'economy.value_added', 1000, '万元'],
      ['economy', 'economy.gross_output', 5000, '万元'],
      ['ghg', 'ghg.co2_total', 2000, 'tCO2'],
      ['energy', 'energy.comprehensive', 1000, 'tce'],
    ],
    'submitted',
  );
  await seedYear(c, 2023, [], 'returned');
  await seedYear(
    c,
    2024,
    [
      ['pollutant_emitted', 'pollutant_emitted.cod', 2, 't'],
      ['economy', 'economy.gross_output', 2000, '万元'],
      ['energy', 'energy.comprehensive', 600, 'tce'],
    ],
    'draft',
  );
  const res = await nanjing.post('/api/audits', {
    title: '南京市电镀行业清洁生产审核（名单）',
    regionCode: '320100',
    industryCodes: ['336'],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
  });
  auditId = res.json().id;
});
afterAll(async () => {
  await world?.close();
});

interface Candidate {
  enterpriseId: string;
  rank: number;
  total: number;
  scores: Record<string, number>;
  reasons: string[];
  basis: Record<string, unknown>;
}

describe('candidates (7.1.2, core rankCandidateEnterprises)', () => {
  it('ranks the enterprises of the industry in the region from their stored annual data', async () => {
    const res = await nanjing.get(`/api/audits/${auditId}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.dataYears).toEqual([2022, 2023, 2024]);
    const c: Candidate[] = r.candidates;
    expect(c.map((x) => x.enterpriseId)).toEqual([world.ids.entA, world.ids.entC]);
    const [a, cc] = c;
    // Worked out in the file comment.
    expect(a?.total).toBeCloseTo(26, 9);
    expect(a?.scores.impact).toBeCloseTo(5.5, 9);
    expect(a?.scores.governance).toBeCloseTo(4, 9);
    expect(a?.scores.feasibility).toBeCloseTo(6.5, 9);
    expect(a?.scores.representativeness).toBeCloseTo(10, 9);
    expect(cc?.total).toBeCloseTo(18.25, 9);
    expect(cc?.scores.representativeness).toBeCloseTo(8.5, 9);
    expect(a?.basis).toMatchObject({
      year: 2024,
      ghgIntensity_tCO2_per_wanYuan: 2,
      energyIntensity_tce_per_wanYuan: 0.2,
      heavyMetals: true,
      willingness: 1,
      sizeClass: '产值规模较大',
      county: '玄武区',
      processType: '336 金属表面处理及热处理加工',
    });
    expect(a?.basis.pollutantLoad_t).toBeCloseTo(10.05, 9);
    expect(a?.basis.dataCompleteness).toBeCloseTo(4 / 18, 9);
    expect(cc?.basis).toMatchObject({
      heavyMetals: null,
      sizeClass: '产值规模较小',
      ghgIntensity_tCO2_per_wanYuan: null,
    });
    expect(cc?.basis.willingness).toBeCloseTo(1 / 3, 9);
    expect(a?.reasons).toContain('涉及重金属总量控制');
    expect(r.breakdown.clause).toMatchObject({ status: 'seed' });
    expect(r.weights.map((w: { weight: number }) => w.weight)).toEqual([1, 1, 1, 1]);
  });

  it('takes the panel’s judgements and weights (nothing stored), and refuses non-candidates', async () => {
    // 丙 in a key region (+2 → 7.5), characteristic and new pollutants (1 + 3 × 2 = 7), willingness 1
    // (1 + 9 × (3/18 + 1)/2 = 6.25): 7.5 + 7 + 6.25 + 10 = 30.75 > 26 → 丙 first; then 甲 with
    // representativeness 8.5: 5.5 + 4 + 6.5 + 8.5 = 24.5.
    const res = await nanjing.post(`/api/audits/${auditId}/candidates/rank`, {
      assessments: [
        {
          enterpriseId: world.ids.entC,
          inKeyRegion: true,
          characteristicPollutants: true,
          newPollutants: true,
          willingness: 1,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const c: Candidate[] = res.json().candidates;
    expect(c.map((x) => x.enterpriseId)).toEqual([world.ids.entC, world.ids.entA]);
    expect(c[0]?.total).toBeCloseTo(30.75, 9);
    expect(c[1]?.total).toBeCloseTo(24.5, 9);
    // Weights double the impact principle: 甲 26 + 5.5 = 31.5, 丙 19.75 + 5.5 = 25.25 at step 1.
    const w = await nanjing.post(`/api/audits/${auditId}/candidates/rank`, { weights: { impact: 2 } });
    expect(w.json().candidates[0].total).toBeCloseTo(31.5, 9);
    const bad = await nanjing.post(`/api/audits/${auditId}/candidates/rank`, {
      assessments: [{ enterpriseId: world.ids.entB, willingness: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('assessments.0.enterpriseId');
    const range = await nanjing.post(`/api/audits/${auditId}/candidates/rank`, {
      assessments: [{ enterpriseId: world.ids.entC, willingness: 1.5 }],
    });
    expect(range.statusCode).toBe(400);
  });

  it('shows candidates to those who run the audit only', async () => {
    expect((await guangdong.get(`/api/audits/${auditId}/candidates`)).statusCode).toBe(404);
    expect((await panel.get(`/api/audits/${auditId}/candidates`)).statusCode).toBe(404);
    expect((await entA.get(`/api/audits/${auditId}/candidates`)).statusCode).toBe(403);
  });
});

describe('the list', () => {
  let rowA: { version: number };
  let rowC: { version: number };

  it('puts enterprises on the list with their score and breakdown, and refuses those outside the region', async () => {
    const add = await nanjing.post(`/api/audits/${auditId}/enterprises`, {
      enterpriseId: world.ids.entA,
      status: 'selected',
      reasons: ['environmental_impact', 'key_governance'],
      note: '重金属排放量大',
    });
    expect(add.statusCode, add.body).toBe(201);
    rowA = add.json();
    expect(add.json()).toMatchObject({
      status: 'selected',
      selectionReasons: ['environmental_impact', 'key_governance'],
      dataYears: [2022, 2023, 2024],
      collection: { status: 'submitted', accepted: false },
    });
    // The score is the ranking's total of 甲: 26 (file comment).
    expect(add.json().selectionScore).toBeCloseTo(26, 9);
    expect(add.json().selectionBreakdown).toMatchObject({
      label: '第1位：南京甲电镀有限公司',
      clause: { status: 'seed' },
    });
    expect(add.json().selectionBreakdown.factors.length).toBeGreaterThan(0);
    const y2024 = add.json().collection.years.find((y: { year: number }) => y.year === 2024);
    expect(y2024).toMatchObject({ submissionStatus: 'submitted', itemsPresent: 4, itemsRequired: 6 });
    expect(y2024.missing).toEqual(['水资源消耗', '污染物产生量']);

    const outside = await nanjing.post(`/api/audits/${auditId}/enterprises`, {
      enterpriseId: world.ids.entB,
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.field).toBe('enterpriseId');
    const twice = await nanjing.post(`/api/audits/${auditId}/enterprises`, { enterpriseId: world.ids.entA });
    expect(twice.statusCode).toBe(409);
    const addC = await nanjing.post(`/api/audits/${auditId}/enterprises`, { enterpriseId: world.ids.entC });
    expect(addC.statusCode, addC.body).toBe(201);
    rowC = addC.json();
    expect(addC.json()).toMatchObject({ status: 'candidate', collection: { status: 'returned' } });
    expect(addC.json().collection.years[1]).toMatchObject({ year: 2023, returnReason: '数据不全' });
    expect(
      (await entA.post(`/api/audits/${auditId}/enterprises`, { enterpriseId: world.ids.entC })).statusCode,
    ).toBe(403);
    const log = await queryRows(
      world.database.db,
      sql`select action, actor_user_id from audit_log where entity = 'audit_enterprises' order by seq`,
    );
    expect(log[0]).toMatchObject({ action: 'insert', actor_user_id: world.ids.users.nanjing });
  });

  it('lists with filters, search and sort; an enterprise sees only its own row', async () => {
    const sel = await nanjing.get(`/api/audits/${auditId}/enterprises?status=selected`);
    expect(sel.json().items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([world.ids.entA]);
    const ret = await nanjing.get(`/api/audits/${auditId}/enterprises?collection=returned`);
    expect(ret.json().items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([world.ids.entC]);
    const q = await nanjing.get(`/api/audits/${auditId}/enterprises?q=${encodeURIComponent('丙')}`);
    expect(q.json().total).toBe(1);
    const page = await nanjing.get(
      `/api/audits/${auditId}/enterprises?sort=selectionScore&order=desc&limit=1`,
    );
    expect(page.json()).toMatchObject({ total: 2, items: [{ enterpriseId: world.ids.entA }] });
    const own = await entA.get(`/api/audits/${auditId}/enterprises`);
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([world.ids.entA]);
    expect((await entC.get(`/api/audits/${auditId}/enterprises`)).json().total).toBe(1);
    expect((await guangdong.get(`/api/audits/${auditId}/enterprises`)).statusCode).toBe(404);
  });

  it('selects with the version read, storing the score; stale versions and bad input change nothing', async () => {
    const ok = await nanjing.patch(`/api/audits/${auditId}/enterprises/${world.ids.entC}`, {
      version: rowC.version,
      status: 'selected',
      reasons: ['representativeness'],
      dataRequestedOn: '2025-02-01',
      dataDueOn: '2025-03-01',
      dataStatus: 'requested',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // 丙 is second with 18.25 (file comment).
    expect(ok.json().selectionScore).toBeCloseTo(18.25, 9);
    expect(ok.json()).toMatchObject({
      status: 'selected',
      dataStatus: 'requested',
      version: rowC.version + 1,
    });
    const stale = await nanjing.patch(`/api/audits/${auditId}/enterprises/${world.ids.entC}`, {
      version: rowC.version,
      status: 'excluded',
    });
    expect(stale.statusCode).toBe(409);
    const due = await nanjing.patch(`/api/audits/${auditId}/enterprises/${world.ids.entC}`, {
      version: rowC.version + 1,
      dataRequestedOn: '2025-03-01',
      dataDueOn: '2025-02-01',
    });
    expect(due.statusCode).toBe(400);
    expect(due.json().error.field).toBe('dataDueOn');
    const years = await nanjing.patch(`/api/audits/${auditId}/enterprises/${world.ids.entC}`, {
      version: rowC.version + 1,
      dataYears: [2023, 2023],
    });
    expect(years.json().error.field).toBe('dataYears.1');
    const bad = await nanjing.patch(`/api/audits/${auditId}/enterprises/${world.ids.entC}`, {
      version: rowC.version + 1,
      reasons: ['cheap'],
    });
    expect(bad.statusCode).toBe(400);
    const now = (await nanjing.get(`/api/audits/${auditId}/enterprises?q=${encodeURIComponent('丙')}`)).json()
      .items[0];
    expect(now).toMatchObject({ status: 'selected', version: rowC.version + 1, dataDueOn: '2025-03-01' });
    expect((await nanjing.get(`/api/audits/${auditId}`)).json().selectedEnterprises).toBe(2);
    expect(rowA.version).toBe(1);
  });

  it('reports data collection per listed enterprise, scoped to the caller', async () => {
    const res = await nanjing.get(`/api/audits/${auditId}/data-collection`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toEqual({
      not_started: 0,
      in_progress: 0,
      complete: 0,
      submitted: 1,
      returned: 1,
    });
    expect(res.json().requiredItems).toHaveLength(6);
    const only = await nanjing.get(`/api/audits/${auditId}/data-collection?status=returned`);
    expect(only.json().items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([world.ids.entC]);
    const own = await entA.get(`/api/audits/${auditId}/data-collection`);
    expect(own.json()).toMatchObject({ total: 1, items: [{ enterpriseId: world.ids.entA }] });
    expect(own.json().counts.returned).toBe(0);
  });

  it('takes an enterprise off the list only while nothing refers to it', async () => {
    const survey = await nanjing.post(`/api/audits/${auditId}/site-surveys`, {
      enterpriseId: world.ids.entC,
      surveyedOn: '2025-03-10',
    });
    expect(survey.statusCode, survey.body).toBe(201);
    const current = (
      await nanjing.get(`/api/audits/${auditId}/enterprises?q=${encodeURIComponent('丙')}`)
    ).json().items[0];
    const refused = await nanjing.delete(
      `/api/audits/${auditId}/enterprises/${world.ids.entC}?version=${current.version}`,
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('STATE_CONFLICT');
    await nanjing.delete(`/api/audits/${auditId}/site-surveys/${survey.json().id}?version=1`);
    const stale = await nanjing.delete(`/api/audits/${auditId}/enterprises/${world.ids.entC}?version=99`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const ok = await nanjing.delete(
      `/api/audits/${auditId}/enterprises/${world.ids.entC}?version=${current.version}`,
    );
    expect(ok.statusCode).toBe(200);
    expect((await entC.get(`/api/audits/${auditId}`)).statusCode).toBe(404);
    expect(
      (await nanjing.delete(`/api/audits/${auditId}/enterprises/${world.ids.entC}?version=1`)).statusCode,
    ).toBe(404);
  });
});
