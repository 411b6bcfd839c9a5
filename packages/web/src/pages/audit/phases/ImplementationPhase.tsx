/**
 * Phase 4 of an industry audit, 方案的实施 (guideline 7.4; Appendix B 7.1, 9.1): the options decided for
 * implementation and how far each is, with, per option, its status moves, expected vs actual benefits
 * (`setOptionBenefits`) and its evidence (photos before/after side by side, documents with download).
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Flex,
  Progress,
  Row,
  Skeleton,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../../api/hooks.ts';
import { type DataColumn, DataTable } from '../../../components/DataTable.tsx';
import { costClassKey, optionStatusKey } from '../../../components/options/labels.ts';
import { OptionBenefits } from '../../../components/options/OptionBenefits.tsx';
import { OptionEvidence } from '../../../components/options/OptionEvidence.tsx';
import { OptionProgress } from '../../../components/options/OptionProgress.tsx';
import { OptionStatusActions } from '../../../components/options/OptionStatusActions.tsx';
import { StatusTag } from '../../../components/options/StatusTag.tsx';
import type { OptionDetail } from '../../../components/options/transition.ts';
import { useI18n } from '../../../i18n/context.ts';
import { formatDate, formatNumber, formatQuantity } from '../../../lib/format.ts';
import type { PhaseProps } from '../phaseProps.ts';

type Option = ResponseOf<Api['listAuditOptions']>['items'][number];
const IN_IMPLEMENTATION: readonly Option['status'][] = [
  'feasible',
  'implementing',
  'implemented',
  'verified',
];

function ImplementationPanel(props: { optionId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const { data, error, reload } = useApi('getOption', { params: { id: props.optionId } });
  const [option, setOption] = useState<OptionDetail>();
  useEffect(() => setOption(data), [data]);
  if (error)
    return (
      <Alert type="error" showIcon title={t('workspace.common.loadFailed', { message: error.message })} />
    );
  if (!option) return <Skeleton active paragraph={{ rows: 8 }} />;
  const can = new Set(option.can);
  const changed = (o: OptionDetail) => {
    setOption(o);
    props.onChanged();
  };
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={8}>
        <Space>
          <StatusTag status={option.status} />
          <Link to={`/options/${option.id}`}>{t('workspace.impl.openOption')}</Link>
        </Space>
        <OptionStatusActions option={option} onMoved={changed} />
      </Flex>
      <Descriptions size="small" bordered column={3}>
        <Descriptions.Item label={t('workspace.col.enterprise')}>
          {option.enterpriseName ?? t('workspace.level.industry')}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.option.responsible')}>
          {option.responsibleUnit ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.col.costClass')}>
          {t(costClassKey(option.costClassEffective))}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.option.planned')}>
          {formatDate(option.plannedStart)} ~ {formatDate(option.plannedFinish)}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.option.implementedOn')}>
          {formatDate(option.implementedOn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.option.verifiedOn')}>
          {formatDate(option.verifiedOn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.col.investmentPlanned')}>
          {formatQuantity(option.investmentPlanned_wanYuan, '万元')}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.col.investmentActual')}>
          {formatQuantity(option.investmentActual_wanYuan, '万元')}
        </Descriptions.Item>
        <Descriptions.Item label={t('workspace.col.benefitActual')}>
          {formatQuantity(option.economicBenefitActual_wanYuanPerYear, '万元/a')}
        </Descriptions.Item>
      </Descriptions>
      {can.has('implement') || can.has('manage') ? (
        <Card size="small" title={t('workspace.progress.title')}>
          <OptionProgress option={option} onSaved={changed} />
        </Card>
      ) : null}
      <Card size="small" title={t('workspace.benefits.title')}>
        <OptionBenefits
          option={option}
          editable={can.has('implement') || can.has('manage') ? ['actual'] : []}
          onSaved={changed}
        />
      </Card>
      <Card size="small" title={t('workspace.evidence.section', { count: option.evidenceCount })}>
        <OptionEvidence optionId={option.id} canUpload={can.has('uploadEvidence')} onChange={reload} />
      </Card>
    </Flex>
  );
}

export default function ImplementationPhase({ audit }: PhaseProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Option | null>(null);
  const { data, error, loading, reload } = useApi('listAuditOptions', {
    params: { id: audit.id },
    query: { limit: 500, status: IN_IMPLEMENTATION.join(','), sort: 'sortOrder' },
  });
  const rows = data?.items ?? [];
  const columns = useMemo<DataColumn<Option>[]>(
    () => [
      { key: 'code', title: t('workspace.col.code'), value: (o) => o.code ?? '', sortable: true, width: 90 },
      {
        key: 'name',
        title: t('workspace.col.name'),
        value: (o) => o.name,
        render: (o) => (
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => setOpen(o)}
          >
            {o.name}
          </Button>
        ),
        sortable: true,
      },
      {
        key: 'enterprise',
        title: t('workspace.col.enterprise'),
        value: (o) => o.enterpriseName ?? t('workspace.level.industry'),
        filter: 'auto',
        width: 200,
      },
      {
        key: 'status',
        title: t('workspace.col.status'),
        value: (o) => t(optionStatusKey(o.status)),
        render: (o) => <StatusTag status={o.status} />,
        filter: IN_IMPLEMENTATION.map((s) => ({ text: t(optionStatusKey(s)), value: t(optionStatusKey(s)) })),
        width: 100,
      },
      {
        key: 'finish',
        title: t('workspace.impl.plannedFinish'),
        value: (o) => o.plannedFinish ?? '',
        render: (o) => formatDate(o.plannedFinish),
        sortable: true,
        width: 110,
      },
      {
        key: 'implementedOn',
        title: t('workspace.option.implementedOn'),
        value: (o) => o.implementedOn ?? '',
        render: (o) => formatDate(o.implementedOn),
        sortable: true,
        width: 110,
      },
      {
        key: 'invest',
        title: t('workspace.impl.investment'),
        value: (o) => o.investmentActual_wanYuan ?? o.investmentPlanned_wanYuan,
        render: (o) =>
          `${formatNumber(o.investmentActual_wanYuan)} / ${formatNumber(o.investmentPlanned_wanYuan)}`,
        align: 'right',
        width: 150,
      },
      {
        key: 'benefit',
        title: t('workspace.impl.benefit'),
        value: (o) => o.economicBenefitActual_wanYuanPerYear,
        render: (o) =>
          `${formatNumber(o.economicBenefitActual_wanYuanPerYear)} / ${formatNumber(o.economicBenefitExpected_wanYuanPerYear)}`,
        align: 'right',
        width: 150,
      },
    ],
    [t],
  );
  if (error)
    return (
      <Alert type="error" showIcon title={t('workspace.common.loadFailed', { message: error.message })} />
    );
  const count = (s: Option['status']) => rows.filter((o) => o.status === s).length;
  const done = count('implemented') + count('verified');
  return (
    <Flex vertical gap={16}>
      <Row gutter={16}>
        {(['feasible', 'implementing', 'implemented', 'verified'] as const).map((s) => (
          <Col key={s} xs={12} md={4}>
            <Card size="small">
              <Statistic title={t(optionStatusKey(s))} value={count(s)} />
            </Card>
          </Col>
        ))}
        <Col xs={24} md={8}>
          <Card size="small">
            <Typography.Text type="secondary">{t('workspace.impl.progress')}</Typography.Text>
            <Progress percent={rows.length === 0 ? 0 : Math.round((done / rows.length) * 100)} />
          </Card>
        </Col>
      </Row>
      <DataTable<Option>
        title={<Typography.Text type="secondary">{t('workspace.impl.hint')}</Typography.Text>}
        columns={columns}
        rows={rows}
        rowKey={(o) => o.id}
        loading={loading}
        exportName="implementation"
      />
      <Drawer
        open={open !== null}
        size={1040}
        title={open ? `${open.code ? `${open.code} ` : ''}${open.name}` : ''}
        onClose={() => setOpen(null)}
        destroyOnHidden
      >
        {open ? <ImplementationPanel optionId={open.id} onChanged={reload} /> : null}
      </Drawer>
    </Flex>
  );
}
