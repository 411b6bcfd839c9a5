/**
 * Every route of the API. Each domain registers the contract endpoints it serves; `routes.test.ts` checks that
 * every endpoint of the contract is registered and every registered route is in the contract.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { annualRoutes } from './annual.ts';
import { auditsRoutes } from './audits.ts';
import { authRoutes } from './auth.ts';
import { balancesRoutes } from './balances.ts';
import { complianceRoutes } from './compliance.ts';
import { dashboardRoutes } from './dashboard.ts';
import { exchangeRoutes } from './exchange.ts';
import { formsRoutes } from './forms.ts';
import { mandatoryRoutes } from './mandatory.ts';
import { optionsRoutes } from './options.ts';
import { organisationsRoutes } from './organisations.ts';
import { reportsRoutes } from './reports.ts';
import { systemRoutes } from './system.ts';

export async function registerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Rate limits are per route (login); run after parsing so the key can include the user name.
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  systemRoutes(app, deps);
  authRoutes(app, deps);
  organisationsRoutes(app, deps);
  annualRoutes(app, deps);
  auditsRoutes(app, deps);
  optionsRoutes(app, deps);
  mandatoryRoutes(app, deps);
  balancesRoutes(app, deps);
  reportsRoutes(app, deps);
  formsRoutes(app, deps);
  exchangeRoutes(app, deps);
  dashboardRoutes(app, deps);
  complianceRoutes(app, deps);
}
