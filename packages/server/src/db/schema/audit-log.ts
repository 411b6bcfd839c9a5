/**
 * The append-only audit log: who, when, what (entity, id, action), before and after (jsonb).
 *
 * Every INSERT/UPDATE/DELETE of an editable table is logged by the `cp_audit_row` trigger (custom migration),
 * with the actor of the transaction (`Database.transaction(fn, { actor })` sets `cpaudit.actor_*`); secrets
 * (`password_hash`, `csrf_secret`) are replaced by a fingerprint. The application adds its own entries for
 * what is not a row write (login, logout, export, …) with `writeAuditEntry`.
 *
 * UPDATE, DELETE and TRUNCATE of this table raise SQLSTATE `CPA01` for every user, the owner included
 * (statement-level triggers, custom migration). Rows are ordered by `seq` (identity), `at` is the transaction
 * time.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tstz } from './columns.ts';

export const auditLog = pgTable(
  'audit_log',
  {
    id: idColumn(),
    seq: bigint('seq', { mode: 'number' })
      .notNull()
      .generatedAlwaysAsIdentity()
      .unique('audit_log_seq_unique'),
    at: tstz('at').notNull().defaultNow(),
    /** The acting user; null for system work (migrations, seeding, jobs). No FK: the log outlives anything. */
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    actorIp: text('actor_ip'),
    requestId: text('request_id'),
    /** Table name for row writes (e.g. 'cp_options'), or a subject such as 'session'. */
    entity: text('entity').notNull(),
    /** Id of the row (uuid, region code or setting key) or subject. */
    entityId: text('entity_id'),
    /** 'insert' | 'update' | 'delete' for row writes; e.g. 'login', 'logout', 'export' otherwise. */
    action: text('action').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    note: text('note'),
  },
  (t) => [
    check('audit_log_action_format', sql`${t.action} ~ '^[a-z][a-z0-9_.]*$'`),
    index('audit_log_entity_idx').on(t.entity, t.entityId, t.seq),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorUserId, t.at),
  ],
);
