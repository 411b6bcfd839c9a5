export * from './reference.ts';
export * from './schema.ts';
export * from './tax.ts';
