export * from './potential.ts';
export * from './schema.ts';
