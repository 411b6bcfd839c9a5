/**
 * GET /api/audit-log: admins see everything; bureau staff the entries about enterprises in their jurisdiction
 * (the enterprise row or any row carrying its enterprise_id) and their own actions; everyone else their own
 * actions. Filters, time range, pagination; the client IP for admins only; password hashes never shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorld, uscc, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let nanjing: Client;
let guangdong: Client;
let entA: Client;
let consultant: Client;
let panel: Client;
let entDId: string;
let productId: string;

interface Entry {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorIp: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

async function entries(c: Client, query = ''): Promise<{ items: Entry[]; total: number }> {
  const res = await c.get(`/api/audit-log?limit=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  world = await createWorld();
  [admin, nanjing, guangdong, entA, consultant, panel] = await Promise.all([
    world.as('admin'),
    world.as('nanjing'),
    world.as('guangdong'),
    world.as('entA'),
    world.as('consultant'),
    world.as('panel'),
  ]);
  // A few writes by different actors about different enterprises.
  const steps = [
    await entA.patch(`/api/enterprises/${world.ids.entA}`, { version: 1, contactPerson: '赵六' }),
    await entA.post(`/api/enterprises/${world.ids.entA}/products`, { name: '镀锌件' }),
    await guangdong.patch(`/api/enterprises/${world.ids.entB}`, { version: 1, note: '广州' }),
    await admin.post('/api/regions', { code: '320105', name: '建邺区', parentCode: '320100' }),
    await nanjing.post('/api/enterprises', {
      uscc: uscc('91320104MA1Y00555'),
      name: '南京丁公司',
      regionCode: '320104',
      industryCode: '336',
    }),
    await admin.post('/api/users', {
      username: 'li',
      displayName: '李工',
      password: 'Strong-pass-5',
      roles: [{ role: 'expert' }],
    }),
  ];
  for (const s of steps) expect(s.statusCode, s.body).toBeLessThan(300);
  productId = steps[1]?.json().id;
  entDId = steps[4]?.json().id;
});
afterAll(async () => {
  await world?.close();
});

describe('who sees which entries', () => {
  it('admin sees everything, with the client IP', async () => {
    const all = await entries(admin);
    const actors = new Set(all.items.map((e) => e.actorUserId));
    for (const u of ['entA', 'guangdong', 'nanjing', 'admin'] as const) {
      expect(actors.has(world.ids.users[u])).toBe(true);
    }
    const a = await entries(admin, `&entity=enterprises&entityId=${world.ids.entA}&order=asc`);
    // The world's seed insert (no actor), then entA's own update.
    expect(a.items.map((e) => [e.action, e.actorUserId])).toEqual([
      ['insert', null],
      ['update', world.ids.users.entA],
    ]);
    expect(a.items[1]?.before).toMatchObject({ contact_person: null });
    expect(a.items[1]?.after).toMatchObject({ contact_person: '赵六' });
    expect(a.items[1]?.actorIp).toBe('127.0.0.1');
  });

  it('bureau staff see entries about their enterprises and their own actions, nothing else', async () => {
    const mine = await entries(nanjing);
    const about = (entity: string, id: string) =>
      mine.items.filter((e) => e.entity === entity && e.entityId === id);
    expect(about('enterprises', world.ids.entA).map((e) => e.actorUserId)).toEqual([
      world.ids.users.entA,
      null,
    ]);
    // entA's product: visible through its enterprise_id.
    expect(about('enterprise_products', productId)).toHaveLength(1);
    expect(about('enterprises', entDId)).toHaveLength(1);
    // Not Guangdong's enterprise, not the admin's region or new user, not other users' logins.
    expect(about('enterprises', world.ids.entB)).toEqual([]);
    expect(mine.items.filter((e) => e.entity === 'regions')).toEqual([]);
    // Their own login touched their own user row (last_login_at): that one is theirs.
    expect(mine.items.filter((e) => e.entity === 'users').map((e) => e.entityId)).toEqual([
      world.ids.users.nanjing,
    ]);
    const foreign = mine.items.filter(
      (e) =>
        e.actorUserId !== world.ids.users.nanjing &&
        !(
          e.after?.enterprise_id ??
          e.before?.enterprise_id ??
          (e.entity === 'enterprises' ? e.entityId : null)
        ),
    );
    expect(foreign).toEqual([]);
    expect(mine.items.every((e) => e.actorIp === null)).toBe(true);
    // Filters narrow within the scope, never widen it.
    expect((await entries(nanjing, `&entityId=${world.ids.entB}`)).total).toBe(0);
    expect((await entries(guangdong, `&entityId=${world.ids.entA}`)).total).toBe(0);
    expect((await entries(guangdong, `&entity=enterprises&entityId=${world.ids.entB}`)).total).toBe(2);
  });

  it('other users see their own actions only', async () => {
    const own = await entries(entA);
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((e) => e.actorUserId === world.ids.users.entA)).toBe(true);
    expect(own.items.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'update']));
    expect(own.items.filter((e) => e.entity === 'enterprise_products').map((e) => e.entityId)).toEqual([
      productId,
    ]);
    expect((await entries(entA, `&actorUserId=${world.ids.users.guangdong}`)).total).toBe(0);
    // The consultant works for entA but did not write its product: not theirs to read here.
    const cons = await entries(consultant);
    expect(cons.items.filter((e) => e.entity === 'enterprise_products')).toEqual([]);
    expect(cons.items.every((e) => e.actorUserId === world.ids.users.consultant)).toBe(true);
    // The panel user only logged in: the session entry and the login time on their user row (newest first).
    const p = await entries(panel);
    expect(p.items.map((e) => [e.entity, e.action])).toEqual([
      ['session', 'login'],
      ['users', 'update'],
    ]);
  });
});

describe('filters and paging', () => {
  it('filters by action and time range, pages with a total, orders by sequence', async () => {
    const logins = await entries(admin, '&action=login');
    // One login per client opened in beforeAll.
    expect(logins.total).toBe(6);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await entries(admin, `&from=${encodeURIComponent(future)}`)).total).toBe(0);
    expect((await entries(admin, `&to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).total).toBe(0);
    const total = (await entries(admin)).total;
    const window = await entries(
      admin,
      `&from=${encodeURIComponent('2000-01-01T00:00:00Z')}&to=${encodeURIComponent(future)}`,
    );
    expect(window.total).toBe(total);
    const page1 = (await admin.get('/api/audit-log?limit=2&order=asc')).json();
    const page2 = (await admin.get('/api/audit-log?limit=2&offset=2&order=asc')).json();
    expect(page1.total).toBe(total);
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0].seq).toBeLessThan(page1.items[1].seq);
    expect(page1.items[1].seq).toBeLessThan(page2.items[0].seq);
    const desc = (await admin.get('/api/audit-log?limit=1')).json();
    expect(desc.items[0].seq).toBeGreaterThan(page2.items[1].seq);
  });

  it('refuses bad queries naming the parameter, and anonymous callers', async () => {
    const empty = await admin.get(
      `/api/audit-log?from=${encodeURIComponent('2025-01-02T00:00:00Z')}&to=${encodeURIComponent('2025-01-01T00:00:00Z')}`,
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('querystring.to');
    for (const [q, field] of [
      ['entity=Enterprises', 'querystring.entity'],
      ['actorUserId=42', 'querystring.actorUserId'],
      ['limit=0', 'querystring.limit'],
      ['from=yesterday', 'querystring.from'],
    ]) {
      const res = await admin.get(`/api/audit-log?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.field, q).toBe(field);
    }
    expect((await world.app.inject({ method: 'GET', url: '/api/audit-log' })).statusCode).toBe(401);
  });

  it('never shows a password hash, only its fingerprint', async () => {
    const users = await admin.get('/api/audit-log?entity=users&limit=500');
    expect(users.json().total).toBeGreaterThan(0);
    expect(users.body).not.toMatch(/\$argon2/);
    const created = users.json().items.find((e: Entry) => e.after?.username === 'li');
    expect(created.after.password_hash).toMatch(/^redacted:[0-9a-f]{12}$/);
  });
});
