/**
 * The server side of the province benchmarks, in a child process of its own so that its peak memory (RSS) is the
 * server's, not the load generator's:
 * - `serve <location json>`: the real app on the cached province, a bare Fastify app answering payloads of a given
 *   size (the baseline), and `GET /__rss` on the bare app: the peak RSS sampled every 20 ms since the last call;
 * - `task <name> <location json>`: one in-process scenario (aggregation, report, import) timed next to its baseline,
 *   printed as `RESULT <json>` with the process's peak RSS.
 */

import type { ReportData } from '@cpaudit/documents';
import { guangdongFormLayout } from '@cpaudit/documents';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { and, eq, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { buildApp } from '../packages/server/src/app.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { cpOptions, executeRows, mandatoryAudits, openDatabase } from '../packages/server/src/db/index.ts';
import {
  type Actor,
  platformActor,
  type ServiceContext,
  write,
} from '../packages/server/src/services/context.ts';
import { downloadWorkbook, importWorkbookBytes } from '../packages/server/src/services/exchange/index.ts';
import { mandatoryFormData, mandatoryFormFile } from '../packages/server/src/services/forms/index.ts';
import { createMandatoryAudit } from '../packages/server/src/services/mandatory/audits.ts';
import { clearAuditMemo } from '../packages/server/src/services/options/audit-memo.ts';
import { auditPerformance } from '../packages/server/src/services/options/performance.ts';
import { auditReportData, auditReportDocx } from '../packages/server/src/services/reports/index.ts';
import { evidenceStore } from '../packages/server/src/storage/index.ts';
import { plainFormDocx, plainFormXlsx } from './form.bench.ts';
import { type Timing, timeAsync, timePairAsync } from './harness.ts';
import type { ProvinceLocation } from './province.ts';

export interface TaskRow {
  scenario: string;
  items: number;
  figure: Timing;
  baseline: Timing;
  note?: string;
}

export interface TaskResult {
  rows: TaskRow[];
  peakRss_MB: number;
}

const PLATFORM: Actor = platformActor('cpaudit-bench', 'bench');

function open(loc: ProvinceLocation) {
  return loc.databaseUrl
    ? openDatabase({ databaseUrl: loc.databaseUrl })
    : openDatabase({ dataDir: loc.dataDir });
}

/** The audit with the most enterprises (the ≈ 500-enterprise audit), and the ids the API scenarios use. */
export async function probe(db: Parameters<typeof executeRows>[0]) {
  const [big] = await executeRows(
    db,
    sql.raw(
      `select a.id, a.title, a.region_code, count(*)::int as n from industry_audits a join audit_enterprises ae on ae.audit_id = a.id group by a.id order by n desc, a.title limit 1`,
    ),
  );
  if (!big) throw new Error('the province has no industry audit');
  const [system] = await executeRows(
    db,
    sql.raw(
      `select id from indicator_systems where definition ->> 'id' = 'electroplating-2015-table1' and status = 'active' limit 1`,
    ),
  );
  const [enterprise] = await executeRows(
    db,
    sql.raw(
      `select enterprise_id as id from audit_enterprises where audit_id = '${String(big.id)}' order by enterprise_id limit 1`,
    ),
  );
  const drafts = await executeRows(
    db,
    sql.raw(
      `select s.enterprise_id as id, s.year from annual_submissions s where s.status = 'draft' and s.year = (select max(year) from annual_submissions) order by s.enterprise_id limit 400`,
    ),
  );
  return {
    auditId: String(big.id),
    auditTitle: String(big.title),
    auditEnterprises: Number(big.n),
    cityCode: String(big.region_code),
    systemId: system ? String(system.id) : null,
    enterpriseId: enterprise ? String(enterprise.id) : null,
    drafts: drafts.map((d) => ({ id: String(d.id), year: Number(d.year) })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The hand-written SQL of the Appendix B table 7.2 totals, as the core computes them (core aggregation/scan.ts with
// the default settings): implemented = implemented/verified, at the actual investment and economic benefit when
// given; pending = feasible/implementing at the planned ones; the cost class as stored, else by the planned (else
// actual) investment against the audit's 无/低费 threshold (5 万元 when it sets none); the columns 已实施无/低费,
// 中/高费已实施, 中/高费待实施, the pending 无/低费 options and the other statuses (outside the table), the
// implemented options by class of their type (the four class columns), and the benefit lines of the implemented
// options by item and unit: their actual lines, or their expected ones when they have no actual line.

const TABLE72_SELECT = `
  o.status in ('implemented', 'verified') as impl, o.status in ('feasible', 'implementing') as pend,
  coalesce(o.cost_class, case when coalesce(o.investment_planned_wan_yuan, o.investment_actual_wan_yuan, 0)
    < coalesce(a.low_cost_threshold_wan_yuan, 5) then 'no_low' else 'mid_high' end) as cost,
  case when o.status in ('implemented', 'verified')
    then coalesce(o.investment_actual_wan_yuan, o.investment_planned_wan_yuan, 0)
    else coalesce(o.investment_planned_wan_yuan, o.investment_actual_wan_yuan, 0) end as inv,
  case when o.status in ('implemented', 'verified')
    then coalesce(o.economic_benefit_actual_wan_yuan_per_year, o.economic_benefit_expected_wan_yuan_per_year, 0)
    else coalesce(o.economic_benefit_expected_wan_yuan_per_year, 0) end as econ`;

/**
 * `audit`: one audit's id, or null for every audit (grouped by audit). The lines are found by their audit
 * (`option_benefits.audit_id`, as the service finds them) as well as by their option: until the fifth run they
 * were found by option only, which PostgreSQL planned, once the tables were vacuumed, as a hash join over all
 * 410 000 lines of the province (185 ms for one audit instead of 24): a hand-written query would not leave that to
 * chance. (A window `bool_or(basis = 'actual') over (partition by option_id)` instead of the `not exists` was as
 * fast for one audit and 1.1–1.4 s instead of 0.8 s for the province.)
 */
function totalsSql(audit: string | null): string {
  const perAudit = audit === null;
  const where = perAudit ? 'o.audit_id is not null' : `o.audit_id = '${audit}'`;
  const linesWhere = perAudit ? 'b.audit_id is not null' : `b.audit_id = '${audit}'`;
  const key = perAudit ? 'o.audit_id, ' : '';
  const item = perAudit ? 3 : 2; // the position of the item column
  return `with o as materialized (
  select o.id, o.audit_id, o.status, coalesce(o.option_type, 'management_staff') as option_type, ${TABLE72_SELECT}
  from cp_options o join industry_audits a on a.id = o.audit_id where ${where})
select ${key}'money' as kind, case when impl then (case when cost = 'no_low' then 'no-low-implemented' else 'mid-high-implemented' end)
    when pend then (case when cost = 'mid_high' then 'mid-high-pending' else 'no-low-pending' end) else status end as item,
  count(*)::float8 as n, sum(inv)::float8 as investment, sum(econ)::float8 as benefit
from o group by ${key}${item}
union all
select ${key}'class', case option_type when 'raw_material_substitution' then 'source-substitution'
    when 'end_of_pipe' then 'end-of-pipe' when 'management_staff' then 'environmental-management'
    else 'process-innovation' end,
  count(*)::float8, sum(inv)::float8, sum(econ)::float8
from o where impl group by ${key}${item}
union all
select ${key}'benefit', b.item_code || ' ' || b.unit, count(*)::float8, sum(b.quantity)::float8, null
from o join option_benefits b on b.option_id = o.id
where ${linesWhere} and o.impl and (b.basis = 'actual'
  or not exists (select 1 from option_benefits x where x.option_id = o.id and x.basis = 'actual'))
group by ${key}b.item_code, b.unit`;
}

/**
 * The hand-written SQL of the first three runs (kept to compare with them): the three columns only, the cost class
 * as stored, and the sums of the actual lines of the implemented options by item.
 */
function subsetSql(where: string): string {
  return `with o as (
  select o.*, case when o.status in ('implemented', 'verified') then (case when o.cost_class = 'no_low' then 'no-low-implemented' else 'mid-high-implemented' end)
    when o.status in ('feasible', 'implementing') and o.cost_class = 'mid_high' then 'mid-high-pending' end as col
  from cp_options o where ${where})
select 'money' as kind, o.col as item, count(*)::float8 as n,
  sum(case when o.col = 'mid-high-pending' then o.investment_planned_wan_yuan else coalesce(o.investment_actual_wan_yuan, o.investment_planned_wan_yuan) end)::float8 as investment,
  sum(case when o.col = 'mid-high-pending' then o.economic_benefit_expected_wan_yuan_per_year else coalesce(o.economic_benefit_actual_wan_yuan_per_year, o.economic_benefit_expected_wan_yuan_per_year) end)::float8 as benefit
from o where o.col is not null group by o.col
union all
select 'benefit', b.item_code, count(*)::float8, sum(b.quantity)::float8, null
from o join option_benefits b on b.option_id = o.id and b.basis = 'actual' where o.status in ('implemented', 'verified') group by b.item_code`;
}

/** The figure against the subset SQL of the first three runs, for comparison with them. */
function against(figure: Timing, subset: Timing): string {
  return `against the subset SQL of runs 1–3 (${subset.median_ms.toFixed(1)} ms): ${(figure.median_ms / subset.median_ms).toFixed(2)}×`;
}

type Table72Totals = {
  optionCount: Record<string, number>;
  investment_wanYuan: Record<string, number>;
  economicBenefit_wanYuanPerYear: Record<string, number>;
  notInTable: { pendingNoLowCost: { count: number }; byStatus: Record<string, number> };
};

/**
 * Whether the SQL's totals equal the service's table 7.2: the count, investment and economic benefit (to 0.01 万元)
 * of the three columns and the four class columns, the pending 无/低费 options, and the options of each other status.
 */
function sameTotals(rows: Record<string, unknown>[], t72: Table72Totals): boolean {
  const row = (kind: string, item: string) => rows.find((x) => x.kind === kind && x.item === item);
  const close = (a: unknown, b: number | undefined) => Math.abs(Number(a ?? 0) - (b ?? 0)) <= 0.01;
  const columns: [string, string][] = [
    ['money', 'no-low-implemented'],
    ['money', 'mid-high-implemented'],
    ['money', 'mid-high-pending'],
    ['class', 'source-substitution'],
    ['class', 'process-innovation'],
    ['class', 'end-of-pipe'],
    ['class', 'environmental-management'],
  ];
  for (const [kind, col] of columns) {
    const r = row(kind, col);
    if (Number(r?.n ?? 0) !== t72.optionCount[col]) return false;
    if (!close(r?.investment, t72.investment_wanYuan[col])) return false;
    if (!close(r?.benefit, t72.economicBenefit_wanYuanPerYear[col])) return false;
  }
  if (Number(row('money', 'no-low-pending')?.n ?? 0) !== t72.notInTable.pendingNoLowCost.count) return false;
  for (const [status, n] of Object.entries(t72.notInTable.byStatus)) {
    if (Number(row('money', status)?.n ?? 0) !== n) return false;
  }
  return true;
}

/**
 * The mandatory audit the form scenario renders: of the enterprise of `auditId` with the most options, created once
 * (platform administrator, through the service: audit-logged like any write) with those options attached.
 */
async function provinceMandatoryAudit(
  ctx: ServiceContext,
  auditId: string,
): Promise<{ id: string; options: number }> {
  const [top] = await executeRows(
    ctx.db,
    sql`select enterprise_id as id from cp_options where audit_id = ${auditId} and enterprise_id is not null
        group by enterprise_id order by count(*) desc, enterprise_id limit 1`,
  );
  if (!top) throw new Error('the largest audit has no enterprise options');
  const enterpriseId = String(top.id);
  const [existing] = await ctx.db
    .select({ id: mandatoryAudits.id })
    .from(mandatoryAudits)
    .where(eq(mandatoryAudits.enterpriseId, enterpriseId));
  const id =
    existing?.id ??
    (
      await createMandatoryAudit(ctx, {
        enterpriseId,
        auditMethod: 'regular',
        round: 'first',
        dataYear: 2024,
      })
    ).id;
  await write(ctx, (tx) =>
    tx
      .update(cpOptions)
      .set({ mandatoryAuditId: id })
      .where(
        and(
          eq(cpOptions.auditId, auditId),
          eq(cpOptions.enterpriseId, enterpriseId),
          isNull(cpOptions.mandatoryAuditId),
        ),
      ),
  );
  const [n] = await executeRows(
    ctx.db,
    sql`select count(*)::int as n from cp_options where mandatory_audit_id = ${id}`,
  );
  return { id, options: Number(n?.n ?? 0) };
}

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

/** The report's main tables with the docx library alone (no styles, charts, photos, TOC): the baseline. */
async function plainReport(d: ReportData): Promise<Uint8Array> {
  const t72 = d.performance.table72;
  const keys = t72.columns.map((c) => c.key);
  const tables = [
    d.enterprises.map((e) => [e.name, e.uscc, e.region, e.employees, e.products, e.statusLabel]),
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
    [
      ['方案个数（个）', ...keys.map((k) => t72.optionCount[k])],
      ['投资金额（万元）', ...keys.map((k) => t72.investment_wanYuan[k])],
      ['经济效益（万元/年）', ...keys.map((k) => t72.economicBenefit_wanYuanPerYear[k])],
    ],
  ].filter((rows) => rows.length > 0);
  const doc = new Document({ sections: [{ children: tables.map(plainTable) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function runTask(name: string, loc: ProvinceLocation): Promise<TaskResult> {
  const database = await open(loc);
  try {
    const ctx: ServiceContext = { database, db: database.db, actor: PLATFORM, now: () => new Date() };
    const p = await probe(database.db);
    const rows: TaskRow[] = [];
    if (name === 'aggregation') {
      const [count] = await executeRows(
        database.db,
        sql.raw(`select count(*)::int as n from cp_options where audit_id = '${p.auditId}'`),
      );
      const service = await auditPerformance(ctx, p.auditId);
      const handSql = await executeRows(database.db, sql.raw(totalsSql(p.auditId)));
      const subset = await timeAsync(
        'the subset SQL of runs 1–3',
        () => executeRows(database.db, sql.raw(subsetSql(`o.audit_id = '${p.auditId}'`))),
        5,
        1,
      );
      const items = Number(count?.n ?? 0);
      const totals = `SQL totals ${sameTotals(handSql, service.table72) ? 'equal' : 'DIFFER from'} the service's table 7.2 (7 columns: counts, investment, economic benefit; options outside the table)`;
      const alone = await timeAsync(
        'one SQL, alone',
        () => executeRows(database.db, sql.raw(totalsSql(p.auditId))),
        9,
        1,
      );
      // Cold: the options read and aggregated by the core (the per-audit memo forgotten before each run); warm: the
      // memo reused, its inputs' fingerprint read (options/audit-memo.ts). Cold and the SQL are timed in turns.
      const { figure: cold, baseline: oneSql } = await timePairAsync(
        {
          name: 'auditPerformance (cold)',
          fn: async () => {
            clearAuditMemo(database);
            await auditPerformance(ctx, p.auditId);
          },
        },
        {
          name: 'one SQL',
          fn: () => executeRows(database.db, sql.raw(totalsSql(p.auditId))),
        },
        9,
        1,
      );
      rows.push({
        scenario: `7.2/7.3 audit of ${p.auditEnterprises} ent., computed`,
        note: `${totals}; timed in turns with the SQL (the SQL alone: ${alone.median_ms.toFixed(1)} ms, ${(cold.median_ms / alone.median_ms).toFixed(2)}×); ${against(cold, subset)}`,
        items,
        figure: cold,
        baseline: oneSql,
      });
      rows.push({
        scenario: `7.2/7.3 audit of ${p.auditEnterprises} ent., unchanged since`,
        items,
        figure: await timeAsync('auditPerformance (memo)', () => auditPerformance(ctx, p.auditId), 5, 1),
        baseline: oneSql,
      });
      const audits = await executeRows(database.db, sql.raw('select id from industry_audits order by id'));
      const [all] = await executeRows(
        database.db,
        sql.raw('select count(*)::int as n from cp_options where audit_id is not null'),
      );
      const province = async () => {
        for (const a of audits) await auditPerformance(ctx, String(a.id));
      };
      const groupedSubset = await timeAsync(
        'the subset SQL of runs 1–3, grouped by audit',
        () =>
          executeRows(
            database.db,
            sql.raw(subsetSql('o.audit_id is not null').replace(/group by /g, 'group by o.audit_id, ')),
          ),
        1,
        0,
      );
      const { figure: provinceCold, baseline: groupedSql } = await timePairAsync(
        {
          name: 'auditPerformance × audits (cold)',
          fn: async () => {
            clearAuditMemo(database);
            await province();
          },
        },
        {
          name: 'one SQL grouped by audit',
          fn: () => executeRows(database.db, sql.raw(totalsSql(null))),
        },
        3,
        0,
      );
      rows.push({
        scenario: `7.2/7.3 province (${audits.length} audits), computed`,
        note: against(provinceCold, groupedSubset),
        items: Number(all?.n ?? 0),
        figure: provinceCold,
        baseline: groupedSql,
      });
      rows.push({
        scenario: `7.2/7.3 province (${audits.length} audits), unchanged since`,
        items: Number(all?.n ?? 0),
        figure: await timeAsync('auditPerformance × audits (memo)', province, 1, 0),
        baseline: groupedSql,
      });
    } else if (name === 'report') {
      const deps = { store: evidenceStore(loc.dataDir) };
      const data = await auditReportData(ctx, deps, p.auditId);
      let bytes = 0;
      const render = async () => {
        bytes = (await auditReportDocx(ctx, deps, p.auditId)).bytes.byteLength;
      };
      // The first report of a process loads the chart renderer and draws every chart; later ones (a long-running
      // server's) reuse both while the figures are unchanged: two rows, the first one run alone.
      const first = await timeAsync('auditReportDocx (first in the process)', render, 1, 0);
      const again = await timeAsync('auditReportDocx (again)', render, 3, 0);
      // The process's peak so far is the report's: the baseline (the docx library's objects of every row) comes next.
      const reportPeak_MB = process.resourceUsage().maxRSS / 1024;
      const baseline = await timeAsync('tables with docx alone', () => plainReport(data), 2, 1);
      const note = `${(bytes / 1024).toFixed(0)} KiB; peak RSS ${reportPeak_MB.toFixed(0)} MB before the baseline ran`;
      rows.push({
        scenario: `report ${p.auditEnterprises} ent., first in the process`,
        items: data.options.length,
        figure: first,
        baseline,
        note,
      });
      rows.push({
        scenario: `report ${p.auditEnterprises} ent., again`,
        items: data.options.length,
        figure: again,
        baseline,
        note,
      });
    } else if (name === 'import') {
      const file = await downloadWorkbook(ctx, p.auditId);
      let problems = 0;
      let checked = 0;
      rows.push({
        scenario: `workbook ${p.auditEnterprises} ent. (dry run)`,
        items: p.auditEnterprises * 3,
        figure: await timeAsync(
          'importWorkbookBytes dry run',
          async () => {
            const r = await importWorkbookBytes(
              ctx,
              { maxUploadBytes: 200 * 1024 * 1024 },
              { auditId: p.auditId },
              file.bytes,
              true,
            );
            problems = r.problems.length;
            checked = r.written.created + r.written.updated + r.written.unchanged;
          },
          2,
          1,
        ),
        baseline: await timeAsync(
          'exceljs load',
          async () => {
            const wb = new ExcelJS.Workbook();
            await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
          },
          2,
          1,
        ),
        note: `${(file.bytes.byteLength / 1024 / 1024).toFixed(1)} MB, ${checked} values checked, ${problems} problems`,
      });
    } else if (name === 'form') {
      // The Guangdong form of one enterprise of the province (synth makes no mandatory audits): the enterprise of the
      // largest audit with the most options gets a mandatory audit (created once through the service, kept in the
      // cached province), and its options of that audit count for it too (an option may belong to both). Then the
      // form is read from the province database and rendered, next to the same cells written by the library alone.
      const m = await provinceMandatoryAudit(ctx, p.auditId);
      const data = await mandatoryFormData(ctx, m.id);
      const cells = guangdongFormLayout(data).rows.reduce((n, r) => n + r.cells.length, 0);
      const note = `${m.options} options of one enterprise`;
      rows.push({
        scenario: 'form .xlsx (db + render)',
        items: cells,
        figure: await timeAsync('mandatoryFormFile xlsx', () => mandatoryFormFile(ctx, m.id, 'xlsx'), 9, 2),
        baseline: await timeAsync('exceljs alone', () => plainFormXlsx(data), 9, 2),
        note,
      });
      rows.push({
        scenario: 'form .docx (db + render)',
        items: cells,
        figure: await timeAsync('mandatoryFormFile docx', () => mandatoryFormFile(ctx, m.id, 'docx'), 9, 2),
        baseline: await timeAsync('docx alone', () => plainFormDocx(data), 9, 2),
        note,
      });
    } else {
      throw new Error(`unknown task ${name}`);
    }
    return { rows, peakRss_MB: process.resourceUsage().maxRSS / 1024 };
  } finally {
    await database.close();
  }
}

async function serve(loc: ProvinceLocation): Promise<void> {
  const { default: Fastify } = await import('fastify');
  let peak = process.memoryUsage().rss;
  setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  }, 20).unref();
  const database = await open(loc);
  const info = await probe(database.db);
  const config = { ...loadConfig({}), dataDir: loc.dataDir, loginRateLimit: 1_000_000, logLevel: 'error' };
  const app = await buildApp({ database, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify({ logger: false });
  const payloads = new Map<number, string>();
  const payload = (bytes: number): string => {
    let p = payloads.get(bytes);
    if (p === undefined) {
      p = `{"items":"${'x'.repeat(Math.max(0, bytes - 12))}"}`;
      payloads.set(bytes, p);
    }
    return p;
  };
  const bytesOf = (q: unknown): number => Number((q as { bytes?: string }).bytes ?? 0);
  bare.get('/bare', async (req, reply) => reply.type('application/json').send(payload(bytesOf(req.query))));
  const write = async (
    req: { body: unknown; query: unknown },
    reply: { type(t: string): { send(p: string): unknown }; status(n: number): { send(): unknown } },
  ) => {
    if (typeof (req.body as { version?: unknown }).version !== 'number') return reply.status(400).send();
    return reply.type('application/json').send(payload(bytesOf(req.query)));
  };
  bare.patch('/bare', write);
  bare.put('/bare', write);
  bare.get('/__rss', async () => {
    const out = { peak_MB: peak / 1024 / 1024 };
    peak = process.memoryUsage().rss;
    return out;
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const portOf = (s: { server: { address(): unknown } }): number =>
    (s.server.address() as { port: number }).port;
  process.stdout.write(`READY ${JSON.stringify({ app: portOf(app), bare: portOf(bare), info })}\n`);
  const stop = async () => {
    await app.close();
    await bare.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

if (process.argv[2] === 'serve') {
  await serve(JSON.parse(process.argv[3] ?? '{}') as ProvinceLocation);
} else if (process.argv[2] === 'task') {
  const result = await runTask(
    process.argv[3] ?? '',
    JSON.parse(process.argv[4] ?? '{}') as ProvinceLocation,
  );
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}
