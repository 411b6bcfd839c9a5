/**
 * Industry audit report (Appendix B of the Jiangsu guideline) downloads: the report of an industry audit as a
 * Word document, chapters 1–9 with tables 6.1, 7.2 and 7.3 (the core's aggregation, as `getAuditPerformance`),
 * the performance charts and the options' evidence. Whoever may read the audit may download it (else 404).
 */
import { z } from 'zod';
import { endpoint } from './endpoint.ts';

const idOnly = z.object({ id: z.uuid() });

export const reportsEndpoints = {
  downloadAuditReport: endpoint({
    method: 'GET',
    path: '/api/audits/:id/report.docx',
    summary: 'The industry audit report (Appendix B) of an industry audit as a Word document',
    tags: ['audits'],
    access: 'authenticated',
    params: idOnly,
    response: z.unknown().describe('the .docx file (Content-Disposition names it, RFC 5987 filename*)'),
    kind: 'download',
  }),
} as const;
