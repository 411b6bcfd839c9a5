/**
 * The sub-records of an enterprise profile (products, processes, equipment, treatment facilities): add, change and
 * delete, each with its version; who may do it; items addressed through another enterprise; bad values.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let nanjing: Client;
let guangdong: Client;
let entA: Client;
let entB: Client;
let consultant: Client;
let panel: Client;
let expert: Client;

beforeAll(async () => {
  world = await createWorld();
  [admin, nanjing, guangdong, entA, entB, consultant, panel, expert] = await Promise.all([
    world.as('admin'),
    world.as('nanjing'),
    world.as('guangdong'),
    world.as('entA'),
    world.as('entB'),
    world.as('consultant'),
    world.as('panel'),
    world.as('expert'),
  ]);
});
afterAll(async () => {
  await world?.close();
});

function auditOf(entity: string, entityId: string) {
  return queryRows(
    world.database.db,
    sql`select actor_user_id, action from audit_log where entity = ${entity} and entity_id = ${entityId} order by seq`,
  );
}

interface Kind {
  segment: string;
  table: string;
  /** Key of the enterprise profile listing these items. */
  profileKey: string;
  create: Record<string, unknown>;
  change: Record<string, unknown>;
  /** Bad bodies for create, with the field the error must name. */
  bad: [Record<string, unknown>, string][];
}

const KINDS: Kind[] = [
  {
    segment: 'products',
    table: 'enterprise_products',
    profileKey: 'products',
    create: { name: '镀锌件', capacity: 5000, capacityUnit: 't/a' },
    change: { capacity: 6000 },
    bad: [
      [{ name: '镀铬件', capacity: 10 }, 'body.capacityUnit'], // a capacity needs its unit (CHECK)
      [{ name: '镀铬件', capacity: -1, capacityUnit: 't/a' }, 'body.capacity'],
      [{ name: '' }, 'body.name'],
    ],
  },
  {
    segment: 'processes',
    table: 'enterprise_processes',
    profileKey: 'processes',
    create: { name: '酸性镀锌线', description: '除油—酸洗—镀锌—钝化' },
    change: { sortOrder: 2 },
    bad: [
      [{ description: 'x' }, 'body.name'],
      [{ name: 'x', sortOrder: -1 }, 'body.sortOrder'],
    ],
  },
  {
    segment: 'equipment',
    table: 'enterprise_equipment',
    profileKey: 'equipment',
    create: { name: '整流器', model: 'KGDS-3000A', quantity: 4, ratedPower_kW: 45, commissionedYear: 2015 },
    change: { obsolete: true },
    bad: [
      [{ name: '整流器', quantity: 0 }, 'body.quantity'],
      [{ name: '整流器', commissionedYear: 1800 }, 'body.commissionedYear'],
      [{ name: '整流器', processId: '00000000-0000-4000-8000-000000000000' }, 'body.processId'],
    ],
  },
  {
    segment: 'treatment-facilities',
    table: 'treatment_facilities',
    profileKey: 'treatmentFacilities',
    create: {
      medium: 'wastewater',
      name: '含铬废水处理站',
      technology: '还原+混凝沉淀',
      designCapacity: 200,
      capacityUnit: 't/d',
    },
    change: { status: 'idle' },
    bad: [
      [{ medium: 'water', name: 'x' }, 'body.medium'],
      [{ medium: 'noise', name: 'x', designCapacity: 5 }, 'body.capacityUnit'],
    ],
  },
];

const entAUrl = () => `/api/enterprises/${world.ids.entA}`;

describe.each(KINDS)('$segment', (kind) => {
  let item: { id: string; version: number };
  const base = () => `${entAUrl()}/${kind.segment}`;

  it('refuses bad values naming the field, and adds nothing', async () => {
    for (const [body, field] of kind.bad) {
      const res = await entA.post(base(), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    expect((await entA.get(entAUrl())).json()[kind.profileKey]).toEqual([]);
  });

  it('the enterprise user adds one; outsiders get 404, other roles 403', async () => {
    for (const c of [entB, guangdong]) expect((await c.post(base(), kind.create)).statusCode).toBe(404);
    for (const c of [panel, expert]) expect((await c.post(base(), kind.create)).statusCode).toBe(403);
    const res = await entA.post(base(), kind.create);
    expect(res.statusCode).toBe(201);
    item = res.json();
    expect(res.json()).toMatchObject({ ...kind.create, enterpriseId: world.ids.entA, version: 1 });
    expect((await entA.get(entAUrl())).json()[kind.profileKey]).toEqual([
      expect.objectContaining({ id: item.id }),
    ]);
    expect(await auditOf(kind.table, item.id)).toEqual([
      { actor_user_id: world.ids.users.entA, action: 'insert' },
    ]);
  });

  it('its consultant and the bureau change it with the version; stale → 409 and nothing changed', async () => {
    const url = `${base()}/${item.id}`;
    const ok = await consultant.patch(url, { version: 1, ...kind.change });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ...kind.change, version: 2 });
    const stale = await nanjing.patch(url, { version: 1, name: '过时' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    const profile = (await admin.get(entAUrl())).json();
    expect(profile[kind.profileKey][0]).toMatchObject({ ...kind.change, version: 2 });
    const byBureau = await nanjing.patch(url, { version: 2, name: `${String(kind.create.name)}（复核）` });
    expect(byBureau.json().version).toBe(3);
    // An empty change leaves the version alone.
    expect((await entA.patch(url, { version: 3 })).json().version).toBe(3);
    for (const c of [entB, guangdong])
      expect((await c.patch(url, { version: 3, name: 'x' })).statusCode).toBe(404);
    expect((await panel.patch(url, { version: 3, name: 'x' })).statusCode).toBe(403);
    const unknown = await entA.patch(`${base()}/00000000-0000-4000-8000-000000000000`, {
      version: 1,
      name: 'x',
    });
    expect(unknown.statusCode).toBe(404);
    expect((await auditOf(kind.table, item.id)).map((r) => r.actor_user_id)).toEqual([
      world.ids.users.entA,
      world.ids.users.consultant,
      world.ids.users.nanjing,
    ]);
  });

  it('an item is only reachable through its own enterprise', async () => {
    // entC's item, addressed through entA's path: 404 for everyone, admin included.
    const other = await admin.post(`/api/enterprises/${world.ids.entC}/${kind.segment}`, kind.create);
    expect(other.statusCode).toBe(201);
    const via = `${base()}/${other.json().id}`;
    expect((await admin.patch(via, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await entA.delete(`${via}?version=1`)).statusCode).toBe(404);
    expect((await admin.get(`/api/enterprises/${world.ids.entC}`)).json()[kind.profileKey][0].name).toBe(
      kind.create.name,
    );
  });

  it('deletes with the version: stale or missing version refused, then gone and logged', async () => {
    const url = `${base()}/${item.id}`;
    expect((await entA.delete(`${url}?version=1`)).statusCode).toBe(409);
    const noVersion = await entA.delete(url);
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.field).toBe('querystring.version');
    expect((await entB.delete(`${url}?version=3`)).statusCode).toBe(404);
    expect((await expert.delete(`${url}?version=3`)).statusCode).toBe(403);
    expect((await entA.get(entAUrl())).json()[kind.profileKey]).toHaveLength(1);
    const ok = await consultant.delete(`${url}?version=3`);
    expect(ok.statusCode).toBe(200);
    expect((await entA.get(entAUrl())).json()[kind.profileKey]).toEqual([]);
    expect((await auditOf(kind.table, item.id)).at(-1)).toEqual({
      actor_user_id: world.ids.users.consultant,
      action: 'delete',
    });
  });
});

describe('equipment and processes together', () => {
  it('attaches equipment to a process of the same enterprise only', async () => {
    const proc = (await entA.post(`${entAUrl()}/processes`, { name: '镀镍线' })).json();
    const eq = await entA.post(`${entAUrl()}/equipment`, { name: '镀槽', processId: proc.id });
    expect(eq.statusCode).toBe(201);
    expect(eq.json().processId).toBe(proc.id);
    const otherProc = (
      await admin.post(`/api/enterprises/${world.ids.entC}/processes`, { name: '丙线' })
    ).json();
    const cross = await entA.patch(`${entAUrl()}/equipment/${eq.json().id}`, {
      version: 1,
      processId: otherProc.id,
    });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().error.field).toBe('body.processId');
    // Deleting the process detaches the equipment (ON DELETE SET NULL).
    expect((await entA.delete(`${entAUrl()}/processes/${proc.id}?version=1`)).statusCode).toBe(200);
    const profile = (await entA.get(entAUrl())).json();
    expect(profile.equipment.find((e: { id: string }) => e.id === eq.json().id).processId).toBeNull();
  });

  it('a user who can read the enterprise but not write it gets 403', async () => {
    // The panel user, made an enterprise user of entB, passes the role check; entA is then visible through an
    // audit panel but not writable.
    const [audit] = await queryRows(
      world.database.db,
      sql`insert into industry_audits (title, bureau_id, region_code, industry_codes, industry_name, period_start, period_end)
          values ('南京电镀行业审核', ${world.ids.nanjingBureau}, '320100', array['336'], '金属表面处理及热处理加工', '2025-01-01', '2025-12-31')
          returning id`,
    );
    await queryRows(
      world.database.db,
      sql`insert into audit_enterprises (audit_id, enterprise_id) values (${String(audit?.id)}, ${world.ids.entA}) returning id`,
    );
    await queryRows(
      world.database.db,
      sql`insert into audit_panel_members (audit_id, user_id, name) values (${String(audit?.id)}, ${world.ids.users.panel}, '组员') returning id`,
    );
    const grant = await admin.post(`/api/users/${world.ids.users.panel}/roles`, {
      role: 'enterprise_user',
      enterpriseId: world.ids.entB,
    });
    expect(grant.statusCode).toBe(201);
    expect((await panel.get(entAUrl())).statusCode).toBe(200);
    const res = await panel.post(`${entAUrl()}/products`, { name: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await panel.patch(entAUrl(), { version: 1, note: 'x' })).statusCode).toBe(403);
  });
});
