/**
 * Loading options for an actor: the row, its effective cost class, and what the actor may do with it (powers from
 * ./scope.ts), with the states that freeze an option (a closed audit, a submitted mandatory audit, a verified
 * option). Out of scope → 404; in scope without the power → 403; frozen → 409 STATE_CONFLICT.
 */
import { OPTION_POWERS } from '@cpaudit/contract';
import { CpError, DEFAULT_AGGREGATION_SETTINGS } from '@cpaudit/core';
import { eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import {
  cpOptions,
  type Db,
  enterprises,
  industryAudits,
  mandatoryAudits,
  mapDbError,
  OPTION_STATUS_TRANSITIONS,
  type OptionStatus,
  type Tx,
} from '../../db/index.ts';
import { type ServiceContext, write } from '../context.ts';
import { notFound } from '../scope.ts';
import type { DbCostClass, OptionRowWithJoins } from './mapping.ts';
import {
  optionEvidenceWritable,
  optionImplementable,
  optionManageable,
  optionReviewable,
  optionScreenable,
  optionVerifiable,
  optionVisible,
} from './scope.ts';

export type Power = (typeof OPTION_POWERS)[number];

/**
 * 无/低费 when the planned investment (else the actual one, else 0) is below the audit's threshold
 * (industry_audits.low_cost_threshold_wan_yuan; the core's stated default, facts §5.3, when the audit sets none),
 * unless the option carries its own cost class: the same rule and inputs as the core's aggregation (settings
 * `noLowCostBelow_wanYuan`, mapping.ts coreOptions), in SQL so lists can filter on it. Needs `industry_audits`
 * left-joined on the option's audit.
 */
export function costClassEffectiveSql(): SQL<DbCostClass> {
  const fallback = DEFAULT_AGGREGATION_SETTINGS.noLowCostBelow_wanYuan;
  return sql<DbCostClass>`coalesce(${cpOptions.costClass}, case when coalesce(${cpOptions.investmentPlanned_wanYuan}, ${cpOptions.investmentActual_wanYuan}, 0)
    < coalesce(${industryAudits.lowCostThreshold_wanYuan}, ${fallback}::numeric) then 'no_low' else 'mid_high' end)`;
}

/** Options with their enterprise's name and effective cost class (joins enterprises and industry_audits). */
export function selectOptions(db: Db) {
  return db
    .select({
      ...getTableColumns(cpOptions),
      enterpriseName: enterprises.name,
      costClassEffective: costClassEffectiveSql(),
    })
    .from(cpOptions)
    .leftJoin(enterprises, eq(enterprises.id, cpOptions.enterpriseId))
    .leftJoin(industryAudits, eq(industryAudits.id, cpOptions.auditId));
}

export interface LoadedOption {
  row: OptionRowWithJoins;
  powers: ReadonlySet<Power>;
  auditStatus: string | null;
  mandatoryStatus: string | null;
}

function bool(v: unknown): boolean {
  return v === true || v === 't' || v === 'true';
}

/** The option as the actor may see it. @throws NOT_FOUND when absent or out of scope. */
export async function loadOption(db: Db, ctx: ServiceContext, id: string): Promise<LoadedOption> {
  const a = ctx.actor;
  const [r] = await db
    .select({
      ...getTableColumns(cpOptions),
      enterpriseName: enterprises.name,
      costClassEffective: costClassEffectiveSql(),
      auditStatus: industryAudits.status,
      mandatoryStatus: mandatoryAudits.status,
      visible: sql<boolean>`${optionVisible(a)}`,
      manage: sql<boolean>`${optionManageable(a)}`,
      implement: sql<boolean>`${optionImplementable(a)}`,
      screen: sql<boolean>`${optionScreenable(a)}`,
      verify: sql<boolean>`${optionVerifiable(a)}`,
      uploadEvidence: sql<boolean>`${optionEvidenceWritable(a)}`,
      review: sql<boolean>`${optionReviewable(a)}`,
    })
    .from(cpOptions)
    .leftJoin(enterprises, eq(enterprises.id, cpOptions.enterpriseId))
    .leftJoin(industryAudits, eq(industryAudits.id, cpOptions.auditId))
    .leftJoin(mandatoryAudits, eq(mandatoryAudits.id, cpOptions.mandatoryAuditId))
    .where(eq(cpOptions.id, id));
  if (!r || !bool(r.visible)) throw notFound('option', id);
  const {
    visible,
    manage,
    implement,
    screen,
    verify,
    uploadEvidence,
    review,
    auditStatus,
    mandatoryStatus,
    ...row
  } = r;
  const flags: Record<Power, unknown> = { manage, implement, screen, verify, uploadEvidence, review };
  const powers = new Set(OPTION_POWERS.filter((p) => bool(flags[p])));
  return { row, powers, auditStatus, mandatoryStatus };
}

const CLOSED_AUDIT = new Set(['closed', 'cancelled']);
const FILED_MANDATORY = new Set(['submitted', 'accepted']);

/** Why `power` cannot be used now, or undefined when it can. */
export function frozenReason(o: LoadedOption, power: Power): string | undefined {
  if (o.auditStatus !== null && CLOSED_AUDIT.has(o.auditStatus)) {
    return `the audit is ${o.auditStatus}: its options can no longer change`;
  }
  // A filed form is being reviewed: the bureau may still verify options and experts review them.
  if (
    o.mandatoryStatus !== null &&
    FILED_MANDATORY.has(o.mandatoryStatus) &&
    power !== 'verify' &&
    power !== 'review'
  ) {
    return `the mandatory audit is ${o.mandatoryStatus}: its options are locked until it is returned`;
  }
  if (
    o.row.status === 'verified' &&
    (power === 'manage' || power === 'implement' || power === 'uploadEvidence')
  ) {
    return 'the option is verified: send it back to implemented before changing it';
  }
  return undefined;
}

/** @throws FORBIDDEN without the power, STATE_CONFLICT when the option is frozen for it. */
export function requirePower(o: LoadedOption, power: Power, what: string): void {
  if (!o.powers.has(power)) throw new CpError('FORBIDDEN', `you cannot ${what} on option ${o.row.id}`);
  const frozen = frozenReason(o, power);
  if (frozen) throw new CpError('STATE_CONFLICT', frozen);
}

/** The power each status change needs (issue 3: panel/bureau screen and verify; the enterprise implements). */
export const TRANSITION_POWER: Readonly<Record<OptionStatus, Partial<Record<OptionStatus, Power>>>> = {
  proposed: { screened: 'screen', rejected: 'screen' },
  screened: { feasible: 'screen', rejected: 'screen', implementing: 'implement' },
  feasible: { implementing: 'implement', rejected: 'screen' },
  rejected: { proposed: 'screen' },
  implementing: { implemented: 'implement', feasible: 'implement' },
  implemented: { verified: 'verify', implementing: 'implement' },
  verified: { implemented: 'verify' },
};

/** Why the rules forbid `from → to` for this option whatever the caller (undefined: allowed). */
export function transitionRule(o: LoadedOption, to: OptionStatus): string | undefined {
  const from = o.row.status;
  if (!OPTION_STATUS_TRANSITIONS[from].includes(to)) {
    return `an option cannot go from ${from} to ${to} (from ${from}: ${OPTION_STATUS_TRANSITIONS[from].join(', ')})`;
  }
  // 无/低费 options skip the feasibility analysis (facts §5.3); 中/高费 ones go through feasible.
  if (from === 'screened' && to === 'implementing' && o.row.costClassEffective !== 'no_low') {
    return 'a 中/高费 option needs the feasibility step (screened → feasible) before implementation';
  }
  return undefined;
}

/** The statuses the actor may move the option to now. */
export function allowedTransitions(o: LoadedOption): OptionStatus[] {
  return OPTION_STATUS_TRANSITIONS[o.row.status].filter((to) => {
    const power = TRANSITION_POWER[o.row.status][to];
    return (
      power !== undefined &&
      o.powers.has(power) &&
      !frozenReason(o, power) &&
      transitionRule(o, to) === undefined
    );
  });
}

/** The powers usable now. */
export function usablePowers(o: LoadedOption): Power[] {
  return OPTION_POWERS.filter((p) => o.powers.has(p) && !frozenReason(o, p));
}

/** `write` with database errors (CHECK, unique, foreign key) turned into clear CpErrors. */
export async function writeMapped<T>(ctx: ServiceContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await write(ctx, fn);
  } catch (e) {
    throw mapDbError(e) ?? e;
  }
}
