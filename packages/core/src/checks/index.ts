export * from './checks.ts';
export * from './sources.ts';
