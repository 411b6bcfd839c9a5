/**
 * Regions, bureaus, consulting firms and industry codes: who may read and change them, the rules on codes and
 * parents, optimistic versions, and the audit trail of every write.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, uscc, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let jiangsu: Client;
let nanjing: Client;
let guangdong: Client;
let entA: Client;
let entB: Client;
let consultant: Client;
let panel: Client;

beforeAll(async () => {
  world = await createWorld();
  [admin, jiangsu, nanjing, guangdong, entA, entB, consultant, panel] = await Promise.all([
    world.as('admin'),
    world.as('jiangsu'),
    world.as('nanjing'),
    world.as('guangdong'),
    world.as('entA'),
    world.as('entB'),
    world.as('consultant'),
    world.as('panel'),
  ]);
});
afterAll(async () => {
  await world?.close();
});

function auditRows(entity: string, entityId: string) {
  return queryRows(
    world.database.db,
    sql`select actor_user_id, action, before, after from audit_log where entity = ${entity} and entity_id = ${entityId} order by seq`,
  );
}

function codes(body: { items: { code: string }[] }): string[] {
  return body.items.map((r) => r.code);
}

describe('regions', () => {
  it('any logged-in user lists regions, filtered by parent, subtree, level and text', async () => {
    const all = await entA.get('/api/regions');
    expect(all.statusCode).toBe(200);
    // The world's 8 regions (test/helpers/fixtures.ts REGION_ROWS), ordered by scope path.
    expect(all.json().total).toBe(8);
    expect(codes(all.json())).toEqual([
      '320000',
      '320100',
      '320102',
      '320104',
      '440000',
      '440100',
      '440106',
      '441900',
    ]);
    expect(codes((await panel.get('/api/regions?parentCode=320100')).json())).toEqual(['320102', '320104']);
    expect(codes((await panel.get('/api/regions?under=440000')).json())).toEqual([
      '440000',
      '440100',
      '440106',
      '441900',
    ]);
    expect(codes((await panel.get('/api/regions?level=county')).json())).toEqual([
      '320102',
      '320104',
      '440106',
    ]);
    expect(codes((await panel.get(`/api/regions?q=${encodeURIComponent('南京')}`)).json())).toEqual([
      '320100',
    ]);
    expect(codes((await panel.get('/api/regions?q=4401')).json())).toEqual(['440100', '440106']);
  });

  it('refuses anonymous callers and bad codes', async () => {
    const anon = await world.app.inject({ method: 'GET', url: '/api/regions' });
    expect(anon.statusCode).toBe(401);
    const bad = await entA.get('/api/regions?parentCode=3201');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('querystring.parentCode');
  });

  it('returns the tree province → city → county, or a subtree', async () => {
    const res = await entB.get('/api/regions/tree');
    expect(res.statusCode).toBe(200);
    const roots = res.json().roots;
    expect(roots.map((r: { code: string }) => r.code)).toEqual(['320000', '440000']);
    expect(roots[0].children[0].code).toBe('320100');
    expect(roots[0].children[0].children.map((r: { code: string }) => r.code)).toEqual(['320102', '320104']);
    const gd = (await entB.get('/api/regions/tree?root=440000')).json().roots;
    expect(gd).toHaveLength(1);
    expect(gd[0].children.map((r: { code: string }) => r.code)).toEqual(['440100', '441900']);
    expect((await world.app.inject({ method: 'GET', url: '/api/regions/tree' })).statusCode).toBe(401);
  });

  it('admin adds a county under its city and the write is audit-logged', async () => {
    const res = await admin.post('/api/regions', { code: '320105', name: '建邺区', parentCode: '320100' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: '320105', level: 'county', path: '32/3201/320105', version: 1 });
    const log = await auditRows('regions', '320105');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'insert', actor_user_id: world.ids.users.admin });
  });

  it('only admins add regions', async () => {
    for (const c of [nanjing, entA, consultant]) {
      const res = await c.post('/api/regions', { code: '320106', name: '鼓楼区', parentCode: '320100' });
      expect(res.statusCode).toBe(403);
    }
    expect((await admin.get('/api/regions?q=320106')).json().total).toBe(0);
  });

  it('checks the parent against the code', async () => {
    const cases: [unknown, string][] = [
      [{ code: '320106', name: '鼓楼区', parentCode: '440100' }, 'body.parentCode'], // wrong city
      [{ code: '320106', name: '鼓楼区' }, 'body.parentCode'], // a county needs a parent
      [{ code: '320200', name: '无锡市', parentCode: '320100' }, 'body.parentCode'], // a city's parent is its province
      [{ code: '330000', name: '浙江省', parentCode: '320000' }, 'body.parentCode'], // a province has none
      [{ code: '429004', name: '仙桃市', parentCode: '420000' }, 'body.parentCode'], // 420000 does not exist
      [{ code: '32010', name: 'x', parentCode: '320100' }, 'body.code'], // 5 digits
      [{ code: '320106', name: '鼓楼区', parentCode: '320100', extra: 1 }, 'body.extra'], // unknown field
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/regions', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await admin.get('/api/regions?q=3201')).json().total).toBe(4); // 320100, 320102, 320104, 320105
    const dup = await admin.post('/api/regions', { code: '320105', name: '重复', parentCode: '320100' });
    expect(dup.statusCode).toBe(409);
  });

  it('accepts a county directly under its province (省直辖, digits 3–4 = 90)', async () => {
    expect(
      (await admin.post('/api/regions', { code: '420000', name: '湖北省', parentCode: null })).statusCode,
    ).toBe(201);
    const res = await admin.post('/api/regions', { code: '429004', name: '仙桃市', parentCode: '420000' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ level: 'county', path: '42/4290/429004' });
  });

  it('admin renames and deactivates with the version; a stale version is refused and changes nothing', async () => {
    const ok = await admin.patch('/api/regions/320105', { version: 1, name: '建邺' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '建邺', version: 2 });
    const stale = await admin.patch('/api/regions/320105', { version: 1, name: '过时' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    const off = await admin.patch('/api/regions/320105', { version: 2, active: false });
    expect(off.json()).toMatchObject({ name: '建邺', active: false, version: 3 });
    const tree = (await entA.get('/api/regions/tree?root=320100')).json().roots;
    expect(tree[0].children.map((r: { code: string }) => r.code)).toEqual(['320102', '320104']);
    const log = await auditRows('regions', '320105');
    expect(log.map((r) => r.action)).toEqual(['insert', 'update', 'update']);
    expect((await nanjing.patch('/api/regions/320105', { version: 3, name: 'x' })).statusCode).toBe(403);
    expect((await admin.patch('/api/regions/320199', { version: 1, name: 'x' })).statusCode).toBe(404);
    const badParent = await admin.patch('/api/regions/320105', { version: 3, parentCode: '440100' });
    expect(badParent.statusCode).toBe(400);
    expect(badParent.json().error.field).toBe('body.parentCode');
  });
});

describe('bureaus', () => {
  function names(body: { items: { name: string }[] }): string[] {
    return body.items.map((b) => b.name);
  }

  it('admin sees all, bureau staff their bureau and those below, others none', async () => {
    const all = await admin.get('/api/bureaus');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(3);
    expect(names((await jiangsu.get('/api/bureaus')).json())).toEqual([
      '江苏省生态环境厅',
      '南京市生态环境局',
    ]);
    expect(names((await nanjing.get('/api/bureaus')).json())).toEqual(['南京市生态环境局']);
    expect(names((await guangdong.get('/api/bureaus')).json())).toEqual(['广东省生态环境厅']);
    for (const c of [entA, consultant, panel]) expect((await c.get('/api/bureaus')).json().total).toBe(0);
  });

  it('answers 404 for a bureau out of scope', async () => {
    expect((await jiangsu.get(`/api/bureaus/${world.ids.nanjingBureau}`)).statusCode).toBe(200);
    const got = await jiangsu.get(`/api/bureaus/${world.ids.nanjingBureau}`);
    expect(got.json()).toMatchObject({
      jurisdictionCode: '320100',
      jurisdictionName: '南京市',
      level: 'city',
    });
    expect((await nanjing.get(`/api/bureaus/${world.ids.jiangsuBureau}`)).statusCode).toBe(404);
    expect((await guangdong.get(`/api/bureaus/${world.ids.nanjingBureau}`)).statusCode).toBe(404);
    expect((await entA.get(`/api/bureaus/${world.ids.nanjingBureau}`)).statusCode).toBe(404);
  });

  let xuanwu: { id: string; version: number };

  it('admin creates a bureau inside its parent bureau; others are refused', async () => {
    const body = {
      name: '南京市玄武生态环境局',
      jurisdictionCode: '320102',
      parentBureauId: world.ids.nanjingBureau,
      contactPhone: '025-00000000',
    };
    expect((await nanjing.post('/api/bureaus', body)).statusCode).toBe(403);
    const res = await admin.post('/api/bureaus', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ level: 'county', jurisdictionPath: '32/3201/320102', version: 1 });
    xuanwu = res.json();
    expect((await auditRows('bureaus', xuanwu.id))[0]).toMatchObject({ action: 'insert' });
    // Now visible to the bureaus above it, not to Guangdong.
    expect((await jiangsu.get('/api/bureaus')).json().total).toBe(3);
    expect((await nanjing.get(`/api/bureaus/${xuanwu.id}`)).statusCode).toBe(200);
    expect((await guangdong.get(`/api/bureaus/${xuanwu.id}`)).statusCode).toBe(404);
  });

  it('refuses a parent whose jurisdiction does not contain the new one, and unknown regions', async () => {
    const wrongParent = await admin.post('/api/bureaus', {
      name: 'x',
      jurisdictionCode: '320104',
      parentBureauId: world.ids.guangdongBureau,
    });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json().error.field).toBe('body.parentBureauId');
    const noRegion = await admin.post('/api/bureaus', { name: 'x', jurisdictionCode: '320199' });
    expect(noRegion.statusCode).toBe(400);
    expect(noRegion.json().error.field).toBe('body.jurisdictionCode');
    expect((await admin.get('/api/bureaus')).json().total).toBe(4);
  });

  it('admin edits with the version; stale → 409; a child bureau must stay inside', async () => {
    const ok = await admin.patch(`/api/bureaus/${xuanwu.id}`, { version: 1, contactPerson: '张三' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ contactPerson: '张三', version: 2 });
    const stale = await admin.patch(`/api/bureaus/${xuanwu.id}`, { version: 1, contactPerson: '李四' });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/bureaus/${xuanwu.id}`)).json().contactPerson).toBe('张三');
    const [nj] = (await admin.get('/api/bureaus?q=南京市生态')).json().items;
    const moved = await admin.patch(`/api/bureaus/${world.ids.nanjingBureau}`, {
      version: nj.version,
      jurisdictionCode: '440100',
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.field).toBe('body.jurisdictionCode');
    expect((await nanjing.patch(`/api/bureaus/${xuanwu.id}`, { version: 2, name: 'x' })).statusCode).toBe(
      403,
    );
    expect(
      (await admin.patch('/api/bureaus/00000000-0000-4000-8000-000000000000', { version: 1, name: 'x' }))
        .statusCode,
    ).toBe(404);
  });
});

describe('consulting firms', () => {
  it('scopes the list: admin all, the firm itself, engaging enterprises, bureaus of the region', async () => {
    expect((await admin.get('/api/consulting-firms')).json().total).toBe(1);
    // The firm is in 320100 and engaged by entA (南京): visible to its consultant, entA, Nanjing and Jiangsu.
    for (const c of [consultant, entA, nanjing, jiangsu]) {
      const res = await c.get('/api/consulting-firms');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((f: { id: string }) => f.id)).toEqual([world.ids.firm]);
    }
    for (const c of [entB, guangdong, panel])
      expect((await c.get('/api/consulting-firms')).json().total).toBe(0);
    // A search narrows a bureau's several visibility rules, it does not escape them.
    expect((await nanjing.get(`/api/consulting-firms?q=${encodeURIComponent('不存在')}`)).json().total).toBe(
      0,
    );
    expect((await nanjing.get(`/api/consulting-firms?q=${encodeURIComponent('清源')}`)).json().total).toBe(1);
    expect((await consultant.get(`/api/consulting-firms/${world.ids.firm}`)).statusCode).toBe(200);
    expect((await entB.get(`/api/consulting-firms/${world.ids.firm}`)).statusCode).toBe(404);
    expect((await guangdong.get(`/api/consulting-firms/${world.ids.firm}`)).statusCode).toBe(404);
  });

  // 91440106MA5W00009 + its check character (GB 32100-2015 §4.3, computed by core usccCheckChar).
  const goodCode = uscc('91440106MA5W00009');

  it('admin registers a firm; the credit code is normalised and checked, naming the field and position', async () => {
    const last = goodCode.charAt(17);
    const wrongLast = last === '0' ? '1' : '0';
    const bad = await admin.post('/api/consulting-firms', {
      uscc: goodCode.slice(0, 17) + wrongLast,
      name: '广州某咨询',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.uscc');
    expect(bad.json().error.message).toMatch(/position 18/);
    const short = await admin.post('/api/consulting-firms', { uscc: '91440106MA5W0000', name: '广州某咨询' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('body.uscc');
    expect((await admin.get('/api/consulting-firms')).json().total).toBe(1);

    expect(
      (await guangdong.post('/api/consulting-firms', { uscc: goodCode, name: '广州某咨询' })).statusCode,
    ).toBe(403);
    // Lower case with spaces, as typed: stored upper case without spaces.
    const typed = `${goodCode.slice(0, 9).toLowerCase()} ${goodCode.slice(9)}`;
    const res = await admin.post('/api/consulting-firms', {
      uscc: typed,
      name: '广州某咨询',
      regionCode: '440106',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ uscc: goodCode, regionName: '天河区', version: 1 });
    expect((await auditRows('consulting_firms', res.json().id))[0]).toMatchObject({
      action: 'insert',
      actor_user_id: world.ids.users.admin,
    });
    const dup = await admin.post('/api/consulting-firms', { uscc: goodCode, name: '重复' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('body.uscc');
    // Located in 天河区: Guangdong sees it now.
    expect((await guangdong.get('/api/consulting-firms')).json().total).toBe(1);
  });

  it('admin edits a firm with the version; stale → 409, bad code → 400, others → 403', async () => {
    const [firm] = (await admin.get(`/api/consulting-firms?q=${goodCode}`)).json().items;
    const ok = await admin.patch(`/api/consulting-firms/${firm.id}`, { version: 1, contactPerson: '王五' });
    expect(ok.json()).toMatchObject({ contactPerson: '王五', version: 2 });
    expect(
      (await admin.patch(`/api/consulting-firms/${firm.id}`, { version: 1, note: 'x' })).statusCode,
    ).toBe(409);
    const bad = await admin.patch(`/api/consulting-firms/${firm.id}`, { version: 2, uscc: 'ABC' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.uscc');
    expect((await admin.get(`/api/consulting-firms/${firm.id}`)).json()).toMatchObject({
      uscc: goodCode,
      version: 2,
    });
    expect(
      (await consultant.patch(`/api/consulting-firms/${world.ids.firm}`, { version: 1, note: 'x' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('industry codes (GB/T 4754-2017, via the core)', () => {
  it('searches by code prefix and by name for any logged-in user', async () => {
    const byCode = await entA.get('/api/industry-codes?q=336');
    expect(byCode.statusCode).toBe(200);
    // GB/T 4754-2017: 336 金属表面处理及热处理加工 (中类) and its only 小类 3360.
    expect(byCode.json().items).toEqual([
      { code: '336', name: '金属表面处理及热处理加工', level: 'group', parent: '33' },
      { code: '3360', name: '金属表面处理及热处理加工', level: 'class', parent: '336' },
    ]);
    const byName = await panel.get(`/api/industry-codes?q=${encodeURIComponent('表面处理')}&level=group`);
    expect(byName.json().items.map((r: { code: string }) => r.code)).toContain('336');
    expect((await world.app.inject({ method: 'GET', url: '/api/industry-codes?q=336' })).statusCode).toBe(
      401,
    );
    const empty = await entA.get('/api/industry-codes?q=');
    expect(empty.statusCode).toBe(400);
  });

  it('gives a code with its path and 中类, accepting a section letter; unknown → 404', async () => {
    const res = await consultant.get('/api/industry-codes/C3360');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.path.map((r: { code: string }) => r.code)).toEqual(['C', '33', '336', '3360']);
    expect(body.group).toEqual({
      code: '336',
      name: '金属表面处理及热处理加工',
      label: '336 金属表面处理及热处理加工',
    });
    expect(body.source).toMatchObject({ document: 'GB/T 4754-2017 国民经济行业分类', status: 'code-only' });
    expect((await consultant.get('/api/industry-codes/33')).json().group).toBeNull();
    expect((await consultant.get('/api/industry-codes/9999')).statusCode).toBe(404);
    expect((await world.app.inject({ method: 'GET', url: '/api/industry-codes/3360' })).statusCode).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents the organisation endpoints', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/regions/tree',
      '/api/enterprises/{id}',
      '/api/users/{id}/roles/{roleId}',
      '/api/audit-log',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
