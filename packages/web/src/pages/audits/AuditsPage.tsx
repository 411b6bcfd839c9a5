/**
 * 行业审核: every industry audit the user sees (GET /api/audits, scoped by the server), searchable, filterable,
 * sortable and exportable; bureau staff create an audit (name, GB/T 4754 industry, region, a period of at most 12
 * months), with the server's validation shown on the field it names.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Button, DatePicker, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { apiClient } from '../../api/apiClient.ts';
import { useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { AuditFormModal } from '../../components/audits/forms.tsx';
import { SCHEDULE_COLOR, scheduleKey, statusKey } from '../../components/audits/labels.ts';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate } from '../../lib/format.ts';

type Audit = ResponseOf<Api['listAudits']>['items'][number];

export default function AuditsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const canCreate = user.roles.some((r) => r.role === 'bureau_staff' || r.role === 'platform_admin');
  const { data, loading, error } = useApi('listAudits', { query: { limit: 500 } });
  const [creating, setCreating] = useState(false);

  const columns: DataColumn<Audit>[] = [
    {
      key: 'title',
      title: t('audits.col.title'),
      value: (a) => a.title,
      render: (a) => <Link to={`/audits/${a.id}`}>{a.title}</Link>,
      sortable: true,
    },
    {
      key: 'industry',
      title: t('audits.col.industry'),
      value: (a) => `${a.industryCodes.join('、')} ${a.industryName}`,
      filter: 'auto',
    },
    {
      key: 'region',
      title: t('audits.col.region'),
      value: (a) => a.regionName,
      filter: 'auto',
      sortable: true,
    },
    {
      key: 'period',
      title: t('audits.col.period'),
      value: (a) => `${formatDate(a.periodStart)} – ${formatDate(a.periodEnd)}`,
      sortable: true,
    },
    {
      key: 'status',
      title: t('audits.col.status'),
      value: (a) => t(statusKey(a.status)),
      render: (a) => <Tag color="blue">{t(statusKey(a.status))}</Tag>,
      filter: 'auto',
    },
    {
      key: 'schedule',
      title: t('audits.col.schedule'),
      value: (a) => t(scheduleKey(a.schedule.state)),
      render: (a) => (
        <Tag color={SCHEDULE_COLOR[a.schedule.state]} title={a.schedule.note}>
          {t(scheduleKey(a.schedule.state))}
        </Tag>
      ),
      filter: 'auto',
    },
    {
      key: 'selected',
      title: t('audits.col.enterprises'),
      value: (a) => a.selectedEnterprises,
      sortable: true,
      align: 'right',
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('audits.list.title')}
      </Typography.Title>
      {error ? (
        <Typography.Text type="danger">
          {t('audits.common.loadFailed', { message: error.message })}
        </Typography.Text>
      ) : null}
      <DataTable<Audit>
        rows={data?.items ?? []}
        loading={loading}
        columns={columns}
        rowKey={(a) => a.id}
        exportName={t('audits.list.export')}
        extra={
          canCreate ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('audits.list.create')}
            </Button>
          ) : null
        }
      />
      <CreateAuditModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => navigate(`/audits/${id}`)}
      />
    </Flex>
  );
}

interface CreateValues {
  title: string;
  industryCodes: string[];
  regionCode: string;
  period: [Dayjs, Dayjs];
  scope?: string;
  purpose?: string;
}

/** Remote search of a Select: options fetched as the user types. */
function useRemoteOptions(load: (q: string) => Promise<{ value: string; label: string }[]>) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const search = async (q: string) => {
    if (q.trim() === '') return;
    setBusy(true);
    try {
      setOptions(await load(q.trim()));
    } catch {
      setOptions([]);
    } finally {
      setBusy(false);
    }
  };
  return { options, busy, search };
}

function CreateAuditModal(props: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const industries = useRemoteOptions(async (q) => {
    const r = await apiClient.call('searchIndustryCodes', { query: { q, limit: 30 } });
    return r.items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  });
  const regions = useRemoteOptions(async (q) => {
    const r = await apiClient.call('listRegions', { query: { q, limit: 30 } });
    return r.items.map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }));
  });
  const required = [{ required: true, message: t('audits.create.required') }];
  return (
    <AuditFormModal<CreateValues>
      open={props.open}
      title={t('audits.create.title')}
      fields={['title', 'industryCodes', 'regionCode', 'period', 'scope', 'purpose']}
      alias={{
        periodStart: 'period',
        periodEnd: 'period',
        industryName: 'industryCodes',
        bureauId: 'regionCode',
      }}
      onClose={props.onClose}
      onSubmit={async (v) => {
        const created = await apiClient.call('createAudit', {
          body: {
            title: v.title,
            industryCodes: v.industryCodes,
            regionCode: v.regionCode,
            periodStart: v.period[0].format('YYYY-MM-DD'),
            periodEnd: v.period[1].format('YYYY-MM-DD'),
            ...(v.scope ? { scope: v.scope } : {}),
            ...(v.purpose ? { purpose: v.purpose } : {}),
          },
        });
        props.onCreated(created.id);
      }}
    >
      <Form.Item name="title" label={t('audits.create.name')} rules={required}>
        <Input placeholder={t('audits.create.name.placeholder')} maxLength={200} />
      </Form.Item>
      <Form.Item name="industryCodes" label={t('audits.create.industry')} rules={required}>
        <Select
          mode="multiple"
          showSearch={{ filterOption: false, onSearch: industries.search }}
          loading={industries.busy}
          options={industries.options}
          placeholder={t('audits.create.industry.placeholder')}
        />
      </Form.Item>
      <Form.Item name="regionCode" label={t('audits.create.region')} rules={required}>
        <Select
          showSearch={{ filterOption: false, onSearch: regions.search }}
          loading={regions.busy}
          options={regions.options}
          placeholder={t('audits.create.region.placeholder')}
        />
      </Form.Item>
      <Form.Item name="period" label={t('audits.create.period')} rules={required}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="scope" label={t('audits.create.scope')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="purpose" label={t('audits.create.purpose')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </AuditFormModal>
  );
}
