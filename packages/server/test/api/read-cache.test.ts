/**
 * The read cache (src/services/read-cache.ts): the dashboard and benchmarking answers are reused while the data
 * version read with the session is unchanged, and a write committed by anyone (this app, another handle on the
 * database as a second process would be, a transaction still open when the version was read) is seen by the next
 * request.
 *
 * Seed: a 南京 audit listing 甲 with one verified 无/低费 option (investment 1.8 万元, threshold 5) → the dashboard's
 * 总计: 1 option, 1.8 万元. Adding a second verified 无/低费 option of 1.2 万元 → 2 options, 1.8 + 1.2 = 3.0 万元.
 */
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/connect.ts';
import { auditEnterprises, cpOptions, executeRows, industryAudits, userRoles } from '../../src/db/index.ts';
import {
  cachedRead,
  MAX_BYTES,
  MAX_ENTRIES,
  readCacheStats,
  readDataVersion,
  sameData,
} from '../../src/services/read-cache.ts';
import { TEST_PG_URL } from '../helpers/db.ts';
import { createNanjingPlatingAudit, createWorld, PASSWORD, type World } from '../helpers/world.ts';

let world: World;
let auditId: string;

beforeAll(async () => {
  world = await createWorld();
  const db = world.database.db;
  const audit = { id: await createNanjingPlatingAudit(world, { lowCostThreshold_wanYuan: 5 }) };
  auditId = audit.id;
  await db.insert(auditEnterprises).values({ auditId, enterpriseId: world.ids.entA, status: 'selected' });
  await db.insert(cpOptions).values(verifiedOption('O1', 1.8));
}, 60_000);

afterAll(async () => {
  await world?.close();
});

function verifiedOption(code: string, investment_wanYuan: number) {
  return {
    auditId,
    level: 'enterprise' as const,
    enterpriseId: world.ids.entA,
    code,
    name: `甲：方案 ${code}`,
    optionType: 'resource_reuse' as const,
    status: 'verified' as const,
    investmentPlanned_wanYuan: investment_wanYuan,
    investmentActual_wanYuan: investment_wanYuan,
    implementedOn: '2025-05-01',
    verifiedOn: '2025-06-01',
  };
}

async function dashboardOf(client: { get(url: string): Promise<{ statusCode: number; json(): unknown }> }) {
  const res = await client.get('/api/dashboard');
  expect(res.statusCode).toBe(200);
  return res.json() as {
    audits: { id: string }[];
    totals: { benefits: { optionCount: number; investment_wanYuan: number } | null };
  };
}

describe('read cache of the dashboard', () => {
  it('reuses the answer while nothing is written, and sees a write at once', async () => {
    const nanjing = await world.as('nanjing');
    const first = await dashboardOf(nanjing);
    expect(first.totals.benefits?.optionCount).toBe(1);
    const before = { ...readCacheStats };
    const again = await dashboardOf(nanjing);
    expect(again).toEqual(first);
    if (!TEST_PG_URL) {
      expect(readCacheStats.reused - before.reused).toBe(1);
      expect(readCacheStats.computed - before.computed).toBe(0);
    } else {
      // A shared server's other transactions may change the in-progress list between two reads: of a few
      // consecutive reads, at least one is reused.
      for (let i = 0; i < 5 && readCacheStats.reused === before.reused; i++) await dashboardOf(nanjing);
      expect(readCacheStats.reused).toBeGreaterThan(before.reused);
    }

    // A write by another writer than this app (a script, another process): the next read sees it.
    await world.database.db.insert(cpOptions).values(verifiedOption('O2', 1.2));
    const after = await dashboardOf(nanjing);
    expect(after.totals.benefits?.optionCount).toBe(2);
    expect(after.totals.benefits?.investment_wanYuan).toBeCloseTo(3.0, 10);
    await world.database.db.delete(cpOptions).where(eq(cpOptions.code, 'O2'));
    expect((await dashboardOf(nanjing)).totals.benefits?.optionCount).toBe(1);
  });

  it('keeps callers apart: another bureau does not get the cached answer', async () => {
    await dashboardOf(await world.as('nanjing'));
    const guangdong = await dashboardOf(await world.as('guangdong'));
    expect(guangdong.audits).toEqual([]);
    expect(guangdong.totals.benefits).toBeNull();
  });

  it('applies a role change on the next request', async () => {
    const nanjing = await world.as('nanjing');
    expect((await dashboardOf(nanjing)).audits.map((a) => a.id)).toEqual([auditId]);
    const db = world.database.db;
    const [grant] = await db.select().from(userRoles).where(eq(userRoles.userId, world.ids.users.nanjing));
    if (!grant) throw new Error('seed');
    await db.delete(userRoles).where(eq(userRoles.id, grant.id));
    try {
      // No role left: no audit in scope any more (the cached answer of the bureau role is not served).
      expect((await dashboardOf(nanjing)).audits).toEqual([]);
    } finally {
      await db.insert(userRoles).values({ userId: grant.userId, role: grant.role, bureauId: grant.bureauId });
    }
    expect((await dashboardOf(nanjing)).audits.map((a) => a.id)).toEqual([auditId]);
  });

  it('keeps the data version across reads (session touches write no audit row)', async () => {
    const db = world.database.db;
    const panel = await world.as('panel'); // a login appends its audit entry: before v1
    const v1 = await readDataVersion(db);
    await dashboardOf(panel);
    await panel.get('/api/auth/me');
    const v2 = await readDataVersion(db);
    // The newest audit row is the same. The in-progress list is the whole server's: on a shared PostgreSQL
    // another database's transaction may be in it (a miss, never a stale answer); on PGlite it is empty.
    expect(v2.split('/')[0]).toBe(v1.split('/')[0]);
    if (!TEST_PG_URL) expect(v2).toBe(v1);
  });
});

/** The URL of the test database (TEST_PG_URL names the server; the database is the world's). */
async function worldDatabaseUrl(): Promise<string> {
  const [row] = await executeRows(world.database.db, sql`select current_database() as name`);
  const u = new URL(TEST_PG_URL ?? '');
  u.pathname = `/${String(row?.name)}`;
  return u.toString();
}

describe.skipIf(!TEST_PG_URL)('read cache across processes (PostgreSQL)', () => {
  it('a write committed through a second app on the same database is seen by the first', async () => {
    const other = await openDatabase({ databaseUrl: await worldDatabaseUrl() });
    const appB = await buildApp({ database: other, config: { ...loadConfig({}), loginRateLimit: 10_000 } });
    try {
      const nanjing = await world.as('nanjing');
      expect((await dashboardOf(nanjing)).totals.benefits?.optionCount).toBe(1);
      // Log in on B and create an option there through the API (its own cache, its own pool).
      const login = await appB.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nanjing', password: PASSWORD },
      });
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
      expect((await appB.inject({ url: '/api/dashboard', headers })).json().totals.benefits.optionCount).toBe(
        1,
      );
      const created = await appB.inject({
        method: 'POST',
        url: `/api/audits/${auditId}/options`,
        headers,
        payload: {
          level: 'enterprise',
          enterpriseId: world.ids.entA,
          name: '甲：在 B 上新增的方案',
          optionType: 'resource_reuse',
          investmentPlanned_wanYuan: 1.2,
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      // A (the first app) answers from the new data at once: 2 options by status; the proposed one is in no
      // column of table 7.2, so the 总计 stays 1 option.
      const res = await nanjing.get('/api/dashboard');
      const d = res.json();
      expect(d.totals.optionsByStatus.proposed).toBe(1);
      expect(d.counts.options).toBe(2);
      await world.database.db.delete(cpOptions).where(eq(cpOptions.id, created.json().id));
    } finally {
      await appB.close();
      await other.close();
    }
  });

  it('a transaction open while a read is cached is seen once it commits (even when numbered before the read)', async () => {
    // T1 writes first (its audit row numbered first), T2 writes and commits after, then the dashboard is read and
    // cached: the newest audit row it sees is T2's, so max(seq) alone would not move when T1 commits; T1 being
    // in progress (the snapshot's xip) is what tells the versions apart.
    const nanjing = await world.as('nanjing');
    const client = postgres(await worldDatabaseUrl(), { max: 1, onnotice: () => {} });
    try {
      let during: Awaited<ReturnType<typeof dashboardOf>> | undefined;
      let seqDuring = '';
      await client.begin(async (t1) => {
        await t1`update cp_options set investment_actual_wan_yuan = 2.8 where code = 'O1'`;
        await world.database.db
          .update(industryAudits)
          .set({ title: '南京市电镀行业清洁生产审核（T2）' })
          .where(eq(industryAudits.id, auditId));
        during = await dashboardOf(nanjing);
        seqDuring = (await readDataVersion(world.database.db)).split('/')[0] ?? '';
      });
      // Before T1's commit: 1.8 万元 (hand: the seed). After: 2.8 万元, although no audit row was added since.
      expect(during?.totals.benefits?.investment_wanYuan).toBeCloseTo(1.8, 10);
      expect((await readDataVersion(world.database.db)).split('/')[0]).toBe(seqDuring);
      const after = await dashboardOf(nanjing);
      expect(after.totals.benefits?.investment_wanYuan).toBeCloseTo(2.8, 10);
    } finally {
      await client`update cp_options set investment_actual_wan_yuan = 1.8 where code = 'O1'`;
      await client.end({ timeout: 5 });
    }
  });
});

describe('read cache bounds', () => {
  // A database handle of its own (the cache is per handle), the caller and clock of a request.
  const database = { kind: 'pglite' } as unknown as Database;
  const scope = (version: string) => ({
    database,
    actor: { userId: 'u', username: 'u', displayName: 'u', roles: [], sessionId: 's', csrfToken: 'c' },
    now: () => new Date('2026-01-01T00:00:00Z'),
    dataVersion: version,
  });

  it('keeps at most MAX_ENTRIES answers, the least recently used dropped first', async () => {
    const s = scope('1/');
    let computed = 0;
    const read = (i: number) => cachedRead(s, 'bounds', i, async () => `${++computed}`);
    for (let i = 0; i < MAX_ENTRIES; i++) await read(i);
    await read(0); // 0 is now the most recently used
    await read(MAX_ENTRIES); // one too many: 1 (the least recently used) goes
    const before = computed;
    await read(0);
    expect(computed).toBe(before); // kept
    await read(1);
    expect(computed).toBe(before + 1); // dropped, computed again
  });

  it('keeps no answer larger than MAX_BYTES, recomputes under a new version, forgets failures', async () => {
    const s = scope('1/');
    let computed = 0;
    const big = () => cachedRead(s, 'big', null, async () => `${++computed}`.padEnd(MAX_BYTES + 1, 'x'));
    await big();
    await big();
    expect(computed).toBe(2);
    let n = 0;
    const versioned = (v: string) => cachedRead(scope(v), 'v', null, async () => `${++n}`);
    expect(await versioned('1/')).toBe('1');
    expect(await versioned('1/')).toBe('1');
    expect(await versioned('2/')).toBe('2');
    let fail = true;
    const flaky = () =>
      cachedRead(s, 'flaky', null, async () => {
        if (fail) throw new Error('boom');
        return 'ok';
      });
    await expect(flaky()).rejects.toThrow('boom');
    fail = false;
    expect(await flaky()).toBe('ok');
  });
});

describe('sameData (data versions M/xip)', () => {
  it('reuses while the newest audit row is the same and the then running transactions still run', () => {
    expect(sameData('10/', '10/')).toBe(true);
    expect(sameData('10/', '10/7,9')).toBe(true); // begun since: invisible to the request
    expect(sameData('10/7', '10/7,9')).toBe(true);
    expect(sameData('10/7,9', '10/9')).toBe(false); // 7 ended (perhaps committed)
    expect(sameData('10/7', '10/')).toBe(false);
    expect(sameData('10/', '11/')).toBe(false); // a write committed
  });
});
