/**
 * Sources of the reference data shipped with cpaudit. Pages are third-party re-posts graded in the shared
 * domain facts (copied here so the project never reads outside itself at run time).
 */
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
