/**
 * Migrations: they apply on a fresh database (in-memory PGlite here, and the CPAUDIT_TEST_PG server through the
 * harness), are idempotent, create every table of the Drizzle schema, and attach the standard triggers to every
 * table, so a later migration that forgets `cp_attach_row_triggers` fails this test.
 */
import { getTableName, is, type SQL, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, queryRows } from '../../test/helpers/db.ts';
import { type Database, openDatabase } from './connect.ts';
import * as schema from './schema/index.ts';

const schemaTables = Object.values(schema)
  .flatMap((v: unknown) => (is(v, PgTable) ? [getTableName(v)] : []))
  .sort();

async function names(database: Database, query: SQL, column: string): Promise<string[]> {
  return (await queryRows(database.db, query)).map((r) => String(r[column]));
}

async function count(database: Database, query: SQL): Promise<number> {
  const [row] = await queryRows(database.db, query);
  return Number(row?.n);
}

describe('migrations', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('create exactly the tables of the Drizzle schema', async () => {
    const tables = await names(
      database,
      sql`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
      'table_name',
    );
    expect(tables.sort()).toEqual(schemaTables);
    // 47 tables: 42 in the generated schema migration (one CREATE TABLE each) + process_balances + the three
    // status-analysis tables (standards, monitoring_samples, compliance_facts) + change_counters.
    expect(schemaTables).toHaveLength(47);
  });

  it('attach cp_audit to every table but audit_log, sessions and change_counters, and cp_touch to every versioned table', async () => {
    const triggers = await names(
      database,
      sql`select c.relname || ':' || t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
          join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and not t.tgisinternal`,
      'name',
    );
    const versioned = await names(
      database,
      sql`select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'version'`,
      'table_name',
    );
    const has = (table: string, trigger: string) => triggers.includes(`${table}:${trigger}`);
    for (const table of schemaTables) {
      expect(has(table, 'cp_audit'), `${table} cp_audit`).toBe(
        table !== 'audit_log' && table !== 'sessions' && table !== 'change_counters',
      );
    }
    for (const table of versioned) expect(has(table, 'cp_touch'), `${table} cp_touch`).toBe(true);
    // Every table except audit_log, sessions and change_counters (derived, version-less) is versioned: 47 − 3 = 44.
    expect(versioned).toHaveLength(44);
    expect(has('audit_log', 'audit_log_append_only')).toBe(true);
    expect(has('annual_values', 'annual_values_locked')).toBe(true);
    // The change counters' statement triggers (one per event) on every input of a memoized view.
    for (const table of [
      'cp_options',
      'option_benefits',
      'audit_targets',
      'audit_enterprises',
      'annual_values',
      'annual_submissions',
    ]) {
      for (const t of ['cp_changes_ins', 'cp_changes_upd', 'cp_changes_del']) {
        expect(has(table, t), `${table} ${t}`).toBe(true);
      }
    }
  });

  it('are idempotent: a second migrate() applies nothing', async () => {
    const applied = sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    // Fifteen migration files: functions, schema, triggers, process_balances (+ its triggers), one open mandatory
    // audit, status analysis (+ its triggers, + the energy standards' kind named as the core names it), the audit
    // log handed to its NOLOGIN owner, the annual values' presence index, the change counters (+ their triggers),
    // the benefit lines' audit (+ its triggers).
    expect(await count(database, applied)).toBe(15);
    await database.migrate();
    expect(await count(database, applied)).toBe(15);
  });
});

// Always on PGlite (even when the other tests run on PostgreSQL): the embedded database must migrate from scratch.
describe('migrations on a fresh embedded database (no template)', () => {
  it('apply from scratch through openDatabase({ memory: true })', async () => {
    const database = await openDatabase({ memory: true });
    try {
      await database.migrate();
      const tables = await count(
        database,
        sql`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
      );
      expect(tables).toBe(schemaTables.length);
    } finally {
      await database.close();
    }
  });
});
