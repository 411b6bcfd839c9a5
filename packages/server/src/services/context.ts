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
/** The user id the platform's own work is recorded under (no such user: the audit log shows it as the platform). */
export const PLATFORM_USER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The platform itself acting on nobody's behalf (the command line, the start-up warm-up, the bench): a platform
 * administrator's scope, no session. `who` names it in the audit log of anything it writes.
 */
export function platformActor(who: string, displayName = who): Actor {
  return {
    userId: PLATFORM_USER_ID,
    username: who,
    displayName,
    roles: [{ role: 'platform_admin', bureauId: null, enterpriseId: null, consultingFirmId: null }],
    sessionId: '',
    csrfToken: '',
  };
}

/** A service context for the platform's own work on `database` (see `platformActor`). */
export function platformContext(database: Database, who: string, displayName = who): ServiceContext {
  return { database, db: database.db, actor: platformActor(who, displayName), now: () => new Date() };
}

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
