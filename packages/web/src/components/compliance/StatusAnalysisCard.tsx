/**
 * 现状分析 of an audit (guideline 7.2.1.3, issue 8), in the workspace's 审核 phase: the compliance of every
 * enterprise with its exceedances and the clause, the 双超/双有/高耗能 counts, the environmental tax, and the
 * industry's potential at levels II and I as charts (by indicator, by enterprise ranked) with the proposed targets,
 * each of which can be turned into an audit target. Every figure comes from `getStatusAnalysis` (the core computes
 * it on the server).
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { errorText, useAction, useApi } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatNumber } from '../../lib/format.ts';
import { Chart, type ChartOption } from '../Chart.tsx';
import { type DataColumn, DataTable } from '../DataTable.tsx';

type Status = ResponseOf<Api['getStatusAnalysis']>;
type EnterpriseRow = Status['enterprises'][number];
type Exceedance = EnterpriseRow['exceedances'][number];
type Level = NonNullable<Status['potential']>['levels'][number];
type Amounts = Level['industry'];
type Target = Level['targets'][number];

type Metric = 'water_m3' | 'energy_tce' | 'co2_t' | 'materials_t' | 'total_wanYuan';
const METRICS: readonly Metric[] = ['water_m3', 'energy_tce', 'co2_t', 'materials_t', 'total_wanYuan'];

function metricOf(a: Amounts, m: Metric): number {
  if (m === 'materials_t') return Object.values(a.materials_t).reduce((x, y) => x + y, 0);
  return a[m];
}

function ExceedanceText({ e }: { e: Exceedance }) {
  const { t } = useI18n();
  return (
    <Typography.Text type="danger" style={{ fontSize: 12 }}>
      {t('compliance.status.exceedanceDetail', {
        point: t(`compliance.point.${e.point}`),
        pointName: e.pointName,
        pollutant: e.pollutantZh,
        measured: formatNumber(e.measured, 3),
        unit: e.unit,
        converted: formatNumber(e.converted, 3),
        limit: e.limit ? formatNumber(e.limit.max, 3) : '—',
        standard: e.standard ?? '—',
        table: e.table ?? '',
        clause: e.clause ?? '',
      })}
    </Typography.Text>
  );
}

function CompliancePart({ data }: { data: Status }) {
  const { t } = useI18n();
  const columns: DataColumn<EnterpriseRow>[] = [
    { key: 'name', title: t('compliance.status.enterprise'), value: (r) => r.name, width: 220 },
    { key: 'checks', title: t('compliance.status.checks'), value: (r) => r.checks, width: 80 },
    {
      key: 'exceedances',
      title: t('compliance.status.exceedances'),
      value: (r) => r.exceedances.length,
      render: (r) =>
        r.error ? (
          <Tag>{t('compliance.status.notChecked')}</Tag>
        ) : r.exceedances.length === 0 ? (
          <Tag color="green">{t('compliance.status.none')}</Tag>
        ) : (
          <Flex vertical gap={2}>
            {r.exceedances.map((e) => (
              <ExceedanceText key={`${e.pointName}|${e.pollutant}|${e.measured}`} e={e} />
            ))}
          </Flex>
        ),
    },
    {
      key: 'conditions',
      title: t('compliance.status.conditions'),
      value: (r) =>
        [r.doubleExceed ? '双超' : '', r.doubleToxic ? '双有' : '', r.highEnergy ? '高耗能' : '']
          .filter(Boolean)
          .join(' '),
      render: (r) => (
        <Space size={4} wrap>
          {r.doubleExceed ? <Tag color="red">双超</Tag> : null}
          {r.quotaExceeded ? <Tag color="volcano">{t('compliance.status.quotaExceeded')}</Tag> : null}
          {r.doubleToxic ? <Tag color="purple">双有</Tag> : null}
          {r.highEnergy ? <Tag color="orange">高耗能</Tag> : null}
        </Space>
      ),
      width: 180,
    },
    {
      key: 'tax',
      title: t('compliance.status.tax'),
      value: (r) => r.tax_wanYuan,
      render: (r) => formatNumber(r.tax_wanYuan, 4),
      width: 140,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Row gutter={[16, 16]}>
        {(
          [
            ['compliance.status.enterprises', data.counts.enterprises],
            ['compliance.status.withExceedances', data.counts.withExceedances],
            ['compliance.status.doubleExceed', data.counts.doubleExceed],
            ['compliance.status.doubleToxic', data.counts.doubleToxic],
            ['compliance.status.highEnergy', data.counts.highEnergy],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} md={4}>
            <Statistic title={t(k)} value={v} />
          </Col>
        ))}
        <Col xs={12} md={4}>
          <Statistic
            title={t('compliance.status.taxTotal')}
            value={formatNumber(data.tax.total_wanYuan, 2)}
          />
        </Col>
      </Row>
      {data.tax.rateDocument ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {data.tax.rateDocument}
        </Typography.Text>
      ) : null}
      <DataTable<EnterpriseRow>
        rows={data.enterprises}
        columns={columns}
        rowKey={(r) => r.enterpriseId}
        exportName={`现状分析-${data.year}`}
        pageSize={10}
      />
    </Flex>
  );
}

function targetBody(target: Target) {
  const type = target.unit === 'tCO2' ? ('ghg_reduction' as const) : ('resource_efficiency' as const);
  return {
    type,
    indicator: target.item.slice(0, 200),
    measure: 'absolute' as const,
    unit: target.unit,
    baselineValue: target.current ?? 0,
    nearTermValue: Math.max(0, (target.current ?? 0) - target.reduction),
    scope: 'industry' as const,
  };
}

function PotentialPart({
  auditId,
  data,
  canEdit,
  onTargetCreated,
}: {
  auditId: string;
  data: Status;
  canEdit: boolean;
  onTargetCreated?: (() => void) | undefined;
}) {
  const { t } = useI18n();
  const run = useAction();
  const potential = data.potential;
  const [level, setLevel] = useState<'II' | 'I'>('II');
  const current = potential?.levels.find((l) => l.level === level) ?? potential?.levels[0];
  const firstMetric = useMemo<Metric>(() => {
    if (!current) return 'water_m3';
    return METRICS.find((m) => metricOf(current.industry, m) > 0) ?? 'water_m3';
  }, [current]);
  const [metric, setMetric] = useState<Metric | null>(null);
  const shown = metric ?? firstMetric;
  if (!potential || !current) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('compliance.potential.none', { note: data.potentialNote ?? '' })}
      />
    );
  }
  const byIndicator = [...current.byIndicator].sort((a, b) => a.rank - b.rank);
  const indicatorOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 160, right: 40, top: 20, bottom: 30 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: byIndicator.map((i) => `${i.name}（${i.saved.unit}）`) },
    series: [
      {
        type: 'bar',
        name: t('compliance.potential.saved'),
        data: byIndicator.map((i) => Number(i.saved.value.toFixed(3))),
        label: { show: true, position: 'right' },
      },
    ],
  };
  const ranked = current.byEnterprise
    .map((e) => ({ name: e.name, v: metricOf(e.amounts, shown) }))
    .filter((e) => e.v > 0)
    .sort((a, b) => b.v - a.v)
    .slice(0, 15);
  const enterpriseOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 220, right: 40, top: 20, bottom: 30 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: ranked.map((e) => e.name) },
    series: [
      {
        type: 'bar',
        name: shown,
        data: ranked.map((e) => Number(e.v.toFixed(3))),
        itemStyle: { color: '#389e0d' },
      },
    ],
  };
  const metricLabel = (m: Metric) =>
    ({
      water_m3: t('compliance.potential.water'),
      energy_tce: t('compliance.potential.energy'),
      co2_t: t('compliance.potential.co2'),
      materials_t: t('compliance.potential.materials'),
      total_wanYuan: t('compliance.potential.money'),
    })[m];
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('compliance.potential.level')}</Typography.Text>
        <Segmented<'II' | 'I'>
          value={level}
          onChange={setLevel}
          options={[
            { value: 'II', label: t('compliance.potential.levelII') },
            { value: 'I', label: t('compliance.potential.levelI') },
          ]}
        />
        <Typography.Text type="secondary">{potential.systemName}</Typography.Text>
      </Flex>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        {METRICS.map((m) => (
          <Descriptions.Item key={m} label={metricLabel(m)}>
            {metricOf(current.industry, m) === 0 ? '—' : formatNumber(metricOf(current.industry, m), 2)}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {METRICS.some((m) => metricOf(current.industry, m) === 0) ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('compliance.potential.dash')}
        </Typography.Text>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('compliance.potential.chartIndicator')}</Typography.Title>
          <Chart
            option={indicatorOption}
            ariaLabel={t('compliance.potential.chartIndicator')}
            height={Math.max(200, 40 * byIndicator.length + 60)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('compliance.potential.byEnterprise')}
            </Typography.Title>
            <Select<Metric>
              size="small"
              value={shown}
              onChange={setMetric}
              style={{ minWidth: 180 }}
              options={METRICS.map((m) => ({ value: m, label: metricLabel(m) }))}
              aria-label={t('compliance.potential.byEnterprise')}
            />
          </Flex>
          {ranked.length === 0 ? (
            <Empty />
          ) : (
            <Chart
              option={enterpriseOption}
              ariaLabel={t('compliance.potential.byEnterprise')}
              height={Math.max(200, 26 * ranked.length + 60)}
            />
          )}
        </Col>
      </Row>
      <Typography.Title level={5}>{t('compliance.potential.targets')}</Typography.Title>
      <Table<Target>
        size="small"
        pagination={false}
        rowKey={(r) => r.item}
        dataSource={current.targets}
        columns={[
          { title: t('compliance.potential.item'), dataIndex: 'item' },
          {
            title: t('compliance.potential.current'),
            render: (_, r) => (r.current === null ? '—' : `${formatNumber(r.current, 2)} ${r.unit}`),
          },
          {
            title: t('compliance.potential.reduction'),
            render: (_, r) => `${formatNumber(r.reduction, 2)} ${r.unit}`,
          },
          { title: t('compliance.potential.percent'), render: (_, r) => formatNumber(r.percent, 1) },
          { title: '', dataIndex: 'text' },
          {
            title: '',
            render: (_, r) =>
              canEdit && r.current !== null && r.reduction > 0 ? (
                <Button
                  size="small"
                  onClick={async () => {
                    const created = await run(
                      () =>
                        apiClient.call('createAuditTarget', { params: { id: auditId }, body: targetBody(r) }),
                      t('compliance.potential.targetCreated'),
                    );
                    if (created !== undefined) onTargetCreated?.();
                  }}
                >
                  {t('compliance.potential.createTarget')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Flex>
  );
}

/** Local unit prices (元) sent with the status analysis, turning the potential's savings into 万元/a. */
type Prices = Partial<
  Record<'waterPrice_yuanPerM3' | 'electricityPrice_yuanPerKWh' | 'energyPrice_yuanPerTce', number>
>;

const PRICE_FIELDS = [
  ['waterPrice_yuanPerM3', 'compliance.potential.priceWater'],
  ['electricityPrice_yuanPerKWh', 'compliance.potential.priceElectricity'],
  ['energyPrice_yuanPerTce', 'compliance.potential.priceEnergy'],
] as const;

function PriceInputs({ prices, onChange }: { prices: Prices; onChange: (p: Prices) => void }) {
  const { t } = useI18n();
  const apply = (key: keyof Prices, text: string) => {
    const v = text.trim() === '' ? undefined : Number(text.replace(/,/g, ''));
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) return;
    if (v === prices[key]) return;
    const next = { ...prices };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">{t('compliance.potential.prices')}</Typography.Text>
      {PRICE_FIELDS.map(([key, label]) => (
        <InputNumber<number>
          key={key}
          size="small"
          min={0}
          style={{ width: 200 }}
          prefix={t(label)}
          aria-label={t(label)}
          defaultValue={prices[key]}
          // Applied when the field is left or Enter is pressed, not on every keystroke (one request per price).
          onBlur={(e) => apply(key, e.target.value)}
          onPressEnter={(e) => apply(key, (e.target as HTMLInputElement).value)}
        />
      ))}
    </Flex>
  );
}

export function StatusAnalysisCard({
  auditId,
  canEdit,
  onTargetCreated,
}: {
  auditId: string;
  canEdit: boolean;
  /** Called after a proposed target was created as an audit target (the page lists targets elsewhere). */
  onTargetCreated?: () => void;
}) {
  const { t } = useI18n();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [prices, setPrices] = useState<Prices>({});
  const state = useApi('getStatusAnalysis', {
    params: { id: auditId },
    query: { ...(year === undefined ? {} : { year }), ...prices },
  });
  const data = state.data;
  const years = data ? [data.year - 2, data.year - 1, data.year, data.year + 1] : [];
  return (
    <Card
      title={t('compliance.status.title')}
      data-testid="status-analysis"
      extra={
        data ? (
          <Space>
            <Typography.Text type="secondary">{t('compliance.status.year')}</Typography.Text>
            <Select<number>
              size="small"
              value={data.year}
              onChange={setYear}
              options={[...new Set(years)].map((y) => ({ value: y, label: String(y) }))}
              aria-label={t('compliance.status.year')}
            />
          </Space>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('compliance.status.intro')}</Typography.Paragraph>
      {state.error ? <Alert type="error" showIcon title={errorText(state.error)} /> : null}
      {data ? (
        <Flex vertical gap={24}>
          <CompliancePart data={data} />
          <div>
            <Typography.Title level={4}>{t('compliance.potential.title')}</Typography.Title>
            <PriceInputs prices={prices} onChange={setPrices} />
            <PotentialPart
              auditId={auditId}
              data={data}
              canEdit={canEdit}
              onTargetCreated={onTargetCreated}
            />
          </div>
        </Flex>
      ) : state.loading ? (
        <Typography.Text type="secondary">…</Typography.Text>
      ) : null}
    </Card>
  );
}
