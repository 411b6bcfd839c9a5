/**
 * @cpaudit/documents: Word and Excel. Pure functions from data (already scoped and computed by the server and the
 * core) to file bytes, and from workbook bytes back to validated data. No database, no HTTP.
 */
export * from './exports/index.ts';
export * from './form/index.ts';
export * from './report/index.ts';
export * from './workbook/index.ts';
