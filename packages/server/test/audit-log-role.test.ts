/**
 * Audit-log integrity against the application's own database user (issue 7; SECURITY.md "Audit log";
 * ARCHITECTURE.md "Deploying"). On PostgreSQL the application runs as an ordinary LOGIN role (no superuser):
 * 1. a superuser creates the role and a database in which the role may create objects;
 * 2. the role runs `cpaudit migrate` itself: it owns every table, the log included, so at this point it COULD
 *    disable the log's trigger (shown, rolled back): the migration says the log is "not secured";
 * 3. a superuser runs `cpaudit migrate` once: nothing to apply, the log is handed to the NOLOGIN role
 *    `cpaudit_audit_log_owner`; the application keeps SELECT and INSERT;
 * 4. as the application: UPDATE, DELETE, TRUNCATE, ALTER TABLE … DISABLE TRIGGER, DROP TABLE, taking ownership,
 *    granting itself UPDATE, SET ROLE to the owner and DROP SCHEMA … CASCADE are all refused, while its ordinary
 *    writes are still logged, with their actor, and migrate stays idempotent.
 * On PGlite (one superuser) the migration secures the log too, and the application is unaffected.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, regions } from '../src/db/index.ts';
import { createTestDatabase, queryRows, TEST_PG_URL } from './helpers/db.ts';

const IN_CI = process.env.CI === 'true';
if (!TEST_PG_URL && !IN_CI)
  console.warn('audit-log-role.test.ts: PostgreSQL part skipped (set CPAUDIT_TEST_PG).');

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const f of cleanups.reverse()) await f();
});

/** The SQLSTATE a statement fails with (undefined when it succeeds). */
async function refusal(client: postgres.Sql, statement: string): Promise<string | undefined> {
  try {
    await client.unsafe(statement);
    return undefined;
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
}

describe('the audit log is owned by a NOLOGIN role', () => {
  it('PGlite: the migration hands it over; the application still writes and logs', async () => {
    const database = await createTestDatabase();
    try {
      const [owner] = await queryRows(
        database.db,
        sql`select pg_get_userbyid(relowner) as owner from pg_class where oid = 'audit_log'::regclass`,
      );
      expect(owner?.owner).toBe('cpaudit_audit_log_owner');
      const [again] = await queryRows(database.db, sql`select cp_secure_audit_log() as r`);
      expect(again?.r).toBe('secured: audit_log is owned by cpaudit_audit_log_owner');
      await database.transaction(
        async (tx) => {
          await tx.insert(regions).values({ code: '980000', name: '测试区' });
        },
        { actor: { userId: null, name: 'role test' } },
      );
      const logged = await queryRows(
        database.db,
        sql`select action, actor_name from audit_log where entity = 'regions' and entity_id = '980000'`,
      );
      expect(logged).toEqual([{ action: 'insert', actor_name: 'role test' }]);
    } finally {
      await database.close();
    }
  });

  it.skipIf(!TEST_PG_URL && !IN_CI)(
    'PostgreSQL: an application role that is not superuser can append and read the log, never change or remove it',
    async () => {
      if (!TEST_PG_URL) throw new Error('CI must set CPAUDIT_TEST_PG');
      const tag = randomBytes(4).toString('hex');
      const role = `cpaudit_app_${tag}`;
      const name = `cpaudit_role_${tag}`;
      const password = randomBytes(12).toString('hex');
      // 1. The superuser: a LOGIN role without privileges, a database it may create objects in.
      const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(
        `create role ${role} login password '${password}' nosuperuser nocreatedb nocreaterole`,
      );
      await admin.unsafe(`create database ${name}`);
      const adminUrl = new URL(TEST_PG_URL);
      adminUrl.pathname = `/${name}`;
      const appUrl = new URL(adminUrl);
      appUrl.username = role;
      appUrl.password = password;
      const adminDb = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
      cleanups.push(async () => {
        await adminDb.end({ timeout: 5 });
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.unsafe(`drop role if exists ${role}`);
        await admin.end({ timeout: 5 });
      });
      await adminDb.unsafe(`grant create on database ${name} to ${role}`);
      await adminDb.unsafe(`grant usage, create on schema public to ${role}`);

      // 2. The application migrates its own database: it owns the log, and could disable its trigger.
      const asApp = await openDatabase({ databaseUrl: appUrl.toString() });
      cleanups.push(() => asApp.close());
      await asApp.migrate();
      const app = postgres(appUrl.toString(), { max: 1, onnotice: () => {} });
      cleanups.push(() => app.end({ timeout: 5 }));
      const [before] = await app<{ owner: string; state: string }[]>`
        select pg_get_userbyid(relowner) as owner, cp_secure_audit_log() as state
        from pg_class where oid = 'audit_log'::regclass`;
      expect(before).toEqual({
        owner: role,
        state: `not secured: audit_log is owned by ${role}; run cpaudit migrate once as a superuser`,
      });
      let couldDisable = false;
      await app
        .begin(async (tx) => {
          await tx.unsafe('alter table audit_log disable trigger audit_log_append_only');
          couldDisable = true;
          throw new Error('rollback');
        })
        .catch((e: unknown) => {
          if (!(e instanceof Error && e.message === 'rollback')) throw e;
        });
      expect(couldDisable).toBe(true);

      // 3. The superuser runs migrate once: nothing to apply, the log handed over.
      const asAdmin = await openDatabase({ databaseUrl: adminUrl.toString() });
      try {
        await asAdmin.migrate();
      } finally {
        await asAdmin.close();
      }
      const [after] = await app<{ owner: string; super: boolean; app: string }[]>`
        select pg_get_userbyid(c.relowner) as owner, r.rolsuper as super, current_user as app
        from pg_class c, pg_roles r where c.oid = 'audit_log'::regclass and r.rolname = current_user`;
      expect(after).toEqual({ owner: 'cpaudit_audit_log_owner', super: false, app: role });

      // 4. The application: ordinary writes are still logged, and read.
      await asApp.transaction(
        async (tx) => {
          await tx.insert(regions).values({ code: '970000', name: '角色测试区' });
        },
        { actor: { userId: null, name: 'application role' } },
      );
      const logged = await queryRows(
        asApp.db,
        sql`select action, actor_name from audit_log where entity = 'regions' and entity_id = '970000'`,
      );
      expect(logged).toEqual([{ action: 'insert', actor_name: 'application role' }]);
      const [{ n: entries } = { n: 0 }] = await app<
        { n: number }[]
      >`select count(*)::int as n from audit_log`;
      expect(entries).toBeGreaterThan(0);

      // …and nothing that changes or removes the log gets through (42501: insufficient privilege).
      const attempts: Record<string, string> = {
        update: `update audit_log set note = 'changed'`,
        delete: 'delete from audit_log',
        truncate: 'truncate audit_log',
        'disable the append-only trigger': 'alter table audit_log disable trigger audit_log_append_only',
        'disable all triggers': 'alter table audit_log disable trigger all',
        'drop the table': 'drop table audit_log',
        'take ownership': `alter table audit_log owner to ${role}`,
        'rename it away': 'alter table audit_log rename to audit_log_old',
        'set role to the owner': 'set role cpaudit_audit_log_owner',
        'drop the schema with it': 'drop schema public cascade',
      };
      const outcomes: Record<string, string | undefined> = {};
      for (const [what, statement] of Object.entries(attempts))
        outcomes[what] = await refusal(app, statement);
      expect(outcomes).toEqual(Object.fromEntries(Object.keys(attempts).map((k) => [k, '42501'])));
      // GRANT on a table one does not own grants nothing (a warning, not an error): UPDATE is still refused.
      await refusal(app, `grant update, delete, truncate on audit_log to ${role}`);
      expect(await refusal(app, `update audit_log set note = 'changed'`)).toBe('42501');
      const [{ n: unchanged } = { n: -1 }] = await app<{ n: number }[]>`
        select count(*)::int as n from audit_log where note = 'changed'`;
      expect(unchanged).toBe(0);

      // migrate stays idempotent for the application (nothing to apply, the log stays secured).
      await asApp.migrate();
      const [state] = await app<{ s: string }[]>`select cp_secure_audit_log() as s`;
      expect(state?.s).toBe('secured: audit_log is owned by cpaudit_audit_log_owner');
    },
    120_000,
  );
});
