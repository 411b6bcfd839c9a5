/**
 * Change counters: how many committed write statements have touched the inputs of a subject, bumped by
 * statement-level triggers (migration `change_counters_triggers`), read by the per-process memos of derived views
 * (services/options/audit-memo.ts, services/audits/collection-memo.ts) to know in one indexed read whether what
 * they computed is still current.
 *
 * - subject 'audit' (subject_id = industry_audits.id): its options (cp_options), their benefit lines
 *   (option_benefits), its targets (audit_targets) and its listed enterprises (audit_enterprises);
 * - subject 'enterprise' (subject_id = enterprises.id): its annual data (annual_values, annual_submissions).
 *
 * Derived, not user data: no audit trail, no version; a row appears with a subject's first change and is never
 * deleted (a stale row of a deleted subject is harmless). The bump happens in the writing transaction, so a reader
 * sees the counter and the data it counts committed together.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

export const changeCounters = pgTable(
  'change_counters',
  {
    subject: text('subject').notNull(),
    subjectId: uuid('subject_id').notNull(),
    changes: bigint('changes', { mode: 'number' }).notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.subject, t.subjectId] }),
    check('change_counters_subject_valid', sql`${t.subject} in ('audit', 'enterprise')`),
    check('change_counters_changes_positive', sql`${t.changes} > 0`),
  ],
);
