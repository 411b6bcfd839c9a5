/** The Guangdong mandatory audit performance form (《广东省强制性清洁生产审核绩效表》) as .xlsx and .docx. */
export * from './data.ts';
export { renderGuangdongFormDocx } from './docx.ts';
export { cellText, type FormLayout, guangdongFormLayout } from './layout.ts';
export { FORM_FONT, FORM_SHEET_NAME, renderGuangdongFormXlsx } from './xlsx.ts';
