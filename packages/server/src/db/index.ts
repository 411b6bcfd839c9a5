/**
 * The server's data layer: the Drizzle schema, opening PGlite or PostgreSQL, migrations, the audit log,
 * optimistic concurrency and database-error mapping.
 */
import type * as schema from './schema/index.ts';

export { type AuditEntry, writeAuditEntry } from './audit.ts';
export {
  type AuditActor,
  type Database,
  type Db,
  levelOf,
  MIGRATION_LEVEL_SQL,
  MIGRATIONS_FOLDER,
  type MigrationEntry,
  type MigrationLevel,
  migratePostgresTo,
  migrationJournal,
  migrationLevel,
  type OpenDatabaseOptions,
  openDatabase,
  redactUrl,
  type Schema,
  setAuditActor,
  type TransactionOptions,
  type Tx,
  wrapPglite,
} from './connect.ts';
export { DB_ERRCODES, type DbErrorInfo, dbErrorInfo, mapDbError } from './errors.ts';
export { acquireLock, type DirectoryLock, type LockInfo } from './lock.ts';
export { preparedFor } from './prepared.ts';
export { executeRows } from './raw.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export { throwVersionFailure, type VersionedTable, versionMatches } from './versioned.ts';

// Row types (select) and insert types of the tables.
export type Region = typeof schema.regions.$inferSelect;
export type NewRegion = typeof schema.regions.$inferInsert;
export type Bureau = typeof schema.bureaus.$inferSelect;
export type NewBureau = typeof schema.bureaus.$inferInsert;
export type ConsultingFirm = typeof schema.consultingFirms.$inferSelect;
export type NewConsultingFirm = typeof schema.consultingFirms.$inferInsert;
export type Enterprise = typeof schema.enterprises.$inferSelect;
export type NewEnterprise = typeof schema.enterprises.$inferInsert;
export type EnterpriseProduct = typeof schema.enterpriseProducts.$inferSelect;
export type EnterpriseProcess = typeof schema.enterpriseProcesses.$inferSelect;
export type EnterpriseEquipment = typeof schema.enterpriseEquipment.$inferSelect;
export type TreatmentFacility = typeof schema.treatmentFacilities.$inferSelect;
export type ConsultingEngagement = typeof schema.consultingEngagements.$inferSelect;
export type User = typeof schema.users.$inferSelect;
export type NewUser = typeof schema.users.$inferInsert;
export type UserRole = typeof schema.userRoles.$inferSelect;
export type NewUserRole = typeof schema.userRoles.$inferInsert;
export type Session = typeof schema.sessions.$inferSelect;
export type NewSession = typeof schema.sessions.$inferInsert;
export type IndicatorSystem = typeof schema.indicatorSystems.$inferSelect;
export type Indicator = typeof schema.indicators.$inferSelect;
export type Evaluation = typeof schema.evaluations.$inferSelect;
export type StandardRow = typeof schema.standards.$inferSelect;
export type MonitoringSample = typeof schema.monitoringSamples.$inferSelect;
export type ComplianceFacts = typeof schema.complianceFacts.$inferSelect;
export type EvaluationValue = typeof schema.evaluationValues.$inferSelect;
export type AnnualSubmission = typeof schema.annualSubmissions.$inferSelect;
export type AnnualValue = typeof schema.annualValues.$inferSelect;
export type NewAnnualValue = typeof schema.annualValues.$inferInsert;
export type IndustryAudit = typeof schema.industryAudits.$inferSelect;
export type NewIndustryAudit = typeof schema.industryAudits.$inferInsert;
export type AuditPhaseRow = typeof schema.auditPhases.$inferSelect;
export type AuditPanelMember = typeof schema.auditPanelMembers.$inferSelect;
export type AuditEnterprise = typeof schema.auditEnterprises.$inferSelect;
export type AuditTraining = typeof schema.auditTrainings.$inferSelect;
export type AuditTrainingAttendance = typeof schema.auditTrainingAttendance.$inferSelect;
export type SiteSurvey = typeof schema.siteSurveys.$inferSelect;
export type AuditAnalysisSection = typeof schema.auditAnalysisSections.$inferSelect;
export type AuditFocus = typeof schema.auditFocuses.$inferSelect;
export type AuditTarget = typeof schema.auditTargets.$inferSelect;
export type AuditTargetEnterprise = typeof schema.auditTargetEnterprises.$inferSelect;
export type AuditProblem = typeof schema.auditProblems.$inferSelect;
export type CpPlanTask = typeof schema.cpPlanTasks.$inferSelect;
export type MandatoryAudit = typeof schema.mandatoryAudits.$inferSelect;
export type NewMandatoryAudit = typeof schema.mandatoryAudits.$inferInsert;
export type MandatoryAuditTarget = typeof schema.mandatoryAuditTargets.$inferSelect;
export type CpOption = typeof schema.cpOptions.$inferSelect;
export type NewCpOption = typeof schema.cpOptions.$inferInsert;
export type OptionProblem = typeof schema.optionProblems.$inferSelect;
export type OptionBenefit = typeof schema.optionBenefits.$inferSelect;
export type NewOptionBenefit = typeof schema.optionBenefits.$inferInsert;
export type OptionEvidence = typeof schema.optionEvidence.$inferSelect;
export type NewOptionEvidence = typeof schema.optionEvidence.$inferInsert;
export type OptionReview = typeof schema.optionReviews.$inferSelect;
export type ExpertAssignment = typeof schema.expertAssignments.$inferSelect;
export type AuditReferenceSnapshot = typeof schema.auditReferenceSnapshots.$inferSelect;
export type AuditLogEntry = typeof schema.auditLog.$inferSelect;
export type Setting = typeof schema.settings.$inferSelect;
export type ProcessBalance = typeof schema.processBalances.$inferSelect;
