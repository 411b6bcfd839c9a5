/**
 * The options (and their benefit lines) the core's aggregations read, in one query: the option columns of
 * `CORE_OPTION_COLUMNS` (mapping.ts) with the lines of each option aggregated beside it as one JSON array, money
 * as float8. Table 7.2 of a 500-enterprise audit reads ≈ 5 000 options and ≈ 10 000 lines; two queries and the
 * query builder's per-row mapping cost 6–8× the hand-written SQL computing the same totals (issue 6, bench
 * `aggregation`); one row per option, mapped here column by column, is what remains of it.
 *
 * numeric(18,4) → float8 gives the double nearest the stored decimal, the number `Number(text)` gave before.
 */
import { type SQL, sql } from 'drizzle-orm';
import { cpOptions, type Db, executeRows, optionBenefits } from '../../db/index.ts';
import type { CoreBenefitSource, CoreOptionSource } from './mapping.ts';

export interface CoreOptionRow extends CoreOptionSource {
  auditId: string | null;
  addAvoidedTax: boolean;
}

export interface CoreOptionsAndLines {
  rows: CoreOptionRow[];
  benefits: CoreBenefitSource[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The options matching `where` (a condition on `cp_options`), in the order of the performance views. */
export async function readCoreOptions(db: Db, where: SQL): Promise<CoreOptionsAndLines> {
  const o = cpOptions;
  const b = optionBenefits;
  const result = await executeRows(
    db,
    sql`select ${o.id} as id, ${o.auditId} as audit_id, ${o.name} as name, ${o.code} as code, ${o.level} as level,
        ${o.enterpriseId} as enterprise_id, ${o.optionType} as option_type, ${o.gdCategory} as gd_category,
        ${o.isKey} as is_key, ${o.status} as status, ${o.costClass} as cost_class,
        ${o.investmentPlanned_wanYuan}::float8 as ip, ${o.investmentActual_wanYuan}::float8 as ia,
        ${o.economicBenefitExpected_wanYuanPerYear}::float8 as be, ${o.economicBenefitActual_wanYuanPerYear}::float8 as ba,
        ${o.addAvoidedTax} as add_avoided_tax,
        (select json_agg(json_build_array(${b.basis}, ${b.itemCode}, ${b.name}, ${b.quantity}, ${b.unit}))::text
           from ${b} where ${b.optionId} = ${o.id}) as lines
      from ${o} where ${where}
      order by ${o.sortOrder}, ${o.code}, ${o.createdAt}, ${o.id}`,
  );
  const rows: CoreOptionRow[] = [];
  const benefits: CoreBenefitSource[] = [];
  for (const r of result) {
    const id = String(r.id);
    rows.push({
      id,
      auditId: (r.audit_id as string | null) ?? null,
      name: String(r.name),
      code: (r.code as string | null) ?? null,
      level: r.level as CoreOptionSource['level'],
      enterpriseId: (r.enterprise_id as string | null) ?? null,
      optionType: (r.option_type as CoreOptionSource['optionType']) ?? null,
      gdCategory: (r.gd_category as CoreOptionSource['gdCategory']) ?? null,
      isKey: r.is_key === true,
      status: r.status as CoreOptionSource['status'],
      costClass: (r.cost_class as CoreOptionSource['costClass']) ?? null,
      investmentPlanned_wanYuan: num(r.ip),
      investmentActual_wanYuan: num(r.ia),
      economicBenefitExpected_wanYuanPerYear: num(r.be),
      economicBenefitActual_wanYuanPerYear: num(r.ba),
      addAvoidedTax: r.add_avoided_tax === true,
    });
    if (typeof r.lines === 'string') {
      for (const [basis, itemCode, name, quantity, unit] of JSON.parse(r.lines) as [
        CoreBenefitSource['basis'],
        string,
        string | null,
        number,
        string,
      ][]) {
        benefits.push({ optionId: id, basis, itemCode, name, quantity, unit });
      }
    }
  }
  return { rows, benefits };
}
