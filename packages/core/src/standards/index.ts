export * from './pollutants.ts';
export * from './schema.ts';
