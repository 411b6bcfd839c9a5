/**
 * The cpaudit database schema, split by domain. Table order follows the import graph (no cycles):
 * regions-orgs → enterprises → users-sessions → indicator-systems → annual-data → audits → mandatory-audits →
 * options-evidence → reference-snapshots; audit-log and settings stand alone.
 */
export * from './annual-data.ts';
export * from './audit-log.ts';
export * from './audits.ts';
export * from './balances.ts';
export * from './change-counters.ts';
export * from './compliance.ts';
export * from './enterprises.ts';
export * from './indicator-systems.ts';
export * from './mandatory-audits.ts';
export * from './options-evidence.ts';
export * from './reference-snapshots.ts';
export * from './regions-orgs.ts';
export * from './relations.ts';
export * from './settings.ts';
export * from './users-sessions.ts';
