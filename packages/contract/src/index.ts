/**
 * @cpaudit/contract: the API written once. Every endpoint (method, path, zod schemas, access) lives here and is
 * shared by the server (registration, validation, OpenAPI), the web app and the CLI (typed client), and the tests.
 */
import { annualEndpoints } from './annual.ts';
import { auditsEndpoints } from './audits.ts';
import { authEndpoints } from './auth.ts';
import { balancesEndpoints } from './balances.ts';
import { complianceEndpoints } from './compliance.ts';
import { dashboardEndpoints } from './dashboard.ts';
import { exchangeEndpoints } from './exchange.ts';
import { formsEndpoints } from './forms.ts';
import { mandatoryEndpoints } from './mandatory.ts';
import { optionsEndpoints } from './options.ts';
import { organisationsEndpoints } from './organisations.ts';
import { reportsEndpoints } from './reports.ts';
import { systemEndpoints } from './system.ts';

export * from './annual.ts';
export * from './audits.ts';
export * from './auth.ts';
export * from './balances.ts';
export * from './common.ts';
export * from './compliance.ts';
export * from './dashboard.ts';
export * from './endpoint.ts';
export * from './exchange.ts';
export * from './forms.ts';
export * from './mandatory.ts';
export * from './options.ts';
export * from './organisations.ts';
export * from './reports.ts';
export * from './system.ts';

/** Every endpoint of the API, by name. */
export const api = {
  ...systemEndpoints,
  ...authEndpoints,
  ...organisationsEndpoints,
  ...annualEndpoints,
  ...auditsEndpoints,
  ...optionsEndpoints,
  ...mandatoryEndpoints,
  ...balancesEndpoints,
  ...reportsEndpoints,
  ...formsEndpoints,
  ...exchangeEndpoints,
  ...dashboardEndpoints,
  ...complianceEndpoints,
} as const;
export type Api = typeof api;
export type EndpointName = keyof Api;
