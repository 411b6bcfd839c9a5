/**
 * What every service function receives: the database, the caller and the clock. Services check permission first
 * (scope queries by the actor), then apply the rules; only the data-access layer writes SQL.
 */
import type { Role } from '@cpaudit/contract';
import type { Db } from '../db/index.ts';

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
  db: Db;
  actor: Actor;
  now: () => Date;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((g) => roles.includes(g.role));
}
