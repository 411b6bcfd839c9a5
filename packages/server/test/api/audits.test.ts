/**
 * Industry audits over HTTP: create (12-month period, GB/T 4754 codes, jurisdiction), list and read by scope,
 * versioned update, phase transitions and planning, the work plan, the panel (a member user gains the audit),
 * enterprise users of listed enterprises (read-only, own rows), expert assignment, and the audit log.
 */
import { auditsEndpoints, type Role } from '@cpaudit/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/services/audits/access.ts';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let nanjing: Client;
let jiangsu: Client;
let guangdong: Client;
let entA: Client;
let entC: Client;
let panel: Client;
let expert: Client;

beforeAll(async () => {
  world = await createWorld();
  [admin, nanjing, jiangsu, guangdong, entA, entC, panel, expert] = await Promise.all([
    world.as('admin'),
    world.as('nanjing'),
    world.as('jiangsu'),
    world.as('guangdong'),
    world.as('entA'),
    world.as('entC'),
    world.as('panel'),
    world.as('expert'),
  ]);
});
afterAll(async () => {
  await world?.close();
});

const BASE = {
  title: '南京市电镀行业清洁生产审核',
  regionCode: '320100',
  industryCodes: ['336'],
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
};

async function createAudit(body: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const res = await nanjing.post('/api/audits', { ...BASE, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function logRows(entity: string, id: string) {
  return queryRows(
    world.database.db,
    sql`select action, actor_user_id, before, after from audit_log where entity = ${entity} and entity_id = ${id} order by seq`,
  );
}

function isoDay(offsetDays: number): string {
  const today = todayIn(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

describe('create', () => {
  it('creates an audit with its five phases, names the industry from GB/T 4754 and logs the insert', async () => {
    const res = await nanjing.post('/api/audits', BASE);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      status: 'planning',
      bureauId: world.ids.nanjingBureau,
      bureauName: '南京市生态环境局',
      regionName: '南京市',
      industryCodes: ['336'],
      // GB/T 4754-2017 中类 336.
      industryName: '金属表面处理及热处理加工',
      version: 1,
      selectedEnterprises: 0,
      access: { manage: true, assignExperts: true, limitedToEnterprises: null },
    });
    expect(a.phases.map((p: { phase: string; nameZh: string }) => `${p.phase}:${p.nameZh}`)).toEqual([
      'preparation:审核准备',
      'audit:审核',
      'options:方案产生和确定',
      'implementation:方案实施',
      'evaluation:绩效评估和持续清洁生产',
    ]);
    const log = await logRows('industry_audits', a.id);
    expect(log[0]).toMatchObject({ action: 'insert', actor_user_id: world.ids.users.nanjing });
  });

  it('enforces the 12-month period (3.3): exactly 12 months passes, one day more is refused naming periodEnd', async () => {
    const ok = await nanjing.post('/api/audits', {
      ...BASE,
      periodStart: '2025-01-01',
      periodEnd: '2026-01-01',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const before = await queryRows(world.database.db, sql`select count(*)::int as n from industry_audits`);
    const res = await nanjing.post('/api/audits', {
      ...BASE,
      periodStart: '2025-01-01',
      periodEnd: '2026-01-02',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: 'periodEnd' });
    // 2024-02-29 + 12 months = 2025-02-28 (the database's date arithmetic).
    const leap = await nanjing.post('/api/audits', {
      ...BASE,
      periodStart: '2024-02-29',
      periodEnd: '2025-03-01',
    });
    expect(leap.statusCode).toBe(400);
    expect(leap.json().error.field).toBe('periodEnd');
    const after = await queryRows(world.database.db, sql`select count(*)::int as n from industry_audits`);
    expect(after).toEqual(before);
  });

  it('refuses bad input naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ industryCodes: ['9999'] }, 'industryCodes.0'],
      [{ industryCodes: ['C'] }, 'industryCodes.0'],
      [{ regionCode: '329999' }, 'regionCode'],
      [{ periodStart: '2025-02-30' }, 'body.periodStart'],
      [{ title: '' }, 'body.title'],
      [{ surprise: 1 }, 'body.surprise'],
    ];
    for (const [patch, field] of cases) {
      const res = await nanjing.post('/api/audits', { ...BASE, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.field ?? res.json().error.issues[0]?.field).toBe(field);
    }
  });

  it('lets a bureau create only in its jurisdiction, an admin only with a bureau, and refuses other roles', async () => {
    const gd = await guangdong.post('/api/audits', BASE);
    expect(gd.statusCode).toBe(403);
    expect(gd.json().error.field).toBe('regionCode');
    const other = await nanjing.post('/api/audits', { ...BASE, bureauId: world.ids.guangdongBureau });
    expect(other.statusCode).toBe(403);
    expect((await admin.post('/api/audits', BASE)).json().error.field).toBe('bureauId');
    const byAdmin = await admin.post('/api/audits', {
      ...BASE,
      bureauId: world.ids.jiangsuBureau,
      regionCode: '320104',
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
    expect(byAdmin.json().regionName).toBe('秦淮区');
    expect((await entA.post('/api/audits', BASE)).statusCode).toBe(403);
    expect((await panel.post('/api/audits', BASE)).statusCode).toBe(403);
    expect((await expert.post('/api/audits', BASE)).statusCode).toBe(403);
  });
});

describe('visibility', () => {
  it('a bureau of another province can neither see nor change the audit (404)', async () => {
    const a = await createAudit({ title: '可见性测试' });
    expect((await guangdong.get(`/api/audits/${a.id}`)).statusCode).toBe(404);
    const patch = await guangdong.patch(`/api/audits/${a.id}`, { version: 1, title: 'x' });
    expect(patch.statusCode).toBe(404);
    const list = await guangdong.get('/api/audits?q=可见性测试');
    expect(list.json()).toEqual({ items: [], total: 0 });
    // The province above sees it; nothing changed.
    const js = await jiangsu.get(`/api/audits/${a.id}`);
    expect(js.statusCode).toBe(200);
    expect(js.json()).toMatchObject({ title: '可见性测试', version: 1 });
    for (const c of [entA, entC, panel, expert])
      expect((await c.get(`/api/audits/${a.id}`)).statusCode).toBe(404);
  });

  it('lists with search, filters, sort and paging', async () => {
    await createAudit({ title: '列表A 电镀', periodStart: '2023-01-01', periodEnd: '2023-12-31' });
    await createAudit({ title: '列表B 电镀', periodStart: '2024-01-01', periodEnd: '2024-12-31' });
    const res = await nanjing.get('/api/audits?q=列表&sort=periodStart&order=desc&limit=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(2);
    expect(res.json().items.map((i: { title: string }) => i.title)).toEqual(['列表B 电镀']);
    const y = await nanjing.get('/api/audits?q=列表&year=2023');
    expect(y.json().items.map((i: { title: string }) => i.title)).toEqual(['列表A 电镀']);
    expect((await nanjing.get('/api/audits?q=列表&industryCode=3360')).json().total).toBe(2);
    expect((await nanjing.get('/api/audits?q=列表&industryCode=398')).json().total).toBe(0);
    expect((await nanjing.get('/api/audits?q=列表&regionCode=440000')).json().total).toBe(0);
    expect((await nanjing.get('/api/audits?status=closed&q=列表')).json().total).toBe(0);
    expect((await nanjing.get('/api/audits?limit=0')).statusCode).toBe(400);
  });
});

describe('update (versioned)', () => {
  it('updates with the version read; a stale version answers 409 and changes nothing; the log keeps before/after', async () => {
    const a = await createAudit({ title: '版本测试' });
    const ok = await nanjing.patch(`/api/audits/${a.id}`, {
      version: 1,
      title: '版本测试（改）',
      scope: '全市电镀企业',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, title: '版本测试（改）', scope: '全市电镀企业' });
    const stale = await nanjing.patch(`/api/audits/${a.id}`, { version: 1, title: '覆盖' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    expect((await nanjing.get(`/api/audits/${a.id}`)).json()).toMatchObject({
      title: '版本测试（改）',
      version: 2,
    });
    const log = await logRows('industry_audits', a.id);
    const update = log.find((r) => r.action === 'update');
    expect(update).toMatchObject({ actor_user_id: world.ids.users.nanjing });
    expect(update?.before).toMatchObject({ title: '版本测试' });
    expect(update?.after).toMatchObject({ title: '版本测试（改）' });
  });

  it('refuses a period over 12 months, a region outside the bureau and unknown fields, changing nothing', async () => {
    const a = await createAudit({ title: '更新校验' });
    const long = await nanjing.patch(`/api/audits/${a.id}`, { version: 1, periodEnd: '2026-06-30' });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.field).toBe('periodEnd');
    const region = await nanjing.patch(`/api/audits/${a.id}`, { version: 1, regionCode: '440106' });
    expect(region.statusCode).toBe(400);
    expect(region.json().error.field).toBe('regionCode');
    expect((await nanjing.patch(`/api/audits/${a.id}`, { version: 1, status: 'closed' })).statusCode).toBe(
      400,
    );
    expect((await nanjing.get(`/api/audits/${a.id}`)).json()).toMatchObject({
      version: 1,
      periodEnd: '2025-12-31',
    });
  });
});

describe('phases', () => {
  it('moves through the five phases with actual dates, refuses skipping, going back clears the reopened end', async () => {
    const a = await createAudit({ title: '阶段流转' });
    const skip = await nanjing.post(`/api/audits/${a.id}/transition`, { version: 1, to: 'audit' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'STATE_CONFLICT', field: 'to' });
    const future = await nanjing.post(`/api/audits/${a.id}/transition`, {
      version: 1,
      to: 'preparation',
      on: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.field).toBe('on');

    const p1 = await nanjing.post(`/api/audits/${a.id}/transition`, {
      version: 1,
      to: 'preparation',
      on: '2025-01-10',
    });
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p1.json().status).toBe('preparation');
    expect(p1.json().phases[0]).toMatchObject({
      phase: 'preparation',
      actualStart: '2025-01-10',
      actualEnd: null,
    });
    const early = await nanjing.post(`/api/audits/${a.id}/transition`, {
      version: 2,
      to: 'audit',
      on: '2025-01-01',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe('on');
    const p2 = await nanjing.post(`/api/audits/${a.id}/transition`, {
      version: 2,
      to: 'audit',
      on: '2025-03-01',
    });
    expect(p2.json().phases.slice(0, 2)).toMatchObject([
      { phase: 'preparation', actualStart: '2025-01-10', actualEnd: '2025-03-01' },
      { phase: 'audit', actualStart: '2025-03-01', actualEnd: null },
    ]);
    const stale = await nanjing.post(`/api/audits/${a.id}/transition`, { version: 2, to: 'options' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const back = await nanjing.post(`/api/audits/${a.id}/transition`, {
      version: 3,
      to: 'preparation',
      on: '2025-03-02',
    });
    expect(back.json().status).toBe('preparation');
    expect(back.json().phases.slice(0, 2)).toMatchObject([
      { phase: 'preparation', actualStart: '2025-01-10', actualEnd: null },
      { phase: 'audit', actualStart: null, actualEnd: null },
    ]);
    const cancel = await nanjing.post(`/api/audits/${a.id}/transition`, { version: 4, to: 'cancelled' });
    expect(cancel.json().status).toBe('cancelled');
    const dead = await nanjing.patch(`/api/audits/${a.id}`, { version: 5, title: 'x' });
    expect(dead.statusCode).toBe(409);
    expect(dead.json().error.code).toBe('STATE_CONFLICT');
  });

  it('plans a phase within the period, versioned, and reports the schedule against the plan', async () => {
    // A period around today so that the plan expects the 审核 phase now.
    const a = await createAudit({ title: '计划进度', periodStart: isoDay(-100), periodEnd: isoDay(200) });
    const detail = (await nanjing.get(`/api/audits/${a.id}`)).json();
    expect(detail.schedule.state).toBe('unplanned');
    const prep = detail.phases[0];
    const outside = await nanjing.patch(`/api/audits/${a.id}/phases/preparation`, {
      version: prep.version,
      plannedStart: isoDay(-101),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe('plannedStart');
    const reversed = await nanjing.patch(`/api/audits/${a.id}/phases/preparation`, {
      version: prep.version,
      plannedStart: isoDay(-50),
      plannedEnd: isoDay(-60),
    });
    expect(reversed.json().error.field).toBe('plannedEnd');
    const ok = await nanjing.patch(`/api/audits/${a.id}/phases/preparation`, {
      version: prep.version,
      plannedStart: isoDay(-100),
      plannedEnd: isoDay(-50),
      workContent: '组建审核小组，确定企业名单，制定工作计划，宣传培训',
      responsible: '市生态环境局环评处',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: prep.version + 1, responsible: '市生态环境局环评处' });
    const stale = await nanjing.patch(`/api/audits/${a.id}/phases/preparation`, {
      version: prep.version,
      outputs: 'x',
    });
    expect(stale.statusCode).toBe(409);
    const auditPhase = detail.phases[1];
    await nanjing.patch(`/api/audits/${a.id}/phases/audit`, {
      version: auditPhase.version,
      plannedStart: isoDay(-49),
      plannedEnd: isoDay(50),
    });
    await nanjing.post(`/api/audits/${a.id}/transition`, { version: 1, to: 'preparation' });
    const s = (await nanjing.get(`/api/audits/${a.id}`)).json().schedule;
    // Still in 审核准备, planned to end 50 days ago; the plan expects 审核 now.
    expect(s).toMatchObject({ plannedPhase: 'audit', state: 'behind', overdueDays: 50 });
    const listed = (await nanjing.get('/api/audits?q=计划进度')).json().items[0];
    expect(listed.schedule.state).toBe('behind');
  });
});

describe('panel', () => {
  it('a panel member added with their account can see and edit the audit; removed, they lose it', async () => {
    const a = await createAudit({ title: '审核小组' });
    expect((await panel.get(`/api/audits/${a.id}`)).statusCode).toBe(404);
    const notPanelRole = await nanjing.post(`/api/audits/${a.id}/panel`, {
      name: '甲企业用户',
      userId: world.ids.users.entA,
    });
    expect(notPanelRole.statusCode).toBe(400);
    expect(notPanelRole.json().error.field).toBe('userId');
    const add = await nanjing.post(`/api/audits/${a.id}/panel`, {
      name: '张三',
      organization: '南京市生态环境局',
      position: '处长',
      panelRole: 'leader',
      duties: '统筹审核工作',
      userId: panel.userId,
    });
    expect(add.statusCode, add.body).toBe(201);
    const member = add.json();
    expect(member).toMatchObject({ panelRole: 'leader', userDisplayName: '审核小组成员', version: 1 });
    const dup = await nanjing.post(`/api/audits/${a.id}/panel`, { name: '张三', userId: panel.userId });
    expect(dup.statusCode).toBe(409);

    const seen = await panel.get(`/api/audits/${a.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().access).toMatchObject({ manage: true, assignExperts: false });
    const edit = await panel.patch(`/api/audits/${a.id}`, { version: 1, purpose: '摸清行业共性问题' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await panel.get('/api/audits?q=审核小组')).json().total).toBe(1);
    // The panel runs the audit but does not assign experts (role refused: 403).
    expect((await panel.post(`/api/audits/${a.id}/experts`, { userId: expert.userId })).statusCode).toBe(403);

    const list = await panel.get(`/api/audits/${a.id}/panel?q=张`);
    expect(list.json()).toMatchObject({ total: 1, items: [{ name: '张三' }] });
    const upd = await nanjing.patch(`/api/audits/${a.id}/panel/${member.id}`, {
      version: 1,
      position: '副局长',
    });
    expect(upd.json()).toMatchObject({ position: '副局长', version: 2 });
    expect(
      (await nanjing.patch(`/api/audits/${a.id}/panel/${member.id}`, { version: 1, position: 'x' }))
        .statusCode,
    ).toBe(409);
    expect((await guangdong.get(`/api/audits/${a.id}/panel`)).statusCode).toBe(404);
    expect((await entA.post(`/api/audits/${a.id}/panel`, { name: 'x' })).statusCode).toBe(403);
    const staleDel = await nanjing.delete(`/api/audits/${a.id}/panel/${member.id}?version=1`);
    expect(staleDel.statusCode).toBe(409);
    const del = await nanjing.delete(`/api/audits/${a.id}/panel/${member.id}?version=2`);
    expect(del.statusCode).toBe(200);
    expect((await panel.get(`/api/audits/${a.id}`)).statusCode).toBe(404);
    const log = await logRows('audit_panel_members', member.id);
    expect(log.map((r) => r.action)).toEqual(['insert', 'update', 'delete']);
  });

  it('shows the work plan with its gaps', async () => {
    const a = await createAudit({ title: '工作计划', scope: '南京市电镀企业' });
    const wp = await nanjing.get(`/api/audits/${a.id}/work-plan`);
    expect(wp.statusCode, wp.body).toBe(200);
    expect(wp.json()).toMatchObject({ scope: '南京市电镀企业', purpose: null, enterprises: [], panel: [] });
    expect(wp.json().gaps).toContain('未填写审核目的（7.1.3）');
    expect(wp.json().gaps).toContain('尚未组建审核小组（7.1.1）');
    expect(wp.json().source).toMatchObject({ status: 'seed' });
    expect((await guangdong.get(`/api/audits/${a.id}/work-plan`)).statusCode).toBe(404);
  });
});

describe('enterprises on the list and experts', () => {
  it('an enterprise sees the audits it is listed in, read-only and limited to its rows; others do not', async () => {
    const a = await createAudit({ title: '企业可见' });
    const add = await nanjing.post(`/api/audits/${a.id}/enterprises`, {
      enterpriseId: world.ids.entA,
      status: 'selected',
    });
    expect(add.statusCode, add.body).toBe(201);
    const seen = await entA.get(`/api/audits/${a.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().access).toEqual({
      manage: false,
      assignExperts: false,
      limitedToEnterprises: [world.ids.entA],
    });
    expect((await entA.get('/api/audits?q=企业可见')).json().total).toBe(1);
    expect((await entA.patch(`/api/audits/${a.id}`, { version: 1, title: 'x' })).statusCode).toBe(403);
    expect((await entC.get(`/api/audits/${a.id}`)).statusCode).toBe(404);
    expect((await entC.get('/api/audits?q=企业可见')).json().total).toBe(0);
    // Excluded: no longer visible.
    const row = (await nanjing.get(`/api/audits/${a.id}/enterprises`)).json().items[0];
    await nanjing.patch(`/api/audits/${a.id}/enterprises/${world.ids.entA}`, {
      version: row.version,
      status: 'excluded',
    });
    expect((await entA.get(`/api/audits/${a.id}`)).statusCode).toBe(404);
  });

  it('admin and the bureau assign experts, who then see the audit but cannot change it', async () => {
    const a = await createAudit({ title: '专家指派' });
    expect((await expert.get(`/api/audits/${a.id}`)).statusCode).toBe(404);
    const wrong = await nanjing.post(`/api/audits/${a.id}/experts`, { userId: panel.userId });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('userId');
    expect((await guangdong.post(`/api/audits/${a.id}/experts`, { userId: expert.userId })).statusCode).toBe(
      404,
    );
    const res = await nanjing.post(`/api/audits/${a.id}/experts`, {
      userId: expert.userId,
      note: '电镀工艺',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username: 'expert', assignedBy: world.ids.users.nanjing });
    expect((await nanjing.post(`/api/audits/${a.id}/experts`, { userId: expert.userId })).statusCode).toBe(
      409,
    );
    const seen = await expert.get(`/api/audits/${a.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().access).toMatchObject({ manage: false, limitedToEnterprises: null });
    expect((await expert.patch(`/api/audits/${a.id}`, { version: 1, title: 'x' })).statusCode).toBe(403);
    expect((await expert.get(`/api/audits/${a.id}/experts`)).statusCode).toBe(403);
    const list = await nanjing.get(`/api/audits/${a.id}/experts`);
    expect(list.json().total).toBe(1);
    const id = res.json().id;
    expect((await admin.delete(`/api/audits/${a.id}/experts/${id}?version=9`)).statusCode).toBe(409);
    expect((await admin.delete(`/api/audits/${a.id}/experts/${id}?version=1`)).statusCode).toBe(200);
    expect((await expert.get(`/api/audits/${a.id}`)).statusCode).toBe(404);
    const log = await logRows('expert_assignments', id);
    expect(log.map((r) => [r.action, r.actor_user_id])).toEqual([
      ['insert', world.ids.users.nanjing],
      ['delete', world.ids.users.admin],
    ]);
  });
});

describe('every audit route', () => {
  const any = '00000000-0000-4000-8000-000000000000';
  /** A valid body per write endpoint, so that the refusal (not validation) answers. */
  const BODIES: Record<string, unknown> = {
    updateAudit: { version: 1, title: 'x' },
    transitionAudit: { version: 1, to: 'preparation' },
    updateAuditPhase: { version: 1 },
    addAuditPanelMember: { name: 'x' },
    updateAuditPanelMember: { version: 1 },
    addAuditEnterprise: { enterpriseId: any },
    updateAuditEnterprise: { version: 1 },
    rankAuditCandidates: {},
    createAuditTraining: { kind: 'training', title: 'x', heldOn: '2025-01-01' },
    updateAuditTraining: { version: 1 },
    createAuditSiteSurvey: { enterpriseId: any, surveyedOn: '2025-01-01' },
    updateAuditSiteSurvey: { version: 1 },
    putAuditAnalysisSection: { content: 'x' },
    createAuditFocus: { orientation: 'ghg_reduction', title: 'x' },
    updateAuditFocus: { version: 1 },
    scoreAuditFocuses: { candidates: [{ focusId: any, version: 1, scores: {} }] },
    createAuditTarget: { type: 'other', indicator: 'x', measure: 'absolute', unit: 't', nearTermValue: 1 },
    updateAuditTarget: { version: 1 },
    createAuditProblem: { scope: 'common', aspect: 'ghg', title: 'x' },
    updateAuditProblem: { version: 1 },
    createAuditPlanTask: {
      category: 'other',
      task: 'x',
      responsibleUnit: 'x',
      deadline: '2025-01-01',
      expectedResult: 'x',
    },
    updateAuditPlanTask: { version: 1 },
    assignAuditExpert: { userId: any },
  };

  it('answers 404 to other organisations and 403 to roles that may not, and changes nothing', async () => {
    const a = await createAudit({ title: '拒绝矩阵' });
    const count = async () =>
      (await queryRows(world.database.db, sql`select count(*)::int as n from audit_log`))[0]?.n;
    const before = await count();
    const entries = Object.entries(auditsEndpoints).filter(([, e]) => e.path.startsWith('/api/audits/:id'));
    expect(entries.length).toBeGreaterThan(40);
    for (const [name, e] of entries) {
      const path =
        e.path
          .replace(':id', a.id)
          .replace(':phase', 'preparation')
          .replace(':section', 'survey_methods')
          .replace(/:[a-zA-Z]+/g, any) + (e.method === 'DELETE' ? '?version=1' : '');
      const body = e.method === 'GET' || e.method === 'DELETE' ? undefined : BODIES[name];
      const allows = (role: Role) =>
        e.access === 'authenticated' || (e.access !== 'public' && e.access.includes(role));
      const cases: [Client, Role][] = [
        [guangdong, 'bureau_staff'],
        [entC, 'enterprise_user'],
        [expert, 'expert'],
        [panel, 'panel_member'],
      ];
      for (const [client, role] of cases) {
        const res = await client.request(e.method, path, body);
        expect(res.statusCode, `${name} as ${role}: ${res.body}`).toBe(allows(role) ? 404 : 403);
      }
    }
    expect(await count()).toBe(before);
  });
});

describe('contract', () => {
  it('publishes every audit endpoint in the OpenAPI document', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toContain('/api/audits/{id}/focuses/score');
    expect(paths).toContain('/api/audits/{id}/targets/completion');
  });
});
