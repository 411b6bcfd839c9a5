/**
 * User accounts: admin list/create/edit/disable/enable, role grants, password resets, and the own password
 * change. Password hashes never leave the server, neither in answers nor in the audit log.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../helpers/db.ts';
import { type Client, createWorld, PASSWORD, type World } from '../helpers/world.ts';

let world: World;
let admin: Client;
let nanjing: Client;
let entA: Client;
let consultant: Client;

beforeAll(async () => {
  world = await createWorld();
  [admin, nanjing, entA, consultant] = await Promise.all([
    world.as('admin'),
    world.as('nanjing'),
    world.as('entA'),
    world.as('consultant'),
  ]);
});
afterAll(async () => {
  await world?.close();
});

async function login(username: string, password: string) {
  return world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

async function userCount(): Promise<number> {
  const [row] = await queryRows(world.database.db, sql`select count(*)::int as n from users`);
  return Number(row?.n);
}

function auditOf(entity: string, entityId: string) {
  return queryRows(
    world.database.db,
    sql`select actor_user_id, action, before, after from audit_log where entity = ${entity} and entity_id = ${entityId} order by seq`,
  );
}

/** `v[key]` when `v` is an object (a jsonb column read back), else undefined. */
function prop(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null ? Reflect.get(v, key) : undefined;
}

const NO_HASH = /\$argon2/;

describe('listing and reading accounts (admins only)', () => {
  it('lists with search and filters, never a password hash', async () => {
    const all = await admin.get('/api/users?limit=100');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(10); // the world's ten users, one per WorldUser
    expect(all.body).not.toMatch(NO_HASH);
    expect(all.body).not.toMatch(/password_?hash/i);
    expect(
      (await admin.get('/api/users?q=ENTA')).json().items.map((u: { username: string }) => u.username),
    ).toEqual(['enta']);
    expect((await admin.get('/api/users?role=bureau_staff')).json().total).toBe(3);
    const byOrg = (await admin.get(`/api/users?organizationId=${world.ids.nanjingBureau}`)).json();
    expect(byOrg.items.map((u: { username: string }) => u.username)).toEqual(['nanjing']);
    expect(byOrg.items[0].roles).toEqual([
      expect.objectContaining({
        role: 'bureau_staff',
        bureauId: world.ids.nanjingBureau,
        organizationName: '南京市生态环境局',
      }),
    ]);
    const sorted = (await admin.get('/api/users?sort=username&order=desc&limit=2&offset=1')).json();
    // user names descending: panel, nanjing, jiangsu, guangdong, …; offset 1 limit 2 → nanjing, jiangsu.
    expect(sorted.items.map((u: { username: string }) => u.username)).toEqual(['nanjing', 'jiangsu']);
    for (const c of [nanjing, entA, consultant]) expect((await c.get('/api/users')).statusCode).toBe(403);
  });

  it('reads one account; unknown → 404; others → 403', async () => {
    const res = await admin.get(`/api/users/${world.ids.users.consultant}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'consultant', disabled: false, mustChangePassword: false });
    expect(res.json().roles[0]).toMatchObject({ role: 'consultant', consultingFirmId: world.ids.firm });
    expect((await admin.get('/api/users/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await entA.get(`/api/users/${world.ids.users.entA}`)).statusCode).toBe(403);
  });
});

describe('creating and editing accounts', () => {
  let created: { id: string; version: number };

  it('refuses bad input naming the field, and creates nothing', async () => {
    const before = await userCount();
    const base = { username: 'wang', displayName: '王工', password: 'Strong-pass-2' };
    const cases: [unknown, number, string][] = [
      [{ ...base, password: 'short', roles: [{ role: 'expert' }] }, 400, 'body.password'],
      [{ ...base, password: 'alllowercaseletters', roles: [{ role: 'expert' }] }, 400, 'body.password'],
      [{ ...base, username: 'bad name!', roles: [{ role: 'expert' }] }, 400, 'body.username'],
      [{ ...base, username: 'enta', roles: [{ role: 'expert' }] }, 409, 'body.username'],
      [{ ...base, roles: [{ role: 'consultant' }] }, 400, 'body.roles.0.consultingFirmId'],
      [
        { ...base, roles: [{ role: 'bureau_staff', enterpriseId: world.ids.entA }] },
        400,
        'body.roles.0.bureauId',
      ],
      [
        {
          ...base,
          roles: [
            { role: 'expert' },
            { role: 'bureau_staff', bureauId: '00000000-0000-4000-8000-000000000000' },
          ],
        },
        400,
        'body.roles.1.bureauId',
      ],
      [{ ...base, roles: [] }, 400, 'body.roles'],
      [{ ...base, roles: [{ role: 'expert' }], passwordHash: 'x' }, 400, 'body.passwordHash'],
    ];
    for (const [body, status, field] of cases) {
      const res = await admin.post('/api/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await userCount()).toBe(before);
  });

  it('admin creates an account with roles; it can log in; the audit log holds no hash', async () => {
    expect(
      (
        await nanjing.post('/api/users', {
          username: 'x1',
          displayName: 'x',
          password: 'Strong-pass-2',
          roles: [{ role: 'expert' }],
        })
      ).statusCode,
    ).toBe(403);
    const res = await admin.post('/api/users', {
      username: 'Wang.Gong',
      displayName: '王工',
      email: 'wang@example.cn',
      password: 'Strong-pass-2',
      roles: [{ role: 'enterprise_user', enterpriseId: world.ids.entC }, { role: 'expert' }],
    });
    expect(res.statusCode).toBe(201);
    created = res.json();
    expect(res.json()).toMatchObject({ username: 'wang.gong', email: 'wang@example.cn', disabled: false });
    expect(res.json().roles.map((r: { role: string }) => r.role)).toEqual(['enterprise_user', 'expert']);
    expect(res.body).not.toMatch(NO_HASH);
    expect((await login('wang.gong', 'Strong-pass-2')).statusCode).toBe(200);
    const log = await auditOf('users', created.id);
    expect(log[0]).toMatchObject({ action: 'insert', actor_user_id: world.ids.users.admin });
    expect(JSON.stringify(log)).not.toMatch(NO_HASH);
    expect(String(prop(log[0]?.after, 'password_hash'))).toMatch(/^redacted:[0-9a-f]{12}$/);
    const roleLog = await queryRows(
      world.database.db,
      sql`select actor_user_id from audit_log where entity = 'user_roles' and after ->> 'user_id' = ${created.id}`,
    );
    expect(roleLog).toHaveLength(2);
    expect(roleLog.every((r) => r.actor_user_id === world.ids.users.admin)).toBe(true);
  });

  it('admin edits contact details with the version; stale → 409 and nothing changed; others → 403', async () => {
    const current = (await admin.get(`/api/users/${created.id}`)).json();
    const ok = await admin.patch(`/api/users/${created.id}`, {
      version: current.version,
      phone: '13800000000',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '13800000000', version: current.version + 1 });
    const stale = await admin.patch(`/api/users/${created.id}`, {
      version: current.version,
      displayName: '过时',
    });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/users/${created.id}`)).json().displayName).toBe('王工');
    const badEmail = await admin.patch(`/api/users/${created.id}`, {
      version: current.version + 1,
      email: 'nope',
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.field).toBe('body.email');
    expect((await entA.patch(`/api/users/${created.id}`, { version: 1, phone: '1' })).statusCode).toBe(403);
  });
});

describe('disabling, enabling, roles', () => {
  it('disabling ends the sessions and refuses logins; enabling restores them', async () => {
    const entC = await world.as('entC');
    expect((await entC.get('/api/auth/me')).statusCode).toBe(200);
    const u = (await admin.get(`/api/users/${world.ids.users.entC}`)).json();
    expect((await nanjing.post(`/api/users/${u.id}/disable`, { version: u.version })).statusCode).toBe(403);
    const off = await admin.post(`/api/users/${u.id}/disable`, { version: u.version });
    expect(off.statusCode).toBe(200);
    expect(off.json().disabled).toBe(true);
    expect((await entC.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login('entc', PASSWORD)).statusCode).toBe(401);
    const stale = await admin.post(`/api/users/${u.id}/enable`, { version: u.version });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/users/${u.id}`)).json().disabled).toBe(true);
    // The refused login counted a failed attempt, which bumped the version again: re-read it.
    const now = (await admin.get(`/api/users/${u.id}`)).json();
    expect(now.failedLogins).toBe(1);
    expect((await admin.post(`/api/users/${u.id}/enable`, { version: off.json().version })).statusCode).toBe(
      409,
    );
    expect((await nanjing.post(`/api/users/${u.id}/enable`, { version: now.version })).statusCode).toBe(403);
    const on = await admin.post(`/api/users/${u.id}/enable`, { version: now.version });
    expect(on.json()).toMatchObject({ disabled: false, failedLogins: 0 });
    expect((await login('entc', PASSWORD)).statusCode).toBe(200);
    const log = await auditOf('users', u.id);
    expect(log.filter((r) => r.actor_user_id === world.ids.users.admin).length).toBeGreaterThanOrEqual(2);
  });

  it('an admin cannot disable their own account', async () => {
    const me = (await admin.get(`/api/users/${world.ids.users.admin}`)).json();
    const res = await admin.post(`/api/users/${me.id}/disable`, { version: me.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STATE_CONFLICT');
  });

  it('grants and revokes roles, effective at once; keeps one role and the last admin', async () => {
    const panelId = world.ids.users.panel;
    const bad = await admin.post(`/api/users/${panelId}/roles`, { role: 'consultant' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.consultingFirmId');
    expect((await nanjing.post(`/api/users/${panelId}/roles`, { role: 'expert' })).statusCode).toBe(403);

    const panel = await world.as('panel');
    expect((await panel.get('/api/consulting-firms')).json().total).toBe(0);
    const granted = await admin.post(`/api/users/${panelId}/roles`, {
      role: 'consultant',
      consultingFirmId: world.ids.firm,
    });
    expect(granted.statusCode).toBe(201);
    // The session picks the new role up on its next request.
    expect((await panel.get('/api/consulting-firms')).json().total).toBe(1);
    const dup = await admin.post(`/api/users/${panelId}/roles`, {
      role: 'consultant',
      consultingFirmId: world.ids.firm,
    });
    expect(dup.statusCode).toBe(409);

    const grant = granted.json().roles.find((r: { role: string }) => r.role === 'consultant');
    expect((await entA.delete(`/api/users/${panelId}/roles/${grant.id}`)).statusCode).toBe(403);
    const revoked = await admin.delete(`/api/users/${panelId}/roles/${grant.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().roles.map((r: { role: string }) => r.role)).toEqual(['panel_member']);
    expect((await panel.get('/api/consulting-firms')).json().total).toBe(0);
    expect((await admin.delete(`/api/users/${panelId}/roles/${grant.id}`)).statusCode).toBe(404);
    // The only role left cannot go.
    const only = revoked.json().roles[0];
    const last = await admin.delete(`/api/users/${panelId}/roles/${only.id}`);
    expect(last.statusCode).toBe(409);
    // The only platform admin keeps the role even when holding another.
    const adminId = world.ids.users.admin;
    const withExpert = await admin.post(`/api/users/${adminId}/roles`, { role: 'expert' });
    const adminRole = withExpert.json().roles.find((r: { role: string }) => r.role === 'platform_admin');
    const lastAdmin = await admin.delete(`/api/users/${adminId}/roles/${adminRole.id}`);
    expect(lastAdmin.statusCode).toBe(409);
    expect(lastAdmin.json().error.code).toBe('STATE_CONFLICT');
    const grants = await queryRows(
      world.database.db,
      sql`select action from audit_log where entity = 'user_roles' and (after ->> 'user_id' = ${panelId} or before ->> 'user_id' = ${panelId}) order by seq`,
    );
    // The world's panel_member grant, the consultant grant, its revocation.
    expect(grants.map((r) => r.action)).toEqual(['insert', 'insert', 'delete']);
  });
});

describe('passwords', () => {
  it('admin resets a password: sessions end, the user must change it; a generated one is returned once', async () => {
    const entB = await world.as('entB');
    const u = (await admin.get(`/api/users/${world.ids.users.entB}`)).json();
    const weak = await admin.post(`/api/users/${u.id}/password-reset`, {
      version: u.version,
      newPassword: 'weak',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe('body.newPassword');
    expect((await nanjing.post(`/api/users/${u.id}/password-reset`, { version: u.version })).statusCode).toBe(
      403,
    );
    const res = await admin.post(`/api/users/${u.id}/password-reset`, {
      version: u.version,
      newPassword: 'Reset-pass-3',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ temporaryPassword: null, user: { mustChangePassword: true } });
    expect((await entB.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login('entb', PASSWORD)).statusCode).toBe(401);
    expect((await login('entb', 'Reset-pass-3')).statusCode).toBe(200);
    const stale = await admin.post(`/api/users/${u.id}/password-reset`, { version: u.version });
    expect(stale.statusCode).toBe(409);
    const version = (await admin.get(`/api/users/${u.id}`)).json().version;
    const gen = await admin.post(`/api/users/${u.id}/password-reset`, { version });
    const temp: string = gen.json().temporaryPassword;
    expect(temp).toHaveLength(16); // 12 random bytes in base64url
    expect((await login('entb', temp)).statusCode).toBe(200);
    expect(JSON.stringify(await auditOf('users', u.id))).not.toMatch(NO_HASH);
  });

  it('a user changes their own password: current checked, policy applied, other sessions end', async () => {
    const first = await world.as('expert');
    const second = await world.as('expert');
    const wrong = await first.post('/api/me/password', {
      currentPassword: 'nope',
      newPassword: 'Brand-new-pass-4',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('body.currentPassword');
    const weak = await first.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'abc' });
    expect(weak.json().error.field).toBe('body.newPassword');
    const same = await first.post('/api/me/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.json().error.field).toBe('body.newPassword');
    expect((await login('expert', PASSWORD)).statusCode).toBe(200); // nothing changed yet

    const ok = await first.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'Brand-new-pass-4',
    });
    expect(ok.statusCode).toBe(200);
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login('expert', PASSWORD)).statusCode).toBe(401);
    expect((await login('expert', 'Brand-new-pass-4')).statusCode).toBe(200);
    const anon = await world.app.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: 'a', newPassword: 'b' },
    });
    expect(anon.statusCode).toBe(401);

    // The change is logged with the actor, the hash only as a fingerprint (also through the API).
    const log = await auditOf('users', world.ids.users.expert);
    const change = log.find(
      (r) => r.action === 'update' && prop(r.before, 'password_hash') !== prop(r.after, 'password_hash'),
    );
    expect(change?.actor_user_id).toBe(world.ids.users.expert);
    const api = await admin.get(`/api/audit-log?entity=users&entityId=${world.ids.users.expert}&limit=500`);
    expect(api.statusCode).toBe(200);
    expect(api.json().total).toBeGreaterThan(0);
    expect(api.body).not.toMatch(NO_HASH);
    expect(api.body).toMatch(/redacted:[0-9a-f]{12}/);
  });
});
