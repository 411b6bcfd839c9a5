export * from './industry.ts';
export * from './uscc.ts';
