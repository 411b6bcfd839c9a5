/**
 * A per-process memo of each industry audit's performance (tables 7.2/7.3, `auditPerformance`), kept while the
 * audit's inputs are unchanged, so a dashboard or a performance view recomputes only the audits a write touched
 * (issue 6: the province bureau's dashboard recomputed ≈ 200 000 options, seconds, after any write anywhere; the
 * read cache of services/read-cache.ts keys whole answers by the whole database's version).
 *
 * The key of an audit's inputs (its *fingerprint*) is read in one statement: the audit row's `xmin`, and for its
 * options, their benefit lines and its targets the row count and the sum of the rows' `xmin`. Every insert or
 * update writes a row version whose `xmin` is the id of the writing transaction, newer than the version it
 * replaces (ids grow: PostgreSQL's xid, 32-bit, wraps after ≈ 4·10⁹ transactions); a delete lowers the count. So
 * any committed change of those rows changes the count or raises the sum, and an answer is reused only for the
 * fingerprint it was computed at or older data never seen again. (VACUUM FREEZE keeps `xmin` readable since
 * PostgreSQL 9.4; had it not, a freeze would only cause a recomputation.) Reference data that is code (the core's
 * catalogues) changes only with a new process.
 *
 * The value is computed after its fingerprint was read, so it is never older than the fingerprint it is stored
 * under. Values are shared: callers must not modify them. At most MAX_AUDITS audits per database handle, the least
 * recently used dropped first.
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  auditTargets,
  cpOptions,
  type Database,
  type Db,
  executeRows,
  industryAudits,
  optionBenefits,
} from '../../db/index.ts';

export const MAX_AUDITS = 2_000;

interface Memo<T> {
  entries: Map<string, { fingerprint: string; value: T }>;
}

const memos = new WeakMap<Database, Memo<unknown>>();

/** Counters, for tests and the bench: audits computed and audits reused. */
export const auditMemoStats = { computed: 0, reused: 0 };

/** The fingerprint of each audit's table 7.2/7.3 inputs (audits that do not exist are absent). */
export async function auditFingerprints(db: Db, auditIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (auditIds.length === 0) return out;
  const a = industryAudits;
  const o = cpOptions;
  const b = optionBenefits;
  const t = auditTargets;
  const xsum = (x: SQL) => sql`coalesce(sum((${x})::text::bigint), 0)`;
  const ids = sql.join(
    auditIds.map((id) => sql`${id}`),
    sql`, `,
  );
  // A few audits: each audit's lines by its options' index (a nested loop: a few ms for a 5 000-option audit; the
  // planner, costing random reads as from disk, chose a scan of every line: 5× slower). Many audits: each table
  // scanned once, grouped by audit (a correlated subquery per audit scanned the lines once per audit: 7 s for 91).
  const rows =
    auditIds.length <= 8
      ? await executeRows(
          db,
          sql`select ${a.id} as id, (${a}.xmin)::text
            || '/' || (select count(*) || ':' || ${xsum(sql`o.xmin`)} from ${o} o where o.audit_id = ${a.id})
            || '/' || (select count(*) || ':' || ${xsum(sql`bl.xmin`)} from ${o} ob
                        cross join lateral (select b.xmin from ${b} b where b.option_id = ob.id offset 0) bl
                        where ob.audit_id = ${a.id})
            || '/' || (select count(*) || ':' || ${xsum(sql`t.xmin`)} from ${t} t where t.audit_id = ${a.id}) as fp
          from ${a} where ${a.id} in (${ids})`,
        )
      : await executeRows(
          db,
          sql`with og as (select o.audit_id, count(*) as n, ${xsum(sql`o.xmin`)} as s from ${o} o
                where o.audit_id in (${ids}) group by o.audit_id),
              bg as (select ob.audit_id, count(*) as n, ${xsum(sql`b.xmin`)} as s from ${b} b
                join ${o} ob on ob.id = b.option_id where ob.audit_id in (${ids}) group by ob.audit_id),
              tg as (select t.audit_id, count(*) as n, ${xsum(sql`t.xmin`)} as s from ${t} t
                where t.audit_id in (${ids}) group by t.audit_id)
            select ${a.id} as id, (${a}.xmin)::text
              || '/' || coalesce(og.n, 0) || ':' || coalesce(og.s, 0)
              || '/' || coalesce(bg.n, 0) || ':' || coalesce(bg.s, 0)
              || '/' || coalesce(tg.n, 0) || ':' || coalesce(tg.s, 0) as fp
            from ${a} left join og on og.audit_id = ${a.id} left join bg on bg.audit_id = ${a.id}
              left join tg on tg.audit_id = ${a.id}
            where ${a.id} in (${ids})`,
        );
  for (const r of rows) out.set(String(r.id), String(r.fp));
  return out;
}

/** Misses are computed this many audits at a time (one query reads their options: memory stays bounded). */
export const AUDITS_PER_COMPUTE = 4;

/**
 * The value of each audit of `fingerprints`: reused when computed at the same fingerprint, else computed by
 * `compute` (given at most AUDITS_PER_COMPUTE audits at a time, so a province's options are never all in memory).
 */
export async function memoizedByAudit<T>(
  database: Database,
  fingerprints: ReadonlyMap<string, string>,
  compute: (auditIds: string[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  let memo = memos.get(database) as Memo<T> | undefined;
  if (!memo) {
    memo = { entries: new Map() };
    memos.set(database, memo as Memo<unknown>);
  }
  const out = new Map<string, T>();
  const misses: string[] = [];
  for (const [auditId, fingerprint] of fingerprints) {
    const hit = memo.entries.get(auditId);
    if (hit && hit.fingerprint === fingerprint) {
      // Most recently used last.
      memo.entries.delete(auditId);
      memo.entries.set(auditId, hit);
      auditMemoStats.reused += 1;
      out.set(auditId, hit.value);
    } else {
      misses.push(auditId);
    }
  }
  for (let i = 0; i < misses.length; i += AUDITS_PER_COMPUTE) {
    const chunk = misses.slice(i, i + AUDITS_PER_COMPUTE);
    const values = await compute(chunk);
    for (const auditId of chunk) {
      const value = values.get(auditId);
      const fingerprint = fingerprints.get(auditId);
      if (value === undefined || fingerprint === undefined) continue;
      auditMemoStats.computed += 1;
      memo.entries.delete(auditId);
      memo.entries.set(auditId, { fingerprint, value });
      out.set(auditId, value);
    }
    while (memo.entries.size > MAX_AUDITS) {
      const oldest = memo.entries.keys().next().value;
      if (oldest === undefined) break;
      memo.entries.delete(oldest);
    }
  }
  return out;
}

/** Forgets every memoized audit of `database` (the bench measures the computation cold with it). */
export function clearAuditMemo(database: Database): void {
  memos.delete(database);
}
