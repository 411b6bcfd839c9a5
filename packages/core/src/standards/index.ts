export * from './applicable.ts';
export * from './builtin.ts';
export * from './pollutants.ts';
export * from './schema.ts';
