/**
 * The demo audit's 现状分析 (issue 8): the planted exceedances (demo/compliance.ts `PLANTED_EXCEEDANCES`) and the
 * quota overrun are found, with their standard, table and clause, and nothing else exceeds; the samples agree with
 * the annual loads (mg/L × m³ = the emitted load); the industry potential at levels II and I is quantified.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/index.ts';
import { PLANTED_EXCEEDANCES, QUOTA_EXCEEDED_ENTERPRISE } from '../src/demo/compliance.ts';
import { buildDemoDataset, DEMO_PASSWORD, loadDemo } from '../src/demo/index.ts';
import { createTestDatabase, queryRows } from './helpers/db.ts';

let database: Database;
let dataDir: string;
let app: FastifyInstance;
let cookie = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cpaudit-demo-status-'));
  database = await createTestDatabase();
  await loadDemo(database, { dataDir });
  app = await buildApp({ database, config: { ...loadConfig({}), loginRateLimit: 10_000 } });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'cz-bureau', password: DEMO_PASSWORD },
  });
  cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function get(url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('the demo status analysis', () => {
  it('samples agree with the annual loads: Σ(mg/L) × wastewater m³ ÷ 10⁶ = the emitted t (COD, quarterly means)', async () => {
    const rows = await queryRows(
      database.db,
      sql`select s.concentration as c, w.quantity as ww, v.quantity as t
          from monitoring_samples s
          join annual_values w on w.enterprise_id = s.enterprise_id and w.year = s.year
            and w.item_code = 'pollutant_emitted.wastewater'
          join annual_values v on v.enterprise_id = s.enterprise_id and v.year = s.year
            and v.item_code = 'pollutant_emitted.cod'
          where s.pollutant = 'cod' and s.sample_count = 4`,
    );
    // 30 enterprises × 3 years; one differs: the planted annual-data error (2023 COD of enterprise 4), where the
    // annual figure is wrong and the sample is that enterprise's usual concentration.
    expect(rows.length).toBe(90);
    const off = rows.filter((r) => Math.abs(Number(r.c) - (Number(r.t) * 1e6) / Number(r.ww)) > 0.051);
    expect(off).toHaveLength(1);
    for (const r of rows.filter((x) => !off.includes(x))) {
      // Stored with 1 decimal: within 0.05 mg/L of t × 10⁶ ÷ m³.
      expect(Math.abs(Number(r.c) - (Number(r.t) * 1e6) / Number(r.ww))).toBeLessThanOrEqual(0.051);
    }
  });

  it('finds the planted exceedances of 2024 with standard, table and clause, the quota overrun, and the potential', async () => {
    const audits = (await get('/api/audits')).json();
    const audit = audits.items[0];
    const res = await get(`/api/audits/${audit.id}/status-analysis?year=2024`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const plating = buildDemoDataset().orgs.plating;
    const planted2024 = PLANTED_EXCEEDANCES.filter((p) => p.year === 2024);
    const withExceedances = s.enterprises.filter((e: { exceedances: unknown[] }) => e.exceedances.length > 0);
    expect(withExceedances.map((e: { name: string }) => e.name).sort()).toEqual(
      planted2024.map((p) => plating[p.enterprise]?.name).sort(),
    );
    for (const p of planted2024) {
      const e = s.enterprises.find((x: { name: string }) => x.name === plating[p.enterprise]?.name);
      expect(e.exceedances).toHaveLength(1);
      expect(e.exceedances[0]).toMatchObject({
        pollutant: p.pollutant,
        point: p.point,
        pointName: p.pointName,
        measured: p.concentration_mgL,
        verdict: 'exceed',
        standard: 'GB 21900-2008',
        table: '表2',
      });
      expect(e.exceedances[0].clause).toBeTruthy();
      expect(e.doubleExceed).toBe(true);
    }
    const quota = s.enterprises.find(
      (x: { name: string }) => x.name === plating[QUOTA_EXCEEDED_ENTERPRISE]?.name,
    );
    expect(quota.quotaExceeded).toBe(true);
    expect(quota.doubleExceed).toBe(true);
    expect(s.counts.withExceedances).toBe(planted2024.length);
    expect(s.counts.doubleExceed).toBe(planted2024.length + 1);
    expect(s.counts.enterprises).toBeGreaterThanOrEqual(20);
    expect(s.tax.total_wanYuan).toBeGreaterThan(0);

    expect(s.potential, s.potentialNote).not.toBeNull();
    const levels = s.potential.levels.map((l: { level: string }) => l.level);
    expect(levels).toEqual(['II', 'I']);
    const [ii, i] = s.potential.levels;
    expect(ii.byEnterprise.length).toBeGreaterThan(0);
    expect(ii.byIndicator.length).toBeGreaterThan(0);
    // Level I asks more than level II: at least as much to save.
    expect(i.industry.water_m3).toBeGreaterThanOrEqual(ii.industry.water_m3);
    expect(i.industry.water_m3).toBeGreaterThan(0);
  });

  it('local prices given with the request turn the water potential into 万元 (m³ × 元/m³ ÷ 10 000)', async () => {
    const audit = (await get('/api/audits')).json().items[0];
    const without = (await get(`/api/audits/${audit.id}/status-analysis?year=2024`)).json();
    const priced = (
      await get(`/api/audits/${audit.id}/status-analysis?year=2024&waterPrice_yuanPerM3=4.6`)
    ).json();
    const [ii] = priced.potential.levels;
    const [iiWithout] = without.potential.levels;
    // Same savings; the price only adds money: e.g. 76 637 m³ × 4.6 元/m³ ÷ 10 000 = 35.25 万元/a.
    expect(ii.industry.water_m3).toBe(iiWithout.industry.water_m3);
    expect(iiWithout.industry.waterCost_wanYuan).toBe(0);
    expect(ii.industry.waterCost_wanYuan).toBeCloseTo((ii.industry.water_m3 * 4.6) / 10_000, 9);
    expect(ii.industry.total_wanYuan).toBeCloseTo(
      iiWithout.industry.total_wanYuan + ii.industry.waterCost_wanYuan,
      9,
    );
    // A negative price is refused, naming the parameter.
    const bad = await get(`/api/audits/${audit.id}/status-analysis?waterPrice_yuanPerM3=-1`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field ?? JSON.stringify(bad.json().error)).toContain('waterPrice_yuanPerM3');
  });

  it('2023 shows the COD exceedance planted that year', async () => {
    const audit = (await get('/api/audits')).json().items[0];
    const s = (await get(`/api/audits/${audit.id}/status-analysis?year=2023`)).json();
    const planted = PLANTED_EXCEEDANCES.filter((p) => p.year === 2023);
    expect(s.counts.withExceedances).toBe(planted.length);
    const cod = s.enterprises.flatMap((e: { exceedances: { pollutant: string }[] }) => e.exceedances);
    expect(cod.map((x: { pollutant: string }) => x.pollutant)).toEqual(planted.map((p) => p.pollutant));
  });

  it('the avoided environmental tax of an option is added to the form total (注15) only when switched on', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'hz-pcb', password: DEMO_PASSWORD },
    });
    const hz = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = String(login.json().csrfToken);
    const call = (method: 'GET' | 'PUT', url: string, payload?: Record<string, unknown>) =>
      payload === undefined
        ? app.inject({ method, url, headers: { cookie: hz, 'x-csrf-token': csrf } })
        : app.inject({ method, url, headers: { cookie: hz, 'x-csrf-token': csrf }, payload });
    const audit = (await call('GET', '/api/mandatory-audits')).json().items[0];
    const econ = async () => {
      const p = (await call('GET', `/api/mandatory-audits/${audit.id}/performance`)).json();
      const total = p.totals.savingsSummary.rows.find((r: { key: string }) => r.key === 'total');
      return Number(total.values['economic-benefit']);
    };
    const before = await econ();
    const options = (await call('GET', `/api/mandatory-audits/${audit.id}/options?limit=100`)).json()
      .items as {
      id: string;
      status: string;
      version: number;
    }[];
    const rows = await queryRows(
      database.db,
      sql`select option_id, quantity from option_benefits where item_code = 'reduction.cod' and basis = 'actual'`,
    );
    const withCod = options.find((o) => o.status === 'implemented' && rows.some((r) => r.option_id === o.id));
    if (!withCod) throw new Error('no implemented demo option with a COD reduction');
    const codT = Number(rows.find((r) => r.option_id === withCod.id)?.quantity);
    const tax = (await call('GET', `/api/options/${withCod.id}/avoided-tax?basis=actual`)).json();
    expect(tax.addedToBenefit).toBe(false);
    // Hand calculation (facts §8): Guangdong water 2.8 元 per equivalent, COD 1 kg per equivalent, COD stays among
    // the outlet's three taxed pollutants before and after → avoided = codT × 1000 kg × 2.8 元 ÷ 10 000 = codT × 0.28 万元.
    expect(tax.rates.water_yuanPerEq).toBe(2.8);
    expect(tax.avoided_wanYuanPerYear).toBeCloseTo(codT * 0.28, 8);
    // Off (default): the form total is as entered. On: increased by exactly the avoided tax, once.
    const on = await call('PUT', `/api/options/${withCod.id}/avoided-tax`, {
      version: withCod.version,
      addAvoidedTax: true,
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().addedToBenefit).toBe(true);
    expect(await econ()).toBeCloseTo(before + codT * 0.28, 4);
    const stale = await call('PUT', `/api/options/${withCod.id}/avoided-tax`, {
      version: withCod.version,
      addAvoidedTax: false,
    });
    expect(stale.statusCode).toBe(409);
  });
});
