import { api } from '@cpaudit/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import * as org from '../services/organisations/index.ts';

export function organisationsRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Regions
  registerEndpoint(app, 'listRegions', api.listRegions, (a) =>
    org.listRegions(serviceContext(deps, a), a.query),
  );
  registerEndpoint(app, 'getRegionTree', api.getRegionTree, (a) =>
    org.getRegionTree(serviceContext(deps, a), a.query),
  );
  registerEndpoint(app, 'createRegion', api.createRegion, (a) =>
    org.createRegion(serviceContext(deps, a), a.body),
  );
  registerEndpoint(app, 'updateRegion', api.updateRegion, (a) =>
    org.updateRegion(serviceContext(deps, a), a.params.code, a.body),
  );

  // Bureaus
  registerEndpoint(app, 'listBureaus', api.listBureaus, (a) =>
    org.listBureaus(serviceContext(deps, a), a.query),
  );
  registerEndpoint(app, 'getBureau', api.getBureau, (a) =>
    org.getBureau(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'createBureau', api.createBureau, (a) =>
    org.createBureau(serviceContext(deps, a), a.body),
  );
  registerEndpoint(app, 'updateBureau', api.updateBureau, (a) =>
    org.updateBureau(serviceContext(deps, a), a.params.id, a.body),
  );

  // Consulting firms and engagements
  registerEndpoint(app, 'listConsultingFirms', api.listConsultingFirms, (a) =>
    org.listConsultingFirms(serviceContext(deps, a), a.query),
  );
  registerEndpoint(app, 'getConsultingFirm', api.getConsultingFirm, (a) =>
    org.getConsultingFirm(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'createConsultingFirm', api.createConsultingFirm, (a) =>
    org.createConsultingFirm(serviceContext(deps, a), a.body),
  );
  registerEndpoint(app, 'updateConsultingFirm', api.updateConsultingFirm, (a) =>
    org.updateConsultingFirm(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'listEngagements', api.listEngagements, (a) =>
    org.listEngagements(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'createEngagement', api.createEngagement, (a) =>
    org.createEngagement(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'endEngagement', api.endEngagement, (a) =>
    org.endEngagement(serviceContext(deps, a), a.params.id, a.params.engagementId, a.body),
  );
  registerEndpoint(app, 'deleteEngagement', api.deleteEngagement, (a) =>
    org.deleteEngagement(serviceContext(deps, a), a.params.id, a.params.engagementId, a.query.version),
  );

  // Users
  registerEndpoint(app, 'listUsers', api.listUsers, (a) => org.listUsers(serviceContext(deps, a), a.query));
  registerEndpoint(app, 'getUser', api.getUser, (a) => org.getUser(serviceContext(deps, a), a.params.id));
  registerEndpoint(app, 'createUser', api.createUser, (a) => org.createUser(serviceContext(deps, a), a.body));
  registerEndpoint(app, 'updateUser', api.updateUser, (a) =>
    org.updateUser(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'disableUser', api.disableUser, (a) =>
    org.disableUser(serviceContext(deps, a), a.params.id, a.body.version),
  );
  registerEndpoint(app, 'enableUser', api.enableUser, (a) =>
    org.enableUser(serviceContext(deps, a), a.params.id, a.body.version),
  );
  registerEndpoint(app, 'grantRole', api.grantRole, (a) =>
    org.grantRole(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'revokeRole', api.revokeRole, (a) =>
    org.revokeRole(serviceContext(deps, a), a.params.id, a.params.roleId),
  );
  registerEndpoint(app, 'resetPassword', api.resetPassword, (a) =>
    org.resetPassword(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(
    app,
    'changeOwnPassword',
    api.changeOwnPassword,
    (a) => org.changeOwnPassword(serviceContext(deps, a), a.body),
    {
      config: {
        // Guessing the current password through this route is throttled like logging in.
        rateLimit: {
          max: deps.config.loginRateLimit,
          timeWindow: 15 * 60_000,
          keyGenerator: (req: FastifyRequest) => req.actor?.userId ?? req.ip,
        },
      },
    },
  );

  // Enterprises
  registerEndpoint(app, 'listEnterprises', api.listEnterprises, (a) =>
    org.listEnterprises(serviceContext(deps, a), a.query),
  );
  registerEndpoint(app, 'getEnterprise', api.getEnterprise, (a) =>
    org.getEnterprise(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'createEnterprise', api.createEnterprise, (a) =>
    org.createEnterprise(serviceContext(deps, a), a.body),
  );
  registerEndpoint(app, 'updateEnterprise', api.updateEnterprise, (a) =>
    org.updateEnterprise(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'createEnterpriseProduct', api.createEnterpriseProduct, (a) =>
    org.createEnterpriseProduct(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateEnterpriseProduct', api.updateEnterpriseProduct, (a) =>
    org.updateEnterpriseProduct(serviceContext(deps, a), a.params.id, a.params.itemId, a.body),
  );
  registerEndpoint(app, 'deleteEnterpriseProduct', api.deleteEnterpriseProduct, (a) =>
    org.deleteEnterpriseProduct(serviceContext(deps, a), a.params.id, a.params.itemId, a.query.version),
  );
  registerEndpoint(app, 'createEnterpriseProcess', api.createEnterpriseProcess, (a) =>
    org.createEnterpriseProcess(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateEnterpriseProcess', api.updateEnterpriseProcess, (a) =>
    org.updateEnterpriseProcess(serviceContext(deps, a), a.params.id, a.params.itemId, a.body),
  );
  registerEndpoint(app, 'deleteEnterpriseProcess', api.deleteEnterpriseProcess, (a) =>
    org.deleteEnterpriseProcess(serviceContext(deps, a), a.params.id, a.params.itemId, a.query.version),
  );
  registerEndpoint(app, 'createEnterpriseEquipment', api.createEnterpriseEquipment, (a) =>
    org.createEnterpriseEquipment(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateEnterpriseEquipment', api.updateEnterpriseEquipment, (a) =>
    org.updateEnterpriseEquipment(serviceContext(deps, a), a.params.id, a.params.itemId, a.body),
  );
  registerEndpoint(app, 'deleteEnterpriseEquipment', api.deleteEnterpriseEquipment, (a) =>
    org.deleteEnterpriseEquipment(serviceContext(deps, a), a.params.id, a.params.itemId, a.query.version),
  );
  registerEndpoint(app, 'createTreatmentFacility', api.createTreatmentFacility, (a) =>
    org.createTreatmentFacility(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateTreatmentFacility', api.updateTreatmentFacility, (a) =>
    org.updateTreatmentFacility(serviceContext(deps, a), a.params.id, a.params.itemId, a.body),
  );
  registerEndpoint(app, 'deleteTreatmentFacility', api.deleteTreatmentFacility, (a) =>
    org.deleteTreatmentFacility(serviceContext(deps, a), a.params.id, a.params.itemId, a.query.version),
  );

  // Industry codes
  registerEndpoint(app, 'searchIndustryCodes', api.searchIndustryCodes, async (a) =>
    org.searchIndustryCodes(serviceContext(deps, a), a.query),
  );
  registerEndpoint(app, 'getIndustryCode', api.getIndustryCode, async (a) =>
    org.getIndustryCode(serviceContext(deps, a), a.params.code),
  );

  // Audit log
  registerEndpoint(app, 'listAuditLog', api.listAuditLog, (a) =>
    org.listAuditLog(serviceContext(deps, a), a.query),
  );
}
