/**
 * Opening the database: PGlite (embedded PostgreSQL in WASM) in a data folder by default, in memory for tests,
 * or a PostgreSQL server when a `postgres://` URL is given. The same Drizzle schema and the same migrations
 * serve both; services receive a `Db` and compile once for both drivers.
 *
 * PGlite is single-connection: every query of the process goes through one backend, one at a time, and a
 * transaction holds it exclusively. So inside `transaction(fn)` use only the `tx` given to `fn` (a query on
 * `db` would wait for the transaction to end: deadlock), and write batches in one transaction (one fsync).
 * Only one process may open a data folder (see lock.ts).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CpError } from '@cpaudit/core';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction, PgTransactionConfig } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { acquireLock, type DirectoryLock } from './lock.ts';
import { executeRows } from './raw.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The Drizzle database as services see it, whichever the driver. A transaction (`Tx`) is also a `Db`. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Who the writes of a transaction are attributed to in the audit log. */
export interface AuditActor {
  userId: string | null;
  name?: string;
  ip?: string;
  requestId?: string;
}

export interface TransactionOptions {
  /** Recorded by the audit-log trigger for every row written in the transaction. */
  actor?: AuditActor;
  config?: PgTransactionConfig;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives: the PGlite folder, 'memory', or the server URL without its password. */
  location: string;
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  /** Runs `fn` in one transaction; with `actor`, the audit log attributes its writes to that actor. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
  /** The PGlite instance of an embedded database (e.g. `dumpDataDir()` for a backup); undefined on PostgreSQL. */
  pglite?: PGlite;
}

export interface OpenDatabaseOptions {
  /** Data folder of the embedded database (default ./data): the database is in `<dataDir>/db`. */
  dataDir?: string;
  /** postgres:// or postgresql:// URL: use that PostgreSQL server (takes precedence). */
  databaseUrl?: string;
  /** Embedded database in memory (tests, demos): nothing is written to disk. */
  memory?: boolean;
}

/** The generated migrations, resolved from this file (not the working directory). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** pg_advisory_lock key serialising `migrate()` between processes sharing one PostgreSQL database. */
const MIGRATION_LOCK_KEY = 7_283_145_901;

/** One migration of this version: its tag (file name) and time (drizzle records it as `created_at`). */
export interface MigrationEntry {
  tag: string;
  when: number;
}

/** Drizzle's journal of the migrations folder, as read. */
function readJournal(): { entries: (MigrationEntry & Record<string, unknown>)[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
}

/** The migrations of this version, in the order they apply (drizzle's journal). */
export function migrationJournal(): MigrationEntry[] {
  return readJournal().entries.map((e) => ({ tag: e.tag, when: e.when }));
}

/** How far a database is migrated: the migrations drizzle recorded, and the tag of the last (null: unknown here). */
export interface MigrationLevel {
  applied: number;
  last: string | null;
}

/** The statement reading a database's migration level, as `levelOf` takes it. */
export const MIGRATION_LEVEL_SQL =
  'select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations';

/** The level of a row of `MIGRATION_LEVEL_SQL`: the count, and the tag of this version's migration of that time. */
export function levelOf(row: { n?: unknown; last?: unknown } | undefined): MigrationLevel {
  const when = row?.last;
  const last =
    when === null || when === undefined
      ? null
      : (migrationJournal().find((e) => String(e.when) === String(when))?.tag ?? null);
  return { applied: Number(row?.n ?? 0), last };
}

/** The migration level of a database (drizzle's `__drizzle_migrations`; none recorded: level 0). */
export async function migrationLevel(db: Db): Promise<MigrationLevel> {
  const [r] = await executeRows(db, sql.raw(MIGRATION_LEVEL_SQL));
  return levelOf(r);
}

/**
 * Applies the migrations of `folder` not applied yet to the PostgreSQL database at `url`, on one connection holding
 * the migration lock (processes sharing the database migrate one at a time). `secure`: then hands audit_log to its
 * NOLOGIN owner when run by a superuser (idempotent; see the audit_log_owner migration): a database first migrated
 * by the application's own role is secured by a later superuser run.
 */
async function migrateLocked(url: string, folder: string, secure: boolean): Promise<void> {
  const single = postgres(url, { onnotice: () => {}, max: 1 });
  try {
    await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder: folder });
    if (secure) await single`select cp_secure_audit_log()`;
    await single`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await single.end({ timeout: 5 });
  }
}

/**
 * Applies this version's first `count` migrations to the PostgreSQL database at `url` (those not applied yet): a
 * restore loads a backup into the schema it was made from, then migrates the rest (backup/backup.ts). Drizzle reads
 * a folder, so the first `count` are copied to a temporary one.
 */
export async function migratePostgresTo(url: string, count: number): Promise<void> {
  const journal = readJournal();
  const folder = mkdtempSync(join(tmpdir(), 'cpaudit-migrations-'));
  try {
    mkdirSync(join(folder, 'meta'));
    const first = journal.entries.slice(0, count);
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: first }));
    for (const e of first) {
      copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
    }
    await migrateLocked(url, folder, false);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function setAuditActor(tx: Tx, actor: AuditActor): Promise<void> {
  await tx.execute(sql`select
    set_config('cpaudit.actor_user_id', ${actor.userId ?? ''}, true),
    set_config('cpaudit.actor_name', ${actor.name ?? ''}, true),
    set_config('cpaudit.actor_ip', ${actor.ip ?? ''}, true),
    set_config('cpaudit.request_id', ${actor.requestId ?? ''}, true)`);
}

function transactionHelper(db: Db): Database['transaction'] {
  return (fn, opts) =>
    db.transaction(async (tx) => {
      if (opts?.actor) await setAuditActor(tx, opts.actor);
      return fn(tx);
    }, opts?.config);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  if (opts.memory) return openPglite(undefined);
  return openPglite(resolve(opts.dataDir ?? './data'));
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let lock: DirectoryLock | undefined;
  let dbDir: string | undefined;
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    dbDir = join(dataDir, 'db');
    lock = acquireLock(join(dataDir, 'db.lock'), dbDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dbDir);
  } catch (e) {
    lock?.release();
    throw new CpError('INTERNAL', `cannot open the embedded database at ${dbDir ?? 'memory'}: ${String(e)}`);
  }
  return wrapPglite(client, { location: dbDir ?? 'memory', ...(lock ? { lock } : {}) });
}

/**
 * Makes every statement of an embedded database start in a new turn of the event loop. PGlite runs PostgreSQL in
 * WebAssembly on the main thread and answers through promises that are already settled, so a request's statements
 * (and with them its whole handling) ran as one chain of microtasks: the event loop did not get to its I/O phase
 * until the chain ended, and under load new connections waited to be accepted while the clients already connected
 * were served again and again. Measured with 100 clients starting together against the demo on the loaded 2-core
 * machine (SECURITY.md): the first request of a client waited up to 21 s to be accepted, 5.6 s with this yield.
 * `_runExclusiveQuery` is the one gate every statement of @electric-sql/pglite 0.5 passes (in and outside
 * transactions); the yield comes before the gate is taken, so the gate's order (first come, first served) stands.
 */
export function yieldBetweenStatements(client: PGlite): void {
  const run = client._runExclusiveQuery.bind(client);
  client._runExclusiveQuery = <T>(fn: () => Promise<T>): Promise<T> =>
    new Promise<void>((r) => setImmediate(r)).then(() => run(fn));
}

/** A `Database` over an open PGlite instance (closing it closes the instance and releases `lock`). */
export function wrapPglite(client: PGlite, opts: { location: string; lock?: DirectoryLock }): Database {
  yieldBetweenStatements(client);
  const pg = drizzlePglite({ client, schema });
  const db: Db = pg;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    location: opts.location,
    pglite: client,
    migrate: () => migratePglite(pg, { migrationsFolder: MIGRATIONS_FOLDER }),
    transaction: transactionHelper(db),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        opts.lock?.release();
      }
    },
  };
}

/**
 * The client Drizzle is given on PostgreSQL: every statement is sent as a prepared statement (postgres-js keeps one
 * per distinct text per connection and reuses it), in transactions and savepoints too. Drizzle prepares only the
 * queries built with `.prepare(name)`; the rest were parsed and planned by the server on every call, and the option
 * scopes make plans of 10 ms for a single-row lookup (issue 6: writes at one connection spent more time planning
 * than executing). Bounded: postgres-js recycles a connection, and its statements, after 30–60 minutes.
 */
export function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args[args.length - 1] as (tx: postgres.Sql) => unknown;
          const wrapped = (tx: postgres.TransactionSql) => fn(preparing(tx as unknown as postgres.Sql));
          return (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]?.(
            ...args.slice(0, -1),
            wrapped,
          );
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

async function openPostgres(url: string): Promise<Database> {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new CpError('VALIDATION', 'DATABASE_URL must start with postgres:// or postgresql://', {
      field: 'DATABASE_URL',
    });
  }
  const options = { onnotice: () => {} } as const;
  const client = postgres(url, { ...options, max: 10 });
  const location = redactUrl(url);
  try {
    await client`select 1`;
  } catch (e) {
    await client.end({ timeout: 1 });
    throw new CpError('INTERNAL', `cannot connect to PostgreSQL at ${location}: ${String(e)}`);
  }
  const pg = drizzlePostgres({ client: preparing(client), schema });
  const db: Db = pg;
  let closed = false;
  return {
    db,
    kind: 'postgres',
    location,
    migrate: () => migrateLocked(url, MIGRATIONS_FOLDER, true),
    transaction: transactionHelper(db),
    async close() {
      if (closed) return;
      closed = true;
      await client.end({ timeout: 5 });
    },
  };
}
