/**
 * Who may change an enterprise and its sub-records: its users and current consultants (`enterpriseWritable`), the
 * supervising bureau (`enterpriseSupervised`) and admins. Out of scope answers 404, read-only access 403.
 */
import { CpError } from '@cpaudit/core';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, enterprises } from '../../db/index.ts';
import type { Actor } from '../context.ts';
import { enterpriseSupervised, enterpriseVisible, enterpriseWritable, notFound } from '../scope.ts';

/** What the actor may do to an enterprise: 404 when it is out of their scope, 403 when they may only read it. */
export async function requireEnterpriseEditor(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ supervising: boolean }> {
  const [row] = await db
    .select({
      writable: sql<boolean>`(${enterpriseWritable(actor)})`,
      supervised: sql<boolean>`(${enterpriseSupervised(actor)})`,
    })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), enterpriseVisible(actor)));
  if (!row) throw notFound('enterprise', id);
  const supervising = Boolean(row.supervised);
  if (!row.writable && !supervising) {
    throw new CpError('FORBIDDEN', 'you may read this enterprise but not change it');
  }
  return { supervising };
}
