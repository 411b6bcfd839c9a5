/**
 * Phase 3 of an industry audit, 方案的产生与筛选 (guideline 7.3; Appendix B 5–6): the diagnosed problems (common and
 * individual) and the options that answer them, the option list with creation, the weighted-sum screening, the
 * economics of 中/高费 options (as you type, from the core) and the option board by status.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Button, Flex, Space, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../../api/hooks.ts';
import { type DataColumn, DataTable } from '../../../components/DataTable.tsx';
import {
  costClassKey,
  optionLevelKey,
  optionStatusKey,
  optionTypeKey,
  STATUSES,
} from '../../../components/options/labels.ts';
import { StatusTag } from '../../../components/options/StatusTag.tsx';
import { useI18n } from '../../../i18n/context.ts';
import { formatNumber } from '../../../lib/format.ts';
import type { PhaseProps } from '../phaseProps.ts';
import { EconomicsDrawer } from './options/EconomicsDrawer.tsx';
import { OptionBoard } from './options/OptionBoard.tsx';
import { OptionCreateModal } from './options/OptionCreateModal.tsx';
import { ProblemsSection } from './options/ProblemsSection.tsx';
import { SCREENABLE, ScreeningModal } from './options/ScreeningModal.tsx';

type Option = ResponseOf<Api['listAuditOptions']>['items'][number];
type Tab = 'options' | 'board' | 'problems';

export default function OptionsPhase({ audit, canEdit }: PhaseProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [tab, setTab] = useState<Tab>('options');
  const [creating, setCreating] = useState(false);
  const [screening, setScreening] = useState(false);
  const [economicsOf, setEconomicsOf] = useState<string | null>(null);
  const options = useApi('listAuditOptions', {
    params: { id: audit.id },
    query: { limit: 500, sort: 'sortOrder' },
  });
  const problems = useApi('listAuditProblems', { params: { id: audit.id }, query: { limit: 500 } });
  const rows = options.data?.items ?? [];
  const reloadOptions = options.reload;

  const columns = useMemo<DataColumn<Option>[]>(
    () => [
      { key: 'code', title: t('workspace.col.code'), value: (o) => o.code ?? '', sortable: true, width: 80 },
      {
        key: 'name',
        title: t('workspace.col.name'),
        value: (o) => o.name,
        render: (o) => <Link to={`/options/${o.id}`}>{o.name}</Link>,
        sortable: true,
      },
      {
        key: 'type',
        title: t('workspace.col.type'),
        value: (o) => (o.optionType ? t(optionTypeKey(o.optionType)) : ''),
        filter: 'auto',
        width: 116,
      },
      {
        key: 'level',
        title: t('workspace.col.level'),
        value: (o) => t(optionLevelKey(o.level)),
        filter: 'auto',
        width: 88,
      },
      {
        key: 'cost',
        title: t('workspace.col.costClass'),
        value: (o) => t(costClassKey(o.costClassEffective)),
        render: (o) => (
          <Tag color={o.costClassEffective === 'mid_high' ? 'gold' : 'default'}>
            {t(costClassKey(o.costClassEffective))}
          </Tag>
        ),
        filter: 'auto',
        width: 96,
      },
      {
        key: 'status',
        title: t('workspace.col.status'),
        value: (o) => t(optionStatusKey(o.status)),
        render: (o) => <StatusTag status={o.status} />,
        filter: STATUSES.map((s) => ({ text: t(optionStatusKey(s)), value: t(optionStatusKey(s)) })),
        width: 90,
      },
      {
        key: 'enterprise',
        title: t('workspace.col.enterprise'),
        value: (o) => o.enterpriseName ?? '',
        filter: 'auto',
        width: 170,
      },
      {
        key: 'investment',
        title: t('workspace.col.investmentPlannedShort'),
        value: (o) => o.investmentPlanned_wanYuan,
        render: (o) => formatNumber(o.investmentPlanned_wanYuan),
        sortable: true,
        align: 'right',
        width: 100,
      },
      {
        key: 'benefit',
        title: t('workspace.col.benefitExpectedShort'),
        value: (o) => o.economicBenefitExpected_wanYuanPerYear,
        render: (o) => formatNumber(o.economicBenefitExpected_wanYuanPerYear),
        sortable: true,
        align: 'right',
        width: 110,
      },
      {
        key: 'economics',
        title: t('workspace.col.economics'),
        value: (o) => (o.npv_wanYuan === null ? '' : formatNumber(o.npv_wanYuan)),
        exported: true,
        width: 120,
        render: (o) =>
          o.costClassEffective !== 'mid_high' ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            <Space size={4}>
              <Typography.Text>
                {o.npv_wanYuan === null ? '' : `NPV ${formatNumber(o.npv_wanYuan, 1)}`}
              </Typography.Text>
              {canEdit && SCREENABLE.has(o.status) ? (
                <Button size="small" type="link" onClick={() => setEconomicsOf(o.id)}>
                  {t('workspace.econ.open')}
                </Button>
              ) : null}
            </Space>
          ),
      },
    ],
    [t, canEdit],
  );

  if (options.error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('workspace.common.loadFailed', { message: options.error.message })}
      />
    );

  const counts = STATUSES.map((s) => ({ s, n: rows.filter((o) => o.status === s).length }));
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Typography.Text type="secondary">
          {t('workspace.options.summary', { count: rows.length })}
        </Typography.Text>
        {counts.map(({ s, n }) => (
          <Tag key={s}>
            {t(optionStatusKey(s))} {n}
          </Tag>
        ))}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          {
            key: 'options',
            label: t('workspace.options.list'),
            children: (
              <DataTable<Option>
                columns={columns}
                rows={rows}
                rowKey={(o) => o.id}
                loading={options.loading}
                exportName="options"
                extra={
                  canEdit ? (
                    <Space>
                      <Button
                        onClick={() => setScreening(true)}
                        disabled={!rows.some((o) => SCREENABLE.has(o.status))}
                      >
                        {t('workspace.screen.open')}
                      </Button>
                      <Button type="primary" onClick={() => setCreating(true)}>
                        {t('workspace.options.create')}
                      </Button>
                    </Space>
                  ) : null
                }
              />
            ),
          },
          {
            key: 'board',
            label: t('workspace.options.board'),
            children: <OptionBoard options={rows} canMove={canEdit} onMoved={reloadOptions} />,
          },
          {
            key: 'problems',
            label: t('workspace.options.problems', { count: problems.data?.items.length ?? 0 }),
            children: problems.error ? (
              <Alert
                type="error"
                showIcon
                title={t('workspace.common.loadFailed', { message: problems.error.message })}
              />
            ) : (
              <ProblemsSection
                auditId={audit.id}
                canEdit={canEdit}
                problems={problems.data?.items ?? []}
                loading={problems.loading}
                reload={problems.reload}
              />
            ),
          },
        ]}
      />
      {creating ? (
        <OptionCreateModal
          auditId={audit.id}
          problems={problems.data?.items ?? []}
          onClose={() => setCreating(false)}
          onCreated={(o) => {
            setCreating(false);
            navigate(`/options/${o.id}`);
          }}
        />
      ) : null}
      {screening ? (
        <ScreeningModal
          auditId={audit.id}
          options={rows}
          onClose={() => setScreening(false)}
          onDone={() => {
            setScreening(false);
            reloadOptions();
          }}
        />
      ) : null}
      {economicsOf ? (
        <EconomicsDrawer
          optionId={economicsOf}
          onClose={() => setEconomicsOf(null)}
          onSaved={reloadOptions}
        />
      ) : null}
    </Flex>
  );
}
