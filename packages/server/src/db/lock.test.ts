/**
 * The embedded database is locked against a second process: the lock file records pid, host and start time;
 * a live holder makes openers fail with DATABASE_LOCKED; a stale lock (dead pid, reused pid, abandoned
 * unreadable file) is taken over. The end-to-end cases spawn real child processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connect.ts';
import { acquireLock, type LockInfo, pidAlive, processStartTimeMs, staleReason } from './lock.ts';
import { regions } from './schema/index.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const HOLDER = fileURLToPath(new URL('../../test/helpers/hold-db.ts', import.meta.url));

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpaudit-lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Report {
  status: 'open' | 'error';
  pid?: number;
  code?: string;
  message?: string;
}

function startHolder(
  dataDir: string,
  mode: 'probe' | 'hold',
): { child: ChildProcess; report: Promise<Report> } {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir, mode], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const report = new Promise<Report>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`holder exited (${code}) without a report: ${err}`)));
  });
  return { child, report };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on('exit', () => resolve());
  });
}

function readLock(dataDir: string): LockInfo {
  return JSON.parse(readFileSync(join(dataDir, 'db.lock'), 'utf8'));
}

/** A pid that is certainly dead: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await exited(child);
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

describe('the embedded database in a data folder', () => {
  it('is created and migrated on first start, locked while open, refused to a second process, taken over when its holder dies', async () => {
    const dataDir = tempDir();

    // First start: creates <dataDir>/db and <dataDir>/db.lock (our pid), migrates.
    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    expect(first.location).toBe(join(dataDir, 'db'));
    expect(readLock(dataDir)).toMatchObject({ pid: process.pid, host: hostname() });
    await first.migrate();
    // A second opener in the same process is refused too.
    await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: 'DATABASE_LOCKED' });
    await first.close();
    expect(existsSync(join(dataDir, 'db.lock'))).toBe(false);

    // A real second process holds it: we are refused, with its pid and start time in the message.
    const holder = startHolder(dataDir, 'hold');
    const held = await holder.report;
    expect(held).toMatchObject({ status: 'open', pid: holder.child.pid });
    const lock = readLock(dataDir);
    expect(lock.pid).toBe(holder.child.pid);
    const refused = openDatabase({ dataDir });
    await expect(refused).rejects.toMatchObject({ code: 'DATABASE_LOCKED' });
    await expect(refused).rejects.toThrow(
      `the embedded database at ${join(dataDir, 'db')} is in use by process ${lock.pid} (started ${lock.startedAt}); stop it or set DATABASE_URL`,
    );

    // The holder dies without cleaning up: its lock is stale and taken over; its committed row survived.
    holder.child.kill('SIGKILL');
    await exited(holder.child);
    expect(readLock(dataDir).pid).toBe(lock.pid);
    const second = await openDatabase({ dataDir });
    try {
      expect(readLock(dataDir).pid).toBe(process.pid);
      const rows = await second.db.select().from(regions).where(eq(regions.code, '110000'));
      expect(rows.map((r) => r.name)).toEqual(['北京市']);

      // And now another process is refused, naming us.
      const probe = startHolder(dataDir, 'probe');
      const report = await probe.report;
      await exited(probe.child);
      expect(report.status).toBe('error');
      expect(report.code).toBe('DATABASE_LOCKED');
      expect(report.message).toContain(`in use by process ${process.pid}`);
    } finally {
      await second.close();
    }
    expect(existsSync(join(dataDir, 'db.lock'))).toBe(false);
  }, 180_000);
});

describe('acquireLock', () => {
  const info = (over: Partial<LockInfo>): string =>
    JSON.stringify({
      pid: process.pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
      token: 't',
      ...over,
    });

  it('creates the lock with pid, host, start time and removes it on release (only if still ours)', () => {
    const path = join(tempDir(), 'db.lock');
    const lock = acquireLock(path, 'x');
    expect(readLock(join(path, '..'))).toEqual(lock.info);
    lock.release();
    expect(existsSync(path)).toBe(false);
    const again = acquireLock(path, 'x');
    writeFileSync(path, info({ token: 'someone else' }));
    again.release();
    expect(existsSync(path)).toBe(true); // not ours any more: left alone
  });

  it('takes over the lock of a dead process', async () => {
    const path = join(tempDir(), 'db.lock');
    const pid = await deadPid();
    expect(pidAlive(pid)).toBe(false);
    writeFileSync(path, info({ pid }));
    const lock = acquireLock(path, 'x');
    expect(lock.info.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid was reused by a later process (Linux /proc)', () => {
    const started = processStartTimeMs(process.pid);
    if (started === undefined) return; // no /proc: the check is skipped on this platform
    expect(started).toBeLessThanOrEqual(Date.now());
    // Our own pid, but a lock written in 2000, long before this process started.
    const stale: LockInfo = {
      pid: process.pid,
      host: hostname(),
      startedAt: '2000-01-01T00:00:00.000Z',
      token: 'old',
    };
    expect(staleReason(stale)).toContain('pid reused');
    const path = join(tempDir(), 'db.lock');
    writeFileSync(path, JSON.stringify(stale));
    acquireLock(path, 'x').release();
  });

  it('refuses while a live process holds it', () => {
    const path = join(tempDir(), 'db.lock');
    writeFileSync(path, info({ startedAt: new Date().toISOString() }));
    expect(() => acquireLock(path, '/data/db')).toThrow(/is in use by process \d+ \(started /);
  });

  it('refuses a lock from another host, saying how to clear it', () => {
    const path = join(tempDir(), 'db.lock');
    writeFileSync(path, info({ pid: 1, host: 'other-host.example' }));
    expect(() => acquireLock(path, '/data/db')).toThrow(
      /on host other-host\.example .*delete .*db\.lock if it is stale/,
    );
  });

  it('refuses a young unreadable lock (being written), takes over an old one', () => {
    const path = join(tempDir(), 'db.lock');
    writeFileSync(path, '');
    expect(() => acquireLock(path, 'x')).toThrow(/being opened by another process/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    acquireLock(path, 'x').release();
  });
});
