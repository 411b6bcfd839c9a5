/**
 * Message keys of the option enumerations (status, type, level, cost class, evidence kind, …), typed so that a
 * value outside the contract's lists is a compile error. Display only.
 */
import type {
  AUDIT_CAUSE_TYPE_VALUES,
  AUDIT_PLAN_CATEGORY_VALUES,
  AUDIT_PLAN_STATUS_VALUES,
  AUDIT_PROBLEM_ASPECT_VALUES,
  AUDIT_PROBLEM_SCOPE_VALUES,
  EVIDENCE_KIND_VALUES,
  OPTION_BENEFIT_BASIS_VALUES,
  OPTION_COST_CLASS_VALUES,
  OPTION_LEVEL_VALUES,
  OPTION_REVIEW_STAGE_VALUES,
  OPTION_REVIEW_VERDICT_VALUES,
  OPTION_STATUS_VALUES,
  OPTION_TYPE_VALUES,
} from '@cpaudit/contract';
import type { MessageKey } from '../../i18n/messages.ts';

type V<T extends readonly string[]> = T[number];
export type OptionStatus = V<typeof OPTION_STATUS_VALUES>;

export const optionStatusKey = (s: OptionStatus): MessageKey => `workspace.status.${s}`;
export const optionTypeKey = (s: V<typeof OPTION_TYPE_VALUES>): MessageKey => `workspace.type.${s}`;
export const optionLevelKey = (s: V<typeof OPTION_LEVEL_VALUES>): MessageKey => `workspace.level.${s}`;
export const costClassKey = (s: V<typeof OPTION_COST_CLASS_VALUES>): MessageKey => `workspace.cost.${s}`;
export const evidenceKindKey = (s: V<typeof EVIDENCE_KIND_VALUES>): MessageKey => `workspace.evidence.${s}`;
export const basisKey = (s: V<typeof OPTION_BENEFIT_BASIS_VALUES>): MessageKey => `workspace.basis.${s}`;
export const reviewStageKey = (s: V<typeof OPTION_REVIEW_STAGE_VALUES>): MessageKey =>
  `workspace.reviewStage.${s}`;
export const verdictKey = (s: V<typeof OPTION_REVIEW_VERDICT_VALUES>): MessageKey => `workspace.verdict.${s}`;
export const problemScopeKey = (s: V<typeof AUDIT_PROBLEM_SCOPE_VALUES>): MessageKey =>
  `workspace.problemScope.${s}`;
export const aspectKey = (s: V<typeof AUDIT_PROBLEM_ASPECT_VALUES>): MessageKey => `workspace.aspect.${s}`;
export const causeKey = (s: V<typeof AUDIT_CAUSE_TYPE_VALUES>): MessageKey => `workspace.cause.${s}`;
export const planCategoryKey = (s: V<typeof AUDIT_PLAN_CATEGORY_VALUES>): MessageKey =>
  `workspace.planCategory.${s}`;
export const planStatusKey = (s: V<typeof AUDIT_PLAN_STATUS_VALUES>): MessageKey =>
  `workspace.planStatus.${s}`;

/** Tag colours of the option statuses (the board's columns use the same). */
export const STATUS_COLOR: Readonly<Record<OptionStatus, string>> = {
  proposed: 'default',
  screened: 'blue',
  feasible: 'cyan',
  rejected: 'red',
  implementing: 'orange',
  implemented: 'green',
  verified: 'purple',
};

/** Evidence kinds shown as photos side by side (7.4.2: before and after). */
export const PHOTO_KINDS = ['photo_before', 'photo_after'] as const;

/*
 * The value lists the pages iterate over, typed against the contract (the contract's runtime values would pull zod
 * into the bundle): a value the contract drops is a compile error here.
 */
export const STATUSES: readonly OptionStatus[] = [
  'proposed',
  'screened',
  'feasible',
  'rejected',
  'implementing',
  'implemented',
  'verified',
];
export const OPTION_TYPES: readonly V<typeof OPTION_TYPE_VALUES>[] = [
  'raw_material_substitution',
  'process_equipment_retrofit',
  'process_control',
  'energy_saving',
  'resource_reuse',
  'end_of_pipe',
  'management_staff',
];
export const EVIDENCE_KINDS: readonly V<typeof EVIDENCE_KIND_VALUES>[] = [
  'photo_before',
  'photo_after',
  'test_report',
  'contract',
  'invoice',
  'calculation',
  'operation_record',
  'other',
];
export const COMMON_ASPECTS: readonly V<typeof AUDIT_PROBLEM_ASPECT_VALUES>[] = [
  'process_equipment',
  'pollutant',
  'ghg',
  'resource_use',
  'management',
];
export const INDIVIDUAL_ASPECTS: readonly V<typeof AUDIT_PROBLEM_ASPECT_VALUES>[] = [
  'raw_materials_energy',
  'process_equipment',
  'production_process',
  'resource_use',
  'waste',
  'staff',
  'management',
];
export const CAUSE_TYPES: readonly V<typeof AUDIT_CAUSE_TYPE_VALUES>[] = [
  'technical',
  'management',
  'policy',
];
export const PLAN_CATEGORIES: readonly V<typeof AUDIT_PLAN_CATEGORY_VALUES>[] = [
  'management_system',
  'industry_promotion',
  'cycle_linkage',
  'other',
];
export const PLAN_STATUSES: readonly V<typeof AUDIT_PLAN_STATUS_VALUES>[] = [
  'planned',
  'in_progress',
  'done',
  'cancelled',
];
