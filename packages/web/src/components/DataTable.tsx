/**
 * The list component of the app: a search box, column filters and sorting, paging, and CSV export, over rows
 * held in the browser (`mode: 'client'`, done by `applyQuery`) or one page fetched from the API (`mode: 'server'`:
 * the parent sends `toPageQuery(query)` and passes `total`). Columns say once how to read a plain value from a
 * row; that value is what is searched, filtered, sorted and exported, while `render` decides what is shown.
 */
import { Button, Flex, Input, Table, type TableProps } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/context.ts';
import { csvFileName, downloadCsv, toCsv } from '../lib/csv.ts';
import { applyQuery, distinctValues, type QueryColumn, type TableQuery } from '../lib/table.ts';
import { useTableQuery } from './useTableQuery.ts';

export interface DataColumn<T> extends QueryColumn<T> {
  readonly title: string;
  /** What the cell shows (default: the plain value). */
  readonly render?: (row: T) => ReactNode;
  readonly sortable?: boolean;
  /** A filter menu: 'auto' offers the distinct values of the rows (client mode), or give the options. */
  readonly filter?: 'auto' | readonly { readonly text: string; readonly value: string }[];
  readonly width?: number | string;
  readonly align?: 'left' | 'right' | 'center';
  /** Part of the CSV export (default true). */
  readonly exported?: boolean;
}

interface CommonProps<T> {
  readonly columns: readonly DataColumn<T>[];
  readonly rowKey: (row: T) => string;
  readonly loading?: boolean;
  /** Shown left of the search box. */
  readonly title?: ReactNode;
  /** Extra toolbar content, right of the export button. */
  readonly extra?: ReactNode;
  /** Base name of the CSV file; the export button is shown only when it is set. */
  readonly exportName?: string;
  /** Controlled query (from `useTableQuery`); uncontrolled when absent (client mode only). */
  readonly query?: TableQuery;
  readonly onQueryChange?: (query: TableQuery) => void;
  readonly pageSize?: number;
}

export type DataTableProps<T> = CommonProps<T> &
  (
    | { readonly mode?: 'client'; readonly rows: readonly T[] }
    | {
        readonly mode: 'server';
        /** The current page, as returned by the API. */
        readonly rows: readonly T[];
        readonly total: number;
        /** Export of the whole result (e.g. a server export endpoint); default: the rows of this page. */
        readonly onExport?: (query: TableQuery) => void | Promise<void>;
      }
  );

type AntOnChange<T> = NonNullable<TableProps<T>['onChange']>;

export function DataTable<T extends object>(props: DataTableProps<T>) {
  const { t } = useI18n();
  const internal = useTableQuery(props.pageSize);
  const query = props.query ?? internal.query;
  const setQuery = props.onQueryChange ?? internal.setQuery;
  const [exporting, setExporting] = useState(false);

  const [searchText, setSearchText] = useState(query.q);
  useEffect(() => setSearchText(query.q), [query.q]);

  const { columns, rows } = props;
  const serverTotal = props.mode === 'server' ? props.total : undefined;
  const result = useMemo(
    () =>
      serverTotal === undefined
        ? applyQuery(rows, columns, query)
        : { page: [...rows], matching: [...rows], total: serverTotal },
    [rows, columns, query, serverTotal],
  );

  const antColumns = useMemo<NonNullable<TableProps<T>['columns']>>(
    () =>
      columns.map((c) => ({
        key: c.key,
        dataIndex: c.key,
        title: c.title,
        width: c.width,
        align: c.align,
        render: (_: unknown, row: T) => (c.render ? c.render(row) : (c.value(row) ?? '')),
        sorter: c.sortable === true,
        sortOrder: query.sort === c.key ? (query.order === 'asc' ? 'ascend' : 'descend') : null,
        ...(c.filter === undefined
          ? {}
          : {
              filters: (c.filter === 'auto'
                ? distinctValues(rows, c).map((v) => ({ text: v, value: v }))
                : c.filter
              ).map((o) => ({ text: o.text, value: o.value })),
              filteredValue: [...(query.filters[c.key] ?? [])],
            }),
      })),
    [columns, rows, query],
  );

  const onChange: AntOnChange<T> = (pagination, filters, sorter, extra) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const sortKey = single?.order ? String(single.columnKey ?? '') : '';
    const nextFilters: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(filters)) nextFilters[key] = (values ?? []).map(String);
    setQuery({
      ...query,
      sort: sortKey === '' ? undefined : sortKey,
      order: single?.order === 'descend' ? 'desc' : 'asc',
      filters: nextFilters,
      page: extra.action === 'paginate' ? (pagination.current ?? 1) : 1,
      pageSize: pagination.pageSize ?? query.pageSize,
    });
  };

  const exportCsv = async () => {
    if (props.mode === 'server' && props.onExport) {
      setExporting(true);
      try {
        await props.onExport(query);
      } finally {
        setExporting(false);
      }
      return;
    }
    const cols = columns.filter((c) => c.exported !== false).map((c) => ({ title: c.title, value: c.value }));
    downloadCsv(csvFileName(props.exportName ?? 'export', new Date()), toCsv(result.matching, cols));
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Flex align="center" gap={12}>
          {props.title}
          <Input.Search
            allowClear
            aria-label={t('table.search')}
            placeholder={t('table.searchPlaceholder')}
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            onSearch={(q) => setQuery({ ...query, q, page: 1 })}
            style={{ width: 280 }}
          />
        </Flex>
        <Flex align="center" gap={8}>
          {props.exportName === undefined ? null : (
            <Button onClick={exportCsv} loading={exporting} disabled={result.total === 0}>
              {t('table.export')}
            </Button>
          )}
          {props.extra}
        </Flex>
      </Flex>
      <Table<T>
        size="middle"
        rowKey={props.rowKey}
        loading={props.loading}
        columns={antColumns}
        dataSource={result.page}
        onChange={onChange}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: result.total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('table.total', { total }),
        }}
      />
    </Flex>
  );
}
