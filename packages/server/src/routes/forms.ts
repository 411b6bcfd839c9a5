/** Guangdong mandatory audit performance form downloads: one service call per endpoint. */
import { api } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import { mandatoryFormFile } from '../services/forms/index.ts';

export function formsRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerEndpoint(app, 'downloadMandatoryFormXlsx', api.downloadMandatoryFormXlsx, async (a) => {
    const file = await mandatoryFormFile(serviceContext(deps, a), a.params.id, 'xlsx');
    a.reply.headers(file.headers);
    return Buffer.from(file.bytes);
  });
  registerEndpoint(app, 'downloadMandatoryFormDocx', api.downloadMandatoryFormDocx, async (a) => {
    const file = await mandatoryFormFile(serviceContext(deps, a), a.params.id, 'docx');
    a.reply.headers(file.headers);
    return Buffer.from(file.bytes);
  });
}
