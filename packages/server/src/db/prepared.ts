/**
 * Prepared queries built once per database handle. Drizzle builds a query's SQL text by walking its expression
 * tree on every call, and an unprepared statement is parsed and planned by the server on every call; for the
 * queries every request runs (the session lookup, the enterprise page's lists) both were most of the request's
 * cost in the province bench (issue 6). A query built here takes its varying values as `sql.placeholder(name)`s
 * and runs with `.execute({ name: value })` (instants as ISO text: a placeholder skips the column encoder on
 * postgres-js).
 */
import type { Db } from './connect.ts';

const built = new WeakMap<Db, Map<string, unknown>>();

/** The query `build(db)` prepared under `name` (one name, one query shape), built on first use for `db`. */
export function preparedFor<T>(db: Db, name: string, build: (db: Db) => T): T {
  let byName = built.get(db);
  if (!byName) {
    byName = new Map();
    built.set(db, byName);
  }
  let q = byName.get(name) as T | undefined;
  if (q === undefined) {
    q = build(db);
    byName.set(name, q);
  }
  return q;
}
