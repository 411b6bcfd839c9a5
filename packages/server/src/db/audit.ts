/**
 * Application entries of the audit log, for what is not a row write (row writes are logged by the
 * `cp_audit_row` trigger): login, logout, failed login, export, import, …
 */
import type { Db } from './connect.ts';
import { auditLog } from './schema/audit-log.ts';

export interface AuditEntry {
  actorUserId: string | null;
  actorName?: string;
  actorIp?: string;
  requestId?: string;
  /** A table name or a subject such as 'session'. */
  entity: string;
  entityId?: string;
  /** Lower-case word(s): 'login', 'logout', 'login_failed', 'export', … (CHECK ^[a-z][a-z0-9_.]*$). */
  action: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
}

/** Appends one entry; returns its id and sequence number. */
export async function writeAuditEntry(db: Db, entry: AuditEntry): Promise<{ id: string; seq: number }> {
  const [row] = await db
    .insert(auditLog)
    .values({
      actorUserId: entry.actorUserId,
      actorName: entry.actorName ?? null,
      actorIp: entry.actorIp ?? null,
      requestId: entry.requestId ?? null,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      action: entry.action,
      before: entry.before ?? null,
      after: entry.after ?? null,
      note: entry.note ?? null,
    })
    .returning({ id: auditLog.id, seq: auditLog.seq });
  if (row === undefined) throw new Error('audit_log insert returned no row');
  return row;
}
