/**
 * Who sees and who edits a mandatory audit, built only from the conditions of scope.ts (the audit belongs to its
 * enterprise), plus the experts assigned to the audit itself (`expert_assignments.mandatory_audit_id`):
 * - see: whoever sees the enterprise (admin, its bureaus, the enterprise, its current consultant, …) and the
 *   experts assigned to the audit;
 * - edit: admin, the bureaus supervising the enterprise, the enterprise's users and its current consultants
 *   (`enterpriseSupervised` or `enterpriseWritable`).
 * The conditions expect `enterprises` joined on `mandatory_audits.enterprise_id`.
 */
import { or, type SQL, sql } from 'drizzle-orm';
import { expertAssignments, mandatoryAudits } from '../../db/index.ts';
import type { Actor } from '../context.ts';
import { enterpriseSupervised, enterpriseVisible, enterpriseWritable, isAdmin } from '../scope.ts';

const FALSE = sql`false`;

/** Condition on `mandatory_audits` (joined with `enterprises`) rows the actor may see. */
export function mandatoryAuditVisible(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  const conds: SQL[] = [enterpriseVisible(actor)];
  if (actor.roles.some((g) => g.role === 'expert')) {
    // Parenthesised by hand: drizzle's exists() does not wrap a raw sql`` subquery.
    conds.push(
      sql`exists (select 1 from ${expertAssignments} where ${expertAssignments.mandatoryAuditId} = ${mandatoryAudits.id} and ${expertAssignments.userId} = ${actor.userId})`,
    );
  }
  return or(...conds) ?? FALSE;
}

/** Condition on `enterprises` rows for which the actor may start or edit a mandatory audit. */
export function mandatoryAuditWritable(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  return or(enterpriseSupervised(actor), enterpriseWritable(actor)) ?? FALSE;
}
