/**
 * List logic shared by every table of the app: free-text search, value filters, sorting and paging, either done
 * here on rows already loaded (`applyQuery`) or handed to the API as the contract's page query (`toPageQuery`).
 * No React: tested in Node.
 */

export type SortOrder = 'asc' | 'desc';

export interface TableQuery {
  /** Free text; every whitespace-separated term must appear in some searchable column. */
  readonly q: string;
  /** Column key to sort by, or undefined for the natural order. */
  readonly sort: string | undefined;
  readonly order: SortOrder;
  /** Column key → accepted values (a row passes when its value is one of them); an empty list filters nothing. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  /** 1-based page number. */
  readonly page: number;
  readonly pageSize: number;
}

export type CellValue = string | number | null | undefined;

export interface QueryColumn<T> {
  readonly key: string;
  /** The plain value used to search, filter, sort and export. */
  readonly value: (row: T) => CellValue;
  /** Included in free-text search (default true). */
  readonly searchable?: boolean;
}

export function initialQuery(pageSize = 20): TableQuery {
  return { q: '', sort: undefined, order: 'asc', filters: {}, page: 1, pageSize };
}

/** Case- and width-insensitive form for matching (NFKC folds full-width ＡＢＣ１２３ into ABC123). */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLocaleLowerCase('zh-CN').trim();
}

function cellText(v: CellValue): string {
  return v === null || v === undefined ? '' : String(v);
}

export function searchRows<T>(rows: readonly T[], columns: readonly QueryColumn<T>[], q: string): T[] {
  const terms = normalizeText(q).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...rows];
  const cols = columns.filter((c) => c.searchable !== false);
  return rows.filter((row) => {
    const haystack = cols.map((c) => normalizeText(cellText(c.value(row))));
    return terms.every((term) => haystack.some((h) => h.includes(term)));
  });
}

export function filterRows<T>(
  rows: readonly T[],
  columns: readonly QueryColumn<T>[],
  filters: TableQuery['filters'],
): T[] {
  const active = columns
    .map((c) => ({ c, accepted: filters[c.key] ?? [] }))
    .filter(({ accepted }) => accepted.length > 0)
    .map(({ c, accepted }) => ({ c, accepted: new Set(accepted) }));
  if (active.length === 0) return [...rows];
  return rows.filter((row) => active.every(({ c, accepted }) => accepted.has(cellText(c.value(row)))));
}

const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

/** Compares two cells: numbers numerically, text by Chinese collation (pinyin order), numbers before text. */
export function compareCells(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return collator.compare(cellText(a), cellText(b));
}

function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/** Stable sort by one column; blank cells (null, undefined, '', NaN) go last in both orders. */
export function sortRows<T>(rows: readonly T[], column: QueryColumn<T> | undefined, order: SortOrder): T[] {
  if (!column) return [...rows];
  const sign = order === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: column.value(row) }))
    .sort((x, y) => {
      const bx = isBlank(x.v);
      const by = isBlank(y.v);
      if (bx || by) return bx === by ? x.index - y.index : bx ? 1 : -1;
      return sign * compareCells(x.v, y.v) || x.index - y.index;
    })
    .map(({ row }) => row);
}

export interface QueryResult<T> {
  /** The rows of the current page. */
  readonly page: T[];
  /** Every row passing search and filters, sorted (what an export should contain). */
  readonly matching: T[];
  readonly total: number;
}

export function applyQuery<T>(
  rows: readonly T[],
  columns: readonly QueryColumn<T>[],
  query: TableQuery,
): QueryResult<T> {
  const searched = searchRows(rows, columns, query.q);
  const filtered = filterRows(searched, columns, query.filters);
  const sorted = sortRows(
    filtered,
    columns.find((c) => c.key === query.sort),
    query.order,
  );
  const size = Math.max(1, Math.floor(query.pageSize));
  const lastPage = Math.max(1, Math.ceil(sorted.length / size));
  const page = Math.min(Math.max(1, Math.floor(query.page)), lastPage);
  return { page: sorted.slice((page - 1) * size, page * size), matching: sorted, total: sorted.length };
}

/** The API's list query (`pageQuery` in the contract): `q`, `limit`, `offset`, `sort`, `order`. */
export interface PageQueryInput {
  q?: string;
  limit: number;
  offset: number;
  sort?: string;
  order: SortOrder;
}

/** The contract's page query for a table query (filters are endpoint-specific and added by the caller). */
export function toPageQuery(query: TableQuery): PageQueryInput {
  const limit = Math.max(1, Math.floor(query.pageSize));
  const q = query.q.trim();
  return {
    ...(q === '' ? {} : { q }),
    limit,
    offset: (Math.max(1, Math.floor(query.page)) - 1) * limit,
    ...(query.sort === undefined ? {} : { sort: query.sort }),
    order: query.order,
  };
}

/** The distinct values of a column, sorted, for a filter menu. */
export function distinctValues<T>(rows: readonly T[], column: QueryColumn<T>): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    const v = column.value(row);
    if (!isBlank(v)) values.add(cellText(v));
  }
  return [...values].sort((a, b) => collator.compare(a, b));
}
