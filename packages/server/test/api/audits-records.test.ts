/**
 * The records of an audit over HTTP: trainings (7.1.4), site surveys (7.2.1.2), status-analysis sections
 * (7.2.1.3; Appendix B), audit focus scored by the core's weighted sum (7.2.2), targets with completion by the
 * core (7.2.3; Appendix B 7.3), problems (7.2.4) and the continuous CP plan (7.5.2). For each: the panel (a member
 * user) and the bureau write, experts and listed enterprises read (enterprises their own rows only), other roles
 * get 403, other organisations 404; stale versions 409 and bad input 400 change nothing; writes are logged.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/services/audits/access.ts';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let nanjing: Client;
let guangdong: Client;
let entA: Client;
let entC: Client;
let panel: Client;
let expert: Client;
let consultant: Client;
let id: string;
let url: (path: string) => string;

beforeAll(async () => {
  world = await createWorld();
  [nanjing, guangdong, entA, entC, panel, expert, consultant] = await Promise.all([
    world.as('nanjing'),
    world.as('guangdong'),
    world.as('entA'),
    world.as('entC'),
    world.as('panel'),
    world.as('expert'),
    world.as('consultant'),
  ]);
  const res = await nanjing.post('/api/audits', {
    title: '南京市电镀行业清洁生产审核（记录）',
    regionCode: '320100',
    industryCodes: ['336'],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
  });
  id = res.json().id;
  url = (path) => `/api/audits/${id}${path}`;
  await nanjing.post(url('/enterprises'), { enterpriseId: world.ids.entA, status: 'selected' });
  await nanjing.post(url('/enterprises'), { enterpriseId: world.ids.entC, status: 'selected' });
  await nanjing.post(url('/panel'), { name: '李四', panelRole: 'member', userId: panel.userId });
  await nanjing.post(url('/experts'), { userId: expert.userId });
});
afterAll(async () => {
  await world?.close();
});

async function logActions(entity: string, entityId: string): Promise<unknown[][]> {
  const rows = await queryRows(
    world.database.db,
    sql`select action, actor_user_id from audit_log where entity = ${entity} and entity_id = ${entityId} order by seq`,
  );
  return rows.map((r) => [r.action, r.actor_user_id]);
}

/** Who may not write: other roles 403, other organisations 404. */
async function refusedWrites(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown) {
  for (const c of [entA, expert, consultant]) {
    expect((await c.request(method, url(path), body)).statusCode, `${method} ${path}`).toBe(403);
  }
  expect((await guangdong.request(method, url(path), body)).statusCode, `${method} ${path}`).toBe(404);
}

describe('trainings (7.1.4)', () => {
  it('records events with attendance; enterprises see their own attendees and the total', async () => {
    const body = {
      kind: 'training',
      title: '电镀行业清洁生产审核培训',
      heldOn: '2025-02-15',
      topics: '法规政策与激励机制；审核程序方法；实施要点与案例',
      attendees: [
        { enterpriseId: world.ids.entA, attendeeName: '王五' },
        { enterpriseId: world.ids.entC, organization: '南京丙表面处理有限公司', headcount: 3 },
        { organization: '南京市生态环境局', headcount: 2 },
      ],
    };
    await refusedWrites('POST', '/trainings', body);
    const bad = await panel.post(url('/trainings'), {
      ...body,
      attendees: [{ enterpriseId: world.ids.entB, headcount: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('attendees.0.enterpriseId');
    const empty = await panel.post(url('/trainings'), { ...body, attendees: [{ headcount: 2 }] });
    expect(empty.statusCode).toBe(400);

    const res = await panel.post(url('/trainings'), body);
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    // 人次 = 1 + 3 + 2 = 6.
    expect(t).toMatchObject({ attendanceCount: 6, kind: 'training', version: 1 });
    expect(t.attendees).toHaveLength(3);
    const mine = (await entA.get(url('/trainings'))).json();
    expect(mine.items[0].attendanceCount).toBe(6);
    expect(mine.items[0].attendees.map((a: { attendeeName: string }) => a.attendeeName)).toEqual(['王五']);
    expect((await expert.get(url('/trainings'))).json().items[0].attendees).toHaveLength(3);
    expect((await guangdong.get(url('/trainings'))).statusCode).toBe(404);

    await nanjing.post(url('/trainings'), { kind: 'publicity', title: '宣传动员会', heldOn: '2025-01-20' });
    const list = await nanjing.get(url('/trainings?kind=publicity'));
    expect(list.json()).toMatchObject({ total: 1, items: [{ title: '宣传动员会', attendanceCount: 0 }] });
    const byDate = await nanjing.get(url('/trainings?sort=heldOn&order=desc'));
    expect(byDate.json().items.map((i: { heldOn: string }) => i.heldOn)).toEqual([
      '2025-02-15',
      '2025-01-20',
    ]);

    const upd = await nanjing.patch(url(`/trainings/${t.id}`), {
      version: 1,
      location: '南京市',
      attendees: [{ organization: '南京市生态环境局', headcount: 10 }],
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ version: 2, attendanceCount: 10, location: '南京市' });
    const stale = await nanjing.patch(url(`/trainings/${t.id}`), { version: 1, title: '覆盖' });
    expect(stale.statusCode).toBe(409);
    expect(
      (await nanjing.patch(url(`/trainings/${t.id}`), { version: 2, heldOn: '2025-13-01' })).statusCode,
    ).toBe(400);
    const now = (await nanjing.get(url('/trainings?kind=training'))).json().items[0];
    expect(now).toMatchObject({ title: '电镀行业清洁生产审核培训', version: 2, heldOn: '2025-02-15' });
    await refusedWrites('DELETE', `/trainings/${t.id}?version=2`);
    expect((await nanjing.delete(url(`/trainings/${t.id}?version=1`))).statusCode).toBe(409);
    expect((await nanjing.delete(url(`/trainings/${t.id}?version=2`))).statusCode).toBe(200);
    expect(await logActions('audit_trainings', t.id)).toEqual([
      ['insert', panel.userId],
      ['update', world.ids.users.nanjing],
      ['delete', world.ids.users.nanjing],
    ]);
  });
});

describe('site surveys (7.2.1.2) and problems (7.2.4)', () => {
  let surveyId: string;

  it('records surveys of listed enterprises; an enterprise sees its own', async () => {
    const body = {
      enterpriseId: world.ids.entA,
      surveyedOn: '2025-03-10',
      surveyors: '李四、专家',
      reasons: ['doubtful_data'],
      checked: ['process_equipment', 'treatment_facilities', 'staff_interviews'],
      findings: '镀铬线无逆流漂洗',
      opportunities: '增设三级逆流漂洗',
    };
    await refusedWrites('POST', '/site-surveys', body);
    const notListed = await panel.post(url('/site-surveys'), { ...body, enterpriseId: world.ids.entB });
    expect(notListed.statusCode).toBe(400);
    expect(notListed.json().error.field).toBe('enterpriseId');
    expect((await panel.post(url('/site-surveys'), { ...body, checked: ['lunch'] })).statusCode).toBe(400);
    const res = await panel.post(url('/site-surveys'), body);
    expect(res.statusCode, res.body).toBe(201);
    surveyId = res.json().id;
    expect(res.json()).toMatchObject({ enterpriseName: '南京甲电镀有限公司', problems: [] });
    expect((await entA.get(url('/site-surveys'))).json().total).toBe(1);
    expect((await entC.get(url('/site-surveys'))).json().total).toBe(0);
    expect((await nanjing.get(url(`/site-surveys?q=${encodeURIComponent('逆流')}`))).json().total).toBe(1);
    const upd = await nanjing.patch(url(`/site-surveys/${surveyId}`), {
      version: 1,
      suggestions: '加强计量',
    });
    expect(upd.json()).toMatchObject({ version: 2, suggestions: '加强计量' });
    expect(
      (await nanjing.patch(url(`/site-surveys/${surveyId}`), { version: 1, findings: 'x' })).statusCode,
    ).toBe(409);
    expect((await nanjing.get(url('/site-surveys'))).json().items[0].findings).toBe('镀铬线无逆流漂洗');
    expect(await logActions('site_surveys', surveyId)).toEqual([
      ['insert', panel.userId],
      ['update', world.ids.users.nanjing],
    ]);
  });

  it('checks the aspects of common (7.2.4.1) and individual (7.2.4.2) problems and their links', async () => {
    const common = { scope: 'common', aspect: 'process_equipment', title: '漂洗工艺落后', priority: 1 };
    await refusedWrites('POST', '/problems', common);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...common, enterpriseId: world.ids.entA }, 'enterpriseId'],
      [{ ...common, aspect: 'staff' }, 'aspect'],
      [{ scope: 'individual', aspect: 'staff', title: '无培训' }, 'enterpriseId'],
      [{ scope: 'individual', aspect: 'ghg', title: 'x', enterpriseId: world.ids.entA }, 'aspect'],
      [{ scope: 'individual', aspect: 'staff', title: 'x', enterpriseId: world.ids.entB }, 'enterpriseId'],
      [
        {
          scope: 'individual',
          aspect: 'staff',
          title: 'x',
          enterpriseId: world.ids.entC,
          siteSurveyId: surveyId,
        },
        'siteSurveyId',
      ],
      [{ ...common, causeTypes: ['weather'] }, 'body.causeTypes.0'],
    ];
    for (const [body, field] of cases) {
      const res = await panel.post(url('/problems'), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field ?? res.json().error.issues[0].field).toBe(field);
    }
    const c = await panel.post(url('/problems'), {
      ...common,
      causeTypes: ['technical'],
      diagnosisMethods: ['water_balance', 'expert_judgement'],
      manifestation: '甲、丙两家均为单级漂洗',
    });
    expect(c.statusCode, c.body).toBe(201);
    const ind = await panel.post(url('/problems'), {
      scope: 'individual',
      enterpriseId: world.ids.entA,
      aspect: 'staff',
      title: '操作工未经培训',
      siteSurveyId: surveyId,
      priority: 2,
    });
    expect(ind.statusCode, ind.body).toBe(201);
    expect(ind.json()).toMatchObject({ enterpriseName: '南京甲电镀有限公司', siteSurveyId: surveyId });
    const survey = (await nanjing.get(url('/site-surveys'))).json().items[0];
    expect(survey.problems).toEqual([{ id: ind.json().id, title: '操作工未经培训', scope: 'individual' }]);

    expect(
      (await nanjing.get(url('/problems?sort=priority')))
        .json()
        .items.map((p: { priority: number }) => p.priority),
    ).toEqual([1, 2]);
    expect((await nanjing.get(url('/problems?scope=individual'))).json().total).toBe(1);
    expect((await nanjing.get(url('/problems?aspect=staff'))).json().total).toBe(1);
    expect((await entC.get(url('/problems'))).json().items.map((p: { scope: string }) => p.scope)).toEqual([
      'common',
    ]);
    expect((await entA.get(url('/problems'))).json().total).toBe(2);

    // Individual → common drops the enterprise; the survey link stays valid for a common problem.
    const toCommon = await nanjing.patch(url(`/problems/${ind.json().id}`), {
      version: 1,
      scope: 'common',
      aspect: 'management',
    });
    expect(toCommon.statusCode, toCommon.body).toBe(200);
    expect(toCommon.json()).toMatchObject({ scope: 'common', enterpriseId: null, version: 2 });
    expect(
      (await nanjing.patch(url(`/problems/${ind.json().id}`), { version: 1, title: 'x' })).statusCode,
    ).toBe(409);
    const wrongAspect = await nanjing.patch(url(`/problems/${ind.json().id}`), {
      version: 2,
      aspect: 'waste',
    });
    expect(wrongAspect.json().error.field).toBe('aspect');
    expect(
      (await nanjing.get(url(`/problems?q=${encodeURIComponent('操作工')}`))).json().items[0],
    ).toMatchObject({
      aspect: 'management',
      version: 2,
    });
    await refusedWrites('DELETE', `/problems/${c.json().id}?version=1`);
    expect((await nanjing.delete(url(`/problems/${c.json().id}?version=1`))).statusCode).toBe(200);
    expect((await logActions('audit_problems', c.json().id)).map((r) => r[0])).toEqual(['insert', 'delete']);
  });
});

describe('status analysis (7.2.1.3; Appendix B)', () => {
  it('writes one text per heading, versioned, industry-level or per enterprise', async () => {
    const empty = await entA.get(url('/analysis'));
    expect(empty.statusCode).toBe(200);
    expect(empty.json().sections).toHaveLength(15);
    expect(empty.json().sections[1]).toMatchObject({
      section: 'survey_methods',
      titleZh: '调查方法',
      source: { status: 'seed' },
      entries: [],
    });
    await refusedWrites('PUT', '/analysis/survey_methods', { content: 'x' });
    const first = await panel.put(url('/analysis/survey_methods'), {
      content: '资料调阅、现场踏勘、问卷调查',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, enterpriseId: null });
    const blind = await nanjing.put(url('/analysis/survey_methods'), { content: '覆盖' });
    expect(blind.statusCode).toBe(409);
    const second = await nanjing.put(url('/analysis/survey_methods'), {
      content: '资料调阅、现场踏勘',
      version: 1,
    });
    expect(second.json()).toMatchObject({ version: 2, content: '资料调阅、现场踏勘' });
    expect(
      (await nanjing.put(url('/analysis/survey_methods'), { content: 'x', version: 1 })).statusCode,
    ).toBe(409);
    const ghost = await nanjing.put(url('/analysis/gap_to_advanced'), { content: 'x', version: 3 });
    expect(ghost.statusCode).toBe(404);

    const own = await nanjing.put(url('/analysis/cp_level'), {
      enterpriseId: world.ids.entA,
      content: '甲企业达到二级水平',
      figures: { grade: 'II', index: 87.5 },
    });
    expect(own.statusCode, own.body).toBe(200);
    const notListed = await nanjing.put(url('/analysis/cp_level'), {
      enterpriseId: world.ids.entB,
      content: 'x',
    });
    expect(notListed.json().error.field).toBe('enterpriseId');
    expect((await nanjing.put(url('/analysis/nonsense'), { content: 'x' })).statusCode).toBe(400);

    const seenByC = (await entC.get(url('/analysis'))).json().sections;
    const entries = seenByC.flatMap((s: { entries: { enterpriseId: string | null }[] }) => s.entries);
    expect(entries.map((e: { enterpriseId: string | null }) => e.enterpriseId)).toEqual([null]);
    const seenByA = (await entA.get(url('/analysis'))).json().sections;
    expect(seenByA.find((s: { section: string }) => s.section === 'cp_level').entries[0]).toMatchObject({
      enterpriseName: '南京甲电镀有限公司',
      figures: { grade: 'II', index: 87.5 },
    });
    expect((await guangdong.get(url('/analysis'))).statusCode).toBe(404);
    expect((await logActions('audit_analysis_sections', first.json().id)).map((r) => r[0])).toEqual([
      'insert',
      'update',
    ]);
  });
});

describe('audit focus (7.2.2, core rankByWeightedSum)', () => {
  it('scores candidates by Σ R × W, stores totals, breakdowns and ranks, and selects the best', async () => {
    const make = async (title: string, orientation: string) => {
      const r = await panel.post(url('/focuses'), { title, orientation });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    await refusedWrites('POST', '/focuses', { title: 'x', orientation: 'ghg_reduction' });
    const f1 = await make('镀铬工序重金属减排', 'pollutant_reduction');
    const f2 = await make('烘干工序节能降碳', 'ghg_reduction');
    const f3 = await make('漂洗工序节水', 'resource_efficiency');
    const criteria = [
      { id: 'w', name: '废物量', weight: 10 },
      { id: 'c', name: '主要消耗', weight: 8 },
    ];
    // 9×10 + 7×8 = 146; 7×10 + 9×8 = 142; 8×10 + 8×8 = 144 → f1, f3, f2.
    const res = await panel.post(url('/focuses/score'), {
      criteria,
      candidates: [
        { focusId: f1, version: 1, scores: { w: 9, c: 7 } },
        { focusId: f2, version: 1, scores: { w: 7, c: 9 } },
        { focusId: f3, version: 1, scores: { w: 8, c: 8 } },
      ],
      selectTop: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.ranking.ranking.map((x: { id: string; total: number }) => [x.id, x.total])).toEqual([
      [f1, 146],
      [f3, 144],
      [f2, 142],
    ]);
    expect(
      r.focuses.map((f: { id: string; selected: boolean; sortOrder: number }) => [
        f.id,
        f.selected,
        f.sortOrder,
      ]),
    ).toEqual([
      [f1, true, 1],
      [f3, true, 2],
      [f2, false, 3],
    ]);
    const stored = (await entA.get(url('/focuses?sort=score&order=desc'))).json().items;
    expect(stored[0]).toMatchObject({ id: f1, score: 146, version: 2 });
    expect(stored[0].scoring.notes).toContain('9×10 + 7×8 = 146');
    expect(stored[0].scoring.factors.map((f: { source: { status: string } }) => f.source.status)).toEqual([
      'user',
      'user',
    ]);
    expect((await nanjing.get(url('/focuses?selected=true'))).json().total).toBe(2);

    // The shipped audit-focus weights 10/8/9/8/5/2 (Σ 42), all R = 5 → 210.
    const scores = {
      'waste-quantity': 5,
      consumption: 5,
      'environmental-cost': 5,
      'waste-toxicity': 5,
      'cp-potential': 5,
      'workshop-motivation': 5,
    };
    const dflt = await nanjing.post(url('/focuses/score'), {
      candidates: [{ focusId: f2, version: 2, scores }],
    });
    expect(dflt.statusCode, dflt.body).toBe(200);
    expect(dflt.json().ranking.ranking[0].total).toBe(210);
    expect(dflt.json().breakdown.factors[0].source.status).toBe('unverified');

    const missing = await nanjing.post(url('/focuses/score'), {
      criteria,
      candidates: [{ focusId: f1, version: 2, scores: { w: 9 } }],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('candidates.0.scores.c');
    const twice = await nanjing.post(url('/focuses/score'), {
      criteria,
      candidates: [
        { focusId: f1, version: 2, scores: { w: 1, c: 1 } },
        { focusId: f1, version: 2, scores: { w: 2, c: 2 } },
      ],
    });
    expect(twice.json().error.field).toBe('candidates.1.focusId');
    const range = await nanjing.post(url('/focuses/score'), {
      criteria,
      candidates: [{ focusId: f1, version: 2, scores: { w: 11, c: 1 } }],
    });
    expect(range.statusCode).toBe(400);
    const stale = await nanjing.post(url('/focuses/score'), {
      criteria,
      candidates: [
        { focusId: f1, version: 2, scores: { w: 1, c: 1 } },
        { focusId: f3, version: 1, scores: { w: 1, c: 1 } },
      ],
    });
    expect(stale.statusCode).toBe(409);
    // All or nothing: f1 kept its score.
    expect(
      (await nanjing.get(url('/focuses?sort=score&order=desc')))
        .json()
        .items.find((f: { id: string }) => f.id === f1),
    ).toMatchObject({
      score: 146,
      version: 2,
    });
    await refusedWrites('POST', '/focuses/score', { candidates: [{ focusId: f1, version: 2, scores }] });

    const upd = await nanjing.patch(url(`/focuses/${f2}`), { version: 3, description: '烘干炉余热' });
    expect(upd.json()).toMatchObject({ version: 4, description: '烘干炉余热' });
    expect((await nanjing.patch(url(`/focuses/${f2}`), { version: 3, title: 'x' })).statusCode).toBe(409);
    expect((await nanjing.delete(url(`/focuses/${f2}?version=4`))).statusCode).toBe(200);
    expect((await logActions('audit_focuses', f1)).map((r) => r[0])).toEqual(['insert', 'update']);
  });
});

describe('targets (7.2.3) and their completion (core targetCompletion; Appendix B 7.3)', () => {
  it('checks targets with the core and computes completion from the values reached', async () => {
    const cod = {
      type: 'pollutant_reduction',
      indicator: 'COD排放量',
      itemCode: 'pollutant_emitted.cod',
      measure: 'absolute',
      unit: 't/a',
      baselineValue: 12,
      baselineYear: 2024,
      nearTermValue: 10.8,
      longTermValue: 9,
      achievedValue: 10.5,
      scope: 'listed_enterprises',
      enterprises: [
        { enterpriseId: world.ids.entA, baselineValue: 8, targetValue: 7 },
        { enterpriseId: world.ids.entC, baselineValue: 4, targetValue: 3.8 },
      ],
    };
    await refusedWrites('POST', '/targets', cod);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...cod, nearTermValue: 12 }, 'nearTermValue'],
      [{ ...cod, measure: 'intensity' }, 'unit'],
      [{ ...cod, enterprises: [] }, 'enterprises'],
      [{ ...cod, enterprises: [{ enterpriseId: world.ids.entB }] }, 'enterprises.0.enterpriseId'],
      [{ ...cod, longTermValue: 13 }, 'longTermValue'],
      [{ ...cod, baselineValue: -1 }, 'body.baselineValue'],
    ];
    for (const [body, field] of cases) {
      const res = await panel.post(url('/targets'), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field ?? res.json().error.issues[0].field).toBe(field);
    }
    expect((await nanjing.get(url('/targets'))).json().total).toBe(0);

    const t1 = await panel.post(url('/targets'), cod);
    expect(t1.statusCode, t1.body).toBe(201);
    expect(t1.json().direction).toBe('decrease');
    expect(
      t1
        .json()
        .enterprises.map((e: { name: string }) => e.name)
        .sort(),
    ).toEqual(['南京甲电镀有限公司', '南京丙表面处理有限公司'].sort());
    const t2 = await nanjing.post(url('/targets'), {
      type: 'cp_level',
      indicator: '达到二级水平的企业数量',
      measure: 'count',
      unit: '家',
      baselineValue: 1,
      nearTermValue: 3,
      achievedValue: 2,
      scope: 'selected_enterprises',
    });
    expect(t2.json().direction).toBe('increase');
    await nanjing.post(url('/targets'), {
      type: 'resource_efficiency',
      indicator: '单位产品综合能耗',
      measure: 'percent',
      unit: 'kgce/t',
      baselineValue: 200,
      nearTermValue: 10,
      achievedValue: 190,
    });
    const t4 = await nanjing.post(url('/targets'), {
      type: 'other',
      indicator: '危险废物产生量',
      measure: 'absolute',
      unit: 't/a',
      nearTermValue: 50,
    });
    expect(t4.statusCode, t4.body).toBe(201);

    const res = await entC.get(url('/targets/completion'));
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().completion.value.rows;
    // COD: (12 − 10.5)/(12 − 10.8) = 1.5/1.2 = 125 % → met.
    expect(rows[0].near.completion_percent).toBeCloseTo(125, 9);
    expect(rows[0].near.status).toBe('met');
    // Long term 9: (12 − 10.5)/(12 − 9) = 50 %.
    expect(rows[0].long.completion_percent).toBeCloseTo(50, 9);
    // Enterprises at level II: (2 − 1)/(3 − 1) = 50 % → not met.
    expect(rows[1].near.completion_percent).toBeCloseTo(50, 9);
    expect(rows[1].near.status).toBe('not-met');
    // Energy −10 % of 200 → target 180; (200 − 190)/(200 − 180) = 50 %.
    expect(rows[2].near.target).toBeCloseTo(180, 9);
    expect(rows[2].near.completion_percent).toBeCloseTo(50, 9);
    expect(res.json().completion.value.overview).toBe('共3项目标，近期目标已完成1项，未完成2项');
    expect(res.json().skipped).toEqual([
      {
        targetId: t4.json().id,
        indicator: '危险废物产生量',
        reason: '未填写基准值（审核前），无法计算完成率',
      },
    ]);
    expect(res.json().completion.breakdown.clause.status).toBe('seed');

    // An enterprise sees every target, but only its own per-enterprise row.
    const seen = (await entC.get(url('/targets?type=pollutant_reduction'))).json().items[0];
    expect(seen.enterprises.map((e: { enterpriseId: string }) => e.enterpriseId)).toEqual([world.ids.entC]);

    const upd = await nanjing.patch(url(`/targets/${t1.json().id}`), { version: 1, achievedValue: 10.8 });
    expect(upd.json()).toMatchObject({ version: 2, achievedValue: 10.8 });
    expect(
      (await nanjing.patch(url(`/targets/${t1.json().id}`), { version: 1, achievedValue: 1 })).statusCode,
    ).toBe(409);
    const wrongSide = await nanjing.patch(url(`/targets/${t1.json().id}`), {
      version: 2,
      nearTermValue: 12.5,
      longTermValue: null,
    });
    expect(wrongSide.statusCode).toBe(200);
    expect(wrongSide.json().direction).toBe('increase');
    const equal = await nanjing.patch(url(`/targets/${t1.json().id}`), { version: 3, nearTermValue: 12 });
    expect(equal.statusCode).toBe(400);
    expect(equal.json().error.field).toBe('nearTermValue');
    expect((await nanjing.get(url('/targets?type=pollutant_reduction'))).json().items[0]).toMatchObject({
      version: 3,
      nearTermValue: 12.5,
    });
    await refusedWrites('DELETE', `/targets/${t4.json().id}?version=1`);
    expect((await nanjing.delete(url(`/targets/${t4.json().id}?version=1`))).statusCode).toBe(200);
    expect((await logActions('audit_targets', t1.json().id)).map((r) => r[0])).toEqual([
      'insert',
      'update',
      'update',
    ]);
  });
});

describe('continuous CP plan (7.5.2)', () => {
  it('tracks tasks with responsible unit, deadline and result; a done task needs its date', async () => {
    const task = {
      category: 'management_system',
      task: '建立行业清洁生产管理制度',
      responsibleUnit: '南京市生态环境局',
      responsibleBureauId: world.ids.nanjingBureau,
      deadline: '2025-06-30',
      expectedResult: '印发管理制度',
    };
    await refusedWrites('POST', '/plan-tasks', task);
    const done = await panel.post(url('/plan-tasks'), { ...task, status: 'done' });
    expect(done.statusCode).toBe(400);
    expect(done.json().error.field).toBe('completedOn');
    const ent = await panel.post(url('/plan-tasks'), { ...task, responsibleEnterpriseId: world.ids.entB });
    expect(ent.json().error.field).toBe('responsibleEnterpriseId');
    const future = await panel.post(url('/plan-tasks'), {
      ...task,
      status: 'done',
      completedOn: '2999-01-01',
    });
    expect(future.json().error.field).toBe('completedOn');

    const res = await panel.post(url('/plan-tasks'), task);
    expect(res.statusCode, res.body).toBe(201);
    // Deadline 2025-06-30 has passed (the test runs later), the task is open → overdue.
    expect(res.json()).toMatchObject({ status: 'planned', overdue: todayIn(new Date()) > '2025-06-30' });
    await nanjing.post(url('/plan-tasks'), {
      ...task,
      category: 'cycle_linkage',
      task: '下一轮审核衔接',
      deadline: '2099-12-31',
      responsibleEnterpriseId: world.ids.entA,
    });
    expect(
      (await entA.get(url('/plan-tasks?overdue=true'))).json().items.map((t: { task: string }) => t.task),
    ).toEqual(['建立行业清洁生产管理制度']);
    expect((await entA.get(url('/plan-tasks?overdue=false'))).json().total).toBe(1);
    expect((await nanjing.get(url('/plan-tasks?category=cycle_linkage'))).json().total).toBe(1);
    const upd = await nanjing.patch(url(`/plan-tasks/${res.json().id}`), {
      version: 1,
      status: 'done',
      completedOn: '2025-06-20',
      progressNote: '已印发',
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ status: 'done', overdue: false, version: 2 });
    expect(
      (await nanjing.patch(url(`/plan-tasks/${res.json().id}`), { version: 1, task: 'x' })).statusCode,
    ).toBe(409);
    const undone = await nanjing.patch(url(`/plan-tasks/${res.json().id}`), {
      version: 2,
      completedOn: null,
    });
    expect(undone.json().error.field).toBe('completedOn');
    expect((await nanjing.get(url('/plan-tasks?status=done'))).json().items[0]).toMatchObject({
      completedOn: '2025-06-20',
      version: 2,
    });
    await refusedWrites('DELETE', `/plan-tasks/${res.json().id}?version=2`);
    expect((await nanjing.delete(url(`/plan-tasks/${res.json().id}?version=2`))).statusCode).toBe(200);
    expect(await logActions('cp_plan_tasks', res.json().id)).toEqual([
      ['insert', panel.userId],
      ['update', world.ids.users.nanjing],
      ['delete', world.ids.users.nanjing],
    ]);
  });

  it('refuses changes to a cancelled audit', async () => {
    const other = await nanjing.post('/api/audits', {
      title: '取消的审核',
      regionCode: '320100',
      industryCodes: ['336'],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
    });
    const oid = other.json().id;
    await nanjing.post(`/api/audits/${oid}/transition`, { version: 1, to: 'cancelled' });
    const res = await nanjing.post(`/api/audits/${oid}/plan-tasks`, {
      category: 'other',
      task: 'x',
      responsibleUnit: 'x',
      deadline: '2025-06-30',
      expectedResult: 'x',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STATE_CONFLICT');
  });
});
