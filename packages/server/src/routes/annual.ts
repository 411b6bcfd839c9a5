import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';

export function annualRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
