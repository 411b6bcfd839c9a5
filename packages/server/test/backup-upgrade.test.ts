/**
 * A backup made by an older cpaudit restores into this one. The source is the demo migrated to this version, then
 * taken back to the schema before the migrations `option_benefits_audit` and `option_benefits_audit_triggers`
 * (the column, its index, the two triggers and drizzle's record of them dropped): the state of an installation
 * that ran the version before them. Its archive restores into an empty database: the rows load into the schema they
 * were backed up from, are checked against the manifest's checksums, and this version's later migrations then fill
 * `option_benefits.audit_id` of every line. Before this, a PostgreSQL restore migrated to this version first and
 * refused the rows ("restored data differ"). Archives made before the manifest recorded the migration level are
 * matched by their tables and columns; an archive of a schema this version does not know is refused before the
 * target is touched.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isCpError } from '@cpaudit/core';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type BackupManifest,
  createBackup,
  createTar,
  readTar,
  restoreBackup,
  tableChecksums,
} from '../src/backup/index.ts';
import {
  type Database,
  executeRows,
  migrationJournal,
  migrationLevel,
  openDatabase,
} from '../src/db/index.ts';
import { loadDemo } from '../src/demo/index.ts';
import { TEST_PG_URL } from './helpers/db.ts';

const root = mkdtempSync(join(tmpdir(), 'cpaudit-backup-upgrade-'));
const journal = migrationJournal();
const FIRST_DROPPED = journal.findIndex((e) => e.tag.endsWith('_option_benefits_audit'));
const OLD_LEVEL = FIRST_DROPPED;

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Takes a migrated database back to the schema before `option_benefits_audit` (what that version had). */
async function downgrade(database: Database): Promise<void> {
  const first = journal[FIRST_DROPPED];
  if (!first) throw new Error('migration option_benefits_audit not found');
  await database.transaction(async (tx) => {
    await tx.execute(sql`drop trigger cp_option_audit_to_benefits on cp_options`);
    await tx.execute(sql`drop trigger cp_benefit_audit on option_benefits`);
    await tx.execute(sql`drop function cp_option_audit_to_benefits()`);
    await tx.execute(sql`drop function cp_benefit_audit()`);
    await tx.execute(sql`alter table option_benefits drop column audit_id`);
    await tx.execute(sql`delete from drizzle.__drizzle_migrations where created_at >= ${first.when}`);
  });
}

/** Lines whose `audit_id` is not their option's audit, and lines of an option in an audit. */
async function lineAudits(database: Database): Promise<{ wrong: number; ofAudits: number }> {
  const [r] = await executeRows(
    database.db,
    sql`select count(*) filter (where b.audit_id is distinct from o.audit_id)::int as wrong,
          count(*) filter (where o.audit_id is not null)::int as "ofAudits"
        from option_benefits b join cp_options o on o.id = b.option_id`,
  );
  return { wrong: Number(r?.wrong), ofAudits: Number(r?.ofAudits) };
}

/** The archive `file` rewritten with `edit` applied to its manifest. */
function withManifest(file: string, out: string, edit: (m: BackupManifest) => BackupManifest): void {
  const entries = readTar(gunzipSync(readFileSync(file)));
  const rewritten = entries.map((e) =>
    e.name === 'manifest.json'
      ? { ...e, data: Buffer.from(JSON.stringify(edit(JSON.parse(Buffer.from(e.data).toString('utf8'))))) }
      : e,
  );
  writeFileSync(out, gzipSync(createTar(rewritten)));
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  return isCpError(e) ? e.code : String(e);
}

/** What every restore of the old archive must give: this version's schema, every line with its option's audit. */
async function expectUpgraded(database: Database, linesOfAudits: number): Promise<void> {
  expect(await migrationLevel(database.db)).toEqual({
    applied: journal.length,
    last: journal.at(-1)?.tag ?? null,
  });
  expect(await lineAudits(database)).toEqual({ wrong: 0, ofAudits: linesOfAudits });
  // The triggers are back: a line written now takes its option's audit.
  const [line] = await executeRows(
    database.db,
    sql`select b.id, o.audit_id from option_benefits b join cp_options o on o.id = b.option_id
        where o.audit_id is not null limit 1`,
  );
  await database.transaction(async (tx) => {
    await tx.execute(sql`update option_benefits set audit_id = null where id = ${line?.id}`);
  });
  const [after] = await executeRows(
    database.db,
    sql`select audit_id from option_benefits where id = ${line?.id}`,
  );
  expect(after?.audit_id).toBe(line?.audit_id);
}

/**
 * The demo in the installation of `config`, taken back to the old schema (`downgrade`) and backed up to `archive`
 * (checked: the manifest records the old level and the old tables' checksums). Gives the number of lines of
 * options in audits.
 */
async function oldArchive(config: { dataDir: string; databaseUrl: string | undefined }, archive: string) {
  const database = await openDatabase(config);
  let lines = 0;
  let before: Awaited<ReturnType<typeof tableChecksums>>;
  try {
    await database.migrate();
    await loadDemo(database, { dataDir: config.dataDir });
    lines = (await lineAudits(database)).ofAudits;
    expect(lines).toBeGreaterThan(0);
    await downgrade(database);
    expect((await migrationLevel(database.db)).applied).toBe(OLD_LEVEL);
    before = await tableChecksums(database);
  } finally {
    await database.close();
  }
  const manifest = await createBackup(config, archive);
  expect(manifest.migrations).toEqual({ applied: OLD_LEVEL, last: journal[OLD_LEVEL - 1]?.tag });
  expect(manifest.tables).toEqual(before);
  return lines;
}

describe('an archive of the schema before option_benefits.audit_id (embedded database)', () => {
  it('restores and is migrated: every line gets its option audit', async () => {
    const archive = join(root, 'pglite-old.tar.gz');
    const lines = await oldArchive({ dataDir: join(root, 'pglite-source'), databaseUrl: undefined }, archive);
    const target = join(root, 'pglite-target');
    const result = await restoreBackup({ dataDir: target, databaseUrl: undefined }, archive);
    expect(result.migrations).toEqual({ from: OLD_LEVEL, to: journal.length });
    const restored = await openDatabase({ dataDir: target });
    try {
      await expectUpgraded(restored, lines);
    } finally {
      await restored.close();
    }
  }, 120_000);
});

const names = [0, 1, 2, 3].map(() => `cpaudit_test_upgrade_${process.pid}_${randomBytes(4).toString('hex')}`);
const urlOf = (name: string): string => {
  const u = new URL(TEST_PG_URL ?? 'postgres://localhost/none');
  u.pathname = `/${name}`;
  return u.toString();
};

if (!TEST_PG_URL)
  console.warn(
    'backup-upgrade.test.ts: the PostgreSQL part skipped: set CPAUDIT_TEST_PG to run it (CI sets it).',
  );
describe.skipIf(!TEST_PG_URL)('an archive of the schema before option_benefits.audit_id (PostgreSQL)', () => {
  const [sourceUrl = '', recordedUrl = '', inferredUrl = '', newerUrl = ''] = names.map(urlOf);
  let admin: postgres.Sql | undefined;
  afterAll(async () => {
    for (const n of names) await admin?.unsafe(`drop database if exists "${n}" with (force)`);
    await admin?.end({ timeout: 5 });
  });

  it('restores at its recorded level or at the level its tables match, then migrates; a newer schema is refused', async () => {
    admin = postgres(TEST_PG_URL ?? '', { max: 1, onnotice: () => {} });
    for (const n of names) await admin.unsafe(`create database "${n}"`);
    const archive = join(root, 'pg-old.tar.gz');
    const lines = await oldArchive({ dataDir: join(root, 'pg-source'), databaseUrl: sourceUrl }, archive);

    // As recorded in the manifest, and as an archive of a cpaudit that did not record it (matched by its tables).
    const unrecorded = join(root, 'pg-old-unrecorded.tar.gz');
    withManifest(archive, unrecorded, ({ migrations: _, ...m }) => m);
    // Unrecorded: the first level whose tables are the archive's, the one before change_counters_triggers (which
    // adds triggers only); the migrations after it are then applied to the rows.
    const tablesLevel = journal.findIndex((e) => e.tag.endsWith('_change_counters_triggers'));
    for (const [file, url, dir, from] of [
      [archive, recordedUrl, 'pg-recorded', OLD_LEVEL],
      [unrecorded, inferredUrl, 'pg-inferred', tablesLevel],
    ] as const) {
      const result = await restoreBackup({ dataDir: join(root, dir), databaseUrl: url }, file);
      expect(result.migrations).toEqual({ from, to: journal.length });
      const restored = await openDatabase({ databaseUrl: url });
      try {
        await expectUpgraded(restored, lines);
      } finally {
        await restored.close();
      }
    }

    // A schema migrated further than this version knows: refused before the target is touched.
    const newer = join(root, 'pg-newer.tar.gz');
    withManifest(archive, newer, (m) => ({
      ...m,
      migrations: { applied: journal.length + 1, last: '29991231000000_from_the_future' },
    }));
    const target = await openDatabase({ databaseUrl: newerUrl });
    try {
      await target.migrate();
      await loadDemo(target, { dataDir: join(root, 'pg-newer-target') });
      const untouched = await tableChecksums(target);
      const code = await codeOf(
        restoreBackup({ dataDir: join(root, 'pg-newer-target'), databaseUrl: newerUrl }, newer, {
          force: true,
        }),
      );
      expect(code).toBe('BAD_FILE');
      expect(await tableChecksums(target)).toEqual(untouched);
    } finally {
      await target.close();
    }
  }, 240_000);
});
