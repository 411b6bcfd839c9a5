import { api } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, VERSION } from '../app.ts';
import { registerEndpoint } from '../http/register.ts';

export function systemRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerEndpoint(app, 'health', api.health, async () => ({
    status: 'ok' as const,
    database: deps.database.kind,
    version: VERSION,
  }));
}
