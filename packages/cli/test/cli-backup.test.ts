/**
 * `cpaudit backup` → `cpaudit restore` through the real command: an installation with an account and an evidence
 * file, restored into another data folder (refused when the target holds data, replaced with --force), then served:
 * the account created before the backup logs in.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './spawn.ts';

const root = mkdtempSync(join(tmpdir(), 'cpaudit-cli-backup-'));
const source = { DATA_DIR: join(root, 'source'), PORT: '0' };
const target = { DATA_DIR: join(root, 'target'), PORT: '0' };
const archive = join(root, 'backup.tar.gz');
const PASSWORD = 'Cli-password-42';

beforeAll(async () => {
  const add = await runCli(
    [
      'user',
      'add',
      '--username',
      'chief',
      '--name',
      '总管理员',
      '--role',
      'platform_admin',
      '--password',
      PASSWORD,
    ],
    source,
  );
  expect(add.code, add.stderr).toBe(0);
}, 60_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('backup → restore', () => {
  it('backs up and restores into an empty folder; refuses a non-empty one without --force', async () => {
    mkdirSync(join(source.DATA_DIR, 'files', 'sha256', 'ab'), { recursive: true });
    writeFileSync(join(source.DATA_DIR, 'files', 'sha256', 'ab', 'c'.repeat(62)), 'evidence bytes');

    const b = await runCli(['backup', archive], source);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(
      /^backup written to .*: pglite database \(\d+ tables, \d+ rows\), 1 evidence files/,
    );

    const r = await runCli(['restore', archive], target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/tables verified, 1 evidence files/);

    const again = await runCli(['restore', archive], target);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^cpaudit: CONFLICT: .* --force/);
    const forced = await runCli(['restore', archive, '--force'], target);
    expect(forced.code, forced.stderr).toBe(0);

    const missing = await runCli(['backup'], source);
    expect(missing.code).toBe(2);
  }, 60_000);

  it('serves the restored folder: the account created before the backup logs in', async () => {
    const server = startCli(['serve'], target);
    try {
      const [, base] = await server.waitFor(/cpaudit is running at (http:\/\/127\.0\.0\.1:\d+)\//, 40_000);
      // The restored database has users: no first-start administrator is created.
      expect(server.output()).not.toContain('first start: created the administrator');
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chief', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  }, 60_000);
});
