/**
 * Indicator systems as .xlsx (admin): the template (blank, or a stored system filled in) and its import through the
 * same service as the JSON import (`importIndicatorSystem`: a new revision of the code, superseding the active one).
 */
import {
  buildIndicatorSystemWorkbook,
  parseIndicatorSystemWorkbook,
  type WorkbookProblem,
} from '@cpaudit/documents';
import { type getIndicatorSystem, importIndicatorSystem } from '../annual/index.ts';
import { definitionOf, systemRow } from '../annual/systems.ts';
import type { ServiceContext } from '../context.ts';
import { readUpload, type WorkbookDeps, type WorkbookFile, type WorkbookPart } from './workbook.ts';

export async function indicatorSystemTemplate(ctx: ServiceContext, systemId?: string): Promise<WorkbookFile> {
  if (!systemId) {
    return { bytes: await buildIndicatorSystemWorkbook(), fileName: '评价指标体系模板.xlsx' };
  }
  const row = await systemRow(ctx.db, systemId);
  const system = definitionOf(row);
  return { bytes: await buildIndicatorSystemWorkbook(system), fileName: `评价指标体系-${system.name}.xlsx` };
}

export interface IndicatorImportResult {
  ok: boolean;
  dryRun: boolean;
  problems: WorkbookProblem[];
  system: Awaited<ReturnType<typeof getIndicatorSystem>> | null;
}

export async function importIndicatorSystemWorkbook(
  ctx: ServiceContext,
  deps: WorkbookDeps,
  parts: AsyncIterable<WorkbookPart>,
  dryRun: boolean,
): Promise<IndicatorImportResult> {
  const bytes = await readUpload(parts, deps.maxUploadBytes);
  const parsed = await parseIndicatorSystemWorkbook(bytes, { maxBytes: deps.maxUploadBytes });
  if (!parsed.ok || parsed.system === null) {
    return { ok: false, dryRun, problems: parsed.problems, system: null };
  }
  if (dryRun) return { ok: true, dryRun, problems: [], system: null };
  return { ok: true, dryRun, problems: [], system: await importIndicatorSystem(ctx, parsed.system) };
}
