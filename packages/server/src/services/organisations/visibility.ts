/**
 * Visibility of the organisation records that services/scope.ts does not cover yet (bureaus, consulting firms,
 * audit-log entries), built on its conditions. Same rule as scope.ts: out of scope answers NOT_FOUND.
 * (Candidates to move into scope.ts as added functions.)
 *
 * - bureaus: admin all; bureau staff their bureau and the bureaus whose jurisdiction lies inside theirs;
 *   nobody else (their own organisation is not a bureau);
 * - consulting firms: admin all; bureau staff the firms located in their jurisdiction or ever engaged by an
 *   enterprise in it; a consultant their own firm; an enterprise user the firms their enterprise engaged;
 * - audit-log entries: admin all; everyone their own actions; bureau staff also the entries about enterprises
 *   they supervise (the enterprise row itself, or any row carrying its `enterprise_id`).
 */
import { type SQL, sql } from 'drizzle-orm';
import { auditLog, bureaus, consultingEngagements, consultingFirms, enterprises } from '../../db/index.ts';
import type { Actor } from '../context.ts';
import { enterpriseSupervised, isAdmin } from '../scope.ts';

const FALSE = sql`false`;

/** `((a) or (b) …)`: parenthesised as a whole, so it can be and-ed with other conditions. */
function anyOf(conds: SQL[]): SQL {
  if (conds.length === 0) return FALSE;
  return sql`(${sql.join(
    conds.map((c) => sql`(${c})`),
    sql` or `,
  )})`;
}

function bureauGrants(actor: Actor): string[] {
  const ids: string[] = [];
  for (const g of actor.roles) if (g.role === 'bureau_staff' && g.bureauId) ids.push(g.bureauId);
  return ids;
}

/** `path` lies in the jurisdiction of bureau `bureauId` (equal to its path or below it). */
function inJurisdictionOf(path: SQL, bureauId: string): SQL {
  return sql`exists (select 1 from ${bureaus} mine where mine.id = ${bureauId}
    and (${path} = mine.jurisdiction_path or ${path} like mine.jurisdiction_path || '/%'))`;
}

/** Condition on `bureaus` rows the actor may see. */
export function bureauVisible(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  return anyOf(bureauGrants(actor).map((id) => inJurisdictionOf(sql`${bureaus.jurisdictionPath}`, id)));
}

/** Condition on `consulting_firms` rows the actor may see. */
export function consultingFirmVisible(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  const conds: SQL[] = [];
  for (const g of actor.roles) {
    if (g.role === 'bureau_staff' && g.bureauId) {
      conds.push(inJurisdictionOf(sql`${consultingFirms.regionPath}`, g.bureauId));
      conds.push(sql`exists (select 1 from ${consultingEngagements} ce join ${enterprises} en on en.id = ce.enterprise_id
        where ce.consulting_firm_id = ${consultingFirms.id}
        and exists (select 1 from ${bureaus} mine where mine.id = ${g.bureauId}
          and (en.region_path = mine.jurisdiction_path or en.region_path like mine.jurisdiction_path || '/%')))`);
    }
    if (g.role === 'consultant' && g.consultingFirmId) {
      conds.push(sql`${consultingFirms.id} = ${g.consultingFirmId}`);
    }
    if (g.role === 'enterprise_user' && g.enterpriseId) {
      conds.push(sql`exists (select 1 from ${consultingEngagements} ce
        where ce.consulting_firm_id = ${consultingFirms.id} and ce.enterprise_id = ${g.enterpriseId})`);
    }
  }
  return anyOf(conds);
}

/** Condition on `audit_log` rows the actor may read. */
export function auditEntryVisible(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  const conds: SQL[] = [sql`${auditLog.actorUserId} = ${actor.userId}`];
  if (bureauGrants(actor).length > 0) {
    // The enterprise the entry is about: the row itself (entity 'enterprises') or the row's enterprise_id.
    conds.push(sql`exists (select 1 from ${enterprises} where ${enterpriseSupervised(actor)} and (
      (${auditLog.entity} = 'enterprises' and ${enterprises.id}::text = ${auditLog.entityId})
      or ${enterprises.id}::text = coalesce(${auditLog.after} ->> 'enterprise_id', ${auditLog.before} ->> 'enterprise_id')))`);
  }
  return anyOf(conds);
}

/** Condition: a region path lies in the jurisdiction of one of the actor's bureaus (admin: anywhere). */
export function pathInActorJurisdiction(actor: Actor, path: string): SQL {
  if (isAdmin(actor)) return sql`true`;
  return anyOf(bureauGrants(actor).map((id) => inJurisdictionOf(sql`${path}`, id)));
}
