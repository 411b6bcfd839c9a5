/** The home dashboard: one service call (services/dashboard). */
import { api } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import { getDashboard } from '../services/dashboard/index.ts';

export function dashboardRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Cached by data version (services/read-cache.ts): reused until a write is committed by any process.
  registerEndpoint(app, 'getDashboard', api.getDashboard, (a) => getDashboard(serviceContext(deps, a)), {
    cache: deps,
  });
}
