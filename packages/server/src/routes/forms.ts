/** Guangdong mandatory audit performance form downloads. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';

export function formsRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
