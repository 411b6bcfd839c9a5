/**
 * The fixed synthetic province of the benchmarks (`cpaudit synth`), built once and reused between runs:
 * - PGlite: a data folder `bench/.cache/province-v<generator>-s<seed>-n<enterprises>-m<options>/` (`db/` and the
 *   evidence `files/`), complete when its `ready.json` exists;
 * - PostgreSQL (CPAUDIT_TEST_PG or DATABASE_URL): the database `cpaudit_bench` on that server, reused when its
 *   `synth.<seed>` record has the same generator version, size and years, else dropped and rebuilt; its evidence
 *   files in `bench/.cache/postgres-…/files`.
 * Size: BENCH_ENTERPRISES (default 20 000), BENCH_OPTIONS per enterprise (default 10 → ≈ 200 000 options),
 * BENCH_SEED (default 6); 3 years; BENCH_BACKENDS=pglite|postgres to measure one backend.
 * `node --import tsx bench/province.ts build [pglite|postgres]` builds ahead (one build per cache at a time).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../packages/server/src/db/index.ts';
import {
  SYNTH_VERSION,
  type SynthSummary,
  synthesize,
  synthRecord,
} from '../packages/server/src/synth/index.ts';

export type Backend = 'pglite' | 'postgres';

export const PROVINCE = {
  enterprises: Number(process.env.BENCH_ENTERPRISES ?? 20_000) || 20_000,
  options: Number(process.env.BENCH_OPTIONS ?? 10) || 10,
  seed: Number(process.env.BENCH_SEED ?? 6) || 6,
  years: 3,
};

/** Where a backend's province lives: the data folder (evidence files; the PGlite database) and the URL if any. */
export interface ProvinceLocation {
  backend: Backend;
  dataDir: string;
  databaseUrl?: string;
  /** The generation figure when it was built in this run. */
  built?: { seconds: number; rows: number; files: number; fileBytes: number };
}

const CACHE = fileURLToPath(new URL('./.cache/', import.meta.url));
const tag = () => `v${SYNTH_VERSION}-s${PROVINCE.seed}-n${PROVINCE.enterprises}-m${PROVINCE.options}`;

/** The PostgreSQL server URL of the run (CPAUDIT_TEST_PG, else DATABASE_URL), or undefined. */
export function postgresAdminUrl(): string | undefined {
  return process.env.CPAUDIT_TEST_PG?.trim() || process.env.DATABASE_URL?.trim() || undefined;
}

function progress(label: string) {
  let last = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (now - last < 5000 && done < total) return;
    last = now;
    process.stderr.write(`  [${label}] ${done}/${total} enterprises\n`);
  };
}

function rowsOf(s: SynthSummary): number {
  return Object.entries(s.counts)
    .filter(([k]) => k !== 'files' && k !== 'file_bytes')
    .reduce((a, [, n]) => a + n, 0);
}

function builtOf(s: SynthSummary): NonNullable<ProvinceLocation['built']> {
  return {
    seconds: s.seconds,
    rows: rowsOf(s),
    files: s.counts.files ?? 0,
    fileBytes: s.counts.file_bytes ?? 0,
  };
}

async function ensurePglite(): Promise<ProvinceLocation> {
  const dataDir = join(CACHE, `province-${tag()}`);
  const ready = join(dataDir, 'ready.json');
  if (existsSync(ready)) {
    // A cached province gets the migrations added since it was built (indexes, columns).
    const database = await openDatabase({ dataDir });
    try {
      await database.migrate();
    } finally {
      await database.close();
    }
    return { backend: 'pglite', dataDir };
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  process.stderr.write(`building the synthetic province on PGlite in ${dataDir} …\n`);
  const database = await openDatabase({ dataDir });
  try {
    await database.migrate();
    const s = await synthesize(database, {
      enterprises: PROVINCE.enterprises,
      years: PROVINCE.years,
      seed: PROVINCE.seed,
      optionsPerEnterprise: PROVINCE.options,
      dataDir,
      batchSize: 500,
      onProgress: progress('pglite'),
    });
    const built = builtOf(s);
    writeFileSync(ready, JSON.stringify({ ...built, counts: s.counts, anomalies: s.anomalies }, null, 1));
    return { backend: 'pglite', dataDir, built };
  } finally {
    await database.close();
  }
}

const PG_DATABASE = 'cpaudit_bench';

async function ensurePostgres(adminUrl: string): Promise<ProvinceLocation> {
  const { default: postgres } = await import('postgres');
  const url = new URL(adminUrl);
  url.pathname = `/${PG_DATABASE}`;
  const dataDir = join(CACHE, `postgres-${tag()}`);
  const location: ProvinceLocation = { backend: 'postgres', dataDir, databaseUrl: url.toString() };
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const exists = (await admin`select 1 from pg_database where datname = ${PG_DATABASE}`).length > 0;
    if (exists && existsSync(join(dataDir, 'ready.json'))) {
      const database = await openDatabase({ databaseUrl: url.toString() });
      try {
        const rec = await synthRecord(database.db, PROVINCE.seed).catch(() => null);
        if (
          rec &&
          rec.version === SYNTH_VERSION &&
          rec.enterprises === PROVINCE.enterprises &&
          rec.optionsPerEnterprise === PROVINCE.options &&
          Array.isArray(rec.years) &&
          rec.years.length === PROVINCE.years
        ) {
          // A cached province gets the migrations added since it was built (indexes, columns).
          await database.migrate();
          return location;
        }
      } finally {
        await database.close();
      }
    }
    process.stderr.write(`building the synthetic province on PostgreSQL (database ${PG_DATABASE}) …\n`);
    await admin.unsafe(`drop database if exists "${PG_DATABASE}" with (force)`);
    await admin.unsafe(`create database "${PG_DATABASE}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    await database.migrate();
    const s = await synthesize(database, {
      enterprises: PROVINCE.enterprises,
      years: PROVINCE.years,
      seed: PROVINCE.seed,
      optionsPerEnterprise: PROVINCE.options,
      dataDir,
      batchSize: 500,
      onProgress: progress('postgres'),
    });
    location.built = builtOf(s);
    writeFileSync(
      join(dataDir, 'ready.json'),
      JSON.stringify({ ...location.built, counts: s.counts }, null, 1),
    );
    return location;
  } finally {
    await database.close();
  }
}

/** The province on a backend, built if absent or stale. */
export function ensureProvince(backend: Backend): Promise<ProvinceLocation> {
  if (backend === 'pglite') return ensurePglite();
  const url = postgresAdminUrl();
  if (!url) throw new Error('no PostgreSQL URL (CPAUDIT_TEST_PG or DATABASE_URL)');
  return ensurePostgres(url);
}

/** Backends of this run: PGlite, and PostgreSQL when a URL is set (else a line saying it was skipped). */
let saidSkipped = false;

export function backends(): Backend[] {
  // BENCH_BACKENDS=postgres (or pglite) measures one backend only.
  const only = process.env.BENCH_BACKENDS?.split(',').map((b) => b.trim());
  if (only?.length) return (['pglite', 'postgres'] as const).filter((b) => only.includes(b));
  if (postgresAdminUrl()) return ['pglite', 'postgres'];
  if (saidSkipped) return ['pglite'];
  saidSkipped = true;
  console.log(
    '\n(PostgreSQL skipped: set CPAUDIT_TEST_PG or DATABASE_URL to a postgres:// server to measure it too)',
  );
  return ['pglite'];
}

const printedBuild = new Set<Backend>();

/** Prints the generation figure once per backend (rows/s): of this run, or as recorded when the cache was built. */
export function printBuild(p: ProvinceLocation): void {
  if (printedBuild.has(p.backend)) return;
  printedBuild.add(p.backend);
  const b = p.built;
  if (!b) {
    console.log(
      `\n[${p.backend}] synthetic province reused from the cache; it was generated at ${recordedBuild(p)}`,
    );
    return;
  }
  console.log(
    `\n[${p.backend}] synthetic province generated: ${PROVINCE.enterprises} enterprises, ${b.rows} rows, ${b.files} evidence files (${(b.fileBytes / 1e6).toFixed(0)} MB) in ${b.seconds.toFixed(0)} s = ${Math.round(b.rows / b.seconds)} rows/s`,
  );
}

/** The generation figure recorded when the cached province was built (for a re-run that reuses it). */
export function recordedBuild(p: ProvinceLocation): string {
  try {
    const r = JSON.parse(readFileSync(join(p.dataDir, 'ready.json'), 'utf8')) as {
      seconds: number;
      rows: number;
    };
    return `${r.rows} rows in ${r.seconds.toFixed(0)} s = ${Math.round(r.rows / r.seconds)} rows/s (cached)`;
  } catch {
    return 'unknown';
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'build') {
  const which = (process.argv[3] as Backend | undefined) ?? 'pglite';
  const p = await ensureProvince(which);
  printBuild(p);
  if (!p.built) console.log(`[${which}] province already built: ${recordedBuild(p)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Children: the scenarios run in a process of their own (its peak RSS is the figure's memory).

const CHILD = fileURLToPath(new URL('./province-child.ts', import.meta.url));

/** Runs an in-process scenario (aggregation, report, import) in a child and returns its rows and peak RSS. */
export function runTask(
  name: string,
  loc: ProvinceLocation,
): Promise<import('./province-child.ts').TaskResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'task', name, JSON.stringify(loc)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) => {
      const m = /RESULT (\{.*\})/.exec(out);
      if (code === 0 && m?.[1]) resolve(JSON.parse(m[1]));
      else reject(new Error(`bench task ${name} exited (${code}):\n${out}`));
    });
  });
}

export interface ServerInfo {
  app: number;
  bare: number;
  info: Awaited<ReturnType<typeof import('./province-child.ts').probe>>;
}

/** Starts the app and the bare baseline on the province in a child process. */
export function startServer(loc: ProvinceLocation): Promise<{ child: ChildProcess; ready: ServerInfo }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'serve', JSON.stringify(loc)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveReady, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\{.*\})/.exec(out);
      if (m?.[1]) resolveReady({ child, ready: JSON.parse(m[1]) as ServerInfo });
    });
    child.once('exit', (code) =>
      reject(new Error(`bench server exited (${code}) before it was ready:\n${out}`)),
    );
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A Markdown table (copyable into bench/RESULTS.md). */
export function markdownTable(title: string, head: string[], rows: (string | number)[][]): void {
  console.log(`\n${title}\n`);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

/** Prints the rows of in-process scenarios with their baseline, ratio and the child's peak RSS. */
export function printTaskRows(
  backend: Backend,
  title: string,
  result: import('./province-child.ts').TaskResult,
): void {
  markdownTable(
    `${title} on ${backend} (median ms; ratio = cpaudit ÷ baseline; peak RSS of the server process)`,
    ['scenario', 'items', 'cpaudit ms', 'baseline', 'baseline ms', 'ratio', 'peak RSS MB', 'note'],
    result.rows.map((r) => [
      r.scenario,
      r.items,
      r.figure.median_ms.toFixed(1),
      r.baseline.name,
      r.baseline.median_ms.toFixed(1),
      `${(r.figure.median_ms / r.baseline.median_ms).toFixed(2)}×`,
      result.peakRss_MB.toFixed(0),
      r.note ?? '',
    ]),
  );
}
