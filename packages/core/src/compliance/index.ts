export * from './compliance.ts';
export * from './schema.ts';
