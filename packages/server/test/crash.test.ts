/**
 * Crashes (issue 7): a real `cpaudit serve` process is killed with SIGKILL at a random moment (seeded, printed)
 * while it works, then started again on the same data, round after round. Three workloads:
 * - burst: four clients create work-plan tasks as fast as the server answers;
 * - import: an enterprise imports its data-collection workbook (Appendix A) again and again, each import with new
 *   values (one transaction: all of its rows or none);
 * - report: two clients download the audit report (.docx) while two others write tasks (to another audit, so that
 *   the report stays the same size round after round).
 * After each kill the server must start again (on PGlite: the dead process's lock taken over, the database opens
 * cleanly); at the end the database, read directly, must hold every acknowledged write, complete, each import all
 * or nothing, and the audit log must match the data (every row's last audit-log entry equals the row).
 *
 * Rounds: 2 per workload and database in the normal suite; 20 with CPAUDIT_STRESS=1 (`npm run test:stress`).
 * On PGlite always, on PostgreSQL when CPAUDIT_TEST_PG is set (always in CI).
 */

import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/index.ts';
import { DEMO_PASSWORD } from '../src/demo/index.ts';
import { queryRows } from './helpers/db.ts';
import {
  type DemoSite,
  demoSite,
  killAllServers,
  loginHttp,
  type Session,
  STRESS,
  seededRandom,
  sigkill,
  siteKinds,
  startServer,
  stopServer,
  writeHeaders,
} from './helpers/server-process.ts';

const ROUNDS = Number(process.env.CPAUDIT_CRASH_ROUNDS) || (STRESS ? 20 : 2);
const KINDS = siteKinds('crash.test.ts');
const rng = seededRandom('crash.test.ts');

const sites: DemoSite[] = [];
afterAll(async () => {
  killAllServers();
  for (const s of sites) await s.remove();
});

/** The enterprise that imports (cz-ent1's), its credit code, the audit; set by `unlockEnterprise`. */
interface ImportTarget {
  enterpriseId: string;
  uscc: string;
}

/** The demo accepted most years: the importing enterprise's 2022–2024 are set back to draft so it may write. */
async function unlockEnterprise(db: Database): Promise<ImportTarget> {
  const [row] = (await queryRows(
    db.db,
    sql`select e.id, e.uscc from users u join user_roles r on r.user_id = u.id
          join enterprises e on e.id = r.enterprise_id where u.username = 'cz-ent1'`,
  )) as { id: string; uscc: string }[];
  if (!row) throw new Error('no cz-ent1 enterprise in the demo');
  await db.transaction(async (tx) => {
    await tx.execute(sql`update annual_submissions set status = 'draft', submitted_at = null, accepted_at = null,
      accepted_by = null, returned_at = null, returned_by = null, return_reason = null
      where enterprise_id = ${row.id}`);
  });
  return { enterpriseId: row.id, uscc: row.uscc };
}

interface AuditItem {
  id: string;
  title: string;
  regionCode: string;
  industryCodes: string[];
  periodStart: string;
  periodEnd: string;
}

const WRITES_AUDIT = '崩溃测试写入';

/**
 * The demo's audit (its report is downloaded, its workbook imported) and an audit of the test's own that the task
 * writers write to, created over the API on the first round (before any kill can come). The tasks must not go to
 * the demo's audit: its report prints every plan task, so each round's hundreds of tasks made the next round's
 * report longer, the kill's random moment later (it scales with the report's duration) and the rounds ever slower.
 */
async function audits(base: string, s: Session): Promise<{ demo: string; writes: string }> {
  const list = async () => {
    const res = await fetch(`${base}/api/audits?limit=100`, { headers: { cookie: s.cookie } });
    if (res.status !== 200) throw new Error(`audits: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { items: AuditItem[] }).items;
  };
  let items = await list();
  const demo = items.find((a) => a.title !== WRITES_AUDIT);
  if (!demo) throw new Error('no audit in the demo');
  if (!items.some((a) => a.title === WRITES_AUDIT)) {
    const res = await fetch(`${base}/api/audits`, {
      method: 'POST',
      headers: writeHeaders(s),
      body: JSON.stringify({
        title: WRITES_AUDIT,
        regionCode: demo.regionCode,
        industryCodes: demo.industryCodes,
        periodStart: demo.periodStart,
        periodEnd: demo.periodEnd,
      }),
    });
    if (res.status !== 201) throw new Error(`audit: ${res.status} ${await res.text()}`);
    items = await list();
  }
  const writes = items.find((a) => a.title === WRITES_AUDIT);
  if (!writes) throw new Error(`no audit ${WRITES_AUDIT}`);
  return { demo: demo.id, writes: writes.id };
}

type Workload = 'burst' | 'import' | 'report';

/** What the rounds of one workload acknowledged and attempted. */
interface Outcome {
  tasks: string[];
  /** Every import sent: its marker base, and whether the server acknowledged it (200, ok). */
  imports: { base: number; acked: boolean }[];
  reports: number;
  startMs: number[];
  /** Per round: how long the whole round took (start to kill), ms. */
  roundMs: number[];
  /** Per round of the report workload: how long its first report took, ms. */
  reportMs: number[];
}

const YEARS = [2022, 2023, 2024] as const;
const GROSS = 'economy.gross_output';

/** Gross output of import k, year y: distinct per import and year, so the audit log tells imports apart. */
function marker(k: number, year: number): number {
  return 500_000 + k * 10 + (year - 2020);
}

async function postTask(base: string, s: Session, auditId: string, task: string): Promise<boolean> {
  const res = await fetch(`${base}/api/audits/${auditId}/plan-tasks`, {
    method: 'POST',
    headers: writeHeaders(s),
    body: JSON.stringify({
      category: 'other',
      task,
      responsibleUnit: '崩溃测试',
      deadline: '2026-12-31',
      expectedResult: '写入完整',
    }),
  });
  // Anything but 201 from a live server (a 5xx, an unexpected 4xx) fails the round.
  if (res.status !== 201) throw new Error(`task: ${res.status} ${await res.text()}`);
  return true;
}

async function runRounds(site: DemoSite, workload: Workload, target?: ImportTarget): Promise<Outcome> {
  const out: Outcome = { tasks: [], imports: [], reports: 0, startMs: [], roundMs: [], reportMs: [] };
  let importCount = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const roundStart = performance.now();
    const server = await startServer(site.env);
    const { base } = server;
    out.startMs.push(Math.round(server.startMs));
    const bureau = await loginHttp(base, 'cz-bureau', DEMO_PASSWORD);
    const { demo: auditId, writes: writesAuditId } = await audits(base, bureau);
    let stop = false;
    let killing = false;
    const swallow = (e: unknown) => {
      // The server died under the request: not acknowledged. Anything else (a 5xx) fails the test, saying
      // whether the server died by itself.
      if (killing) return;
      const c = server.child;
      if (c.exitCode !== null || c.signalCode !== null) {
        throw new Error(
          `the server died by itself (exit ${c.exitCode}, signal ${c.signalCode}): ${server.stderr().slice(-2000)}`,
          { cause: e },
        );
      }
      throw e;
    };
    const taskWorker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const task = `crash-${workload}-${round}-${w}-${i}`;
        try {
          if (await postTask(base, bureau, writesAuditId, task)) out.tasks.push(task);
        } catch (e) {
          swallow(e);
        }
      }
    };
    let firstReport: (ms: number) => void = () => {};
    const reportDone = new Promise<number>((r) => {
      firstReport = r;
    });
    const reportWorker = async () => {
      while (!stop) {
        try {
          const t0 = performance.now();
          const res = await fetch(`${base}/api/audits/${auditId}/report.docx`, {
            headers: { cookie: bureau.cookie },
          });
          const body = new Uint8Array(await res.arrayBuffer());
          if (res.status !== 200) {
            throw new Error(`report: ${res.status} ${Buffer.from(body).toString('utf8', 0, 500)}`);
          }
          // A complete .docx: a zip from its first local header to its end-of-central-directory record.
          expect([...body.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
          const eocd = Buffer.from(body).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
          expect(eocd).toBeGreaterThanOrEqual(Math.max(0, body.length - 22 - 65_535));
          out.reports += 1;
          firstReport(performance.now() - t0);
        } catch (e) {
          swallow(e);
        }
      }
    };
    // The import's set-up (its session, the workbook) happens before the kill can come: only imports are killed.
    let importSetup: { ent: Session; wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; col: number } | undefined;
    if (workload === 'import') {
      const ent = await loginHttp(base, 'cz-ent1', DEMO_PASSWORD);
      const dl = await fetch(`${base}/api/audits/${auditId}/workbook.xlsx`, {
        headers: { cookie: ent.cookie },
      });
      if (dl.status !== 200) throw new Error(`workbook: ${dl.status}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await dl.arrayBuffer());
      const ws = wb.getWorksheet('基本信息');
      if (!ws) throw new Error('no sheet 基本信息');
      let col = 0;
      ws.getRow(2).eachCell((c, n) => {
        if (c.value === GROSS) col = n;
      });
      importSetup = { ent, wb, ws, col };
    }
    const importWorker = async () => {
      if (!target || !importSetup) throw new Error('import needs a target');
      const { ent, wb, ws, col } = importSetup;
      while (!stop) {
        const k = importCount++;
        for (let r = 3; r <= ws.rowCount; r++) {
          const row = ws.getRow(r);
          const year = Number(row.getCell(2).value);
          if (row.getCell(1).value === target.uscc && YEARS.includes(year as 2022)) {
            row.getCell(col).value = marker(k, year);
          }
        }
        const form = new FormData();
        form.append('file', new Blob([await wb.xlsx.writeBuffer()]), 'data.xlsx');
        const sent = { base: k, acked: false };
        out.imports.push(sent);
        try {
          const res = await fetch(`${base}/api/audits/${auditId}/workbook`, {
            method: 'POST',
            headers: writeHeaders(ent, false),
            body: form,
          });
          const json = (await res.json()) as { ok: boolean; problems?: unknown[] };
          if (res.status >= 500 || (res.status === 200 && !json.ok)) {
            throw new Error(`import: ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
          }
          sent.acked = res.status === 200 && json.ok;
        } catch (e) {
          swallow(e);
        }
      }
    };
    const workers =
      workload === 'burst'
        ? [0, 1, 2, 3].map(taskWorker)
        : workload === 'report'
          ? [reportWorker(), reportWorker(), taskWorker(0), taskWorker(1)]
          : [importWorker()];
    const failed = Promise.all(workers).then(
      () => undefined,
      (e: unknown) => e,
    );
    // The kill: a random moment after the work started; for reports, within the generation of the next ones
    // (after the first is complete, up to 1.5 times its duration).
    const started = performance.now();
    const wait =
      workload === 'report'
        ? await Promise.race([reportDone, failed.then(() => 0)]).then((ms) => {
            out.reportMs.push(Math.round(ms));
            return ms * 1.5 * rng.next() + (performance.now() - started);
          })
        : (workload === 'burst' ? 300 : 800) + rng.next() * 2200;
    const left = Math.max(0, wait - (performance.now() - started));
    const early = await Promise.race([failed, new Promise((r) => setTimeout(r, left, 'timeout'))]);
    if (early !== 'timeout' && early !== undefined) throw early;
    killing = true;
    await sigkill(server.child);
    stop = true;
    const err = await failed;
    if (err) throw err;
    out.roundMs.push(Math.round(performance.now() - roundStart));
  }
  return out;
}

/** Rows whose last audit-log entry is not the row as it is (or that have no entry at all). */
async function logMismatches(db: Database, table: string, where: string): Promise<unknown[]> {
  return queryRows(
    db.db,
    sql.raw(`select t.id from ${table} t where ${where} and to_jsonb(t) is distinct from
      (select l.after from audit_log l where l.entity = '${table}' and l.entity_id = t.id::text
        order by l.seq desc limit 1)`),
  );
}

async function verifyTasks(db: Database, out: Outcome, workload: Workload): Promise<void> {
  const rows = (await queryRows(
    db.db,
    sql`select t.task, t.responsible_unit, t.expected_result,
          (select count(*)::int from audit_log l where l.entity = 'cp_plan_tasks' and l.entity_id = t.id::text
             and l.action = 'insert') as logged
        from cp_plan_tasks t where t.task like ${`crash-${workload}-%`}`,
  )) as { task: string; responsible_unit: string; expected_result: string; logged: number }[];
  const present = new Set(rows.map((r) => r.task));
  expect(out.tasks.length).toBeGreaterThan(0);
  expect(out.tasks.filter((t) => !present.has(t))).toEqual([]);
  for (const r of rows) {
    expect([r.responsible_unit, r.expected_result, r.logged]).toEqual(['崩溃测试', '写入完整', 1]);
  }
  expect(await logMismatches(db, 'cp_plan_tasks', `t.task like 'crash-${workload}-%'`)).toEqual([]);
}

async function verifyImports(db: Database, out: Outcome, target: ImportTarget): Promise<void> {
  expect(out.imports.filter((i) => i.acked).length).toBeGreaterThan(0);
  // How many rows of each import the log holds: all three years or none.
  const logged = (await queryRows(
    db.db,
    sql`select (l.after->>'quantity')::float8 as q, count(*)::int as n from audit_log l
          where l.entity = 'annual_values' and l.after->>'enterprise_id' = ${target.enterpriseId}
            and l.after->>'item_code' = ${GROSS} and (l.after->>'quantity')::float8 >= 500000
          group by 1`,
  )) as { q: number; n: number }[];
  const byQuantity = new Map(logged.map((r) => [r.q, r.n]));
  const written: number[] = [];
  for (const imp of out.imports) {
    const n = YEARS.map((y) => byQuantity.get(marker(imp.base, y)) ?? 0);
    // One audit-log entry per year, or none; acknowledged → all there.
    expect([0, 3]).toContain(n.reduce((s, x) => s + x, 0));
    for (const x of n) expect(x).toBe(n[0]);
    if (imp.acked) expect(n).toEqual([1, 1, 1]);
    if (n[0] === 1) written.push(imp.base);
  }
  // The rows now: the values of the last import written, all three years of the same one.
  const now = (await queryRows(
    db.db,
    sql`select year, quantity from annual_values where enterprise_id = ${target.enterpriseId}
          and item_code = ${GROSS} and year in (2022, 2023, 2024) order by year`,
  )) as { year: number; quantity: number }[];
  const last = Math.max(...written);
  expect(now.map((r) => [r.year, r.quantity])).toEqual(YEARS.map((y) => [y, marker(last, y)]));
  expect(await logMismatches(db, 'annual_values', `t.enterprise_id = '${target.enterpriseId}'`)).toEqual([]);
}

describe.each(KINDS)('SIGKILL at random points, then restart (%s)', (kind) => {
  // One demo per database, shared by the three workloads (each writes under its own names and values).
  let prepared: Promise<{ site: DemoSite; target: ImportTarget }> | undefined;
  const prepare = () => {
    prepared ??= (async () => {
      let target: ImportTarget | undefined;
      const site = await demoSite(kind, async (db) => {
        target = await unlockEnterprise(db);
      });
      sites.push(site);
      if (!target) throw new Error('no import target');
      return { site, target };
    })();
    return prepared;
  };
  for (const workload of ['burst', 'import', 'report'] as const) {
    it(
      `${workload}: ${ROUNDS} kills; every acknowledged write kept, nothing half-written, the log matches`,
      async () => {
        const { site, target } = await prepare();
        const out = await runRounds(site, workload, target);
        // The embedded database after the last kill: a server starts on it (the lock taken over) and serves. (Each
        // round's start already shows that after the previous kill; on PostgreSQL the server holds nothing.)
        if (kind === 'pglite') {
          const server = await startServer(site.env);
          expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
          await stopServer(server.child);
        }
        // Then the database is read directly.
        const db = await site.open();
        try {
          if (workload === 'import') await verifyImports(db, out, target);
          else await verifyTasks(db, out, workload);
          if (workload === 'report') expect(out.reports).toBeGreaterThan(0);
        } finally {
          await db.close();
        }
        console.log(
          `crash ${kind} ${workload}: ${ROUNDS} kills survived; ${out.tasks.length} tasks acknowledged, ` +
            `${out.imports.filter((i) => i.acked).length}/${out.imports.length} imports acknowledged, ` +
            `${out.reports} reports; restarts took ${out.startMs.join(', ')} ms; rounds ${out.roundMs.join(', ')} ms` +
            (workload === 'report' ? `; first reports ${out.reportMs.join(', ')} ms` : ''),
        );
      },
      // Generous: a round is a restart, a login and a report or an import, and CI machines are shared.
      300_000 + ROUNDS * 90_000,
    );
  }
});
