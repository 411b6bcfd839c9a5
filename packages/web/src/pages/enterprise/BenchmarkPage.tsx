/**
 * `/my/benchmark` — the enterprise against its industry's cleaner-production indicator system: its evaluations
 * (grade, composite indices Y_Ⅰ/Y_Ⅱ/Y_Ⅲ, each indicator's level and gap to the next level, computed by the core on
 * the server), a new evaluation from a year's annual data, and per indicator its position among anonymised peers
 * of the industry (`benchmarkIndicator`): its rank, the peers' distribution (level counts, quantiles, a histogram
 * coloured by level Ⅰ/Ⅱ/Ⅲ) computed by the server over all peers, and the peer list paged and sorted by the server.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { errorText, useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { EnterprisePage } from '../../components/enterprise/common.tsx';
import { useEnterpriseScope } from '../../components/enterprise/EnterpriseScope.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';

type Evaluation = ResponseOf<Api['listEvaluations']>['items'][number];
type EvaluationIndicator = ResponseOf<Api['getEvaluation']>['indicators'][number];
type Benchmark = ResponseOf<Api['benchmarkIndicator']>;
type BenchmarkEntry = Benchmark['entries'][number];

const GRADE_COLORS = {
  I: 'green',
  II: 'blue',
  III: 'orange',
  unrated: 'red',
  none: 'red',
  'not-applicable': 'default',
} as const;
const EVALUATOR_ROLES = ['platform_admin', 'bureau_staff', 'consultant', 'enterprise_user'];
const LINE_COLORS = { I: '#389e0d', II: '#1677ff', III: '#fa8c16' } as const;

function levelText(t: ReturnType<typeof useI18n>['t'], level: string | null): string {
  if (level === null) return '—';
  if (level === 'I' || level === 'II' || level === 'III') return t(`enterprise.level.${level}`);
  if (level === 'none' || level === 'unrated') return t('enterprise.level.none');
  return t('enterprise.bench.notApplicable');
}

function EvaluationDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const detail = useApi('getEvaluation', { params: { id } });
  if (detail.error) return <Alert type="error" showIcon title={errorText(detail.error)} />;
  if (!detail.data) return null;
  const d = detail.data;
  const columns: DataColumn<EvaluationIndicator>[] = [
    { key: 'code', title: t('enterprise.bench.code'), value: (r) => r.code, width: 70 },
    {
      key: 'name',
      title: t('enterprise.bench.indicator'),
      value: (r) => r.name,
      render: (r) => (
        <Space size={4}>
          {r.name}
          {r.limiting ? <Tag color="purple">{t('enterprise.bench.limiting')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'value',
      title: t('enterprise.bench.value'),
      value: (r) => r.value ?? r.valueText ?? '',
      render: (r) =>
        r.value !== null ? `${formatNumber(r.value, 2)} ${r.unit ?? ''}` : (r.valueText ?? '—'),
    },
    {
      key: 'level',
      title: t('enterprise.bench.level'),
      value: (r) => levelText(t, r.applicable ? r.level : 'not-applicable'),
      render: (r) => (
        <Tag color={GRADE_COLORS[r.applicable ? (r.level ?? 'unrated') : 'not-applicable']}>
          {levelText(t, r.applicable ? r.level : 'not-applicable')}
        </Tag>
      ),
      filter: 'auto',
      width: 110,
    },
    { key: 'gap', title: t('enterprise.bench.gap'), value: (r) => r.note ?? '' },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={24} wrap>
        <Statistic title={t('enterprise.bench.grade')} value={d.gradeName ?? levelText(t, d.grade)} />
        <Statistic title="Y_Ⅰ" value={formatNumber(d.Y.I, 2)} />
        <Statistic title="Y_Ⅱ" value={formatNumber(d.Y.II, 2)} />
        <Statistic title="Y_Ⅲ" value={formatNumber(d.Y.III, 2)} />
      </Flex>
      <DataTable<EvaluationIndicator>
        rows={d.indicators}
        rowKey={(r) => r.indicatorId}
        columns={columns}
        exportName={`evaluation-${d.year ?? ''}`}
        pageSize={10}
      />
    </Flex>
  );
}

/** The level a value reaches against numeric level lines (for colouring the histogram; the server rates entries). */
function levelOfValue(data: Benchmark, v: number): 'I' | 'II' | 'III' | 'none' {
  for (const lv of ['I', 'II', 'III'] as const) {
    const b = data.indicator.levels[lv];
    if (typeof b === 'number' && (data.indicator.direction === 'ge' ? v >= b : v <= b)) return lv;
  }
  return 'none';
}

/** The distribution over all peers: the histogram of the summary, each bin coloured by the level of its middle. */
function BenchmarkChart({ data }: { data: Benchmark }) {
  const { t } = useI18n();
  const bins = data.summary.histogram;
  if (bins.length === 0) return <Empty description={t('enterprise.bench.noValues', { year: data.year })} />;
  const unit = data.indicator.unit ?? '';
  const ownValues = data.positions.flatMap((p) => (p.value === null ? [] : [p.value]));
  const holdsOwn = (i: number) => {
    const b = bins[i];
    if (!b) return false;
    const last = i === bins.length - 1;
    return ownValues.some((v) => v >= b.from && (v < b.to || (last && v <= b.to)));
  };
  const colors: Record<string, string> = { ...LINE_COLORS, none: '#ff4d4f' };
  const option: ChartOption = {
    grid: { left: 60, right: 30, top: 30, bottom: 60 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      name: unit,
      data: bins.map((b) => `${formatNumber(b.from, 1)}–${formatNumber(b.to, 1)}`),
      axisLabel: { interval: 0, rotate: 30 },
    },
    animationDuration: 300,
    yAxis: { type: 'value', name: t('enterprise.bench.histCount'), minInterval: 1 },
    series: [
      {
        type: 'bar',
        barCategoryGap: '8%',
        name: t('enterprise.bench.histCount'),
        data: bins.map((b, i) => ({
          value: b.count,
          itemStyle: {
            color: colors[levelOfValue(data, (b.from + b.to) / 2)] ?? '#bfbfbf',
            ...(holdsOwn(i) ? { borderColor: '#cf1322', borderWidth: 3 } : {}),
          },
        })),
      },
    ],
  };
  return (
    <Chart
      option={option}
      height={340}
      ariaLabel={t('enterprise.bench.chartLabel', { name: data.indicator.name, year: data.year })}
    />
  );
}

const PAGE_SIZES = [10, 20, 50, 100];

function PeerBenchmark(props: { systemId: string; year: number | undefined }) {
  const { t } = useI18n();
  const system = useApi('getIndicatorSystem', { params: { id: props.systemId } });
  const indicators = useMemo(
    () =>
      (system.data?.definition.groups ?? []).flatMap((g) =>
        g.indicators.map((i) => ({ id: i.id, name: i.name, group: g.name, kind: i.kind })),
      ),
    [system.data],
  );
  const [chosen, setChosen] = useState<string | undefined>();
  const indicator = chosen ?? indicators.find((i) => i.kind === 'quantitative')?.id;
  // The peer list is paged and sorted by the server; the summary above it is over all peers.
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const [order, setOrder] = useState<{ sort: 'rank' | 'value'; order: 'asc' | 'desc' }>({
    sort: 'rank',
    order: 'asc',
  });
  const bench = useApi(
    'benchmarkIndicator',
    indicator && props.year !== undefined
      ? {
          params: { id: props.systemId },
          query: {
            indicator,
            year: props.year,
            limit: page.pageSize,
            offset: (page.current - 1) * page.pageSize,
            sort: order.sort,
            order: order.order,
          },
        }
      : null,
  );
  const data = bench.data;
  const s = data?.summary;
  const unit = data?.indicator.unit ?? '';
  const stat = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v, 2));
  const columns: TableColumnsType<BenchmarkEntry> = [
    {
      key: 'rank',
      title: t('enterprise.bench.rankCol'),
      width: 80,
      align: 'right',
      render: (_, r) => r.rank ?? '—',
    },
    {
      key: 'label',
      title: t('enterprise.bench.enterprise'),
      render: (_, r) => (r.own ? <Typography.Text strong>{r.label}</Typography.Text> : r.label),
    },
    {
      key: 'value',
      title: t('enterprise.bench.value'),
      align: 'right',
      sorter: true,
      sortOrder: order.sort === 'value' ? (order.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (_, r) => formatNumber(r.value, 2),
    },
    {
      key: 'level',
      title: t('enterprise.bench.level'),
      render: (_, r) => <Tag color={GRADE_COLORS[r.level]}>{levelText(t, r.level)}</Tag>,
    },
    {
      key: 'status',
      title: t('enterprise.bench.dataStatus'),
      render: (_, r) => t(`enterprise.annualStatus.${r.dataStatus}`),
    },
  ];
  return (
    <Card title={t('enterprise.bench.peers')}>
      <Flex vertical gap={12}>
        <Space wrap>
          <Select
            aria-label={t('enterprise.bench.indicator')}
            style={{ width: 420 }}
            value={indicator}
            onChange={(v: string) => {
              setChosen(v);
              setPage((p) => ({ ...p, current: 1 }));
            }}
            showSearch={{ optionFilterProp: 'label' }}
            options={indicators.map((i) => ({ value: i.id, label: `${i.name}（${i.group}）` }))}
          />
          {data?.anonymised ? <Tag>{t('enterprise.bench.anonymised')}</Tag> : null}
        </Space>
        {bench.error ? <Alert type="error" showIcon title={errorText(bench.error)} /> : null}
        {data && s ? (
          <>
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, md: 3 }}
              items={[
                {
                  key: 'own',
                  label: t('enterprise.bench.ownValue', { year: data.year }),
                  children: (
                    <span data-testid="own-position">
                      {data.positions.length === 0
                        ? t('enterprise.bench.noOwnValue')
                        : data.positions.map((o) => (
                            <Space key={o.label} size={6}>
                              {o.value === null ? '—' : `${formatNumber(o.value, 2)} ${unit}`}
                              <Tag color={GRADE_COLORS[o.level]}>{levelText(t, o.level)}</Tag>
                              {o.rank !== null ? (
                                <Typography.Text type="secondary">
                                  {t('enterprise.bench.rank', { rank: o.rank, n: s.ranked })}
                                </Typography.Text>
                              ) : null}
                            </Space>
                          ))}
                    </span>
                  ),
                },
                {
                  key: 'levels',
                  label: t('enterprise.bench.levels'),
                  children: (['I', 'II', 'III'] as const)
                    .map((lv) => {
                      const v = data.indicator.levels[lv];
                      return `${levelText(t, lv)} ${v === null || v === undefined ? '—' : v}`;
                    })
                    .join('；'),
                },
                {
                  key: 'counts',
                  label: t('enterprise.bench.counts'),
                  children: t('enterprise.bench.countsText', {
                    I: data.counts.I,
                    II: data.counts.II,
                    III: data.counts.III,
                    none: data.counts.none,
                  }),
                },
                ...(data.indicator.kind === 'quantitative'
                  ? [
                      {
                        key: 'stats',
                        label: t('enterprise.bench.stats', { n: s.values }),
                        span: 3,
                        children: (
                          <span data-testid="peer-stats">
                            {t('enterprise.bench.statsText', {
                              min: stat(s.min),
                              p25: stat(s.quantiles.p25),
                              p50: stat(s.quantiles.p50),
                              p75: stat(s.quantiles.p75),
                              max: stat(s.max),
                              mean: stat(s.mean),
                              unit,
                            })}
                          </span>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {data.indicator.kind === 'quantitative' ? <BenchmarkChart data={data} /> : null}
            <Table<BenchmarkEntry>
              size="middle"
              rowKey={(r) => `${r.label}-${r.enterpriseId ?? ''}`}
              loading={bench.loading}
              columns={columns}
              dataSource={data.entries}
              scroll={{ x: 'max-content' }}
              onChange={(pagination, _filters, sorter) => {
                const one = Array.isArray(sorter) ? sorter[0] : sorter;
                const next =
                  one?.columnKey === 'value' && one.order
                    ? {
                        sort: 'value' as const,
                        order: one.order === 'ascend' ? ('asc' as const) : ('desc' as const),
                      }
                    : { sort: 'rank' as const, order: 'asc' as const };
                const resorted = next.sort !== order.sort || next.order !== order.order;
                setOrder(next);
                setPage({
                  current: resorted ? 1 : (pagination.current ?? 1),
                  pageSize: pagination.pageSize ?? page.pageSize,
                });
              }}
              pagination={{
                current: page.current,
                pageSize: page.pageSize,
                total: data.total,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES,
                showTotal: (total) => t('table.total', { total }),
              }}
            />
          </>
        ) : null}
      </Flex>
    </Card>
  );
}

export default function BenchmarkPage() {
  const { t } = useI18n();
  const scope = useEnterpriseScope();
  const enterpriseId = scope.enterpriseId;
  const years = useApi('listAnnualYears', enterpriseId ? { params: { enterpriseId } } : null);
  return (
    <EnterprisePage
      title={t('enterprise.bench.title')}
      description={t('enterprise.bench.intro')}
      scope={scope}
      error={years.error}
      loading={!years.data}
    >
      {enterpriseId && years.data ? (
        <BenchmarkBody
          key={enterpriseId}
          enterpriseId={enterpriseId}
          industryCode={scope.enterprise?.industryCode}
          years={years.data.items.map((y) => y.year)}
        />
      ) : null}
    </EnterprisePage>
  );
}

function BenchmarkBody(props: {
  enterpriseId: string;
  industryCode: string | undefined;
  years: readonly number[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const mayEvaluate = me.roles.some((r) => EVALUATOR_ROLES.includes(r.role));
  const { enterpriseId } = props;
  const industry = props.industryCode?.replace(/^[A-Z]/, '').slice(0, 4);
  const systems = useApi('listIndicatorSystems', industry ? { query: { industry } } : null);
  const [systemChoice, setSystemChoice] = useState<string | undefined>();
  const [yearChoice, setYearChoice] = useState<number | undefined>();
  const systemId = systemChoice ?? systems.data?.items[0]?.id;
  const yearList = [...props.years].sort((a, b) => b - a);
  const year = yearChoice ?? yearList[0];
  const evaluations = useApi('listEvaluations', {
    query: { enterpriseId, sort: 'evaluatedAt', order: 'desc', limit: 100 },
  });
  const [selected, setSelected] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const shownEvaluation = selected ?? evaluations.data?.items[0]?.id;

  const evaluate = async () => {
    if (!systemId || year === undefined) return;
    setBusy(true);
    try {
      const r = await apiClient.call('evaluateEnterpriseYear', {
        body: { enterpriseId, year, systemId, basis: 'annual' },
      });
      void message.success(t('enterprise.bench.evaluated'));
      setSelected(r.id);
      evaluations.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Space wrap>
        <Select
          aria-label={t('enterprise.bench.system')}
          style={{ width: 420 }}
          value={systemId}
          onChange={(v: string) => setSystemChoice(v)}
          options={(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          notFoundContent={t('enterprise.bench.noSystem')}
        />
        <Select
          aria-label={t('enterprise.bench.year')}
          style={{ width: 120 }}
          value={year}
          onChange={(v: number) => setYearChoice(v)}
          options={yearList.map((y) => ({ value: y, label: t('enterprise.annual.yearTab', { year: y }) }))}
        />
        {mayEvaluate ? (
          <Button type="primary" onClick={evaluate} loading={busy} disabled={!systemId || year === undefined}>
            {t('enterprise.bench.evaluate', { year: year ?? '' })}
          </Button>
        ) : null}
      </Space>
      {systems.data && systems.data.items.length === 0 ? (
        <Alert type="info" showIcon title={t('enterprise.bench.noSystem')} />
      ) : null}
      <Card title={t('enterprise.bench.evaluations')}>
        <Flex vertical gap={12}>
          <Table<Evaluation>
            size="small"
            rowKey={(r) => r.id}
            dataSource={evaluations.data?.items ?? []}
            pagination={false}
            rowSelection={{
              type: 'radio',
              selectedRowKeys: shownEvaluation ? [shownEvaluation] : [],
              onChange: (keys) => setSelected(String(keys[0])),
            }}
            locale={{ emptyText: t('enterprise.bench.noEvaluations') }}
            columns={[
              { key: 'year', title: t('enterprise.bench.year'), render: (_, r) => r.year ?? '—' },
              { key: 'system', title: t('enterprise.bench.system'), render: (_, r) => r.systemName },
              {
                key: 'basis',
                title: t('enterprise.bench.basis'),
                render: (_, r) => t(`enterprise.basis.${r.basis}`),
              },
              {
                key: 'grade',
                title: t('enterprise.bench.grade'),
                render: (_, r) => (
                  <Tag color={GRADE_COLORS[r.grade ?? 'unrated']}>{levelText(t, r.grade)}</Tag>
                ),
              },
              { key: 'y1', title: 'Y_Ⅰ', align: 'right', render: (_, r) => formatNumber(r.Y.I, 2) },
              { key: 'y2', title: 'Y_Ⅱ', align: 'right', render: (_, r) => formatNumber(r.Y.II, 2) },
              { key: 'y3', title: 'Y_Ⅲ', align: 'right', render: (_, r) => formatNumber(r.Y.III, 2) },
              {
                key: 'at',
                title: t('enterprise.bench.evaluatedAt'),
                render: (_, r) => formatDate(r.evaluatedAt),
              },
            ]}
          />
          {shownEvaluation ? <EvaluationDetail key={shownEvaluation} id={shownEvaluation} /> : null}
        </Flex>
      </Card>
      {evaluations.error ? <Alert type="error" showIcon title={errorText(evaluations.error)} /> : null}
      {systemId ? <PeerBenchmark systemId={systemId} year={year} /> : null}
    </Flex>
  );
}
