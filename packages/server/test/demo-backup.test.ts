/**
 * Backup → restore round trip of an embedded installation holding the demo: the restored database has the same
 * rows (per-table counts and order-independent checksums) and the same evidence files; a non-empty target is
 * refused without `force`; broken archives and the wrong database kind are refused with a clear code.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isCpError } from '@cpaudit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBackup,
  createTar,
  evidenceDigest,
  readTar,
  restoreBackup,
  type TableChecksum,
  tableChecksums,
} from '../src/backup/index.ts';
import { openDatabase } from '../src/db/index.ts';
import { loadDemo } from '../src/demo/index.ts';

const root = mkdtempSync(join(tmpdir(), 'cpaudit-backup-'));
const source = join(root, 'source');
const archive = join(root, 'backup.tar.gz');
let before: Record<string, TableChecksum>;
let filesBefore: Record<string, string>;

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  return isCpError(e) ? e.code : e === undefined ? undefined : String(e);
}

beforeAll(async () => {
  const database = await openDatabase({ dataDir: source });
  try {
    await database.migrate();
    await loadDemo(database, { dataDir: source });
    before = await tableChecksums(database);
    // While the database is open, a backup cannot take it (one process per embedded database).
    expect(await codeOf(createBackup({ dataDir: source, databaseUrl: undefined }, archive))).toBe(
      'DATABASE_LOCKED',
    );
  } finally {
    await database.close();
  }
  // An upload half-way through staging is not evidence: it stays out of the archive.
  mkdirSync(join(source, 'files', 'tmp'), { recursive: true });
  writeFileSync(join(source, 'files', 'tmp', 'upload.part'), 'partial');
  filesBefore = evidenceDigest(source);
}, 120_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('embedded database: backup → restore', () => {
  it('restores the same rows and the same evidence files', async () => {
    const manifest = await createBackup({ dataDir: source, databaseUrl: undefined }, archive);
    expect(manifest.database.kind).toBe('pglite');
    expect(manifest.tables).toEqual(before);
    expect(manifest.files.count).toBe(Object.keys(filesBefore).length);
    expect(before.cp_options?.rows).toBeGreaterThanOrEqual(100);
    expect(Object.keys(filesBefore).every((f) => f.startsWith('files/sha256/'))).toBe(true);

    const target = join(root, 'target');
    const result = await restoreBackup({ dataDir: target, databaseUrl: undefined }, archive);
    expect(result.files).toBe(manifest.files.count);
    const restored = await openDatabase({ dataDir: target });
    try {
      expect(await tableChecksums(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
    expect(evidenceDigest(target)).toEqual(filesBefore);
  }, 90_000);

  it('refuses a target that holds data unless forced, then replaces it', async () => {
    const target = join(root, 'target');
    expect(await codeOf(restoreBackup({ dataDir: target, databaseUrl: undefined }, archive))).toBe(
      'CONFLICT',
    );
    // A stray file in the target is gone after a forced restore: the evidence store is replaced, not merged.
    writeFileSync(join(target, 'files', 'sha256', 'stray'), 'x');
    await restoreBackup({ dataDir: target, databaseUrl: undefined }, archive, { force: true });
    expect(evidenceDigest(target)).toEqual(filesBefore);
    const restored = await openDatabase({ dataDir: target });
    try {
      expect(await tableChecksums(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
  }, 90_000);

  it('refuses files that are not cpaudit backups, a missing file, and the other database kind', async () => {
    const empty = join(root, 'empty');
    const notGzip = join(root, 'not-gzip.tar.gz');
    writeFileSync(notGzip, 'hello');
    expect(await codeOf(restoreBackup({ dataDir: empty, databaseUrl: undefined }, notGzip))).toBe('BAD_FILE');
    const noManifest = join(root, 'no-manifest.tar.gz');
    writeFileSync(noManifest, gzipSync(createTar([{ name: 'x.txt', data: Buffer.from('x') }])));
    expect(await codeOf(restoreBackup({ dataDir: empty, databaseUrl: undefined }, noManifest))).toBe(
      'BAD_FILE',
    );
    const otherFormat = join(root, 'other.tar.gz');
    writeFileSync(
      otherFormat,
      gzipSync(createTar([{ name: 'manifest.json', data: Buffer.from('{"format":"something-else"}') }])),
    );
    expect(await codeOf(restoreBackup({ dataDir: empty, databaseUrl: undefined }, otherFormat))).toBe(
      'BAD_FILE',
    );
    expect(await codeOf(restoreBackup({ dataDir: empty, databaseUrl: undefined }, join(root, 'nope')))).toBe(
      'NOT_FOUND',
    );
    // An embedded-database archive is not restored into PostgreSQL (checked before connecting).
    expect(
      await codeOf(
        restoreBackup({ dataDir: empty, databaseUrl: 'postgres://nobody@127.0.0.1:1/none' }, archive),
      ),
    ).toBe('CONFLICT');
    // Nothing was written into the empty target by the refusals.
    expect(evidenceDigest(empty)).toEqual({});
  });
});

describe('the tar format', () => {
  it('round-trips long names and binary data, and detects a damaged header', () => {
    const long = `files/${'a'.repeat(90)}/${'b'.repeat(90)}.bin`;
    const data = Buffer.from([0, 1, 2, 255, 254]);
    const tar = createTar([
      { name: 'manifest.json', data: Buffer.from('{}') },
      { name: long, data },
    ]);
    // ustar: 512-byte blocks; two headers + two data blocks + two zero blocks = 6 × 512.
    expect(tar.length).toBe(6 * 512);
    const back = readTar(tar);
    expect(back.map((e) => e.name)).toEqual(['manifest.json', long]);
    expect(Buffer.from(back[1]?.data ?? [])).toEqual(data);
    const damaged = Buffer.from(tar);
    damaged[10] = 0x41;
    expect(() => readTar(damaged)).toThrow(/checksum/);
    expect(() => readTar(tar.subarray(0, 1024))).toThrow(/end marker|truncated/);
  });
});
