/**
 * What every service function receives: the database, the caller and the clock. Services check permission first
 * (scope queries by the actor), then apply the rules; only the data-access layer writes SQL.
 */
import type { Role } from '@cpaudit/contract';
import type { Database, Db, Tx } from '../db/index.ts';

export interface RoleGrant {
  role: Role;
  bureauId: string | null;
  enterpriseId: string | null;
  consultingFirmId: string | null;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  /** Every role the user holds, with the organisation it is scoped to. */
  roles: RoleGrant[];
  sessionId: string;
  csrfToken: string;
}

export interface ServiceContext {
  database: Database;
  /** For reads. Writes go through `write(ctx, fn)` so the audit log attributes them. */
  db: Db;
  actor: Actor;
  now: () => Date;
  ip?: string;
  requestId?: string;
  /**
   * The data version the request started from (read with the session, see read-cache.ts): results cached under
   * it are reused only while no write has been committed since. Absent outside HTTP requests (no caching).
   */
  dataVersion?: string;
}

/**
 * Runs `fn` in one transaction attributed to the actor: every row it writes lands in the audit log with who,
 * when, before and after (the `cp_audit_row` trigger). A request is all-or-nothing: any throw rolls it all back.
 */
export function write<T>(ctx: ServiceContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.database.transaction(fn, {
    actor: {
      userId: ctx.actor.userId,
      name: ctx.actor.username,
      ...(ctx.ip ? { ip: ctx.ip } : {}),
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    },
  });
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((g) => roles.includes(g.role));
}
