export * from './distribution.ts';
export * from './electroplating-2015.data.ts';
export * from './evaluate.ts';
export * from './method.ts';
export * from './registry.ts';
export * from './schema.ts';
