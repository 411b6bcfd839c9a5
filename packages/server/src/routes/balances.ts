/**
 * 物料/水/能量平衡 of enterprises' processes (the balance editor). One service call per endpoint, no logic here.
 */
import { api } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import * as balances from '../services/balances/index.ts';

export function balancesRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerEndpoint(app, 'listBalances', api.listBalances, (a) =>
    balances.listBalances(serviceContext(deps, a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createBalance', api.createBalance, (a) =>
    balances.createBalance(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'getBalance', api.getBalance, (a) =>
    balances.getBalance(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'updateBalance', api.updateBalance, (a) =>
    balances.updateBalance(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'deleteBalance', api.deleteBalance, (a) =>
    balances.deleteBalance(serviceContext(deps, a), a.params.id, a.query.version),
  );
}
