/**
 * Sources of the reference data shipped with cpaudit. Pages are third-party re-posts graded in the shared
 * domain facts (copied here so the project never reads outside itself at run time).
 */
import { z } from 'zod';
import type { Source } from '../trace.ts';

/** Guangdong 《广东省强制性清洁生产审核绩效表》 (附件1), the seed document for the performance form. */
export const SRC_GD_FORM = (clause: string): Source => ({
  document: '广东省强制性清洁生产审核绩效表',
  clause,
  status: 'seed',
});

/** Jiangsu 《行业清洁生产审核技术指南》, the seed document for the industry audit. */
export const SRC_JS_GUIDELINE = (clause: string): Source => ({
  document: '江苏省《行业清洁生产审核技术指南》',
  clause,
  status: 'seed',
});

/** zod schema of a `SourceStatus` (the grading of evidence in `trace.ts`), for reference data that arrives as JSON. */
export const sourceStatusSchema = z.enum([
  'seed',
  'verified-page',
  'verified-cross-checked',
  'code-only',
  'unverified',
  'user',
]);

/** zod schema of a `Source`: the document, clause, address and status of a reference value. */
export const sourceSchema = z.strictObject({
  document: z.string().min(1),
  clause: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  status: sourceStatusSchema,
  note: z.string().optional(),
});
