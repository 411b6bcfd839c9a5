/** Industry audit report (Appendix B) downloads. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';

export function reportsRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
