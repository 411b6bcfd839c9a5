/**
 * Shared helpers of the annual-data domain: the enterprise an actor asks about (in which scope), display names of
 * users, database errors as CpError, timestamps as ISO strings.
 */
import { CpError } from '@cpaudit/core';
import { eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Db, enterprises, mapDbError, users } from '../../db/index.ts';
import type { Actor } from '../context.ts';
import { enterpriseSupervised, enterpriseVisible, enterpriseWritable, notFound } from '../scope.ts';

export interface EnterpriseRef {
  id: string;
  name: string;
  industryCode: string;
  regionPath: string;
}

/**
 * Which rights on the enterprise a service needs: read (visible), write its data (writable), review it
 * (supervised), or evaluate it (its writers or its supervisors).
 */
export type EnterpriseScope = 'visible' | 'writable' | 'supervised' | 'evaluate';

function scopeCondition(actor: Actor, scope: EnterpriseScope): SQL {
  if (scope === 'writable') return enterpriseWritable(actor);
  if (scope === 'supervised') return enterpriseSupervised(actor);
  if (scope === 'evaluate') return or(enterpriseWritable(actor), enterpriseSupervised(actor)) ?? sql`false`;
  return enterpriseVisible(actor);
}

/**
 * The enterprise, when the actor has `scope` on it. Not visible at all: NOT_FOUND (indistinguishable from absent);
 * visible but without the right asked for (a multi-role user): FORBIDDEN.
 */
export async function enterpriseInScope(
  db: Db,
  actor: Actor,
  id: string,
  scope: EnterpriseScope,
): Promise<EnterpriseRef> {
  const [row] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      industryCode: enterprises.industryCode,
      regionPath: enterprises.regionPath,
      visible: sql<boolean>`(${enterpriseVisible(actor)})`,
      allowed: sql<boolean>`(${scopeCondition(actor, scope)})`,
    })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  if (row === undefined || (!row.visible && !row.allowed)) throw notFound('enterprise', id);
  if (!row.allowed) {
    const what =
      scope === 'writable' ? 'enter data for' : scope === 'evaluate' ? 'evaluate' : 'review the data of';
    throw new CpError('FORBIDDEN', `you can see enterprise ${row.name} but not ${what} it`);
  }
  return { id: row.id, name: row.name, industryCode: row.industryCode, regionPath: row.regionPath };
}

export interface UserRef {
  id: string;
  displayName: string;
}

/** Display names of users by id (ids that are null or unknown are skipped). */
export async function userRefs(
  db: Db,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, UserRef>> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

export function refOf(map: Map<string, UserRef>, id: string | null): UserRef | null {
  return id === null ? null : (map.get(id) ?? null);
}

export function iso(d: Date): string {
  return d.toISOString();
}

export function isoOrNull(d: Date | null): string | null {
  return d === null ? null : d.toISOString();
}

/** Runs a database write; constraint violations and the lock trigger become CpError (400/409), never a 500. */
export async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CpError) throw e;
    throw mapDbError(e) ?? e;
  }
}
