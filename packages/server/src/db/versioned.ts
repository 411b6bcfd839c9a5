/**
 * Optimistic concurrency. Every editable row has `version`; the `cp_touch_row` trigger bumps it on each UPDATE.
 * An update names the version the client read: zero rows updated means the row is gone (NOT_FOUND) or was
 * changed by someone else (VERSION_CONFLICT).
 *
 *   const [row] = await tx.update(cpOptions).set(v).where(versionMatches(cpOptions, id, version)).returning();
 *   return row ?? (await throwVersionFailure(tx, cpOptions, id, version, 'option'));
 */
import { CpError } from '@cpaudit/core';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './connect.ts';
import { executeRows } from './raw.ts';

export type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/** `id = :id AND version = :expectedVersion`. */
export function versionMatches(table: VersionedTable, id: string, expectedVersion: number): SQL {
  const condition = and(eq(table.id, id), eq(table.version, expectedVersion));
  if (condition === undefined) throw new Error('unreachable: and() of two conditions');
  return condition;
}

/**
 * After an update by `versionMatches` touched no row: throws NOT_FOUND when the row does not exist,
 * VERSION_CONFLICT (field `version`) when it has another version.
 */
export async function throwVersionFailure(
  db: Db,
  table: VersionedTable,
  id: string,
  expectedVersion: number,
  what = 'record',
): Promise<never> {
  const [current] = await executeRows(
    db,
    sql`select ${table.version} as version from ${table} where ${table.id} = ${id}`,
  );
  if (current === undefined) throw new CpError('NOT_FOUND', `${what} ${id} not found`);
  throw new CpError(
    'VERSION_CONFLICT',
    `${what} ${id} was changed by someone else (now version ${String(current.version)}, you had ${expectedVersion}); reload and retry`,
    { field: 'version' },
  );
}
