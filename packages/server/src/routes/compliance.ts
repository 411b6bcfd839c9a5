/**
 * 现状分析 (issue 8): standards, monitoring samples, compliance facts and results, the audit's status analysis, the
 * avoided environmental tax of an option. One service call per endpoint, no logic here.
 */
import { api } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import * as compliance from '../services/compliance/index.ts';

export function complianceRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerEndpoint(app, 'listStandards', api.listStandards, (a) =>
    compliance.listStandards(serviceContext(deps, a), a.query),
  );
  registerEndpoint(app, 'getStandard', api.getStandard, (a) =>
    compliance.getStandard(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'createStandard', api.createStandard, (a) =>
    compliance.createStandard(serviceContext(deps, a), a.body),
  );
  registerEndpoint(app, 'updateStandard', api.updateStandard, (a) =>
    compliance.updateStandard(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'retireStandard', api.retireStandard, (a) =>
    compliance.retireStandard(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'listMonitoringSamples', api.listMonitoringSamples, (a) =>
    compliance.listMonitoringSamples(serviceContext(deps, a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createMonitoringSample', api.createMonitoringSample, (a) =>
    compliance.createMonitoringSample(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateMonitoringSample', api.updateMonitoringSample, (a) =>
    compliance.updateMonitoringSample(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'deleteMonitoringSample', api.deleteMonitoringSample, (a) =>
    compliance.deleteMonitoringSample(serviceContext(deps, a), a.params.id, a.query.version),
  );
  registerEndpoint(app, 'getComplianceFacts', api.getComplianceFacts, (a) =>
    compliance.getComplianceFacts(serviceContext(deps, a), a.params.id, a.params.year),
  );
  registerEndpoint(app, 'putComplianceFacts', api.putComplianceFacts, (a) =>
    compliance.putComplianceFacts(serviceContext(deps, a), a.params.id, a.params.year, a.body),
  );
  registerEndpoint(app, 'getCompliance', api.getCompliance, (a) =>
    compliance.getCompliance(serviceContext(deps, a), a.params.id, a.params.year),
  );
  registerEndpoint(app, 'getStatusAnalysis', api.getStatusAnalysis, (a) =>
    compliance.getStatusAnalysis(serviceContext(deps, a), a.params.id, a.query),
  );
  registerEndpoint(app, 'getOptionAvoidedTax', api.getOptionAvoidedTax, (a) =>
    compliance.getOptionAvoidedTax(serviceContext(deps, a), a.params.id, a.query.basis),
  );
  registerEndpoint(app, 'setOptionAvoidedTax', api.setOptionAvoidedTax, (a) =>
    compliance.setOptionAvoidedTax(serviceContext(deps, a), a.params.id, a.body),
  );
}
