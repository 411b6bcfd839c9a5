/**
 * Documents on the synthetic province: the industry audit report (.docx, Appendix B) of the largest (≈ 500-enterprise)
 * audit, assembled from the database and rendered (`auditReportDocx`), next to its main tables written with the docx
 * library alone; and the audit's data-collection workbook (Appendix A, pre-filled) imported as a dry run
 * (`importWorkbookBytes`: hostile-file checks, parse, validation), next to reading it with exceljs alone. Each in a
 * child process whose peak RSS is printed. Also run by `npm run bench -- report` and `npm run bench -- import`.
 *
 *   npm run bench -- documents
 */
import { backends, ensureProvince, printBuild, printTaskRows, runTask } from './province.ts';

export const aliases = ['report', 'import'];

export default async function documentsBench(): Promise<void> {
  for (const backend of backends()) {
    const loc = await ensureProvince(backend);
    printBuild(loc);
    printTaskRows(backend, 'Industry audit report (.docx)', await runTask('report', loc));
    printTaskRows(backend, 'Data-collection workbook import (dry run)', await runTask('import', loc));
  }
}
