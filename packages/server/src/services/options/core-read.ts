/**
 * The options (and their benefit lines) the core's aggregations read: the option columns of
 * `CORE_OPTION_COLUMNS` (mapping.ts), money as float8, and the lines of those options. Table 7.2 of a 500-enterprise
 * audit reads ≈ 5 000 options and ≈ 10 000 lines: the query builder's per-row mapping cost 6–8× the
 * hand-written SQL computing the same totals (issue 6, bench `aggregation`), so rows are mapped here column by
 * column.
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

/**
 * The options matching `where` (a condition on `cp_options`), ordered by id (the core sums in any order; by id the
 * order is the same at every read, and costs no collation sort: `sort_order`, code cost 10 ms per 5 000 options),
 * and their benefit lines, each option's in basis and item order: two statements, so give a transaction (one
 * snapshot: `computeAuditPerformances` reads in a repeatable-read one) for both to read the same state. (Run on two
 * connections sharing an exported snapshot they took 5–10 ms less of ≈ 80: not worth holding two connections.) The
 * lines are found option by option through their index (a nested loop: 5 000 probes
 * take ≈ 30 ms; left to itself the planner hashes a scan of every line of the province, 70 ms).
 */
export async function readCoreOptions(db: Db, where: SQL): Promise<CoreOptionsAndLines> {
  const o = cpOptions;
  const b = optionBenefits;
  const [result, lines] = await Promise.all([
    executeRows(
      db,
      sql`select ${o.id} as id, ${o.auditId} as audit_id, ${o.name} as name, ${o.code} as code, ${o.level} as level,
        ${o.enterpriseId} as enterprise_id, ${o.optionType} as option_type, ${o.gdCategory} as gd_category,
        ${o.isKey} as is_key, ${o.status} as status, ${o.costClass} as cost_class,
        ${o.investmentPlanned_wanYuan}::float8 as ip, ${o.investmentActual_wanYuan}::float8 as ia,
        ${o.economicBenefitExpected_wanYuanPerYear}::float8 as be, ${o.economicBenefitActual_wanYuanPerYear}::float8 as ba,
        ${o.addAvoidedTax} as add_avoided_tax
      from ${o} where ${where}`,
    ),
    executeRows(
      db,
      sql`select l.option_id, l.basis, l.item_code, l.name, l.quantity, l.unit from ${o}
      cross join lateral (select ${b.optionId} as option_id, ${b.basis} as basis, ${b.itemCode} as item_code,
        ${b.name} as name, ${b.quantity} as quantity, ${b.unit} as unit
        from ${b} where ${b.optionId} = ${o.id} order by ${b.basis}, ${b.itemCode} offset 0) l
      where ${where}`,
    ),
  ]);
  const rows: CoreOptionRow[] = [];
  const benefits: CoreBenefitSource[] = [];
  for (const r of result) {
    rows.push({
      id: String(r.id),
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
  }
  rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const l of lines) {
    benefits.push({
      optionId: String(l.option_id),
      basis: l.basis as CoreBenefitSource['basis'],
      itemCode: String(l.item_code),
      name: (l.name as string | null) ?? null,
      quantity: Number(l.quantity),
      unit: String(l.unit),
    });
  }
  return { rows, benefits };
}
