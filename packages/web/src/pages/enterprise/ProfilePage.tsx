/**
 * `/my/profile` — the enterprise profile as its users and consultants keep it: identity (credit code, name, region,
 * GB/T 4754 industry code and name, fixed by the bureau), the fields the enterprise maintains (address, park,
 * key-monitoring types, permit class, contacts), the output value and value added of the latest annual data, and
 * its products and capacities, processes, equipment and treatment facilities. Every change sends the version read
 * (optimistic concurrency): a 409 says someone else changed the record and reloads it.
 */
import type { Api, BodyOf, ResponseOf } from '@cpaudit/contract';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Tag,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { FormModal } from '../../components/admin/FormModal.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { EnterprisePage, isConflict, useConflictText } from '../../components/enterprise/common.tsx';
import { useEnterpriseScope } from '../../components/enterprise/EnterpriseScope.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatNumber, formatQuantity } from '../../lib/format.ts';

type Profile = ResponseOf<Api['getEnterprise']>;
type Enterprise = Profile['enterprise'];
type Product = Profile['products'][number];
type Process = Profile['processes'][number];
type Equipment = Profile['equipment'][number];
type Facility = Profile['treatmentFacilities'][number];

const WRITER_ROLES = ['platform_admin', 'bureau_staff', 'enterprise_user', 'consultant'];
const MONITORING = ['water', 'groundwater', 'air', 'noise', 'soil', 'environmental_risk'] as const;
const PERMITS = ['key', 'simplified', 'registration'] as const;
const MEDIA = [
  'wastewater',
  'waste_gas',
  'general_solid_waste',
  'hazardous_waste',
  'noise',
  'other',
] as const;
const FACILITY_STATUSES = ['running', 'idle', 'decommissioned'] as const;

function useMayWrite(): boolean {
  const me = useCurrentUser();
  return me.roles.some((r) => WRITER_ROLES.includes(r.role));
}

/** Runs a write; a conflict reloads and says so, other errors are thrown on to the form. */
function useWrite(reload: () => void) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const text = useConflictText();
  return async <T,>(fn: () => Promise<T>): Promise<T> => {
    try {
      const r = await fn();
      void message.success(t('enterprise.saved'));
      reload();
      return r;
    } catch (e) {
      if (isConflict(e)) {
        reload();
        throw new Error(text(e));
      }
      throw e;
    }
  };
}

type EnterpriseForm = Omit<BodyOf<Api['updateEnterprise']>, 'version'>;

function IdentityCard(props: {
  enterprise: Enterprise;
  annual: { year: number; gross: number | null; added: number | null } | undefined;
  mayWrite: boolean;
  write: ReturnType<typeof useWrite>;
}) {
  const { t } = useI18n();
  const e = props.enterprise;
  const [editing, setEditing] = useState(false);
  const none = '—';
  const items: { key: string; label: string; children: ReactNode }[] = [
    { key: 'uscc', label: t('enterprise.profile.uscc'), children: e.uscc },
    { key: 'name', label: t('enterprise.profile.name'), children: e.name },
    { key: 'address', label: t('enterprise.profile.address'), children: e.address ?? none },
    {
      key: 'region',
      label: t('enterprise.profile.region'),
      children: `${e.regionName ?? ''}（${e.regionCode}）`,
    },
    {
      key: 'industry',
      label: t('enterprise.profile.industry'),
      children: `${e.industryCode} ${e.industryName ?? ''}`,
    },
    {
      key: 'park',
      label: t('enterprise.profile.park'),
      children: e.industrialParkName ?? t('enterprise.profile.noPark'),
    },
    {
      key: 'monitoring',
      label: t('enterprise.profile.keyMonitoring'),
      children:
        e.keyMonitoringTypes.length === 0
          ? t('enterprise.profile.notKeyUnit')
          : e.keyMonitoringTypes.map((k) => <Tag key={k}>{t(`enterprise.monitoring.${k}`)}</Tag>),
    },
    {
      key: 'permit',
      label: t('enterprise.profile.permitClass'),
      children: e.permitClass ? `${t(`enterprise.permit.${e.permitClass}`)} ${e.permitNumber ?? ''}` : none,
    },
    {
      key: 'gross',
      label: props.annual
        ? t('enterprise.profile.grossOutputOf', { year: props.annual.year })
        : t('enterprise.profile.grossOutput'),
      children: formatQuantity(props.annual?.gross, '万元'),
    },
    {
      key: 'added',
      label: props.annual
        ? t('enterprise.profile.valueAddedOf', { year: props.annual.year })
        : t('enterprise.profile.valueAdded'),
      children: formatQuantity(props.annual?.added, '万元'),
    },
    { key: 'legal', label: t('enterprise.profile.legal'), children: e.legalRepresentative ?? none },
    {
      key: 'contact',
      label: t('enterprise.profile.contact'),
      children: [e.contactPerson, e.contactPhone].filter(Boolean).join(' ') || none,
    },
    { key: 'employees', label: t('enterprise.profile.employees'), children: e.employees ?? none },
  ];
  return (
    <Card
      title={t('enterprise.profile.basic')}
      extra={props.mayWrite ? <Button onClick={() => setEditing(true)}>{t('enterprise.edit')}</Button> : null}
    >
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} items={items} />
      <FormModal<EnterpriseForm>
        open={editing}
        title={t('enterprise.profile.editTitle')}
        fields={[
          'address',
          'industrialParkName',
          'keyMonitoringTypes',
          'permitClass',
          'permitNumber',
          'legalRepresentative',
          'contactPerson',
          'contactPhone',
          'employees',
        ]}
        initialValues={{
          address: e.address,
          industrialParkName: e.industrialParkName,
          keyMonitoringTypes: e.keyMonitoringTypes,
          permitClass: e.permitClass,
          permitNumber: e.permitNumber,
          legalRepresentative: e.legalRepresentative,
          contactPerson: e.contactPerson,
          contactPhone: e.contactPhone,
          employees: e.employees,
        }}
        onClose={() => setEditing(false)}
        onSubmit={(v) =>
          props.write(() =>
            apiClient.call('updateEnterprise', {
              params: { id: e.id },
              body: {
                ...v,
                address: v.address || null,
                industrialParkName: v.industrialParkName || null,
                permitNumber: v.permitNumber || null,
                version: e.version,
              },
            }),
          )
        }
        width={720}
      >
        <Form.Item name="address" label={t('enterprise.profile.address')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="industrialParkName"
          label={t('enterprise.profile.park')}
          extra={t('enterprise.profile.parkHint')}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="keyMonitoringTypes" label={t('enterprise.profile.keyMonitoring')}>
          <Checkbox.Group
            options={MONITORING.map((k) => ({ value: k, label: t(`enterprise.monitoring.${k}`) }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="permitClass" label={t('enterprise.profile.permitClass')}>
            <Select
              allowClear
              style={{ width: 180 }}
              options={PERMITS.map((p) => ({ value: p, label: t(`enterprise.permit.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="permitNumber" label={t('enterprise.profile.permitNumber')}>
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="legalRepresentative" label={t('enterprise.profile.legal')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="contactPerson" label={t('enterprise.profile.contactPerson')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('enterprise.profile.contactPhone')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="employees" label={t('enterprise.profile.employees')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
      </FormModal>
    </Card>
  );
}

/** A list of sub-records with add / edit / delete through one modal form. */
function SubRecords<T extends { id: string; version: number }, V extends object>(props: {
  title: string;
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  mayWrite: boolean;
  fields: readonly string[];
  form: ReactNode;
  toForm: (row: T) => Partial<V>;
  onCreate: (v: V) => Promise<unknown>;
  onUpdate: (row: T, v: V) => Promise<unknown>;
  onDelete: (row: T) => Promise<unknown>;
  exportName: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const text = useConflictText();
  const [editing, setEditing] = useState<T | 'new' | undefined>();
  const actions: DataColumn<T> = {
    key: 'actions',
    title: t('enterprise.actions'),
    value: () => '',
    searchable: false,
    exported: false,
    width: 140,
    render: (row) => (
      <Space>
        <Button size="small" type="link" onClick={() => setEditing(row)}>
          {t('enterprise.edit')}
        </Button>
        <Popconfirm
          title={t('enterprise.deleteConfirm')}
          onConfirm={() => props.onDelete(row).catch((e: unknown) => void message.error(text(e)))}
        >
          <Button size="small" type="link" danger>
            {t('enterprise.delete')}
          </Button>
        </Popconfirm>
      </Space>
    ),
  };
  return (
    <Card title={props.title}>
      <DataTable<T>
        rows={props.rows}
        rowKey={(r) => r.id}
        columns={props.mayWrite ? [...props.columns, actions] : props.columns}
        exportName={props.exportName}
        pageSize={10}
        extra={
          props.mayWrite ? <Button onClick={() => setEditing('new')}>{t('enterprise.add')}</Button> : null
        }
      />
      <FormModal<V>
        open={editing !== undefined}
        title={
          editing === 'new'
            ? `${t('enterprise.add')} · ${props.title}`
            : `${t('enterprise.edit')} · ${props.title}`
        }
        fields={props.fields}
        initialValues={editing && editing !== 'new' ? props.toForm(editing) : undefined}
        onClose={() => setEditing(undefined)}
        onSubmit={(v) => (editing && editing !== 'new' ? props.onUpdate(editing, v) : props.onCreate(v))}
      >
        {props.form}
      </FormModal>
    </Card>
  );
}

type ProductForm = Omit<BodyOf<Api['createEnterpriseProduct']>, 'version'>;
type ProcessForm = Omit<BodyOf<Api['createEnterpriseProcess']>, 'version'>;
type EquipmentForm = Omit<BodyOf<Api['createEnterpriseEquipment']>, 'version'>;
type FacilityForm = Omit<BodyOf<Api['createTreatmentFacility']>, 'version'>;

function ProfileBody({ profile, reload }: { profile: Profile; reload: () => void }) {
  const { t } = useI18n();
  const mayWrite = useMayWrite();
  const write = useWrite(reload);
  const id = profile.enterprise.id;
  const years = useApi('listAnnualYears', { params: { enterpriseId: id } });
  // The latest year the bureau has (submitted or accepted), else the latest draft: its output value and value added.
  const byYear = [...(years.data?.items ?? [])].sort((a, b) => b.year - a.year);
  const latest = (byYear.find((y) => y.status === 'submitted' || y.status === 'accepted') ?? byYear[0])?.year;
  const latestData = useApi(
    'getAnnualData',
    latest === undefined ? null : { params: { enterpriseId: id, year: latest } },
  );
  const annualValue = (code: string) =>
    latestData.data?.values.find((v) => v.itemCode === code)?.quantity ?? null;
  const annual =
    latest === undefined
      ? undefined
      : {
          year: latest,
          gross: annualValue('economy.gross_output'),
          added: annualValue('economy.value_added'),
        };
  const processName = (pid: string | null) => profile.processes.find((p) => p.id === pid)?.name ?? '—';
  const del = (version: number) => ({ query: { version } });
  const yesNo = (b: boolean) => t(b ? 'enterprise.yes' : 'enterprise.no');

  return (
    <Flex vertical gap={16}>
      <IdentityCard enterprise={profile.enterprise} annual={annual} mayWrite={mayWrite} write={write} />
      <SubRecords<Product, ProductForm>
        title={t('enterprise.profile.products')}
        exportName="products"
        rows={profile.products}
        mayWrite={mayWrite}
        columns={[
          { key: 'name', title: t('enterprise.profile.productName'), value: (r) => r.name },
          {
            key: 'capacity',
            title: t('enterprise.profile.capacity'),
            value: (r) => r.capacity,
            render: (r) => formatQuantity(r.capacity, r.capacityUnit ?? '', 0),
            align: 'right',
          },
          { key: 'main', title: t('enterprise.profile.isMain'), value: (r) => yesNo(r.isMain) },
          { key: 'note', title: t('enterprise.profile.note'), value: (r) => r.note ?? '' },
        ]}
        fields={['name', 'capacity', 'capacityUnit', 'isMain', 'note']}
        toForm={(r) => ({
          name: r.name,
          capacity: r.capacity,
          capacityUnit: r.capacityUnit,
          isMain: r.isMain,
          note: r.note,
        })}
        onCreate={(v) => write(() => apiClient.call('createEnterpriseProduct', { params: { id }, body: v }))}
        onUpdate={(r, v) =>
          write(() =>
            apiClient.call('updateEnterpriseProduct', {
              params: { id, itemId: r.id },
              body: { ...v, version: r.version },
            }),
          )
        }
        onDelete={(r) =>
          write(() =>
            apiClient.call('deleteEnterpriseProduct', { params: { id, itemId: r.id }, ...del(r.version) }),
          )
        }
        form={
          <>
            <Form.Item name="name" label={t('enterprise.profile.productName')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Space>
              <Form.Item name="capacity" label={t('enterprise.profile.capacity')}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="capacityUnit" label={t('enterprise.profile.capacityUnit')}>
                <Input maxLength={50} placeholder="t/a、m2/a、万件/a" />
              </Form.Item>
              <Form.Item name="isMain" label={t('enterprise.profile.isMain')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
            <Form.Item name="note" label={t('enterprise.profile.note')}>
              <Input maxLength={2000} />
            </Form.Item>
          </>
        }
      />
      <SubRecords<Process, ProcessForm>
        title={t('enterprise.profile.processes')}
        exportName="processes"
        rows={profile.processes}
        mayWrite={mayWrite}
        columns={[
          { key: 'name', title: t('enterprise.profile.processName'), value: (r) => r.name },
          {
            key: 'description',
            title: t('enterprise.profile.description'),
            value: (r) => r.description ?? '',
          },
        ]}
        fields={['name', 'description']}
        toForm={(r) => ({ name: r.name, description: r.description })}
        onCreate={(v) => write(() => apiClient.call('createEnterpriseProcess', { params: { id }, body: v }))}
        onUpdate={(r, v) =>
          write(() =>
            apiClient.call('updateEnterpriseProcess', {
              params: { id, itemId: r.id },
              body: { ...v, version: r.version },
            }),
          )
        }
        onDelete={(r) =>
          write(() =>
            apiClient.call('deleteEnterpriseProcess', { params: { id, itemId: r.id }, ...del(r.version) }),
          )
        }
        form={
          <>
            <Form.Item name="name" label={t('enterprise.profile.processName')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="description" label={t('enterprise.profile.description')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        }
      />
      <SubRecords<Equipment, EquipmentForm>
        title={t('enterprise.profile.equipment')}
        exportName="equipment"
        rows={profile.equipment}
        mayWrite={mayWrite}
        columns={[
          { key: 'name', title: t('enterprise.profile.equipmentName'), value: (r) => r.name },
          { key: 'model', title: t('enterprise.profile.model'), value: (r) => r.model ?? '' },
          { key: 'process', title: t('enterprise.profile.process'), value: (r) => processName(r.processId) },
          {
            key: 'quantity',
            title: t('enterprise.profile.quantity'),
            value: (r) => r.quantity,
            align: 'right',
          },
          {
            key: 'power',
            title: t('enterprise.profile.ratedPower'),
            value: (r) => r.ratedPower_kW,
            render: (r) => formatNumber(r.ratedPower_kW, 1),
            align: 'right',
          },
          {
            key: 'year',
            title: t('enterprise.profile.commissioned'),
            value: (r) => r.commissionedYear ?? '',
          },
          {
            key: 'obsolete',
            title: t('enterprise.profile.obsolete'),
            value: (r) => yesNo(r.obsolete),
            render: (r) => (r.obsolete ? <Tag color="red">{yesNo(true)}</Tag> : yesNo(false)),
            filter: 'auto',
          },
        ]}
        fields={['name', 'model', 'processId', 'quantity', 'ratedPower_kW', 'commissionedYear', 'obsolete']}
        toForm={(r) => ({
          name: r.name,
          model: r.model,
          processId: r.processId,
          quantity: r.quantity,
          ratedPower_kW: r.ratedPower_kW,
          commissionedYear: r.commissionedYear,
          obsolete: r.obsolete,
        })}
        onCreate={(v) =>
          write(() => apiClient.call('createEnterpriseEquipment', { params: { id }, body: v }))
        }
        onUpdate={(r, v) =>
          write(() =>
            apiClient.call('updateEnterpriseEquipment', {
              params: { id, itemId: r.id },
              body: { ...v, version: r.version },
            }),
          )
        }
        onDelete={(r) =>
          write(() =>
            apiClient.call('deleteEnterpriseEquipment', { params: { id, itemId: r.id }, ...del(r.version) }),
          )
        }
        form={
          <>
            <Space wrap>
              <Form.Item
                name="name"
                label={t('enterprise.profile.equipmentName')}
                rules={[{ required: true }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="model" label={t('enterprise.profile.model')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="processId" label={t('enterprise.profile.process')}>
                <Select
                  allowClear
                  style={{ width: 200 }}
                  options={profile.processes.map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name="quantity" label={t('enterprise.profile.quantity')}>
                <InputNumber min={1} precision={0} />
              </Form.Item>
              <Form.Item name="ratedPower_kW" label={t('enterprise.profile.ratedPower')}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="commissionedYear" label={t('enterprise.profile.commissioned')}>
                <InputNumber min={1949} max={2100} precision={0} />
              </Form.Item>
              <Form.Item name="obsolete" label={t('enterprise.profile.obsolete')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
          </>
        }
      />
      <SubRecords<Facility, FacilityForm>
        title={t('enterprise.profile.facilities')}
        exportName="treatment-facilities"
        rows={profile.treatmentFacilities}
        mayWrite={mayWrite}
        columns={[
          {
            key: 'medium',
            title: t('enterprise.profile.medium'),
            value: (r) => t(`enterprise.medium.${r.medium}`),
            filter: 'auto',
          },
          { key: 'name', title: t('enterprise.profile.facilityName'), value: (r) => r.name },
          { key: 'technology', title: t('enterprise.profile.technology'), value: (r) => r.technology ?? '' },
          {
            key: 'capacity',
            title: t('enterprise.profile.designCapacity'),
            value: (r) => r.designCapacity,
            render: (r) => formatQuantity(r.designCapacity, r.capacityUnit ?? '', 0),
            align: 'right',
          },
          { key: 'outlet', title: t('enterprise.profile.outlet'), value: (r) => r.outletCode ?? '' },
          {
            key: 'status',
            title: t('enterprise.profile.facilityStatus'),
            value: (r) => t(`enterprise.facilityStatus.${r.status}`),
            filter: 'auto',
          },
        ]}
        fields={['medium', 'name', 'technology', 'designCapacity', 'capacityUnit', 'outletCode', 'status']}
        toForm={(r) => ({
          medium: r.medium,
          name: r.name,
          technology: r.technology,
          designCapacity: r.designCapacity,
          capacityUnit: r.capacityUnit,
          outletCode: r.outletCode,
          status: r.status,
        })}
        onCreate={(v) => write(() => apiClient.call('createTreatmentFacility', { params: { id }, body: v }))}
        onUpdate={(r, v) =>
          write(() =>
            apiClient.call('updateTreatmentFacility', {
              params: { id, itemId: r.id },
              body: { ...v, version: r.version },
            }),
          )
        }
        onDelete={(r) =>
          write(() =>
            apiClient.call('deleteTreatmentFacility', { params: { id, itemId: r.id }, ...del(r.version) }),
          )
        }
        form={
          <>
            <Space wrap>
              <Form.Item name="medium" label={t('enterprise.profile.medium')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 180 }}
                  options={MEDIA.map((m) => ({ value: m, label: t(`enterprise.medium.${m}`) }))}
                />
              </Form.Item>
              <Form.Item
                name="name"
                label={t('enterprise.profile.facilityName')}
                rules={[{ required: true }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="status" label={t('enterprise.profile.facilityStatus')}>
                <Select
                  style={{ width: 140 }}
                  options={FACILITY_STATUSES.map((s) => ({
                    value: s,
                    label: t(`enterprise.facilityStatus.${s}`),
                  }))}
                />
              </Form.Item>
            </Space>
            <Form.Item name="technology" label={t('enterprise.profile.technology')}>
              <Input maxLength={500} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="designCapacity" label={t('enterprise.profile.designCapacity')}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="capacityUnit" label={t('enterprise.profile.capacityUnit')}>
                <Input maxLength={50} placeholder="t/d、m3/h" />
              </Form.Item>
              <Form.Item name="outletCode" label={t('enterprise.profile.outlet')}>
                <Input maxLength={100} />
              </Form.Item>
            </Space>
          </>
        }
      />
    </Flex>
  );
}

export default function ProfilePage() {
  const { t } = useI18n();
  const scope = useEnterpriseScope();
  const profile = useApi('getEnterprise', scope.enterpriseId ? { params: { id: scope.enterpriseId } } : null);
  return (
    <EnterprisePage
      title={profile.data?.enterprise.name ?? t('enterprise.profile.title')}
      description={t('enterprise.profile.intro')}
      scope={scope}
      error={profile.error}
      loading={!profile.data}
    >
      {profile.data ? <ProfileBody profile={profile.data} reload={profile.reload} /> : null}
    </EnterprisePage>
  );
}
