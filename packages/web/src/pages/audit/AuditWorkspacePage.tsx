/**
 * The workspace of one industry audit (/audits/:id/<phase>): the header (name, industry, region, period, status,
 * the five phases of guideline 6 as steps with planned vs actual dates), the move to the next phase
 * (`transitionAudit`), the phase dates (`updateAuditPhase`), the download of the industry audit report when the
 * server offers it, and one URL-addressable tab per phase. A 404 shows "not found or not yours".
 */

import routes from 'virtual:cpaudit/routes';
import type { Api, AuditExportList, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Dropdown,
  Flex,
  Form,
  Input,
  Popconfirm,
  Result,
  Skeleton,
  Steps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ComponentType, lazy, Suspense, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { apiClient } from '../../api/apiClient.ts';
import { useAction, useApi } from '../../api/hooks.ts';
import { AuditFormModal } from '../../components/audits/forms.tsx';
import { SCHEDULE_COLOR, scheduleKey, statusKey } from '../../components/audits/labels.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatDate } from '../../lib/format.ts';
import type { PhaseProps } from './phaseProps.ts';

type AuditDetail = ResponseOf<Api['getAudit']>;
type Phase = AuditDetail['phases'][number]['phase'];
type Status = AuditDetail['status'];

const PHASES: readonly Phase[] = ['preparation', 'audit', 'options', 'implementation', 'evaluation'];
const ORDER: readonly Status[] = ['planning', ...PHASES, 'closed'];

const PHASE_PAGES: Readonly<Record<Phase, ComponentType<PhaseProps>>> = {
  preparation: lazy(() => import('./phases/PreparationPhase.tsx')),
  audit: lazy(() => import('./phases/AuditPhase.tsx')),
  options: lazy(() => import('./phases/OptionsPhase.tsx')),
  implementation: lazy(() => import('./phases/ImplementationPhase.tsx')),
  evaluation: lazy(() => import('./phases/PerformancePhase.tsx')),
};

/** The lists of `exportAuditList` (a type-only import keeps the contract's schemas out of the bundle). */
const EXPORT_LISTS: readonly AuditExportList[] = ['enterprises', 'options', 'targets', 'evidence'];

/** The report download exists only once the documents package serves it. */
const HAS_REPORT = 'downloadAuditReport' in routes;

function isPhase(s: string | undefined): s is Phase {
  return PHASES.some((p) => p === s);
}

export default function AuditWorkspacePage() {
  const { t } = useI18n();
  const { id = '', '*': rest = '' } = useParams();
  const navigate = useNavigate();
  const { data: audit, error, reload } = useApi('getAudit', { params: { id } });

  if (error && (error.status === 404 || error.status === 400)) {
    return (
      <Result
        status="404"
        title={t('audits.ws.notFound')}
        subTitle={t('audits.ws.notFound.sub')}
        extra={
          <Button type="primary" onClick={() => navigate('/audits')}>
            {t('audits.ws.back')}
          </Button>
        }
      />
    );
  }
  if (error)
    return <Alert type="error" showIcon title={t('audits.common.loadFailed', { message: error.message })} />;
  if (!audit) return <Skeleton active paragraph={{ rows: 10 }} />;

  const segment = rest.split('/')[0];
  if (!isPhase(segment)) {
    // The tab of the phase the audit is in (preparation before it starts, performance after it closes).
    const current: Phase = isPhase(audit.status)
      ? audit.status
      : audit.status === 'closed'
        ? 'evaluation'
        : 'preparation';
    return <Navigate to={`/audits/${id}/${current}`} replace />;
  }
  const canEdit = audit.access.manage && audit.status !== 'cancelled';
  const Page = PHASE_PAGES[segment];
  return (
    <Flex vertical gap={16}>
      <Header audit={audit} reload={reload} canEdit={canEdit} />
      {!audit.access.manage ? <Alert type="info" showIcon title={t('audits.ws.readOnly')} /> : null}
      <Tabs
        activeKey={segment}
        onChange={(k) => navigate(`/audits/${id}/${k}`)}
        items={PHASES.map((p) => ({ key: p, label: t(`audits.tab.${p}`) }))}
      />
      <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
        <Page audit={audit} reload={reload} canEdit={canEdit} />
      </Suspense>
    </Flex>
  );
}

function Header({ audit, reload, canEdit }: { audit: AuditDetail; reload: () => void; canEdit: boolean }) {
  const { t } = useI18n();
  const run = useAction();
  const [editing, setEditing] = useState<Phase | null>(null);
  const index = ORDER.indexOf(audit.status);
  const next = index >= 0 && index < ORDER.length - 1 ? ORDER[index + 1] : undefined;
  const moveTo = async (to: Status) => {
    const ok = await run(
      () =>
        apiClient.call('transitionAudit', { params: { id: audit.id }, body: { version: audit.version, to } }),
      t('audits.ws.moved', { phase: t(statusKey(to)) }),
    );
    if (ok) reload();
  };
  const stepIndex = audit.status === 'closed' ? PHASES.length : PHASES.indexOf(audit.status as Phase);
  return (
    <Card>
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {audit.title}
            </Typography.Title>
            <Flex gap={8} style={{ marginTop: 8 }} wrap>
              <Tag color="blue">{t(statusKey(audit.status))}</Tag>
              <Tag color={SCHEDULE_COLOR[audit.schedule.state]}>{t(scheduleKey(audit.schedule.state))}</Tag>
              <Typography.Text type="secondary">{audit.schedule.note}</Typography.Text>
            </Flex>
          </div>
          <Flex gap={8} wrap>
            {HAS_REPORT ? (
              <Button href={`/api/audits/${audit.id}/report.docx`} download>
                {t('audits.ws.report')}
              </Button>
            ) : null}
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'workbook',
                    label: (
                      <a href={apiClient.url('downloadAuditWorkbook', { params: { id: audit.id } })} download>
                        {t('audits.ws.excel.workbook')}
                      </a>
                    ),
                  },
                  { type: 'divider' },
                  ...EXPORT_LISTS.map((list) => ({
                    key: list,
                    label: (
                      <a href={apiClient.url('exportAuditList', { params: { id: audit.id, list } })} download>
                        {t(`audits.ws.excel.${list}`)}
                      </a>
                    ),
                  })),
                ],
              }}
            >
              <Button>{t('audits.ws.excel')}</Button>
            </Dropdown>
            {canEdit && next ? (
              <Popconfirm
                title={t('audits.ws.next.confirm', { phase: t(statusKey(next)) })}
                okText={t('audits.common.save')}
                cancelText={t('audits.common.cancel')}
                onConfirm={() => moveTo(next)}
              >
                <Button type="primary">
                  {next === 'closed'
                    ? t('audits.ws.close')
                    : t('audits.ws.next', { phase: t(statusKey(next)) })}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            {
              key: 'i',
              label: t('audits.col.industry'),
              children: `${audit.industryCodes.join('、')} ${audit.industryName}`,
            },
            { key: 'r', label: t('audits.col.region'), children: audit.regionName },
            { key: 'b', label: t('audits.col.bureau'), children: audit.bureauName },
            {
              key: 'p',
              label: t('audits.col.period'),
              children: `${formatDate(audit.periodStart)} – ${formatDate(audit.periodEnd)}`,
            },
          ]}
        />
        <Steps
          size="small"
          current={stepIndex}
          items={audit.phases.map((p) => ({
            title: (
              <Flex gap={4} align="center">
                <Link to={`/audits/${audit.id}/${p.phase}`}>{t(`audits.tab.${p.phase}`)}</Link>
                {canEdit ? (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setEditing(p.phase)}
                    aria-label={`${t('audits.ws.editPhase')} ${t(`audits.tab.${p.phase}`)}`}
                  >
                    {t('audits.common.edit')}
                  </Button>
                ) : null}
              </Flex>
            ),
            content: (
              <Flex vertical>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.plannedStart || p.plannedEnd
                    ? t('audits.ws.planned', {
                        start: formatDate(p.plannedStart),
                        end: formatDate(p.plannedEnd),
                      })
                    : t('audits.ws.unplanned')}
                </Typography.Text>
                {p.actualStart ? (
                  <Typography.Text style={{ fontSize: 12 }}>
                    {t('audits.ws.actual', {
                      start: formatDate(p.actualStart),
                      end: formatDate(p.actualEnd),
                    })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          }))}
        />
      </Flex>
      <PhaseDatesModal audit={audit} phase={editing} onClose={() => setEditing(null)} onSaved={reload} />
    </Card>
  );
}

interface PhaseValues {
  planned?: [Dayjs | null, Dayjs | null] | null;
  actual?: [Dayjs | null, Dayjs | null] | null;
  responsible?: string | null;
  workContent?: string | null;
}

const day = (s: string | null) => (s ? dayjs(s) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function PhaseDatesModal(props: {
  audit: AuditDetail;
  phase: Phase | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const row = props.audit.phases.find((p) => p.phase === props.phase);
  if (!row) return null;
  return (
    <AuditFormModal<PhaseValues>
      open={props.phase !== null}
      title={`${t('audits.ws.editPhase')} · ${t(`audits.tab.${row.phase}`)}`}
      fields={['planned', 'actual', 'responsible', 'workContent']}
      alias={{ plannedStart: 'planned', plannedEnd: 'planned', actualStart: 'actual', actualEnd: 'actual' }}
      initialValues={{
        planned: [day(row.plannedStart), day(row.plannedEnd)],
        actual: [day(row.actualStart), day(row.actualEnd)],
        responsible: row.responsible,
        workContent: row.workContent,
      }}
      onClose={props.onClose}
      onSubmit={async (v) => {
        await apiClient.call('updateAuditPhase', {
          params: { id: props.audit.id, phase: row.phase },
          body: {
            version: row.version,
            plannedStart: iso(v.planned?.[0]),
            plannedEnd: iso(v.planned?.[1]),
            actualStart: iso(v.actual?.[0]),
            actualEnd: iso(v.actual?.[1]),
            responsible: v.responsible ?? null,
            workContent: v.workContent ?? null,
          },
        });
        props.onSaved();
      }}
    >
      <Form.Item
        name="planned"
        label={`${t('audits.ws.phase.plannedStart')} – ${t('audits.ws.phase.plannedEnd')}`}
      >
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="actual"
        label={`${t('audits.ws.phase.actualStart')} – ${t('audits.ws.phase.actualEnd')}`}
      >
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="responsible" label={t('audits.ws.phase.responsible')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="workContent" label={t('audits.ws.phase.workContent')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </AuditFormModal>
  );
}
