export * from './from-json.ts';
export * from './guangdong-form.ts';
export * from './industry-report.ts';
export * from './option.ts';
export type { MoneyBucket, OtherTotal } from './scan.ts';
export * from './settings.ts';
export * from './tables.ts';
