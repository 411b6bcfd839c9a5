/**
 * Data exchange: data-collection workbooks (Appendix A) and their import, list exports, indicator-system workbooks.
 */
export { exportAuditList, exportEnterprises, type ListFile } from './exports.ts';
export { importIndicatorSystemWorkbook, indicatorSystemTemplate } from './indicators.ts';
export {
  downloadWorkbook,
  type ImportProgress,
  type ImportResult,
  importAuditWorkbook,
  importEnterpriseWorkbook,
  importWorkbookBytes,
  readUpload,
  type WorkbookDeps,
  type WorkbookFile,
  type WorkbookPart,
} from './workbook.ts';
