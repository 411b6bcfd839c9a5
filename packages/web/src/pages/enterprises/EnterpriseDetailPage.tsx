/**
 * One enterprise of the jurisdiction (bureau staff, panel members): its profile (products, treatment facilities,
 * consultants), its annual data per year with the status of each submission — the supervising bureau's staff
 * accept a submitted year or return it for correction with a reason — the data-check findings, and its evaluations
 * against the indicator system. A 404 from the API (not there, or not in the caller's jurisdiction) shows as such.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiClient } from '../../api/apiClient.ts';
import { useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { ErrorIssues, NotYours } from '../../components/admin/shared.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';

type Profile = ResponseOf<Api['getEnterprise']>;
type YearSummary = ResponseOf<Api['listAnnualYears']>['items'][number];
type AnnualValue = ResponseOf<Api['getAnnualData']>['values'][number];
type Finding = ResponseOf<Api['checkAnnualData']>['findings'][number];
type Evaluation = ResponseOf<Api['listEvaluations']>['items'][number];

/** A stored quantity as entered: up to 4 decimals, without trailing zeros. */
function plainNumber(v: number | null): string {
  return formatNumber(v, 4)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

const STATUS_COLORS = { draft: 'default', submitted: 'blue', returned: 'orange', accepted: 'green' } as const;
const SEVERITY_COLORS = { error: 'red', warning: 'orange', info: 'default' } as const;

function ProfileTab({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  const e = profile.enterprise;
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        bordered
        items={[
          { key: 'uscc', label: t('admin.org.uscc'), children: e.uscc },
          {
            key: 'region',
            label: t('admin.org.region'),
            children: `${e.regionName ?? ''}（${e.regionCode}）`,
          },
          {
            key: 'industry',
            label: t('admin.org.industry'),
            children: `${e.industryCode} ${e.industryName ?? ''}`,
          },
          { key: 'address', label: t('admin.org.address'), children: e.address ?? '—' },
          { key: 'park', label: t('admin.ent.park'), children: e.industrialParkName ?? '—' },
          { key: 'legal', label: t('admin.ent.legalRepresentative'), children: e.legalRepresentative ?? '—' },
          {
            key: 'contact',
            label: t('admin.org.contactPerson'),
            children: [e.contactPerson, e.contactPhone].filter(Boolean).join(' ') || '—',
          },
          { key: 'employees', label: t('admin.ent.employees'), children: e.employees ?? '—' },
          {
            key: 'permit',
            label: t('admin.ent.permitClass'),
            children: e.permitClass
              ? `${t(`admin.ent.permit.${e.permitClass}`)} ${e.permitNumber ?? ''}`
              : '—',
          },
          {
            key: 'monitoring',
            label: t('admin.ent.keyMonitoring'),
            children:
              e.keyMonitoringTypes.length === 0
                ? '—'
                : e.keyMonitoringTypes.map((k) => <Tag key={k}>{t(`admin.ent.monitoring.${k}`)}</Tag>),
          },
          { key: 'status', label: t('admin.users.status'), children: t(`admin.ent.status.${e.status}`) },
          { key: 'est', label: t('admin.ent.established'), children: formatDate(e.establishedOn) },
        ]}
      />
      <Card size="small" title={t('admin.ent.products')}>
        <Table
          size="small"
          pagination={false}
          rowKey={(p) => p.id}
          dataSource={profile.products}
          columns={[
            {
              key: 'name',
              title: t('admin.org.name'),
              render: (_, p) => (p.isMain ? <strong>{p.name}</strong> : p.name),
            },
            {
              key: 'capacity',
              title: t('admin.ent.capacity'),
              align: 'right',
              render: (_, p) =>
                p.capacity === null ? '—' : `${formatNumber(p.capacity, 0)} ${p.capacityUnit ?? ''}`,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('admin.ent.facilities')}>
        <Table
          size="small"
          pagination={false}
          rowKey={(f) => f.id}
          dataSource={profile.treatmentFacilities}
          columns={[
            {
              key: 'medium',
              title: t('admin.ent.medium'),
              render: (_, f) => t(`admin.ent.medium.${f.medium}`),
            },
            { key: 'name', title: t('admin.org.name'), render: (_, f) => f.name },
            { key: 'tech', title: t('admin.ent.technology'), render: (_, f) => f.technology ?? '' },
            {
              key: 'capacity',
              title: t('admin.ent.designCapacity'),
              align: 'right',
              render: (_, f) =>
                f.designCapacity === null
                  ? '—'
                  : `${formatNumber(f.designCapacity, 0)} ${f.capacityUnit ?? ''}`,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('admin.org.engagements')}>
        <Table
          size="small"
          pagination={false}
          rowKey={(c) => c.id}
          dataSource={profile.consultants}
          columns={[
            { key: 'firm', title: t('admin.org.firm'), render: (_, c) => c.firmName },
            {
              key: 'period',
              title: t('admin.org.period'),
              render: (_, c) =>
                `${formatDate(c.startedOn)} – ${c.endedOn ? formatDate(c.endedOn) : t('admin.org.openEnded')}`,
            },
            {
              key: 'current',
              title: t('admin.users.status'),
              render: (_, c) =>
                c.current ? (
                  <Tag color="green">{t('admin.org.current')}</Tag>
                ) : (
                  <Tag>{t('admin.org.ended')}</Tag>
                ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

function YearValues({ enterpriseId, year }: { enterpriseId: string; year: number }) {
  const { t } = useI18n();
  const data = useApi('getAnnualData', { params: { enterpriseId, year } });
  // Catalogue items are shown by their Chinese name (free lines carry their own name).
  const catalogue = useApi('listAnnualItems');
  const names = useMemo(
    () => new Map((catalogue.data?.items ?? []).map((i) => [i.code, i.zh])),
    [catalogue.data],
  );
  return (
    <Card size="small" title={t('admin.ent.valuesOf', { year })}>
      {data.error ? <ErrorIssues error={data.error} /> : null}
      <Table<AnnualValue>
        size="small"
        rowKey={(v) => v.id}
        loading={data.loading}
        dataSource={data.data?.values ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'cat',
            title: t('admin.ent.category'),
            render: (_, v) => t(`admin.ent.category.${v.category}`),
          },
          { key: 'name', title: t('admin.ent.item'), render: (_, v) => names.get(v.itemCode) ?? v.name },
          {
            key: 'value',
            title: t('admin.ent.value'),
            align: 'right',
            render: (_, v) =>
              v.notApplicable
                ? t('admin.ent.notApplicable')
                : v.level
                  ? t(`admin.ent.level.${v.level}`)
                  : `${plainNumber(v.quantity)} ${v.unit ?? ''}`,
          },
          {
            key: 'source',
            title: t('admin.ent.valueSource'),
            render: (_, v) => (v.source ? t(`admin.ent.source.${v.source}`) : ''),
          },
          {
            key: 'entered',
            title: t('admin.ent.enteredBy'),
            render: (_, v) => `${v.enteredBy?.displayName ?? ''} ${formatDate(v.enteredAt)}`,
          },
          { key: 'note', title: t('admin.log.note'), render: (_, v) => v.note ?? '' },
        ]}
      />
    </Card>
  );
}

function AnnualTab({ enterpriseId, canReview }: { enterpriseId: string; canReview: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const years = useApi('listAnnualYears', { params: { enterpriseId } });
  const [open, setOpen] = useState<number | undefined>();
  const [returning, setReturning] = useState<YearSummary | undefined>();
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const items = years.data?.items ?? [];
  const shown = open ?? (items.length > 0 ? Math.max(...items.map((y) => y.year)) : undefined);

  const accept = async (y: YearSummary) => {
    setError(undefined);
    try {
      await apiClient.call('acceptAnnualData', {
        params: { enterpriseId, year: y.year },
        body: { version: y.version },
      });
      void message.success(t('admin.ent.accepted', { year: y.year }));
      years.reload();
    } catch (e) {
      setError(e);
    }
  };
  const doReturn = async () => {
    if (!returning) return;
    const { reason } = await reasonForm.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await apiClient.call('returnAnnualData', {
        params: { enterpriseId, year: returning.year },
        body: { version: returning.version, reason },
      });
      void message.success(t('admin.ent.returned', { year: returning.year }));
      setReturning(undefined);
      reasonForm.resetFields();
      years.reload();
    } catch (e) {
      setError(e);
      setReturning(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      {years.error ? <ErrorIssues error={years.error} /> : null}
      {error ? <ErrorIssues error={error} /> : null}
      <Table<YearSummary>
        size="middle"
        rowKey={(y) => String(y.year)}
        loading={years.loading}
        dataSource={items}
        pagination={false}
        aria-label={t('admin.ent.years')}
        columns={[
          { key: 'year', title: t('admin.ent.year'), render: (_, y) => y.year },
          {
            key: 'status',
            title: t('admin.users.status'),
            render: (_, y) => (
              <Tag color={STATUS_COLORS[y.status]}>{t(`admin.ent.annualStatus.${y.status}`)}</Tag>
            ),
          },
          { key: 'count', title: t('admin.ent.valueCount'), align: 'right', render: (_, y) => y.valueCount },
          {
            key: 'submitted',
            title: t('admin.ent.submittedAt'),
            render: (_, y) => formatDate(y.submittedAt),
          },
          {
            key: 'review',
            title: t('admin.ent.reviewResult'),
            render: (_, y) =>
              y.status === 'returned' ? (
                <Typography.Text type="warning">
                  {t('admin.ent.returnedOn', {
                    date: formatDate(y.returnedAt),
                    reason: y.returnReason ?? '',
                  })}
                </Typography.Text>
              ) : y.status === 'accepted' ? (
                t('admin.ent.acceptedOn', { date: formatDate(y.acceptedAt) })
              ) : (
                ''
              ),
          },
          {
            key: 'actions',
            title: t('admin.common.actions'),
            render: (_, y) => (
              <Space size={4}>
                <Button size="small" onClick={() => setOpen(y.year)} disabled={shown === y.year}>
                  {t('admin.ent.viewValues')}
                </Button>
                {canReview && y.status === 'submitted' ? (
                  <>
                    <Popconfirm
                      title={t('admin.ent.acceptConfirm', { year: y.year })}
                      onConfirm={() => accept(y)}
                    >
                      <Button size="small" type="primary">
                        {t('admin.ent.accept')}
                      </Button>
                    </Popconfirm>
                    <Button size="small" danger onClick={() => setReturning(y)}>
                      {t('admin.ent.return')}
                    </Button>
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {shown === undefined ? null : <YearValues key={shown} enterpriseId={enterpriseId} year={shown} />}
      <Modal
        open={returning !== undefined}
        title={returning ? t('admin.ent.returnTitle', { year: returning.year }) : ''}
        okText={t('admin.ent.return')}
        okButtonProps={{ danger: true }}
        cancelText={t('admin.common.cancel')}
        confirmLoading={busy}
        onOk={doReturn}
        onCancel={() => setReturning(undefined)}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('admin.ent.reason')}
            rules={[{ required: true, whitespace: true, message: t('admin.ent.reasonRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} aria-label={t('admin.ent.reason')} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

function ChecksTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useI18n();
  const checks = useApi('checkAnnualData', { params: { enterpriseId }, query: { peers: 'true' } });
  const s = checks.data?.summary;
  return (
    <Flex vertical gap={16}>
      {checks.error ? <ErrorIssues error={checks.error} /> : null}
      {s ? (
        <Flex gap={48}>
          <Statistic
            title={t('admin.ent.errors')}
            value={s.errors}
            styles={{ content: { color: s.errors > 0 ? '#cf1322' : undefined } }}
          />
          <Statistic title={t('admin.ent.warnings')} value={s.warnings} />
          <Statistic title={t('admin.ent.infos')} value={s.infos} />
          <Statistic title={t('admin.ent.peers')} value={checks.data?.peerCount ?? 0} />
        </Flex>
      ) : null}
      <Table<Finding>
        size="small"
        loading={checks.loading}
        rowKey={(f) => `${f.rule}:${f.year ?? ''}:${f.item ?? ''}:${f.message}`}
        dataSource={checks.data?.findings ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            key: 'severity',
            title: t('admin.ent.severity'),
            render: (_, f) => (
              <Tag color={SEVERITY_COLORS[f.severity]}>{t(`admin.ent.severity.${f.severity}`)}</Tag>
            ),
            filters: (['error', 'warning', 'info'] as const).map((v) => ({
              text: t(`admin.ent.severity.${v}`),
              value: v,
            })),
            onFilter: (v, f) => f.severity === v,
          },
          { key: 'year', title: t('admin.ent.year'), render: (_, f) => f.year ?? '' },
          { key: 'message', title: t('admin.ent.finding'), render: (_, f) => f.message },
          { key: 'rule', title: t('admin.ent.rule'), render: (_, f) => <code>{f.rule}</code> },
        ]}
      />
    </Flex>
  );
}

function EvaluationsTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useI18n();
  const list = useApi('listEvaluations', { query: { enterpriseId, limit: 100 } });
  const y = (v: number | null) => (v === null ? '—' : formatNumber(v, 2));
  return (
    <>
      {list.error ? <ErrorIssues error={list.error} /> : null}
      <Table<Evaluation>
        size="small"
        loading={list.loading}
        rowKey={(e) => e.id}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { key: 'system', title: t('admin.ind.systemName'), render: (_, e) => e.systemName },
          { key: 'year', title: t('admin.ent.year'), render: (_, e) => e.year ?? '' },
          { key: 'basis', title: t('admin.ent.basis'), render: (_, e) => t(`admin.ent.basis.${e.basis}`) },
          { key: 'YI', title: 'Y_Ⅰ', align: 'right', render: (_, e) => y(e.Y.I) },
          { key: 'YII', title: 'Y_Ⅱ', align: 'right', render: (_, e) => y(e.Y.II) },
          { key: 'YIII', title: 'Y_Ⅲ', align: 'right', render: (_, e) => y(e.Y.III) },
          {
            key: 'grade',
            title: t('admin.ent.grade'),
            render: (_, e) => (e.grade ? <Tag color="blue">{t(`admin.ent.grade.${e.grade}`)}</Tag> : '—'),
          },
          { key: 'at', title: t('admin.ent.evaluatedAt'), render: (_, e) => formatDate(e.evaluatedAt) },
        ]}
      />
    </>
  );
}

export default function EnterpriseDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const profile = useApi('getEnterprise', { params: { id } });
  // Accepting or returning annual data is the supervising bureau's (the API checks the jurisdiction).
  const canReview = me.roles.some((r) => r.role === 'bureau_staff' || r.role === 'platform_admin');
  const back = <Link to="/enterprises">{t('admin.ent.back')}</Link>;
  if (profile.error && (profile.error.status === 404 || profile.error.status === 400))
    return <NotYours extra={back} />;
  if (profile.error) return <ErrorIssues error={profile.error} />;
  if (!profile.data) return <Skeleton active />;
  const e = profile.data.enterprise;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {e.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {e.uscc} · {e.regionName} · {e.industryCode} {e.industryName ?? ''}
          </Typography.Text>
        </div>
        {back}
      </Flex>
      {e.status !== 'operating' ? (
        <Alert type="warning" showIcon title={t(`admin.ent.status.${e.status}`)} />
      ) : null}
      <Card>
        <Tabs
          items={[
            {
              key: 'annual',
              label: t('admin.ent.tab.annual'),
              children: <AnnualTab enterpriseId={e.id} canReview={canReview} />,
            },
            { key: 'checks', label: t('admin.ent.tab.checks'), children: <ChecksTab enterpriseId={e.id} /> },
            {
              key: 'evaluations',
              label: t('admin.ent.tab.evaluations'),
              children: <EvaluationsTab enterpriseId={e.id} />,
            },
            {
              key: 'profile',
              label: t('admin.ent.tab.profile'),
              children: <ProfileTab profile={profile.data} />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
