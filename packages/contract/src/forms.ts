/**
 * Guangdong mandatory audit performance form downloads (《广东省强制性清洁生产审核绩效表》, 附件1): the form of a
 * mandatory audit filled from the platform (basic information, judgement fields, key options, targets, and the
 * summaries and CO2 computed by the core), as .xlsx or .docx. Whoever may read the audit may download it.
 */
import { z } from 'zod';
import { endpoint } from './endpoint.ts';

const idOnly = z.object({ id: z.uuid() });

export const formsEndpoints = {
  downloadMandatoryFormXlsx: endpoint({
    method: 'GET',
    path: '/api/mandatory-audits/:id/form.xlsx',
    summary:
      'The performance form of a mandatory audit as an Excel workbook (official layout, A4 print setup)',
    tags: ['mandatory'],
    access: 'authenticated',
    params: idOnly,
    response: z.unknown().describe('the .xlsx file (Content-Disposition names it)'),
    kind: 'download',
  }),
  downloadMandatoryFormDocx: endpoint({
    method: 'GET',
    path: '/api/mandatory-audits/:id/form.docx',
    summary: 'The performance form of a mandatory audit as a Word document (the same form as one table)',
    tags: ['mandatory'],
    access: 'authenticated',
    params: idOnly,
    response: z.unknown().describe('the .docx file (Content-Disposition names it)'),
    kind: 'download',
  }),
} as const;
