/**
 * Industry audit report benchmark (issue 5): the report of the demo audit (data assembly from the database +
 * rendering) and of a synthetic 500-enterprise audit (2,000 options, rendering only), each next to a baseline
 * measured in the same run: the same tables written with the docx library alone (plain cells, no styles, no
 * merged headers, no charts, no photos, no table of contents).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReportData, renderAuditReport } from '@cpaudit/documents';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { sampleReportData } from '../packages/documents/src/report/sample.ts';
import { industryAudits, openDatabase } from '../packages/server/src/db/index.ts';
import { loadDemo } from '../packages/server/src/demo/index.ts';
import { type Actor, platformActor, type ServiceContext } from '../packages/server/src/services/context.ts';
import { auditReportData, auditReportDocx } from '../packages/server/src/services/reports/index.ts';
import { evidenceStore } from '../packages/server/src/storage/index.ts';
import { printTable, timeAsync } from './harness.ts';

function plainTable(rows: readonly (readonly (string | number | null)[])[]): Table {
  return new Table({
    rows: rows.map(
      (r) =>
        new TableRow({
          children: r.map((c) => new TableCell({ children: [new Paragraph(c === null ? '' : String(c))] })),
        }),
    ),
  });
}

/** The report's tables with the docx library alone (the baseline). */
async function plainReport(d: ReportData): Promise<Uint8Array> {
  const t72 = d.performance.table72;
  const keys = t72.columns.map((c) => c.key);
  const tables = [
    d.enterprises.map((e) => [e.name, e.uscc, e.region, e.employees, e.products, e.statusLabel]),
    d.panel.map((m) => [m.name, m.organization, m.position, m.roleLabel, m.duties]),
    d.phases.map((p) => [p.label, p.plannedStart, p.plannedEnd, p.actualStart, p.actualEnd, p.workContent]),
    d.surveys.map((s) => [s.enterprise, s.surveyedOn, s.surveyors, s.checked, s.findings]),
    d.problems.map((p) => [p.enterprise, p.aspectLabel, p.title, p.description]),
    d.options.map((o) => [
      o.code,
      o.typeLabel,
      o.name,
      o.summary,
      o.environmentalBenefit,
      o.economicBenefit_wanYuanPerYear,
      o.investment_wanYuan,
      o.responsibleUnit,
    ]),
    d.options.filter((o) => o.implemented).map((o) => [o.code, o.name, o.enterprise, o.investment_wanYuan]),
    [
      ['方案个数（个）', ...keys.map((k) => t72.optionCount[k])],
      ['投资金额（万元）', ...keys.map((k) => t72.investment_wanYuan[k])],
      ['经济效益（万元/年）', ...keys.map((k) => t72.economicBenefit_wanYuanPerYear[k])],
      ...[...t72.environmentalBenefits, ...t72.resourceEnergySavings].map((c) => [c.label, c.value]),
    ],
    d.performance.table73.rows.map((r) => [r.label, r.target, r.completion]),
    d.planTasks.map((t) => [t.categoryLabel, t.task, t.responsibleUnit, t.deadline]),
    d.evidence.flatMap((o) => o.files.map((f) => [o.code, f.kind, f.title, f.fileName])),
  ].filter((rows) => rows.length > 0);
  const doc = new Document({ sections: [{ children: tables.map(plainTable) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const PLATFORM: Actor = platformActor('cpaudit-bench', 'bench');

export default async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-bench-report-'));
  const database = await openDatabase({ dataDir });
  try {
    await database.migrate();
    await loadDemo(database, { dataDir });
    const [audit] = await database.db.select({ id: industryAudits.id }).from(industryAudits);
    if (!audit) throw new Error('the demo has no industry audit');
    const ctx: ServiceContext = { database, db: database.db, actor: PLATFORM, now: () => new Date() };
    const deps = { store: evidenceStore(dataDir) };
    const demoData = await auditReportData(ctx, deps, audit.id);
    const synthetic = sampleReportData({ enterprises: 500, withPhotos: 10 });

    const demoReport = await timeAsync('demo report (assembly + render)', () =>
      auditReportDocx(ctx, deps, audit.id),
    );
    const demoAssembly = await timeAsync('demo data assembly', () => auditReportData(ctx, deps, audit.id));
    const demoBaseline = await timeAsync('demo: tables with docx alone', () => plainReport(demoData));
    const synReport = await timeAsync('500 enterprises: render', () => renderAuditReport(synthetic), 2);
    const synBaseline = await timeAsync(
      '500 enterprises: tables with docx alone',
      () => plainReport(synthetic),
      2,
    );
    printTable('Industry audit report (.docx, Appendix B) — items = options', [
      { scenario: 'demo report', items: demoData.options.length, figure: demoReport, baseline: demoBaseline },
      {
        scenario: 'demo assembly',
        items: demoData.options.length,
        figure: demoAssembly,
        baseline: demoBaseline,
      },
      {
        scenario: '500 ent. render',
        items: synthetic.options.length,
        figure: synReport,
        baseline: synBaseline,
      },
    ]);
    const bytes = await renderAuditReport(synthetic);
    console.log(
      `500-enterprise report: ${(bytes.byteLength / 1024).toFixed(0)} KiB, ${synthetic.options.length} options, ${synthetic.evidence.length} options with evidence`,
    );
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
