/**
 * The demo's annual data as input of the core's data checks (数据核查, guideline 7.2.1.2), read back from the
 * database, and the planted problems the checks must find. Everything else in the demo passes the checks.
 */
import type { DataChecksInput } from '@cpaudit/core';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { ANNUAL_ITEMS, annualValues, type Db, enterprises } from '../db/index.ts';
import { PLANTED_ANOMALIES, REQUIRED_ITEMS } from './annual.ts';

export { PLANTED_ANOMALIES, REQUIRED_ITEMS };

/** Generated ≥ emitted pairs of the annual items (Appendix A: 产生量 and 排放量 of each pollutant). */
export function pollutantPairs(): { generated: string; emitted: string; name: string }[] {
  return ANNUAL_ITEMS.filter((i) => i.category === 'pollutant_generated').flatMap((g) => {
    const emitted = g.code.replace('pollutant_generated.', 'pollutant_emitted.');
    const e = ANNUAL_ITEMS.find((i) => i.code === emitted);
    return e ? [{ generated: g.code, emitted, name: g.zh.replace(/产生量$/, '') }] : [];
  });
}

/**
 * The data-check input of the electroplating enterprises (industry 3360): every annual item except indicators,
 * the main product output (`product.plated_area`) as output, the peer group by plating profile (main product).
 */
export async function demoChecksInput(db: Db): Promise<DataChecksInput> {
  const list = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.industryCode, '3360'))
    .orderBy(asc(enterprises.name));
  const ids = list.map((e) => e.id);
  const values = ids.length
    ? await db
        .select()
        .from(annualValues)
        .where(and(inArray(annualValues.enterpriseId, ids), ne(annualValues.category, 'indicator')))
    : [];
  const result: DataChecksInput['enterprises'] = list.map((e) => {
    const mine = values.filter((v) => v.enterpriseId === e.id);
    const years = [...new Set(mine.map((v) => v.year))].sort();
    const product = mine.find((v) => v.itemCode === 'product.plated_area');
    return {
      enterpriseId: e.id,
      name: e.name,
      ...(product?.name ? { peerGroup: product.name } : {}),
      years: years.map((year) => {
        const ofYear = mine.filter((v) => v.year === year);
        const out = ofYear.find((v) => v.itemCode === 'product.plated_area');
        return {
          year,
          values: Object.fromEntries(
            ofYear
              .filter((v) => v.category !== 'product')
              .map((v) => [v.itemCode, { quantity: v.quantity, unit: v.unit }]),
          ),
          ...(out ? { output: { quantity: out.quantity, unit: out.unit } } : {}),
        };
      }),
    };
  });
  return {
    enterprises: result,
    required: [...REQUIRED_ITEMS],
    pairs: pollutantPairs(),
    items: ANNUAL_ITEMS.map((i) => ({ code: i.code, name: i.zh, unit: i.unit })),
  };
}
