/**
 * A per-process memo of each industry audit's performance (tables 7.2/7.3, `auditPerformance`) and of its
 * data-collection counts (services/audits/collection-counts.ts), kept while the audit's inputs are unchanged, so a dashboard or a performance view recomputes only the audits a write touched
 * (issue 6: the province bureau's dashboard recomputed ≈ 200 000 options, seconds, after any write anywhere; the
 * read cache of services/read-cache.ts keys whole answers by the whole database's version).
 *
 * The key of an audit's inputs (its *fingerprint*) is read in one indexed statement: the audit row's `xmin` (its
 * threshold, period) and the audit's change counter (db/schema/change-counters.ts), which the database's statement
 * triggers bump in every transaction that writes its options, their benefit lines, its targets or its listed
 * enterprises, committed with the write. So any committed change of those rows changes the fingerprint, whatever
 * wrote it (a service, an import, `cpaudit synth`, SQL by hand). (Before the counters, the fingerprint summed the
 * `xmin` of every option and line of the audit: 20–30 ms for a 5 000-option audit, 1.3 s for a province's 91.)
 * Reference data that is code (the core's catalogues) changes only with a new process.
 *
 * The value is computed after its fingerprint was read, so it is never older than the fingerprint it is stored
 * under. Values are shared: callers must not modify them. At most MAX_AUDITS audits per database handle, the least
 * recently used dropped first.
 */
import { inArray, type SQL, sql } from 'drizzle-orm';
import { changeCounters, type Database, type Db, executeRows, industryAudits } from '../../db/index.ts';

export const MAX_AUDITS = 2_000;

interface Memo<T> {
  entries: Map<string, { fingerprint: string; value: T }>;
  /**
   * The audits being computed now, by whichever caller: another caller missing the same audit at the same
   * fingerprint waits for that value instead of computing it again (undefined: that computation failed).
   */
  pending: Map<string, { fingerprint: string; value: Promise<T | undefined> }>;
}

/**
 * The views memoized per audit: 'performance' (tables 7.2/7.3) and 'options' (its options by status, the
 * dashboard's), both under this module's fingerprint, and 'collection' (the data-collection counts of
 * services/audits/collection-counts.ts, its own fingerprint).
 */
export type AuditMemoKind = 'performance' | 'options' | 'collection';

const memos = new WeakMap<Database, Map<AuditMemoKind, Memo<unknown>>>();

/**
 * Counters, for tests and the bench, per memoized view: audits computed, audits reused from the memo, and audits
 * taken from another caller's computation in progress (`shared`).
 */
export const memoStats: Record<AuditMemoKind, { computed: number; reused: number; shared: number }> = {
  performance: { computed: 0, reused: 0, shared: 0 },
  options: { computed: 0, reused: 0, shared: 0 },
  collection: { computed: 0, reused: 0, shared: 0 },
};
/** The counters of tables 7.2/7.3. */
export const auditMemoStats = memoStats.performance;

/**
 * The fingerprint of each audit's table 7.2/7.3 inputs (audits that do not exist are absent, and those `visible`
 * does not hold for, a condition on `industry_audits`: one statement checks both for an audit page).
 */
export async function auditFingerprints(
  db: Db,
  auditIds: readonly string[],
  visible?: SQL,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (auditIds.length === 0) return out;
  const a = industryAudits;
  const c = changeCounters;
  const rows = await executeRows(
    db,
    sql`select ${a.id} as id, (${a}.xmin)::text || '/' || coalesce(${c.changes}, 0) as fp
      from ${a} left join ${c} on ${c.subject} = 'audit' and ${c.subjectId} = ${a.id}
      where ${inArray(a.id, [...auditIds])}${visible === undefined ? sql`` : sql` and ${visible}`}`,
  );
  for (const r of rows) out.set(String(r.id), String(r.fp));
  return out;
}

/** Misses are computed this many audits at a time (one query reads their options: memory stays bounded). */
export const AUDITS_PER_COMPUTE = 4;

/**
 * The value of each audit of `fingerprints`: reused when computed at the same fingerprint, else taken from another
 * caller computing it at that fingerprint now (a province's dashboards after a restart, several users at once, and
 * the warm-up: each audit computed once, not once per caller; measured with five users' first dashboards at once,
 * the province bureau's took 11 s, twice its 5.5 s alone), else computed by `compute` (given at most
 * AUDITS_PER_COMPUTE audits at a time, so a province's options are never all in memory).
 */
export async function memoizedByAudit<T>(
  database: Database,
  fingerprints: ReadonlyMap<string, string>,
  compute: (auditIds: string[]) => Promise<Map<string, T>>,
  kind: AuditMemoKind = 'performance',
): Promise<Map<string, T>> {
  let byKind = memos.get(database);
  if (!byKind) {
    byKind = new Map();
    memos.set(database, byKind);
  }
  let memo = byKind.get(kind) as Memo<T> | undefined;
  if (!memo) {
    memo = { entries: new Map(), pending: new Map() };
    byKind.set(kind, memo as Memo<unknown>);
  }
  const m = memo;
  const stats = memoStats[kind];
  const out = new Map<string, T>();
  const misses: string[] = [];
  const waits: [string, Promise<T | undefined>][] = [];
  for (const [auditId, fingerprint] of fingerprints) {
    const hit = m.entries.get(auditId);
    const pending = m.pending.get(auditId);
    if (hit && hit.fingerprint === fingerprint) {
      // Most recently used last.
      m.entries.delete(auditId);
      m.entries.set(auditId, hit);
      stats.reused += 1;
      out.set(auditId, hit.value);
    } else if (pending && pending.fingerprint === fingerprint) {
      waits.push([auditId, pending.value]);
    } else {
      misses.push(auditId);
    }
  }

  /** Computes `ids` (announced as pending first, so callers arriving meanwhile wait for them). */
  const computeAll = async (ids: string[]): Promise<void> => {
    const settle = new Map<string, (v: T | undefined) => void>();
    for (const auditId of ids) {
      const fingerprint = fingerprints.get(auditId) ?? '';
      const value = new Promise<T | undefined>((resolve) => settle.set(auditId, resolve));
      m.pending.set(auditId, { fingerprint, value });
    }
    const done = (auditId: string, value: T | undefined) => {
      settle.get(auditId)?.(value);
      settle.delete(auditId);
      if (m.pending.get(auditId)?.fingerprint === fingerprints.get(auditId)) m.pending.delete(auditId);
    };
    try {
      for (let i = 0; i < ids.length; i += AUDITS_PER_COMPUTE) {
        const chunk = ids.slice(i, i + AUDITS_PER_COMPUTE);
        const values = await compute(chunk);
        for (const auditId of chunk) {
          const value = values.get(auditId);
          const fingerprint = fingerprints.get(auditId);
          if (value !== undefined && fingerprint !== undefined) {
            stats.computed += 1;
            m.entries.delete(auditId);
            m.entries.set(auditId, { fingerprint, value });
            out.set(auditId, value);
          }
          done(auditId, value);
        }
        while (m.entries.size > MAX_AUDITS) {
          const oldest = m.entries.keys().next().value;
          if (oldest === undefined) break;
          m.entries.delete(oldest);
        }
      }
    } finally {
      // A failed computation: whoever waits for the rest computes them itself.
      for (const auditId of [...settle.keys()]) done(auditId, undefined);
    }
  };

  /** Takes the values of other callers' computations; computes those that failed. */
  const awaitShared = async (): Promise<void> => {
    const failed: string[] = [];
    for (const [auditId, value] of waits) {
      const v = await value;
      if (v === undefined) {
        failed.push(auditId);
      } else {
        stats.shared += 1;
        out.set(auditId, v);
      }
    }
    if (failed.length > 0) await computeAll(failed);
  };

  await Promise.all([computeAll(misses), awaitShared()]);
  return out;
}

/** Forgets every memoized audit of `database`, of one view or all (the bench measures computations cold with it). */
export function clearAuditMemo(database: Database, kind?: AuditMemoKind): void {
  if (kind === undefined) memos.delete(database);
  else memos.get(database)?.delete(kind);
}
