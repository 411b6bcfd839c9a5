/** Industry audit report (Appendix B) downloads: one service call per endpoint. */
import { api } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import { auditReportDocx } from '../services/reports/index.ts';
import { evidenceStore } from '../storage/index.ts';

export function reportsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const store = evidenceStore(deps.config.dataDir);
  registerEndpoint(app, 'downloadAuditReport', api.downloadAuditReport, async (a) => {
    const file = await auditReportDocx(serviceContext(deps, a), { store }, a.params.id);
    a.reply.headers(file.headers);
    return Buffer.from(file.bytes);
  });
}
