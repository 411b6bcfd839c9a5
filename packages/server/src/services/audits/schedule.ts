/**
 * The five phases of an industry audit (Jiangsu guideline 6, figure 1) and where an audit stands against its
 * plan. Pure functions: the service passes today's date.
 */
import { type Source, SRC_JS_GUIDELINE } from '@cpaudit/core';
import { AUDIT_PHASES, type AuditPhase, type INDUSTRY_AUDIT_STATUSES } from '../../db/index.ts';

export type AuditStatus = (typeof INDUSTRY_AUDIT_STATUSES)[number];

/** Phase names as the guideline prints them (6; Appendix B 2.3 names the last one 绩效评价和持续清洁生产阶段). */
export const PHASE_ZH: Readonly<Record<AuditPhase, string>> = {
  preparation: '审核准备',
  audit: '审核',
  options: '方案产生和确定',
  implementation: '方案实施',
  evaluation: '绩效评估和持续清洁生产',
};
export const SRC_PHASES: Source = SRC_JS_GUIDELINE('6 审核程序（图1）；7.1.3 制定工作计划');

export const STATUS_ZH: Readonly<Record<AuditStatus, string>> = {
  planning: '筹备',
  ...PHASE_ZH,
  closed: '已结束',
  cancelled: '已取消',
};

/** Forward order of the statuses an audit passes through (cancelled is off this line). */
export const STATUS_ORDER: readonly AuditStatus[] = ['planning', ...AUDIT_PHASES, 'closed'];

export interface PhaseDates {
  phase: AuditPhase;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

export type PlannedPhase = 'planning' | AuditPhase | 'closed';
export type ScheduleState = 'on_track' | 'behind' | 'ahead' | 'unplanned' | 'closed' | 'cancelled';

export interface AuditSchedule {
  today: string;
  plannedPhase: PlannedPhase | null;
  state: ScheduleState;
  overdueDays: number | null;
  note: string;
}

/** Whole days from `a` to `b` (both 'YYYY-MM-DD'). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function isPhase(s: string): s is AuditPhase {
  return (AUDIT_PHASES as readonly string[]).includes(s);
}

/**
 * The phase the plan expects on `today`: the last phase whose planned start has come; `planning` before the
 * first; `closed` once the last planned phase's planned end has passed. null when no phase has planned dates.
 */
export function plannedPhaseOn(phases: readonly PhaseDates[], today: string): PlannedPhase | null {
  const ordered = AUDIT_PHASES.map((p) => phases.find((x) => x.phase === p)).filter(
    (x): x is PhaseDates => x !== undefined,
  );
  const planned = ordered.filter((p) => p.plannedStart !== null || p.plannedEnd !== null);
  if (planned.length === 0) return null;
  let expected: PlannedPhase = 'planning';
  for (const p of ordered) {
    if (p.plannedStart !== null && p.plannedStart <= today) expected = p.phase;
  }
  const last = planned[planned.length - 1];
  if (last && last.phase === expected && last.plannedEnd !== null && last.plannedEnd < today) return 'closed';
  return expected;
}

/** Where the audit stands against its plan (7.1.3 审核时间). */
export function auditSchedule(
  status: AuditStatus,
  phases: readonly PhaseDates[],
  today: string,
): AuditSchedule {
  const plannedPhase = plannedPhaseOn(phases, today);
  const label = (s: PlannedPhase): string => STATUS_ZH[s];
  if (status === 'cancelled') {
    return { today, plannedPhase, state: 'cancelled', overdueDays: null, note: '审核已取消' };
  }
  if (status === 'closed') {
    return { today, plannedPhase, state: 'closed', overdueDays: null, note: '审核已结束' };
  }
  const current = isPhase(status) ? phases.find((p) => p.phase === status) : undefined;
  const overdueDays =
    current?.plannedEnd && current.plannedEnd < today && current.actualEnd === null
      ? daysBetween(current.plannedEnd, today)
      : null;
  if (plannedPhase === null) {
    return {
      today,
      plannedPhase,
      state: 'unplanned',
      overdueDays,
      note: `当前处于「${label(status)}」，各阶段尚未安排计划时间`,
    };
  }
  const cur = STATUS_ORDER.indexOf(status);
  const exp = STATUS_ORDER.indexOf(plannedPhase);
  let state: ScheduleState;
  if (cur < exp) state = 'behind';
  else if (cur > exp) state = 'ahead';
  else state = overdueDays !== null ? 'behind' : 'on_track';
  const words: Record<'on_track' | 'behind' | 'ahead', string> = {
    on_track: '进度正常',
    behind: '进度滞后',
    ahead: '进度提前',
  };
  const overdue = overdueDays !== null ? `，本阶段已超出计划完成时间${overdueDays}天` : '';
  return {
    today,
    plannedPhase,
    state,
    overdueDays,
    note: `当前处于「${label(status)}」，按计划应处于「${label(plannedPhase)}」，${words[state]}${overdue}`,
  };
}

/**
 * The date 12 months after `start` as PostgreSQL computes `date + interval '12 months'` (the CHECK
 * `industry_audits_period_max_12_months`): same day next year, clamped to the month's end (2024-02-29 → 2025-02-28).
 */
export function twelveMonthsAfter(start: string): string {
  const [y, m, d] = start.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return start;
  const year = y + 1;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type Transition = 'forward' | 'back' | 'cancel';

/** The kind of move from `from` to `to`, or null when the guideline's order does not allow it. */
export function transitionKind(from: AuditStatus, to: AuditStatus): Transition | null {
  if (from === 'cancelled' || from === to) return null;
  if (to === 'cancelled') return from === 'closed' ? null : 'cancel';
  const a = STATUS_ORDER.indexOf(from);
  const b = STATUS_ORDER.indexOf(to);
  if (b === a + 1) return 'forward';
  if (b === a - 1) return 'back';
  return null;
}

export { isPhase };
