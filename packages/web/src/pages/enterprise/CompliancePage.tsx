/**
 * `/my/compliance` — an enterprise's monitoring data (监测数据: concentration per outlet and pollutant) and the facts
 * its compliance depends on (key region, existing/new, plating layers, total-load quotas, toxic raw materials), and
 * its compliance of the year as the server computes it (issue 8): every check with the benchmark-drainage
 * conversion, the limit, standard, table and clause; quotas; the mandatory-audit conditions; the environmental tax.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { POLLUTANTS } from '@cpaudit/core';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { errorText, useAction, useApi } from '../../api/hooks.ts';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { EnterprisePage } from '../../components/enterprise/common.tsx';
import { useEnterpriseScope } from '../../components/enterprise/EnterpriseScope.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatNumber } from '../../lib/format.ts';

type Sample = ResponseOf<Api['listMonitoringSamples']>['items'][number];
type Facts = ResponseOf<Api['getComplianceFacts']>;
type Compliance = ResponseOf<Api['getCompliance']>;
type Check = Compliance['result']['checks'][number];

const WATER_POLLUTANTS = POLLUTANTS.filter((p) => p.media.includes('water')).map((p) => ({
  value: p.key,
  label: `${p.zh}（${p.key}）`,
}));
const VERDICT_COLOR = { pass: 'green', exceed: 'red', 'no-limit': 'default' } as const;

function SampleModal(props: {
  enterpriseId: string;
  year: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(undefined);
  return (
    <Modal
      open
      title={t('compliance.ent.addSample')}
      onCancel={props.onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await apiClient.call('createMonitoringSample', {
            params: { id: props.enterpriseId },
            body: {
              year: props.year,
              pointName: v.pointName,
              pointKind: v.pointKind,
              pollutant: v.pollutant,
              concentration: v.concentration,
              unit: v.pollutant === 'ph' ? 'pH' : 'mg/L',
              sampledOn: v.sampledOn ? v.sampledOn.format('YYYY-MM-DD') : null,
              sampleCount: v.sampleCount ?? 1,
              source: v.source ?? null,
            },
          });
          props.onSaved();
          props.onClose();
        } catch (e) {
          setError(e);
        }
      }}
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ pointKind: 'total', sampleCount: 1 }}>
        <Form.Item name="pointName" label={t('compliance.ent.pointName')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="pointKind" label={t('compliance.ent.pointKind')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'workshop', label: t('compliance.point.workshop') },
              { value: 'total', label: t('compliance.point.total') },
            ]}
          />
        </Form.Item>
        <Form.Item name="pollutant" label={t('compliance.ent.pollutant')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={WATER_POLLUTANTS} />
        </Form.Item>
        <Form.Item
          name="concentration"
          label={`${t('compliance.ent.concentration')}（mg/L）`}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="sampledOn" label={t('compliance.ent.sampledOn')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="sampleCount" label={t('compliance.ent.sampleCount')}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
        <Form.Item name="source" label={t('compliance.ent.source')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FactsCard(props: { enterpriseId: string; year: number; facts: Facts; onSaved: () => void }) {
  const { t } = useI18n();
  const run = useAction();
  const [form] = Form.useForm();
  const f = props.facts;
  return (
    <Card title={t('compliance.ent.facts')} size="small">
      <Form
        form={form}
        layout="inline"
        key={`${f.year}-${f.version ?? 0}`}
        initialValues={{
          keyRegion: f.keyRegion,
          installation: f.installation,
          commissionedOn: f.commissionedOn ? dayjs(f.commissionedOn) : null,
          platingLayers: f.platingLayers,
          quotas: f.loadQuotas,
          usesToxicMaterials: f.usesToxicMaterials,
          toxicMaterialsNote: f.toxicMaterialsNote,
        }}
        onFinish={(v) =>
          run(async () => {
            await apiClient.call('putComplianceFacts', {
              params: { id: props.enterpriseId, year: props.year },
              body: {
                ...(f.version === null ? {} : { version: f.version }),
                keyRegion: Boolean(v.keyRegion),
                installation: v.installation,
                commissionedOn: v.commissionedOn ? v.commissionedOn.format('YYYY-MM-DD') : null,
                platingLayers: v.platingLayers ?? null,
                loadQuotas: (v.quotas ?? []).filter(
                  (q: { pollutant?: string; quota_tPerA?: number }) =>
                    q?.pollutant && q.quota_tPerA !== undefined,
                ),
                usesToxicMaterials: Boolean(v.usesToxicMaterials),
                toxicMaterialsNote: v.toxicMaterialsNote || null,
              },
            });
            props.onSaved();
          }, t('workspace.common.saved'))
        }
      >
        <Flex vertical gap={8} style={{ width: '100%' }}>
          <Flex gap={12} wrap>
            <Form.Item name="keyRegion" valuePropName="checked">
              <Checkbox>{t('compliance.ent.keyRegion')}</Checkbox>
            </Form.Item>
            <Form.Item name="installation" label={t('compliance.ent.installation')}>
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'existing', label: t('compliance.ent.existing') },
                  { value: 'new', label: t('compliance.ent.new') },
                ]}
              />
            </Form.Item>
            <Form.Item name="commissionedOn" label={t('compliance.ent.commissionedOn')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="platingLayers" label={t('compliance.ent.platingLayers')}>
              <Select
                allowClear
                style={{ width: 120 }}
                options={[
                  { value: 'multi', label: t('compliance.ent.multi') },
                  { value: 'single', label: t('compliance.ent.single') },
                ]}
              />
            </Form.Item>
          </Flex>
          <Typography.Text>{t('compliance.ent.quotas')}</Typography.Text>
          <Form.List name="quotas">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((field) => (
                  <Space key={field.key}>
                    <Form.Item name={[field.name, 'pollutant']}>
                      <Select
                        style={{ width: 200 }}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={WATER_POLLUTANTS}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'quota_tPerA']}>
                      <InputNumber min={0} placeholder={t('compliance.ent.quota')} />
                    </Form.Item>
                    <Button size="small" onClick={() => remove(field.name)}>
                      {t('workspace.common.remove')}
                    </Button>
                  </Space>
                ))}
                <Button size="small" style={{ width: 120 }} onClick={() => add()}>
                  +
                </Button>
              </Flex>
            )}
          </Form.List>
          <Flex gap={12} wrap>
            <Form.Item name="usesToxicMaterials" valuePropName="checked">
              <Checkbox>{t('compliance.ent.usesToxic')}</Checkbox>
            </Form.Item>
            <Form.Item name="toxicMaterialsNote" label={t('compliance.ent.toxicNote')}>
              <Input style={{ width: 280 }} />
            </Form.Item>
          </Flex>
          <Button type="primary" htmlType="submit" style={{ width: 160 }}>
            {t('compliance.ent.saveFacts')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

function ResultCard({ data }: { data: Compliance }) {
  const { t } = useI18n();
  const r = data.result;
  const d = data.inputs.drainage;
  return (
    <Card title={t('compliance.ent.result')} size="small">
      <Flex vertical gap={12}>
        <Typography.Text>{r.summary}</Typography.Text>
        {d ? (
          <Typography.Text type="secondary">
            {t('compliance.ent.drainage', {
              actual: formatNumber(d.actualDrainage_m3, 0),
              area: formatNumber(d.platedArea_m2, 0),
              layers: t(d.layers === 'multi' ? 'compliance.ent.multi' : 'compliance.ent.single'),
            })}
          </Typography.Text>
        ) : null}
        {data.inputs.notes.map((n) => (
          <Alert key={n} type="info" showIcon title={n} />
        ))}
        <Space wrap>
          {r.mandatory.map((m) => (
            <Tag key={m.id} color={m.met ? 'red' : 'default'}>
              {m.zh}
              {m.met ? '' : ' ✗'}
            </Tag>
          ))}
        </Space>
        <Table<Check>
          size="small"
          pagination={false}
          rowKey={(c) => `${c.pointName}|${c.pollutant}|${c.measured}`}
          dataSource={r.checks}
          columns={[
            { title: t('compliance.ent.pointName'), dataIndex: 'pointName' },
            { title: t('compliance.ent.pollutant'), dataIndex: 'pollutantZh' },
            {
              title: t('compliance.ent.measured'),
              render: (_, c) => `${formatNumber(c.measured, 3)} ${c.unit}`,
            },
            { title: t('compliance.ent.converted'), render: (_, c) => formatNumber(c.converted, 3) },
            {
              title: t('compliance.std.limit'),
              render: (_, c) =>
                c.limit ? `${c.limit.min === undefined ? '' : `${c.limit.min}–`}${c.limit.max}` : '—',
            },
            {
              title: t('compliance.ent.verdict'),
              render: (_, c) => (
                <Tag color={VERDICT_COLOR[c.verdict]}>{t(`compliance.ent.verdict.${c.verdict}`)}</Tag>
              ),
            },
            {
              title: t('compliance.ent.clause'),
              render: (_, c) => [c.standard, c.table, c.clause].filter(Boolean).join(' '),
            },
          ]}
        />
        {data.tax ? (
          <Descriptions size="small" bordered column={1} title={t('compliance.ent.taxTitle')}>
            {data.tax.outlets.map((o) => (
              <Descriptions.Item key={o.id} label={`${o.name ?? o.id}（${o.rate_yuanPerEq} 元/当量）`}>
                {o.pollutants
                  .map(
                    (p) =>
                      `${p.pollutantZh} ${formatNumber(p.equivalents, 1)} 当量${p.taxed ? '' : '（不计税）'}`,
                  )
                  .join('；')}
                {' → '}
                {formatNumber(o.tax_yuan, 2)} 元
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('compliance.ent.taxYuan')}>
              {formatNumber(data.tax.total_yuan, 2)}（{data.tax.rates.document}）
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Flex>
    </Card>
  );
}

function ComplianceBody({ enterpriseId, years }: { enterpriseId: string; years: readonly number[] }) {
  const { t } = useI18n();
  const run = useAction();
  // The newest year with annual data (the list comes newest first or oldest first: take the largest).
  const [year, setYear] = useState<number>(
    years.length > 0 ? Math.max(...years) : new Date().getFullYear() - 1,
  );
  const [adding, setAdding] = useState(false);
  const samples = useApi('listMonitoringSamples', { params: { id: enterpriseId }, query: { year } });
  const facts = useApi('getComplianceFacts', { params: { id: enterpriseId, year } });
  const compliance = useApi('getCompliance', { params: { id: enterpriseId, year } });
  const reload = () => {
    samples.reload();
    facts.reload();
    compliance.reload();
  };
  const columns: DataColumn<Sample>[] = [
    { key: 'pointName', title: t('compliance.ent.pointName'), value: (r) => r.pointName },
    {
      key: 'pointKind',
      title: t('compliance.ent.pointKind'),
      value: (r) => t(`compliance.point.${r.pointKind}`),
    },
    { key: 'pollutant', title: t('compliance.ent.pollutant'), value: (r) => r.pollutantZh ?? r.pollutant },
    { key: 'concentration', title: t('compliance.ent.concentration'), value: (r) => r.concentration },
    { key: 'unit', title: t('compliance.ent.unit'), value: (r) => r.unit, width: 70 },
    { key: 'sampledOn', title: t('compliance.ent.sampledOn'), value: (r) => r.sampledOn ?? '' },
    { key: 'sampleCount', title: t('compliance.ent.sampleCount'), value: (r) => r.sampleCount, width: 70 },
    { key: 'source', title: t('compliance.ent.source'), value: (r) => r.source ?? '' },
    {
      key: 'actions',
      title: '',
      value: () => '',
      exported: false,
      searchable: false,
      render: (r) => (
        <Popconfirm
          title={t('workspace.common.confirmDelete')}
          onConfirm={() =>
            run(async () => {
              await apiClient.call('deleteMonitoringSample', {
                params: { id: r.id },
                query: { version: r.version },
              });
              reload();
            })
          }
        >
          <Button size="small" type="link" danger>
            {t('workspace.common.delete')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Space>
        <Typography.Text>{t('compliance.status.year')}</Typography.Text>
        <Select<number>
          value={year}
          onChange={setYear}
          style={{ width: 100 }}
          options={[...new Set([...years, year])].map((y) => ({ value: y, label: String(y) }))}
          aria-label={t('compliance.status.year')}
        />
      </Space>
      <Card
        title={t('compliance.ent.samples')}
        size="small"
        extra={
          <Button size="small" type="primary" onClick={() => setAdding(true)}>
            {t('compliance.ent.addSample')}
          </Button>
        }
      >
        <DataTable<Sample>
          rows={samples.data?.items ?? []}
          loading={samples.loading}
          columns={columns}
          rowKey={(r) => r.id}
          exportName={`监测数据-${year}`}
        />
      </Card>
      {facts.data ? (
        <FactsCard enterpriseId={enterpriseId} year={year} facts={facts.data} onSaved={reload} />
      ) : null}
      {compliance.error ? <Alert type="error" showIcon title={errorText(compliance.error)} /> : null}
      {compliance.data ? <ResultCard data={compliance.data} /> : null}
      {adding ? (
        <SampleModal
          enterpriseId={enterpriseId}
          year={year}
          onClose={() => setAdding(false)}
          onSaved={reload}
        />
      ) : null}
    </Flex>
  );
}

export default function CompliancePage() {
  const { t } = useI18n();
  const scope = useEnterpriseScope();
  const enterpriseId = scope.enterpriseId;
  const years = useApi('listAnnualYears', enterpriseId ? { params: { enterpriseId } } : null);
  return (
    <EnterprisePage
      title={t('compliance.ent.title')}
      description={t('compliance.ent.intro')}
      scope={scope}
      error={years.error}
      loading={!years.data}
    >
      {enterpriseId && years.data ? (
        <ComplianceBody
          key={enterpriseId}
          enterpriseId={enterpriseId}
          years={years.data.items.map((y) => y.year)}
        />
      ) : null}
    </EnterprisePage>
  );
}
