/**
 * A per-process cache of serialized answers of read endpoints (the dashboard, benchmarking: `cache: true` in
 * http/register.ts), reused only while the database has not changed, so a write committed by any process is seen
 * by the next request of every process.
 *
 * The key of an entry is (what, the caller's scope, its arguments, the hour); its value is kept with the *data
 * version* of the request that computed it, and reused only by a request that sees the same data. The data
 * version is read in the session query (services/auth/sessions.ts), in one statement, so in one snapshot:
 *
 *     M = max(audit_log.seq) visible,   X = the transactions in progress (xip of pg_current_snapshot())
 *
 * An answer computed at (M, X) is reused by a request at (M', X') when M' = M and X ⊆ X' (`sameData`): every
 * transaction in progress then is still in progress (on a shared server X holds other databases' transactions
 * too; requiring X' = X would miss whenever any of them ended). Why that means nothing changed since: every table but `audit_log` and `sessions` carries the
 * `cp_audit` AFTER ROW trigger (checked by src/db/migrations.test.ts), so a transaction T that changes data takes
 * its transaction id (at its first row write) before it appends its first audit row. If T had its id when the
 * older snapshot S1 was taken, T was in S1's X (still running) or already visible in S1 (committed); if it took
 * its id after S1, its audit rows were numbered after S1 by the identity sequence (`CACHE 1`, so numbers follow
 * allocation order across sessions), above S1's M. Once T commits, the newer snapshot S2 has T out of X (so
 * X ⊄ X'), or M above S1's M. Reads (and `sessions` touches) take no audit row, so a read-only load keeps M and
 * hits the cache. The value is computed after its version was read, so it is never older than
 * the version it is stored under.
 *
 * Scope: the user id and the role grants (what services/scope.ts turns into SQL). Clock: results depending on
 * "today" (schedules, current engagements) are keyed by the UTC hour, which fixes the date in every whole-hour
 * time zone (Asia/Shanghai for schedules, the database's for `current_date`).
 *
 * Concurrent identical requests share one computation (single flight); a failed computation is not kept.
 * Bounded: at most MAX_ENTRIES entries and MAX_BYTES of answers per database handle, the least recently used
 * dropped first. The answers are JSON text (validated and encoded by the endpoint's response schema once), so a
 * reuse costs neither the computation nor the serialization.
 */
import { type SQL, sql } from 'drizzle-orm';
import { auditLog, type Database, type Db, executeRows } from '../db/index.ts';
import type { ServiceContext } from './context.ts';

/** The data version as one SQL expression (text), to be read in one statement (so in one snapshot). */
export function dataVersionSql(): SQL<string> {
  return sql<string>`((select coalesce(max(l.seq), 0) from ${auditLog} l)::text || '/'
    || split_part(pg_current_snapshot()::text, ':', 3))`;
}

/** The data version now (the session query reads it along with the session; tests read it alone). */
export async function readDataVersion(db: Db): Promise<string> {
  const [row] = await executeRows(db, sql`select ${dataVersionSql()} as v`);
  return String(row?.v);
}

/** The most entries kept per database handle, and the most bytes of answers they hold together. */
export const MAX_ENTRIES = 500;
export const MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  version: string;
  value: Promise<string>;
  /** Known once the value is computed (0 before). */
  bytes: number;
}

interface Cache {
  entries: Map<string, Entry>;
  bytes: number;
}

/** One cache per database handle: one per process on PostgreSQL (its pool), the embedded database's owner. */
const caches = new WeakMap<Database, Cache>();

/** Counters, for tests and the bench: computations done and answers reused. */
export const readCacheStats = { computed: 0, reused: 0 };

/** What the key and the version are taken from: a service context (or the request's parts of one). */
export type CacheScope = Pick<ServiceContext, 'database' | 'actor' | 'now' | 'dataVersion'>;

function cacheOf(database: Database): Cache {
  let c = caches.get(database);
  if (!c) {
    c = { entries: new Map(), bytes: 0 };
    caches.set(database, c);
  }
  return c;
}

function keyOf(ctx: CacheScope, what: string, args: unknown): string {
  const scope = ctx.actor.roles.map((g) => [g.role, g.bureauId, g.enterpriseId, g.consultingFirmId]);
  const hour = ctx.now().toISOString().slice(0, 13);
  return JSON.stringify([what, ctx.actor.userId, scope, hour, args]);
}

/**
 * Whether a request at data version `now` sees the data an answer computed at version `then` was computed from:
 * the same newest audit row, and every transaction in progress then still in progress now (none of them has
 * committed since; transactions begun since are invisible to the request). Versions are `M/x1,x2,…`.
 */
export function sameData(then: string, now: string): boolean {
  if (then === now) return true;
  const [m1, x1 = ''] = then.split('/');
  const [m2, x2 = ''] = now.split('/');
  if (m1 !== m2) return false;
  if (x1 === '') return true;
  const running = new Set(x2.split(','));
  return x1.split(',').every((x) => running.has(x));
}

function drop(cache: Cache, key: string): void {
  const e = cache.entries.get(key);
  if (!e) return;
  cache.entries.delete(key);
  cache.bytes -= e.bytes;
}

/**
 * The answer `compute()` gives (a serialized response), or the one a request that saw the same data (`sameData`)
 * already computed for the same caller and arguments. Without a data version (outside HTTP), always `compute()`.
 */
export async function cachedRead(
  ctx: CacheScope,
  what: string,
  args: unknown,
  compute: () => Promise<string>,
): Promise<string> {
  const version = ctx.dataVersion;
  if (version === undefined) return compute();
  const cache = cacheOf(ctx.database);
  const key = keyOf(ctx, what, args);
  const hit = cache.entries.get(key);
  if (hit && sameData(hit.version, version)) {
    // Most recently used last.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    readCacheStats.reused++;
    return hit.value;
  }
  readCacheStats.computed++;
  const value = compute();
  const entry: Entry = { version, value, bytes: 0 };
  drop(cache, key);
  cache.entries.set(key, entry);
  value.then(
    (text) => {
      if (cache.entries.get(key) !== entry) return;
      entry.bytes = Buffer.byteLength(text);
      cache.bytes += entry.bytes;
      // Least recently used first, never the entry just stored.
      for (const oldest of cache.entries.keys()) {
        if (cache.entries.size <= MAX_ENTRIES && cache.bytes <= MAX_BYTES) break;
        if (oldest === key) continue;
        drop(cache, oldest);
      }
      if (cache.bytes > MAX_BYTES) drop(cache, key);
    },
    () => {
      if (cache.entries.get(key) === entry) drop(cache, key);
    },
  );
  return value;
}
