/**
 * Options, evidence, reviews and performance views (issue 3). Routes call exactly one of these per request.
 */
export { type LoadedOption, loadOption, type Power } from './access.ts';
export { benefitCatalogue } from './catalogue.ts';
export {
  deleteEvidence,
  downloadEvidence,
  type EvidenceDeps,
  type EvidenceDownload,
  listEvidence,
  listEvidenceOfOptions,
  type UploadPart,
  uploadEvidence,
} from './evidence.ts';
export {
  createAuditOption,
  createMandatoryOption,
  getOption,
  listAuditOptions,
  listMandatoryOptions,
  setOptionBenefits,
  setOptionEconomics,
  setOptionProblems,
  updateOption,
} from './options.ts';
export { auditPerformance, mandatoryPerformance } from './performance.ts';
export { createReview, listReviews, updateReview } from './reviews.ts';
export { type ScreeningOwner, screenOptions } from './screening.ts';
export { transitionOption } from './workflow.ts';
