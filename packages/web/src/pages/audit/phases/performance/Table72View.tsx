/**
 * 附录B 表7.2 绩效评估, laid out as printed: the option block (方案个数, 投资金额, 经济效益 by 已实施无/低费, 中/高费
 * 已实施/待实施, the four implemented types, 总计), 环境效益 in label/value pairs, 其他污染物减排量, 资源能源节约情况 and
 * 节综合能耗; with charts of the same figures. Every figure is the core's (`getAuditPerformance`).
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Card, Col, Flex, Row, Table, Typography } from 'antd';
import { Chart, type ChartOption } from '../../../../components/Chart.tsx';
import { useI18n } from '../../../../i18n/context.ts';
import { formatNumber } from '../../../../lib/format.ts';

type Table72 = ResponseOf<Api['getAuditPerformance']>['table72'];
type Cell = Table72['environmentalBenefits'][number];

/** Label/value pairs, `perRow` to a row, as in the printed table. */
function PairTable(props: {
  cells: readonly { label: string; value: string }[];
  perRow: number;
  ariaLabel: string;
  headers?: [string, string];
}) {
  const rows: { key: number; cells: { label: string; value: string }[] }[] = [];
  for (let i = 0; i < props.cells.length; i += props.perRow) {
    rows.push({ key: i, cells: props.cells.slice(i, i + props.perRow) });
  }
  const columns = Array.from({ length: props.perRow }).flatMap((_, j) => [
    {
      key: `l${j}`,
      title: props.headers?.[0],
      render: (_: unknown, r: (typeof rows)[number]) => r.cells[j]?.label ?? '',
      onCell: () => ({ style: { background: '#fafafa' } }),
    },
    {
      key: `v${j}`,
      title: props.headers?.[1],
      align: 'right' as const,
      render: (_: unknown, r: (typeof rows)[number]) => r.cells[j]?.value ?? '',
    },
  ]);
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      showHeader={props.headers !== undefined}
      dataSource={rows}
      columns={columns}
      aria-label={props.ariaLabel}
    />
  );
}

const cellValue = (c: Cell) => formatNumber(c.value, 3);

export function Table72View({ table }: { table: Table72 }) {
  const { t } = useI18n();
  const col = (key: string) => table.columns.find((c) => c.key === key);
  const money = (v: number | undefined) => formatNumber(v ?? 0, 2);
  const blockRows = [
    {
      key: 'count',
      label: t('workspace.perf.row.count'),
      values: table.optionCount,
      fmt: (v: number | undefined) => formatNumber(v ?? 0, 0),
    },
    {
      key: 'investment',
      label: t('workspace.perf.row.investment'),
      values: table.investment_wanYuan,
      fmt: money,
    },
    {
      key: 'benefit',
      label: t('workspace.perf.row.benefit'),
      values: table.economicBenefit_wanYuanPerYear,
      fmt: money,
    },
  ];
  const valueCol = (key: string) => ({
    key,
    title: col(key)?.label ?? key,
    align: 'right' as const,
    render: (_: unknown, r: (typeof blockRows)[number]) => r.fmt(r.values[key]),
  });
  const grouped = (header: string) =>
    table.columns.filter((c) => c.header === header && c.header !== c.label);
  const headers = [...new Set(table.columns.map((c) => c.header))];
  const blockColumns = [
    { key: 'label', title: t('workspace.perf.row.head'), dataIndex: 'label', width: 160 },
    ...headers.map((h) => {
      const children = grouped(h);
      const only = table.columns.find((c) => c.header === h);
      return children.length > 0
        ? { key: h, title: h, children: children.map((c) => valueCol(c.key)) }
        : valueCol(only?.key ?? h);
    }),
  ];
  const classes = table.columns.filter((c) => c.key !== 'total');
  const barOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 60, top: 40, bottom: 60 },
    xAxis: {
      type: 'category',
      data: classes.map((c) => (c.header === c.label ? c.label : `${c.label}`)),
      axisLabel: { interval: 0, rotate: 20 },
    },
    yAxis: [
      { type: 'value', name: t('workspace.perf.axis.wanYuan') },
      { type: 'value', name: t('workspace.perf.axis.count') },
    ],
    series: [
      {
        type: 'bar',
        name: t('workspace.perf.row.investment'),
        data: classes.map((c) => table.investment_wanYuan[c.key] ?? 0),
      },
      {
        type: 'bar',
        name: t('workspace.perf.row.benefit'),
        data: classes.map((c) => table.economicBenefit_wanYuanPerYear[c.key] ?? 0),
      },
      {
        type: 'line',
        name: t('workspace.perf.row.count'),
        yAxisIndex: 1,
        data: classes.map((c) => table.optionCount[c.key] ?? 0),
      },
    ],
  };
  const env = table.environmentalBenefits.filter((c) => c.value !== 0);
  const envOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 180, right: 90, top: 20, bottom: 30 },
    xAxis: { type: 'value', name: 't/a' },
    yAxis: { type: 'category', data: env.map((c) => c.label) },
    series: [
      {
        type: 'bar',
        name: t('workspace.perf.env'),
        data: env.map((c) => c.value),
        // Quantities span six orders of magnitude: every bar is at least visible and carries its value.
        barMinHeight: 3,
        label: { show: true, position: 'right', formatter: (p) => formatNumber(Number(p.value), 3) },
      },
    ],
  };
  return (
    <Flex vertical gap={16}>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        dataSource={blockRows}
        columns={blockColumns}
        aria-label={t('workspace.perf.table72')}
      />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('workspace.perf.chart.options')}>
            <Chart option={barOption} ariaLabel={t('workspace.perf.chart.options.aria')} height={320} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('workspace.perf.chart.env')}>
            {env.length === 0 ? (
              <Typography.Text type="secondary">{t('workspace.perf.none')}</Typography.Text>
            ) : (
              <Chart option={envOption} ariaLabel={t('workspace.perf.chart.env.aria')} height={320} />
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('workspace.perf.env')}
      </Typography.Title>
      <PairTable
        perRow={2}
        ariaLabel={t('workspace.perf.env')}
        cells={table.environmentalBenefits.map((c) => ({ label: c.label, value: cellValue(c) }))}
      />
      {table.otherPollutants.length > 0 ? (
        <PairTable
          perRow={3}
          ariaLabel={t('workspace.perf.otherPollutants')}
          headers={[t('workspace.perf.pollutant'), t('workspace.perf.reduction')]}
          cells={table.otherPollutants.map((o) => ({
            label: o.name,
            value: `${formatNumber(o.quantity, 3)} ${o.unit}`,
          }))}
        />
      ) : null}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('workspace.perf.resources')}
      </Typography.Title>
      <PairTable
        perRow={3}
        ariaLabel={t('workspace.perf.resources')}
        cells={[
          ...table.resourceEnergySavings.map((c) => ({ label: c.label, value: cellValue(c) })),
          ...table.otherResources.map((o) => ({
            label: `${t('workspace.perf.other')}：${o.name}`,
            value: `${formatNumber(o.quantity, 3)} ${o.unit}`,
          })),
        ]}
      />
      <Typography.Text type="secondary">
        {t('workspace.perf.energyNote', {
          given: formatNumber(table.comprehensiveEnergy.given_tce, 3),
          givenCount: table.comprehensiveEnergy.optionsGiven,
          computed: formatNumber(table.comprehensiveEnergy.computed_tce, 3),
          computedCount: table.comprehensiveEnergy.optionsComputed,
        })}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('workspace.perf.pendingNote', {
          count: table.notInTable.pendingNoLowCost.count,
          investment: formatNumber(table.notInTable.pendingNoLowCost.investment_wanYuan),
          benefit: formatNumber(table.notInTable.pendingNoLowCost.economicBenefit_wanYuanPerYear),
        })}
      </Typography.Text>
    </Flex>
  );
}
