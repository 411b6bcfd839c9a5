/**
 * Backup and restore of a cpaudit installation: the database AND the evidence files, together in one archive
 * (a gzipped ustar tar):
 *
 *   manifest.json                 format, kind, time, per-table row counts and checksums, file count
 *   database/pgdata.tar           embedded database: PGlite's `dumpDataDir()` (an exact copy of the data folder)
 *   database/tables.json          PostgreSQL: tables in load order with their columns
 *   database/tables/<t>.json      PostgreSQL: each table's rows as JSON, all read in ONE REPEATABLE READ READ ONLY
 *                                 transaction (a consistent snapshot) through the driver — pg_dump is not needed
 *   files/sha256/ab/cdef…         the content-addressed evidence store (`<DATA_DIR>/files`)
 *
 * Restore refuses a target that already holds data unless `force` (which replaces it). The embedded database is
 * restored by loading the dump into a new data folder (under the folder's lock, so a running server blocks it);
 * PostgreSQL by migrating an empty schema to the archive's migration level (recorded in the manifest; for older
 * archives, the first level whose tables and columns are the archive's) and inserting each table's rows
 * (json_populate_recordset) in one transaction with the row triggers disabled (the audit log is restored as it was,
 * not appended to), identity sequences set after. Both verify the restored tables against the manifest's checksums,
 * then apply this version's later migrations: an archive made by an older cpaudit restores into a newer one. An
 * archive of a database migrated further than this version knows is refused. An archive is restored into the same
 * kind of database it was taken from.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CpError } from '@cpaudit/core';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { z } from 'zod';
import { VERSION } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import {
  acquireLock,
  type Database,
  type Db,
  executeRows,
  levelOf,
  MIGRATION_LEVEL_SQL,
  type MigrationLevel,
  migratePostgresTo,
  migrationJournal,
  migrationLevel,
  openDatabase,
  redactUrl,
  wrapPglite,
} from '../db/index.ts';
import { createTar, readTar, type TarEntry } from './tar.ts';

export const BACKUP_FORMAT = 'cpaudit-backup';
export const BACKUP_FORMAT_VERSION = 1 as const;

export interface TableChecksum {
  rows: number;
  /** MD5 over the sorted MD5s of the rows' text form: independent of row order. */
  md5: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  createdAt: string;
  appVersion: string;
  database: { kind: 'pglite' | 'postgres'; location: string };
  tables: Record<string, TableChecksum>;
  files: { count: number; bytes: number };
  /**
   * The migration level of the database backed up: restore loads the rows into that schema, then migrates them
   * (absent from archives made before it was recorded: the level is then found from the tables' columns).
   */
  migrations?: MigrationLevel;
}

export type BackupConfig = Pick<ServerConfig, 'dataDir' | 'databaseUrl'>;

const MANIFEST = 'manifest.json';
const PGDATA = 'database/pgdata.tar';
const TABLES = 'database/tables.json';

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The tables of the application schema (`current_schema()`), by name. */
async function tableNames(db: Db): Promise<string[]> {
  const rows = await executeRows(
    db,
    sql`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => String(r.name));
}

/** Row count and MD5 of the sorted MD5s of the rows' text form (order-independent). */
function checksumSql(table: string): string {
  return `select count(*)::int as rows, coalesce(md5(string_agg(h, '' order by h)), '') as md5
    from (select md5(t::text) as h from ${quoteIdent(table)} t) s`;
}

/** Row count and an order-independent checksum of every table (timestamps rendered in UTC). */
export async function tableChecksums(database: Database): Promise<Record<string, TableChecksum>> {
  return database.transaction(async (tx) => {
    await tx.execute(sql`set local timezone to 'UTC'`);
    const out: Record<string, TableChecksum> = {};
    for (const name of await tableNames(tx)) {
      const [r] = await executeRows(tx, sql.raw(checksumSql(name)));
      out[name] = { rows: Number(r?.rows ?? 0), md5: String(r?.md5 ?? '') };
    }
    return out;
  });
}

function filesRoot(dataDir: string): string {
  return join(dataDir, 'files');
}

/**
 * Every stored evidence file (not the upload staging folder, nor `derived/`: copies made from the files, such as the
 * report's downscaled photos, remade on demand), as archive entries `files/…`.
 */
function evidenceEntries(dataDir: string): TarEntry[] {
  const root = filesRoot(dataDir);
  if (!existsSync(root)) return [];
  const entries: TarEntry[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(root, path).split(sep).join('/');
      if (rel === 'tmp' || rel === 'derived') continue;
      if (statSync(path).isDirectory()) walk(path);
      else entries.push({ name: `files/${rel}`, data: readFileSync(path) });
    }
  };
  walk(root);
  return entries;
}

function writeAtomically(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, bytes, { mode: 0o600 });
  renameSync(partial, file);
}

function manifestOf(
  kind: 'pglite' | 'postgres',
  location: string,
  tables: Record<string, TableChecksum>,
  files: TarEntry[],
  migrations: MigrationLevel,
): BackupManifest {
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    appVersion: VERSION,
    database: { kind, location },
    tables,
    files: { count: files.length, bytes: files.reduce((s, f) => s + f.data.length, 0) },
    migrations,
  };
}

function json(v: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(v, null, 2)}\n`, 'utf8');
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL: through the driver

interface TableSpec {
  name: string;
  columns: string[];
  /** Identity columns, whose sequences are set after a restore. */
  identity: string[];
}

/** Tables in an order that satisfies their foreign keys (referenced tables first; self-references are fine). */
async function tableSpecs(client: postgres.TransactionSql): Promise<TableSpec[]> {
  const cols = await client<{ table: string; column: string; identity: string }[]>`
    select c.table_name as table, c.column_name as column, c.is_identity as identity
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
    order by c.table_name, c.ordinal_position`;
  const deps = await client<{ child: string; parent: string }[]>`
    select distinct cl.relname as child, pr.relname as parent
    from pg_constraint k
    join pg_class cl on cl.oid = k.conrelid
    join pg_class pr on pr.oid = k.confrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where k.contype = 'f' and n.nspname = current_schema() and k.conrelid <> k.confrelid`;
  const byTable = new Map<string, TableSpec>();
  for (const c of cols) {
    const spec = byTable.get(c.table) ?? { name: c.table, columns: [], identity: [] };
    spec.columns.push(c.column);
    if (c.identity === 'YES') spec.identity.push(c.column);
    byTable.set(c.table, spec);
  }
  // Kahn's algorithm; what is left in a cycle goes last (its insert will name the broken key).
  const ordered: TableSpec[] = [];
  const pending = new Set(byTable.keys());
  while (pending.size > 0) {
    const ready = [...pending]
      .filter((t) => !deps.some((d) => d.child === t && pending.has(d.parent)))
      .sort();
    const take = ready.length > 0 ? ready : [...pending].sort();
    for (const t of take) {
      pending.delete(t);
      const spec = byTable.get(t);
      if (spec) ordered.push(spec);
    }
  }
  return ordered;
}

/**
 * Every table's rows as a JSON array (`json_agg` of the non-generated columns), all read in ONE REPEATABLE READ
 * READ ONLY transaction: a consistent snapshot. Plain queries rather than COPY … TO STDOUT: postgres.js's COPY
 * streams can stall between tables (cf. porsager/postgres#917). JSON keeps every value exactly (float8 in
 * shortest-exact form, timestamptz with its offset and microseconds, numeric digits, arrays, jsonb).
 */
async function dumpPostgres(url: string): Promise<{
  specs: TableSpec[];
  data: Map<string, Buffer>;
  tables: Record<string, TableChecksum>;
  migrations: MigrationLevel;
}> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await client.begin('isolation level repeatable read read only', async (tx) => {
      // The checksums of the manifest come from the same snapshot as the rows.
      await tx.unsafe(`set local timezone to 'UTC'`);
      const tables: Record<string, TableChecksum> = {};
      const names = await tx<{ name: string }[]>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`;
      for (const { name } of names) {
        const [c] = await tx.unsafe<{ rows: number; md5: string }[]>(checksumSql(name));
        tables[name] = { rows: Number(c?.rows ?? 0), md5: String(c?.md5 ?? '') };
      }
      const [level] = await tx.unsafe<{ n: number; last: string | null }[]>(MIGRATION_LEVEL_SQL);
      const migrations = levelOf(level);
      const specs = await tableSpecs(tx);
      const data = new Map<string, Buffer>();
      for (const t of specs) {
        const columns = t.columns.map(quoteIdent).join(', ');
        const [row] = await tx.unsafe<{ rows: string }[]>(
          `select coalesce(json_agg(x), '[]')::text as rows from (select ${columns} from ${quoteIdent(t.name)}) x`,
        );
        data.set(t.name, Buffer.from(row?.rows ?? '[]', 'utf8'));
      }
      return { specs, data, tables, migrations };
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Backup

/**
 * Writes the archive of the configured installation to `file`.
 * @throws CpError DATABASE_LOCKED when a server holds the embedded database (stop it first), NOT_FOUND when
 *   there is no embedded database in the data folder.
 */
export async function createBackup(config: BackupConfig, file: string): Promise<BackupManifest> {
  const files = evidenceEntries(config.dataDir);
  const entries: TarEntry[] = [];
  let manifest: BackupManifest;
  if (config.databaseUrl) {
    const { specs, data, tables, migrations } = await dumpPostgres(config.databaseUrl);
    entries.push({ name: TABLES, data: json(specs) });
    for (const t of specs) {
      entries.push({ name: `database/tables/${t.name}.json`, data: data.get(t.name) ?? Buffer.from('[]') });
    }
    manifest = manifestOf('postgres', redactUrl(config.databaseUrl), tables, files, migrations);
  } else {
    const dbDir = join(config.dataDir, 'db');
    if (!existsSync(dbDir)) {
      throw new CpError('NOT_FOUND', `no embedded database at ${dbDir}: nothing to back up`);
    }
    const database = await openDatabase({ dataDir: config.dataDir });
    try {
      const tables = await tableChecksums(database);
      const migrations = await migrationLevel(database.db);
      const client = database.pglite;
      if (!client) throw new CpError('INTERNAL', 'embedded database without its PGlite instance');
      const dump = await client.dumpDataDir('none');
      entries.push({ name: PGDATA, data: Buffer.from(await dump.arrayBuffer()) });
      manifest = manifestOf('pglite', database.location, tables, files, migrations);
    } finally {
      await database.close();
    }
  }
  const tar = createTar([{ name: MANIFEST, data: json(manifest) }, ...entries, ...files]);
  writeAtomically(file, gzipSync(tar));
  return manifest;
}

// ---------------------------------------------------------------------------------------------------------------
// Restore

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  appVersion: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), location: z.string() }),
  tables: z.record(z.string(), z.object({ rows: z.number().int(), md5: z.string() })),
  files: z.object({ count: z.number().int(), bytes: z.number().int() }),
  migrations: z.object({ applied: z.number().int().min(0), last: z.string().nullable() }).optional(),
});

const tableSpecsSchema = z.array(
  z.object({ name: z.string().min(1), columns: z.array(z.string().min(1)), identity: z.array(z.string()) }),
);

function parseJsonEntry<S extends z.ZodType>(
  schema: S,
  raw: Uint8Array | undefined,
  what: string,
): z.output<S> {
  if (!raw) throw new CpError('BAD_FILE', `not a cpaudit backup: ${what} is missing`);
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw new CpError('BAD_FILE', `not a cpaudit backup: ${what} is not JSON`);
  }
  const parsed = schema.safeParse(v);
  if (!parsed.success) {
    throw new CpError(
      'BAD_FILE',
      `not a cpaudit backup of format ${BACKUP_FORMAT} version ${BACKUP_FORMAT_VERSION}: ${what} does not match`,
    );
  }
  return parsed.data;
}

/** Reads an archive: its manifest and entries. @throws CpError BAD_FILE for anything else. */
export function readBackup(file: string): { manifest: BackupManifest; entries: Map<string, Uint8Array> } {
  let tar: Buffer;
  try {
    tar = gunzipSync(readFileSync(file));
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    if (code === 'ENOENT') throw new CpError('NOT_FOUND', `backup file ${file} not found`);
    throw new CpError('BAD_FILE', `${file} is not a cpaudit backup (not a gzip archive)`);
  }
  const entries = new Map(readTar(tar).map((e) => [e.name, e.data]));
  return { manifest: parseJsonEntry(manifestSchema, entries.get(MANIFEST), MANIFEST), entries };
}

function verify(expected: Record<string, TableChecksum>, actual: Record<string, TableChecksum>): void {
  const bad = Object.entries(expected).filter(([t, c]) => {
    const a = actual[t];
    return !a || a.rows !== c.rows || a.md5 !== c.md5;
  });
  if (bad.length > 0) {
    throw new CpError(
      'INTERNAL',
      `restored data differ from the backup in table(s) ${bad.map(([t]) => t).join(', ')}`,
    );
  }
}

function restoreFiles(dataDir: string, entries: Map<string, Uint8Array>): number {
  let n = 0;
  for (const [name, data] of entries) {
    if (!name.startsWith('files/')) continue;
    const rel = name.slice('files/'.length);
    if (rel.split('/').some((p) => p === '..' || p === '')) {
      throw new CpError('BAD_FILE', `unsafe path in the archive: ${name}`);
    }
    const target = join(filesRoot(dataDir), ...rel.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    n++;
  }
  return n;
}

function hasFiles(dataDir: string): boolean {
  return evidenceEntries(dataDir).length > 0;
}

function dirHasEntries(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

export interface RestoreOptions {
  /** Replace a target that already holds data. */
  force?: boolean;
}

export interface RestoreResult {
  manifest: BackupManifest;
  files: number;
  /** The migration level the rows were backed up at, and this version's, which they were migrated to. */
  migrations: { from: number; to: number };
}

/**
 * The archive's migration level, checked against this version's migrations: an archive of a database migrated
 * further (by a newer cpaudit), or along other migrations, is refused; restoring it here would run this version on
 * a schema it does not know. Undefined for an archive that does not record its level.
 */
function archiveLevel(manifest: BackupManifest): number | undefined {
  const m = manifest.migrations;
  if (m === undefined) return undefined;
  const journal = migrationJournal();
  const known = m.applied === 0 || (m.last !== null && journal[m.applied - 1]?.tag === m.last);
  if (!known) {
    throw new CpError(
      'BAD_FILE',
      `the backup was made from a database at migration ${m.applied} (${m.last ?? 'unknown to the cpaudit that made it'}), which this cpaudit (${journal.length} migrations, the last ${journal.at(-1)?.tag ?? 'none'}) does not know: restore it with the cpaudit version that made it, or a newer one`,
    );
  }
  return m.applied;
}

/** Whether the tables and columns (in order) of the schema at `url` are those of `specs`. */
async function schemaIs(url: string, specs: readonly TableSpec[]): Promise<boolean> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const now = await client.begin('read only', (tx) => tableSpecs(tx));
    const key = (t: TableSpec) => `${t.name}(${t.columns.join(',')})`;
    const a = now.map(key).sort();
    const b = specs.map(key).sort();
    return a.length === b.length && a.every((x, i) => x === b[i]);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Migrates the empty schema at `url` to the schema the archive was made from: its recorded level, else (archives
 * made before the level was recorded) the first level at which the tables and columns are the archive's. The rows
 * are loaded there and checked against the manifest's checksums; the later migrations then bring them to this
 * version, with whatever they do to existing rows (e.g. option_benefits_audit fills `audit_id` of every line).
 */
async function migrateToArchiveSchema(
  url: string,
  manifest: BackupManifest,
  specs: readonly TableSpec[],
): Promise<number> {
  const recorded = archiveLevel(manifest);
  const journal = migrationJournal();
  if (recorded !== undefined) {
    await migratePostgresTo(url, recorded);
    if (!(await schemaIs(url, specs))) {
      throw new CpError(
        'BAD_FILE',
        `the backup's tables are not those of migration ${recorded} (${journal[recorded - 1]?.tag ?? 'none'}): the archive was altered`,
      );
    }
    return recorded;
  }
  for (let level = 1; level <= journal.length; level++) {
    await migratePostgresTo(url, level);
    if (await schemaIs(url, specs)) return level;
  }
  throw new CpError(
    'BAD_FILE',
    `the backup's tables match no schema of this cpaudit's ${journal.length} migrations: it was made by a newer cpaudit, or altered`,
  );
}

async function restorePglite(
  config: BackupConfig,
  manifest: BackupManifest,
  entries: Map<string, Uint8Array>,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  const dbDir = join(config.dataDir, 'db');
  const pgdata = entries.get(PGDATA);
  if (!pgdata) throw new CpError('BAD_FILE', `backup has no ${PGDATA}`);
  mkdirSync(config.dataDir, { recursive: true });
  // Held until the restored database is closed: a running server (or another restore) stops us here.
  const lock = acquireLock(join(config.dataDir, 'db.lock'), dbDir);
  let database: Database | undefined;
  try {
    if ((dirHasEntries(dbDir) || hasFiles(config.dataDir)) && !opts.force) {
      throw new CpError(
        'CONFLICT',
        `${config.dataDir} already holds a database or evidence files: restore into an empty data folder, or pass --force to replace them`,
      );
    }
    rmSync(dbDir, { recursive: true, force: true });
    rmSync(filesRoot(config.dataDir), { recursive: true, force: true });
    const files = restoreFiles(config.dataDir, entries);
    const client = await PGlite.create({ dataDir: dbDir, loadDataDir: new Blob([pgdata]) });
    database = wrapPglite(client, { location: dbDir, lock });
    verify(manifest.tables, await tableChecksums(database));
    const from = (await migrationLevel(database.db)).applied;
    await database.migrate();
    return { manifest, files, migrations: { from, to: migrationJournal().length } };
  } finally {
    if (database) await database.close();
    else lock.release();
  }
}

async function restorePostgres(
  url: string,
  config: BackupConfig,
  manifest: BackupManifest,
  entries: Map<string, Uint8Array>,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  const specs: TableSpec[] = parseJsonEntry(tableSpecsSchema, entries.get(TABLES), TABLES);
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n } = { n: 0 }] = await client<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`;
    let holdsData = false;
    if (n > 0) {
      const users = await client<{ any: boolean }[]>`
        select exists (select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'users') as any`;
      if (users[0]?.any) {
        const [row] = await client<{ c: number }[]>`select count(*)::int as c from users`;
        holdsData = (row?.c ?? 0) > 0;
      } else {
        holdsData = true;
      }
    }
    if ((holdsData || hasFiles(config.dataDir)) && !opts.force) {
      throw new CpError(
        'CONFLICT',
        `the target database ${redactUrl(url)} (or ${filesRoot(config.dataDir)}) already holds data: pass --force to replace it`,
      );
    }
    // A clean schema, then this version's migrations.
    await client.unsafe('drop schema if exists drizzle cascade');
    await client.unsafe('drop schema if exists public cascade');
    await client.unsafe('create schema public');
  } finally {
    await client.end({ timeout: 5 });
  }
  const from = await migrateToArchiveSchema(url, manifest, specs);
  const loader = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await loader.begin(async (tx) => {
      for (const t of specs) await tx.unsafe(`alter table ${quoteIdent(t.name)} disable trigger user`);
      // Rows the migrations seeded (reference data) are replaced by the backup's: children first.
      for (const t of [...specs].reverse()) await tx.unsafe(`delete from ${quoteIdent(t.name)}`);
      for (const t of specs) {
        // The JSON text goes to the server as it was dumped: parsing it here would lose what JavaScript numbers
        // cannot hold (numeric scale such as 5.0000 inside jsonb, digits beyond a double).
        const rows = entries.get(`database/tables/${t.name}.json`);
        if (!rows) throw new CpError('BAD_FILE', `backup has no rows of table ${t.name}`);
        const columns = t.columns.map(quoteIdent).join(', ');
        // OVERRIDING SYSTEM VALUE: identity columns (the audit log's seq) keep their backed-up values.
        await tx.unsafe(
          `insert into ${quoteIdent(t.name)} (${columns}) overriding system value
           select ${columns} from json_populate_recordset(null::${quoteIdent(t.name)}, $1::text::json)`,
          [Buffer.from(rows).toString('utf8')],
        );
      }
      for (const t of specs) {
        for (const c of t.identity) {
          await tx.unsafe(
            `select setval(pg_get_serial_sequence('${quoteIdent(t.name)}', '${c}'), coalesce((select max(${quoteIdent(c)}) from ${quoteIdent(t.name)}), 1), (select count(*) > 0 from ${quoteIdent(t.name)}))`,
          );
        }
      }
      for (const t of specs) await tx.unsafe(`alter table ${quoteIdent(t.name)} enable trigger user`);
    });
  } finally {
    await loader.end({ timeout: 5 });
  }
  const database = await openDatabase({ databaseUrl: url });
  try {
    // The rows as they were backed up, then this version's later migrations over them.
    verify(manifest.tables, await tableChecksums(database));
    await database.migrate();
  } finally {
    await database.close();
  }
  rmSync(filesRoot(config.dataDir), { recursive: true, force: true });
  const files = restoreFiles(config.dataDir, entries);
  return { manifest, files, migrations: { from, to: migrationJournal().length } };
}

/**
 * Restores `file` into the configured installation (embedded database in DATA_DIR, or DATABASE_URL).
 * @throws CpError CONFLICT when the target holds data and `force` is not set, or when the archive is of the
 *   other database kind; BAD_FILE for a file that is not a cpaudit backup; DATABASE_LOCKED when a server holds
 *   the embedded database.
 */
export async function restoreBackup(
  config: BackupConfig,
  file: string,
  opts: RestoreOptions = {},
): Promise<RestoreResult> {
  const { manifest, entries } = readBackup(file);
  const target = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database.kind !== target) {
    throw new CpError(
      'CONFLICT',
      `this backup is of ${manifest.database.kind === 'pglite' ? 'an embedded database' : 'a PostgreSQL database'}; restore it into the same kind (${target === 'pglite' ? 'set DATABASE_URL' : 'unset DATABASE_URL'})`,
    );
  }
  // Before anything is replaced: an archive of a schema this version does not know is refused.
  archiveLevel(manifest);
  return config.databaseUrl
    ? restorePostgres(config.databaseUrl, config, manifest, entries, opts)
    : restorePglite(config, manifest, entries, opts);
}

/** SHA-256 of every file under `<dataDir>/files` (relative path → hex), for comparing two installations. */
export function evidenceDigest(dataDir: string): Record<string, string> {
  return Object.fromEntries(
    evidenceEntries(dataDir).map((e) => [e.name, createHash('sha256').update(e.data).digest('hex')]),
  );
}
