/**
 * Raw SQL results, whichever the driver: PGlite's `execute` returns `{ rows }`, postgres-js an array of rows.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from './connect.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The rows of a raw query as plain records (column name → value as the driver decoded it): the driver's own array
 * (both drivers give one object per row; the first is checked), not a copy: tables 7.2/7.3 of a province read
 * 600 000 rows, and filtering them one by one cost 40 ms of its 1.4 s.
 */
export async function executeRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.execute(query);
  const list: unknown = Array.isArray(result) ? result : isRecord(result) ? result.rows : undefined;
  if (!Array.isArray(list) || (list.length > 0 && !isRecord(list[0]))) {
    throw new Error('unexpected result shape from execute()');
  }
  return list as Record<string, unknown>[];
}
