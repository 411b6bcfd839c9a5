export * from './source.ts';
export * from './zod.ts';
