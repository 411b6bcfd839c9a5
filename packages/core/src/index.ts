/**
 * @cpaudit/core: the pure domain of cleaner production audits. No IO: no database, HTTP, file system or clock.
 * Every calculation returns its result with a `Breakdown` (inputs, factors with sources, clause).
 */

export * from './aggregation/index.ts';
export * from './balances/index.ts';
export * from './calculations.ts';
export * from './carbon/index.ts';
export * from './checks/index.ts';
export * from './compliance/index.ts';
export * from './economics/index.ts';
export * from './energy/index.ts';
export * from './errors.ts';
export * from './evaluation/index.ts';
export * from './identifiers/index.ts';
export * from './potential/index.ts';
export * from './reference/index.ts';
export * from './scoring/index.ts';
export * from './standards/index.ts';
export * from './targets/index.ts';
export * from './tax/index.ts';
export * from './trace.ts';
export * from './units/index.ts';
