/**
 * 指派给我的 (expert): the industry audits and Guangdong mandatory audits the expert is assigned to (the API scopes
 * `listAudits` / `listMandatoryAudits` to the expert's assignments), the options of the one chosen, and the
 * expert's review of each option: scores per criterion, verdict and comment.
 */
import type { OptionJson } from '@cpaudit/contract';
import { Button, Card, Empty, Flex, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/hooks.ts';
import { ErrorIssues, PageHeading } from '../../components/admin/shared.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { ReviewDrawer } from './ReviewDrawer.tsx';

interface Assignment {
  readonly kind: 'industry' | 'mandatory';
  readonly id: string;
  readonly title: string;
  readonly organisation: string;
  readonly status: string;
  readonly statusLabel: string;
  readonly period: string;
}

const OPTION_STATUS_COLORS: Record<OptionJson['status'], string> = {
  proposed: 'default',
  screened: 'blue',
  feasible: 'cyan',
  rejected: 'red',
  implementing: 'orange',
  implemented: 'green',
  verified: 'purple',
};

function OptionsOf({ assignment }: { assignment: Assignment }) {
  const { t } = useI18n();
  const query = { limit: 500 } as const;
  const industry = useApi(
    'listAuditOptions',
    assignment.kind === 'industry' ? { params: { id: assignment.id }, query } : null,
  );
  const mandatory = useApi(
    'listMandatoryOptions',
    assignment.kind === 'mandatory' ? { params: { id: assignment.id }, query } : null,
  );
  const list = assignment.kind === 'industry' ? industry : mandatory;
  const [reviewing, setReviewing] = useState<OptionJson | undefined>();
  const columns = useMemo<DataColumn<OptionJson>[]>(
    () => [
      { key: 'code', title: t('admin.expert.optionCode'), value: (o) => o.code, sortable: true, width: 90 },
      { key: 'name', title: t('admin.expert.optionName'), value: (o) => o.name, sortable: true },
      {
        key: 'level',
        title: t('admin.expert.level'),
        value: (o) => (o.level === 'industry' ? t('admin.expert.level.industry') : (o.enterpriseName ?? '')),
        filter: 'auto',
      },
      {
        key: 'status',
        title: t('admin.users.status'),
        value: (o) => t(`admin.expert.optionStatus.${o.status}`),
        render: (o) => (
          <Tag color={OPTION_STATUS_COLORS[o.status]}>{t(`admin.expert.optionStatus.${o.status}`)}</Tag>
        ),
        filter: 'auto',
      },
      {
        key: 'cost',
        title: t('admin.expert.costClass'),
        value: (o) => t(`admin.expert.cost.${o.costClassEffective}`),
        filter: 'auto',
      },
      {
        key: 'investment',
        title: t('admin.expert.investment'),
        value: (o) => o.investmentPlanned_wanYuan,
        render: (o) => formatNumber(o.investmentPlanned_wanYuan, 1),
        align: 'right',
        sortable: true,
      },
      {
        key: 'score',
        title: t('admin.expert.screeningScore'),
        value: (o) => o.screeningScore,
        render: (o) => formatNumber(o.screeningScore, 0),
        align: 'right',
        sortable: true,
      },
      {
        key: 'actions',
        title: t('admin.common.actions'),
        value: () => '',
        exported: false,
        searchable: false,
        render: (o) => (
          <Space size={4}>
            <Button size="small" type="primary" onClick={() => setReviewing(o)}>
              {t('admin.expert.review')}
            </Button>
            <Link to={`/options/${o.id}`}>{t('admin.expert.details')}</Link>
          </Space>
        ),
      },
    ],
    [t],
  );
  return (
    <Card title={t('admin.expert.optionsOf', { title: assignment.title })}>
      {list.error ? <ErrorIssues error={list.error} /> : null}
      <DataTable<OptionJson>
        rows={list.data?.items ?? []}
        columns={columns}
        rowKey={(o) => o.id}
        loading={list.loading}
        exportName={t('admin.expert.optionsExport')}
      />
      <ReviewDrawer option={reviewing} onClose={() => setReviewing(undefined)} onSaved={list.reload} />
    </Card>
  );
}

export default function AssignmentsPage() {
  const { t } = useI18n();
  const audits = useApi('listAudits', { query: { limit: 200 } });
  const mandatory = useApi('listMandatoryAudits', { query: { limit: 200 } });
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const rows = useMemo<Assignment[]>(
    () => [
      ...(audits.data?.items ?? []).map((a) => ({
        kind: 'industry' as const,
        id: a.id,
        title: a.title,
        organisation: `${a.bureauName} · ${a.regionName}`,
        status: a.status,
        statusLabel: t(`admin.expert.auditStatus.${a.status}`),
        period: `${formatDate(a.periodStart)} – ${formatDate(a.periodEnd)}`,
      })),
      ...(mandatory.data?.items ?? []).map((m) => ({
        kind: 'mandatory' as const,
        id: m.id,
        title: t('admin.expert.mandatoryTitle', { name: m.enterpriseName, year: m.dataYear }),
        organisation: m.enterpriseName,
        status: m.status,
        statusLabel: t(`admin.expert.mandatoryStatus.${m.status}`),
        period: `${formatDate(m.startedOn)} – ${formatDate(m.finishedOn)}`,
      })),
    ],
    [audits.data, mandatory.data, t],
  );
  const selected = rows.find((r) => r.id === selectedId) ?? rows[0];
  const columns = useMemo<DataColumn<Assignment>[]>(
    () => [
      {
        key: 'kind',
        title: t('admin.expert.kind'),
        value: (a) => t(`admin.expert.kind.${a.kind}`),
        render: (a) => (
          <Tag color={a.kind === 'industry' ? 'blue' : 'gold'}>{t(`admin.expert.kind.${a.kind}`)}</Tag>
        ),
        filter: 'auto',
      },
      { key: 'title', title: t('admin.expert.auditTitle'), value: (a) => a.title, sortable: true },
      { key: 'org', title: t('admin.expert.organisation'), value: (a) => a.organisation },
      { key: 'status', title: t('admin.users.status'), value: (a) => a.statusLabel, filter: 'auto' },
      { key: 'period', title: t('admin.expert.period'), value: (a) => a.period },
      {
        key: 'actions',
        title: t('admin.common.actions'),
        value: () => '',
        exported: false,
        searchable: false,
        render: (a) =>
          a.id === selected?.id ? (
            <Tag color="processing">{t('admin.expert.showing')}</Tag>
          ) : (
            <Button size="small" onClick={() => setSelectedId(a.id)}>
              {t('admin.expert.showOptions')}
            </Button>
          ),
      },
    ],
    [t, selected?.id],
  );
  const loading = audits.loading || mandatory.loading;
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('admin.expert.title')} description={t('admin.expert.intro')} />
      {audits.error ? <ErrorIssues error={audits.error} /> : null}
      {mandatory.error ? <ErrorIssues error={mandatory.error} /> : null}
      <Card title={t('admin.expert.assignments')}>
        <DataTable<Assignment>
          rows={rows}
          columns={columns}
          rowKey={(a) => a.id}
          loading={loading}
          exportName={t('admin.expert.assignments')}
          pageSize={10}
        />
      </Card>
      {selected ? (
        <OptionsOf key={selected.id} assignment={selected} />
      ) : loading ? null : (
        <Card>
          <Empty description={t('admin.expert.none')} />
        </Card>
      )}
    </Flex>
  );
}
