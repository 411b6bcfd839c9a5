/**
 * Two server processes on one PostgreSQL (issue 3: "Two server processes on one PostgreSQL serve the same users
 * and data (sessions and versions hold across them)").
 *
 * A fresh database is created on CPAUDIT_TEST_PG, migrated and loaded with the demo, then two real servers are
 * started (`node packages/cli/bin/cpaudit.js serve`, DATABASE_URL set, different PORTs, the same DATA_DIR: with
 * DATABASE_URL the embedded database is not opened, DATA_DIR only holds the evidence files in `files/`, which
 * both processes must share). Over real HTTP:
 * - a session opened on A (cookie + CSRF token) is honoured by B;
 * - a write on A with version v succeeds; the same stale write on B answers 409 and changes nothing;
 * - an evidence file uploaded on A is downloaded, byte for byte, from B;
 * - logging out on B ends the session on A.
 *
 * Skipped (with a warning) only outside CI when CPAUDIT_TEST_PG is unset; with CI=true it must run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/demo/index.ts';
import { TEST_PG_URL } from './helpers/db.ts';

const IN_CI = process.env.CI === 'true';
const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(REPO_ROOT, 'packages/cli/bin/cpaudit.js');

if (!TEST_PG_URL && !IN_CI) {
  console.warn(
    'multiprocess.test.ts skipped: set CPAUDIT_TEST_PG=postgres://… to run two server processes on one PostgreSQL (CI must set it).',
  );
}

interface Server {
  name: string;
  base: string;
  child: ChildProcess;
  output: string[];
}

interface Session {
  cookie: string;
  csrf: string;
}

const dbName = `cpaudit_test_multi_${process.pid}_${randomBytes(4).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-multiprocess-'));
let admin: postgres.Sql | undefined;
const servers: Server[] = [];

function databaseUrl(): string {
  const u = new URL(TEST_PG_URL ?? 'postgres://localhost/none');
  u.pathname = `/${dbName}`;
  return u.toString();
}

/**
 * Starts `cpaudit serve` on port 0; its address is read from its start-up line (a port picked free beforehand could
 * be taken by another test run's server before ours bound it, and the test would then talk to that server).
 */
function startServer(name: string): Server {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Not the web app: the API is what is shared.
      CPAUDIT_WEB_ROOT: join(dataDir, 'no-web'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: Server = { name, base: '', child, output: [] };
  child.stdout?.on('data', (d: Buffer) => {
    server.output.push(d.toString());
    if (!server.base) {
      server.base = /cpaudit is running at (http:\/\/[^\s/]+)\//.exec(server.output.join(''))?.[1] ?? '';
    }
  });
  child.stderr?.on('data', (d: Buffer) => server.output.push(d.toString()));
  servers.push(server);
  return server;
}

async function waitHealthy(server: Server, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`server ${server.name} exited (${server.child.exitCode}):\n${server.output.join('')}`);
    }
    try {
      if (!server.base) throw new Error('no address printed yet');
      const res = await fetch(`${server.base}/api/health`);
      if (res.status === 200) {
        const body = (await res.json()) as { database: string };
        if (body.database !== 'postgres') throw new Error(`server ${server.name} is not on PostgreSQL`);
        return;
      }
    } catch (e) {
      if (e instanceof Error && e.message.includes('not on PostgreSQL')) throw e;
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server ${server.name} not healthy after ${timeoutMs} ms:\n${server.output.join('')}`);
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Kills the children if the test process ends without afterAll (a crash of the worker). */
function killChildren(): void {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
}

async function login(server: Server, username: string): Promise<Session> {
  const res = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200)
    throw new Error(`login ${username} on ${server.name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

function call(
  server: Server,
  session: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = { cookie: session.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  return fetch(`${server.base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
  });
}

const RUN = Boolean(TEST_PG_URL) || IN_CI;

describe.skipIf(!RUN)('two server processes on one PostgreSQL', () => {
  let a: Server;
  let b: Server;
  /** cz-ent1's session, opened on A. */
  let session: Session;
  /** An option of cz-ent1's enterprise. */
  let optionId: string;

  beforeAll(async () => {
    if (!TEST_PG_URL) {
      throw new Error('CI=true but CPAUDIT_TEST_PG is unset: this test must run on PostgreSQL in CI');
    }
    process.once('exit', killChildren);
    admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${dbName}"`);
    const database = await openDatabase({ databaseUrl: databaseUrl() });
    try {
      await database.migrate();
      await loadDemo(database, { dataDir });
    } finally {
      await database.close();
    }
    a = startServer('A');
    b = startServer('B');
    await Promise.all([waitHealthy(a, 120_000), waitHealthy(b, 120_000)]);
    session = await login(a, 'cz-ent1');
    const me = (await (await call(a, session, 'GET', '/api/auth/me')).json()) as {
      user: { roles: { organizationId: string | null }[] };
    };
    const enterpriseId = me.user.roles[0]?.organizationId;
    if (!enterpriseId) throw new Error('cz-ent1 has no enterprise');
    const data = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
    try {
      const [row] = await data.unsafe(
        'select id from cp_options where enterprise_id = $1 order by code, id limit 1',
        [enterpriseId],
      );
      optionId = String(row?.id ?? '');
    } finally {
      await data.end({ timeout: 5 });
    }
    if (!optionId) throw new Error(`no option of cz-ent1's enterprise ${enterpriseId} in the demo`);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    process.off('exit', killChildren);
    await admin?.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin?.end({ timeout: 5 });
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a session opened on A is honoured by B (cookie and CSRF token)', async () => {
    expect(a.base).not.toBe(b.base);
    const meB = await call(b, session, 'GET', '/api/auth/me');
    expect(meB.status).toBe(200);
    expect(((await meB.json()) as { user: { username: string } }).user.username).toBe('cz-ent1');
    // A state-changing request on B with the token issued by A passes the CSRF check (a wrong token does not).
    const forged = await call(b, { ...session, csrf: 'not-the-token' }, 'PATCH', `/api/options/${optionId}`, {
      version: 1,
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toContain('x-csrf-token');
  });

  it('a write on A with the version read succeeds; the same stale write on B answers 409 and changes nothing', async () => {
    const read = (await (await call(b, session, 'GET', `/api/options/${optionId}`)).json()) as {
      version: number;
      responsibleUnit: string | null;
    };
    const v = read.version;
    const onA = await call(a, session, 'PATCH', `/api/options/${optionId}`, {
      version: v,
      responsibleUnit: '由进程 A 填写的实施单位',
    });
    expect(onA.status, await onA.clone().text()).toBe(200);
    expect(((await onA.json()) as { version: number }).version).toBe(v + 1);
    const onB = await call(b, session, 'PATCH', `/api/options/${optionId}`, {
      version: v,
      responsibleUnit: '由进程 B 用旧版本填写',
    });
    expect(onB.status).toBe(409);
    expect(((await onB.json()) as { error: { code: string } }).error.code).toBe('VERSION_CONFLICT');
    for (const server of [a, b]) {
      const now = (await (await call(server, session, 'GET', `/api/options/${optionId}`)).json()) as {
        version: number;
        responsibleUnit: string | null;
      };
      expect(now, server.name).toMatchObject({ version: v + 1, responsibleUnit: '由进程 A 填写的实施单位' });
    }
  });

  it('an evidence file uploaded on A is downloaded from B, byte for byte', async () => {
    const bytes = Buffer.from(
      `节水计算书（多进程测试）${randomBytes(8).toString('hex')}\n回用水量 50 m3/d\n`,
      'utf8',
    );
    const form = new FormData();
    form.append('kind', 'calculation');
    form.append('title', '节水计算书');
    form.append('file', new Blob([bytes], { type: 'text/plain' }), 'calc.txt');
    const up = await call(a, session, 'POST', `/api/options/${optionId}/evidence`, form);
    expect(up.status, await up.clone().text()).toBe(201);
    const evidence = (await up.json()) as { id: string; sha256: string };
    const down = await call(b, session, 'GET', `/api/evidence/${evidence.id}/content`);
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('logging out on B ends the session on A', async () => {
    expect((await call(a, session, 'GET', '/api/auth/me')).status).toBe(200);
    const out = await call(b, session, 'POST', '/api/auth/logout');
    expect(out.status).toBe(200);
    expect((await call(a, session, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await call(b, session, 'GET', '/api/auth/me')).status).toBe(401);
  });
});
