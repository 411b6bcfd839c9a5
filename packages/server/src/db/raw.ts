/**
 * Raw SQL results, whichever the driver: PGlite's `execute` returns `{ rows }`, postgres-js an array of rows.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from './connect.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The rows of a raw query as plain records (column name → value as the driver decoded it). */
export async function executeRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.execute(query);
  const list: unknown = Array.isArray(result) ? result : isRecord(result) ? result.rows : undefined;
  if (!Array.isArray(list)) throw new Error('unexpected result shape from execute()');
  return list.filter(isRecord);
}
