/** Organisations, accounts, enterprises and the audit log: the services behind routes/organisations.ts. */
export * from './accounts.ts';
export * from './audit-log.ts';
export * from './bureaus.ts';
export * from './enterprise-access.ts';
export * from './enterprise-items.ts';
export * from './enterprises.ts';
export * from './firms.ts';
export * from './industry.ts';
export * from './regions.ts';
