/**
 * `cpaudit synth` at a small size (200 enterprises, 3 years, seed 1), on PGlite or on PostgreSQL (CPAUDIT_TEST_PG):
 * deterministic (two databases built from the same seed have the same checksums, evidence stubs included),
 * consistent (valid credit codes, every option status, audits of at most 500 enterprises, 综合能耗 recomputed by the
 * core), and the platform's own data checks (the annual checks service, core `runDataChecks`) find exactly the
 * planted anomalies and nothing else. A second run into a non-empty database is refused and changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comprehensiveEnergy, isCpError, validateUscc } from '@cpaudit/core';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  annualValues,
  auditEnterprises,
  cpOptions,
  type Database,
  enterprises,
  users,
} from '../src/db/index.ts';
import { checkAnnualData } from '../src/services/annual/checks.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { AUDIT_SIZE, type SynthSummary, synthChecksums, synthesize } from '../src/synth/index.ts';
import { createTestDatabase, queryRows } from './helpers/db.ts';

const OPTS = { enterprises: 200, years: 3, seed: 1 } as const;

let a: Database;
let b: Database;
let dirA: string;
let dirB: string;
let summary: SynthSummary;

beforeAll(async () => {
  dirA = mkdtempSync(join(tmpdir(), 'cpaudit-synth-a-'));
  dirB = mkdtempSync(join(tmpdir(), 'cpaudit-synth-b-'));
  a = await createTestDatabase();
  b = await createTestDatabase();
  summary = await synthesize(a, { ...OPTS, dataDir: dirA });
  await synthesize(b, { ...OPTS, dataDir: dirB, batchSize: 64 });
}, 300_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  rmSync(dirA, { recursive: true, force: true });
  rmSync(dirB, { recursive: true, force: true });
});

describe('cpaudit synth (200 enterprises, 3 years, seed 1)', () => {
  it('is deterministic: the same seed gives the same rows and files, whatever the batch size', async () => {
    const ca = await synthChecksums(a.db);
    const cb = await synthChecksums(b.db);
    expect(cb).toEqual(ca);
    expect(ca.enterprises?.rows).toBe(200);
    expect(ca.annual_submissions?.rows).toBe(600);
    // ≈ 10 options per enterprise (8–12 each).
    expect(ca.cp_options?.rows).toBeGreaterThanOrEqual(1600);
    expect(ca.cp_options?.rows).toBeLessThanOrEqual(2400);
    expect(ca.option_evidence?.rows).toBeGreaterThan(0);
    expect(summary.counts.cp_options).toBe(ca.cp_options?.rows);
    expect(summary.counts.annual_values).toBe(ca.annual_values?.rows);
  });

  it('is consistent: valid credit codes, every option status, audits of at most 500, energy recomputes', async () => {
    const list = await a.db
      .select({ uscc: enterprises.uscc, industry: enterprises.industryCode })
      .from(enterprises);
    for (const e of list) expect(validateUscc(e.uscc).value.valid).toBe(true);
    expect(new Set(list.map((e) => e.industry))).toEqual(
      new Set(['3360', '3982', '1713', '2614', '3011', '3130']),
    );
    const statuses = await queryRows(
      a.db,
      sql.raw('select status, count(*)::int as n from cp_options group by status'),
    );
    expect(statuses.map((s) => s.status).sort()).toEqual(
      ['feasible', 'implemented', 'implementing', 'proposed', 'rejected', 'screened', 'verified'].sort(),
    );
    const perAudit = await queryRows(
      a.db,
      sql.raw('select audit_id, count(*)::int as n from audit_enterprises group by audit_id'),
    );
    for (const r of perAudit) expect(Number(r.n)).toBeLessThanOrEqual(AUDIT_SIZE);
    expect(perAudit.reduce((s, r) => s + Number(r.n), 0)).toBe(200);
    // Every option belongs to its enterprise's audit.
    const stray = await queryRows(
      a.db,
      sql.raw(
        'select count(*)::int as n from cp_options o left join audit_enterprises ae on ae.audit_id = o.audit_id and ae.enterprise_id = o.enterprise_id where ae.id is null',
      ),
    );
    expect(stray[0]?.n).toBe(0);
    // 综合能耗 of one enterprise-year recomputed by the core (GB/T 2589) from its electricity and gas.
    const [first] = await a.db
      .select({ id: auditEnterprises.enterpriseId })
      .from(auditEnterprises)
      .orderBy(asc(auditEnterprises.enterpriseId))
      .limit(1);
    const rows = await a.db
      .select()
      .from(annualValues)
      .where(eq(annualValues.enterpriseId, first?.id ?? ''));
    const v = (year: number, code: string) =>
      rows.find((r) => r.year === year && r.itemCode === code)?.quantity;
    for (const year of [2022, 2023]) {
      const tce = comprehensiveEnergy({
        items: [
          { carrier: 'electricity', quantity: { value: v(year, 'energy.electricity') ?? 0, unit: 'kWh' } },
          { carrier: 'natural-gas', quantity: { value: v(year, 'energy.natural_gas') ?? 0, unit: 'm3' } },
        ],
      }).value.total_tce;
      expect(v(year, 'energy.comprehensive')).toBeCloseTo(tce, 2);
    }
  });

  it('passes the platform data checks except for the planted anomalies, which the checks find', async () => {
    const [admin] = await a.db
      .select()
      .from(users)
      .where(eq(users.username, `s${OPTS.seed}-admin`));
    if (!admin) throw new Error('no synth admin');
    const ctx: ServiceContext = {
      database: a,
      db: a.db,
      now: () => new Date(),
      actor: {
        userId: admin.id,
        username: admin.username,
        displayName: admin.displayName,
        roles: [{ role: 'platform_admin', bureauId: null, enterpriseId: null, consultingFirmId: null }],
        sessionId: 'test',
        csrfToken: 'test',
      },
    };
    const ids = await a.db.select({ id: enterprises.id }).from(enterprises).orderBy(asc(enterprises.id));
    const findings: { enterpriseId: string; year?: number; item?: string; rule: string; severity: string }[] =
      [];
    for (const { id } of ids) {
      const view = await checkAnnualData(ctx, id, true);
      expect(view.peerCount).toBeGreaterThanOrEqual(5);
      findings.push(...view.findings);
    }
    expect(summary.anomalies).toHaveLength(4);
    // Every finding is explained by a planted anomaly: same enterprise, same item, its year or the next one (the
    // year-on-year comparison back from a wrong value).
    const unexplained = findings.filter(
      (f) =>
        !summary.anomalies.some(
          (x) =>
            x.enterpriseId === f.enterpriseId &&
            (f.item === x.item ||
              (x.rule === 'emitted-exceeds-generated' && f.item === 'pollutant_generated.cod')) &&
            (f.year === x.year || f.year === x.year + 1),
        ),
    );
    expect(unexplained).toEqual([]);
    // Every planted anomaly is found by the rule it was planted for.
    for (const x of summary.anomalies) {
      expect(
        findings.some((f) => f.enterpriseId === x.enterpriseId && f.rule === x.rule && f.year === x.year),
        `${x.rule} ${x.item} ${x.year}`,
      ).toBe(true);
    }
  }, 300_000);

  it('refuses a database that is not empty, and a bad size, changing nothing', async () => {
    const before = await synthChecksums(a.db);
    const refused = await synthesize(a, { ...OPTS, seed: 2, dataDir: dirA }).catch((e: unknown) => e);
    expect(isCpError(refused) && refused.code).toBe('CONFLICT');
    const again = await synthesize(a, { ...OPTS, dataDir: dirA, forceAppend: true }).catch((e: unknown) => e);
    expect(isCpError(again) && again.code).toBe('CONFLICT');
    const bad = await synthesize(a, { ...OPTS, enterprises: 0, dataDir: dirA }).catch((e: unknown) => e);
    expect(isCpError(bad) && bad.field).toBe('enterprises');
    expect(await synthChecksums(a.db)).toEqual(before);
    const n = await a.db.select({ id: cpOptions.id }).from(cpOptions);
    expect(n.length).toBe(before.cp_options?.rows);
  });
});
