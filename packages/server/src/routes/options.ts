/**
 * Options, evidence, reviews and performance views: one service call per endpoint. Multipart parsing
 * (@fastify/multipart) is registered only in the scope of the evidence upload, with the configured size limit.
 */

import { api } from '@cpaudit/contract';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import * as options from '../services/options/index.ts';
import { evidenceStore } from '../storage/index.ts';

export function optionsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const evidence: options.EvidenceDeps = {
    store: evidenceStore(deps.config.dataDir),
    maxUploadBytes: deps.config.maxUploadBytes,
  };

  registerEndpoint(app, 'listOptionBenefitItems', api.listOptionBenefitItems, async () =>
    options.benefitCatalogue(),
  );
  registerEndpoint(app, 'listAuditOptions', api.listAuditOptions, (a) =>
    options.listAuditOptions(serviceContext(deps, a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createAuditOption', api.createAuditOption, (a) =>
    options.createAuditOption(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'screenAuditOptions', api.screenAuditOptions, (a) =>
    options.screenOptions(serviceContext(deps, a), { auditId: a.params.id }, a.body),
  );
  registerEndpoint(app, 'getAuditPerformance', api.getAuditPerformance, (a) =>
    options.auditPerformance(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'listMandatoryOptions', api.listMandatoryOptions, (a) =>
    options.listMandatoryOptions(serviceContext(deps, a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createMandatoryOption', api.createMandatoryOption, (a) =>
    options.createMandatoryOption(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'screenMandatoryOptions', api.screenMandatoryOptions, (a) =>
    options.screenOptions(serviceContext(deps, a), { mandatoryAuditId: a.params.id }, a.body),
  );
  registerEndpoint(app, 'getMandatoryPerformance', api.getMandatoryPerformance, (a) =>
    options.mandatoryPerformance(serviceContext(deps, a), a.params.id, a.query),
  );
  registerEndpoint(app, 'getOption', api.getOption, (a) =>
    options.getOption(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'updateOption', api.updateOption, (a) =>
    options.updateOption(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'setOptionProblems', api.setOptionProblems, (a) =>
    options.setOptionProblems(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'setOptionBenefits', api.setOptionBenefits, (a) =>
    options.setOptionBenefits(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'setOptionEconomics', api.setOptionEconomics, (a) =>
    options.setOptionEconomics(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'transitionOption', api.transitionOption, (a) =>
    options.transitionOption(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'listOptionEvidence', api.listOptionEvidence, (a) =>
    options.listEvidence(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'downloadOptionEvidence', api.downloadOptionEvidence, async (a) => {
    const file = await options.downloadEvidence(serviceContext(deps, a), evidence, a.params.id);
    a.reply.headers(file.headers);
    return file.stream;
  });
  registerEndpoint(app, 'deleteOptionEvidence', api.deleteOptionEvidence, (a) =>
    options.deleteEvidence(serviceContext(deps, a), evidence, a.params.id, a.query.version),
  );
  registerEndpoint(app, 'listOptionReviews', api.listOptionReviews, (a) =>
    options.listReviews(serviceContext(deps, a), a.params.id),
  );
  registerEndpoint(app, 'createOptionReview', api.createOptionReview, (a) =>
    options.createReview(serviceContext(deps, a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateOptionReview', api.updateOptionReview, (a) =>
    options.updateReview(serviceContext(deps, a), a.params.id, a.body),
  );

  // The upload in its own scope: only it parses multipart/form-data.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: deps.config.maxUploadBytes,
        files: 1,
        fields: 8,
        fieldSize: 8 * 1024,
        parts: 10,
        headerPairs: 100,
      },
    });
    registerEndpoint(scope, 'uploadOptionEvidence', api.uploadOptionEvidence, (a) =>
      options.uploadEvidence(serviceContext(deps, a), evidence, a.params.id, a.req.parts()),
    );
  });
}
