/**
 * The industry audit report (Appendix B of the Jiangsu guideline) as .docx: `renderAuditReport(data)`.
 * Number formatting (`format.ts`), the charts (`charts.ts`) and the reader used by tests (`read-docx.ts`) are
 * imported from their files.
 */
export * from './data.ts';
export {
  drawReportCharts,
  EVIDENCE_SUBSECTIONS,
  REPORT_CHAPTERS,
  REPORT_SECTIONS,
  renderAuditReport,
} from './render.ts';
export { TABLE61_HEADERS, TABLE61_NOTE } from './tables.ts';
