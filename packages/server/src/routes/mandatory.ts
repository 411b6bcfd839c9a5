import { api } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import * as mandatory from '../services/mandatory/index.ts';

export function mandatoryRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerEndpoint(app, 'listMandatoryAudits', api.listMandatoryAudits, (a) =>
    mandatory.listMandatoryAudits(serviceContext(deps, a), a.query),
  );
  registerEndpoint(app, 'getMandatoryAuditPrefill', api.getMandatoryAuditPrefill, (a) =>
    mandatory.mandatoryPrefill(serviceContext(deps, a), a.query),
  );
  registerEndpoint(app, 'createMandatoryAudit', api.createMandatoryAudit, (a) =>
    mandatory.createMandatoryAudit(serviceContext(deps, a), a.body),
  );
  registerEndpoint(app, 'getMandatoryAudit', api.getMandatoryAudit, (a) =>
    mandatory.getMandatoryAudit(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'updateMandatoryAudit', api.updateMandatoryAudit, (a) =>
    mandatory.updateMandatoryAudit(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'createMandatoryAuditTarget', api.createMandatoryAuditTarget, (a) =>
    mandatory.createMandatoryAuditTarget(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateMandatoryAuditTarget', api.updateMandatoryAuditTarget, (a) =>
    mandatory.updateMandatoryAuditTarget(serviceContext(deps, a), a.params.id, a.params.targetId, a.body),
  );
  registerEndpoint(app, 'deleteMandatoryAuditTarget', api.deleteMandatoryAuditTarget, (a) =>
    mandatory.deleteMandatoryAuditTarget(
      serviceContext(deps, a),
      a.params.id,
      a.params.targetId,
      a.query.version,
    ),
  );
}
