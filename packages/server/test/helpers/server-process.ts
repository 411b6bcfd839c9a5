/**
 * Real server processes for the crash, load and upload tests: `cpaudit serve` started as a child process on a
 * loopback port of its own choosing, with its data folder (embedded PGlite) or a throw-away PostgreSQL database;
 * login over HTTP; SIGKILL; the resident memory of the process (Linux /proc).
 *
 * Random points are drawn from a seeded generator (mulberry32) whose seed is printed, so a failing round can be
 * replayed with CPAUDIT_TEST_SEED=<seed>.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { type Database, openDatabase } from '../../src/db/index.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { TEST_PG_URL } from './db.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
const CLI = join(REPO_ROOT, 'packages/cli/bin/cpaudit.js');

export const IN_CI = process.env.CI === 'true';
/** `npm run test:stress` sets it: the full forms (20 crash rounds, 100 clients × 60 s). */
export const STRESS = process.env.CPAUDIT_STRESS === '1';

/** A seeded generator in [0, 1) (mulberry32), and its seed. */
export function seededRandom(label: string): { seed: number; next: () => number } {
  const fromEnv = Number(process.env.CPAUDIT_TEST_SEED);
  const seed = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : randomBytes(4).readUInt32LE(0);
  console.log(`${label}: seed ${seed} (replay with CPAUDIT_TEST_SEED=${seed})`);
  let a = seed >>> 0;
  return {
    seed,
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

const children = new Set<ChildProcess>();

/** Kills every server still running (afterAll). */
export function killAllServers(): void {
  for (const c of children) c.kill('SIGKILL');
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** Milliseconds from spawn to the first healthy answer. */
  startMs: number;
}

/**
 * Starts `cpaudit serve` with `env` and waits until /api/health answers. Without `env.PORT` the server binds port 0
 * and the address is read from its start-up line: a port picked free beforehand could be taken by another process
 * before the server binds it (several test runs share the machine), and the test would then talk to that process.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '10000',
      HOST: '127.0.0.1',
      ...env,
      PORT: env.PORT ?? '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.length > 100_000) err = err.slice(-50_000);
  });
  let out = '';
  let base: string | undefined;
  child.stdout?.on('data', (d: Buffer) => {
    if (base) return;
    out += d.toString();
    base = /cpaudit is running at (http:\/\/[^\s/]+)\//.exec(out)?.[1];
  });
  for (let i = 0; i < 1800; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${err}`);
    if (base) {
      try {
        if ((await fetch(`${base}/api/health`)).ok)
          return { child, base, stderr: () => err, startMs: performance.now() - t0 };
      } catch {
        // not answering yet
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server not healthy: ${err}`);
}

export async function sigkill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status; Linux). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m?.[1]) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function loginHttp(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Headers of a write with a session. */
export function writeHeaders(s: Session, json = true): Record<string, string> {
  return {
    cookie: s.cookie,
    'x-csrf-token': s.csrf,
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

/** Where a demo lives: its data folder, and the PostgreSQL URL when on PostgreSQL. */
export interface DemoSite {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
  /** The environment of a server on this site. */
  env: Record<string, string>;
  /** Opens the site's database directly (the server must be stopped on PGlite). */
  open(): Promise<Database>;
  remove(): Promise<void>;
}

/**
 * A data folder with the demo loaded, on the embedded database or (kind 'postgres') on a fresh database of the
 * CPAUDIT_TEST_PG server. `prepare` runs on the seeded database before any server starts.
 */
export async function demoSite(
  kind: 'pglite' | 'postgres',
  prepare: (db: Database) => Promise<void> = async () => {},
): Promise<DemoSite> {
  const dataDir = mkdtempSync(join(tmpdir(), `cpaudit-${kind}-`));
  let databaseUrl: string | undefined;
  let admin: postgres.Sql | undefined;
  let name = '';
  if (kind === 'postgres') {
    if (!TEST_PG_URL) throw new Error('CPAUDIT_TEST_PG is not set');
    name = `cpaudit_proc_${randomBytes(4).toString('hex')}`;
    admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const open = () => openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  const seed = await open();
  try {
    await seed.migrate();
    await loadDemo(seed, { dataDir });
    await prepare(seed);
  } finally {
    await seed.close();
  }
  return {
    kind,
    dataDir,
    databaseUrl,
    env: { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    open,
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
      if (admin) {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/** The database kinds to run process tests on: PGlite always, PostgreSQL when configured (always in CI). */
export function siteKinds(file: string): ('pglite' | 'postgres')[] {
  if (!TEST_PG_URL && IN_CI) throw new Error('CI must set CPAUDIT_TEST_PG');
  if (!TEST_PG_URL) console.warn(`${file}: PostgreSQL runs skipped (set CPAUDIT_TEST_PG to run them).`);
  return TEST_PG_URL ? ['pglite', 'postgres'] : ['pglite'];
}
