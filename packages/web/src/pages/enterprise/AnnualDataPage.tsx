/**
 * `/my/annual-data` — the enterprise's annual data (guideline Appendix A: energy by carrier, water, materials,
 * products, pollutants generated and emitted, solid and hazardous waste, GHG, indicator values) per year, as forms
 * with the unit of each value and instant checks (negative, unit not offered, required left empty). Save sends the
 * changed lines in one batch with the year's version; the server's error lands on the line and field it names.
 * Submit locks the year for the bureau's review; a returned year shows the reviewer's reason and is editable again.
 * The data-check findings (数据核查, `checkAnnualData`) are shown next to the values they concern.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { apiClient } from '../../api/apiClient.ts';
import { ApiError } from '../../api/client.ts';
import { useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { ErrorIssues } from '../../components/admin/shared.tsx';
import {
  type AnnualItem,
  catalogueEntry,
  type DraftLine,
  emptyLine,
  freeLineCode,
  type LineField,
  type LineProblem,
  lineOfErrorField,
  linesOf,
  problemsOf,
  type SaveBatch,
  saveBatch,
} from '../../components/enterprise/annualDraft.ts';
import { EnterprisePage, isConflict, useConflictText } from '../../components/enterprise/common.tsx';
import { useEnterpriseScope } from '../../components/enterprise/EnterpriseScope.tsx';
import { WorkbookImport } from '../../components/enterprise/WorkbookImport.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate } from '../../lib/format.ts';

type Finding = ResponseOf<Api['checkAnnualData']>['findings'][number];
type YearData = ResponseOf<Api['getAnnualData']>;

const GROUPS = [
  'economy',
  'energy',
  'water',
  'material',
  'product',
  'pollutant_generated',
  'pollutant_emitted',
  'ghg',
  'indicator',
] as const;
type Group = (typeof GROUPS)[number];
const SOURCES = ['metered', 'statistics', 'monitoring', 'calculated', 'estimated', 'document'] as const;
const LEVELS = ['I', 'II', 'III', 'none'] as const;
const STATUS_COLORS = { draft: 'default', submitted: 'blue', returned: 'orange', accepted: 'green' } as const;
const SEVERITY_COLORS = { error: 'red', warning: 'orange', info: 'default' } as const;
const WRITER_ROLES = ['platform_admin', 'consultant', 'enterprise_user'];

type ServerErrors = Readonly<Record<string, { field: LineField; message: string }>>;

function YearForm(props: {
  enterpriseId: string;
  data: YearData;
  items: readonly AnnualItem[];
  indicatorSystems: readonly string[] | undefined;
  findings: readonly Finding[];
  mayWrite: boolean;
  onSaved: (d: YearData) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const conflictText = useConflictText();
  const { data, items } = props;
  const status = data.submission?.status ?? 'draft';
  const locked = status === 'submitted' || status === 'accepted' || !props.mayWrite;
  const [lines, setLines] = useState<DraftLine[]>(() => linesOf(items, data.values));
  const [serverErrors, setServerErrors] = useState<ServerErrors>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [group, setGroup] = useState<Group>('economy');

  useEffect(() => {
    setLines(linesOf(items, data.values));
    setServerErrors({});
    setError(undefined);
  }, [items, data]);

  const dirty = lines.some((l) => l.dirty);
  const problems = useMemo(() => new Map(lines.map((l) => [l.code, problemsOf(l)])), [lines]);
  const all = [...problems.values()].flat();
  // A required item left empty blocks only the submission (a draft may be saved in parts); the rest blocks saving.
  const missingCount = all.filter((p) => p.key === 'enterprise.annual.err.required').length;
  const problemCount = all.length - missingCount;

  const update = (code: string, patch: Partial<DraftLine>) => {
    setLines((ls) => ls.map((l) => (l.code === code ? { ...l, ...patch, dirty: true } : l)));
    setServerErrors((e) => {
      if (!(code in e)) return e;
      const { [code]: _gone, ...rest } = e;
      return rest;
    });
  };

  const save = async () => {
    const batch: SaveBatch = saveBatch(lines);
    setBusy(true);
    setError(undefined);
    try {
      const saved = await apiClient.call('saveAnnualValues', {
        params: { enterpriseId: props.enterpriseId, year: data.year },
        body: { version: data.submission?.version ?? 0, values: batch.values, remove: batch.remove },
      });
      void message.success(t('enterprise.saved'));
      props.onSaved(saved);
    } catch (e) {
      const named = e instanceof ApiError ? [e.field, ...e.issues.map((i) => i.field)] : [];
      const mapped: Record<string, { field: LineField; message: string }> = {};
      if (e instanceof ApiError) {
        for (const f of named) {
          const at = lineOfErrorField(f, batch);
          const issue = e.issues.find((i) => i.field === f);
          if (at) mapped[at.code] = { field: at.field, message: issue?.message ?? e.message };
        }
      }
      setServerErrors(mapped);
      if (isConflict(e)) void message.error(conflictText(e));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!data.submission) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await apiClient.call('submitAnnualData', {
        params: { enterpriseId: props.enterpriseId, year: data.year },
        body: { version: data.submission.version },
      });
      void message.success(t('enterprise.annual.submitted'));
      props.onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const problemText = (p: LineProblem) => t(p.key, p.vars);
  const fieldError = (l: DraftLine, field: LineField): string | undefined => {
    const own = problems.get(l.code)?.find((p) => p.field === field);
    if (own) return problemText(own);
    const server = serverErrors[l.code];
    return server && server.field === field ? server.message : undefined;
  };
  const findingsOf = (code: string) => props.findings.filter((f) => f.item === code);

  const errorBox = (msg: string | undefined) =>
    msg ? (
      <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
        {msg}
      </Typography.Text>
    ) : null;

  const columns = [
    {
      key: 'name',
      title: t('enterprise.annual.item'),
      width: 300,
      render: (_: unknown, l: DraftLine) =>
        l.item.free ? (
          <Flex vertical>
            <Input
              aria-label={t('enterprise.annual.lineName')}
              value={l.name}
              disabled={locked || l.unknown}
              status={fieldError(l, 'name') ? 'error' : undefined}
              onChange={(e) => update(l.code, { name: e.target.value })}
              placeholder={t('enterprise.annual.lineNamePlaceholder')}
            />
            {errorBox(fieldError(l, 'name'))}
          </Flex>
        ) : (
          <Space size={4} wrap>
            <span>{l.item.zh}</span>
            {l.item.required ? <Tag color="red">{t('enterprise.annual.required')}</Tag> : null}
            {l.unknown ? (
              <Tooltip title={t('enterprise.annual.unknownHint', { code: l.code })}>
                <Tag color="orange">{t('enterprise.annual.unknown')}</Tag>
              </Tooltip>
            ) : null}
          </Space>
        ),
    },
    {
      key: 'value',
      title: t('enterprise.annual.value'),
      width: 260,
      render: (_: unknown, l: DraftLine) => {
        const label = `${l.item.free ? l.name || l.item.zh : l.item.zh} ${t('enterprise.annual.value')}`;
        if (l.item.kind === 'level')
          return (
            <Flex vertical>
              <Select
                aria-label={label}
                style={{ width: 200 }}
                allowClear
                disabled={locked || l.unknown || l.notApplicable}
                value={l.level ?? undefined}
                onChange={(v: DraftLine['level'] | undefined) => update(l.code, { level: v ?? null })}
                options={LEVELS.map((v) => ({ value: v, label: t(`enterprise.level.${v}`) }))}
              />
              {errorBox(fieldError(l, 'level'))}
            </Flex>
          );
        const msg = fieldError(l, 'quantity');
        return (
          <Flex vertical>
            <InputNumber
              aria-label={label}
              style={{ width: 200 }}
              disabled={locked || l.unknown || l.notApplicable}
              value={l.quantity}
              status={msg ? 'error' : undefined}
              onChange={(v) => update(l.code, { quantity: typeof v === 'number' ? v : null })}
            />
            {errorBox(msg)}
          </Flex>
        );
      },
    },
    {
      key: 'unit',
      title: t('enterprise.annual.unit'),
      width: 150,
      render: (_: unknown, l: DraftLine) => {
        if (l.item.kind === 'level') return '—';
        const msg = fieldError(l, 'unit');
        return (
          <Flex vertical>
            <Select
              aria-label={`${l.item.free ? l.name || l.item.zh : l.item.zh} ${t('enterprise.annual.unit')}`}
              style={{ width: 120 }}
              disabled={locked || l.unknown}
              value={l.unit ?? undefined}
              status={msg ? 'error' : undefined}
              onChange={(v: string) => update(l.code, { unit: v })}
              options={l.item.units.map((u) => ({ value: u, label: u }))}
            />
            {errorBox(msg)}
          </Flex>
        );
      },
    },
    {
      key: 'source',
      title: t('enterprise.annual.source'),
      width: 130,
      render: (_: unknown, l: DraftLine) => (
        <Select
          aria-label={`${l.item.zh} ${t('enterprise.annual.source')}`}
          style={{ width: 110 }}
          allowClear
          disabled={locked || l.unknown}
          value={l.source ?? undefined}
          onChange={(v: DraftLine['source'] | undefined) => update(l.code, { source: v ?? null })}
          options={SOURCES.map((s) => ({ value: s, label: t(`enterprise.source.${s}`) }))}
        />
      ),
    },
    {
      key: 'extra',
      title: t('enterprise.annual.checks'),
      render: (_: unknown, l: DraftLine) => (
        <Flex vertical gap={4}>
          {l.item.category === 'indicator' ? (
            <Checkbox
              disabled={locked || l.unknown}
              checked={l.notApplicable}
              onChange={(e) => update(l.code, { notApplicable: e.target.checked })}
            >
              {t('enterprise.annual.notApplicable')}
            </Checkbox>
          ) : null}
          {findingsOf(l.code).map((f) => (
            <Tooltip key={`${f.rule}-${f.message}`} title={f.message}>
              <Tag color={SEVERITY_COLORS[f.severity]} style={{ whiteSpace: 'normal' }}>
                {t(`enterprise.severity.${f.severity}`)}：{f.message}
              </Tag>
            </Tooltip>
          ))}
          {l.dirty ? <Badge status="processing" text={t('enterprise.annual.changed')} /> : null}
        </Flex>
      ),
    },
  ];

  const inGroup = (g: Group) => lines.filter((l) => l.item.category === g);
  const addable = (g: Group) =>
    items.filter(
      (i) =>
        i.category === g &&
        !i.free &&
        !lines.some((l) => l.code === i.code) &&
        (g !== 'indicator' ||
          props.indicatorSystems === undefined ||
          props.indicatorSystems.includes(i.indicator?.systemCode ?? '')),
    );
  const addItem = (code: string) => {
    const item = catalogueEntry(items, code);
    if (item) setLines((ls) => [...ls, { ...emptyLine(item, code, item.zh) }]);
  };
  const addFree = (g: 'material' | 'product') => {
    const template = items.find((i) => i.code === `${g}.*`);
    if (!template) return;
    const code = freeLineCode(
      g,
      lines.map((l) => l.code),
    );
    setLines((ls) => [...ls, emptyLine(template, code, '')]);
  };

  const groupErrors = (g: Group) =>
    inGroup(g).filter((l) => (problems.get(l.code)?.length ?? 0) > 0 || l.code in serverErrors).length;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Typography.Text strong>{t('enterprise.annual.yearOf', { year: data.year })}</Typography.Text>
          <Tag color={STATUS_COLORS[status]}>{t(`enterprise.annualStatus.${status}`)}</Tag>
          {data.submission?.submittedAt ? (
            <Typography.Text type="secondary">
              {t('enterprise.annual.submittedOn', { date: formatDate(data.submission.submittedAt) })}
            </Typography.Text>
          ) : null}
        </Space>
        {props.mayWrite ? (
          <Space>
            <Button
              type="primary"
              onClick={save}
              loading={busy}
              disabled={locked || !dirty || problemCount > 0}
            >
              {t('enterprise.save')}
            </Button>
            <Popconfirm
              title={t('enterprise.annual.submitConfirm', { year: data.year })}
              onConfirm={submit}
              disabled={locked || dirty || !data.submission || problemCount + missingCount > 0}
            >
              <Button
                disabled={locked || dirty || !data.submission || problemCount + missingCount > 0}
                loading={busy}
              >
                {t('enterprise.annual.submit')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null}
      </Flex>
      {status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          title={t('enterprise.annual.returned', { date: formatDate(data.submission?.returnedAt) })}
          description={data.submission?.returnReason}
        />
      ) : null}
      {status === 'submitted' ? (
        <Alert type="info" showIcon title={t('enterprise.annual.lockedSubmitted')} />
      ) : null}
      {status === 'accepted' ? (
        <Alert type="success" showIcon title={t('enterprise.annual.lockedAccepted')} />
      ) : null}
      {!props.mayWrite ? <Alert type="info" showIcon title={t('enterprise.annual.readOnly')} /> : null}
      {problemCount > 0 ? (
        <Alert type="error" showIcon title={t('enterprise.annual.problems', { n: problemCount })} />
      ) : null}
      {missingCount > 0 && !locked ? (
        <Alert type="warning" showIcon title={t('enterprise.annual.missing', { n: missingCount })} />
      ) : null}
      {error ? <ErrorIssues error={error} /> : null}
      <Tabs
        activeKey={group}
        onChange={(k) => setGroup(k as Group)}
        items={GROUPS.map((g) => {
          const n = groupErrors(g);
          return {
            key: g,
            label: (
              <Badge count={n} size="small" offset={[6, -2]}>
                {t(`enterprise.group.${g}`)}
              </Badge>
            ),
            children: (
              <Flex vertical gap={8}>
                <Table<DraftLine>
                  size="small"
                  rowKey={(l) => l.code}
                  dataSource={inGroup(g)}
                  columns={columns}
                  pagination={false}
                  locale={{ emptyText: t('enterprise.annual.emptyGroup') }}
                  scroll={{ x: 1000 }}
                />
                {locked ? null : g === 'material' || g === 'product' ? (
                  <Button onClick={() => addFree(g)} style={{ alignSelf: 'flex-start' }}>
                    {t(`enterprise.annual.addFree.${g}`)}
                  </Button>
                ) : addable(g).length > 0 ? (
                  <Select
                    aria-label={t('enterprise.annual.addItem')}
                    placeholder={t('enterprise.annual.addItem')}
                    style={{ width: 360 }}
                    value={null}
                    showSearch={{ optionFilterProp: 'label' }}
                    onChange={(code: string) => addItem(code)}
                    options={addable(g).map((i) => ({
                      value: i.code,
                      label: i.unit ? `${i.zh}（${i.unit}）` : i.zh,
                    }))}
                  />
                ) : null}
              </Flex>
            ),
          };
        })}
      />
    </Flex>
  );
}

function FindingsCard({ findings, year }: { findings: readonly Finding[]; year: number }) {
  const { t } = useI18n();
  const mine = findings.filter((f) => f.year === undefined || f.year === year);
  return (
    <Card size="small" title={t('enterprise.annual.findings', { year })}>
      {mine.length === 0 ? (
        <Typography.Text type="secondary">{t('enterprise.annual.noFindings')}</Typography.Text>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {mine.slice(0, 30).map((f) => (
            <li key={`${f.rule}-${f.item ?? ''}-${f.message}`}>
              <Tag color={SEVERITY_COLORS[f.severity]}>{t(`enterprise.severity.${f.severity}`)}</Tag>
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export default function AnnualDataPage() {
  const { t } = useI18n();
  const scope = useEnterpriseScope();
  const me = useCurrentUser();
  const mayWrite = me.roles.some((r) => WRITER_ROLES.includes(r.role));
  const [params, setParams] = useSearchParams();
  const enterpriseId = scope.enterpriseId;
  const years = useApi('listAnnualYears', enterpriseId ? { params: { enterpriseId } } : null);
  const items = useApi('listAnnualItems');
  const checks = useApi('checkAnnualData', enterpriseId ? { params: { enterpriseId }, query: {} } : null);
  const industry = scope.enterprise?.industryCode;
  const systems = useApi(
    'listIndicatorSystems',
    industry ? { query: { industry: industry.replace(/^[A-Z]/, '').slice(0, 4) } } : null,
  );
  const [added, setAdded] = useState<number[]>([]);
  const [adding, setAdding] = useState(false);
  const [newYear, setNewYear] = useState<number | null>(null);

  const allYears = useMemo(() => {
    const stored = years.data?.items.map((y) => y.year) ?? [];
    return [...new Set([...stored, ...added])].sort((a, b) => b - a);
  }, [years.data, added]);
  const yearParam = Number(params.get('year'));
  const year = allYears.includes(yearParam) ? yearParam : allYears[0];
  const setYear = (y: number) => {
    const next = new URLSearchParams(params);
    next.set('year', String(y));
    setParams(next);
  };
  const yearData = useApi(
    'getAnnualData',
    enterpriseId && year !== undefined ? { params: { enterpriseId, year } } : null,
  );
  const [saved, setSaved] = useState<YearData | undefined>();
  const shown = saved && saved.year === year && saved.enterpriseId === enterpriseId ? saved : yearData.data;
  useEffect(() => setSaved(undefined), [yearData.data]);

  const summaryOf = (y: number) => years.data?.items.find((s) => s.year === y);

  return (
    <EnterprisePage
      title={t('enterprise.annual.title')}
      description={t('enterprise.annual.intro')}
      scope={scope}
      error={years.error ?? items.error}
      loading={!years.data || !items.data}
      extra={
        mayWrite ? (
          <Space wrap>
            {scope.enterprise ? (
              <WorkbookImport
                enterpriseId={scope.enterprise.id}
                onImported={() => {
                  years.reload();
                  yearData.reload();
                  checks.reload();
                }}
              />
            ) : null}
            <Button onClick={() => setAdding(true)} disabled={!years.data}>
              {t('enterprise.annual.addYear')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Flex vertical gap={16}>
        {allYears.length === 0 ? <Alert type="info" showIcon title={t('enterprise.annual.noYears')} /> : null}
        {allYears.length > 0 ? (
          <Tabs
            activeKey={year === undefined ? undefined : String(year)}
            onChange={(k) => setYear(Number(k))}
            items={allYears.map((y) => {
              const s = summaryOf(y);
              return {
                key: String(y),
                label: (
                  <Space size={6}>
                    {t('enterprise.annual.yearTab', { year: y })}
                    <Tag color={STATUS_COLORS[s?.status ?? 'draft']}>
                      {t(`enterprise.annualStatus.${s?.status ?? 'draft'}`)}
                    </Tag>
                  </Space>
                ),
              };
            })}
          />
        ) : null}
        {yearData.error ? <ErrorIssues error={yearData.error} /> : null}
        {shown && items.data && enterpriseId ? (
          <Card>
            <YearForm
              key={`${enterpriseId}-${shown.year}`}
              enterpriseId={enterpriseId}
              data={shown}
              items={items.data.items}
              indicatorSystems={systems.data?.items.map((s) => s.code)}
              findings={(checks.data?.findings ?? []).filter((f) => f.year === shown.year)}
              mayWrite={mayWrite}
              onSaved={(d) => {
                setSaved(d);
                years.reload();
                checks.reload();
              }}
            />
          </Card>
        ) : null}
        {checks.data && year !== undefined ? (
          <FindingsCard findings={checks.data.findings} year={year} />
        ) : null}
      </Flex>
      <Modal
        open={adding}
        title={t('enterprise.annual.addYear')}
        okText={t('enterprise.annual.addYearOk')}
        cancelText={t('enterprise.cancel')}
        okButtonProps={{ disabled: newYear === null || allYears.includes(newYear) }}
        onCancel={() => setAdding(false)}
        onOk={() => {
          if (newYear === null) return;
          setAdded((a) => [...a, newYear]);
          setYear(newYear);
          setAdding(false);
        }}
      >
        <Space direction="vertical">
          <Typography.Text>{t('enterprise.annual.addYearHint')}</Typography.Text>
          <InputNumber
            aria-label={t('enterprise.annual.yearLabel')}
            min={1949}
            max={2100}
            precision={0}
            value={newYear}
            onChange={(v) => setNewYear(typeof v === 'number' ? v : null)}
          />
          {newYear !== null && allYears.includes(newYear) ? (
            <Typography.Text type="danger">{t('enterprise.annual.yearExists')}</Typography.Text>
          ) : null}
        </Space>
      </Modal>
    </EnterprisePage>
  );
}
