/**
 * Data-collection workbooks, their import, list exports, indicator-system workbooks: one service call per endpoint.
 * Multipart parsing (@fastify/multipart) is registered only in the scope of the three uploads, with the configured
 * size limit.
 */
import type { Readable } from 'node:stream';
import { api } from '@cpaudit/contract';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import * as exchange from '../services/exchange/index.ts';
import { contentDisposition } from '../storage/index.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function xlsxHeaders(reply: FastifyReply, fileName: string): void {
  reply.headers({
    'content-type': XLSX,
    'content-disposition': contentDisposition(fileName),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
}

function sendXlsx(reply: FastifyReply, file: exchange.WorkbookFile): Buffer {
  xlsxHeaders(reply, file.fileName);
  return Buffer.from(file.bytes);
}

/** A streamed list export: the bytes go out as the workbook is written (services/exchange/exports.ts). */
function streamXlsx(reply: FastifyReply, file: exchange.ListFile): Readable {
  xlsxHeaders(reply, file.fileName);
  return file.stream;
}

export function exchangeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const limits: exchange.WorkbookDeps = { maxUploadBytes: deps.config.maxUploadBytes };

  registerEndpoint(app, 'downloadDataWorkbook', api.downloadDataWorkbook, async (a) =>
    sendXlsx(
      a.reply,
      await exchange.downloadWorkbook(serviceContext(deps, a), a.params.id, a.params.enterpriseId),
    ),
  );
  registerEndpoint(app, 'downloadAuditWorkbook', api.downloadAuditWorkbook, async (a) =>
    sendXlsx(a.reply, await exchange.downloadWorkbook(serviceContext(deps, a), a.params.id)),
  );
  registerEndpoint(app, 'exportAuditList', api.exportAuditList, async (a) =>
    streamXlsx(a.reply, await exchange.exportAuditList(serviceContext(deps, a), a.params.id, a.params.list)),
  );
  registerEndpoint(app, 'exportEnterprises', api.exportEnterprises, async (a) =>
    streamXlsx(a.reply, await exchange.exportEnterprises(serviceContext(deps, a))),
  );
  registerEndpoint(app, 'downloadIndicatorSystemTemplate', api.downloadIndicatorSystemTemplate, async (a) =>
    sendXlsx(a.reply, await exchange.indicatorSystemTemplate(serviceContext(deps, a), a.query.systemId)),
  );

  // The uploads in their own scope: only they parse multipart/form-data.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: deps.config.maxUploadBytes,
        files: 1,
        fields: 4,
        fieldSize: 1024,
        parts: 5,
        headerPairs: 100,
      },
    });
    registerEndpoint(scope, 'importDataWorkbook', api.importDataWorkbook, (a) =>
      exchange.importEnterpriseWorkbook(
        serviceContext(deps, a),
        limits,
        a.params.enterpriseId,
        a.query.auditId,
        a.req.parts(),
        a.query.dryRun,
      ),
    );
    registerEndpoint(scope, 'importAuditWorkbook', api.importAuditWorkbook, (a) =>
      exchange.importAuditWorkbook(
        serviceContext(deps, a),
        limits,
        a.params.id,
        a.req.parts(),
        a.query.dryRun,
      ),
    );
    registerEndpoint(scope, 'importIndicatorSystemWorkbook', api.importIndicatorSystemWorkbook, (a) =>
      exchange.importIndicatorSystemWorkbook(serviceContext(deps, a), limits, a.req.parts(), a.query.dryRun),
    );
  });
}
