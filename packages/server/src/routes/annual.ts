/**
 * Routes of the annual-data domain: annual values and workflow, data checks, indicator systems, evaluations,
 * reference data and calculations. One service call per endpoint, no logic here.
 */
import { api } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import * as annual from '../services/annual/index.ts';

export function annualRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerEndpoint(app, 'listAnnualItems', api.listAnnualItems, (args) =>
    annual.listAnnualItems(serviceContext(deps, args)),
  );
  registerEndpoint(app, 'listAnnualSubmissions', api.listAnnualSubmissions, (args) =>
    annual.listAnnualSubmissions(serviceContext(deps, args), args.query),
  );
  registerEndpoint(app, 'listAnnualYears', api.listAnnualYears, (args) =>
    annual.listAnnualYears(serviceContext(deps, args), args.params.enterpriseId),
  );
  registerEndpoint(app, 'getAnnualData', api.getAnnualData, (args) =>
    annual.getAnnualData(serviceContext(deps, args), args.params.enterpriseId, args.params.year),
  );
  registerEndpoint(app, 'saveAnnualValues', api.saveAnnualValues, (args) =>
    annual.saveAnnualValues(
      serviceContext(deps, args),
      args.params.enterpriseId,
      args.params.year,
      args.body,
    ),
  );
  registerEndpoint(app, 'submitAnnualData', api.submitAnnualData, (args) =>
    annual.submitAnnualData(
      serviceContext(deps, args),
      args.params.enterpriseId,
      args.params.year,
      args.body.version,
    ),
  );
  registerEndpoint(app, 'returnAnnualData', api.returnAnnualData, (args) =>
    annual.returnAnnualData(
      serviceContext(deps, args),
      args.params.enterpriseId,
      args.params.year,
      args.body.version,
      args.body.reason,
    ),
  );
  registerEndpoint(app, 'acceptAnnualData', api.acceptAnnualData, (args) =>
    annual.acceptAnnualData(
      serviceContext(deps, args),
      args.params.enterpriseId,
      args.params.year,
      args.body.version,
    ),
  );
  registerEndpoint(app, 'checkAnnualData', api.checkAnnualData, (args) =>
    annual.checkAnnualData(serviceContext(deps, args), args.params.enterpriseId, args.query.peers),
  );
  registerEndpoint(app, 'listIndicatorSystems', api.listIndicatorSystems, (args) =>
    annual.listIndicatorSystems(serviceContext(deps, args), args.query),
  );
  registerEndpoint(app, 'getIndicatorSystem', api.getIndicatorSystem, (args) =>
    annual.getIndicatorSystem(serviceContext(deps, args), args.params.id),
  );
  registerEndpoint(app, 'importIndicatorSystem', api.importIndicatorSystem, (args) =>
    annual.importIndicatorSystem(serviceContext(deps, args), args.body.system),
  );
  // Cached by data version (services/read-cache.ts): reused until a write is committed by any process.
  registerEndpoint(
    app,
    'benchmarkIndicator',
    api.benchmarkIndicator,
    (args) => annual.benchmarkIndicator(serviceContext(deps, args), args.params.id, args.query),
    { cache: deps },
  );
  registerEndpoint(app, 'evaluateEnterpriseYear', api.evaluateEnterpriseYear, (args) =>
    annual.evaluateEnterpriseYear(serviceContext(deps, args), args.body),
  );
  registerEndpoint(app, 'listEvaluations', api.listEvaluations, (args) =>
    annual.listEvaluations(serviceContext(deps, args), args.query),
  );
  registerEndpoint(app, 'getEvaluation', api.getEvaluation, (args) =>
    annual.getEvaluation(serviceContext(deps, args), args.params.id),
  );
  registerEndpoint(app, 'listGridFactors', api.listGridFactors, async (args) =>
    annual.listGridFactors(args.query),
  );
  registerEndpoint(app, 'listStandardCoalCoefficients', api.listStandardCoalCoefficients, async (args) =>
    annual.listStandardCoalCoefficients(args.query),
  );
  registerEndpoint(app, 'listCalculations', api.listCalculations, async () => annual.listCalculations());
  registerEndpoint(app, 'runCalculation', api.runCalculation, async (args) =>
    annual.runCalculation(args.params.name, args.body),
  );
}
