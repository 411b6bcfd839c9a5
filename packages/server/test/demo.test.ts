/**
 * The demo data: deterministic, loaded in one go, consistent with the core (the core's data checks find exactly
 * the planted problems; energy, CO2 and indicator figures recompute), and usable (every demo account logs in, the
 * 惠州 PCB maker's mandatory audit shows its form pre-filled).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  balanceInputSchema,
  comprehensiveEnergy,
  computeBalance,
  isCpError,
  runDataChecks,
  validateUscc,
} from '@cpaudit/core';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/index.ts';
import {
  buildDemoDataset,
  DEMO_PASSWORD,
  DEMO_SEED,
  type DemoSummary,
  demoChecksInput,
  isDemoLoaded,
  loadDemo,
  PCB_NAME,
  PLANTED_ANOMALIES,
} from '../src/demo/index.ts';
import { createTestDatabase, queryRows } from './helpers/db.ts';

let database: Database;
let dataDir: string;
let summary: DemoSummary;
let app: FastifyInstance;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-demo-'));
  database = await createTestDatabase();
  summary = await loadDemo(database, { dataDir });
  app = await buildApp({ database, config: { ...loadConfig({}), loginRateLimit: 10_000 } });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('the demo data set', () => {
  it('is the same for the same seed, and another seed gives other data', () => {
    const digest = (seed: number) => sha256(Buffer.from(JSON.stringify(buildDemoDataset(seed))));
    expect(digest(DEMO_SEED)).toBe(digest(DEMO_SEED));
    expect(digest(DEMO_SEED + 1)).not.toBe(digest(DEMO_SEED));
  });

  it('has ~30 electroplating enterprises with valid credit codes and three years of data, and the PCB maker', async () => {
    const rows = await queryRows(
      database.db,
      sql`select e.uscc, e.industry_code, count(distinct v.year)::int as years
        from enterprises e left join annual_values v on v.enterprise_id = e.id group by e.id`,
    );
    expect(rows).toHaveLength(31);
    expect(rows.filter((r) => r.industry_code === '3360')).toHaveLength(30);
    expect(rows.filter((r) => r.industry_code === '3982')).toHaveLength(1);
    for (const r of rows) {
      expect(r.years).toBe(3);
      // GB 32100-2015 check character and GB 11714 organisation-code check: valid, no warning.
      const v = validateUscc(String(r.uscc)).value;
      expect(v.valid, String(r.uscc)).toBe(true);
      expect(v.warnings, String(r.uscc)).toEqual([]);
    }
  });

  it('has 100+ options of the industry audit at every status, with benefits, investments and evidence', async () => {
    const statuses = await queryRows(
      database.db,
      sql`select status, count(*)::int as n from cp_options where audit_id is not null group by status order by status`,
    );
    expect(statuses.map((s) => s.status)).toEqual([
      'feasible',
      'implemented',
      'implementing',
      'proposed',
      'rejected',
      'screened',
      'verified',
    ]);
    const total = statuses.reduce((s, r) => s + Number(r.n), 0);
    expect(total).toBeGreaterThanOrEqual(100);
    const [b] = await queryRows(
      database.db,
      sql`select count(*) filter (where basis = 'actual')::int as actual, count(*) filter (where basis = 'expected')::int as expected from option_benefits`,
    );
    expect(Number(b?.actual)).toBeGreaterThan(50);
    expect(Number(b?.expected)).toBeGreaterThan(100);
    const [common] = await queryRows(
      database.db,
      sql`select count(*) filter (where scope = 'common')::int as common, count(*) filter (where scope = 'individual')::int as individual from audit_problems`,
    );
    expect(Number(common?.common)).toBeGreaterThanOrEqual(5);
    expect(Number(common?.individual)).toBeGreaterThanOrEqual(5);
    // Every implemented/verified enterprise-level option of the audit has before/after photos.
    const [missing] = await queryRows(
      database.db,
      sql`select count(*)::int as n from cp_options o where o.audit_id is not null and o.level = 'enterprise'
        and o.status in ('implemented', 'verified')
        and not exists (select 1 from option_evidence e where e.option_id = o.id and e.kind = 'photo_after')`,
    );
    expect(Number(missing?.n)).toBe(0);
  });

  it('stores the evidence files in the evidence store, each matching its SHA-256', async () => {
    const evidence = await queryRows(
      database.db,
      sql`select storage_key, sha256, size_bytes, content_type from option_evidence`,
    );
    expect(evidence.length).toBe(summary.counts.files);
    const kinds = new Set(evidence.map((e) => e.content_type));
    expect(kinds).toEqual(new Set(['image/png', 'application/pdf']));
    for (const e of evidence) {
      const bytes = readFileSync(join(dataDir, 'files', String(e.storage_key)));
      expect(bytes.length).toBe(Number(e.size_bytes));
      expect(sha256(bytes)).toBe(e.sha256);
    }
    // PNG signature 89 50 4E 47; PDF starts with %PDF-.
    const png = evidence.find((e) => e.content_type === 'image/png');
    const pdf = evidence.find((e) => e.content_type === 'application/pdf');
    expect(readFileSync(join(dataDir, 'files', String(png?.storage_key))).subarray(0, 4)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    );
    expect(
      readFileSync(join(dataDir, 'files', String(pdf?.storage_key)))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});

describe('consistent with the core', () => {
  it('passes the data checks except exactly the planted anomalies, which are all found', async () => {
    const input = await demoChecksInput(database.db);
    const result = runDataChecks(input).value;
    const names = await queryRows(database.db, sql`select id, name from enterprises`);
    const plating = buildDemoDataset().orgs.plating;
    const plantedKeys = new Set(PLANTED_ANOMALIES.map((a) => `${plating[a.enterprise]?.id}|${a.item}`));
    const problems = result.findings.filter((f) => f.severity !== 'info');
    const unexpected = problems.filter((f) => !plantedKeys.has(`${f.enterpriseId}|${f.item}`));
    expect(
      unexpected.map(
        (f) => `${names.find((n) => n.id === f.enterpriseId)?.name} ${f.year} ${f.rule} ${f.item}`,
      ),
    ).toEqual([]);
    for (const a of PLANTED_ANOMALIES) {
      const id = plating[a.enterprise]?.id;
      expect(
        problems.some(
          (f) => f.enterpriseId === id && f.year === a.year && f.item === a.item && f.rule === a.rule,
        ),
        a.what,
      ).toBe(true);
    }
  });

  it('stores 综合能耗 as the core converts electricity and gas (GB/T 2589), and CO2 totals as the sum of parts', async () => {
    const rows = await queryRows(
      database.db,
      sql`select enterprise_id, year,
          max(quantity) filter (where item_code = 'energy.electricity') as elec,
          max(quantity) filter (where item_code = 'energy.natural_gas') as gas,
          max(quantity) filter (where item_code = 'energy.comprehensive') as tce,
          max(quantity) filter (where item_code = 'ghg.co2_total') as co2,
          max(quantity) filter (where item_code = 'ghg.co2_fuel') as co2_fuel,
          max(quantity) filter (where item_code = 'ghg.co2_purchased_power') as co2_power
        from annual_values group by enterprise_id, year`,
    );
    const plating = buildDemoDataset().orgs.plating;
    const jumped = PLANTED_ANOMALIES.filter((a) => a.item === 'energy.electricity').map(
      (a) => `${plating[a.enterprise]?.id}|${a.year}`,
    );
    let checked = 0;
    for (const r of rows) {
      // The planted meter error is in the electricity reading only; 综合能耗 was computed from the true reading.
      if (jumped.includes(`${r.enterprise_id}|${r.year}`)) continue;
      const expected = comprehensiveEnergy({
        items: [
          { carrier: 'electricity', quantity: { value: Number(r.elec), unit: 'kWh' } },
          { carrier: 'natural-gas', quantity: { value: Number(r.gas), unit: 'm3' } },
        ],
      }).value.total_tce;
      expect(Number(r.tce)).toBeCloseTo(expected, 2);
      expect(Number(r.co2)).toBeCloseTo(Number(r.co2_fuel) + Number(r.co2_power), 1);
      checked++;
    }
    expect(checked).toBe(rows.length - jumped.length);
  });

  it('computes the CO2 of electricity saved with the Jiangsu grid factor (注13: kWh × 0.5827 tCO2/MWh ÷ 1000)', async () => {
    const rows = await queryRows(
      database.db,
      sql`select s.quantity as kwh, c.quantity as co2 from option_benefits s
        join option_benefits c on c.option_id = s.option_id and c.basis = s.basis and c.item_code = 'co2.electricity'
        join cp_options o on o.id = s.option_id
        where s.item_code = 'saving.electricity' and o.audit_id is not null`,
    );
    expect(rows.length).toBeGreaterThan(10);
    // 江苏 2023 (MEE/NBS provincial average; the newest year in the core's table, used for 2024): 0.5827.
    for (const r of rows) expect(Number(r.co2)).toBeCloseTo((Number(r.kwh) * 0.5827) / 1000, 3);
  });

  it('stores 电镀用水重复利用率 as reuse ÷ (intake + reuse) of the same year', async () => {
    const rows = await queryRows(
      database.db,
      sql`select max(quantity) filter (where item_code = 'indicator.electroplating.water_reuse_rate') as rate,
          max(quantity) filter (where item_code = 'water.intake') as intake,
          max(quantity) filter (where item_code = 'water.reuse') as reuse
        from annual_values where year = 2024 group by enterprise_id having max(quantity) filter (where item_code = 'indicator.electroplating.water_reuse_rate') is not null`,
    );
    expect(rows).toHaveLength(30);
    for (const r of rows) {
      const intake = Number(r.intake);
      const reuse = Number(r.reuse);
      expect(Number(r.rate)).toBeCloseTo((100 * reuse) / (intake + reuse), 1);
    }
  });
});

describe('demo water balances', () => {
  it('one per plating enterprise, drawn from its 2024 data, closing within a metering error the core computes', async () => {
    const rows = await queryRows(
      database.db,
      sql`select input from process_balances where year = 2024 and kind = 'water'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(25);
    const errors = rows.map((r) => computeBalance(balanceInputSchema.parse(r.input)).value.closureErrorPct);
    // The unmetered share is 0.5–2.5 % of the intake: every balance closes within that, a few exceed the 2 %
    // tolerance (for the auditors to find), most do not.
    for (const e of errors) expect(Math.abs(e)).toBeLessThanOrEqual(2.6);
    expect(errors.filter((e) => Math.abs(e) > 2).length).toBeGreaterThan(0);
    expect(errors.filter((e) => Math.abs(e) <= 2).length).toBeGreaterThan(rows.length / 2);
  });
});

describe('using the demo', () => {
  async function login(username: string) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    return res;
  }

  it('every demo account logs in with the demo password, one per role', async () => {
    const roles = new Set<string>();
    for (const a of summary.accounts) {
      const res = await login(a.username);
      expect(res.statusCode, a.username).toBe(200);
      for (const r of res.json().user.roles) roles.add(r.role);
    }
    expect(roles).toEqual(
      new Set(['platform_admin', 'bureau_staff', 'panel_member', 'expert', 'consultant', 'enterprise_user']),
    );
  });

  it('the PCB maker sees its mandatory audit with the form pre-filled, ready to be completed', async () => {
    const res = await login('hz-pcb');
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const list = await app.inject({ method: 'GET', url: '/api/mandatory-audits', headers: { cookie } });
    expect(list.json().total).toBe(1);
    const id = list.json().items[0].id;
    const view = (
      await app.inject({ method: 'GET', url: `/api/mandatory-audits/${id}`, headers: { cookie } })
    ).json();
    expect(view.basicInfo).toMatchObject({
      enterpriseName: PCB_NAME,
      industryCode: '3982',
      industryGroup: { code: '398', name: '电子元件及电子专用材料制造' },
      inIndustrialPark: true,
      keyMonitoringUnit: true,
      permitClass: 'key',
      dataYear: 2024,
    });
    expect(view.basicInfo.grossOutput_wanYuan).toBeGreaterThan(0);
    expect(view.basicInfo.valueAdded_wanYuan).toBeGreaterThan(0);
    expect(
      view.basicInfo.products.map((p: { name: string; output: number | null }) => [
        p.name,
        p.output !== null,
      ]),
    ).toEqual([
      ['双面板', true],
      ['多层板', true],
    ]);
    expect(view.targets).toHaveLength(3);
    expect(view.missing).toEqual(
      expect.arrayContaining(['finishedOn', 'filledByName', 'filledOn', 'cpLevel']),
    );
    // The 常州 bureau does not see the Guangdong audit.
    const cz = await login('cz-bureau');
    const czCookie = cz.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const czList = await app.inject({
      method: 'GET',
      url: '/api/mandatory-audits',
      headers: { cookie: czCookie },
    });
    expect(czList.json().total).toBe(0);
  });

  it('is recorded in the audit log as written by cpaudit-demo, and refuses to load twice', async () => {
    const [log] = await queryRows(
      database.db,
      sql`select count(*)::int as n from audit_log where actor_name = 'cpaudit-demo' and action = 'insert'`,
    );
    expect(Number(log?.n)).toBeGreaterThan(1000);
    expect(await isDemoLoaded(database.db)).toBe(true);
    const again = await loadDemo(database, { dataDir }).catch((e: unknown) => e);
    expect(isCpError(again) && again.code).toBe('CONFLICT');
  });
});
