/**
 * Reading the audit log (`audit_log`, written by the `cp_audit_row` trigger and `writeAuditEntry`).
 * Who sees what: visibility.ts `auditEntryVisible` (admin all; bureau staff the entries about enterprises they
 * supervise and their own actions; everyone else their own actions). The client IP is shown to admins only.
 * Secrets: the trigger stores `password_hash` and `csrf_secret` as a fingerprint ('redacted:<12 hex>'); as a
 * second line of defence any value of those keys that is not such a fingerprint is masked here.
 */
import type { AuditLogEntryDto, auditLogQuery } from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import { and, asc, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { type AuditLogEntry, auditLog } from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { isAdmin } from '../scope.ts';
import { iso } from './common.ts';
import { auditEntryVisible } from './visibility.ts';

const SECRET_KEYS = ['password_hash', 'csrf_secret'] as const;

export function redactSecrets(row: Record<string, unknown> | null): Record<string, unknown> | null {
  if (row === null) return null;
  let out = row;
  for (const key of SECRET_KEYS) {
    const v = row[key];
    if (v !== undefined && v !== null && !(typeof v === 'string' && /^redacted:[0-9a-f]{12}$/.test(v))) {
      out = { ...out, [key]: 'redacted' };
    }
  }
  return out;
}

function toEntryDto(e: AuditLogEntry, showIp: boolean): AuditLogEntryDto {
  return {
    id: e.id,
    seq: e.seq,
    at: iso(e.at),
    actorUserId: e.actorUserId,
    actorName: e.actorName,
    actorIp: showIp ? e.actorIp : null,
    requestId: e.requestId,
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    before: redactSecrets(e.before),
    after: redactSecrets(e.after),
    note: e.note,
  };
}

export async function listAuditLog(
  ctx: ServiceContext,
  query: z.output<typeof auditLogQuery>,
): Promise<{ items: AuditLogEntryDto[]; total: number }> {
  if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
    throw new CpError(
      'VALIDATION',
      `the time range is empty: from ${query.from} is not before to ${query.to}`,
      {
        field: 'querystring.to',
      },
    );
  }
  const conds: SQL[] = [auditEntryVisible(ctx.actor)];
  if (query.entity) conds.push(eq(auditLog.entity, query.entity));
  if (query.entityId) conds.push(eq(auditLog.entityId, query.entityId));
  if (query.actorUserId) conds.push(eq(auditLog.actorUserId, query.actorUserId));
  if (query.action) conds.push(eq(auditLog.action, query.action));
  if (query.from) conds.push(gte(auditLog.at, new Date(query.from)));
  if (query.to) conds.push(lt(auditLog.at, new Date(query.to)));
  const where = and(...conds);
  const dir = query.order === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(dir(auditLog.seq))
      .limit(query.limit)
      .offset(query.offset),
    ctx.db.select({ n: count() }).from(auditLog).where(where),
  ]);
  const showIp = isAdmin(ctx.actor);
  return { items: rows.map((e) => toEntryDto(e, showIp)), total: total?.n ?? 0 };
}
