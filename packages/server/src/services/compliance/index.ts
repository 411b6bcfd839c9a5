/**
 * 现状分析 (issue 8): standards, monitoring samples and compliance facts, the compliance of an enterprise-year, the
 * status analysis of an audit, and the avoided environmental tax of an option (form note 15).
 */
export {
  avoidedTaxAdditions,
  getOptionAvoidedTax,
  setOptionAvoidedTax,
} from './avoided-tax.ts';
export { getCompliance } from './check.ts';
export {
  createMonitoringSample,
  deleteMonitoringSample,
  getComplianceFacts,
  listMonitoringSamples,
  putComplianceFacts,
  updateMonitoringSample,
} from './samples.ts';
export {
  createStandard,
  ensureBuiltInStandards,
  getStandard,
  listStandards,
  retireStandard,
  updateStandard,
} from './standards.ts';
export { getStatusAnalysis } from './status.ts';
