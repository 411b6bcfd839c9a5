/**
 * 因子表 (platform admin): the reference factors the calculations use, each with its source and verification status:
 * grid CO2 emission factors by series, scope, region and data year; standard-coal coefficients (GB/T 2589) by energy
 * carrier, with the net calorific value range and the default used.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Card, Flex, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../../api/hooks.ts';
import { ErrorIssues, PageHeading, SourceStatusTag, SourceText } from '../../components/admin/shared.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/context.ts';

type Grid = ResponseOf<Api['listGridFactors']>;
type GridItem = Grid['items'][number];
type Coal = ResponseOf<Api['listStandardCoalCoefficients']>;
type CoalItem = Coal['coefficients'][number];

function range(r: { min: number; max: number; unit: string } | null): string {
  if (!r) return '';
  return r.min === r.max ? `${r.min} ${r.unit}` : `${r.min}–${r.max} ${r.unit}`;
}

function GridTab() {
  const { t } = useI18n();
  const grid = useApi('listGridFactors', { query: {} });
  const seriesName = useMemo(
    () => new Map((grid.data?.series ?? []).map((s) => [s.id, s.name])),
    [grid.data],
  );
  const columns = useMemo<DataColumn<GridItem>[]>(
    () => [
      {
        key: 'series',
        title: t('admin.factors.series'),
        value: (g) => seriesName.get(g.series) ?? g.series,
        filter: 'auto',
        render: (g) => (
          <Typography.Text
            style={{ maxWidth: 320 }}
            ellipsis={{ tooltip: seriesName.get(g.series) ?? g.series }}
          >
            {seriesName.get(g.series) ?? g.series}
          </Typography.Text>
        ),
      },
      {
        key: 'scope',
        title: t('admin.factors.scope'),
        value: (g) => t(`admin.factors.scope.${g.scope}`),
        filter: 'auto',
      },
      {
        key: 'region',
        title: t('admin.factors.region'),
        value: (g) => g.region,
        filter: 'auto',
        sortable: true,
      },
      {
        key: 'dataYear',
        title: t('admin.factors.dataYear'),
        value: (g) => g.dataYear,
        sortable: true,
        filter: 'auto',
      },
      {
        key: 'value',
        title: t('admin.factors.value'),
        value: (g) => g.value_tCO2PerMWh,
        sortable: true,
        align: 'right',
      },
      {
        key: 'status',
        title: t('admin.common.sourceStatus'),
        value: (g) => t(`admin.source.${g.source.status}`),
        render: (g) => <SourceStatusTag status={g.source.status} note={g.source.note} />,
        filter: 'auto',
      },
      {
        key: 'source',
        title: t('admin.common.source'),
        value: (g) => [g.source.document, g.source.clause].filter(Boolean).join(' '),
        render: (g) => <SourceText source={g.source} />,
      },
    ],
    [t, seriesName],
  );
  return (
    <Flex vertical gap={12}>
      {grid.error ? <ErrorIssues error={grid.error} /> : null}
      {grid.data ? (
        <Typography.Text type="secondary">
          {t('admin.factors.defaultSeries', {
            name: seriesName.get(grid.data.defaultSeries) ?? grid.data.defaultSeries,
          })}
        </Typography.Text>
      ) : null}
      <DataTable<GridItem>
        rows={grid.data?.items ?? []}
        columns={columns}
        rowKey={(g) => g.id}
        loading={grid.loading}
        exportName={t('admin.factors.grid')}
      />
    </Flex>
  );
}

function CoalTab() {
  const { t } = useI18n();
  const coal = useApi('listStandardCoalCoefficients', { query: {} });
  const carriers = useMemo(() => new Map((coal.data?.carriers ?? []).map((c) => [c.id, c])), [coal.data]);
  const columns = useMemo<DataColumn<CoalItem>[]>(
    () => [
      {
        key: 'carrier',
        title: t('admin.factors.carrier'),
        value: (c) => carriers.get(c.carrier)?.name ?? c.carrier,
        filter: 'auto',
        sortable: true,
      },
      { key: 'name', title: t('admin.factors.coefName'), value: (c) => c.name },
      { key: 'table', title: t('admin.factors.table'), value: (c) => c.table, filter: 'auto' },
      {
        key: 'basis',
        title: t('admin.factors.basis'),
        value: (c) => t(`admin.factors.basis.${c.basis}`),
        filter: 'auto',
      },
      { key: 'ncv', title: t('admin.factors.ncv'), value: (c) => range(c.ncv) },
      {
        key: 'coef',
        title: t('admin.factors.coefficient'),
        value: (c) => range(c.coefficient),
      },
      {
        key: 'default',
        title: t('admin.factors.default'),
        value: (c) => `${c.coefficient.default} ${c.coefficient.unit}`,
        render: (c) => (
          <span>
            {c.coefficient.default} {c.coefficient.unit}
            {carriers.get(c.carrier)?.defaultCoefficientId === c.id ? (
              <Typography.Text type="success"> ✓ {t('admin.factors.isDefault')}</Typography.Text>
            ) : null}
          </span>
        ),
      },
      {
        key: 'status',
        title: t('admin.common.sourceStatus'),
        value: (c) => t(`admin.source.${c.source.status}`),
        render: (c) => <SourceStatusTag status={c.source.status} note={c.source.note} />,
        filter: 'auto',
      },
      {
        key: 'source',
        title: t('admin.common.source'),
        value: (c) => [c.source.document, c.source.clause].filter(Boolean).join(' '),
        render: (c) => <SourceText source={c.source} />,
      },
    ],
    [t, carriers],
  );
  return (
    <Flex vertical gap={12}>
      {coal.error ? <ErrorIssues error={coal.error} /> : null}
      <DataTable<CoalItem>
        rows={coal.data?.coefficients ?? []}
        columns={columns}
        rowKey={(c) => c.id}
        loading={coal.loading}
        exportName={t('admin.factors.coal')}
      />
    </Flex>
  );
}

export default function FactorsPage() {
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('admin.factors.title')} description={t('admin.factors.intro')} />
      <Card>
        <Tabs
          items={[
            { key: 'grid', label: t('admin.factors.grid'), children: <GridTab /> },
            { key: 'coal', label: t('admin.factors.coal'), children: <CoalTab /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
