/**
 * Who sees what. The single place that turns an actor's role grants into SQL conditions; every service query of
 * enterprises, their data, audits and options goes through these. Out of scope is indistinguishable from absent:
 * services answer NOT_FOUND, never "forbidden", so ids of other organisations' records reveal nothing.
 *
 * - platform_admin: everything;
 * - bureau_staff: enterprises and audits whose region lies in the bureau's jurisdiction (region path prefix);
 * - panel_member: the audits whose panel lists the user, and the enterprises on those audits' lists;
 * - expert: the audits (and options) assigned to them, and the enterprises on those audits' lists;
 * - consultant: the enterprises with a current engagement of the user's firm;
 * - enterprise_user: their own enterprise.
 */
import { CpError } from '@cpaudit/core';
import { eq, or, type SQL, sql } from 'drizzle-orm';
import {
  auditEnterprises,
  auditPanelMembers,
  bureaus,
  consultingEngagements,
  enterprises,
  expertAssignments,
  industryAudits,
} from '../db/index.ts';
import type { Actor } from './context.ts';

const FALSE = sql`false`;

function any(conds: SQL[]): SQL {
  if (conds.length === 0) return FALSE;
  return or(...conds) ?? FALSE;
}

function underBureau(pathColumn: SQL | typeof enterprises.regionPath, bureauId: string): SQL {
  // "= path or starts with path/", the bureau's path read once (an uncorrelated scalar subquery, evaluated before
  // the scan) so the prefix test is an index range on the `text_pattern_ops` region-path indexes. "Starts with
  // p/" is written as the byte range [p || '/', p || '0'): '0' is the byte after '/', and ~>=~ / ~<~ compare
  // bytes like those indexes do. (A LIKE against the joined bureau row, as before, cannot use an index: a city
  // bureau's list read all 20 000 enterprises of the bench province.) An unknown bureau gives NULL: no rows.
  const path = sql`(select b.jurisdiction_path from ${bureaus} b where b.id = ${bureauId})`;
  return sql`(${pathColumn} = ${path} or (${pathColumn} ~>=~ (${path} || '/') and ${pathColumn} ~<~ (${path} || '0')))`;
}

export function isAdmin(actor: Actor): boolean {
  return actor.roles.some((g) => g.role === 'platform_admin');
}

/** Condition on `industry_audits` rows the actor may see. */
export function auditVisible(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  const conds: SQL[] = [];
  for (const g of actor.roles) {
    if (g.role === 'bureau_staff' && g.bureauId)
      conds.push(underBureau(sql`${industryAudits.regionPath}`, g.bureauId));
    if (g.role === 'panel_member') {
      conds.push(
        sql`exists (${sql`select 1 from ${auditPanelMembers} where ${auditPanelMembers.auditId} = ${industryAudits.id} and ${auditPanelMembers.userId} = ${actor.userId}`})`,
      );
    }
    if (g.role === 'expert') {
      conds.push(
        sql`exists (${sql`select 1 from ${expertAssignments} where ${expertAssignments.auditId} = ${industryAudits.id} and ${expertAssignments.userId} = ${actor.userId}`})`,
      );
    }
  }
  return any(conds);
}

/** Condition on `industry_audits` rows the actor may change (run the audit): admin, the bureau, the panel. */
export function auditManageable(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  const conds: SQL[] = [];
  for (const g of actor.roles) {
    if (g.role === 'bureau_staff' && g.bureauId)
      conds.push(underBureau(sql`${industryAudits.regionPath}`, g.bureauId));
    if (g.role === 'panel_member') {
      conds.push(
        sql`exists (${sql`select 1 from ${auditPanelMembers} where ${auditPanelMembers.auditId} = ${industryAudits.id} and ${auditPanelMembers.userId} = ${actor.userId}`})`,
      );
    }
  }
  return any(conds);
}

/** Condition on `enterprises` rows the actor may see. */
export function enterpriseVisible(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  const conds: SQL[] = [];
  for (const g of actor.roles) {
    if (g.role === 'bureau_staff' && g.bureauId)
      conds.push(underBureau(sql`${enterprises.regionPath}`, g.bureauId));
    if (g.role === 'enterprise_user' && g.enterpriseId) conds.push(eq(enterprises.id, g.enterpriseId));
    if (g.role === 'consultant' && g.consultingFirmId) {
      conds.push(
        sql`exists (${sql`select 1 from ${consultingEngagements} where ${consultingEngagements.enterpriseId} = ${enterprises.id}
            and ${consultingEngagements.consultingFirmId} = ${g.consultingFirmId}
            and (${consultingEngagements.endedOn} is null or ${consultingEngagements.endedOn} >= current_date)`})`,
      );
    }
    if (g.role === 'panel_member' || g.role === 'expert') {
      const link =
        g.role === 'panel_member'
          ? sql`select 1 from ${auditPanelMembers} p where p.audit_id = ae.audit_id and p.user_id = ${actor.userId}`
          : sql`select 1 from ${expertAssignments} x where x.audit_id = ae.audit_id and x.user_id = ${actor.userId}`;
      conds.push(
        sql`exists (select 1 from ${auditEnterprises} ae where ae.enterprise_id = ${enterprises.id} and exists (${link}))`,
      );
    }
  }
  return any(conds);
}

/**
 * Condition on `enterprises` rows whose own data the actor may write (profile, annual data, options' evidence):
 * the enterprise's users, its current consultants, and admins. Bureaus review and return data, they do not
 * type it in for the enterprise.
 */
export function enterpriseWritable(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  const conds: SQL[] = [];
  for (const g of actor.roles) {
    if (g.role === 'enterprise_user' && g.enterpriseId) conds.push(eq(enterprises.id, g.enterpriseId));
    if (g.role === 'consultant' && g.consultingFirmId) {
      conds.push(
        sql`exists (${sql`select 1 from ${consultingEngagements} where ${consultingEngagements.enterpriseId} = ${enterprises.id}
            and ${consultingEngagements.consultingFirmId} = ${g.consultingFirmId}
            and (${consultingEngagements.endedOn} is null or ${consultingEngagements.endedOn} >= current_date)`})`,
      );
    }
  }
  return any(conds);
}

/** Condition: the enterprise is under a bureau of the actor (bureaus review, return and accept annual data). */
export function enterpriseSupervised(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  const conds: SQL[] = [];
  for (const g of actor.roles) {
    if (g.role === 'bureau_staff' && g.bureauId)
      conds.push(underBureau(sql`${enterprises.regionPath}`, g.bureauId));
  }
  return any(conds);
}

/** NOT_FOUND with a uniform message, for records that do not exist or are out of the actor's scope. */
export function notFound(what: string, id: string): CpError {
  return new CpError('NOT_FOUND', `${what} ${id} not found`);
}
