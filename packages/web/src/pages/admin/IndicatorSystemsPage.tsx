/**
 * 指标体系 (platform admin): the cleaner-production evaluation indicator systems, every revision of each code; one
 * system's indicators (first-level groups with their weights, second-level indicators with weights, units and the
 * level Ⅰ/Ⅱ/Ⅲ benchmarks) and sources; import of a system as JSON (core `indicatorSystemSchema`) with the
 * server's validation errors shown by field.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Modal,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { useApi } from '../../api/hooks.ts';
import { importBodyOf } from '../../components/admin/logic.ts';
import { ErrorIssues, PageHeading, SourceStatusTag, SourceText } from '../../components/admin/shared.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';

type Summary = ResponseOf<Api['listIndicatorSystems']>['items'][number];
type Detail = ResponseOf<Api['getIndicatorSystem']>;
type IndicatorRow = Detail['indicators'][number] & { children?: IndicatorRow[] };

const STATUS_COLORS = { draft: 'default', active: 'green', superseded: 'orange', withdrawn: 'red' } as const;

function levelText(v: number | string | null): string {
  if (v === null) return '—';
  return typeof v === 'number' ? formatNumber(v, 4).replace(/\.?0+$/, '') : v;
}

function IndicatorTable({ detail }: { detail: Detail }) {
  const { t } = useI18n();
  const tree = useMemo<IndicatorRow[]>(() => {
    const groups = detail.indicators.filter((r) => r.tier === 1);
    return groups.map((g) => ({ ...g, children: detail.indicators.filter((r) => r.parentCode === g.code) }));
  }, [detail]);
  const levelCol = (l: 'I' | 'II' | 'III') => ({
    key: l,
    title: t(`admin.ind.level${l}`),
    width: 200,
    render: (_: unknown, r: IndicatorRow) =>
      r.tier === 1 ? null : (
        <Typography.Paragraph
          style={{ margin: 0, maxWidth: 220 }}
          ellipsis={{ rows: 2, tooltip: levelText(r.levels[l]) }}
        >
          {levelText(r.levels[l])}
        </Typography.Paragraph>
      ),
  });
  return (
    <Table<IndicatorRow>
      size="small"
      rowKey={(r) => r.id}
      dataSource={tree}
      pagination={false}
      expandable={{ defaultExpandAllRows: true }}
      scroll={{ x: 'max-content' }}
      aria-label={t('admin.ind.indicators')}
      columns={[
        { key: 'code', title: t('admin.ind.code'), render: (_, r) => r.code, width: 90 },
        {
          key: 'name',
          title: t('admin.ind.name'),
          render: (_, r) => (r.tier === 1 ? <strong>{r.name}</strong> : r.name),
        },
        {
          key: 'weight',
          title: t('admin.ind.weight'),
          align: 'right',
          render: (_, r) => (r.weight === null ? (r.weightExpr ?? '—') : String(r.weight)),
        },
        { key: 'unit', title: t('admin.ind.unit'), render: (_, r) => r.unit ?? '' },
        {
          key: 'kind',
          title: t('admin.ind.kind'),
          render: (_, r) =>
            r.tier === 1 ? null : (
              <>
                {t(`admin.ind.kind.${r.kind}`)}
                {r.direction ? ` ${r.direction === 'le' ? '≤' : '≥'}` : ''}
                {r.restrictive ? (
                  <Tag color="red" style={{ marginInlineStart: 4 }}>
                    {t('admin.ind.restrictive')}
                  </Tag>
                ) : null}
              </>
            ),
        },
        levelCol('I'),
        levelCol('II'),
        levelCol('III'),
        {
          key: 'source',
          title: t('admin.common.source'),
          render: (_, r) =>
            r.source ? <SourceStatusTag status={r.source.status} note={r.source.note} /> : null,
        },
      ]}
    />
  );
}

function SystemDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const detail = useApi('getIndicatorSystem', id ? { params: { id } } : null);
  const d = detail.data?.id === id ? detail.data : undefined;
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size="90%"
      title={d ? `${d.name}` : t('admin.ind.title')}
    >
      {detail.error ? <ErrorIssues error={detail.error} /> : null}
      {d ? (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={3}
            items={[
              { key: 'code', label: t('admin.ind.systemCode'), children: d.code },
              { key: 'rev', label: t('admin.ind.revision'), children: d.revision },
              { key: 'year', label: t('admin.ind.year'), children: d.year },
              { key: 'issuer', label: t('admin.ind.issuer'), children: d.issuer ?? '—' },
              { key: 'industry', label: t('admin.ind.industryCodes'), children: d.industryCodes.join('、') },
              {
                key: 'status',
                label: t('admin.users.status'),
                children: <Tag color={STATUS_COLORS[d.status]}>{t(`admin.ind.status.${d.status}`)}</Tag>,
              },
              {
                key: 'source',
                label: t('admin.common.source'),
                span: 3,
                children: (
                  <Flex gap={8} align="center" wrap>
                    <SourceStatusTag status={d.source.status} />
                    <SourceText source={d.source} />
                  </Flex>
                ),
              },
            ]}
          />
          {d.source.note ? <Alert type="warning" showIcon title={d.source.note} /> : null}
          <Button
            style={{ alignSelf: 'start' }}
            href={apiClient.url('downloadIndicatorSystemTemplate', { query: { systemId: d.id } })}
          >
            {t('admin.ind.exportWorkbook')}
          </Button>
          <IndicatorTable detail={d} />
        </Flex>
      ) : null}
    </Drawer>
  );
}

function JsonImport({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(undefined);
    let body: { system: unknown };
    try {
      body = importBodyOf(text);
    } catch (e) {
      setError(new Error(t('admin.ind.notJson', { message: e instanceof Error ? e.message : String(e) })));
      return;
    }
    setBusy(true);
    try {
      // The server validates the system with the core's schema; its errors name the field.
      await apiClient.call('importIndicatorSystem', { body: body as never });
      setText('');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('admin.ind.importHint')}</Typography.Text>
      <Upload
        accept=".json,application/json"
        showUploadList={false}
        beforeUpload={(file) => {
          void file.text().then(setText);
          return false;
        }}
      >
        <Button>{t('admin.ind.chooseFile')}</Button>
      </Upload>
      <Input.TextArea
        aria-label={t('admin.ind.json')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={12}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        placeholder='{ "id": "…", "name": "…", "industry": ["3360"], "groups": [ … ] }'
      />
      {error ? <ErrorIssues error={error} /> : null}
      <Button
        type="primary"
        onClick={submit}
        loading={busy}
        disabled={text.trim() === ''}
        style={{ alignSelf: 'end' }}
      >
        {t('admin.ind.importSubmit')}
      </Button>
    </Flex>
  );
}

type WorkbookResult = ResponseOf<Api['importIndicatorSystemWorkbook']>;

function WorkbookImport({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<WorkbookResult | undefined>();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setError(undefined);
    setResult(undefined);
    setBusy(true);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      // The client sends a FormData body as multipart (part "file"); the contract types the JSON fields only.
      const r = await apiClient.call('importIndicatorSystemWorkbook', {
        query: { dryRun: 'false' },
        body: body as unknown as Record<string, never>,
      });
      setResult(r);
      if (r.ok) onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('admin.ind.workbookHint')}</Typography.Text>
      <Flex gap={8} wrap>
        <Button href={apiClient.url('downloadIndicatorSystemTemplate', { query: {} })}>
          {t('admin.ind.downloadTemplate')}
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" loading={busy}>
            {t('admin.ind.uploadWorkbook')}
          </Button>
        </Upload>
      </Flex>
      {error ? <ErrorIssues error={error} /> : null}
      {result && !result.ok ? (
        <Table
          size="small"
          aria-label={t('admin.ind.problems')}
          rowKey={(p) => `${p.sheet ?? ''}:${p.row ?? ''}:${p.cell ?? ''}:${p.message}`}
          dataSource={result.problems}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { key: 'sheet', title: t('admin.ind.sheet'), render: (_, p) => p.sheet ?? '' },
            {
              key: 'cell',
              title: t('admin.ind.cell'),
              render: (_, p) => p.cell ?? (p.row === null ? '' : `#${p.row}`),
            },
            { key: 'field', title: t('admin.log.field'), render: (_, p) => p.field ?? '' },
            { key: 'message', title: t('admin.ind.problem'), render: (_, p) => p.message },
          ]}
        />
      ) : null}
      {result?.ok && result.system ? (
        <Alert type="success" showIcon title={t('admin.ind.importedSystem', { name: result.system.name })} />
      ) : null}
    </Flex>
  );
}

function ImportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={t('admin.ind.import')}
      footer={null}
      onCancel={onClose}
      width={760}
      destroyOnHidden
    >
      <Tabs
        items={[
          {
            key: 'json',
            label: 'JSON',
            children: (
              <JsonImport
                onDone={() => {
                  onDone();
                  onClose();
                }}
              />
            ),
          },
          { key: 'xlsx', label: t('admin.ind.workbook'), children: <WorkbookImport onDone={onDone} /> },
        ]}
      />
    </Modal>
  );
}

export default function IndicatorSystemsPage() {
  const { t } = useI18n();
  const list = useApi('listIndicatorSystems', { query: { all: 'true', limit: 500 } });
  const [openId, setOpenId] = useState<string | undefined>();
  const [importing, setImporting] = useState(false);
  const columns = useMemo<DataColumn<Summary>[]>(
    () => [
      {
        key: 'name',
        title: t('admin.ind.systemName'),
        value: (s) => s.name,
        sortable: true,
        render: (s) => (
          <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(s.id)}>
            {s.name}
          </Button>
        ),
      },
      { key: 'code', title: t('admin.ind.systemCode'), value: (s) => s.code, sortable: true, filter: 'auto' },
      {
        key: 'revision',
        title: t('admin.ind.revision'),
        value: (s) => s.revision,
        sortable: true,
        align: 'right',
      },
      { key: 'year', title: t('admin.ind.year'), value: (s) => s.year, sortable: true },
      { key: 'industry', title: t('admin.ind.industryCodes'), value: (s) => s.industryCodes.join('、') },
      {
        key: 'status',
        title: t('admin.users.status'),
        value: (s) => t(`admin.ind.status.${s.status}`),
        render: (s) => <Tag color={STATUS_COLORS[s.status]}>{t(`admin.ind.status.${s.status}`)}</Tag>,
        filter: 'auto',
      },
      { key: 'count', title: t('admin.ind.indicatorCount'), value: (s) => s.indicatorCount, align: 'right' },
      {
        key: 'origin',
        title: t('admin.ind.origin'),
        value: (s) => (s.builtIn ? t('admin.ind.builtIn') : t('admin.ind.imported')),
        render: (s) =>
          s.builtIn ? (
            t('admin.ind.builtIn')
          ) : (
            <span>
              {t('admin.ind.imported')} {formatDate(s.importedAt)} {s.importedBy?.displayName ?? ''}
            </span>
          ),
        filter: 'auto',
      },
      {
        key: 'source',
        title: t('admin.common.sourceStatus'),
        value: (s) => s.source.status,
        render: (s) => <SourceStatusTag status={s.source.status} note={s.source.note} />,
      },
    ],
    [t],
  );
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('admin.ind.title')} description={t('admin.ind.intro')} />
      {list.error ? <ErrorIssues error={list.error} /> : null}
      <Card>
        <DataTable<Summary>
          rows={list.data?.items ?? []}
          columns={columns}
          rowKey={(s) => s.id}
          loading={list.loading}
          exportName={t('admin.ind.title')}
          extra={
            <Button type="primary" onClick={() => setImporting(true)}>
              {t('admin.ind.import')}
            </Button>
          }
        />
      </Card>
      <SystemDrawer id={openId} onClose={() => setOpenId(undefined)} />
      <ImportModal open={importing} onClose={() => setImporting(false)} onDone={list.reload} />
    </Flex>
  );
}
