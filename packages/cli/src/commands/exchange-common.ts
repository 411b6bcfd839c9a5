/**
 * Shared by `cpaudit workbook` and `cpaudit import`: options parsing, the acting user, audits and enterprises named
 * by id or credit code.
 */
import { CpError, validateUscc } from '@cpaudit/core';
import { eq } from 'drizzle-orm';
import { type Database, enterprises, industryAudits, users } from '../../../server/src/db/index.ts';
import { actorOfUser } from '../../../server/src/services/auth/sessions.ts';
import type { ServiceContext } from '../../../server/src/services/context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs `parseArgs`; an unknown option or a missing value is bad input (exit 2), not an internal error. */
export function parsed<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new CpError('VALIDATION', `${(e as Error).message.split('\n')[0]} (see cpaudit ${command} --help)`);
  }
}

/** A service context acting as the user `username` (its roles as stored): writes are attributed to that user. */
export async function actingAs(database: Database, username: string): Promise<ServiceContext> {
  const [user] = await database.db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(eq(users.username, username.trim().toLowerCase()));
  if (!user)
    throw new CpError('NOT_FOUND', `no user "${username}" (--as names the account the import acts as)`, {
      field: 'as',
    });
  const actor = await actorOfUser(database.db, user);
  return { database, db: database.db, actor, now: () => new Date() };
}

export async function resolveAuditId(database: Database, audit: string): Promise<string> {
  if (!UUID.test(audit))
    throw new CpError('VALIDATION', `--audit must be an audit id (uuid), got "${audit}"`, { field: 'audit' });
  const [row] = await database.db
    .select({ id: industryAudits.id })
    .from(industryAudits)
    .where(eq(industryAudits.id, audit));
  if (!row) throw new CpError('NOT_FOUND', `audit ${audit} not found`, { field: 'audit' });
  return row.id;
}

/** The enterprise of a credit code (统一社会信用代码) or id. */
export async function resolveEnterpriseId(database: Database, code: string): Promise<string> {
  if (UUID.test(code)) return code;
  const uscc = code.trim().toUpperCase();
  if (!validateUscc(uscc).value.valid) {
    throw new CpError(
      'VALIDATION',
      `--enterprise must be a valid credit code (统一社会信用代码), got "${code}"`,
      {
        field: 'enterprise',
      },
    );
  }
  const [row] = await database.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(eq(enterprises.uscc, uscc));
  if (!row) throw new CpError('NOT_FOUND', `no enterprise with credit code ${uscc}`, { field: 'enterprise' });
  return row.id;
}
