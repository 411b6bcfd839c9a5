/** Mandatory audits (强制性清洁生产审核) and the Guangdong performance form's user-filled fields and targets. */
export {
  createMandatoryAudit,
  getMandatoryAudit,
  listMandatoryAudits,
  mandatoryPrefill,
  updateMandatoryAudit,
} from './audits.ts';
export { formBasicInfo } from './prefill.ts';
export {
  createMandatoryAuditTarget,
  deleteMandatoryAuditTarget,
  updateMandatoryAuditTarget,
} from './targets.ts';
