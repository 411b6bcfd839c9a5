/**
 * `/balances` — 物料平衡 / 水平衡 / 能量平衡 of an enterprise's processes (guideline 7.2.4.3). The list of stored
 * balances with their closure, and an editor: nodes (工序/车间) and flows (from, to, quantity in the balance's unit,
 * category: input, product, loss, discharge, recycle, …). As the user types, the input is sent (debounced) to the
 * core's `balance` calculation (`POST /api/calc/balance`), which answers the closure error against the tolerance,
 * the per-node closure, the ratios of the kind (reuse rate, efficiency, yield) and the Sankey data drawn here.
 * The enterprise's users and consultants save, change and delete balances; bureau staff and panel members read.
 */
import type { Api, BalanceKindName, BalanceResultView, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { ApiError } from '../../api/client.ts';
import { errorText, useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import {
  type BalanceFlow,
  type BalanceInput,
  endPoints,
  FLOW_CATEGORIES,
  type FlowCategory,
  flowIndexOfField,
  newBalance,
  nextFlowId,
  nextNodeId,
  UNITS_BY_KIND,
} from '../../components/enterprise/balanceDraft.ts';
import { EnterprisePage, useConflictText } from '../../components/enterprise/common.tsx';
import { useEnterpriseScope } from '../../components/enterprise/EnterpriseScope.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';

type Summary = ResponseOf<Api['listBalances']>['items'][number];
type Stored = ResponseOf<Api['getBalance']>;

const WRITER_ROLES = ['platform_admin', 'enterprise_user', 'consultant'];
const KINDS: readonly BalanceKindName[] = ['water', 'material', 'energy'];
const DEBOUNCE_MS = 300;
const NODE_COLORS = ['#0f5f63', '#1677ff', '#fa8c16', '#52c41a', '#eb2f96', '#722ed1', '#13c2c2', '#faad14'];

interface Draft {
  readonly id: string | null;
  readonly version: number;
  readonly year: number;
  readonly processName: string;
  readonly input: BalanceInput;
}

/** The core's answer for the input as typed, debounced; the error names the field (`flows.2.quantity`). */
function useLiveBalance(input: BalanceInput) {
  const [state, setState] = useState<{ result?: BalanceResultView; error?: unknown; busy: boolean }>({
    busy: true,
  });
  const seq = useRef(0);
  const key = JSON.stringify(input);
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, busy: true }));
    const timer = setTimeout(() => {
      apiClient
        .call('runCalculation', {
          params: { name: 'balance' },
          body: JSON.parse(key) as Record<string, unknown>,
        })
        .then(
          (r) => {
            if (mine === seq.current) setState({ result: r.result as BalanceResultView, busy: false });
          },
          (e: unknown) => {
            if (mine === seq.current) setState({ error: e, busy: false });
          },
        );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  return state;
}

function SankeyView({ result, title }: { result: BalanceResultView; title: string }) {
  const { t } = useI18n();
  const option: ChartOption = {
    tooltip: { trigger: 'item' },
    animationDuration: 300,
    series: [
      {
        type: 'sankey',
        left: 16,
        right: 96,
        top: 16,
        bottom: 16,
        emphasis: { focus: 'adjacency' },
        nodeGap: 14,
        layoutIterations: 32,
        data: result.sankey.nodes.map((n, i) => ({
          ...n,
          itemStyle: { color: NODE_COLORS[i % NODE_COLORS.length] },
        })),
        links: result.sankey.links,
        label: { formatter: '{b}', position: 'right' },
        lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.45 },
      },
    ],
  };
  return (
    <Chart
      option={option}
      height={360}
      ariaLabel={t('enterprise.balance.sankeyLabel', { title, unit: result.unit })}
    />
  );
}

function Editor(props: {
  enterpriseId: string;
  draft: Draft;
  mayWrite: boolean;
  onSaved: (b: Stored) => void;
  onDeleted: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const conflictText = useConflictText();
  const [draft, setDraft] = useState<Draft>(props.draft);
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft(props.draft), [props.draft]);
  const live = useLiveBalance(draft.input);
  const input = draft.input;
  const setInput = (patch: Partial<BalanceInput>) =>
    setDraft((d) => ({ ...d, input: { ...d.input, ...patch } }));
  const setFlow = (i: number, patch: Partial<BalanceFlow>) =>
    setInput({ flows: input.flows.map((f, n) => (n === i ? { ...f, ...patch } : f)) });
  const ends = useMemo(() => endPoints(input), [input]);
  const errorAt = live.error instanceof ApiError ? flowIndexOfField(live.error.field) : undefined;
  const ro = !props.mayWrite;

  const save = async () => {
    setBusy(true);
    try {
      const saved = draft.id
        ? await apiClient.call('updateBalance', {
            params: { id: draft.id },
            body: {
              version: draft.version,
              year: draft.year,
              processName: draft.processName,
              input: draft.input,
            },
          })
        : await apiClient.call('createBalance', {
            params: { id: props.enterpriseId },
            body: { year: draft.year, processName: draft.processName, input: draft.input },
          });
      void message.success(t('enterprise.saved'));
      props.onSaved(saved);
    } catch (e) {
      void message.error(conflictText(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!draft.id) return;
    try {
      await apiClient.call('deleteBalance', { params: { id: draft.id }, query: { version: draft.version } });
      props.onDeleted();
    } catch (e) {
      void message.error(conflictText(e));
    }
  };

  const r = live.result;
  const title = draft.processName || t(`enterprise.balance.kind.${input.kind}`);
  return (
    <Flex vertical gap={16}>
      <Card
        title={draft.id ? t('enterprise.balance.editing', { name: title }) : t('enterprise.balance.new')}
        extra={
          props.mayWrite ? (
            <Space>
              {draft.id ? (
                <Popconfirm title={t('enterprise.deleteConfirm')} onConfirm={remove}>
                  <Button danger>{t('enterprise.delete')}</Button>
                </Popconfirm>
              ) : null}
              <Button type="primary" onClick={save} loading={busy} disabled={draft.processName.trim() === ''}>
                {t('enterprise.save')}
              </Button>
            </Space>
          ) : null
        }
      >
        <Flex wrap gap={16} align="flex-end">
          <div>
            <div>{t('enterprise.balance.process')}</div>
            <Input
              aria-label={t('enterprise.balance.process')}
              value={draft.processName}
              disabled={ro}
              status={draft.processName.trim() === '' ? 'error' : undefined}
              placeholder={t('enterprise.balance.processPlaceholder')}
              onChange={(e) => setDraft((d) => ({ ...d, processName: e.target.value }))}
              style={{ width: 240 }}
            />
          </div>
          <div>
            <div>{t('enterprise.balance.year')}</div>
            <InputNumber
              aria-label={t('enterprise.balance.year')}
              value={draft.year}
              disabled={ro}
              min={1949}
              max={2100}
              precision={0}
              onChange={(v) => typeof v === 'number' && setDraft((d) => ({ ...d, year: v }))}
            />
          </div>
          <div>
            <div>{t('enterprise.balance.kind')}</div>
            <Segmented<BalanceKindName>
              value={input.kind}
              disabled={ro || draft.id !== null}
              options={KINDS.map((k) => ({ value: k, label: t(`enterprise.balance.kind.${k}`) }))}
              onChange={(k) => setDraft((d) => ({ ...d, input: newBalance(k) }))}
            />
          </div>
          <div>
            <div>{t('enterprise.balance.unit')}</div>
            <AutoComplete
              aria-label={t('enterprise.balance.unit')}
              value={input.unit}
              disabled={ro}
              style={{ width: 120 }}
              options={UNITS_BY_KIND[input.kind].map((u) => ({ value: u }))}
              onChange={(v: string) => setInput({ unit: v })}
            />
          </div>
          <div>
            <div>{t('enterprise.balance.tolerance')}</div>
            <InputNumber
              aria-label={t('enterprise.balance.tolerance')}
              value={input.tolerance_pct}
              disabled={ro}
              min={0}
              max={100}
              addonAfter="%"
              onChange={(v) => typeof v === 'number' && setInput({ tolerance_pct: v })}
            />
          </div>
        </Flex>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('enterprise.balance.nodes')}>
            <Flex vertical gap={8}>
              {(input.nodes ?? []).map((n, i) => (
                <Space key={n.id}>
                  <Tag>{n.id}</Tag>
                  <Input
                    aria-label={t('enterprise.balance.nodeName', { id: n.id })}
                    value={n.name ?? ''}
                    disabled={ro}
                    onChange={(e) =>
                      setInput({
                        nodes: (input.nodes ?? []).map((x, k) =>
                          k === i ? { ...x, name: e.target.value } : x,
                        ),
                      })
                    }
                    style={{ width: 220 }}
                  />
                  {ro ? null : (
                    <Button
                      size="small"
                      type="link"
                      danger
                      onClick={() => setInput({ nodes: (input.nodes ?? []).filter((_, k) => k !== i) })}
                    >
                      {t('enterprise.delete')}
                    </Button>
                  )}
                </Space>
              ))}
              {ro ? null : (
                <Button
                  size="small"
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => {
                    const nodes = input.nodes ?? [];
                    setInput({
                      nodes: [...nodes, { id: nextNodeId(nodes), name: t('enterprise.balance.newNode') }],
                    });
                  }}
                >
                  {t('enterprise.balance.addNode')}
                </Button>
              )}
            </Flex>
          </Card>
          <Card
            size="small"
            title={t('enterprise.balance.flows', { unit: input.unit })}
            style={{ marginTop: 16 }}
          >
            <Table<BalanceFlow>
              size="small"
              rowKey={(f) => f.id}
              pagination={false}
              dataSource={input.flows}
              scroll={{ x: 600 }}
              columns={[
                {
                  key: 'label',
                  title: t('enterprise.balance.flowLabel'),
                  render: (_, f, i) => (
                    <Input
                      aria-label={t('enterprise.balance.flowLabelOf', { id: f.id })}
                      value={f.label ?? ''}
                      disabled={ro}
                      onChange={(e) => setFlow(i, { label: e.target.value })}
                      style={{ width: 96 }}
                    />
                  ),
                },
                ...(['from', 'to'] as const).map((end) => ({
                  key: end,
                  title: t(`enterprise.balance.${end}`),
                  render: (_: unknown, f: BalanceFlow, i: number) => (
                    <AutoComplete
                      aria-label={t(`enterprise.balance.${end}Of`, { id: f.id })}
                      value={f[end]}
                      disabled={ro}
                      style={{ width: 100 }}
                      options={ends}
                      status={errorAt?.index === i && errorAt.field === end ? 'error' : undefined}
                      onChange={(v: string) => setFlow(i, { [end]: v })}
                    />
                  ),
                })),
                {
                  key: 'quantity',
                  title: t('enterprise.balance.quantity'),
                  render: (_, f, i) => (
                    <InputNumber
                      aria-label={t('enterprise.balance.quantityOf', { id: f.id, label: f.label ?? '' })}
                      value={f.quantity}
                      disabled={ro}
                      status={errorAt?.index === i && errorAt.field === 'quantity' ? 'error' : undefined}
                      onChange={(v) => setFlow(i, { quantity: typeof v === 'number' ? v : 0 })}
                      style={{ width: 96 }}
                    />
                  ),
                },
                {
                  key: 'category',
                  title: t('enterprise.balance.category'),
                  render: (_, f, i) => (
                    <Select<FlowCategory>
                      aria-label={t('enterprise.balance.categoryOf', { id: f.id })}
                      value={f.category}
                      disabled={ro}
                      style={{ width: 100 }}
                      status={errorAt?.index === i && errorAt.field === 'category' ? 'error' : undefined}
                      onChange={(v) => setFlow(i, { category: v })}
                      options={FLOW_CATEGORIES.map((c) => ({
                        value: c,
                        label: t(`enterprise.balance.cat.${c}`),
                      }))}
                    />
                  ),
                },
                ...(ro
                  ? []
                  : [
                      {
                        key: 'remove',
                        title: '',
                        render: (_: unknown, _f: BalanceFlow, i: number) => (
                          <Button
                            size="small"
                            type="link"
                            danger
                            disabled={input.flows.length <= 1}
                            onClick={() => setInput({ flows: input.flows.filter((_x, k) => k !== i) })}
                          >
                            {t('enterprise.delete')}
                          </Button>
                        ),
                      },
                    ]),
              ]}
            />
            {ro ? null : (
              <Button
                size="small"
                style={{ marginTop: 8 }}
                onClick={() => {
                  const first = input.nodes?.[0]?.id ?? '';
                  setInput({
                    flows: [
                      ...input.flows,
                      {
                        id: nextFlowId(input.flows),
                        from: first,
                        to: '',
                        label: '',
                        quantity: 0,
                        category: 'loss',
                      },
                    ],
                  });
                }}
              >
                {t('enterprise.balance.addFlow')}
              </Button>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('enterprise.balance.result')}>
            <Flex vertical gap={12}>
              {live.error ? <Alert type="error" showIcon title={errorText(live.error)} /> : null}
              {r ? (
                <>
                  <Flex gap={24} wrap>
                    <Statistic
                      title={t('enterprise.balance.closure')}
                      value={formatNumber(r.closureErrorPct, 2)}
                      suffix="%"
                      styles={{ content: { color: r.closes ? '#389e0d' : '#cf1322' } }}
                    />
                    <Statistic
                      title={t('enterprise.balance.in', { unit: r.unit })}
                      value={formatNumber(r.totalInput, 2)}
                    />
                    <Statistic
                      title={t('enterprise.balance.out', { unit: r.unit })}
                      value={formatNumber(r.totalOutput, 2)}
                    />
                  </Flex>
                  <Typography.Text role="status" aria-live="polite" data-testid="closure">
                    {t(r.closes ? 'enterprise.balance.closes' : 'enterprise.balance.notCloses', {
                      pct: formatNumber(r.closureErrorPct, 2),
                      tol: formatNumber(r.tolerancePct, 1),
                    })}
                  </Typography.Text>
                  <Descriptions
                    size="small"
                    column={1}
                    bordered
                    items={[
                      ...r.nodes.map((n) => ({
                        key: n.id,
                        label: t('enterprise.balance.nodeClosure', { name: n.name }),
                        children: `${formatNumber(n.in, 2)} → ${formatNumber(n.out, 2)}（${n.errorPct === null ? '—' : `${formatNumber(n.errorPct, 2)}%`}）`,
                      })),
                      ...(r.water
                        ? [
                            {
                              key: 'reuse',
                              label: t('enterprise.balance.reuseRate'),
                              children:
                                r.water.reuseRatePct === null
                                  ? '—'
                                  : `${formatNumber(r.water.reuseRatePct, 1)}%`,
                            },
                          ]
                        : []),
                      ...(r.energy
                        ? [
                            {
                              key: 'eff',
                              label: t('enterprise.balance.efficiency'),
                              children: `${formatNumber(r.energy.efficiencyPct, 1)}%`,
                            },
                          ]
                        : []),
                      ...(r.material
                        ? [
                            {
                              key: 'yield',
                              label: t('enterprise.balance.yield'),
                              children: `${formatNumber(r.material.yieldPct, 1)}%`,
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ) : null}
            </Flex>
          </Card>
          {r ? (
            <Card size="small" title={t('enterprise.balance.sankey')} style={{ marginTop: 16 }}>
              <SankeyView result={r} title={title} />
              {r.sankeyExcluded.length > 0 ? (
                <Typography.Text type="secondary">
                  {t('enterprise.balance.excluded', { ids: r.sankeyExcluded.join('、') })}
                </Typography.Text>
              ) : null}
            </Card>
          ) : null}
        </Col>
      </Row>
    </Flex>
  );
}

export default function BalancesPage() {
  const { t } = useI18n();
  const scope = useEnterpriseScope();
  const me = useCurrentUser();
  const mayWrite = me.roles.some((r) => WRITER_ROLES.includes(r.role));
  const enterpriseId = scope.enterprise?.id;
  const list = useApi('listBalances', enterpriseId ? { params: { id: enterpriseId }, query: {} } : null);
  const [selected, setSelected] = useState<string | undefined>();
  const [draft, setDraft] = useState<Draft | undefined>();
  const stored = useApi('getBalance', selected ? { params: { id: selected } } : null);
  useEffect(() => {
    if (stored.data && stored.data.id === selected)
      setDraft({
        id: stored.data.id,
        version: stored.data.version,
        year: stored.data.year,
        processName: stored.data.processName,
        input: stored.data.input,
      });
  }, [stored.data, selected]);
  const startNew = () => {
    setSelected(undefined);
    setDraft({
      id: null,
      version: 0,
      year: new Date().getFullYear() - 1,
      processName: '',
      input: newBalance('water'),
    });
  };

  const columns: DataColumn<Summary>[] = [
    { key: 'year', title: t('enterprise.balance.year'), value: (r) => r.year, sortable: true, width: 80 },
    {
      key: 'kind',
      title: t('enterprise.balance.kind'),
      value: (r) => t(`enterprise.balance.kind.${r.kind}`),
      filter: 'auto',
      width: 110,
    },
    {
      key: 'process',
      title: t('enterprise.balance.process'),
      value: (r) => r.processName,
      render: (r) => (
        <Button type="link" size="small" onClick={() => setSelected(r.id)} style={{ padding: 0 }}>
          {r.processName}
        </Button>
      ),
    },
    {
      key: 'closure',
      title: t('enterprise.balance.closure'),
      value: (r) => r.closureErrorPct,
      render: (r) =>
        r.closureErrorPct === null ? (
          <Tag color="red">{r.error?.message ?? '—'}</Tag>
        ) : (
          <Tag color={r.closes ? 'green' : 'red'}>
            {formatNumber(r.closureErrorPct, 2)}%（≤{formatNumber(r.tolerancePct, 1)}%）
          </Tag>
        ),
      align: 'right',
    },
    {
      key: 'updated',
      title: t('enterprise.balance.updated'),
      value: (r) => formatDate(r.updatedAt),
      width: 110,
    },
  ];

  return (
    <EnterprisePage
      title={t('enterprise.balance.title')}
      description={t('enterprise.balance.intro')}
      scope={scope}
      error={list.error}
      loading={!list.data}
      extra={mayWrite ? <Button onClick={startNew}>{t('enterprise.balance.new')}</Button> : null}
    >
      <Flex vertical gap={16}>
        {list.data && list.data.items.length === 0 ? (
          <Alert type="info" showIcon title={t('enterprise.balance.none')} />
        ) : (
          <DataTable<Summary>
            rows={list.data?.items ?? []}
            rowKey={(r) => r.id}
            columns={columns}
            exportName="balances"
            pageSize={10}
          />
        )}
        {stored.error ? <Alert type="error" showIcon title={errorText(stored.error)} /> : null}
        {draft && enterpriseId ? (
          <Editor
            key={draft.id ?? 'new'}
            enterpriseId={enterpriseId}
            draft={draft}
            mayWrite={mayWrite}
            onSaved={(b) => {
              list.reload();
              setSelected(b.id);
              setDraft({
                id: b.id,
                version: b.version,
                year: b.year,
                processName: b.processName,
                input: b.input,
              });
            }}
            onDeleted={() => {
              setSelected(undefined);
              setDraft(undefined);
              list.reload();
            }}
          />
        ) : list.data && list.data.items.length > 0 ? (
          <Alert
            type="info"
            showIcon
            title={t(mayWrite ? 'enterprise.balance.pick' : 'enterprise.balance.pickRead')}
          />
        ) : null}
      </Flex>
    </EnterprisePage>
  );
}
