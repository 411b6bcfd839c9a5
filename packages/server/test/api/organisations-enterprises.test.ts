/**
 * Enterprises: scoped list and profile, registration by admins and bureaus within their jurisdiction (credit code,
 * industry code and region checked), profile changes with optimistic versions, and consulting engagements
 * (recording one gives the firm's consultants access, ending it takes the access away).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEnterprises, auditPanelMembers } from '../../src/db/index.ts';
import { queryRows } from '../helpers/db.ts';
import { type Client, createNanjingPlatingAudit, createWorld, uscc, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let jiangsu: Client;
let nanjing: Client;
let guangdong: Client;
let entA: Client;
let entB: Client;
let entC: Client;
let consultant: Client;
let panel: Client;
let expert: Client;

/** The credit code of the world's consulting firm (test/helpers/world.ts). */
const FIRM_USCC = uscc('91320100MA1W00001');
/** The credit code of entA (test/helpers/world.ts). */
const ENT_A_USCC = uscc('91320102MA1X00001');

beforeAll(async () => {
  world = await createWorld();
  [admin, jiangsu, nanjing, guangdong, entA, entB, entC, consultant, panel, expert] = await Promise.all([
    world.as('admin'),
    world.as('jiangsu'),
    world.as('nanjing'),
    world.as('guangdong'),
    world.as('entA'),
    world.as('entB'),
    world.as('entC'),
    world.as('consultant'),
    world.as('panel'),
    world.as('expert'),
  ]);
  // The panel user sits on an audit of Nanjing listing entA: they may read entA, not change it.
  const audit = { id: await createNanjingPlatingAudit(world) };
  await world.database.db
    .insert(auditEnterprises)
    .values({ auditId: audit.id, enterpriseId: world.ids.entA });
  await world.database.db
    .insert(auditPanelMembers)
    .values({ auditId: audit.id, userId: world.ids.users.panel, name: '审核小组成员' });
});
afterAll(async () => {
  await world?.close();
});

/** `v[key]` when `v` is an object (a jsonb column read back), else undefined. */
function prop(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null ? Reflect.get(v, key) : undefined;
}

function ids(body: { items: { id: string }[] }): string[] {
  return body.items.map((e) => e.id);
}

async function enterpriseCount(): Promise<number> {
  const [row] = await queryRows(world.database.db, sql`select count(*)::int as n from enterprises`);
  return Number(row?.n);
}

function auditOf(entity: string, entityId: string) {
  return queryRows(
    world.database.db,
    sql`select actor_user_id, action, before, after from audit_log where entity = ${entity} and entity_id = ${entityId} order by seq`,
  );
}

async function today(): Promise<string> {
  const [row] = await queryRows(world.database.db, sql`select current_date::text as d`);
  return String(row?.d);
}

describe('listing and reading enterprises', () => {
  it('scopes the list to what each caller may see', async () => {
    const { entA: a, entB: b, entC: c } = world.ids;
    expect((await admin.get('/api/enterprises')).json().total).toBe(3);
    // Sorted by name: 南京丙… (entC) before 南京甲… (entA) in code-point order (丙 U+4E19 < 甲 U+7532).
    expect(ids((await nanjing.get('/api/enterprises')).json())).toEqual([c, a]);
    expect(ids((await jiangsu.get('/api/enterprises')).json())).toEqual([c, a]);
    expect(ids((await guangdong.get('/api/enterprises')).json())).toEqual([b]);
    expect(ids((await entA.get('/api/enterprises')).json())).toEqual([a]);
    expect(ids((await consultant.get('/api/enterprises')).json())).toEqual([a]);
    expect(ids((await panel.get('/api/enterprises')).json())).toEqual([a]);
    expect((await expert.get('/api/enterprises')).json().total).toBe(0);
  });

  it('searches by name or credit code, filters by region and industry, sorts and paginates', async () => {
    const { entA: a, entB: b, entC: c } = world.ids;
    expect(ids((await admin.get(`/api/enterprises?q=${encodeURIComponent('甲')}`)).json())).toEqual([a]);
    expect(
      ids((await admin.get(`/api/enterprises?q=${ENT_A_USCC.slice(4, 12).toLowerCase()}`)).json()),
    ).toEqual([a]);
    expect(ids((await admin.get('/api/enterprises?regionCode=320104')).json())).toEqual([c]);
    expect(ids((await admin.get('/api/enterprises?regionCode=320000')).json())).toEqual([c, a]);
    expect(ids((await admin.get('/api/enterprises?industryCode=33')).json())).toEqual([c, a]);
    expect(ids((await admin.get('/api/enterprises?industryCode=398')).json())).toEqual([b]);
    // A search never widens the scope.
    expect((await guangdong.get('/api/enterprises?regionCode=320100')).json().total).toBe(0);
    const pageTwo = (await admin.get('/api/enterprises?sort=regionCode&order=desc&limit=1&offset=1')).json();
    // Region paths descending: 44/4401/440106 (entB), 32/3201/320104 (entC), 32/3201/320102 (entA).
    expect(pageTwo).toMatchObject({ total: 3, items: [{ id: c, regionName: '秦淮区' }] });
    const bad = await admin.get('/api/enterprises?industryCode=C33');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('querystring.industryCode');
  });

  it('gives the profile to those who see the enterprise, 404 to others', async () => {
    const res = await entA.get(`/api/enterprises/${world.ids.entA}`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.enterprise).toMatchObject({
      uscc: ENT_A_USCC,
      industryCode: '336',
      regionName: '玄武区',
      version: 1,
    });
    expect(p.consultants).toEqual([
      expect.objectContaining({
        consultingFirmId: world.ids.firm,
        firmUscc: FIRM_USCC,
        current: true,
        endedOn: null,
      }),
    ]);
    expect(p.products).toEqual([]);
    for (const c of [consultant, nanjing, panel, admin]) {
      expect((await c.get(`/api/enterprises/${world.ids.entA}`)).statusCode).toBe(200);
    }
    for (const c of [entB, guangdong, expert, entC]) {
      const r = await c.get(`/api/enterprises/${world.ids.entA}`);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }
    expect((await consultant.get(`/api/enterprises/${world.ids.entC}`)).statusCode).toBe(404);
  });
});

describe('registering enterprises', () => {
  const newCode = uscc('91320104MA1Y00777');
  const valid = { uscc: newCode, name: '南京丁电镀有限公司', regionCode: '320104', industryCode: 'C3360' };

  it('refuses bad input naming the field (credit code with its position), and creates nothing', async () => {
    const before = await enterpriseCount();
    const wrongCheck = newCode.slice(0, 17) + (newCode.endsWith('0') ? '1' : '0');
    const cases: [unknown, number, string][] = [
      [{ ...valid, uscc: wrongCheck }, 400, 'body.uscc'],
      [{ ...valid, uscc: `${newCode.slice(0, 5)}I${newCode.slice(6)}` }, 400, 'body.uscc'], // I is not used
      [{ ...valid, uscc: ENT_A_USCC }, 409, 'body.uscc'],
      [{ ...valid, industryCode: 'C' }, 400, 'body.industryCode'], // a section: digits needed
      [{ ...valid, industryCode: '9999' }, 400, 'body.industryCode'],
      [{ ...valid, regionCode: '320199' }, 400, 'body.regionCode'],
      [{ ...valid, regionCode: '320000' }, 400, 'body.regionCode'], // a province, not the site's county
      [{ ...valid, regionCode: '440106' }, 403, 'body.regionCode'], // outside Nanjing
      [{ ...valid, latitude: 91 }, 400, 'body.latitude'],
      [{ ...valid, name: '' }, 400, 'body.name'],
      [{ ...valid, id: world.ids.entA }, 400, 'body.id'],
    ];
    for (const [body, status, field] of cases) {
      const res = await nanjing.post('/api/enterprises', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    const pos = await nanjing.post('/api/enterprises', { ...valid, uscc: wrongCheck });
    expect(pos.json().error.message).toMatch(/第18位/);
    expect(pos.json().error.message).toMatch(/position 18/);
    expect(await enterpriseCount()).toBe(before);
  });

  it('bureau staff register within their jurisdiction; the industry name is stored from GB/T 4754', async () => {
    for (const c of [entA, consultant, panel, expert]) {
      expect((await c.post('/api/enterprises', valid)).statusCode).toBe(403);
    }
    const res = await nanjing.post('/api/enterprises', { ...valid, uscc: ` ${newCode.toLowerCase()} ` });
    expect(res.statusCode).toBe(201);
    // C3360 → class 3360 金属表面处理及热处理加工 (GB/T 4754-2017).
    expect(res.json()).toMatchObject({
      uscc: newCode,
      industryCode: '3360',
      industryName: '金属表面处理及热处理加工',
      regionPath: '32/3201/320104',
      status: 'operating',
      keyMonitoringTypes: [],
      version: 1,
    });
    const log = await auditOf('enterprises', res.json().id);
    expect(log).toEqual([
      expect.objectContaining({ action: 'insert', actor_user_id: world.ids.users.nanjing }),
    ]);
    expect(ids((await jiangsu.get('/api/enterprises?q=丁')).json())).toEqual([res.json().id]);
    expect((await guangdong.get(`/api/enterprises/${res.json().id}`)).statusCode).toBe(404);
    // Guangdong registers in 东莞 (a city without counties); admin anywhere.
    const dg = await guangdong.post('/api/enterprises', {
      uscc: uscc('91441900MA4U00001'),
      name: '东莞某线路板厂',
      regionCode: '441900',
      industryCode: '398',
      permitClass: 'key',
      keyMonitoringTypes: ['water', 'air'],
    });
    expect(dg.statusCode).toBe(201);
    expect(dg.json()).toMatchObject({ industryName: '电子元件及电子专用材料制造', permitClass: 'key' });
    const byAdmin = await admin.post('/api/enterprises', {
      uscc: uscc('91320102MA1X00999'),
      name: '南京戊公司',
      regionCode: '320102',
      industryCode: '33',
    });
    expect(byAdmin.statusCode).toBe(201);
    expect(ids((await admin.get('/api/enterprises?permitClass=key')).json())).toEqual([dg.json().id]);
  });
});

describe('changing an enterprise profile', () => {
  it('its users, its consultant and the supervising bureau change it with the version', async () => {
    const url = `/api/enterprises/${world.ids.entA}`;
    const own = await entA.patch(url, {
      version: 1,
      contactPerson: '赵六',
      permitClass: 'simplified',
      keyMonitoringTypes: ['water'],
      industryCode: '3360',
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ contactPerson: '赵六', industryCode: '3360', version: 2 });
    const stale = await consultant.patch(url, { version: 1, contactPerson: '过时' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    expect((await entA.get(url)).json().enterprise.contactPerson).toBe('赵六');
    expect((await consultant.patch(url, { version: 2, employees: 120 })).json().version).toBe(3);
    expect((await nanjing.patch(url, { version: 3, note: '重点监管' })).json().version).toBe(4);
    const log = await auditOf('enterprises', world.ids.entA);
    expect(log.map((r) => r.actor_user_id)).toEqual([
      null, // the world's seed
      world.ids.users.entA,
      world.ids.users.consultant,
      world.ids.users.nanjing,
    ]);
    expect(log[1]?.before).toMatchObject({ contact_person: null, permit_class: null });
    expect(log[1]?.after).toMatchObject({ contact_person: '赵六', permit_class: 'simplified' });
  });

  it('refuses outsiders (404), readers and other roles (403), bad values (400)', async () => {
    const url = `/api/enterprises/${world.ids.entA}`;
    for (const c of [entB, entC, guangdong])
      expect((await c.patch(url, { version: 4, note: 'x' })).statusCode).toBe(404);
    const reader = await panel.patch(url, { version: 4, note: 'x' });
    expect(reader.statusCode).toBe(403); // panel_member is not an enterprise editor role
    const bad = await entA.patch(url, { version: 4, longitude: 200 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.longitude');
    const badIndustry = await entA.patch(url, { version: 4, industryCode: '0000' });
    expect(badIndustry.json().error.field).toBe('body.industryCode');
    expect((await entA.get(url)).json().enterprise.version).toBe(4);
  });

  it('only admins and the supervising bureau change the credit code or the region, within jurisdiction', async () => {
    const url = `/api/enterprises/${world.ids.entA}`;
    const code = uscc('91320102MA1X00002');
    const byUser = await entA.patch(url, { version: 4, uscc: code });
    expect(byUser.statusCode).toBe(403);
    expect(byUser.json().error.field).toBe('body.uscc');
    const moveByUser = await consultant.patch(url, { version: 4, regionCode: '320104' });
    expect(moveByUser.json().error.field).toBe('body.regionCode');
    const away = await nanjing.patch(url, { version: 4, regionCode: '440106' });
    expect(away.statusCode).toBe(403);
    expect(away.json().error.field).toBe('body.regionCode');
    const moved = await nanjing.patch(url, { version: 4, regionCode: '320104', uscc: code });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      regionCode: '320104',
      regionName: '秦淮区',
      uscc: code,
      version: 5,
    });
  });
});

describe('consulting engagements', () => {
  it('lists the engagements of a visible enterprise', async () => {
    const res = await nanjing.get(`/api/enterprises/${world.ids.entA}/engagements`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0]).toMatchObject({
      firmName: '江苏清源环境咨询有限公司',
      startedOn: '2024-01-01',
    });
    expect((await entB.get(`/api/enterprises/${world.ids.entA}/engagements`)).statusCode).toBe(404);
  });

  it('refuses bad engagements naming the field', async () => {
    const url = `/api/enterprises/${world.ids.entC}/engagements`;
    const wrong = FIRM_USCC.slice(0, 17) + (FIRM_USCC.endsWith('0') ? '1' : '0');
    const cases: [unknown, number, string][] = [
      [{ consultingFirmUscc: wrong, startedOn: '2025-03-01' }, 400, 'body.consultingFirmUscc'],
      [
        { consultingFirmUscc: uscc('91320100MA1W00002'), startedOn: '2025-03-01' },
        400,
        'body.consultingFirmUscc',
      ],
      [
        { consultingFirmUscc: FIRM_USCC, consultingFirmId: world.ids.firm, startedOn: '2025-03-01' },
        400,
        'body.consultingFirmId',
      ],
      [
        { consultingFirmUscc: FIRM_USCC, startedOn: '2025-03-01', endedOn: '2025-02-01' },
        400,
        'body.endedOn',
      ],
      [{ consultingFirmUscc: FIRM_USCC, startedOn: '2025-02-30' }, 400, 'body.startedOn'],
      // entC cannot see the firm yet: by id it is "not found", by credit code it works (below).
      [{ consultingFirmId: world.ids.firm, startedOn: '2025-03-01' }, 400, 'body.consultingFirmId'],
    ];
    for (const [body, status, field] of cases) {
      const res = await entC.post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    expect((await entC.get(url)).json().items).toEqual([]);
  });

  it('only the enterprise and admins record engagements', async () => {
    const body = { consultingFirmUscc: FIRM_USCC, startedOn: '2025-03-01' };
    // Roles other than enterprise user and admin: 403 whatever the enterprise.
    expect((await consultant.post(`/api/enterprises/${world.ids.entA}/engagements`, body)).statusCode).toBe(
      403,
    );
    expect((await nanjing.post(`/api/enterprises/${world.ids.entC}/engagements`, body)).statusCode).toBe(403);
    // Another enterprise's user: out of scope, 404.
    expect((await entB.post(`/api/enterprises/${world.ids.entC}/engagements`, body)).statusCode).toBe(404);
    // entA's user sees only entA.
    expect((await entA.post(`/api/enterprises/${world.ids.entC}/engagements`, body)).statusCode).toBe(404);
  });

  let engagement: { id: string; version: number };

  it('recording an engagement gives the consultant access; a second open one is refused', async () => {
    const url = `/api/enterprises/${world.ids.entC}/engagements`;
    expect((await consultant.get(`/api/enterprises/${world.ids.entC}`)).statusCode).toBe(404);
    const res = await entC.post(url, {
      consultingFirmUscc: FIRM_USCC,
      startedOn: '2025-03-01',
      scope: '强制性审核',
    });
    expect(res.statusCode).toBe(201);
    engagement = res.json();
    expect(res.json()).toMatchObject({ current: true, endedOn: null, firmUscc: FIRM_USCC, version: 1 });
    expect((await consultant.get(`/api/enterprises/${world.ids.entC}`)).statusCode).toBe(200);
    expect(
      (await consultant.patch(`/api/enterprises/${world.ids.entC}`, { version: 1, note: '咨询' })).statusCode,
    ).toBe(200);
    const again = await entC.post(url, { consultingFirmId: world.ids.firm, startedOn: '2025-04-01' });
    expect(again.statusCode).toBe(409);
    expect((await auditOf('consulting_engagements', engagement.id))[0]).toMatchObject({
      action: 'insert',
      actor_user_id: world.ids.users.entC,
    });
  });

  it('ending an engagement removes the access at once; stale or repeated ends are refused', async () => {
    const url = `/api/enterprises/${world.ids.entC}/engagements/${engagement.id}/end`;
    expect((await consultant.post(url, { version: 1 })).statusCode).toBe(403);
    expect((await entA.post(url, { version: 1 })).statusCode).toBe(404);
    expect((await entC.post(url, { version: 7 })).statusCode).toBe(409);
    expect((await consultant.get(`/api/enterprises/${world.ids.entC}`)).statusCode).toBe(200); // unchanged
    const res = await entC.post(url, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().current).toBe(false);
    expect(res.json().endedOn < (await today())).toBe(true); // yesterday: access ends now
    expect((await consultant.get(`/api/enterprises/${world.ids.entC}`)).statusCode).toBe(404);
    expect(ids((await consultant.get('/api/enterprises')).json())).toEqual([world.ids.entA]);
    const again = await entC.post(url, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('STATE_CONFLICT');
    const log = await auditOf('consulting_engagements', engagement.id);
    expect(log[1]).toMatchObject({ action: 'update', actor_user_id: world.ids.users.entC });
    expect(prop(log[1]?.after, 'ended_on')).toBe(res.json().endedOn);
  });

  it('an engagement started today cannot end yesterday: it is deleted instead, with its version', async () => {
    const d = await today();
    const created = await admin.post(`/api/enterprises/${world.ids.entC}/engagements`, {
      consultingFirmUscc: FIRM_USCC,
      startedOn: d,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const end = await admin.post(`/api/enterprises/${world.ids.entC}/engagements/${id}/end`, { version: 1 });
    expect(end.statusCode).toBe(400);
    expect(end.json().error.field).toBe('body.endedOn');
    const del = `/api/enterprises/${world.ids.entC}/engagements/${id}`;
    expect((await consultant.delete(`${del}?version=1`)).statusCode).toBe(403);
    expect((await entC.delete(`${del}?version=2`)).statusCode).toBe(409);
    expect(
      (await entC.delete(`/api/enterprises/${world.ids.entA}/engagements/${id}?version=1`)).statusCode,
    ).toBe(404);
    expect((await entC.delete(del)).statusCode).toBe(400); // version required
    const ok = await entC.delete(`${del}?version=1`);
    expect(ok.statusCode).toBe(200);
    expect((await entC.get(`/api/enterprises/${world.ids.entC}/engagements`)).json().items).toHaveLength(1);
    expect((await auditOf('consulting_engagements', id)).map((r) => r.action)).toEqual(['insert', 'delete']);
  });
});
