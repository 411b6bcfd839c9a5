/**
 * Data-collection workbooks, their import, list exports, indicator-system workbooks.
 *
 * Downloads answer the file (`kind: 'download'`); uploads are multipart with one part `file` (`kind: 'upload'`),
 * size-limited by the server's `maxUploadBytes`. An import answers 200 with `ok: false` and every problem (sheet,
 * row, cell, message) when the workbook has any: then nothing was written. `dryRun=true` validates only.
 */
import { z } from 'zod';
import { indicatorSystemDetailSchema } from './annual.ts';
import { endpoint } from './endpoint.ts';

const TAGS = ['exchange'] as const;

export const workbookProblemSchema = z
  .object({
    /** The sheet; null for a problem of the whole file (not an xlsx, too large, macros, …). */
    sheet: z.string().nullable(),
    row: z.number().int().nullable(),
    /** A1 reference of the cell. */
    cell: z.string().nullable(),
    /** The item code or column key (`energy.electricity`, `uscc`), when known. */
    field: z.string().nullable(),
    message: z.string(),
  })
  .meta({ id: 'WorkbookProblem' });
export type WorkbookProblemDto = z.output<typeof workbookProblemSchema>;

export const workbookImportQuery = z.object({
  /** Validate only: nothing is written. */
  dryRun: z.stringbool().default(false),
});

export const enterpriseWorkbookImportQuery = workbookImportQuery.extend({
  /** The audit the workbook was downloaded for (its years and indicator system); without it: the last 10 years. */
  auditId: z.uuid().optional(),
});

export const workbookImportResultSchema = z
  .object({
    ok: z.boolean(),
    dryRun: z.boolean(),
    problems: z.array(workbookProblemSchema),
    written: z.object({
      /** Enterprise-years with at least one value created or changed (would be, in a dry run). */
      enterpriseYears: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      /** Values equal to what the platform holds (left untouched). */
      unchanged: z.number().int(),
    }),
  })
  .meta({ id: 'WorkbookImportResult' });

export const AUDIT_EXPORT_LISTS = ['enterprises', 'options', 'targets', 'evidence'] as const;
export type AuditExportList = (typeof AUDIT_EXPORT_LISTS)[number];

export const auditExportParams = z.object({ id: z.uuid(), list: z.enum(AUDIT_EXPORT_LISTS) });

export const indicatorTemplateQuery = z.object({
  /** Fill the template with this stored system (an export that imports back equal); blank without it. */
  systemId: z.uuid().optional(),
});

export const indicatorWorkbookImportResultSchema = z
  .object({
    ok: z.boolean(),
    dryRun: z.boolean(),
    problems: z.array(workbookProblemSchema),
    /** The imported revision; null when there were problems or in a dry run. */
    system: indicatorSystemDetailSchema.nullable(),
  })
  .meta({ id: 'IndicatorWorkbookImportResult' });

const file = z.unknown().describe('the .xlsx file (Content-Type and Content-Disposition set)');
const uploadFields = z.object({}).describe('multipart/form-data with one part "file": the .xlsx');

export const exchangeEndpoints = {
  downloadDataWorkbook: endpoint({
    method: 'GET',
    path: '/api/audits/:id/enterprises/:enterpriseId/workbook.xlsx',
    summary: 'The data-collection workbook (Appendix A) of one listed enterprise, pre-filled with its data',
    tags: TAGS,
    access: 'authenticated',
    params: z.object({ id: z.uuid(), enterpriseId: z.uuid() }),
    response: file,
    kind: 'download',
  }),
  downloadAuditWorkbook: endpoint({
    method: 'GET',
    path: '/api/audits/:id/workbook.xlsx',
    summary:
      'The data-collection workbook of every listed enterprise the caller sees (rows keyed by USCC + year)',
    tags: TAGS,
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    response: file,
    kind: 'download',
  }),
  importDataWorkbook: endpoint({
    method: 'POST',
    path: '/api/annual/enterprises/:enterpriseId/workbook',
    summary:
      'Import a filled data-collection workbook of one enterprise (all or nothing; dryRun validates only)',
    tags: TAGS,
    access: 'authenticated',
    params: z.object({ enterpriseId: z.uuid() }),
    query: enterpriseWorkbookImportQuery,
    body: uploadFields,
    response: workbookImportResultSchema,
    kind: 'upload',
  }),
  importAuditWorkbook: endpoint({
    method: 'POST',
    path: '/api/audits/:id/workbook',
    summary: 'Import an audit-wide data-collection workbook (all or nothing; dryRun validates only)',
    tags: TAGS,
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    query: workbookImportQuery,
    body: uploadFields,
    response: workbookImportResultSchema,
    kind: 'upload',
  }),
  exportAuditList: endpoint({
    method: 'GET',
    path: '/api/audits/:id/exports/:list.xlsx',
    summary: 'A list of the audit as .xlsx: enterprises, options, targets or the evidence index',
    tags: TAGS,
    access: 'authenticated',
    params: auditExportParams,
    response: file,
    kind: 'download',
  }),
  exportEnterprises: endpoint({
    method: 'GET',
    path: '/api/enterprises/export.xlsx',
    summary: 'The enterprises the caller sees, as .xlsx',
    tags: TAGS,
    access: 'authenticated',
    response: file,
    kind: 'download',
  }),
  downloadIndicatorSystemTemplate: endpoint({
    method: 'GET',
    path: '/api/indicator-systems/template.xlsx',
    summary: 'The indicator-system workbook template (blank, or filled with a stored system)',
    tags: TAGS,
    access: ['platform_admin'],
    query: indicatorTemplateQuery,
    response: file,
    kind: 'download',
  }),
  importIndicatorSystemWorkbook: endpoint({
    method: 'POST',
    path: '/api/indicator-systems/workbook',
    summary: 'Import an indicator system from the .xlsx template (same checks as the JSON import)',
    tags: TAGS,
    access: ['platform_admin'],
    query: workbookImportQuery,
    body: uploadFields,
    response: indicatorWorkbookImportResultSchema,
    kind: 'upload',
  }),
} as const;
