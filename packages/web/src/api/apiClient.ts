/**
 * The app's API client: same origin (the server serves the app and /api; Vite proxies /api in development).
 * Routes come from the build-time table; in development, responses are also checked against the contract's zod
 * schemas, which are then loaded on demand (that import is removed from production builds).
 */
import routes from 'virtual:cpaudit/routes';
import { ApiClient } from './client.ts';

export const apiClient = new ApiClient({
  routes,
  contract: import.meta.env.DEV ? () => import('@cpaudit/contract').then((m) => m.api) : undefined,
});
