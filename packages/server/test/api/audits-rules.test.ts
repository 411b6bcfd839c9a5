/**
 * The audit domain's pure rules, no database: the 12-month period (guideline 3.3), phase order (6), where an
 * audit stands against its plan (7.1.3), the derived data-collection status (7.2.1.1) and the direction of a target
 * (7.2.3.4). Every expected value is worked out in the comment next to it.
 */
import { describe, expect, it } from 'vitest';
import { checkIndustryCodes, checkPeriod } from '../../src/services/audits/audits.ts';
import {
  defaultDataYears,
  deriveCollection,
  type YearCollection,
} from '../../src/services/audits/collection.ts';
import {
  auditSchedule,
  daysBetween,
  type PhaseDates,
  plannedPhaseOn,
  transitionKind,
  twelveMonthsAfter,
} from '../../src/services/audits/schedule.ts';
import { targetDirection } from '../../src/services/audits/targets.ts';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof Error && 'field' in e && typeof e.field === 'string' ? e.field : 'no field';
  }
  return undefined;
}

describe('audit period (guideline 3.3: at most 12 months)', () => {
  it('ends 12 months later on the same day, clamped to the month end like PostgreSQL date + interval', () => {
    expect(twelveMonthsAfter('2025-01-01')).toBe('2026-01-01');
    // 2024-02-29 + 12 months: 2025 has no 29 February → 2025-02-28.
    expect(twelveMonthsAfter('2024-02-29')).toBe('2025-02-28');
    expect(twelveMonthsAfter('2024-12-31')).toBe('2025-12-31');
  });

  it('accepts exactly 12 months and refuses one day more, naming periodEnd', () => {
    expect(() => checkPeriod('2025-01-01', '2026-01-01')).not.toThrow();
    expect(fieldOf(() => checkPeriod('2025-01-01', '2026-01-02'))).toBe('periodEnd');
    expect(fieldOf(() => checkPeriod('2024-02-29', '2025-03-01'))).toBe('periodEnd');
    // The end must come after the start.
    expect(fieldOf(() => checkPeriod('2025-06-01', '2025-06-01'))).toBe('periodEnd');
  });
});

describe('industry codes (GB/T 4754-2017 via the core)', () => {
  it('normalises known codes and names them', () => {
    const r = checkIndustryCodes(['C3360', '3982']);
    // C3360 → 3360 (section letter of 33 is C); 3982 电子电路制造.
    expect(r.codes).toEqual(['3360', '3982']);
    expect(r.names).toEqual(['金属表面处理及热处理加工', '电子电路制造']);
  });

  it('refuses unknown codes, sections and duplicates by position', () => {
    expect(fieldOf(() => checkIndustryCodes(['336', '9999']))).toBe('industryCodes.1');
    expect(fieldOf(() => checkIndustryCodes(['C']))).toBe('industryCodes.0');
    expect(fieldOf(() => checkIndustryCodes(['336', '336']))).toBe('industryCodes.1');
  });
});

describe('phase transitions (guideline 6: five phases in order)', () => {
  it('moves one step forward or back, cancels open audits, nothing else', () => {
    expect(transitionKind('planning', 'preparation')).toBe('forward');
    expect(transitionKind('evaluation', 'closed')).toBe('forward');
    expect(transitionKind('audit', 'preparation')).toBe('back');
    expect(transitionKind('closed', 'evaluation')).toBe('back');
    expect(transitionKind('options', 'cancelled')).toBe('cancel');
    expect(transitionKind('planning', 'audit')).toBeNull();
    expect(transitionKind('closed', 'cancelled')).toBeNull();
    expect(transitionKind('cancelled', 'planning')).toBeNull();
    expect(transitionKind('audit', 'audit')).toBeNull();
    expect(transitionKind('planning', 'planning')).toBeNull();
  });
});

describe('schedule against the plan (7.1.3 审核时间)', () => {
  const plan: PhaseDates[] = [
    {
      phase: 'preparation',
      plannedStart: '2025-01-01',
      plannedEnd: '2025-02-28',
      actualStart: null,
      actualEnd: null,
    },
    {
      phase: 'audit',
      plannedStart: '2025-03-01',
      plannedEnd: '2025-05-31',
      actualStart: null,
      actualEnd: null,
    },
    {
      phase: 'options',
      plannedStart: '2025-06-01',
      plannedEnd: '2025-07-31',
      actualStart: null,
      actualEnd: null,
    },
    {
      phase: 'implementation',
      plannedStart: '2025-08-01',
      plannedEnd: '2025-10-31',
      actualStart: null,
      actualEnd: null,
    },
    {
      phase: 'evaluation',
      plannedStart: '2025-11-01',
      plannedEnd: '2025-12-31',
      actualStart: null,
      actualEnd: null,
    },
  ];

  it('expects the last phase whose planned start has come', () => {
    expect(plannedPhaseOn(plan, '2024-12-31')).toBe('planning');
    expect(plannedPhaseOn(plan, '2025-01-01')).toBe('preparation');
    expect(plannedPhaseOn(plan, '2025-03-01')).toBe('audit');
    expect(plannedPhaseOn(plan, '2025-12-31')).toBe('evaluation');
    // After the last planned end the plan expects the audit closed.
    expect(plannedPhaseOn(plan, '2026-01-01')).toBe('closed');
    expect(plannedPhaseOn([], '2025-01-01')).toBeNull();
  });

  it('is behind when the current phase is earlier than planned, with the days past its planned end', () => {
    const s = auditSchedule('preparation', plan, '2025-03-10');
    expect(s.state).toBe('behind');
    expect(s.plannedPhase).toBe('audit');
    // Planned end of 审核准备 2025-02-28 → 2025-03-10: 10 days.
    expect(s.overdueDays).toBe(10);
    expect(daysBetween('2025-02-28', '2025-03-10')).toBe(10);
  });

  it('is on track, ahead, unplanned, closed or cancelled', () => {
    expect(auditSchedule('audit', plan, '2025-03-10').state).toBe('on_track');
    expect(auditSchedule('options', plan, '2025-03-10').state).toBe('ahead');
    expect(auditSchedule('planning', [], '2025-03-10').state).toBe('unplanned');
    expect(auditSchedule('closed', plan, '2025-03-10').state).toBe('closed');
    expect(auditSchedule('cancelled', plan, '2025-03-10').state).toBe('cancelled');
    // In the planned phase but past its planned end (2025-05-31 → 2025-06-01 is planned as options anyway).
    const late = plan.map((p) => (p.phase === 'audit' ? { ...p, plannedEnd: '2025-03-05' } : p));
    const s = auditSchedule('audit', late, '2025-03-10');
    expect(s.state).toBe('behind');
    expect(s.overdueDays).toBe(5);
  });
});

describe('data collection status (7.2.1.1, derived from annual submissions)', () => {
  const year = (y: number, over: Partial<YearCollection> = {}): YearCollection => ({
    year: y,
    submissionStatus: null,
    returnReason: null,
    itemsPresent: 0,
    itemsRequired: 6,
    missing: [],
    ...over,
  });

  it('defaults to the three calendar years before the period', () => {
    expect(defaultDataYears('2025-03-01')).toEqual([2022, 2023, 2024]);
  });

  it('derives not started, in progress, complete, submitted and returned', () => {
    expect(deriveCollection([year(2022), year(2023), year(2024)]).status).toBe('not_started');
    expect(deriveCollection([year(2022, { itemsPresent: 2 }), year(2023), year(2024)]).status).toBe(
      'in_progress',
    );
    expect(deriveCollection([year(2022, { itemsPresent: 6 }), year(2023, { itemsPresent: 6 })]).status).toBe(
      'complete',
    );
    const submitted = deriveCollection([
      year(2023, { submissionStatus: 'accepted' }),
      year(2024, { submissionStatus: 'submitted' }),
    ]);
    expect(submitted.status).toBe('submitted');
    expect(submitted.accepted).toBe(false);
    expect(
      deriveCollection([
        year(2023, { submissionStatus: 'accepted' }),
        year(2024, { submissionStatus: 'accepted' }),
      ]).accepted,
    ).toBe(true);
    // A returned year wins over everything else.
    expect(
      deriveCollection([
        year(2023, { submissionStatus: 'returned' }),
        year(2024, { submissionStatus: 'accepted' }),
      ]).status,
    ).toBe('returned');
  });
});

describe('target direction (7.2.3.4)', () => {
  it('follows the values, and the type for percentage targets', () => {
    const t = { type: 'pollutant_reduction' as const, measure: 'absolute' as const };
    expect(targetDirection({ ...t, baselineValue: 12, nearTermValue: 10.8 })).toBe('decrease');
    expect(targetDirection({ ...t, baselineValue: 1, nearTermValue: 3 })).toBe('increase');
    expect(targetDirection({ ...t, measure: 'percent', baselineValue: 12, nearTermValue: 10 })).toBe(
      'decrease',
    );
    expect(
      targetDirection({ type: 'cp_level', measure: 'percent', baselineValue: 20, nearTermValue: 10 }),
    ).toBe('increase');
    expect(
      targetDirection({ type: 'other', measure: 'absolute', baselineValue: null, nearTermValue: 5 }),
    ).toBe('decrease');
  });
});
