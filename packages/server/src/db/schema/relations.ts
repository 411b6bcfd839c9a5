/**
 * Drizzle relations (for `db.query.<table>.findMany({ with: … })`). They add no constraint: the foreign keys
 * are in the table definitions.
 */
import { relations } from 'drizzle-orm';
import { annualSubmissions, annualValues } from './annual-data.ts';
import {
  auditAnalysisSections,
  auditEnterprises,
  auditFocuses,
  auditPanelMembers,
  auditPhases,
  auditProblems,
  auditTargetEnterprises,
  auditTargets,
  auditTrainingAttendance,
  auditTrainings,
  cpPlanTasks,
  industryAudits,
  siteSurveys,
} from './audits.ts';
import {
  consultingEngagements,
  enterpriseEquipment,
  enterpriseProcesses,
  enterpriseProducts,
  enterprises,
  treatmentFacilities,
} from './enterprises.ts';
import { evaluations, evaluationValues, indicatorSystems, indicators } from './indicator-systems.ts';
import { mandatoryAudits, mandatoryAuditTargets } from './mandatory-audits.ts';
import {
  cpOptions,
  expertAssignments,
  optionBenefits,
  optionEvidence,
  optionProblems,
  optionReviews,
} from './options-evidence.ts';
import { auditReferenceSnapshots } from './reference-snapshots.ts';
import { bureaus, consultingFirms, regions } from './regions-orgs.ts';
import { sessions, userRoles, users } from './users-sessions.ts';

export const regionsRelations = relations(regions, ({ one, many }) => ({
  parent: one(regions, {
    fields: [regions.parentCode],
    references: [regions.code],
    relationName: 'region_parent',
  }),
  children: many(regions, { relationName: 'region_parent' }),
  enterprises: many(enterprises),
  bureaus: many(bureaus),
}));

export const bureausRelations = relations(bureaus, ({ one, many }) => ({
  jurisdiction: one(regions, { fields: [bureaus.jurisdictionCode], references: [regions.code] }),
  parent: one(bureaus, {
    fields: [bureaus.parentBureauId],
    references: [bureaus.id],
    relationName: 'bureau_parent',
  }),
  children: many(bureaus, { relationName: 'bureau_parent' }),
  industryAudits: many(industryAudits),
}));

export const consultingFirmsRelations = relations(consultingFirms, ({ one, many }) => ({
  region: one(regions, { fields: [consultingFirms.regionCode], references: [regions.code] }),
  engagements: many(consultingEngagements),
}));

export const enterprisesRelations = relations(enterprises, ({ one, many }) => ({
  region: one(regions, { fields: [enterprises.regionCode], references: [regions.code] }),
  products: many(enterpriseProducts),
  processes: many(enterpriseProcesses),
  equipment: many(enterpriseEquipment),
  treatmentFacilities: many(treatmentFacilities),
  engagements: many(consultingEngagements),
  annualSubmissions: many(annualSubmissions),
  annualValues: many(annualValues),
  auditEnterprises: many(auditEnterprises),
  mandatoryAudits: many(mandatoryAudits),
  options: many(cpOptions),
  evaluations: many(evaluations),
}));

export const enterpriseProductsRelations = relations(enterpriseProducts, ({ one }) => ({
  enterprise: one(enterprises, { fields: [enterpriseProducts.enterpriseId], references: [enterprises.id] }),
}));

export const enterpriseProcessesRelations = relations(enterpriseProcesses, ({ one, many }) => ({
  enterprise: one(enterprises, { fields: [enterpriseProcesses.enterpriseId], references: [enterprises.id] }),
  equipment: many(enterpriseEquipment),
}));

export const enterpriseEquipmentRelations = relations(enterpriseEquipment, ({ one }) => ({
  enterprise: one(enterprises, { fields: [enterpriseEquipment.enterpriseId], references: [enterprises.id] }),
  process: one(enterpriseProcesses, {
    fields: [enterpriseEquipment.processId],
    references: [enterpriseProcesses.id],
  }),
}));

export const treatmentFacilitiesRelations = relations(treatmentFacilities, ({ one }) => ({
  enterprise: one(enterprises, { fields: [treatmentFacilities.enterpriseId], references: [enterprises.id] }),
}));

export const consultingEngagementsRelations = relations(consultingEngagements, ({ one }) => ({
  firm: one(consultingFirms, {
    fields: [consultingEngagements.consultingFirmId],
    references: [consultingFirms.id],
  }),
  enterprise: one(enterprises, {
    fields: [consultingEngagements.enterpriseId],
    references: [enterprises.id],
  }),
}));

export const usersRelations = relations(users, ({ many }) => ({
  roles: many(userRoles),
  sessions: many(sessions),
}));

export const userRolesRelations = relations(userRoles, ({ one }) => ({
  user: one(users, { fields: [userRoles.userId], references: [users.id] }),
  bureau: one(bureaus, { fields: [userRoles.bureauId], references: [bureaus.id] }),
  enterprise: one(enterprises, { fields: [userRoles.enterpriseId], references: [enterprises.id] }),
  consultingFirm: one(consultingFirms, {
    fields: [userRoles.consultingFirmId],
    references: [consultingFirms.id],
  }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const annualSubmissionsRelations = relations(annualSubmissions, ({ one }) => ({
  enterprise: one(enterprises, { fields: [annualSubmissions.enterpriseId], references: [enterprises.id] }),
}));

export const annualValuesRelations = relations(annualValues, ({ one }) => ({
  enterprise: one(enterprises, { fields: [annualValues.enterpriseId], references: [enterprises.id] }),
  indicator: one(indicators, { fields: [annualValues.indicatorId], references: [indicators.id] }),
}));

export const indicatorSystemsRelations = relations(indicatorSystems, ({ many }) => ({
  indicators: many(indicators),
  evaluations: many(evaluations),
}));

export const indicatorsRelations = relations(indicators, ({ one, many }) => ({
  system: one(indicatorSystems, { fields: [indicators.systemId], references: [indicatorSystems.id] }),
  parent: one(indicators, {
    fields: [indicators.parentId],
    references: [indicators.id],
    relationName: 'indicator_parent',
  }),
  children: many(indicators, { relationName: 'indicator_parent' }),
}));

export const evaluationsRelations = relations(evaluations, ({ one, many }) => ({
  system: one(indicatorSystems, { fields: [evaluations.systemId], references: [indicatorSystems.id] }),
  enterprise: one(enterprises, { fields: [evaluations.enterpriseId], references: [enterprises.id] }),
  values: many(evaluationValues),
}));

export const evaluationValuesRelations = relations(evaluationValues, ({ one }) => ({
  evaluation: one(evaluations, { fields: [evaluationValues.evaluationId], references: [evaluations.id] }),
  indicator: one(indicators, { fields: [evaluationValues.indicatorId], references: [indicators.id] }),
}));

export const industryAuditsRelations = relations(industryAudits, ({ one, many }) => ({
  bureau: one(bureaus, { fields: [industryAudits.bureauId], references: [bureaus.id] }),
  region: one(regions, { fields: [industryAudits.regionCode], references: [regions.code] }),
  indicatorSystem: one(indicatorSystems, {
    fields: [industryAudits.indicatorSystemId],
    references: [indicatorSystems.id],
  }),
  phases: many(auditPhases),
  panel: many(auditPanelMembers),
  enterprises: many(auditEnterprises),
  trainings: many(auditTrainings),
  siteSurveys: many(siteSurveys),
  analysisSections: many(auditAnalysisSections),
  focuses: many(auditFocuses),
  targets: many(auditTargets),
  problems: many(auditProblems),
  options: many(cpOptions),
  planTasks: many(cpPlanTasks),
  referenceSnapshots: many(auditReferenceSnapshots),
}));

export const auditPhasesRelations = relations(auditPhases, ({ one }) => ({
  audit: one(industryAudits, { fields: [auditPhases.auditId], references: [industryAudits.id] }),
}));

export const auditPanelMembersRelations = relations(auditPanelMembers, ({ one }) => ({
  audit: one(industryAudits, { fields: [auditPanelMembers.auditId], references: [industryAudits.id] }),
  user: one(users, { fields: [auditPanelMembers.userId], references: [users.id] }),
}));

export const auditEnterprisesRelations = relations(auditEnterprises, ({ one }) => ({
  audit: one(industryAudits, { fields: [auditEnterprises.auditId], references: [industryAudits.id] }),
  enterprise: one(enterprises, { fields: [auditEnterprises.enterpriseId], references: [enterprises.id] }),
  consultingFirm: one(consultingFirms, {
    fields: [auditEnterprises.consultingFirmId],
    references: [consultingFirms.id],
  }),
  statusEvaluation: one(evaluations, {
    fields: [auditEnterprises.statusEvaluationId],
    references: [evaluations.id],
  }),
}));

export const auditTrainingsRelations = relations(auditTrainings, ({ one, many }) => ({
  audit: one(industryAudits, { fields: [auditTrainings.auditId], references: [industryAudits.id] }),
  attendance: many(auditTrainingAttendance),
}));

export const auditTrainingAttendanceRelations = relations(auditTrainingAttendance, ({ one }) => ({
  training: one(auditTrainings, {
    fields: [auditTrainingAttendance.trainingId],
    references: [auditTrainings.id],
  }),
  enterprise: one(enterprises, {
    fields: [auditTrainingAttendance.enterpriseId],
    references: [enterprises.id],
  }),
}));

export const siteSurveysRelations = relations(siteSurveys, ({ one, many }) => ({
  audit: one(industryAudits, { fields: [siteSurveys.auditId], references: [industryAudits.id] }),
  enterprise: one(enterprises, { fields: [siteSurveys.enterpriseId], references: [enterprises.id] }),
  problems: many(auditProblems),
}));

export const auditAnalysisSectionsRelations = relations(auditAnalysisSections, ({ one }) => ({
  audit: one(industryAudits, { fields: [auditAnalysisSections.auditId], references: [industryAudits.id] }),
  enterprise: one(enterprises, {
    fields: [auditAnalysisSections.enterpriseId],
    references: [enterprises.id],
  }),
}));

export const auditFocusesRelations = relations(auditFocuses, ({ one, many }) => ({
  audit: one(industryAudits, { fields: [auditFocuses.auditId], references: [industryAudits.id] }),
  targets: many(auditTargets),
  problems: many(auditProblems),
}));

export const auditTargetsRelations = relations(auditTargets, ({ one, many }) => ({
  audit: one(industryAudits, { fields: [auditTargets.auditId], references: [industryAudits.id] }),
  focus: one(auditFocuses, { fields: [auditTargets.focusId], references: [auditFocuses.id] }),
  enterprises: many(auditTargetEnterprises),
}));

export const auditTargetEnterprisesRelations = relations(auditTargetEnterprises, ({ one }) => ({
  target: one(auditTargets, { fields: [auditTargetEnterprises.targetId], references: [auditTargets.id] }),
  enterprise: one(enterprises, {
    fields: [auditTargetEnterprises.enterpriseId],
    references: [enterprises.id],
  }),
}));

export const auditProblemsRelations = relations(auditProblems, ({ one, many }) => ({
  audit: one(industryAudits, { fields: [auditProblems.auditId], references: [industryAudits.id] }),
  enterprise: one(enterprises, { fields: [auditProblems.enterpriseId], references: [enterprises.id] }),
  focus: one(auditFocuses, { fields: [auditProblems.focusId], references: [auditFocuses.id] }),
  siteSurvey: one(siteSurveys, { fields: [auditProblems.siteSurveyId], references: [siteSurveys.id] }),
  options: many(optionProblems),
}));

export const cpPlanTasksRelations = relations(cpPlanTasks, ({ one }) => ({
  audit: one(industryAudits, { fields: [cpPlanTasks.auditId], references: [industryAudits.id] }),
}));

export const mandatoryAuditsRelations = relations(mandatoryAudits, ({ one, many }) => ({
  enterprise: one(enterprises, { fields: [mandatoryAudits.enterpriseId], references: [enterprises.id] }),
  bureau: one(bureaus, { fields: [mandatoryAudits.bureauId], references: [bureaus.id] }),
  consultingFirm: one(consultingFirms, {
    fields: [mandatoryAudits.consultingFirmId],
    references: [consultingFirms.id],
  }),
  evaluationBefore: one(evaluations, {
    fields: [mandatoryAudits.evaluationBeforeId],
    references: [evaluations.id],
    relationName: 'evaluation_before',
  }),
  evaluationAfter: one(evaluations, {
    fields: [mandatoryAudits.evaluationAfterId],
    references: [evaluations.id],
    relationName: 'evaluation_after',
  }),
  targets: many(mandatoryAuditTargets),
  options: many(cpOptions),
  referenceSnapshots: many(auditReferenceSnapshots),
}));

export const mandatoryAuditTargetsRelations = relations(mandatoryAuditTargets, ({ one }) => ({
  mandatoryAudit: one(mandatoryAudits, {
    fields: [mandatoryAuditTargets.mandatoryAuditId],
    references: [mandatoryAudits.id],
  }),
}));

export const cpOptionsRelations = relations(cpOptions, ({ one, many }) => ({
  audit: one(industryAudits, { fields: [cpOptions.auditId], references: [industryAudits.id] }),
  mandatoryAudit: one(mandatoryAudits, {
    fields: [cpOptions.mandatoryAuditId],
    references: [mandatoryAudits.id],
  }),
  enterprise: one(enterprises, { fields: [cpOptions.enterpriseId], references: [enterprises.id] }),
  parent: one(cpOptions, {
    fields: [cpOptions.parentId],
    references: [cpOptions.id],
    relationName: 'option_parent',
  }),
  children: many(cpOptions, { relationName: 'option_parent' }),
  problems: many(optionProblems),
  benefits: many(optionBenefits),
  evidence: many(optionEvidence),
  reviews: many(optionReviews),
}));

export const optionProblemsRelations = relations(optionProblems, ({ one }) => ({
  option: one(cpOptions, { fields: [optionProblems.optionId], references: [cpOptions.id] }),
  problem: one(auditProblems, { fields: [optionProblems.problemId], references: [auditProblems.id] }),
}));

export const optionBenefitsRelations = relations(optionBenefits, ({ one }) => ({
  option: one(cpOptions, { fields: [optionBenefits.optionId], references: [cpOptions.id] }),
}));

export const optionEvidenceRelations = relations(optionEvidence, ({ one }) => ({
  option: one(cpOptions, { fields: [optionEvidence.optionId], references: [cpOptions.id] }),
}));

export const optionReviewsRelations = relations(optionReviews, ({ one }) => ({
  option: one(cpOptions, { fields: [optionReviews.optionId], references: [cpOptions.id] }),
  reviewer: one(users, { fields: [optionReviews.reviewerId], references: [users.id] }),
}));

export const expertAssignmentsRelations = relations(expertAssignments, ({ one }) => ({
  user: one(users, { fields: [expertAssignments.userId], references: [users.id] }),
  audit: one(industryAudits, { fields: [expertAssignments.auditId], references: [industryAudits.id] }),
  mandatoryAudit: one(mandatoryAudits, {
    fields: [expertAssignments.mandatoryAuditId],
    references: [mandatoryAudits.id],
  }),
  option: one(cpOptions, { fields: [expertAssignments.optionId], references: [cpOptions.id] }),
}));

export const auditReferenceSnapshotsRelations = relations(auditReferenceSnapshots, ({ one }) => ({
  audit: one(industryAudits, { fields: [auditReferenceSnapshots.auditId], references: [industryAudits.id] }),
  mandatoryAudit: one(mandatoryAudits, {
    fields: [auditReferenceSnapshots.mandatoryAuditId],
    references: [mandatoryAudits.id],
  }),
}));
