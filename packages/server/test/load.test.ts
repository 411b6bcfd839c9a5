/**
 * Load (issue 7): concurrent clients mix reads and writes against a real `cpaudit serve` process on loopback for a
 * fixed time. Each client, in a bounded loop: reads (audit list, the plan's tasks, the dashboard, its session),
 * creates work-plan tasks, updates its own tasks (always with the version it holds: never a conflict), and updates
 * one of five SHARED tasks with the version it last saw: there a 409 is provoked on purpose, and answered by
 * re-reading the task and trying again.
 *
 * Must hold: zero errors (no 5xx, no 4xx except those 409s on shared tasks), zero lost updates: every created
 * task is there, every own task holds its last acknowledged change, and each shared task's version moved exactly
 * once per acknowledged update and holds the note of the one acknowledged last. p50/p99 are printed.
 *
 * Normal suite: 20 clients × 8 s. CPAUDIT_STRESS=1 (`npm run test:stress`): 100 clients × 60 s.
 * On PGlite always, on PostgreSQL when CPAUDIT_TEST_PG is set (always in CI).
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/index.ts';
import { queryRows } from './helpers/db.ts';
import {
  type DemoSite,
  demoSite,
  killAllServers,
  loginHttp,
  type Session,
  STRESS,
  siteKinds,
  startServer,
  stopServer,
  writeHeaders,
} from './helpers/server-process.ts';

const CLIENTS = Number(process.env.CPAUDIT_LOAD_CLIENTS) || (STRESS ? 100 : 20);
const SECONDS = Number(process.env.CPAUDIT_LOAD_SECONDS) || (STRESS ? 60 : 8);
/** Bound of every client's loop, whatever the clock says. */
const MAX_OPS_PER_CLIENT = 100_000;
const SHARED = 5;
/**
 * Databases: both in the stress form; in the normal suite one, PostgreSQL when configured (CI), else PGlite
 * (the crash test starts servers on both in every run).
 */
const KINDS = STRESS ? siteKinds('load.test.ts') : [siteKinds('load.test.ts').at(-1) ?? 'pglite'];

const sites: DemoSite[] = [];
afterAll(async () => {
  killAllServers();
  for (const s of sites) await s.remove();
});

interface Task {
  id: string;
  task: string;
  version: number;
  progressNote: string | null;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

describe.each(KINDS)('load on a real server process (%s)', (kind) => {
  it(
    `${CLIENTS} clients × ${SECONDS} s of mixed reads and writes: zero errors, zero lost updates`,
    async () => {
      const site = await demoSite(kind);
      sites.push(site);
      const server = await startServer(site.env);
      const { base } = server;
      // A few sessions shared by the clients (a login costs an argon2id hash).
      const sessions: Session[] = [];
      for (let i = 0; i < Math.min(10, CLIENTS); i++)
        sessions.push(await loginHttp(base, 'cz-bureau', DEMO_PASSWORD));
      const first = sessions[0] as Session;
      const audits = (await (
        await fetch(`${base}/api/audits`, { headers: { cookie: first.cookie } })
      ).json()) as {
        items: { id: string }[];
      };
      const auditId = audits.items[0]?.id ?? '';
      const tasksUrl = `${base}/api/audits/${auditId}/plan-tasks`;

      const latencies: number[] = [];
      const byLabel = new Map<string, number[]>();
      const errors: string[] = [];
      let provoked = 0;
      let requests = 0;
      async function call(
        label: string,
        s: Session,
        method: 'GET' | 'POST' | 'PATCH',
        url: string,
        body?: unknown,
        allowed: readonly number[] = [200],
      ): Promise<{ status: number; json: unknown }> {
        const t0 = performance.now();
        const res = await fetch(url, {
          method,
          headers: method === 'GET' ? { cookie: s.cookie } : writeHeaders(s),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        const ms = performance.now() - t0;
        latencies.push(ms);
        byLabel.set(label, [...(byLabel.get(label) ?? []), ms]);
        requests += 1;
        if (!allowed.includes(res.status))
          errors.push(`${method} ${url} → ${res.status} ${text.slice(0, 200)}`);
        return { status: res.status, json: text ? JSON.parse(text) : null };
      }
      const newTask = (task: string) => ({
        category: 'other',
        task,
        responsibleUnit: '负载测试',
        deadline: '2026-12-31',
        expectedResult: '不丢失更新',
      });

      const shared: Task[] = [];
      for (let k = 0; k < SHARED; k++) {
        const created = (
          await call('create', first, 'POST', tasksUrl, newTask(`load-${kind}-shared-${k}`), [201])
        ).json as Task;
        shared.push(created);
      }
      const sharedStart = shared.map((t) => t.version);
      /** Acknowledged updates of the shared tasks: task index → [version answered, note]. */
      const sharedAcks: [number, string][][] = shared.map(() => []);
      const own: Task[] = [];

      async function client(c: number): Promise<void> {
        const s = sessions[c % sessions.length] as Session;
        const mine: Task[] = [];
        const sharedIndex = c % SHARED;
        let sharedVersion = shared[sharedIndex]?.version ?? 1;
        const deadline = performance.now() + SECONDS * 1000;
        for (let i = 0; i < MAX_OPS_PER_CLIENT && performance.now() < deadline; i++) {
          const op = i % 10;
          if (op === 0 || mine.length === 0) {
            const r = await call('create', s, 'POST', tasksUrl, newTask(`load-${kind}-${c}-${i}`), [201]);
            if (r.status === 201) mine.push(r.json as Task);
          } else if (op === 1) await call('audits', s, 'GET', `${base}/api/audits`);
          else if (op === 2) await call('tasks', s, 'GET', `${tasksUrl}?limit=20&sort=deadline`);
          else if (op === 3) await call('dashboard', s, 'GET', `${base}/api/dashboard`);
          else if (op === 4) await call('me', s, 'GET', `${base}/api/auth/me`);
          else if (op <= 7) {
            const t = mine[i % mine.length] as Task;
            const note = `${c}-${i}`;
            const r = await call('update own', s, 'PATCH', `${tasksUrl}/${t.id}`, {
              version: t.version,
              progressNote: note,
            });
            if (r.status === 200) {
              t.version = (r.json as Task).version;
              t.progressNote = note;
            }
          } else {
            // The shared task: the version this client last saw; a 409 is expected, then re-read and retry.
            const t = shared[sharedIndex] as Task;
            const note = `shared-${c}-${i}`;
            // Until acknowledged or the client's time is up (the retries of a hot task would run on past it).
            for (let attempt = 0; attempt < 50 && performance.now() < deadline; attempt++) {
              const r = await call(
                'update shared',
                s,
                'PATCH',
                `${tasksUrl}/${t.id}`,
                { version: sharedVersion, progressNote: note },
                [200, 409],
              );
              if (r.status === 200) {
                sharedVersion = (r.json as Task).version;
                sharedAcks[sharedIndex]?.push([sharedVersion, note]);
                break;
              }
              if (r.status !== 409) break;
              provoked += 1;
              const list = (
                await call('re-read shared', s, 'GET', `${tasksUrl}?limit=5&q=${encodeURIComponent(t.task)}`)
              ).json as { items: Task[] };
              sharedVersion = list.items.find((x) => x.id === t.id)?.version ?? sharedVersion;
            }
          }
        }
        own.push(...mine);
      }

      const t0 = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
      const elapsed = (performance.now() - t0) / 1000;
      await stopServer(server.child);

      const sorted = [...latencies].sort((a, b) => a - b);
      console.log(
        `load ${kind}: ${CLIENTS} clients × ${SECONDS} s: ${requests} requests (${Math.round(requests / elapsed)}/s), ` +
          `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, ` +
          `max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms; ${own.length} tasks created, ` +
          `${sharedAcks.reduce((s, a) => s + a.length, 0)} shared updates, ${provoked} provoked 409s retried, ` +
          `${errors.length} errors`,
      );
      expect(errors.slice(0, 5)).toEqual([]);
      for (const [label, ms] of [...byLabel].sort()) {
        const sortedMs = [...ms].sort((a, b) => a - b);
        console.log(
          `  ${label}: ${ms.length} requests, p50 ${percentile(sortedMs, 50).toFixed(1)} ms, p99 ${percentile(sortedMs, 99).toFixed(1)} ms`,
        );
      }
      // Every client wrote (its first operation is a create).
      expect(own.length).toBeGreaterThanOrEqual(CLIENTS);

      // Read back every acknowledged write from the database.
      const db = await site.open();
      try {
        const rows = (await queryRows(
          db.db,
          sql`select id, task, version, progress_note from cp_plan_tasks where task like ${`load-${kind}-%`}`,
        )) as { id: string; task: string; version: number; progress_note: string | null }[];
        const byId = new Map(rows.map((r) => [r.id, r]));
        const lost = own.filter((t) => {
          const r = byId.get(t.id);
          return !r || r.version !== t.version || r.progress_note !== t.progressNote;
        });
        expect(lost).toEqual([]);
        shared.forEach((t, k) => {
          const r = byId.get(t.id);
          const acks = sharedAcks[k] ?? [];
          // Each acknowledged update moved the version by exactly one; the last one's note is what is stored.
          expect(r?.version).toBe((sharedStart[k] ?? 0) + acks.length);
          const lastAck = acks.reduce<[number, string] | undefined>(
            (m, a) => (!m || a[0] > m[0] ? a : m),
            undefined,
          );
          expect(r?.progress_note).toBe(lastAck ? lastAck[1] : null);
          expect(new Set(acks.map((a) => a[0])).size).toBe(acks.length);
        });
      } finally {
        await db.close();
      }
    },
    300_000 + SECONDS * 1000 * 3,
  );
});
