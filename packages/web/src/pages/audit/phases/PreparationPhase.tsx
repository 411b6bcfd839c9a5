/**
 * 审核准备 (guideline 7.1): the panel (7.1.1), the candidate enterprises ranked by the four principles of 7.1.2 with
 * their reasons and the list chosen from them, the work plan as a timeline of planned vs actual phase dates
 * (7.1.3), and the publicity and training events with their attendance (7.1.4).
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiClient } from '../../../api/apiClient.ts';
import { useAction, useApi } from '../../../api/hooks.ts';
import { AuditFormModal } from '../../../components/audits/forms.tsx';
import {
  COLLECTION_COLOR,
  collectionKey,
  entStatusKey,
  panelRoleKey,
  principleKey,
  trainingKindKey,
} from '../../../components/audits/labels.ts';
import { Chart } from '../../../components/Chart.tsx';
import { type DataColumn, DataTable } from '../../../components/DataTable.tsx';
import { useI18n } from '../../../i18n/context.ts';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import type { PhaseProps } from '../phaseProps.ts';

type PanelMember = ResponseOf<Api['listAuditPanel']>['items'][number];
type Listed = ResponseOf<Api['listAuditEnterprises']>['items'][number];
type Ranking = ResponseOf<Api['listAuditCandidates']>;
type Candidate = Ranking['candidates'][number];
type Training = ResponseOf<Api['listAuditTrainings']>['items'][number];
type WorkPlan = ResponseOf<Api['getAuditWorkPlan']>;
type PanelRole = PanelMember['panelRole'];
type TrainingKind = Training['kind'];

const PANEL_ROLES: readonly PanelRole[] = ['leader', 'deputy_leader', 'member', 'expert', 'secretary'];
const TRAINING_KINDS: readonly TrainingKind[] = ['publicity', 'training'];

export default function PreparationPhase({ audit, canEdit }: PhaseProps) {
  const enterprises = useApi('listAuditEnterprises', { params: { id: audit.id }, query: { limit: 500 } });
  return (
    <Flex vertical gap={16}>
      {/* Remounted when the audit changes (phase dates edited in the header). */}
      <WorkPlanCard key={audit.version} auditId={audit.id} />
      <PanelCard auditId={audit.id} canEdit={canEdit} />
      <EnterpriseListCard auditId={audit.id} canEdit={canEdit} state={enterprises} />
      {audit.access.manage ? (
        <CandidatesCard auditId={audit.id} canEdit={canEdit} onListed={enterprises.reload} />
      ) : null}
      <TrainingsCard auditId={audit.id} canEdit={canEdit} />
    </Flex>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Work plan: a Gantt chart of planned and actual phase dates (days from the audit's period start).

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const fromDay = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);

function WorkPlanCard({ auditId }: { auditId: string }) {
  const { t } = useI18n();
  const { data } = useApi('getAuditWorkPlan', { params: { id: auditId } });
  return (
    <Card title={t('audits.prep.plan')}>
      {!data ? null : <WorkPlanChart plan={data} />}
      {data && data.gaps.length > 0 ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={t('audits.prep.plan.gaps')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {data.gaps.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Card>
  );
}

function WorkPlanChart({ plan }: { plan: WorkPlan }) {
  const { t } = useI18n();
  const today = toDay(new Date().toISOString().slice(0, 10));
  const origin = toDay(plan.periodStart);
  const names = plan.phases.map((p) => t(`audits.tab.${p.phase}`));
  const span = (start: string | null, end: string | null, openEnd: number) => {
    if (!start) return { offset: 0, length: 0 };
    const s = toDay(start);
    const e = end ? toDay(end) : openEnd;
    return { offset: s - origin, length: Math.max(1, e - s + 1) };
  };
  const planned = plan.phases.map((p) => span(p.plannedStart, p.plannedEnd, toDay(plan.periodEnd)));
  const actual = plan.phases.map((p) => span(p.actualStart, p.actualEnd, today));
  if (planned.every((s) => s.length === 0) && actual.every((s) => s.length === 0)) {
    return <Typography.Text type="secondary">{t('audits.prep.plan.empty')}</Typography.Text>;
  }
  const transparent = { color: 'transparent' };
  return (
    <Chart
      height={300}
      ariaLabel={t('audits.prep.plan.aria')}
      option={{
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        legend: { data: [t('audits.prep.plan.planned'), t('audits.prep.plan.actual')], top: 0 },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (params) => {
            const list = Array.isArray(params) ? params : [params];
            const i = list[0]?.dataIndex ?? 0;
            const p = plan.phases[i];
            if (!p) return '';
            return [
              names[i],
              `${t('audits.prep.plan.planned')}：${formatDate(p.plannedStart)} – ${formatDate(p.plannedEnd)}`,
              `${t('audits.prep.plan.actual')}：${formatDate(p.actualStart)} – ${formatDate(p.actualEnd)}`,
            ].join('<br/>');
          },
        },
        xAxis: {
          type: 'value',
          min: 0,
          axisLabel: { formatter: (v: number) => fromDay(origin + v).slice(0, 7) },
        },
        yAxis: { type: 'category', inverse: true, data: names },
        series: [
          {
            type: 'bar',
            stack: 'planned',
            data: planned.map((s) => s.offset),
            itemStyle: transparent,
            silent: true,
          },
          {
            type: 'bar',
            stack: 'planned',
            name: t('audits.prep.plan.planned'),
            data: planned.map((s) => s.length),
            itemStyle: { color: '#91caff' },
          },
          {
            type: 'bar',
            stack: 'actual',
            data: actual.map((s) => s.offset),
            itemStyle: transparent,
            silent: true,
          },
          {
            type: 'bar',
            stack: 'actual',
            name: t('audits.prep.plan.actual'),
            data: actual.map((s) => s.length),
            itemStyle: { color: '#1677ff' },
            markLine:
              today >= origin
                ? {
                    symbol: 'none',
                    data: [{ xAxis: today - origin }],
                    // The y axis is inverted: its start is the top of the chart.
                    label: { formatter: fromDay(today), position: 'start' },
                    lineStyle: { color: '#ff4d4f', type: 'dashed' },
                  }
                : undefined,
          },
        ],
      }}
    />
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Panel (7.1.1).

interface MemberValues {
  name: string;
  organization?: string;
  position?: string;
  panelRole: PanelRole;
  duties?: string;
}

function PanelCard({ auditId, canEdit }: { auditId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const run = useAction();
  const { data, loading, reload } = useApi('listAuditPanel', {
    params: { id: auditId },
    query: { limit: 500 },
  });
  const [adding, setAdding] = useState(false);
  const columns: DataColumn<PanelMember>[] = [
    { key: 'name', title: t('audits.prep.panel.name'), value: (m) => m.name, sortable: true },
    {
      key: 'role',
      title: t('audits.prep.panel.role'),
      value: (m) => t(panelRoleKey(m.panelRole)),
      filter: 'auto',
    },
    { key: 'org', title: t('audits.prep.panel.organization'), value: (m) => m.organization ?? '' },
    { key: 'position', title: t('audits.prep.panel.position'), value: (m) => m.position ?? '' },
    { key: 'duties', title: t('audits.prep.panel.duties'), value: (m) => m.duties ?? '' },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('audits.common.actions'),
      value: () => '',
      exported: false,
      render: (m) => (
        <Popconfirm
          title={t('audits.common.confirmDelete')}
          onConfirm={async () => {
            const ok = await run(
              () =>
                apiClient.call('removeAuditPanelMember', {
                  params: { id: auditId, memberId: m.id },
                  query: { version: m.version },
                }),
              t('audits.common.deleted'),
            );
            if (ok) reload();
          }}
        >
          <Button size="small" danger type="link">
            {t('audits.common.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }
  return (
    <Card title={t('audits.prep.panel')}>
      <DataTable<PanelMember>
        rows={data?.items ?? []}
        loading={loading}
        columns={columns}
        rowKey={(m) => m.id}
        pageSize={10}
        extra={canEdit ? <Button onClick={() => setAdding(true)}>{t('audits.prep.panel.add')}</Button> : null}
      />
      <AuditFormModal<MemberValues>
        open={adding}
        title={t('audits.prep.panel.add')}
        fields={['name', 'organization', 'position', 'panelRole', 'duties']}
        initialValues={{ panelRole: 'member' }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await apiClient.call('addAuditPanelMember', {
            params: { id: auditId },
            body: {
              name: v.name,
              panelRole: v.panelRole,
              organization: v.organization || null,
              position: v.position || null,
              duties: v.duties || null,
            },
          });
          reload();
        }}
      >
        <Form.Item
          name="name"
          label={t('audits.prep.panel.name')}
          rules={[{ required: true, message: t('audits.create.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="panelRole" label={t('audits.prep.panel.role')}>
          <Select options={PANEL_ROLES.map((r) => ({ value: r, label: t(panelRoleKey(r)) }))} />
        </Form.Item>
        <Form.Item name="organization" label={t('audits.prep.panel.organization')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="position" label={t('audits.prep.panel.position')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="duties" label={t('audits.prep.panel.duties')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </AuditFormModal>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The enterprise list (7.1.2) and the candidates ranked by the four principles.

function EnterpriseListCard({
  auditId,
  canEdit,
  state,
}: {
  auditId: string;
  canEdit: boolean;
  state: ReturnType<typeof useApi<'listAuditEnterprises'>>;
}) {
  const { t } = useI18n();
  const run = useAction();
  const columns: DataColumn<Listed>[] = [
    { key: 'name', title: t('audits.prep.col.enterprise'), value: (e) => e.enterpriseName, sortable: true },
    {
      key: 'region',
      title: t('audits.col.region'),
      value: (e) => e.regionName ?? e.regionCode,
      filter: 'auto',
    },
    {
      key: 'status',
      title: t('audits.prep.col.listed'),
      value: (e) => t(entStatusKey(e.status)),
      render: (e) => (
        <Tag color={e.status === 'selected' ? 'green' : 'default'}>{t(entStatusKey(e.status))}</Tag>
      ),
      filter: 'auto',
    },
    {
      key: 'score',
      title: t('audits.prep.col.score'),
      value: (e) => e.selectionScore,
      render: (e) => formatNumber(e.selectionScore, 2),
      sortable: true,
      align: 'right',
    },
    {
      key: 'reasons',
      title: t('audits.prep.col.reasons'),
      value: (e) => [...e.selectionReasons.map((r) => t(principleKey(r))), e.selectionNote ?? ''].join('；'),
      render: (e) => (
        <Flex vertical gap={2}>
          <Space size={4} wrap>
            {e.selectionReasons.map((r) => (
              <Tag key={r}>{t(principleKey(r))}</Tag>
            ))}
          </Space>
          {e.selectionNote ? (
            <Typography.Paragraph
              type="secondary"
              style={{ fontSize: 12, maxWidth: 420, marginBottom: 0 }}
              ellipsis={{ rows: 1, tooltip: e.selectionNote }}
            >
              {e.selectionNote}
            </Typography.Paragraph>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'data',
      title: t('audits.prep.col.data'),
      value: (e) => t(collectionKey(e.collection.status)),
      render: (e) => (
        <Tag color={COLLECTION_COLOR[e.collection.status]}>{t(collectionKey(e.collection.status))}</Tag>
      ),
      filter: 'auto',
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('audits.common.actions'),
      value: () => '',
      exported: false,
      render: (e) => {
        // Selected ↔ excluded (a candidate is selected first); the record and its data status stay.
        const next = e.status === 'selected' ? 'excluded' : 'selected';
        return (
          <Space size={0}>
            <Button
              size="small"
              type="link"
              onClick={async () => {
                const ok = await run(
                  () =>
                    apiClient.call('updateAuditEnterprise', {
                      params: { id: auditId, enterpriseId: e.enterpriseId },
                      body: { version: e.version, status: next },
                    }),
                  t('audits.common.saved'),
                );
                if (ok) state.reload();
              }}
            >
              {t(next === 'excluded' ? 'audits.prep.exclude' : 'audits.prep.select')}
            </Button>
            <Popconfirm
              title={t('audits.common.confirmDelete')}
              onConfirm={async () => {
                const ok = await run(
                  () =>
                    apiClient.call('removeAuditEnterprise', {
                      params: { id: auditId, enterpriseId: e.enterpriseId },
                      query: { version: e.version },
                    }),
                  t('audits.common.deleted'),
                );
                if (ok) state.reload();
              }}
            >
              <Button size="small" danger type="link">
                {t('audits.common.remove')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    });
  }
  return (
    <Card title={t('audits.prep.list')}>
      <DataTable<Listed>
        rows={state.data?.items ?? []}
        loading={state.loading}
        columns={columns}
        rowKey={(e) => e.id}
        exportName={t('audits.prep.list.export')}
        pageSize={10}
      />
    </Card>
  );
}

function CandidatesCard({
  auditId,
  canEdit,
  onListed,
}: {
  auditId: string;
  canEdit: boolean;
  onListed: () => void;
}) {
  const { t } = useI18n();
  const { data: listed, loading, error, reload } = useApi('listAuditCandidates', { params: { id: auditId } });
  // A ranking with the user's own weights (rankAuditCandidates) replaces the default one until reloaded.
  const [ranked, setRanked] = useState<Ranking | null>(null);
  const data = ranked ?? listed;
  const [selecting, setSelecting] = useState<Candidate | null>(null);
  const [weighting, setWeighting] = useState(false);
  const afterListed = () => {
    setRanked(null);
    reload();
    onListed();
  };
  const score = (key: keyof Candidate['scores'], label: string): DataColumn<Candidate> => ({
    key,
    title: label,
    value: (c) => c.scores[key],
    render: (c) => formatNumber(c.scores[key], 2),
    sortable: true,
    align: 'right',
  });
  const columns: DataColumn<Candidate>[] = [
    { key: 'rank', title: t('audits.prep.col.rank'), value: (c) => c.rank, sortable: true, width: 72 },
    { key: 'name', title: t('audits.prep.col.enterprise'), value: (c) => c.name, sortable: true },
    {
      key: 'total',
      title: t('audits.prep.col.total'),
      value: (c) => c.total,
      render: (c) => <Typography.Text strong>{formatNumber(c.total, 2)}</Typography.Text>,
      sortable: true,
      align: 'right',
    },
    score('impact', t('audits.prep.col.impact')),
    score('governance', t('audits.prep.col.governance')),
    score('feasibility', t('audits.prep.col.feasibility')),
    score('representativeness', t('audits.prep.col.representativeness')),
    {
      key: 'reasons',
      title: t('audits.prep.col.reasons'),
      value: (c) => c.reasons.join('；'),
      render: (c) => (
        <Tooltip
          title={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {c.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
        >
          <Typography.Paragraph
            style={{ fontSize: 12, maxWidth: 300, marginBottom: 0 }}
            ellipsis={{ rows: 2 }}
          >
            {c.reasons.join('；')}
          </Typography.Paragraph>
        </Tooltip>
      ),
    },
    {
      key: 'listed',
      title: t('audits.prep.col.listed'),
      value: (c) => (c.listed ? t(entStatusKey(c.listed)) : ''),
      render: (c) =>
        c.listed ? (
          <Tag color={c.listed === 'selected' ? 'green' : 'default'}>{t(entStatusKey(c.listed))}</Tag>
        ) : canEdit ? (
          <Button size="small" onClick={() => setSelecting(c)}>
            {t('audits.prep.select')}
          </Button>
        ) : null,
      filter: 'auto',
    },
  ];
  return (
    <Card
      title={t('audits.prep.candidates')}
      extra={
        <Space>
          {data ? (
            <Typography.Text type="secondary">
              {t('audits.prep.candidates.years', { years: data.dataYears.join('、') })}
            </Typography.Text>
          ) : null}
          {data ? (
            <Button onClick={() => setWeighting(true)}>{t('audits.prep.candidates.rank')}</Button>
          ) : null}
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error.message} /> : null}
      <DataTable<Candidate>
        rows={data?.candidates ?? []}
        loading={loading}
        columns={columns}
        rowKey={(c) => c.enterpriseId}
        exportName={t('audits.prep.candidates.export')}
        pageSize={10}
      />
      {selecting ? (
        <AuditFormModal<{ reasons: Principle[]; note?: string }>
          open
          title={`${t('audits.prep.select')} · ${selecting.name}`}
          fields={['reasons', 'note']}
          initialValues={{ reasons: [], note: selecting.reasons.join('；').slice(0, 2000) }}
          onClose={() => setSelecting(null)}
          onSubmit={async (v) => {
            await apiClient.call('addAuditEnterprise', {
              params: { id: auditId },
              body: {
                enterpriseId: selecting.enterpriseId,
                status: 'selected',
                reasons: v.reasons,
                note: v.note || null,
              },
            });
            afterListed();
          }}
        >
          <Form.Item name="reasons" label={t('audits.prep.col.reasons')}>
            <Checkbox.Group options={PRINCIPLES.map((p) => ({ value: p, label: t(principleKey(p)) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('audits.prep.select.note')}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </AuditFormModal>
      ) : null}
      {weighting && data ? (
        <AuditFormModal<Record<WeightKey, number>>
          open
          title={t('audits.prep.candidates.rank')}
          fields={[...WEIGHT_KEYS]}
          initialValues={Object.fromEntries(
            WEIGHT_KEYS.map((k) => [k, data.weights.find((w) => w.id === k)?.weight ?? 1]),
          )}
          onClose={() => setWeighting(false)}
          onSubmit={async (v) => {
            setRanked(
              await apiClient.call('rankAuditCandidates', {
                params: { id: auditId },
                body: { weights: v, assessments: [] },
              }),
            );
          }}
        >
          <Typography.Paragraph type="secondary">{t('audits.prep.candidates.rankHint')}</Typography.Paragraph>
          <Flex gap={12} wrap>
            {WEIGHT_KEYS.map((k) => (
              <Form.Item key={k} name={k} label={t(`audits.prep.col.${k}`)}>
                <InputNumber min={0.1} max={100} step={0.5} />
              </Form.Item>
            ))}
          </Flex>
        </AuditFormModal>
      ) : null}
    </Card>
  );
}

const WEIGHT_KEYS = ['impact', 'governance', 'feasibility', 'representativeness'] as const;
type WeightKey = (typeof WEIGHT_KEYS)[number];
type Principle = Listed['selectionReasons'][number];
const PRINCIPLES: readonly Principle[] = [
  'environmental_impact',
  'key_governance',
  'feasibility',
  'representativeness',
];

// ---------------------------------------------------------------------------------------------------------------
// Trainings (7.1.4).

interface TrainingValues {
  kind: TrainingKind;
  title: string;
  heldOn: Dayjs;
  location?: string;
  trainer?: string;
  attendees?: string;
}

/** "单位,人数" per line → attendance rows (a line without a number counts one person). */
function parseAttendees(text: string | undefined) {
  return (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const m = /^(.*?)[,，\s]+(\d+)$/.exec(l);
      return m
        ? { organization: (m[1] ?? '').trim() || l, headcount: Number(m[2]) }
        : { organization: l, headcount: 1 };
    });
}

function TrainingsCard({ auditId, canEdit }: { auditId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const run = useAction();
  const { data, loading, reload } = useApi('listAuditTrainings', {
    params: { id: auditId },
    query: { limit: 500 },
  });
  const [adding, setAdding] = useState(false);
  const columns: DataColumn<Training>[] = [
    {
      key: 'heldOn',
      title: t('audits.prep.training.heldOn'),
      value: (r) => r.heldOn,
      sortable: true,
      width: 120,
    },
    {
      key: 'kind',
      title: t('audits.prep.training.kind'),
      value: (r) => t(trainingKindKey(r.kind)),
      filter: 'auto',
    },
    { key: 'title', title: t('audits.prep.training.title'), value: (r) => r.title, sortable: true },
    { key: 'location', title: t('audits.prep.training.location'), value: (r) => r.location ?? '' },
    { key: 'trainer', title: t('audits.prep.training.trainer'), value: (r) => r.trainer ?? '' },
    {
      key: 'attendance',
      title: t('audits.prep.training.attendance'),
      value: (r) => r.attendanceCount,
      sortable: true,
      align: 'right',
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('audits.common.actions'),
      value: () => '',
      exported: false,
      render: (r) => (
        <Popconfirm
          title={t('audits.common.confirmDelete')}
          onConfirm={async () => {
            const ok = await run(
              () =>
                apiClient.call('deleteAuditTraining', {
                  params: { id: auditId, trainingId: r.id },
                  query: { version: r.version },
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
    <Card title={t('audits.prep.trainings')}>
      <DataTable<Training>
        rows={data?.items ?? []}
        loading={loading}
        columns={columns}
        rowKey={(r) => r.id}
        pageSize={10}
        extra={
          canEdit ? <Button onClick={() => setAdding(true)}>{t('audits.prep.training.add')}</Button> : null
        }
      />
      <AuditFormModal<TrainingValues>
        open={adding}
        title={t('audits.prep.training.add')}
        fields={['kind', 'title', 'heldOn', 'location', 'trainer', 'attendees']}
        initialValues={{ kind: 'training' }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await apiClient.call('createAuditTraining', {
            params: { id: auditId },
            body: {
              kind: v.kind,
              title: v.title,
              heldOn: v.heldOn.format('YYYY-MM-DD'),
              location: v.location || null,
              trainer: v.trainer || null,
              attendees: parseAttendees(v.attendees),
            },
          });
          reload();
        }}
      >
        <Form.Item name="kind" label={t('audits.prep.training.kind')}>
          <Select options={TRAINING_KINDS.map((k) => ({ value: k, label: t(trainingKindKey(k)) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('audits.prep.training.title')}
          rules={[{ required: true, message: t('audits.create.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="heldOn"
          label={t('audits.prep.training.heldOn')}
          rules={[{ required: true, message: t('audits.create.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="location" label={t('audits.prep.training.location')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="trainer" label={t('audits.prep.training.trainer')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="attendees" label={t('audits.prep.training.attendees')}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </AuditFormModal>
    </Card>
  );
}
