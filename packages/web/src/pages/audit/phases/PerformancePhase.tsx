/**
 * Phase 5 of an industry audit, 绩效评估和持续清洁生产 (guideline 7.5; Appendix B 7.2, 7.3, 8): the completion of
 * the audit's targets (`getAuditTargetCompletion`), table 7.2 (options, investment, economic, environmental and
 * resource benefits, CO2) and table 7.3 as in the report with charts (`getAuditPerformance`), and the continuous
 * cleaner-production plan. All figures are the core's.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Card, Col, Flex, List, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../../../api/hooks.ts';
import { type DataColumn, DataTable } from '../../../components/DataTable.tsx';
import { useI18n } from '../../../i18n/context.ts';
import { formatNumber } from '../../../lib/format.ts';
import type { PhaseProps } from '../phaseProps.ts';
import { PlanSection } from './performance/PlanSection.tsx';
import { Table72View } from './performance/Table72View.tsx';

type Completion = NonNullable<ResponseOf<Api['getAuditTargetCompletion']>['completion']>;
type TargetRow = Completion['value']['rows'][number];
const HORIZON_COLOR = { met: 'green', 'not-met': 'orange', worse: 'red', 'not-assessed': 'default' } as const;

function Horizon({ h }: { h: TargetRow['near'] | null }) {
  if (!h) return <>—</>;
  return (
    <Flex vertical gap={2}>
      <span>
        <Tag color={HORIZON_COLOR[h.status]}>{h.statusZh}</Tag>
        {h.completion_percent === null ? null : `${formatNumber(h.completion_percent, 1)}%`}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatNumber(h.target, 3)}
      </Typography.Text>
    </Flex>
  );
}

function TargetsCard({ auditId }: { auditId: string }) {
  const { t } = useI18n();
  const { data, error, loading } = useApi('getAuditTargetCompletion', { params: { id: auditId } });
  const columns = useMemo<DataColumn<TargetRow>[]>(
    () => [
      { key: 'type', title: t('workspace.target.type'), value: (r) => r.typeZh, filter: 'auto', width: 120 },
      { key: 'indicator', title: t('workspace.target.indicator'), value: (r) => r.indicator, width: 170 },
      { key: 'unit', title: t('workspace.target.unit'), value: (r) => r.unit, width: 80 },
      {
        key: 'baseline',
        title: t('workspace.target.baseline'),
        value: (r) => r.baseline,
        render: (r) => formatNumber(r.baseline, 3),
        align: 'right',
        width: 100,
      },
      {
        key: 'actual',
        title: t('workspace.target.actual'),
        value: (r) => r.actual,
        render: (r) => formatNumber(r.actual, 3),
        align: 'right',
        width: 100,
      },
      {
        key: 'change',
        title: t('workspace.target.change'),
        value: (r) => r.achievedChange_percent,
        render: (r) =>
          r.achievedChange_percent === null ? '—' : `${formatNumber(r.achievedChange_percent, 1)}%`,
        align: 'right',
        width: 100,
      },
      {
        key: 'near',
        title: t('workspace.target.near'),
        value: (r) => r.near.statusZh,
        render: (r) => <Horizon h={r.near} />,
        filter: 'auto',
        width: 130,
      },
      {
        key: 'long',
        title: t('workspace.target.long'),
        value: (r) => r.long?.statusZh ?? '',
        render: (r) => <Horizon h={r.long} />,
        width: 130,
      },
      { key: 'text', title: t('workspace.target.completion'), value: (r) => r.completionText },
    ],
    [t],
  );
  return (
    <Card title={t('workspace.perf.targets')}>
      {error ? (
        <Alert type="error" showIcon title={t('workspace.common.loadFailed', { message: error.message })} />
      ) : (
        <Flex vertical gap={12}>
          {data?.completion ? (
            <Typography.Paragraph style={{ margin: 0 }}>
              {data.completion.value.overview}
            </Typography.Paragraph>
          ) : null}
          <DataTable<TargetRow>
            columns={columns}
            rows={data?.completion?.value.rows ?? []}
            rowKey={(r) => r.id}
            loading={loading}
            exportName="targets"
          />
          {data && data.skipped.length > 0 ? (
            <Alert
              type="info"
              showIcon
              title={t('workspace.target.skipped')}
              description={
                <List
                  size="small"
                  dataSource={data.skipped}
                  renderItem={(s) => (
                    <List.Item>
                      {s.indicator}：{s.reason}
                    </List.Item>
                  )}
                />
              }
            />
          ) : null}
        </Flex>
      )}
    </Card>
  );
}

export default function PerformancePhase({ audit, canEdit }: PhaseProps) {
  const { t } = useI18n();
  const { data, error } = useApi('getAuditPerformance', { params: { id: audit.id } });
  const cell = (list: readonly { key: string; value: number }[] | undefined, key: string) =>
    list?.find((c) => c.key === key)?.value;
  const table = data?.table72;
  return (
    <Flex vertical gap={16}>
      {error ? (
        <Alert type="error" showIcon title={t('workspace.common.loadFailed', { message: error.message })} />
      ) : null}
      {!table && !error ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {table ? (
        <Row gutter={16}>
          {[
            {
              key: 'count',
              title: t('workspace.perf.kpi.implemented'),
              value: formatNumber(
                (table.optionCount['no-low-implemented'] ?? 0) +
                  (table.optionCount['mid-high-implemented'] ?? 0),
                0,
              ),
              unit: t('workspace.perf.unit.items'),
            },
            {
              key: 'investment',
              title: t('workspace.perf.kpi.investment'),
              value: formatNumber(
                (table.investment_wanYuan['no-low-implemented'] ?? 0) +
                  (table.investment_wanYuan['mid-high-implemented'] ?? 0),
              ),
              unit: '万元',
            },
            {
              key: 'benefit',
              title: t('workspace.perf.kpi.benefit'),
              value: formatNumber(
                (table.economicBenefit_wanYuanPerYear['no-low-implemented'] ?? 0) +
                  (table.economicBenefit_wanYuanPerYear['mid-high-implemented'] ?? 0),
              ),
              unit: '万元/a',
            },
            {
              key: 'co2',
              title: t('workspace.perf.kpi.co2'),
              value: formatNumber(cell(table.environmentalBenefits, 'co2')),
              unit: 'tCO₂/a',
            },
            {
              key: 'energy',
              title: t('workspace.perf.kpi.energy'),
              value: formatNumber(cell(table.resourceEnergySavings, 'comprehensive-energy')),
              unit: 'tce/a',
            },
            {
              key: 'water',
              title: t('workspace.perf.kpi.water'),
              value: formatNumber(cell(table.resourceEnergySavings, 'water'), 0),
              unit: 't/a',
            },
          ].map((k) => (
            <Col key={k.key} xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic
                  title={k.title}
                  value={k.value}
                  suffix={k.unit}
                  styles={{ content: { fontSize: 20 } }}
                />
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}
      <TargetsCard auditId={audit.id} />
      {data ? (
        <>
          <Card title={t('workspace.perf.table72')}>
            <Table72View table={data.table72} />
            {data.notes.length > 0 ? (
              <Alert
                style={{ marginTop: 12 }}
                type="info"
                showIcon
                title={t('workspace.perf.notes')}
                description={data.notes.join('；')}
              />
            ) : null}
          </Card>
          <Card title={t('workspace.perf.table73')}>
            <Table
              size="small"
              bordered
              pagination={false}
              rowKey="type"
              dataSource={data.table73.rows}
              aria-label={t('workspace.perf.table73')}
              columns={[
                { key: 'label', title: t('workspace.target.type'), dataIndex: 'label', width: 160 },
                { key: 'target', title: t('workspace.perf.cpTarget'), dataIndex: 'target' },
                { key: 'completion', title: t('workspace.target.completion'), dataIndex: 'completion' },
              ]}
            />
          </Card>
        </>
      ) : null}
      <Card title={t('workspace.plan.title')}>
        <PlanSection auditId={audit.id} canEdit={canEdit} />
      </Card>
    </Flex>
  );
}
