/**
 * Test databases. `createTestDatabase()` returns a fresh, migrated database:
 * - by default an in-memory PGlite. Creating PGlite and applying the migrations takes seconds, so the first
 *   call migrates once and dumps the data folder; later calls load that dump (same schema, fresh data). The
 *   dump is also cached in the OS temp folder under a hash of the migrations and the PGlite build, so other test
 *   files and later runs skip the migration too;
 * - when CPAUDIT_TEST_PG is a postgres:// URL (e.g. postgres://postgres@127.0.0.1:5432/postgres), a uniquely
 *   named database is CREATEd on that server, migrated, and DROPped by `close()`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { type Database, type Db, MIGRATIONS_FOLDER, openDatabase, wrapPglite } from '../../src/db/connect.ts';
import { executeRows } from '../../src/db/raw.ts';

export const TEST_PG_URL = process.env.CPAUDIT_TEST_PG?.trim() || undefined;

let pgliteTemplate: Promise<Blob> | undefined;

/** Cache file of the migrated template: changes whenever a migration or the PGlite build changes. */
function templateCachePath(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(MIGRATIONS_FOLDER, file);
    if (!statSync(path).isFile()) continue;
    hash.update(file).update(readFileSync(path));
  }
  const pglite = statSync(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  hash.update(`${pglite.size}:${pglite.mtimeMs}`);
  return join(tmpdir(), `cpaudit-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function cachedTemplate(): Promise<Blob> {
  const path = templateCachePath();
  try {
    return new Blob([readFileSync(path)]);
  } catch {
    // not cached yet
  }
  const blob = await migratedTemplate();
  try {
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    renameSync(partial, path);
  } catch {
    // a read-only temp folder only costs time
  }
  return blob;
}

async function migratedTemplate(): Promise<Blob> {
  const database = await openDatabase({ memory: true });
  try {
    await database.migrate();
    const client = database.pglite;
    if (client === undefined) throw new Error('expected an embedded database');
    return await client.dumpDataDir('none');
  } finally {
    await database.close();
  }
}

async function createPgliteTestDatabase(): Promise<Database> {
  pgliteTemplate ??= cachedTemplate();
  const template = await pgliteTemplate;
  const client = await PGlite.create({ loadDataDir: template });
  return wrapPglite(client, { location: 'memory (test)' });
}

async function createPostgresTestDatabase(adminUrl: string): Promise<Database> {
  const name = `cpaudit_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url.toString() });
    await database.migrate();
  } catch (e) {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
    throw e;
  }
  const close = database.close;
  return {
    ...database,
    location: `${database.location} (test database ${name})`,
    async close() {
      try {
        await close();
      } finally {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/** A fresh migrated database: in-memory PGlite, or a throw-away database on CPAUDIT_TEST_PG. */
export async function createTestDatabase(): Promise<Database> {
  return TEST_PG_URL ? createPostgresTestDatabase(TEST_PG_URL) : createPgliteTestDatabase();
}

/** Rows of a raw SQL query, whichever the driver. */
export async function queryRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  return executeRows(db, query);
}
