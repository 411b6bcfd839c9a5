/**
 * 组织管理 (platform admin): eco-environment bureaus with their jurisdiction, consulting firms, enterprises (credit
 * code checked by the server per GB 32100-2015, its error shown on the field) and each enterprise's consulting
 * engagements.
 */
import type { BureauDto, ConsultingFirmDto, EngagementDto, EnterpriseDto } from '@cpaudit/contract';
import {
  Button,
  Card,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Table,
  Tabs,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { useAction, useApi } from '../../api/hooks.ts';
import { FormModal } from '../../components/admin/FormModal.tsx';
import { RegionSelect } from '../../components/admin/RegionSelect.tsx';
import { useOrgOptions } from '../../components/admin/RoleGrantFields.tsx';
import { ErrorIssues, PageHeading } from '../../components/admin/shared.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate } from '../../lib/format.ts';

const opt = (s: string | undefined) => (s ? s : null);

function ContactFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="address" label={t('admin.org.address')}>
        <Input />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="contactPerson" label={t('admin.org.contactPerson')} style={{ flex: 1 }}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('admin.org.contactPhone')} style={{ flex: 1 }}>
          <Input />
        </Form.Item>
      </Flex>
    </>
  );
}

interface Contact {
  address?: string;
  contactPerson?: string;
  contactPhone?: string;
}

function BureausTab() {
  const { t } = useI18n();
  const list = useApi('listBureaus', { query: { limit: 500 } });
  const [open, setOpen] = useState(false);
  const rows = list.data?.items ?? [];
  const columns = useMemo<DataColumn<BureauDto>[]>(
    () => [
      { key: 'name', title: t('admin.org.name'), value: (b) => b.name, sortable: true },
      {
        key: 'jurisdiction',
        title: t('admin.org.jurisdiction'),
        value: (b) => `${b.jurisdictionName ?? ''}（${b.jurisdictionCode}）`,
        sortable: true,
      },
      {
        key: 'level',
        title: t('admin.org.level'),
        value: (b) => t(`admin.regions.level.${b.level}`),
        filter: 'auto',
      },
      { key: 'contact', title: t('admin.org.contactPerson'), value: (b) => b.contactPerson },
      { key: 'phone', title: t('admin.org.contactPhone'), value: (b) => b.contactPhone },
    ],
    [t],
  );
  return (
    <>
      {list.error ? <ErrorIssues error={list.error} /> : null}
      <DataTable<BureauDto>
        rows={rows}
        columns={columns}
        rowKey={(b) => b.id}
        loading={list.loading}
        exportName={t('admin.org.bureaus')}
        extra={
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('admin.org.createBureau')}
          </Button>
        }
      />
      <FormModal<Contact & { name: string; jurisdictionCode: string; parentBureauId?: string }>
        open={open}
        title={t('admin.org.createBureau')}
        fields={['name', 'jurisdictionCode', 'parentBureauId', 'address', 'contactPerson', 'contactPhone']}
        onClose={() => setOpen(false)}
        onSubmit={async (v) => {
          await apiClient.call('createBureau', {
            body: {
              name: v.name,
              jurisdictionCode: v.jurisdictionCode,
              parentBureauId: v.parentBureauId ?? null,
              address: opt(v.address),
              contactPerson: opt(v.contactPerson),
              contactPhone: opt(v.contactPhone),
            },
          });
          list.reload();
        }}
      >
        <Form.Item name="name" label={t('admin.org.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label={t('admin.org.jurisdiction')} rules={[{ required: true }]}>
          <RegionSelect ariaLabel={t('admin.org.jurisdiction')} />
        </Form.Item>
        <Form.Item name="parentBureauId" label={t('admin.org.parentBureau')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={rows.map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <ContactFields />
      </FormModal>
    </>
  );
}

function FirmsTab() {
  const { t } = useI18n();
  const list = useApi('listConsultingFirms', { query: { limit: 500 } });
  const [open, setOpen] = useState(false);
  const columns = useMemo<DataColumn<ConsultingFirmDto>[]>(
    () => [
      { key: 'name', title: t('admin.org.name'), value: (f) => f.name, sortable: true },
      { key: 'uscc', title: t('admin.org.uscc'), value: (f) => f.uscc },
      { key: 'region', title: t('admin.org.region'), value: (f) => f.regionName, filter: 'auto' },
      { key: 'contact', title: t('admin.org.contactPerson'), value: (f) => f.contactPerson },
      { key: 'phone', title: t('admin.org.contactPhone'), value: (f) => f.contactPhone },
    ],
    [t],
  );
  return (
    <>
      {list.error ? <ErrorIssues error={list.error} /> : null}
      <DataTable<ConsultingFirmDto>
        rows={list.data?.items ?? []}
        columns={columns}
        rowKey={(f) => f.id}
        loading={list.loading}
        exportName={t('admin.org.firms')}
        extra={
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('admin.org.createFirm')}
          </Button>
        }
      />
      <FormModal<Contact & { name: string; uscc: string; regionCode?: string; note?: string }>
        open={open}
        title={t('admin.org.createFirm')}
        fields={['name', 'uscc', 'regionCode', 'address', 'contactPerson', 'contactPhone', 'note']}
        onClose={() => setOpen(false)}
        onSubmit={async (v) => {
          await apiClient.call('createConsultingFirm', {
            body: {
              name: v.name,
              uscc: v.uscc,
              regionCode: v.regionCode ?? null,
              address: opt(v.address),
              contactPerson: opt(v.contactPerson),
              contactPhone: opt(v.contactPhone),
              note: opt(v.note),
            },
          });
          list.reload();
        }}
      >
        <Form.Item name="name" label={t('admin.org.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('admin.org.uscc')}
          rules={[{ required: true }]}
          extra={t('admin.org.usccHint')}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('admin.org.region')}>
          <RegionSelect ariaLabel={t('admin.org.region')} allowClear />
        </Form.Item>
        <ContactFields />
        <Form.Item name="note" label={t('admin.org.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function EngagementsDrawer({
  enterprise,
  onClose,
}: {
  enterprise: EnterpriseDto | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const list = useApi('listEngagements', enterprise ? { params: { id: enterprise.id } } : null);
  const orgs = useOrgOptions();
  const run = useAction();
  const [open, setOpen] = useState(false);
  const end = async (e: EngagementDto) => {
    if (!enterprise) return;
    const ok = await run(
      () =>
        apiClient.call('endEngagement', {
          params: { id: enterprise.id, engagementId: e.id },
          body: { version: e.version },
        }),
      t('admin.org.engagementEnded'),
    );
    if (ok) list.reload();
  };
  return (
    <Drawer
      open={enterprise !== undefined}
      onClose={onClose}
      size={720}
      title={enterprise ? t('admin.org.engagementsOf', { name: enterprise.name }) : ''}
      extra={
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('admin.org.createEngagement')}
        </Button>
      }
    >
      {list.error ? <ErrorIssues error={list.error} /> : null}
      <Table<EngagementDto>
        size="small"
        rowKey={(e) => e.id}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { key: 'firm', title: t('admin.org.firm'), render: (_, e) => `${e.firmName}（${e.firmUscc}）` },
          {
            key: 'period',
            title: t('admin.org.period'),
            render: (_, e) =>
              `${formatDate(e.startedOn)} – ${e.endedOn ? formatDate(e.endedOn) : t('admin.org.openEnded')}`,
          },
          { key: 'scope', title: t('admin.org.scope'), render: (_, e) => e.scope ?? '' },
          {
            key: 'current',
            title: t('admin.users.status'),
            render: (_, e) =>
              e.current ? (
                <Tag color="green">{t('admin.org.current')}</Tag>
              ) : (
                <Tag>{t('admin.org.ended')}</Tag>
              ),
          },
          {
            key: 'actions',
            title: t('admin.common.actions'),
            render: (_, e) =>
              e.current ? (
                <Popconfirm title={t('admin.org.endConfirm')} onConfirm={() => end(e)}>
                  <Button size="small" danger>
                    {t('admin.org.end')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <FormModal<{ consultingFirmId: string; startedOn: Dayjs; endedOn?: Dayjs; scope?: string }>
        open={open}
        title={t('admin.org.createEngagement')}
        fields={['consultingFirmId', 'startedOn', 'endedOn', 'scope']}
        onClose={() => setOpen(false)}
        onSubmit={async (v) => {
          if (!enterprise) return;
          await apiClient.call('createEngagement', {
            params: { id: enterprise.id },
            body: {
              consultingFirmId: v.consultingFirmId,
              startedOn: v.startedOn.format('YYYY-MM-DD'),
              endedOn: v.endedOn ? v.endedOn.format('YYYY-MM-DD') : null,
              scope: opt(v.scope),
            },
          });
          list.reload();
        }}
      >
        <Form.Item name="consultingFirmId" label={t('admin.org.firm')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={orgs.firms} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="startedOn"
            label={t('admin.org.startedOn')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endedOn" label={t('admin.org.endedOn')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="scope" label={t('admin.org.scope')}>
          <Input />
        </Form.Item>
      </FormModal>
    </Drawer>
  );
}

function EnterprisesTab() {
  const { t } = useI18n();
  const list = useApi('listEnterprises', { query: { limit: 500 } });
  const [open, setOpen] = useState(false);
  const [engagementsOf, setEngagementsOf] = useState<EnterpriseDto | undefined>();
  const columns = useMemo<DataColumn<EnterpriseDto>[]>(
    () => [
      { key: 'name', title: t('admin.org.name'), value: (e) => e.name, sortable: true },
      { key: 'uscc', title: t('admin.org.uscc'), value: (e) => e.uscc },
      {
        key: 'region',
        title: t('admin.org.region'),
        value: (e) => e.regionName,
        filter: 'auto',
        sortable: true,
      },
      {
        key: 'industry',
        title: t('admin.org.industry'),
        value: (e) => `${e.industryCode} ${e.industryName ?? ''}`,
        filter: 'auto',
      },
      {
        key: 'status',
        title: t('admin.users.status'),
        value: (e) => t(`admin.ent.status.${e.status}`),
        filter: 'auto',
      },
      {
        key: 'actions',
        title: t('admin.common.actions'),
        value: () => '',
        exported: false,
        searchable: false,
        render: (e) => (
          <Button size="small" onClick={() => setEngagementsOf(e)}>
            {t('admin.org.engagements')}
          </Button>
        ),
      },
    ],
    [t],
  );
  return (
    <>
      {list.error ? <ErrorIssues error={list.error} /> : null}
      <DataTable<EnterpriseDto>
        rows={list.data?.items ?? []}
        columns={columns}
        rowKey={(e) => e.id}
        loading={list.loading}
        exportName={t('admin.org.enterprises')}
        extra={
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('admin.org.createEnterprise')}
          </Button>
        }
      />
      <FormModal<Contact & { name: string; uscc: string; regionCode: string; industryCode: string }>
        open={open}
        title={t('admin.org.createEnterprise')}
        fields={['name', 'uscc', 'regionCode', 'industryCode', 'address', 'contactPerson', 'contactPhone']}
        onClose={() => setOpen(false)}
        onSubmit={async (v) => {
          await apiClient.call('createEnterprise', {
            body: {
              name: v.name,
              uscc: v.uscc,
              regionCode: v.regionCode,
              industryCode: v.industryCode,
              address: opt(v.address),
              contactPerson: opt(v.contactPerson),
              contactPhone: opt(v.contactPhone),
            },
          });
          list.reload();
        }}
      >
        <Form.Item name="name" label={t('admin.org.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('admin.org.uscc')}
          rules={[{ required: true }]}
          extra={t('admin.org.usccHint')}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="regionCode"
            label={t('admin.org.region')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <RegionSelect ariaLabel={t('admin.org.region')} />
          </Form.Item>
          <Form.Item
            name="industryCode"
            label={t('admin.org.industryCode')}
            rules={[{ required: true }]}
            extra={t('admin.org.industryCodeHint')}
            style={{ flex: 1 }}
          >
            <Input maxLength={10} />
          </Form.Item>
        </Flex>
        <ContactFields />
      </FormModal>
      <EngagementsDrawer enterprise={engagementsOf} onClose={() => setEngagementsOf(undefined)} />
    </>
  );
}

export default function OrganizationsPage() {
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('admin.org.title')} description={t('admin.org.intro')} />
      <Card>
        <Tabs
          items={[
            { key: 'bureaus', label: t('admin.org.bureaus'), children: <BureausTab /> },
            { key: 'firms', label: t('admin.org.firms'), children: <FirmsTab /> },
            { key: 'enterprises', label: t('admin.org.enterprises'), children: <EnterprisesTab /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
