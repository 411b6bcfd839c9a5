/**
 * The options (and their benefit lines) the core's aggregations read: the option columns of
 * `CORE_OPTION_COLUMNS` (mapping.ts), money as float8, and the lines of those options. Table 7.2 of a 500-enterprise
 * audit reads ≈ 5 000 options and ≈ 10 000 lines, and the per-row cost decides how it compares with the
 * hand-written SQL computing the same totals (issue 6, bench `aggregation`): the query builder's mapping cost 6–8×
 * that SQL; copying each row into a second object still cost a quarter of the time, half of it in the garbage
 * collector. So the SQL names each column as the mapping's source field (`CoreOptionSource`, `CoreBenefitSource`)
 * and the driver's rows are those sources: one object per row, none copied.
 *
 * numeric(18,4) → float8 gives the double nearest the stored decimal, the number `Number(text)` gave before.
 */
import { inArray, type SQL, sql } from 'drizzle-orm';
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

/** The select list: every field of `CoreOptionRow`, named as the field (the compiler checks the list is complete). */
const o = cpOptions;
const OPTION_FIELDS: Record<keyof CoreOptionRow, SQL> = {
  id: sql`${o.id}`,
  auditId: sql`${o.auditId}`,
  name: sql`${o.name}`,
  code: sql`${o.code}`,
  level: sql`${o.level}`,
  enterpriseId: sql`${o.enterpriseId}`,
  optionType: sql`${o.optionType}`,
  gdCategory: sql`${o.gdCategory}`,
  isKey: sql`${o.isKey}`,
  status: sql`${o.status}`,
  costClass: sql`${o.costClass}`,
  investmentPlanned_wanYuan: sql`${o.investmentPlanned_wanYuan}::float8`,
  investmentActual_wanYuan: sql`${o.investmentActual_wanYuan}::float8`,
  economicBenefitExpected_wanYuanPerYear: sql`${o.economicBenefitExpected_wanYuanPerYear}::float8`,
  economicBenefitActual_wanYuanPerYear: sql`${o.economicBenefitActual_wanYuanPerYear}::float8`,
  addAvoidedTax: sql`${o.addAvoidedTax}`,
};
const b = optionBenefits;
const LINE_FIELDS: Record<keyof CoreBenefitSource, SQL> = {
  optionId: sql`${b.optionId}`,
  basis: sql`${b.basis}`,
  itemCode: sql`${b.itemCode}`,
  name: sql`${b.name}`,
  quantity: sql`${b.quantity}`,
  unit: sql`${b.unit}`,
};

function selectList(fields: Record<string, SQL>): SQL {
  return sql.join(
    Object.entries(fields).map(([name, expr]) => sql`${expr} as ${sql.identifier(name)}`),
    sql`, `,
  );
}
const OPTION_SELECT = selectList(OPTION_FIELDS);
const LINE_SELECT = selectList(LINE_FIELDS);

/** The driver's rows as the sources they were selected as (their keys are `fields`' keys; checked on the first). */
function asSources<T>(rows: Record<string, unknown>[], fields: Record<keyof T, SQL>): T[] {
  const first = rows[0];
  if (first !== undefined) {
    for (const key of Object.keys(fields)) {
      if (!(key in first)) throw new Error(`readCoreOptions: the driver returned no column "${key}"`);
    }
  }
  return rows as T[];
}

/**
 * The options of the industry audits `auditIds`, ordered by id (the core sums in any order; by id the order is the
 * same at every read, and costs no collation sort), and their benefit lines in no order (`coreOptions` orders each
 * option's lines): two statements, so give a transaction (one snapshot: `computeAuditPerformances` reads in a
 * repeatable-read one) for both to read the same state. The lines are read by the audit the database copies onto
 * them (`option_benefits.audit_id`): one index range, 5 ms on the server for the 10 000 lines of the largest audit,
 * where finding them option by option took 33 ms (a nested loop of 5 000 index probes), by the array of the
 * options' ids 17 ms, and the planner's own choice for a join, a hashed scan of every line of the province, 70 ms.
 */
export async function readCoreOptions(db: Db, auditIds: readonly string[]): Promise<CoreOptionsAndLines> {
  if (auditIds.length === 0) return { rows: [], benefits: [] };
  const [options, lines] = await Promise.all([
    executeRows(
      db,
      sql`select ${OPTION_SELECT} from ${o} where ${inArray(o.auditId, auditIds)} order by ${o.id}`,
    ),
    executeRows(db, sql`select ${LINE_SELECT} from ${b} where ${inArray(b.auditId, auditIds)}`),
  ]);
  return { rows: asSources<CoreOptionRow>(options, OPTION_FIELDS), benefits: asSources(lines, LINE_FIELDS) };
}
