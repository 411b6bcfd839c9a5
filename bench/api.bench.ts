/**
 * API under concurrent load on the synthetic province (issue 6; `bench/province.ts` builds or reuses it): three reads
 * and two writes of the real app, each next to a bare Fastify route answering a payload of the same size, measured
 * in the same run with autocannon at 1 and 50 connections, and the peak RSS of the server process during each.
 *
 * - dashboard: `GET /api/dashboard` as the bureau of the city of the largest audit (one scoped request);
 * - benchmark: `GET /api/indicator-systems/:id/benchmark?indicator=rinse-water-per-area&year=…` as the province
 *   bureau: one indicator of the electroplating system across the whole industry of the province (the summary over
 *   all its enterprises and the first page of the list, 50 entries by default);
 * - enterprise: `GET /api/enterprises/:id` as that city bureau (the enterprise page's profile);
 * - annual write: `PUT /api/annual/enterprises/:id/years/:year` (a draft year, one value re-saved with a new note)
 *   as the platform administrator, with the submission version read;
 * - option write: `PATCH /api/options/:id` (`responsibleUnit`) with the version read, as the city bureau.
 * Each write connection holds its own row while a request is in flight and takes the new version from the answer,
 * so there are no write conflicts; only 2xx answers count. Writes bump versions in the cached province (the data
 * stay the same otherwise). BENCH_SECONDS (default 5) per measurement.
 *
 * Then the province bureau's dashboard (every audit of the province) one request at a time, right after an option
 * write in the largest audit and right after an annual-data write, against the same dashboard with nothing written
 * (`dashboardAfterWrites`): what the per-audit memos leave to recompute after a write.
 *
 *   npm run bench -- api
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  backends,
  ensureProvince,
  markdownTable,
  PROVINCE,
  type ProvinceLocation,
  printBuild,
  startServer,
  stopServer,
} from './province.ts';

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

interface Line {
  scenario: string;
  connections: number;
  real: Figure;
  bare: Figure;
  rss_MB: number;
}

async function peakRss(bareBase: string): Promise<number> {
  const res = await fetch(`${bareBase}/__rss`);
  return ((await res.json()) as { peak_MB: number }).peak_MB;
}

interface AnnualRef extends OptionRef {
  year: number;
  quantity: number;
}

async function benchBackend(loc: ProvinceLocation, seconds: number): Promise<void> {
  printBuild(loc);
  const t0 = performance.now();
  let child: ChildProcess | undefined;
  try {
    const started = await startServer(loc);
    child = started.child;
    const { ready } = started;
    const info = ready.info;
    const base = `http://127.0.0.1:${ready.app}`;
    const bareBase = `http://127.0.0.1:${ready.bare}`;
    console.log(
      `\n[${loc.backend}] servers ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; largest audit: ${info.auditTitle} (${info.auditEnterprises} enterprises)`,
    );
    const prefix = `s${PROVINCE.seed}`;
    const city = await login(base, `${prefix}-${info.cityCode}`);
    const province = await login(base, `${prefix}-province`);
    const admin = await login(base, `${prefix}-admin`);
    const h = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
    if (!info.systemId || !info.enterpriseId)
      throw new Error('the province has no electroplating system or enterprise');
    const lastYear = Math.max(...info.drafts.map((d) => d.year), 2024);
    const reads: { scenario: string; session: Session; path: string }[] = [
      { scenario: 'dashboard', session: city, path: '/api/dashboard' },
      {
        scenario: 'benchmark',
        session: province,
        path: `/api/indicator-systems/${info.systemId}/benchmark?indicator=rinse-water-per-area&year=${lastYear}`,
      },
      { scenario: 'enterprise', session: city, path: `/api/enterprises/${info.enterpriseId}` },
    ];
    const lines: Line[] = [];
    for (const r of reads) {
      const bytes = (await getJson(base, r.session, r.path)).bytes;
      await read(base, r.path, 10, 1, h(r.session));
      for (const connections of [1, 50]) {
        await peakRss(bareBase);
        const real = await read(base, r.path, connections, seconds, h(r.session));
        const rss = await peakRss(bareBase);
        const bare = await read(bareBase, `/bare?bytes=${bytes}`, connections, seconds, {});
        lines.push({
          scenario: `${r.scenario} (${(bytes / 1024).toFixed(1)} KB)`,
          connections,
          real,
          bare,
          rss_MB: rss,
        });
      }
    }

    // Annual write: draft years of the last data year, one value re-saved with a new note.
    const annualPool: AnnualRef[] = [];
    for (const d of info.drafts.slice(0, 120)) {
      const { body } = await getJson<{
        submission: { version: number } | null;
        values: { itemCode: string; quantity: number | null }[];
      }>(base, admin, `/api/annual/enterprises/${d.id}/years/${d.year}`);
      const reuse = body.values.find((v) => v.itemCode === 'water.reuse');
      if (body.submission && typeof reuse?.quantity === 'number') {
        annualPool.push({
          id: d.id,
          year: d.year,
          version: body.submission.version,
          quantity: reuse.quantity,
        });
      }
    }
    // Options of the largest audit that the city bureau may change (a verified option is locked).
    const { body: opts } = await getJson<{ items: (OptionRef & { status: string })[] }>(
      base,
      city,
      `/api/audits/${info.auditId}/options?limit=500`,
    );
    const optionPool = opts.items
      .filter((o) => o.status !== 'verified')
      .map((o) => ({ id: o.id, version: o.version }));
    const probeOption = optionPool[0];
    if (!probeOption) throw new Error('no option to write');
    const probe = await fetch(`${base}/api/options/${probeOption.id}`, {
      method: 'PATCH',
      headers: { ...h(city), 'content-type': 'application/json' },
      body: JSON.stringify({ version: probeOption.version, responsibleUnit: '基准测试实施单位' }),
    });
    const probeText = await probe.text();
    if (probe.status !== 200) throw new Error(`option write refused: ${probe.status} ${probeText}`);
    probeOption.version = (JSON.parse(probeText) as { version: number }).version;
    const optionBytes = Buffer.byteLength(probeText);
    const firstAnnual = annualPool[0];
    if (!firstAnnual) throw new Error('no draft year to write');
    const annualBytes = (
      await getJson(base, admin, `/api/annual/enterprises/${firstAnnual.id}/years/${firstAnnual.year}`)
    ).bytes;

    for (const connections of [1, 50]) {
      // autocannon builds a connection's first request twice (at setup and at the first send), so a connection
      // may hold two rows: a small province (BENCH_ENTERPRISES) with few draft years gets fewer connections.
      const annualConns = Math.max(1, Math.min(connections, Math.floor(annualPool.length / 2)));
      let n = 0;
      await peakRss(bareBase);
      const realAnnual = await writeWith(
        base,
        annualConns,
        seconds,
        h(admin),
        'PUT',
        annualPool,
        (o) => {
          const a = o as AnnualRef;
          n++;
          return {
            path: `/api/annual/enterprises/${a.id}/years/${a.year}`,
            body: JSON.stringify({
              version: a.version,
              values: [{ itemCode: 'water.reuse', quantity: a.quantity, unit: 'm3', note: `基准测试 ${n}` }],
            }),
          };
        },
        (b) => (JSON.parse(b) as { submission?: { version?: number } }).submission?.version,
      );
      const rssA = await peakRss(bareBase);
      const bareAnnual = await writeWith(
        bareBase,
        annualConns,
        seconds,
        {},
        'PUT',
        annualPool.map((o) => ({ ...o })),
        () => ({
          path: `/bare?bytes=${annualBytes}`,
          body: JSON.stringify({ version: 1 }),
        }),
        () => 1,
      );
      lines.push({
        scenario: `annual write (${(annualBytes / 1024).toFixed(1)} KB)`,
        connections: annualConns,
        real: realAnnual,
        bare: bareAnnual,
        rss_MB: rssA,
      });

      if (optionPool.length < 2 * connections)
        throw new Error(`${optionPool.length} options for ${connections} connections`);
      await peakRss(bareBase);
      const realOption = await writeWith(
        base,
        connections,
        seconds,
        h(city),
        'PATCH',
        optionPool,
        (o) => {
          n++;
          return {
            path: `/api/options/${o.id}`,
            body: JSON.stringify({ version: o.version, responsibleUnit: `基准测试实施单位 ${n}` }),
          };
        },
        (b) => (JSON.parse(b) as { version?: number }).version,
      );
      const rssO = await peakRss(bareBase);
      const bareOption = await writeWith(
        bareBase,
        connections,
        seconds,
        {},
        'PATCH',
        optionPool.map((o) => ({ ...o })),
        () => ({
          path: `/bare?bytes=${optionBytes}`,
          body: JSON.stringify({ version: 1 }),
        }),
        () => 1,
      );
      lines.push({
        scenario: `option write (${(optionBytes / 1024).toFixed(1)} KB)`,
        connections,
        real: realOption,
        bare: bareOption,
        rss_MB: rssO,
      });
    }
    markdownTable(
      `API on ${loc.backend}, province of ${PROVINCE.enterprises} enterprises (${seconds} s each; ratio = cpaudit req/s ÷ bare Fastify req/s; only 2xx counted; RSS = peak of the server process)`,
      [
        'scenario',
        'conns',
        'cpaudit req/s',
        'p50 ms',
        'p99 ms',
        'failed',
        'bare req/s',
        'bare p50',
        'bare p99',
        'ratio',
        'peak RSS MB',
      ],
      lines.map((l) => [
        l.scenario,
        l.connections,
        l.real.rps.toFixed(0),
        l.real.p50.toFixed(1),
        l.real.p99.toFixed(1),
        l.real.failed,
        l.bare.rps.toFixed(0),
        l.bare.p50.toFixed(1),
        l.bare.p99.toFixed(1),
        `${(l.real.rps / l.bare.rps).toFixed(3)}×`,
        l.rss_MB.toFixed(0),
      ]),
    );
    await dashboardAfterWrites(base, { city, province, admin }, info.auditId, firstAnnual);
  } finally {
    if (child) await stopServer(child);
  }
}

/** One request's wall time, in ms (it must answer 200). */
async function timed(base: string, session: Session, path: string, init: RequestInit = {}): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { cookie: session.cookie, ...init.headers },
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * The province bureau's dashboard (every audit of the province) right after a write, one request at a time: after
 * the city bureau changes an option of the largest audit (its tables 7.2/7.3 and options by status recomputed),
 * and after an enterprise's annual data changes (its audits' collection counts recomputed); against the same
 * dashboard when nothing was written (the read cache answers).
 */
async function dashboardAfterWrites(
  base: string,
  s: { city: Session; province: Session; admin: Session },
  auditId: string,
  annual: AnnualRef | undefined,
): Promise<void> {
  const ROUNDS = 10;
  const h = (x: Session) => ({ 'x-csrf-token': x.csrf, 'content-type': 'application/json' });
  const { body: list } = await getJson<{ items: (OptionRef & { status: string })[] }>(
    base,
    s.city,
    `/api/audits/${auditId}/options?limit=20`,
  );
  const option = list.items.find((o) => o.status !== 'verified');
  if (!option || !annual) throw new Error('no option or annual year to write');
  const year = await getJson<{ submission: { version: number } | null }>(
    base,
    s.admin,
    `/api/annual/enterprises/${annual.id}/years/${annual.year}`,
  );
  let annualVersion = year.body.submission?.version ?? 0;
  await timed(base, s.province, '/api/dashboard');
  const unchanged: number[] = [];
  for (let i = 0; i < ROUNDS; i++) unchanged.push(await timed(base, s.province, '/api/dashboard'));
  const afterOption: number[] = [];
  const afterAnnual: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const res = await fetch(`${base}/api/options/${option.id}`, {
      method: 'PATCH',
      headers: { cookie: s.city.cookie, ...h(s.city) },
      body: JSON.stringify({ version: option.version, responsibleUnit: `看板基准 ${i}` }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`option write: ${res.status} ${text}`);
    option.version = (JSON.parse(text) as { version: number }).version;
    afterOption.push(await timed(base, s.province, '/api/dashboard'));

    const put = await fetch(`${base}/api/annual/enterprises/${annual.id}/years/${annual.year}`, {
      method: 'PUT',
      headers: { cookie: s.admin.cookie, ...h(s.admin) },
      body: JSON.stringify({
        version: annualVersion,
        values: [{ itemCode: 'water.reuse', quantity: annual.quantity, unit: 'm3', note: `看板基准 ${i}` }],
      }),
    });
    const putText = await put.text();
    if (put.status !== 200) throw new Error(`annual write: ${put.status} ${putText}`);
    annualVersion = (JSON.parse(putText) as { submission: { version: number } }).submission.version;
    afterAnnual.push(await timed(base, s.province, '/api/dashboard'));
  }
  const base_ms = median(unchanged);
  markdownTable(
    `The province bureau's dashboard (all audits) right after a write (${ROUNDS} rounds, one request at a time; baseline = the same dashboard with nothing written: the read cache)`,
    ['scenario', 'median ms', 'max ms', 'baseline median ms', 'ratio'],
    [
      ['after an option write in the largest audit', afterOption, base_ms],
      ["after an enterprise's annual data write", afterAnnual, base_ms],
    ].map(([name, xs, b]) => [
      String(name),
      median(xs as number[]).toFixed(1),
      Math.max(...(xs as number[])).toFixed(1),
      (b as number).toFixed(1),
      `${(median(xs as number[]) / (b as number)).toFixed(1)}×`,
    ]),
  );
}

/** Writes, each connection on a row nobody else is writing, with the version it last got. */
function writeWith(
  base: string,
  connections: number,
  duration: number,
  headers: Record<string, string>,
  method: 'PUT' | 'PATCH',
  pool: OptionRef[],
  request: (o: OptionRef) => { path: string; body: string },
  nextVersion: (body: string) => number | undefined,
): Promise<Figure> {
  return autocannon({
    url: base,
    connections,
    duration,
    requests: [
      {
        method,
        path: '/',
        headers: { ...headers, 'content-type': 'application/json' },
        setupRequest(req, context) {
          const row = pool.pop();
          if (row === undefined) throw new Error('write pool empty: fewer rows than connections');
          context.row = row;
          return { ...req, ...request(row) };
        },
        onResponse(status, body, context) {
          const row = context.row as OptionRef | undefined;
          if (row === undefined) return;
          context.row = undefined;
          if (status >= 200 && status < 300) {
            const next = nextVersion(body);
            pool.push({ ...row, version: typeof next === 'number' ? next : row.version });
          } else if (process.env.BENCH_DEBUG) {
            console.log('failed write', status, body.slice(0, 300));
          }
        },
      },
    ],
  }).then(figureOf);
}

export default async function apiBench(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5) || 5;
  for (const backend of backends()) await benchBackend(await ensureProvince(backend), seconds);
}
