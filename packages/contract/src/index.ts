/**
 * @cpaudit/contract: the API written once. Every endpoint (method, path, zod schemas, access) lives here and is
 * shared by the server (registration, validation, OpenAPI), the web app and the CLI (typed client), and the tests.
 */
import { authEndpoints } from './auth.ts';
import { systemEndpoints } from './system.ts';

export * from './auth.ts';
export * from './common.ts';
export * from './endpoint.ts';
export * from './system.ts';

/** Every endpoint of the API, by name. */
export const api = {
  ...systemEndpoints,
  ...authEndpoints,
} as const;
export type Api = typeof api;
export type EndpointName = keyof Api;
