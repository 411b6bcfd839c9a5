/**
 * The options (and their benefit lines) the core's aggregations read: the option columns of
 * `CORE_OPTION_COLUMNS` (mapping.ts), money as float8, and the lines of those options. Table 7.2 of a 500-enterprise
 * audit reads ≈ 5 000 options and ≈ 10 000 lines, and the per-row cost decides how it compares with the
 * hand-written SQL computing the same totals (issue 6, bench `aggregation`): the query builder's mapping cost 6–8×
 * that SQL. So the SQL names each column as the mapping's source field (`CoreOptionSource`, `CoreBenefitSource`) and
 * the driver's option rows are those sources: one object per row, none copied; the lines come one row per kind
 * with their own fields as JSON arrays (`lineKinds`). (Tried and dropped, no gain measured: the lines packed in one
 * text per option, `COPY … TO STDOUT` parsed here, a larger young generation for the GC.)
 *
 * numeric(18,4) → float8 gives the double nearest the stored decimal, the number `Number(text)` gave before.
 */
import { type AnyColumn, inArray, type SQL, sql } from 'drizzle-orm';
import { cpOptions, type Database, type Db, executeRows, optionBenefits } from '../../db/index.ts';
import {
  CORE_BENEFIT_COLUMNS,
  CORE_OPTION_COLUMNS,
  type CoreBenefitSource,
  type CoreOptionSource,
} from './mapping.ts';

export interface CoreOptionsAndLines {
  rows: CoreOptionSource[];
  benefits: CoreBenefitSource[];
}

const o = cpOptions;
const b = optionBenefits;

/** Each column of `columns` as a select expression, under the same key. */
function expressions<K extends string>(columns: Record<K, AnyColumn>): Record<K, SQL> {
  const entries = Object.entries<AnyColumn>(columns).map(([k, c]) => [k, sql`${c}`]);
  return Object.fromEntries(entries) as Record<K, SQL>;
}

/**
 * The select list of the options: the columns of `CORE_OPTION_COLUMNS` under their field names. Tables 7.2/7.3 do
 * not read an option's enterprise or Guangdong category (the Guangdong form does, through its own read): they are
 * selected as null, which the driver does not decode. As JSON (PGlite) money is printed as the stored decimal,
 * which JSON.parse reads as the nearest double: the number a float8 cast gives, but the cast goes through text
 * and, with the float8 printed after it, cost PGlite 170 ms a column for the province's 200 000 options.
 */
const OPTION_JSON_FIELDS: Record<keyof CoreOptionSource, SQL> = {
  ...expressions(CORE_OPTION_COLUMNS),
  enterpriseId: sql`null::uuid`,
  gdCategory: sql`null::text`,
};
/** As rows (PostgreSQL), money as float8: the driver gives numeric as text. */
const OPTION_FIELDS: Record<keyof CoreOptionSource, SQL> = {
  ...OPTION_JSON_FIELDS,
  investmentPlanned_wanYuan: sql`${o.investmentPlanned_wanYuan}::float8`,
  investmentActual_wanYuan: sql`${o.investmentActual_wanYuan}::float8`,
  economicBenefitExpected_wanYuanPerYear: sql`${o.economicBenefitExpected_wanYuanPerYear}::float8`,
  economicBenefitActual_wanYuanPerYear: sql`${o.economicBenefitActual_wanYuanPerYear}::float8`,
};
const LINE_FIELDS: Record<keyof CoreBenefitSource, SQL> = expressions(CORE_BENEFIT_COLUMNS);

function selectList(fields: Record<string, SQL>): SQL {
  return sql.join(
    Object.entries(fields).map(([name, expr]) => sql`${expr} as ${sql.identifier(name)}`),
    sql`, `,
  );
}
const OPTION_SELECT = selectList(OPTION_FIELDS);
/** The audit of a row, selected only when several audits are read. */
const AUDIT = 'auditId';

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
 * The fields of a benefit line that vary from line to line; the others (basis, item, name, unit) are shared by many
 * lines: the 10 359 lines of the largest audit are of 10 kinds.
 */
const LINE_OWN: readonly string[] = ['optionId', 'quantity'] satisfies (keyof CoreBenefitSource)[];
const LINE_SHARED = Object.entries(LINE_FIELDS).filter(([k]) => !LINE_OWN.includes(k));

/**
 * The lines of `auditIds` as one row per kind (the audit when `several`, and the shared fields), each with the JSON
 * arrays of its lines' own fields, aggregated in one pass (the i-th values are of the same line).
 */
function lineKinds(auditIds: readonly string[], several: boolean): SQL {
  const keys = [...(several ? [[AUDIT, sql`${b.auditId}`] as const] : []), ...LINE_SHARED];
  const own = LINE_OWN.map(
    (k) => sql`json_agg(${LINE_FIELDS[k as keyof CoreBenefitSource]})::text as ${sql.identifier(k)}`,
  );
  return sql`select ${sql.join(
    [...keys.map(([k, e]) => sql`${e} as ${sql.identifier(k)}`), ...own],
    sql`, `,
  )} from ${b} where ${inArray(b.auditId, auditIds)} group by ${sql.join(
    keys.map(([, e]) => e),
    sql`, `,
  )}`;
}

/** The lines of the rows of `lineKinds`, keyed by field (and `AUDIT` when `several`), in one key order. */
function linesOfKinds(kinds: Record<string, unknown>[], several: boolean): Record<string, unknown>[] {
  const keys = [...(several ? [AUDIT] : []), ...Object.keys(LINE_FIELDS)];
  const lines: Record<string, unknown>[] = [];
  for (const kind of kinds) {
    const own = new Map(LINE_OWN.map((k) => [k, JSON.parse(String(kind[k])) as unknown[]]));
    const n = own.get(LINE_OWN[0] as string)?.length ?? 0;
    const columns = keys.map((k) => own.get(k));
    for (let r = 0; r < n; r++) {
      const line: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const column = columns[i];
        line[k] = column === undefined ? kind[k] : column[r];
      }
      lines.push(line);
    }
  }
  return lines;
}

/**
 * The options and lines of `auditIds` as rows keyed by field (and by `AUDIT` when `several`), two statements: the
 * options one row each, the lines one row per kind with their option ids and quantities as JSON arrays
 * (`lineKinds`): the driver then decodes 10 strings of each shared field instead of 10 000 (the largest audit's
 * lines: 7.3 against 10.6 ms, median, the garbage collector's share with it).
 */
async function readRows(db: Db, auditIds: readonly string[], several: boolean) {
  const audit = (column: SQL) => (several ? sql`${column} as ${sql.identifier(AUDIT)}, ` : sql``);
  const [options, kinds] = await Promise.all([
    executeRows(
      db,
      sql`select ${audit(sql`${o.auditId}`)}${OPTION_SELECT} from ${o}
        where ${inArray(o.auditId, auditIds)} order by ${o.id}`,
    ),
    executeRows(db, lineKinds(auditIds, several)),
  ]);
  return { options, lines: linesOfKinds(kinds, several) };
}

/**
 * `fields` as one JSON array per column, in one JSON array (with the audit column first when `audit` is given),
 * each column ordered by `orderBy` when given. Aggregated in one pass, so the i-th value of every column is of the
 * same row.
 */
function jsonColumns(fields: Record<string, SQL>, audit: SQL | undefined, orderBy?: SQL): SQL {
  const items = Object.values(fields);
  const order = orderBy === undefined ? sql`` : sql` order by ${orderBy}`;
  const columns = (audit === undefined ? items : [audit, ...items]).map((e) => sql`json_agg(${e}${order})`);
  return sql`json_build_array(${sql.join(columns, sql`, `)})`;
}

/** Rows keyed by `keys` from the JSON text of an array of columns (null: no rows; a column of no rows is null). */
function fromJsonColumns(text: unknown, keys: readonly string[]): Record<string, unknown>[] {
  if (text === null || text === undefined) return [];
  const columns = JSON.parse(String(text)) as (unknown[] | null)[];
  const n = columns[0]?.length ?? 0;
  const rows: Record<string, unknown>[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) row[keys[k] as string] = (columns[k] as unknown[])[r];
    rows[r] = row;
  }
  return rows;
}

/**
 * The same on PGlite, as one row of two JSON texts, each an array of columns: PGlite hands every result row
 * through its wire protocol, 7–10 µs a row in its WebAssembly and its JavaScript, where one row of text costs that
 * once and V8's JSON.parse reads it at once. The largest audit's options and lines: 78 ms instead of 185 ms as rows.
 * Columns (one `json_agg` a column) rather than one array a row (`json_agg(json_build_array(…))`): the server
 * builds them in two thirds of the time, 29 against 44 ms for 5 000 options and 10 000 lines
 * (`json_build_array` looks up the JSON category of each of its arguments at every call). (On PostgreSQL the
 * server's JSON building costs more than the driver's rows: 45 ms against 6 ms for the options.) JSON numbers are
 * the decimal texts PostgreSQL prints for numeric and float8, read as the nearest double: the numbers the rows give.
 */
async function readJson(db: Db, auditIds: readonly string[], several: boolean) {
  const [r] = await executeRows(
    db,
    sql`select
      (select ${jsonColumns(OPTION_JSON_FIELDS, several ? sql`${o.auditId}` : undefined, sql`${o.id}`)}
        from ${o} where ${inArray(o.auditId, auditIds)})::text as options,
      (select ${jsonColumns(LINE_FIELDS, several ? sql`${b.auditId}` : undefined)}
        from ${b} where ${inArray(b.auditId, auditIds)})::text as lines`,
  );
  const keys = (fields: Record<string, SQL>) =>
    several ? [AUDIT, ...Object.keys(fields)] : Object.keys(fields);
  return {
    options: fromJsonColumns(r?.options, keys(OPTION_JSON_FIELDS)),
    lines: fromJsonColumns(r?.lines, keys(LINE_FIELDS)),
  };
}

/**
 * The options of each industry audit of `auditIds`, ordered by id (the core sums in any order; by id the order is
 * the same at every read, and costs no collation sort), and their benefit lines in no order (`coreOptions` orders
 * each option's lines). On PostgreSQL two statements, so give a transaction (one snapshot:
 * `computeAuditPerformances` reads in a repeatable-read one) for both to read the same state; on PGlite (`kind`)
 * one statement of JSON (`readJson`). The lines are read by the audit the database copies onto them
 * (`option_benefits.audit_id`): one index range, 5 ms on the server for the 10 000 lines of the largest audit,
 * where finding them option by option took 33 ms (a nested loop of 5 000 index probes), by the array of the
 * options' ids 17 ms, and the planner's own choice for a join, a hashed scan of every line of the province, 70 ms.
 * The audit of each row is selected only when there are several audits.
 */
export async function readCoreOptions(
  db: Db,
  auditIds: readonly string[],
  kind: Database['kind'] = 'postgres',
): Promise<Map<string, CoreOptionsAndLines>> {
  const out = new Map<string, CoreOptionsAndLines>();
  for (const id of auditIds) out.set(id, { rows: [], benefits: [] });
  const [single] = auditIds;
  if (single === undefined) return out;
  const several = auditIds.length > 1;
  const { options, lines } = await (kind === 'pglite' ? readJson : readRows)(db, auditIds, several);
  const rows = asSources<CoreOptionSource>(options, OPTION_FIELDS);
  const benefits = asSources<CoreBenefitSource>(lines, LINE_FIELDS);
  if (!several) {
    out.set(single, { rows, benefits });
    return out;
  }
  const of = (r: CoreOptionSource | CoreBenefitSource) =>
    out.get(String((r as unknown as Record<string, unknown>)[AUDIT]));
  for (const r of rows) of(r)?.rows.push(r);
  for (const l of benefits) of(l)?.benefits.push(l);
  return out;
}
