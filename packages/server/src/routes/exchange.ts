/** Data-collection workbooks, their import, list exports, indicator-system workbooks. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';

export function exchangeRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
