/**
 * Who sees and who may change options, as SQL conditions on `cp_options` rows, built only from the shared scopes
 * of services/scope.ts (auditVisible, auditManageable, enterpriseWritable, enterpriseSupervised):
 *
 * - see: via the industry audit (bureau, panel, assigned expert); the enterprise side (its users and current
 *   consultants) sees its own enterprise-level options and the industry-level options of audits that list it;
 *   the supervising bureau sees a mandatory audit's options; an expert sees the options or mandatory audits
 *   assigned to them;
 * - manage (every field): the audit's managers (bureau, panel) for industry audits; the enterprise side for its
 *   own mandatory audit (the enterprise files the Guangdong form);
 * - implement (report implementation, 7.4): managers, and the enterprise side on its own enterprise-level options;
 * - screen (7.3.2): the audit's managers; for mandatory audits the enterprise side and the supervising bureau;
 * - verify: the audit's managers; the supervising bureau for mandatory audits;
 * - upload evidence: the enterprise side on enterprise-level options (bureaus review, they do not type in the
 *   enterprise's data), managers on industry-level options;
 * - review: panel members of the audit and experts assigned to the audit, mandatory audit or option.
 * Admins may do everything but review (reviews are a panel member's or an expert's own judgement).
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  auditEnterprises,
  auditPanelMembers,
  cpOptions,
  enterprises,
  expertAssignments,
  industryAudits,
  mandatoryAudits,
} from '../../db/index.ts';
import { type Actor, hasRole } from '../context.ts';
import {
  auditManageable,
  auditVisible,
  enterpriseSupervised,
  enterpriseWritable,
  isAdmin,
} from '../scope.ts';

const TRUE = sql`true`;
const FALSE = sql`false`;

function anyOf(conds: SQL[]): SQL {
  if (conds.length === 0) return FALSE;
  return sql`(${sql.join(conds, sql` or `)})`;
}

// Each condition below is "the option's key is in the set of keys satisfying `cond`" with an uncorrelated subquery:
// PostgreSQL runs such a subquery once per statement and probes a hash of it per row (a hashed SubPlan, also under
// OR), where a correlated EXISTS ran once per option row: counting a province bureau's 200 000 options took ≈ 1 s
// (issue 6, the dashboard uncached). The `is not null` keeps the condition two-valued (never NULL) under NOT.

/** The option's industry audit satisfies `cond` (a condition on `industry_audits`). */
function viaAudit(cond: SQL): SQL {
  return sql`(${cpOptions.auditId} is not null and ${cpOptions.auditId} in (select ${industryAudits.id}
    from ${industryAudits} where ${cond}))`;
}

/** The enterprise of the option's mandatory audit satisfies `cond` (a condition on `enterprises`). */
function viaMandatoryEnterprise(cond: SQL): SQL {
  return sql`(${cpOptions.mandatoryAuditId} is not null and ${cpOptions.mandatoryAuditId} in (select
    ${mandatoryAudits.id} from ${mandatoryAudits} join ${enterprises} on ${enterprises.id} = ${mandatoryAudits.enterpriseId}
    where ${cond}))`;
}

/** An enterprise-level option of an enterprise whose data the actor writes (its users, its consultants). */
function ownEnterpriseLevel(actor: Actor): SQL {
  return sql`(${cpOptions.level} = 'enterprise' and ${cpOptions.enterpriseId} is not null
    and ${cpOptions.enterpriseId} in (select ${enterprises.id} from ${enterprises} where ${enterpriseWritable(actor)}))`;
}

/** An industry-level option of an audit that lists (and does not exclude) the actor's enterprise. */
function listedIndustryLevel(actor: Actor): SQL {
  return sql`(${cpOptions.level} = 'industry' and ${cpOptions.auditId} is not null
    and ${cpOptions.auditId} in (select ${auditEnterprises.auditId} from ${auditEnterprises}
      join ${enterprises} on ${enterprises.id} = ${auditEnterprises.enterpriseId}
      where ${auditEnterprises.status} <> 'excluded' and (${enterpriseWritable(actor)})))`;
}

function expertOnOptionOrMandatory(actor: Actor): SQL {
  if (!hasRole(actor, 'expert')) return FALSE;
  return sql`exists (select 1 from ${expertAssignments} x where x.user_id = ${actor.userId}
    and (x.option_id = ${cpOptions.id} or x.mandatory_audit_id = ${cpOptions.mandatoryAuditId}))`;
}

/** Condition on `cp_options` rows the actor may see. */
export function optionVisible(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  return anyOf([
    viaAudit(auditVisible(actor)),
    ownEnterpriseLevel(actor),
    listedIndustryLevel(actor),
    viaMandatoryEnterprise(enterpriseSupervised(actor)),
    expertOnOptionOrMandatory(actor),
  ]);
}

export function optionManageable(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  return anyOf([viaAudit(auditManageable(actor)), viaMandatoryEnterprise(enterpriseWritable(actor))]);
}

export function optionImplementable(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  return anyOf([optionManageable(actor), ownEnterpriseLevel(actor)]);
}

export function optionScreenable(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  return anyOf([
    viaAudit(auditManageable(actor)),
    viaMandatoryEnterprise(anyOf([enterpriseWritable(actor), enterpriseSupervised(actor)])),
  ]);
}

export function optionVerifiable(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  return anyOf([viaAudit(auditManageable(actor)), viaMandatoryEnterprise(enterpriseSupervised(actor))]);
}

export function optionEvidenceWritable(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  return anyOf([
    ownEnterpriseLevel(actor),
    sql`(${cpOptions.level} = 'industry' and ${optionManageable(actor)})`,
  ]);
}

/** Panel members of the option's audit and experts assigned to its audit, mandatory audit or itself. */
export function optionReviewable(actor: Actor): SQL {
  const conds: SQL[] = [];
  if (hasRole(actor, 'panel_member')) {
    conds.push(sql`exists (select 1 from ${auditPanelMembers} p where p.audit_id = ${cpOptions.auditId}
      and p.user_id = ${actor.userId})`);
  }
  if (hasRole(actor, 'expert')) {
    conds.push(sql`exists (select 1 from ${expertAssignments} x where x.user_id = ${actor.userId}
      and (x.option_id = ${cpOptions.id} or x.audit_id = ${cpOptions.auditId}
        or x.mandatory_audit_id = ${cpOptions.mandatoryAuditId}))`);
  }
  return anyOf(conds);
}

/** Condition on `industry_audits`: the audit's options may be listed (the audit's people, listed enterprises). */
export function auditOptionsReadable(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  return anyOf([
    auditVisible(actor),
    sql`exists (select 1 from ${auditEnterprises} join ${enterprises} on ${enterprises.id} = ${auditEnterprises.enterpriseId}
      where ${auditEnterprises.auditId} = ${industryAudits.id} and ${auditEnterprises.status} <> 'excluded'
      and (${enterpriseWritable(actor)}))`,
  ]);
}

/** Condition on `mandatory_audits`: the enterprise side, the supervising bureau, assigned experts, admins. */
export function mandatoryReadable(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  const conds: SQL[] = [
    sql`exists (select 1 from ${enterprises} where ${enterprises.id} = ${mandatoryAudits.enterpriseId}
      and (${anyOf([enterpriseWritable(actor), enterpriseSupervised(actor)])}))`,
  ];
  if (hasRole(actor, 'expert')) {
    conds.push(sql`exists (select 1 from ${expertAssignments} x where x.user_id = ${actor.userId}
      and x.mandatory_audit_id = ${mandatoryAudits.id})`);
  }
  return anyOf(conds);
}

/** Condition on `mandatory_audits`: who files its options (the enterprise side, admins). */
export function mandatoryOptionsWritable(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  return sql`exists (select 1 from ${enterprises} where ${enterprises.id} = ${mandatoryAudits.enterpriseId}
    and (${enterpriseWritable(actor)}))`;
}

/** Condition on `mandatory_audits`: who may screen its options (the enterprise side, the bureau, admins). */
export function mandatoryScreenable(actor: Actor): SQL {
  if (isAdmin(actor)) return TRUE;
  return sql`exists (select 1 from ${enterprises} where ${enterprises.id} = ${mandatoryAudits.enterpriseId}
    and (${anyOf([enterpriseWritable(actor), enterpriseSupervised(actor)])}))`;
}
