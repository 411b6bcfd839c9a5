/**
 * `/my/performance-form` — 《广东省强制性清洁生产审核绩效表》(附件1) of the enterprise's mandatory audit, in the
 * form's order: basic information (pre-filled by the platform from the profile and the data year's annual data,
 * read-only here), the judgement fields (审核方式, 纳入名单原因, 轮次, 负责人, 咨询机构联系人, 审核时间, 培训,
 * 审核重点, 填表人), the key options (重点方案简介) with a way to add options, the targets (目标完成情况, editable
 * rows), then the summaries computed by the core on the server (方案汇总, 环境效益汇总, 资源能源节约与经济效益汇总
 * with the CO2 of each saving, notes 13–14) shown read-only with their breakdown (factor, source), and the
 * cleaner-production level (evaluations before/after). Downloads of the filled form as .xlsx and .docx.
 */
import {
  type Api,
  type BodyOf,
  MANDATORY_AUDIT_METHODS,
  MANDATORY_AUDIT_ROUNDS,
  MANDATORY_LISTING_REASONS,
  OPTION_GD_CATEGORY_VALUES,
  type ResponseOf,
} from '@cpaudit/contract';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { apiClient } from '../../api/apiClient.ts';
import { ApiError } from '../../api/client.ts';
import { errorText, useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { FormModal } from '../../components/admin/FormModal.tsx';
import { SourceStatusTag, showFieldError } from '../../components/admin/shared.tsx';
import { BreakdownTree, EnterprisePage, useConflictText } from '../../components/enterprise/common.tsx';
import { useEnterpriseScope } from '../../components/enterprise/EnterpriseScope.tsx';
import { StatusTag } from '../../components/options/StatusTag.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';

type Audit = ResponseOf<Api['getMandatoryAudit']>;
type Target = Audit['targets'][number];
type Performance = ResponseOf<Api['getMandatoryPerformance']>;
type OptionRow = ResponseOf<Api['listMandatoryOptions']>['items'][number];
type Gd = (typeof OPTION_GD_CATEGORY_VALUES)[number];

const WRITER_ROLES = ['platform_admin', 'bureau_staff', 'enterprise_user', 'consultant'];
const MONITORING = ['water', 'groundwater', 'air', 'noise', 'soil', 'environmental_risk'] as const;

interface JudgementForm {
  auditMethod: Audit['auditMethod'];
  listingReasons: Audit['listingReasons'];
  listingReasonOther: string | null;
  round: Audit['round'];
  lastAcceptanceYear: number | null;
  lastAcceptanceMonth: number | null;
  cpLeadName: string | null;
  cpLeadPhone: string | null;
  consultantContactName: string | null;
  consultantContactPhone: string | null;
  startedOn: Dayjs | null;
  finishedOn: Dayjs | null;
  trainingEvents: number | null;
  trainingAttendance: number | null;
  auditFocus: string | null;
  evaluationBeforeId: string | null;
  evaluationAfterId: string | null;
  cpLevelRemark: string | null;
  cpLevelDescription: string | null;
  filledByName: string | null;
  filledOn: Dayjs | null;
}

const JUDGEMENT_FIELDS: readonly (keyof JudgementForm)[] = [
  'auditMethod',
  'listingReasons',
  'listingReasonOther',
  'round',
  'lastAcceptanceYear',
  'lastAcceptanceMonth',
  'cpLeadName',
  'cpLeadPhone',
  'consultantContactName',
  'consultantContactPhone',
  'startedOn',
  'finishedOn',
  'trainingEvents',
  'trainingAttendance',
  'auditFocus',
  'evaluationBeforeId',
  'evaluationAfterId',
  'cpLevelRemark',
  'cpLevelDescription',
  'filledByName',
  'filledOn',
];

const day = (s: string | null) => (s ? dayjs(s) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blank = (s: string | null | undefined) =>
  s === undefined || s === null || s.trim() === '' ? null : s.trim();

function toForm(a: Audit): JudgementForm {
  return {
    auditMethod: a.auditMethod,
    listingReasons: a.listingReasons,
    listingReasonOther: a.listingReasonOther,
    round: a.round,
    lastAcceptanceYear: a.lastAcceptanceYear,
    lastAcceptanceMonth: a.lastAcceptanceMonth,
    cpLeadName: a.cpLeadName,
    cpLeadPhone: a.cpLeadPhone,
    consultantContactName: a.consultantContactName,
    consultantContactPhone: a.consultantContactPhone,
    startedOn: day(a.startedOn),
    finishedOn: day(a.finishedOn),
    trainingEvents: a.trainingEvents,
    trainingAttendance: a.trainingAttendance,
    auditFocus: a.auditFocus,
    evaluationBeforeId: a.evaluationBeforeId,
    evaluationAfterId: a.evaluationAfterId,
    cpLevelRemark: a.cpLevelRemark,
    cpLevelDescription: a.cpLevelDescription,
    filledByName: a.filledByName,
    filledOn: day(a.filledOn),
  };
}

function toBody(v: JudgementForm, version: number): BodyOf<Api['updateMandatoryAudit']> {
  return {
    version,
    auditMethod: v.auditMethod,
    listingReasons: v.listingReasons,
    listingReasonOther: v.listingReasons.includes('other') ? blank(v.listingReasonOther) : null,
    round: v.round,
    lastAcceptanceYear: v.round === 'first' ? null : (v.lastAcceptanceYear ?? null),
    lastAcceptanceMonth: v.round === 'first' ? null : (v.lastAcceptanceMonth ?? null),
    cpLeadName: blank(v.cpLeadName),
    cpLeadPhone: blank(v.cpLeadPhone),
    consultantContactName: blank(v.consultantContactName),
    consultantContactPhone: blank(v.consultantContactPhone),
    startedOn: iso(v.startedOn),
    finishedOn: iso(v.finishedOn),
    trainingEvents: v.trainingEvents ?? null,
    trainingAttendance: v.trainingAttendance ?? null,
    auditFocus: blank(v.auditFocus),
    evaluationBeforeId: v.evaluationBeforeId ?? null,
    evaluationAfterId: v.evaluationAfterId ?? null,
    cpLevelRemark: blank(v.cpLevelRemark),
    cpLevelDescription: blank(v.cpLevelDescription),
    filledByName: blank(v.filledByName),
    filledOn: iso(v.filledOn),
  };
}

function BasicInfo({ audit }: { audit: Audit }) {
  const { t } = useI18n();
  const b = audit.basicInfo;
  const check = (on: boolean, label: string) => `${on ? '☑' : '☐'} ${label}`;
  return (
    <Card
      title={t('enterprise.form.basic')}
      extra={<Link to="/my/profile">{t('enterprise.form.editSources')}</Link>}
    >
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, lg: 2 }}
        items={[
          { key: 'name', label: t('enterprise.profile.name'), children: b.enterpriseName },
          { key: 'address', label: t('enterprise.profile.address'), children: b.address ?? '—' },
          {
            key: 'industry',
            label: t('enterprise.form.industry'),
            children: b.industryGroup ? b.industryGroup.label : b.industryCode,
          },
          { key: 'year', label: t('enterprise.form.dataYear'), children: b.dataYear },
          {
            key: 'gross',
            label: t('enterprise.form.grossOutput'),
            children: formatNumber(b.grossOutput_wanYuan, 2),
          },
          {
            key: 'added',
            label: t('enterprise.form.valueAdded'),
            children: formatNumber(b.valueAdded_wanYuan, 2),
          },
          {
            key: 'park',
            label: t('enterprise.form.park'),
            children: b.inIndustrialPark
              ? `${check(true, t('enterprise.yes'))}，${t('enterprise.form.parkName')}：${b.industrialParkName ?? ''}`
              : check(true, t('enterprise.no')),
          },
          {
            key: 'key',
            label: t('enterprise.form.keyUnit'),
            children: (
              <Flex vertical>
                <span>
                  {`${check(b.keyMonitoringUnit, t('enterprise.yes'))}　${check(!b.keyMonitoringUnit, t('enterprise.no'))}`}
                </span>
                <span>
                  {MONITORING.map((m) =>
                    check(b.keyMonitoringTypes.includes(m), t(`enterprise.monitoring.${m}`)),
                  ).join('　')}
                </span>
              </Flex>
            ),
          },
          {
            key: 'permit',
            label: t('enterprise.form.permit'),
            children: (['key', 'simplified', 'registration'] as const)
              .map((p) => check(b.permitClass === p, t(`enterprise.permit.${p}`)))
              .join('　'),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('enterprise.form.products')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(r) => r.name}
        pagination={false}
        dataSource={b.products}
        columns={[
          { key: 'name', title: t('enterprise.profile.productName'), render: (_, r) => r.name },
          {
            key: 'output',
            title: t('enterprise.form.output', { year: b.dataYear }),
            align: 'right',
            render: (_, r) => (r.output === null ? '—' : `${formatNumber(r.output, 0)} ${r.unit ?? ''}`),
          },
          {
            key: 'capacity',
            title: t('enterprise.profile.capacity'),
            align: 'right',
            render: (_, r) =>
              r.capacity === null ? '—' : `${formatNumber(r.capacity, 0)} ${r.capacityUnit ?? ''}`,
          },
        ]}
      />
      {b.notes.length > 0 ? (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={b.notes.join('；')} />
      ) : null}
    </Card>
  );
}

function JudgementCard(props: {
  audit: Audit;
  mayWrite: boolean;
  onSaved: (a: Audit) => void;
  onConflict: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const conflictText = useConflictText();
  const [form] = Form.useForm<JudgementForm>();
  const [busy, setBusy] = useState(false);
  const a = props.audit;
  const evaluations = useApi('listEvaluations', { query: { enterpriseId: a.enterpriseId, limit: 100 } });
  useEffect(() => form.setFieldsValue(toForm(a)), [a, form]);
  const reasons = Form.useWatch('listingReasons', form) ?? a.listingReasons;
  const round = Form.useWatch('round', form) ?? a.round;

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const saved = await apiClient.call('updateMandatoryAudit', {
        params: { id: a.id },
        body: toBody(v, a.version),
      });
      void message.success(t('enterprise.saved'));
      props.onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) props.onConflict();
      if (!showFieldError(form, e, JUDGEMENT_FIELDS)) void message.error(conflictText(e));
    } finally {
      setBusy(false);
    }
  };

  const evalOptions = (evaluations.data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${e.year ?? ''} ${t(`enterprise.basis.${e.basis}`)} · ${e.systemName} · ${e.grade ?? '—'}`,
  }));
  const ro = !props.mayWrite;
  return (
    <Form<JudgementForm> form={form} layout="vertical" initialValues={toForm(a)} disabled={ro}>
      <Card
        title={t('enterprise.form.judgement')}
        extra={
          props.mayWrite ? (
            <Button type="primary" onClick={save} loading={busy}>
              {t('enterprise.form.save')}
            </Button>
          ) : null
        }
      >
        <Flex wrap gap={24}>
          <Form.Item name="auditMethod" label={t('enterprise.form.method')}>
            <Radio.Group
              options={MANDATORY_AUDIT_METHODS.map((m) => ({
                value: m,
                label: t(`enterprise.form.method.${m}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="listingReasons" label={t('enterprise.form.reasons')}>
            <Checkbox.Group
              options={MANDATORY_LISTING_REASONS.map((r) => ({
                value: r,
                label: t(`enterprise.form.reason.${r}`),
              }))}
            />
          </Form.Item>
          {reasons.includes('other') ? (
            <Form.Item
              name="listingReasonOther"
              label={t('enterprise.form.reasonOther')}
              rules={[{ required: true }]}
            >
              <Input maxLength={200} style={{ width: 260 }} />
            </Form.Item>
          ) : null}
        </Flex>
        <Flex wrap gap={24}>
          <Form.Item name="round" label={t('enterprise.form.round')}>
            <Radio.Group
              options={MANDATORY_AUDIT_ROUNDS.map((r) => ({
                value: r,
                label: t(`enterprise.form.round.${r}`),
              }))}
            />
          </Form.Item>
          {round === 'first' ? null : (
            <Space>
              <Form.Item name="lastAcceptanceYear" label={t('enterprise.form.lastAcceptanceYear')}>
                <InputNumber min={1990} max={2100} precision={0} />
              </Form.Item>
              <Form.Item name="lastAcceptanceMonth" label={t('enterprise.form.lastAcceptanceMonth')}>
                <InputNumber min={1} max={12} precision={0} />
              </Form.Item>
            </Space>
          )}
        </Flex>
        <Flex wrap gap={24}>
          <Form.Item name="cpLeadName" label={t('enterprise.form.cpLead')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="cpLeadPhone" label={t('enterprise.form.phone')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item label={t('enterprise.form.firm')}>
            <Typography.Text>{a.consultingFirmName ?? '—'}</Typography.Text>
          </Form.Item>
          <Form.Item name="consultantContactName" label={t('enterprise.form.firmContact')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="consultantContactPhone" label={t('enterprise.form.phone')}>
            <Input maxLength={40} />
          </Form.Item>
        </Flex>
        <Flex wrap gap={24}>
          <Form.Item name="startedOn" label={t('enterprise.form.startedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="finishedOn" label={t('enterprise.form.finishedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="trainingEvents" label={t('enterprise.form.trainingEvents')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="trainingAttendance" label={t('enterprise.form.trainingAttendance')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="auditFocus"
          label={t('enterprise.form.focus')}
          extra={t('enterprise.form.focusNote')}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Typography.Title level={5}>{t('enterprise.form.cpLevel')}</Typography.Title>
        <Flex wrap gap={24}>
          <Form.Item name="evaluationBeforeId" label={t('enterprise.form.before')}>
            <Select allowClear style={{ width: 380 }} options={evalOptions} />
          </Form.Item>
          <Form.Item name="evaluationAfterId" label={t('enterprise.form.after')}>
            <Select allowClear style={{ width: 380 }} options={evalOptions} />
          </Form.Item>
          <Form.Item name="cpLevelRemark" label={t('enterprise.form.remark')}>
            <Input maxLength={500} style={{ width: 260 }} />
          </Form.Item>
        </Flex>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          style={{ marginBottom: 16 }}
          dataSource={[
            {
              key: 'index',
              label: t('enterprise.form.compositeIndex'),
              before: a.evaluationBefore,
              after: a.evaluationAfter,
            },
            {
              key: 'grade',
              label: t('enterprise.form.grade'),
              before: a.evaluationBefore,
              after: a.evaluationAfter,
            },
          ]}
          columns={[
            { key: 'label', title: '', render: (_, r) => r.label },
            ...(['before', 'after'] as const).map((k) => ({
              key: k,
              title: t(`enterprise.form.${k}`),
              render: (
                _: unknown,
                r: { key: string; before: Audit['evaluationBefore']; after: Audit['evaluationAfter'] },
              ) => {
                const e = r[k];
                if (!e) return '—';
                return r.key === 'index'
                  ? `Y_Ⅰ ${formatNumber(e.yI, 2)} / Y_Ⅱ ${formatNumber(e.yII, 2)} / Y_Ⅲ ${formatNumber(e.yIII, 2)}`
                  : (e.grade ?? '—');
              },
            })),
          ]}
        />
        <Form.Item name="cpLevelDescription" label={t('enterprise.form.noSystem')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Flex wrap gap={24}>
          <Form.Item name="filledByName" label={t('enterprise.form.filledBy')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="filledOn" label={t('enterprise.form.filledOn')}>
            <DatePicker />
          </Form.Item>
        </Flex>
      </Card>
    </Form>
  );
}

type OptionForm = BodyOf<Api['createMandatoryOption']>;

function KeyOptions({
  audit,
  mayWrite,
  onChanged,
}: {
  audit: Audit;
  mayWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const options = useApi('listMandatoryOptions', { params: { id: audit.id }, query: { limit: 500 } });
  const [adding, setAdding] = useState(false);
  const rows = options.data?.items ?? [];
  const gd = (c: Gd | null) => (c ? t(`enterprise.gd.${c}`) : '—');
  return (
    <Card
      title={t('enterprise.form.keyOptions')}
      extra={
        mayWrite ? <Button onClick={() => setAdding(true)}>{t('enterprise.form.addOption')}</Button> : null
      }
    >
      {options.error ? <Alert type="error" showIcon title={errorText(options.error)} /> : null}
      <Table<OptionRow>
        size="small"
        rowKey={(r) => r.id}
        pagination={false}
        dataSource={rows.filter((r) => r.isKey)}
        locale={{ emptyText: t('enterprise.form.noKeyOptions') }}
        columns={[
          {
            key: 'name',
            title: t('enterprise.form.optionName'),
            render: (_, r) => <Link to={`/options/${r.id}`}>{r.name}</Link>,
          },
          { key: 'cat', title: t('enterprise.form.optionCategory'), render: (_, r) => gd(r.gdCategory) },
          { key: 'points', title: t('enterprise.form.keyPoints'), render: (_, r) => r.keyPoints ?? '—' },
          {
            key: 'env',
            title: t('enterprise.form.envBenefit'),
            render: (_, r) => r.environmentalBenefitText ?? '—',
          },
          {
            key: 'eco',
            title: t('enterprise.form.ecoBenefit'),
            render: (_, r) =>
              r.economicBenefitText ??
              formatNumber(
                r.economicBenefitActual_wanYuanPerYear ?? r.economicBenefitExpected_wanYuanPerYear,
                2,
              ),
          },
          {
            key: 'inv',
            title: t('enterprise.form.investment'),
            align: 'right',
            render: (_, r) => formatNumber(r.investmentActual_wanYuan, 2),
          },
          {
            key: 'status',
            title: t('enterprise.options.status'),
            render: (_, r) => <StatusTag status={r.status} />,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('enterprise.form.generalCount', { n: rows.filter((r) => !r.isKey).length })}
      </Typography.Paragraph>
      <FormModal<OptionForm>
        open={adding}
        title={t('enterprise.form.addOption')}
        fields={[
          'name',
          'gdCategory',
          'keyPoints',
          'isKey',
          'investmentPlanned_wanYuan',
          'environmentalBenefitText',
          'economicBenefitText',
        ]}
        initialValues={{ isKey: true }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await apiClient.call('createMandatoryOption', { params: { id: audit.id }, body: v });
          options.reload();
          onChanged();
        }}
      >
        <Form.Item name="name" label={t('enterprise.form.optionName')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="gdCategory" label={t('enterprise.form.optionCategory')}>
            <Select
              style={{ width: 200 }}
              options={OPTION_GD_CATEGORY_VALUES.map((c) => ({ value: c, label: gd(c) }))}
            />
          </Form.Item>
          <Form.Item name="isKey" label={t('enterprise.form.isKey')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="investmentPlanned_wanYuan" label={t('enterprise.form.plannedInvestment')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
        <Form.Item
          name="keyPoints"
          label={t('enterprise.form.keyPoints')}
          extra={t('enterprise.form.keyPointsNote')}
        >
          <Input.TextArea rows={2} maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="environmentalBenefitText" label={t('enterprise.form.envBenefit')}>
          <Input maxLength={2000} />
        </Form.Item>
        <Form.Item name="economicBenefitText" label={t('enterprise.form.ecoBenefit')}>
          <Input maxLength={2000} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

type TargetForm = Omit<BodyOf<Api['createMandatoryAuditTarget']>, 'version'>;

function Targets({ audit, mayWrite, onChanged }: { audit: Audit; mayWrite: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const conflictText = useConflictText();
  const [editing, setEditing] = useState<Target | 'new' | undefined>();
  return (
    <Card
      title={t('enterprise.form.targets')}
      extra={mayWrite ? <Button onClick={() => setEditing('new')}>{t('enterprise.add')}</Button> : null}
    >
      <Table<Target>
        size="small"
        rowKey={(r) => r.id}
        pagination={false}
        dataSource={audit.targets}
        locale={{ emptyText: t('enterprise.form.noTargets') }}
        columns={[
          {
            key: 'ind',
            title: t('enterprise.form.targetIndicator'),
            render: (_, r) => `${r.indicator}（${r.unit}）`,
          },
          {
            key: 'before',
            title: t('enterprise.form.before'),
            align: 'right',
            render: (_, r) => formatNumber(r.beforeValue, 3),
          },
          {
            key: 'after',
            title: t('enterprise.form.after'),
            align: 'right',
            render: (_, r) => formatNumber(r.afterValue, 3),
          },
          {
            key: 'near',
            title: t('enterprise.form.nearTerm'),
            align: 'right',
            render: (_, r) => formatNumber(r.nearTermTarget, 3),
          },
          ...(mayWrite
            ? [
                {
                  key: 'actions',
                  title: t('enterprise.actions'),
                  render: (_: unknown, r: Target) => (
                    <Space>
                      <Button size="small" type="link" onClick={() => setEditing(r)}>
                        {t('enterprise.edit')}
                      </Button>
                      <Popconfirm
                        title={t('enterprise.deleteConfirm')}
                        onConfirm={() =>
                          apiClient
                            .call('deleteMandatoryAuditTarget', {
                              params: { id: audit.id, targetId: r.id },
                              query: { version: r.version },
                            })
                            .then(onChanged, (e: unknown) => {
                              void message.error(conflictText(e));
                              onChanged();
                            })
                        }
                      >
                        <Button size="small" type="link" danger>
                          {t('enterprise.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<TargetForm>
        open={editing !== undefined}
        title={t('enterprise.form.targets')}
        fields={['indicator', 'unit', 'beforeValue', 'afterValue', 'nearTermTarget']}
        initialValues={
          editing && editing !== 'new'
            ? {
                indicator: editing.indicator,
                unit: editing.unit,
                beforeValue: editing.beforeValue,
                afterValue: editing.afterValue,
                nearTermTarget: editing.nearTermTarget,
              }
            : undefined
        }
        onClose={() => setEditing(undefined)}
        onSubmit={async (v) => {
          try {
            if (editing && editing !== 'new')
              await apiClient.call('updateMandatoryAuditTarget', {
                params: { id: audit.id, targetId: editing.id },
                body: { ...v, version: editing.version },
              });
            else await apiClient.call('createMandatoryAuditTarget', { params: { id: audit.id }, body: v });
          } catch (e) {
            if (e instanceof ApiError && e.status === 409) {
              onChanged();
              throw new Error(conflictText(e));
            }
            throw e;
          }
          onChanged();
        }}
      >
        <Space wrap>
          <Form.Item name="indicator" label={t('enterprise.form.targetName')} rules={[{ required: true }]}>
            <Input maxLength={200} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="unit" label={t('enterprise.annual.unit')} rules={[{ required: true }]}>
            <Input maxLength={40} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="beforeValue" label={t('enterprise.form.before')}>
            <InputNumber />
          </Form.Item>
          <Form.Item name="afterValue" label={t('enterprise.form.after')}>
            <InputNumber />
          </Form.Item>
          <Form.Item name="nearTermTarget" label={t('enterprise.form.nearTerm')}>
            <InputNumber />
          </Form.Item>
        </Space>
      </FormModal>
    </Card>
  );
}

function SummaryTable(props: {
  title: string;
  columns: Performance['totals']['environmentalSummary']['columns'];
  rows: Performance['totals']['environmentalSummary']['rows'];
}) {
  const { t } = useI18n();
  // The printed columns of the form, plus any other column with a non-zero value (notes 12–13: 根据实际情况填写).
  const shown = props.columns.filter(
    (c) => c.printed || props.rows.some((r) => (r.values[c.key] ?? 0) !== 0),
  );
  return (
    <section aria-label={props.title}>
      <Typography.Title level={5}>{props.title}</Typography.Title>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey={(r) => r.key}
        dataSource={props.rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'label', title: t('enterprise.form.optionKind'), fixed: 'left', render: (_, r) => r.label },
          ...shown.map((c) => ({
            key: c.key,
            title: c.label,
            align: 'right' as const,
            render: (_: unknown, r: (typeof props.rows)[number]) => formatNumber(r.values[c.key], 2),
          })),
        ]}
      />
    </section>
  );
}

function Totals({ audit }: { audit: Audit }) {
  const { t } = useI18n();
  const candidates = [audit.dataYear, audit.dataYear - 1, audit.dataYear - 2, audit.dataYear - 3];
  const [chosen, setChosen] = useState<number | undefined>();
  // Note 13 asks for the data year's regional grid factor; when it is not published yet the server takes the
  // newest earlier one (and says so in the factor's note) until the user picks a year.
  const state = useApi('getMandatoryPerformance', {
    params: { id: audit.id },
    query: chosen === undefined ? {} : { gridDataYear: chosen },
  });
  const perf = { data: state.data, error: state.error };
  const gridYear = perf.data?.gridFactor.dataYear ?? chosen ?? audit.dataYear;
  const p = perf.data;
  const summary = p?.totals.optionSummary;
  const kinds = ['key', 'general', 'total'] as const;
  return (
    <Card title={t('enterprise.form.totals')}>
      <Flex vertical gap={16}>
        <Space wrap>
          <Typography.Text>{t('enterprise.form.gridYear')}</Typography.Text>
          <Select
            aria-label={t('enterprise.form.gridYear')}
            style={{ width: 120 }}
            value={gridYear}
            onChange={(y: number) => setChosen(y)}
            options={candidates.map((y) => ({ value: y, label: String(y) }))}
          />
          {p ? (
            <Typography.Text>
              {t('enterprise.form.gridFactor', {
                region: p.gridFactor.region,
                year: p.gridFactor.dataYear,
                value: formatNumber(p.gridFactor.value_tCO2PerMWh, 4),
              })}
              （{p.gridFactor.source.document}）
            </Typography.Text>
          ) : null}
          {p ? <SourceStatusTag status={p.gridFactor.source.status} note={p.gridFactor.source.note} /> : null}
        </Space>
        {p && p.gridFactor.dataYear !== audit.dataYear ? (
          <Alert
            type="warning"
            showIcon
            title={t('enterprise.form.gridFallback', {
              dataYear: audit.dataYear,
              used: p.gridFactor.dataYear,
            })}
          />
        ) : null}
        {perf.error ? <Alert type="error" showIcon title={errorText(perf.error)} /> : null}
        {summary ? (
          <section aria-label={t('enterprise.form.optionSummary')}>
            <Typography.Title level={5}>{t('enterprise.form.optionSummary')}</Typography.Title>
            <Table
              size="small"
              bordered
              pagination={false}
              rowKey="key"
              dataSource={[
                { key: 'count', label: t('enterprise.form.count') },
                { key: 'investment', label: t('enterprise.form.investmentWan') },
              ]}
              columns={[
                { key: 'label', title: '', render: (_, r) => r.label },
                ...(['proposed', 'implemented'] as const).map((phase) => ({
                  key: phase,
                  title: t(`enterprise.form.${phase}`),
                  children: kinds.map((k) => ({
                    key: `${phase}-${k}`,
                    title: t(`enterprise.form.kind.${k}`),
                    align: 'right' as const,
                    render: (_: unknown, r: { key: string }) => {
                      const cell = summary[phase][k];
                      if (!cell) return '—';
                      return r.key === 'count'
                        ? formatNumber(cell.count, 0)
                        : formatNumber(cell.investment_wanYuan, 2);
                    },
                  })),
                })),
              ]}
            />
          </section>
        ) : null}
        {p ? (
          <>
            <SummaryTable
              title={t('enterprise.form.envSummary')}
              columns={p.totals.environmentalSummary.columns}
              rows={p.totals.environmentalSummary.rows}
            />
            <SummaryTable
              title={t('enterprise.form.savingsSummary')}
              columns={p.totals.savingsSummary.columns}
              rows={p.totals.savingsSummary.rows}
            />
            {p.notes.length > 0 ? (
              <Alert
                type="info"
                showIcon
                title={t('enterprise.form.notes')}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {p.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                }
              />
            ) : null}
            <Collapse
              items={[
                {
                  key: 'b',
                  label: t('enterprise.breakdown.title'),
                  children: <BreakdownTree breakdown={p.breakdown} label={t('enterprise.breakdown.title')} />,
                },
              ]}
            />
          </>
        ) : null}
      </Flex>
    </Card>
  );
}

function FormBody({ id }: { id: string }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const mayWrite = me.roles.some((r) => WRITER_ROLES.includes(r.role));
  const audit = useApi('getMandatoryAudit', { params: { id } });
  const [saved, setSaved] = useState<Audit | undefined>();
  useEffect(() => setSaved(undefined), [audit.data]);
  const a = saved ?? audit.data;
  if (audit.error) return <Alert type="error" showIcon title={errorText(audit.error)} />;
  if (!a) return null;
  const locked = a.status === 'submitted' || a.status === 'accepted';
  const writable = mayWrite && !locked;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Typography.Text strong>{t('enterprise.form.auditOf', { year: a.dataYear })}</Typography.Text>
          <Tag>{t(`enterprise.form.status.${a.status}`)}</Tag>
          {a.bureauName ? <Typography.Text type="secondary">{a.bureauName}</Typography.Text> : null}
        </Space>
        <Space>
          <Button href={apiClient.url('downloadMandatoryFormXlsx', { params: { id: a.id } })}>
            {t('enterprise.form.downloadXlsx')}
          </Button>
          <Button href={apiClient.url('downloadMandatoryFormDocx', { params: { id: a.id } })}>
            {t('enterprise.form.downloadDocx')}
          </Button>
        </Space>
      </Flex>
      {a.missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('enterprise.form.missing', {
            fields: a.missing
              .map((m) => (m in MISSING_KEYS ? t(MISSING_KEYS[m as keyof typeof MISSING_KEYS]) : m))
              .join('、'),
          })}
        />
      ) : null}
      {a.reviewNote ? <Alert type="info" showIcon title={a.reviewNote} /> : null}
      <BasicInfo audit={a} />
      <JudgementCard audit={a} mayWrite={writable} onSaved={setSaved} onConflict={audit.reload} />
      <KeyOptions audit={a} mayWrite={writable} onChanged={audit.reload} />
      <Targets audit={a} mayWrite={writable} onChanged={audit.reload} />
      <Totals audit={a} />
      <Typography.Text type="secondary">
        {t('enterprise.form.updatedAt', { date: formatDate(a.updatedAt) })}
      </Typography.Text>
    </Flex>
  );
}

const MISSING_KEYS = {
  auditFocus: 'enterprise.form.focus',
  finishedOn: 'enterprise.form.finishedOn',
  startedOn: 'enterprise.form.startedOn',
  filledByName: 'enterprise.form.filledBy',
  filledOn: 'enterprise.form.filledOn',
  cpLevel: 'enterprise.form.cpLevel',
  cpLeadName: 'enterprise.form.cpLead',
  trainingEvents: 'enterprise.form.trainingEvents',
  trainingAttendance: 'enterprise.form.trainingAttendance',
} as const;

export default function PerformanceFormPage() {
  const { t } = useI18n();
  const scope = useEnterpriseScope();
  const enterpriseId = scope.enterprise?.id;
  const audits = useApi(
    'listMandatoryAudits',
    enterpriseId ? { query: { enterpriseId, sort: 'updatedAt', order: 'desc', limit: 100 } } : null,
  );
  const [chosen, setChosen] = useState<string | undefined>();
  const items = audits.data?.items ?? [];
  const id = chosen ?? items[0]?.id;
  return (
    <EnterprisePage
      title={t('enterprise.form.title')}
      description={t('enterprise.form.intro')}
      scope={scope}
      error={audits.error}
      loading={!audits.data}
      extra={
        items.length > 1 ? (
          <Select
            aria-label={t('enterprise.form.which')}
            style={{ width: 220 }}
            value={id}
            onChange={(v: string) => setChosen(v)}
            options={items.map((m) => ({
              value: m.id,
              label: t('enterprise.form.auditOf', { year: m.dataYear }),
            }))}
          />
        ) : null
      }
    >
      {items.length === 0 ? <Alert type="info" showIcon title={t('enterprise.form.none')} /> : null}
      {id ? <FormBody key={id} id={id} /> : null}
    </EnterprisePage>
  );
}
