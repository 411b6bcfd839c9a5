import { useCallback, useState } from 'react';
import { initialQuery, type TableQuery } from '../lib/table.ts';

export interface TableQueryState {
  readonly query: TableQuery;
  readonly setQuery: (next: TableQuery) => void;
  /** New search text, back to page 1. */
  readonly setSearch: (q: string) => void;
  /** One column's accepted values, back to page 1. */
  readonly setFilter: (key: string, values: readonly string[]) => void;
  readonly reset: () => void;
}

/**
 * The search/filter/sort/page state of a list. Give `query` and `setQuery` to `<DataTable>`; for a server-side
 * list, also send `toPageQuery(query)` (plus endpoint filters) with the API call whenever `query` changes.
 */
export function useTableQuery(pageSize = 20): TableQueryState {
  const [query, setQuery] = useState<TableQuery>(() => initialQuery(pageSize));
  const setSearch = useCallback((q: string) => setQuery((prev) => ({ ...prev, q, page: 1 })), []);
  const setFilter = useCallback(
    (key: string, values: readonly string[]) =>
      setQuery((prev) => ({ ...prev, filters: { ...prev.filters, [key]: values }, page: 1 })),
    [],
  );
  const reset = useCallback(() => setQuery(initialQuery(pageSize)), [pageSize]);
  return { query, setQuery, setSearch, setFilter, reset };
}
