export * from './balance.ts';
export * from './sources.ts';
