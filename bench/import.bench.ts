/**
 * Workbook import benchmark (issue 5): an audit-wide data-collection workbook of 5,001 enterprise-years (1,667
 * enterprises × 3 years, 8 values each) imported through the service (safety checks + parse + the annual service's
 * validation, then the write in one transaction), next to reading the same workbook with exceljs alone in the
 * same run. The parse and validation (a dry run) are timed over 3 runs; the write once, on a fresh database.
 */
import { ANNUAL_ITEM_CATALOGUE } from '@cpaudit/contract';
import { usccCheckChar } from '@cpaudit/core';
import { buildDataWorkbook, type DataWorkbookSpec } from '@cpaudit/documents';
import ExcelJS from 'exceljs';
import {
  annualValues,
  auditEnterprises,
  bureaus,
  enterprises,
  industryAudits,
  openDatabase,
  regions,
} from '../packages/server/src/db/index.ts';
import type { ServiceContext } from '../packages/server/src/services/context.ts';
import { importWorkbookBytes } from '../packages/server/src/services/exchange/index.ts';
import { createAccount } from '../packages/server/src/services/users.ts';
import { printTable, rng, type Timing, timeAsync } from './harness.ts';

const ENTERPRISES = 1667;
const YEARS = [2022, 2023, 2024];

function usccOf(k: number): string {
  const body = `91320100MA${String(k).padStart(7, '0')}`;
  return body + usccCheckChar(body);
}

export default async function runImportBench(): Promise<void> {
  const database = await openDatabase({ memory: true });
  try {
    await database.migrate();
    const db = database.db;
    await db.insert(regions).values([
      { code: '320000', name: '江苏省', parentCode: null },
      { code: '320100', name: '南京市', parentCode: '320000' },
    ]);
    const [bureau] = await db
      .insert(bureaus)
      .values({ name: '南京市生态环境局', jurisdictionCode: '320100' })
      .returning({ id: bureaus.id });
    if (!bureau) throw new Error('seed');
    const list = Array.from({ length: ENTERPRISES }, (_, k) => ({
      uscc: usccOf(k + 1),
      name: `南京第${k + 1}电镀有限公司`,
      regionCode: '320100',
      industryCode: '3360',
      industryName: '金属表面处理及热处理加工',
    }));
    const ents: { id: string; uscc: string; name: string }[] = [];
    for (let i = 0; i < list.length; i += 500) {
      ents.push(
        ...(await db
          .insert(enterprises)
          .values(list.slice(i, i + 500))
          .returning({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name })),
      );
    }
    const [audit] = await db
      .insert(industryAudits)
      .values({
        title: '基准测试审核',
        bureauId: bureau.id,
        regionCode: '320100',
        industryCodes: ['3360'],
        industryName: '金属表面处理及热处理加工',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
      })
      .returning({ id: industryAudits.id });
    if (!audit) throw new Error('seed');
    for (let i = 0; i < ents.length; i += 500) {
      await db
        .insert(auditEnterprises)
        .values(
          ents
            .slice(i, i + 500)
            .map((e) => ({ auditId: audit.id, enterpriseId: e.id, status: 'selected' as const })),
        );
    }
    const userId = await createAccount(database, {
      username: 'bench-admin',
      displayName: '基准测试管理员',
      password: 'Bench-password-1',
      roles: [{ role: 'platform_admin' }],
    });
    const ctx: ServiceContext = {
      database,
      db,
      actor: {
        userId,
        username: 'bench-admin',
        displayName: '基准测试管理员',
        roles: [{ role: 'platform_admin', bureauId: null, enterpriseId: null, consultingFirmId: null }],
        sessionId: '',
        csrfToken: '',
      },
      now: () => new Date(),
    };

    // The workbook an audit's enterprises would send back: 8 values per enterprise-year over five sheets.
    const r = rng(7);
    const spec: DataWorkbookSpec = {
      title: '基准测试审核',
      scope: 'audit',
      enterprises: ents.map((e) => ({ uscc: e.uscc, name: e.name })),
      years: YEARS,
      items: ANNUAL_ITEM_CATALOGUE.filter((i) => i.category !== 'indicator'),
      values: ents.flatMap((e) =>
        YEARS.map((year) => ({
          uscc: e.uscc,
          year,
          values: [
            { itemCode: 'economy.gross_output', quantity: Math.round(1000 + r() * 9000), unit: '万元' },
            { itemCode: 'economy.value_added', quantity: Math.round(200 + r() * 2000), unit: '万元' },
            { itemCode: 'energy.electricity', quantity: Math.round(1e6 + r() * 4e6), unit: 'kWh' },
            { itemCode: 'energy.natural_gas', quantity: Math.round(1e4 + r() * 9e4), unit: 'm3' },
            { itemCode: 'water.intake', quantity: Math.round(5e3 + r() * 5e4), unit: 'm3' },
            { itemCode: 'pollutant_generated.cod', quantity: Math.round(r() * 5000) / 100, unit: 't' },
            { itemCode: 'pollutant_emitted.cod', quantity: Math.round(r() * 500) / 100, unit: 't' },
            {
              itemCode: 'product.plated_area',
              name: '镀件面积',
              quantity: Math.round(1e5 + r() * 9e5),
              unit: 'm2',
            },
          ],
        })),
      ),
    };
    const bytes = await buildDataWorkbook(spec);
    const deps = { maxUploadBytes: 100 * 1024 * 1024 };
    const pairs = ents.length * YEARS.length;
    console.log(`\nworkbook: ${pairs} enterprise-years, ${(bytes.length / 1024 / 1024).toFixed(2)} MB`);

    const baseline = await timeAsync('exceljs load', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    });
    let checked = 0;
    const dry = await timeAsync('dry run', async () => {
      const res = await importWorkbookBytes(ctx, deps, { auditId: audit.id }, bytes, true);
      if (!res.ok) throw new Error(`bench workbook invalid: ${res.problems[0]?.message}`);
      checked = res.written.created;
    });
    const t0 = performance.now();
    const res = await importWorkbookBytes(ctx, deps, { auditId: audit.id }, bytes, false);
    const write_ms = performance.now() - t0;
    const stored = (await db.select({ id: annualValues.id }).from(annualValues)).length;
    if (!res.ok || stored !== checked) throw new Error(`import wrote ${stored} values, expected ${checked}`);
    const once: Timing = { name: 'import', median_ms: write_ms, min_ms: write_ms, runs: 1 };
    printTable(`workbook import (issue 5): ${stored} values; dry run median of 3, import once`, [
      { scenario: 'check (dry)', items: pairs, figure: dry, baseline },
      { scenario: 'import+write', items: pairs, figure: once, baseline },
    ]);
  } finally {
    await database.close();
  }
}
