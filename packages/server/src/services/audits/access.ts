/**
 * Who may read and run an industry audit, and the helpers every audit service shares.
 *
 * Reading: `auditVisible` (admin, the bureau of the region, the panel, assigned experts) plus the enterprise
 * users of enterprises on the audit's list (status candidate or selected), who read it limited to their own
 * enterprise's rows. Changing: `auditManageable` (admin, the bureau, the panel). Assigning experts: admin and the
 * bureau only. Anything else answers NOT_FOUND, as scope.ts prescribes.
 *
 * The enterprise condition is built here from scope.ts primitives because scope.ts is a shared file; it belongs
 * there (`auditListedForEnterprise`) and should move when the lead next edits it.
 */
import { CpError } from '@cpaudit/core';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import {
  type AuditPhaseRow,
  auditEnterprises,
  auditPhases,
  type Db,
  type IndustryAudit,
  industryAudits,
  mapDbError,
  type Tx,
} from '../../db/index.ts';
import { type Actor, type ServiceContext, write } from '../context.ts';
import { auditManageable, auditVisible, isAdmin, notFound } from '../scope.ts';

/** Audit-list statuses that make the audit visible to the enterprise's users. */
/** The statuses of an audit's listed enterprises that take part (not excluded): data collection counts them. */
export const LISTED_STATUSES = ['candidate', 'selected'] as const;

function enterpriseGrants(actor: Actor): string[] {
  return actor.roles
    .filter((g) => g.role === 'enterprise_user' && g.enterpriseId !== null)
    .map((g) => g.enterpriseId ?? '');
}

/** Condition on `industry_audits`: one of the actor's enterprises is on the audit's list (not excluded). */
export function auditListedForEnterprise(actor: Actor): SQL {
  const ids = enterpriseGrants(actor);
  if (ids.length === 0) return sql`false`;
  return sql`exists (select 1 from ${auditEnterprises} ae where ae.audit_id = ${industryAudits.id}
    and ae.enterprise_id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and ae.status in ('candidate', 'selected'))`;
}

/** Condition on `industry_audits` the actor may read at all. */
export function auditReadable(actor: Actor): SQL {
  return or(auditVisible(actor), auditListedForEnterprise(actor)) ?? sql`false`;
}

/** Condition on `industry_audits` the actor leads (admin or the audit's bureau): expert assignment. */
export function auditLed(actor: Actor): SQL {
  const leads = actor.roles.filter((g) => g.role === 'platform_admin' || g.role === 'bureau_staff');
  return auditManageable({ ...actor, roles: leads });
}

export interface AuditAccess {
  audit: IndustryAudit;
  /** Sees every row of the audit (not only their enterprise's). */
  full: boolean;
  manage: boolean;
  lead: boolean;
  /** For enterprise users without full view: the enterprises whose rows they see; null when `full`. */
  enterprises: string[] | null;
}

/**
 * The audit and what the actor may do with it; NOT_FOUND when the actor cannot read it. `lock` takes a row lock
 * (FOR UPDATE) so concurrent writers of one audit's children serialise (inside a transaction only).
 */
export async function loadAuditAccess(
  db: Db,
  actor: Actor,
  auditId: string,
  opts: { lock?: boolean } = {},
): Promise<AuditAccess> {
  const query = db
    .select({
      audit: industryAudits,
      full: sql<boolean>`(${auditVisible(actor)})`,
      manage: sql<boolean>`(${auditManageable(actor)})`,
      lead: sql<boolean>`(${auditLed(actor)})`,
    })
    .from(industryAudits)
    .where(and(eq(industryAudits.id, auditId), auditReadable(actor)));
  const [row] = opts.lock ? await query.for('update', { of: industryAudits }) : await query;
  if (!row) throw notFound('audit', auditId);
  const full = row.full === true;
  let enterprises: string[] | null = null;
  if (!full) {
    const ids = enterpriseGrants(actor);
    const listed =
      ids.length === 0
        ? []
        : await db
            .select({ id: auditEnterprises.enterpriseId })
            .from(auditEnterprises)
            .where(
              and(
                eq(auditEnterprises.auditId, auditId),
                inArray(auditEnterprises.enterpriseId, ids),
                inArray(auditEnterprises.status, [...LISTED_STATUSES]),
              ),
            );
    enterprises = listed.map((r) => r.id);
  }
  return { audit: row.audit, full, manage: row.manage === true, lead: row.lead === true, enterprises };
}

/** The audit for a change: NOT_FOUND unless the actor manages it; STATE_CONFLICT when it is cancelled. */
export async function requireManage(
  db: Db,
  actor: Actor,
  auditId: string,
  opts: { lock?: boolean; allowClosed?: boolean } = {},
): Promise<AuditAccess> {
  const access = await loadAuditAccess(db, actor, auditId, opts);
  if (!access.manage) throw notFound('audit', auditId);
  const status = access.audit.status;
  if (status === 'cancelled' || (status === 'closed' && opts.allowClosed === false)) {
    throw new CpError('STATE_CONFLICT', `audit ${auditId} is ${status}: it can no longer be changed`, {
      field: 'status',
    });
  }
  return access;
}

/** Like `write`, with database errors (CHECK, unique, foreign key) turned into CpError (400/409, never 500). */
export async function writeAudit<T>(ctx: ServiceContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await write(ctx, fn);
  } catch (e) {
    if (e instanceof CpError) throw e;
    throw mapDbError(e) ?? e;
  }
}

/** Today's date in China (Asia/Shanghai), 'YYYY-MM-DD': the calendar the bureaus work in. */
export function todayIn(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function iso(d: Date): string {
  return d.toISOString();
}

export function stamps(row: { version: number; createdAt: Date; updatedAt: Date }) {
  return { version: row.version, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) };
}

/** `%q%` for ILIKE, with LIKE's wildcards in the user's text escaped. */
export function likePattern(q: string): string {
  return `%${q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** The five phase rows of an audit, in the order of guideline 6. */
export async function loadPhases(db: Db, auditIds: readonly string[]): Promise<Map<string, AuditPhaseRow[]>> {
  const map = new Map<string, AuditPhaseRow[]>();
  if (auditIds.length === 0) return map;
  const rows = await db
    .select()
    .from(auditPhases)
    .where(inArray(auditPhases.auditId, [...auditIds]));
  for (const r of rows) {
    const list = map.get(r.auditId) ?? [];
    list.push(r);
    map.set(r.auditId, list);
  }
  return map;
}

/** VALIDATION naming `field` when `date` lies after today. */
export function requireNotFuture(date: string | null | undefined, today: string, field: string): void {
  if (date && date > today) {
    throw new CpError('VALIDATION', `${field}: ${date} is in the future (today is ${today})`, { field });
  }
}

/** The enterprises on the audit's list (any status), by id. */
export async function listedEnterpriseIds(db: Db, auditId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: auditEnterprises.enterpriseId })
    .from(auditEnterprises)
    .where(eq(auditEnterprises.auditId, auditId));
  return new Set(rows.map((r) => r.id));
}

/** VALIDATION unless `enterpriseId` is on the audit's list. */
export function requireListed(listed: ReadonlySet<string>, enterpriseId: string, field: string): void {
  if (!listed.has(enterpriseId)) {
    throw new CpError('VALIDATION', `${field}: enterprise ${enterpriseId} is not on this audit's list`, {
      field,
    });
  }
}

export { isAdmin };
