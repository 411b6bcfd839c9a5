/**
 * API throughput (issue 3): one representative read and one representative write of the real app, each next to a
 * bare Fastify route answering a payload of the same size, measured in the same run with autocannon.
 *
 * - read: `listAuditOptions` of the demo's 常州 industry audit (`GET /api/audits/:id/options?limit=50`) as the
 *   city bureau: session lookup, scope conditions, a paged query with joins, response validation;
 * - write: `updateOption` (`PATCH /api/options/:id`, `responsibleUnit`) with the version read: one transaction,
 *   version check, triggers (version bump, audit log). Each connection holds its own option while a request is in
 *   flight and takes the new version from the answer, so no write conflicts; only 2xx answers count as done.
 * - baseline: a bare Fastify app (no session, database or validation) whose routes answer the same number of
 *   bytes (the PATCH one parses the same JSON body).
 *
 * The servers run in a child process (this file with `serve`), the load generator here, so they do not share a
 * thread. Backends: embedded PGlite with the demo, and PostgreSQL when CPAUDIT_TEST_PG or DATABASE_URL is set (a
 * throw-away database created on that server, dropped after). BENCH_SECONDS (default 5) per measurement;
 * BENCH_DEBUG=1 prints every failed write (status and error).
 *
 *   npm run bench -- api
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------------------------
// autocannon (CommonJS, no type declarations): the part used here.

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }[];
}

interface Histogram {
  average: number;
  p50: number;
  p99: number;
}

interface AutocannonResult {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: Histogram;
}

const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: AutocannonOptions,
) => Promise<AutocannonResult>;

// ---------------------------------------------------------------------------------------------------------------
// Server side (child process): the real app on a backend with the demo, and the bare Fastify baseline.

const THIS_FILE = fileURLToPath(import.meta.url);

interface Ready {
  app: number;
  bare: number;
}

async function serve(backend: 'pglite' | 'postgres', databaseUrl: string | undefined): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { buildApp, loadConfig, openDatabase } = await import('@cpaudit/server');
  const { loadDemo } = await import('@cpaudit/server/demo');
  const dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-bench-api-'));
  const database =
    backend === 'postgres'
      ? await openDatabase({ databaseUrl: databaseUrl ?? '' })
      : await openDatabase({ memory: true });
  await database.migrate();
  await loadDemo(database, { dataDir });
  const config = { ...loadConfig({}), dataDir, loginRateLimit: 1_000_000, logLevel: 'error' };
  const app = await buildApp({ database, config });
  await app.listen({ port: 0, host: '127.0.0.1' });

  // Baseline: the same number of bytes as the real answer (`?bytes=`), JSON, nothing else.
  const bare = Fastify({ logger: false });
  const payloads = new Map<number, string>();
  const payload = (bytes: number): string => {
    let p = payloads.get(bytes);
    if (p === undefined) {
      p = `{"items":"${'x'.repeat(Math.max(0, bytes - 12))}"}`;
      payloads.set(bytes, p);
    }
    return p;
  };
  const bytesOf = (q: unknown): number => Number((q as { bytes?: string }).bytes ?? 0);
  bare.get('/bare', async (req, reply) => reply.type('application/json').send(payload(bytesOf(req.query))));
  bare.patch('/bare', async (req, reply) => {
    if (typeof (req.body as { version?: unknown }).version !== 'number') return reply.status(400).send();
    return reply.type('application/json').send(payload(bytesOf(req.query)));
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });

  const portOf = (s: { server: { address(): unknown } }): number =>
    (s.server.address() as { port: number }).port;
  const ready: Ready = { app: portOf(app), bare: portOf(bare) };
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
  const stop = async () => {
    await app.close();
    await bare.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

// ---------------------------------------------------------------------------------------------------------------
// Load side.

function startChild(
  backend: 'pglite' | 'postgres',
  url: string | undefined,
): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', THIS_FILE, 'serve', backend, url ?? ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveReady, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\{.*\})/.exec(out);
      if (m?.[1]) resolveReady({ child, ready: JSON.parse(m[1]) as Ready });
    });
    child.once('exit', (code) =>
      reject(new Error(`bench server exited (${code}) before it was ready:\n${out}`)),
    );
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo-2025!' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function getJson<T>(base: string, session: Session, path: string): Promise<{ body: T; bytes: number }> {
  const res = await fetch(`${base}${path}`, { headers: { cookie: session.cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text}`);
  return { body: JSON.parse(text) as T, bytes: Buffer.byteLength(text) };
}

interface OptionRef {
  id: string;
  version: number;
}

async function editableOptions(base: string, session: Session, auditId: string): Promise<OptionRef[]> {
  const { body } = await getJson<{ items: (OptionRef & { status: string })[] }>(
    base,
    session,
    `/api/audits/${auditId}/options?limit=500`,
  );
  // A verified option is locked (STATE_CONFLICT) until sent back: not a write anyone would make.
  return body.items.filter((o) => o.status !== 'verified').map((o) => ({ id: o.id, version: o.version }));
}

interface Figure {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

function figureOf(r: AutocannonResult): Figure {
  return {
    // Only 2xx answers are work done; latencies are autocannon's (recorded for 2xx only).
    rps: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

function read(
  base: string,
  path: string,
  connections: number,
  duration: number,
  headers: Record<string, string>,
) {
  return autocannon({ url: base, connections, duration, requests: [{ method: 'GET', path, headers }] }).then(
    figureOf,
  );
}

/** PATCHes of options, each connection on an option nobody else is writing, with the version it last got. */
function write(
  base: string,
  connections: number,
  duration: number,
  headers: Record<string, string>,
  pathOf: (o: OptionRef) => string,
  pool: OptionRef[],
): Promise<Figure> {
  let n = 0;
  return autocannon({
    url: base,
    connections,
    duration,
    requests: [
      {
        method: 'PATCH',
        path: '/',
        headers: { ...headers, 'content-type': 'application/json' },
        setupRequest(req, context) {
          const option = pool.pop();
          if (option === undefined) throw new Error('option pool empty: fewer options than connections');
          context.option = option;
          n++;
          return {
            ...req,
            path: pathOf(option),
            body: JSON.stringify({ version: option.version, responsibleUnit: `基准测试实施单位 ${n}` }),
          };
        },
        onResponse(status, body, context) {
          const option = context.option as OptionRef | undefined;
          if (option === undefined) return;
          context.option = undefined;
          if (status >= 200 && status < 300) {
            const next = (JSON.parse(body) as { version?: number }).version;
            pool.push({ id: option.id, version: typeof next === 'number' ? next : option.version });
          } else {
            // A failed write: its version is unknown now; the option leaves the pool (counted as failed).
            if (process.env.BENCH_DEBUG) console.log('failed write', status, body.slice(0, 300));
          }
        },
      },
    ],
  }).then(figureOf);
}

interface Line {
  scenario: string;
  connections: number;
  real: Figure;
  bare: Figure;
}

function printLines(title: string, lines: Line[]): void {
  console.log(`\n${title}`);
  const head = [
    'scenario',
    'conns',
    'cpaudit req/s',
    'p50 ms',
    'p99 ms',
    'failed',
    'bare req/s',
    'p50 ms',
    'p99 ms',
    'ratio',
  ];
  console.log(head.map((h) => h.padEnd(14)).join(''));
  for (const l of lines) {
    console.log(
      [
        l.scenario,
        String(l.connections),
        l.real.rps.toFixed(0),
        l.real.p50.toFixed(1),
        l.real.p99.toFixed(1),
        String(l.real.failed),
        l.bare.rps.toFixed(0),
        l.bare.p50.toFixed(1),
        l.bare.p99.toFixed(1),
        `${(l.real.rps / l.bare.rps).toFixed(3)}×`,
      ]
        .map((c) => c.padEnd(14))
        .join(''),
    );
  }
}

async function benchBackend(
  backend: 'pglite' | 'postgres',
  url: string | undefined,
  seconds: number,
): Promise<void> {
  const t0 = performance.now();
  const { child, ready } = await startChild(backend, url);
  try {
    const base = `http://127.0.0.1:${ready.app}`;
    const bareBase = `http://127.0.0.1:${ready.bare}`;
    console.log(
      `\n[${backend}] demo loaded and servers ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const session = await login(base, 'cz-bureau');
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
    const { body: audits } = await getJson<{ items: { id: string }[] }>(base, session, '/api/audits');
    const auditId = audits.items[0]?.id;
    if (!auditId) throw new Error('cz-bureau sees no audit in the demo');
    const readPath = `/api/audits/${auditId}/options?limit=50`;
    const readBytes = (await getJson(base, session, readPath)).bytes;
    const first = (await editableOptions(base, session, auditId))[0];
    if (!first) throw new Error('no option in the demo audit');
    const probe = await fetch(`${base}/api/options/${first.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ version: first.version, responsibleUnit: '基准测试实施单位' }),
    });
    const probeText = await probe.text();
    if (probe.status !== 200)
      throw new Error(`cz-bureau cannot update an option: ${probe.status} ${probeText}`);
    const writeBytes = Buffer.byteLength(probeText);
    console.log(
      `read answer ${readBytes} bytes, write answer ${writeBytes} bytes (the baseline answers as many)`,
    );

    // Warm-up (JIT, connection pools, caches), not reported.
    await read(base, readPath, 10, 1, headers);
    await read(bareBase, `/bare?bytes=${readBytes}`, 10, 1, {});

    const lines: Line[] = [];
    // 1 connection: the latency of one request alone; 10 and 50: throughput under concurrent users.
    for (const connections of [1, 10, 50]) {
      lines.push({
        scenario: 'read',
        connections,
        real: await read(base, readPath, connections, seconds, headers),
        bare: await read(bareBase, `/bare?bytes=${readBytes}`, connections, seconds, {}),
      });
      const pool = await editableOptions(base, session, auditId);
      if (pool.length < connections) throw new Error(`${pool.length} options for ${connections} connections`);
      const barePool = pool.map((o) => ({ ...o }));
      lines.push({
        scenario: 'write',
        connections,
        real: await write(base, connections, seconds, headers, (o) => `/api/options/${o.id}`, pool),
        bare: await write(bareBase, connections, seconds, {}, () => `/bare?bytes=${writeBytes}`, barePool),
      });
    }
    printLines(
      `API throughput on ${backend} (${seconds} s each; ratio = cpaudit req/s ÷ bare Fastify req/s; only 2xx counted)`,
      lines,
    );
  } finally {
    await stopChild(child);
  }
}

export default async function apiBench(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5) || 5;
  await benchBackend('pglite', undefined, seconds);
  const adminUrl = process.env.CPAUDIT_TEST_PG?.trim() || process.env.DATABASE_URL?.trim();
  if (!adminUrl) {
    console.log('\n(PostgreSQL not measured: set CPAUDIT_TEST_PG or DATABASE_URL to a postgres:// server)');
    return;
  }
  const { default: postgres } = await import('postgres');
  const name = `cpaudit_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  try {
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    await benchBackend('postgres', u.toString(), seconds);
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  }
}

if (process.argv[1] === THIS_FILE && process.argv[2] === 'serve') {
  const backend = process.argv[3] === 'postgres' ? 'postgres' : 'pglite';
  await serve(backend, process.argv[4] || undefined);
}
