/**
 * 审核 (guideline 7.2): data collection per enterprise (7.2.1.1, with the data-check findings highlighted so the
 * site survey targets them), site surveys (7.2.1.2), benchmarking against the audit's indicator system (each
 * indicator's distribution with the level Ⅰ/Ⅱ/Ⅲ lines, each enterprise's grade, composite index and gaps), the
 * audit focus with its weighted-sum scoring (7.2.2), the targets (7.2.3) and the status-analysis sections
 * (7.2.1.3; Appendix B 1, 3, 5). Every figure comes from the API (the core computes it on the server).
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { AUDIT_FOCUS_CRITERIA } from '@cpaudit/core';
import {
  Alert,
  Button,
  Card,
  Collapse,
  DatePicker,
  Empty,
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
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { apiClient } from '../../../api/apiClient.ts';
import { useAction, useApi } from '../../../api/hooks.ts';
import { AuditFormModal } from '../../../components/audits/forms.tsx';
import {
  COLLECTION_COLOR,
  collectionKey,
  levelKey,
  measureKey,
  orientationKey,
  surveyReasonKey,
  targetTypeKey,
} from '../../../components/audits/labels.ts';
import { Chart } from '../../../components/Chart.tsx';
import { StatusAnalysisCard } from '../../../components/compliance/StatusAnalysisCard.tsx';
import { type DataColumn, DataTable } from '../../../components/DataTable.tsx';
import { WorkbookImport } from '../../../components/enterprise/WorkbookImport.tsx';
import { useI18n } from '../../../i18n/context.ts';
import { formatDate, formatNumber, formatQuantity } from '../../../lib/format.ts';
import type { PhaseProps } from '../phaseProps.ts';

type CollectionRow = ResponseOf<Api['getAuditDataCollection']>['items'][number];
type Checks = ResponseOf<Api['checkAnnualData']>;
type Survey = ResponseOf<Api['listAuditSiteSurveys']>['items'][number];
type SurveyReason = Survey['reasons'][number];
type Focus = ResponseOf<Api['listAuditFocuses']>['items'][number];
type Orientation = Focus['orientation'];
type Target = ResponseOf<Api['listAuditTargets']>['items'][number];
type TargetType = Target['type'];
type Measure = Target['measure'];
type Evaluation = ResponseOf<Api['listEvaluations']>['items'][number];
type EvaluationDetail = ResponseOf<Api['getEvaluation']>;
type SystemDetail = ResponseOf<Api['getIndicatorSystem']>;
type Analysis = ResponseOf<Api['getAuditAnalysis']>;

const SURVEY_REASONS: readonly SurveyReason[] = [
  'incomplete_data',
  'doubtful_data',
  'key_problems',
  'routine',
];
const ORIENTATIONS: readonly Orientation[] = [
  'pollutant_reduction',
  'ghg_reduction',
  'resource_efficiency',
  'industry_chain',
  'management_compliance',
];
const TARGET_TYPES: readonly TargetType[] = [
  'pollutant_reduction',
  'ghg_reduction',
  'resource_efficiency',
  'cp_level',
  'other',
];
const MEASURES: readonly Measure[] = ['absolute', 'percent', 'intensity', 'count', 'share'];
const required = (message: string) => [{ required: true, message }];

export default function AuditPhase({ audit, canEdit }: PhaseProps) {
  const collection = useApi('getAuditDataCollection', { params: { id: audit.id }, query: { limit: 500 } });
  const listed = collection.data?.items ?? [];
  // Bumped when the status analysis creates a target: the targets card is mounted anew and lists it.
  const [targetsRevision, setTargetsRevision] = useState(0);
  return (
    <Flex vertical gap={16}>
      <DataCollectionCard
        state={collection}
        workbook={
          canEdit ? (
            <WorkbookImport audit={{ id: audit.id, title: audit.title }} onImported={collection.reload} />
          ) : null
        }
      />
      <SurveysCard auditId={audit.id} canEdit={canEdit} enterprises={listed} />
      <BenchmarkCard auditId={audit.id} systemId={audit.indicatorSystemId} enterprises={listed} />
      <FocusCard auditId={audit.id} canEdit={canEdit} />
      <TargetsCard key={targetsRevision} auditId={audit.id} canEdit={canEdit} />
      <StatusAnalysisCard
        auditId={audit.id}
        canEdit={canEdit}
        onTargetCreated={() => setTargetsRevision((r) => r + 1)}
      />
      <AnalysisCard auditId={audit.id} canEdit={canEdit} />
    </Flex>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Data collection with the data-check findings of each enterprise.

/** Runs `fn` over `items`, `limit` at a time. */
async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) {
    out.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  }
  return out;
}

function useChecks(enterpriseIds: readonly string[]): Map<string, Checks> {
  const [checks, setChecks] = useState<Map<string, Checks>>(new Map());
  const key = enterpriseIds.join(',');
  useEffect(() => {
    let live = true;
    const ids = key === '' ? [] : key.split(',');
    void inBatches(ids, 4, (enterpriseId) =>
      apiClient.call('checkAnnualData', { params: { enterpriseId }, query: {} }).catch(() => undefined),
    ).then((results) => {
      if (!live) return;
      const map = new Map<string, Checks>();
      for (const r of results) if (r) map.set(r.enterpriseId, r);
      setChecks(map);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return checks;
}

function DataCollectionCard({
  state,
  workbook,
}: {
  state: ReturnType<typeof useApi<'getAuditDataCollection'>>;
  /** Download and import of the audit's data-collection workbook (Appendix A), for those who may write. */
  workbook: ReactNode;
}) {
  const { t } = useI18n();
  const rows = state.data?.items ?? [];
  const checks = useChecks(rows.map((r) => r.enterpriseId));
  const findingsOf = (r: CollectionRow) =>
    (checks.get(r.enterpriseId)?.findings ?? []).filter((f) => f.severity !== 'info');
  const needsSurvey = (r: CollectionRow) =>
    r.collection.status === 'returned' ||
    r.collection.years.some((y) => y.missing.length > 0) ||
    findingsOf(r).length > 0;
  const columns: DataColumn<CollectionRow>[] = [
    {
      key: 'name',
      title: t('audits.prep.col.enterprise'),
      value: (r) => r.enterpriseName,
      render: (r) =>
        needsSurvey(r) ? (
          <Typography.Text type="danger" strong>
            ⚠ {r.enterpriseName}
          </Typography.Text>
        ) : (
          r.enterpriseName
        ),
      sortable: true,
    },
    {
      key: 'status',
      title: t('audits.col.status'),
      value: (r) => t(collectionKey(r.collection.status)),
      render: (r) => (
        <Tag color={COLLECTION_COLOR[r.collection.status]}>{t(collectionKey(r.collection.status))}</Tag>
      ),
      filter: 'auto',
    },
    {
      key: 'years',
      title: t('audits.ph.col.years'),
      width: 320,
      value: (r) => r.collection.years.map((y) => `${y.year}:${y.itemsPresent}/${y.itemsRequired}`).join(' '),
      render: (r) => (
        <Flex vertical gap={2}>
          {r.collection.years.map((y) => (
            <Typography.Text
              key={y.year}
              style={{ fontSize: 12 }}
              type={y.missing.length > 0 ? 'danger' : undefined}
            >
              {y.year}：{y.itemsPresent}/{y.itemsRequired}
              {y.missing.length > 0
                ? ` · ${t('audits.ph.collection.missing', { items: y.missing.join('、') })}`
                : ''}
              {y.returnReason ? ` · ${t('audits.ph.collection.returned', { reason: y.returnReason })}` : ''}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      key: 'findings',
      title: t('audits.ph.col.findings'),
      value: (r) =>
        findingsOf(r)
          .map((f) => f.message)
          .join('；'),
      render: (r) => {
        const list = findingsOf(r);
        if (list.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <ul style={{ margin: 0, paddingInlineStart: 16, maxWidth: 520 }}>
            {list.slice(0, 3).map((f) => (
              <li key={`${f.rule}-${f.year ?? ''}-${f.item ?? ''}-${f.message}`}>
                <Typography.Text
                  type={f.severity === 'error' ? 'danger' : 'warning'}
                  style={{ fontSize: 12 }}
                >
                  {f.message}
                </Typography.Text>
              </li>
            ))}
            {list.length > 3 ? <li>…（{list.length}）</li> : null}
          </ul>
        );
      },
    },
  ];
  const counts = state.data?.counts;
  return (
    <Card
      title={t('audits.ph.collection')}
      extra={
        counts ? (
          <Space size={4} wrap>
            {(Object.keys(counts) as (keyof typeof counts)[]).map((s) => (
              <Tag key={s} color={COLLECTION_COLOR[s]}>
                {t(collectionKey(s))} {counts[s]}
              </Tag>
            ))}
          </Space>
        ) : null
      }
    >
      <Alert type="info" showIcon title={t('audits.ph.collection.hint')} style={{ marginBottom: 12 }} />
      {workbook ? <div style={{ marginBottom: 12 }}>{workbook}</div> : null}
      <DataTable<CollectionRow>
        rows={rows}
        loading={state.loading}
        columns={columns}
        rowKey={(r) => r.enterpriseId}
        exportName={t('audits.ph.collection.export')}
        pageSize={10}
      />
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Site surveys (7.2.1.2).

/** A long free text in a table cell: two lines, the whole text on hover. */
function LongText({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <Typography.Paragraph style={{ maxWidth: 320, marginBottom: 0 }} ellipsis={{ rows: 2, tooltip: text }}>
      {text}
    </Typography.Paragraph>
  );
}

interface SurveyValues {
  enterpriseId: string;
  surveyedOn: Dayjs;
  surveyors?: string;
  reasons?: SurveyReason[];
  findings?: string;
  suggestions?: string;
}

function SurveysCard({
  auditId,
  canEdit,
  enterprises,
}: {
  auditId: string;
  canEdit: boolean;
  enterprises: readonly CollectionRow[];
}) {
  const { t } = useI18n();
  const run = useAction();
  const { data, loading, reload } = useApi('listAuditSiteSurveys', {
    params: { id: auditId },
    query: { limit: 500 },
  });
  // null: closed; 'new': adding; a survey: editing it.
  const [editing, setEditing] = useState<Survey | 'new' | null>(null);
  const columns: DataColumn<Survey>[] = [
    {
      key: 'date',
      title: t('audits.ph.survey.date'),
      value: (s) => s.surveyedOn,
      sortable: true,
      width: 120,
    },
    {
      key: 'enterprise',
      title: t('audits.ph.survey.enterprise'),
      value: (s) => s.enterpriseName,
      filter: 'auto',
    },
    { key: 'surveyors', title: t('audits.ph.survey.surveyors'), value: (s) => s.surveyors ?? '' },
    {
      key: 'reasons',
      title: t('audits.ph.survey.reasons'),
      value: (s) => s.reasons.map((r) => t(surveyReasonKey(r))).join('、'),
      render: (s) => (
        <Space size={4} wrap>
          {s.reasons.map((r) => (
            <Tag key={r}>{t(surveyReasonKey(r))}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'findings',
      title: t('audits.ph.survey.findings'),
      value: (s) => s.findings ?? '',
      render: (s) => <LongText text={s.findings} />,
    },
    {
      key: 'suggestions',
      title: t('audits.ph.survey.suggestions'),
      value: (s) => s.suggestions ?? '',
      render: (s) => <LongText text={s.suggestions} />,
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('audits.common.actions'),
      value: () => '',
      exported: false,
      render: (s) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setEditing(s)}>
            {t('audits.common.edit')}
          </Button>
          <Popconfirm
            title={t('audits.common.confirmDelete')}
            onConfirm={async () => {
              const ok = await run(
                () =>
                  apiClient.call('deleteAuditSiteSurvey', {
                    params: { id: auditId, surveyId: s.id },
                    query: { version: s.version },
                  }),
                t('audits.common.deleted'),
              );
              if (ok) reload();
            }}
          >
            <Button size="small" danger type="link">
              {t('audits.common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }
  return (
    <Card title={t('audits.ph.surveys')}>
      <DataTable<Survey>
        rows={data?.items ?? []}
        loading={loading}
        columns={columns}
        rowKey={(s) => s.id}
        pageSize={10}
        extra={
          canEdit ? <Button onClick={() => setEditing('new')}>{t('audits.ph.survey.add')}</Button> : null
        }
      />
      <AuditFormModal<SurveyValues>
        key={editing === null || editing === 'new' ? 'new' : editing.id}
        open={editing !== null}
        title={editing !== null && editing !== 'new' ? t('audits.ph.survey.edit') : t('audits.ph.survey.add')}
        fields={['enterpriseId', 'surveyedOn', 'surveyors', 'reasons', 'findings', 'suggestions']}
        initialValues={
          editing !== null && editing !== 'new'
            ? {
                enterpriseId: editing.enterpriseId,
                surveyedOn: dayjs(editing.surveyedOn),
                surveyors: editing.surveyors ?? undefined,
                reasons: editing.reasons,
                findings: editing.findings ?? undefined,
                suggestions: editing.suggestions ?? undefined,
              }
            : undefined
        }
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          const fields = {
            surveyedOn: v.surveyedOn.format('YYYY-MM-DD'),
            surveyors: v.surveyors || null,
            reasons: v.reasons ?? [],
            findings: v.findings || null,
            suggestions: v.suggestions || null,
          };
          if (editing !== null && editing !== 'new') {
            await apiClient.call('updateAuditSiteSurvey', {
              params: { id: auditId, surveyId: editing.id },
              body: { version: editing.version, ...fields },
            });
          } else {
            await apiClient.call('createAuditSiteSurvey', {
              params: { id: auditId },
              body: { enterpriseId: v.enterpriseId, ...fields },
            });
          }
          reload();
        }}
      >
        <Form.Item
          name="enterpriseId"
          label={t('audits.ph.survey.enterprise')}
          rules={required(t('audits.create.required'))}
        >
          <Select
            disabled={editing !== null && editing !== 'new'}
            showSearch={{ optionFilterProp: 'label' }}
            options={enterprises.map((e) => ({ value: e.enterpriseId, label: e.enterpriseName }))}
          />
        </Form.Item>
        <Form.Item
          name="surveyedOn"
          label={t('audits.ph.survey.date')}
          rules={required(t('audits.create.required'))}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="surveyors" label={t('audits.ph.survey.surveyors')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="reasons" label={t('audits.ph.survey.reasons')}>
          <Select
            mode="multiple"
            options={SURVEY_REASONS.map((r) => ({ value: r, label: t(surveyReasonKey(r)) }))}
          />
        </Form.Item>
        <Form.Item name="findings" label={t('audits.ph.survey.findings')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="suggestions" label={t('audits.ph.survey.suggestions')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </AuditFormModal>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Benchmarking against the audit's indicator system.

interface Point {
  readonly label: string;
  readonly value: number;
  readonly level: string;
}

const LEVEL_COLOR: Readonly<Record<string, string>> = {
  I: '#389e0d',
  II: '#1677ff',
  III: '#faad14',
  none: '#ff4d4f',
  'not-applicable': '#bfbfbf',
  unrated: '#bfbfbf',
};

function BenchmarkCard({
  auditId,
  systemId,
  enterprises,
}: {
  auditId: string;
  systemId: string | null;
  enterprises: readonly CollectionRow[];
}) {
  const { t } = useI18n();
  if (!systemId) {
    return (
      <Card title={t('audits.ph.bench')}>
        <Empty description={t('audits.ph.bench.noSystem')} />
      </Card>
    );
  }
  return <Benchmark auditId={auditId} systemId={systemId} enterprises={enterprises} />;
}

function Benchmark({
  auditId,
  systemId,
  enterprises,
}: {
  auditId: string;
  systemId: string;
  enterprises: readonly CollectionRow[];
}) {
  const { t } = useI18n();
  const system = useApi('getIndicatorSystem', { params: { id: systemId } });
  const years = useMemo(
    () =>
      [...new Set(enterprises.flatMap((e) => e.collection.years.map((y) => y.year)))].sort((a, b) => b - a),
    [enterprises],
  );
  const [year, setYear] = useState<number | undefined>();
  const chosenYear = year ?? years[0];
  const indicators = useMemo(
    () =>
      (system.data?.indicators ?? []).filter(
        (i) => i.tier === 2 && i.kind === 'quantitative' && typeof i.levels.I === 'number',
      ),
    [system.data],
  );
  const [indicator, setIndicator] = useState<string | undefined>();
  const chosen = indicators.find((i) => i.code === indicator) ?? indicators[0];
  const coreId = chosen ? coreIndicatorId(system.data, chosen.name) : undefined;

  const listedIds = useMemo(() => new Set(enterprises.map((e) => e.enterpriseId)), [enterprises]);
  const evaluations = useApi(
    'listEvaluations',
    chosenYear === undefined ? null : { query: { systemId, year: chosenYear, limit: 500 } },
  );
  const ours = (evaluations.data?.items ?? []).filter((e) => listedIds.has(e.enterpriseId));
  const details = useEvaluationDetails(ours.map((e) => e.id));
  const bench = useApi(
    'benchmarkIndicator',
    coreId && chosenYear !== undefined
      ? // The audit's enterprises only (at most 500 bars: the page size limit, and an audit's usual size).
        { params: { id: systemId }, query: { indicator: coreId, year: chosenYear, auditId, limit: 500 } }
      : null,
  );

  // The distribution: the indicator values stored for the audit's enterprises (benchmarkIndicator); when none are
  // stored as annual items, the values the enterprises' evaluations were computed from.
  const points: Point[] = useMemo(() => {
    const fromBench = (bench.data?.entries ?? [])
      .filter((e) => e.enterpriseId !== null && listedIds.has(e.enterpriseId) && e.value !== null)
      .map((e) => ({ label: e.label, value: e.value ?? 0, level: e.level }));
    if (fromBench.length > 0 || !chosen) return fromBench;
    const out: Point[] = [];
    for (const d of details.values()) {
      const row = d.indicators.find((i) => i.code === chosen.code);
      if (row && row.value !== null) {
        const level = row.level === null || row.level === 'unrated' ? 'none' : row.level;
        out.push({ label: d.enterpriseName, value: row.value, level });
      }
    }
    const dir = chosen.direction === 'ge' ? -1 : 1;
    return out.sort((a, b) => (a.value - b.value) * dir);
  }, [bench.data, details, chosen, listedIds]);

  const [gapsOf, setGapsOf] = useState<EvaluationDetail | null>(null);
  const gradeColumns: DataColumn<Evaluation>[] = [
    { key: 'name', title: t('audits.prep.col.enterprise'), value: (e) => e.enterpriseName, sortable: true },
    {
      key: 'grade',
      title: t('audits.ph.bench.col.grade'),
      value: (e) => t(levelKey(e.grade ?? 'unrated')),
      render: (e) => <Tag color={LEVEL_COLOR[e.grade ?? 'unrated']}>{t(levelKey(e.grade ?? 'unrated'))}</Tag>,
      filter: 'auto',
    },
    {
      key: 'yI',
      title: 'Y_I',
      value: (e) => e.Y.I,
      render: (e) => formatNumber(e.Y.I, 2),
      sortable: true,
      align: 'right',
    },
    {
      key: 'yII',
      title: 'Y_II',
      value: (e) => e.Y.II,
      render: (e) => formatNumber(e.Y.II, 2),
      sortable: true,
      align: 'right',
    },
    {
      key: 'yIII',
      title: 'Y_III',
      value: (e) => e.Y.III,
      render: (e) => formatNumber(e.Y.III, 2),
      sortable: true,
      align: 'right',
    },
    {
      key: 'gaps',
      title: t('audits.ph.bench.col.gap'),
      value: () => '',
      exported: false,
      render: (e) => {
        const d = details.get(e.id);
        return d ? (
          <Button size="small" type="link" onClick={() => setGapsOf(d)}>
            {t('audits.ph.bench.col.gap')}
          </Button>
        ) : null;
      },
    },
  ];

  const levels = chosen?.levels;
  const lines = (['I', 'II', 'III'] as const).flatMap((l) =>
    typeof levels?.[l] === 'number'
      ? [
          {
            yAxis: levels[l] as number,
            name: t('audits.ph.bench.levelLine', { level: l }),
            lineStyle: { color: LEVEL_COLOR[l], type: 'dashed' as const },
            label: { formatter: `${t(levelKey(l))} ${levels[l]}`, position: 'insideEndTop' as const },
          },
        ]
      : [],
  );
  const counts = { I: 0, II: 0, III: 0, none: 0 } as Record<string, number>;
  for (const p of points) if (p.level in counts) counts[p.level] = (counts[p.level] ?? 0) + 1;

  return (
    <Card
      title={t('audits.ph.bench')}
      extra={
        <Space wrap>
          <Select
            aria-label={t('audits.ph.bench.indicator')}
            style={{ width: 260 }}
            value={chosen?.code}
            onChange={setIndicator}
            options={indicators.map((i) => ({
              value: i.code,
              label: `${i.code} ${i.name}（${i.unit ?? ''}）`,
            }))}
          />
          <Select
            aria-label={t('audits.ph.bench.year')}
            style={{ width: 100 }}
            value={chosenYear}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: String(y) }))}
          />
        </Space>
      }
    >
      {system.data ? <Typography.Paragraph type="secondary">{system.data.name}</Typography.Paragraph> : null}
      {chosen && points.length > 0 ? (
        <>
          <Chart
            height={360}
            ariaLabel={t('audits.ph.bench.aria', { name: chosen.name })}
            option={{
              grid: { left: 8, right: 96, top: 24, bottom: 8, containLabel: true },
              tooltip: { trigger: 'axis' },
              xAxis: {
                type: 'category',
                data: points.map((p) => p.label),
                axisLabel: {
                  rotate: 40,
                  fontSize: 10,
                  formatter: (v: string) => (v.length > 8 ? `${v.slice(0, 8)}…` : v),
                },
              },
              yAxis: { type: 'value', name: chosen.unit ?? '' },
              series: [
                {
                  type: 'bar',
                  name: chosen.name,
                  data: points.map((p) => ({
                    value: p.value,
                    itemStyle: { color: LEVEL_COLOR[p.level] ?? '#bfbfbf' },
                  })),
                  markLine: { symbol: 'none', data: lines },
                },
              ],
            }}
          />
          <Typography.Text>
            {t('audits.ph.bench.counts', {
              I: counts.I ?? 0,
              II: counts.II ?? 0,
              III: counts.III ?? 0,
              none: counts.none ?? 0,
            })}
          </Typography.Text>
        </>
      ) : (
        <Empty />
      )}
      <Typography.Title level={5}>{t('audits.ph.bench.grades')}</Typography.Title>
      <DataTable<Evaluation>
        rows={ours}
        loading={evaluations.loading}
        columns={gradeColumns}
        rowKey={(e) => e.id}
        exportName={t('audits.ph.bench.grades.export')}
        pageSize={10}
      />
      <Modal
        open={gapsOf !== null}
        title={gapsOf ? t('audits.ph.bench.gaps', { name: gapsOf.enterpriseName }) : ''}
        footer={null}
        width={900}
        onCancel={() => setGapsOf(null)}
      >
        {gapsOf ? (
          <Table
            size="small"
            pagination={false}
            rowKey="indicatorId"
            dataSource={gapsOf.indicators.filter((i) => i.applicable)}
            columns={[
              { key: 'code', title: '#', dataIndex: 'code', width: 56 },
              { key: 'name', title: t('audits.ph.bench.indicator'), dataIndex: 'name' },
              {
                key: 'value',
                title: t('audits.ph.bench.col.value'),
                render: (_, i) =>
                  i.value !== null ? `${formatNumber(i.value, 2)} ${i.unit ?? ''}` : (i.valueText ?? '—'),
              },
              {
                key: 'level',
                title: t('audits.ph.bench.col.level'),
                render: (_, i) => (
                  <Tag color={LEVEL_COLOR[i.level ?? 'unrated']}>{t(levelKey(i.level ?? 'unrated'))}</Tag>
                ),
              },
              { key: 'note', title: t('audits.ph.bench.col.gap'), render: (_, i) => i.note ?? '' },
            ]}
          />
        ) : null}
      </Modal>
    </Card>
  );
}

/** The core id of an indicator (`rinse-water-per-area`) from the system's definition, found by its name. */
function coreIndicatorId(system: SystemDetail | undefined, name: string): string | undefined {
  const groups = (
    system?.definition as { groups?: { indicators?: { id: string; name: string }[] }[] } | undefined
  )?.groups;
  for (const g of groups ?? []) for (const i of g.indicators ?? []) if (i.name === name) return i.id;
  return undefined;
}

function useEvaluationDetails(ids: readonly string[]): Map<string, EvaluationDetail> {
  const [map, setMap] = useState<Map<string, EvaluationDetail>>(new Map());
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    const list = key === '' ? [] : key.split(',');
    void inBatches(list, 4, (id) =>
      apiClient.call('getEvaluation', { params: { id } }).catch(() => undefined),
    ).then((results) => {
      if (!live) return;
      const m = new Map<string, EvaluationDetail>();
      for (const r of results) if (r) m.set(r.id, r);
      setMap(m);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return map;
}

// ---------------------------------------------------------------------------------------------------------------
// Audit focus (7.2.2) with the weighted-sum scoring.

/** The stored R per criterion, e.g. "废物量 9 · 主要消耗 8" (the inputs of the stored scoring breakdown). */
function scoreTerms(f: Focus): string {
  return (f.scoring?.inputs ?? [])
    .map((i) => `${i.name.replace(/（W=.*$/, '').replace(/（.*?）/g, '')} ${String(i.value)}`)
    .join(' · ');
}

interface FocusValues {
  orientation: Orientation;
  title: string;
  description?: string;
}

function FocusCard({ auditId, canEdit }: { auditId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const run = useAction();
  const { data, loading, reload } = useApi('listAuditFocuses', {
    params: { id: auditId },
    query: { limit: 200, sort: 'sortOrder' },
  });
  const [adding, setAdding] = useState(false);
  const [scoring, setScoring] = useState(false);
  const focuses = data?.items ?? [];
  const columns: DataColumn<Focus>[] = [
    { key: 'title', title: t('audits.ph.focus.title'), value: (f) => f.title, sortable: true },
    {
      key: 'orientation',
      title: t('audits.ph.focus.orientation'),
      value: (f) => t(orientationKey(f.orientation)),
      filter: 'auto',
    },
    {
      key: 'score',
      title: t('audits.ph.focus.total'),
      value: (f) => f.score,
      render: (f) => formatNumber(f.score, 0),
      sortable: true,
      align: 'right',
    },
    {
      key: 'selected',
      title: t('audits.ph.focus.selected'),
      value: (f) => (f.selected ? t('audits.ph.focus.selected') : ''),
      render: (f) => (f.selected ? <Tag color="green">{t('audits.ph.focus.selected')}</Tag> : null),
      filter: 'auto',
    },
    {
      key: 'terms',
      title: t('audits.ph.focus.terms'),
      value: (f) => scoreTerms(f),
      render: (f) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {scoreTerms(f) || '—'}
        </Typography.Text>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('audits.common.actions'),
      value: () => '',
      exported: false,
      render: (f) => (
        <Popconfirm
          title={t('audits.common.confirmDelete')}
          onConfirm={async () => {
            const ok = await run(
              () =>
                apiClient.call('deleteAuditFocus', {
                  params: { id: auditId, focusId: f.id },
                  query: { version: f.version },
                }),
              t('audits.common.deleted'),
            );
            if (ok) reload();
          }}
        >
          <Button size="small" danger type="link">
            {t('audits.common.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }
  return (
    <Card title={t('audits.ph.focus')}>
      <DataTable<Focus>
        rows={focuses}
        loading={loading}
        columns={columns}
        rowKey={(f) => f.id}
        pageSize={10}
        extra={
          canEdit ? (
            <Space>
              <Button onClick={() => setAdding(true)}>{t('audits.ph.focus.add')}</Button>
              <Button type="primary" disabled={focuses.length === 0} onClick={() => setScoring(true)}>
                {t('audits.ph.focus.score')}
              </Button>
            </Space>
          ) : null
        }
      />
      <AuditFormModal<FocusValues>
        open={adding}
        title={t('audits.ph.focus.add')}
        fields={['orientation', 'title', 'description']}
        initialValues={{ orientation: 'pollutant_reduction' }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await apiClient.call('createAuditFocus', {
            params: { id: auditId },
            body: { orientation: v.orientation, title: v.title, description: v.description || null },
          });
          reload();
        }}
      >
        <Form.Item name="orientation" label={t('audits.ph.focus.orientation')}>
          <Select options={ORIENTATIONS.map((o) => ({ value: o, label: t(orientationKey(o)) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('audits.ph.focus.title')}
          rules={required(t('audits.create.required'))}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('audits.create.scope')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </AuditFormModal>
      {scoring ? (
        <FocusScoringModal
          auditId={auditId}
          focuses={focuses}
          onClose={() => setScoring(false)}
          onScored={reload}
        />
      ) : null}
    </Card>
  );
}

/** R (1–10) per focus and criterion of the shipped `audit-focus` set; the server computes Σ R×W and the ranks. */
function FocusScoringModal(props: {
  auditId: string;
  focuses: readonly Focus[];
  onClose: () => void;
  onScored: () => void;
}) {
  const { t } = useI18n();
  const run = useAction();
  const criteria = AUDIT_FOCUS_CRITERIA.criteria;
  const initial = () => {
    const out: Record<string, Record<string, number>> = {};
    for (const f of props.focuses) {
      const inputs = f.scoring?.inputs ?? [];
      out[f.id] = {};
      for (const c of criteria) {
        // The stored scoring names each input "<criterion>（W=<weight>）" with R as its value.
        const stored = inputs.find((i) => i.name.startsWith(c.name))?.value;
        (out[f.id] as Record<string, number>)[c.id] = typeof stored === 'number' ? stored : 5;
      }
    }
    return out;
  };
  const [scores, setScores] = useState(initial);
  const [top, setTop] = useState<number>(
    // Keep the current choice unless the user changes N.
    props.focuses.filter((f) => f.selected).length || Math.min(3, props.focuses.length),
  );
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const ok = await run(
      () =>
        apiClient.call('scoreAuditFocuses', {
          params: { id: props.auditId },
          body: {
            candidates: props.focuses.map((f) => ({
              focusId: f.id,
              version: f.version,
              scores: scores[f.id] ?? {},
            })),
            selectTop: top,
          },
        }),
      t('audits.common.saved'),
    );
    setBusy(false);
    if (ok) {
      props.onScored();
      props.onClose();
    }
  };
  return (
    <Modal
      open
      width={1000}
      title={t('audits.ph.focus.score')}
      okText={t('audits.common.save')}
      cancelText={t('audits.common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
    >
      <Typography.Paragraph type="secondary">{t('audits.ph.focus.scoreHint')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={[...props.focuses]}
        scroll={{ x: true }}
        columns={[
          { key: 'title', title: t('audits.ph.focus.title'), dataIndex: 'title', fixed: 'left', width: 180 },
          ...criteria.map((c) => ({
            key: c.id,
            title: `${c.name}（W=${c.weight}）`,
            render: (_: unknown, f: Focus) => (
              <InputNumber
                aria-label={`${f.title} ${c.name}`}
                min={1}
                max={10}
                size="small"
                value={scores[f.id]?.[c.id]}
                onChange={(v) =>
                  setScores((s) => ({ ...s, [f.id]: { ...(s[f.id] ?? {}), [c.id]: Number(v ?? 1) } }))
                }
              />
            ),
          })),
        ]}
      />
      <Flex gap={8} align="center" style={{ marginTop: 12 }}>
        <Typography.Text>{t('audits.ph.focus.selectTop')}</Typography.Text>
        <InputNumber
          min={0}
          max={props.focuses.length}
          value={top}
          onChange={(v) => setTop(Number(v ?? 0))}
        />
      </Flex>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Targets (7.2.3).

interface TargetValues {
  type: TargetType;
  indicator: string;
  measure: Measure;
  unit: string;
  baselineValue?: number | null;
  baselineYear?: number | null;
  nearTermValue: number;
  nearTermDue?: Dayjs | null;
  longTermValue?: number | null;
  longTermDue?: Dayjs | null;
}

function TargetsCard({ auditId, canEdit }: { auditId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const run = useAction();
  const { data, loading, reload } = useApi('listAuditTargets', {
    params: { id: auditId },
    query: { limit: 500 },
  });
  // null: closed; 'new': adding; a target: editing it.
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const value = (v: number | null, unit: string, measure: Measure) =>
    measure === 'percent' ? formatQuantity(v, '%') : formatQuantity(v, unit);
  const columns: DataColumn<Target>[] = [
    {
      key: 'type',
      title: t('audits.ph.target.type'),
      value: (x) => t(targetTypeKey(x.type)),
      filter: 'auto',
    },
    { key: 'indicator', title: t('audits.ph.target.indicator'), value: (x) => x.indicator, sortable: true },
    {
      key: 'measure',
      title: t('audits.ph.target.measure'),
      value: (x) => t(measureKey(x.measure)),
      filter: 'auto',
    },
    {
      key: 'baseline',
      title: t('audits.ph.target.baseline'),
      value: (x) => x.baselineValue,
      render: (x) =>
        `${formatQuantity(x.baselineValue, x.unit)}${x.baselineYear ? `（${x.baselineYear}）` : ''}`,
      align: 'right',
    },
    {
      key: 'near',
      title: t('audits.ph.target.near'),
      value: (x) => x.nearTermValue,
      render: (x) =>
        `${value(x.nearTermValue, x.unit, x.measure)}${x.nearTermDue ? ` · ${formatDate(x.nearTermDue)}` : ''}`,
      align: 'right',
    },
    {
      key: 'long',
      title: t('audits.ph.target.long'),
      value: (x) => x.longTermValue,
      render: (x) =>
        `${value(x.longTermValue, x.unit, x.measure)}${x.longTermDue ? ` · ${formatDate(x.longTermDue)}` : ''}`,
      align: 'right',
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('audits.common.actions'),
      value: () => '',
      exported: false,
      render: (x) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setEditing(x)}>
            {t('audits.common.edit')}
          </Button>
          <Popconfirm
            title={t('audits.common.confirmDelete')}
            onConfirm={async () => {
              const ok = await run(
                () =>
                  apiClient.call('deleteAuditTarget', {
                    params: { id: auditId, targetId: x.id },
                    query: { version: x.version },
                  }),
                t('audits.common.deleted'),
              );
              if (ok) reload();
            }}
          >
            <Button size="small" danger type="link">
              {t('audits.common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }
  const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
  return (
    <Card title={t('audits.ph.targets')} data-testid="audit-targets">
      <DataTable<Target>
        rows={data?.items ?? []}
        loading={loading}
        columns={columns}
        rowKey={(x) => x.id}
        pageSize={10}
        extra={
          canEdit ? <Button onClick={() => setEditing('new')}>{t('audits.ph.target.add')}</Button> : null
        }
      />
      <AuditFormModal<TargetValues>
        key={editing === null || editing === 'new' ? 'new' : editing.id}
        open={editing !== null}
        width={720}
        title={editing !== null && editing !== 'new' ? t('audits.ph.target.edit') : t('audits.ph.target.add')}
        fields={[
          'type',
          'indicator',
          'measure',
          'unit',
          'baselineValue',
          'baselineYear',
          'nearTermValue',
          'nearTermDue',
          'longTermValue',
          'longTermDue',
        ]}
        initialValues={
          editing !== null && editing !== 'new'
            ? {
                type: editing.type,
                indicator: editing.indicator,
                measure: editing.measure,
                unit: editing.unit,
                baselineValue: editing.baselineValue,
                baselineYear: editing.baselineYear,
                nearTermValue: editing.nearTermValue,
                nearTermDue: editing.nearTermDue ? dayjs(editing.nearTermDue) : null,
                longTermValue: editing.longTermValue,
                longTermDue: editing.longTermDue ? dayjs(editing.longTermDue) : null,
              }
            : { type: 'pollutant_reduction', measure: 'percent', unit: 't/a' }
        }
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          const fields = {
            type: v.type,
            indicator: v.indicator,
            measure: v.measure,
            unit: v.unit,
            baselineValue: v.baselineValue ?? null,
            baselineYear: v.baselineYear ?? null,
            nearTermValue: v.nearTermValue,
            nearTermDue: iso(v.nearTermDue),
            longTermValue: v.longTermValue ?? null,
            longTermDue: iso(v.longTermDue),
          };
          if (editing !== null && editing !== 'new') {
            await apiClient.call('updateAuditTarget', {
              params: { id: auditId, targetId: editing.id },
              body: { version: editing.version, ...fields },
            });
          } else {
            await apiClient.call('createAuditTarget', { params: { id: auditId }, body: fields });
          }
          reload();
        }}
      >
        <Flex gap={12} wrap>
          <Form.Item name="type" label={t('audits.ph.target.type')} style={{ minWidth: 200 }}>
            <Select options={TARGET_TYPES.map((x) => ({ value: x, label: t(targetTypeKey(x)) }))} />
          </Form.Item>
          <Form.Item name="measure" label={t('audits.ph.target.measure')} style={{ minWidth: 180 }}>
            <Select options={MEASURES.map((x) => ({ value: x, label: t(measureKey(x)) }))} />
          </Form.Item>
          <Form.Item
            name="unit"
            label={t('audits.ph.target.unit')}
            rules={required(t('audits.create.required'))}
          >
            <Input maxLength={32} style={{ width: 140 }} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="indicator"
          label={t('audits.ph.target.indicator')}
          rules={required(t('audits.create.required'))}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="baselineValue" label={t('audits.ph.target.baseline')}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="baselineYear" label={t('audits.ph.target.baselineYear')}>
            <InputNumber min={1949} max={2100} style={{ width: 120 }} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="nearTermValue"
            label={t('audits.ph.target.near')}
            rules={required(t('audits.create.required'))}
          >
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="nearTermDue" label={t('audits.ph.target.nearDue')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="longTermValue" label={t('audits.ph.target.long')}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="longTermDue" label={t('audits.ph.target.longDue')}>
            <DatePicker />
          </Form.Item>
        </Flex>
      </AuditFormModal>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Status analysis sections.

type Section = Analysis['sections'][number];

function AnalysisCard({ auditId, canEdit }: { auditId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const { data, reload } = useApi('getAuditAnalysis', { params: { id: auditId }, query: {} });
  const [editing, setEditing] = useState<Section | null>(null);
  const industryEntry = (s: Section) => s.entries.find((e) => e.enterpriseId === null);
  return (
    <Card title={t('audits.ph.analysis')}>
      <Collapse
        size="small"
        items={(data?.sections ?? []).map((s) => {
          const entry = industryEntry(s);
          return {
            key: s.section,
            label: (
              <Flex justify="space-between" gap={8}>
                <span>{s.titleZh}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.source.clause ?? ''}
                </Typography.Text>
              </Flex>
            ),
            extra: canEdit ? (
              <Button
                size="small"
                type="link"
                onClick={(e) => {
                  e.stopPropagation();
                  setEditing(s);
                }}
              >
                {t('audits.ph.analysis.edit')}
              </Button>
            ) : null,
            children: (
              <Flex vertical gap={8}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {entry?.content || t('audits.ph.analysis.empty')}
                </Typography.Paragraph>
                {s.entries
                  .filter((e) => e.enterpriseId !== null && e.content)
                  .map((e) => (
                    <Typography.Paragraph key={e.id} style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      <Typography.Text strong>{e.enterpriseName}：</Typography.Text>
                      {e.content}
                    </Typography.Paragraph>
                  ))}
              </Flex>
            ),
          };
        })}
      />
      {editing ? (
        <AuditFormModal<{ content: string }>
          open
          width={800}
          title={editing.titleZh}
          fields={['content']}
          initialValues={{ content: industryEntry(editing)?.content ?? '' }}
          onClose={() => setEditing(null)}
          onSubmit={async (v) => {
            const entry = industryEntry(editing);
            await apiClient.call('putAuditAnalysisSection', {
              params: { id: auditId, section: editing.section },
              body: {
                enterpriseId: null,
                content: v.content,
                ...(entry ? { version: entry.version } : {}),
              },
            });
            reload();
          }}
        >
          <Form.Item name="content" label={editing.titleZh}>
            <Input.TextArea rows={12} />
          </Form.Item>
        </AuditFormModal>
      ) : null}
    </Card>
  );
}
