/**
 * Message keys of the audit enumerations (status, phase, data collection, option status, …), typed so that a value
 * outside the contract's list is a compile error. Display only.
 */
import type {
  AUDIT_COLLECTION_STATUS_VALUES,
  AUDIT_ENTERPRISE_STATUS_VALUES,
  AUDIT_FOCUS_ORIENTATION_VALUES,
  AUDIT_PANEL_ROLE_VALUES,
  AUDIT_PHASE_VALUES,
  AUDIT_SELECTION_PRINCIPLE_VALUES,
  AUDIT_STATUS_VALUES,
  AUDIT_SURVEY_REASON_VALUES,
  AUDIT_TARGET_MEASURE_VALUES,
  AUDIT_TARGET_TYPE_VALUES,
  AUDIT_TRAINING_KIND_VALUES,
  OPTION_STATUS_VALUES,
} from '@cpaudit/contract';
import type { MessageKey } from '../../i18n/messages.ts';

type V<T extends readonly string[]> = T[number];

export const statusKey = (s: V<typeof AUDIT_STATUS_VALUES>): MessageKey => `audits.status.${s}`;
export const phaseTabKey = (p: V<typeof AUDIT_PHASE_VALUES>): MessageKey => `audits.tab.${p}`;
export const scheduleKey = (
  s: 'on_track' | 'behind' | 'ahead' | 'unplanned' | 'closed' | 'cancelled',
): MessageKey => `audits.schedule.${s}`;
export const collectionKey = (s: V<typeof AUDIT_COLLECTION_STATUS_VALUES>): MessageKey =>
  `audits.collection.${s}`;
export const optionStatusKey = (s: V<typeof OPTION_STATUS_VALUES>): MessageKey => `audits.option.${s}`;
export const panelRoleKey = (s: V<typeof AUDIT_PANEL_ROLE_VALUES>): MessageKey => `audits.panelRole.${s}`;
export const entStatusKey = (s: V<typeof AUDIT_ENTERPRISE_STATUS_VALUES>): MessageKey =>
  `audits.entStatus.${s}`;
export const principleKey = (s: V<typeof AUDIT_SELECTION_PRINCIPLE_VALUES>): MessageKey =>
  `audits.principle.${s}`;
export const trainingKindKey = (s: V<typeof AUDIT_TRAINING_KIND_VALUES>): MessageKey =>
  `audits.trainingKind.${s}`;
export const surveyReasonKey = (s: V<typeof AUDIT_SURVEY_REASON_VALUES>): MessageKey =>
  `audits.surveyReason.${s}`;
export const orientationKey = (s: V<typeof AUDIT_FOCUS_ORIENTATION_VALUES>): MessageKey =>
  `audits.orientation.${s}`;
export const targetTypeKey = (s: V<typeof AUDIT_TARGET_TYPE_VALUES>): MessageKey => `audits.targetType.${s}`;
export const measureKey = (s: V<typeof AUDIT_TARGET_MEASURE_VALUES>): MessageKey => `audits.measure.${s}`;
export const levelKey = (s: 'I' | 'II' | 'III' | 'none' | 'not-applicable' | 'unrated'): MessageKey =>
  `audits.level.${s}`;

/** Tag colours of the schedule states and data-collection statuses. */
export const SCHEDULE_COLOR: Readonly<Record<string, string>> = {
  on_track: 'green',
  behind: 'red',
  ahead: 'blue',
  unplanned: 'default',
  closed: 'default',
  cancelled: 'default',
};
export const COLLECTION_COLOR: Readonly<Record<string, string>> = {
  not_started: 'default',
  in_progress: 'processing',
  complete: 'cyan',
  submitted: 'green',
  returned: 'red',
};
