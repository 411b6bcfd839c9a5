/**
 * 排放标准与能耗限额 (platform admin; readable by every role through the API): the standards the compliance checks
 * apply (issue 8). The list shows each code's newest revision (or every revision); a standard's limit tables with
 * the monitoring point, when each table applies, the benchmark drainage volumes and each value's verification
 * status; add or edit as JSON (core `standardSchema`, the server's validation errors shown by field) — an edit is
 * a new revision; withdraw.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { findPollutant } from '@cpaudit/core';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { useAction, useApi } from '../../api/hooks.ts';
import { ErrorIssues, PageHeading, SourceStatusTag, SourceText } from '../../components/admin/shared.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/context.ts';

type Summary = ResponseOf<Api['listStandards']>['items'][number];
type Detail = ResponseOf<Api['getStandard']>;

const STATUS_COLORS = { draft: 'default', active: 'green', superseded: 'orange', withdrawn: 'red' } as const;

interface SourceJson {
  document: string;
  clause?: string;
  url?: string;
  status: string;
  note?: string;
}
interface LimitJson {
  pollutant: string;
  max: number;
  min?: number;
  unit: string;
  point: 'workshop' | 'total';
  source: SourceJson;
}
interface TableJson {
  id: string;
  title: string;
  clause: string;
  special?: boolean;
  appliesTo: { installation: string; from: string | null; to: string | null }[];
  limits: LimitJson[];
  benchmarkDrainage?: { layers: string; volume_LPerM2: number; source: SourceJson }[];
}

function StandardBody({ detail }: { detail: Detail }) {
  const { t } = useI18n();
  const body = detail.body as { tables?: TableJson[]; product?: string; [k: string]: unknown };
  if (detail.kind === 'energy') {
    return (
      <Descriptions bordered size="small" column={1}>
        {['product', 'productUnit', 'limit_kgcePerUnit', 'entry_kgcePerUnit', 'advanced_kgcePerUnit'].map(
          (k) => (
            <Descriptions.Item key={k} label={k}>
              {String(body[k] ?? '—')}
            </Descriptions.Item>
          ),
        )}
      </Descriptions>
    );
  }
  return (
    <Flex vertical gap={16}>
      {(body.tables ?? []).map((tb) => (
        <Card
          key={tb.id}
          size="small"
          title={`${tb.id} ${tb.title}`}
          extra={tb.special ? <Tag color="purple">特别排放限值</Tag> : null}
        >
          <Flex vertical gap={8}>
            <div>
              {t('compliance.std.appliesTo')}：
              {tb.appliesTo
                .map((a) => `${a.installation === 'new' ? '新建' : '现有'} ${a.from ?? '…'} – ${a.to ?? '…'}`)
                .join('；')}
              （{tb.clause}）
            </div>
            <Table<LimitJson>
              size="small"
              pagination={false}
              rowKey={(r) => `${r.pollutant}|${r.point}`}
              dataSource={tb.limits}
              columns={[
                {
                  title: t('compliance.std.pollutant'),
                  render: (_, r) => findPollutant(r.pollutant)?.zh ?? r.pollutant,
                },
                {
                  title: t('compliance.std.limit'),
                  render: (_, r) => `${r.min === undefined ? '' : `${r.min}–`}${r.max} ${r.unit}`,
                },
                {
                  title: t('compliance.std.point'),
                  render: (_, r) => t(`compliance.point.${r.point}`),
                },
                {
                  title: t('compliance.std.sourceStatus'),
                  render: (_, r) => <SourceStatusTag status={r.source.status} note={r.source.note} />,
                },
              ]}
            />
            {(tb.benchmarkDrainage ?? []).length > 0 ? (
              <div>
                {t('compliance.std.benchmark')}：
                {(tb.benchmarkDrainage ?? []).map((b) => (
                  <Tag key={b.layers}>
                    {b.layers === 'multi' ? '多层镀' : '单层镀'} {b.volume_LPerM2} L/m²{' '}
                    <SourceStatusTag status={b.source.status} />
                  </Tag>
                ))}
              </div>
            ) : null}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

function JsonEditor(props: {
  title: string;
  initial: string;
  onClose: () => void;
  onSubmit: (body: unknown) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(props.initial);
  const [error, setError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      width={900}
      title={props.title}
      onCancel={props.onClose}
      confirmLoading={saving}
      onOk={async () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (e) {
          setError(new Error(t('compliance.std.badJson', { message: (e as Error).message })));
          return;
        }
        setSaving(true);
        try {
          await props.onSubmit(parsed);
          props.onClose();
        } catch (e) {
          setError(e);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Flex vertical gap={8}>
        {error instanceof Error && !('issues' in error) ? (
          <Alert type="error" showIcon title={error.message} />
        ) : (
          <ErrorIssues error={error} />
        )}
        <Input.TextArea
          aria-label={t('compliance.std.json')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={24}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
        />
      </Flex>
    </Modal>
  );
}

export default function StandardsPage() {
  const { t } = useI18n();
  const run = useAction();
  const [history, setHistory] = useState(false);
  const list = useApi('listStandards', { query: history ? { history: 'true' } : {} });
  const [openId, setOpenId] = useState<string | null>(null);
  const detail = useApi('getStandard', openId ? { params: { id: openId } } : null);
  const [editing, setEditing] = useState<{ detail: Detail | null } | null>(null);
  const columns: DataColumn<Summary>[] = [
    { key: 'code', title: t('compliance.std.code'), value: (r) => r.code, width: 150 },
    { key: 'title', title: t('compliance.std.name'), value: (r) => r.title },
    {
      key: 'kind',
      title: t('compliance.std.kind'),
      value: (r) => t(`compliance.std.kind.${r.kind}`),
      filter: 'auto',
      width: 130,
    },
    { key: 'revision', title: t('compliance.std.revision'), value: (r) => r.revision, width: 70 },
    {
      key: 'validity',
      title: t('compliance.std.validity'),
      value: (r) => `${r.validFrom ?? '…'} – ${r.validTo ?? '…'}`,
      width: 190,
    },
    {
      key: 'status',
      title: t('compliance.std.status'),
      value: (r) => r.status,
      render: (r) => (
        <Flex gap={4}>
          <Tag color={STATUS_COLORS[r.status]}>{t(`compliance.std.status.${r.status}`)}</Tag>
          {r.builtIn ? <Tag>{t('compliance.std.builtIn')}</Tag> : null}
        </Flex>
      ),
      width: 150,
    },
    { key: 'limits', title: t('compliance.std.limits'), value: (r) => r.limitCount, width: 70 },
    {
      key: 'source',
      title: t('compliance.std.sourceStatus'),
      value: (r) => r.source?.document ?? '',
      render: (r) => (r.source ? <SourceText source={r.source} /> : null),
    },
    {
      key: 'actions',
      title: '',
      value: () => '',
      exported: false,
      searchable: false,
      render: (r) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => setOpenId(r.id)}>
            {t('compliance.std.view')}
          </Button>
          {r.status === 'active' || r.status === 'draft' ? (
            <Popconfirm
              title={t('compliance.std.retireConfirm')}
              onConfirm={() =>
                run(async () => {
                  await apiClient.call('retireStandard', {
                    params: { id: r.id },
                    body: { version: r.version },
                  });
                  list.reload();
                })
              }
            >
              <Button size="small" type="link" danger>
                {t('compliance.std.retire')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
      width: 130,
    },
  ];
  const d = detail.data;
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('compliance.std.title')} description={t('compliance.std.intro')} />
      <Flex gap={12} align="center">
        <Button type="primary" onClick={() => setEditing({ detail: null })}>
          {t('compliance.std.add')}
        </Button>
        <Checkbox checked={history} onChange={(e) => setHistory(e.target.checked)}>
          {t('compliance.std.history')}
        </Checkbox>
      </Flex>
      <DataTable<Summary>
        rows={list.data?.items ?? []}
        loading={list.loading}
        columns={columns}
        rowKey={(r) => r.id}
        exportName="standards"
      />
      <Drawer
        open={openId !== null}
        width={960}
        title={d ? `${d.code} ${d.title}（${t('compliance.std.revision')} ${d.revision}）` : ''}
        onClose={() => setOpenId(null)}
        extra={
          d && (d.status === 'active' || d.status === 'draft') ? (
            <Button onClick={() => setEditing({ detail: d })}>{t('compliance.std.edit')}</Button>
          ) : null
        }
      >
        {d ? <StandardBody detail={d} /> : null}
      </Drawer>
      {editing ? (
        <JsonEditor
          title={
            editing.detail ? `${editing.detail.code} — ${t('compliance.std.edit')}` : t('compliance.std.add')
          }
          initial={JSON.stringify(editing.detail?.body ?? { kind: 'emission' }, null, 2)}
          onClose={() => setEditing(null)}
          onSubmit={async (body) => {
            const current = editing.detail;
            if (current) {
              const saved = await apiClient.call('updateStandard', {
                params: { id: current.id },
                body: { version: current.version, body: body as never },
              });
              setOpenId(saved.id);
            } else {
              await apiClient.call('createStandard', { body: { body: body as never } });
            }
            list.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}
