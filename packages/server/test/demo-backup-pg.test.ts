/**
 * Backup → restore round trip on PostgreSQL (runs when CPAUDIT_TEST_PG is set): the demo in one database, the
 * archive written through the driver (COPY in one REPEATABLE READ snapshot), restored into a second database;
 * the same rows (counts and checksums, the audit log included: restoring does not append to it) and files.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCpError } from '@cpaudit/core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBackup,
  evidenceDigest,
  restoreBackup,
  type TableChecksum,
  tableChecksums,
} from '../src/backup/index.ts';
import { openDatabase } from '../src/db/index.ts';
import { loadDemo } from '../src/demo/index.ts';
import { TEST_PG_URL } from './helpers/db.ts';

const root = mkdtempSync(join(tmpdir(), 'cpaudit-backup-pg-'));
const names = [0, 1].map(() => `cpaudit_test_backup_${process.pid}_${randomBytes(4).toString('hex')}`);
const urlOf = (name: string): string => {
  const u = new URL(TEST_PG_URL ?? 'postgres://localhost/none');
  u.pathname = `/${name}`;
  return u.toString();
};
const [sourceUrl, targetUrl] = names.map(urlOf);
let admin: postgres.Sql | undefined;
let before: Record<string, TableChecksum>;

if (!TEST_PG_URL)
  console.warn(
    'demo-backup-pg.test.ts skipped: set CPAUDIT_TEST_PG to run the PostgreSQL backup test (CI sets it).',
  );
describe.skipIf(!TEST_PG_URL)('PostgreSQL: backup → restore', () => {
  beforeAll(async () => {
    admin = postgres(TEST_PG_URL ?? '', { max: 1, onnotice: () => {} });
    for (const n of names) await admin.unsafe(`create database "${n}"`);
    const database = await openDatabase({ databaseUrl: sourceUrl ?? '' });
    try {
      await database.migrate();
      await loadDemo(database, { dataDir: join(root, 'source') });
      before = await tableChecksums(database);
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(async () => {
    for (const n of names) await admin?.unsafe(`drop database if exists "${n}" with (force)`);
    await admin?.end({ timeout: 5 });
    rmSync(root, { recursive: true, force: true });
  });

  it('restores the same rows and files into an empty database, and refuses it afterwards unless forced', async () => {
    const archive = join(root, 'pg.tar.gz');
    const manifest = await createBackup({ dataDir: join(root, 'source'), databaseUrl: sourceUrl }, archive);
    expect(manifest.database.kind).toBe('postgres');
    expect(manifest.tables).toEqual(before);
    const target = { dataDir: join(root, 'target'), databaseUrl: targetUrl };
    const result = await restoreBackup(target, archive);
    // Made by this version: nothing to migrate.
    expect(result.migrations.from).toBe(result.migrations.to);
    const restored = await openDatabase({ databaseUrl: targetUrl ?? '' });
    try {
      expect(await tableChecksums(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
    expect(evidenceDigest(join(root, 'target'))).toEqual(evidenceDigest(join(root, 'source')));
    const again = await restoreBackup(target, archive).catch((e: unknown) => e);
    expect(isCpError(again) && again.code).toBe('CONFLICT');
    await restoreBackup(target, archive, { force: true });
    const forced = await openDatabase({ databaseUrl: targetUrl ?? '' });
    try {
      expect(await tableChecksums(forced)).toEqual(before);
      // The identity sequence of the audit log continues after the restored rows.
      await forced.transaction(async (tx) => {
        await tx.execute(`insert into audit_log (entity, action) values ('test', 'probe')`);
      });
      const after = await tableChecksums(forced);
      expect(after.audit_log?.rows).toBe((before.audit_log?.rows ?? 0) + 1);
    } finally {
      await forced.close();
    }
  }, 120_000);
});
